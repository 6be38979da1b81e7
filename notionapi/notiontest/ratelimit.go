package notiontest

import (
	"math"
	"strconv"
	"time"
)

// bucket is a token bucket refilled at rate tokens per second up to
// burst = ceil(rate). A zero rate means no limit.
type bucket struct {
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
}

func (b *bucket) setRate(rps float64, now time.Time) {
	if rps < 0 || math.IsNaN(rps) || math.IsInf(rps, 0) {
		rps = 0
	}
	b.rate = rps
	b.burst = math.Ceil(rps)
	b.tokens = b.burst
	b.last = now
}

// take spends a token, or says how long until one is available.
func (b *bucket) take(now time.Time) (ok bool, wait time.Duration) {
	if b.rate == 0 {
		return true, 0
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = math.Min(b.burst, b.tokens+elapsed*b.rate)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
}

// checkRate spends a token of the shared bucket or returns Notion's 429.
func (s *Server) checkRate() *apiError {
	s.mu.Lock()
	ok, wait := s.limiter.take(time.Now())
	s.mu.Unlock()
	if ok {
		return nil
	}
	seconds := strconv.Itoa(max(1, int(math.Ceil(wait.Seconds()))))
	return &apiError{
		status:  429,
		code:    codeRateLimited,
		message: msgRateLimited,
		additional: obj{
			{"rate_limit_reason", rateLimitReasonPerToken},
			{"retry_after", seconds},
		},
		retryAfter: seconds,
	}
}

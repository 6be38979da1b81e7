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

// checkRate applies the rate limits to a request of a connection (its
// token): the workspace limit of TokenWorkspaceLimited, the connection's
// window budget, then the shared bucket of Options.Rate.
func (s *Server) checkRate(who *principal, conn string) *apiError {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if who.workspaceLimited {
		if ok, wait := s.workspace.take(now); !ok {
			return rateLimited(rateLimitReasonWorkspace, wait)
		}
	}
	budget := who.budget
	if budget == 0 {
		budget = s.windowBudget
	}
	if budget > 0 {
		w := s.windows[conn]
		if w == nil {
			w = &rateWindow{}
			s.windows[conn] = w
		}
		if ok, wait := w.take(budget, now); !ok {
			return rateLimited(rateLimitReasonPerToken, wait)
		}
	}
	if ok, wait := s.limiter.take(now); !ok {
		return rateLimited(rateLimitReasonPerToken, wait)
	}
	return nil
}

// rateWindow is Notion's per-connection limit: a budget of requests per
// fixed 60-second window that starts with the window's first request
// (D:reference/request-limits).
type rateWindow struct {
	start time.Time
	used  int
}

// windowLength is the length of Notion's rate limit window.
const windowLength = 60 * time.Second

// take spends one request of the window, or says how long until it
// resets.
func (w *rateWindow) take(budget int, now time.Time) (ok bool, wait time.Duration) {
	if w.start.IsZero() || !now.Before(w.start.Add(windowLength)) {
		w.start, w.used = now, 0
	}
	if w.used < budget {
		w.used++
		return true, 0
	}
	return false, w.start.Add(windowLength).Sub(now)
}

// workspaceLimit plays the per-workspace limit of TokenWorkspaceLimited:
// refused for workspaceBlock, then open for windowLength, in turn.
type workspaceLimit struct {
	blockedUntil, openUntil time.Time
}

// workspaceBlock is the Retry-After of the workspace limit: over a
// minute, which Notion documents only the workspace limit can give.
const workspaceBlock = 90 * time.Second

func (w *workspaceLimit) take(now time.Time) (ok bool, wait time.Duration) {
	switch {
	case now.Before(w.blockedUntil):
		return false, w.blockedUntil.Sub(now)
	case now.Before(w.openUntil):
		return true, 0
	}
	w.blockedUntil = now.Add(workspaceBlock)
	w.openUntil = w.blockedUntil.Add(windowLength)
	return false, workspaceBlock
}

// Reasons of a 429 (additional_data.rate_limit_reason).
const (
	rateLimitReasonWorkspace = "public_api_space_request_rate_limit"
)

// rateLimited is Notion's 429 with a Retry-After of wait, rounded up to
// whole seconds.
func rateLimited(reason string, wait time.Duration) *apiError {
	seconds := strconv.Itoa(max(1, int(math.Ceil(wait.Seconds()))))
	return &apiError{
		status:  429,
		code:    codeRateLimited,
		message: msgRateLimited,
		additional: obj{
			{"rate_limit_reason", reason},
			{"retry_after", seconds},
		},
		retryAfter: seconds,
	}
}

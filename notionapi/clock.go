package notionapi

import (
	"net/http"
	"sync"
	"time"
)

// ClockSkew is how far the server's clock is from this machine's, as the
// Date headers of its answers show. Timestamps Notion writes (a page's
// created_time) are on its clock: ServerTime converts a local time to it.
type ClockSkew struct {
	// Offset is the server's time minus the local time: positive when
	// the local clock is behind.
	Offset time.Duration
	// Uncertainty bounds the error: the true offset lies within Offset ±
	// Uncertainty. It is half a second (the Date header has whole
	// seconds) plus half the round trip of the answers measured, at
	// best.
	Uncertainty time.Duration
	// Samples is how many answers the measure agrees with.
	Samples int
}

// ServerTime is the server's time when the local clock read local.
func (s ClockSkew) ServerTime(local time.Time) time.Time { return local.Add(s.Offset) }

// Earliest is the earliest server time that local can be, allowing for
// the uncertainty.
func (s ClockSkew) Earliest(local time.Time) time.Time {
	return local.Add(s.Offset - s.Uncertainty)
}

// ClockSkew returns the offset of the server's clock measured from the
// Date headers of the answers so far; ok is false before any answer with
// a Date header.
func (c *Client) ClockSkew() (skew ClockSkew, ok bool) { return c.clock.get() }

// clock keeps the interval the server's clock offset lies in. Each answer
// bounds it: the server wrote Date (whole seconds, rounded down) between
// the local times the request was sent and its answer arrived, so
//
//	Date − received ≤ offset < Date + 1s − sent.
//
// The intervals of successive answers are intersected, which narrows the
// measure to the best round trip seen; an answer that does not fit the
// interval (a clock was set meanwhile) starts it again.
type clock struct {
	mu     sync.Mutex
	lo, hi time.Duration
	n      int
}

// observe records the Date header of an answer to a request sent at sent
// whose headers arrived at received (local wall clock).
func (k *clock) observe(date string, sent, received time.Time) {
	if date == "" {
		return
	}
	at, err := http.ParseTime(date)
	if err != nil {
		return
	}
	// at has no monotonic reading, so these differences are of wall
	// clocks, as wanted.
	lo, hi := at.Sub(received), at.Add(time.Second).Sub(sent)
	if hi < lo {
		return // the local clock went back during the request
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	nlo, nhi := max(k.lo, lo), min(k.hi, hi)
	if k.n == 0 || nlo > nhi {
		k.lo, k.hi, k.n = lo, hi, 1
		return
	}
	k.lo, k.hi = nlo, nhi
	k.n++
}

func (k *clock) get() (ClockSkew, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.n == 0 {
		return ClockSkew{}, false
	}
	return ClockSkew{Offset: (k.lo + k.hi) / 2, Uncertainty: (k.hi - k.lo + 1) / 2, Samples: k.n}, true
}

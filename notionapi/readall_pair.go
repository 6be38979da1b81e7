package notionapi

// Pairs: a window read from both ends. An idle worker that takes over
// the rest of a running chain's window reads it from the top down, in
// created_time descending order, until the two chains meet. No guess of
// where the rows lie decides how the rest is shared: the two chains end
// together, within a round trip, however the rows are spread, and the
// meeting costs one part-filled page, as a window's end does.
//
// Invariants, with A the key of the upward chain's last row and D that
// of the downward chain's lowest row: the upward chain has seen every row
// of the range below A and some at A; the downward one every row above D
// and some at D. They have met when one sees a row past the other's key;
// the rows both saw at the meeting instant are handed over once. The
// downward chain's rows are held until it ends, then handed over in
// created_time order after the upward chain's.

import (
	"slices"
	"time"
)

// pairLocked starts a downward chain for the rest of s's range, above
// what s has read.
func (r *reader[T]) pairLocked(i int) *segment[T] {
	s := r.segs[i]
	d := &segment[T]{key: byCreated, desc: true, lo: s.from(), hi: s.stop, skip: s.skip, partner: s}
	s.partner, s.sized = d, false
	r.insertLocked(i+1, d)
	return d
}

// pairsLocked says whether new windows are read from both ends: in
// created_time order, when at least four chains read at once. A window
// then ends in half the round trips, so that the windows ahead of the
// consumer's hold half the rows in the read-ahead, and a window of two
// chains has one part-filled page where two windows would have two.
// (A small read splits for its wall time instead, see stealLocked.)
func (r *reader[T]) pairsLocked(w int) bool {
	return !r.opt.Unordered && w >= 4 && r.topKnown && !r.smallLocked()
}

// lanesLocked is the number of windows w chains read at once.
func (r *reader[T]) lanesLocked(w int) int {
	if r.pairsLocked(w) {
		return max(2, w/2)
	}
	return w
}

// pairOf is the upward and the downward chain of s's pair.
func pairOf[T any](s *segment[T]) (up, down *segment[T]) {
	if s.desc {
		return s.partner, s
	}
	return s, s.partner
}

// orphaned says that a downward chain was ended by its partner, which has
// read the rest of the range, while its own page was on its way.
func (s *segment[T]) orphaned() bool {
	return s.desc && s.partner == nil && !s.done
}

// pastPartnerLocked says whether a row with key k, read by s's chain, is
// one its partner has read past: the two chains have met.
func (r *reader[T]) pastPartnerLocked(s *segment[T], k time.Time) bool {
	p := s.partner
	if p == nil || p.seen == 0 {
		return false
	}
	if s.desc {
		return k.Before(p.progress)
	}
	return k.After(p.progress)
}

// metLocked ends a pair whose chain s has read the rest of the range: the
// rows both chains saw at the meeting instant are kept once, and the
// partner ends (at once, or when its page on the way comes back).
func (r *reader[T]) metLocked(s *segment[T]) {
	up, down := pairOf(s)
	up.partner, down.partner = nil, nil
	if !s.desc {
		// The upward chain saw every row up to D.
		r.cedeLocked(up, down)
		r.endLocked(down)
		return
	}
	// The downward chain saw every row down to A: the upward one takes
	// nothing more at or past A, and the rows at A it handed over are not
	// handed over again.
	if up.seen == 0 {
		up.stop = minTime(up.stop, down.lo)
	} else {
		at := up.progress
		seen := make(map[string]bool, len(up.atProgress))
		for _, m := range up.atProgress {
			seen[m.id] = true
		}
		r.dropHeldLocked(down, func(m rowMeta) bool { return up.keyOf(m).Equal(at) && seen[m.id] })
		up.stop = minTime(up.stop, at)
	}
	r.endLocked(up)
}

// unpairLocked parts a pair one of whose chains reached the per-query
// result cap: the downward chain keeps the rows above D and ends; the
// upward one reads the rest, up to D included.
func (r *reader[T]) unpairLocked(s *segment[T]) {
	up, down := pairOf(s)
	up.partner, down.partner = nil, nil
	r.cedeLocked(up, down)
	if !s.desc {
		r.endLocked(down)
	}
}

// cedeLocked leaves the downward chain the rows above its lowest instant
// D, and the upward one every row up to D included, which it has read or
// reads: the downward chain lets go of its rows at D.
func (r *reader[T]) cedeLocked(up, down *segment[T]) {
	if down.seen == 0 {
		return // it holds no rows
	}
	at := down.progress
	r.dropHeldLocked(down, func(m rowMeta) bool { return down.keyOf(m).Equal(at) })
	up.stop = minTime(up.stop, at.Add(time.Millisecond))
}

// endLocked ends a chain whose rows its partner has read: now, or, with
// its page on the way, when that page comes back (a downward chain's is
// then orphaned; an upward chain's stops at its new stop).
func (r *reader[T]) endLocked(s *segment[T]) {
	if !s.done && !s.running {
		r.doneLocked(s)
	}
}

// dropHeldLocked lets go of the held rows of a downward chain that drop
// says its partner handed over.
func (r *reader[T]) dropHeldLocked(s *segment[T], drop func(rowMeta) bool) {
	n := len(s.rows)
	s.rows = slices.DeleteFunc(s.rows, func(row T) bool { return drop(r.meta(&row)) })
	r.buffered -= n - len(s.rows)
}

// releaseDescLocked hands over an ended downward chain's rows, in
// created_time order.
func (r *reader[T]) releaseDescLocked(s *segment[T]) {
	slices.Reverse(s.rows)
	if r.opt.Unordered {
		r.queue = append(r.queue, s.rows...)
		s.rows = nil
	}
}

// pairWaitLocked says whether a chain of a pair should not ask for its
// next page: its partner's page on the way likely holds every row left
// between them, so that a page of its own would read rows twice.
func (r *reader[T]) pairWaitLocked(s *segment[T]) bool {
	if p := s.partner; p == nil || !p.inflight || s.inflight {
		return false
	}
	up, down := pairOf(s)
	if up.seen == 0 || down.seen == 0 {
		return false
	}
	left := r.chainDensityLocked(up) * float64(down.progress.Sub(up.progress))
	limit := float64(MaxPageSize) - r.slackLocked(MaxPageSize)
	if r.segs[0] != up {
		// Not the consumer's window: a round trip more costs less than
		// a page read twice, should the rows be denser than guessed.
		limit = 1.5 * MaxPageSize
	}
	return left <= limit
}

// keyOf is the key a segment's chain orders m by.
func (s *segment[T]) keyOf(m rowMeta) time.Time {
	if s.key == byEdited {
		return m.edited
	}
	return m.created
}

// minTime is the earlier of a and b, a zero time counting as none.
func minTime(a, b time.Time) time.Time {
	if a.IsZero() || b.Before(a) {
		return b
	}
	return a
}

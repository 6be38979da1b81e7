package notionapi

// ReadAll's probe: the page of the newest rows, asked for once the first
// page shows that the round trip, not the budget, limits a single chain.

import (
	"math"
	"slices"
	"time"
)

// startHedge asks for the newest rows once the first page has taken
// longer than the pacing budget's interval between requests: the round
// trip, rather than the budget, then limits a single chain, and the probe
// costs nothing the budget would have spent otherwise.
func (r *reader[T]) startHedge() {
	rate := r.c.Rate()
	wait := paceDelay(r.c, r.tune.now())
	if !math.IsInf(rate, 1) && rate > 0 {
		wait += time.Duration(float64(time.Second) / rate)
	}
	timer := r.tune.after(wait)
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		select {
		case <-timer:
		case <-r.firstDone:
			return
		case <-r.ctx.Done():
			return
		}
		select {
		case <-r.firstDone:
			return
		default:
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.probe == probeNone && !r.finishedLocked() {
			r.sendProbeLocked()
		}
	}()
}

// maybeProbeLocked sends the probe after a page of the first chain when
// the measured round trip shows that one chain cannot spend the budget.
func (r *reader[T]) maybeProbeLocked(s *segment[T]) {
	if !r.parallel || r.probe != probeNone || !s.stop.IsZero() || s.key != byCreated || s.desc {
		return
	}
	rate, rtt := r.c.Rate(), r.rttLocked().Seconds()
	if math.IsInf(rate, 1) || rate*rtt > 1 {
		r.sendProbeLocked()
	}
}

// sendProbeLocked asks for the newest page of rows (sorted by
// created_time descending) in the background.
func (r *reader[T]) sendProbeLocked() {
	r.probe = probePending
	q := r.base
	q.Filter = r.user
	if r.user == nil {
		q.Filter = nil
	}
	q.Sorts = []Sort{{Timestamp: CreatedTime, Direction: Descending}}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		l, rtt, err := r.query(q, r.opt.Unordered)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.probe = probeDone
		if err != nil {
			// Like any request of the read that fails after the client's
			// retries, it ends the read (unless the read is over).
			if !r.finishedLocked() {
				r.failLocked(err)
			}
			r.cond.Broadcast()
			return
		}
		r.noteRTTLocked(rtt)
		r.answered++
		r.installTailLocked(l.Results)
		r.spawnLocked()
		r.cond.Broadcast()
	}()
}

// installTailLocked takes the probe's page of the newest rows: they are
// read, and the range left for the chains ends at their oldest
// created_time (its rows not in the page included). Rows the open chain
// has already seen are left out.
func (r *reader[T]) installTailLocked(newest []T) {
	if len(newest) == 0 || r.err != nil || r.closed {
		return
	}
	var open *segment[T]
	for i := len(r.segs) - 1; i >= 0; i-- {
		if s := r.segs[i]; s.key == byCreated && !s.tail && !s.desc && s.stop.IsZero() {
			open = s
			break
		}
	}
	if open == nil || open.done {
		return // every row has been read
	}
	rows := slices.Clone(newest)
	slices.Reverse(rows)
	oldest := r.meta(&rows[0]).created
	for i := range rows {
		r.noteTimeLocked(r.meta(&rows[i]).created)
	}
	// The open chain has seen every row before p and those in seenAtP.
	p := open.from()
	seenAtP := seenRows{}
	if open.seen > 0 {
		for _, m := range open.atProgress {
			seenAtP[m.id] = m.edited
		}
	}
	if p.Equal(open.lo) {
		for id, e := range open.skip {
			seenAtP[id] = e
		}
	}
	keep := make([]T, 0, len(rows))
	for i := range rows {
		m := r.meta(&rows[i])
		if p.IsZero() || m.created.After(p) {
			keep = append(keep, rows[i])
		} else if _, seen := seenAtP[m.id]; m.created.Equal(p) && !seen {
			keep = append(keep, rows[i])
		}
	}
	if !oldest.Before(p) {
		// The chains read up to the probe's oldest instant, skipping the
		// probe's rows there.
		r.tailOldest = oldest
		r.topSkip = seenRows{}
		for i := range rows {
			if m := r.meta(&rows[i]); m.created.Equal(oldest) {
				r.topSkip[m.id] = m.edited
			}
		}
		top := oldest.Add(time.Millisecond)
		open.stop = top
		if !open.started {
			open.hi = top
		}
	} else {
		// The open chain is past the probe's oldest row: every row it has
		// not seen is in the probe's page.
		open.stop = p
		if !open.started {
			open.done = true
		}
	}
	r.topKnown = true
	r.counts++
	newestTime := r.meta(&rows[len(rows)-1]).created
	r.tailObs = observation{oldest, newestTime, float64(len(rows)) - 1}
	tail := &segment[T]{key: byCreated, tail: true, started: true, done: true, lo: oldest}
	for i := range keep {
		r.handOverLocked(tail, keep[i])
	}
	if !r.opt.Unordered {
		r.segs = append(r.segs, tail)
	}
}

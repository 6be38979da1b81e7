package notionapi

// How ReadAll plans its windows: the round trip and the chains it calls
// for, the rows' density, the size of new windows and when a running one
// is worth splitting.

import (
	"math"
	"slices"
	"time"
)

// widthMargin is how many more requests than the budget allows the
// chains read at once could send, so that the odd slow answer does not
// leave the budget idle. More chains than that only hold more rows out
// of order and end more windows.
const widthMargin = 1.1

// rttWindow is how many recent round trips rttLocked looks at.
const rttWindow = 16

// noteRTTLocked keeps the last round trips.
func (r *reader[T]) noteRTTLocked(d time.Duration) {
	if d <= 0 {
		return
	}
	r.rtts = append(r.rtts, d)
	if len(r.rtts) > rttWindow {
		r.rtts = r.rtts[1:]
	}
}

// rttLocked is the median of the recent round trips: robust to the odd
// slow answer, yet following a server that is slow for a while.
func (r *reader[T]) rttLocked() time.Duration {
	if r.tune.roundTrip > 0 {
		return r.tune.roundTrip
	}
	if len(r.rtts) == 0 {
		return 0
	}
	s := slices.Clone(r.rtts)
	slices.Sort(s)
	return s[len(s)/2]
}

// noteTimeLocked learns whether timestamps are whole minutes, as on
// Notion, or finer, as in some servers.
func (r *reader[T]) noteTimeLocked(t time.Time) {
	r.anyTime = true
	if !r.subMinute && !t.Truncate(time.Minute).Equal(t) {
		r.subMinute = true
	}
}

// grainLocked is the step of the timestamps seen.
func (r *reader[T]) grainLocked() time.Duration {
	if r.anyTime && !r.subMinute {
		return time.Minute
	}
	return time.Millisecond
}

// ceilGrainLocked rounds t up to the timestamps' step.
func (r *reader[T]) ceilGrainLocked(t time.Time) time.Time {
	g := r.grainLocked()
	if c := t.Truncate(g); !c.Equal(t) {
		return c.Add(g)
	}
	return t
}

// widthLocked is the number of chains worth reading at once: one while a
// request per round trip spends the pacing budget; else enough to send a
// tenth more than the budget allows during a round trip (widthMargin);
// and when the pacer's burst lets every page not yet asked for through at
// once and the read can afford the windows (spareLocked), one more chain
// for each.
func (r *reader[T]) widthLocked() int {
	if !r.parallel {
		return 1
	}
	rate, rtt := r.c.Rate(), r.rttLocked().Seconds()
	w := 1
	switch {
	case math.IsInf(rate, 1):
		w = r.maxW
	case rate*rtt > 1:
		w = int(min(math.Ceil(widthMargin*rate*rtt), float64(r.maxW)))
	}
	if r.topKnown && rtt > 0 {
		// A small read whose pages not yet asked for the pacer lets
		// through at once: each a chain of its own, to end in one round
		// trip.
		rows := r.remainingLocked()
		per := float64(MaxPageSize) - r.slackLocked(MaxPageSize)
		if segs := math.Ceil(rows / per); segs >= 1 && segs <= r.budgetWithinLocked(rate, 0) && r.spareLocked(segs) {
			w = max(w, r.running+int(segs))
		}
	}
	return max(1, min(w, r.maxW))
}

// budgetWithinLocked is the number of requests the pacer lets through now
// and during one round trip.
func (r *reader[T]) budgetWithinLocked(rate, rtt float64) float64 {
	if math.IsInf(rate, 1) {
		return math.Inf(1)
	}
	return max(0, r.c.limiter.Tokens()) + rate*rtt
}

// remainingLocked estimates the rows not yet seen in created_time
// segments (+Inf while the top of the range is unknown).
func (r *reader[T]) remainingLocked() float64 {
	total := 0.0
	for _, s := range r.segs {
		if s.done || s.tail || s.key != byCreated || s.desc {
			continue // a downward chain's rows count with its partner's
		}
		end := s.stop
		if !s.started {
			end = s.hi
		}
		if p := s.partner; p != nil && p.seen > 0 {
			end = p.progress
		}
		if end.IsZero() || s.from().IsZero() {
			return math.Inf(1)
		}
		rho := r.globalDensityLocked()
		if s.started {
			rho = r.chainDensityLocked(s)
		}
		n := rho*float64(end.Sub(s.from())) + r.topRowsLocked(end)
		if s.inflight {
			n -= MaxPageSize
		}
		if p := s.partner; p != nil && p.inflight {
			n -= MaxPageSize
		}
		total += max(n, 0)
	}
	return total
}

// topRowsLocked is the number of rows a range ending at end reads again
// at its top: the probe's rows at its oldest instant, which the chains
// read again to find the rows of that instant the probe left out. The
// density of the range does not count them.
func (r *reader[T]) topRowsLocked(end time.Time) float64 {
	if r.tailOldest.IsZero() || !end.Equal(r.tailOldest.Add(time.Millisecond)) {
		return 0
	}
	return float64(len(r.topSkip))
}

// slackLocked is how many rows short of n a segment is planned, so that
// it rarely needs a page more than planned: twice the recent relative
// error of the plans, at least 2 rows, at most a tenth. (Where rows come
// in lumps, such as import batches sharing a minute, no slack avoids the
// part-filled last page; only longer segments make it rarer.)
func (r *reader[T]) slackLocked(n int) float64 {
	if sigma := r.relErr * float64(n); sigma > MaxPageSize/2 {
		return 2 // lumps: a slack would only make more segments
	}
	return max(2, min(0.1*float64(n), math.Ceil(2*r.relErr*float64(n))))
}

// pagesPerSegmentLocked is the size of new segments, in pages. Each
// segment ends in a part-filled page, so they are as long as the end of
// the read allows: an even share of what is left, or, when the budget
// rather than the chains sets the pace, as many pages as a chain reads in
// the time the budget needs for what is left. In created_time order, also
// no more than the read-ahead holds when the chains are staggered, each
// half-way through its segment on average (sizeLocked staggers them); a
// chain that finds no room waits, leaving the budget idle. (Where rows
// come in lumps, the part-filled pages this costs are what a larger
// MaxBuffered, or Unordered, saves.)
func (r *reader[T]) pagesPerSegmentLocked(w int) int {
	pages := r.remainingLocked() / MaxPageSize
	share := math.Ceil(pages / float64(w))
	if rate, rtt := r.c.Rate(), r.rttLocked().Seconds(); !math.IsInf(rate, 1) && rtt > 0 {
		share = max(share, math.Floor(pages/(rate*rtt)))
	}
	if math.IsInf(share, 1) || math.IsNaN(share) || share > 90 {
		share = 90 // well within the 10,000-result cap
	}
	m := int(max(1, share))
	if !r.opt.Unordered && w > 1 {
		m = min(m, max(1, 2*r.ahead/(MaxPageSize*(w-1))))
	}
	return m
}

// observation is a range whose rows were counted: gaps is the number of
// rows' worth of time it spans (its rows, less a half for each end that is
// a row rather than a bound).
type observation struct {
	from, to time.Time
	gaps     float64
}

// observe describes the part of a chain's range it has read.
func observe[T any](s *segment[T], done bool) observation {
	if s.desc {
		// Every row above its lowest, and some at it.
		return observation{from: s.progress, to: s.hi, gaps: float64(s.seen) - 0.5}
	}
	o := observation{from: s.lo, to: s.progress, gaps: float64(s.seen)}
	if o.from.IsZero() {
		o.from, o.gaps = s.first, o.gaps-0.5
	}
	if done && !s.stop.IsZero() {
		o.to = s.stop // every row before stop was read
	} else {
		o.gaps -= 0.5
	}
	return o
}

// densityAtLocked estimates rows per nanosecond around t from the counted
// ranges nearest below it (at least 100 rows' worth), else from all.
func (r *reader[T]) densityAtLocked(t time.Time) float64 {
	obs := r.observationsLocked()
	slices.SortFunc(obs, func(a, b observation) int { return b.to.Compare(a.to) })
	gaps, span := 0.0, 0.0
	for _, o := range obs {
		if o.to.After(t) {
			continue
		}
		gaps += o.gaps
		span += float64(o.to.Sub(o.from))
		if gaps >= MaxPageSize {
			break
		}
	}
	if gaps <= 0 && span == 0 {
		for _, o := range obs {
			gaps += o.gaps
			span += float64(o.to.Sub(o.from))
		}
	}
	return r.rhoLocked(gaps, span)
}

// rhoLocked is a density in rows per nanosecond: an empty range counts as
// half a row, so that the next segment grows past it; rows all at one
// instant count as spread over one step of the timestamps.
func (r *reader[T]) rhoLocked(gaps, span float64) float64 {
	return max(gaps, 0.5) / max(span, float64(r.grainLocked()))
}

// chainDensityLocked estimates the density of s's range from its own
// rows, once it has seen enough of them.
func (r *reader[T]) chainDensityLocked(s *segment[T]) float64 {
	from := s.lo
	if from.IsZero() {
		from = s.first
	}
	if s.seen >= 20 && s.progress.After(from) {
		o := observe(s, false)
		return r.rhoLocked(o.gaps, float64(o.to.Sub(o.from)))
	}
	return r.globalDensityLocked()
}

// globalDensityLocked is the density of every range counted so far,
// computed again only when a count changed.
func (r *reader[T]) globalDensityLocked() float64 {
	if r.rhoAt == r.counts {
		return r.rho
	}
	gaps, span := 0.0, 0.0
	for _, o := range r.observationsLocked() {
		gaps += o.gaps
		span += float64(o.to.Sub(o.from))
	}
	r.rho, r.rhoAt = r.rhoLocked(gaps, span), r.counts
	return r.rho
}

// observationsLocked lists the counted ranges: finished segments, the
// part of running ones already read, and the probe's page.
func (r *reader[T]) observationsLocked() []observation {
	obs := slices.Clone(r.recent)
	for _, s := range r.segs {
		if s.done || s.tail || s.key != byCreated || s.seen == 0 {
			continue
		}
		obs = append(obs, observe(s, false))
	}
	if r.tailObs.gaps > 0 {
		obs = append(obs, r.tailObs)
	}
	return obs
}

// planLocked plans a new segment before its chain starts: its size, and
// whether its far end is read downwards by a chain of its own (the next
// segment waiting for a worker).
func (r *reader[T]) planLocked(i, w int) {
	if r.segs[i].desc {
		return // planned with its partner
	}
	r.sizeLocked(i, w)
	if s := r.segs[i]; r.pairsLocked(w) && s.key == byCreated && s.partner == nil && s != r.firstSeg && !s.stop.IsZero() && s.want >= pairWorth*MaxPageSize {
		r.pairLocked(i)
	}
}

// sizeLocked plans a new segment before its chain starts: when the range
// holds more than the rows of a segment at the density around it, the
// rest becomes a new segment after it.
func (r *reader[T]) sizeLocked(i, w int) {
	s := r.segs[i]
	if w <= 1 || !r.topKnown || s.key != byCreated || s.lo.IsZero() || s.hi.IsZero() {
		return
	}
	rho := r.densityAtLocked(s.lo)
	m := r.pagesPerSegmentLocked(w)
	if lanes := r.lanesLocked(w); !r.opt.Unordered && lanes > 2 {
		// Stagger chains started together: the k-th running segment
		// after the consumer's gets k/(lanes-1) of the full size, so
		// that they end one after another and the next ones they start
		// stay staggered, rather than fill the read-ahead all at once.
		k := 0
		for j := 1; j < i && k < lanes-2; j++ {
			if e := r.segs[j]; e.started && !e.done && !e.tail && !e.desc {
				k++
			}
		}
		m = max(1, int(math.Ceil(float64(m*(k+1))/float64(lanes-1))))
	}
	n := float64(m*MaxPageSize) - r.slackLocked(m*MaxPageSize)
	est := rho*float64(s.hi.Sub(s.lo)) + r.topRowsLocked(s.hi)
	s.sized, s.want = true, est
	if est <= n*1.25 {
		return
	}
	c := r.ceilGrainLocked(s.lo.Add(time.Duration(n / rho)))
	if !c.After(s.lo) || !c.Before(s.hi) {
		return
	}
	rest := &segment[T]{key: byCreated, lo: c, hi: s.hi, stop: s.stop}
	s.hi, s.stop, s.want = c, c, n
	r.insertLocked(i+1, rest)
}

// stealLocked gives an idle worker the far part of the running chain with
// the most rows left beyond the page it is reading (in created_time
// order, the earliest with four pages left, which the consumer waits for
// first): that chain keeps about the page on its way, and the rest
// becomes a new segment; or, when reading the rest from both ends is
// enough for that chain not to be what the read waits for and the
// read-ahead can hold the rows the worker's chain reads until they meet,
// the worker reads it downwards to meet that chain (readall_pair.go),
// which needs no guess of where its rows lie and ends both within a round
// trip of each other. A read may spend requests beyond its spare
// allowance on such a pair when it saves two round trips or more.
func (r *reader[T]) stealLocked(w int) *segment[T] {
	// While the read-ahead is full, the consumer's segment is what the
	// read waits for: only it is worth splitting.
	full := r.fullLocked()
	best, most := -1, float64(MaxPageSize)
	early, earlyN := -1, 0.0
	for i, s := range r.segs {
		if full && i > 0 {
			break
		}
		if !s.started || s.done || s.tail || s.desc || s.partner != nil || s.stop.IsZero() || s.from().IsZero() {
			continue
		}
		n := r.chainDensityLocked(s) * float64(s.stop.Sub(s.from()))
		if s.inflight {
			n -= MaxPageSize
		}
		if n > most {
			best, most = i, n
		}
		if early < 0 && n >= pairWorth*MaxPageSize {
			early, earlyN = i, n
		}
	}
	canPair := func(i int, rows float64) bool {
		return !full && r.segs[i].key == byCreated && !r.smallLocked() && r.pairEnoughLocked(rows) && r.pairFitsLocked(i, rows)
	}
	if !r.opt.Unordered && early >= 0 && canPair(early, earlyN) {
		// In created_time order the earliest chain is what the consumer
		// waits for first.
		best, most = early, earlyN
	}
	if best < 0 || !r.roomLocked(best+1) {
		return nil
	}
	pair := canPair(best, most)
	if !full && (!r.splitPaysLocked(most) || !r.spareLocked(1) && !(pair && most >= pairWorth*MaxPageSize)) {
		return nil
	}
	if pair {
		return r.pairLocked(best)
	}
	s := r.segs[best]
	rho := r.chainDensityLocked(s)
	keep := float64(MaxPageSize) - r.slackLocked(MaxPageSize)
	if s.inflight {
		// Where its page on the way ends is a guess, far off where rows
		// come in lumps: a guess too far costs that chain a round trip
		// and a part-filled page more, one too near the rows both
		// chains read. A small read, where the round trip is what
		// counts, leaves that chain less than a page; a larger one,
		// unless the read-ahead is full and the split must help at
		// once, that page and the next, whose end is the one guessed.
		switch {
		case r.smallLocked():
			keep = smallReadKeep * MaxPageSize
		case !full:
			keep = 2*MaxPageSize - r.slackLocked(2*MaxPageSize)
		}
	}
	from := s.from()
	c := r.ceilGrainLocked(from.Add(time.Duration(keep / rho)))
	if !c.After(from) {
		c = r.ceilGrainLocked(from.Add(r.grainLocked()))
	}
	if !c.Before(s.stop) {
		return nil
	}
	rest := &segment[T]{key: s.key, cell: s.cell, shared: s.shared, lo: c, hi: s.stop, stop: s.stop}
	s.stop, s.sized = c, false
	r.insertLocked(best+1, rest)
	if s.key == byCreated {
		r.planLocked(best+1, w)
	}
	return rest
}

// pairEnoughLocked says whether reading a chain's rows left from both
// ends keeps that chain from being what the rest of the read waits for;
// if not, splitting it into windows does.
func (r *reader[T]) pairEnoughLocked(rows float64) bool {
	return !r.outlastsLocked(math.Ceil(rows/MaxPageSize) / 2)
}

// pairFitsLocked says whether the read-ahead has room for the rows the
// downward chain of a pair with the chain at index i holds until the two
// meet: about half the rows left. A downward chain that fills it would
// leave only the consumer's chain reading until the pair meets, which at
// the start of a large read is most of the read.
func (r *reader[T]) pairFitsLocked(i int, rows float64) bool {
	return rows/2 <= float64(r.roomLeftLocked(i+1))
}

// pairWorth is the number of pages from which reading a window (or a
// chain's rest) from both ends saves two round trips or more: worth the
// rows both chains read where they meet (a whole page where many rows
// share the minute they meet in), and, at the end of a read, a request
// beyond the spare allowance. Smaller windows are read by one chain.
const pairWorth = 4

// smallReadKeep is the share of a page a small read leaves to a chain
// split while its page is on its way.
const smallReadKeep = 0.7

// splitPaysLocked says whether splitting a chain with rows left to read
// (beyond its page on the way) can end the read sooner: it cannot when
// the budget, not that chain, is what the rest of the read waits for;
// the split would then only add a part-filled page.
func (r *reader[T]) splitPaysLocked(rows float64) bool {
	return r.outlastsLocked(math.Ceil(rows / MaxPageSize))
}

// outlastsLocked says whether a chain with the given round trips left
// ends more than a round trip after the budget lets the rest of the read
// through (always, without pacing).
func (r *reader[T]) outlastsLocked(trips float64) bool {
	rate := r.c.Rate()
	if math.IsInf(rate, 1) {
		return true
	}
	rtt := r.rttLocked().Seconds()
	budget := (r.remainingLocked()/MaxPageSize - r.budgetWithinLocked(rate, 0)) / rate
	return trips*rtt > budget+rtt
}

// smallRead is the number of pages under which a read is small: its wall
// time, a few round trips, is what a split saves, and a request more is
// worth a round trip less. A larger read is paced by the budget, so that
// a split saves little time and each window's part-filled last page is a
// request the budget could have spent on rows.
const smallRead = 20

// spareShare is the share of requests beyond the least that a read that
// is not small may spend on the part-filled pages of its windows.
const spareShare = 0.05

// totalPagesLocked estimates the pages' worth of rows of the whole read.
func (r *reader[T]) totalPagesLocked() float64 {
	return (float64(r.handedOver+r.buffered) + r.remainingLocked()) / MaxPageSize
}

// smallLocked says whether the read is small (see smallRead).
func (r *reader[T]) smallLocked() bool {
	return r.totalPagesLocked() < smallRead
}

// spareLocked says whether the read can afford ends more window ends,
// each a part-filled page, half a request on average: always in a small
// read; else while the requests beyond the pages' worth of rows read so
// far, and half a request for each segment still to end, stay within
// spareShare of the read's pages.
func (r *reader[T]) spareLocked(ends float64) bool {
	total := r.totalPagesLocked()
	if total < smallRead || math.IsInf(total, 1) {
		return true
	}
	open := 0
	for _, s := range r.segs {
		if !s.done && !s.tail {
			open++
		}
	}
	spent := float64(r.answered) - float64(r.handedOver+r.buffered)/MaxPageSize
	return spent+0.5*(float64(open)+ends) <= spareShare*total
}

package notionapi

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"net/http/httptrace"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ReadAllOptions tune ReadAll and ReadAllRaw. The zero value reads in
// created_time order, choosing the concurrency by itself, with at most
// DefaultReadAhead rows read ahead of the consumer.
type ReadAllOptions struct {
	// Concurrency caps the cursor chains read at once. 0 picks it from
	// the pacing budget and the server's round trip (measured from the
	// moment a request leaves the pacer to its answer's first byte): one
	// chain while one request per round trip spends the budget, else
	// enough to keep the budget busy, up to 16. A chain read alone asks
	// for its next page while it decodes the one before. 1 reads one
	// chain at a time, one request at a time, and never sends the
	// newest-row probe.
	Concurrency int
	// Unordered hands rows over as their pages arrive, in no particular
	// order, instead of in created_time order. The consumer then never
	// waits for a slow window while others are done.
	Unordered bool
	// MaxBuffered bounds the rows read but not yet handed over: rows held
	// out of order, waiting for an earlier window, and rows of pages on
	// their way (a page counts as 100 rows). 0 means DefaultReadAhead.
	// Memory is flat in the number of rows read.
	MaxBuffered int
	// OnProgress, if set, is called after each batch of rows is handed
	// over (a batch is at most the rows that arrived since the last), with
	// the number of rows handed over so far.
	OnProgress func(rows int)

	tune *readTuning // tests: an injected clock and round trip
}

// DefaultReadAhead is the default of ReadAllOptions.MaxBuffered: about
// 10 MB of typical rows, which are held as JSON.
const DefaultReadAhead = 6000

// maxReadConcurrency bounds the chains read at once.
const maxReadConcurrency = 16

// bigTie is the number of rows sharing the instant at which a chain hit
// the result cap from which ReadAll reads that instant on its own (by
// last_edited_time) instead of starting the next chain there.
const bigTie = 1000

// readTuning replaces the clock and the measured round trip in tests.
type readTuning struct {
	// roundTrip, if positive, is taken as the round trip instead of the
	// measured one.
	roundTrip time.Duration
	// now and after replace time.Now and time.After.
	now   func() time.Time
	after func(time.Duration) <-chan time.Time
	// onWait is called (with the reader's lock held) when a worker finds
	// no room in the read-ahead buffer for its next page.
	onWait func()
}

// RawRow is a row kept as the JSON the API returned, with the fields
// ReadAll needs decoded.
type RawRow struct {
	ID             string
	CreatedTime    time.Time
	LastEditedTime time.Time
	JSON           json.RawMessage
}

// UnmarshalJSON keeps the row's bytes and decodes its ID and timestamps.
func (r *RawRow) UnmarshalJSON(b []byte) error {
	if id, created, edited, ok := rowHead(b); ok {
		r.ID, r.CreatedTime, r.LastEditedTime = id, created, edited
		r.JSON = append(json.RawMessage(nil), b...)
		return nil
	}
	var head struct {
		ID             string    `json:"id"`
		CreatedTime    time.Time `json:"created_time"`
		LastEditedTime time.Time `json:"last_edited_time"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return err
	}
	r.ID, r.CreatedTime, r.LastEditedTime = head.ID, head.CreatedTime, head.LastEditedTime
	r.JSON = append(json.RawMessage(nil), b...)
	return nil
}

// MarshalJSON writes the row as it came.
func (r RawRow) MarshalJSON() ([]byte, error) { return r.JSON, nil }

// UnreadRowsError ends a read that got every row it could, but not rows
// the API cannot return: more than 10,000 rows (the results of one query)
// created in the same minute and last edited in the same minute, which no
// filter on timestamps tells apart.
type UnreadRowsError struct {
	Groups []UnreadGroup
}

// UnreadGroup is a set of rows sharing both timestamps, of which only
// Read could be read.
type UnreadGroup struct {
	CreatedTime, LastEditedTime time.Time
	Read                        int
}

func (e *UnreadRowsError) Error() string {
	var b strings.Builder
	b.WriteString("notion: some rows could not be read: the API returns at most 10,000 rows per query, and more than that share ")
	for i, g := range e.Groups {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more such groups", len(e.Groups)-3)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "created_time %s and last_edited_time %s (%d of them read)",
			g.CreatedTime.UTC().Format(time.RFC3339), g.LastEditedTime.UTC().Format(time.RFC3339), g.Read)
	}
	b.WriteString("; read them with a filter on a property that splits them")
	return b.String()
}

// ReadAll iterates over every row of a data source (a database before
// 2025-09-03) that matches p.Filter, past the API's 10,000-results-per-query
// cap, each row exactly once, in ascending created_time order (or as pages
// arrive, with opt.Unordered). p.Sorts, p.StartCursor and p.PageSize are
// ignored.
//
// The first page is the oldest rows. When the server's round trip is
// longer than the pacing budget's interval between requests, a page of
// the newest rows is asked for alongside it (a probe that is itself a page
// of rows) and the rows between are read as created_time windows, each a
// cursor chain with a filter fixed for its life, sized from the rows'
// density to fill whole pages; otherwise the first page's cursor is
// followed to the end, which is as fast as the budget allows. When four
// chains or more read at once, each window is read from both ends, a
// chain sorted by created_time descending meeting the ascending one, so
// that a window ends in half the round trips and the two chains share its
// rows however they lie. The caller's filter is combined with the window
// bounds within Notion's two levels of nesting (into each branch of a
// top-level "or").
//
// A chain that reaches the cap continues from its last created_time. When
// more rows share one created_time than one query returns (Notion rounds
// created_time down to the minute, and bulk imports put thousands of rows
// in one minute), that instant is read by last_edited_time windows; rows
// that still cannot be told apart end the read with an *UnreadRowsError
// after every other row. Rows created after the read begins may be left
// out.
//
// Rows read ahead of the caller, waiting for an earlier window, are held
// as the JSON they came in and decoded into a Page when handed over (a
// decoded page takes about three times the memory of its JSON); rows of
// the window being handed over are decoded as they come.
func (c *Client) ReadAll(ctx context.Context, id string, p QueryParams, opt ReadAllOptions) iter.Seq2[Page, error] {
	return func(yield func(Page, error) bool) {
		for h, err := range readAll(ctx, c, id, p, opt, (*heldRow).meta, decodeHeld) {
			if err != nil {
				yield(Page{}, err)
				return
			}
			pg, err := c.pageOf(id, &h)
			if err != nil {
				yield(Page{}, err)
				return
			}
			if !yield(pg, nil) {
				return
			}
		}
	}
}

// ReadAllRaw is ReadAll that keeps each row as the JSON the API returned.
func (c *Client) ReadAllRaw(ctx context.Context, id string, p QueryParams, opt ReadAllOptions) iter.Seq2[RawRow, error] {
	return readAll(ctx, c, id, p, opt, func(r *RawRow) rowMeta {
		return rowMeta{r.ID, r.CreatedTime, r.LastEditedTime}
	}, nil)
}

// heldRow is a row of ReadAll: a decoded page, or the JSON of one.
type heldRow struct {
	raw  RawRow
	page *Page
}

// UnmarshalJSON keeps the row as JSON.
func (h *heldRow) UnmarshalJSON(b []byte) error {
	h.page = nil
	return h.raw.UnmarshalJSON(b)
}

func (h *heldRow) meta() rowMeta {
	if h.page != nil {
		return rowMeta{h.page.ID, h.page.CreatedTime, h.page.LastEditedTime}
	}
	return rowMeta{h.raw.ID, h.raw.CreatedTime, h.raw.LastEditedTime}
}

// decodeHeld decodes a page of rows the consumer takes next: at once, in
// one pass over the answer (keeping them as JSON first would read each
// row three times).
func decodeHeld(c *Client, id string, a answer) (*List[heldRow], error) {
	l, err := decodeAnswer[Page](c, id, a)
	if err != nil {
		return nil, err
	}
	rows := make([]heldRow, len(l.Results))
	for i := range rows {
		rows[i].page = &l.Results[i]
	}
	held := relist(*l, rows)
	return &held, nil
}

// pageOf is the page a row of ReadAll holds, decoded if it was kept as
// JSON. A row that does not decode is told as the answer's DecodeError
// would be, with the client's secrets hidden.
func (c *Client) pageOf(id string, h *heldRow) (Page, error) {
	if h.page != nil {
		return *h.page, nil
	}
	pg, err := DecodePage(h.raw.JSON)
	if err != nil {
		return Page{}, c.queryDecodeError(id, "application/json", h.raw.JSON, err)
	}
	return pg, nil
}

// rowMeta is what ReadAll needs of a row.
type rowMeta struct {
	id              string
	created, edited time.Time
}

// keyKind says which timestamp a chain sorts and bounds its rows by.
type keyKind uint8

const (
	byCreated keyKind = iota
	byEdited          // rows sharing one created_time, by last_edited_time
)

func (k keyKind) field() string {
	if k == byEdited {
		return LastEditedTime
	}
	return CreatedTime
}

// segment is a range of rows read by one cursor chain at a time: rows
// whose key (created_time, or last_edited_time for rows sharing the
// created_time cell) is in [lo, stop). The filter is fixed when the chain
// starts, from [lo, hi); stop only moves down, when another segment takes
// over the rest of the range, and the chain then ends at the first row at
// or past it. A chain and its filter are never separated: a cursor is
// only ever sent with the filter that produced it.
type segment[T any] struct {
	key    keyKind
	cell   time.Time // byEdited: the created_time of every row
	lo, hi time.Time // filter bounds: on_or_after lo, before hi; zero = open
	skip   seenRows  // rows at lo already handed over
	shared seenRows  // byEdited: rows of the cell handed over before
	tail   bool      // the newest-row probe's rows
	// desc says that the chain reads its range from the top down, to
	// meet its partner, which reads the same range upwards; each then
	// ends where the other has read (see readall_pair.go).
	desc    bool
	partner *segment[T]

	stop     time.Time // the chain ends at the first row at or past it; zero = none
	params   QueryParams
	cursor   string
	cursors  map[string]bool // the chain's cursors so far
	pages    int
	empty    int  // pages in a row with no rows but a cursor
	started  bool // params fixed, a page asked for
	running  bool // a worker holds it
	inflight bool
	ahead    *prefetch // the next page, asked for before this one was decoded
	done     bool

	seen       int       // rows of [lo, stop) seen, handed over or skipped
	first      time.Time // key of the first row seen
	progress   time.Time // key of the last row seen (desc: the lowest)
	atProgress []rowMeta // rows seen at progress
	sized      bool      // planned to hold want rows, and not split since
	want       float64

	rows []T // handed over, waiting for the consumer (ordered reads; desc: held until it ends)
}

// seenRows maps the IDs of rows already handed over to their
// last_edited_time.
type seenRows map[string]time.Time

// from is where the rows the chain has not seen begin.
func (s *segment[T]) from() time.Time {
	if s.seen > 0 {
		return s.progress
	}
	return s.lo
}

// probe states.
const (
	probeNone = iota
	probePending
	probeDone
)

// reader is one ReadAll call.
type reader[T any] struct {
	ctx    context.Context
	cancel context.CancelFunc
	// outer is the caller's context: ctx also ends when a chain fails.
	outer context.Context
	c     *Client
	id    string
	user  json.RawMessage
	base  QueryParams
	meta  func(*T) rowMeta
	// next, if set, decodes a page whose rows are handed over soon: of
	// the consumer's own segment, an unordered read or a small read
	// (decodeAnswer otherwise).
	next  func(*Client, string, answer) (*List[T], error)
	opt   ReadAllOptions
	tune  readTuning
	ahead int
	maxW  int
	// bounded says that the caller's filter can take window bounds;
	// parallel that windows may be read at once (bounded, and
	// Concurrency is not 1).
	bounded   bool
	boundErr  error
	parallel  bool
	firstSeg  *segment[T]
	firstDone chan struct{}
	wg        sync.WaitGroup

	mu       sync.Mutex
	cond     *sync.Cond
	segs     []*segment[T] // in key order; ordered reads drop them once consumed
	queue    []T           // unordered reads: rows waiting for the consumer
	buffered int           // rows handed over, not yet taken by the consumer
	reserved int           // rows of pages on their way
	running  int           // segments a worker holds
	spawned  int           // workers started
	closed   bool          // the context ended
	err      error

	probe      int
	topKnown   bool
	tailOldest time.Time // created_time of the probe's oldest row
	topSkip    seenRows  // the probe's rows at tailOldest

	// guessedWrong says that a page was asked for early with a cursor
	// its chain's page did not give (see readall_prefetch.go).
	guessedWrong bool

	rtts       []time.Duration // recent round trips, newest last
	recent     []observation   // ranges of finished segments, newest last
	tailObs    observation
	subMinute  bool // some created_time is not a whole minute
	anyTime    bool
	relErr     float64 // how far segments' row counts were from the plan
	counts     int     // bumped whenever rows are counted
	rho        float64 // globalDensityLocked's last answer
	rhoAt      int     // counts when rho was computed
	unread     []UnreadGroup
	handedOver int
	answered   int // pages answered, the probe's included
}

func readAll[T any](ctx context.Context, c *Client, id string, p QueryParams, opt ReadAllOptions, meta func(*T) rowMeta,
	next func(*Client, string, answer) (*List[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		user, err := rawOrValue(p.Filter)
		if err != nil {
			yield(zero, fmt.Errorf("notionapi: encoding the filter: %w", err))
			return
		}
		outer := ctx
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		r := &reader[T]{
			outer: outer, ctx: ctx, cancel: cancel, c: c, id: id, user: user, meta: meta, next: next, opt: opt,
			ahead: opt.MaxBuffered, maxW: opt.Concurrency, firstDone: make(chan struct{}),
			relErr: 0.03,
		}
		if opt.tune != nil {
			r.tune = *opt.tune
		}
		if r.tune.now == nil {
			r.tune.now = time.Now
		}
		if r.tune.after == nil {
			r.tune.after = time.After
		}
		if r.ahead <= 0 {
			r.ahead = DefaultReadAhead
		}
		r.ahead = max(r.ahead, MaxPageSize)
		if r.maxW <= 0 {
			r.maxW = maxReadConcurrency
		}
		r.base = p
		r.base.Filter, r.base.Sorts, r.base.StartCursor, r.base.PageSize = nil, nil, "", MaxPageSize
		_, boundErr := withBounds(user, []any{timeBound(CreatedTime, "before", time.Unix(0, 0))})
		r.bounded, r.boundErr = boundErr == nil, boundErr
		r.parallel = r.maxW > 1 && r.bounded
		r.cond = sync.NewCond(&r.mu)
		stop := context.AfterFunc(ctx, func() {
			r.mu.Lock()
			r.closed = true
			r.cond.Broadcast()
			r.mu.Unlock()
		})
		defer stop()
		// The first segment is every row: its first page is the oldest
		// rows, and its cursor is followed until other segments take over.
		r.firstSeg = &segment[T]{key: byCreated}
		r.segs = []*segment[T]{r.firstSeg}
		r.mu.Lock()
		r.spawnLocked()
		r.mu.Unlock()
		defer r.wg.Wait()
		defer cancel()
		r.consume(yield)
	}
}

// consume hands rows over to the caller until the read ends. When a
// chain fails, the rows read before that come next in order are handed
// over before the error, however soon after them it came; when the
// caller's context ends, nothing more is.
func (r *reader[T]) consume(yield func(T, error) bool) {
	var zero T
	for {
		r.mu.Lock()
		var batch []T
		for batch == nil {
			if err := r.outer.Err(); err != nil {
				r.mu.Unlock()
				yield(zero, err)
				return
			}
			if r.opt.Unordered {
				if len(r.queue) > 0 {
					batch, r.queue = r.queue, nil
					break
				}
			} else if len(r.segs) > 0 {
				h := r.segs[0]
				if len(h.rows) > 0 && (!h.desc || h.done) {
					batch, h.rows = h.rows, nil
					break
				}
				if h.done {
					r.segs[0] = nil
					r.segs = r.segs[1:]
					r.cond.Broadcast()
					continue
				}
			}
			if r.err != nil {
				err := r.err
				r.mu.Unlock()
				yield(zero, err)
				return
			}
			if r.finishedLocked() && (r.opt.Unordered || len(r.segs) == 0) {
				unread := r.unread
				r.mu.Unlock()
				if len(unread) > 0 {
					yield(zero, &UnreadRowsError{Groups: unread})
				}
				return
			}
			r.cond.Wait()
		}
		r.buffered -= len(batch)
		r.handedOver += len(batch)
		total := r.handedOver
		r.cond.Broadcast()
		r.mu.Unlock()
		for i := range batch {
			if r.outer.Err() != nil {
				break // the next turn reports why
			}
			if !yield(batch[i], nil) {
				return
			}
		}
		if r.opt.OnProgress != nil {
			r.opt.OnProgress(total)
		}
	}
}

// finishedLocked says that no segment is left to read.
func (r *reader[T]) finishedLocked() bool {
	if r.closed || r.err != nil {
		return true
	}
	for _, s := range r.segs {
		if !s.done {
			return false
		}
	}
	return true
}

func (r *reader[T]) failLocked(err error) {
	if r.err == nil && !r.closed {
		r.err = err
	}
	r.cancel()
	r.cond.Broadcast()
}

// spawnLocked starts workers up to the concurrency the read needs now.
func (r *reader[T]) spawnLocked() {
	for w := r.widthLocked(); r.spawned < w; r.spawned++ {
		r.wg.Add(1)
		go r.worker()
	}
}

// worker reads segments until none is left.
func (r *reader[T]) worker() {
	defer r.wg.Done()
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		if s := r.nextLocked(); s != nil {
			r.readLocked(s)
			continue
		}
		if r.finishedLocked() {
			r.cond.Broadcast()
			return
		}
		r.cond.Wait()
	}
}

// nextLocked picks the segment an idle worker reads next: the earliest
// one waiting (new, or parked for lack of room), else a part of the
// running segment with the most rows left to read.
func (r *reader[T]) nextLocked() *segment[T] {
	if r.closed || r.err != nil {
		return nil
	}
	w := r.widthLocked()
	if r.running >= w {
		return nil
	}
	take := func(s *segment[T]) *segment[T] {
		s.running = true
		r.running++
		return s
	}
	for i, s := range r.segs {
		if s.done || s.running || s.tail || r.pairWaitLocked(s) {
			continue
		}
		if !r.roomLocked(i) {
			// No later segment has room either; the consumer's may
			// still be split.
			r.noRoomLocked()
			break
		}
		if !s.started {
			r.planLocked(i, w)
		}
		return take(s)
	}
	if w > 1 && r.topKnown {
		if s := r.stealLocked(w); s != nil {
			return take(s)
		}
	}
	return nil
}

// roomLocked says whether the segment at index i may ask for a page: the
// consumer's current segment may hold two pages; the others share what is
// left of the read-ahead, the next one with two pages more (its rows are
// the next handed over: a worker that finds the read-ahead full helps the
// consumer's segment by reading its far part, see stealLocked). A segment
// whose next page was asked for early (readall_prefetch.go) may take it:
// that page is counted already. i may be where a new segment would go.
func (r *reader[T]) roomLocked(i int) bool {
	switch {
	case i < len(r.segs) && r.segs[i].ahead != nil:
		return true // its next page is on its way already
	case r.opt.Unordered:
		return r.roomLeftLocked(i) >= MaxPageSize || r.buffered+r.reserved == 0
	case i == 0:
		return len(r.segs[0].rows) < 2*MaxPageSize
	}
	return r.roomLeftLocked(i) >= MaxPageSize
}

// roomLeftLocked is the number of rows the read-ahead has left for the
// segment at index i (other than the consumer's, in created_time order):
// what the others do not hold or have on their way, and two pages more
// for the next one (see roomLocked).
func (r *reader[T]) roomLeftLocked(i int) int {
	left := r.ahead - r.buffered - r.reserved
	if i == 1 && !r.opt.Unordered {
		left += 2 * MaxPageSize
	}
	return left
}

// fullLocked says that, in created_time order, the read-ahead has no room
// for a page of a segment beyond the next one.
func (r *reader[T]) fullLocked() bool {
	return !r.opt.Unordered && r.buffered+r.reserved+MaxPageSize > r.ahead
}

func (r *reader[T]) noRoomLocked() {
	if r.tune.onWait != nil {
		r.tune.onWait()
	}
}

// indexLocked is the position of s in r.segs, or -1.
func (r *reader[T]) indexLocked(s *segment[T]) int {
	return slices.Index(r.segs, s)
}

func (r *reader[T]) insertLocked(i int, ss ...*segment[T]) {
	r.segs = slices.Insert(r.segs, i, ss...)
}

// readLocked reads pages of s while there is room, then parks it or
// finishes it. The lock is released while a page is on its way.
func (r *reader[T]) readLocked(s *segment[T]) {
	first := s == r.firstSeg && !s.started
	park := func() {
		s.running = false
		r.running--
		r.cond.Broadcast()
	}
	if !s.started {
		s.started = true
		q, err := r.paramsFor(s)
		if err != nil {
			r.failLocked(err)
			park()
			return
		}
		s.params = q
	}
	for {
		if r.closed || r.err != nil {
			park()
			return
		}
		i := r.indexLocked(s)
		if i < 0 || !r.roomLocked(i) {
			r.noRoomLocked()
			park()
			return
		}
		if r.yieldLocked(i) || r.pairWaitLocked(s) {
			park()
			return
		}
		q := s.params
		q.StartCursor = s.cursor
		s.inflight = true
		ahead := s.ahead // its cursor is s.cursor, checked below
		s.ahead = nil
		if ahead == nil {
			r.reserved += MaxPageSize
		}
		if first && r.parallel && !math.IsInf(r.c.Rate(), 1) {
			// Without pacing there is no interval to wait for; the probe
			// then goes with the second page (maybeProbeLocked), so that
			// a read of one page stays one request.
			r.startHedge()
		}
		r.mu.Unlock()
		var got fetched
		if ahead != nil {
			got = <-ahead.done
			ahead.cancel()
		} else {
			got = r.fetch(r.ctx, q)
		}
		r.mu.Lock()
		var l *List[T]
		rtt, err := got.rtt, got.err
		if err == nil {
			r.prefetchLocked(s, got.a.body)
			// Rows handed over soon are decoded by the worker, in one
			// pass; the rest are held as JSON (see ReadAll).
			next := r.opt.Unordered || r.indexLocked(s) == 0 || r.smallLocked()
			r.mu.Unlock()
			l, err = r.decode(got.a, next)
			r.mu.Lock()
		}
		s.inflight = false
		r.reserved -= MaxPageSize
		if first {
			first = false
			close(r.firstDone)
		}
		if s.orphaned() {
			// Its partner has read the rest of the range: this page's
			// rows, and a failure to get them, are of no use.
			r.answered++
			r.doneLocked(s)
			r.spawnLocked()
			return
		}
		if err != nil {
			if r.closed {
				err = r.ctx.Err()
			}
			r.failLocked(err)
			park()
			return
		}
		r.noteRTTLocked(rtt)
		r.answered++
		stopped := r.acceptLocked(s, l.Results)
		r.cond.Broadcast()
		if err := r.guardLocked(s, l); err != nil {
			r.failLocked(err)
			park()
			return
		}
		s.cursor = l.Cursor()
		if s.ahead != nil && s.ahead.cursor != s.cursor {
			// Asked for early with a cursor the page does not give
			// (readall_prefetch.go): dropped, and no more pages are.
			r.guessedWrong = true
			r.dropAheadLocked(s)
		}
		switch {
		case stopped, s.cursor == "" && !l.Incomplete():
			if s.partner != nil {
				r.metLocked(s) // the chain read its whole range
			}
		case s.cursor != "":
			r.maybeProbeLocked(s)
			r.spawnLocked()
			continue
		default:
			if s.partner != nil {
				r.unpairLocked(s)
			}
			if !s.desc {
				r.cappedLocked(s)
			}
		}
		r.doneLocked(s)
		r.spawnLocked()
		return
	}
}

// guardLocked ends a chain whose server never ends it: a cursor it sent
// before, or maxBarrenPages empty pages in a row that say more follow.
// (Pages whose rows were all read before are normal here: a chain that
// continues past the cap starts with the rows it shares with the last.)
func (r *reader[T]) guardLocked(s *segment[T], l *List[T]) error {
	s.pages++
	next := l.Cursor()
	if next == "" {
		return nil
	}
	if len(l.Results) > 0 {
		s.empty = 0
	} else {
		s.empty++
	}
	if s.cursors == nil {
		s.cursors = map[string]bool{}
	}
	if s.cursors[next] || s.empty >= maxBarrenPages {
		return &PaginationError{Op: "POST " + r.c.queryPath(r.id), Pages: s.pages, Rows: r.handedOver + r.buffered, Cursor: next, RepeatedCursor: s.cursors[next]}
	}
	s.cursors[next] = true
	return nil
}

// paramsFor builds the query of a segment's chain.
func (r *reader[T]) paramsFor(s *segment[T]) (QueryParams, error) {
	var bounds []any
	if s.key == byEdited {
		bounds = append(bounds,
			timeBound(CreatedTime, "on_or_after", s.cell),
			timeBound(CreatedTime, "before", s.cell.Add(time.Millisecond)))
	}
	if !s.lo.IsZero() {
		bounds = append(bounds, timeBound(s.key.field(), "on_or_after", s.lo))
	}
	if !s.hi.IsZero() {
		bounds = append(bounds, timeBound(s.key.field(), "before", s.hi))
	}
	f, err := withBounds(r.user, bounds)
	if err != nil {
		return QueryParams{}, err
	}
	q := r.base
	q.Filter = f
	dir := Ascending
	if s.desc {
		dir = Descending
	}
	q.Sorts = []Sort{{Timestamp: s.key.field(), Direction: dir}}
	return q, nil
}

// query asks for one page and decodes it. next says that its rows are
// handed over next.
func (r *reader[T]) query(q QueryParams, next bool) (*List[T], time.Duration, error) {
	f := r.fetch(r.ctx, q)
	if f.err != nil {
		return nil, f.rtt, f.err
	}
	l, err := r.decode(f.a, next)
	return l, f.rtt, err
}

// fetch asks for one page and measures the round trip: from the moment
// the request was written (after the pacer) to the first byte of the
// answer.
func (r *reader[T]) fetch(ctx context.Context, q QueryParams) fetched {
	now := r.tune.now
	var wrote, first atomic.Int64
	trace := &httptrace.ClientTrace{
		WroteRequest:         func(httptrace.WroteRequestInfo) { wrote.Store(now().UnixNano()) },
		GotFirstResponseByte: func() { first.Store(now().UnixNano()) },
	}
	start, pace := now(), paceDelay(r.c, now())
	a, err := r.c.queryAnswer(httptrace.WithClientTrace(ctx, trace), r.id, q)
	rtt := now().Sub(start) - pace
	if w, f := wrote.Load(), first.Load(); w > 0 && f > w {
		rtt = time.Duration(f - w)
	}
	return fetched{a, max(rtt, 0), err}
}

// decode decodes a page fetched; next says that its rows are handed over
// next.
func (r *reader[T]) decode(a answer, next bool) (*List[T], error) {
	if next && r.next != nil {
		return r.next(r.c, r.id, a)
	}
	return decodeAnswer[T](r.c, r.id, a)
}

// paceDelay estimates how long the client's pacer will hold the next
// request.
func paceDelay(c *Client, now time.Time) time.Duration {
	r := c.Rate()
	if math.IsInf(r, 1) || r <= 0 {
		return 0
	}
	if tok := c.limiter.TokensAt(now); tok < 1 {
		return time.Duration((1 - tok) / r * float64(time.Second))
	}
	return 0
}

// acceptLocked takes a page of s's chain: rows before stop that were not
// handed over elsewhere go to the consumer. It reports whether the chain
// reached stop.
func (r *reader[T]) acceptLocked(s *segment[T], rows []T) (stopped bool) {
	for i := range rows {
		m := r.meta(&rows[i])
		r.noteTimeLocked(m.created)
		k := s.keyOf(m)
		if r.pastPartnerLocked(s, k) {
			r.metLocked(s)
			return true
		}
		if stop := s.stop; !s.desc && !stop.IsZero() && !k.Before(stop) {
			return true
		}
		if s.seen == 0 {
			s.first = k
		}
		if s.seen == 0 || !s.desc && k.After(s.progress) || s.desc && k.Before(s.progress) {
			s.progress, s.atProgress = k, s.atProgress[:0]
		}
		s.atProgress = append(s.atProgress, m)
		s.seen++
		r.counts++
		if _, ok := s.skip[m.id]; ok {
			continue
		}
		if _, ok := s.shared[m.id]; ok {
			continue
		}
		if _, ok := r.topSkip[m.id]; ok && m.created.Equal(r.tailOldest) {
			continue
		}
		r.handOverLocked(s, rows[i])
	}
	return false
}

func (r *reader[T]) handOverLocked(s *segment[T], row T) {
	if r.opt.Unordered && !s.desc {
		r.queue = append(r.queue, row)
	} else {
		s.rows = append(s.rows, row)
	}
	r.buffered++
}

// cappedLocked continues a chain that reached the per-query result cap
// before its range ended: from the instant of its last row, skipping the
// rows seen at that instant; or, when that instant holds too many rows to
// get past, by reading that instant alone by last_edited_time. Rows
// sharing both timestamps beyond one query's reach are reported at the end.
func (r *reader[T]) cappedLocked(s *segment[T]) {
	i := r.indexLocked(s)
	switch {
	case s.seen == 0:
		r.failLocked(fmt.Errorf("%w: the server reported the cap on a query that returned no rows", ErrResultLimit))
		return
	case !r.bounded:
		r.failLocked(fmt.Errorf("%w, and the filter cannot take created_time bounds to read past it: %v", ErrResultLimit, r.boundErr))
		return
	}
	last := s.progress
	seenAtLast := make(seenRows, len(s.atProgress)+len(s.skip))
	for _, m := range s.atProgress {
		seenAtLast[m.id] = m.edited
	}
	if last.Equal(s.lo) {
		for id, e := range s.skip {
			seenAtLast[id] = e
		}
	}
	next := func(lo time.Time, skip seenRows) *segment[T] {
		return &segment[T]{key: s.key, cell: s.cell, shared: s.shared, lo: lo, hi: s.stop, stop: s.stop, skip: skip}
	}
	after := last.Add(time.Millisecond)
	switch {
	case s.key == byCreated && (last.Equal(s.lo) || len(seenAtLast) >= bigTie):
		cell := &segment[T]{key: byEdited, cell: last, shared: seenAtLast}
		r.insertLocked(i+1, cell, next(after, nil))
	case s.key == byEdited && last.Equal(s.lo):
		// The rows of the group read: those this chain saw, and those
		// handed over before the cell was read by last_edited_time.
		read := len(seenAtLast)
		for id, e := range s.shared {
			if _, ok := seenAtLast[id]; !ok && e.Equal(last) {
				read++
			}
		}
		r.unread = append(r.unread, UnreadGroup{CreatedTime: s.cell, LastEditedTime: last, Read: read})
		r.insertLocked(i+1, next(after, nil))
	default:
		r.insertLocked(i+1, next(last, seenAtLast))
	}
}

// yieldLocked says whether the chain at index i should let its worker
// go: more chains run than the read needs now, or, in created_time order,
// an earlier segment waits for a worker while all are busy.
func (r *reader[T]) yieldLocked(i int) bool {
	w := r.widthLocked()
	if r.running > w {
		return true
	}
	if r.opt.Unordered || r.running < w {
		return false
	}
	for _, e := range r.segs[:i] {
		if !e.done && !e.running && !e.tail && !r.pairWaitLocked(e) {
			return true
		}
	}
	return false
}

// doneLocked ends a segment's chain and learns from its rows.
func (r *reader[T]) doneLocked(s *segment[T]) {
	if s.running {
		r.running--
	}
	s.done, s.running = true, false
	s.atProgress = nil
	r.dropAheadLocked(s)
	if s.desc {
		r.releaseDescLocked(s)
	}
	if s.key == byCreated && !s.tail {
		r.counts++
		if o := observe(s, true); !o.from.IsZero() && !o.to.Before(o.from) {
			r.recent = append(r.recent, o)
			if len(r.recent) > 32 {
				r.recent = slices.Delete(r.recent, 0, len(r.recent)-32)
			}
		}
		if s.sized && s.want >= 20 {
			e := math.Abs(float64(s.seen)-s.want) / s.want
			r.relErr = 0.7*r.relErr + 0.3*e
		}
	}
	if r.opt.Unordered {
		if i := r.indexLocked(s); i >= 0 {
			r.segs = slices.Delete(r.segs, i, i+1)
		}
	}
	r.cond.Broadcast()
}

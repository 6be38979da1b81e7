package notionapi

import (
	"context"
	"encoding/json"
	"iter"
	"math"
	"sync"
	"time"
)

// ReadAllOptions tune ReadAll.
type ReadAllOptions struct {
	// Concurrency caps the windows fetched at once. 0 picks it from the
	// pacing budget and the measured round trip: as many requests as the
	// budget allows during one round trip, so that a latency-bound server
	// is kept busy and a rate-bound one is not flooded (1 when one
	// request per round trip already spends the budget). 1 reads
	// sequentially.
	Concurrency int
	// OnProgress, if set, is called after each page arrives with the rows
	// read so far.
	OnProgress func(rows int)
}

// maxReadConcurrency bounds the windows in flight.
const maxReadConcurrency = 8

// timeLayout is the form of created_time bounds sent in filters.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// ReadAll iterates over every row of a data source (a database before
// 2025-09-03) that matches p.Filter, past the API's 10,000-results-per-query
// cap, each row exactly once, in ascending created_time order. p.Sorts and
// p.StartCursor are ignored: rows are read in created_time windows.
//
// The first page locates the start; when more rows follow, the remaining
// created_time range is split into windows (bounds on_or_after/before),
// no more than the pages the rows left would fill at the first page's
// density, fetched concurrently within the client's pacing budget. A
// window that reaches the cap continues from its last created_time,
// skipping the rows already seen at that instant.
func (c *Client) ReadAll(ctx context.Context, id string, p QueryParams, opt ReadAllOptions) iter.Seq2[Page, error] {
	return readAll(ctx, c, id, p, opt, func(pg *Page) (string, time.Time) { return pg.ID, pg.CreatedTime })
}

// RawRow is a row kept as the JSON the API returned, with the fields
// ReadAll needs decoded.
type RawRow struct {
	ID          string
	CreatedTime time.Time
	JSON        json.RawMessage
}

// UnmarshalJSON keeps the row's bytes and decodes its ID and created_time.
func (r *RawRow) UnmarshalJSON(b []byte) error {
	var head struct {
		ID          string    `json:"id"`
		CreatedTime time.Time `json:"created_time"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return err
	}
	r.ID, r.CreatedTime, r.JSON = head.ID, head.CreatedTime, append(json.RawMessage(nil), b...)
	return nil
}

// MarshalJSON writes the row as it came.
func (r RawRow) MarshalJSON() ([]byte, error) { return r.JSON, nil }

// ReadAllRaw is ReadAll that keeps each row as the JSON the API returned.
func (c *Client) ReadAllRaw(ctx context.Context, id string, p QueryParams, opt ReadAllOptions) iter.Seq2[RawRow, error] {
	return readAll(ctx, c, id, p, opt, func(r *RawRow) (string, time.Time) { return r.ID, r.CreatedTime })
}

// window is a half-open created_time range [from, to); a zero bound is open.
type window struct {
	from, to time.Time
	// skip holds the IDs already yielded with created_time == from.
	skip map[string]bool
}

// filter combines the caller's filter with the window's bounds, as the
// official SDK does: appended to a top-level "and", or and-ed with it.
func (w window) filter(user json.RawMessage) any {
	var bounds []any
	if !w.from.IsZero() {
		bounds = append(bounds, map[string]any{"timestamp": CreatedTime, CreatedTime: map[string]string{"on_or_after": w.from.UTC().Format(timeLayout)}})
	}
	if !w.to.IsZero() {
		bounds = append(bounds, map[string]any{"timestamp": CreatedTime, CreatedTime: map[string]string{"before": w.to.UTC().Format(timeLayout)}})
	}
	if len(bounds) == 0 {
		if user == nil {
			return nil
		}
		return user
	}
	if user == nil {
		if len(bounds) == 1 {
			return bounds[0]
		}
		return map[string]any{"and": bounds}
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(user, &top) == nil && len(top) == 1 && top["and"] != nil {
		var items []json.RawMessage
		if json.Unmarshal(top["and"], &items) == nil {
			all := make([]any, 0, len(items)+len(bounds))
			for _, it := range items {
				all = append(all, it)
			}
			return map[string]any{"and": append(all, bounds...)}
		}
	}
	return map[string]any{"and": append([]any{user}, bounds...)}
}

// task is a window being read, with the rows it has read waiting for the
// consumer. Its upper bound may shrink while it runs, when an idle worker
// takes over the rest of its range.
type task[T any] struct {
	mu      sync.Mutex
	w       window
	rows    []T
	err     error
	done    bool
	started bool
	// newest is the created_time of the newest row handed over; more
	// says whether the task's cursor chain has more pages.
	newest time.Time
	more   bool
	// shrunk says that w.to moved below what the cursor chain was asked
	// for: the chain must restart with the new bound.
	shrunk bool
	wake   chan struct{} // signalled (non-blocking) when rows or done change
}

func newTask[T any](w window) *task[T] { return &task[T]{w: w, wake: make(chan struct{}, 1)} }

func (t *task[T]) signal() {
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

func (t *task[T]) finish(err error) {
	t.mu.Lock()
	t.done, t.err, t.more = true, err, false
	t.mu.Unlock()
	t.signal()
}

func (t *task[T]) take() (rows []T, err error, done bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	rows, t.rows = t.rows, nil
	return rows, t.err, t.done
}

// scheduler hands tasks to workers in consumer order, at most ahead
// beyond the task being consumed, and lets an idle worker split the rest
// of a running task's range when no task is left to start, so that rows
// bunched in time are still read concurrently.
type scheduler[T any] struct {
	mu       sync.Mutex
	cond     *sync.Cond
	tasks    []*task[T] // in consumer order
	consumed int        // index of the task the consumer is on
	ahead    int
	end      time.Time // created_time of the newest row, bounding open tasks
	closed   bool
}

func newScheduler[T any](ws []window, ahead int, end time.Time) *scheduler[T] {
	s := &scheduler[T]{ahead: ahead, end: end}
	s.cond = sync.NewCond(&s.mu)
	for _, w := range ws {
		s.tasks = append(s.tasks, newTask[T](w))
	}
	return s
}

// minSplit is the shortest range worth splitting.
const minSplit = 2 * time.Millisecond

// next returns the task a worker reads next, or nil when none is left.
func (s *scheduler[T]) next() *task[T] {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		if s.closed {
			return nil
		}
		limit := s.consumed + s.ahead
		running := false
		for i := s.consumed; i < len(s.tasks); i++ {
			t := s.tasks[i]
			if !t.started && i < limit {
				t.started = true
				return t
			}
			if t.started {
				t.mu.Lock()
				running = running || !t.done
				t.mu.Unlock()
			}
		}
		if !running && s.allStarted() {
			return nil
		}
		if t := s.split(limit); t != nil {
			return t
		}
		s.cond.Wait()
	}
}

func (s *scheduler[T]) allStarted() bool {
	for _, t := range s.tasks[s.consumed:] {
		if !t.started {
			return false
		}
	}
	return true
}

// split takes the second half of the widest remaining range among running
// tasks with more pages to read, as a new task right after its own.
func (s *scheduler[T]) split(limit int) *task[T] {
	best, bestSpan := -1, minSplit
	for i := s.consumed; i < len(s.tasks) && i+1 < limit; i++ {
		t := s.tasks[i]
		t.mu.Lock()
		if t.started && !t.done && t.more {
			if span := s.remaining(t); span >= bestSpan {
				best, bestSpan = i, span
			}
		}
		t.mu.Unlock()
	}
	if best < 0 {
		return nil
	}
	t := s.tasks[best]
	t.mu.Lock()
	from := t.w.from
	if t.newest.After(from) {
		from = t.newest
	}
	mid := from.Add(s.remaining(t) / 2).Truncate(time.Millisecond)
	if !mid.After(from) {
		t.mu.Unlock()
		return nil
	}
	nt := newTask[T](window{from: mid, to: t.w.to})
	nt.started = true
	t.w.to, t.shrunk = mid, true
	t.mu.Unlock()
	s.tasks = append(s.tasks[:best+1], append([]*task[T]{nt}, s.tasks[best+1:]...)...)
	return nt
}

// remaining is the part of t's range not read yet (t.mu held).
func (s *scheduler[T]) remaining(t *task[T]) time.Duration {
	from, to := t.w.from, t.w.to
	if t.newest.After(from) {
		from = t.newest
	}
	if to.IsZero() {
		to = s.end.Add(time.Millisecond)
	}
	return to.Sub(from)
}

// at returns the task the consumer reads at index i, or nil at the end.
func (s *scheduler[T]) at(i int) *task[T] {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.consumed = i
	s.cond.Broadcast()
	if i >= len(s.tasks) {
		return nil
	}
	return s.tasks[i]
}

// changed wakes workers waiting for something to start or split.
func (s *scheduler[T]) changed() {
	s.mu.Lock()
	s.cond.Broadcast()
	s.mu.Unlock()
}

func (s *scheduler[T]) close() {
	s.mu.Lock()
	s.closed = true
	s.cond.Broadcast()
	s.mu.Unlock()
}

func readAll[T any](ctx context.Context, c *Client, id string, p QueryParams, opt ReadAllOptions, meta func(*T) (string, time.Time)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		var zero T

		user, err := rawOrValue(p.Filter)
		if err != nil {
			yield(zero, err)
			return
		}
		base := p
		base.Filter, base.StartCursor, base.PageSize = nil, "", MaxPageSize
		base.Sorts = []Sort{{Timestamp: CreatedTime, Direction: Ascending}}
		total := 0
		progress := func(n int) {
			total += n
			if opt.OnProgress != nil {
				opt.OnProgress(total)
			}
		}

		// The first page: the oldest rows, and the round trip it took.
		q := base
		q.Filter = window{}.filter(user)
		start := time.Now()
		first, err := queryInto[T](ctx, c, id, q)
		if err != nil {
			yield(zero, err)
			return
		}
		rtt := time.Since(start)
		for i := range first.Results {
			if !yield(first.Results[i], nil) {
				return
			}
		}
		progress(len(first.Results))
		if !first.HasMore && !first.Incomplete() {
			return
		}
		if len(first.Results) == 0 {
			yield(zero, ErrResultLimit)
			return
		}
		_, lastTime := meta(&first.Results[len(first.Results)-1])
		skip := map[string]bool{}
		for i := range first.Results {
			if rid, t := meta(&first.Results[i]); t.Equal(lastTime) {
				skip[rid] = true
			}
		}

		conc := opt.Concurrency
		if conc <= 0 {
			conc = c.autoConcurrency(rtt)
		}
		windows := []window{{from: lastTime, skip: skip}}
		windowsEnd := lastTime
		if conc > 1 {
			// The newest row bounds the range to split.
			nq := base
			nq.Filter = window{}.filter(user)
			nq.Sorts = []Sort{{Timestamp: CreatedTime, Direction: Descending}}
			nq.PageSize = 1
			newest, err := queryInto[T](ctx, c, id, nq)
			if err != nil {
				yield(zero, err)
				return
			}
			if len(newest.Results) == 1 {
				_, maxTime := meta(&newest.Results[0])
				windowsEnd = maxTime
				_, firstTime := meta(&first.Results[0])
				n := min(2*conc, pagesLeft(len(first.Results), firstTime, lastTime, maxTime))
				windows = splitWindows(lastTime, maxTime, skip, n)
			}
		}

		end := lastTime
		if len(windows) > 1 || conc > 1 {
			end = windowsEnd
		}
		sch := newScheduler[T](windows, 2*conc, end)
		var wg sync.WaitGroup
		for range conc {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for t := sch.next(); t != nil; t = sch.next() {
					readTask(ctx, c, id, base, user, t, meta, sch)
				}
			}()
		}
		defer wg.Wait()
		defer sch.close()
		defer cancel()

		for i := 0; ; i++ {
			t := sch.at(i)
			if t == nil {
				return
			}
			for {
				rows, err, done := t.take()
				for i := range rows {
					if !yield(rows[i], nil) {
						return
					}
				}
				if len(rows) > 0 {
					progress(len(rows))
				}
				if err != nil {
					yield(zero, err)
					return
				}
				if done {
					break
				}
				select {
				case <-t.wake:
				case <-ctx.Done():
					yield(zero, ctx.Err())
					return
				}
			}
		}
	}
}

// splitWindows divides [from, to] into n windows of equal duration; the
// last one is open-ended so rows created during the read are not lost.
func splitWindows(from, to time.Time, skip map[string]bool, n int) []window {
	span := to.Sub(from)
	if span <= 0 || n <= 1 {
		return []window{{from: from, skip: skip}}
	}
	step := span / time.Duration(n)
	if step < time.Millisecond {
		step = time.Millisecond
		n = int(span/step) + 1
	}
	ws := make([]window, 0, n)
	lo := from
	for i := range n {
		w := window{from: lo}
		if i == 0 {
			w.skip = skip
		}
		if i < n-1 {
			w.to = lo.Add(step).Truncate(time.Millisecond)
			if !w.to.After(lo) {
				continue
			}
			lo = w.to
		}
		ws = append(ws, w)
	}
	return ws
}

// readTask reads one task's window, continuing past the result cap, and
// restarting with a narrower bound when an idle worker took over the rest
// of its range.
func readTask[T any](ctx context.Context, c *Client, id string, base QueryParams, user json.RawMessage, t *task[T], meta func(*T) (string, time.Time), s *scheduler[T]) {
	cursor := ""
	// The newest instant handed over in this cursor chain and the rows at
	// it: the rows a restart at that instant must skip.
	var newest time.Time
	atNewest := map[string]bool{}
	for {
		t.mu.Lock()
		w := t.w
		if cursor == "" {
			t.shrunk = false
		}
		t.mu.Unlock()
		q := base
		q.Filter = w.filter(user)
		q.StartCursor = cursor
		l, err := queryInto[T](ctx, c, id, q)
		if err != nil {
			t.finish(err)
			s.changed()
			return
		}
		t.mu.Lock()
		for i := range l.Results {
			rid, ct := meta(&l.Results[i])
			if w.skip[rid] && ct.Equal(w.from) {
				continue
			}
			// Rows past a bound that shrank while the page was on its way
			// belong to the task that took over.
			if !t.w.to.IsZero() && !ct.Before(t.w.to) {
				continue
			}
			if ct.After(newest) {
				newest, atNewest = ct, map[string]bool{}
			}
			atNewest[rid] = true
			t.rows = append(t.rows, l.Results[i])
		}
		if newest.After(t.newest) {
			t.newest = newest
		}
		cursor = l.Cursor()
		capped := cursor == "" && l.Incomplete()
		t.more = cursor != "" || capped
		restart := t.shrunk
		t.mu.Unlock()
		t.signal()
		s.changed()

		switch {
		case restart && (cursor != "" || capped):
			// Continue below the new bound from the newest row handed over.
		case cursor != "":
			continue
		case !capped:
			t.finish(nil)
			s.changed()
			return
		case newest.IsZero() || newest.Equal(w.from):
			// The whole chain shared one instant: no restart can progress.
			t.finish(ErrResultLimit)
			s.changed()
			return
		}
		// Restart the chain at the newest instant handed over (after the
		// cap, or below a shrunk bound).
		cursor = ""
		if !newest.IsZero() {
			t.mu.Lock()
			t.w.from, t.w.skip = newest, atNewest
			t.mu.Unlock()
		}
		newest, atNewest = time.Time{}, map[string]bool{}
	}
}

// autoConcurrency keeps about one round trip's worth of the pacing budget
// in flight, plus one. When one request per round trip already spends the
// budget (rate × round trip ≤ 1), it reads sequentially: more windows
// would only add requests.
func (c *Client) autoConcurrency(rtt time.Duration) int {
	r := c.Rate()
	if math.IsInf(r, 1) {
		return maxReadConcurrency
	}
	inFlight := r * rtt.Seconds()
	if inFlight <= 1 {
		return 1
	}
	return int(min(math.Ceil(inFlight)+1, maxReadConcurrency))
}

// pagesLeft estimates the pages of rows created from last to newest, from
// the density of a first page of rows created from first to last. It is at
// least 1; rows all created at one instant give no estimate, counted as
// many pages.
func pagesLeft(rows int, first, last, newest time.Time) int {
	const many = 1 << 20
	span := last.Sub(first)
	if span <= 0 {
		return many
	}
	pages := float64(rows) * (float64(newest.Sub(last)) / float64(span)) / MaxPageSize
	return int(max(1, min(math.Ceil(pages), many)))
}

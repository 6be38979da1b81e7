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

// windowResult carries a window's rows to the consumer, in order.
type windowResult[T any] struct {
	mu   sync.Mutex
	rows []T
	err  error
	done bool
	wake chan struct{} // signalled (non-blocking) when rows or done change
}

func (r *windowResult[T]) push(rows []T, err error, done bool) {
	r.mu.Lock()
	r.rows = append(r.rows, rows...)
	if err != nil {
		r.err = err
	}
	r.done = r.done || done
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

func (r *windowResult[T]) take() (rows []T, err error, done bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rows, r.rows = r.rows, nil
	return rows, r.err, r.done
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
				_, firstTime := meta(&first.Results[0])
				n := min(2*conc, pagesLeft(len(first.Results), firstTime, lastTime, maxTime))
				windows = splitWindows(lastTime, maxTime, skip, n)
			}
		}

		results := make([]*windowResult[T], len(windows))
		for i := range results {
			results[i] = &windowResult[T]{wake: make(chan struct{}, 1)}
		}
		next := make(chan int)
		var wg sync.WaitGroup
		for range min(conc, len(windows)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					readWindow(ctx, c, id, base, user, windows[i], meta, results[i])
				}
			}()
		}
		// Windows are handed out in order, at most aheadLimit beyond the one
		// being consumed, so that a slow consumer bounds the rows buffered.
		aheadLimit := 2 * conc
		slots := make(chan struct{}, aheadLimit)
		go func() {
			defer close(next)
			for i := range windows {
				select {
				case slots <- struct{}{}:
				case <-ctx.Done():
					return
				}
				select {
				case next <- i:
				case <-ctx.Done():
					return
				}
			}
		}()
		defer wg.Wait()
		defer cancel()

		for _, r := range results {
			for {
				rows, err, done := r.take()
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
					<-slots
					break
				}
				select {
				case <-r.wake:
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

// readWindow reads one window, continuing past the result cap.
func readWindow[T any](ctx context.Context, c *Client, id string, base QueryParams, user json.RawMessage, w window, meta func(*T) (string, time.Time), out *windowResult[T]) {
	cursor := ""
	// The newest instant seen in this cursor chain and the rows at it: the
	// rows a restart at that instant must skip.
	var newest time.Time
	atNewest := map[string]bool{}
	for {
		q := base
		q.Filter = w.filter(user)
		q.StartCursor = cursor
		l, err := queryInto[T](ctx, c, id, q)
		if err != nil {
			out.push(nil, err, true)
			return
		}
		rows := l.Results[:0:0]
		for i := range l.Results {
			rid, t := meta(&l.Results[i])
			if t.After(newest) {
				newest, atNewest = t, map[string]bool{}
			}
			atNewest[rid] = true
			if w.skip[rid] && t.Equal(w.from) {
				continue
			}
			rows = append(rows, l.Results[i])
		}
		out.push(rows, nil, false)
		if cursor = l.Cursor(); cursor != "" {
			continue
		}
		if !l.Incomplete() {
			out.push(nil, nil, true)
			return
		}
		// The cap: restart the window at the newest instant seen. If the
		// whole chain shared one instant, no restart can make progress.
		if newest.IsZero() || newest.Equal(w.from) {
			out.push(nil, ErrResultLimit, true)
			return
		}
		w = window{from: newest, to: w.to, skip: atNewest}
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

package notionapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// never is a probe timer that never fires; atOnce fires at once.
func never(time.Duration) <-chan time.Time { return nil }

func atOnce(time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	ch <- time.Time{}
	return ch
}

// readMode is one way of reading: the client's pacing, the server's
// round trip (on the fake's clock) and ReadAll's options. filtered modes
// also read with filters.
type readMode struct {
	name     string
	rate     float64
	rtt      time.Duration
	probe    func(time.Duration) <-chan time.Time
	opt      ReadAllOptions
	filtered bool
}

var readModes = []readMode{
	{name: "sequential", opt: ReadAllOptions{Concurrency: 1}, filtered: true},
	// One request per round trip spends 1,000 requests/s: one chain.
	{name: "budget-bound", rate: 1000, rtt: 500 * time.Microsecond, probe: never},
	// Two requests per round trip: a few chains.
	{name: "latency-bound", rate: 1000, rtt: 2 * time.Millisecond, probe: atOnce, filtered: true},
	{name: "unpaced", rtt: 50 * time.Millisecond, probe: atOnce},
	{name: "unordered", rtt: 50 * time.Millisecond, probe: atOnce, opt: ReadAllOptions{Unordered: true}},
	{name: "small-read-ahead", rtt: 50 * time.Millisecond, probe: atOnce, opt: ReadAllOptions{MaxBuffered: 150}},
	{name: "small-read-ahead-unordered", rtt: 50 * time.Millisecond, probe: atOnce, opt: ReadAllOptions{MaxBuffered: 150, Unordered: true}, filtered: true},
	// Six requests per round trip: windows read from both ends.
	{name: "pairs", rate: 1000, rtt: 5 * time.Millisecond, probe: atOnce, filtered: true},
	{name: "pairs-small-read-ahead", rate: 1000, rtt: 5 * time.Millisecond, probe: atOnce, opt: ReadAllOptions{MaxBuffered: 300}},
}

// fakeRead reads every row of f in a mode and returns the rows in the order
// they came and the error that ended the read, if any.
func fakeRead(t *testing.T, f *fakeSource, m readMode, filter json.RawMessage) ([]Page, error) {
	t.Helper()
	f.rtt = m.rtt
	opt := m.opt
	opt.tune = &readTuning{now: f.now, after: m.probe}
	c := f.client(t, m.rate, 0)
	var rows []Page
	progress := 0
	opt.OnProgress = func(n int) { progress = n }
	var err error
	for p, e := range c.ReadAll(context.Background(), fakeDS, QueryParams{Filter: filter}, opt) {
		if e != nil {
			err = e
			break
		}
		rows = append(rows, p)
	}
	if progress != len(rows) {
		t.Errorf("OnProgress said %d rows, %d came", progress, len(rows))
	}
	return rows, err
}

// expected lists the rows f holds that match filter, and the groups of
// more rows sharing both timestamps than one query returns.
func expected(t *testing.T, f *fakeSource, filter json.RawMessage) (want map[string]fakeRow, groups map[[2]time.Time]int) {
	t.Helper()
	want = map[string]fakeRow{}
	count := map[[2]time.Time]int{}
	match, err := compileFilter(filter)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range f.rows {
		if match(r) {
			want[r.id] = r
			count[[2]time.Time{r.created, r.edited}]++
		}
	}
	groups = map[[2]time.Time]int{}
	for k, n := range count {
		if n > f.cap {
			groups[k] = n
		}
	}
	return want, groups
}

// checkRead checks a read against the fake's rows: every matching row
// exactly once, in created_time order unless unordered, and, where more
// rows share both timestamps than a query returns, an *UnreadRowsError
// naming those groups with the number of their rows that came.
func checkRead(t *testing.T, f *fakeSource, filter json.RawMessage, ordered bool, rows []Page, err error) {
	t.Helper()
	want, groups := expected(t, f, filter)
	seen := map[string]bool{}
	inGroup := map[[2]time.Time]int{}
	var prev time.Time
	for _, p := range rows {
		r, ok := want[p.ID]
		switch {
		case !ok:
			t.Fatalf("row %s does not match the filter", p.ID)
		case seen[p.ID]:
			t.Fatalf("row %s came twice", p.ID)
		case ordered && p.CreatedTime.Before(prev):
			t.Fatalf("row %s (%s) came after a row created at %s", p.ID, p.CreatedTime, prev)
		}
		seen[p.ID], prev = true, p.CreatedTime
		if k := [2]time.Time{r.created, r.edited}; groups[k] > 0 {
			inGroup[k]++
		}
	}
	for id, r := range want {
		if !seen[id] && groups[[2]time.Time{r.created, r.edited}] == 0 {
			t.Fatalf("row %s (created %s) is missing; %d of %d rows came, error %v", id, r.created, len(seen), len(want), err)
		}
	}
	if len(f.rejected) > 0 {
		t.Fatalf("the server refused %d requests: %s", len(f.rejected), f.rejected[0])
	}
	if len(groups) == 0 {
		if err != nil {
			t.Fatalf("read ended with %v", err)
		}
		return
	}
	var ue *UnreadRowsError
	if !errors.As(err, &ue) {
		t.Fatalf("%d groups cannot be read, but the read ended with %v", len(groups), err)
	}
	if len(ue.Groups) != len(groups) {
		t.Fatalf("the error names %d groups, want %d: %v", len(ue.Groups), len(groups), err)
	}
	for _, g := range ue.Groups {
		k := [2]time.Time{g.CreatedTime, g.LastEditedTime}
		if groups[k] == 0 {
			t.Fatalf("the error names a group that can be read: %+v", g)
		}
		if g.Read != inGroup[k] || g.Read < f.cap || g.Read >= groups[k] {
			t.Fatalf("group %+v: %d of its %d rows came", g, inGroup[k], groups[k])
		}
	}
}

// TestReadAllEveryRowOnce reads data sets shaped as Notion's can be
// (timestamps to the millisecond or whole minutes, rows bunched in one
// minute by an import, a long gap, more rows in one minute than one query
// returns, more sharing both timestamps than any timestamp filter can
// split) in every mode, with and without filters, including a top-level
// "or" (whose bounds must go inside each branch: the fake refuses three
// levels) and with result caps small enough to be crossed many times.
// The fake refuses any cursor sent with another filter than its own.
func TestReadAllEveryRowOnce(t *testing.T) {
	t.Parallel()
	type dataSet struct {
		name     string
		rows     func() []fakeRow
		cap      int
		filtered bool
	}
	sameMinute := func(n, editedMinutes int) []fakeRow {
		rows := spreadRows(n, 0, true)
		for i := range rows {
			rows[i].edited = rows[i].created.Add(time.Duration(i%editedMinutes) * time.Minute)
		}
		return rows
	}
	groupOverCap := func() []fakeRow {
		rows := sameMinute(700, 7)
		for i := range rows[:600] {
			rows[i].edited = rows[0].created.Add(time.Hour)
		}
		more := spreadRows(300, time.Hour, true)
		for i := range more {
			more[i].id = fmt.Sprintf("late-%03d", i)
			more[i].created = more[i].created.Add(time.Minute)
		}
		return append(rows, more...)
	}
	sets := []dataSet{
		{"empty", func() []fakeRow { return nil }, 10000, false},
		{"one row", func() []fakeRow { return spreadRows(1, 0, false) }, 10000, false},
		{"one page", func() []fakeRow { return spreadRows(100, time.Hour, true) }, 10000, false},
		{"a page and a row", func() []fakeRow { return spreadRows(101, time.Hour, true) }, 10000, false},
		{"two pages", func() []fakeRow { return spreadRows(200, time.Second, false) }, 10000, false},
		{"milliseconds", func() []fakeRow { return spreadRows(1234, 73*time.Minute+7*time.Millisecond, false) }, 10000, false},
		{"past a small cap", func() []fakeRow { return spreadRows(1345, 11*time.Minute, true) }, 300, true},
		{"bunched minutes", func() []fakeRow { return bunchedRows(1200) }, 400, true},
		{"a long gap", func() []fakeRow { return skewedRows(150, 900) }, 10000, true},
		{"one minute past the cap", func() []fakeRow { return sameMinute(450, 9) }, 100, false},
		{"a group past the cap", groupOverCap, 250, true},
		// Reads of 20 pages or more: windows read from both ends meet.
		{"many pages", func() []fakeRow { return spreadRows(3456, 7*time.Minute, true) }, 10000, false},
		{"many pages past a small cap", func() []fakeRow { return spreadRows(3000, 3*time.Minute+7*time.Millisecond, false) }, 300, true},
		{"many bunched minutes", func() []fakeRow { return bunchedRows(4000) }, 400, true},
	}
	filters := []struct {
		name string
		f    json.RawMessage
	}{
		{"no filter", nil},
		{"a leaf", json.RawMessage(`{"property":"n","number":{"less_than":1900}}`)},
		{"or at the top", json.RawMessage(`{"or":[{"property":"tag","select":{"equals":"a"}},{"and":[{"property":"tag","select":{"equals":"b"}},{"property":"n","number":{"greater_than":100}}]},{"or":[{"property":"n","number":{"equals":5}}]}]}`)},
	}
	for _, ds := range sets {
		for _, m := range readModes {
			for _, fl := range filters {
				// Filters change what the chains ask for, not how they
				// are planned: the larger sets, in the modes that plan
				// differently, are enough for them.
				if fl.f != nil && (!ds.filtered || !m.filtered) {
					continue
				}
				t.Run(ds.name+"/"+m.name+"/"+fl.name, func(t *testing.T) {
					t.Parallel()
					f := newFake(ds.rows())
					f.cap = ds.cap
					rows, err := fakeRead(t, f, m, fl.f)
					checkRead(t, f, fl.f, !m.opt.Unordered, rows, err)
				})
			}
		}
	}
}

// TestReadAllNamesWhatItCannotRead: more rows share one created_time and
// one last_edited_time than one query returns; every other row is read,
// and the error says which rows could not be.
func TestReadAllNamesWhatItCannotRead(t *testing.T) {
	t.Parallel()
	rows := spreadRows(500, 0, true)
	for i := range rows[:400] {
		rows[i].edited = fakeBase.Add(2 * time.Hour)
	}
	f := newFake(rows)
	f.cap = 300
	got, err := fakeRead(t, f, readModes[0], nil)
	checkRead(t, f, nil, true, got, err)
	msg := err.Error()
	for _, s := range []string{"created_time 2026-03-01T09:00:00Z", "last_edited_time 2026-03-01T11:00:00Z", "(300 of them read)", "filter on a property"} {
		if !strings.Contains(msg, s) {
			t.Errorf("the error does not say %q: %s", s, msg)
		}
	}
}

// TestReadAllOfOnePageIsOneRequest: without pacing, the probe waits for
// the first page to say more rows follow.
func TestReadAllOfOnePageIsOneRequest(t *testing.T) {
	t.Parallel()
	f := newFake(spreadRows(60, time.Minute, true))
	rows, err := fakeRead(t, f, readModes[3], nil)
	checkRead(t, f, nil, true, rows, err)
	if len(f.calls) != 1 {
		t.Fatalf("%d requests for one page of rows", len(f.calls))
	}
}

// TestReadAllIsSequentialWhenTheBudgetIsTheLimit: the round trip is
// shorter than the pacer's interval, so one chain spends the budget: no
// probe, no windows, exactly the pages the rows fill.
func TestReadAllIsSequentialWhenTheBudgetIsTheLimit(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1000, 1050} {
		f := newFake(spreadRows(n, time.Minute, true))
		rows, err := fakeRead(t, f, readModes[1], nil)
		checkRead(t, f, nil, true, rows, err)
		if want := (n + 99) / 100; len(f.calls) != want {
			t.Errorf("%d rows: %d requests, want %d", n, len(f.calls), want)
		}
		for _, c := range f.calls {
			if len(c.Filter) > 0 && string(c.Filter) != "null" || c.Sorts[0].Direction != Ascending {
				t.Fatalf("a sequential read sent a bounded or descending query: %s %+v", c.Filter, c.Sorts)
			}
		}
	}
}

// TestReadAllProbesAlongsideTheFirstPage: when the first page takes longer
// than the pacer's interval, the newest rows are asked for before the
// first page is answered, and the first rows reach the consumer while the
// probe is still unanswered.
func TestReadAllProbesAlongsideTheFirstPage(t *testing.T) {
	t.Parallel()
	f := newFake(spreadRows(1000, time.Minute, true))
	f.gated = true
	m := readModes[3]
	first := make(chan []string, 1)
	done := make(chan error, 1)
	go func() {
		f.rtt = m.rtt
		c := f.client(t, 1000, 0)
		var ids []string
		opt := ReadAllOptions{tune: &readTuning{now: f.now, after: atOnce}}
		var err error
		for p, e := range c.ReadAll(context.Background(), fakeDS, QueryParams{}, opt) {
			if e != nil {
				err = e
				break
			}
			if ids = append(ids, p.ID); len(ids) == 100 {
				first <- ids
			}
		}
		done <- err
	}()
	f.waitUntil(t, "the first page and the probe are both asked for", func() bool { return len(f.waiting) == 2 })
	f.mu.Lock()
	a, b := f.waiting[0], f.waiting[1]
	if a.Sorts[0].Direction == Descending {
		a, b = b, a
	}
	f.mu.Unlock()
	if a.Sorts[0].Direction != Ascending || b.Sorts[0].Direction != Descending || b.Size != MaxPageSize {
		t.Fatalf("first requests: %+v and %+v", a.Sorts, b.Sorts)
	}
	f.release(a)
	if ids := <-first; ids[0] != fakeID(0) || ids[99] != fakeID(99) {
		t.Fatalf("first rows %s…%s", ids[0], ids[99])
	}
	f.mu.Lock()
	f.gated = false
	f.mu.Unlock()
	f.releaseAll()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// The first page's cursor was followed: no row was asked for twice.
	checkServedOnce(t, f)
}

// checkServedOnce fails if the oldest page's rows were answered more
// than once (re-read instead of continued).
func checkServedOnce(t *testing.T, f *fakeSource) {
	t.Helper()
	count := map[string]int{}
	for _, c := range f.calls {
		if c.Sorts[0].Direction == Descending {
			continue
		}
		for _, id := range c.answer {
			count[id]++
		}
	}
	for i := range 100 {
		if n := count[fakeID(i)]; n > 1 {
			t.Fatalf("row %s of the first page was answered %d times", fakeID(i), n)
		}
	}
}

// TestReadAllLatencyBoundSmallReadTakesTwoRoundTrips: with a 200 ms round
// trip and budget to spare, 1,000 rows come in two round trips: the first
// page with the probe, then every other row at once.
func TestReadAllLatencyBoundSmallReadTakesTwoRoundTrips(t *testing.T) {
	t.Parallel()
	f := newFake(spreadRows(1000, 7*time.Minute, true))
	f.gated, f.rtt = true, 200*time.Millisecond
	done := make(chan error, 1)
	var got []Page
	go func() {
		c := f.client(t, 30, 30)
		opt := ReadAllOptions{tune: &readTuning{now: f.now, after: atOnce}}
		var err error
		for p, e := range c.ReadAll(context.Background(), fakeDS, QueryParams{}, opt) {
			if e != nil {
				err = e
				break
			}
			got = append(got, p)
		}
		done <- err
	}()
	f.waitUntil(t, "the first page and the probe are asked for", func() bool { return len(f.waiting) == 2 })
	f.releaseAll()
	// Without any other answer, the requests on their way cover every row.
	f.waitUntil(t, "the rest is asked for at once", func() bool {
		covered := map[string]bool{}
		for _, c := range f.calls {
			for _, id := range c.answer {
				covered[id] = true
			}
		}
		return len(covered) == len(f.rows)
	})
	f.mu.Lock()
	f.gated = false
	f.mu.Unlock()
	f.releaseAll()
	err := <-done
	checkRead(t, f, nil, true, got, err)
	if n := len(f.calls); n > 13 {
		t.Errorf("%d requests for 10 pages of rows", n)
	}
}

// TestReadAllStaggersTheFirstWindows: windows started together in created
// time order grow with their distance from the consumer's, so that they
// end one after another instead of filling the read-ahead at once; with
// six chains, each window is read from both ends.
func TestReadAllStaggersTheFirstWindows(t *testing.T) {
	t.Parallel()
	f := newFake(spreadRows(10000, 7*time.Minute, false))
	f.gated, f.rtt = true, 200*time.Millisecond
	done := make(chan error, 1)
	go func() {
		opt := ReadAllOptions{tune: &readTuning{now: f.now, after: atOnce}}
		var err error
		for _, e := range f.client(t, 30, 30).ReadAll(context.Background(), fakeDS, QueryParams{}, opt) {
			if e != nil {
				err = e
			}
		}
		done <- err
	}()
	f.waitUntil(t, "the first page and the probe are asked for", func() bool { return len(f.waiting) == 2 })
	f.releaseAll()
	// 30 requests/s and a 200 ms round trip: 6 requests per round trip,
	// so seven chains: the first page's and three windows, each read
	// upwards and downwards.
	type window struct{ lo, hi time.Time }
	var ws []window
	down := map[window]bool{}
	f.waitUntil(t, "three windows are asked for from both ends", func() bool {
		ws = ws[:0]
		clear(down)
		for _, c := range f.waiting {
			var w struct {
				And []struct {
					CreatedTime map[string]time.Time `json:"created_time"`
				} `json:"and"`
			}
			if json.Unmarshal(c.Filter, &w) == nil && len(w.And) == 2 {
				win := window{w.And[0].CreatedTime["on_or_after"], w.And[1].CreatedTime["before"]}
				if c.Sorts[0].Direction == Descending {
					down[win] = true
				} else {
					ws = append(ws, win)
				}
			}
		}
		return len(ws) == 3 && len(down) == 3
	})
	f.mu.Lock()
	f.gated = false
	f.mu.Unlock()
	f.releaseAll()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(ws, func(a, b window) int { return a.lo.Compare(b.lo) })
	for i, w := range ws {
		if !down[w] {
			t.Fatalf("window %d is not read from its top down: up %v, down %v", i, ws, down)
		}
		if i > 0 && w.hi.Sub(w.lo) < ws[i-1].hi.Sub(ws[i-1].lo) {
			t.Fatalf("window %d is shorter than the one before it: %v", i, ws)
		}
	}
	if first, last := ws[0].hi.Sub(ws[0].lo), ws[2].hi.Sub(ws[2].lo); last < 3*first/2 {
		t.Fatalf("the farthest window spans %s, the nearest %s: not staggered", last, first)
	}
}

// TestReadAllPairsMeetInAnyOrder: a read whose windows are read from both
// ends (six chains) hands every row over once, in created_time order,
// whichever chain's page comes back first, with rows sharing a minute (in
// another order downwards) where the chains meet. Pages are answered one
// at a time, picked at random among those asked for. (How pairs meet is
// TestPairsHandEveryRowOverOnce's; TestReadAllStaggersTheFirstWindows
// shows that such a read pairs its windows.)
func TestReadAllPairsMeetInAnyOrder(t *testing.T) {
	t.Parallel()
	for seed := range uint64(12) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			f := newFake(spreadRows(4000, 20*time.Second, true))
			f.gated, f.rtt = true, 5*time.Millisecond
			var finished atomic.Bool
			var rows []Page
			var err error
			go func() {
				defer f.signal()
				defer finished.Store(true)
				opt := ReadAllOptions{tune: &readTuning{now: f.now, after: atOnce}}
				for p, e := range f.client(t, 1000, 0).ReadAll(context.Background(), fakeDS, QueryParams{}, opt) {
					if e != nil {
						err = e
						break
					}
					rows = append(rows, p)
				}
			}()
			rng := rand.New(rand.NewPCG(seed, 1))
			for {
				var next *fakeCall
				f.waitUntil(t, "a page is asked for, or the read ends", func() bool {
					if len(f.waiting) > 0 {
						next = f.waiting[rng.IntN(len(f.waiting))]
					}
					return next != nil || finished.Load()
				})
				if next == nil {
					break
				}
				f.release(next)
			}
			checkRead(t, f, nil, true, rows, err)
		})
	}
}

// TestReadAllReadAheadIsBounded: a consumer that stops taking rows stops
// the reading a bounded number of rows ahead, in both orders.
func TestReadAllReadAheadIsBounded(t *testing.T) {
	t.Parallel()
	for _, unordered := range []bool{false, true} {
		t.Run(fmt.Sprintf("unordered=%v", unordered), func(t *testing.T) {
			t.Parallel()
			const ahead = 300
			f := newFake(spreadRows(5000, time.Minute, true))
			f.rtt = 50 * time.Millisecond
			full := make(chan struct{}, 1)
			opt := ReadAllOptions{Unordered: unordered, MaxBuffered: ahead, tune: &readTuning{now: f.now, after: atOnce, onWait: func() {
				select {
				case full <- struct{}{}:
				default:
				}
			}}}
			c := f.client(t, 0, 0)
			n := 0
			for _, err := range c.ReadAll(context.Background(), fakeDS, QueryParams{}, opt) {
				if err != nil {
					t.Fatal(err)
				}
				if n++; n == 1 {
					<-full // the readers stopped for lack of room
					f.mu.Lock()
					served := f.served
					f.mu.Unlock()
					// The buffer, the consumer's current window (two pages),
					// the pages on their way, and rows past a window's end
					// discarded.
					if served-n > ahead+1000 {
						t.Fatalf("%d rows read ahead of the consumer, bound %d", served-n, ahead)
					}
				}
			}
			if n != 5000 {
				t.Fatalf("read %d rows", n)
			}
		})
	}
}

// TestReadAllStopsAtOnce: when the consumer stops or the context ends,
// requests on their way are abandoned and the iterator returns with none
// left running.
func TestReadAllStopsAtOnce(t *testing.T) {
	t.Parallel()
	t.Run("the consumer stops", func(t *testing.T) {
		t.Parallel()
		f := newFake(spreadRows(3000, time.Minute, true))
		f.rtt = time.Second
		c := f.client(t, 0, 0)
		opt := ReadAllOptions{tune: &readTuning{now: f.now, after: atOnce}}
		n := 0
		for _, err := range c.ReadAll(context.Background(), fakeDS, QueryParams{}, opt) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == 1 {
				// Hold every later request: only stopping can end them.
				f.mu.Lock()
				f.gated = true
				f.mu.Unlock()
			}
			if n == 100 {
				break
			}
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.inflight != 0 {
			t.Fatalf("%d requests still running after the loop", f.inflight)
		}
	})
	t.Run("the context ends", func(t *testing.T) {
		t.Parallel()
		f := newFake(spreadRows(3000, time.Minute, true))
		f.gated = true
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			f.waitUntil(t, "the first request", func() bool { return len(f.waiting) > 0 })
			cancel()
		}()
		var last error
		for _, err := range f.client(t, 0, 0).ReadAll(ctx, fakeDS, QueryParams{}, ReadAllOptions{tune: &readTuning{now: f.now, after: atOnce}}) {
			last = err
		}
		if !errors.Is(last, context.Canceled) {
			t.Fatalf("ended with %v", last)
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.inflight != 0 {
			t.Fatalf("%d requests still running", f.inflight)
		}
	})
}

// TestReadAllMeasuresTheRoundTripWithoutThePacer: a request held back by
// the pacer is measured from when it was written to its answer.
func TestReadAllMeasuresTheRoundTripWithoutThePacer(t *testing.T) {
	t.Parallel()
	f := newFake(spreadRows(10, time.Minute, true))
	f.rtt = 7 * time.Millisecond
	c := f.client(t, 20, 1)
	c.limiter.Allow() // the next request waits 50 ms for the pacer
	r := &reader[Page]{ctx: context.Background(), c: c, id: fakeDS, tune: readTuning{now: f.now}}
	_, rtt, err := r.query(QueryParams{Sorts: []Sort{{Timestamp: CreatedTime, Direction: Ascending}}}, false)
	if err != nil {
		t.Fatal(err)
	}
	if rtt != 7*time.Millisecond {
		t.Fatalf("round trip %s, want 7ms", rtt)
	}
}

// TestReadAllWidth: how many chains the budget and the round trip call for.
func TestReadAllWidth(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		rate float64
		rtt  time.Duration
		want int
	}{
		{3, 250 * time.Millisecond, 1}, // 0.75 requests per round trip: one chain spends the budget
		{3, 333 * time.Millisecond, 1},
		{3, 600 * time.Millisecond, 2},  // 1.8 requests per round trip, a tenth more: 1.98 → 2
		{10, 205 * time.Millisecond, 3}, // 2.05 → 2.26 → 3
		{30, 55 * time.Millisecond, 2},  // 1.65 → 1.82 → 2
		{30, 205 * time.Millisecond, 7}, // 6.15 → 6.77 → 7
		{30, 5 * time.Millisecond, 1},
		{30, 110 * time.Millisecond, 4}, // 3.3 → 3.63 → 4
		{30, time.Second, maxReadConcurrency},
		{1e300, time.Second, maxReadConcurrency},  // no overflow
		{0, time.Millisecond, maxReadConcurrency}, // no pacing
	} {
		c, err := NewClient("token", WithRate(tc.rate, 0))
		if err != nil {
			t.Fatal(err)
		}
		r := &reader[Page]{c: c, parallel: true, maxW: maxReadConcurrency, tune: readTuning{roundTrip: tc.rtt}}
		if got := r.widthLocked(); got != tc.want {
			t.Errorf("rate %g, round trip %s: %d chains, want %d", tc.rate, tc.rtt, got, tc.want)
		}
	}
}

// TestWithBoundsStaysWithinTwoLevels: the bounds join the caller's filter
// within two levels of nesting and select exactly the rows the filter and
// the bounds select together, on random filters and rows.
func TestWithBoundsStaysWithinTwoLevels(t *testing.T) {
	t.Parallel()
	lo, hi := fakeBase.Add(10*time.Minute), fakeBase.Add(50*time.Minute)
	bounds := []any{timeBound(CreatedTime, "on_or_after", lo), timeBound(CreatedTime, "before", hi)}
	leaves := []string{
		`{"property":"n","number":{"less_than":30}}`,
		`{"property":"n","number":{"greater_than":12}}`,
		`{"property":"tag","select":{"equals":"a"}}`,
		`{"property":"tag","select":{"equals":"b"}}`,
		`{"timestamp":"last_edited_time","last_edited_time":{"after":"2026-03-01T09:40:00.000Z"}}`,
	}
	rng := rand.New(rand.NewPCG(1, 2))
	leaf := func() string { return leaves[rng.IntN(len(leaves))] }
	group := func(op string, items func() string) string {
		n := 1 + rng.IntN(3)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = items()
		}
		return fmt.Sprintf(`{%q:[%s]}`, op, strings.Join(parts, ","))
	}
	ops := []string{"and", "or"}
	random := func() string {
		switch rng.IntN(3) {
		case 0:
			return leaf()
		case 1:
			return group(ops[rng.IntN(2)], leaf)
		}
		return group(ops[rng.IntN(2)], func() string {
			if rng.IntN(2) == 0 {
				return leaf()
			}
			return group(ops[rng.IntN(2)], leaf)
		})
	}
	rows := spreadRows(60, time.Minute, true)
	for range 300 {
		user := json.RawMessage(random())
		got, err := withBounds(user, bounds)
		if err != nil {
			t.Fatalf("%s: %v", user, err)
		}
		b, _ := json.Marshal(got)
		if d, _ := depth(b); d > 2 {
			t.Fatalf("%s became %d levels deep: %s", user, d, b)
		}
		userMatch, err := compileFilter(user)
		if err != nil {
			t.Fatal(err)
		}
		boundMatch, err := compileFilter(b)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			want := userMatch(r) && !r.created.Before(lo) && r.created.Before(hi)
			if have := boundMatch(r); have != want {
				t.Fatalf("%s bounded as %s selects row %d: %v, want %v", user, b, r.n, have, want)
			}
		}
	}
	// Nothing to combine.
	if got, _ := withBounds(nil, nil); got != nil {
		t.Errorf("no filter, no bounds: %v", got)
	}
	if got, _ := withBounds(nil, bounds[:1]); !slices.Equal(mustJSON(got), mustJSON(bounds[0])) {
		t.Errorf("one bound alone: %s", mustJSON(got))
	}
	// A filter Notion refuses cannot take bounds.
	for _, bad := range []string{
		`{"and":[{"or":[{"and":[` + leaves[0] + `]}]}]}`,
		`{"or":[{"or":[{"or":[` + leaves[0] + `]}]}]}`,
		`{"and":[],"or":[]}`,
		`[1,2]`,
	} {
		if _, err := withBounds(json.RawMessage(bad), bounds); !errors.Is(err, errUnboundable) {
			t.Errorf("%s: %v, want errUnboundable", bad, err)
		}
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// TestReadAllWithAnOrFilterPastTheFirstPage reads through the sandbox,
// which refuses filters nested three levels deep as Notion does: a
// top-level "or" with an "and" branch, in windows read at once.
func TestReadAllWithAnOrFilterPastTheFirstPage(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 1500})
	c, err := NewClient(notiontest.TokenFull, WithBaseURL(srv.URL()), WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	filter := json.RawMessage(`{"or":[{"property":"Level","select":{"equals":"warn"}},{"and":[{"property":"Level","select":{"equals":"info"}},{"property":"Service","select":{"equals":"api"}}]}]}`)
	want := map[string]bool{}
	for p, err := range c.QueryAll(context.Background(), notiontest.DataSourceEventLog, QueryParams{Filter: filter}) {
		if err != nil {
			t.Fatal(err)
		}
		want[p.ID] = true
	}
	if len(want) < 250 {
		t.Fatalf("the filter matches %d rows; it should span several pages", len(want))
	}
	for _, opt := range []ReadAllOptions{
		{Concurrency: 1},
		{tune: &readTuning{roundTrip: 300 * time.Millisecond, after: atOnce}},
	} {
		got := map[string]bool{}
		for p, err := range c.ReadAll(context.Background(), notiontest.DataSourceEventLog, QueryParams{Filter: filter}, opt) {
			if err != nil {
				t.Fatalf("concurrency %d: %v", opt.Concurrency, err)
			}
			if got[p.ID] || !want[p.ID] {
				t.Fatalf("row %s came twice or does not match", p.ID)
			}
			got[p.ID] = true
		}
		if len(got) != len(want) {
			t.Fatalf("concurrency %d: %d rows, want %d", opt.Concurrency, len(got), len(want))
		}
	}
}

// TestReadAllRawKeepsTheRows: ReadAllRaw hands over the JSON as it came,
// with the fields ReadAll needs decoded.
func TestReadAllRawKeepsTheRows(t *testing.T) {
	t.Parallel()
	f := newFake(spreadRows(250, time.Minute, true))
	c := f.client(t, 0, 0)
	n := 0
	for r, err := range c.ReadAllRaw(context.Background(), fakeDS, QueryParams{}, ReadAllOptions{Concurrency: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		want := f.rows[n]
		if r.ID != want.id || !r.CreatedTime.Equal(want.created) || !r.LastEditedTime.Equal(want.edited) || !strings.Contains(string(r.JSON), `"id":"`+want.id+`"`) {
			t.Fatalf("row %d: %+v", n, r)
		}
		if b, _ := json.Marshal(r); string(b) != string(r.JSON) {
			t.Fatalf("row %d is not written as it came", n)
		}
		n++
	}
	if n != 250 {
		t.Fatalf("%d rows", n)
	}
}

// TestReadAllSurfacesTheFirstError: a refused query ends the read with
// the server's error, not a partial silence.
func TestReadAllSurfacesTheFirstError(t *testing.T) {
	t.Parallel()
	f := newFake(spreadRows(300, time.Minute, true))
	bad := json.RawMessage(`{"and":[{"or":[{"and":[{"property":"n","number":{"less_than":3}}]}]}]}`)
	var last error
	n := 0
	for _, err := range f.client(t, 0, 0).ReadAll(context.Background(), fakeDS, QueryParams{Filter: bad}, ReadAllOptions{}) {
		if err != nil {
			last = err
			continue
		}
		n++
	}
	if n != 0 || StatusOf(last) != 400 || !strings.Contains(last.Error(), "two levels") {
		t.Fatalf("%d rows, then %v", n, last)
	}
}

// TestRowsReadBeforeAFailureComeFirst: when a chain fails after rows
// were read that come next in order, the consumer gets them before the
// error, even if the failure came before it woke up to take them; a
// caller's cancellation hands over nothing more. (The state is built by
// hand: in a read, which of the two comes first is a race.)
func TestRowsReadBeforeAFailureComeFirst(t *testing.T) {
	t.Parallel()
	failure := errors.New("page 2 returned the cursor of an earlier page")
	state := func(outer context.Context, err error) *reader[int] {
		ctx, cancel := context.WithCancel(outer)
		cancel() // as failLocked or the caller's cancel leave it
		r := &reader[int]{outer: outer, ctx: ctx, cancel: cancel, err: err, closed: true}
		r.cond = sync.NewCond(&r.mu)
		// The consumer's segment holds three rows, a later one two:
		// these are out of order while the first is unfinished.
		r.segs = []*segment[int]{{key: byCreated, rows: []int{1, 2, 3}}, {key: byCreated, rows: []int{7, 8}}}
		r.buffered = 5
		return r
	}
	collect := func(r *reader[int]) (rows []int, last error) {
		r.consume(func(v int, err error) bool {
			if err != nil {
				last = err
				return false
			}
			rows = append(rows, v)
			return true
		})
		return rows, last
	}
	rows, err := collect(state(context.Background(), failure))
	if !slices.Equal(rows, []int{1, 2, 3}) || err != failure {
		t.Errorf("after a failure: rows %v, then %v; want 1 2 3, then the failure", rows, err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	rows, err = collect(state(cancelled, nil))
	if len(rows) != 0 || !errors.Is(err, context.Canceled) {
		t.Errorf("after the caller's cancel: rows %v, then %v; want none, then context.Canceled", rows, err)
	}
}

// TestReadAllStopsWhenTheServerNeverEnds: a server that answers every page
// with the cursor it was sent, or with empty pages that always say more
// follow, ends the read with an error instead of a loop.
func TestReadAllStopsWhenTheServerNeverEnds(t *testing.T) {
	t.Parallel()
	for _, empty := range []bool{false, true} {
		f := newFake(spreadRows(300, time.Minute, true))
		f.endless, f.emptyPages = !empty, empty
		var last error
		n := 0
		for _, err := range f.client(t, 0, 0).ReadAll(context.Background(), fakeDS, QueryParams{}, ReadAllOptions{Concurrency: 1}) {
			if err != nil {
				last = err
				continue
			}
			n++
		}
		var pe *PaginationError
		if !errors.As(last, &pe) || pe.RepeatedCursor == empty || len(f.calls) > maxBarrenPages+2 {
			t.Fatalf("empty pages %v: %d rows, %d requests, then %v", empty, n, len(f.calls), last)
		}
	}
}

func TestUnreadRowsErrorListsAtMostThreeGroups(t *testing.T) {
	t.Parallel()
	var gs []UnreadGroup
	for i := range 5 {
		gs = append(gs, UnreadGroup{CreatedTime: fakeBase.Add(time.Duration(i) * time.Minute), LastEditedTime: fakeBase, Read: 10000})
	}
	msg := (&UnreadRowsError{Groups: gs}).Error()
	if !strings.Contains(msg, "and 2 more such groups") || strings.Count(msg, "created_time") != 3 {
		t.Fatalf("%s", msg)
	}
}

// TestAHeldRowThatFailsToDecode: ReadAll holds rows read ahead of the
// consumer as JSON and decodes each when it hands it over; one that does
// not decode as a page is told as its answer's DecodeError, with the
// token in it hidden, and a good one decodes as DecodePage does.
func TestAHeldRowThatFailsToDecode(t *testing.T) {
	t.Parallel()
	const token = "ntn_3f9a1c0e7b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b"
	c, err := NewClient(token, WithBaseURL("https://fake.test"), WithVersion(Version20250903))
	if err != nil {
		t.Fatal(err)
	}
	var bad heldRow
	if err := json.Unmarshal([]byte(`{"object":"page","id":"b","created_time":"2026-01-02T00:00:00.000Z","properties":{"N":{"id":"n","type":"number","number":"`+token+`"}}}`), &bad); err != nil {
		t.Fatal(err)
	}
	_, err = c.pageOf(fakeDS, &bad)
	var de *DecodeError
	if !errors.As(err, &de) || de.Method != http.MethodPost || !strings.Contains(de.Path, "/query") || !strings.Contains(de.Snippet, `"id":"b"`) {
		t.Fatalf("err = %v, want the query's DecodeError quoting the row", err)
	}
	if strings.Contains(err.Error(), token) || !strings.Contains(de.Snippet, redacted) {
		t.Errorf("the token is not hidden: %v", err)
	}

	good := `{"object":"page","id":"a","created_time":"2026-01-01T00:00:00.000Z","properties":{"N":{"id":"n","type":"number","number":4}}}`
	var h heldRow
	if err := json.Unmarshal([]byte(good), &h); err != nil {
		t.Fatal(err)
	}
	want, _ := DecodePage([]byte(good))
	if got, err := c.pageOf(fakeDS, &h); err != nil || got.ID != "a" || got.Properties["N"].Number == nil || *got.Properties["N"].Number != 4 {
		t.Fatalf("pageOf = %+v, %v; want %+v", got, err, want)
	}
}

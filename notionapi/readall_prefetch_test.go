package notionapi

import (
	"context"
	"errors"
	"iter"
	"testing"
	"time"
)

func TestTailCursor(t *testing.T) {
	t.Parallel()
	long := `{"object":"list","results":[`
	for range 40 {
		long += `{"object":"page","id":"r","properties":{"next_cursor":{"rich_text":"x"}}},`
	}
	long += `{"id":"last"}],"next_cursor":"c-7","has_more":true}`
	for _, tc := range []struct {
		name, body string
		cursor     string
		ok         bool
	}{
		{"Notion's layout", `{"object":"list","results":[{"id":"a"}],"next_cursor":"59833787-2cf9-4fdf-8782-e53db20768a5","has_more":true,"type":"page_or_data_source","page_or_data_source":{},"request_id":"x"}`, "59833787-2cf9-4fdf-8782-e53db20768a5", true},
		{"the last page", `{"object":"list","results":[],"next_cursor":null,"has_more":false}`, "", true},
		{"spaces and a newline", "{\"results\":[], \"next_cursor\" :\n \"abc\" , \"has_more\": true}\n", "abc", true},
		{"rows whose property is named next_cursor, before the cursor", long, "c-7", true},
		{"no cursor in the answer", `{"object":"list","results":[],"has_more":false}`, "", false},
		{"a cursor with an escape", `{"results":[],"next_cursor":"a\"b","has_more":true}`, "", false},
		{"not a string", `{"results":[],"next_cursor":42,"has_more":true}`, "", false},
		{"cut short", `{"results":[],"next_cursor":"abc`, "", false},
		{"empty", ``, "", false},
	} {
		cursor, ok := tailCursor([]byte(tc.body))
		if cursor != tc.cursor || ok != tc.ok {
			t.Errorf("%s: tailCursor = %q, %v; want %q, %v", tc.name, cursor, ok, tc.cursor, tc.ok)
		}
	}
}

// TestReadAllAsksForTheNextPageBeforeDecoding: a chain read alone asks for
// its next page when the page before arrives, before its rows are handed
// over; one request at a time (Concurrency 1) does not. The consumer
// takes one row and no more, so the chain fills the room of the
// consumer's window (two pages) and stops.
func TestReadAllAsksForTheNextPageBeforeDecoding(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		concurrency int
		want        int // requests sent when the chain stops
	}{
		// Pages 1 to 3 are asked for as before, page 4 while page 3 is
		// handed over; page 3 is asked for while page 2's rows are.
		{"read alone", 0, 4},
		{"one request at a time", 1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(spreadRows(2000, time.Minute, true))
			f.gated = true
			full := make(chan struct{}, 1)
			opt := ReadAllOptions{Concurrency: tc.concurrency, tune: &readTuning{
				now: f.now, after: never, roundTrip: time.Millisecond,
				onWait: func() {
					select {
					case full <- struct{}{}:
					default:
					}
				},
			}}
			// 1,000 requests a second, 1 ms apart: one chain spends it.
			next, stop := iter.Pull2(f.client(t, 1000, 100).ReadAll(context.Background(), fakeDS, QueryParams{}, opt))
			defer stop()
			first := make(chan error, 1)
			go func() {
				_, err, _ := next()
				first <- err
			}()
			f.waitUntil(t, "the first request", func() bool { return len(f.waiting) == 1 })
			f.releaseAll()
			if err := <-first; err != nil {
				t.Fatal(err)
			}
			// The consumer holds the first page's rows; the chain goes on
			// until the consumer's window holds two pages more.
			for stopped := false; !stopped; {
				f.releaseAll()
				select {
				case <-full:
					stopped = true
				case <-f.arrived:
				}
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			if len(f.calls) != tc.want {
				t.Fatalf("%d requests when the chain stopped, want %d", len(f.calls), tc.want)
			}
			for i, c := range f.calls {
				if c.Sorts[0].Direction != Ascending || (i == 0) != (c.Cursor == "") {
					t.Fatalf("request %d is not of the one chain: %v", i+1, c)
				}
			}
		})
	}
}

// TestReadAllDropsAPageAskedForWithTheWrongCursor: an answer whose last
// next_cursor is not its own (here, a member after has_more holds one)
// costs at most one request (none when it is dropped before it leaves),
// and the read asks for no more pages early.
func TestReadAllDropsAPageAskedForWithTheWrongCursor(t *testing.T) {
	t.Parallel()
	f := newFake(spreadRows(1000, time.Minute, true))
	f.decoy = "decoy"
	rows, err := fakeRead(t, f, readModes[1], nil)
	checkRead(t, f, nil, true, rows, err)
	decoys := 0
	for _, c := range f.calls {
		if c.Cursor == f.decoy {
			decoys++
		}
	}
	if decoys > 1 || len(f.calls) != 10+decoys {
		t.Fatalf("%d requests, %d of them with the wrong cursor; want 10 and at most one more", len(f.calls), decoys)
	}
}

// TestReadAllAsksEarlyWithinTheGuard: a server whose pages never end is
// stopped within the bound of a read one request at a time
// (TestReadAllStopsWhenTheServerNeverEnds), the page asked for early
// included.
func TestReadAllAsksEarlyWithinTheGuard(t *testing.T) {
	t.Parallel()
	for _, empty := range []bool{false, true} {
		f := newFake(spreadRows(300, time.Minute, true))
		f.endless, f.emptyPages = !empty, empty
		_, err := fakeRead(t, f, readModes[1], nil)
		var pe *PaginationError
		if !errors.As(err, &pe) || pe.RepeatedCursor == empty || len(f.calls) > maxBarrenPages+2 {
			t.Fatalf("empty pages %v: %d requests, then %v", empty, len(f.calls), err)
		}
	}
}

// TestReadAllAbandonsThePageAskedForEarly: a consumer that stops while a
// chain's next page is on its way, asked for early, finds no request
// still running once the iterator has returned.
func TestReadAllAbandonsThePageAskedForEarly(t *testing.T) {
	t.Parallel()
	f := newFake(spreadRows(1000, time.Minute, true))
	f.gated = true
	m := readModes[1] // one chain: it asks early
	opt := ReadAllOptions{tune: &readTuning{now: f.now, after: m.probe}}
	go func() {
		f.waitUntil(t, "the first request", func() bool { return len(f.waiting) == 1 })
		f.releaseAll()
	}()
	n := 0
	for _, err := range f.client(t, m.rate, 0).ReadAll(context.Background(), fakeDS, QueryParams{}, opt) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 1 {
			// The second page, asked for before the first was decoded,
			// is on its way, held by the gate.
			f.waitUntil(t, "the page asked for early", func() bool { return len(f.waiting) == 1 })
			break
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.inflight != 0 || len(f.calls) != 2 {
		t.Fatalf("%d requests still running of %d sent", f.inflight, len(f.calls))
	}
}

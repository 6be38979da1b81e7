package notionapi

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeSource is one data source served in-process as Notion serves it,
// for ReadAll's tests: rows with whole-minute or finer timestamps, filters
// on created_time, last_edited_time and two properties, nested at most two
// levels; one timestamp sort; cursors that are valid only with the filter
// and sorts that produced them (Notion rejects any other use); a result
// cap per query, with request_status "incomplete" on every page of a capped
// result. It measures nothing in wall time: each request takes rtt on a
// virtual clock, which the reader reads through readTuning.now.
type fakeSource struct {
	rows []fakeRow
	cap  int
	rtt  time.Duration
	// endless makes every answer after the first say that more follows,
	// with the cursor it was sent (or an empty page and a new cursor).
	endless, emptyPages bool
	// decoy, if set, ends every answer with a member that holds a
	// next_cursor of its own: decoy, a valid cursor of the query's first
	// page.
	decoy string

	clock atomic.Int64 // virtual time, ns

	mu        sync.Mutex
	arrived   chan struct{} // signalled on every request and answer
	gated     bool          // requests wait for release
	waiting   []*fakeCall
	cursors   map[string]fakeCursor
	results   map[string][]fakeRow // by query
	calls     []*fakeCall
	inflight  int
	maxFlight int
	served    int // rows answered
	rejected  []string
}

type fakeRow struct {
	id              string
	created, edited time.Time
	n               int    // the number property "n"
	tag             string // the select property "tag"
	tieAsc, tieDesc int    // order among equal timestamps in each direction
}

type fakeCall struct {
	Filter  json.RawMessage `json:"filter"`
	Sorts   []Sort          `json:"sorts"`
	Cursor  string          `json:"start_cursor"`
	Size    int             `json:"page_size"`
	ctx     context.Context
	release chan struct{}
	answer  []string // IDs it returns, once computed
}

type fakeCursor struct {
	query  string
	offset int
}

func newFake(rows []fakeRow) *fakeSource {
	return &fakeSource{rows: rows, cap: 10000, arrived: make(chan struct{}, 1), cursors: map[string]fakeCursor{}}
}

// client is a client of the fake with the given pacing.
func (f *fakeSource) client(t testing.TB, rate float64, burst int) *Client {
	t.Helper()
	c, err := NewClient("token", WithBaseURL("https://fake.test"), WithHTTPClient(&http.Client{Transport: f}),
		WithRate(rate, burst), WithVersion(Version20250903))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fakeSource) now() time.Time { return time.Unix(0, f.clock.Load()) }

func (f *fakeSource) signal() {
	select {
	case f.arrived <- struct{}{}:
	default:
	}
}

// RoundTrip answers one query.
func (f *fakeSource) RoundTrip(req *http.Request) (*http.Response, error) {
	body, _ := io.ReadAll(req.Body)
	call := &fakeCall{ctx: req.Context(), release: make(chan struct{})}
	if err := json.Unmarshal(body, call); err != nil {
		return f.reply(req, 400, fmt.Sprintf(`{"object":"error","status":400,"code":"invalid_json","message":%q}`, err.Error())), nil
	}
	f.mu.Lock()
	if len(f.calls) > 5000 {
		f.mu.Unlock()
		return nil, fmt.Errorf("more than 5,000 requests: the read does not end")
	}
	f.calls = append(f.calls, call)
	f.inflight++
	f.maxFlight = max(f.maxFlight, f.inflight)
	gated := f.gated
	if gated {
		call.answer, _ = f.idsOf(call)
		f.waiting = append(f.waiting, call)
	}
	f.mu.Unlock()
	f.signal()
	defer func() {
		f.mu.Lock()
		f.inflight--
		f.mu.Unlock()
		f.signal()
	}()
	if gated {
		select {
		case <-call.release:
		case <-req.Context().Done():
			return nil, req.Context().Err()
		}
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	page, status, msg := f.answer(call)
	// The round trip, on the virtual clock, seen by the client's trace.
	if tr := httptrace.ContextClientTrace(req.Context()); tr != nil {
		at := f.clock.Add(int64(time.Millisecond))
		if tr.WroteRequest != nil {
			tr.WroteRequest(httptrace.WroteRequestInfo{})
		}
		f.clock.Store(at + int64(f.rtt))
		if tr.GotFirstResponseByte != nil {
			tr.GotFirstResponseByte()
		}
	}
	call.answer = call.answer[:0]
	for _, r := range page.Results {
		call.answer = append(call.answer, r.ID)
	}
	if status != 200 {
		f.rejected = append(f.rejected, msg)
		return f.reply(req, status, fmt.Sprintf(`{"object":"error","status":%d,"code":"validation_error","message":%q}`, status, msg)), nil
	}
	f.served += len(page.Results)
	b, _ := json.Marshal(page)
	return f.reply(req, 200, string(b)), nil
}

func (f *fakeSource) reply(req *http.Request, status int, body string) *http.Response {
	return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(body)), Request: req}
}

// fakeResult is a row as a query returns it, without properties.
type fakeResult struct {
	Object         string   `json:"object"`
	ID             string   `json:"id"`
	CreatedTime    string   `json:"created_time"`
	LastEditedTime string   `json:"last_edited_time"`
	Properties     struct{} `json:"properties"`
}

type fakePage struct {
	Object        string         `json:"object"`
	Results       []fakeResult   `json:"results"`
	NextCursor    *string        `json:"next_cursor"`
	HasMore       bool           `json:"has_more"`
	RequestStatus *RequestStatus `json:"request_status,omitempty"`
	Decoy         *fakeDecoy     `json:"decoy,omitempty"`
}

// fakeDecoy is a member after has_more with a next_cursor of its own.
type fakeDecoy struct {
	NextCursor string `json:"next_cursor"`
}

// matching returns the rows a query matches, in its order, and the
// query's identity (filter and sorts) that its cursors are bound to.
func (f *fakeSource) matching(call *fakeCall) ([]fakeRow, string, error) {
	if len(call.Filter) == 0 || string(call.Filter) == "null" {
		call.Filter = nil
	} else if d, err := depth(call.Filter); err != nil || d > 2 {
		return nil, "", fmt.Errorf("body failed validation: the filter nests %d levels; compound filters nest at most two levels", d)
	}
	if len(call.Sorts) != 1 || call.Sorts[0].Timestamp == "" {
		return nil, "", fmt.Errorf("the fake sorts by one timestamp only, got %+v", call.Sorts)
	}
	keyJSON, _ := json.Marshal(struct {
		F any
		S []Sort
	}{canonical(call.Filter), call.Sorts})
	key := string(keyJSON)
	if rows, ok := f.results[key]; ok {
		return rows, key, nil
	}
	match, err := compileFilter(call.Filter)
	if err != nil {
		return nil, "", err
	}
	var rows []fakeRow
	for _, r := range f.rows {
		if match(r) {
			rows = append(rows, r)
		}
	}
	s := call.Sorts[0]
	desc := s.Direction == Descending
	slices.SortStableFunc(rows, func(a, b fakeRow) int {
		ta, tb := a.created, b.created
		if s.Timestamp == LastEditedTime {
			ta, tb = a.edited, b.edited
		}
		if desc {
			return cmp.Or(tb.Compare(ta), cmp.Compare(a.tieDesc, b.tieDesc))
		}
		return cmp.Or(ta.Compare(tb), cmp.Compare(a.tieAsc, b.tieAsc))
	})
	if f.results == nil {
		f.results = map[string][]fakeRow{}
	}
	f.results[key] = rows
	return rows, key, nil
}

// canonical decodes JSON so that equal filters compare equal.
func canonical(raw json.RawMessage) any {
	var v any
	_ = json.Unmarshal(raw, &v)
	return v
}

func (f *fakeSource) idsOf(call *fakeCall) ([]string, error) {
	page, status, msg := f.peek(call)
	if status != 200 {
		return nil, fmt.Errorf("%s", msg)
	}
	ids := make([]string, len(page.Results))
	for i, r := range page.Results {
		ids[i] = r.ID
	}
	return ids, nil
}

// peek computes an answer without issuing a cursor.
func (f *fakeSource) peek(call *fakeCall) (fakePage, int, string) {
	rows, key, err := f.matching(call)
	if err != nil {
		return fakePage{}, 400, err.Error()
	}
	start := 0
	if call.Cursor != "" {
		c, ok := f.cursors[call.Cursor]
		if !ok || c.query != key {
			return fakePage{}, 400, "The start_cursor provided is invalid: " + call.Cursor
		}
		start = c.offset
	}
	size := call.Size
	if size <= 0 {
		size = 100
	}
	if size > 100 {
		return fakePage{}, 400, "body.page_size should be ≤ `100`"
	}
	reach := min(len(rows), f.cap)
	end := min(start+size, reach)
	page := fakePage{Object: "list", Results: []fakeResult{}, HasMore: end < reach}
	for _, r := range rows[start:end] {
		page.Results = append(page.Results, fakeResult{
			Object: "page", ID: r.id,
			CreatedTime:    r.created.UTC().Format(timeLayout),
			LastEditedTime: r.edited.UTC().Format(timeLayout),
		})
	}
	if len(rows) > f.cap {
		page.RequestStatus = &RequestStatus{Type: "incomplete", IncompleteReason: "query_result_limit_reached"}
	}
	return page, 200, ""
}

func (f *fakeSource) answer(call *fakeCall) (fakePage, int, string) {
	page, status, msg := f.peek(call)
	if call.Cursor != "" && (f.endless || f.emptyPages) {
		token := call.Cursor
		if f.emptyPages {
			page.Results = nil
			token = fmt.Sprintf("e%d", len(f.calls))
			f.cursors[token] = f.cursors[call.Cursor]
		}
		page.HasMore, page.NextCursor = true, &token
		return page, status, msg
	}
	if status == 200 && f.decoy != "" {
		_, key, _ := f.matching(call)
		f.cursors[f.decoy] = fakeCursor{key, 0}
		page.Decoy = &fakeDecoy{f.decoy}
	}
	if status == 200 && page.HasMore {
		_, key, _ := f.matching(call)
		start := 0
		if call.Cursor != "" {
			start = f.cursors[call.Cursor].offset
		}
		token := fmt.Sprintf("c%d", len(f.cursors)+1)
		f.cursors[token] = fakeCursor{key, start + len(page.Results)}
		page.NextCursor = &token
	}
	return page, status, msg
}

// compileFilter turns a Notion filter into a predicate on rows.
func compileFilter(raw json.RawMessage) (func(fakeRow) bool, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return func(fakeRow) bool { return true }, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	for _, op := range []string{"and", "or"} {
		list, ok := m[op]
		if !ok {
			continue
		}
		var items []json.RawMessage
		if err := json.Unmarshal(list, &items); err != nil {
			return nil, err
		}
		preds := make([]func(fakeRow) bool, len(items))
		for i, it := range items {
			p, err := compileFilter(it)
			if err != nil {
				return nil, err
			}
			preds[i] = p
		}
		return func(r fakeRow) bool {
			for _, p := range preds {
				if v := p(r); op == "and" && !v {
					return false
				} else if op == "or" && v {
					return true
				}
			}
			return op == "and"
		}, nil
	}
	var leaf struct {
		Timestamp string                     `json:"timestamp"`
		Property  string                     `json:"property"`
		Created   map[string]string          `json:"created_time"`
		Edited    map[string]string          `json:"last_edited_time"`
		Number    map[string]float64         `json:"number"`
		Select    map[string]json.RawMessage `json:"select"`
	}
	if err := json.Unmarshal(raw, &leaf); err != nil {
		return nil, err
	}
	switch {
	case leaf.Timestamp == CreatedTime:
		test, err := compileTime(leaf.Created)
		return func(r fakeRow) bool { return test(r.created) }, err
	case leaf.Timestamp == LastEditedTime:
		test, err := compileTime(leaf.Edited)
		return func(r fakeRow) bool { return test(r.edited) }, err
	case leaf.Property == "n" && len(leaf.Number) == 1:
		for op, v := range leaf.Number {
			switch op {
			case "less_than":
				return func(r fakeRow) bool { return float64(r.n) < v }, nil
			case "greater_than":
				return func(r fakeRow) bool { return float64(r.n) > v }, nil
			case "equals":
				return func(r fakeRow) bool { return float64(r.n) == v }, nil
			}
		}
	case leaf.Property == "tag" && leaf.Select != nil:
		var want string
		_ = json.Unmarshal(leaf.Select["equals"], &want)
		return func(r fakeRow) bool { return r.tag == want }, nil
	}
	return nil, fmt.Errorf("the fake does not know the filter %s", raw)
}

func compileTime(cond map[string]string) (func(time.Time) bool, error) {
	if len(cond) != 1 {
		return nil, fmt.Errorf("one condition expected, got %v", cond)
	}
	for op, s := range cond {
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, err
		}
		var ok func(int) bool
		switch op {
		case "on_or_after":
			ok = func(c int) bool { return c >= 0 }
		case "before":
			ok = func(c int) bool { return c < 0 }
		case "after":
			ok = func(c int) bool { return c > 0 }
		case "on_or_before":
			ok = func(c int) bool { return c <= 0 }
		case "equals":
			ok = func(c int) bool { return c == 0 }
		default:
			return nil, fmt.Errorf("unknown condition %v", cond)
		}
		return func(at time.Time) bool { return ok(at.Truncate(time.Millisecond).Compare(want)) }, nil
	}
	return nil, nil
}

// waitUntil blocks until cond (checked under the fake's lock) holds, or
// fails the test after a long deadline: a guard against a hang, not a
// timing assumption.
func (f *fakeSource) waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		f.mu.Lock()
		ok := cond()
		f.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-f.arrived:
		case <-deadline:
			f.mu.Lock()
			var calls []string
			for _, c := range f.calls {
				calls = append(calls, fmt.Sprintf("%s %s %s → %d rows", c.Cursor, c.Filter, c.Sorts[0].Direction, len(c.answer)))
			}
			f.mu.Unlock()
			t.Fatalf("timed out waiting until %s; requests:\n%s", what, strings.Join(calls, "\n"))
		}
	}
}

// release lets one waiting request be answered.
func (f *fakeSource) release(c *fakeCall) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i := slices.Index(f.waiting, c); i >= 0 {
		f.waiting = slices.Delete(f.waiting, i, i+1)
		close(c.release)
	}
}

// releaseAll lets every waiting request be answered.
func (f *fakeSource) releaseAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.waiting {
		close(c.release)
	}
	f.waiting = nil
}

// Data sets.

var fakeBase = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func fakeID(i int) string { return fmt.Sprintf("row-%06d", i) }

// spreadRows are n rows created step apart, edited an hour later; ties
// (step 0, or a step below the minute with whole minutes) keep creation
// order ascending and are shuffled descending.
func spreadRows(n int, step time.Duration, minutes bool) []fakeRow {
	rows := make([]fakeRow, n)
	for i := range rows {
		at := fakeBase.Add(time.Duration(i) * step)
		if minutes {
			at = at.Truncate(time.Minute)
		} else {
			at = at.Truncate(time.Millisecond)
		}
		rows[i] = fakeRow{id: fakeID(i), created: at, edited: at.Add(time.Hour), n: i, tag: []string{"a", "b", "c"}[i%3], tieAsc: i, tieDesc: (i * 7919) % (n + 1)}
	}
	return rows
}

// bunchedRows: n rows in whole minutes, most of them bunched in a few
// minutes as a bulk import makes them, the rest spread over days.
func bunchedRows(n int) []fakeRow {
	rows := spreadRows(n, 37*time.Minute, true)
	for i := range rows {
		switch i % 10 {
		case 0, 1, 2, 3:
			rows[i].created = fakeBase.Add(24 * time.Hour)
		case 4, 5:
			rows[i].created = fakeBase.Add(48*time.Hour + time.Minute)
		}
	}
	slices.SortStableFunc(rows, func(a, b fakeRow) int { return a.created.Compare(b.created) })
	for i := range rows {
		rows[i].edited = rows[i].created.Add(time.Duration(i%50) * time.Minute)
	}
	return rows
}

// skewedRows: a cluster of old rows, a long gap, a cluster of new rows.
func skewedRows(old, recent int) []fakeRow {
	rows := spreadRows(old+recent, time.Second, false)
	for i := old; i < len(rows); i++ {
		rows[i].created = rows[i].created.AddDate(0, 6, 0)
		rows[i].edited = rows[i].created
	}
	return rows
}

func (c *fakeCall) String() string {
	var b bytes.Buffer
	b.WriteString(strconv.Quote(c.Cursor))
	b.Write(c.Filter)
	return b.String()
}

// fakeDS is the fake's data source ID; any ID reaches it.
const fakeDS = "1c2d3e4f5a6b7c8d9e0fa1b2c3d4e5f6"

package pageedit

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// testNow is the sandbox's clock: every write is stamped with it.
var testNow = time.Date(2026, 11, 21, 14, 2, 0, 0, time.UTC)

func sandbox(t *testing.T) (*notiontest.Server, *notionapi.Client) {
	t.Helper()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20, Now: func() time.Time { return testNow }}) // the Event Log is never read here
	return srv, client(t, srv)
}

func client(t *testing.T, srv *notiontest.Server) *notionapi.Client {
	t.Helper()
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0), notionapi.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// tasks reads the Tasks rows a filter selects, oldest first.
func tasks(t *testing.T, c *notionapi.Client, filter string) []notionapi.Page {
	t.Helper()
	p := notionapi.QueryParams{Sorts: []notionapi.Sort{{Timestamp: notionapi.CreatedTime, Direction: notionapi.Ascending}}}
	if filter != "" {
		p.Filter = json.RawMessage(filter)
	}
	var out []notionapi.Page
	for pg, err := range c.QueryAll(context.Background(), notiontest.DataSourceTasks, p) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, pg)
	}
	return out
}

func patches(srv *notiontest.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		if r.Method == "PATCH" {
			out = append(out, r.Path[len("/v1/pages/"):])
		}
	}
	return out
}

const blocked = `{"property":"Status","status":{"equals":"Blocked"}}`

func TestEditConflictsHoldsAndUndo(t *testing.T) {
	t.Parallel()
	srv, c := sandbox(t)
	ctx := context.Background()
	row := tasks(t, c, blocked)[0]
	e := FromPage(&row, map[string]notionapi.PropertyValue{
		"Status":   notionapi.StatusValue("Done"),
		"Priority": notionapi.SelectValue("P0 Critical"),
	})
	if e.Holds(&row) || len(e.Conflicts(&row)) != 0 {
		t.Fatalf("fresh edit: holds %v, conflicts %v", e.Holds(&row), e.Conflicts(&row))
	}
	// Someone else moves the status meanwhile.
	other := client(t, srv)
	now, err := other.UpdatePage(ctx, row.ID, notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{"Status": notionapi.StatusValue("In review")}})
	if err != nil {
		t.Fatal(err)
	}
	cs := e.Conflicts(now)
	if len(cs) != 1 || cs[0].Property != "Status" || notionapi.Cell(cs[0].Before) != "Blocked" || notionapi.Cell(cs[0].Now) != "In review" || notionapi.Cell(cs[0].Mine) != "Done" {
		t.Fatalf("conflicts %+v", cs)
	}
	// The same change by someone else is no conflict.
	now, _ = other.UpdatePage(ctx, row.ID, notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{"Status": notionapi.StatusValue("Done")}})
	if cs := e.Conflicts(now); len(cs) != 0 {
		t.Fatalf("same change: %+v", cs)
	}

	saved, err := c.UpdatePage(ctx, row.ID, e.Params())
	if err != nil || !e.Holds(saved) {
		t.Fatalf("saved %v, holds %v", err, e.Holds(saved))
	}
	u, ok := e.Undo(saved)
	if !ok {
		t.Fatal("no undo")
	}
	back, err := c.UpdatePage(ctx, row.ID, u.Params())
	if err != nil {
		t.Fatal(err)
	}
	if got := notionapi.Cell(back.Properties["Priority"]); got != notionapi.Cell(row.Properties["Priority"]) {
		t.Errorf("undo: Priority %q, want %q", got, notionapi.Cell(row.Properties["Priority"]))
	}
	if len(u.Conflicts(back)) != 0 || !u.Holds(back) {
		t.Errorf("undo of an undisturbed edit: conflicts %v", u.Conflicts(back))
	}

	trash := TrashEdit(back, true)
	gone, err := c.UpdatePage(ctx, row.ID, trash.Params())
	if err != nil || !gone.Trashed() {
		t.Fatal(err)
	}
	restore, _ := trash.Undo(gone)
	if restore.Trash == nil || *restore.Trash {
		t.Fatalf("undo of a trash: %+v", restore)
	}
}

func TestRunSendsInOrderAndSkipsWhatHolds(t *testing.T) {
	t.Parallel()
	srv, c := sandbox(t)
	rows := tasks(t, c, `{"property":"Done","checkbox":{"equals":false}}`)[:12]
	var edits []Edit
	for i := range rows {
		edits = append(edits, FromPage(&rows[i], map[string]notionapi.PropertyValue{"Priority": notionapi.SelectValue("P1 High")}))
	}
	srv.ResetRequests()
	var got []int
	var mu sync.Mutex
	counts, err := Run(context.Background(), c, edits, Options{Workers: 4, Batch: 5, OnResult: func(r Result) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, r.Index)
		if r.Status == Updated && notionapi.Cell(r.Page.Properties["Priority"]) != "P1 High" {
			t.Errorf("row %d saved as %q", r.Index, notionapi.Cell(r.Page.Properties["Priority"]))
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}) {
		t.Errorf("results in order %v", got)
	}
	held := 0
	for _, r := range rows {
		if notionapi.Cell(r.Properties["Priority"]) == "P1 High" {
			held++
		}
	}
	if counts[Updated] != 12-held || counts[Unchanged] != held || len(patches(srv)) != 12-held {
		t.Errorf("counts %v, %d patches, %d held already", counts, len(patches(srv)), held)
	}
}

// TestRunRechecksTheSelection: rows changed by someone else after they
// were selected are not sent: a conflict on a property the run sets, or
// a row that left the filter.
func TestRunRechecksTheSelection(t *testing.T) {
	t.Parallel()
	srv, c := sandbox(t)
	ctx := context.Background()
	rows := tasks(t, c, blocked)
	if len(rows) < 4 {
		t.Fatalf("%d blocked tasks", len(rows))
	}
	var edits []Edit
	for i := range rows {
		edits = append(edits, FromPage(&rows[i], map[string]notionapi.PropertyValue{"Status": notionapi.StatusValue("In progress"), "Done": notionapi.CheckboxValue(false)}))
	}
	other := client(t, srv)
	set := func(id string, vals map[string]notionapi.PropertyValue) {
		if _, err := other.UpdatePage(ctx, id, notionapi.UpdatePageParams{Properties: vals}); err != nil {
			t.Fatal(err)
		}
	}
	set(rows[0].ID, map[string]notionapi.PropertyValue{"Status": notionapi.StatusValue("Done")})        // leaves the filter
	set(rows[1].ID, map[string]notionapi.PropertyValue{"Done": notionapi.CheckboxValue(true)})          // a conflict, still blocked
	set(rows[2].ID, map[string]notionapi.PropertyValue{"Priority": notionapi.SelectValue("P3 Low")})    // another property: fine
	set(rows[3].ID, map[string]notionapi.PropertyValue{"Status": notionapi.StatusValue("In progress")}) // left the filter by the same change
	srv.ResetRequests()
	results := map[int]Result{}
	counts, err := Run(ctx, c, edits, Options{
		Selection: &Selection{Table: notiontest.DataSourceTasks, Filter: json.RawMessage(blocked), At: testNow},
		Now:       func() time.Time { return testNow },
		OnResult:  func(r Result) { results[r.Index] = r },
	})
	if err != nil {
		t.Fatal(err)
	}
	if results[0].Status != LeftSelection || results[3].Status != LeftSelection {
		t.Errorf("rows that left the filter: %v, %v", results[0].Status, results[3].Status)
	}
	if r := results[1]; r.Status != Conflicted || len(r.Conflicts) != 1 || r.Conflicts[0].Property != "Done" {
		t.Errorf("row changed meanwhile: %v %+v", r.Status, r.Conflicts)
	}
	if results[2].Status != Updated {
		t.Errorf("row with another property changed: %v %v", results[2].Status, results[2].Err)
	}
	sent := patches(srv)
	for _, i := range []int{0, 1, 3} {
		if slices.Contains(sent, rows[i].ID) {
			t.Errorf("row %d was sent", i)
		}
	}
	if counts[Updated] != len(rows)-3 {
		t.Errorf("counts %v of %d", counts, len(rows))
	}
}

// TestRunGoesOnPastFailures: a refused row fails alone; a lost answer is
// read back; a failed recheck stops the run and says so.
func TestRunGoesOnPastFailures(t *testing.T) {
	t.Parallel()
	srv, c := sandbox(t)
	ctx := context.Background()
	rows := tasks(t, c, blocked)[:4]
	var edits []Edit
	for i := range rows {
		edits = append(edits, FromPage(&rows[i], map[string]notionapi.PropertyValue{"Estimate": notionapi.NumberValue(8)}))
	}
	if _, err := c.TrashPage(ctx, rows[1].ID); err != nil {
		t.Fatal(err)
	}
	srv.InjectFault(notiontest.Fault{Method: "PATCH", Path: "/v1/pages/" + rows[2].ID, Status: 502, AfterCommit: true})
	results := map[int]Result{}
	counts, err := Run(ctx, c, edits, Options{Workers: 1, OnResult: func(r Result) { results[r.Index] = r }})
	if err != nil {
		t.Fatal(err)
	}
	if r := results[1]; r.Status != Failed || !notionapi.IsCode(r.Err, notionapi.CodeValidationError) {
		t.Errorf("trashed row: %v %v", r.Status, r.Err)
	}
	if r := results[2]; r.Status != Updated || r.Lost == nil || r.Page == nil {
		t.Errorf("lost answer: %v %v %v", r.Status, r.Lost, r.Err)
	}
	if counts[Updated] != 3 || counts[Failed] != 1 {
		t.Errorf("counts %v", counts)
	}

	srv.InjectFault(notiontest.Fault{Method: "POST", Path: "/v1/data_sources/", Status: 400, Times: 5})
	results = map[int]Result{}
	_, err = Run(ctx, c, edits, Options{Selection: &Selection{Table: notiontest.DataSourceTasks, At: testNow}, OnResult: func(r Result) { results[r.Index] = r }})
	if err == nil || len(results) != 4 || results[0].Status != NotSent || results[3].Err == nil {
		t.Errorf("failed recheck: %v, %v", err, results)
	}
}

// TestRunCancelled: after a cancel nothing more is sent; every edit is
// told.
func TestRunCancelled(t *testing.T) {
	t.Parallel()
	srv, c := sandbox(t)
	rows := tasks(t, c, "")[:20]
	var edits []Edit
	for i := range rows {
		edits = append(edits, FromPage(&rows[i], map[string]notionapi.PropertyValue{"Estimate": notionapi.NumberValue(99)}))
	}
	srv.ResetRequests()
	ctx, cancel := context.WithCancel(context.Background())
	var results []Result
	counts, err := Run(ctx, c, edits, Options{Workers: 1, Batch: 100, OnResult: func(r Result) {
		results = append(results, r)
		if r.Index == 4 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 20 || counts[Updated] < 5 || counts[NotSent] == 0 {
		t.Fatalf("%d results, counts %v", len(results), counts)
	}
	if n := len(patches(srv)); n < counts[Updated] || n > counts[Updated]+counts[Unconfirmed] {
		t.Errorf("%d patches for counts %v", n, counts)
	}
	for _, r := range results[counts[Updated]+counts[Unconfirmed]:] {
		if r.Status != NotSent || !errors.Is(r.Err, context.Canceled) {
			t.Errorf("row %d: %v %v", r.Index, r.Status, r.Err)
		}
	}
}

func TestWithBoundKeepsTwoLevels(t *testing.T) {
	t.Parallel()
	bound := map[string]any{"timestamp": "last_edited_time"}
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{`{"property":"A","checkbox":{"equals":true}}`, `{"and":[{"property":"A","checkbox":{"equals":true}},{"timestamp":"last_edited_time"}]}`, true},
		{`{"and":[{"property":"A"},{"or":[{"property":"B"}]}]}`, `{"and":[{"property":"A"},{"or":[{"property":"B"}]},{"timestamp":"last_edited_time"}]}`, true},
		{`{"or":[{"property":"A"},{"and":[{"property":"B"}]}]}`, `{"or":[{"and":[{"property":"A"},{"timestamp":"last_edited_time"}]},{"and":[{"property":"B"},{"timestamp":"last_edited_time"}]}]}`, true},
		{`{"or":[{"or":[{"property":"B"}]}]}`, ``, false},
	} {
		got, ok := withBound(json.RawMessage(tt.in), bound)
		if ok != tt.ok {
			t.Errorf("%s: ok %v", tt.in, ok)
			continue
		}
		if !ok {
			continue
		}
		b, _ := json.Marshal(got)
		if string(b) != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.in, b, tt.want)
		}
	}
}

package edit

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/pageedit"
	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

type fixture struct {
	srv    *notiontest.Server
	c      *ui.Common
	other  *notionapi.Client // someone else, editing at the same time
	schema notionapi.Schema
}

func newFixture(t *testing.T, token string) *fixture {
	t.Helper()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20, Now: func() time.Time { return uitest.Now }}) // the Event Log is never read here
	client := uitest.NewClient(t, srv.URL(), token, notionapi.DefaultVersion, notionapi.Hooks{})
	other := uitest.NewClient(t, srv.URL(), notiontest.TokenFull, notionapi.DefaultVersion, notionapi.Hooks{})
	c := &ui.Common{Ctx: context.Background(), Styles: styles.New(true, true), Cache: ui.NewCache(), Now: uitest.NewClock().Now,
		Conn: &ui.Connection{Client: client}}
	ds, err := other.GetDataSource(context.Background(), notiontest.DataSourceTasks)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{srv: srv, c: c, other: other, schema: ds.Properties}
}

// task returns a task in a given status.
func (f *fixture) task(t *testing.T, status string) *notionapi.Page {
	t.Helper()
	l, err := f.other.Query(context.Background(), notiontest.DataSourceTasks, notionapi.QueryParams{
		Filter: map[string]any{"property": "Status", "status": map[string]any{"equals": status}}, PageSize: 1,
	})
	if err != nil || len(l.Results) == 0 {
		t.Fatalf("no task %s: %v", status, err)
	}
	return &l.Results[0]
}

func (f *fixture) set(t *testing.T, id string, vals map[string]notionapi.PropertyValue) {
	t.Helper()
	if _, err := f.other.UpdatePage(context.Background(), id, notionapi.UpdatePageParams{Properties: vals}); err != nil {
		t.Fatal(err)
	}
}

// seen is the text a table shows for a property of a page.
func (f *fixture) seen(pg *notionapi.Page, name string) map[string]string {
	p, _ := f.schema.Get(name)
	return map[string]string{name: widgets.CellText(p, pg.Properties[name])}
}

func (f *fixture) requests() []string {
	var out []string
	for _, r := range f.srv.Requests() {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

func run(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	return cmd()
}

func done(t *testing.T, msg tea.Msg) DoneMsg {
	t.Helper()
	d, ok := msg.(DoneMsg)
	if !ok {
		t.Fatalf("message %T %+v, want DoneMsg", msg, msg)
	}
	return d
}

func TestAnEditIsACheckAndAnUpdate(t *testing.T) {
	t.Parallel()
	f := newFixture(t, notiontest.TokenFull)
	m := Of(f.c)
	pg := f.task(t, "Blocked")
	f.srv.ResetRequests()
	op, cmd := m.Begin(f.c, Request{
		Owner: 7, Schema: f.schema, Seen: f.seen(pg, "Status"), Label: "Status of “x”",
		Edit: pageedit.Edit{PageID: pg.ID, Set: map[string]notionapi.PropertyValue{"Status": notionapi.StatusValue("Done")}},
	})
	d := done(t, run(t, cmd))
	if d.Op != op || d.Status != Saved || notionapi.Cell(d.Page.Properties["Status"]) != "Done" {
		t.Fatalf("done %+v", d)
	}
	if got, want := f.requests(), []string{"GET /v1/pages/" + pg.ID, "PATCH /v1/pages/" + pg.ID}; !slices.Equal(got, want) {
		t.Errorf("requests %v, want %v", got, want)
	}
	if label, ok := m.Undoable(); !ok || label != "Status of “x”" {
		t.Fatalf("undo stack: %q %v", label, ok)
	}
	// Undo: the same check and update, back to Blocked, and nothing left
	// to undo.
	_, uop, ucmd, ok := m.Undo(f.c, 7)
	if !ok || !uop.IsUndo() {
		t.Fatal("no undo")
	}
	d = done(t, run(t, ucmd))
	if d.Status != Saved || notionapi.Cell(d.Page.Properties["Status"]) != "Blocked" || m.Depth() != 0 {
		t.Fatalf("undo: %+v, depth %d", d, m.Depth())
	}
	if Describe(d) != "Put back Status of “x”" {
		t.Errorf("describe %q", Describe(d))
	}
}

// TestAChangeBySomeoneElseIsAskedAbout: the check finds what someone else
// changed; nothing is sent until the user chooses.
func TestAChangeBySomeoneElseIsAskedAbout(t *testing.T) {
	t.Parallel()
	f := newFixture(t, notiontest.TokenFull)
	m := Of(f.c)
	pg := f.task(t, "Blocked")
	seen := f.seen(pg, "Status")
	f.set(t, pg.ID, map[string]notionapi.PropertyValue{"Status": notionapi.StatusValue("In review")})
	f.srv.ResetRequests()
	req := Request{Owner: 1, Schema: f.schema, Seen: seen, Label: "Status",
		Edit: pageedit.Edit{PageID: pg.ID, Set: map[string]notionapi.PropertyValue{"Status": notionapi.StatusValue("Done")}}}
	op, cmd := m.Begin(f.c, req)
	c, ok := run(t, cmd).(ConflictMsg)
	if !ok || len(c.Conflicts) != 1 {
		t.Fatalf("no conflict: %+v", c)
	}
	if cf := c.Conflicts[0]; cf.Was != "Blocked" || cf.Now != "In review" || cf.Mine != "Done" || cf.Formatting {
		t.Errorf("conflict %+v", cf)
	}
	if got := f.requests(); len(got) != 1 {
		t.Errorf("sent before asking: %v", got)
	}
	// Keep theirs: nothing sent, the page as it is.
	d := done(t, run(t, m.Keep(op, c.Now)))
	if d.Status != Kept || notionapi.Cell(d.Page.Properties["Status"]) != "In review" || len(f.requests()) != 1 {
		t.Errorf("keep: %+v %v", d, f.requests())
	}
	// Or save mine anyway: one update, no second check.
	op, cmd = m.Begin(f.c, req)
	c = run(t, cmd).(ConflictMsg)
	f.srv.ResetRequests()
	d = done(t, run(t, m.Force(f.c, op, c.Now)))
	if d.Status != Saved || notionapi.Cell(d.Page.Properties["Status"]) != "Done" || len(f.requests()) != 1 {
		t.Errorf("force: %+v %v", d, f.requests())
	}
	// Its undo puts back what was there when it was forced.
	_, _, ucmd, _ := m.Undo(f.c, 1)
	if d := done(t, run(t, ucmd)); notionapi.Cell(d.Page.Properties["Status"]) != "In review" {
		t.Errorf("undo of a forced edit: %q", notionapi.Cell(d.Page.Properties["Status"]))
	}
}

// TestUndoNeverOverwritesALaterChange: an undo is checked like an edit.
func TestUndoNeverOverwritesALaterChange(t *testing.T) {
	t.Parallel()
	f := newFixture(t, notiontest.TokenFull)
	m := Of(f.c)
	pg := f.task(t, "Blocked")
	_, cmd := m.Begin(f.c, Request{Schema: f.schema, Seen: f.seen(pg, "Priority"), Label: "Priority",
		Edit: pageedit.Edit{PageID: pg.ID, Set: map[string]notionapi.PropertyValue{"Priority": notionapi.SelectValue("P0 Critical")}}})
	if d := done(t, run(t, cmd)); d.Status != Saved {
		t.Fatal(d.Err)
	}
	f.set(t, pg.ID, map[string]notionapi.PropertyValue{"Priority": notionapi.SelectValue("P3 Low")})
	f.srv.ResetRequests()
	_, _, ucmd, _ := m.Undo(f.c, 1)
	c, ok := run(t, ucmd).(ConflictMsg)
	if !ok || c.Conflicts[0].Was != "P0 Critical" || c.Conflicts[0].Now != "P3 Low" {
		t.Fatalf("undo over a later change: %+v", c)
	}
	if got := f.requests(); len(got) != 1 {
		t.Errorf("the undo was sent: %v", got)
	}
}

func TestEditOutcomes(t *testing.T) {
	t.Parallel()
	f := newFixture(t, notiontest.TokenFull)
	m := Of(f.c)
	pg := f.task(t, "Blocked")
	begin := func(set map[string]notionapi.PropertyValue, seen map[string]string) DoneMsg {
		t.Helper()
		_, cmd := m.Begin(f.c, Request{Schema: f.schema, Seen: seen, Label: "x", Edit: pageedit.Edit{PageID: pg.ID, Set: set}})
		return done(t, run(t, cmd))
	}
	// The same value: nothing sent.
	f.srv.ResetRequests()
	if d := begin(map[string]notionapi.PropertyValue{"Status": notionapi.StatusValue("Blocked")}, f.seen(pg, "Status")); d.Status != Unchanged || len(f.requests()) != 1 {
		t.Errorf("unchanged: %v %v", d.Status, f.requests())
	}
	// Notion refuses a relation to a page of another database: the
	// property is named.
	other := f.task(t, "Done")
	d := begin(map[string]notionapi.PropertyValue{"Project": notionapi.RelationValue(other.ID)}, f.seen(pg, "Project"))
	if d.Status != Failed || d.Field != "Project" || !notionapi.IsCode(d.Err, notionapi.CodeValidationError) {
		t.Errorf("refused: %+v", d)
	}
	// The answer lost after saving: saved, said so.
	f.srv.InjectFault(notiontest.Fault{Method: "PATCH", Status: 502, AfterCommit: true})
	d = begin(map[string]notionapi.PropertyValue{"Estimate": notionapi.NumberValue(13)}, f.seen(pg, "Estimate"))
	if d.Status != Saved || d.Lost == nil {
		t.Errorf("lost answer: %+v", d)
	}
	// Formatting that plain text would replace is asked about.
	bold := notionapi.PropertyValue{Type: notionapi.PropTitle, Title: notionapi.RichTexts{{Type: "text", Text: &notionapi.Text{Content: "Bold title"}, Annotations: &notionapi.Annotations{Bold: true}}}}
	f.set(t, pg.ID, map[string]notionapi.PropertyValue{"Task": bold})
	_, cmd := m.Begin(f.c, Request{Schema: f.schema, Seen: map[string]string{"Task": "Bold title"}, Edit: pageedit.Edit{PageID: pg.ID,
		Set: map[string]notionapi.PropertyValue{"Task": notionapi.TitleValue("Plain title")}}})
	if c, ok := run(t, cmd).(ConflictMsg); !ok || !c.Conflicts[0].Formatting {
		t.Errorf("formatting: %+v", c)
	}
	// A page in the trash: refused before any update.
	if _, err := f.other.TrashPage(context.Background(), pg.ID); err != nil {
		t.Fatal(err)
	}
	f.srv.ResetRequests()
	d = begin(map[string]notionapi.PropertyValue{"Estimate": notionapi.NumberValue(1)}, f.seen(pg, "Estimate"))
	if d.Status != Failed || !errors.Is(d.Err, ErrTrashed) || len(f.requests()) != 1 {
		t.Errorf("trashed: %+v %v", d, f.requests())
	}
}

func TestProbe(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		token string
		state guide.State
	}{{notiontest.TokenFull, guide.StateOK}, {notiontest.TokenReadOnly, guide.StateFailed}, {notiontest.TokenInsertOnly, guide.StateFailed}} {
		f := newFixture(t, tt.token)
		p := run(t, Probe(f.c, 3)).(ProbeMsg)
		if p.Owner != 3 || p.Probe.State != tt.state || p.Probe.Capability != guide.CapUpdateContent {
			t.Errorf("%s: %+v", tt.token, p)
		}
	}
}

// driveBulk drives a bulk change to its end and returns its messages.
func driveBulk(t *testing.T, cmd tea.Cmd) []BulkMsg {
	t.Helper()
	var out []BulkMsg
	for cmd != nil {
		b, next, ok := Next(cmd())
		if !ok {
			t.Fatal("not a bulk message")
		}
		out = append(out, b)
		cmd = next
	}
	return out
}

func TestBulkChangeAndItsUndo(t *testing.T) {
	t.Parallel()
	f := newFixture(t, notiontest.TokenFull)
	m := Of(f.c)
	rows, err := f.other.Query(context.Background(), notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: 6})
	if err != nil {
		t.Fatal(err)
	}
	var edits []pageedit.Edit
	for _, r := range rows.Results {
		edits = append(edits, pageedit.FromPage(&r, map[string]notionapi.PropertyValue{"Estimate": notionapi.NumberValue(42)}))
	}
	f.srv.InjectFault(notiontest.Fault{Method: "PATCH", Path: "/v1/pages/" + rows.Results[2].ID, Status: 409})
	_, cmd := m.BeginBulk(f.c, BulkRequest{Owner: 5, Edits: edits, Schema: f.schema, Label: "Estimate on 6 rows", Table: notiontest.DataSourceTasks})
	msgs := driveBulk(t, cmd)
	var results []pageedit.Result
	for _, b := range msgs {
		results = append(results, b.Results...)
	}
	last := msgs[len(msgs)-1]
	if !last.Finished || last.Done != 6 || last.Total != 6 || len(results) != 6 {
		t.Fatalf("last %+v, %d results", last, len(results))
	}
	for i, r := range results {
		want := pageedit.Updated
		if i == 2 {
			want = pageedit.Failed
		}
		if r.Index != i || r.Status != want {
			t.Errorf("row %d: %v %v", r.Index, r.Status, r.Err)
		}
	}
	if label, _ := m.Undoable(); label != "Estimate on 6 rows" {
		t.Fatalf("undo stack %q", label)
	}
	_, _, ucmd, _ := m.Undo(f.c, 5)
	undone := driveBulk(t, ucmd)
	n := 0
	for _, b := range undone {
		if !b.Undo {
			t.Error("an undo's message is not marked")
		}
		for _, r := range b.Results {
			if r.Status == pageedit.Updated {
				n++
			}
		}
	}
	if n != 5 || m.Depth() != 0 {
		t.Errorf("undone %d rows, depth %d", n, m.Depth())
	}
	for _, r := range rows.Results {
		pg, _ := f.other.GetPage(context.Background(), r.ID)
		if notionapi.Cell(pg.Properties["Estimate"]) != notionapi.Cell(r.Properties["Estimate"]) {
			t.Errorf("%s: Estimate %s, was %s", r.ID, notionapi.Cell(pg.Properties["Estimate"]), notionapi.Cell(r.Properties["Estimate"]))
		}
	}
}

func TestBulkCancelled(t *testing.T) {
	t.Parallel()
	f := newFixture(t, notiontest.TokenFull)
	m := Of(f.c)
	rows, _ := f.other.Query(context.Background(), notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: 30})
	var edits []pageedit.Edit
	for _, r := range rows.Results {
		edits = append(edits, pageedit.Edit{PageID: r.ID, Set: map[string]notionapi.PropertyValue{"Estimate": notionapi.NumberValue(7)}})
	}
	// Hold every update until the test cancels.
	f.srv.InjectFault(notiontest.Fault{Method: "PATCH", Delay: time.Minute, Times: 100})
	op, cmd := m.BeginBulk(f.c, BulkRequest{Edits: edits, Label: "Estimate"})
	m.Cancel(op)
	msgs := driveBulk(t, cmd)
	last := msgs[len(msgs)-1]
	if !last.Finished || !errors.Is(last.Err, context.Canceled) {
		t.Fatalf("last %+v", last)
	}
	if last.Done != len(edits) {
		t.Errorf("%d of %d rows told", last.Done, len(edits))
	}
}

func TestValuesRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		n      float64
		format string
		want   string
	}{{0.123, "percent", "12.3%"}, {-0.5, "percent", "-50%"}, {3.14159, "dollar", "$3.14159"}, {-2, "euro", "-€2"}, {1234.5, "number_with_commas", "1234.5"}} {
		if got := NumberText(tt.n, tt.format); got != tt.want {
			t.Errorf("NumberText(%v, %s) = %q, want %q", tt.n, tt.format, got, tt.want)
		}
	}
	for _, d := range []notionapi.DateValue{
		{Start: "2026-12-01"},
		{Start: "2026-12-01T14:30:00.000+01:00"},
		{Start: "2026-12-01T14:30:00.000Z"},
		{Start: "2026-12-01T14:30:00.000+00:00", End: ptr("2026-12-01T16:00:00.000+00:00")},
		{Start: "2026-12-24T09:30:00.000", TimeZone: ptr("Europe/Berlin")},
	} {
		text := DateText(&d)
		if d.TimeZone != nil {
			if text != "2026-12-24 09:30 +01:00" {
				t.Errorf("a date in Berlin: %q", text)
			}
			continue
		}
		back, err := pageform.ParseDate(text, uitest.Now)
		if err != nil || !notionapi.SameDate(&d, &back) {
			t.Errorf("%+v → %q → %+v %v", d, text, back, err)
		}
	}
}

func ptr[T any](v T) *T { return &v }

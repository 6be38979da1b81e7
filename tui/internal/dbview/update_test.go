package dbview

// Direct Update tests: the screen's logic without a program, a terminal
// or (but for the stream) a sandbox. Each runs in microseconds.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/viewprefs"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// press gives the view key presses by name, and returns the last command.
func press(v *dbView, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		_, cmd = v.Update(uitest.Key(k))
	}
	return cmd
}

// typeText types s into the view.
func typeText(v *dbView, s string) {
	for _, k := range uitest.Text(s) {
		v.Update(k)
	}
}

func TestFilterThatDoesNotCompileStartsNoQuery(t *testing.T) {
	t.Parallel()
	v := benchView(10)
	gen := v.gen
	press(v, "/")
	typeText(v, "Latency ms >")
	press(v, "enter")
	if v.mode != modeFilter {
		t.Errorf("enter closed the filter line of an expression that does not compile (mode %d)", v.mode)
	}
	if v.gen != gen || v.loading {
		t.Error("enter started a query for an expression that does not compile")
	}
	if got := v.line.value(); got != "Latency ms >" {
		t.Errorf("the input became %q", got)
	}
}

func TestFilterThatCompilesStartsAQueryAndIsRecorded(t *testing.T) {
	t.Parallel()
	v := benchView(10)
	v.hist = &queryHistory{byDS: map[string][]historyEntry{}} // in memory: no file
	gen := v.gen
	press(v, "/")
	typeText(v, "Latency ms > 100")
	if cmd := press(v, "enter"); cmd == nil {
		t.Fatal("applying the filter returned no command")
	}
	if v.mode != modeTable || !v.loading || v.gen == gen {
		t.Fatalf("the filter did not start a query: mode %d, loading %v", v.mode, v.loading)
	}
	if v.q.Expr != "Latency ms > 100" || len(v.q.filter) == 0 {
		t.Errorf("the query is %+v", v.q)
	}
	if es := v.hist.entries(v.ds.ID); len(es) != 0 {
		t.Errorf("the history holds %+v before Notion accepted the filter", es)
	}
	answer(v, 1, nil)
	if es := v.hist.entries(v.ds.ID); len(es) != 1 || es[0].Expr != "Latency ms > 100" {
		t.Errorf("the history holds %+v", es)
	}
}

func TestEscClosesTheFilterLineAndKeepsTheQuery(t *testing.T) {
	t.Parallel()
	v := benchView(10)
	press(v, "/")
	typeText(v, "Level = info")
	press(v, "esc")
	if v.mode != modeTable || v.q.Expr != "" || v.loading {
		t.Errorf("esc changed the query: mode %d, query %+v, loading %v", v.mode, v.q, v.loading)
	}
}

func TestSortsEditorBuildsTheSorts(t *testing.T) {
	t.Parallel()
	v := benchView(10)
	press(v, "s", "a")
	typeText(v, "latency")
	press(v, "enter", "space") // Latency ms, then flipped to descending
	press(v, "a")
	typeText(v, "created")
	press(v, "enter", "K") // created_time, moved above Latency ms
	want := []notionapi.Sort{
		{Timestamp: notionapi.CreatedTime, Direction: notionapi.Ascending},
		{Property: "Latency ms", Direction: notionapi.Descending},
	}
	got := v.sorts.sorts
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("the editor holds %+v, want %+v", got, want)
	}
	press(v, "enter")
	if v.mode != modeTable || !v.loading || len(v.q.Sorts) != 2 {
		t.Errorf("enter did not run the sorted query: mode %d, sorts %+v", v.mode, v.q.Sorts)
	}
}

func TestRowsOfAnEarlierQueryAreDropped(t *testing.T) {
	t.Parallel()
	v := benchView(0)
	v.run(query{})
	old := v.gen
	v.run(query{Expr: "Level = info"})
	v.Update(rowsMsg{view: v.id, gen: old, rowBatch: rowBatch{rows: benchRows(5, v.cols), done: true}})
	if len(v.rows) != 0 || !v.loading {
		t.Errorf("rows of a superseded query were shown: %d rows, loading %v", len(v.rows), v.loading)
	}
	v.Update(rowsMsg{view: v.id, gen: v.gen, rowBatch: rowBatch{rows: benchRows(3, v.cols), done: true}})
	if len(v.rows) != 3 || v.loading {
		t.Errorf("rows of the current query: %d rows, loading %v", len(v.rows), v.loading)
	}
	v.Update(rowsMsg{view: v.id + 1, gen: v.gen, rowBatch: rowBatch{rows: benchRows(2, v.cols)}})
	if len(v.rows) != 3 {
		t.Errorf("rows for another view were added: %d rows", len(v.rows))
	}
}

func TestPageCreatedInsertsItsRowOnce(t *testing.T) {
	t.Parallel()
	v := benchView(3)
	pg := &notionapi.Page{ID: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", Properties: map[string]notionapi.PropertyValue{
		"Event": notionapi.TitleValue("A new event"),
	}}
	v.Update(ui.PageCreatedMsg{DataSourceID: "another", Page: pg})
	if len(v.rows) != 3 {
		t.Fatalf("a page of another data source was inserted")
	}
	v.Update(ui.PageCreatedMsg{DataSourceID: v.ds.ID, Page: pg})
	v.Update(ui.PageCreatedMsg{DataSourceID: v.ds.ID, Page: pg})
	if len(v.rows) != 4 || v.table.Cursor() != 3 || v.rows[3].cell(0) != "A new event" {
		t.Errorf("the new row: %d rows, cursor %d", len(v.rows), v.table.Cursor())
	}
}

// TestCloseEndsTheStream reads the Event Log from a sandbox, closes the
// view after the first batch, and waits for the stream's goroutine to
// end: it closes its channel as it returns, after which it sends nothing.
func TestCloseEndsTheStream(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 300})
	client := uitest.NewClient(t, srv.URL(), notiontest.TokenFull, notionapi.DefaultVersion, notionapi.Hooks{})
	ds, err := client.GetDataSource(context.Background(), notiontest.DataSourceEventLog)
	if err != nil {
		t.Fatal(err)
	}
	c := &ui.Common{Ctx: context.Background(), Conn: &ui.Connection{Client: client}, Styles: styles.New(true, false), Cache: ui.NewCache(), Now: time.Now}
	v := newDatabaseView(c, ds, "")
	v.SetSize(120, 33)
	v.run(query{})
	stream := v.stream
	msg := stream.next(v.id, v.gen)() // starts the stream, waits for a batch
	if b := msg.(rowsMsg); b.err != nil || b.done || len(b.rows) == 0 {
		t.Fatalf("the first batch: %d rows, done %v, err %v", len(b.rows), b.done, b.err)
	}
	v.Close()
	deadline := time.After(time.Minute)
	for {
		select {
		case _, open := <-stream.ch:
			if !open {
				return
			}
		case <-deadline:
			t.Fatal("the stream still runs a minute after the view closed")
		}
	}
}

// TestASortAppliedBeforeTheSavedColumnsArriveIsKept: the first query
// waits for the saved columns (a local file); a sort applied meanwhile
// runs at once, and the columns arriving afterwards do not replace it
// with the unsorted first query.
func TestASortAppliedBeforeTheSavedColumnsArriveIsKept(t *testing.T) {
	t.Parallel()
	v := benchView(0)
	v.Init() // the saved columns are not read: their answer comes below
	if !v.waiting {
		t.Fatal("the first query does not wait for the saved columns")
	}
	press(v, "s", "a")
	typeText(v, "latency")
	press(v, "enter", "enter")
	if len(v.q.Sorts) != 1 || !v.loading {
		t.Fatalf("the sort did not run: %+v", v.q)
	}
	gen := v.gen
	v.Update(prefsMsg{view: v.id, prefs: &viewprefs.Prefs{DatabaseID: viewprefs.Key(v.ds)}})
	if v.gen != gen || len(v.q.Sorts) != 1 {
		t.Errorf("the saved columns replaced the sorted query with %+v", v.q)
	}
}

// TestAQueryRunBeforeALinksViewOpensIsKept: a link's view arriving after
// the user ran a query of their own is not applied over it.
func TestAQueryRunBeforeALinksViewOpensIsKept(t *testing.T) {
	t.Parallel()
	v := benchView(0)
	v.pendingView = "a3f0c2de-0000-4000-8000-000000000001"
	runFilter(v, "Level = info")
	if v.q.Expr != "Level = info" || v.pendingView != "" {
		t.Fatalf("the filter did not run, or the view still waits: %+v, pending %q", v.q, v.pendingView)
	}
	gen := v.gen
	v.Update(viewOpenedMsg{view: v.id, v: &notionapi.View{ID: "a3f0c2de-0000-4000-8000-000000000001", Name: "Errors"}})
	if v.gen != gen || v.q.Expr != "Level = info" || v.active != nil {
		t.Errorf("the link's view replaced the query: %+v, view %v", v.q, v.active)
	}
}

// TestAReadTeachesTheTitlesOfItsFirstRowsOnly: the session's titles
// learn a read's first learnRows rows; the others' titles are not kept a
// second time beside the table.
func TestAReadTeachesTheTitlesOfItsFirstRowsOnly(t *testing.T) {
	t.Parallel()
	titles := notionapi.NewTitles(nil)
	r := &rowReader{titles: titles, cols: benchSchema().Ordered()}
	for i := range learnRows + 10 {
		p := notionapi.Page{ID: fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i), Properties: map[string]notionapi.PropertyValue{
			"Event": notionapi.TitleValue(fmt.Sprintf("Event %d", i)),
		}}
		r.row(&p, nil)
	}
	if n := len(titles.Known()); n != learnRows {
		t.Errorf("the session learned %d titles of %d rows, want %d", n, learnRows+10, learnRows)
	}
	if _, ok := titles.Lookup(fmt.Sprintf("%08x-0000-4000-8000-%012x", 0, 0)); !ok {
		t.Error("the first row's title was not learned")
	}
}

// TestLinesAroundTheTableAreNotCutAt60Columns: the title, query and
// count lines leave out what does not fit whole instead of cutting it
// mid-word.
func TestLinesAroundTheTableAreNotCutAt60Columns(t *testing.T) {
	t.Parallel()
	v := benchView(60)
	v.SetSize(60, 12)
	lines := strings.Split(ansi.Strip(v.View()), "\n")
	for _, l := range []string{lines[0], lines[1], lines[len(lines)-1]} {
		if strings.Contains(l, "…") {
			t.Errorf("a line is cut at 60 columns: %q\n%s", l, strings.Join(lines, "\n"))
		}
	}
	if !strings.Contains(lines[0], "properties") || !strings.HasPrefix(lines[len(lines)-1], "60 rows") {
		t.Errorf("the title or the count is gone:\n%s", strings.Join(lines, "\n"))
	}
}

// TestCountLineWhileRowsStreamIsNotCutAt60Columns: while rows arrive the
// note after the count shortens by whole words instead of being cut.
func TestCountLineWhileRowsStreamIsNotCutAt60Columns(t *testing.T) {
	t.Parallel()
	v := benchView(3300)
	v.SetSize(60, 12)
	v.loading = true
	lines := strings.Split(ansi.Strip(v.View()), "\n")
	last := lines[len(lines)-1]
	if strings.Contains(last, "…") || !strings.Contains(last, "3,300 rows loaded") {
		t.Errorf("the count line at 60 columns is %q", last)
	}
	if !strings.Contains(last, "more coming") {
		t.Errorf("the count line at 60 columns lost the note that fits: %q", last)
	}
	v.SetSize(120, 12)
	lines = strings.Split(ansi.Strip(v.View()), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, "more coming (keys work meanwhile)") {
		t.Errorf("the count line at 120 columns is %q", last)
	}
}

package dbview

// Direct Update tests of views, columns and the board.

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/board"
	"github.com/notion-tui/notion-tui/internal/viewprefs"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// tasksFixture is the demo's Tasks, its views, and a database view of it
// with a config folder of the test's.
type tasksFixture struct {
	srv    *notiontest.Server
	client *notionapi.Client
	v      *dbView
	views  map[string]notionapi.View
	pages  []notionapi.Page
}

func newTasksFixture(t *testing.T) *tasksFixture {
	t.Helper()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	client := uitest.NewClient(t, srv.URL(), notiontest.TokenFull, notionapi.DefaultVersion, notionapi.Hooks{})
	ctx := context.Background()
	ds, err := client.GetDataSource(ctx, notiontest.DataSourceTasks)
	if err != nil {
		t.Fatal(err)
	}
	views, err := client.GetViews(ctx, notionapi.ListViewsParams{DataSourceID: ds.ID})
	if err != nil {
		t.Fatal(err)
	}
	f := &tasksFixture{srv: srv, client: client, views: map[string]notionapi.View{}}
	for _, v := range views {
		f.views[v.Name] = v
	}
	for p, err := range client.QueryAll(ctx, ds.ID, notionapi.QueryParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		f.pages = append(f.pages, p)
	}
	c := &ui.Common{Ctx: context.Background(), Conn: &ui.Connection{Client: client}, Styles: styles.New(true, true),
		Cache: ui.NewCache(), Now: func() time.Time { return uitest.Now }, ConfigDir: t.TempDir()}
	f.v = newDatabaseView(c, ds, "")
	f.v.set().prefs = &viewprefs.Prefs{DatabaseID: viewprefs.Key(ds)}
	f.v.SetSize(120, 33)
	return f
}

// load gives the view the fixture's rows as a stream would.
func (f *tasksFixture) load() {
	v := f.v
	rows := make(dbRows, len(f.pages))
	for i := range f.pages {
		rows[i] = newDBRow(&f.pages[i], v.cols, nil)
		if v.brd != nil {
			rows[i].keys = v.brd.group.Keys(f.pages[i].Properties[v.brd.group.Property().Name])
		}
	}
	v.addRows(rowsMsg{view: v.id, gen: v.gen, rowBatch: rowBatch{rows: rows, done: true}})
}

func names(s notionapi.Schema) []string {
	out := make([]string, len(s))
	for i, p := range s {
		out[i] = p.Name
	}
	return out
}

func TestApplyingAViewShowsItsQueryColumnsAndFrozenColumn(t *testing.T) {
	t.Parallel()
	f := newTasksFixture(t)
	v := f.v
	open := f.views["Open work"]
	gen := v.gen
	if cmd := v.applyEntry(viewEntry{notion: &open}); cmd == nil || v.gen == gen || !v.loading {
		t.Fatal("applying the view started no query")
	}
	if v.q.Expr != "Status != Done and Done = false" || len(v.q.filter) == 0 || v.q.Raw != "" {
		t.Errorf("filter: %+v", v.q)
	}
	if got := sortsText(v.q.Sorts); got != "Priority ↑, Due ↑" {
		t.Errorf("sorts %q", got)
	}
	if want := []string{"Task", "Status", "Priority", "Assignee", "Due", "Project", "ID"}; !slices.Equal(names(v.cols), want) {
		t.Errorf("columns %v, want %v", names(v.cols), want)
	}
	if v.table.Frozen() != 1 || v.wrap || v.q.view == nil || !v.q.whole {
		t.Errorf("frozen %d, wrap %v, view %v, whole %v", v.table.Frozen(), v.wrap, v.q.view != nil, v.q.whole)
	}
	if est, _ := v.ds.Properties.Get("Estimate"); len(v.q.fields) != 7 || slices.Contains(v.q.fields, est.ID) {
		t.Errorf("filter_properties %v: the 7 columns, not the hidden Estimate", v.q.fields)
	}
	// The view's widths are the widest its columns are drawn.
	if v.caps[0] != 280/pxPerCell {
		t.Errorf("Task is drawn at most %d wide, want %d", v.caps[0], 280/pxPerCell)
	}
	f.load()
	title := ansi.Strip(v.titleLine())
	if !strings.Contains(title, "view Open work · table") || strings.Contains(title, "changed") {
		t.Errorf("title line %q", title)
	}
	if !strings.Contains(ansi.Strip(v.queryLine()), "filter Status != Done and Done = false") {
		t.Errorf("query line %q", ansi.Strip(v.queryLine()))
	}

	// A sort changed here: the header says so, and the view's count no
	// longer applies; the rows are still read whole.
	press(v, "s")
	if v.mode != modeSorts {
		t.Fatalf("s opened mode %d", v.mode)
	}
	q := v.q
	q.Sorts = q.Sorts[:1]
	v.setMode(modeTable)
	v.apply(q)
	if !v.changed || v.q.view != nil || !v.q.whole || !strings.Contains(ansi.Strip(v.titleLine()), "changed here") {
		t.Errorf("after a change: changed %v, view %v, whole %v, title %q", v.changed, v.q.view != nil, v.q.whole, ansi.Strip(v.titleLine()))
	}
}

func TestAViewWhoseFilterTheLanguageCannotSayShowsItsJSON(t *testing.T) {
	t.Parallel()
	f := newTasksFixture(t)
	view := f.views["Open work"]
	view.Filter = []byte(`{"property":"Priority","select":{"equals":["P0 Critical","P1 High"]}}`)
	f.v.applyEntry(viewEntry{notion: &view})
	if f.v.q.Expr != "" || !strings.Contains(f.v.q.Raw, `"P0 Critical"`) || string(f.v.q.filter) != string(view.Filter) {
		t.Errorf("query %+v", f.v.q)
	}
	if !strings.Contains(ansi.Strip(f.v.queryLine()), "filter JSON {") {
		t.Errorf("query line %q", ansi.Strip(f.v.queryLine()))
	}
}

func TestColumnChooserHidesWithoutReadingAndShowsByReading(t *testing.T) {
	t.Parallel()
	f := newTasksFixture(t)
	v := f.v
	f.load()
	gen := v.gen
	press(v, "C")
	if v.mode != modeColumns || v.chooser.items[0].prop.Name != "Task" {
		t.Fatalf("C opened mode %d", v.mode)
	}
	// Hide Status (second): it goes among the hidden ones, after the
	// shown ones.
	press(v, "down", "space")
	if it := v.chooser.items[v.chooser.cursor]; it.prop.Name != "Status" || it.shown || v.chooser.cursor != len(v.chooser.items)-1 {
		t.Fatalf("after hiding Status the cursor is on %+v at %d", it, v.chooser.cursor)
	}
	// Move Assignee before Priority, widen it by two steps, wrap cells.
	chooserTo(t, v, "Assignee")
	press(v, "K")
	fitted := v.chooser.items[v.chooser.cursor].fitted
	press(v, "right", "right", "w")
	if cmd := press(v, "enter"); cmd == nil {
		t.Fatal("applying the columns saves nothing")
	}
	if v.mode != modeTable || v.gen != gen || v.loading {
		t.Errorf("hiding and moving columns read the rows again (mode %d, loading %v)", v.mode, v.loading)
	}
	if want := []string{"Task", "Assignee", "Priority", "Due"}; !slices.Equal(names(v.cols)[:4], want) || slices.Contains(names(v.cols), "Status") {
		t.Errorf("columns %v", names(v.cols))
	}
	for i := range f.pages {
		if got, want := v.rows[i].cell(1), cellOf(v, f, i, "Assignee"); got != want {
			t.Errorf("row %d: the Assignee cell is %q, want %q", i, got, want)
		}
	}
	if v.widths[1] != max(fitted, 6)+4 || v.widths[2] != 0 || !v.wrap || v.table.RowLines() != wrapLines {
		t.Errorf("widths %v (fitted %d), wrap %v, row lines %d", v.widths, fitted, v.wrap, v.table.RowLines())
	}
	if w := v.table.ColumnWidths(); w[1] != v.widths[1] {
		t.Errorf("the table draws Assignee %d wide, chosen %d", w[1], v.widths[1])
	}
	if v.q.fields == nil {
		t.Error("later reads would download the hidden Status")
	}
	// Showing a column the rows were read without reads them again.
	press(v, "C", "G")
	if it := v.chooser.items[v.chooser.cursor]; it.prop.Name != "Status" || it.shown {
		t.Fatalf("the last item is %+v, not the hidden Status", it)
	}
	press(v, "space", "enter")
	if v.gen == gen || !v.loading {
		t.Error("showing a column not downloaded did not read the rows again")
	}
	if st, _ := v.ds.Properties.Get("Status"); v.q.fields != nil && !slices.Contains(v.q.fields, st.ID) {
		t.Errorf("the new read leaves out Status: %v", v.q.fields)
	}
}

func TestHiddenColumnsCanStillBeFilteredAndSorted(t *testing.T) {
	t.Parallel()
	f := newTasksFixture(t)
	v := f.v
	f.load()
	press(v, "C", "down", "space", "enter") // hide Status
	if slices.Contains(names(v.cols), "Status") {
		t.Fatal("Status still shows")
	}
	press(v, "/")
	typeText(v, "Status = Done")
	press(v, "enter")
	if v.mode != modeTable || v.q.Expr != "Status = Done" || len(v.q.filter) == 0 {
		t.Fatalf("a filter on the hidden Status: mode %d, query %+v", v.mode, v.q)
	}
	press(v, "s")
	if !slices.Contains(v.sorts.choices, "Status") {
		t.Errorf("the sorts editor does not offer the hidden Status: %v", v.sorts.choices)
	}
	press(v, "esc", "i")
	if text := ansi.Strip(v.panel.View(v.c.Styles)); !strings.Contains(text, "Status") {
		t.Errorf("the schema panel leaves out the hidden Status:\n%s", text)
	}
}

// chooserTo moves the chooser's cursor to the column named name.
func chooserTo(t *testing.T, v *dbView, name string) {
	t.Helper()
	press(v, "g")
	for range v.chooser.items {
		if v.chooser.items[v.chooser.cursor].prop.Name == name {
			return
		}
		press(v, "down")
	}
	t.Fatalf("the chooser does not list %q", name)
}

// cellOf is the cell a row shows for a property.
func cellOf(v *dbView, f *tasksFixture, row int, name string) string {
	p, _ := v.ds.Properties.Get(name)
	r := newDBRow(&f.pages[row], notionapi.Schema{p}, nil)
	return r.cell(0)
}

func TestChosenColumnsAreKeptPerDataSource(t *testing.T) {
	t.Parallel()
	f := newTasksFixture(t)
	v := f.v
	f.load()
	press(v, "C", "down", "space")
	cmd := press(v, "enter")
	saved := runPrefs(t, v, cmd)
	if c := saved.ColumnsFor(v.ds.ID); c == nil || slices.ContainsFunc(c.Shown, func(col viewprefs.Column) bool { return col.Name == "Status" }) {
		t.Fatalf("kept columns %+v", saved.Columns)
	}
	// A view of the data source in a new session starts with them, and
	// its first read leaves Status out.
	c2 := &ui.Common{Ctx: context.Background(), Conn: v.c.Conn, Styles: v.c.Styles, Cache: ui.NewCache(), Now: v.c.Now, ConfigDir: v.c.ConfigDir}
	v2 := newDatabaseView(c2, v.ds, "")
	v2.SetSize(120, 33)
	v2.Init()
	if !v2.waiting {
		t.Fatal("the first read does not wait for the chosen columns")
	}
	loaded, err := viewprefs.Load(v.c.ConfigDir, viewprefs.Key(v.ds))
	if err != nil {
		t.Fatal(err)
	}
	v2.Update(prefsMsg{view: v2.id, prefs: loaded})
	st, _ := v.ds.Properties.Get("Status")
	if slices.Contains(names(v2.cols), "Status") || v2.waiting || !v2.loading || v2.q.fields == nil || slices.Contains(v2.q.fields, st.ID) {
		t.Errorf("the next view shows %v and reads %v", names(v2.cols), v2.q.fields)
	}
}

// runPrefs runs the command that writes the preferences, feeds its
// answer to the view, and returns what was written.
func runPrefs(t *testing.T, v *dbView, cmd tea.Cmd) *viewprefs.Prefs {
	t.Helper()
	for _, m := range messages(cmd) {
		if msg, ok := m.(prefsSavedMsg); ok {
			if msg.err != nil {
				t.Fatal(msg.err)
			}
			v.Update(msg)
			return msg.prefs
		}
	}
	t.Fatal("no preferences were written")
	return nil
}

func TestThePickerOpensOnTheViewShownOnceListed(t *testing.T) {
	t.Parallel()
	f := newTasksFixture(t)
	v := f.v
	open := f.views["Open work"]
	v.applyEntry(viewEntry{notion: &open}) // as a link opens it
	f.load()
	cmd := press(v, "v")
	if v.mode != modeViews || len(v.picker.entries) != 0 || cmd == nil {
		t.Fatalf("the first v lists no views: mode %d, %d entries", v.mode, len(v.picker.entries))
	}
	var listed []notionapi.View
	for _, m := range messages(cmd) {
		if l, ok := m.(viewsListedMsg); ok {
			listed = l.views
			v.Update(l)
		}
	}
	if len(listed) != 3 {
		t.Fatalf("listed %d views", len(listed))
	}
	if e, ok := v.picker.selected(); !ok || e.name() != "Open work" {
		t.Errorf("the cursor is on %d, not on the view shown", v.picker.cursor)
	}
	// Once moved, the cursor stays where the user put it.
	press(v, "down")
	v.Update(viewsListedMsg{view: v.id, views: listed})
	if e, ok := v.picker.selected(); !ok || e.name() != "Board" {
		t.Errorf("the cursor is on %d, not on Board", v.picker.cursor)
	}
	if !strings.Contains(ansi.Strip(v.View()), "Open work ●") {
		t.Error("the view shown is not marked")
	}
}

func TestSavedViewsFromThePicker(t *testing.T) {
	t.Parallel()
	f := newTasksFixture(t)
	v := f.v
	f.load()
	v.set().notion, v.set().listed = []notionapi.View{f.views["Board"]}, true
	press(v, "/")
	typeText(v, "Done")
	press(v, "enter")
	press(v, "v")
	if v.mode != modeViews || len(v.picker.entries) != 1 {
		t.Fatalf("the picker lists %d views", len(v.picker.entries))
	}
	press(v, "S")
	if !v.Capturing() {
		t.Error("typing the name does not capture keys")
	}
	typeText(v, "Finished")
	saved := runPrefs(t, v, press(v, "enter"))
	sv, ok := saved.View("Finished")
	if !ok || sv.Filter != "Done" || len(sv.Columns) != len(v.cols) || sv.DataSourceID != v.ds.ID {
		t.Fatalf("saved %+v", saved.Views)
	}
	if len(v.picker.entries) != 2 || v.picker.entries[1].kind() != "saved table" {
		t.Fatalf("the picker lists %+v", v.picker.entries)
	}
	// What was saved is the view shown now.
	if e, ok := v.picker.selected(); v.active == nil || v.active.name() != "Finished" || v.changed || !ok || e.name() != "Finished" {
		t.Errorf("after saving: active %v, changed %v, cursor %d", v.active, v.changed, v.picker.cursor)
	}
	// Apply it, from a fresh table.
	// The picker stays open after saving; esc closes it.
	press(v, "esc")
	if v.mode != modeTable || v.picker != nil {
		t.Fatalf("esc left mode %d", v.mode)
	}
	v.clearView()
	press(v, "v", "down", "down", "enter")
	if v.active == nil || v.active.name() != "Finished" || v.q.Expr != "Done" {
		t.Fatalf("active %v, query %+v", v.active, v.q)
	}
	// d once asks, d again deletes.
	press(v, "v", "down", "down", "d")
	if v.picker.confirm != "Finished" || len(v.picker.entries) != 2 {
		t.Fatalf("one d deleted or asked nothing: %q", v.picker.confirm)
	}
	saved = runPrefs(t, v, press(v, "d"))
	if _, ok := saved.View("Finished"); ok || len(v.picker.entries) != 1 || v.active != nil {
		t.Errorf("after deleting: %+v, active %v", saved.Views, v.active)
	}
}

func TestBoardGroupsNavigatesAndPresetsNewCards(t *testing.T) {
	t.Parallel()
	f := newTasksFixture(t)
	v := f.v
	f.load() // the table's rows, before the board
	brd := f.views["Board"]
	v.applyEntry(viewEntry{notion: &brd})
	if v.brd == nil || v.brd.group.Property().Name != "Status" {
		t.Fatal("the board view shows no board")
	}
	if want := []string{"Task", "Assignee", "Priority", "Due"}; !slices.Equal(names(v.cols), want) {
		t.Errorf("card columns %v", names(v.cols))
	}
	// Until the board's rows come, no card is selected: the rows shown
	// before are gone.
	if v.selectedRow() != -1 || len(v.rows) != 0 {
		t.Fatalf("card %d selected among %d rows before any came", v.selectedRow(), len(v.rows))
	}
	press(v, "enter", "c")
	if nav := v.c.TakeNav(); len(nav) != 0 {
		t.Fatalf("enter opened %+v with no card", nav)
	}
	f.load()
	if got := []string{v.brd.cols[0].Label, v.brd.cols[1].Label, v.brd.cols[2].Label}; !slices.Equal(got, []string{"To-do", "In progress", "Complete"}) {
		t.Fatalf("columns %v", got)
	}
	total := 0
	for _, c := range v.brd.cols {
		total += len(c.Rows)
	}
	if total != len(f.pages) {
		t.Errorf("%d cards for %d rows", total, len(f.pages))
	}
	// Across and within columns; enter opens the card.
	press(v, "right", "down", "down")
	c := v.brd.current()
	if c.Label != "In progress" || v.brd.sel[c.Key] != 2 {
		t.Fatalf("selection: %s card %d", c.Label, v.brd.sel[c.Key])
	}
	row := v.selectedRow()
	press(v, "enter")
	nav := v.c.TakeNav()
	if len(nav) != 1 || nav[0].Route.(ui.PagePreview).ID != v.rows[row].id {
		t.Errorf("enter: %+v", nav)
	}
	// n creates a card in the column: its status is the group's first.
	press(v, "right", "n")
	nav = v.c.TakeNav()
	cp, ok := nav[0].Route.(ui.CreatePage)
	if !ok || cp.Presets["Status"] != "Done" {
		t.Errorf("new card: %+v", nav)
	}
	// The view did not hide empty groups; z does.
	press(v, "B")
	if v.brd.group.Property().Name != "Priority" {
		t.Fatalf("B groups by %s", v.brd.group.Property().Name)
	}
	f.load()
	n := len(v.brd.shown())
	press(v, "z")
	if len(v.brd.shown()) != n-1 || !strings.Contains(ansi.Strip(v.boardFooter()), "1 empty column hidden") {
		t.Errorf("z: %d of %d shown, footer %q", len(v.brd.shown()), n, ansi.Strip(v.boardFooter()))
	}
	if !v.changed {
		t.Error("grouping otherwise did not mark the view changed")
	}
	press(v, "T")
	if v.brd != nil {
		t.Error("T left the board")
	}
}

func TestBoardFitsSmallTerminals(t *testing.T) {
	t.Parallel()
	f := newTasksFixture(t)
	v := f.v
	brd := f.views["Board"]
	v.applyEntry(viewEntry{notion: &brd})
	f.load()
	for _, size := range [][2]int{{80, 24}, {60, 15}, {120, 36}} {
		v.SetSize(size[0], size[1]-3)
		screen := v.View()
		lines := strings.Split(screen, "\n")
		if len(lines) != size[1]-3 {
			t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > size[0] {
				t.Errorf("%dx%d: line %d is %d wide: %q", size[0], size[1], i, w, ansi.Strip(l))
			}
		}
	}
}

// boardBench is a view of n rows on a board of five columns.
func boardBench(n int) *dbView {
	c := &ui.Common{Ctx: context.Background(), Styles: styles.New(true, false), Cache: ui.NewCache(), Now: time.Now}
	schema := notionapi.Schema{
		{ID: "title", Name: "Task", Type: notionapi.PropTitle},
		{ID: "st", Name: "Stage", Type: notionapi.PropSelect, Select: &notionapi.OptionsConfig{Options: []notionapi.SelectOption{
			{ID: "a", Name: "Backlog", Color: "gray"}, {ID: "b", Name: "Next", Color: "blue"}, {ID: "c", Name: "Doing", Color: "yellow"},
			{ID: "d", Name: "Review", Color: "purple"}, {ID: "e", Name: "Done", Color: "green"}}}},
		{ID: "own", Name: "Owner", Type: notionapi.PropRichText},
		{ID: "due", Name: "Due", Type: notionapi.PropDate},
	}
	ds := &notionapi.DataSource{ID: "5335dfc9-9567-4538-9c7c-d82c5ae4f434", Title: notionapi.PlainText("Work"), Properties: schema}
	v := newDatabaseView(c, ds, "")
	g, _ := board.New(schema[1], nil)
	v.setBoard(g)
	stages := []string{"a", "b", "c", "d", "e"}
	rows := make(dbRows, n)
	for i := range rows {
		text := "Card number " + strings.Repeat("x", i%7) + "Someone2026-11-01"
		rows[i] = dbRow{id: "row", text: text, ends: []uint32{uint32(len(text) - 17), uint32(len(text) - 17), uint32(len(text) - 10), uint32(len(text))}, keys: []string{stages[i%5]}}
	}
	v.rows = rows
	v.brd.rebuild(v.rows, nil)
	v.SetSize(120, 33)
	return v
}

// messages runs a command and the commands it batches, and returns their
// messages (commands that wait on something would block: only for
// commands known to finish).
func messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, messages(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func TestThePickerAndChooserFitSmallTerminals(t *testing.T) {
	t.Parallel()
	f := newTasksFixture(t)
	v := f.v
	f.load()
	all := make([]notionapi.View, 0, len(f.views))
	for _, name := range []string{"Table", "Open work", "Board"} {
		all = append(all, f.views[name])
	}
	v.set().notion, v.set().listed = all, true
	v.SetSize(60, 12) // a 60×15 terminal
	press(v, "v")
	screen := ansi.Strip(v.View())
	for _, name := range []string{"All rows", "Table", "Open work", "Board"} {
		if !strings.Contains(screen, name) {
			t.Errorf("the picker at 60×15 leaves out %q:\n%s", name, screen)
		}
	}
	press(v, "esc", "C")
	screen = ansi.Strip(v.View())
	if !strings.Contains(screen, "17 of 17 shown") || !strings.Contains(screen, "more") {
		t.Errorf("the chooser at 60×15 does not say what is below:\n%s", screen)
	}
	for i, l := range strings.Split(screen, "\n") {
		if w := ansi.StringWidth(l); w > 60 || i >= 12 {
			t.Errorf("line %d (%d wide) does not fit 60×12: %q", i, w, l)
		}
	}
}

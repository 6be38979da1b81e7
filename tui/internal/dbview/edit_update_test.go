package dbview

// Update tests of editing in place: a view over the sandbox's Tasks, keys
// given to Update, and the commands run by hand, their answers fed back.

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/edit"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// editFixture is a database view of the sandbox's Tasks, its rows loaded,
// the update capability known, and someone else's client.
type editFixture struct {
	srv   *notiontest.Server
	v     *dbView
	other *notionapi.Client
	msgs  chan tea.Msg
}

func newEditFixture(t *testing.T) *editFixture {
	t.Helper()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	client := uitest.NewClient(t, srv.URL(), notiontest.TokenFull, notionapi.DefaultVersion, notionapi.Hooks{})
	other := uitest.NewClient(t, srv.URL(), notiontest.TokenFull, notionapi.DefaultVersion, notionapi.Hooks{})
	ctx := context.Background()
	ds, err := client.GetDataSource(ctx, notiontest.DataSourceTasks)
	if err != nil {
		t.Fatal(err)
	}
	c := &ui.Common{Ctx: ctx, Conn: &ui.Connection{Client: client}, Styles: styles.New(true, false), Cache: ui.NewCache(), Now: time.Now}
	edit.UpdateProbe.Put(c.Cache, guide.Probe{Capability: guide.CapUpdateContent, State: guide.StateOK})
	v := newDatabaseView(c, ds, "")
	res, err := client.Query(ctx, ds.ID, notionapi.QueryParams{PageSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Results {
		v.rows = append(v.rows, newDBRow(&res.Results[i], v.cols, nil))
	}
	v.table.SetData(v.rows)
	v.SetSize(120, 33)
	srv.ResetRequests()
	return &editFixture{srv: srv, v: v, other: other, msgs: make(chan tea.Msg, 256)}
}

// focus moves the cell cursor to the column of a property.
func (f *editFixture) focus(t *testing.T, name string) int {
	t.Helper()
	col := f.v.colOf(name)
	if col < 0 {
		t.Fatalf("no column %s", name)
	}
	f.v.table.SetCol(col)
	return col
}

// start runs a command in the background; its messages (a batch's one by
// one) arrive on f.msgs. Commands that wait (a caret's blink, a spinner's
// tick) never hold the test: it waits only for the message it needs.
func (f *editFixture) start(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				f.start(c)
			}
			return
		}
		f.msgs <- msg
	}()
}

// await runs cmd and waits among the messages it leads to for a T,
// which it returns.
func await[T tea.Msg](t *testing.T, f *editFixture, cmd tea.Cmd) T {
	t.Helper()
	var zero T
	msg := awaitFunc(t, f, cmd, fmt.Sprintf("%T", zero), func(msg tea.Msg) bool { _, ok := msg.(T); return ok })
	return msg.(T)
}

// awaitBulk waits for a bulk change's next message.
func awaitBulk(t *testing.T, f *editFixture, cmd tea.Cmd) tea.Msg {
	t.Helper()
	return awaitFunc(t, f, cmd, "a bulk message", func(msg tea.Msg) bool { _, _, ok := edit.Next(msg); return ok })
}

func awaitFunc(t *testing.T, f *editFixture, cmd tea.Cmd, what string, match func(tea.Msg) bool) tea.Msg {
	t.Helper()
	f.start(cmd)
	deadline := time.After(time.Minute)
	for {
		select {
		case msg := <-f.msgs:
			if match(msg) {
				return msg
			}
		case <-deadline:
			t.Fatalf("no %s within a minute", what)
		}
	}
}

// requests lists the sandbox's requests since the fixture started.
// requests lists the requests sent about the table's rows: the reads of
// related pages' titles (relations drawn by title) are left out.
func (f *editFixture) requests() []string {
	rows := map[string]bool{}
	for _, r := range f.v.rows {
		rows[r.id] = true
	}
	var out []string
	for _, r := range f.srv.Requests() {
		path := strings.SplitN(r.Path, "?", 2)[0]
		if id, ok := strings.CutPrefix(path, "/v1/pages/"); ok && r.Method == "GET" && !rows[id] {
			continue
		}
		out = append(out, r.Method+" "+path)
	}
	return out
}

// flash runs cmd and returns the flash message it (or one command of its
// batch) brings.
func flash(cmd tea.Cmd) (ui.FlashMsg, bool) {
	if cmd == nil {
		return ui.FlashMsg{}, false
	}
	switch msg := cmd().(type) {
	case ui.FlashMsg:
		return msg, true
	case tea.BatchMsg:
		for _, c := range msg {
			if m, ok := flash(c); ok {
				return m, true
			}
		}
	}
	return ui.FlashMsg{}, false
}

func (f *editFixture) get(t *testing.T, id string) *notionapi.Page {
	t.Helper()
	pg, err := f.other.GetPage(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return pg
}

// TestEditACellShowsItAtOnceAndSavesIt: e opens the focused cell's
// editor; enter shows the new value in the same frame, marked as being
// saved; the check and the update are the only requests; u puts it back.
func TestEditACellShowsItAtOnceAndSavesIt(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t)
	v := f.v
	col := f.focus(t, "Priority")
	v.table.SetCursor(2)
	row := v.rows[2]
	was := row.cell(col)
	want := "P0 Critical"
	if was == want {
		want = "P3 Low"
	}
	press(v, "e")
	if v.ed.editor == nil || !v.Capturing() {
		t.Fatal("e did not open the editor")
	}
	typeText(v, want)
	cmd := press(v, "enter")
	if v.ed.editor != nil {
		t.Fatal("enter did not close the editor")
	}
	if got := v.rows[2].cell(col); got != want {
		t.Errorf("the cell shows %q before the answer, want %q", got, want)
	}
	if v.cellMark(2, col) != widgets.MarkSaving || !strings.Contains(ansi.Strip(v.View()), "saving 1 change") {
		t.Errorf("the cell is not marked as being saved:\n%s", v.View())
	}
	d := await[edit.DoneMsg](t, f, cmd)
	// The answer may also ask for related titles that came into view,
	// as a batch: flash finds the flash in it.
	_, cmd = v.Update(d)
	if d.Status != edit.Saved || v.cellMark(2, col) != widgets.MarkNone || v.rows[2].cell(col) != want {
		t.Fatalf("after the answer: %+v, cell %q", d, v.rows[2].cell(col))
	}
	if msg, ok := flash(cmd); !ok || !strings.Contains(msg.Text, "Saved Priority of") || !strings.Contains(msg.Text, "u undoes") {
		t.Errorf("flash %+v", msg)
	}
	if got, wantReq := f.requests(), []string{"GET /v1/pages/" + row.id, "PATCH /v1/pages/" + row.id}; !slices.Equal(got, wantReq) {
		t.Errorf("requests %v, want %v", got, wantReq)
	}
	if got := notionapi.Cell(f.get(t, row.id).Properties["Priority"]); got != want {
		t.Errorf("Notion holds %q", got)
	}
	// u: the old value at once, then saved.
	cmd = press(v, "u")
	if got := v.rows[2].cell(col); got != was {
		t.Errorf("undo shows %q, want %q", got, was)
	}
	d = await[edit.DoneMsg](t, f, cmd)
	v.Update(d)
	if d.Status != edit.Saved || notionapi.Cell(f.get(t, row.id).Properties["Priority"]) != was {
		t.Errorf("undo: %+v", d)
	}
}

// TestAConflictKeepsWhatWasTyped: someone changes the cell while it is
// being edited; the check shows both values; keeping theirs sends
// nothing, shows their value, and e offers the typed text again.
func TestAConflictKeepsWhatWasTyped(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t)
	v := f.v
	col := f.focus(t, "Task")
	v.table.SetCursor(1)
	id := v.rows[1].id
	press(v, "e")
	press(v, "ctrl+u") // clear the line
	typeText(v, "Mine, typed with care")
	if _, err := f.other.UpdatePage(context.Background(), id, notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{
		"Task": notionapi.TitleValue("Theirs"),
	}}); err != nil {
		t.Fatal(err)
	}
	f.srv.ResetRequests()
	c := await[edit.ConflictMsg](t, f, press(v, "enter"))
	v.Update(c)
	view := ansi.Strip(v.View())
	for _, want := range []string{"Changed in Notion since you loaded it", "Theirs", "Mine, typed with care", "y save mine anyway"} {
		if !strings.Contains(view, want) {
			t.Errorf("the conflict lacks %q:\n%s", want, view)
		}
	}
	if !v.Capturing() {
		t.Error("the conflict does not hold the keys")
	}
	d := await[edit.DoneMsg](t, f, press(v, "n"))
	v.Update(d)
	if d.Status != edit.Kept || v.rows[1].cell(col) != "Theirs" || v.cellMark(1, col) != widgets.MarkNone {
		t.Errorf("keep theirs: %+v, cell %q", d, v.rows[1].cell(col))
	}
	if got := f.requests(); len(got) != 1 || !strings.HasPrefix(got[0], "GET ") {
		t.Errorf("requests %v: only the check was wanted", got)
	}
	press(v, "e")
	if v.ed.editor == nil || v.ed.editor.Text() != "Mine, typed with care" {
		t.Fatalf("the typed text is not offered again: %+v", v.ed.editor)
	}
	// Theirs is what the table shows now: saving the text again is no
	// conflict, and it is saved.
	d = await[edit.DoneMsg](t, f, press(v, "enter"))
	v.Update(d)
	if d.Status != edit.Saved || notionapi.Cell(f.get(t, id).Properties["Task"]) != "Mine, typed with care" {
		t.Errorf("saved after keeping theirs: %+v", d)
	}
	if _, ok := v.ed.drafts[cellKey{id, col}]; ok {
		t.Error("the draft outlived its save")
	}
}

// TestARefusedEditIsRolledBackOnItsCell: a validation_error puts the old
// value back, marks the cell it names, says why in the footer, and e
// offers what was typed again.
func TestARefusedEditIsRolledBackOnItsCell(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t)
	v := f.v
	col := f.focus(t, "Estimate")
	v.table.SetCursor(0)
	was := v.rows[0].cell(col)
	f.srv.InjectFault(notiontest.Fault{Method: "PATCH", Path: "/v1/pages/", Status: 400, ContentType: "application/json",
		Body: `{"object":"error","status":400,"code":"validation_error","message":"body failed validation: body.properties.Estimate.number should be ≤ ` + "`1000`" + `, instead was ` + "`4242`" + `."}`})
	press(v, "e")
	press(v, "ctrl+u")
	typeText(v, "4242")
	d := await[edit.DoneMsg](t, f, press(v, "enter"))
	v.Update(d)
	if d.Status != edit.Failed || d.Field != "Estimate" {
		t.Fatalf("done %+v", d)
	}
	if got := v.rows[0].cell(col); got != was || v.cellMark(0, col) != widgets.MarkFailed {
		t.Errorf("the cell shows %q (mark %d), want %q marked refused", got, v.cellMark(0, col), was)
	}
	if s := ansi.Strip(v.View()); !strings.Contains(s, "✗ not saved: body failed validation") {
		t.Errorf("the footer does not say why:\n%s", s)
	}
	press(v, "e")
	if v.ed.editor == nil || v.ed.editor.Text() != "4242" {
		t.Fatalf("what was typed is not offered again")
	}
}

// TestReadOnlyCellsSayWhy: a formula cannot be edited, and nothing opens.
func TestReadOnlyCellsSayWhy(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t)
	v := f.v
	f.focus(t, "Overdue")
	cmd := press(v, "e")
	if v.ed.editor != nil {
		t.Fatal("an editor opened on a formula")
	}
	if msg, ok := flash(cmd); !ok || !strings.Contains(msg.Text, "Overdue cannot be edited") {
		t.Errorf("flash %+v", msg)
	}
}

// TestACheckboxTogglesInOneKey: e flips a checkbox without an editor.
func TestACheckboxTogglesInOneKey(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t)
	v := f.v
	col := f.focus(t, "Done")
	v.table.SetCursor(3)
	was := v.rows[3].cell(col)
	cmd := press(v, "e")
	if v.ed.editor != nil || v.rows[3].cell(col) == was {
		t.Fatalf("e did not flip the checkbox at once: %q", v.rows[3].cell(col))
	}
	d := await[edit.DoneMsg](t, f, cmd)
	v.Update(d)
	if d.Status != edit.Saved || notionapi.Cell(f.get(t, v.rows[3].id).Properties["Done"]) == was {
		t.Errorf("toggle: %+v", d)
	}
}

// TestTrashAndUndo: d asks; y takes the row out at once; u puts it back
// where it was.
func TestTrashAndUndo(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t)
	v := f.v
	v.table.SetCursor(4)
	id, n := v.rows[4].id, len(v.rows)
	press(v, "d")
	if v.ed.confirm == nil || !strings.Contains(ansi.Strip(v.View()), "to the trash?") {
		t.Fatal("D did not ask")
	}
	press(v, "n")
	if v.ed.confirm != nil || len(v.rows) != n {
		t.Fatal("n did not cancel")
	}
	press(v, "d")
	cmd := press(v, "y")
	if len(v.rows) != n-1 || v.rowIndex(id) >= 0 {
		t.Fatal("the row did not leave the table at once")
	}
	d := await[edit.DoneMsg](t, f, cmd)
	v.Update(d)
	if d.Status != edit.Saved || !f.get(t, id).Trashed() {
		t.Fatalf("trash: %+v", d)
	}
	d = await[edit.DoneMsg](t, f, press(v, "u"))
	v.Update(d)
	if d.Status != edit.Saved || f.get(t, id).Trashed() || v.rowIndex(id) != 4 {
		t.Errorf("restore: %+v, row at %d", d, v.rowIndex(id))
	}
}

// TestBulkChangeOfMarkedRowsAndItsUndo: space marks rows, e sets the focused
// column on them all (after asking, above a few), with progress; u puts
// every row back.
func TestBulkChangeOfMarkedRowsAndItsUndo(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t)
	v := f.v
	col := f.focus(t, "Priority")
	v.table.SetCursor(0)
	press(v, "space", "space", "space", "space", "space")
	if len(v.ed.marks) != 5 || !strings.Contains(ansi.Strip(v.View()), "5 rows marked") {
		t.Fatalf("marks: %d", len(v.ed.marks))
	}
	before, changed := map[string]string{}, 0
	for _, i := range v.markedRows() {
		before[v.rows[i].id] = v.rows[i].cell(col)
		if v.rows[i].cell(col) != "P3 Low" {
			changed++
		}
	}
	press(v, "e")
	typeText(v, "P3 Low")
	press(v, "enter")
	if v.ed.confirm == nil || !strings.Contains(ansi.Strip(v.View()), "on 5 rows?") {
		t.Fatalf("five rows changed without asking:\n%s", ansi.Strip(v.View()))
	}
	cmd := press(v, "y")
	for _, i := range v.markedRows() {
		if v.rows[i].cell(col) != "P3 Low" {
			t.Errorf("row %d does not show the new value at once", i)
		}
	}
	if v.ed.bulk == nil {
		t.Fatal("no progress")
	}
	for v.ed.bulk != nil {
		b := awaitBulk(t, f, cmd)
		_, cmd = v.Update(b)
		if v.ed.bulk != nil && !strings.Contains(ansi.Strip(v.View()), "Priority on 5 rows: ") {
			t.Errorf("no progress in the footer:\n%s", ansi.Strip(v.View()))
		}
	}
	if msg := await[ui.FlashMsg](t, f, cmd); !strings.Contains(msg.Text, "5 of 5 done") {
		t.Errorf("summary %q", msg.Text)
	}
	for id := range before {
		if got := notionapi.Cell(f.get(t, id).Properties["Priority"]); got != "P3 Low" {
			t.Errorf("%s holds %q", id, got)
		}
	}
	cmd = press(v, "u")
	for v.ed.bulk != nil {
		b := awaitBulk(t, f, cmd)
		_, cmd = v.Update(b)
	}
	// Rows that held the value already were not changed, nor put back.
	if msg := await[ui.FlashMsg](t, f, cmd); !strings.Contains(msg.Text, fmt.Sprintf("%d of %d rows", changed, changed)) {
		t.Errorf("undo summary %q", msg.Text)
	}
	for id, was := range before {
		if got := notionapi.Cell(f.get(t, id).Properties["Priority"]); got != was {
			t.Errorf("undo: %s holds %q, want %q", id, got, was)
		}
		if got := v.rows[v.rowIndex(id)].cell(col); got != was {
			t.Errorf("undo: the table shows %q, want %q", got, was)
		}
	}
}

// TestAPeopleCellWithoutTheUsersList: a people editor opened while the
// users list is on its way waits for it; when the list is refused it takes
// user IDs and says why, rather than search for ever, and so does one
// opened afterwards.
func TestAPeopleCellWithoutTheUsersList(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t)
	v := f.v
	f.focus(t, "Assignee")
	v.table.SetCursor(0)
	press(v, "e")
	if v.ed.editor == nil || !strings.Contains(ansi.Strip(v.View()), "searching…") {
		t.Fatalf("the editor does not wait for the users list:\n%s", ansi.Strip(v.View()))
	}
	refused := &notionapi.APIError{Status: http.StatusForbidden, Code: "restricted_resource", Method: "GET", Path: "/v1/users"}
	v.Update(ui.UsersMsg{Req: v.id, Err: refused})
	flat := func() string { return strings.Join(strings.Fields(ansi.Strip(v.View())), " ") }
	// The current value as IDs, editable; emptied, the field says why.
	if s := flat(); strings.Contains(s, "searching…") || !strings.Contains(s, "→ user ") {
		t.Fatalf("after the refusal, the editor:\n%s", ansi.Strip(v.View()))
	}
	press(v, "ctrl+u")
	if s := flat(); !strings.Contains(s, "user IDs: the users list, which names and e-mails need, cannot be read (") {
		t.Fatalf("the empty field does not say why:\n%s", ansi.Strip(v.View()))
	}
	typeText(v, notiontest.UserLukasNovak)
	d := await[edit.DoneMsg](t, f, press(v, "enter"))
	v.Update(d)
	if d.Status != edit.Saved {
		t.Fatalf("saving a user ID: %+v", d)
	}
	if got := f.get(t, v.rows[0].id).Properties["Assignee"].People; len(got) != 1 || got[0].ID != notiontest.UserLukasNovak {
		t.Errorf("Assignee = %+v", got)
	}
	// Opened after the refusal: user IDs at once.
	press(v, "e")
	if s := flat(); v.ed.editor == nil || strings.Contains(s, "searching…") || !strings.Contains(s, "→ user 056e09f5") {
		t.Errorf("an editor opened after the refusal:\n%s", ansi.Strip(v.View()))
	}
}

// TestARowRetitledKeepsWhatItsCellsStandFor: when related pages' titles
// arrive, a row is drawn again with them; it keeps the user and page IDs
// and file links its cells stand for, which an edit starts from (a people
// editor opened on it showed no one).
func TestARowRetitledKeepsWhatItsCellsStandFor(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t)
	v := f.v
	people, project := v.colOf("Assignee"), v.colOf("Project")
	i := slices.IndexFunc(v.rows, func(r dbRow) bool { return len(r.refs.of(people)) > 0 && len(r.refs.of(project)) > 0 })
	if i < 0 {
		t.Fatal("no row with both an assignee and a project")
	}
	before := v.rows[i]
	titles := notionapi.NewTitles(nil)
	titles.LearnTitle(notionapi.PageTitle{ID: before.refs.of(project)[0], Title: "Billing v2"})
	after := before.retitled(titles)
	if !strings.Contains(after.cell(project), "Billing v2") {
		t.Fatalf("the relation was not drawn by title: %q", after.cell(project))
	}
	for _, col := range []int{people, project} {
		if !slices.Equal(after.refs.of(col), before.refs.of(col)) {
			t.Errorf("column %d stands for %v after, %v before", col, after.refs.of(col), before.refs.of(col))
		}
	}
	v.rows[i] = after
	if got := v.loadedValue(&v.rows[i], people).People; len(got) == 0 || got[0].ID != before.refs.of(people)[0] {
		t.Errorf("the people editor would start from %v", got)
	}
}

// TestARelationEditorNamesTheRelatedPages: the editor of a relation cell
// shows its pages by the titles the table knows, not by their IDs.
func TestARelationEditorNamesTheRelatedPages(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t)
	v := f.v
	col := f.focus(t, "Project")
	i := slices.IndexFunc(v.rows, func(r dbRow) bool { return len(r.refs.of(col)) > 0 })
	if i < 0 {
		t.Fatal("no row with a project")
	}
	id := v.rows[i].refs.of(col)[0]
	v.c.Titles().LearnTitle(notionapi.PageTitle{ID: id, Title: "Known Project Title"})
	v.table.SetCursor(i)
	press(v, "e")
	s := ansi.Strip(v.View())
	if v.ed.editor == nil || !strings.Contains(s, "│ Known Project Title") || strings.Contains(s, "│ "+widgets.ShortID(id)) {
		t.Errorf("the relation editor does not name its page:\n%s", s)
	}
}

// TestARelationEditIsNoConflictWithItsOwnTitles: a relation cell drawn by
// title is saved without a false "changed in Notion" (the check draws the
// page's value by ID), and shows its pages by title after.
func TestARelationEditIsNoConflictWithItsOwnTitles(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t)
	v := f.v
	col := f.focus(t, "Project")
	i := slices.IndexFunc(v.rows, func(r dbRow) bool { return len(r.refs.of(col)) == 1 })
	if i < 0 {
		t.Fatal("no row with one project")
	}
	id := v.rows[i].refs.of(col)[0]
	v.c.Titles().LearnTitle(notionapi.PageTitle{ID: id, Title: "Known Project Title"})
	v.rows[i] = v.rows[i].retitled(v.c.Titles()) // as the table draws it
	if v.rows[i].cell(col) != "Known Project Title" {
		t.Fatalf("the cell is %q", v.rows[i].cell(col))
	}
	// The page related, and another project (as the editor's picker
	// would give).
	j := slices.IndexFunc(v.rows, func(r dbRow) bool { return len(r.refs.of(col)) > 0 && r.refs.of(col)[0] != id })
	if j < 0 {
		t.Fatal("no row with another project")
	}
	other := notionapi.ObjectRef{ID: v.rows[j].refs.of(col)[0]}
	value := notionapi.PropertyValue{Type: notionapi.PropRelation, Relation: []notionapi.ObjectRef{{ID: id}, other}}
	msg := awaitFunc(t, f, v.beginCell(i, col, value, ""), "the save's end", func(m tea.Msg) bool {
		switch m.(type) {
		case edit.DoneMsg, edit.ConflictMsg:
			return true
		}
		return false
	})
	d, ok := msg.(edit.DoneMsg)
	if !ok || d.Status != edit.Saved {
		t.Fatalf("the save ended with %#v", msg)
	}
	v.Update(d)
	if got := v.rows[i].cell(col); !strings.HasPrefix(got, "Known Project Title, ") {
		t.Errorf("after saving, the cell shows %q", got)
	}
}

package preview

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/pageedit"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/edit"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// editFixture is a preview of a task of the sandbox, its page loaded,
// the update capability known.
type editFixture struct {
	srv   *notiontest.Server
	p     *pagePreview
	other *notionapi.Client
	msgs  chan tea.Msg
}

func newEditFixture(t *testing.T, schema bool) *editFixture {
	t.Helper()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	client := uitest.NewClient(t, srv.URL(), notiontest.TokenFull, notionapi.DefaultVersion, notionapi.Hooks{})
	ctx := context.Background()
	res, err := client.Query(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	var sc notionapi.Schema
	if schema {
		ds, err := client.GetDataSource(ctx, notiontest.DataSourceTasks)
		if err != nil {
			t.Fatal(err)
		}
		sc = ds.Properties.Ordered()
	}
	c := &ui.Common{Ctx: ctx, Conn: &ui.Connection{Client: client}, Styles: styles.New(true, false), Cache: ui.NewCache(), Now: time.Now}
	edit.UpdateProbe.Put(c.Cache, guide.Probe{Capability: guide.CapUpdateContent, State: guide.StateOK})
	p := newPagePreview(c, res.Results[0].ID, sc)
	p.page = &res.Results[0]
	p.blocks = []blockNode{}
	p.SetSize(100, 30)
	srv.ResetRequests()
	return &editFixture{srv: srv, p: p, other: client, msgs: make(chan tea.Msg, 256)}
}

func (f *editFixture) press(keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		_, cmd = f.p.Update(uitest.Key(k))
	}
	return cmd
}

func (f *editFixture) typeText(s string) {
	for _, k := range uitest.Text(s) {
		f.p.Update(k)
	}
}

// start runs a command in the background, a batch's commands one by one;
// their messages arrive on f.msgs.
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

// await runs cmd and waits among the messages it leads to for a T.
func await[T tea.Msg](t *testing.T, f *editFixture, cmd tea.Cmd) T {
	t.Helper()
	f.start(cmd)
	deadline := time.After(time.Minute)
	for {
		select {
		case msg := <-f.msgs:
			if m, ok := msg.(T); ok {
				return m
			}
		case <-deadline:
			var zero T
			t.Fatalf("no %T within a minute", zero)
		}
	}
}

func (f *editFixture) requests() []string {
	var out []string
	for _, r := range f.srv.Requests() {
		out = append(out, r.Method+" "+strings.SplitN(r.Path, "?", 2)[0])
	}
	return out
}

// TestEditAPropertyFromThePreview: e lists the properties, enter edits
// one; the page shows the new value at once; the check and the update are
// the only requests; u puts it back.
func TestEditAPropertyFromThePreview(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t, true)
	p := f.p
	id := p.pageID
	was := notionapi.Cell(p.page.Properties["Priority"])
	want := "P0 Critical"
	if was == want {
		want = "P3 Low"
	}
	f.press("e")
	if p.ed.pick == nil || !p.Capturing() || !strings.Contains(ansi.Strip(p.View()), "Edit which property?") {
		t.Fatalf("e did not list the properties:\n%s", ansi.Strip(p.View()))
	}
	f.typeText("prior")
	f.press("enter")
	if p.ed.editor == nil || p.ed.editor.Property().Name != "Priority" {
		t.Fatal("enter did not open Priority's editor")
	}
	f.typeText(want)
	cmd := f.press("enter")
	if got := notionapi.Cell(p.page.Properties["Priority"]); got != want {
		t.Errorf("the preview shows %q before the answer, want %q", got, want)
	}
	if !strings.Contains(ansi.Strip(p.View()), "saving…") {
		t.Errorf("not marked as saving:\n%s", ansi.Strip(p.View()))
	}
	d := await[edit.DoneMsg](t, f, cmd)
	p.Update(d)
	if d.Status != edit.Saved || !strings.Contains(ansi.Strip(p.View()), "Saved Priority of") {
		t.Fatalf("done %+v:\n%s", d, ansi.Strip(p.View()))
	}
	if got, wantReq := f.requests(), []string{"GET /v1/pages/" + id, "PATCH /v1/pages/" + id}; !slices.Equal(got, wantReq) {
		t.Errorf("requests %v, want %v", got, wantReq)
	}
	d = await[edit.DoneMsg](t, f, f.press("u"))
	p.Update(d)
	if d.Status != edit.Saved || notionapi.Cell(p.page.Properties["Priority"]) != was {
		t.Errorf("undo: %+v, shows %q", d, notionapi.Cell(p.page.Properties["Priority"]))
	}
}

// TestThePreviewReadsTheSchemaItLacks: opened without a schema (from the
// Pages tab or a link), e reads the data source first, for its options.
func TestThePreviewReadsTheSchemaItLacks(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t, false)
	p := f.p
	m := await[editSchemaMsg](t, f, f.press("e"))
	p.Update(m)
	if p.ed.pick == nil || len(p.schema) == 0 {
		t.Fatalf("no list after the schema arrived (err %v)", m.err)
	}
	if got := f.requests(); len(got) != 1 || !strings.Contains(got[0], "/v1/data_sources/") {
		t.Errorf("requests %v", got)
	}
	f.typeText("status")
	f.press("enter")
	if p.ed.editor == nil || !strings.Contains(ansi.Strip(p.View()), "In review") {
		t.Errorf("the status editor lacks the schema's options:\n%s", ansi.Strip(p.View()))
	}
}

// TestTrashAndRestoreFromThePreview: d asks, y trashes; the page says it
// is in the trash, e refuses, and d restores it.
func TestTrashAndRestoreFromThePreview(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t, true)
	p := f.p
	f.press("d")
	if p.ed.confirm == nil {
		t.Fatal("D did not ask")
	}
	d := await[edit.DoneMsg](t, f, f.press("y"))
	p.Update(d)
	if d.Status != edit.Saved || !p.page.Trashed() || !strings.Contains(ansi.Strip(p.View()), "Moved “") {
		t.Fatalf("trash: %+v\n%s", d, ansi.Strip(p.View()))
	}
	f.press("e")
	if p.ed.pick != nil {
		t.Error("e edits a page in the trash")
	}
	d = await[edit.DoneMsg](t, f, f.press("d"))
	p.Update(d)
	if d.Status != edit.Saved || p.page.Trashed() {
		t.Errorf("restore: %+v", d)
	}
	pg, err := f.other.GetPage(context.Background(), p.pageID)
	if err != nil || pg.Trashed() {
		t.Errorf("Notion: trashed %v, err %v", pg != nil && pg.Trashed(), err)
	}
}

// TestAPreviewShowsAnEditMadeElsewhere: a page read earlier in the
// session and edited since (from the table) opens as the edit left it.
func TestAPreviewShowsAnEditMadeElsewhere(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t, true)
	p := f.p
	loadedPages.Put(p.c.Cache, p.pageID, &pageCache{page: p.page, blocks: p.blocks})
	was := notionapi.Cell(p.page.Properties["Priority"])
	want := "P0 Critical"
	if was == want {
		want = "P3 Low"
	}
	_, cmd := edit.Of(p.c).Begin(p.c, edit.Request{Owner: 99, Schema: p.schema, Label: "Priority",
		Edit: pageedit.FromPage(p.page, map[string]notionapi.PropertyValue{"Priority": notionapi.SelectValue(want)})})
	if d := await[edit.DoneMsg](t, f, cmd); d.Status != edit.Saved {
		t.Fatalf("edit: %+v", d)
	}
	again := newPagePreview(p.c, p.pageID, p.schema)
	again.SetSize(100, 30)
	// Init may read related pages' titles, never the page itself.
	f.srv.ResetRequests()
	runAll(again.Init())
	for _, r := range f.srv.Requests() {
		if strings.Contains(r.Path, strings.ReplaceAll(p.pageID, "-", "")) || strings.Contains(r.Path, p.pageID) {
			t.Errorf("the cached page was read again: %s %s", r.Method, r.Path)
		}
	}
	if got := notionapi.Cell(again.page.Properties["Priority"]); got != want {
		t.Errorf("the preview shows %q, want %q as edited", got, want)
	}
}

// TestAConflictInThePreview: someone changed the property since the
// preview read the page; the check shows both values; keeping theirs
// sends nothing and shows their value.
func TestAConflictInThePreview(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t, true)
	p := f.p
	was := notionapi.Cell(p.page.Properties["Priority"])
	theirs, mine := "P0 Critical", "P1 High"
	if was == theirs || was == mine {
		theirs, mine = "P2 Medium", "P3 Low"
	}
	if _, err := f.other.UpdatePage(context.Background(), p.pageID, notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{
		"Priority": notionapi.SelectValue(theirs),
	}}); err != nil {
		t.Fatal(err)
	}
	f.srv.ResetRequests()
	f.press("e")
	f.typeText("priority")
	f.press("enter")
	f.typeText(mine)
	c := await[edit.ConflictMsg](t, f, f.press("enter"))
	p.Update(c)
	flat := strings.Join(strings.Fields(ansi.Strip(p.View())), " ")
	for _, want := range []string{"Changed in Notion since you loaded it", "you saw " + was, "now " + theirs, "yours " + mine} {
		if !strings.Contains(flat, want) {
			t.Errorf("the conflict lacks %q:\n%s", want, ansi.Strip(p.View()))
		}
	}
	d := await[edit.DoneMsg](t, f, f.press("n"))
	p.Update(d)
	if d.Status != edit.Kept || notionapi.Cell(p.page.Properties["Priority"]) != theirs {
		t.Errorf("keep theirs: %+v, shows %q", d, notionapi.Cell(p.page.Properties["Priority"]))
	}
	if got := f.requests(); len(got) != 1 {
		t.Errorf("requests %v: only the check was wanted", got)
	}
}

// runAll runs a command and every command of its batches, for what they
// send.
func runAll(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if b, ok := cmd().(tea.BatchMsg); ok {
		for _, c := range b {
			runAll(c)
		}
	}
}

// A page outside a database has only its title: e opens its editor, with
// no list of one property to pick from.
func TestEditOfAPageWithOnlyItsTitleOpensTheTitle(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t, false)
	p := f.p
	pg, err := f.other.GetPage(context.Background(), notiontest.PageGettingStarted)
	if err != nil {
		t.Fatal(err)
	}
	if len(pg.Properties) != 1 {
		t.Fatalf("the page has %d properties", len(pg.Properties))
	}
	p.pageID, p.page = pg.ID, pg
	f.press("e")
	if p.ed.pick != nil || p.ed.editor == nil || p.ed.editor.Property().Type != notionapi.PropTitle {
		t.Fatalf("e did not open the title's editor:\n%s", ansi.Strip(p.View()))
	}
}

// TestAPeopleEditorReadsTheUsersList: opened from a preview, with no list
// read by a table before, a people editor reads the users list itself
// rather than search for ever.
func TestAPeopleEditorReadsTheUsersList(t *testing.T) {
	t.Parallel()
	f := newEditFixture(t, true)
	p := f.p
	f.press("e")
	f.typeText("assignee")
	users := await[ui.UsersMsg](t, f, f.press("enter"))
	if p.ed.editor == nil || p.ed.editor.Property().Name != "Assignee" {
		t.Fatal("enter did not open Assignee's editor")
	}
	p.Update(users)
	if s := ansi.Strip(p.View()); strings.Contains(s, "searching…") || !strings.Contains(s, "Maya Chen") {
		t.Errorf("the people editor after the users list came:\n%s", s)
	}
}

package form_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
	"github.com/notion-tui/notion-tui/tui/internal/form"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// formSandbox is the demo workspace on the test clock, so that pages the
// form creates carry the time the form sent them at.
func formSandbox(t *testing.T) *notiontest.Server {
	t.Helper()
	return notiontest.Start(t, notiontest.Options{Rows: 50, Now: func() time.Time { return uitest.Now }})
}

func sandboxClient(t *testing.T, srv *notiontest.Server) *notionapi.Client {
	t.Helper()
	return uitest.NewClient(t, srv.URL(), notiontest.TokenFull, notionapi.DefaultVersion, notionapi.Hooks{})
}

func formDataSource(t *testing.T, srv *notiontest.Server, id string) *notionapi.DataSource {
	t.Helper()
	ds, err := sandboxClient(t, srv).GetDataSource(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// formOpts configure openForm.
type formOpts struct {
	cfg apptest.Config
	// dir is the config folder (drafts); "" means a fresh one.
	dir string
	// insertKnown skips the capability check on opening, as when an
	// earlier form or the wizard checked it.
	insertKnown bool
}

// openForm starts the app with a form for a data source as its screen,
// above a screen that records the pages announced to the database view.
func openForm(t *testing.T, srv *notiontest.Server, dsID string, o formOpts) (*apptest.App, *createdRecorder) {
	t.Helper()
	ds := formDataSource(t, srv, dsID)
	if o.cfg.Token == "" {
		o.cfg.Token = notiontest.TokenFull
	}
	rec := &createdRecorder{ds: ds}
	ta := apptest.StartWith(t, srv, o.cfg, func(c *ui.Common) ui.Screen {
		if o.dir != "" {
			c.ConfigDir = o.dir
		}
		if o.insertKnown {
			ui.InsertProbe.Put(c.Cache, guide.Probe{Capability: guide.CapInsertContent, State: guide.StateOK})
		}
		rec.c = c
		return rec
	})
	ta.Press("n")
	ta.WaitFor("› New page")
	return ta, rec
}

// createdRecorder stands for the database view under the form: n opens
// the form, and it lists the pages ui.PageCreatedMsg announces.
type createdRecorder struct {
	c       *ui.Common
	ds      *notionapi.DataSource
	created []string
}

func (r *createdRecorder) Init() tea.Cmd { return nil }
func (r *createdRecorder) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if msg.String() == "n" {
			r.c.Open(ui.CreatePage{DataSource: r.ds})
			return r, nil
		}
	case ui.PageCreatedMsg:
		if msg.DataSourceID == r.ds.ID {
			r.created = append(r.created, msg.Page.Title())
		}
	}
	return r, nil
}
func (r *createdRecorder) View() string        { return "rows added: " + strings.Join(r.created, ", ") }
func (r *createdRecorder) SetSize(int, int)    {}
func (r *createdRecorder) Title() string       { return r.ds.Title.Plain() }
func (r *createdRecorder) KeyMap() help.KeyMap { return ui.KeyMapOf(nil) }

// waitForText waits for text that the screen may wrap over several
// lines.
func waitForText(ta *apptest.App, text string) string {
	ta.T.Helper()
	want := strings.Join(strings.Fields(text), " ")
	return ta.WaitUntil("the screen to show "+want, func(s string) bool {
		return strings.Contains(strings.Join(strings.Fields(s), " "), want)
	})
}

var reCreatedID = regexp.MustCompile(`ID\s+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`)

// createdPage reads back the page the result screen names.
func createdPage(t *testing.T, ta *apptest.App) *notionapi.Page {
	t.Helper()
	m := reCreatedID.FindStringSubmatch(ta.WaitFor("✓ Created"))
	if m == nil {
		t.Fatalf("no page ID on the result:\n%s", ta.Screen())
	}
	pg, err := sandboxClient(t, ta.Srv).GetPage(context.Background(), m[1])
	if err != nil {
		t.Fatal(err)
	}
	return pg
}

// creates counts the POST /v1/pages requests that carried a parent (the
// capability check sends none).
func creates(srv *notiontest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == "POST" && r.Path == "/v1/pages" && strings.Contains(string(r.Body), `"parent":{"type"`) {
			n++
		}
	}
	return n
}

// TestFormFillsEveryTypeAndCreates types a value for every kind of
// property of Tasks, submits, reads the page back from the sandbox and
// compares it with what was typed; the database view hears of the row.
func TestFormFillsEveryTypeAndCreates(t *testing.T) {
	t.Parallel()
	srv := formSandbox(t)
	ta, rec := openForm(t, srv, notiontest.DataSourceTasks, formOpts{})
	before := srv.PageCount(notiontest.DataSourceTasks)

	ta.Type("Write the form")         // Task
	ta.Press("tab", "enter")          // Status: open the list
	ta.Type("review")                 //   filter
	ta.Press("enter", "tab")          //   In review
	ta.Type("p1")                     // Priority: typing opens the list
	ta.Press("enter", "tab", "enter") //   P1 High; Assignee: open
	ta.WaitFor("Maya Chen")           //   the users list
	ta.Type("jonas")                  //
	ta.Press("enter", "esc", "tab")   //   Jonas Weber
	ta.Type("2026-12-01 14:30")       // Due
	ta.WaitFor("→ Tue 1 Dec 2026 14:30 +00:00")
	ta.Press("tab", "space", "tab")    // Done
	ta.Type("2.5")                     // Estimate
	ta.Press("tab", "enter")           // Project: search
	ta.WaitFor("Internationalization") //   recently edited first
	ta.Type("billing")                 //
	ta.WaitGone("Internationalization")
	ta.WaitFor("Billing v2")
	ta.Press("enter", "esc", "tab") //   Billing v2
	ta.Type("ops@northwind.example")
	ta.Press("tab")
	ta.Type("+1 415 555 0100")
	ta.Press("tab")
	ta.Paste("# Plan\n- [ ] call the bank\n\n**Soon**.")
	ta.WaitFor("→ 3 blocks of content")
	ta.Press("ctrl+s")

	pg := createdPage(t, ta)
	want := map[string]string{
		"Task": "Write the form", "Status": "In review", "Priority": "P1 High", "Assignee": "Jonas Weber",
		"Due": "2026-12-01 14:30", "Done": "true", "Estimate": "2.5",
		"Contact": "ops@northwind.example", "Phone": "+1 415 555 0100",
	}
	for name, w := range want {
		if got := notionapi.Cell(pg.Properties[name]); got != w {
			t.Errorf("%s read back as %q, want %q", name, got, w)
		}
	}
	rel := pg.Properties["Project"].Relation
	if len(rel) != 1 {
		t.Fatalf("Project = %+v", rel)
	}
	if p, err := sandboxClient(t, srv).GetPage(context.Background(), rel[0].ID); err != nil || p.Title() != "Billing v2" {
		t.Errorf("Project points to %v, %v", p, err)
	}
	blocks, _ := srv.BlockChildren(pg.ID, "")
	if len(blocks) != 3 || blocks[0]["type"] != "heading_1" || blocks[1]["type"] != "to_do" || blocks[2]["type"] != "paragraph" {
		t.Errorf("content read back: %v", blocks)
	}
	if srv.PageCount(notiontest.DataSourceTasks) != before+1 || creates(srv) != 1 {
		t.Errorf("%d creates, pages %d → %d", creates(srv), before, srv.PageCount(notiontest.DataSourceTasks))
	}
	if s := ta.WaitFor(pg.URL); !strings.Contains(s, "In review") {
		t.Errorf("the result does not show the values:\n%s", s)
	}
	ta.Press("o")
	ta.WaitUntil("the page to open", func(string) bool { return len(ta.OpenedURLs()) == 1 })
	if ta.OpenedURLs()[0] != pg.URL {
		t.Errorf("o opened %q", ta.OpenedURLs())
	}
	ta.Press("esc")
	ta.WaitFor("rows added: Write the form")
	if len(rec.created) != 1 {
		t.Errorf("ui.PageCreatedMsg came %d times", len(rec.created))
	}
}

// TestFormValidatesBeforeSending shows every problem next to its field
// and sends nothing until they are fixed.
func TestFormValidatesBeforeSending(t *testing.T) {
	t.Parallel()
	srv := formSandbox(t)
	ta, _ := openForm(t, srv, notiontest.DataSourceReadingList, formOpts{insertKnown: true})
	ta.Press("tab", "tab", "tab") // Pages
	ta.Type("1,5")                //
	ta.Press("tab", "tab", "tab") // Started (past Rating and Tags)
	ta.Type("2026-13-01")         //
	ta.Press("tab", "tab", "tab") // Link (past Finished, Recommended)
	ta.Type("not a link")         //
	ta.Press("ctrl+s")            //
	s := ta.WaitFor("4 values need fixing; nothing was sent")
	for _, want := range []string{
		"✗ a title is required",
		"✗ commas may only group thousands (1,234.5); use a dot for decimals, like 3.5",
		"✗ 2026-13-01 is not a calendar date (year-month-day)",
		"✗ a link has no spaces",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen lacks %q:\n%s", want, s)
		}
	}
	if creates(srv) != 0 {
		t.Fatal("a create was sent")
	}
	// The title has the focus; a value fixed clears its error at once.
	ta.Type("Dune")
	ta.WaitGone("✗ a title is required")
	ta.Press("tab", "tab", "tab")
	ta.Press("ctrl+u")
	ta.Type("1,500")
	ta.WaitFor("→ 1500")
	ta.WaitGone("commas may only group")
}

// TestFormMapsNotionsValidationError restores a draft whose relation
// points at a page Notion refuses (a task, not a project): only Notion can
// tell, and its message lands next to the field.
func TestFormMapsNotionsValidationError(t *testing.T) {
	t.Parallel()
	srv := formSandbox(t)
	task, err := sandboxClient(t, srv).Query(context.Background(), notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	dir := apptest.TempDir(t)
	if err := form.WriteDraft(dir, form.Draft{
		DataSourceID: notiontest.DataSourceTasks, Saved: uitest.Now.Add(-time.Hour),
		Values: map[string]string{"Task": "Plan the launch", "Project": task.Results[0].ID},
		Labels: map[string]string{task.Results[0].ID: "a stale pick"},
	}); err != nil {
		t.Fatal(err)
	}
	ta, _ := openForm(t, srv, notiontest.DataSourceTasks, formOpts{dir: dir, insertKnown: true})
	ta.WaitFor("A draft from Mon 2 Nov 09:00 (2 values) is saved for Tasks.")
	ta.Press("y")
	ta.WaitFor("a stale pick")
	ta.Press("ctrl+s")
	waitForText(ta, `✗ Notion refused it: Relation "Project" can only point to pages of "Projects"`)
	s := ta.WaitFor("Notion refused Project; nothing was created")
	if !strings.Contains(s, "▌ Project") {
		t.Errorf("the error is not by its field, with the focus:\n%s", s)
	}
	if !strings.Contains(s, "Plan the launch") {
		t.Error("the title was lost")
	}
}

// TestFormReadOnlyIntegration opens the form with a token that may not
// create pages: the guided fix shows before anything is typed, and a
// submit that Notion refuses keeps every value.
func TestFormReadOnlyIntegration(t *testing.T) {
	t.Parallel()
	srv := formSandbox(t)
	before := srv.PageCount(notiontest.DataSourceTasks)
	ta, _ := openForm(t, srv, notiontest.DataSourceTasks, formOpts{cfg: apptest.Config{Token: notiontest.TokenReadOnly}})
	ta.WaitFor("The connection lacks the “Insert content” capability (403)")
	ta.WaitFor("notion-tui sent this request") // the probe's, a check
	ta.Press("esc")
	s := ta.WaitFor("This connection cannot create pages")
	if !strings.Contains(s, "▌ Task *") {
		t.Errorf("the form is not ready to type in:\n%s", s)
	}
	ta.Type("Kept value")
	ta.Press("tab", "enter", "down", "enter")
	ta.Press("ctrl+s")
	if s = ta.WaitFor("The connection lacks the “Insert content” capability (403)"); strings.Contains(s, "notion-tui sent this request") {
		t.Errorf("the create's own refusal is told as a check:\n%s", s)
	}
	ta.Press("esc")
	s = ta.WaitFor("Kept value")
	if !strings.Contains(s, "● Not started") {
		t.Errorf("values lost after the 403:\n%s", s)
	}
	if creates(srv) != 1 || srv.PageCount(notiontest.DataSourceTasks) != before {
		t.Errorf("%d creates sent, pages %d → %d", creates(srv), before, srv.PageCount(notiontest.DataSourceTasks))
	}
}

// TestFormRefusedSubmitWithoutProbe covers a server whose capability check
// could not tell: the first submit's 403 shows the fix, values kept.
func TestFormRefusedSubmitWithoutProbe(t *testing.T) {
	t.Parallel()
	srv := formSandbox(t)
	srv.InjectFault(notiontest.Fault{Method: "POST", Path: "/v1/pages", Status: 502}) // the probe cannot tell
	ta, _ := openForm(t, srv, notiontest.DataSourceTasks, formOpts{cfg: apptest.Config{Token: notiontest.TokenReadOnly}})
	ta.Type("Kept value")
	ta.Press("ctrl+s")
	ta.WaitFor("The connection lacks the “Insert content” capability (403)")
	ta.Press("esc")
	ta.WaitFor("This connection cannot create pages")
	ta.WaitFor("Kept value")
}

// TestFormLostAnswers injects failures on the create and checks that the
// form never sends a page twice, keeps the values, and ends with exactly
// one page.
func TestFormLostAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		faults []notiontest.Fault
		// steps after the first send, with what to wait for before each.
		steps  [][2]string
		result string
		sends  int
	}{{
		name:   "500 after saving",
		faults: []notiontest.Fault{{Method: "POST", Path: "/v1/pages", Status: 500, AfterCommit: true}},
		result: "Notion's answer was lost (Notion answered 500 internal_server_error), but the page was created; it was not sent again.",
		sends:  1,
	}, {
		name:   "connection dropped after saving",
		faults: []notiontest.Fault{{Method: "POST", Path: "/v1/pages", Drop: true, AfterCommit: true}},
		result: "Notion's answer was lost (the connection was closed before an answer arrived), but the page was created",
		sends:  1,
	}, {
		name:   "500 before saving",
		faults: []notiontest.Fault{{Method: "POST", Path: "/v1/pages", Status: 500}},
		steps: [][2]string{{"✗ The page was not created: Notion answered 500 internal_server_error, and Tasks has no page titled " +
			"“Call the bank” created since 09:59. Every value is kept.", "ctrl+s"}},
		sends: 2,
	}, {
		name: "the check fails too",
		faults: []notiontest.Fault{
			{Method: "POST", Path: "/v1/pages", Status: 503, AfterCommit: true},
			{Method: "POST", Path: "/v1/data_sources/", Status: 500},
		},
		steps:  [][2]string{{"? Could not tell whether the page was created: Notion answered 503 service_unavailable, and the check failed too", "r"}},
		result: "but the page was created; it was not sent again",
		sends:  1,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := formSandbox(t)
			before := srv.PageCount(notiontest.DataSourceTasks)
			ta, _ := openForm(t, srv, notiontest.DataSourceTasks, formOpts{insertKnown: true})
			for _, f := range tt.faults {
				srv.InjectFault(f)
			}
			ta.Type("Call the bank")
			ta.Press("tab", "enter", "down", "enter") // Status: Not started
			ta.Press("ctrl+s")
			for _, st := range tt.steps {
				s := waitForText(ta, st[0])
				if !strings.Contains(s, "Call the bank") || !strings.Contains(s, "● Not started") {
					t.Fatalf("values not kept:\n%s", s)
				}
				ta.Press(st[1])
			}
			s := ta.WaitFor("✓ Created “Call the bank”")
			if tt.result != "" && !strings.Contains(strings.Join(strings.Fields(s), " "), tt.result) {
				t.Errorf("the result lacks %q:\n%s", tt.result, s)
			}
			if got := srv.PageCount(notiontest.DataSourceTasks); got != before+1 || creates(srv) != tt.sends {
				t.Errorf("%d creates sent, pages %d → %d; want %d sends and one page", creates(srv), before, got, tt.sends)
			}
		})
	}
}

// TestFormDraftSurvivesRestart types into a form, then opens a new app on
// the same config folder: the draft is offered and restored, and deleted
// once the page is created.
func TestFormDraftSurvivesRestart(t *testing.T) {
	t.Parallel()
	srv := formSandbox(t)
	dir := apptest.TempDir(t)
	first, _ := openForm(t, srv, notiontest.DataSourceReadingList, formOpts{dir: dir, insertKnown: true})
	first.Type("Working in Public")
	first.Press("tab", "tab", "enter", "down", "down", "enter") // Status: Reading
	first.Press("tab", "tab", "tab", "enter")                   // Tags
	first.Type("history")
	first.Press("enter", "esc")
	first.Press("tab", "tab", "tab", "tab", "tab", "tab") // Notes
	first.Paste("Chapter notes")
	// Every save says "draft saved 10:00:00" (the clock stands still): wait
	// for the file to hold the last value typed, not for the first save.
	path := form.DraftPath(dir, notiontest.DataSourceReadingList)
	first.WaitUntil("the draft to hold the notes", func(string) bool {
		d, err := form.ReadDraft(dir, notiontest.DataSourceReadingList)
		return err == nil && d != nil && d.Values["Notes"] == "Chapter notes"
	})
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("draft %s: %v %v", path, info, err)
	}
	first.Quit() // the app is closed: nothing more happens in it

	second, _ := openForm(t, srv, notiontest.DataSourceReadingList, formOpts{dir: dir, insertKnown: true})
	second.WaitFor("A draft from Mon 2 Nov 10:00 (4 values) is saved for Reading List.")
	second.Press("y")
	s := second.WaitFor("Working in Public")
	for _, want := range []string{"● Reading", "● history", "Chapter notes", "▌ Name *"} {
		if !strings.Contains(s, want) {
			t.Errorf("restored form lacks %q:\n%s", want, s)
		}
	}
	second.Press("ctrl+s")
	pg := createdPage(t, second)
	if notionapi.Cell(pg.Properties["Status"]) != "Reading" || notionapi.Cell(pg.Properties["Tags"]) != "history" {
		t.Errorf("created %v", pg.Properties)
	}
	second.WaitUntil("the draft to be deleted", func(string) bool {
		_, err := os.Stat(path)
		return os.IsNotExist(err)
	})
}

// TestFormDraftDiscarded drops an offered draft with n.
func TestFormDraftDiscarded(t *testing.T) {
	t.Parallel()
	srv := formSandbox(t)
	dir := apptest.TempDir(t)
	if err := form.WriteDraft(dir, form.Draft{DataSourceID: notiontest.DataSourceTasks, Saved: uitest.Now, Values: map[string]string{"Task": "Old idea"}}); err != nil {
		t.Fatal(err)
	}
	ta, _ := openForm(t, srv, notiontest.DataSourceTasks, formOpts{dir: dir, insertKnown: true})
	ta.WaitFor("A draft from Mon 2 Nov 10:00 (1 value) is saved for Tasks.")
	ta.Press("n")
	s := ta.WaitGone("A draft from")
	if strings.Contains(s, "Old idea") {
		t.Errorf("the discarded draft was restored:\n%s", s)
	}
	ta.WaitUntil("the draft to be deleted", func(string) bool {
		_, err := os.Stat(form.DraftPath(dir, notiontest.DataSourceTasks))
		return os.IsNotExist(err)
	})
}

// TestFormDraftSentWhenTheAppClosed reopens a draft whose create was under
// way when the app closed: the form checks for the page before offering
// it, so that a restart cannot make a duplicate.
func TestFormDraftSentWhenTheAppClosed(t *testing.T) {
	t.Parallel()
	sent := uitest.Now.Add(-30 * time.Second)
	draft := form.Draft{DataSourceID: notiontest.DataSourceTasks, Saved: sent, Values: map[string]string{"Task": "Pay invoice"}, SentAt: &sent}

	t.Run("created", func(t *testing.T) {
		t.Parallel()
		srv := formSandbox(t)
		ds := formDataSource(t, srv, notiontest.DataSourceTasks)
		c := sandboxClient(t, srv)
		if _, err := c.CreatePage(context.Background(), notionapi.CreatePageParams{Parent: c.DataSourceParent(ds),
			Properties: map[string]notionapi.PropertyValue{"Task": notionapi.TitleValue("Pay invoice")}}); err != nil {
			t.Fatal(err)
		}
		dir := apptest.TempDir(t)
		if err := form.WriteDraft(dir, draft); err != nil {
			t.Fatal(err)
		}
		ta, rec := openForm(t, srv, notiontest.DataSourceTasks, formOpts{dir: dir, insertKnown: true})
		waitForText(ta, "A draft was being sent when the app closed, and its page was created then")
		ta.Press("esc")
		ta.WaitFor("rows added: Pay invoice")
		if creates(srv) != 1 || len(rec.created) != 1 {
			t.Errorf("%d creates", creates(srv))
		}
	})
	t.Run("not created", func(t *testing.T) {
		t.Parallel()
		srv := formSandbox(t)
		dir := apptest.TempDir(t)
		if err := form.WriteDraft(dir, draft); err != nil {
			t.Fatal(err)
		}
		ta, _ := openForm(t, srv, notiontest.DataSourceTasks, formOpts{dir: dir, insertKnown: true})
		waitForText(ta, "It was being sent when the app closed; Tasks has no page made from it, so it is safe to send.")
		ta.Press("y")
		ta.WaitFor("Pay invoice")
		ta.Press("ctrl+s")
		ta.WaitFor("✓ Created “Pay invoice”")
	})
}

// TestFormPeopleWithoutUsersList types people by ID when the token
// cannot list users, and says why for its kind.
func TestFormPeopleWithoutUsersList(t *testing.T) {
	t.Parallel()
	srv := formSandbox(t)
	// Through the app, which knows the kind of token from /v1/users/me.
	pat := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenPersonal})
	apptest.OpenDatabase(t, pat, "Tasks")
	pat.Press("n")
	pat.WaitFor("New page in")
	pat.Type("Pair on it")
	pat.Press("tab", "tab", "tab")
	pat.WaitUntil("the reason a personal access token cannot list users", func(s string) bool {
		return strings.Contains(strings.Join(strings.Fields(s), " "), "user IDs: the users list, which names and e-mails need, cannot be read (listing users is not available to personal access tokens)")
	})
	// Known to fail, the list was not asked for (by the table or the form).
	for _, r := range srv.Requests() {
		if r.Path == "/v1/users" {
			t.Errorf("a personal access token asked for the users list: %s %s?%s", r.Method, r.Path, r.RawQuery)
		}
	}
	ta, _ := openForm(t, srv, notiontest.DataSourceTasks, formOpts{cfg: apptest.Config{Token: notiontest.TokenNoUserInfo}})
	ta.Type("Pair on it")
	ta.Press("tab", "tab", "tab")
	s := waitForText(ta, "user IDs: the users list, which names and e-mails need, cannot be read (")
	if !strings.Contains(s, "▌ Assignee") {
		t.Fatalf("focus:\n%s", s)
	}
	ta.Type("Priya")
	ta.Press("tab")
	ta.WaitFor(`✗ cannot look up "Priya" by name or e-mail`)
	ta.Press("shift+tab", "ctrl+u")
	ta.Type(notiontest.UserPriyaRaman)
	ta.Press("ctrl+s")
	pg := createdPage(t, ta)
	if ids := pg.Properties["Assignee"].People; len(ids) != 1 || ids[0].ID != notiontest.UserPriyaRaman {
		t.Errorf("Assignee = %+v", ids)
	}
}

// TestFormLeavingKeepsDraft leaves with esc: the values stay as a draft.
func TestFormLeavingKeepsDraft(t *testing.T) {
	t.Parallel()
	srv := formSandbox(t)
	dir := apptest.TempDir(t)
	ta, _ := openForm(t, srv, notiontest.DataSourceTasks, formOpts{dir: dir, insertKnown: true})
	ta.Type("Half typed")
	ta.Press("esc")
	ta.WaitFor("Draft kept: it is offered the next time you open this form")
	ta.WaitUntil("the draft to be written", func(string) bool {
		d, err := form.ReadDraft(dir, notiontest.DataSourceTasks)
		return err == nil && d != nil && d.Values["Task"] == "Half typed"
	})
	ta.Press("n")
	ta.WaitFor("A draft from Mon 2 Nov 10:00 (1 value) is saved for Tasks.")
}

// TestFormQuitKeepsDraft quits the app right after typing, before the
// draft's pause: closing the form writes it.
func TestFormQuitKeepsDraft(t *testing.T) {
	t.Parallel()
	srv := formSandbox(t)
	dir := apptest.TempDir(t)
	ta, _ := openForm(t, srv, notiontest.DataSourceTasks, formOpts{dir: dir, insertKnown: true})
	ta.Type("Quick note")
	ta.WaitFor("Quick note")
	ta.Press("ctrl+c")
	ta.TM.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	d, err := form.ReadDraft(dir, notiontest.DataSourceTasks)
	if err != nil || d == nil || d.Values["Task"] != "Quick note" {
		t.Fatalf("draft after quitting: %+v, %v", d, err)
	}
}

// TestFormGolden pins the opened form of two schemas at both sizes.
func TestFormGolden(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, ds string
		keys     []string // after the title: to a list, opened
	}{
		{"tasks", notiontest.DataSourceTasks, []string{"tab", "enter"}},                                          // Status
		{"reading_list", notiontest.DataSourceReadingList, []string{"tab", "tab", "tab", "tab", "tab", "enter"}}, // Tags
	} {
		for _, size := range apptest.Sizes {
			t.Run(fmt.Sprintf("%s_%dx%d", tt.name, size.W, size.H), func(t *testing.T) {
				t.Parallel()
				srv := formSandbox(t)
				ta, _ := openForm(t, srv, tt.ds, formOpts{cfg: apptest.Config{Width: size.W, Height: size.H}})
				ta.Type("Sample title")
				// The draft is written once typing pauses (600ms of real
				// time): wait for it, so that the golden is one frame.
				ta.WaitFor("draft saved 10:00:00")
				ta.Press(tt.keys...)
				ta.Golden()
			})
		}
	}
}

// TestFormGoldenNotCreated pins the banner shown when the check after a
// lost answer finds no page, at 80×24.
func TestFormGoldenNotCreated(t *testing.T) {
	t.Parallel()
	srv := formSandbox(t)
	ta, _ := openForm(t, srv, notiontest.DataSourceReadingList, formOpts{cfg: apptest.Config{Width: 80, Height: 24}, insertKnown: true})
	srv.InjectFault(notiontest.Fault{Method: "POST", Path: "/v1/pages", Status: 502})
	ta.Type("Dune")
	ta.Press("ctrl+s")
	waitForText(ta, "The page was not created")
	ta.Golden()
}

// TestPanelOverAFieldTakesTheKeys: with a guided-fix panel over a form,
// typing does not reach the field out of sight, nor the panel's actions
// by accident (o would open the browser).
func TestPanelOverAFieldTakesTheKeys(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta, _ := openForm(t, srv, notiontest.DataSourceTasks, formOpts{cfg: apptest.Config{Token: notiontest.TokenReadOnly}})
	ta.WaitFor("The connection lacks the “Insert content” capability (403)")
	ta.Type("Thinking in Go")
	ta.Press("esc")
	s := ta.WaitFor("This connection cannot create pages")
	if strings.Contains(s, "Thinking") || strings.Contains(s, "hinking") {
		t.Errorf("keys typed over the panel reached the field:\n%s", s)
	}
	if urls := ta.OpenedURLs(); len(urls) != 0 {
		t.Errorf("typing over the panel opened %v", urls)
	}
}

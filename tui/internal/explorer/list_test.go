package explorer

// Direct Update tests of the list pane: its answers are fed in as
// messages, with no program and no sandbox.

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

func testCommon() *ui.Common {
	return &ui.Common{Ctx: context.Background(), Styles: styles.New(true, true), Cache: ui.NewCache(), Now: uitest.NewClock().Now}
}

func dataSource(id, title, dbID string) *notionapi.DataSource {
	return &notionapi.DataSource{ID: id, Title: notionapi.PlainText(title), Parent: notionapi.Parent{Type: "database_id", DatabaseID: dbID}}
}

// loadedDatabases is the Databases tab with its search answered: a
// database of two data sources, and one of one.
func loadedDatabases(t *testing.T) (*listPane[*notionapi.DataSource], *ui.Common) {
	t.Helper()
	c := testCommon()
	p := newDatabasesPane(c).(*listPane[*notionapi.DataSource])
	p.SetSize(100, 20)
	p.Show()
	p.Update(listMsg[*notionapi.DataSource]{req: p.req, items: []*notionapi.DataSource{
		dataSource("ds-eng", "Engineering", "db-team"),
		dataSource("ds-sales", "Sales", "db-team"),
		dataSource("ds-books", "Reading List", "db-books"),
	}})
	return p, c
}

func typeInto(p pane, s string) {
	for _, k := range uitest.Text(s) {
		p.Update(k)
	}
}

func TestDatabasesNarrowKeepsTheHeadingOfAMatch(t *testing.T) {
	t.Parallel()
	p, _ := loadedDatabases(t)
	d := p.l.(*databases)
	if n := len(d.list.entries); n != 4 {
		t.Fatalf("%d rows, want a heading, its two data sources and Reading List", n)
	}
	p.Update(uitest.Key("/"))
	typeInto(p, "sal")
	if n := len(d.list.entries); n != 2 || d.list.entries[0].section != 2 || d.list.entries[1].ds.ID != "ds-sales" {
		t.Errorf("narrowed to %+v, want the heading and Sales", d.list.entries)
	}
	if p.table.Cursor() != 1 {
		t.Errorf("the cursor is on row %d, not on Sales (the heading is skipped)", p.table.Cursor())
	}
	p.Update(uitest.Key("esc"))
	if p.typing || len(d.list.entries) != 4 {
		t.Errorf("esc left typing %v with %d rows", p.typing, len(d.list.entries))
	}
}

func TestDatabasesSearchIsCachedForTheSession(t *testing.T) {
	t.Parallel()
	_, c := loadedDatabases(t)
	again := newDatabasesPane(c).(*listPane[*notionapi.DataSource])
	again.SetSize(100, 20)
	if cmd := again.Show(); cmd != nil || !again.loaded || again.loading {
		t.Errorf("a second Databases tab loaded again: loaded %v, loading %v", again.loaded, again.loading)
	}
}

func TestAnswerOfAnEarlierLoadIsDropped(t *testing.T) {
	t.Parallel()
	c := testCommon()
	p := newPagesPane(c).(*listPane[notionapi.Page])
	p.SetSize(100, 20)
	p.Show()
	old := p.req
	p.Update(uitest.Key("/"))
	typeInto(p, "go")
	p.Update(uitest.Key("enter")) // a new search
	p.Update(listMsg[notionapi.Page]{req: old, items: []notionapi.Page{{ID: "stale"}}})
	if p.loaded || !p.loading || p.query != "go" {
		t.Errorf("the first load's answer was taken: loaded %v, loading %v, query %q", p.loaded, p.loading, p.query)
	}
}

func TestUsersWithoutTheCapabilityExplainInPlace(t *testing.T) {
	t.Parallel()
	c := testCommon()
	p := newUsersPane(c).(*listPane[notionapi.User])
	p.SetSize(100, 20)
	p.Show()
	forbidden := &notionapi.APIError{Status: http.StatusForbidden, Code: "restricted_resource", Method: "GET", Path: "/v1/users"}
	if cmd := p.Update(listMsg[notionapi.User]{req: p.req, err: forbidden}); cmd != nil {
		t.Errorf("a 403 opened the guided fix; it is explained in place (%T)", cmd())
	}
	if v := p.View(); !strings.Contains(v, "Users are hidden") {
		t.Errorf("the tab does not explain the 403:\n%s", v)
	}
	cmd := p.Update(uitest.Key("enter"))
	if cmd == nil {
		t.Fatal("enter does nothing after a 403")
	}
	if m, ok := cmd().(ui.ErrorMsg); !ok || !errors.Is(m.Err, forbidden) {
		t.Errorf("enter sent %#v, not the guided fix of the 403", m)
	}
	if short := p.KeyMap().ShortHelp(); len(short) != 2 || short[0].Help().Key != "enter" {
		t.Errorf("the help line after a 403 offers %v", short)
	}
	// Another failure is a guided fix at once.
	p.Update(uitest.Key("r"))
	if cmd := p.Update(listMsg[notionapi.User]{req: p.req, err: errors.New("connection reset")}); cmd == nil {
		t.Error("a failure other than a 403 did not report itself")
	} else if _, ok := cmd().(ui.ErrorMsg); !ok {
		t.Error("a failure other than a 403 is not a guided fix")
	}
}

// TestDatabasesAt60ColumnsShowNothingInPart: at 60 columns the
// last-edited date that does not fit goes rather than show "2026-…", and
// the hints and IDs under and above the table are left out whole.
func TestDatabasesAt60ColumnsShowNothingInPart(t *testing.T) {
	t.Parallel()
	p, _ := loadedDatabases(t)
	d := p.l.(*databases)
	for _, e := range d.all {
		if e.ds != nil {
			e.ds.Title = notionapi.PlainText(e.ds.Title.Plain() + " of the whole company, by quarter")
			e.ds.LastEditedTime = time.Date(2026, 4, 25, 9, 30, 0, 0, time.UTC)
		}
	}
	p.layout()
	if view := ansi.Strip(p.View()); !strings.Contains(view, "Last edited") || !strings.Contains(view, "2026-04-25") {
		t.Fatalf("at 100 columns the date is not shown:\n%s", view)
	}
	p.SetSize(60, 15)
	view := ansi.Strip(p.View())
	lines := strings.Split(view, "\n")
	if strings.Contains(view, "2026-…") || strings.Contains(view, "Last e") {
		t.Errorf("at 60 columns the date is shown in part:\n%s", view)
	}
	if strings.Contains(lines[0], "…") || strings.Contains(lines[len(lines)-1], "…") {
		t.Errorf("at 60 columns a hint or an ID is cut:\n%s", view)
	}
	if !strings.Contains(view, "data source ds-eng") || !strings.Contains(view, "/ filters") {
		t.Errorf("at 60 columns the ID or the filter hint is gone:\n%s", view)
	}
}

// TestOpenByLinkIntroFitsTheWidth: the intro of open-by-link shortens on
// a narrow screen; no line of the screen is wider than it.
func TestOpenByLinkIntroFitsTheWidth(t *testing.T) {
	t.Parallel()
	o := newOpenByID(testCommon())
	o.err = "Not a Notion link or ID: it holds no 32-character ID, and it is not a notion.so or notion.site link."
	for _, w := range []int{120, 80, 60, 40} {
		o.SetSize(w, 15)
		lines := strings.Split(ansi.Strip(o.View()), "\n")
		for _, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Errorf("at %d columns a line is %d wide: %q", w, ansi.StringWidth(l), l)
			}
		}
		if !strings.HasPrefix(lines[1], "Paste a Notion link") || strings.Contains(lines[1], "…") {
			t.Errorf("at %d columns the intro is %q", w, lines[1])
		}
		if view := strings.Join(strings.Fields(strings.Join(lines, " ")), " "); !strings.Contains(view, "notion.so or notion.site link.") {
			t.Errorf("at %d columns the error is cut:\n%s", w, strings.Join(lines, "\n"))
		}
	}
}

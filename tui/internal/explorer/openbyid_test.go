package explorer_test

import (
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

func TestOpenByLink(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	ta.WaitFor("Reading List")

	// A database link pasted in the jump box opens the database view.
	ta.Press(":")
	ta.WaitFor("Jump to")
	ta.Paste("https://www.notion.so/acme/Tasks-" + notionapi.CompactID(notiontest.DatabaseTasks) + "?v=0123456789abcdef0123456789abcdef")
	ta.WaitFor("Open https://www.notion.so/acme/Tasks")
	ta.Press("enter")
	ta.WaitFor("› Tasks")
	ta.WaitFor("rows · all loaded")

	// A page ID opens the preview, in place of the prompt.
	ta.Press("esc")
	ta.WaitGone("› Tasks")
	ta.Press(":")
	ta.WaitFor("Jump to")
	ta.Type(notionapi.CompactID(notiontest.PageGettingStarted))
	ta.WaitFor("Open " + notionapi.CompactID(notiontest.PageGettingStarted))
	before := len(srv.Requests())
	ta.Press("enter")
	s := ta.WaitFor("GETTING STARTED WITH NOTION-TUI")
	if strings.Contains(s, "› Open") {
		t.Errorf("the prompt stayed on the stack:\n%s", s)
	}
	// The page read to find out what the ID names is not read again.
	// (The titles of the pages it links to are read beside, as they come
	// into view: only this page's reads count.)
	pageReads := 0
	for _, r := range srv.Requests()[before:] {
		id, ok := strings.CutPrefix(r.Path, "/v1/pages/")
		if r.Method == "GET" && ok && notionapi.CompactID(id) == notionapi.CompactID(notiontest.PageGettingStarted) {
			pageReads++
		}
	}
	if pageReads != 1 {
		t.Errorf("the page was read %d times", pageReads)
	}

	// A bare database ID (no view in it) is tried as a page first, then
	// opens the database.
	ta.Press("esc")
	ta.WaitGone("GETTING STARTED")
	ta.Press(":")
	ta.WaitFor("Jump to")
	ta.Type(notiontest.DatabaseReadingList)
	ta.WaitFor("Open " + notiontest.DatabaseReadingList)
	ta.Press("enter")
	ta.WaitFor("› Reading List")
	ta.WaitFor("rows · all loaded")

	// Not an ID, in the prompt the jump box's command opens: said under
	// the field, what was typed is kept.
	ta.Press("esc")
	ta.Press(":")
	ta.WaitFor("Jump to")
	ta.Type("open a link")
	ta.WaitFor("Open a link or ID…")
	ta.Press("enter")
	ta.WaitFor("Open a page or database")
	ta.Type("notion.so/My-Page")
	ta.Press("enter")
	s = ta.WaitFor("Not a Notion link or ID")
	if !strings.Contains(s, "notion.so/My-Page") {
		t.Errorf("the input is gone:\n%s", s)
	}
}

// TestOpenUnsharedDatabaseShowsTheSharingFix: a database that exists but
// is not shared answers 404; the panel gives the sharing steps with the
// integration's name, and the link stays in the field.
func TestOpenUnsharedDatabaseShowsTheSharingFix(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	ta.WaitFor("Reading List")
	ta.Press(":")
	ta.WaitFor("Jump to")
	link := "https://www.notion.so/acme/Customer-Contracts-" + notionapi.CompactID(notiontest.DatabaseUnshared) + "?v=0123456789abcdef0123456789abcdef"
	ta.Paste(link)
	ta.WaitFor("Open https://www.notion.so/acme/Customer")
	ta.Press("enter")
	s := ta.WaitFor("not shared with the connection (404)")
	for _, want := range []string{"The database is not shared", "Add connections", notiontest.IntegrationName} {
		if !strings.Contains(s, want) {
			t.Errorf("the panel lacks %q:\n%s", want, s)
		}
	}
	ta.Press("esc")
	ta.WaitGone("not shared with the connection")
	if s := ta.Screen(); !strings.Contains(s, "Customer-Contracts") {
		t.Errorf("the link is gone after the error:\n%s", s)
	}
}

// TestOpenDatabaseWithSeveralDataSourcesOffersThem: a link to a database
// with several data sources lists them to pick one, instead of an error;
// esc goes back to the link.
func TestOpenDatabaseWithSeveralDataSourcesOffersThem(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	ta.WaitFor("Reading List")
	ta.Press(":")
	ta.WaitFor("Jump to")
	link := "https://www.notion.so/acme/Team-Directory-" + notionapi.CompactID(notiontest.DatabaseTeamDirectory) + "?v=0123456789abcdef0123456789abcdef"
	ta.Paste(link)
	ta.WaitFor("Open https://www.notion.so/acme/Team-Directory")
	ta.Press("enter")
	s := ta.WaitFor("This database has 2 data sources")
	for _, want := range []string{"Engineering", "Design", "enter choose"} {
		if !strings.Contains(s, want) {
			t.Errorf("the list lacks %q:\n%s", want, s)
		}
	}
	ta.Press("esc")
	ta.WaitGone("This database has 2 data sources")
	if s := ta.Screen(); !strings.Contains(s, "Team-Directory") {
		t.Errorf("the link is gone:\n%s", s)
	}
	ta.Press("enter")
	ta.WaitFor("This database has 2 data sources")
	ta.Type("des")
	ta.Press("enter")
	ta.WaitFor("› Design")
	ta.WaitFor("rows · all loaded")
}

// TestJumpBoxSearchNamesTheTable: pages of one title found by the
// workspace's search are told apart by the table they are rows of.
func TestJumpBoxSearchNamesTheTable(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull, Width: 120, Height: 36})
	ta.WaitFor("Event Log")
	ta.Press(":")
	ta.WaitFor("Jump to")
	ta.Type("Learning Go")
	s := ta.WaitFor("search · Reading List")
	if strings.Contains(s, "search · page ") {
		t.Errorf("a search result without its table:\n%s", s)
	}
}

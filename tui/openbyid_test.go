package tui

import (
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

func TestOpenByLink(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	ta.waitFor("Reading List")

	// A database link opens the database view.
	ta.press("o")
	ta.waitFor("Open a page or database")
	ta.paste("https://www.notion.so/acme/Tasks-" + notionapi.CompactID(notiontest.DatabaseTasks) + "?v=0123456789abcdef0123456789abcdef")
	ta.press("enter")
	ta.waitFor("› Tasks")
	ta.waitFor("rows · all loaded")

	// A page ID opens the preview, in place of the prompt.
	ta.press("esc")
	ta.waitGone("› Tasks")
	ta.press("o")
	ta.waitFor("Open a page or database")
	ta.typeText(notionapi.CompactID(notiontest.PageGettingStarted))
	before := len(srv.Requests())
	ta.press("enter")
	s := ta.waitFor("GETTING STARTED WITH NOTION-TUI")
	if strings.Contains(s, "› Open") {
		t.Errorf("the prompt stayed on the stack:\n%s", s)
	}
	// The page read to find out what the ID names is not read again.
	pageReads := 0
	for _, r := range srv.Requests()[before:] {
		if r.Method == "GET" && strings.HasPrefix(r.Path, "/v1/pages/") {
			pageReads++
		}
	}
	if pageReads != 1 {
		t.Errorf("the page was read %d times", pageReads)
	}

	// A bare database ID (no view in it) is tried as a page first, then
	// opens the database.
	ta.press("esc")
	ta.waitGone("GETTING STARTED")
	ta.press("o")
	ta.waitFor("Open a page or database")
	ta.typeText(notiontest.DatabaseReadingList)
	ta.press("enter")
	ta.waitFor("› Reading List")
	ta.waitFor("rows · all loaded")

	// Not an ID: said under the field, what was typed is kept.
	ta.press("esc")
	ta.press("o")
	ta.waitFor("Open a page or database")
	ta.typeText("notion.so/My-Page")
	ta.press("enter")
	s = ta.waitFor("Not a Notion link or ID")
	if !strings.Contains(s, "notion.so/My-Page") {
		t.Errorf("the input is gone:\n%s", s)
	}
}

// TestOpenUnsharedDatabaseShowsTheSharingFix: a database that exists but
// is not shared answers 404; the panel gives the sharing steps with the
// integration's name, and the link stays in the field.
func TestOpenUnsharedDatabaseShowsTheSharingFix(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	ta.waitFor("Reading List")
	ta.press("o")
	ta.waitFor("Open a page or database")
	link := "https://www.notion.so/acme/Customer-Contracts-" + notionapi.CompactID(notiontest.DatabaseUnshared) + "?v=0123456789abcdef0123456789abcdef"
	ta.paste(link)
	ta.press("enter")
	s := ta.waitFor("not shared with the integration (404)")
	for _, want := range []string{"The database is not shared", "Connections", notiontest.IntegrationName} {
		if !strings.Contains(s, want) {
			t.Errorf("the panel lacks %q:\n%s", want, s)
		}
	}
	ta.press("esc")
	ta.waitGone("not shared with the integration")
	if s := ta.screen(); !strings.Contains(s, "Customer-Contracts") {
		t.Errorf("the link is gone after the error:\n%s", s)
	}
}

package explorer_test

import (
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// TestPagesTabLoadsPast100: reaching the last of the first 100 pages
// reads the next 100.
func TestPagesTabLoadsPast100(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 250}) // with the other pages, more than 200
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	ta.WaitFor("Reading List")
	ta.Press("tab")
	ta.WaitFor("The 100 most recently edited pages")
	ta.Press("G")
	ta.WaitFor("The 200 most recently edited pages")
	searches := 0
	for _, r := range srv.Requests() {
		if r.Path == "/v1/search" {
			searches++
		}
	}
	if searches < 3 { // databases, pages, more pages
		t.Errorf("%d searches", searches)
	}
}

// TestUsersTabFilters: / narrows the users as one types, esc clears.
func TestUsersTabFilters(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	ta.WaitFor("Reading List")
	ta.Press("tab", "tab")
	ta.WaitFor("7 people and 4 bots")
	ta.Press("/")
	ta.Type("maya")
	s := ta.WaitGone("Slack Notifier")
	if !strings.Contains(s, "Maya Chen") {
		t.Errorf("maya does not keep Maya Chen:\n%s", s)
	}
	ta.Type("zzz")
	ta.WaitFor("No user matches")
	ta.Press("enter", "esc")
	ta.WaitFor("Slack Notifier")
}

// TestListRowActions: o opens a row in the browser, y copies its URL, Y
// copies it as CSV, on the home screen's lists as in the tables.
func TestListRowActions(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	ta.WaitFor("Reading List")
	ta.Press("o")
	ta.WaitUntil("a database opened in the browser", func(string) bool { return len(ta.OpenedURLs()) == 1 })
	if u := ta.OpenedURLs()[0]; !strings.HasPrefix(u, "https://www.notion.so/") {
		t.Errorf("o opened %q", u)
	}
	ta.Press("tab")
	ta.WaitFor("The 100 most recently edited pages")
	ta.Press("y")
	if got := ta.Clipboard(); !strings.HasPrefix(got, "https://www.notion.so/") {
		t.Errorf("y copied %q", got)
	}
	ta.Press("Y")
	ta.WaitFor("row as Markdown")
	ta.Press("r")
	if got := ta.Clipboard(); !strings.HasPrefix(got, "Title,In,Last edited,ID,URL\n") {
		t.Errorf("Y r copied:\n%s", got)
	}
}

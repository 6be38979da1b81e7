package dbview_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// TestRelationTitlesAndFollow: the Project column shows the projects by
// title, read once each at most, and f on a Project cell opens the
// project.
func TestRelationTitlesAndFollow(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Tasks")
	s := ta.WaitFor("Billing v2")
	if strings.Contains(s, "c7bfcaae") {
		t.Errorf("a related page shows by its ID:\n%s", s)
	}
	// At most one request per related page, or the rows of Projects read
	// a hundred at a time: never a page twice.
	seen := map[string]int{}
	for _, r := range srv.Requests() {
		if r.Method == "GET" && strings.HasPrefix(r.Path, "/v1/pages/") {
			seen[r.Path]++
			if seen[r.Path] > 1 {
				t.Errorf("%s read %d times", r.Path, seen[r.Path])
			}
		}
	}
	// The first row's Project is Platform Reliability.
	for range 7 {
		ta.Press("right")
	}
	ta.Press("f")
	s = ta.WaitFor("Lead ")
	if !strings.Contains(s, "› Tasks › Platform Reliability") {
		t.Fatalf("f did not open the project:\n%s", s)
	}
	ta.Press("esc")
	ta.WaitFor("rows · all loaded")
}

// TestRowActions: Y copies the row (or the marked rows, space marks) as
// CSV, JSON or Markdown, y the page's URL, o opens it in the browser without a
// detour through the preview.
func TestRowActions(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Tasks")
	ta.WaitFor("Billing v2")

	ta.Press("o")
	ta.WaitUntil("the row opened in the browser", func(string) bool { return len(ta.OpenedURLs()) == 1 })
	if u := ta.OpenedURLs()[0]; !strings.HasPrefix(u, "https://www.notion.so/") {
		t.Errorf("o opened %q", u)
	}
	ta.Press("y")
	if got := ta.Clipboard(); !strings.HasPrefix(got, "https://www.notion.so/") {
		t.Errorf("y copied %q", got)
	}

	// Two marked rows as JSON.
	ta.Press("space", "space")
	ta.WaitFor("2 rows marked")
	ta.Press("Y")
	ta.WaitFor("as Markdown")
	ta.Press("j")
	got := ta.Clipboard()
	var rows []map[string]string
	if err := json.Unmarshal([]byte(got), &rows); err != nil || len(rows) != 2 {
		t.Fatalf("the marked rows as JSON (%v):\n%s", err, got)
	}
	if rows[0]["Task"] != "Write login flow" || rows[0]["Project"] != "Platform Reliability" || rows[0]["id"] == "" {
		t.Errorf("the first row: %v", rows[0])
	}
	// esc clears the marks before it leaves.
	ta.Press("esc")
	s := ta.WaitGone("rows marked")
	if !strings.Contains(s, "› Tasks") {
		t.Errorf("esc left the view while rows were marked:\n%s", s)
	}
	ta.Press("Y")
	ta.WaitFor("as Markdown")
	ta.Press("r")
	got = ta.Clipboard()
	if lines := strings.Split(strings.TrimSpace(got), "\n"); !strings.HasPrefix(got, "Task,") || len(lines) != 2 {
		t.Errorf("one row as CSV:\n%s", got)
	}
}

// TestFindInLoadedRows: ctrl+f finds among the rows loaded without a
// query, and ctrl+n moves to the next match.
func TestFindInLoadedRows(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	sent := len(apptest.Queries(srv))
	ta.Press("ctrl+f")
	ta.Type("crafting")
	s := ta.WaitFor("match 1 of")
	if !strings.Contains(s, "Crafting Interpreters") {
		t.Errorf("no match shown:\n%s", s)
	}
	ta.Press("esc")
	ta.WaitFor("· match 1 of")
	if n := len(apptest.Queries(srv)); n != sent {
		t.Errorf("find sent %d queries", n-sent)
	}
}

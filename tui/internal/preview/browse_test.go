package preview_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// openProject opens the first project of Projects in the preview.
func openProject(t *testing.T) (*apptest.App, *notiontest.Server) {
	t.Helper()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Projects")
	ta.Press("enter")
	ta.WaitFor("Contract ")
	return ta, srv
}

// TestPreviewRelationsByTitleAndFollow: the preview shows related pages
// by title, says why a relation to an unshared database is empty, and f
// follows a related page; esc comes back.
func TestPreviewRelationsByTitleAndFollow(t *testing.T) {
	t.Parallel()
	ta, _ := openProject(t)
	ta.WaitFor("not shared with the connection")
	// The related tasks by title (read after the page): the line may wrap
	// anywhere, "f follows" too.
	s := ta.WaitFor("Write login flow")
	if !strings.Contains(strings.Join(strings.Fields(s), " "), "f follows") {
		t.Errorf("the Tasks relation does not say f follows:\n%s", s)
	}
	ta.Press("f")
	ta.WaitFor("Follow a link")
	ta.Type("write login")
	ta.Press("enter")
	s = ta.WaitFor("Project ")
	if !strings.Contains(s, "› Write login flow") {
		t.Fatalf("f did not open the task:\n%s", s)
	}
	// The task has no content: its Markdown says so rather than nothing.
	ta.Press("M")
	ta.WaitFor("The page has no content: its Markdown is empty.")
	ta.Press("esc")
	ta.WaitFor("Contract ")
}

// TestPreviewMarkdownAndExport: M shows Notion's Markdown of the page and
// x writes it, with the properties as front matter, to a file.
func TestPreviewMarkdownAndExport(t *testing.T) {
	t.Parallel()
	ta, srv := openProject(t)
	// Tasks read in full: the relations are drawn (the page's
	// properties, not the title the table already knew) with no list
	// still being read.
	ta.WaitUntil("Tasks to be read in full", func(s string) bool {
		return strings.Contains(s, "f follows") && !strings.Contains(s, "reading the rest")
	})
	ta.Press("M")
	ta.WaitFor("## Goal")
	found := false
	for _, r := range srv.Requests() {
		if r.Method == "GET" && strings.HasSuffix(r.Path, "/markdown") {
			found = true
		}
	}
	if !found {
		t.Error("M did not read GET /v1/pages/{id}/markdown")
	}
	path := filepath.Join(t.TempDir(), "project.md")
	ta.Press("x")
	ta.WaitFor("Export the page as Markdown")
	ta.Press("ctrl+u") // clear the proposed name
	ta.Paste(path)
	ta.Press("enter")
	ta.WaitFor("Exported the page to")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	if !strings.HasPrefix(md, "---\n") || !strings.Contains(md, `"Stage": "Building"`) || !strings.Contains(md, "## Goal") {
		t.Errorf("the exported page:\n%s", md)
	}
	// Tasks holds 28 pages: Notion lists 25 with the page, the rest are
	// read in full.
	if n := strings.Count(md, `"Test `) + strings.Count(md, `"Write `); n != 28 {
		t.Errorf("the export lists %d tasks, want 28:\n%s", n, md)
	}
}

// TestPreviewComments: m lists the page's comments and a adds one.
func TestPreviewComments(t *testing.T) {
	t.Parallel()
	ta, _ := openProject(t)
	ta.Press("m")
	ta.WaitFor("No comments on this page yet")
	ta.Press("a")
	ta.Type("Budget approved")
	ta.Press("ctrl+s")
	s := ta.WaitGone("No comments on this page yet")
	if !strings.Contains(s, "Budget approved") {
		t.Errorf("the comment added is not listed:\n%s", s)
	}
}

package tui_test

import (
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// TestHistoryBackAndForward: [ and ] walk the pages and views visited,
// as a browser's back and forward do, beyond esc: forward reopens a page
// esc closed.
func TestHistoryBackAndForward(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Projects")
	ta.Press("enter")
	ta.WaitFor("Contract ")
	ta.WaitFor("Write login flow")
	ta.Press("f")
	ta.WaitFor("Follow a link")
	ta.Type("write login")
	ta.Press("enter")
	ta.WaitFor("› Write login flow")

	ta.Press("[")
	s := ta.WaitFor("Contract ")
	if strings.Contains(s, "› Write login flow") {
		t.Fatalf("[ did not go back to the project:\n%s", s)
	}
	ta.Press("[")
	ta.WaitFor("rows · all loaded")
	ta.Press("]", "]")
	ta.WaitFor("› Write login flow")
	// esc closes the task; ] opens it again.
	ta.Press("esc")
	ta.WaitGone("› Write login flow")
	ta.Press("]")
	ta.WaitFor("› Write login flow")
	ta.Press("]")
	ta.WaitFor("No later page or view")
}

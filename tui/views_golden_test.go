package tui_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// openViews opens Tasks and its view picker, once Notion's views are
// listed.
func openViews(t *testing.T, ta *apptest.App) string {
	t.Helper()
	apptest.OpenDatabase(t, ta, "Tasks")
	ta.Press("v")
	return ta.WaitFor("by Status")
}

func TestGoldenViewPicker(t *testing.T) {
	t.Parallel()
	apptest.EachSize(t, apptest.Config{Token: notiontest.TokenFull}, func(t *testing.T, ta *apptest.App) {
		s := openViews(t, ta)
		for _, want := range []string{"Views of Tasks", "▸ All rows ●", "Open work", "filtered · sorted", "Board", "board"} {
			if !strings.Contains(s, want) {
				t.Errorf("the picker lacks %q:\n%s", want, s)
			}
		}
		ta.Golden()
	})
}

func TestGoldenBoard(t *testing.T) {
	t.Parallel()
	apptest.EachSize(t, apptest.Config{Token: notiontest.TokenFull}, func(t *testing.T, ta *apptest.App) {
		openViews(t, ta)
		// All rows, Table, Open work, Board.
		ta.Press("down", "down", "down", "enter")
		s := ta.WaitFor("card 1 of 23 in To-do")
		for _, want := range []string{"view Board · board", "board by Status", "To-do", "In progress"} {
			if !strings.Contains(s, want) {
				t.Errorf("the board lacks %q:\n%s", want, s)
			}
		}
		// The next column, its second card.
		ta.Press("l", "j")
		ta.WaitFor("card 2 of 55 in In progress")
		ta.Golden()
	})
}

// TestViewLinkThenBoardMove opens a view link from the jump box, switches
// to the board view and moves a card there and back: one update each.
func TestViewLinkThenBoardMove(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20}) // the Event Log is never read here
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	ta.WaitFor("Reading List")
	ta.Press(":")
	ta.WaitFor("Jump to")
	ta.Paste("https://www.notion.so/acme/Tasks-" + notionapi.CompactID(notiontest.DatabaseTasks) + "?v=" + notionapi.CompactID(notiontest.ViewTasksOpen))
	ta.WaitFor("Open https://www.notion.so/acme/Tasks")
	ta.Press("enter")
	ta.WaitFor("view Open work · table")
	s := ta.WaitFor("rows · all loaded")
	for _, want := range []string{"filter Status != Done and Done = false", "sort Priority ↑, Due ↑"} {
		if !strings.Contains(s, want) {
			t.Errorf("the view lacks %q:\n%s", want, s)
		}
	}
	// The picker opens on the view shown; the next one is the board.
	ta.Press("v")
	ta.WaitFor("by Status")
	ta.Press("down", "enter")
	ta.WaitFor("card 1 of 23 in To-do")
	patches := func() int {
		n := 0
		for _, r := range srv.Requests() {
			if r.Method == http.MethodPatch {
				n++
			}
		}
		return n
	}
	ta.Press(">")
	ta.WaitFor("to In progress · u undoes")
	ta.WaitFor("To-do 22")
	if n := patches(); n != 1 {
		t.Errorf("%d updates for one move", n)
	}
	ta.Press("u")
	ta.WaitFor("back to To-do")
	ta.WaitFor("To-do 23")
	if n := patches(); n != 2 {
		t.Errorf("%d updates for a move and its undo", n)
	}
}

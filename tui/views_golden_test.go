package tui_test

import (
	"strings"
	"testing"

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

package dbview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
)

// TestSortedColumnIsMarked: the header shows which column the rows are
// sorted by, and which way, once the sorted query runs.
func TestSortedColumnIsMarked(t *testing.T) {
	t.Parallel()
	v := benchView(0)
	v.run(query{})
	answer(v, 3, nil)
	header := func() string { return strings.SplitN(ansi.Strip(v.table.View()), "\n", 2)[0] }
	if h := header(); strings.ContainsAny(h, "↑↓") {
		t.Fatalf("an unsorted header has a mark: %q", h)
	}
	v.run(query{Sorts: []notionapi.Sort{{Property: "Latency ms", Direction: notionapi.Descending}}})
	if h := header(); !strings.Contains(h, "Latency ms ↓") {
		t.Errorf("the sorted column is not marked while its rows load: %q", h)
	}
	answer(v, 3, nil)
	if h := header(); !strings.Contains(h, "Latency ms ↓") {
		t.Errorf("the sorted column is not marked: %q", h)
	}
	if got := sortMark([]notionapi.Sort{{Timestamp: notionapi.CreatedTime, Direction: notionapi.Ascending}, {Property: "Level", Direction: notionapi.Ascending}}, "Level"); got != " ↑2" {
		t.Errorf("the second of two sorts: %q", got)
	}
}

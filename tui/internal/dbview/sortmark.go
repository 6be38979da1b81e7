package dbview

import (
	"strconv"

	"github.com/notion-tui/notion-tui/notionapi"
)

// sortMark marks a column's title with the direction the rows are sorted
// by it (↑ ascending, ↓ descending), and its rank when several sorts
// apply; "" when the query does not sort by it.
func sortMark(sorts []notionapi.Sort, name string) string {
	for i, s := range sorts {
		if s.Property != name {
			continue
		}
		mark := " ↑"
		if s.Direction == notionapi.Descending {
			mark = " ↓"
		}
		if len(sorts) > 1 {
			mark += strconv.Itoa(i + 1)
		}
		return mark
	}
	return ""
}

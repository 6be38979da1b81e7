package dbview_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/notionapi/notiontest/hostile"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// TestEndlessPaginationStopsTheTable: a server that claims more rows
// forever (the same cursor, or pages of rows already read) ends the
// table's read with an explanation, so the table stops growing. (Rows
// such a server sent twice in different windows before the read stopped
// may show twice: only an honest server's rows are each read once.)
func TestEndlessPaginationStopsTheTable(t *testing.T) {
	t.Parallel()
	for _, do := range []hostile.Behaviour{hostile.EndlessCursor(), hostile.NoNewRows()} {
		t.Run(do.String(), func(t *testing.T) {
			t.Parallel()
			s := hostile.Start(t, hostile.Options{}, hostile.Trick{Method: "POST", Path: "/v1/data_sources/", Do: do})
			ta := apptest.Start(t, s.Sandbox(), apptest.Config{Token: notiontest.TokenFull, BaseURL: s.URL()})
			apptest.StartDatabase(t, ta, "Event Log")
			out := ta.WaitFor("pagination never ends")
			if !strings.Contains(out, "rows, then an error") || strings.Contains(out, "more coming") {
				t.Fatalf("the table does not say that its read stopped:\n%s", out)
			}
			if m := regexp.MustCompile(`([0-9,]+) rows, then an error`).FindStringSubmatch(out); m == nil || m[1] == "0" {
				t.Fatalf("the table does not count the rows it holds:\n%s", out)
			}
		})
	}
}

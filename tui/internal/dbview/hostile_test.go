package dbview_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/notionapi/notiontest/hostile"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// TestEndlessPaginationStopsTheTable: a server that claims more rows
// forever (the same cursor, or pages of rows already read) ends the
// table's read with an explanation, and the table holds each row once:
// its memory stays bounded by the data source.
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
			m := regexp.MustCompile(`([0-9,]+) rows, then an error`).FindStringSubmatch(out)
			loaded, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
			if n := s.Sandbox().PageCount(notiontest.DataSourceEventLog); loaded == 0 || loaded > n {
				t.Fatalf("the table holds more rows than the data source's %d:\n%s", n, out)
			}
		})
	}
}

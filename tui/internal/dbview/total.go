package dbview

import (
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// knownTotals is how many rows each filter of a data source matched the
// last time it was read whole in this session: Notion's queries say no
// total, so a read again (r, a new sort, a view with the same filter)
// shows "of about N" from it while its rows stream in.
var knownTotals = ui.NewTable[string, int]("known totals")

// totalKey names the rows a query matches: sorts and the columns read do
// not change how many there are.
func (v *dbView) totalKey(q query) string { return v.ds.ID + "\x00" + string(q.filter) }

// noteTotal remembers how many rows the query shown matched, once all
// are in (not when a sorted query stopped at the API's cap).
func (v *dbView) noteTotal() {
	if v.capped || v.err != nil {
		return
	}
	knownTotals.Put(v.c.Cache, v.totalKey(v.q), len(v.rows))
}

// ofTotal is " of about 12,000" while rows stream in, when the same
// filter was read whole before; "" when no total is known or the rows
// already passed it (rows were added since).
func (v *dbView) ofTotal(n int) string {
	t, ok := knownTotals.Get(v.c.Cache, v.totalKey(v.q))
	if !ok || t <= n {
		return ""
	}
	return " of about " + widgets.FormatCount(t)
}

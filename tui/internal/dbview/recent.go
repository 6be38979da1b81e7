package dbview

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// Recent results: the last complete results of a session's queries, by
// data source, so that clearing a filter or going back to an earlier
// query (history, the filter line's ↑) shows its rows at once instead of
// reading a 12,000-row table again (40 s at Notion's 3 requests/s). r
// reads again and forgets them; a page created here, or a change, makes
// them stale, so they are forgotten then too.
var recentResults = ui.NewTable[string, *recentSet]("recent results")

const (
	// maxRecent is how many results of one data source are kept, and
	// maxRecentRows how many rows in all of them: a result above it is not
	// kept, older ones are forgotten to make room.
	maxRecent     = 4
	maxRecentRows = 150_000
)

// recentSet is a data source's kept results, the most recent first.
type recentSet struct{ entries []recentResult }

type recentResult struct {
	key      string
	rows     dbRows
	capped   bool
	readPath string
	snap     *rowsSnapshot
}

// recentKey names what a query returns, cell by cell: the same filter,
// sorts, properties read, columns (the cells are rendered in their
// order) and view give the same rows. A board's rows carry their columns
// and people's names: they are not kept ("" means not kept).
func (v *dbView) recentKey(q query) string {
	if q.group != nil {
		return ""
	}
	sorts, err := json.Marshal(q.Sorts)
	if err != nil {
		return ""
	}
	names := make([]string, len(v.cols))
	for i, c := range v.cols {
		names[i] = c.ID + "=" + c.Name
	}
	view := ""
	if q.view != nil {
		view = q.view.ID
	}
	whole := "part"
	if q.whole {
		whole = "whole"
	}
	return strings.Join([]string{string(q.filter), string(sorts), strings.Join(q.fields, ","), strings.Join(names, ","), view, whole}, "\x00")
}

// fromRecent shows q's kept result, if there is one, as if it had just
// been read: it reports false when q must be read.
func (v *dbView) fromRecent(q query) bool {
	k := v.recentKey(q)
	if k == "" {
		return false
	}
	set, ok := recentResults.Get(v.c.Cache, v.ds.ID)
	if !ok {
		return false
	}
	for i, e := range set.entries {
		if e.key != k {
			continue
		}
		// The most recent first.
		copy(set.entries[1:i+1], set.entries[:i])
		set.entries[0] = e
		v.q = q
		// The kept rows are never appended to in place: a row added
		// later (a created page) copies them first.
		v.rows = e.rows[:len(e.rows):len(e.rows)]
		v.table.SetData(v.rows)
		v.table.SetCursor(0)
		v.loading, v.capped, v.err = false, e.capped, nil
		v.readPath, v.reading = e.readPath, 0
		v.snap = e.snap
		v.stream = nil
		v.layoutColumns()
		loadedRows.Put(v.c.Cache, v.ds.ID, &cachedRows{q: v.q, cols: v.cols, rows: v.rows, active: v.active, changed: v.changed,
			widths: v.widths, caps: v.caps, wrap: v.wrap, frozen: v.table.Frozen(), readPath: v.readPath, snap: v.snap})
		return true
	}
	return false
}

// keepRecent keeps the view's complete result of v.q.
func (v *dbView) keepRecent() {
	k := v.recentKey(v.q)
	if k == "" || len(v.rows) > maxRecentRows {
		return
	}
	set, ok := recentResults.Get(v.c.Cache, v.ds.ID)
	if !ok {
		set = &recentSet{}
		recentResults.Put(v.c.Cache, v.ds.ID, set)
	}
	set.entries = slices.DeleteFunc(set.entries, func(e recentResult) bool { return e.key == k })
	e := recentResult{key: k, rows: v.rows[:len(v.rows):len(v.rows)], capped: v.capped, readPath: v.readPath, snap: v.snap}
	set.entries = append([]recentResult{e}, set.entries...)
	total := 0
	for i, e := range set.entries {
		total += len(e.rows)
		if i >= maxRecent || total > maxRecentRows {
			set.entries = set.entries[:i]
			break
		}
	}
}

// forgetRecent drops the data source's kept results: r reads again, and
// a created or changed page makes them stale.
func (v *dbView) forgetRecent() { recentResults.Drop(v.c.Cache, v.ds.ID) }

// rowsChanged is called when a row is added or changed here: the other
// kept results may lack it, the one shown has it.
func (v *dbView) rowsChanged() {
	v.snapshotStale()
	v.forgetRecent()
	if !v.loading && v.err == nil {
		v.keepRecent()
	}
}

// pendingQuery is a query the user ran, kept in the history once Notion
// accepts it: a filter Notion rejects is not offered again.
type pendingQuery struct {
	gen int64
	q   query
	at  time.Time
}

// ranQuery records q, just run, for the history: at once when its rows
// came from a kept result, else when its first rows arrive.
func (v *dbView) ranQuery(q query) tea.Cmd {
	if v.hist == nil {
		return nil
	}
	if !v.loading && v.err == nil {
		v.pendingHist = nil
		return v.hist.add(v.ds.ID, q, v.c.Now())
	}
	v.pendingHist = &pendingQuery{gen: v.gen, q: q, at: v.c.Now()}
	return nil
}

// acceptedQuery adds the pending query to the history once Notion
// answered it with rows, or with none and no error.
func (v *dbView) acceptedQuery(msg rowsMsg) tea.Cmd {
	p := v.pendingHist
	if p == nil || p.gen != msg.gen || v.hist == nil {
		return nil
	}
	switch {
	case msg.err != nil && len(msg.rows) == 0:
		v.pendingHist = nil
		return nil
	case len(msg.rows) > 0 || msg.done:
		v.pendingHist = nil
		return v.hist.add(v.ds.ID, p.q, p.at)
	}
	return nil
}

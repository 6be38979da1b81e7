package dbview

import (
	"errors"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
)

// answer gives the view the rows of its current query, all at once.
func answer(v *dbView, n int, err error) {
	v.Update(rowsMsg{view: v.id, gen: v.gen, rowBatch: rowBatch{rows: benchRows(n, v.cols), done: true, err: err}})
}

// runFilter types expr into the filter line and runs it ("" clears it).
func runFilter(v *dbView, expr string) {
	press(v, "/", "ctrl+u")
	typeText(v, expr)
	press(v, "enter")
}

// TestClearingTheFilterShowsTheKeptRows: going back to a query already
// read in the session (clearing the filter, an earlier filter) shows its
// rows at once, without a request; r reads again.
func TestClearingTheFilterShowsTheKeptRows(t *testing.T) {
	t.Parallel()
	v := benchView(0)
	v.run(query{})
	answer(v, 7, nil)

	runFilter(v, "Level = info")
	if !v.loading {
		t.Fatal("the filter started no query")
	}
	answer(v, 2, nil)

	gen := v.gen
	runFilter(v, "")
	if v.loading || len(v.rows) != 7 || v.stream != nil {
		t.Fatalf("clearing the filter read the table again: loading %v, %d rows", v.loading, len(v.rows))
	}
	if v.gen == gen {
		t.Error("the kept rows did not supersede the query before (its late pages would be taken)")
	}
	runFilter(v, "Level = info")
	if v.loading || len(v.rows) != 2 || v.q.Expr != "Level = info" {
		t.Fatalf("an earlier filter was read again: loading %v, %d rows, query %+v", v.loading, len(v.rows), v.q)
	}

	press(v, "r")
	runFilter(v, "")
	if !v.loading {
		t.Error("after r, a kept result was shown instead of reading again")
	}
}

// TestFailedQueryIsNotKept: a query Notion rejects is neither kept for
// the session nor offered again by the history, and a cancelled one is
// not kept either.
func TestFailedQueryIsNotKept(t *testing.T) {
	t.Parallel()
	v := benchView(0)
	v.hist = &queryHistory{byDS: map[string][]historyEntry{}} // in memory: no file
	v.run(query{})
	answer(v, 3, nil)

	runFilter(v, "Level = info")
	answer(v, 0, errors.New("validation_error"))
	if es := v.hist.entries(v.ds.ID); len(es) != 0 {
		t.Errorf("a rejected filter was kept in the history: %+v", es)
	}
	runFilter(v, "")
	runFilter(v, "Level = info")
	if !v.loading {
		t.Error("a failed query was kept as a result")
	}
	answer(v, 4, nil)
	if es := v.hist.entries(v.ds.ID); len(es) != 1 || es[0].Expr != "Level = info" {
		t.Errorf("an accepted filter is not in the history: %+v", es)
	}
}

// TestCreatedPageIsNotLostFromKeptRows: once a page is created here, the
// results kept before it are read again, the one shown keeps the new row.
func TestCreatedPageIsNotLostFromKeptRows(t *testing.T) {
	t.Parallel()
	v := benchView(0)
	v.run(query{})
	answer(v, 5, nil)
	runFilter(v, "Level = info")
	answer(v, 2, nil)
	v.insert(benchPage(v))
	runFilter(v, "")
	if !v.loading {
		t.Error("a result kept before the page was created was shown without it")
	}
	answer(v, 6, nil)
	runFilter(v, "Level = info")
	if v.loading || len(v.rows) != 3 {
		t.Errorf("the result shown when the page was created: loading %v, %d rows", v.loading, len(v.rows))
	}
}

func benchPage(*dbView) *notionapi.Page {
	return &notionapi.Page{ID: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", Properties: map[string]notionapi.PropertyValue{
		"Event": notionapi.TitleValue("A new event"),
	}}
}

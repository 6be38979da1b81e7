package dbview_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// TestReadingAgainShowsTheKnownTotal: Notion's queries say no total, so
// the first read shows only the rows loaded; once the rows of a filter
// were all read, reading them again (r) says how many to expect.
func TestReadingAgainShowsTheKnownTotal(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 450})
	// While armed, the second query waits at a gate: the stream is seen
	// in progress, whatever the load.
	var gate atomic.Pointer[apptest.Gate]
	first := apptest.NewGate(apptest.IsQuery, 1)
	gate.Store(first)
	defer first.Release()
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull, OnRequest: func(ri notionapi.RequestInfo) {
		if g := gate.Load(); g != nil {
			g.OnRequest(ri)
		}
	}})
	apptest.StartDatabase(t, ta, "Event Log")
	<-first.Held()
	s := ta.WaitFor("rows loaded · more coming")
	if strings.Contains(s, "about") {
		t.Errorf("a total is shown before any is known:\n%s", s)
	}
	gate.Store(nil)
	first.Release()
	ta.WaitFor("450 rows · all loaded · oldest first")

	again := apptest.NewGate(apptest.IsQuery, 1)
	defer again.Release()
	gate.Store(again)
	ta.Press("r")
	<-again.Held()
	ta.WaitFor("100 of about 450 rows loaded · more coming")
	again.Release()
	ta.WaitFor("450 rows · all loaded")
}

// TestFooterSeparators: the parts of the database view's footer are
// separated by one space and a dot, never two spaces.
func TestFooterSeparators(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20}) // the Event Log is never read here
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	ta.Press("down")
	s := ta.WaitFor("60 rows · all loaded · oldest first · row 2")
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "all loaded") && strings.Contains(strings.TrimSpace(l), "  ·") {
			t.Errorf("a double space before a separator: %q", l)
		}
	}
}

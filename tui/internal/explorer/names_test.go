package explorer_test

import (
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// isNameRead matches the reads of the titles the databases list shows
// beside its rows: parent pages and databases.
func isNameRead(ri notionapi.RequestInfo) bool {
	return ri.Method == "GET" && (strings.HasPrefix(ri.Path, "/v1/databases/") || strings.HasPrefix(ri.Path, "/v1/pages/"))
}

// TestFilterTypedBeforeNamesArriveMatchesThem: a filter typed while the
// names of databases are still being read matches them once they come
// (the group heading "Team Directory" is a name read after the search).
func TestFilterTypedBeforeNamesArriveMatchesThem(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	gate := apptest.NewGate(isNameRead, 0)
	defer gate.Release()
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull, OnRequest: gate.OnRequest})
	apptest.WaitList(ta)
	<-gate.Held()
	ta.Press("/")
	ta.Type("team")
	ta.WaitFor("Nothing matches “team”")
	gate.Release()
	s := ta.WaitFor("Team Directory")
	if !strings.Contains(s, "Engineering") || !strings.Contains(s, "Design") {
		t.Errorf("the heading matches but not its data sources:\n%s", s)
	}
}

// TestDatabaseInsideADatabaseNamesItsParent: a data source whose parent is
// another database (a wiki's) shows that database's title, not its ID.
func TestDatabaseInsideADatabaseNamesItsParent(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.WaitList(ta)
	ta.Press("/")
	ta.Type("runbooks")
	s := ta.WaitUntil("the parent's title", func(s string) bool {
		return strings.Contains(s, "Runbooks") && !strings.Contains(s, "database 6513270e")
	})
	if !strings.Contains(s, "Engineering Wiki") {
		t.Errorf("Runbooks' parent is not named:\n%s", s)
	}
}

package requestlog_test

import (
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

func TestRequestLogCopiesCurlWithoutTheToken(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20}) // the Event Log is never read here
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	ta.Settled()
	ta.Press("L")
	s := ta.WaitFor("requests this session")
	for _, want := range []string{"GET     /v1/users/me", "POST    /v1/search", "POST    /v1/data_sources/22bb1f02…/query"} {
		if !strings.Contains(s, want) {
			t.Errorf("the log lacks %q:\n%s", want, s)
		}
	}
	// The newest entry is selected: go up to the query, looking at each
	// entry's details.
	for i := 0; ; i++ {
		ta.Press("enter")
		if s = ta.WaitFor("As curl"); strings.Contains(s, "POST /v1/data_sources/") {
			break
		}
		if i == 10 {
			t.Fatalf("no query in the log:\n%s", s)
		}
		ta.Press("esc", "up")
		ta.WaitGone("As curl")
	}
	if !strings.Contains(s, "Request ID") || !strings.Contains(s, `"page_size": 100`) {
		t.Errorf("the details lack the request ID or the body:\n%s", s)
	}
	ta.Press("c")
	curl := ta.Clipboard()
	for _, want := range []string{"curl -X POST", "/v1/data_sources/" + notiontest.DataSourceReadingList + "/query", `-H "Authorization: Bearer $NOTION_TOKEN"`, "Notion-Version: 2026-03-11", `"page_size":100`} {
		if !strings.Contains(curl, want) {
			t.Errorf("the curl command lacks %q:\n%s", want, curl)
		}
	}
	if strings.Contains(curl, notiontest.TokenFull) || strings.Contains(ta.Screen(), notiontest.TokenFull) {
		t.Fatalf("the curl command or the screen holds the token:\n%s", curl)
	}
	ta.WaitFor("(it reads $NOTION_TOKEN)")

	// From the list too.
	ta.Press("esc")
	ta.WaitGone("As curl")
	ta.Press("c")
	if again := ta.Clipboard(); again != curl {
		t.Errorf("c in the list copied %q, want the same command", again)
	}
}

func TestRequestLogGrowsWhileOpen(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 450})
	// The Event Log's queries after its first wait at a gate until the log
	// is open, so they finish while it is, whatever the load.
	gate := apptest.NewGate(apptest.IsQuery, 1)
	defer gate.Release()
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull, OnRequest: gate.OnRequest})
	apptest.StartDatabase(t, ta, "Event Log")
	<-gate.Held()
	ta.WaitFor("more coming")
	ta.Press("L")
	first := ta.WaitFor("requests this session")
	gate.Release()
	// Requests that finish while the log is open appear in it: the Event
	// Log's query pages are still streaming behind it.
	ta.WaitUntil("the Event Log's queries listed", func(s string) bool {
		return countOf(s) > countOf(first) && strings.Contains(s, "/v1/data_sources/5335dfc9…/query")
	})
}

// countOf reads "N requests this session".
func countOf(screen string) int {
	i := strings.Index(screen, " requests this session")
	j := strings.LastIndexAny(screen[:max(i, 0)], " \n")
	n := 0
	for _, r := range screen[j+1 : max(i, 0)] {
		if r >= '0' && r <= '9' {
			n = n*10 + int(r-'0')
		}
	}
	return n
}

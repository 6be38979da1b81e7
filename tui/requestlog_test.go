package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

func TestRequestLogCopiesCurlWithoutTheToken(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	openDatabase(t, ta, "Reading List")
	ta.settled()
	ta.press("L")
	s := ta.waitFor("requests this session")
	for _, want := range []string{"GET     /v1/users/me", "POST    /v1/search", "POST    /v1/data_sources/22bb1f02…/query"} {
		if !strings.Contains(s, want) {
			t.Errorf("the log lacks %q:\n%s", want, s)
		}
	}
	// The newest entry is selected: go up to the query, looking at each
	// entry's details.
	for i := 0; ; i++ {
		ta.press("enter")
		if s = ta.waitFor("As curl"); strings.Contains(s, "POST /v1/data_sources/") {
			break
		}
		if i == 10 {
			t.Fatalf("no query in the log:\n%s", s)
		}
		ta.press("esc", "up")
		ta.waitGone("As curl")
	}
	if !strings.Contains(s, "Request ID") || !strings.Contains(s, `"page_size": 100`) {
		t.Errorf("the details lack the request ID or the body:\n%s", s)
	}
	ta.press("c")
	curl := ta.clipboard()
	for _, want := range []string{"curl -X POST", "/v1/data_sources/" + notiontest.DataSourceReadingList + "/query", `-H "Authorization: Bearer $NOTION_TOKEN"`, "Notion-Version: 2026-03-11", `"page_size":100`} {
		if !strings.Contains(curl, want) {
			t.Errorf("the curl command lacks %q:\n%s", want, curl)
		}
	}
	if strings.Contains(curl, notiontest.TokenFull) || strings.Contains(ta.screen(), notiontest.TokenFull) {
		t.Fatalf("the curl command or the screen holds the token:\n%s", curl)
	}
	ta.waitFor("(it reads $NOTION_TOKEN)")

	// From the list too.
	ta.press("esc")
	ta.waitGone("As curl")
	ta.press("c")
	if again := ta.clipboard(); again != curl {
		t.Errorf("c in the list copied %q, want the same command", again)
	}
}

func TestRequestLogGrowsWhileOpen(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Latency: 10 * time.Millisecond})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	startDatabase(t, ta, "Event Log")
	ta.waitFor("more coming")
	ta.press("L")
	first := ta.waitFor("requests this session")
	// Requests that finish while the log is open appear in it: the Event
	// Log's query pages are still streaming behind it.
	ta.waitUntil("the Event Log's queries listed", func(s string) bool {
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

func TestHistoryKeepsTwentyNewestFirst(t *testing.T) {
	dir := t.TempDir()
	h, err := readHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	for i := range 25 {
		if cmd := h.add("ds", query{Expr: "Pages > " + string(rune('a'+i))}, at); cmd != nil {
			cmd()
		}
	}
	if cmd := h.add("ds", query{}, at); cmd != nil {
		t.Error("an empty query is recorded")
	}
	h.add("ds", query{Expr: "Pages > w"}, at)() // again: moves to the front
	got, err := readHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	es := got.entries("ds")
	if len(es) != maxHistory {
		t.Fatalf("%d entries kept, want %d", len(es), maxHistory)
	}
	if es[0].Expr != "Pages > w" || es[1].Expr != "Pages > y" || es[19].Expr != "Pages > f" {
		t.Errorf("order %q, %q … %q", es[0].Expr, es[1].Expr, es[19].Expr)
	}
}

func TestHistoryUnreadableFileIsReplaced(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, historyFile), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	h, err := readHistory(dir)
	if err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Errorf("error %v, want one saying the file is not JSON", err)
	}
	h.add("ds", query{Expr: "Done"}, time.Now())()
	if got, err := readHistory(dir); err != nil || len(got.entries("ds")) != 1 {
		t.Errorf("the file was not replaced: %v", err)
	}
}

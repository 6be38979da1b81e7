package dbview_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
	"github.com/notion-tui/notion-tui/tui/internal/dbview"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

func TestFilterLineCompileErrorKeepsInput(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	sent := len(apptest.Queries(srv))

	ta.Press("/")
	ta.Type(`Pages >`)
	// The caret sits after the end of the input, where the value is missing.
	checkCaret(t, ta.WaitFor(`expected a value`), "filter › Pages >", ansi.StringWidth("filter › Pages >"))
	ta.Type(" 600 and Status = Done")
	checkCaret(t, ta.WaitFor(`unknown option "Done"`), "filter › Pages > 600", ansi.StringWidth("filter › Pages > 600 and Status = "))
	ta.Press("enter") // refused: the expression does not compile
	// The screen is read after the key was handled: a query would have
	// started in that Update (the footer says so at once) and the filter
	// line would have closed.
	s := ta.Screen()
	if !strings.Contains(s, "filter › Pages > 600 and Status = Done") {
		t.Errorf("the typed expression was lost:\n%s", s)
	}
	if strings.Contains(s, "more coming") || !strings.Contains(s, "60 rows · all loaded") {
		t.Errorf("an expression that does not compile started a query:\n%s", s)
	}
	if n := len(apptest.Queries(srv)); n != sent {
		t.Errorf("an expression that does not compile sent %d queries", n-sent)
	}
	for range len("Done") {
		ta.Press("backspace")
	}
	ta.Type("Finished")
	ta.WaitFor("✓ valid")
	ta.Press("enter")
	s = ta.WaitFor("4 rows · all loaded")
	apptest.JSONEqual(t, apptest.LastQueryBody(t, srv)["filter"], `{"and":[{"property":"Pages","number":{"greater_than":600}},{"property":"Status","status":{"equals":"Finished"}}]}`)
	for _, title := range []string{"Designing Data-Intensive Applications", "The Art of Computer Programming, Vol. 1", "Introduction to Algorithms", "Building Microservices"} {
		if !strings.Contains(s, title) {
			t.Errorf("%q is missing from the filtered rows:\n%s", title, s)
		}
	}
}

// checkCaret finds the line starting with input and checks that the line
// under it has its caret at column col.
func checkCaret(t *testing.T, screen, input string, col int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	for i, l := range lines[:len(lines)-1] {
		if strings.HasPrefix(l, input) {
			if got := strings.Index(lines[i+1], "^"); got != col {
				t.Errorf("the caret is at column %d, want %d:\n%s\n%s", got, col, l, lines[i+1])
			}
			return
		}
	}
	t.Errorf("no line starts with %q:\n%s", input, screen)
}

func TestSortsEditor(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	ta.Press("s", "a")
	ta.Type("pages")
	ta.Press("enter", "space") // Pages, descending
	ta.Press("a")
	ta.Type("created")
	ta.Press("enter") // created_time, the timestamp
	ta.Press("a")
	ta.Type("name")
	ta.Press("enter", "K") // Name, moved above created_time
	s := ta.WaitFor("3. created_time")
	if !strings.Contains(s, "2. Name") || !strings.Contains(s, "↓ descending") {
		t.Fatalf("the editor shows the wrong keys:\n%s", s)
	}
	ta.Press("enter")
	ta.WaitFor("sort Pages ↓, Name ↑, created_time ↑")
	s = ta.WaitFor("60 rows · all loaded")
	apptest.JSONEqual(t, apptest.LastQueryBody(t, srv)["sorts"], `[{"property":"Pages","direction":"descending"},{"property":"Name","direction":"ascending"},{"timestamp":"created_time","direction":"ascending"}]`)
	first := strings.Split(s, "\n")[4]
	if !strings.Contains(first, "Introduction to Algorithms") {
		t.Errorf("the first row should be the longest book:\n%s", s)
	}
}

func TestEventLogStreams(t *testing.T) {
	t.Parallel()
	// 600 rows and a cap of 250 results a query: the stream reads past
	// the cap as it does past Notion's 10,000.
	srv := notiontest.Start(t, notiontest.Options{Rows: 600, ResultCap: 250})
	// The third query waits at the gate: the stream cannot end while the
	// test checks that the table is usable during it.
	gate := apptest.NewGate(apptest.IsQuery, 2)
	defer gate.Release()
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull, OnRequest: gate.OnRequest})
	apptest.StartDatabase(t, ta, "Event Log")
	// The first page shows while the rest streams in.
	s := ta.WaitFor("Webhook delivered")
	if !strings.Contains(s, "rows loaded · more coming") {
		t.Errorf("no progress while streaming:\n%s", s)
	}
	<-gate.Held()
	// Keys work during the stream.
	ta.Press("down", "down", "down")
	if s := ta.WaitFor("row 4"); !strings.Contains(s, "more coming") {
		t.Errorf("the stream ended while it was held at the gate:\n%s", s)
	}
	gate.Release()
	ta.Press("G")
	// Wait for the end of the stream, then check the count: a row read
	// twice shows as more rows than the data source holds.
	if s := ta.WaitFor("rows · all loaded"); !strings.Contains(s, "600 rows · all loaded") {
		t.Fatalf("the stream ended with another count than the 600 rows of the data source:\n%s", s)
	}
	ta.Press("G")
	ta.WaitFor("row 600")
	if want := srv.PageCount(notiontest.DataSourceEventLog); want != 600 {
		t.Fatalf("the sandbox holds %d rows", want)
	}
	// Every query read a created_time window, past the cap.
	for _, q := range apptest.Queries(srv) {
		if !bytes.Contains(q.Body, []byte("created_time")) {
			t.Errorf("a query without created_time bounds or sort: %s", q.Body)
		}
	}
}

func TestSortedQueryStopsAtTheCap(t *testing.T) {
	t.Parallel()
	// A cap of 300 results a query stands for Notion's 10,000: the
	// sorted query of 350 rows stops at it.
	srv := notiontest.Start(t, notiontest.Options{Rows: 350, ResultCap: 300})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.StartDatabase(t, ta, "Event Log")
	ta.WaitFor("› Event Log")
	// The sorts editor lists the schema's properties: wait for them.
	// Sorting then stops the first read if it still runs.
	ta.WaitFor("7 properties")
	ta.Press("s", "a")
	ta.Type("Latency")
	ta.Press("enter", "enter")
	s := ta.WaitFor("stops a sorted query at 10,000")
	if !strings.Contains(s, "300 rows:") {
		t.Errorf("the footer does not say how many rows:\n%s", s)
	}
}

func TestLeavingCancelsTheStream(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 300})
	// The second query waits at the gate: the stream is cut short when
	// the view is left.
	gate := apptest.NewGate(apptest.IsQuery, 1)
	defer gate.Release()
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull, OnRequest: gate.OnRequest})
	apptest.StartDatabase(t, ta, "Event Log")
	ta.WaitFor("more coming")
	<-gate.Held()
	ta.Press("esc")
	ta.WaitGone("› Event Log")
	gate.Release()
	// A stream cut short is not cached: opening again reads again. (That
	// leaving ends the stream's goroutine is TestCloseEndsTheStream.)
	ta.Press("enter")
	ta.WaitFor("more coming")
}

func TestOpenRowAndBackIsInstant(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	ta.Press("down", "enter")
	s := ta.WaitFor("Martin Kleppmann")
	for _, want := range []string{"Designing Data-Intensive Applications", "● Finished", "databases", "Takeaways"} {
		if !strings.Contains(ta.WaitFor(want), want) {
			t.Errorf("the preview lacks %q:\n%s", want, s)
		}
	}
	ta.Settled()
	before := len(srv.Requests())
	ta.Press("esc")
	ta.WaitFor("60 rows · all loaded")
	ta.Press("enter")
	ta.WaitFor("Martin Kleppmann")
	ta.Press("esc", "esc")
	ta.WaitGone("› Reading List")
	ta.Press("enter")
	ta.WaitFor("60 rows · all loaded")
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("going back and forth sent %d requests; the session cache should answer", n)
	}
	// r reads again.
	ta.Press("r")
	ta.WaitFor("60 rows · all loaded")
	ta.Settled()
	if len(apptest.Queries(srv)) == 0 || len(srv.Requests()) == before {
		t.Error("r did not read the database again")
	}
}

func TestPreviewCopyAndOpen(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull, NoBrowser: true})
	apptest.OpenDatabase(t, ta, "Reading List")
	ta.Press("enter")
	ta.WaitFor("Takeaways")
	ta.Press("c")
	pageID := ta.Clipboard()
	if _, err := notionapi.ParseID(pageID); err != nil {
		t.Fatalf("c copied %q, not a page ID", pageID)
	}
	ta.WaitFor("Copied the page ID " + pageID)
	ta.Press("y")
	url := ta.Clipboard()
	if !strings.HasPrefix(url, "https://www.notion.so/") || !strings.Contains(url, notionapi.CompactID(pageID)) {
		t.Errorf("y copied %q, not the page's URL", url)
	}
	ta.Press("o")
	ta.WaitFor("Open " + url + " in a browser")
	if got := ta.OpenedURLs(); len(got) != 1 || got[0] != url {
		t.Errorf("opened %v, want %s", got, url)
	}
}

func TestQueryHistory(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	for _, expr := range []string{"Pages > 600", "Tags has rust", "Pages > 600"} {
		ta.Press("/", "ctrl+u") // the line holds the query's expression: clear it
		ta.Type(expr)
		ta.WaitFor("✓ valid")
		ta.Press("enter")
		ta.WaitFor("filter " + expr)
		ta.WaitFor("rows · all loaded")
	}
	// The file is written after each query; wait for the one that holds
	// all three, not for the file to exist.
	path := filepath.Join(ta.Dir, dbview.HistoryFile)
	waitForHistory(t, path, "Pages > 600|Tags has rust")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the history file has mode %v, want 0600", fi.Mode().Perm())
	}

	// up recalls the newest expression, then the older one.
	ta.Press("/", "ctrl+u")
	ta.Press("up", "up")
	ta.WaitFor("filter › Tags has rust")
	ta.Press("down")
	ta.WaitFor("filter › Pages > 600")
	ta.Press("esc")

	// A new session recalls them from the file with H.
	ta2 := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	data, _ := os.ReadFile(path)
	if err := os.WriteFile(filepath.Join(ta2.Dir, dbview.HistoryFile), data, 0o600); err != nil {
		t.Fatal(err)
	}
	apptest.OpenDatabase(t, ta2, "Reading List")
	ta2.Press("H")
	s := ta2.WaitFor("Earlier queries of Reading List")
	if !strings.Contains(s, "Tags has rust") {
		t.Fatalf("the history list lacks an entry:\n%s", s)
	}
	ta2.Press("down", "enter")
	ta2.WaitFor("filter Tags has rust")
	s = ta2.WaitFor("rows · all loaded")
	if !strings.Contains(s, "Rust for Rustaceans") || strings.Contains(s, "Learning Go") {
		t.Errorf("the recalled filter did not run:\n%s", s)
	}
}

func TestRawJSONFilter(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	ta.Press("F")
	ta.WaitFor("Raw JSON filter")
	ta.Paste(`{"property": "Pages", "number": {"greater_than": 700,}}`)
	ta.Press("ctrl+s")
	ta.WaitFor("line 1, column")
	for range 3 {
		ta.Press("backspace")
	}
	ta.Type("}}")
	ta.Press("ctrl+s")
	ta.WaitFor(`filter JSON {"property":"Pages","number":{"greater_than":700}}`)
	ta.WaitFor("5 rows · all loaded")
	apptest.JSONEqual(t, apptest.LastQueryBody(t, srv)["filter"], `{"property":"Pages","number":{"greater_than":700}}`)

	// Notion's validation error shows the guided fix with the filter typed.
	ta.Press("F")
	ta.WaitFor("Raw JSON filter")
	ta.Press("ctrl+u") // the editor holds the filter applied: clear it
	ta.Paste(`{"property": "Nope", "number": {"greater_than": 1}}`)
	ta.Press("ctrl+s")
	s := ta.WaitFor("Your input")
	if !strings.Contains(s, `"Nope"`) {
		t.Errorf("the fix panel does not show the filter:\n%s", s)
	}
}

func TestRequestJSONPanelCopies(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	ta.Press("/")
	ta.Type("Recommended")
	ta.Press("enter")
	ta.WaitFor("rows · all loaded")
	ta.Press("R")
	ta.WaitFor("POST /v1/data_sources/" + notiontest.DataSourceReadingList + "/query")
	ta.Press("c")
	var body map[string]any
	if err := json.Unmarshal([]byte(ta.Clipboard()), &body); err != nil {
		t.Fatal(err)
	}
	apptest.JSONEqual(t, body["filter"], `{"property":"Recommended","checkbox":{"equals":true}}`)
	ta.Press("esc")
	ta.Press("i")
	ta.WaitFor("Schema")
	for range 40 {
		ta.Press("down")
	}
	s := ta.WaitFor("Pages per day")
	for _, want := range []string{"formula", "= if(empty(prop(\"Finished\"))", "Page timestamps"} {
		if !strings.Contains(s, want) {
			t.Errorf("the schema panel lacks %q:\n%s", want, s)
		}
	}
}

func TestPageCreatedInsertsRow(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20}) // the Event Log is never read here
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	ta.Settled()
	before := len(srv.Requests())
	pg := &notionapi.Page{ID: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", Properties: map[string]notionapi.PropertyValue{
		"Name":  notionapi.TitleValue("A Brand New Book"),
		"Pages": notionapi.NumberValue(123),
	}}
	ta.Send(ui.PageCreatedMsg{DataSourceID: notiontest.DataSourceEventLog, Page: pg}) // another data source
	ta.Send(ui.PageCreatedMsg{DataSourceID: notiontest.DataSourceReadingList, Page: pg})
	s := ta.WaitFor("61 rows")
	if !strings.Contains(s, "A Brand New Book") || !strings.Contains(s, "row 61") {
		t.Errorf("the new row is not shown and selected:\n%s", s)
	}
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("inserting the row sent %d requests", n)
	}
}

func TestDatabaseViewUnder2022(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull, Version: notionapi.Version20220628})
	apptest.OpenDatabase(t, ta, "Reading List")
	s := ta.WaitFor("60 rows · all loaded")
	if !strings.Contains(s, "database 1066159a") {
		t.Errorf("the title line does not name the database:\n%s", s)
	}
	ta.Press("/")
	ta.Type("Tags has rust")
	ta.Press("enter")
	ta.WaitFor("4 rows · all loaded")
	qs := apptest.Queries(srv)
	if got := qs[len(qs)-1].Path; got != "/v1/databases/"+notiontest.DatabaseReadingList+"/query" {
		t.Errorf("queried %s, want the 2022-06-28 database endpoint", got)
	}
	ta.Press("enter")
	ta.WaitFor("Takeaways")
}

func TestQueryFailureShowsTheFixAndReloads(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20}) // the Event Log is never read here
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	ta.WaitFor("Reading List")
	srv.InjectFault(notiontest.Fault{Path: "/v1/data_sources/" + notiontest.DataSourceReadingList + "/query", Status: 503})
	ta.Press("/")
	ta.Type("Reading List")
	ta.Press("enter", "enter")
	s := ta.WaitFor("esc close")
	if !strings.Contains(s, "503") || !strings.Contains(s, "0 rows, then an error · r retries") {
		t.Errorf("the guided fix or the footer does not show the failure:\n%s", s)
	}
	ta.Press("esc")
	ta.WaitGone("esc close")
	ta.Press("r")
	ta.WaitFor("60 rows · all loaded")
}

// TestOpeningADatabaseSendsOneQuery: the 60 rows of Reading List fit one
// page, and the schema came with the search, so opening it costs one
// query.
func TestOpeningADatabaseSendsOneQuery(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	ta.WaitFor("📚 Reading List")
	ta.Press("/")
	ta.Type("Reading List")
	ta.Press("enter")
	ta.WaitFor("/ Reading List")
	ta.Settled()
	before := len(srv.Requests())
	ta.Press("enter")
	ta.WaitFor("60 rows · all loaded")
	ta.Settled()
	queries := 0
	for _, r := range srv.Requests()[before:] {
		if strings.HasSuffix(r.Path, "/query") {
			queries++
		}
	}
	if queries != 1 {
		t.Errorf("opening Reading List sent %d queries; want one", queries)
	}
}

// waitForHistory waits until the history file at path lists the filter
// expressions of Reading List as want ("newest|older"), and fails after a
// minute with what it last held.
func waitForHistory(t *testing.T, path, want string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	got := ""
	for {
		var byDS map[string][]struct {
			Expr string `json:"expr"`
		}
		if b, err := os.ReadFile(path); err == nil && json.Unmarshal(b, &byDS) == nil {
			var exprs []string
			for _, e := range byDS[notiontest.DataSourceReadingList] {
				exprs = append(exprs, e.Expr)
			}
			if got = strings.Join(exprs, "|"); got == want {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the history file %s lists %q, want %q (the newest first, without repeats)", path, got, want)
		}
		<-tick.C
	}
}

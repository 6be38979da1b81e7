package tui

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// queries returns the query requests the sandbox received.
func queries(srv *notiontest.Server) []notiontest.Request {
	var out []notiontest.Request
	for _, r := range srv.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/query") {
			out = append(out, r)
		}
	}
	return out
}

// lastQueryBody decodes the body of the last query request.
func lastQueryBody(t *testing.T, srv *notiontest.Server) map[string]any {
	t.Helper()
	qs := queries(srv)
	if len(qs) == 0 {
		t.Fatal("no query was sent")
	}
	var body map[string]any
	if err := json.Unmarshal(qs[len(qs)-1].Body, &body); err != nil {
		t.Fatalf("query body %q: %v", qs[len(qs)-1].Body, err)
	}
	return body
}

// jsonEqual compares a decoded value with JSON text.
func jsonEqual(t *testing.T, got any, want string) {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	g, _ := json.Marshal(got)
	wb, _ := json.Marshal(w)
	if !bytes.Equal(g, wb) {
		t.Errorf("got %s, want %s", g, wb)
	}
}

var reOSC52 = regexp.MustCompile("\x1b\\]52;c;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\\\)")

// clipboard waits for the program to set the clipboard (OSC 52) and
// returns the last text it set since the previous call.
func (ta *testApp) clipboard() string {
	ta.t.Helper()
	var out bytes.Buffer
	deadline := time.Now().Add(5 * time.Second)
	for {
		b, _ := io.ReadAll(ta.tm.Output())
		out.Write(b)
		if m := reOSC52.FindAllSubmatch(out.Bytes(), -1); len(m) > 0 {
			text, err := base64.StdEncoding.DecodeString(string(m[len(m)-1][1]))
			if err != nil {
				ta.t.Fatalf("OSC 52 payload: %v", err)
			}
			return string(text)
		}
		if time.Now().After(deadline) {
			ta.t.Fatal("the program did not set the clipboard")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestFilterLineCompileErrorKeepsInput(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	openDatabase(t, ta, "Reading List")
	sent := len(queries(srv))

	ta.press("/")
	ta.typeText(`Pages >`)
	// The caret sits after the end of the input, where the value is missing.
	checkCaret(t, ta.waitFor(`expected a value`), "filter › Pages >", ansi.StringWidth("filter › Pages >"))
	ta.typeText(" 600 and Status = Done")
	checkCaret(t, ta.waitFor(`unknown option "Done"`), "filter › Pages > 600", ansi.StringWidth("filter › Pages > 600 and Status = "))
	ta.press("enter") // refused: the expression does not compile
	time.Sleep(100 * time.Millisecond)
	if n := len(queries(srv)); n != sent {
		t.Errorf("an expression that does not compile sent %d queries", n-sent)
	}
	if !strings.Contains(ta.screen(), "filter › Pages > 600 and Status = Done") {
		t.Errorf("the typed expression was lost:\n%s", ta.screen())
	}
	for range len("Done") {
		ta.press("backspace")
	}
	ta.typeText("Finished")
	ta.waitFor("✓ valid")
	ta.press("enter")
	s := ta.waitFor("4 rows · all loaded")
	jsonEqual(t, lastQueryBody(t, srv)["filter"], `{"and":[{"property":"Pages","number":{"greater_than":600}},{"property":"Status","status":{"equals":"Finished"}}]}`)
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
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	openDatabase(t, ta, "Reading List")
	ta.press("s", "a")
	ta.typeText("pages")
	ta.press("enter", "space") // Pages, descending
	ta.press("a")
	ta.typeText("created")
	ta.press("enter") // created_time, the timestamp
	ta.press("a")
	ta.typeText("name")
	ta.press("enter", "K") // Name, moved above created_time
	s := ta.waitFor("3. created_time")
	if !strings.Contains(s, "2. Name") || !strings.Contains(s, "↓ descending") {
		t.Fatalf("the editor shows the wrong keys:\n%s", s)
	}
	ta.press("enter")
	ta.waitFor("sort Pages ↓, Name ↑, created_time ↑")
	s = ta.waitFor("60 rows · all loaded")
	jsonEqual(t, lastQueryBody(t, srv)["sorts"], `[{"property":"Pages","direction":"descending"},{"property":"Name","direction":"ascending"},{"timestamp":"created_time","direction":"ascending"}]`)
	first := strings.Split(s, "\n")[4]
	if !strings.Contains(first, "Introduction to Algorithms") {
		t.Errorf("the first row should be the longest book:\n%s", s)
	}
}

func TestEventLogStreams(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Latency: 5 * time.Millisecond})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	startDatabase(t, ta, "Event Log")
	// The first page shows while the rest streams in.
	s := waitLong(ta, "Webhook delivered")
	if !strings.Contains(s, "rows loaded · more coming") {
		t.Errorf("no progress while streaming:\n%s", s)
	}
	// Keys work during the stream.
	ta.press("down", "down", "down")
	if s := waitLong(ta, "row 4"); !strings.Contains(s, "more coming") {
		t.Log("the stream ended before the keys were seen; nothing shows they work during it")
	}
	ta.press("G")
	s = waitLong(ta, "12,000 rows · all loaded")
	ta.press("G")
	s = waitLong(ta, "row 12,000")
	if want := srv.PageCount(notiontest.DataSourceEventLog); want != 12000 {
		t.Fatalf("the sandbox holds %d rows", want)
	}
	// Every query read a created_time window, past the 10,000 cap.
	for _, q := range queries(srv) {
		if !bytes.Contains(q.Body, []byte("created_time")) {
			t.Errorf("a query without created_time bounds or sort: %s", q.Body)
		}
	}
}

func TestSortedQueryStopsAtTheCap(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 10050})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	startDatabase(t, ta, "Event Log")
	ta.waitFor("› Event Log")
	// Sorting at once stops the first read.
	ta.press("s", "a")
	ta.typeText("Latency")
	ta.press("enter", "enter")
	s := waitLong(ta, "stops a sorted query at 10,000")
	if !strings.Contains(s, "10,000 rows") {
		t.Errorf("the footer does not say how many rows:\n%s", s)
	}
}

// waitLong is waitFor for slow reads (10,000 rows under the race
// detector): it waits up to a minute.
func waitLong(ta *testApp, text string) string {
	ta.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		s := ta.screen()
		if strings.Contains(s, text) {
			return s
		}
		if time.Now().After(deadline) {
			ta.t.Fatalf("timed out waiting for %q:\n%s", text, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestLeavingCancelsTheStream(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Latency: 20 * time.Millisecond})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	startDatabase(t, ta, "Event Log")
	ta.waitFor("more coming")
	ta.press("esc")
	ta.waitGone("› Event Log")
	time.Sleep(100 * time.Millisecond)
	n := len(queries(srv))
	time.Sleep(300 * time.Millisecond)
	if m := len(queries(srv)); m != n {
		t.Errorf("%d queries were sent after leaving the database", m-n)
	}
	// A stream cut short is not cached: opening again reads again.
	ta.press("enter")
	ta.waitFor("more coming")
}

func TestOpenRowAndBackIsInstant(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	openDatabase(t, ta, "Reading List")
	ta.press("down", "enter")
	s := ta.waitFor("Martin Kleppmann")
	for _, want := range []string{"Designing Data-Intensive Applications", "● Finished", "databases", "Takeaways"} {
		if !strings.Contains(ta.waitFor(want), want) {
			t.Errorf("the preview lacks %q:\n%s", want, s)
		}
	}
	ta.settled()
	before := len(srv.Requests())
	ta.press("esc")
	ta.waitFor("60 rows · all loaded")
	ta.press("enter")
	ta.waitFor("Martin Kleppmann")
	ta.press("esc", "esc")
	ta.waitGone("› Reading List")
	ta.press("enter")
	ta.waitFor("60 rows · all loaded")
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("going back and forth sent %d requests; the session cache should answer", n)
	}
	// r reads again.
	ta.press("r")
	ta.waitFor("60 rows · all loaded")
	ta.settled()
	if len(queries(srv)) == 0 || len(srv.Requests()) == before {
		t.Error("r did not read the database again")
	}
}

func TestPreviewCopyAndOpen(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull, NoBrowser: true})
	openDatabase(t, ta, "Reading List")
	ta.press("enter")
	ta.waitFor("Takeaways")
	ta.press("c")
	pageID := ta.clipboard()
	if _, err := notionapi.ParseID(pageID); err != nil {
		t.Fatalf("c copied %q, not a page ID", pageID)
	}
	ta.waitFor("Copied the page ID " + pageID)
	ta.press("u")
	url := ta.clipboard()
	if !strings.HasPrefix(url, "https://www.notion.so/") || !strings.Contains(url, notionapi.CompactID(pageID)) {
		t.Errorf("u copied %q, not the page's URL", url)
	}
	ta.press("o")
	ta.waitFor("Open " + url + " in a browser")
	if got := ta.openedURLs(); len(got) != 1 || got[0] != url {
		t.Errorf("opened %v, want %s", got, url)
	}
}

func TestQueryHistory(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	openDatabase(t, ta, "Reading List")
	for _, expr := range []string{"Pages > 600", "Tags has rust", "Pages > 600"} {
		ta.press("/")
		for range 40 {
			ta.press("backspace")
		}
		ta.typeText(expr)
		ta.waitFor("✓ valid")
		ta.press("enter")
		ta.waitFor("filter " + expr)
		ta.waitFor("rows · all loaded")
	}
	path := filepath.Join(ta.dir, historyFile)
	var fi os.FileInfo
	deadline := time.Now().Add(5 * time.Second)
	for {
		var err error
		if fi, err = os.Stat(path); err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if fi == nil {
		t.Fatalf("no history file at %s", path)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the history file has mode %v, want 0600", fi.Mode().Perm())
	}
	h, err := readHistory(ta.dir)
	if err != nil {
		t.Fatal(err)
	}
	var exprs []string
	for _, e := range h.entries(notiontest.DataSourceReadingList) {
		exprs = append(exprs, e.Expr)
	}
	if strings.Join(exprs, "|") != "Pages > 600|Tags has rust" {
		t.Errorf("history %q, want the newest first without repeats", exprs)
	}

	// up recalls the newest expression, then the older one.
	ta.press("/")
	for range 40 {
		ta.press("backspace")
	}
	ta.press("up", "up")
	ta.waitFor("filter › Tags has rust")
	ta.press("down")
	ta.waitFor("filter › Pages > 600")
	ta.press("esc")

	// A new session recalls them from the file with H.
	ta2 := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	data, _ := os.ReadFile(path)
	if err := os.WriteFile(filepath.Join(ta2.dir, historyFile), data, 0o600); err != nil {
		t.Fatal(err)
	}
	openDatabase(t, ta2, "Reading List")
	ta2.press("H")
	s := ta2.waitFor("Earlier queries of Reading List")
	if !strings.Contains(s, "Tags has rust") {
		t.Fatalf("the history list lacks an entry:\n%s", s)
	}
	ta2.press("down", "enter")
	ta2.waitFor("filter Tags has rust")
	s = ta2.waitFor("rows · all loaded")
	if !strings.Contains(s, "Rust for Rustaceans") || strings.Contains(s, "Learning Go") {
		t.Errorf("the recalled filter did not run:\n%s", s)
	}
}

func TestRawJSONFilter(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	openDatabase(t, ta, "Reading List")
	ta.press("F")
	ta.waitFor("Raw JSON filter")
	ta.paste(`{"property": "Pages", "number": {"greater_than": 700,}}`)
	ta.press("ctrl+s")
	ta.waitFor("line 1, column")
	for range 3 {
		ta.press("backspace")
	}
	ta.typeText("}}")
	ta.press("ctrl+s")
	ta.waitFor(`filter JSON {"property":"Pages","number":{"greater_than":700}}`)
	ta.waitFor("5 rows · all loaded")
	jsonEqual(t, lastQueryBody(t, srv)["filter"], `{"property":"Pages","number":{"greater_than":700}}`)

	// Notion's validation error shows the guided fix with the filter typed.
	ta.press("F")
	ta.waitFor("Raw JSON filter")
	for range 80 {
		ta.press("backspace")
	}
	ta.paste(`{"property": "Nope", "number": {"greater_than": 1}}`)
	ta.press("ctrl+s")
	s := ta.waitFor("Your input")
	if !strings.Contains(s, `"Nope"`) {
		t.Errorf("the fix panel does not show the filter:\n%s", s)
	}
}

func TestRequestJSONPanelCopies(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	openDatabase(t, ta, "Reading List")
	ta.press("/")
	ta.typeText("Recommended")
	ta.press("enter")
	ta.waitFor("rows · all loaded")
	ta.press("J")
	ta.waitFor("POST /v1/data_sources/" + notiontest.DataSourceReadingList + "/query")
	ta.press("c")
	var body map[string]any
	if err := json.Unmarshal([]byte(ta.clipboard()), &body); err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, body["filter"], `{"property":"Recommended","checkbox":{"equals":true}}`)
	ta.press("esc")
	ta.press("i")
	ta.waitFor("Schema")
	for range 40 {
		ta.press("down")
	}
	s := ta.waitFor("Pages per day")
	for _, want := range []string{"formula", "= if(empty(prop(\"Finished\"))", "Page timestamps"} {
		if !strings.Contains(s, want) {
			t.Errorf("the schema panel lacks %q:\n%s", want, s)
		}
	}
}

func TestPageCreatedInsertsRow(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	openDatabase(t, ta, "Reading List")
	ta.settled()
	before := len(srv.Requests())
	pg := &notionapi.Page{ID: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", Properties: map[string]notionapi.PropertyValue{
		"Name":  notionapi.TitleValue("A Brand New Book"),
		"Pages": notionapi.NumberValue(123),
	}}
	ta.send(ui.PageCreatedMsg{DataSourceID: notiontest.DataSourceEventLog, Page: pg}) // another data source
	ta.send(ui.PageCreatedMsg{DataSourceID: notiontest.DataSourceReadingList, Page: pg})
	s := ta.waitFor("61 rows")
	if !strings.Contains(s, "A Brand New Book") || !strings.Contains(s, "row 61") {
		t.Errorf("the new row is not shown and selected:\n%s", s)
	}
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("inserting the row sent %d requests", n)
	}
}

func TestDatabaseViewUnder2022(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull, Version: notionapi.Version20220628})
	openDatabase(t, ta, "Reading List")
	s := ta.waitFor("60 rows · all loaded")
	if !strings.Contains(s, "database 1066159a") {
		t.Errorf("the title line does not name the database:\n%s", s)
	}
	ta.press("/")
	ta.typeText("Tags has rust")
	ta.press("enter")
	ta.waitFor("4 rows · all loaded")
	qs := queries(srv)
	if got := qs[len(qs)-1].Path; got != "/v1/databases/"+notiontest.DatabaseReadingList+"/query" {
		t.Errorf("queried %s, want the 2022-06-28 database endpoint", got)
	}
	ta.press("enter")
	ta.waitFor("Takeaways")
}

func TestQueryFailureShowsTheFixAndReloads(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	ta.waitFor("Reading List")
	srv.InjectFault(notiontest.Fault{Path: "/v1/data_sources/" + notiontest.DataSourceReadingList + "/query", Status: 503})
	ta.press("/")
	ta.typeText("Reading List")
	ta.press("enter", "enter")
	s := ta.waitFor("esc close")
	if !strings.Contains(s, "503") || !strings.Contains(s, "0 rows, then an error · r retries") {
		t.Errorf("the guided fix or the footer does not show the failure:\n%s", s)
	}
	ta.press("esc")
	ta.waitGone("esc close")
	ta.press("r")
	ta.waitFor("60 rows · all loaded")
}

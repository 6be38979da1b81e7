package dbview_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/app"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
	"github.com/notion-tui/notion-tui/tui/internal/dbview"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// exportTo opens the export of the current view and writes to path.
func exportTo(ta *apptest.App, path string) {
	ta.T.Helper()
	ta.Press("x")
	ta.WaitFor("File name")
	ta.Press("ctrl+u")
	ta.Type(path)
	ta.Press("enter")
}

// letRowsGo lets go the rows the table keeps whole: an export reads
// every row again.
func letRowsGo(ta *apptest.App) {
	ta.T.Helper()
	ta.Inspect(func(m *app.Model) { dbview.LetRowsGo(m.Top()) })
}

// sandboxRows reads a data source's rows oldest first, as a client
// outside the app sees them.
func sandboxRows(t *testing.T, srv *notiontest.Server, dsID string, filter string) []notionapi.Page {
	t.Helper()
	c := uitest.NewClient(t, srv.URL(), notiontest.TokenFull, notionapi.DefaultVersion, notionapi.Hooks{})
	p := notionapi.QueryParams{Sorts: []notionapi.Sort{{Timestamp: notionapi.CreatedTime, Direction: notionapi.Ascending}}}
	if filter != "" {
		p.Filter = json.RawMessage(filter)
	}
	var out []notionapi.Page
	for pg, err := range c.QueryAll(context.Background(), dsID, p) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, pg)
	}
	return out
}

func TestExportCSVMatchesTheSandbox(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	path := filepath.Join(t.TempDir(), "books.csv")
	exportTo(ta, path)
	ta.WaitFor("60 rows written to " + path)

	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := sandboxRows(t, srv, notiontest.DataSourceReadingList, "")
	if len(recs) != len(want)+1 {
		t.Fatalf("%d records, want a header and %d rows", len(recs), len(want))
	}
	header := strings.Join(recs[0], ",")
	if header != "Name,Author,Status,Pages,Rating,Tags,Started,Finished,Recommended,Link,Owner,Notes,Cover,Pages per day,Page ID,Page URL" {
		t.Errorf("header %q is not the schema order with the title first, then the page's ID and URL", header)
	}
	for i, pg := range want {
		rec := recs[i+1]
		if rec[0] != pg.Title() {
			t.Fatalf("row %d is %q, the sandbox's is %q (oldest first)", i+1, rec[0], pg.Title())
		}
		for j, name := range recs[0] {
			exp := notionapi.Cell(pg.Properties[name])
			switch v := pg.Properties[name]; {
			case name == "Page ID":
				exp = pg.ID
			case name == "Page URL":
				exp = pg.URL
			case v.Type == notionapi.PropDate && v.Date != nil:
				// The seed's dates have no time: ISO 8601, a range as
				// start/end.
				exp = v.Date.Start
				if v.Date.End != nil {
					exp += "/" + *v.Date.End
				}
			}
			if got := rec[j]; got != exp {
				t.Errorf("row %d %s = %q, want %q", i+1, name, got, exp)
			}
		}
	}
	// A value checked by hand against the seed.
	if got := strings.Join(recs[1], "|"); !strings.HasPrefix(got, "The Go Programming Language|Alan A. A. Donovan, Brian W. Kernighan|Finished|380|★★★★|go|") {
		t.Errorf("the first row is %q", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("the export is readable by others: %v", fi.Mode().Perm())
	}
}

func TestExportJSONWithFilterAsTheAPIReturnsIt(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	ta.Press("/")
	ta.Type("Tags has go")
	ta.Press("enter")
	ta.WaitFor("rows · all loaded")
	ta.Press("x")
	ta.WaitFor("File name")
	ta.Press("tab") // JSON: the name follows
	s := ta.WaitFor("reading-list-2026-11-02.json")
	if !strings.Contains(s, "Tags has go") {
		t.Errorf("the prompt does not say the filter applies:\n%s", s)
	}
	path := filepath.Join(t.TempDir(), "go-books.json")
	ta.Press("ctrl+u")
	ta.Type(path)
	ta.Press("enter")
	ta.WaitFor("written to " + path)

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, data)
	}
	want := sandboxRows(t, srv, notiontest.DataSourceReadingList, `{"property":"Tags","multi_select":{"contains":"go"}}`)
	if len(got) != len(want) || len(want) == 0 {
		t.Fatalf("%d pages exported, the sandbox matches %d", len(got), len(want))
	}
	for i, pg := range want {
		if got[i]["id"] != pg.ID || got[i]["object"] != "page" {
			t.Errorf("page %d is %v %v, want page %s", i, got[i]["object"], got[i]["id"], pg.ID)
		}
	}
	// Each element is the page exactly as the API answers it.
	api, _ := srv.Page(want[0].ID, "")
	a, _ := json.Marshal(api)
	g, _ := json.Marshal(got[0])
	if string(a) != string(g) {
		t.Errorf("the exported page differs from the API's:\n%s\n%s", g, a)
	}
}

func TestExportAsksBeforeOverwriting(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	path := filepath.Join(t.TempDir(), "books.csv")
	if err := os.WriteFile(path, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	exportTo(ta, path)
	ta.WaitFor(path + " exists.")
	ta.Press("n")
	s := ta.WaitFor("File name")
	if !strings.Contains(s, path) {
		t.Errorf("the name typed is lost:\n%s", s)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Fatalf("the file changed without confirmation: %q", b)
	}
	ta.Press("enter")
	ta.WaitFor(path + " exists.")
	ta.Press("y")
	// "60 rows written" shows while running too (into the temporary
	// file): wait for the end, which names the target.
	ta.WaitFor("60 rows written to " + path)
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "Name,Author") {
		t.Errorf("the file was not overwritten: %q", b)
	}
}

func TestExportErrorKeepsTheName(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	letRowsGo(ta) // the export reads, and the sandbox breaks
	path := filepath.Join(t.TempDir(), "no", "such", "folder", "books.csv")
	exportTo(ta, path)
	s := ta.WaitFor("does not exist")
	if !strings.Contains(s, "books.csv") {
		t.Errorf("the typed name is gone:\n%s", s)
	}
	// A failure half way (the sandbox breaks) leaves no file behind.
	dir := t.TempDir()
	srv.InjectFault(notiontest.Fault{Path: "/v1/data_sources", Status: 500, Times: 10})
	ta.Press("ctrl+u")
	ta.Type(filepath.Join(dir, "books.csv"))
	ta.Press("enter")
	// The export's own end: back at the name, with the error under it
	// (a 500 may show earlier in the status bar while reads are retried,
	// before the temporary file is removed).
	ta.WaitUntil("the export to fail", func(s string) bool {
		return strings.Contains(s, "File name") && strings.Contains(s, "500") && !strings.Contains(s, "rows written")
	})
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed export left %v behind", entries)
	}
}

func TestExportCancels(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 300})
	// Once the export starts, its second query waits at the gate: esc
	// comes while the export runs, whatever the load.
	var exporting atomic.Bool
	gate := apptest.NewGate(func(ri notionapi.RequestInfo) bool { return exporting.Load() && apptest.IsQuery(ri) }, 1)
	defer gate.Release()
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull, OnRequest: gate.OnRequest})
	apptest.OpenDatabase(t, ta, "Event Log")
	letRowsGo(ta) // the export reads
	dir := t.TempDir()
	exporting.Store(true)
	exportTo(ta, filepath.Join(dir, "events.json"))
	<-gate.Held()
	ta.Press("esc")
	ta.WaitFor("esc cancels") // still running: the held query has no answer
	gate.Release()
	// The temporary file is removed before the export reports its end,
	// so once the screen says so, nothing is left.
	ta.WaitFor("Export cancelled; nothing was written.")
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("a cancelled export left %v", names)
	}
	// The name is kept for another try.
	if s := ta.Screen(); !strings.Contains(s, "events.json") {
		t.Errorf("the name is lost:\n%s", s)
	}
}

// TestExportCSVRelationsByTitle: related pages are written by title in
// CSV, as the table shows them.
func TestExportCSVRelationsByTitle(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Tasks")
	path := filepath.Join(t.TempDir(), "tasks.csv")
	exportTo(ta, path)
	ta.WaitFor("150 rows written to " + path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(recs[0], "Project")
	if col < 0 || recs[1][0] != "Write login flow" || recs[1][col] != "Platform Reliability" {
		t.Errorf("the first task's project: %q (column %d)", recs[1], col)
	}
}

// TestExportWritesTheRowsLoadedWithoutAQuery: a table read whole is
// exported without a request, and the files are those an export that
// reads every row again writes (which it does once the rows kept are let
// go, saying why).
func TestExportWritesTheRowsLoadedWithoutAQuery(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	apptest.OpenDatabase(t, ta, "Reading List")
	dir := t.TempDir()
	export := func(name string, json bool, source string) []byte {
		t.Helper()
		path := filepath.Join(dir, name)
		ta.Press("x")
		s := ta.WaitFor("File name")
		if !strings.Contains(strings.Join(strings.Fields(s), " "), source) {
			t.Errorf("the export does not say %q:\n%s", source, s)
		}
		if json {
			ta.Press("tab")
		}
		ta.Press("ctrl+u")
		ta.Type(path)
		ta.Press("enter")
		ta.WaitFor("60 rows written to " + path)
		ta.Press("enter")
		ta.WaitGone("written to")
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	queries := len(apptest.Queries(srv))
	csvMem := export("mem.csv", false, "nothing is read again")
	jsonMem := export("mem.json", true, "nothing is read again")
	if n := len(apptest.Queries(srv)); n != queries {
		t.Errorf("exporting the rows loaded sent %d queries", n-queries)
	}
	letRowsGo(ta)
	csvRead := export("read.csv", false, "Reads again: its rows were let go for a later read")
	if n := len(apptest.Queries(srv)); n == queries {
		t.Error("the export of rows let go sent no query")
	}
	jsonRead := export("read.json", true, "Reads again")
	if string(csvMem) != string(csvRead) {
		t.Errorf("the CSV of the rows loaded differs from the CSV read again:\n%s\n---\n%s", csvMem, csvRead)
	}
	if string(jsonMem) != string(jsonRead) {
		t.Errorf("the JSON of the rows loaded differs from the JSON read again")
	}
	if !strings.HasPrefix(string(csvMem), "Name,Author") || !strings.HasPrefix(string(jsonMem), "[\n  {") {
		t.Errorf("the exports are %.40q and %.40q", csvMem, jsonMem)
	}
	// A sorted query (pages of a cursor, not the windowed read) is kept
	// whole too.
	ta.Press("s", "a")
	ta.Type("pages")
	ta.Press("enter", "space", "enter") // Pages, descending
	ta.WaitFor("sort Pages ↓")
	ta.WaitFor("60 rows · all loaded")
	queries = len(apptest.Queries(srv))
	sortedMem := export("sorted-mem.json", true, "nothing is read again")
	if n := len(apptest.Queries(srv)); n != queries {
		t.Errorf("exporting the sorted rows loaded sent %d queries", n-queries)
	}
	letRowsGo(ta)
	if sortedRead := export("sorted-read.json", true, "Reads again"); string(sortedMem) != string(sortedRead) {
		t.Error("the sorted JSON of the rows loaded differs from the one read again")
	}
	if string(sortedMem) == string(jsonMem) {
		t.Error("the sorted export is in creation order")
	}
}

package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/keyringtest"
	"github.com/notion-tui/notion-tui/internal/viewprefs"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

func TestViewsListsADatabasesViews(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 50})
	r := queryCLI(t, srv, notiontest.TokenFull, "views", demoViewLink, "--format", "csv")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Name", "Type", "Filter", "Sorts", "Columns", "ID", "Link"},
		{"Table", "table", "", "", "17 of 17", notiontest.ViewTasksAll, "https://www.notion.so/Tasks-" + demoTasks + "?v=" + notionapi.CompactID(notiontest.ViewTasksAll)},
		{"Open work", "table", "Status != Done and Done = false", "Priority, Due", "7 of 17", notiontest.ViewTasksOpen, demoViewLink},
		{"Board", "board", "", "", "4 of 17", notiontest.ViewTasksBoard, "https://www.notion.so/Tasks-" + demoTasks + "?v=" + notionapi.CompactID(notiontest.ViewTasksBoard)},
	}
	if !slices.EqualFunc(recs, want, slices.Equal[[]string]) {
		t.Errorf("views:\n%q\nwant\n%q", recs, want)
	}

	// JSON: the view objects as the API returned them; a data source ID
	// lists that data source's views.
	r = queryCLI(t, srv, notiontest.TokenFull, "views", notiontest.DataSourceEventLog, "--json")
	var views []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &views); err != nil || r.code != 0 {
		t.Fatalf("exit %d, %v: %s%s", r.code, err, r.stdout, r.stderr)
	}
	if len(views) != 2 || views[1]["name"] != "Errors" || views[1]["filter"] == nil || views[1]["configuration"] == nil {
		t.Errorf("views of the Event Log: %v", views)
	}
}

func TestViewsUnderOlderVersionsAreTheSavedOnes(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	vars := map[string]string{"NOTION_TOKEN": notiontest.TokenFull, "NOTION_BASE_URL": srv.URL(), "NOTION_VERSION": "2022-06-28", "NOTION_RATE": "1000"}
	r := runWith(t, vars, "views", demoTasks)
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "no saved views: Notion-Version 2022-06-28 has no views API") {
		t.Errorf("views: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runWith(t, vars, "query", demoViewLink)
	if r.code != 1 || !strings.Contains(r.stderr, "views need Notion-Version 2025-09-03 or later") {
		t.Errorf("a view link: exit %d: %s", r.code, r.stderr)
	}
	r = runWith(t, vars, "query", demoTasks, "--view", "Board")
	if r.code != 2 || !strings.Contains(r.stderr, "no saved view of this database exists") {
		t.Errorf("--view: exit %d: %s", r.code, r.stderr)
	}
	for _, req := range srv.Requests() {
		if strings.HasPrefix(req.Path, "/v1/views") {
			t.Errorf("sent %s %s under 2022-06-28", req.Method, req.Path)
		}
	}
}

// runIn runs the command line with a config folder of the test's.
func runIn(t *testing.T, dir string, vars map[string]string, args ...string) queryRun {
	t.Helper()
	var out, errOut strings.Builder
	env := &Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		LookupEnv:       func(k string) (string, bool) { v, ok := vars[k]; return v, ok },
		Now:             func() time.Time { return time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC) },
		ConfigDir:       dir,
		keyring:         keyringtest.New(),
		TermWidth:       func() (int, bool) { return 0, false },
		StdinIsTerminal: func() bool { return false },
	}
	return queryRun{Main(args, env), out.String(), errOut.String()}
}

func TestSavedViews(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	dir := t.TempDir()
	_, err := viewprefs.Update(dir, notiontest.DatabaseReadingList, func(p *viewprefs.Prefs) error {
		return p.SaveView(viewprefs.SavedView{
			Name: "Long books", Filter: "Pages > 500",
			Sorts:   []notionapi.Sort{{Property: "Pages", Direction: notionapi.Descending}},
			Columns: []viewprefs.Column{{Name: "Pages"}, {Name: "Status"}},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, version := range []string{"2022-06-28", "2025-09-03"} {
		vars := map[string]string{"NOTION_TOKEN": notiontest.TokenFull, "NOTION_BASE_URL": srv.URL(), "NOTION_VERSION": version, "NOTION_RATE": "1000"}
		id := notiontest.DatabaseReadingList
		r := runIn(t, dir, vars, "views", id, "--format", "csv")
		if r.code != 0 || !strings.Contains(r.stdout, "Long books,saved,Pages > 500,Pages:desc,3 of ") {
			t.Errorf("%s views: exit %d\n%s%s", version, r.code, r.stdout, r.stderr)
		}
		r = runIn(t, dir, vars, "query", id, "--view", "long books", "--format", "csv")
		if r.code != 0 || !strings.HasPrefix(r.stdout, "Name,Pages,Status\n") {
			t.Fatalf("%s query --view: exit %d\n%s%s", version, r.code, r.stdout, r.stderr)
		}
		recs, _ := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		last := 1e9
		for _, rec := range recs[1:] {
			var pages float64
			if _, err := fmt.Sscan(strings.ReplaceAll(rec[1], ",", ""), &pages); err != nil || pages <= 500 || pages > last {
				t.Errorf("%s: row %q out of the view or its order", version, rec)
			}
			last = pages
		}
		if len(recs) < 3 {
			t.Errorf("%s: %d rows", version, len(recs)-1)
		}
	}
}

// viewOrder is the order of a view's rows as Notion's view query gives it.
func viewOrder(t *testing.T, srv *notiontest.Server, viewID string) []string {
	t.Helper()
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for ref, err := range c.ViewQueryAll(context.Background(), viewID) {
		if err != nil && !errors.Is(err, notionapi.ErrResultLimit) {
			t.Fatal(err)
		}
		if err == nil {
			ids = append(ids, ref.ID)
		}
	}
	return ids
}

func ndjsonIDs(t *testing.T, out string) []string {
	t.Helper()
	var ids []string
	for line := range strings.Lines(out) {
		var row struct {
			ID         string                     `json:"id"`
			Properties map[string]json.RawMessage `json:"properties"`
		}
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatalf("%v: %q", err, line)
		}
		ids = append(ids, row.ID)
	}
	return ids
}

func TestQueryAViewLink(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 50})
	want := viewOrder(t, srv, notiontest.ViewTasksOpen)
	r := queryCLI(t, srv, notiontest.TokenFull, "query", demoViewLink, "--all", "--format", "csv")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if head := []string{"Task", "Status", "Priority", "Assignee", "Due", "Project", "ID"}; !slices.Equal(recs[0], head) {
		t.Errorf("columns %q, want the view's %q", recs[0], head)
	}
	if len(recs)-1 != len(want) {
		t.Errorf("%d rows, the view holds %d", len(recs)-1, len(want))
	}
	for _, rec := range recs[1:] {
		if rec[1] == "Done" {
			t.Errorf("a Done task passed the view's filter: %q", rec)
		}
	}
	// The query sent: the view's filter and sorts, the visible columns only.
	body := lastQuery(t, srv)
	if body["filter"] == nil || len(body["sorts"].([]any)) != 2 {
		t.Errorf("query body %v", body)
	}
	var props []string
	for _, req := range srv.Requests() {
		if strings.HasSuffix(req.Path, "/query") {
			props = strings.Split(req.RawQuery, "&")
		}
	}
	if len(props) != 7 {
		t.Errorf("filter_properties %v: want the 7 columns", props)
	}

	// JSON rows come in the view's order and carry only its columns.
	r = queryCLI(t, srv, notiontest.TokenFull, "query", demoTasks, "--view", "open WORK", "--all", "--format", "ndjson")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got := ndjsonIDs(t, r.stdout); !slices.Equal(got, want) {
		t.Errorf("rows %v\nwant the view query's %v", got, want)
	}
	if strings.Contains(r.stdout, `"Estimate"`) {
		t.Error("a hidden column was downloaded")
	}

	// A board: the title, then the card properties.
	r = queryCLI(t, srv, notiontest.TokenFull, "query", demoTasks, "--view", notiontest.ViewTasksBoard, "--limit", "2", "--format", "csv")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Task,Assignee,Priority,Due\n") || !strings.Contains(r.stderr, "2 rows shown; more match") {
		t.Errorf("board: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestQueryAViewRefusesWhatItCannotDo(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"query", demoViewLink, "--filter", "Done"}, "a view brings its own filter and sorts"},
		{[]string{"query", demoTasks, "--view", "Board", "--sort", "Due"}, "a view brings its own filter and sorts"},
		{[]string{"query", demoTasks, "--view", "Bord"}, `no such view (did you mean "Board"?)`},
		{[]string{"query", demoEventLog, "--view", notiontest.ViewTasksBoard}, "belongs to another database"},
	} {
		r := queryCLI(t, srv, notiontest.TokenFull, tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("%v: exit %d, stderr %q", tc.args, r.code, r.stderr)
		}
	}
}

// A view past the cap: every row by the windowed read, sorted here in
// the order Notion gives the first rows, and stderr says so.
func TestQueryAViewPastTheCap(t *testing.T) {
	t.Parallel()
	const limit = 40
	srv := notiontest.Start(t, notiontest.Options{Rows: 1200, ResultCap: limit, ImportBatch: 20})
	first := viewOrder(t, srv, notiontest.ViewEventLogErrors)
	if len(first) != limit {
		t.Fatalf("the view query returned %d rows; want the cap, %d", len(first), limit)
	}
	log := filepath.Join(t.TempDir(), "debug.log")
	r := queryCLI(t, srv, notiontest.TokenFull, "--debug-log", log, "query", demoEventLog, "--view", "Errors", "--all", "--format", "ndjson")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := ndjsonIDs(t, r.stdout)
	if len(got) <= limit || !slices.Equal(got[:limit], first) {
		t.Errorf("%d rows; the first %d differ from Notion's order", len(got), limit)
	}
	seen := map[string]bool{}
	for _, id := range got {
		if seen[id] {
			t.Fatalf("row %s twice", id)
		}
		seen[id] = true
	}
	if !strings.Contains(r.stderr, `view "Errors" holds more than 40 rows`) || !strings.Contains(r.stderr, "sorted here") {
		t.Errorf("stderr %q", r.stderr)
	}
	b, _ := os.ReadFile(log)
	if !strings.Contains(string(b), `msg="view read"`) || !strings.Contains(string(b), "path=windowed") || !strings.Contains(string(b), "sorted_here=true") {
		t.Errorf("debug log:\n%s", b)
	}

	// Without --all, one sorted query; when it stops at the cap before
	// the limit, the read fails rather than print a silent part.
	r = queryCLI(t, srv, notiontest.TokenFull, "query", demoEventLog, "--view", "Errors", "--limit", "100", "--format", "ndjson")
	if r.code != 1 || len(ndjsonIDs(t, r.stdout)) != limit {
		t.Errorf("a capped limited read: exit %d, %d rows, stderr %q", r.code, len(ndjsonIDs(t, r.stdout)), r.stderr)
	}
}

package cli

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/memlimit"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// jsonRows decodes a JSON array of objects.
func jsonRows(t *testing.T, out string) []map[string]any {
	t.Helper()
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("not a JSON array (%v):\n%s", err, out)
	}
	return rows
}

// ndjsonRows decodes one JSON object per line.
func ndjsonRows(t *testing.T, out string) []map[string]any {
	t.Helper()
	var rows []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d is not a JSON object (%v): %s", len(rows)+1, err, sc.Text())
		}
		rows = append(rows, m)
	}
	return rows
}

// uniqueIDs fails when a row is printed twice and returns the IDs in order.
func uniqueIDs(t *testing.T, rows []map[string]any) []string {
	t.Helper()
	seen := map[string]bool{}
	var ids []string
	for _, r := range rows {
		id, _ := r["id"].(string)
		if seen[id] {
			t.Fatalf("row %s printed twice", id)
		}
		seen[id] = true
		ids = append(ids, id)
	}
	return ids
}

// watchdog fails the test if run does not return within d: a read that
// loops forever must not hang the suite.
func watchdog(t *testing.T, d time.Duration, run func() queryRun) queryRun {
	t.Helper()
	done := make(chan queryRun, 1)
	go func() { done <- run() }()
	select {
	case r := <-done:
		return r
	case <-time.After(d):
		t.Fatalf("still running after %s: the read does not end", d)
		return queryRun{}
	}
}

func TestQueryLimitSaysWhenMoreRowsMatch(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 250})
	for _, tc := range []struct {
		limit string
		rows  int
		note  bool
	}{
		{"", 100, true}, {"249", 249, true}, {"250", 250, false}, {"1000", 250, false}, {"7", 7, true},
	} {
		args := []string{"query", notiontest.DataSourceEventLog, "--format", "csv"}
		if tc.limit != "" {
			args = append(args, "--limit", tc.limit)
		}
		r := queryCLI(t, srv, notiontest.TokenFull, args...)
		recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if r.code != 0 || err != nil || len(recs) != tc.rows+1 {
			t.Fatalf("--limit %q: exit %d, %d records (%v); want %d rows\n%s", tc.limit, r.code, len(recs), err, tc.rows, r.stderr)
		}
		note := strings.Contains(r.stderr, tc.limit+" rows shown; more match: use --all for every row, or --limit N.")
		if tc.limit == "" {
			note = strings.Contains(r.stderr, "100 rows shown; more match")
		}
		if note != tc.note {
			t.Errorf("--limit %q: note %v, want %v; stderr %q", tc.limit, note, tc.note, r.stderr)
		}
	}
}

// TestQueryDefaultOrderIsTheApps: without --sort, rows come oldest first,
// the order of the app's windowed read, and the request says so.
func TestQueryDefaultOrderIsTheApps(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 50})
	r := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceReadingList, "--json", "--limit", "1000")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := uniqueIDs(t, jsonRows(t, r.stdout))
	if sorts, _ := json.Marshal(lastQuery(t, srv)["sorts"]); string(sorts) != `[{"direction":"ascending","timestamp":"created_time"}]` {
		t.Errorf("sorts sent: %s", sorts)
	}
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for row, err := range c.ReadAllRaw(context.Background(), notiontest.DataSourceReadingList, notionapi.QueryParams{}, notionapi.ReadAllOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, row.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("query order differs from the app's (ReadAll):\n got %v\nwant %v", got, want)
	}
	all := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceReadingList, "--json", "--all")
	if ids := uniqueIDs(t, jsonRows(t, all.stdout)); !slices.Equal(ids, want) {
		t.Errorf("--all order differs from the app's")
	}
}

// TestQueryAllSortReadsPastTheCap reads the 10,050 rows of the Event Log,
// past the 10,000-results cap of a sorted query, and sorts them locally,
// in the order the server gives to the rows it can sort.
func TestQueryAllSortReadsPastTheCap(t *testing.T) {
	t.Parallel()
	// A cap of 300 results a query stands for Notion's 10,000.
	const rows, limit = 350, 300
	srv := notiontest.Start(t, notiontest.Options{Rows: rows, ResultCap: limit})
	r := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceEventLog, "--all", "--sort", "Latency ms:desc", "--format", "ndjson")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	printed := ndjsonRows(t, r.stdout)
	ids := uniqueIDs(t, printed)
	if len(ids) != rows {
		t.Fatalf("%d rows, want %d", len(ids), rows)
	}
	latency := func(row map[string]any) (float64, bool) {
		v, ok := row["properties"].(map[string]any)["Latency ms"].(map[string]any)["number"].(float64)
		return v, ok
	}
	prev, prevOK := latency(printed[0])
	for i, row := range printed[1:] {
		v, ok := latency(row)
		if prevOK && ok && v > prev || !prevOK && ok {
			t.Fatalf("row %d: latency %v after %v (empty %v): not descending with empties last", i+1, v, prev, !prevOK)
		}
		prev, prevOK = v, ok
	}
	// The server sorts the first results itself: the first page agrees.
	server := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceEventLog, "--sort", "Latency ms:desc", "--limit", "100", "--format", "ndjson")
	if want := uniqueIDs(t, ndjsonRows(t, server.stdout)); !slices.Equal(ids[:100], want) {
		t.Errorf("the local sort differs from the server's in the first 100 rows")
	}
	if strings.Contains(r.stderr, "more match") {
		t.Errorf("--all says more rows match: %s", r.stderr)
	}
	// The top 5 of every row, and api --paginate stopped by the cap.
	top := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceEventLog, "--all", "--sort", "Latency ms:desc", "--limit", "5", "--format", "ndjson")
	if got := uniqueIDs(t, ndjsonRows(t, top.stdout)); !slices.Equal(got, ids[:5]) || !strings.Contains(top.stderr, "the first 5 of 350 rows shown") {
		t.Errorf("--all --sort --limit 5: %v\n%s", got, top.stderr)
	}
	api := queryCLI(t, srv, notiontest.TokenFull, "api", "POST", "data_sources/"+notiontest.DataSourceEventLog+"/query", "--data", "{}", "--paginate")
	var capped struct {
		Results       []json.RawMessage     `json:"results"`
		RequestStatus struct{ Type string } `json:"request_status"`
	}
	if err := json.Unmarshal([]byte(api.stdout), &capped); err != nil || api.code != 1 || len(capped.Results) != limit ||
		capped.RequestStatus.Type != "incomplete" || !strings.Contains(api.stderr, "the list is incomplete") {
		t.Errorf("api --paginate past the cap: exit %d, %d results, %+v (%v)\n%s", api.code, len(capped.Results), capped.RequestStatus, err, api.stderr)
	}
}

// TestReadsFailingHalfWayKeepValidOutput: a failure after some rows were
// printed exits 1, closes the JSON, and says the output is incomplete.
func TestReadsFailingHalfWayKeepValidOutput(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		args   []string
		suffix string
		check  func(t *testing.T, out string) int
	}{
		{"query json", []string{"query", notiontest.DataSourceEventLog, "--limit", "250", "--json"}, "/query",
			func(t *testing.T, out string) int { return len(uniqueIDs(t, jsonRows(t, out))) }},
		{"query ndjson", []string{"query", notiontest.DataSourceEventLog, "--limit", "250", "--format", "ndjson"}, "/query",
			func(t *testing.T, out string) int { return len(uniqueIDs(t, ndjsonRows(t, out))) }},
		{"query csv", []string{"query", notiontest.DataSourceEventLog, "--limit", "250", "--format", "csv"}, "/query",
			func(t *testing.T, out string) int {
				recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				return len(recs) - 1
			}},
		{"query --all json", []string{"query", notiontest.DataSourceEventLog, "--all", "--json"}, "/query",
			func(t *testing.T, out string) int { return len(uniqueIDs(t, jsonRows(t, out))) }},
		{"search json", []string{"search", "--limit", "150", "--json"}, "/v1/search",
			func(t *testing.T, out string) int { return len(uniqueIDs(t, jsonRows(t, out))) }},
		{"api --paginate", []string{"api", "POST", "data_sources/" + notiontest.DataSourceEventLog + "/query", "--data", "{}", "--paginate"}, "/query",
			func(t *testing.T, out string) int {
				var l struct {
					Results    []map[string]any `json:"results"`
					HasMore    bool             `json:"has_more"`
					NextCursor *string          `json:"next_cursor"`
				}
				if err := json.Unmarshal([]byte(out), &l); err != nil {
					t.Fatalf("not JSON (%v):\n%s", err, out)
				}
				if !l.HasMore || l.NextCursor == nil || *l.NextCursor == "" {
					t.Errorf("has_more %v, next_cursor %v: a failed read must say where to go on from", l.HasMore, l.NextCursor)
				}
				return len(uniqueIDs(t, l.Results))
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url, _ := wrapped(t, notiontest.Options{Rows: 250}, failNth(2, tc.suffix))
			r := runAt(t, url, notiontest.TokenFull, tc.args...)
			if r.code != 1 {
				t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
			}
			n := tc.check(t, r.stdout)
			if !strings.Contains(r.stderr, "injected failure half-way") {
				t.Errorf("stderr does not quote Notion's error:\n%s", r.stderr)
			}
			if n > 0 && !strings.Contains(r.stderr, "The output is incomplete: ") {
				t.Errorf("%d rows printed, but stderr does not say the output is incomplete:\n%s", n, r.stderr)
			}
		})
	}
}

// TestReadsStopOnEndlessPagination: a server that always says has_more
// with the same cursor ends every read with an error, valid output, and
// no row twice.
func TestReadsStopOnEndlessPagination(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		args  []string
		count func(t *testing.T, out string) int
	}{
		{"query --limit", []string{"query", notiontest.DataSourceEventLog, "--limit", "1000", "--json"},
			func(t *testing.T, out string) int { return len(uniqueIDs(t, jsonRows(t, out))) }},
		{"query --all", []string{"query", notiontest.DataSourceEventLog, "--all", "--format", "ndjson"},
			func(t *testing.T, out string) int { return len(uniqueIDs(t, ndjsonRows(t, out))) }},
		{"query --all --sort", []string{"query", notiontest.DataSourceEventLog, "--all", "--sort", "Level", "--json"},
			func(t *testing.T, out string) int { return len(uniqueIDs(t, jsonRows(t, out))) }},
		{"users", []string{"users", "--json"},
			func(t *testing.T, out string) int { return len(uniqueIDs(t, jsonRows(t, out))) }},
		{"search", []string{"search", "--all", "--json"},
			func(t *testing.T, out string) int { return len(uniqueIDs(t, jsonRows(t, out))) }},
		{"databases", []string{"databases", "--format", "ndjson"},
			func(t *testing.T, out string) int { return len(uniqueIDs(t, ndjsonRows(t, out))) }},
		{"api --paginate", []string{"api", "users", "--paginate"},
			func(t *testing.T, out string) int {
				var l struct {
					Results []map[string]any `json:"results"`
				}
				if err := json.Unmarshal([]byte(out), &l); err != nil {
					t.Fatalf("not JSON (%v):\n%s", err, out)
				}
				return len(uniqueIDs(t, l.Results))
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url, _ := wrapped(t, notiontest.Options{Rows: 250}, endlessPages)
			r := watchdog(t, time.Minute, func() queryRun { return runAt(t, url, notiontest.TokenFull, tc.args...) })
			if r.code != 1 {
				t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
			}
			tc.count(t, r.stdout)
			if !strings.Contains(r.stderr, "rather than go on forever") && !strings.Contains(r.stderr, "rather than print a row twice") {
				t.Errorf("stderr does not explain the stop:\n%s", r.stderr)
			}
		})
	}
}

// TestMistakesAreRefusedBeforeAnyRequest: what the command line can judge
// by itself costs no request.
func TestMistakesAreRefusedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	for _, args := range [][]string{
		{"query", notiontest.DataSourceReadingList, "--filter", "Status = Done and Pages >"},
		{"query", notiontest.DataSourceReadingList, "--filter", "(Status = Done"},
		{"query", notiontest.DataSourceReadingList, "--filter-json", `{"property":`},
		{"query", notiontest.DataSourceReadingList, "--sort", "Pages:upwards"},
		{"query", "https://example.com/not-notion", "--limit", "3"},
		{"query", notiontest.DataSourceReadingList, "--limit", "-1"},
		{"search", "--type", "comment"},
		{"api", "GET", "users", "--query", "page_size"},
		{"page", "not-an-id"},
		{"create", notiontest.DataSourceTasks, "--set", "no equals sign"},
	} {
		srv.ResetRequests()
		r := queryCLI(t, srv, notiontest.TokenFull, args...)
		if r.code != 2 {
			t.Errorf("%q: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
		if n := len(srv.Requests()); n != 0 {
			t.Errorf("%q: %d requests sent before refusing", args, n)
		}
	}
	r := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceReadingList, "--filter", "Pages >")
	if want := "notion-tui: --filter: col 8: expected a value after \">\", found end of input\n\n  Pages >\n         ^\n"; r.stderr != want {
		t.Errorf("stderr %q\nwant   %q", r.stderr, want)
	}
}

// limitWriter records the runtime's memory limit at each write.
type limitWriter struct {
	strings.Builder
	limits []int64
}

func (w *limitWriter) Write(p []byte) (int, error) {
	w.limits = append(w.limits, debug.SetMemoryLimit(-1))
	return w.Builder.Write(p)
}

// TestQueryAllReadsUnderAMemoryLimit: while query --all reads, the
// runtime's memory limit follows the live heap (memlimit.ReadFloor), so
// that the rows it reads ahead do not double the heap; the limit there
// was comes back when the read ends, also when the rows are sorted. It
// changes the process's limit: not parallel.
func TestQueryAllReadsUnderAMemoryLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "") // empty is unset, for the runtime too
	srv := notiontest.Start(t, notiontest.Options{Rows: 600})
	vars := map[string]string{"NOTION_TOKEN": notiontest.TokenFull, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"}
	before := debug.SetMemoryLimit(-1)
	for _, sort := range [][]string{nil, {"--sort", "Latency ms:desc"}} {
		out, errOut := &limitWriter{}, &strings.Builder{}
		args := append([]string{"query", notiontest.DataSourceEventLog, "--all", "--format", "ndjson"}, sort...)
		if code := Main(args, testEnv(t, vars, terminal{stdoutPipe: true}, out, errOut)); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, errOut)
		}
		if n := strings.Count(out.String(), "\n"); n != 600 {
			t.Fatalf("%v: %d rows, want 600", args, n)
		}
		// Sorted rows are written once every row is read (from a spool).
		if sort == nil && (len(out.limits) == 0 || out.limits[0] == before || out.limits[0] < memlimit.ReadFloor) {
			t.Errorf("%v: the limit at the first row written is %v (before the read: %d), want one that follows the live heap", args, out.limits[:min(1, len(out.limits))], before)
		}
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Fatalf("%v: after the read the limit is %d, want the one before, %d", args, got, before)
		}
	}
}

package cli

import (
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// queryRun is what one run of the command line left.
type queryRun struct {
	code           int
	stdout, stderr string
}

// queryCLI runs notion-tui with args against the sandbox as token.
func queryCLI(t *testing.T, srv *notiontest.Server, token string, args ...string) queryRun {
	t.Helper()
	return runWith(t, map[string]string{"NOTION_TOKEN": token, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"}, args...)
}

// lastQuery decodes the body of the last query the sandbox received.
func lastQuery(t *testing.T, srv *notiontest.Server) map[string]any {
	t.Helper()
	var body map[string]any
	for _, r := range srv.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/query") {
			body = nil
			if err := json.Unmarshal(r.Body, &body); err != nil {
				t.Fatal(err)
			}
		}
	}
	if body == nil {
		t.Fatal("no query was sent")
	}
	return body
}

func TestQueryFilterExpression(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 50})
	r := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceReadingList,
		"--filter", `Status = Finished and (Pages > 600 or Tags has go)`, "--sort", "Pages:desc", "--format", "csv")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, rec := range recs[1:] {
		titles = append(titles, rec[0])
	}
	got := strings.Join(titles, "|")
	if !strings.HasPrefix(got, "Introduction to Algorithms|The Art of Computer Programming, Vol. 1|") || !strings.Contains(got, "Learning Go") || strings.Contains(got, "Concurrency in Go") {
		t.Errorf("rows %s", got)
	}
	b, _ := json.Marshal(lastQuery(t, srv)["filter"])
	want := `{"and":[{"property":"Status","status":{"equals":"Finished"}},{"or":[{"number":{"greater_than":600},"property":"Pages"},{"multi_select":{"contains":"go"},"property":"Tags"}]}]}`
	if string(b) != want {
		t.Errorf("filter sent %s\nwant %s", b, want)
	}
}

func TestQueryFilterNamesPeople(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 50})
	r := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceReadingList,
		"--filter", `Owner has "Priya Raman"`, "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, _ := json.Marshal(lastQuery(t, srv)["filter"])
	if want := `{"people":{"contains":"` + notiontest.UserPriyaRaman + `"},"property":"Owner"}`; string(b) != want {
		t.Errorf("filter sent %s, want %s", b, want)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) == 0 {
		t.Fatalf("no rows (%v): %s", err, r.stdout)
	}
}

func TestQueryFilterErrors(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 50})
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"compile error with caret", []string{"--filter", "Status = Done and Pages > 3"},
			[]string{`notion-tui: --filter: col 10: unknown option "Done"`, "  Status = Done and Pages > 3\n           ^"}},
		{"missing value at the end", []string{"--filter", "Pages >"},
			[]string{"col 8: expected a value", "  Pages >\n         ^"}},
		{"unknown person without the capability", []string{"--filter", "Owner has Nobody"},
			[]string{`unknown user "Nobody"`}},
		{"both filters", []string{"--filter", "Done", "--filter-json", "{}"},
			[]string{"--filter and --filter-json exclude each other"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := queryCLI(t, srv, notiontest.TokenNoUserInfo, append([]string{"query", notiontest.DataSourceReadingList}, tc.args...)...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2; stderr:\n%s", r.code, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			if r.stdout != "" {
				t.Errorf("rows printed after an error: %q", r.stdout)
			}
		})
	}
}

// checkQueryRequests fails unless the sandbox got the requests want
// ("METHOD path status"), in order but for the schema read sent alongside
// the first page, which may come before or after it.
func checkQueryRequests(t *testing.T, srv *notiontest.Server, want []string) {
	t.Helper()
	var got []string
	for _, q := range srv.Requests() {
		got = append(got, q.Method+" "+q.Path+" "+strconv.Itoa(q.Status))
	}
	if len(got) >= 2 && strings.HasPrefix(got[1], "GET /v1/data_sources/") && strings.HasPrefix(got[0], "POST ") {
		got[0], got[1] = got[1], got[0]
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// An ID that is no visible table's is asked once as each kind: the query
// (and the schema read alongside it) as a data source's, then as a
// database's, and the error names the sharing fix for both.
func TestQueryOfAnUnsharedIDAsksEachKindOnce(t *testing.T) {
	t.Parallel()
	id := notiontest.DatabaseUnshared
	for _, tc := range []struct {
		format string
		want   []string
	}{
		// The token comes from the environment: its kind, which words the
		// fix, is asked last (TestRefusalsNameTheKindOfAnUnrecordedToken).
		{"json", []string{
			"POST /v1/data_sources/" + id + "/query 404",
			"GET /v1/databases/" + id + " 404",
			"GET /v1/users/me 200",
		}},
		{"csv", []string{
			"GET /v1/data_sources/" + id + " 404",
			"POST /v1/data_sources/" + id + "/query 404",
			"GET /v1/databases/" + id + " 404",
			"GET /v1/users/me 200",
		}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			t.Parallel()
			srv := notiontest.Start(t, notiontest.Options{Rows: 10})
			r := queryCLI(t, srv, notiontest.TokenFull, "query", id, "--format", tc.format)
			if r.code != 1 || !strings.Contains(r.stderr, "tried both as a database and as a data source") {
				t.Fatalf("exit %d\nstderr %s", r.code, r.stderr)
			}
			checkQueryRequests(t, srv, tc.want)
		})
	}
}

// A data source's ID is queried at once, so the first row comes after one
// round trip: rows as JSON need no schema, and columns take it from a
// read sent alongside the first page. A database's ID is answered 404
// there and then resolved; a link's is asked as a database first.
func TestQueryAsksOnlyWhatTheOutputNeeds(t *testing.T) {
	t.Parallel()
	query := "/v1/data_sources/" + notiontest.DataSourceReadingList + "/query"
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"JSON of a data source", []string{notiontest.DataSourceReadingList, "--format", "ndjson"},
			[]string{"POST " + query + " 200"}},
		{"JSON of a database", []string{notiontest.DatabaseReadingList, "--format", "json"}, []string{
			"POST /v1/data_sources/" + notiontest.DatabaseReadingList + "/query 404",
			"GET /v1/databases/" + notiontest.DatabaseReadingList + " 200",
			"GET /v1/data_sources/" + notiontest.DataSourceReadingList + " 200",
			"POST " + query + " 200",
		}},
		{"JSON of a database's link", []string{"https://www.notion.so/acme/" + strings.ReplaceAll(notiontest.DatabaseReadingList, "-", ""), "--format", "json"}, []string{
			"GET /v1/databases/" + notiontest.DatabaseReadingList + " 200",
			"GET /v1/data_sources/" + notiontest.DataSourceReadingList + " 200",
			"POST " + query + " 200",
		}},
		{"CSV of a data source", []string{notiontest.DataSourceReadingList, "--format", "csv", "--relations", "ids"}, []string{
			"GET /v1/data_sources/" + notiontest.DataSourceReadingList + " 200",
			"POST " + query + " 200",
		}},
		{"CSV of a database", []string{notiontest.DatabaseReadingList, "--format", "csv"}, []string{
			"GET /v1/data_sources/" + notiontest.DatabaseReadingList + " 404",
			"POST /v1/data_sources/" + notiontest.DatabaseReadingList + "/query 404",
			"GET /v1/databases/" + notiontest.DatabaseReadingList + " 200",
			"GET /v1/data_sources/" + notiontest.DataSourceReadingList + " 200",
			"POST " + query + " 200",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := notiontest.Start(t, notiontest.Options{Rows: 10})
			r := queryCLI(t, srv, notiontest.TokenFull, append([]string{"query", "--limit", "3"}, tc.args...)...)
			if lines := strings.Count(r.stdout, "\n"); r.code != 0 || lines < 3 || strings.Contains(tc.name, "CSV") && !strings.HasPrefix(r.stdout, "Name,Author,") {
				t.Fatalf("exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
			}
			checkQueryRequests(t, srv, tc.want)
		})
	}
}

// TestRefusalsNameTheKindOfAnUnrecordedToken: a token from the
// environment has no recorded kind, and a 403 or a 404 reads differently
// for a personal access token (nothing to share; requests not served to
// it) than for a connection. The fix asks Notion once, after the failure;
// a success or another failure asks nothing.
func TestRefusalsNameTheKindOfAnUnrecordedToken(t *testing.T) {
	t.Parallel()
	const nowhere = "00000000-0000-4000-8000-000000000001" // no page has it
	for _, tc := range []struct {
		name, token string
		args        []string
		want, not   string
		asks        bool
	}{
		{"users, personal", notiontest.TokenPersonal, []string{"users"}, "Listing users is not available to personal access tokens", "Configuration tab", true},
		{"users, connection", notiontest.TokenNoUserInfo, []string{"users"}, "lacks the “Read user information” capability", "if the token is a personal access token", true},
		{"unseen page, personal", notiontest.TokenPersonal, []string{"page", nowhere}, "You cannot see this page in Notion", "Add connections", true},
		{"unshared page, connection", notiontest.TokenFull, []string{"page", nowhere}, "Add connections", "You cannot see", true},
		{"revoked", notiontest.TokenRevoked, []string{"users"}, "401", "", false},
		{"success", notiontest.TokenFull, []string{"databases"}, "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := notiontest.Start(t, notiontest.Options{Rows: 10})
			r := queryCLI(t, srv, tc.token, tc.args...)
			if !strings.Contains(r.stderr, tc.want) || tc.not != "" && strings.Contains(r.stderr, tc.not) {
				t.Errorf("exit %d, stderr:\n%s\nwant %q, not %q", r.code, r.stderr, tc.want, tc.not)
			}
			asked := 0
			for _, q := range srv.Requests() {
				if q.Path == "/v1/users/me" {
					asked++
				}
			}
			if want := map[bool]int{true: 1}[tc.asks]; asked != want {
				t.Errorf("GET /v1/users/me sent %d times, want %d", asked, want)
			}
		})
	}
}

// TestQueryProperties: --properties prints only the properties named, in
// their order, and asks Notion for no others (filter_properties); a sort
// made here past the cap still has its property to sort on.
func TestQueryProperties(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	id := notiontest.DataSourceTasks
	r := queryCLI(t, srv, notiontest.TokenFull, "query", id, "--properties", "Due,status", "--properties", "Task", "--format", "csv", "--limit", "3")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Due,Status,Task\n") || strings.Count(r.stdout, "\n") != 4 {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	var query string
	for _, q := range srv.Requests() {
		if strings.HasSuffix(q.Path, "/query") {
			query = q.RawQuery
		}
	}
	if strings.Count(query, "filter_properties") != 3 {
		t.Errorf("the query asked for %q, want the three properties", query)
	}
	r = queryCLI(t, srv, notiontest.TokenFull, "query", id, "--properties", "Task,Status", "--format", "ndjson", "--limit", "2")
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var row struct {
			Properties map[string]json.RawMessage `json:"properties"`
		}
		if err := json.Unmarshal([]byte(line), &row); err != nil || len(row.Properties) != 2 || row.Properties["Task"] == nil || row.Properties["Status"] == nil {
			t.Errorf("a JSON row has %d properties (%v): %.200s", len(row.Properties), err, line)
		}
	}
	// Sorted here past the cap: by Due, which is read though not printed.
	sorted := func(props string) []string {
		r := queryCLI(t, srv, notiontest.TokenFull, "query", id, "--all", "--sort", "Due:desc", "--properties", props, "--format", "csv", "--limit", "5")
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		var titles []string
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
			title, _, _ := strings.Cut(line, ",")
			titles = append(titles, title)
		}
		return titles
	}
	if got, want := sorted("Task"), sorted("Task,Due"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sorted by Due without printing it: %q, want %q", got, want)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--properties", "Task,Stauts"}, `no property "Stauts" (did you mean "Status"?)`},
		{[]string{"--properties", "Task", "--view", "Board"}, "--properties cannot be combined with a view"},
	} {
		r := queryCLI(t, srv, notiontest.TokenFull, append([]string{"query", id}, tc.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%q: exit %d, stderr %s", tc.args, r.code, r.stderr)
		}
	}
}

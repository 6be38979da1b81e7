package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// csvRecords parses CSV output into records keyed by the header.
func csvRecords(t *testing.T, out string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("not CSV (%v):\n%s", err, out)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, name := range recs[0] {
			m[name] = r[i]
		}
		rows = append(rows, m)
	}
	return rows
}

// requestsTo counts the requests whose path starts with prefix.
func requestsTo(srv *notiontest.Server, method, prefix string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && strings.HasPrefix(r.Path, prefix) {
			n++
		}
	}
	return n
}

func TestQueryShowsRelatedPagesByTitle(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	projects := map[string]string{} // ID → title
	for _, row := range jsonRows(t, queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceProjects, "--json").stdout) {
		title := row["properties"].(map[string]any)["Name"].(map[string]any)["title"].([]any)[0].(map[string]any)["plain_text"].(string)
		projects[row["id"].(string)] = title
	}

	srv.ResetRequests()
	r := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceTasks, "--limit", "30", "--format", "csv")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	ids := csvRecords(t, queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceTasks, "--limit", "30", "--format", "csv", "--relations", "ids").stdout)
	distinct := map[string]bool{}
	for i, row := range csvRecords(t, r.stdout) {
		id := ids[i]["Project"]
		if id == "" {
			if row["Project"] != "" {
				t.Errorf("row %d: Project %q without a related page", i, row["Project"])
			}
			continue
		}
		distinct[id] = true
		if want := projects[id]; row["Project"] != want {
			t.Errorf("row %d: Project %q, want %q (%s)", i, row["Project"], want, id)
		}
	}
	// One request per related page at most: the query, and a title each.
	if got := requestsTo(srv, "GET", "/v1/pages/"); got > len(distinct) {
		t.Errorf("%d page reads for %d related pages", got, len(distinct))
	}
	// JSON stays the API's objects.
	row := jsonRows(t, queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceTasks, "--limit", "1", "--json").stdout)[0]
	if rel := row["properties"].(map[string]any)["Project"].(map[string]any)["relation"]; fmt.Sprint(rel) == "" || strings.Contains(fmt.Sprint(rel), "Billing") {
		t.Errorf("JSON relation %v", rel)
	}
}

// TestQueryRelationsPastTwentyFive: Platform Reliability relates to more
// than 25 tasks; the cell lists every one, by title, and the many tasks
// are read from their database a hundred at a time.
func TestQueryRelationsPastTwentyFive(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	r := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceProjects, "--format", "csv", "--filter", `Name = "Platform Reliability"`)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows := csvRecords(t, r.stdout)
	tasks := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceTasks, "--all", "--format", "csv", "--relations", "ids",
		"--filter", "Project has Platform Reliability")
	want := len(csvRecords(t, tasks.stdout))
	if got := len(strings.Split(rows[0]["Tasks"], ", ")); len(rows) != 1 || got != want || want <= 25 || strings.Contains(rows[0]["Tasks"], "…") {
		t.Fatalf("Tasks lists %d of %d: %q", got, want, rows[0]["Tasks"])
	}
	srv.ResetRequests()
	queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceProjects, "--format", "csv")
	if n := requestsTo(srv, "GET", "/v1/pages/"); n > 12 {
		t.Errorf("%d page reads: the tasks were read one by one", n)
	}
}

func TestEmptyRelationToAnUnsharedDatabaseIsExplained(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	r := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceProjects, "--format", "csv", "--limit", "3")
	if r.code != 0 || !strings.Contains(r.stderr, "Contract is empty on every row shown: the database it relates to is not shared with the connection") {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	// A personal access token sees the contracts, and their titles.
	p := queryCLI(t, srv, notiontest.TokenPersonal, "query", notiontest.DataSourceProjects, "--format", "csv", "--filter", `Name = "Billing v2"`)
	if rows := csvRecords(t, p.stdout); p.code != 0 || rows[0]["Contract"] != "Northwind annual plan" || strings.Contains(p.stderr, "Contract") {
		t.Fatalf("personal token: exit %d %v\n%s", p.code, rows, p.stderr)
	}
}

func TestFilterTakesARelatedPageByTitle(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	byTitle := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceTasks, "--all", "--json", "--filter", "Project has Billing v2 and Done")
	var billing string
	for _, row := range jsonRows(t, queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceProjects, "--json", "--filter", `Name = "Billing v2"`).stdout) {
		billing = row["id"].(string)
	}
	byID := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceTasks, "--all", "--json", "--filter", "Project has "+billing+" and Done")
	if byTitle.code != 0 || byTitle.stdout != byID.stdout || len(jsonRows(t, byTitle.stdout)) == 0 {
		t.Fatalf("by title: exit %d, %d rows; by ID %d rows\n%s", byTitle.code, len(jsonRows(t, byTitle.stdout)), len(jsonRows(t, byID.stdout)), byTitle.stderr)
	}
	bad := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceTasks, "--filter", "Project has Nowhere")
	if bad.code != 2 || !strings.Contains(bad.stderr, `no page titled "Nowhere" in the related database`) || !strings.Contains(bad.stderr, "^") {
		t.Fatalf("unknown title: exit %d\n%s", bad.code, bad.stderr)
	}
}

func TestPageShowsRelationsAndNotionMarkdown(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	var task, project string
	for _, row := range jsonRows(t, queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceTasks, "--json", "--filter", "Project has Billing v2", "--limit", "1").stdout) {
		task = row["id"].(string)
		project = row["properties"].(map[string]any)["Project"].(map[string]any)["relation"].([]any)[0].(map[string]any)["id"].(string)
	}
	text := queryCLI(t, srv, notiontest.TokenFull, "page", task)
	if !strings.Contains(text.stdout, "  Project           Billing v2\n") {
		t.Errorf("text:\n%s", text.stdout)
	}
	md := queryCLI(t, srv, notiontest.TokenFull, "page", task, "--format", "markdown", "--relations", "ids")
	if !strings.Contains(md.stdout, `  "Project": ["`+project+`"]`) {
		t.Errorf("markdown with IDs:\n%s", md.stdout)
	}
	md = queryCLI(t, srv, notiontest.TokenFull, "page", task, "--format", "markdown")
	if !strings.Contains(md.stdout, `  "Project": ["Billing v2"]`) {
		t.Errorf("markdown:\n%s", md.stdout)
	}
	// Under 2022-06-28 there is no Markdown endpoint: the blocks are read.
	srv.ResetRequests()
	old := queryCLI(t, srv, notiontest.TokenFull, "--notion-version", "2022-06-28", "page", notiontest.PageGettingStarted, "--format", "markdown")
	if old.code != 0 || requestsTo(srv, "GET", "/v1/pages/"+notiontest.PageGettingStarted+"/markdown") != 0 || !strings.Contains(old.stdout, "# Getting started with notion-tui") {
		t.Fatalf("2022-06-28: exit %d\n%s", old.code, old.stderr)
	}
	usage := queryCLI(t, srv, notiontest.TokenFull, "page", task, "--markdown", "simple")
	if usage.code != 2 || !strings.Contains(usage.stderr, "--markdown goes with --format markdown") {
		t.Errorf("--markdown without --format markdown: exit %d %s", usage.code, usage.stderr)
	}
	if r := queryCLI(t, srv, notiontest.TokenFull, "query", notiontest.DataSourceTasks, "--relations", "names"); r.code != 2 || !strings.Contains(r.stderr, "--relations must be titles or ids") {
		t.Errorf("--relations names: exit %d %s", r.code, r.stderr)
	}
}

func TestCommentsCommand(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	list := func() []map[string]string {
		r := createCLI(t, srv, notiontest.TokenFull, "", "comments", notiontest.PageGettingStarted, "--format", "csv")
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		return csvRecords(t, r.stdout)
	}
	before := list()
	if len(before) == 0 || before[0]["Author"] == "" || before[0]["Comment"] == "" {
		t.Fatalf("seeded comments: %v", before)
	}
	added := createCLI(t, srv, notiontest.TokenFull, "Read it twice\n", "comments", notiontest.PageGettingStarted, "--add", "-", "--json")
	var cm map[string]any
	if added.code != 0 || json.Unmarshal([]byte(added.stdout), &[]any{&cm}) != nil || cm["object"] != "comment" {
		t.Fatalf("add: exit %d\n%s%s", added.code, added.stdout, added.stderr)
	}
	reply := createCLI(t, srv, notiontest.TokenFull, "", "comments", notiontest.PageGettingStarted, "--add", "Agreed", "--discussion", cm["discussion_id"].(string), "--format", "csv")
	after := list()
	last := after[len(after)-1]
	if reply.code != 0 || len(after) != len(before)+2 || last["Comment"] != "Agreed" || last["Discussion"] != cm["discussion_id"] || after[len(after)-2]["Comment"] != "Read it twice" {
		t.Fatalf("reply: exit %d %s; comments %v", reply.code, reply.stderr, after)
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--discussion", cm["discussion_id"].(string)}, 2, "--discussion goes with --add"},
		{[]string{"--add", "  "}, 2, "--add needs the comment's text"},
	} {
		r := createCLI(t, srv, notiontest.TokenFull, "", append([]string{"comments", notiontest.PageGettingStarted}, tc.args...)...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.msg) {
			t.Errorf("%v: exit %d %s", tc.args, r.code, r.stderr)
		}
	}
	no := createCLI(t, srv, notiontest.TokenNoComments, "", "comments", notiontest.PageGettingStarted)
	if no.code != 1 || !strings.Contains(no.stderr, "“Read comments”") {
		t.Errorf("no comment capabilities: exit %d\n%s", no.code, no.stderr)
	}
}

// TestAddedCommentWhoseAnswerWasLost: the comment is not sent again; the
// page's comments say whether it was added.
func TestAddedCommentWhoseAnswerWasLost(t *testing.T) {
	t.Parallel()
	for _, saved := range []bool{true, false} {
		t.Run(fmt.Sprint("saved=", saved), func(t *testing.T) {
			t.Parallel()
			srv := createSandbox(t)
			srv.InjectFault(notiontest.Fault{Method: http.MethodPost, Path: "/v1/comments", Status: 502, AfterCommit: saved})
			r := createCLI(t, srv, notiontest.TokenFull, "", "comments", notiontest.PageGettingStarted, "--add", "Once only", "--format", "csv")
			if sent := requestsTo(srv, "POST", "/v1/comments"); sent != 1 {
				t.Fatalf("the comment was sent %d times", sent)
			}
			if saved {
				if r.code != 0 || !strings.Contains(r.stdout, "Once only") || !strings.Contains(r.stderr, "the comment was added; it was not sent again") {
					t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
				}
				return
			}
			if r.code != 1 || !strings.Contains(r.stderr, "the comment was not added (Notion answered 502 bad_gateway)") {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
		})
	}
}

func TestCreateLongContent(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	var md strings.Builder
	for i := 1; i <= 250; i++ {
		fmt.Fprintf(&md, "Paragraph %d\n\n", i)
	}
	r := createCLI(t, srv, notiontest.TokenFull, md.String(), "create", notiontest.DataSourceReadingList, "--set", "Name=Long notes", "--content", "-", "--json")
	var page notionapi.Page
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &page) != nil {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	text := createCLI(t, srv, notiontest.TokenFull, "", "page", page.ID)
	if !strings.Contains(text.stdout, "Paragraph 1\n") || !strings.Contains(text.stdout, "Paragraph 250\n") || strings.Count(text.stdout, "Paragraph ") != 250 {
		t.Fatalf("%d paragraphs read back", strings.Count(text.stdout, "Paragraph "))
	}
	// The first append fails and was not saved: the page exists with the
	// blocks of its create, and the command says so.
	srv.InjectFault(notiontest.Fault{Method: http.MethodPatch, Path: "/v1/blocks/", Status: 500})
	before := requestsTo(srv, "PATCH", "/v1/blocks/")
	r = createCLI(t, srv, notiontest.TokenFull, md.String(), "create", notiontest.DataSourceReadingList, "--set", "Name=Half notes", "--content", "-")
	if r.code != 1 || !strings.HasPrefix(r.stdout, "Created Half notes\n") || !strings.Contains(r.stderr, "the page was created with the first 100 of its 250 top-level blocks") ||
		!strings.Contains(r.stderr, "reading the page back shows they were not added") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if n := requestsTo(srv, "PATCH", "/v1/blocks/") - before; n != 1 {
		t.Fatalf("%d appends after the failed one", n)
	}
}

package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

func TestAPIPath(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, path, query string }{
		{"/v1/users/me", "/v1/users/me", ""},
		{"v1/users", "/v1/users", ""},
		{"users?page_size=2", "/v1/users", "page_size=2"},
		{"https://api.notion.com/v1/search", "/v1/search", ""},
		{"data_sources/abc/query", "/v1/data_sources/abc/query", ""},
	} {
		p, q, err := apiPath(tc.in)
		if err != nil || p != tc.path || q.Encode() != tc.query {
			t.Errorf("apiPath(%q) = %q, %q, %v; want %q, %q", tc.in, p, q.Encode(), err, tc.path, tc.query)
		}
	}
	for _, bad := range []string{"https://evil.example/v1/users", "v1/../../x", "users#x"} {
		if _, _, err := apiPath(bad); err == nil {
			t.Errorf("apiPath(%q) accepted", bad)
		}
	}
}

func TestAPICommand(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 250})
	api := func(stdin string, args ...string) queryRun {
		t.Helper()
		return queryCLIStdin(t, srv, stdin, append([]string{"api"}, args...)...)
	}
	r := api("", "users/me")
	var me map[string]any
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &me) != nil || me["object"] != "user" {
		t.Fatalf("GET users/me: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = api("", "users", "--query", "page_size=3")
	var list struct {
		Results []json.RawMessage `json:"results"`
		HasMore bool              `json:"has_more"`
	}
	if json.Unmarshal([]byte(r.stdout), &list) != nil || len(list.Results) != 3 || !list.HasMore {
		t.Fatalf("GET users?page_size=3: %s", r.stdout)
	}
	// A body makes a POST; from a file or stdin too.
	file := filepath.Join(t.TempDir(), "body.json")
	os.WriteFile(file, []byte(`{"query":"Reading List"}`), 0o600)
	for _, args := range [][]string{
		{"search", "--data", `{"query":"Reading List"}`},
		{"POST", "/v1/search", "--data", "@" + file},
		{"-X", "post", "search", "--data", "-"}, // as with gh api
		{"search", "--data", "-"},
	} {
		srv.ResetRequests()
		r = api(`{"query":"Reading List"}`, args...)
		req := srv.Requests()
		if r.code != 0 || len(req) != 1 || req[0].Method != "POST" || req[0].Path != "/v1/search" || !strings.Contains(r.stdout, "Reading List") {
			t.Errorf("%q: exit %d, sent %v\n%s", args, r.code, req, r.stderr)
		}
	}
	// Notion's error object on stdout, the fix on stderr.
	r = api("", "pages/"+notiontest.PageUnshared)
	var e map[string]any
	if r.code != 1 || json.Unmarshal([]byte(r.stdout), &e) != nil || e["code"] != "object_not_found" || !strings.Contains(r.stderr, "not shared with the connection") {
		t.Errorf("404: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	// --paginate merges every page: GET with the cursor in the query,
	// POST in the body.
	for _, args := range [][]string{
		{"POST", "data_sources/" + notiontest.DataSourceEventLog + "/query", "--data", `{"page_size":100}`, "--paginate"},
		{"users", "--paginate", "--query", "page_size=4"},
	} {
		srv.ResetRequests()
		r = api("", args...)
		var all struct {
			Object     string           `json:"object"`
			Results    []map[string]any `json:"results"`
			HasMore    bool             `json:"has_more"`
			NextCursor *string          `json:"next_cursor"`
		}
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &all) != nil || all.Object != "list" || all.HasMore || all.NextCursor != nil {
			t.Fatalf("%q: exit %d\n%s\n%s", args, r.code, r.stdout, r.stderr)
		}
		n := len(uniqueIDs(t, all.Results))
		if want := map[bool]int{true: 250, false: 11}[args[0] == "POST"]; n != want {
			t.Errorf("%q: %d results, want %d", args, n, want)
		}
		reqs := srv.Requests()
		if len(reqs) < 3 {
			t.Fatalf("%q: %d requests", args, len(reqs))
		}
		second := reqs[1]
		if args[0] == "POST" && !strings.Contains(string(second.Body), `"start_cursor"`) || args[0] != "POST" && !strings.Contains(second.RawQuery, "start_cursor=") {
			t.Errorf("%q: the cursor did not travel where it belongs: %s ?%s", args, second.Body, second.RawQuery)
		}
	}
}

// queryCLIStdin is queryCLI with stdin.
func queryCLIStdin(t *testing.T, srv *notiontest.Server, stdin string, args ...string) queryRun {
	t.Helper()
	r := createCLI(t, srv, notiontest.TokenFull, stdin, args...)
	return queryRun(r)
}

func TestSearchCommand(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	r := queryCLI(t, srv, notiontest.TokenFull, "search", "Reading", "--json")
	rows := jsonRows(t, r.stdout)
	found := false
	for _, row := range rows {
		if row["id"] == notiontest.DataSourceReadingList && row["object"] == "data_source" {
			found = true
		}
	}
	if r.code != 0 || !found {
		t.Fatalf("search Reading: exit %d, no Reading List data source in %d results\n%s", r.code, len(rows), r.stderr)
	}
	for _, kind := range []string{"page", "data_source"} {
		r = queryCLI(t, srv, notiontest.TokenFull, "search", "--type", kind, "--limit", "3", "--format", "ndjson")
		rows := ndjsonRows(t, r.stdout)
		if r.code != 0 || len(rows) != 3 {
			t.Fatalf("--type %s: exit %d, %d rows", kind, r.code, len(rows))
		}
		for _, row := range rows {
			if row["object"] != kind {
				t.Errorf("--type %s returned a %v", kind, row["object"])
			}
		}
		if !strings.Contains(r.stderr, "3 results shown; more match") {
			t.Errorf("--type %s --limit 3: stderr %q", kind, r.stderr)
		}
	}
	if body := lastBody(t, srv, "/v1/search"); !strings.Contains(body, `"filter":{"property":"object","value":"data_source"}`) {
		t.Errorf("search body %s", body)
	}
}

// lastBody is the body of the last request to path.
func lastBody(t *testing.T, srv *notiontest.Server, path string) string {
	t.Helper()
	body := ""
	for _, r := range srv.Requests() {
		if r.Path == path {
			body = string(r.Body)
		}
	}
	return body
}

// TestPageReadsEveryBlock: a page of 130 blocks and a toggle three levels
// deep is printed whole, in every format.
func TestPageReadsEveryBlock(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10, Now: sandboxNow})
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ds, err := c.GetDataSource(ctx, notiontest.DataSourceReadingList)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []notionapi.Block
	for i := 1; i <= 100; i++ {
		blocks = append(blocks, notionapi.NewTextBlock(notionapi.BlockParagraph, fmt.Sprintf("paragraph %d", i)))
	}
	pg, err := c.CreatePage(ctx, notionapi.CreatePageParams{
		Parent:     c.DataSourceParent(ds),
		Properties: map[string]notionapi.PropertyValue{"Name": notionapi.TitleValue("Long page"), "Pages": notionapi.NumberValue(321)},
		Children:   blocks,
	})
	if err != nil {
		t.Fatal(err)
	}
	var more []notionapi.Block
	for i := 101; i <= 130; i++ {
		more = append(more, notionapi.NewTextBlock(notionapi.BlockParagraph, fmt.Sprintf("paragraph %d", i)))
	}
	toggle := notionapi.NewTextBlock(notionapi.BlockToggle, "details")
	toggle.Children = []notionapi.Block{notionapi.NewTextBlock(notionapi.BlockBulletedListItem, "level two")}
	more = append(more, toggle)
	// A request nests two levels at most: the third goes in a second one.
	if _, err := c.Do(ctx, "PATCH", "/v1/blocks/"+pg.ID+"/children", nil, mustJSON(map[string]any{"children": more})); err != nil {
		t.Fatal(err)
	}
	var levelTwo string
	for b, err := range c.ListBlockChildrenAll(ctx, pg.ID) {
		if err != nil {
			t.Fatal(err)
		}
		if b.Type == notionapi.BlockToggle {
			for k, err := range c.ListBlockChildrenAll(ctx, b.ID) {
				if err != nil {
					t.Fatal(err)
				}
				levelTwo = k.ID
			}
		}
	}
	three := []notionapi.Block{notionapi.NewTextBlock(notionapi.BlockBulletedListItem, "level three")}
	if _, err := c.Do(ctx, "PATCH", "/v1/blocks/"+levelTwo+"/children", nil, mustJSON(map[string]any{"children": three})); err != nil {
		t.Fatal(err)
	}

	r := queryCLI(t, srv, notiontest.TokenFull, "page", "https://www.notion.so/Long-page-"+notionapi.CompactID(pg.ID), "--json")
	var doc struct {
		Page   map[string]any   `json:"page"`
		Blocks []map[string]any `json:"blocks"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &doc) != nil {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if doc.Page["id"] != pg.ID || len(doc.Blocks) != 131 {
		t.Fatalf("page %v, %d blocks; want 131", doc.Page["id"], len(doc.Blocks))
	}
	last := doc.Blocks[130]
	kids, _ := last["children"].([]any)
	if last["type"] != "toggle" || len(kids) != 1 {
		t.Fatalf("the toggle's children are missing: %v", last)
	}
	grandkids, _ := kids[0].(map[string]any)["children"].([]any)
	if len(grandkids) != 1 {
		t.Fatalf("level three is missing: %v", kids[0])
	}

	text := queryCLI(t, srv, notiontest.TokenFull, "page", pg.ID)
	for _, want := range []string{"Long page\n", "Pages", "321", "paragraph 1\n", "paragraph 130\n", "▸ details\n  • level two\n    • level three\n"} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("text lacks %q:\n%s", want, text.stdout)
		}
	}
	md := queryCLI(t, srv, notiontest.TokenFull, "page", pg.ID, "--format", "markdown", "--markdown", "simple")
	for _, want := range []string{"---\ntitle: \"Long page\"\n", "  \"Pages\": 321\n", "\nparagraph 130\n", "- details\n  - level two\n    - level three\n"} {
		if !strings.Contains(md.stdout, want) {
			t.Errorf("simple markdown lacks %q:\n%s", want, md.stdout)
		}
	}
	// Notion's own Markdown, with the same front matter.
	srv.ResetRequests()
	md = queryCLI(t, srv, notiontest.TokenFull, "page", pg.ID, "--format", "markdown")
	for _, want := range []string{"---\ntitle: \"Long page\"\n", "  \"Pages\": 321\n", "\nparagraph 130\n", "<details>\n<summary>details</summary>\n\t- level two\n\t\t- level three\n</details>"} {
		if !strings.Contains(md.stdout, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.stdout)
		}
	}
	markdownReads := 0
	for _, r := range srv.Requests() {
		if strings.HasSuffix(r.Path, "/markdown") {
			markdownReads++
		}
	}
	if markdownReads == 0 {
		t.Error("the page's Markdown was not asked of Notion")
	}
}

// TestPageGoldens holds the demo's Getting started page as text and as
// Markdown.
func TestPageGoldens(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	for _, args := range [][]string{{"text"}, {"markdown"}, {"markdown", "--markdown", "simple"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			r := queryCLI(t, srv, notiontest.TokenFull, append([]string{"page", notiontest.PageGettingStarted, "--format"}, args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			golden.RequireEqual(t, r.stdout)
		})
	}
}

// TestDemoScenarioTokens: with --demo, a sandbox scenario token in
// NOTION_TOKEN shows its error; any other token stays out of the sandbox.
func TestDemoScenarioTokens(t *testing.T) {
	t.Parallel()
	r := runWith(t, map[string]string{"NOTION_TOKEN": notiontest.TokenRevoked}, "--demo", "users")
	if r.code != 1 || !strings.Contains(r.stderr, "401") {
		t.Errorf("revoked scenario: exit %d\n%s", r.code, r.stderr)
	}
	r = runWith(t, map[string]string{"NOTION_TOKEN": "ntn_a_real_looking_token_0123456789"}, "--demo", "users", "--format", "csv")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Name,Type,Email,ID\n") {
		t.Errorf("real token with --demo: exit %d\n%s", r.code, r.stderr)
	}
	r = runWith(t, map[string]string{"NOTION_TOKEN": notiontest.TokenNoUserInfo}, "--demo", "doctor", "--json")
	var rep struct {
		Checks []check `json:"checks"`
	}
	if json.Unmarshal([]byte(r.stdout), &rep) != nil {
		t.Fatalf("doctor --json: %s", r.stdout)
	}
	for _, c := range rep.Checks {
		if c.Title == "Read user information" && c.Status != checkWarning {
			t.Errorf("doctor --demo with the no-user-information token: %s is %s", c.Title, c.Status)
		}
	}
}

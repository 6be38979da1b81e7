package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/keyringtest"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// createNow is the clock of the create tests: Saturday 21 November 2026,
// 14:02 in a UTC+1 zone.
var createNow = time.Date(2026, 11, 21, 14, 2, 0, 0, time.FixedZone("CET", 3600))

// result is what one run of the command line left.
type result struct {
	code           int
	stdout, stderr string
}

// createCLI runs notion-tui with args against the sandbox as token.
func createCLI(t *testing.T, srv *notiontest.Server, token, stdin string, args ...string) result {
	t.Helper()
	vars := map[string]string{"NOTION_TOKEN": token, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"}
	var out, errOut bytes.Buffer
	env := &Env{
		Stdin:           strings.NewReader(stdin),
		Stdout:          &out,
		Stderr:          &errOut,
		LookupEnv:       func(k string) (string, bool) { v, ok := vars[k]; return v, ok },
		Now:             func() time.Time { return createNow },
		ConfigDir:       t.TempDir(),
		keyring:         keyringtest.New(),
		TermWidth:       func() (int, bool) { return 0, false },
		StdinIsTerminal: func() bool { return false },
		// A retry backs off 1 ms at most: checking a lost answer does not
		// wait seconds.
		clientOptions: []notionapi.Option{notionapi.WithMaxRetryWait(time.Millisecond)},
	}
	code := Main(args, env)
	return result{code, out.String(), errOut.String()}
}

func createSandbox(t *testing.T) *notiontest.Server {
	t.Helper()
	return notiontest.Start(t, notiontest.Options{Rows: 50, Now: func() time.Time { return createNow }})
}

// pageCreates counts the POST /v1/pages the sandbox received.
func pageCreates(srv *notiontest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == "POST" && r.Path == "/v1/pages" {
			n++
		}
	}
	return n
}

// readBack reads a created page from the sandbox as a client would.
func readBack(t *testing.T, srv *notiontest.Server, id string) *notionapi.Page {
	t.Helper()
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	pg, err := c.GetPage(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return pg
}

func TestCreatePrintsTitleURLAndID(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	content := filepath.Join(t.TempDir(), "notes.md")
	if err := os.WriteFile(content, []byte("## Steps\n- [ ] call\n- [x] write"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := srv.PageCount(notiontest.DataSourceTasks)
	r := createCLI(t, srv, notiontest.TokenFull, "", "create", "https://www.notion.so/acme/Tasks-"+notionapi.CompactID(notiontest.DatabaseTasks)+"?v=123",
		"--set", "Task=Call the bank", "--set", "priority=P0 critical", "--set", "Due=tomorrow 9:30",
		"--set", "Assignee=Priya", "--set", "Project=billing v2", "--set", "Estimate=1.5", "--content", content)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || lines[0] != "Created Call the bank" || !strings.HasPrefix(lines[1], "https://www.notion.so/") {
		t.Fatalf("output %q", r.stdout)
	}
	if srv.PageCount(notiontest.DataSourceTasks) != before+1 {
		t.Fatalf("pages %d → %d", before, srv.PageCount(notiontest.DataSourceTasks))
	}
	pg := readBack(t, srv, lines[2])
	for name, want := range map[string]string{
		"Task": "Call the bank", "Priority": "P0 Critical", "Due": "2026-11-22 09:30 +01:00",
		"Assignee": "Priya Raman", "Estimate": "1.5",
	} {
		if got := notionapi.Cell(pg.Properties[name]); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if rel := pg.Properties["Project"].Relation; len(rel) != 1 || readBack(t, srv, rel[0].ID).Title() != "Billing v2" {
		t.Errorf("Project = %+v", rel)
	}
	blocks, _ := srv.BlockChildren(lines[2], "")
	if len(blocks) != 3 || blocks[0]["type"] != "heading_2" || blocks[2]["type"] != "to_do" {
		t.Errorf("content: %v", blocks)
	}
}

func TestCreateJSONAndStdinContent(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	r := createCLI(t, srv, notiontest.TokenFull, "> quoted\n\nplain", "create", notiontest.DataSourceReadingList,
		"--set", "Name=Working in Public", "--set", "Tags=career, history", "--content", "-", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var pg notionapi.Page
	if err := json.Unmarshal([]byte(r.stdout), &pg); err != nil {
		t.Fatalf("--json printed %q: %v", r.stdout, err)
	}
	if pg.ID == "" || pg.URL == "" || pg.Title() != "Working in Public" || notionapi.Cell(pg.Properties["Tags"]) != "career, history" {
		t.Fatalf("page %+v", pg)
	}
	blocks, _ := srv.BlockChildren(pg.ID, "")
	if len(blocks) != 2 || blocks[0]["type"] != "quote" || blocks[1]["type"] != "paragraph" {
		t.Errorf("content from stdin: %v", blocks)
	}
}

func TestCreateReportsEveryProblemBeforeSending(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	r := createCLI(t, srv, notiontest.TokenFull, "", "create", notiontest.DataSourceTasks,
		"--set", "Estimate=lots", "--set", "Priority=P9", "--set", "Colour=red", "--set", "Due=2026-13-01",
		"--set", "priority=P1 High", "--set", "ID=7", "--set", "Contact=nobody")
	if r.code != 2 {
		t.Fatalf("exit %d, want 2\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"8 values are not valid for Tasks; nothing was sent:",
		`Colour: no property "Colour"; properties are "Task", "Status"`,
		"Priority: set more than once",
		"Task: a title is required",
		`Priority: no option "P9"; options are "P0 Critical"`,
		"Due: 2026-13-01 is not a calendar date",
		"Estimate: expected a number like 42 or 3.5",
		"ID: numbered by Notion",
		`Contact: "nobody" is not an e-mail address`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if n := pageCreates(srv); n != 0 {
		t.Errorf("%d creates sent", n)
	}
}

func TestCreateUsage(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"create"}, "notion-tui create: needs one database or data source ID or link\nUsage: notion-tui create <database> [flags]"},
		{[]string{"create", notiontest.DataSourceTasks, "--format", "csv"}, "--format must be text or json"},
		{[]string{"create", "not-an-id"}, "is not a Notion ID or URL"},
		{[]string{"create", notiontest.DataSourceTasks, "--set", "Task"}, `--set "Task": expected NAME=VALUE`},
		{[]string{"create", notiontest.DataSourceTasks, "--set", "=x"}, "expected NAME=VALUE"},
		{[]string{"create", notiontest.DataSourceTasks, "--content", "/no/such/file.md"}, "--content: open /no/such/file.md"},
	} {
		r := createCLI(t, srv, notiontest.TokenFull, "", tt.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

func TestCreateDryRun(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	r := createCLI(t, srv, notiontest.TokenFull, "", "create", notiontest.DataSourceTasks, "--set", "Task=Plan", "--set", "Done=yes", "--dry-run")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &body); err != nil {
		t.Fatal(err)
	}
	parent, _ := body["parent"].(map[string]any)
	if parent["data_source_id"] != notiontest.DataSourceTasks || len(body["properties"].(map[string]any)) != 2 {
		t.Errorf("dry run body %s", r.stdout)
	}
	if pageCreates(srv) != 0 {
		t.Error("a dry run sent the create")
	}
}

// TestCreateAfterLostAnswer covers creates whose answer was lost: the
// command checks whether the page exists and never sends it twice.
func TestCreateAfterLostAnswer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		faults  []notiontest.Fault
		code    int
		created bool
		stderr  string
	}{
		{"500 after saving", []notiontest.Fault{{Method: "POST", Path: "/v1/pages", Status: 500, AfterCommit: true}},
			0, true, "Notion's answer was lost (Notion answered 500 internal_server_error), but the page was created; it was not sent again"},
		{"dropped after saving", []notiontest.Fault{{Method: "POST", Path: "/v1/pages", Drop: true, AfterCommit: true}},
			0, true, "Notion's answer was lost (the connection was closed before an answer arrived), but the page was created"},
		{"500 before saving", []notiontest.Fault{{Method: "POST", Path: "/v1/pages", Status: 500}},
			1, false, `the page "Call the bank" was not created (Notion answered 500 internal_server_error): Tasks has no page with that title created since 14:01.` + "\nIt was not sent again; run the same command to try again."},
		{"the check fails too", []notiontest.Fault{
			{Method: "POST", Path: "/v1/pages", Status: 503, AfterCommit: true},
			// Queries are retried after a 500: fail every attempt.
			{Method: "POST", Path: "/v1/data_sources/", Status: 500, Times: 10},
		}, 1, true, "checking whether the page was made anyway failed too (Notion answered 500 internal_server_error).\nIt was not sent again. Look in https://"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := createSandbox(t)
			before := srv.PageCount(notiontest.DataSourceTasks)
			for _, f := range tt.faults {
				srv.InjectFault(f)
			}
			r := createCLI(t, srv, notiontest.TokenFull, "", "create", notiontest.DataSourceTasks, "--set", "Task=Call the bank")
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Fatalf("exit %d, stderr:\n%s\nwant exit %d and %q", r.code, r.stderr, tt.code, tt.stderr)
			}
			if tt.code == 0 && !strings.HasPrefix(r.stdout, "Created Call the bank\n") {
				t.Errorf("stdout %q", r.stdout)
			}
			if pageCreates(srv) != 1 || srv.PageCount(notiontest.DataSourceTasks) != before+btoi(tt.created) {
				t.Errorf("%d creates sent, pages %d → %d", pageCreates(srv), before, srv.PageCount(notiontest.DataSourceTasks))
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestCreateRefusedByNotion(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	r := createCLI(t, srv, notiontest.TokenReadOnly, "", "create", notiontest.DataSourceTasks, "--set", "Task=Plan")
	if r.code != 1 || !strings.Contains(r.stderr, "Insert content") {
		t.Errorf("read-only token: exit %d\n%s", r.code, r.stderr)
	}
	// A task is not a project: the sandbox refuses the relation, which
	// only Notion can check, and the command names the property.
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	l, err := c.Query(context.Background(), notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	r = createCLI(t, srv, notiontest.TokenFull, "", "create", notiontest.DataSourceTasks, "--set", "Task=Plan", "--set", "Project="+l.Results[0].ID)
	if r.code != 1 || !strings.Contains(r.stderr, `notion-tui: Notion refused the value of Project: Relation "Project" can only point to pages of "Projects"`) {
		t.Errorf("relation to a task: exit %d\n%s", r.code, r.stderr)
	}
}

func TestCreatePeopleWithoutUsersList(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	r := createCLI(t, srv, notiontest.TokenNoUserInfo, "", "create", notiontest.DataSourceTasks, "--set", "Task=Plan", "--set", "Assignee=Priya")
	if r.code != 2 || !strings.Contains(r.stderr, `Assignee: cannot look up "Priya" by name or e-mail (a connection needs the “Read user information” capability to list users, and a personal access token cannot list them); give the person's user ID`) {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	r = createCLI(t, srv, notiontest.TokenNoUserInfo, "", "create", notiontest.DataSourceTasks, "--set", "Task=Plan", "--set", "Assignee="+notiontest.UserPriyaRaman)
	if r.code != 0 {
		t.Errorf("people by ID: exit %d\n%s", r.code, r.stderr)
	}
}

// A personal access token, recorded as such, is not asked for the users
// list, which Notion refuses to it; a token of unknown kind is.
func TestLoadUsersSkipsWhatAPersonalTokenCannotList(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	c, err := notionapi.NewClient(notiontest.TokenPersonal, notionapi.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loadUsers(context.Background(), c, notionapi.TokenKindPersonal); err == nil || !strings.Contains(err.Error(), "not available to personal access tokens") || len(srv.Requests()) != 0 {
		t.Errorf("personal: %v, %d requests", err, len(srv.Requests()))
	}
	if _, err := loadUsers(context.Background(), c, notionapi.TokenKindUnknown); err == nil || len(srv.Requests()) != 1 {
		t.Errorf("unknown kind: %v, %d requests", err, len(srv.Requests()))
	}
}

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/keyringtest"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// editCLI runs notion-tui against the sandbox as token, with stdin a
// terminal or not.
func editCLI(t *testing.T, srv *notiontest.Server, token string, stdin string, terminal bool, args ...string) result {
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
		StdinIsTerminal: func() bool { return terminal },
		// A retry backs off 1 ms at most: checking a lost answer does not
		// wait seconds.
		clientOptions: []notionapi.Option{notionapi.WithMaxRetryWait(time.Millisecond)},
	}
	code := Main(args, env)
	return result{code, out.String(), errOut.String()}
}

func updateCLI(t *testing.T, srv *notiontest.Server, args ...string) result {
	t.Helper()
	return editCLI(t, srv, notiontest.TokenFull, "", false, args...)
}

// sandboxRows reads the Tasks rows a filter selects, oldest first.
func sandboxRows(t *testing.T, srv *notiontest.Server, filter string) []notionapi.Page {
	t.Helper()
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	var out []notionapi.Page
	p := notionapi.QueryParams{Sorts: []notionapi.Sort{{Timestamp: notionapi.CreatedTime, Direction: notionapi.Ascending}}}
	if filter != "" {
		p.Filter = json.RawMessage(filter)
	}
	for pg, err := range c.QueryAll(context.Background(), notiontest.DataSourceTasks, p) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, pg)
	}
	return out
}

// pagePatches counts the PATCH /v1/pages/… the sandbox received.
func pagePatches(srv *notiontest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == "PATCH" && strings.HasPrefix(r.Path, "/v1/pages/") {
			n++
		}
	}
	return n
}

const blockedFilter = `{"property":"Status","status":{"equals":"Blocked"}}`

func TestUpdateOnePage(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	row := sandboxRows(t, srv, blockedFilter)[0]
	srv.ResetRequests()
	r := updateCLI(t, srv, "update", row.URL, "--set", "status=in progress", "--set", "Assignee=Priya", "--set", "Due=tomorrow", "--set", "Estimate=")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 6 || lines[0] != "Updated "+row.Title() || lines[5] != row.URL {
		t.Fatalf("stdout:\n%s", r.stdout)
	}
	for _, want := range []string{"  Status: Blocked → In progress", "  Assignee: ", " → Priya Raman", "  Due: ", " → 2026-11-22", "  Estimate: " + notionapi.Cell(row.Properties["Estimate"]) + " → (empty)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	pg := readBack(t, srv, row.ID)
	for name, want := range map[string]string{"Status": "In progress", "Assignee": "Priya Raman", "Due": "2026-11-22", "Estimate": ""} {
		if got := notionapi.Cell(pg.Properties[name]); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if n := pagePatches(srv); n != 1 {
		t.Errorf("%d updates sent", n)
	}

	// The same again: nothing to send.
	srv.ResetRequests()
	r = updateCLI(t, srv, "update", row.ID, "--set", "Status=In progress", "--json")
	if r.code != 0 || !strings.Contains(r.stderr, "already holds these values; nothing was sent") || pagePatches(srv) != 0 {
		t.Errorf("unchanged: exit %d, %d updates\n%s", r.code, pagePatches(srv), r.stderr)
	}
	var got notionapi.Page
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || got.ID != row.ID {
		t.Errorf("--json of an unchanged page: %v %q", err, r.stdout)
	}
}

func TestUpdateJSONAndDryRun(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	row := sandboxRows(t, srv, blockedFilter)[0]
	r := updateCLI(t, srv, "update", row.ID, "--set", "Priority=P0 Critical", "--dry-run", "--json")
	if r.code != 0 || pagePatches(srv) != 0 {
		t.Fatalf("dry run: exit %d, %d updates\n%s", r.code, pagePatches(srv), r.stderr)
	}
	if want := `{"Priority":{"type":"select","select":{"name":"P0 Critical"}}}`; compactBody(t, r.stdout) != want {
		t.Errorf("dry run body %s, want %s", r.stdout, want)
	}
	r = updateCLI(t, srv, "update", row.ID, "--set", "Priority=P0 Critical", "--dry-run")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Would update "+row.Title()+"\n  Priority: ") || !strings.HasSuffix(r.stdout, "Nothing was sent (--dry-run).\n") {
		t.Errorf("dry run text: %q", r.stdout)
	}
	r = updateCLI(t, srv, "update", row.ID, "--set", "Priority=P0 Critical", "--json")
	var pg notionapi.Page
	if err := json.Unmarshal([]byte(r.stdout), &pg); err != nil || notionapi.Cell(pg.Properties["Priority"]) != "P0 Critical" {
		t.Errorf("--json: %v %s", err, r.stdout)
	}
}

func compactBody(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return b.String()
}

// TestUpdateRefusesBeforeSending: every mistake at once, nothing sent.
func TestUpdateRefusesBeforeSending(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	row := sandboxRows(t, srv, blockedFilter)[0]
	for _, tt := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"update", row.ID, "--set", "Task=", "--set", "Estimate=lots", "--set", "ID=4", "--set", "Colour=red", "--set", "Status=Someday"}, 2, []string{
			"5 values are not valid for \"" + row.Title() + "\"; nothing was sent:",
			"Task: a title cannot be emptied", "Estimate: expected a number", "ID: numbered by Notion", `Colour: no property "Colour"`, `Status: no option "Someday"`,
		}},
		{[]string{"update", row.ID}, 2, []string{"nothing to change: give at least one --set NAME=VALUE"}},
		{[]string{"update", row.ID, "--set", "Done=yes", "--yes"}, 2, []string{"--yes confirms changing the rows a --filter selects"}},
		{[]string{"update", notiontest.DatabaseTasks, "--set", "Done=yes"}, 2, []string{"is a database: to change its rows, select them with --filter"}},
		{[]string{"update", notiontest.DatabaseTasks, "--filter", "Status = ", "--set", "Done=yes"}, 2, []string{"--filter:"}},
		{[]string{"update", notiontest.DatabaseTasks, "--filter", "Nope = 1", "--set", "Done=yes"}, 2, []string{"--filter:", "Nope"}},
	} {
		srv.ResetRequests()
		r := updateCLI(t, srv, tt.args...)
		if r.code != tt.code {
			t.Errorf("%q: exit %d, want %d\n%s", tt.args, r.code, tt.code, r.stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%q: stderr lacks %q:\n%s", tt.args, w, r.stderr)
			}
		}
		if pagePatches(srv) != 0 {
			t.Errorf("%q: an update was sent", tt.args)
		}
	}
}

func TestUpdateATrashedPageSaysRestoreFirst(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	row := sandboxRows(t, srv, blockedFilter)[0]
	if r := updateCLI(t, srv, "trash", row.ID); r.code != 0 {
		t.Fatalf("trash: exit %d\n%s", r.code, r.stderr)
	}
	srv.ResetRequests()
	r := updateCLI(t, srv, "update", row.ID, "--set", "Done=yes")
	if r.code != 1 || !strings.Contains(r.stderr, "is in the trash, where Notion changes nothing; restore it first:\n  notion-tui restore "+row.ID) || pagePatches(srv) != 0 {
		t.Errorf("exit %d, %d updates\n%s", r.code, pagePatches(srv), r.stderr)
	}
}

// TestUpdateAfterLostAnswer: the page is read back; the update is never
// sent twice.
func TestUpdateAfterLostAnswer(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		fault  notiontest.Fault
		code   int
		stderr string
	}{
		{"502 after saving", notiontest.Fault{Method: "PATCH", Status: 502, AfterCommit: true}, 0,
			"Notion's answer was lost (Notion answered 502 bad_gateway), but the page read back holds the new values; it was not sent again."},
		{"dropped before saving", notiontest.Fault{Method: "PATCH", Drop: true}, 1,
			"failed (the connection was closed before an answer arrived): the page read back does not hold the new values of Done, so the change was not saved. It was not sent again.\nRunning the same command again is safe"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := createSandbox(t)
			row := sandboxRows(t, srv, `{"property":"Done","checkbox":{"equals":false}}`)[0]
			srv.InjectFault(tt.fault)
			srv.ResetRequests()
			r := updateCLI(t, srv, "update", row.ID, "--set", "Done=yes")
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Fatalf("exit %d, stderr:\n%s\nwant %d and %q", r.code, r.stderr, tt.code, tt.stderr)
			}
			if pagePatches(srv) != 1 {
				t.Errorf("%d updates sent", pagePatches(srv))
			}
		})
	}
	// When the page cannot be read back either, the command says so.
	u := &notionapi.UnconfirmedUpdateError{Err: &notionapi.TimeoutError{After: time.Minute}, ReadErr: &notionapi.APIError{Status: 500, Code: "internal_server_error"}}
	want := `notion-tui: updating "Plan" failed (no answer within 1m0s), and reading the page back failed too (Notion answered 500 internal_server_error): whether the change was saved is unknown. It was not sent again.`
	if got := unconfirmedText("Plan", u); got != want {
		t.Errorf("unknown state:\n got %s\nwant %s", got, want)
	}
}

func TestUpdateRefusedByNotion(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	row := sandboxRows(t, srv, blockedFilter)[0]
	r := editCLI(t, srv, notiontest.TokenReadOnly, "", false, "update", row.ID, "--set", "Done=yes")
	if r.code != 1 || !strings.Contains(r.stderr, "Update content") {
		t.Errorf("read-only token: exit %d\n%s", r.code, r.stderr)
	}
	// A task is not a project: only Notion can tell, and the command
	// names the property.
	other := sandboxRows(t, srv, "")[1]
	r = updateCLI(t, srv, "update", row.ID, "--set", "Project="+other.ID)
	if r.code != 1 || !strings.Contains(r.stderr, "Notion refused the value of Project: Relation \"Project\" can only point to pages of \"Projects\"") {
		t.Errorf("wrong relation: exit %d\n%s", r.code, r.stderr)
	}
}

// bulkResult is one element of update --json with --filter.
type bulkResult struct {
	ID      string
	Title   string
	Result  string
	Error   string
	Changes map[string]struct{ From, To, Now string }
}

func decodeResults(t *testing.T, s string) []bulkResult {
	t.Helper()
	var out []bulkResult
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, s)
	}
	return out
}

func TestUpdateRows(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	blocked := sandboxRows(t, srv, blockedFilter)
	if len(blocked) < 3 {
		t.Fatalf("%d blocked tasks", len(blocked))
	}
	args := []string{"update", notiontest.DatabaseTasks, "--filter", "Status = Blocked", "--set", "Status=In progress", "--set", "Priority=P1 High"}

	// Dry run: every row listed, nothing sent.
	srv.ResetRequests()
	r := updateCLI(t, srv, append(args, "--dry-run", "--json")...)
	rows := decodeResults(t, r.stdout)
	if r.code != 0 || len(rows) != len(blocked) || pagePatches(srv) != 0 {
		t.Fatalf("dry run: exit %d, %d rows, %d updates\n%s", r.code, len(rows), pagePatches(srv), r.stderr)
	}
	for i, row := range rows {
		if row.ID != blocked[i].ID || (row.Result != "would_update" && row.Result != "unchanged") || row.Changes["Status"].To != "In progress" {
			t.Errorf("dry-run row %d: %+v", i, row)
		}
	}

	// Without a terminal and without --yes: refused.
	r = updateCLI(t, srv, args...)
	if r.code != 2 || !strings.Contains(r.stderr, "Add --yes to confirm") || pagePatches(srv) != 0 {
		t.Fatalf("no --yes: exit %d\n%s", r.code, r.stderr)
	}
	// On a terminal, the question is asked; "n" sends nothing.
	r = editCLI(t, srv, notiontest.TokenFull, "n\n", true, args...)
	if r.code != 1 || !strings.Contains(r.stderr, "Change "+itoa(len(blocked))+" rows of Tasks") || !strings.Contains(r.stderr, "[y/N]") || pagePatches(srv) != 0 {
		t.Fatalf("answered no: exit %d\n%s", r.code, r.stderr)
	}

	// One row already holds the values; another fails on Notion's side.
	c, _ := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()))
	if _, err := c.UpdatePage(context.Background(), blocked[0].ID, notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{
		"Priority": notionapi.SelectValue("P1 High"),
	}}); err != nil {
		t.Fatal(err)
	}
	srv.InjectFault(notiontest.Fault{Method: "PATCH", Path: "/v1/pages/" + blocked[1].ID, Status: 409})
	srv.ResetRequests()
	r = editCLI(t, srv, notiontest.TokenFull, "y\n", true, append(args, "--json")...)
	rows = decodeResults(t, r.stdout)
	if r.code != 1 || len(rows) != len(blocked) {
		t.Fatalf("exit %d, %d rows\n%s", r.code, len(rows), r.stderr)
	}
	if rows[1].Result != "failed" || !strings.Contains(rows[1].Error, "409 conflict_error") {
		t.Errorf("failed row: %+v", rows[1])
	}
	for i, row := range rows {
		if i != 1 && row.Result != "updated" {
			t.Errorf("row %d: %+v", i, row)
		}
	}
	if ch := rows[0].Changes; len(ch) != 1 || ch["Status"].From != "Blocked" {
		t.Errorf("row 0 changes %+v (Priority held already)", ch)
	}
	if !strings.Contains(r.stderr, itoa(len(blocked))+" rows of Tasks: "+itoa(len(blocked)-1)+" updated, 1 failed.") {
		t.Errorf("summary:\n%s", r.stderr)
	}
	if n := pagePatches(srv); n != len(blocked) {
		t.Errorf("%d updates for %d rows", n, len(blocked))
	}
	// Again: only the failed row is left to change, and one row needs no
	// question.
	srv.ResetRequests()
	r = editCLI(t, srv, notiontest.TokenFull, "", false, args...)
	if r.code != 0 || pagePatches(srv) != 1 || !strings.Contains(r.stderr, "1 row of Tasks: 1 updated.") {
		t.Fatalf("second run: exit %d, %d updates\n%s%s", r.code, pagePatches(srv), r.stdout, r.stderr)
	}
}

func itoa(n int) string { return commas(n) }

func TestTrashAndRestore(t *testing.T) {
	t.Parallel()
	srv := createSandbox(t)
	rows := sandboxRows(t, srv, "")
	before := srv.PageCount(notiontest.DataSourceTasks)
	r := updateCLI(t, srv, "trash", rows[0].ID, rows[1].URL, notiontest.PageUnshared, "--json")
	res := decodeResults(t, r.stdout)
	if r.code != 1 || len(res) != 3 || res[0].Result != "trashed" || res[1].Result != "trashed" || res[2].Result != "failed" || !strings.Contains(res[2].Error, "object_not_found") {
		t.Fatalf("exit %d: %+v\n%s", r.code, res, r.stderr)
	}
	if srv.PageCount(notiontest.DataSourceTasks) != before-2 {
		t.Errorf("rows %d → %d", before, srv.PageCount(notiontest.DataSourceTasks))
	}
	// Trash sends every page again, and that is why running it again is
	// safe: it does not skip pages that "hold the values", as update does.
	if !strings.Contains(r.stderr, "3 pages: 2 trashed, 1 failed.\nRunning the same command again is safe: trashing a page already in the trash changes nothing.") {
		t.Errorf("summary:\n%s", r.stderr)
	}
	r = updateCLI(t, srv, "restore", rows[0].ID, rows[1].ID)
	if r.code != 0 || srv.PageCount(notiontest.DataSourceTasks) != before {
		t.Fatalf("restore: exit %d\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || lines[0] != rows[0].ID+"\t"+rows[0].Title()+"\trestored\t" {
		t.Errorf("restore output %q", r.stdout)
	}
	if r := updateCLI(t, srv, "trash"); r.code != 2 || !strings.Contains(r.stderr, "needs one or more page IDs") {
		t.Errorf("no page: exit %d\n%s", r.code, r.stderr)
	}
}

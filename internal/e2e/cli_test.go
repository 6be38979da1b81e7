package e2e

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// run runs the built binary with args and only the environment given
// (plus a temporary HOME), and returns its stdout, stderr and exit status.
func run(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(Binary(t), args...)
	home := t.TempDir()
	cmd.Env = []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home + "/.config", "PATH=" + os.Getenv("PATH")}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return out.String(), errb.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), 0
}

// TestQueryPrintsEveryRowFromTheSandbox is the scripting path end to end:
// `notion-tui sandbox`, then `query <database> --all --format csv` with the
// printed address and token reads the 12,000-row Event Log past the API's
// 10,000-result cap, every row once.
func TestQueryPrintsEveryRowFromTheSandbox(t *testing.T) {
	t.Parallel()
	url := StartSandbox(t, "--rate", "200")
	env := map[string]string{"NOTION_BASE_URL": url, "NOTION_TOKEN": notiontest.TokenFull, "NOTION_RATE": "200"}
	out, stderr, status := run(t, env, "query", notiontest.DatabaseEventLog, "--all", "--format", "csv")
	if status != 0 {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 12001 {
		t.Fatalf("%d CSV records, want a header and 12,000 rows", len(records))
	}
	if records[0][0] != "Event" {
		t.Fatalf("header = %v", records[0])
	}
	seen := map[string]bool{}
	for _, r := range records[1:] {
		key := strings.Join(r, "\x00")
		if seen[key] {
			t.Fatalf("row printed twice: %v", r)
		}
		seen[key] = true
	}

	// --format json prints the page objects as the API returns them.
	out, stderr, status = run(t, env, "query", notiontest.DatabaseReadingList, "--limit", "3", "--format", "json")
	if status != 0 {
		t.Fatalf("json: exit %d: %s", status, stderr)
	}
	var pages []map[string]any
	if err := json.Unmarshal([]byte(out), &pages); err != nil || len(pages) != 3 || pages[0]["object"] != "page" {
		t.Fatalf("json output: %v\n%s", err, out)
	}
}

// TestCLIErrorsAreOneParagraphWithANonZeroStatus: a failure explains
// itself on stderr and never shows the token.
func TestCLIErrorsAreOneParagraphWithANonZeroStatus(t *testing.T) {
	t.Parallel()
	url := StartSandbox(t)
	for _, tc := range []struct {
		name, token string
		args        []string
		status      int
		want        string
	}{
		{"revoked", notiontest.TokenRevoked, []string{"users"}, 1, "401"},
		{"no capability", notiontest.TokenNoUserInfo, []string{"users"}, 1, "Read user information"},
		{"unshared", notiontest.TokenFull, []string{"query", notiontest.DatabaseUnshared}, 1, "Add connections"},
		{"bad id", notiontest.TokenFull, []string{"query", "not-an-id"}, 2, "not a Notion ID"},
		{"bad flag", notiontest.TokenFull, []string{"users", "--format", "xml"}, 2, "table, json, csv or ndjson"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, status := run(t, map[string]string{"NOTION_BASE_URL": url, "NOTION_TOKEN": tc.token}, tc.args...)
			if status != tc.status || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, stderr:\n%s", status, stderr)
			}
			if strings.Contains(out+stderr, tc.token) {
				t.Fatal("the token was printed")
			}
		})
	}
}

// interruptingSandbox serves a sandbox that, when a request matches,
// lets the sandbox answer it (the write is saved) and then sends SIGINT to
// the program under test instead of answering: Ctrl-C after the body was
// sent.
func interruptingSandbox(t *testing.T, method, path string, proc *atomic.Pointer[os.Process]) string {
	t.Helper()
	srv := notiontest.New(notiontest.Options{Rows: 20})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != method || r.URL.Path != path {
			srv.ServeHTTP(w, r)
			return
		}
		srv.ServeHTTP(httptest.NewRecorder(), r)
		if p := proc.Load(); p != nil {
			p.Signal(os.Interrupt) //nolint:errcheck // the test checks the outcome
		}
		<-r.Context().Done() // the program gives up the request
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

// runInterrupted runs the binary with args against url and returns what
// it printed and its exit status.
func runInterrupted(t *testing.T, url string, proc *atomic.Pointer[os.Process], args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(Binary(t), args...)
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "NOTION_BASE_URL=" + url, "NOTION_TOKEN=" + notiontest.TokenFull, "NOTION_RATE=100"}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	proc.Store(cmd.Process)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill() //nolint:errcheck // the test fails anyway
		t.Fatalf("the program did not end after Ctrl-C:\n%s", errb.String())
	}
	return out.String(), errb.String(), cmd.ProcessState.ExitCode()
}

// TestCtrlCDuringCreateSaysThePageMayExist: Ctrl-C after the create was
// sent exits 130, says the page may exist and gives the query that finds
// it, which does.
func TestCtrlCDuringCreateSaysThePageMayExist(t *testing.T) {
	t.Parallel()
	Binary(t)
	var proc atomic.Pointer[os.Process]
	url := interruptingSandbox(t, "POST", "/v1/pages", &proc)
	_, stderr, code := runInterrupted(t, url, &proc, "create", notiontest.DatabaseTasks, "--set", `Task=Call "the" bank`)
	if code != 130 {
		t.Fatalf("exit %d, want 130\n%s", code, stderr)
	}
	if !strings.Contains(stderr, `interrupted while creating "Call \"the\" bank": the request may have reached Notion, so the page may exist`) {
		t.Fatalf("stderr:\n%s", stderr)
	}
	_, check, ok := strings.Cut(stderr, "so that it is not created twice:\n  ")
	if !ok {
		t.Fatalf("no command to look for the page:\n%s", stderr)
	}
	check = strings.TrimSpace(check)
	sh := exec.Command("sh", "-c", strings.Replace(check, "notion-tui", Binary(t), 1)+" --format csv")
	sh.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "NOTION_BASE_URL=" + url, "NOTION_TOKEN=" + notiontest.TokenFull}
	out, err := sh.CombinedOutput()
	if err != nil || !strings.Contains(string(out), `"Call ""the"" bank"`) {
		t.Errorf("%s\nfound (%v):\n%s", check, err, out)
	}
}

// TestCtrlCDuringDoctorExits130: an interrupted diagnosis is no verdict.
func TestCtrlCDuringDoctorExits130(t *testing.T) {
	t.Parallel()
	Binary(t)
	var proc atomic.Pointer[os.Process]
	url := interruptingSandbox(t, "GET", "/v1/users/me", &proc)
	stdout, stderr, code := runInterrupted(t, url, &proc, "doctor")
	if code != 130 || !strings.Contains(stderr, "interrupted") || stdout != "" {
		t.Errorf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}
}

// TestTablesInATerminal: in a terminal, tables fit the width and keep the
// IDs whole; piped, they are tab-separated lines.
func TestTablesInATerminal(t *testing.T) {
	t.Parallel()
	url := StartSandbox(t)
	env := map[string]string{"NOTION_BASE_URL": url, "NOTION_TOKEN": notiontest.TokenFull}
	for _, cols := range []int{80, 200} {
		s := StartSize(t, cols, 40, []string{"databases"}, env)
		if code := s.Wait(10 * time.Second); code != 0 {
			t.Fatalf("%d columns: exit %d\n%s", cols, code, s.Screen())
		}
		screen := s.Screen()
		for _, id := range []string{notiontest.DataSourceReadingList, notiontest.DataSourceEventLog} {
			if !strings.Contains(screen, id) {
				t.Errorf("%d columns: %s missing or cut:\n%s", cols, id, screen)
			}
		}
		for _, line := range strings.Split(screen, "\n") {
			if strings.Contains(line, "Reading List") && strings.Contains(line, "\t") {
				t.Errorf("%d columns: a terminal got tabs: %q", cols, line)
			}
		}
		if hidden := strings.Contains(screen, "hidden at"); hidden != (cols == 80) {
			t.Errorf("%d columns: hidden-columns note %v:\n%s", cols, hidden, screen)
		}
	}
	stdout, _, code := run(t, env, "databases")
	if code != 0 || !strings.Contains(stdout, "Reading List\t"+notiontest.DataSourceReadingList+"\t") || strings.Contains(stdout, "───") {
		t.Errorf("piped: exit %d\n%s", code, stdout)
	}
}

package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/keyringtest"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// runWith runs notion-tui with args and exactly the environment given,
// stdout and stderr piped.
func runWith(t *testing.T, vars map[string]string, args ...string) queryRun {
	t.Helper()
	return terminalRun(t, vars, terminal{}, args...)
}

// terminal says what stdout and stderr are.
type terminal struct {
	width      int  // stdout is a terminal this wide; 0: it is not
	stderrTTY  bool // stderr is a terminal
	stdoutPipe bool // stdout, not a terminal, is a pipe (not a file)
}

// terminalRun runs notion-tui with exactly the environment given and the
// streams term describes.
func terminalRun(t *testing.T, vars map[string]string, term terminal, args ...string) queryRun {
	t.Helper()
	var out, errOut bytes.Buffer
	return queryRun{Main(args, testEnv(t, vars, term, &out, &errOut)), out.String(), errOut.String()}
}

// testEnv is the environment of a run with exactly the variables given,
// the streams term describes written to out and errOut, a config folder
// and a keyring of its own.
func testEnv(t *testing.T, vars map[string]string, term terminal, out, errOut io.Writer) *Env {
	return &Env{
		Stdin:            strings.NewReader(""),
		Stdout:           out,
		Stderr:           errOut,
		LookupEnv:        func(k string) (string, bool) { v, ok := vars[k]; return v, ok },
		Now:              func() time.Time { return time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC) },
		ConfigDir:        t.TempDir(),
		keyring:          keyringtest.New(),
		TermWidth:        func() (int, bool) { return term.width, term.width > 0 },
		StdinIsTerminal:  func() bool { return false },
		StderrIsTerminal: func() bool { return term.stderrTTY },
		StdoutIsPipe:     func() bool { return term.stdoutPipe },
	}
}

func TestGlobalFlagsBeforeOrAfterTheCommand(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	vars := map[string]string{"NOTION_TOKEN": notiontest.TokenFull}
	for _, args := range [][]string{
		{"--base-url", srv.URL(), "--notion-version", "2025-09-03", "users", "--format", "csv"},
		{"users", "--format", "csv", "--base-url", srv.URL(), "--notion-version=2025-09-03"},
		{"users", "--base-url=" + srv.URL(), "--format=csv", "--notion-version", "2025-09-03"},
	} {
		srv.ResetRequests()
		r := runWith(t, vars, args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "Name,Type,Email,ID\n") {
			t.Fatalf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
		if got := srv.Requests()[0].Header.Get("Notion-Version"); got != "2025-09-03" {
			t.Fatalf("%v: sent Notion-Version %q", args, got)
		}
	}
}

func TestAnEmptyNotionVersionSendsNone(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	r := runWith(t, map[string]string{"NOTION_TOKEN": notiontest.TokenFull, "NOTION_BASE_URL": srv.URL(), "NOTION_VERSION": ""}, "users")
	if r.code != 1 || !strings.Contains(r.stderr, "missing_version") || !strings.Contains(r.stderr, "NOTION_VERSION") {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	if h := srv.Requests()[0].Header; h.Values("Notion-Version") != nil {
		t.Fatalf("sent Notion-Version %q", h.Values("Notion-Version"))
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"userz"}, `notion-tui: unknown command "userz" (did you mean "users"?)`},
		{[]string{"auth", "logni"}, `notion-tui auth: unknown command "logni" (did you mean "login"?)`},
		{[]string{"users", "--nope"}, "notion-tui users: unknown flag --nope\nUsage: notion-tui users [flags]\nRun 'notion-tui users --help'"},
		{[]string{"query", "x", "--limt", "3"}, "notion-tui query: unknown flag --limt (did you mean \"--limit\"?)\nUsage: notion-tui query <database> [flags]"},
		{[]string{"users", "--notion-versoin", "x"}, "notion-tui users: unknown flag --notion-versoin (did you mean \"--notion-version\"?)"},
		{[]string{"--rate", "0", "users"}, "--rate 0 would send no request"},
		{[]string{"--rate", "abc", "users"}, `invalid argument "abc" for "--rate"`},
		{[]string{"--base-url"}, "flag needs an argument: --base-url"},
		{[]string{"query"}, "notion-tui query: needs one database or data source ID or link"},
		{[]string{"query", "a", "b"}, `takes one database or data source ID or link, not "a", "b"`},
		{[]string{"query", "x", "--all", "--limit", "3"}, "exclude each other"},
		{[]string{"query", notiontest.DatabaseTasks, "--limit", "0"}, "--limit must be at least 1"},
		{[]string{"query", notiontest.DatabaseTasks, "--json", "--format", "csv"}, "--json and --format csv exclude each other"},
		{[]string{"query", notiontest.DatabaseTasks, "--sort", "Due:up"}, "the direction after ':' must be asc or desc"},
		{[]string{"query", notiontest.DatabaseTasks, "--filter-json", "{nope"}, "--filter-json is not valid JSON"},
		{[]string{"users", "--format", "xml"}, "--format must be table, json, csv or ndjson"},
		{[]string{"users", "extra"}, `takes no arguments, got "extra"`},
		{[]string{"auth"}, "notion-tui auth: needs a command: login, logout, status or switch"},
		{[]string{"auth", "switch"}, "needs a profile name"},
		{[]string{"api"}, "needs a path"},
		{[]string{"api", "FETCH", "/v1/users"}, `"FETCH" is not an HTTP method`},
		{[]string{"api", "-X", "fetch", "/v1/users"}, `"FETCH" is not an HTTP method`},
		{[]string{"api", "PATCH", "/v1/users", "-X", "POST"}, "two methods: PATCH before the path and --method POST"},
		{[]string{"api", "-X", "GET", "/v1/search", "--data", "{}"}, "GET requests do not take"},
		{[]string{"api", "GET", "/v1/users", "--data", "{}"}, "GET requests do not take"},
		{[]string{"page", "nope"}, "not a Notion ID"},
		{[]string{"search", "a", "b"}, "takes at most one text to search for"},
		{[]string{"search", "--type", "user"}, "--type must be page or data_source"},
	} {
		r := runWith(t, map[string]string{"NOTION_TOKEN": "ntn_x"}, tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
}

func TestHelpEverywhere(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"query", "--help"}, {"help", "query"}, {"--help", "create"}, {"auth", "--help"}, {"auth", "login", "-h"}, {"sandbox", "--help"}, {"doctor", "--help"}} {
		r := runWith(t, nil, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "USAGE") || r.stderr != "" {
			t.Errorf("%v: exit %d\nstdout %q\nstderr %q", args, r.code, r.stdout, r.stderr)
		}
	}
	r := runWith(t, nil, "query", "--help")
	for _, want := range []string{"--filter", "--all", "--format", "--base-url", "EXAMPLES", "notion-tui --demo query"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("query --help lacks %q", want)
		}
	}
}

func TestScriptingCommandsOnTheDemoWorkspace(t *testing.T) {
	t.Parallel()
	r := runWith(t, nil, "--demo", "query", notiontest.DatabaseReadingList, "--filter", "Status = Finished and Pages > 600", "--format", "csv")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "Name,Author,Status,Pages") {
		t.Fatalf("output:\n%s", r.stdout)
	}
	for _, l := range lines[1:] {
		if !strings.Contains(l, ",Finished,") {
			t.Fatalf("row does not match the filter: %s", l)
		}
	}
}

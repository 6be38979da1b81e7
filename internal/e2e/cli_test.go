package e2e

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

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
	url := StartSandbox(t)
	for _, tc := range []struct {
		name, token string
		args        []string
		status      int
		want        string
	}{
		{"revoked", notiontest.TokenRevoked, []string{"users"}, 1, "401"},
		{"no capability", notiontest.TokenNoUserInfo, []string{"users"}, 1, "Read user information"},
		{"unshared", notiontest.TokenFull, []string{"query", notiontest.DatabaseUnshared}, 1, "Connections"},
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

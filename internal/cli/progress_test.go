package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/keyringtest"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// A progress line is drawn on a terminal's stderr only where nothing
// else draws meanwhile: rows streaming to a file get one; rows streaming
// to the terminal, or into a pipe whose reader (less, head) draws on the
// same terminal, do not; a read that prints only at its end (a sorted
// query) gets one even then.
func TestProgressIsDrawnOnlyWhereNothingElseDraws(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	for _, tc := range []struct {
		name         string
		stdout       string // "file", "pipe" or "terminal"
		args         []string
		wantProgress string // "": none
	}{
		{"search into a file", "file", []string{"search", "--all"}, "Searching… "},
		{"search into a pipe", "pipe", []string{"search", "--all"}, ""},
		{"search on the terminal", "terminal", []string{"search", "--all"}, ""},
		{"a sorted query into a pipe", "pipe", []string{"query", notiontest.DataSourceTasks, "--all", "--sort", "Due", "--format", "csv"}, "Reading rows to sort… "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			vars := map[string]string{"NOTION_TOKEN": notiontest.TokenFull, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"}
			env := &Env{
				Stdin:            strings.NewReader(""),
				Stdout:           &out,
				Stderr:           &errOut,
				LookupEnv:        func(k string) (string, bool) { v, ok := vars[k]; return v, ok },
				Now:              func() time.Time { return time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC) },
				ConfigDir:        t.TempDir(),
				keyring:          keyringtest.New(),
				TermWidth:        func() (int, bool) { return 100, tc.stdout == "terminal" },
				StdinIsTerminal:  func() bool { return false },
				StderrIsTerminal: func() bool { return true },
				StdoutIsPipe:     func() bool { return tc.stdout == "pipe" },
			}
			if code := Main(tc.args, env); code != 0 {
				t.Fatalf("exit %d\n%s", code, errOut.String())
			}
			if out.Len() == 0 {
				t.Fatal("nothing printed")
			}
			stderr := errOut.String()
			if tc.wantProgress == "" {
				if strings.Contains(stderr, "…") {
					t.Fatalf("a progress line was drawn: %q", stderr)
				}
				return
			}
			if !strings.Contains(stderr, tc.wantProgress) {
				t.Fatalf("no progress line %q on stderr: %q", tc.wantProgress, stderr)
			}
			if !strings.HasSuffix(stderr, "\r\x1b[K") {
				t.Fatalf("the progress line was not cleared: %q", stderr)
			}
		})
	}
}

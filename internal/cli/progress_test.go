package cli

import (
	"strings"
	"testing"

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
	vars := map[string]string{"NOTION_TOKEN": notiontest.TokenFull, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"}
	toFile := terminal{stderrTTY: true}
	toPipe := terminal{stderrTTY: true, stdoutPipe: true}
	toTerminal := terminal{stderrTTY: true, width: 100}
	for _, tc := range []struct {
		name         string
		streams      terminal
		args         []string
		wantProgress string // "": none
	}{
		{"search into a file", toFile, []string{"search", "--all"}, "Searching… "},
		{"search into a pipe", toPipe, []string{"search", "--all"}, ""},
		{"search on the terminal", toTerminal, []string{"search", "--all"}, ""},
		{"a sorted query into a pipe", toPipe, []string{"query", notiontest.DataSourceTasks, "--all", "--sort", "Due", "--format", "csv"}, "Reading rows to sort… "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := terminalRun(t, vars, tc.streams, tc.args...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			if r.stdout == "" {
				t.Fatal("nothing printed")
			}
			if tc.wantProgress == "" {
				if strings.Contains(r.stderr, "…") {
					t.Fatalf("a progress line was drawn: %q", r.stderr)
				}
				return
			}
			if !strings.Contains(r.stderr, tc.wantProgress) {
				t.Fatalf("no progress line %q on stderr: %q", tc.wantProgress, r.stderr)
			}
			if !strings.HasSuffix(r.stderr, "\r\x1b[K") {
				t.Fatalf("the progress line was not cleared: %q", r.stderr)
			}
		})
	}
}

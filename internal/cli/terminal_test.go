package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// reRequestID matches the request IDs of an answer, new at each request.
var reRequestID = regexp.MustCompile(`request_id [0-9a-f-]+`)

// fitsAndKeepsWords fails unless every line of got fits width and got
// says the same words as want.
func fitsAndKeepsWords(t *testing.T, got, want string, width int) {
	t.Helper()
	plain := ansi.Strip(got)
	for _, line := range strings.Split(plain, "\n") {
		if w := ansi.StringWidth(line); w > width {
			t.Errorf("a line of %d columns in a %d-column terminal: %q", w, width, line)
		}
	}
	words := func(s string) string { return reRequestID.ReplaceAllString(strings.Join(strings.Fields(s), " "), "") }
	if g, w := words(plain), words(want); !strings.Contains(g, w) {
		t.Errorf("the words changed:\n%s\nwant them as in:\n%s", g, w)
	}
}

// In a terminal, an error and the note naming hidden columns wrap at
// spaces to its width, and a read that fails before its first row prints
// no table header over the error.
func TestTerminalOutputWrapsAtSpaces(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	vars := map[string]string{"NOTION_TOKEN": notiontest.TokenFull, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"}

	args := []string{"comments", notiontest.DataSourceTasks}
	piped := terminalRun(t, vars, terminal{stdoutPipe: true}, args...)
	term := terminalRun(t, vars, terminal{width: 80, stderrTTY: true}, args...)
	if term.code != 1 || piped.code != 1 {
		t.Fatalf("exit %d and %d, want 1", term.code, piped.code)
	}
	if term.stdout != "" {
		t.Errorf("a table header was printed before the error: %q", term.stdout)
	}
	if !strings.Contains(piped.stderr, "request_id") || strings.Count(piped.stderr, "\n") >= strings.Count(ansi.Strip(term.stderr), "\n") {
		t.Fatalf("the terminal's error was not wrapped:\n%s\npiped:\n%s", term.stderr, piped.stderr)
	}
	fitsAndKeepsWords(t, term.stderr, strings.TrimPrefix(piped.stderr, "notion-tui: "), 80)

	q := terminalRun(t, vars, terminal{width: 80, stderrTTY: true}, "query", notiontest.DataSourceTasks, "--filter", "Task = zzzz")
	if q.code != 0 || !strings.Contains(q.stderr, "columns hidden at 80 columns") {
		t.Fatalf("exit %d\n%s", q.code, q.stderr)
	}
	fitsAndKeepsWords(t, q.stderr, "columns hidden at 80 columns", 80)
	if !strings.HasSuffix(q.stdout, "──\n(none)\n") {
		t.Errorf("a table with no row does not say so:\n%s", q.stdout)
	}
	if strings.Count(q.stderr, "\n") < 2 {
		t.Errorf("the note was not wrapped: %q", q.stderr)
	}
}

// The terminal's stderr wraps whole lines, and passes a prompt, a
// progress line and what follows a prompt on its line through as written,
// at once.
func TestWrapWriterWrapsWholeLinesOnly(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	w := &wrapWriter{w: &b, width: 40}
	long := "Delete the profile here anyway? The token stays valid until the connection is removed."
	steps := []struct{ write, want string }{
		{"notion-tui: 14 rows of Tasks selected; 14 would change.\n", "notion-tui: 14 rows of Tasks selected;\n            14 would change.\n"},
		{"\r\x1b[KReading rows… 1,200 of many more rows than fit", "\r\x1b[KReading rows… 1,200 of many more rows than fit"},
		{"\r\x1b[K", "\r\x1b[K"},
		{"notion-tui: 14 rows of Tasks selected; 14 would change.\n", "notion-tui: 14 rows of Tasks selected;\n            14 would change.\n"},
		{long + " [y/N] ", long + " [y/N] "},
		{"y and the rest of a line a prompt began\n", "y and the rest of a line a prompt began\n"},
		{"  - a list item that is longer than the line\n", "  - a list item that is longer than the\n    line\n"},
	}
	for _, s := range steps {
		b.Reset()
		if n, err := w.Write([]byte(s.write)); n != len(s.write) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", s.write, n, err)
		}
		if b.String() != s.want {
			t.Errorf("Write(%q) wrote %q, want %q", s.write, b.String(), s.want)
		}
	}
}

// The sandbox's comments wrap in a terminal into comments, so that its
// output stays safe to eval; piped, each is one line.
func TestCommentLineWrapsIntoComments(t *testing.T) {
	t.Parallel()
	lead, text := "#   ntn_sandbox_no_comment_capabilities  ", "no comments: 403 on listing and adding comments, whatever the page"
	got := commentLine(lead, text, 70)
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) < 2 {
		t.Fatalf("not wrapped: %q", got)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "#") || len(l) > 70 {
			t.Errorf("line %q is not a comment within 70 columns", l)
		}
	}
	if strings.Join(strings.Fields(strings.ReplaceAll(got, "#", "")), " ") != strings.Join(strings.Fields(strings.ReplaceAll(lead+text, "#", "")), " ") {
		t.Errorf("the words changed: %q", got)
	}
	if one := commentLine(lead, text, 0); one != lead+text+"\n" {
		t.Errorf("piped: %q", one)
	}
}

// The app refuses to start where it cannot draw, with what to do instead,
// rather than writing its screen into a file or a pipe.
func TestTheAppNeedsATerminal(t *testing.T) {
	t.Parallel()
	r := runWith(t, nil, "--demo")
	if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "stdout is not one") || !strings.Contains(r.stderr, "notion-tui --help") {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

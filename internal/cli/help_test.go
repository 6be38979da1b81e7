package cli

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/notion-tui/notion-tui/internal/testmain"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/zalando/go-keyring"
)

func TestMain(m *testing.M) {
	// fang lays help out for the terminal's width, read once per process:
	// the goldens are written for 80 columns.
	os.Setenv("__FANG_TEST_WIDTH", "80")
	// go-keyring's package functions fail: every test gives its Env a
	// keyring of its own (keyringtest.New), so that tests run side by side
	// and none reaches the OS keyring.
	keyring.MockInitWithError(errors.New("a test reached the OS keyring: give its Env a keyring"))
	testmain.Run(m)
}

// commandPaths lists every command of the tree but the root, as the words
// that reach it ("auth login").
func commandPaths(t *testing.T) [][]string {
	t.Helper()
	a := newApp(&Env{Stdout: io.Discard, Stderr: io.Discard})
	var paths [][]string
	walk(a.root, func(c *cobra.Command) {
		if c == a.root {
			return
		}
		p := strings.Fields(strings.TrimPrefix(c.CommandPath(), "notion-tui "))
		paths = append(paths, p)
	})
	if len(paths) < 15 {
		t.Fatalf("only %d commands found", len(paths))
	}
	return paths
}

// TestHelpGoldens holds the --help of every command, at 80 columns,
// where every line fits.
// Update with go test ./internal/cli -run TestHelpGoldens -update.
func TestHelpGoldens(t *testing.T) {
	t.Parallel()
	for _, p := range append([][]string{{}}, commandPaths(t)...) {
		name := strings.Join(append([]string{"notion-tui"}, p...), "_")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := runWith(t, nil, append(p, "--help")...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			for _, line := range strings.Split(r.stdout, "\n") {
				if w := ansi.StringWidth(line); w > 80 {
					t.Errorf("a line of %d columns, cut by an 80-column terminal: %q", w, line)
				}
			}
			golden.RequireEqual(t, r.stdout)
		})
	}
}

// TestEveryCommandIsDocumented: a summary, and examples that fit the
// help's code block at 80 columns (fang cuts longer lines with …) and run
// against the demo workspace.
func TestEveryCommandIsDocumented(t *testing.T) {
	t.Parallel()
	a := newApp(&Env{Stdout: io.Discard, Stderr: io.Discard})
	walk(a.root, func(c *cobra.Command) {
		if c.Short == "" {
			t.Errorf("%s has no summary", c.CommandPath())
		}
		if c.Hidden || c.Name() == "help" || c.HasParent() && c.Parent().Name() == "completion" || c.Name() == "completion" {
			return
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s has no examples", c.CommandPath())
		}
		indent := false
		for _, line := range strings.Split(strings.TrimSpace(c.Example), "\n") {
			w := ansi.StringWidth(strings.TrimSpace(line))
			if indent {
				w += 2
			}
			if w > 72 {
				t.Errorf("%s: example line of %d columns (at most 72 fit): %s", c.CommandPath(), w, line)
			}
			indent = strings.HasSuffix(line, `\`)
		}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden && f.Name != "help" && f.Usage != "" && f.Usage[0] >= 'A' && f.Usage[0] <= 'Z' {
				t.Errorf("%s --%s: fang capitalises the first word itself: %q", c.CommandPath(), f.Name, f.Usage)
			}
		})
	})
}

// TestCompletionScriptsLoad: the completion scripts are valid for their
// shells (bash -n; zsh -n and fish -n where installed).
func TestCompletionScriptsLoad(t *testing.T) {
	t.Parallel()
	for _, sh := range []struct{ name, check string }{{"bash", "bash"}, {"zsh", "zsh"}, {"fish", "fish"}, {"powershell", ""}} {
		t.Run(sh.name, func(t *testing.T) {
			t.Parallel()
			r := runWith(t, nil, "completion", sh.name)
			if r.code != 0 || len(r.stdout) < 500 {
				t.Fatalf("exit %d, %d bytes: %s", r.code, len(r.stdout), r.stderr)
			}
			if sh.check == "" {
				return
			}
			bin, err := exec.LookPath(sh.check)
			if err != nil {
				t.Skipf("%s is not installed; the script was generated but not parsed", sh.check)
			}
			file := filepath.Join(t.TempDir(), "notion-tui."+sh.name)
			if err := os.WriteFile(file, []byte(r.stdout), 0o600); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(bin, "-n", file).CombinedOutput(); err != nil {
				t.Fatalf("%s -n: %v\n%s", sh.check, err, out)
			}
		})
	}
}

// TestCompletionOfProfilesAndFormats asks cobra's completion entry point
// what a shell would get.
func TestCompletionOfProfilesAndFormats(t *testing.T) {
	t.Parallel()
	r := runWith(t, nil, "__complete", "query", "x", "--format", "")
	for _, want := range []string{"table", "json", "csv", "ndjson"} {
		if !strings.Contains(r.stdout, want+"\n") {
			t.Errorf("--format completions lack %s:\n%s", want, r.stdout)
		}
	}
	r = runWith(t, nil, "__complete", "api", "")
	if !strings.Contains(r.stdout, "GET\n") || !strings.Contains(r.stdout, "PATCH\n") {
		t.Errorf("api method completions:\n%s", r.stdout)
	}
}

func TestManPage(t *testing.T) {
	t.Parallel()
	r := runWith(t, nil, "man")
	for _, want := range []string{".TH NOTION-TUI 1", ".SH OPTIONS", "query", "Exit status", "130 interrupted"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
}

func TestTrimTrailingSpacesAcrossWrites(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	w := &trimTrailingSpaces{w: &b}
	for _, s := range []string{"  USAGE  ", "  \n  a b", "   ", " c\n", "   \n\n", "end   "} {
		if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", s, n, err)
		}
	}
	if want := "  USAGE\n  a b    c\n\n\nend"; b.String() != want {
		t.Fatalf("wrote %q, want %q", b.String(), want)
	}
}

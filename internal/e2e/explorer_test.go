package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// TestExplorerEndToEnd explores the demo workspace as a newcomer does:
// open Reading List, filter it in the query language, open a row, go back,
// quit.
func TestExplorerEndToEnd(t *testing.T) {
	t.Parallel()
	s := Start(t, []string{"--demo"}, nil)
	s.WaitFor("📚 Reading List", 15*time.Second)
	s.Type("/")
	s.WaitFor("/ type part of a title", 5*time.Second)
	s.Type("Reading")
	s.SendKeys("Enter")
	s.WaitGone("type part of a title", 5*time.Second)
	s.SendKeys("Enter")
	screen := s.WaitFor("60 rows · all loaded", 10*time.Second)
	if !strings.Contains(screen, "The Go Programming Language") {
		t.Fatalf("the first row is missing:\n%s", screen)
	}

	s.Type("/")
	s.WaitFor("filter ›", 5*time.Second)
	s.Type("Status = Finished and Pages > 600")
	s.WaitFor("✓ valid", 5*time.Second)
	s.SendKeys("Enter")
	screen = s.WaitFor("4 rows · all loaded", 10*time.Second)
	for _, title := range []string{"Designing Data-Intensive Applications", "Introduction to Algorithms"} {
		if !strings.Contains(screen, title) {
			t.Errorf("%q is not among the filtered rows:\n%s", title, screen)
		}
	}
	if strings.Contains(screen, "The Go Programming Language") {
		t.Errorf("a row the filter excludes is shown:\n%s", screen)
	}

	// The page's properties and its body are two requests: wait for both.
	s.SendKeys("Enter")
	s.WaitUntil("the preview to show the row and its body", 10*time.Second, func(screen string) bool {
		return strings.Contains(screen, "Takeaways") && strings.Contains(screen, "Designing Data-Intensive Applications") && strings.Contains(screen, "● Finished")
	})
	s.SendKeys("Escape")
	s.WaitFor("4 rows · all loaded", 5*time.Second)
	s.Type("q")
	if code := s.Wait(5 * time.Second); code != 0 {
		t.Errorf("exit status %d", code)
	}
}

// TestExplorerNarrowTerminal checks the database view at 80×24 and after
// a resize: no line is wider than the terminal.
func TestExplorerNarrowTerminal(t *testing.T) {
	t.Parallel()
	s := StartSize(t, 80, 24, []string{"--demo"}, nil)
	s.WaitFor("📚 Reading List", 15*time.Second)
	s.Type("/")
	s.WaitFor("/ type part of a title", 5*time.Second)
	s.Type("Tasks")
	s.SendKeys("Enter")
	s.WaitGone("type part of a title", 5*time.Second)
	s.SendKeys("Enter")
	s.WaitFor("rows · all loaded", 10*time.Second)
	s.Resize(100, 30)
	screen := s.WaitFor("columns 1–", 5*time.Second)
	for i, l := range strings.Split(screen, "\n") {
		if n := ansi.StringWidth(l); n > 100 {
			t.Errorf("line %d has %d cells on a 100-column terminal: %q", i+1, n, l)
		}
	}
}

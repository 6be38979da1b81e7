package widgets

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// TestTextPanelSaysThereIsMoreUnderALongTitle: a panel that does not show
// every line says which lines it shows, even when its title is wider than
// the panel (a request's path at 60 columns).
func TestTextPanelSaysThereIsMoreUnderALongTitle(t *testing.T) {
	t.Parallel()
	p := NewTextPanel("GET /v1/pages/6cb78235-19e1-4d89-8ad8-1c5f02f9a9fd?filter_properties=title", []string{"a", "b", "c", "d", "e", "f", "g", "h"})
	p.SetSize(50, 4)
	v := ansi.Strip(p.View(styles.New(true, true)))
	title, _, _ := strings.Cut(v, "\n")
	if !strings.Contains(title, "1–3 of 8 lines") || !strings.HasPrefix(title, "GET /v1/pages/") {
		t.Errorf("the title line is %q", title)
	}
	if w := ansi.StringWidth(title); w > 50 {
		t.Errorf("the title line is %d wide", w)
	}
}

// TestTextPanelScrollsByItsSizeBeforeAFrame: scrolling is clamped by the
// size the owner gave the panel, not by the last frame drawn, so keys
// handled before the next frame end where they would after one.
func TestTextPanelScrollsByItsSizeBeforeAFrame(t *testing.T) {
	t.Parallel()
	lines := make([]string, 20)
	for i := range lines {
		lines[i] = strings.Repeat("x", i+1)
	}
	p := NewTextPanel("Schema", lines)
	p.SetSize(40, 5) // 4 lines below the title
	p.Scroll(100)
	p.Scroll(-1)
	if !p.Scrollable() {
		t.Error("a panel of 20 lines in 4 is not scrollable")
	}
	title, _, _ := strings.Cut(ansi.Strip(p.View(styles.New(true, true))), "\n")
	if !strings.Contains(title, "16–19 of 20 lines") {
		t.Errorf("after the end and one up, the title line is %q", title)
	}
}

// TestTextPanelWrapKeepsTheIndentation: a wrapped indented line goes on
// under its text, and nothing is cut.
func TestTextPanelWrapKeepsTheIndentation(t *testing.T) {
	t.Parallel()
	p := NewTextPanel("Schema", []string{
		"Task      title",
		"          filter: =, !=, contains, does not contain, starts with, ends with, in, is empty",
	})
	p.Wrap = true
	p.SetSize(40, 20)
	view := ansi.Strip(p.View(styles.New(true, true)))
	lines := strings.Split(view, "\n")
	if strings.Contains(view, "…") || len(lines) < 4 {
		t.Fatalf("the line is cut or not wrapped:\n%s", view)
	}
	for _, l := range lines[3:] {
		if !strings.HasPrefix(l, strings.Repeat(" ", 10)) || l[10] == ' ' || ansi.StringWidth(l) > 40 {
			t.Errorf("a wrapped line is not under its text within 40 cells: %q\n%s", l, view)
		}
	}
}

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
	v := ansi.Strip(p.View(50, 4, styles.New(true, true)))
	title, _, _ := strings.Cut(v, "\n")
	if !strings.Contains(title, "1–3 of 8 lines") || !strings.HasPrefix(title, "GET /v1/pages/") {
		t.Errorf("the title line is %q", title)
	}
	if w := ansi.StringWidth(title); w > 50 {
		t.Errorf("the title line is %d wide", w)
	}
}

package comments

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// TestHeaderIsNotCutAt60Columns: the line under the title keeps the notes
// that fit whole and leaves out the others.
func TestHeaderIsNotCutAt60Columns(t *testing.T) {
	t.Parallel()
	c := &ui.Common{Ctx: context.Background(), Styles: styles.New(true, false), Cache: ui.NewCache(), Now: time.Now}
	p := New(c, "cccccccc-0000-4000-8000-000000000001", "Getting started with notion-tui")
	for _, w := range []int{60, 80} {
		p.SetSize(w, 15)
		second := strings.Split(ansi.Strip(p.View()), "\n")[1]
		if strings.Contains(second, "…") || !strings.Contains(second, "a adds a comment") {
			t.Errorf("at %d columns the header is %q", w, second)
		}
		if w >= 80 && !strings.Contains(second, "enter replies") {
			t.Errorf("at %d columns the header lost a note that fits: %q", w, second)
		}
	}
}

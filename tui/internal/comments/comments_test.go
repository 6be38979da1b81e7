package comments

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// TestHeaderIsNotCutAt60Columns: the line under the title keeps the notes
// that fit whole and leaves out the others.
func TestHeaderIsNotCutAt60Columns(t *testing.T) {
	t.Parallel()
	c := &ui.Common{Ctx: context.Background(), Styles: styles.New(true, false), Cache: ui.NewCache(), Now: time.Now}
	p := New(c, "cccccccc-0000-4000-8000-000000000001", "Getting started with notion-tui").(*pane)
	p.list = []notionapi.Comment{{ID: "c1", DiscussionID: "d1"}}
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

// TestFooterNamesOnlyKeysThatAct: with no comment there is nothing to
// move to or reply to; with one, nothing to move to.
func TestFooterNamesOnlyKeysThatAct(t *testing.T) {
	t.Parallel()
	c := &ui.Common{Ctx: context.Background(), Styles: styles.New(true, false), Cache: ui.NewCache(), Now: time.Now}
	p := New(c, "cccccccc-0000-4000-8000-000000000001", "A page").(*pane)
	p.SetSize(80, 24)
	named := func() string {
		var out []string
		for _, b := range p.KeyMap().ShortHelp() {
			out = append(out, b.Help().Desc)
		}
		return strings.Join(out, ", ")
	}
	for _, tt := range []struct {
		comments int
		want     string
	}{
		{0, "add a comment, refresh, back"},
		{1, "add a comment, reply, refresh, back"},
		{2, "next, previous, add a comment, reply, refresh, back"},
	} {
		p.list = nil
		for i := range tt.comments {
			p.list = append(p.list, notionapi.Comment{ID: string(rune('a' + i)), DiscussionID: "d"})
		}
		if got := named(); got != tt.want {
			t.Errorf("with %d comments the footer names %q, want %q", tt.comments, got, tt.want)
		}
		if head := strings.Split(ansi.Strip(p.View()), "\n")[1]; strings.Contains(head, "enter replies") != (tt.comments > 0) {
			t.Errorf("with %d comments the header is %q", tt.comments, head)
		}
	}
}

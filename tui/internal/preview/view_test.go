package preview

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

// TestPageURLShowsWholeOrNotAtAll: a URL cut mid-ID is no link; on a
// screen too narrow for it the preview leaves it out.
func TestPageURLShowsWholeOrNotAtAll(t *testing.T) {
	t.Parallel()
	const id = "6cb78a3e-0000-4000-8000-000000000001"
	url := "https://www.notion.so/Getting-started-with-notion-tui-" + strings.ReplaceAll(id, "-", "")
	c := &ui.Common{Ctx: context.Background(), Styles: styles.New(true, false), Cache: ui.NewCache(), Now: time.Now}
	p := newPagePreview(c, id, nil)
	p.page = &notionapi.Page{ID: id, URL: url, Properties: map[string]notionapi.PropertyValue{
		"Name": notionapi.TitleValue("Getting started with notion-tui"),
	}}
	p.blocks = []blockNode{}
	for _, w := range []int{60, 80, 120} {
		p.SetSize(w, 15)
		view := ansi.Strip(p.View())
		if w >= 90 && !strings.Contains(view, url) {
			t.Errorf("at %d columns the URL is not shown whole:\n%s", w, view)
		}
		for _, l := range strings.Split(view, "\n") {
			if strings.Contains(l, "notion.so") && !strings.Contains(l, url) {
				t.Errorf("at %d columns the URL is cut: %q", w, l)
			}
		}
	}
}

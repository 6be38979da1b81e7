package preview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// TestBlockShownThroughItsChildren: a synced block's content is read and
// drawn, so it is not announced as "not shown here"; a block of a type
// the app does not draw, without children, still is.
func TestBlockShownThroughItsChildren(t *testing.T) {
	t.Parallel()
	para := notionapi.Block{Type: notionapi.BlockParagraph, Paragraph: &notionapi.BlockText{RichText: notionapi.PlainText("Shared notes")}}
	nodes := []blockNode{
		{b: notionapi.Block{Type: "synced_block", HasChildren: true}, children: []blockNode{{b: para}}},
		{b: notionapi.Block{Type: "breadcrumb"}},
	}
	got := ansi.Strip(strings.Join(renderBlocks(styles.New(true, false), nodes, 60), "\n"))
	if strings.Contains(got, "synced block — not shown here") || !strings.Contains(got, "⟨synced block⟩") || !strings.Contains(got, "Shared notes") {
		t.Errorf("the synced block:\n%s", got)
	}
	if !strings.Contains(got, "⟨breadcrumb — not shown here⟩") {
		t.Errorf("a block not drawn is not said so:\n%s", got)
	}
}

package widgets

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// TextPanel is a scrollable block of lines drawn in a panel.
type TextPanel struct {
	title string
	lines []string
	top   int
	rows  int // lines shown in the last view
}

func NewTextPanel(title string, lines []string) *TextPanel {
	return &TextPanel{title: title, lines: lines}
}

func (p *TextPanel) Scroll(d int) {
	p.top = max(0, min(p.top+d, len(p.lines)-max(1, p.rows)))
}

// View draws the title and the lines that fit in w×h.
func (p *TextPanel) View(w, h int, st *styles.Styles) string {
	p.rows = max(1, h-1)
	p.Scroll(0)
	var b strings.Builder
	title := st.PanelTitle.Render(p.title)
	if len(p.lines) > p.rows {
		title += st.Muted.Render(strings.Repeat(" ", 2) + FormatCount(p.top+1) + "–" + FormatCount(min(len(p.lines), p.top+p.rows)) + " of " + FormatCount(len(p.lines)) + " lines")
	}
	b.WriteString(ansi.Truncate(title, w, "…"))
	for _, l := range p.lines[p.top:min(len(p.lines), p.top+p.rows)] {
		b.WriteString("\n" + ansi.Truncate(l, w, "…"))
	}
	return b.String()
}

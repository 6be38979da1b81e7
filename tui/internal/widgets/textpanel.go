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
	// Wrap breaks lines wider than the panel over several lines instead
	// of cutting them (an error message, a JSON body); n is how many
	// lines the last view had once wrapped.
	Wrap bool
	n    int
}

func NewTextPanel(title string, lines []string) *TextPanel {
	return &TextPanel{title: title, lines: lines}
}

func (p *TextPanel) Scroll(d int) {
	n := len(p.lines)
	if p.Wrap && p.n > 0 {
		n = p.n
	}
	p.top = max(0, min(p.top+d, n-max(1, p.rows)))
}

// Scrollable reports whether the last view left lines out, so that
// scrolling does something (the help line names the scroll keys then).
func (p *TextPanel) Scrollable() bool {
	n := len(p.lines)
	if p.Wrap && p.n > 0 {
		n = p.n
	}
	return p.rows > 0 && (p.top > 0 || n > p.rows)
}

// View draws the title and the lines that fit in w×h.
func (p *TextPanel) View(w, h int, st *styles.Styles) string {
	p.rows = max(1, h-1)
	lines := p.lines
	if p.Wrap {
		lines = nil
		for _, l := range p.lines {
			if ansi.StringWidth(l) <= w {
				lines = append(lines, l)
				continue
			}
			lines = append(lines, strings.Split(ansi.Wrap(l, max(1, w), " ,"), "\n")...)
		}
		p.n = len(lines)
	}
	p.Scroll(0)
	var b strings.Builder
	var count string
	if len(lines) > p.rows {
		// Kept whole: a long title is cut before it, not it.
		count = st.Muted.Render("  " + FormatCount(p.top+1) + "–" + FormatCount(min(len(lines), p.top+p.rows)) + " of " + FormatCount(len(lines)) + " lines")
	}
	title := ansi.Truncate(st.PanelTitle.Render(p.title), max(1, w-ansi.StringWidth(count)), "…")
	b.WriteString(ansi.Truncate(title+count, w, "…"))
	for _, l := range lines[p.top:min(len(lines), p.top+p.rows)] {
		b.WriteString("\n" + ansi.Truncate(l, w, "…"))
	}
	return b.String()
}

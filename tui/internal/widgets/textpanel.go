package widgets

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// TextPanel is a scrollable block of lines drawn in a panel. Its owner
// gives it its size (SetSize) when it lays out, so that scrolling in
// Update is clamped by what the next frame shows, not the last one.
type TextPanel struct {
	title string
	lines []string
	top   int
	// w and h are the size the panel is drawn in; shown is lines once
	// wrapped to w.
	w, h    int
	shown   []string
	wrapped bool // Wrap when shown was made
	// Wrap breaks lines wider than the panel over several lines instead
	// of cutting them (an error message, a JSON body); the lines after
	// the first keep its indentation.
	Wrap bool
}

func NewTextPanel(title string, lines []string) *TextPanel {
	return &TextPanel{title: title, lines: lines, shown: lines}
}

// SetSize sets the size the panel is drawn in: w columns, h lines with
// the title.
func (p *TextPanel) SetSize(w, h int) {
	if w == p.w && h == p.h && p.Wrap == p.wrapped {
		return
	}
	p.w, p.h, p.wrapped = w, h, p.Wrap
	p.shown = p.lines
	if p.Wrap {
		p.shown = nil
		for _, l := range p.lines {
			if ansi.StringWidth(l) <= w {
				p.shown = append(p.shown, l)
				continue
			}
			p.shown = append(p.shown, hangWrap(l, w)...)
		}
	}
	p.Scroll(0)
}

// hangWrap wraps a line to w at spaces (a line without one, compact
// JSON, after commas); when it starts with
// spaces (not more than half the width), the lines after the first are
// indented as much.
func hangWrap(l string, w int) []string {
	text := strings.TrimLeft(l, " ")
	indent := len(l) - len(text)
	if !strings.Contains(text, " ") {
		// Compact JSON: break after a comma rather than in a value.
		return strings.Split(ansi.Wrap(l, max(1, w), ","), "\n")
	}
	if indent == 0 || indent > w/2 {
		return strings.Split(ansi.Wrap(l, max(1, w), " "), "\n")
	}
	return Hang(l[:indent], text, w)
}

// rows is how many lines fit below the title.
func (p *TextPanel) rows() int { return max(1, p.h-1) }

func (p *TextPanel) Scroll(d int) {
	p.top = max(0, min(p.top+d, len(p.shown)-p.rows()))
}

// Scrollable reports whether lines are left out, so that scrolling does
// something (the help line names the scroll keys then).
func (p *TextPanel) Scrollable() bool {
	return p.h > 0 && (p.top > 0 || len(p.shown) > p.rows())
}

// View draws the title and the lines that fit in the size given to
// SetSize.
func (p *TextPanel) View(st *styles.Styles) string {
	w, lines, rows := p.w, p.shown, p.rows()
	var b strings.Builder
	var count string
	if len(lines) > rows {
		// Kept whole: a long title is cut before it, not it.
		count = st.Muted.Render("  " + FormatCount(p.top+1) + "–" + FormatCount(min(len(lines), p.top+rows)) + " of " + FormatCount(len(lines)) + " lines")
	}
	title := ansi.Truncate(st.PanelTitle.Render(p.title), max(1, w-ansi.StringWidth(count)), "…")
	b.WriteString(ansi.Truncate(title+count, w, "…"))
	for _, l := range lines[p.top:min(len(lines), p.top+rows)] {
		b.WriteString("\n" + ansi.Truncate(l, w, "…"))
	}
	return b.String()
}

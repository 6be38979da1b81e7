package widgets

import (
	"fmt"
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/notion-tui/notion-tui/internal/textwrap"
)

// Bar renders a line of styled pieces as a bar w cells wide in st. Each
// piece ends with an SGR reset, which would clear the bar's background
// (and foreground) for the rest of the line; the bar's colours are set
// again after every reset.
func Bar(st lipgloss.Style, line string, w int) string {
	pen := ansi.NewStyle()
	if c := st.GetBackground(); !noColor(c) {
		pen = pen.BackgroundColor(c)
	}
	if c := st.GetForeground(); !noColor(c) {
		pen = pen.ForegroundColor(c)
	}
	if len(pen) > 0 {
		line = strings.ReplaceAll(line, ansi.ResetStyle, ansi.ResetStyle+pen.String())
	}
	return st.Width(w).Render(line)
}

func noColor(c color.Color) bool {
	_, none := c.(lipgloss.NoColor)
	return c == nil || none
}

// FitBlock makes s exactly h lines of exactly w cells. It costs what the
// visible text costs: no re-styling.
func FitBlock(s string, w, h int) string {
	var b strings.Builder
	b.Grow(len(s) + h)
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		b.WriteString(PadLine(line, w))
	}
	return b.String()
}

// PadLine cuts or pads a styled line to exactly w cells.
func PadLine(line string, w int) string {
	lw := ansi.StringWidth(line)
	switch {
	case lw > w:
		return ansi.Truncate(line, w, "")
	case lw < w:
		return line + strings.Repeat(" ", w-lw)
	}
	return line
}

// Spread lays out left and right on one line of width w, truncating left.
func Spread(left, right string, w int) string {
	rw := lipgloss.Width(right)
	lw := w - rw - 1
	if rw == 0 {
		lw = w
	}
	left = ansi.Truncate(left, max(0, lw), "…")
	gap := max(1, w-lipgloss.Width(left)-rw)
	if rw == 0 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// Overlay draws top centred over base in a w×h area.
func Overlay(base, top string, w, h int) string {
	tw, th := lipgloss.Width(top), lipgloss.Height(top)
	x, y := max(0, (w-tw)/2), max(0, (h-th)/2)
	// A Layer drawn on its own ignores its position and blanks the whole
	// canvas; the compositor places each layer and keeps what is beneath.
	c := lipgloss.NewCanvas(w, h)
	c.Compose(lipgloss.NewCompositor(lipgloss.NewLayer(base), lipgloss.NewLayer(top).X(x).Y(y).Z(1)))
	return c.Render()
}

// WrapText wraps s at w cells.
func WrapText(s string, w int) string {
	return lipgloss.Wrap(s, max(10, w), "")
}

// Hang wraps text to width w, starting with prefix and indenting the
// following lines under the text.
func Hang(prefix, text string, w int) []string {
	pw := lipgloss.Width(prefix)
	wrapped := textwrap.Lines(text, max(1, w-pw))
	pad := strings.Repeat(" ", pw)
	for i, l := range wrapped {
		if i == 0 {
			wrapped[i] = prefix + l
		} else {
			wrapped[i] = pad + l
		}
	}
	return wrapped
}

func StyleLines(st lipgloss.Style, lines []string) []string {
	for i, l := range lines {
		lines[i] = st.Render(l)
	}
	return lines
}

// WrapJoined joins items with sep, starting a new line where the next item
// would pass width w.
func WrapJoined(items []string, sep string, w int) string {
	var b strings.Builder
	lineW := 0
	for i, it := range items {
		iw := lipgloss.Width(it)
		switch {
		case i == 0:
		case lineW+lipgloss.Width(sep)+iw > w:
			b.WriteString("\n")
			lineW = 0
		default:
			b.WriteString(sep)
			lineW += lipgloss.Width(sep)
		}
		b.WriteString(it)
		lineW += iw
	}
	return b.String()
}

// JoinFit joins parts with sep on one line of width w: the first part
// always (cut to fit), then each next one only when it fits whole, so
// that a hint or an ID is never shown in part.
func JoinFit(parts []string, sep string, w int) string {
	if len(parts) == 0 {
		return ""
	}
	out := Truncate(parts[0], w)
	used := lipgloss.Width(out)
	for _, p := range parts[1:] {
		pw := lipgloss.Width(sep) + lipgloss.Width(p)
		if used+pw > w {
			break
		}
		out += sep + p
		used += pw
	}
	return out
}

// Longest is the first of texts (longest first) that fits in w, else
// the last one.
func Longest(w int, texts ...string) string {
	for _, t := range texts {
		if lipgloss.Width(t) <= w {
			return t
		}
	}
	return texts[len(texts)-1]
}

// SGR is the escape sequence that sets a style's foreground colour, or ""
// when it sets none.
func SGR(s lipgloss.Style) string {
	fg := s.GetForeground()
	if _, none := fg.(lipgloss.NoColor); none {
		return ""
	}
	return ansi.NewStyle().ForegroundColor(fg).String()
}

// PanelWidth is the width of a panel drawn over the table.
func PanelWidth(w int) int { return max(30, min(w-4, 96)) }

// ClipLines keeps the first h lines of s.
func ClipLines(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:max(h, 1)]
	}
	return strings.Join(lines, "\n")
}

// FitWidth truncates every line to width, so that nothing overflows.
func FitWidth(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if lipgloss.Width(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// Para wraps text to width.
func Para(st lipgloss.Style, text string, width int) string {
	return strings.Join(StyleLines(st, Hang("", text, width)), "\n")
}

// NamesFit lists names, separated by commas, in w cells: the names that
// fit go whole and the others are counted ("Status, Due and 5 more"). It
// is "" when not even the count fits after one name.
func NamesFit(names []string, w int) string {
	all := strings.Join(names, ", ")
	if TextWidth(all) <= w {
		return all
	}
	for k := len(names) - 1; k > 0; k-- {
		s := strings.Join(names[:k], ", ") + fmt.Sprintf(" and %d more", len(names)-k)
		if TextWidth(s) <= w {
			return s
		}
	}
	return ""
}

// Package textwrap wraps plain text at spaces for a terminal, measuring
// in cells: the command line's help, notes and errors, and a page's text.
package textwrap

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Words breaks each line of s at spaces so that it fits width cells. A
// word wider than a line stays whole on a line of its own (a link, a
// path, a flag). Blank lines are kept; spaces at a line's start are not.
// It runs for every command's help at start-up, so it measures each word
// once.
func Words(s string, width int) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/max(width, 1) + 1)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		cur := 0 // width of the output line so far
		for _, w := range strings.Fields(line) {
			ww := Width(w)
			switch {
			case cur == 0:
			case cur+1+ww > width:
				b.WriteByte('\n')
				cur = 0
			default:
				b.WriteByte(' ')
				cur++
			}
			b.WriteString(w)
			cur += ww
		}
	}
	return b.String()
}

// Width is s's width in cells; plain ASCII, the common case, is measured
// without segmenting graphemes.
func Width(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c < ' ' {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// Package textwrap wraps plain text at spaces for a terminal, measuring
// in cells: the command line's help, notes and errors, a page's text
// (Words, which keeps a long word whole, and Hang, which wraps it under a
// lead), and the app's panels (Lines, which breaks a long word so that
// nothing overflows).
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

// MinColumn is the narrowest column Hang wraps text to: under a deeper
// lead, a line is kept whole rather than cut into a word per line.
const MinColumn = 20

// Hang is lead followed by text, ending in a newline; each later line of
// text starts with indent. With width set (a terminal's), text wider than
// the column lead and indent leave is wrapped at spaces to it (Words),
// unless that column is narrower than MinColumn. Text that fits is
// written as it is.
func Hang(lead, indent, text string, width int) string {
	if col := width - max(Width(lead), Width(indent)); width > 0 && col >= MinColumn && Width(text) > col {
		text = Words(text, col)
	}
	var b strings.Builder
	for i, l := range strings.Split(text, "\n") {
		if i == 0 {
			b.WriteString(lead)
		} else {
			b.WriteString(indent)
		}
		b.WriteString(l)
		b.WriteByte('\n')
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

// Lines wraps plain text at spaces to width cells, as lines that all fit:
// for a panel that must not overflow. Only a word wider than a line is
// broken, so that flags, paths and IDs stay whole where they fit (a
// hyphen is not a place to break "--notion-version"); such a word
// (compact JSON, a URL) is broken after a comma, slash, ampersand,
// question mark or hyphen in the line's second half where there is one,
// and at the line's end where there is none.
func Lines(text string, width int) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line, start := "", len(lines)
		for _, word := range strings.Fields(para) {
			for Width(word) > width {
				if line != "" {
					lines, line = append(lines, line), ""
				}
				head := breakLong(word, width)
				lines, word = append(lines, head), word[len(head):]
			}
			switch {
			case word == "":
			case line == "":
				line = word
			case Width(line)+1+Width(word) <= width:
				line += " " + word
			default:
				lines, line = append(lines, line), word
			}
		}
		if line != "" || len(lines) == start {
			lines = append(lines, line)
		}
	}
	return lines
}

// breakLong returns the head of word, wider than width, that goes on a
// line of its own: up to the last break character in the line's second
// half, or the cells that fit.
func breakLong(word string, width int) string {
	head := ansi.Truncate(word, width, "")
	if head == "" { // a character wider than the line goes on one alone
		_, size := utf8.DecodeRuneInString(word)
		return word[:size]
	}
	if i := strings.LastIndexAny(head, ",/&?-"); i >= 0 && Width(head[:i+1]) > width/2 {
		return head[:i+1]
	}
	return head
}

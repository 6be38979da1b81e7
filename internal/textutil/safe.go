package textutil

import (
	"strings"
	"unicode/utf8"
)

// Replacement stands in for a control character taken out of text that
// came from a workspace or the network.
const Replacement = '\uFFFD'

// SafeLine makes s safe to write to a terminal on one line: every control
// character (C0, DEL and C1, which start escape sequences: a page title
// could otherwise set the window title or the clipboard through OSC 52) is
// replaced with U+FFFD, tabs and line breaks with a space, and invalid
// UTF-8 with U+FFFD. Clean text is returned as it is, without copying.
func SafeLine(s string) string { return safe(s, false) }

// SafeText is SafeLine for text of several lines: tabs and line feeds are
// kept, a carriage return is dropped, every other control character is
// replaced with U+FFFD.
func SafeText(s string) string { return safe(s, true) }

func safe(s string, multiline bool) string {
	if isClean(s, multiline) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(Replacement)
		case r == '\n' || r == '\t':
			if multiline {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		case r == '\r':
			if !multiline {
				b.WriteByte(' ')
			}
		case isControl(r):
			b.WriteRune(Replacement)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isClean reports whether s needs no change: valid UTF-8 with no control
// character (but tab and line feed in multiline text).
func isClean(s string, multiline bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				if multiline && (c == '\n' || c == '\t') {
					continue
				}
				return false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || isControl(r) {
			return false
		}
		i += size - 1
	}
	return true
}

// isControl reports C0 controls, DEL and the C1 controls U+0080–U+009F.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 }

package filter

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Error is a mistake in a filter or sort expression. Every error the
// package returns is an *Error positioned in the source.
type Error struct {
	// Pos is the byte offset of the mistake in the source.
	Pos int
	// Col is the 1-based rune column of Pos on its line.
	Col int
	// Msg says what is wrong, for instance
	// `expected a value after "=", found end of input`.
	Msg string
	// Expected lists what would be valid at Pos (property names, operators,
	// option names, …), for help and completion. It may be empty.
	Expected []string
}

// Error returns the message prefixed with the column, such as
// `col 14: expected a value after "=", found end of input`.
func (e *Error) Error() string { return fmt.Sprintf("col %d: %s", e.Col, e.Msg) }

// Caret returns the line of src that holds the error and, below it, a caret
// under the error's position:
//
//	Status = "Done" and Pages >
//	                           ^
//
// Tabs are kept so the caret lines up, and wide characters (CJK, emoji)
// count as two columns.
func (e *Error) Caret(src string) string {
	pos := min(max(e.Pos, 0), len(src))
	start := strings.LastIndexByte(src[:pos], '\n') + 1
	end := len(src)
	if i := strings.IndexByte(src[pos:], '\n'); i >= 0 {
		end = pos + i
	}
	line := strings.TrimSuffix(src[start:end], "\r")

	var pad strings.Builder
	for i, chunk := range strings.Split(src[start:pos], "\t") {
		if i > 0 {
			pad.WriteByte('\t')
		}
		pad.WriteString(strings.Repeat(" ", ansi.StringWidth(chunk)))
	}
	return line + "\n" + pad.String() + "^"
}

// newError returns an error at byte offset pos of src.
func newError(src string, pos int, expected []string, format string, args ...any) *Error {
	pos = min(max(pos, 0), len(src))
	lineStart := strings.LastIndexByte(src[:pos], '\n') + 1
	return &Error{
		Pos:      pos,
		Col:      utf8.RuneCountInString(src[lineStart:pos]) + 1,
		Msg:      fmt.Sprintf(format, args...),
		Expected: expected,
	}
}

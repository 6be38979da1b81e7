package cli

// Writers that keep output whole in a terminal: stderr wrapped at its
// width, help piped without the padding fang lays it out with.

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"sync"
)

// wrapWriter is stderr when stderr is a terminal: each whole line written
// to it wraps at spaces to the terminal's width, its later lines under its
// text, so that the terminal does not cut notes, warnings and errors
// mid-word. A write that leaves a line open (a prompt) or that holds
// control sequences (a progress line, a styled badge) goes through as it
// is, and so does the rest of a line a prompt began.
type wrapWriter struct {
	w      io.Writer
	width  int
	mu     sync.Mutex
	inLine bool // the terminal's line is not at its start
}

func (ww *wrapWriter) Write(p []byte) (int, error) {
	ww.mu.Lock()
	defer ww.mu.Unlock()
	out := p
	if !ww.inLine && bytes.HasSuffix(p, []byte("\n")) && !bytes.ContainsAny(p, "\x1b\r") {
		out = []byte(wrapLines(strings.TrimSuffix(string(p), "\n"), ww.width))
	}
	switch {
	case len(p) == 0:
	case p[len(p)-1] == '\n', bytes.HasSuffix(p, []byte("\r")), bytes.HasSuffix(p, []byte("\r\x1b[K")):
		ww.inLine = false // a new line, or a progress line cleared
	default:
		ww.inLine = true
	}
	if _, err := ww.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// reListMarker is what a wrapped line's later lines go past: the line's
// indentation and a lead ("notion-tui: ", "- ", "→ ", "1. ").
var reListMarker = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^ *(?:notion-tui: |[-→•] |[0-9]+\. )?`)
})

// wrapLines wraps each line of text at spaces to width (0: as it is), its
// later lines under its text, and ends each in a newline.
func wrapLines(text string, width int) string {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		lead := reListMarker().FindString(line)
		b.WriteString(hangLine(lead, line[len(lead):], width))
	}
	return b.String()
}

// trimTrailingSpaces writes what it is given without the spaces that end
// a line (and those that end the output, which it holds back until more
// than spaces follows).
type trimTrailingSpaces struct {
	w      io.Writer
	spaces int // spaces held back: written only if more than spaces follows on the line
	err    error
}

func (t *trimTrailingSpaces) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p))
	for _, b := range p {
		switch b {
		case ' ':
			t.spaces++
			continue
		case '\n':
			t.spaces = 0
		default:
			for ; t.spaces > 0; t.spaces-- {
				out = append(out, ' ')
			}
		}
		out = append(out, b)
	}
	if t.err == nil {
		_, t.err = t.w.Write(out)
	}
	return len(p), t.err
}

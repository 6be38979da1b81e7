package wizard

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/tui/internal/keymap"
)

// A step taller than the screen (60×15) scrolls under its fixed header:
// the choice enter takes stays in sight as it moves, pgup/pgdn show the
// rest, and a last line says how much is above and below.

// scroller is where the step's text starts on screen.
type scroller struct {
	top  int
	step wizardStep
	// at is the line of the choice enter takes when last kept in sight.
	at int
}

var (
	pageDown = keymap.PageDown.Key("more")
	pageUp   = keymap.PageUp.Key()
)

// compact drops the blank lines around the header on a short screen.
func (w *wizard) compact() bool { return w.h < 20 }

// bodyHeight is how many lines the step's text has below the header.
func (w *wizard) bodyHeight() int {
	if w.compact() {
		return max(3, w.h-1) // the header
	}
	return max(3, w.h-3) // padding, header, blank
}

// window returns the lines of body on screen and the hint under them ("" when
// all fit).
func (w *wizard) window(body string) ([]string, string) {
	lines := textLines(body)
	h := w.bodyHeight()
	if len(lines) <= h {
		return lines, ""
	}
	win := h - 1
	if w.sc.step != w.step {
		w.sc = scroller{step: w.step, at: -1} // a step opened by a reply
	}
	top := min(max(0, w.sc.top), len(lines)-win)
	above, below := top, len(lines)-top-win
	var parts []string
	if above > 0 {
		parts = append(parts, fmt.Sprintf("↑ %d above", above))
	}
	if below > 0 {
		parts = append(parts, fmt.Sprintf("↓ %d more", below))
	}
	return lines[top : top+win], strings.Join(parts, " · ") + " (pgup/pgdn)"
}

// overflows reports whether the step's text is taller than the screen.
func (w *wizard) overflows() bool {
	return len(textLines(w.body(w.contentWidth()))) > w.bodyHeight()
}

// textLines is the lines of body, without the blank ones at its end (a
// form pads its view to its height).
func textLines(body string) []string {
	lines := strings.Split(body, "\n")
	for len(lines) > 1 && strings.TrimSpace(ansi.Strip(lines[len(lines)-1])) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// scrollKey scrolls on pgup/pgdn when the step does not fit; it reports
// whether it took the key.
func (w *wizard) scrollKey(msg tea.KeyPressMsg) bool {
	if !key.Matches(msg, pageDown, pageUp) || !w.overflows() {
		return false
	}
	if w.sc.step != w.step {
		w.sc = scroller{step: w.step, at: -1}
	}
	n := len(textLines(w.body(w.contentWidth())))
	win := w.bodyHeight() - 1
	w.sc.top = min(max(0, w.sc.top), n-win)
	if key.Matches(msg, pageDown) {
		w.sc.top = min(n-win, w.sc.top+max(1, win-1))
	} else {
		w.sc.top = max(0, w.sc.top-max(1, win-1))
	}
	return true
}

// keepChoiceInSight starts a new step at its top and, when the choice
// enter takes (the line with ▸; the token step's feedback under its
// field) moved, scrolls so that it shows.
func (w *wizard) keepChoiceInSight() {
	if w.sc.step != w.step {
		w.sc = scroller{step: w.step, at: -1}
	}
	lines := textLines(w.body(w.contentWidth()))
	at := -1
	for i, l := range lines {
		if strings.Contains(l, "▸ ") {
			at = i
			break
		}
	}
	if w.step == wizardToken {
		at = len(lines) - 1 // what the field holds, under it
	}
	if at < 0 || at == w.sc.at {
		return
	}
	w.sc.at = at
	win := w.bodyHeight() - 1
	switch {
	case at < w.sc.top:
		w.sc.top = at
	case at >= w.sc.top+win:
		w.sc.top = at - win + 1
	}
}

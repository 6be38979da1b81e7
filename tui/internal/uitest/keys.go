// Package uitest holds what every UI test needs and no screen may import:
// key presses by name, a clock the test moves, an in-memory keyring, and
// sandbox clients without pacing or retries. It imports no screen, so a
// screen's own tests can use it to drive Update directly.
package uitest

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

var namedKeys = map[string]rune{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
	"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"backspace": tea.KeyBackspace, "delete": tea.KeyDelete, "home": tea.KeyHome, "end": tea.KeyEnd,
	"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
}

// Key builds the key press for a name such as "enter", "ctrl+u",
// "shift+tab", "space" or a single character.
func Key(name string) tea.KeyPressMsg {
	var mod tea.KeyMod
	base := name
	for {
		switch {
		case strings.HasPrefix(base, "ctrl+"):
			mod |= tea.ModCtrl
			base = base[len("ctrl+"):]
			continue
		case strings.HasPrefix(base, "shift+"):
			mod |= tea.ModShift
			base = base[len("shift+"):]
			continue
		case strings.HasPrefix(base, "alt+"):
			mod |= tea.ModAlt
			base = base[len("alt+"):]
			continue
		}
		break
	}
	if code, ok := namedKeys[base]; ok {
		k := tea.KeyPressMsg{Code: code, Mod: mod}
		if code == tea.KeySpace && mod == 0 {
			k.Text = " "
		}
		return k
	}
	r := []rune(base)
	if len(r) != 1 {
		panic("uitest.Key: unknown key " + name)
	}
	k := tea.KeyPressMsg{Code: r[0], Mod: mod}
	if mod == 0 {
		k.Text = base
	}
	return k
}

// Text is the key presses that type s, one character at a time.
func Text(s string) []tea.KeyPressMsg {
	var out []tea.KeyPressMsg
	for _, r := range s {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

package widgets

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// KeyItem is one choice of a KeyMenu: the key that picks it and what it
// does.
type KeyItem struct {
	Key   string
	Label string
}

// KeyMenu is a small menu of choices picked by one key each (the copy
// menu of y): a panel drawn over the screen, closed by esc.
type KeyMenu struct {
	Title string
	Items []KeyItem
}

// Update returns the index of the item whose key was pressed, or -1;
// cancel is set on esc (and on any key that picks nothing, so that a
// stray key closes the menu rather than act behind it).
func (m *KeyMenu) Update(msg tea.Msg) (chosen int, cancel bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return -1, false
	}
	for i, it := range m.Items {
		if k.String() == it.Key {
			return i, false
		}
	}
	return -1, true
}

// View draws the menu as a panel.
func (m *KeyMenu) View(st *styles.Styles) string {
	var b strings.Builder
	b.WriteString(st.PanelTitle.Render(m.Title))
	for _, it := range m.Items {
		b.WriteString("\n" + st.Key.Render(PadRight(it.Key, 3)) + " " + it.Label)
	}
	b.WriteString("\n\n" + st.Muted.Render("esc closes"))
	return st.PanelFocus.Render(b.String())
}

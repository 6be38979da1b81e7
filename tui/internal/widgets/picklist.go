package widgets

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// PickList chooses one item of a short list, narrowed by typing.
type PickList struct {
	st      *styles.Styles
	items   []string
	notes   []string // optional second Column, muted
	input   textinput.Model
	shown   []int // indexes of the items matching the input
	cursor  int
	maxRows int
	Keys    PickKeys
}

type PickKeys struct {
	Up, Down, Choose, Cancel key.Binding
}

func NewPickList(st *styles.Styles, items, notes []string, maxRows int) *PickList {
	p := &PickList{
		st: st, items: items, notes: notes, maxRows: maxRows,
		input: NewInput(st, "› ", "type to narrow"),
		Keys: PickKeys{
			Up:     key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
			Down:   key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
			Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		},
	}
	p.narrow()
	return p
}

func (p *PickList) Focus() tea.Cmd { return p.input.Focus() }

func (p *PickList) narrow() {
	q := strings.ToLower(strings.TrimSpace(p.input.Value()))
	p.shown = p.shown[:0]
	for i, it := range p.items {
		if q == "" || strings.Contains(strings.ToLower(it), q) {
			p.shown = append(p.shown, i)
		}
	}
	p.cursor = min(p.cursor, max(0, len(p.shown)-1))
}

// Update returns the chosen item's index, or -1; cancel is set on esc.
func (p *PickList) Update(msg tea.Msg) (chosen int, cancel bool, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, p.Keys.Up):
			p.cursor = max(0, p.cursor-1)
			return -1, false, nil
		case key.Matches(k, p.Keys.Down):
			p.cursor = min(len(p.shown)-1, p.cursor+1)
			return -1, false, nil
		case key.Matches(k, p.Keys.Choose):
			if len(p.shown) == 0 {
				return -1, false, nil
			}
			return p.shown[p.cursor], false, nil
		case key.Matches(k, p.Keys.Cancel):
			return -1, true, nil
		}
	}
	before := p.input.Value()
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.narrow()
	}
	return -1, false, cmd
}

// View draws the input and up to maxRows items around the cursor, w wide.
func (p *PickList) View(w int) string {
	var b strings.Builder
	p.input.SetWidth(max(8, w-3))
	b.WriteString(p.input.View())
	if len(p.shown) == 0 {
		b.WriteString("\n" + p.st.Muted.Render("nothing matches"))
		return b.String()
	}
	first := max(0, min(p.cursor-p.maxRows/2, len(p.shown)-p.maxRows))
	nameW := 0
	for _, i := range p.shown {
		nameW = max(nameW, TextWidth(p.items[i]))
	}
	nameW = min(nameW, w-4)
	for k := first; k < min(len(p.shown), first+p.maxRows); k++ {
		i := p.shown[k]
		var line strings.Builder
		FitCell(&line, p.items[i], nameW, false)
		if i < len(p.notes) && p.notes[i] != "" && w-nameW-4 > 4 {
			line.WriteString("  " + Truncate(p.notes[i], w-nameW-4))
		}
		text := line.String()
		if k == p.cursor {
			b.WriteString("\n" + p.st.Selected.Render("▸ "+PadRight(text, w-2)))
		} else {
			b.WriteString("\n  " + text)
		}
	}
	return b.String()
}

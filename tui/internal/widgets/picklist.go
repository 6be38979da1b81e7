package widgets

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// PickList chooses one item of a short list, or several (NewMultiPickList),
// narrowed by typing words in any order.
type PickList struct {
	st      *styles.Styles
	items   []string
	notes   []string // optional second Column, muted
	input   textinput.Model
	shown   []int // indexes of the items matching the input
	cursor  int
	maxRows int
	multi   bool
	checked []bool
	Keys    PickKeys
}

// PickKeys are a pick list's keys. Toggle works in a list of several
// choices, while nothing is typed.
type PickKeys struct {
	Up, Down, Choose, Cancel, Toggle key.Binding
}

// NewPickList makes a list to choose one of items; notes, when given, are
// shown muted beside them (and matched too).
func NewPickList(st *styles.Styles, items, notes []string, maxRows int) *PickList {
	p := &PickList{
		st: st, items: items, notes: notes, maxRows: maxRows,
		input: NewInput(st, "› ", "type to narrow"),
		Keys: PickKeys{
			Up:     keymap.PickUp.Key(),
			Down:   keymap.PickDown.Key(),
			Choose: keymap.Choose.Key(),
			Cancel: keymap.Close.Key("cancel"),
			Toggle: keymap.None(),
		},
	}
	p.narrow()
	return p
}

// NewMultiPickList makes a list of several choices, checked where checked
// is set: space (while nothing is typed) and enter toggle the item under
// the cursor, and esc closes the list.
func NewMultiPickList(st *styles.Styles, items, notes []string, checked []bool, maxRows int) *PickList {
	p := NewPickList(st, items, notes, maxRows)
	p.multi = true
	p.checked = make([]bool, len(items))
	copy(p.checked, checked)
	p.Keys.Choose = keymap.Choose.Key("toggle")
	p.Keys.Toggle = keymap.Toggle.Key()
	p.Keys.Cancel = keymap.Close.Key("done")
	return p
}

// Bindings are the keys the list answers to now, for the help line:
// space toggles only while nothing is typed.
func (p *PickList) Bindings() []key.Binding {
	var bs []key.Binding
	if len(p.shown) > 1 {
		bs = append(bs, keymap.Join("↑/↓", "move", keymap.PickUp, keymap.PickDown))
	}
	if p.multi && p.input.Value() == "" && len(p.shown) > 0 {
		bs = append(bs, p.Keys.Toggle)
	}
	if len(p.shown) > 0 {
		bs = append(bs, p.Keys.Choose)
	}
	return append(bs, p.Keys.Cancel)
}

// Checked returns the indexes of the checked items, in order.
func (p *PickList) Checked() []int {
	var out []int
	for i, c := range p.checked {
		if c {
			out = append(out, i)
		}
	}
	return out
}

func (p *PickList) Focus() tea.Cmd { return p.input.Focus() }

// SetItem changes the text of item i (a title that arrived); what is
// typed is matched again, so an item whose title came after the typing
// is listed.
func (p *PickList) SetItem(i int, text string) {
	if i < 0 || i >= len(p.items) || p.items[i] == text {
		return
	}
	p.items[i] = text
	if p.input.Value() != "" {
		p.narrow()
	}
}

func (p *PickList) narrow() {
	q := p.input.Value()
	p.shown = p.shown[:0]
	for i, it := range p.items {
		note := ""
		if i < len(p.notes) {
			note = p.notes[i]
		}
		if MatchWords(q, it, note) {
			p.shown = append(p.shown, i)
		}
	}
	p.cursor = min(p.cursor, max(0, len(p.shown)-1))
}

// MatchWords reports whether every word of query is found, ignoring case,
// in one of fields: words in any order, spaces around them ignored, so
// that "chen maya" finds Maya Chen and "maya " finds her too. An empty
// query matches everything.
func MatchWords(query string, fields ...string) bool {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return true
	}
	lower := make([]string, len(fields))
	for i, f := range fields {
		lower[i] = strings.ToLower(f)
	}
	for _, w := range words {
		found := false
		for _, f := range lower {
			if strings.Contains(f, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Update returns the chosen item's index, or -1; cancel is set on esc. In
// a list of several choices nothing is chosen: space and enter toggle,
// and esc closes it (read Checked).
func (p *PickList) Update(msg tea.Msg) (chosen int, cancel bool, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, p.Keys.Up):
			p.cursor = max(0, p.cursor-1)
			return -1, false, nil
		case key.Matches(k, p.Keys.Down):
			p.cursor = min(len(p.shown)-1, p.cursor+1)
			return -1, false, nil
		case p.multi && p.input.Value() == "" && key.Matches(k, p.Keys.Toggle),
			p.multi && key.Matches(k, p.Keys.Choose):
			if len(p.shown) > 0 {
				i := p.shown[p.cursor]
				p.checked[i] = !p.checked[i]
			}
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
	mark := 0
	if p.multi {
		mark = 4 // "[x] "
	}
	nameW := 0
	for _, i := range p.shown {
		nameW = max(nameW, TextWidth(p.items[i]))
	}
	nameW = max(1, min(nameW, w-4-mark))
	for k := first; k < min(len(p.shown), first+p.maxRows); k++ {
		i := p.shown[k]
		var line strings.Builder
		if p.multi {
			if p.checked[i] {
				line.WriteString("[x] ")
			} else {
				line.WriteString("[ ] ")
			}
		}
		FitCell(&line, p.items[i], nameW, false)
		if i < len(p.notes) && p.notes[i] != "" && w-nameW-mark-4 > 4 {
			line.WriteString("  " + Truncate(p.notes[i], w-nameW-mark-4))
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

package dbview

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// sortsEditor edits the sorts of a query: several keys, each a property
// or a page timestamp, ascending or descending, earlier keys first.
type sortsEditor struct {
	st     *styles.Styles
	sorts  []notionapi.Sort
	cursor int
	// choices are the sortable names: properties, then the timestamps.
	choices []string
	types   []string
	pick    *widgets.PickList // adding a key
	keys    sortKeys
}

type sortKeys struct {
	Add, Remove, Flip, MoveUp, MoveDown, Up, Down, Apply, Cancel key.Binding
}

func newSortsEditor(st *styles.Styles, schema notionapi.Schema, sorts []notionapi.Sort) *sortsEditor {
	e := &sortsEditor{st: st, sorts: slices.Clone(sorts)}
	for _, p := range schema {
		if p.Type == notionapi.PropButton {
			continue
		}
		e.choices = append(e.choices, p.Name)
		e.types = append(e.types, string(p.Type))
	}
	e.choices = append(e.choices, notionapi.CreatedTime, notionapi.LastEditedTime)
	e.types = append(e.types, "page timestamp", "page timestamp")
	e.keys = sortKeys{
		Add:      keymap.Add.Key("add a sort"),
		Remove:   keymap.Remove.Key(),
		Flip:     keymap.Flip.Key("asc/desc"),
		MoveUp:   keymap.MoveUp.Key(),
		MoveDown: keymap.MoveDown.Key(),
		Up:       keymap.Up.Key(),
		Down:     keymap.Down.Key(),
		Apply:    keymap.Open.Key("run the query"),
		Cancel:   keymap.Back.Key("cancel"),
	}
	return e
}

// capturing reports whether typed letters go to the name picker.
func (e *sortsEditor) capturing() bool { return e.pick != nil }

func (e *sortsEditor) bindings() []key.Binding {
	if e.pick != nil {
		return e.pick.Bindings()
	}
	k := e.keys
	// Only the keys that act on the sorts as they are.
	ks := []key.Binding{k.Add}
	if len(e.sorts) > 0 {
		ks = append(ks, k.Remove, k.Flip)
	}
	if e.cursor > 0 {
		ks = append(ks, k.MoveUp)
	}
	if e.cursor < len(e.sorts)-1 {
		ks = append(ks, k.MoveDown)
	}
	return append(ks, k.Apply, k.Cancel)
}

func (e *sortsEditor) update(msg tea.Msg) (lineAction, tea.Cmd) {
	if e.pick != nil {
		return e.updatePick(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return lineNone, nil
	}
	n := len(e.sorts)
	switch {
	case key.Matches(k, e.keys.Apply):
		return lineApply, nil
	case key.Matches(k, e.keys.Cancel):
		return lineCancel, nil
	case key.Matches(k, e.keys.Add):
		e.pick = widgets.NewPickList(e.st, e.choices, e.types, 8)
		return lineNone, e.pick.Focus()
	case n == 0:
	case key.Matches(k, e.keys.Remove):
		e.sorts = slices.Delete(e.sorts, e.cursor, e.cursor+1)
		e.cursor = max(0, min(e.cursor, len(e.sorts)-1))
	case key.Matches(k, e.keys.Flip):
		s := &e.sorts[e.cursor]
		s.Direction = map[string]string{notionapi.Ascending: notionapi.Descending, notionapi.Descending: notionapi.Ascending}[s.Direction]
	case key.Matches(k, e.keys.MoveUp) && e.cursor > 0:
		e.sorts[e.cursor-1], e.sorts[e.cursor] = e.sorts[e.cursor], e.sorts[e.cursor-1]
		e.cursor--
	case key.Matches(k, e.keys.MoveDown) && e.cursor < n-1:
		e.sorts[e.cursor+1], e.sorts[e.cursor] = e.sorts[e.cursor], e.sorts[e.cursor+1]
		e.cursor++
	case key.Matches(k, e.keys.Up):
		e.cursor = max(0, e.cursor-1)
	case key.Matches(k, e.keys.Down):
		e.cursor = min(n-1, e.cursor+1)
	}
	return lineNone, nil
}

func (e *sortsEditor) updatePick(msg tea.Msg) (lineAction, tea.Cmd) {
	chosen, cancel, cmd := e.pick.Update(msg)
	switch {
	case cancel:
		e.pick = nil
	case chosen >= 0:
		e.pick = nil
		e.addKey(chosen)
	}
	return lineNone, cmd
}

// addKey appends a sort on choice i (a property, or one of the two
// timestamps at the end), or selects the existing one: Notion refuses a
// key given twice.
func (e *sortsEditor) addKey(i int) {
	s := notionapi.Sort{Property: e.choices[i], Direction: notionapi.Ascending}
	if i >= len(e.choices)-2 {
		s = notionapi.Sort{Timestamp: e.choices[i], Direction: notionapi.Ascending}
	}
	for j, x := range e.sorts {
		if x.Property == s.Property && x.Timestamp == s.Timestamp {
			e.cursor = j
			return
		}
	}
	e.sorts = append(e.sorts, s)
	e.cursor = len(e.sorts) - 1
}

// view draws the sort keys in order, w wide.
func (e *sortsEditor) view(w int) string {
	st := e.st
	var b strings.Builder
	b.WriteString(st.PanelTitle.Render("Sorts") + st.Muted.Render("  earlier keys take precedence"))
	if len(e.sorts) == 0 {
		b.WriteString("\n\n" + st.Muted.Render(widgets.Longest(w, "No sorts: rows come in creation order, oldest first. Press a to add one.", "No sorts: rows come in creation order, oldest first.", "No sorts: oldest first; a adds one.")))
	}
	b.WriteString("\n")
	for i, s := range e.sorts {
		line := fmt.Sprintf("%d. %-24s %s", i+1, widgets.Truncate(sortName(s), 24), directionText(s.Direction))
		if i == e.cursor && e.pick == nil {
			b.WriteString("\n" + st.Selected.Render(widgets.PadRight("▸ "+line, w)))
		} else {
			b.WriteString("\n  " + line)
		}
	}
	if e.pick != nil {
		b.WriteString("\n\n" + st.Bold.Render("Sort by") + "\n" + e.pick.View(w))
	}
	return b.String()
}

func sortName(s notionapi.Sort) string {
	if s.Timestamp != "" {
		return s.Timestamp
	}
	return s.Property
}

func directionText(d string) string {
	if d == notionapi.Descending {
		return "↓ descending"
	}
	return "↑ ascending"
}

// sortsText is a short form of sorts: "Pages ↓, Name ↑".
func sortsText(sorts []notionapi.Sort) string {
	parts := make([]string, len(sorts))
	for i, s := range sorts {
		arrow := "↑"
		if s.Direction == notionapi.Descending {
			arrow = "↓"
		}
		parts[i] = sortName(s) + " " + arrow
	}
	return strings.Join(parts, ", ")
}

package dbview

import (
	"encoding/json"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/filter"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// filterLine edits a filter expression: it compiles on every change
// against the schema, points at the first mistake, and recalls earlier
// expressions with up and down.
type filterLine struct {
	st       *styles.Styles
	input    textinput.Model
	schema   notionapi.Schema
	opts     filter.Options
	compiled json.RawMessage
	err      *filter.Error
	// recall holds earlier expressions, newest first; at is the one shown
	// (-1: the draft the user is typing).
	recall []string
	at     int
	draft  string
	keys   filterKeys
}

type filterKeys struct {
	Apply, Cancel, Older, Newer key.Binding
}

// lineAction is what a line editor asks its screen to do.
type lineAction int

const (
	lineNone lineAction = iota
	lineApply
	lineCancel
)

const filterPrompt = "filter › "

func newFilterLine(st *styles.Styles, schema notionapi.Schema, opts filter.Options, current string, recall []string) *filterLine {
	f := &filterLine{
		st:     st,
		input:  widgets.NewInput(st, filterPrompt, `e.g. Status = "Done" and (Pages > 300 or Tags has go)`),
		schema: schema, opts: opts, recall: recall, at: -1,
		keys: filterKeys{
			Apply:  keymap.Submit.Key("run the query"),
			Cancel: keymap.Cancel.Key(),
			Older:  keymap.Previous.Key("older query"),
			Newer:  keymap.Next.Key("newer query"),
		},
	}
	f.input.SetValue(current)
	f.input.CursorEnd()
	f.compile()
	return f
}

func (f *filterLine) focus() tea.Cmd { return f.input.Focus() }

func (f *filterLine) setWidth(w int) { f.input.SetWidth(max(10, w-widgets.TextWidth(filterPrompt)-1)) }

func (f *filterLine) value() string { return strings.TrimSpace(f.input.Value()) }

// compile checks the expression; a blank one means no filter.
func (f *filterLine) compile() {
	f.compiled, f.err = nil, nil
	src := f.value()
	if src == "" {
		return
	}
	out, err := filter.Compile(f.input.Value(), f.schema, f.opts)
	if err != nil {
		var fe *filter.Error
		if !errors.As(err, &fe) {
			fe = &filter.Error{Msg: err.Error(), Col: 1}
		}
		f.err = fe
		return
	}
	f.compiled = out
}

func (f *filterLine) update(msg tea.Msg) (lineAction, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, f.keys.Apply):
			if f.err != nil {
				return lineNone, nil
			}
			return lineApply, nil
		case key.Matches(k, f.keys.Cancel):
			return lineCancel, nil
		case key.Matches(k, f.keys.Older):
			f.step(1)
			return lineNone, nil
		case key.Matches(k, f.keys.Newer):
			f.step(-1)
			return lineNone, nil
		}
	}
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if f.input.Value() != before {
		f.at = -1
		f.compile()
	}
	return lineNone, cmd
}

// bindings are the filter line's keys: ↑ and ↓ only where there is an
// older or a newer query to recall.
func (f *filterLine) bindings() []key.Binding {
	ks := []key.Binding{f.keys.Apply}
	if f.at+1 < len(f.recall) {
		ks = append(ks, f.keys.Older)
	}
	if f.at > -1 {
		ks = append(ks, f.keys.Newer)
	}
	return append(ks, f.keys.Cancel)
}

// step moves through the recalled expressions: +1 older, -1 newer.
func (f *filterLine) step(d int) {
	next := f.at + d
	if next < -1 || next >= len(f.recall) {
		return
	}
	if f.at == -1 {
		f.draft = f.input.Value()
	}
	f.at = next
	if next == -1 {
		f.input.SetValue(f.draft)
	} else {
		f.input.SetValue(f.recall[next])
	}
	f.input.CursorEnd()
	f.compile()
}

// view draws the input and, under it, the compile result: a caret under
// the mistake with what was expected, or what the filter does.
func (f *filterLine) view(w int) string {
	st := f.st
	line := f.input.View()
	var note string
	switch {
	case f.err != nil:
		note = f.errorNote(w)
	case f.value() == "" && len(f.recall) > 0:
		note = st.Muted.Render(widgets.Truncate("enter with an empty line clears the filter · ↑ recalls earlier queries", w))
	case f.value() == "":
		note = st.Muted.Render(widgets.Truncate("enter with an empty line clears the filter", w))
	default:
		note = st.Success.Render("✓ ") + st.Muted.Render(widgets.Truncate("valid · enter runs it · "+string(f.compiled), w-2))
	}
	return line + "\n" + note
}

// errorNote is the caret line: a ^ under the mistake when the text fits
// the field, then the message.
func (f *filterLine) errorNote(w int) string {
	st := f.st
	e := f.err
	src := f.input.Value()
	msg := e.Msg
	pos := min(max(e.Pos, 0), len(src))
	at := widgets.TextWidth(filterPrompt) + widgets.TextWidth(src[:pos])
	if widgets.TextWidth(src) >= f.input.Width() || at >= w {
		// The field scrolled: a caret would point at the wrong place.
		return st.Error.Render(widgets.Truncate(e.Error(), w))
	}
	if room := w - at - 2; room >= min(widgets.TextWidth(msg), 24) {
		return widgets.Spaces(at) + st.Error.Render("^ "+widgets.Truncate(msg, room))
	}
	// Not enough room right of the caret: the message ends at it.
	msg = widgets.Truncate(msg, at-1)
	return widgets.Spaces(at-1-widgets.TextWidth(msg)) + st.Error.Render(msg+" ^")
}

package dbview

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// rawEditor edits a Notion filter object as JSON, for what the expression
// language cannot say. It checks the JSON locally; Notion checks the rest.
type rawEditor struct {
	st   *styles.Styles
	area textarea.Model
	err  string
	keys rawKeys
}

type rawKeys struct {
	Apply, Format, Cancel key.Binding
}

func newRawEditor(st *styles.Styles, schema notionapi.Schema, current string) *rawEditor {
	e := &rawEditor{st: st, area: textarea.New()}
	e.area.ShowLineNumbers = true
	e.area.Prompt = ""
	e.area.Placeholder = rawExample(schema)
	e.area.CharLimit = 0
	s := textarea.DefaultStyles(st.IsDark)
	// The default placeholder colour is too dark to read on a dark
	// background: the theme's muted text is readable on either.
	s.Focused.Placeholder, s.Blurred.Placeholder = st.Muted, st.Muted
	if st.NoColor {
		s = textarea.Styles{}
	}
	e.area.SetStyles(s)
	e.area.SetValue(current)
	e.keys = rawKeys{
		Apply:  keymap.Save.Key("run the query"),
		Format: keymap.Format.Key(),
		Cancel: keymap.Cancel.Key(),
	}
	return e
}

func (e *rawEditor) focus() tea.Cmd { return e.area.Focus() }

func (e *rawEditor) bindings() []key.Binding {
	if e.value() == "" {
		return []key.Binding{e.keys.Apply, e.keys.Cancel} // nothing to format
	}
	return []key.Binding{e.keys.Apply, e.keys.Format, e.keys.Cancel}
}

func (e *rawEditor) setSize(w, h int) {
	e.area.SetWidth(max(20, w))
	e.area.SetHeight(max(3, h))
}

// value is the filter as typed, trimmed; "" means no filter.
func (e *rawEditor) value() string { return strings.TrimSpace(e.area.Value()) }

func (e *rawEditor) update(msg tea.Msg) (lineAction, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, e.keys.Cancel):
			return lineCancel, nil
		case key.Matches(k, e.keys.Apply):
			if err := checkRawFilter(e.value()); err != nil {
				e.err = err.Error()
				return lineNone, nil
			}
			return lineApply, nil
		case key.Matches(k, e.keys.Format):
			if err := checkRawFilter(e.value()); err != nil {
				e.err = err.Error()
				return lineNone, nil
			}
			e.area.SetValue(widgets.PrettyJSON(json.RawMessage(e.value())))
			return lineNone, nil
		}
	}
	before := e.area.Value()
	var cmd tea.Cmd
	e.area, cmd = e.area.Update(msg)
	if e.area.Value() != before {
		e.err = ""
	}
	return lineNone, cmd
}

func (e *rawEditor) view(w int) string {
	st := e.st
	var b strings.Builder
	b.WriteString(st.PanelTitle.Render("Raw JSON filter") + st.Muted.Render("  sent as the query's \"filter\""))
	b.WriteString("\n" + e.area.View())
	switch {
	case e.err != "":
		b.WriteString("\n" + st.Error.Render(widgets.Truncate(e.err, w)))
	default:
		b.WriteString("\n" + st.Muted.Render(widgets.Longest(w, "An empty filter clears it. Notion checks property names and types when the query runs.", "An empty filter clears it.")))
	}
	return b.String()
}

// checkRawFilter accepts "" (no filter) or a JSON object, and says where
// a syntax error is.
func checkRawFilter(src string) error {
	if src == "" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := lineCol(src, int(se.Offset))
			return fmt.Errorf("line %d, column %d: %v", line, col, err)
		}
		return err
	}
	if _, ok := v.(map[string]any); !ok {
		return errors.New(`a filter is a JSON object, such as {"property": "Done", "checkbox": {"equals": true}}`)
	}
	return nil
}

// lineCol returns the 1-based line and column of byte offset off.
func lineCol(src string, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	line = strings.Count(src[:off], "\n") + 1
	col = off - strings.LastIndexByte(src[:off], '\n')
	return line, col
}

// rawExample is a filter on a property of the open data source, as the
// editor's placeholder: a number, a checkbox, an option or a text, in that
// order of preference.
func rawExample(schema notionapi.Schema) string {
	ex := func(p notionapi.PropertySchema, cond map[string]any) string {
		return `{"property": ` + mustJSON(p.Name) + `, "` + string(p.Type) + `": ` + mustJSON(cond) + `}`
	}
	props := schema.Ordered()
	for _, want := range []notionapi.PropertyType{notionapi.PropNumber, notionapi.PropCheckbox, notionapi.PropSelect, notionapi.PropStatus, notionapi.PropRichText, notionapi.PropTitle} {
		for _, p := range props {
			if p.Type != want {
				continue
			}
			switch want {
			case notionapi.PropNumber:
				return ex(p, map[string]any{"greater_than": 0})
			case notionapi.PropCheckbox:
				return ex(p, map[string]any{"equals": true})
			case notionapi.PropSelect:
				if p.Select != nil && len(p.Select.Options) > 0 {
					return ex(p, map[string]any{"equals": p.Select.Options[0].Name})
				}
			case notionapi.PropStatus:
				if p.Status != nil && len(p.Status.Options) > 0 {
					return ex(p, map[string]any{"equals": p.Status.Options[0].Name})
				}
			default:
				return ex(p, map[string]any{"contains": "word"})
			}
		}
	}
	return `{"property": "Name", "title": {"contains": "word"}}`
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

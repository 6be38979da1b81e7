package fields

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// ViewEnv is what drawing a field needs: the styles, what parsing needs
// (the clock, the users list), the state of the users list, the frame of
// the screen's spinner and how many list entries fit.
type ViewEnv struct {
	Styles       *styles.Styles
	Parse        pageform.Env
	UsersLoading bool
	Spinner      string
	// Rows is how many entries of an open list show at once.
	Rows int
}

// PickRows is how many list entries show at once when there is room.
const PickRows = 8

// WrapLines wraps styled text to w columns.
func WrapLines(s string, w int) []string {
	return strings.Split(lipgloss.NewStyle().Width(max(1, w)).Render(s), "\n")
}

// FirstLines keeps at most n lines.
func FirstLines(lines []string, n int) []string { return lines[:min(n, len(lines))] }

// ValueLines draws a field's value, its editor when focused, and an open
// list under it.
func (f *Field) ValueLines(e ViewEnv, focused bool, w int) []string {
	st := e.Styles
	none := st.Faint.Render("—")
	var lines []string
	switch f.Kind {
	case KindLine:
		switch {
		case focused:
			lines = []string{f.Input.View()}
		case f.Text() == "":
			lines = []string{none}
		default:
			lines = []string{f.Text() + f.previewAfter(e)}
		}
	case KindArea:
		lines = f.areaLines(st, focused, none)
	case KindCheck:
		lines = []string{st.Muted.Render("☐ no")}
		if f.On {
			lines = []string{st.Success.Render("☑ yes")}
		}
	case KindChoice, KindPeople, KindRelation:
		lines = []string{f.pickedText(st, none)}
		if f.Pick != nil {
			lines = append(lines, f.pickerLines(e, w)...)
		}
	case KindReadOnly:
		lines = []string{st.Faint.Italic(true).Render(pageform.ReadOnlyReason(f.Prop))}
	}
	return lines
}

func (f *Field) areaLines(st *styles.Styles, focused bool, none string) []string {
	if focused {
		return strings.Split(f.Area.View(), "\n")
	}
	text := strings.TrimRight(f.Text(), "\n ")
	if text == "" {
		return []string{none}
	}
	first, rest, more := strings.Cut(text, "\n")
	if !more {
		return []string{first}
	}
	return []string{first + st.Faint.Render(fmt.Sprintf("  (+%s)", textutil.Plural(strings.Count(rest, "\n")+1, "line", "lines")))}
}

// pickedText shows a choice's options as coloured chips, people and pages
// by name.
func (f *Field) pickedText(st *styles.Styles, none string) string {
	if len(f.Picked) == 0 {
		return none
	}
	parts := make([]string, len(f.Picked))
	colors := map[string]string{}
	for _, o := range f.Prop.Options() {
		colors[o.Name] = o.Color
	}
	for i, k := range f.Picked {
		if f.Kind == KindChoice {
			parts[i] = st.OptionStyle(colors[k]).Render("● " + k)
		} else {
			parts[i] = f.LabelOf(k)
		}
	}
	sep := ", "
	if f.Kind == KindChoice {
		sep = "  "
	}
	return strings.Join(parts, sep)
}

// pickerLines draws an open list: its filter, the entries around the
// cursor (status options under their groups) and what is under way.
func (f *Field) pickerLines(e ViewEnv, w int) []string {
	st := e.Styles
	p := f.Pick
	lines := []string{p.Filter.View()}
	items := p.Shown()
	switch {
	case p.Loading && len(items) == 0:
		return append(lines, e.Spinner+st.Muted.Render(" searching…"))
	case p.Err != nil:
		return append(lines, st.Error.Render("✗ "+pageform.Failure(p.Err)))
	case len(items) == 0:
		return append(lines, st.Faint.Render("nothing matches"))
	}
	rows := max(3, e.Rows)
	start := max(0, min(p.Cursor-rows/2, len(items)-rows))
	end := min(len(items), start+rows)
	group := ""
	if start > 0 {
		group = items[start-1].Group
	}
	for i := start; i < end; i++ {
		it := items[i]
		if it.Group != "" && it.Group != group {
			group = it.Group
			lines = append(lines, "  "+st.Muted.Bold(true).Render(group))
		}
		lines = append(lines, f.pickLine(st, it, i == p.Cursor, w))
	}
	if end < len(items) {
		lines = append(lines, st.Faint.Render(fmt.Sprintf("… %d more", len(items)-end)))
	}
	return lines
}

func (f *Field) pickLine(st *styles.Styles, it Item, cursor bool, w int) string {
	indent := ""
	if it.Group != "" {
		indent = "  " // under its group's name
	}
	mark := ""
	switch {
	case it.New:
		mark = "  "
	case f.Multiple() && f.IsPicked(it.Key):
		mark = "[x] "
	case f.Multiple():
		mark = "[ ] "
	case len(f.Picked) > 0 && f.Picked[0] == it.Key || len(f.Picked) == 0 && it.Key == "":
		mark = "✓ "
	default:
		mark = "  "
	}
	label := it.Label
	if f.Kind == KindChoice && it.Key != "" && !it.New {
		label = "● " + label
	}
	if cursor {
		return st.Selected.Render(ansi.Truncate("▸ "+indent+mark+label+detailText(it), max(1, w), "…"))
	}
	var body string
	switch {
	case it.Key == "":
		body = st.Faint.Render(label)
	case it.New:
		body = st.Accent.Render(label)
	case f.Kind == KindChoice:
		body = st.OptionStyle(it.Color).Render(label)
	default:
		body = label + st.Faint.Render(detailText(it))
	}
	return "  " + indent + mark + body
}

func detailText(it Item) string {
	if it.Detail == "" {
		return ""
	}
	return "  " + it.Detail
}

// NoteLines go under a field: its error, or, while it has focus, what the
// value will be or what it takes.
func (f *Field) NoteLines(e ViewEnv, focused bool, w int) []string {
	st := e.Styles
	switch {
	case f.Err != nil:
		return FirstLines(WrapLines(st.Error.Render("✗ "+f.Err.Error()), w), 3)
	case !focused || f.Pick != nil:
		return nil
	}
	if p := f.Preview(e.Parse); p != "" {
		return []string{st.Success.Render("→ " + p)}
	}
	return FirstLines(WrapLines(st.Faint.Render(f.Hint(e)), w), 2)
}

// Preview says what a valid value will be: a date in words, a number in
// its format, a completed link.
func (f *Field) Preview(env pageform.Env) string {
	text := f.Text()
	if text == "" || f.Kind == KindSubmit {
		return ""
	}
	if f.Name() == ContentField {
		blocks, err := pageform.Blocks(text)
		if err != nil {
			return ""
		}
		return textutil.Plural(len(blocks), "block", "blocks") + " of content"
	}
	v, ok, err := pageform.ParseValue(f.Prop, text, env)
	if err != nil || !ok {
		return ""
	}
	switch v.Type {
	case notionapi.PropDate:
		return pageform.DescribeDate(*v.Date)
	case notionapi.PropNumber:
		format := "number"
		if f.Prop.Number != nil {
			format = f.Prop.Number.Format
		}
		return notionapi.FormatNumber(*v.Number, format)
	case notionapi.PropURL:
		if *v.URL != strings.TrimSpace(text) {
			return *v.URL
		}
	case notionapi.PropFiles:
		return textutil.Plural(len(v.Files), "file", "files")
	case notionapi.PropPeople:
		return notionapi.Cell(WithNames(v, env.Users))
	case notionapi.PropTitle, notionapi.PropRichText:
		if n := len([]rune(text)); n > pageform.MaxTextLength*9/10 {
			return fmt.Sprintf("%s of %s characters", widgets.FormatCount(n), widgets.FormatCount(pageform.MaxTextLength))
		}
	}
	return ""
}

// previewAfter follows a value that is not what will be sent (a date in
// words, a number in its format) with what will be, faintly.
func (f *Field) previewAfter(e ViewEnv) string {
	p := f.Preview(e.Parse)
	if p == "" || f.Err != nil || p == strings.TrimSpace(f.Text()) {
		return ""
	}
	return e.Styles.Faint.Render("  → " + p)
}

// WithNames fills the names of people given by ID from the users list.
func WithNames(v notionapi.PropertyValue, users []notionapi.User) notionapi.PropertyValue {
	for i, p := range v.People {
		for _, u := range users {
			if u.ID == p.ID {
				v.People[i] = u
			}
		}
	}
	return v
}

// Hint says what a field takes.
func (f *Field) Hint(e ViewEnv) string {
	switch {
	case f.Name() == ContentField && f.Kind == KindArea:
		return "in text: **bold**, *italic*, ~~strike~~, `code`, [link](https://…); up to 100 blocks"
	case f.Kind == KindCheck:
		return "space checks or unchecks"
	case f.Kind == KindChoice && f.NewOptions && f.Prop.Type != notionapi.PropStatus && f.Multiple():
		return "enter (or type) to pick options; several allowed; type a new name to add an option"
	case f.Kind == KindChoice && f.NewOptions && f.Prop.Type != notionapi.PropStatus:
		return "enter (or type) to choose an option, or type a new name to add one"
	case f.Kind == KindChoice && f.Multiple():
		return "enter (or type) to pick options; several allowed"
	case f.Kind == KindChoice:
		return "enter (or type) to choose an option"
	case f.Kind == KindPeople && e.UsersLoading:
		return "loading the users list…"
	case f.Kind == KindPeople:
		return "enter (or type a name) to pick people"
	case f.Kind == KindRelation:
		return "enter (or type) to search the related database by title"
	case f.Prop.Type == notionapi.PropPeople && e.Parse.UsersErr != nil:
		return "user IDs: the users list, which names and e-mails need, cannot be read (" + e.Parse.UsersErr.Error() + ")"
	}
	return pageform.Hint(f.Prop)
}

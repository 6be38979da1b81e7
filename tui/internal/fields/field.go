package fields

import (
	"strings"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// Kind is how a field is edited.
type Kind int

const (
	KindLine     Kind = iota // one line of text: title, number, date, URL…
	KindArea                 // several lines: rich text, the page's content
	KindCheck                // a checkbox
	KindChoice               // options of the schema: select, status, multi-select
	KindPeople               // people from the users list
	KindRelation             // pages found in the related data source
	KindReadOnly             // computed by Notion
	KindSubmit               // the "Create page" button
)

// Field is one value being edited: a property (the new-page form's rows,
// a table cell, a preview's property), the page's content (Prop with no
// name) or a form's submit button, with its editor and its error.
type Field struct {
	Prop   notionapi.PropertySchema
	Kind   Kind
	Input  textinput.Model // KindLine
	Area   textarea.Model  // KindArea
	On     bool            // KindCheck
	Picked []string        // option names, user IDs or page IDs
	// Labels name picked users and pages (ID → name) for display.
	Labels map[string]string
	Pick   *Picker // the open list of a choice, people or relation field
	Err    error   // shown under the field
	// Live is set once the field was checked: it is then checked again on
	// every change, so that a fixed mistake clears at once.
	Live bool
	// NewOptions lets a select or multi-select list offer to add the
	// option typed in its filter, as Notion does when a value names an
	// option it does not have (not for status, whose options Notion never
	// adds). The new-page form leaves it off: pageform refuses unknown
	// options.
	NewOptions bool
}

// ContentField is the key of the page's content among the fields.
const ContentField = ""

// Heights of multi-line editors while they have focus: they grow with
// their text between these bounds, and scroll beyond.
const (
	textMinHeight, textMaxHeight       = 1, 5
	contentMinHeight, contentMaxHeight = 3, 8
	// maxAreaLines bounds what an editor holds, far above what Notion takes.
	maxAreaLines = 10000
)

// New returns the editor of a property, fitting its type.
func New(st *styles.Styles, p notionapi.PropertySchema) *Field {
	f := &Field{Prop: p, Labels: map[string]string{}}
	switch p.Type {
	case notionapi.PropRichText:
		f.Kind, f.Area = KindArea, newArea(st, "", textMinHeight, textMaxHeight)
	case notionapi.PropCheckbox:
		f.Kind = KindCheck
	case notionapi.PropSelect, notionapi.PropStatus, notionapi.PropMultiSelect:
		f.Kind = KindChoice
	case notionapi.PropPeople:
		f.Kind = KindPeople
	case notionapi.PropRelation:
		f.Kind = KindRelation
	default:
		if !pageform.Editable(p) {
			f.Kind = KindReadOnly
			return f
		}
		f.Kind, f.Input = KindLine, widgets.NewInput(st, "", Placeholder(p))
		f.Input.SetStyles(steadyCursor(f.Input.Styles()))
	}
	return f
}

// NewContent returns the editor of a page's content, in Markdown.
func NewContent(st *styles.Styles) *Field {
	area := newArea(st, "# heading, - list, - [ ] to-do, > quote, ``` code", contentMinHeight, contentMaxHeight)
	return &Field{Kind: KindArea, Area: area, Labels: map[string]string{}}
}

// NewSubmit returns a form's submit button.
func NewSubmit() *Field { return &Field{Kind: KindSubmit, Labels: map[string]string{}} }

// Placeholder shows an example of what a one-line field takes.
func Placeholder(p notionapi.PropertySchema) string {
	switch p.Type {
	case notionapi.PropDate:
		return "2026-12-01, tomorrow 9:00, 2026-12-01 → 2026-12-05"
	case notionapi.PropNumber:
		format := "number"
		if p.Number != nil {
			format = p.Number.Format
		}
		if sym := pageform.CurrencySymbol(format); sym != "" {
			return sym + "1,234.50"
		}
		if format == "percent" {
			return "12%"
		}
		return "42"
	case notionapi.PropURL:
		return "https://"
	case notionapi.PropEmail:
		return "name@example.com"
	case notionapi.PropPhoneNumber:
		return "+1 415 555 0100"
	case notionapi.PropFiles:
		return "https://example.com/file.pdf, …"
	case notionapi.PropPeople:
		return "user IDs, comma-separated"
	}
	return ""
}

func newArea(st *styles.Styles, placeholder string, minHeight, maxHeight int) textarea.Model {
	a := textarea.New()
	a.ShowLineNumbers = false
	a.Prompt = ""
	a.Placeholder = placeholder
	a.CharLimit = 0
	a.DynamicHeight, a.MinHeight, a.MaxHeight = true, minHeight, maxHeight
	a.MaxContentHeight = maxAreaLines // MaxHeight is then only what shows
	a.SetHeight(minHeight)
	styleArea(&a, st)
	return a
}

func styleArea(a *textarea.Model, st *styles.Styles) {
	s := textarea.DefaultStyles(st.IsDark)
	s.Focused.CursorLine = s.Focused.Base
	s.Focused.Placeholder, s.Blurred.Placeholder = st.Faint, st.Faint
	if st.NoColor {
		s = textarea.Styles{}
	}
	s.Cursor.Blink = false
	a.SetStyles(s)
}

// steadyCursor turns off blinking: a steady cursor, and screens that stay
// the same while nothing happens.
func steadyCursor(s textinput.Styles) textinput.Styles {
	s.Cursor.Blink = false
	return s
}

// Restyle applies new styles (after the terminal's background changed).
func (f *Field) Restyle(st *styles.Styles) {
	switch f.Kind {
	case KindLine:
		widgets.StyleInput(&f.Input, st)
		f.Input.SetStyles(steadyCursor(f.Input.Styles()))
	case KindArea:
		styleArea(&f.Area, st)
	}
	if f.Pick != nil {
		widgets.StyleInput(&f.Pick.Filter, st)
		f.Pick.Filter.SetStyles(steadyCursor(f.Pick.Filter.Styles()))
	}
}

// Name is the field's key: the property name, or "" for the content.
func (f *Field) Name() string { return f.Prop.Name }

// Focusable reports whether the cursor stops on the field.
func (f *Field) Focusable() bool { return f.Kind != KindReadOnly }

// Text is the field's value as pageform reads it (and as drafts keep it).
func (f *Field) Text() string {
	switch f.Kind {
	case KindLine:
		return f.Input.Value()
	case KindArea:
		return f.Area.Value()
	case KindCheck:
		if f.On {
			return "yes"
		}
		return ""
	case KindChoice, KindPeople, KindRelation:
		return pageform.FormatList(f.Picked)
	}
	return ""
}

// SetText restores a value written by Text, with the labels of picked
// users and pages.
func (f *Field) SetText(s string, labels map[string]string) {
	switch f.Kind {
	case KindLine:
		f.Input.SetValue(s)
		f.Input.CursorEnd()
	case KindArea:
		f.Area.SetValue(s)
	case KindCheck:
		f.On, _ = pageform.ParseCheckbox(s)
	case KindChoice, KindPeople, KindRelation:
		f.Picked, _ = pageform.SplitList(s)
		for _, id := range f.Picked {
			if l, ok := labels[id]; ok {
				f.Labels[id] = l
			}
		}
	}
}

func (f *Field) Focus() tea.Cmd {
	switch f.Kind {
	case KindLine:
		return f.Input.Focus()
	case KindArea:
		return f.Area.Focus()
	}
	return nil
}

func (f *Field) Blur() {
	switch f.Kind {
	case KindLine:
		f.Input.Blur()
	case KindArea:
		f.Area.Blur()
	}
	f.Pick = nil
}

// SetWidth sizes the editors to the value column.
func (f *Field) SetWidth(w int) {
	switch f.Kind {
	case KindLine:
		f.Input.SetWidth(max(1, w-2))
	case KindArea:
		f.Area.SetWidth(max(1, w))
	}
	if f.Pick != nil {
		f.Pick.Filter.SetWidth(max(1, w-4))
	}
}

// Edit gives a key or a paste to the field's editor.
func (f *Field) Edit(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch f.Kind {
	case KindLine:
		f.Input, cmd = f.Input.Update(msg)
	case KindArea:
		f.Area, cmd = f.Area.Update(msg)
	}
	return cmd
}

// Toggle picks or unpicks a key of a multiple field, or picks the only
// key of a single one ("" clears it).
func (f *Field) Toggle(key, label string) {
	if label != "" {
		f.Labels[key] = label
	}
	if !f.Multiple() {
		f.Picked = nil
		if key != "" {
			f.Picked = []string{key}
		}
		return
	}
	for i, k := range f.Picked {
		if k == key {
			f.Picked = append(f.Picked[:i:i], f.Picked[i+1:]...)
			return
		}
	}
	f.Picked = append(f.Picked, key)
}

// Multiple reports whether the field holds several values.
func (f *Field) Multiple() bool {
	return f.Prop.Type == notionapi.PropMultiSelect || f.Kind == KindPeople || f.Kind == KindRelation
}

func (f *Field) IsPicked(key string) bool {
	for _, k := range f.Picked {
		if k == key {
			return true
		}
	}
	return false
}

// LabelOf names a picked key for display.
func (f *Field) LabelOf(key string) string {
	if l, ok := f.Labels[key]; ok && l != "" {
		return l
	}
	if f.Kind == KindPeople || f.Kind == KindRelation {
		return widgets.ShortID(key)
	}
	return key
}

// UsePeopleIDs turns a people field into a line of IDs and e-mails, for
// an integration that cannot list users.
func (f *Field) UsePeopleIDs(st *styles.Styles) {
	if f.Kind != KindPeople {
		return
	}
	value := f.Text()
	f.Kind, f.Pick = KindLine, nil
	f.Input = widgets.NewInput(st, "", Placeholder(f.Prop))
	f.Input.SetStyles(steadyCursor(f.Input.Styles()))
	f.Input.SetValue(value)
}

// Item is one entry of a Picker: an option, a user or a page.
type Item struct {
	Key    string // option name, user ID or page ID; "" clears a single choice
	Label  string
	Detail string // an e-mail address
	Color  string // an option's Notion colour
	Group  string // a status option's group
	// New marks the entry that adds the option typed in the filter.
	New bool
}

// Picker is the open list of a choice, people or relation field, with a
// line to filter it (or, for relations, to search the related data
// source).
type Picker struct {
	Filter  textinput.Model
	Items   []Item
	Cursor  int
	Search  bool // items are search results, not filtered here
	Loading bool
	Err     error
	Seq     int64 // the search the items answer
}

// NewPicker opens a list of items, with its filter focused; search says
// the items are search results, which the filter does not narrow.
func NewPicker(st *styles.Styles, items []Item, search bool) *Picker {
	in := widgets.NewInput(st, "/ ", "type to filter")
	if search {
		in.Placeholder = "type to search by title"
	}
	in.SetStyles(steadyCursor(in.Styles()))
	in.Focus()
	return &Picker{Filter: in, Items: items, Search: search}
}

// Shown returns the items that match the filter.
func (p *Picker) Shown() []Item {
	q := strings.ToLower(strings.TrimSpace(p.Filter.Value()))
	if p.Search || q == "" {
		return p.Items
	}
	return p.filtered(q)
}

// Move moves the cursor by d within the shown items.
func (p *Picker) Move(d int) {
	n := len(p.Shown())
	if n == 0 {
		p.Cursor = 0
		return
	}
	p.Cursor = (p.Cursor + d + n) % n
}

// Current returns the item under the cursor.
func (p *Picker) Current() (Item, bool) {
	items := p.Shown()
	if len(items) == 0 {
		return Item{}, false
	}
	p.Cursor = min(p.Cursor, len(items)-1)
	return items[p.Cursor], true
}

// OptionItems lists a choice property's options; status options come in
// their groups' order, and a single choice starts with a way to clear it.
func OptionItems(p notionapi.PropertySchema) []Item {
	var items []Item
	if p.Type != notionapi.PropMultiSelect {
		items = append(items, Item{Label: "(none)"})
	}
	opts := p.Options()
	if p.Status == nil || len(p.Status.Groups) == 0 {
		for _, o := range opts {
			items = append(items, Item{Key: o.Name, Label: o.Name, Color: o.Color})
		}
		return items
	}
	grouped := map[string]bool{}
	for _, g := range p.Status.Groups {
		for _, id := range g.OptionIDs {
			for _, o := range opts {
				if o.ID == id {
					items = append(items, Item{Key: o.Name, Label: o.Name, Color: o.Color, Group: g.Name})
					grouped[o.ID] = true
				}
			}
		}
	}
	for _, o := range opts {
		if !grouped[o.ID] {
			items = append(items, Item{Key: o.Name, Label: o.Name, Color: o.Color, Group: "Other"})
		}
	}
	return items
}

// PersonItems lists the people of the users list (bots cannot be picked).
func PersonItems(users []notionapi.User) []Item {
	var items []Item
	for _, u := range users {
		if u.Type == "bot" {
			continue
		}
		items = append(items, Item{Key: u.ID, Label: widgets.OrText(u.Name, widgets.ShortID(u.ID)), Detail: u.Email()})
	}
	return items
}

// PageItems lists pages found in a related data source.
func PageItems(pages []notionapi.Page) []Item {
	items := make([]Item, len(pages))
	for i, pg := range pages {
		items[i] = Item{Key: pg.ID, Label: widgets.OrUntitled(pg.Title())}
	}
	return items
}

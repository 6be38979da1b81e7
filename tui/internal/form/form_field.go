package form

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

// fieldKind is how a form field is edited.
type fieldKind int

const (
	kindLine     fieldKind = iota // one line of text: title, number, date, URL…
	kindArea                      // several lines: rich text, the page's content
	kindCheck                     // a checkbox
	kindChoice                    // options of the schema: select, status, multi-select
	kindPeople                    // people from the users list
	kindRelation                  // pages found in the related data source
	kindReadOnly                  // computed by Notion
	kindSubmit                    // the "Create page" button
)

// formField is one row of the form: a property, the page's content (prop
// with no name) or the submit button, with its editor and its error.
type formField struct {
	prop   notionapi.PropertySchema
	kind   fieldKind
	input  textinput.Model // kindLine
	area   textarea.Model  // kindArea
	on     bool            // kindCheck
	picked []string        // option names, user IDs or page IDs
	// labels name picked users and pages (ID → name) for display.
	labels map[string]string
	pick   *picker // the open list of a choice, people or relation field
	err    error   // shown under the field
	// live is set once the field was checked: it is then checked again on
	// every change, so that a fixed mistake clears at once.
	live bool
}

// contentField is the key of the page's content among the fields.
const contentField = ""

// Heights of multi-line editors while they have focus: they grow with
// their text between these bounds, and scroll beyond.
const (
	textMinHeight, textMaxHeight       = 1, 5
	contentMinHeight, contentMaxHeight = 3, 8
	// maxAreaLines bounds what an editor holds, far above what Notion takes.
	maxAreaLines = 10000
)

func newField(st *styles.Styles, p notionapi.PropertySchema) *formField {
	f := &formField{prop: p, labels: map[string]string{}}
	switch p.Type {
	case notionapi.PropRichText:
		f.kind, f.area = kindArea, newArea(st, "", textMinHeight, textMaxHeight)
	case notionapi.PropCheckbox:
		f.kind = kindCheck
	case notionapi.PropSelect, notionapi.PropStatus, notionapi.PropMultiSelect:
		f.kind = kindChoice
	case notionapi.PropPeople:
		f.kind = kindPeople
	case notionapi.PropRelation:
		f.kind = kindRelation
	default:
		if !pageform.Editable(p) {
			f.kind = kindReadOnly
			return f
		}
		f.kind, f.input = kindLine, widgets.NewInput(st, "", placeholderFor(p))
		f.input.SetStyles(steadyCursor(f.input.Styles()))
	}
	return f
}

func newContentField(st *styles.Styles) *formField {
	area := newArea(st, "# heading, - list, - [ ] to-do, > quote, ``` code", contentMinHeight, contentMaxHeight)
	return &formField{kind: kindArea, area: area, labels: map[string]string{}}
}

// placeholderFor shows an example of what a one-line field takes.
func placeholderFor(p notionapi.PropertySchema) string {
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
		return "user IDs or e-mails, comma-separated"
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

// restyle applies new styles (after the terminal's background changed).
func (f *formField) restyle(st *styles.Styles) {
	switch f.kind {
	case kindLine:
		widgets.StyleInput(&f.input, st)
		f.input.SetStyles(steadyCursor(f.input.Styles()))
	case kindArea:
		styleArea(&f.area, st)
	}
	if f.pick != nil {
		widgets.StyleInput(&f.pick.filter, st)
		f.pick.filter.SetStyles(steadyCursor(f.pick.filter.Styles()))
	}
}

// name is the field's key: the property name, or "" for the content.
func (f *formField) name() string { return f.prop.Name }

// focusable reports whether the cursor stops on the field.
func (f *formField) focusable() bool { return f.kind != kindReadOnly }

// text is the field's value as pageform reads it (and as drafts keep it).
func (f *formField) text() string {
	switch f.kind {
	case kindLine:
		return f.input.Value()
	case kindArea:
		return f.area.Value()
	case kindCheck:
		if f.on {
			return "yes"
		}
		return ""
	case kindChoice, kindPeople, kindRelation:
		return pageform.FormatList(f.picked)
	}
	return ""
}

// setText restores a value written by text, with the labels of picked
// users and pages.
func (f *formField) setText(s string, labels map[string]string) {
	switch f.kind {
	case kindLine:
		f.input.SetValue(s)
		f.input.CursorEnd()
	case kindArea:
		f.area.SetValue(s)
	case kindCheck:
		f.on, _ = pageform.ParseCheckbox(s)
	case kindChoice, kindPeople, kindRelation:
		f.picked, _ = pageform.SplitList(s)
		for _, id := range f.picked {
			if l, ok := labels[id]; ok {
				f.labels[id] = l
			}
		}
	}
}

func (f *formField) focus() tea.Cmd {
	switch f.kind {
	case kindLine:
		return f.input.Focus()
	case kindArea:
		return f.area.Focus()
	}
	return nil
}

func (f *formField) blur() {
	switch f.kind {
	case kindLine:
		f.input.Blur()
	case kindArea:
		f.area.Blur()
	}
	f.pick = nil
}

// setWidth sizes the editors to the value column.
func (f *formField) setWidth(w int) {
	switch f.kind {
	case kindLine:
		f.input.SetWidth(max(1, w-2))
	case kindArea:
		f.area.SetWidth(max(1, w))
	}
	if f.pick != nil {
		f.pick.filter.SetWidth(max(1, w-4))
	}
}

// edit gives a key or a paste to the field's editor.
func (f *formField) edit(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch f.kind {
	case kindLine:
		f.input, cmd = f.input.Update(msg)
	case kindArea:
		f.area, cmd = f.area.Update(msg)
	}
	return cmd
}

// toggle picks or unpicks a key of a multiple field, or picks the only
// key of a single one ("" clears it).
func (f *formField) toggle(key, label string) {
	if label != "" {
		f.labels[key] = label
	}
	if !f.multiple() {
		f.picked = nil
		if key != "" {
			f.picked = []string{key}
		}
		return
	}
	for i, k := range f.picked {
		if k == key {
			f.picked = append(f.picked[:i:i], f.picked[i+1:]...)
			return
		}
	}
	f.picked = append(f.picked, key)
}

// multiple reports whether the field holds several values.
func (f *formField) multiple() bool {
	return f.prop.Type == notionapi.PropMultiSelect || f.kind == kindPeople || f.kind == kindRelation
}

func (f *formField) isPicked(key string) bool {
	for _, k := range f.picked {
		if k == key {
			return true
		}
	}
	return false
}

// labelOf names a picked key for display.
func (f *formField) labelOf(key string) string {
	if l, ok := f.labels[key]; ok && l != "" {
		return l
	}
	if f.kind == kindPeople || f.kind == kindRelation {
		return widgets.ShortID(key)
	}
	return key
}

// usePeopleIDs turns a people field into a line of IDs and e-mails, for
// an integration that cannot list users.
func (f *formField) usePeopleIDs(st *styles.Styles) {
	if f.kind != kindPeople {
		return
	}
	value := f.text()
	f.kind, f.pick = kindLine, nil
	f.input = widgets.NewInput(st, "", placeholderFor(f.prop))
	f.input.SetStyles(steadyCursor(f.input.Styles()))
	f.input.SetValue(value)
}

// pickItem is one entry of a picker: an option, a user or a page.
type pickItem struct {
	key    string // option name, user ID or page ID; "" clears a single choice
	label  string
	detail string // an e-mail address
	color  string // an option's Notion colour
	group  string // a status option's group
}

// picker is the open list of a choice, people or relation field, with a
// line to filter it (or, for relations, to search the related data
// source).
type picker struct {
	filter  textinput.Model
	items   []pickItem
	cursor  int
	search  bool // items are search results, not filtered here
	loading bool
	err     error
	seq     int64 // the search the items answer
}

func newPicker(st *styles.Styles, items []pickItem, search bool) *picker {
	in := widgets.NewInput(st, "/ ", "type to filter")
	if search {
		in.Placeholder = "type to search by title"
	}
	in.SetStyles(steadyCursor(in.Styles()))
	in.Focus()
	return &picker{filter: in, items: items, search: search}
}

// shown returns the items that match the filter.
func (p *picker) shown() []pickItem {
	q := strings.ToLower(strings.TrimSpace(p.filter.Value()))
	if p.search || q == "" {
		return p.items
	}
	var out []pickItem
	for _, it := range p.items {
		if it.key != "" && (strings.Contains(strings.ToLower(it.label), q) || strings.Contains(strings.ToLower(it.detail), q)) {
			out = append(out, it)
		}
	}
	return out
}

// move moves the cursor by d within the shown items.
func (p *picker) move(d int) {
	n := len(p.shown())
	if n == 0 {
		p.cursor = 0
		return
	}
	p.cursor = (p.cursor + d + n) % n
}

// current returns the item under the cursor.
func (p *picker) current() (pickItem, bool) {
	items := p.shown()
	if len(items) == 0 {
		return pickItem{}, false
	}
	p.cursor = min(p.cursor, len(items)-1)
	return items[p.cursor], true
}

// optionItems lists a choice property's options; status options come in
// their groups' order, and a single choice starts with a way to clear it.
func optionItems(p notionapi.PropertySchema) []pickItem {
	var items []pickItem
	if p.Type != notionapi.PropMultiSelect {
		items = append(items, pickItem{label: "(none)"})
	}
	opts := p.Options()
	if p.Status == nil || len(p.Status.Groups) == 0 {
		for _, o := range opts {
			items = append(items, pickItem{key: o.Name, label: o.Name, color: o.Color})
		}
		return items
	}
	grouped := map[string]bool{}
	for _, g := range p.Status.Groups {
		for _, id := range g.OptionIDs {
			for _, o := range opts {
				if o.ID == id {
					items = append(items, pickItem{key: o.Name, label: o.Name, color: o.Color, group: g.Name})
					grouped[o.ID] = true
				}
			}
		}
	}
	for _, o := range opts {
		if !grouped[o.ID] {
			items = append(items, pickItem{key: o.Name, label: o.Name, color: o.Color, group: "Other"})
		}
	}
	return items
}

// personItems lists the people of the users list (bots cannot be picked).
func personItems(users []notionapi.User) []pickItem {
	var items []pickItem
	for _, u := range users {
		if u.Type == "bot" {
			continue
		}
		items = append(items, pickItem{key: u.ID, label: widgets.OrText(u.Name, widgets.ShortID(u.ID)), detail: u.Email()})
	}
	return items
}

// pageItems lists pages found in a related data source.
func pageItems(pages []notionapi.Page) []pickItem {
	items := make([]pickItem, len(pages))
	for i, pg := range pages {
		items[i] = pickItem{key: pg.ID, label: widgets.OrUntitled(pg.Title())}
	}
	return items
}

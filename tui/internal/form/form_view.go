package form

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// Column widths of the form.
const (
	typeWidth     = 12 // "multi-select"
	minLabelWidth = 8
	maxLabelWidth = 24
	minValueWidth = 12
	pickRows      = 8 // list entries shown at once
)

// columns returns the widths of the label and value columns.
func (f *createForm) columns() (labelW, valueW int) {
	for _, fl := range f.fields {
		labelW = max(labelW, lipgloss.Width(f.label(fl)))
	}
	labelW = min(max(labelW, minLabelWidth), maxLabelWidth, max(minLabelWidth, f.w/4))
	return labelW, max(minValueWidth, f.w-labelW-typeWidth-5)
}

// prefixWidth is where values start: marker, label, type.
func (f *createForm) prefixWidth() int {
	labelW, _ := f.columns()
	return 2 + labelW + 1 + typeWidth + 1
}

func (f *createForm) label(fl *formField) string {
	switch {
	case fl.kind == kindSubmit:
		return ""
	case fl.name() == contentField:
		return "Content"
	case fl.prop.Type == notionapi.PropTitle:
		return fl.prop.Name + " *"
	}
	return fl.prop.Name
}

// formLayout is the form's lines and, per field, its first and last line.
type formLayout struct {
	lines []string
	spans [][2]int
}

func (f *createForm) layout() formLayout {
	var lo formLayout
	for i, fl := range f.fields {
		start := len(lo.lines)
		lo.lines = append(lo.lines, f.fieldLines(i, fl)...)
		lo.spans = append(lo.spans, [2]int{start, len(lo.lines) - 1})
	}
	return lo
}

// bodyHeight is how many lines of fields show under the head.
func (f *createForm) bodyHeight() int { return max(1, f.h-len(f.headLines())) }

// ensureVisible scrolls so that the focused field shows whole when it
// fits, with its first line otherwise.
func (f *createForm) ensureVisible() {
	if f.state == stateDone || f.h == 0 {
		return
	}
	lo := f.layout()
	h := f.bodyHeight()
	s := lo.spans[f.focus]
	avail := h
	if s[1] < len(lo.lines)-1 {
		avail-- // the "more below" line
	}
	if s[1] >= f.top+avail {
		f.top = s[1] - avail + 1
	}
	if s[0] < f.top || s[1]-s[0] >= avail {
		f.top = s[0]
	}
	f.top = max(0, min(f.top, len(lo.lines)-h))
}

// View draws the form, or the new page once created.
func (f *createForm) View() string {
	if f.state == stateDone {
		return f.fit(f.resultLines())
	}
	head := f.headLines()
	lo := f.layout()
	h := f.bodyHeight()
	top := max(0, min(f.top, len(lo.lines)-h))
	end := min(len(lo.lines), top+h)
	body := append([]string(nil), lo.lines[top:end]...)
	st := f.c.Styles
	if top > 0 {
		head[len(head)-1] = f.rule(fmt.Sprintf(" ↑ %d more ", top))
	}
	if end < len(lo.lines) {
		body[len(body)-1] = st.Faint.Render(fmt.Sprintf("  ↓ %d more lines: %s", len(lo.lines)-end+1, f.namesBelow(lo, end-1)))
	}
	return f.fit(append(head, body...))
}

// fit cuts every line to the width.
func (f *createForm) fit(lines []string) string {
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, f.w, "…")
	}
	return strings.Join(lines, "\n")
}

func (f *createForm) rule(label string) string {
	st := f.c.Styles
	if label == "" {
		return st.Faint.Render(strings.Repeat("─", max(0, f.w)))
	}
	return st.Faint.Render("──" + label + strings.Repeat("─", max(0, f.w-2-lipgloss.Width(label))))
}

// namesBelow names the fields from line on.
func (f *createForm) namesBelow(lo formLayout, line int) string {
	var names []string
	for i, s := range lo.spans {
		switch {
		case s[1] < line:
		case f.fields[i].kind == kindSubmit:
			names = append(names, "[Create page]")
		default:
			names = append(names, f.label(f.fields[i]))
		}
	}
	return strings.Join(names, ", ")
}

// headLines are the title line, the banners of the state, and a rule.
func (f *createForm) headLines() []string {
	st := f.c.Styles
	title := st.Title.Render("New page") + st.Muted.Render(" in ") + st.Bold.Render(widgets.IconText(f.ds.Icon)+widgets.OrUntitled(f.ds.Title.Plain()))
	lines := []string{widgets.Spread(title, f.draftStatus(), f.w)}
	for _, b := range f.banners() {
		lines = append(lines, wrapLines(b, f.w)...)
	}
	return append(lines, f.rule(""))
}

// draftStatus says whether what was typed is safe.
func (f *createForm) draftStatus() string {
	st := f.c.Styles
	switch {
	case f.c.ConfigDir == "":
		return st.Faint.Render("drafts off (no config folder)")
	case f.draftErr != nil:
		return st.Warning.Render("draft not saved: " + f.draftErr.Error())
	case !f.draftSaved.IsZero():
		return st.Faint.Render("draft saved " + f.draftSaved.Format("15:04:05"))
	}
	return ""
}

// banners are the messages of the form's state, styled.
func (f *createForm) banners() []string {
	st := f.c.Styles
	dsName := widgets.OrUntitled(f.ds.Title.Plain())
	key := func(k, what string) string { return st.Key.Render(k) + " " + what }
	var out []string
	if f.insert.State == guide.StateFailed && f.state != stateDone {
		out = append(out, st.Warning.Render("⚠ This integration cannot create pages: Notion refused with 403, as “"+guide.CapInsertContent+
			"” is off. Turn it on under Capabilities at "+guide.IntegrationsURL+"; what you type is kept meanwhile."))
	}
	switch f.state {
	case stateRestore:
		d := f.offered
		out = append(out, st.Accent.Render("A draft "+describeDraft(d)+" is saved for "+dsName+"."))
		switch {
		case d.SentAt != nil && f.checkErr != nil:
			out = append(out, st.Warning.Render("It was being sent when the app closed, and whether the page was created could not be checked ("+
				pageform.Failure(f.checkErr)+"): look in "+dsName+" before sending it again."))
		case d.SentAt != nil:
			out = append(out, st.Muted.Render("It was being sent when the app closed; "+dsName+" has no page made from it, so it is safe to send."))
		}
		out = append(out, key("y", "restore it")+" · "+key("n", "discard it")+" · "+key("esc", "back"))
	case stateSending:
		out = append(out, f.spin.View()+" Creating the page in "+dsName+"…")
	case stateChecking:
		if f.sendErr != nil {
			out = append(out, f.spin.View()+" "+st.Warning.Render("Notion's answer was lost ("+f.sendFailure()+").")+" Checking whether the page was created before anything is sent again…")
		} else {
			out = append(out, f.spin.View()+" A draft was being sent when the app closed: checking whether its page was created…")
		}
	case stateUnsure:
		if f.checkErr == nil {
			out = append(out, st.Error.Render("✗ The page was not created")+st.Text.Render(": "+f.sendFailure()+", and "+dsName+" has no page titled “"+f.page.Title+
				"” created since "+f.checkedSince()+". Every value is kept."),
				key("s", "send again")+" · "+key("e", "edit first"))
		} else {
			out = append(out, st.Warning.Render("? Could not tell whether the page was created")+st.Text.Render(": "+f.sendFailure()+", and the check failed too ("+
				pageform.Failure(f.checkErr)+"). Check again before sending, so that no duplicate appears."),
				key("c", "check again")+" · "+key("s", "send anyway")+" · "+key("e", "edit"))
		}
	}
	return out
}

// wrapLines wraps styled text to w columns.
func wrapLines(s string, w int) []string {
	return strings.Split(lipgloss.NewStyle().Width(max(1, w)).Render(s), "\n")
}

// fieldLines draws one field: its row, an open list, and a note under it.
func (f *createForm) fieldLines(i int, fl *formField) []string {
	st := f.c.Styles
	focused := i == f.focus && f.state == stateEditing
	if fl.kind == kindSubmit {
		return f.submitLines(focused)
	}
	labelW, valueW := f.columns()
	marker, label := "  ", st.Text
	if focused {
		marker, label = st.Accent.Render("▌ "), st.Bold
	}
	if fl.kind == kindReadOnly {
		label = st.Muted
	}
	typ := "markdown"
	if fl.name() != contentField {
		typ = pageform.TypeLabel(fl.prop)
	}
	values := f.valueLines(fl, focused, valueW)
	row := marker + label.Render(pad(f.label(fl), labelW)) + " " + st.Faint.Render(pad(typ, typeWidth)) + " " + values[0]
	lines := []string{row}
	indent := strings.Repeat(" ", f.prefixWidth())
	for _, v := range values[1:] {
		lines = append(lines, indent+v)
	}
	for _, n := range f.noteLines(fl, focused, valueW) {
		lines = append(lines, indent+n)
	}
	return lines
}

// pad cuts or pads s to w columns.
func pad(s string, w int) string {
	s = ansi.Truncate(s, w, "…")
	return s + strings.Repeat(" ", max(0, w-lipgloss.Width(s)))
}

func (f *createForm) submitLines(focused bool) []string {
	st := f.c.Styles
	button := st.Accent.Render("[ Create page ]")
	if focused {
		button = st.Cursor.Render(" Create page ")
	}
	indent := strings.Repeat(" ", f.prefixWidth())
	return []string{"", indent + button + st.Faint.Render("  or ctrl+s from any field")}
}

// valueLines draws a field's value: its editor when focused.
func (f *createForm) valueLines(fl *formField, focused bool, w int) []string {
	st := f.c.Styles
	none := st.Faint.Render("—")
	var lines []string
	switch fl.kind {
	case kindLine:
		switch {
		case focused:
			lines = []string{fl.input.View()}
		case fl.text() == "":
			lines = []string{none}
		default:
			lines = []string{fl.text() + f.previewAfter(fl)}
		}
	case kindArea:
		lines = f.areaLines(fl, focused, none)
	case kindCheck:
		lines = []string{st.Muted.Render("☐ no")}
		if fl.on {
			lines = []string{st.Success.Render("☑ yes")}
		}
	case kindChoice, kindPeople, kindRelation:
		lines = []string{f.pickedText(fl, none)}
		if fl.pick != nil {
			lines = append(lines, f.pickerLines(fl, w)...)
		}
	case kindReadOnly:
		lines = []string{st.Faint.Italic(true).Render(pageform.ReadOnlyReason(fl.prop))}
	}
	return lines
}

func (f *createForm) areaLines(fl *formField, focused bool, none string) []string {
	if focused {
		return strings.Split(fl.area.View(), "\n")
	}
	text := strings.TrimRight(fl.text(), "\n ")
	if text == "" {
		return []string{none}
	}
	first, rest, more := strings.Cut(text, "\n")
	if !more {
		return []string{first}
	}
	return []string{first + f.c.Styles.Faint.Render(fmt.Sprintf("  (+%s)", textutil.Plural(strings.Count(rest, "\n")+1, "line", "lines")))}
}

// pickedText shows a choice's options as coloured chips, people and pages
// by name.
func (f *createForm) pickedText(fl *formField, none string) string {
	if len(fl.picked) == 0 {
		return none
	}
	st := f.c.Styles
	parts := make([]string, len(fl.picked))
	colors := map[string]string{}
	for _, o := range fl.prop.Options() {
		colors[o.Name] = o.Color
	}
	for i, k := range fl.picked {
		if fl.kind == kindChoice {
			parts[i] = st.OptionStyle(colors[k]).Render("● " + k)
		} else {
			parts[i] = fl.labelOf(k)
		}
	}
	sep := ", "
	if fl.kind == kindChoice {
		sep = "  "
	}
	return strings.Join(parts, sep)
}

// pickerLines draws an open list: its filter, the entries around the
// cursor (status options under their groups) and what is under way.
func (f *createForm) pickerLines(fl *formField, w int) []string {
	st := f.c.Styles
	p := fl.pick
	lines := []string{p.filter.View()}
	items := p.shown()
	switch {
	case p.loading && len(items) == 0:
		return append(lines, f.spin.View()+st.Muted.Render(" searching…"))
	case p.err != nil:
		return append(lines, st.Error.Render("✗ "+pageform.Failure(p.err)))
	case len(items) == 0:
		return append(lines, st.Faint.Render("nothing matches"))
	}
	rows := min(pickRows, max(3, f.h-12))
	start := max(0, min(p.cursor-rows/2, len(items)-rows))
	end := min(len(items), start+rows)
	group := ""
	if start > 0 {
		group = items[start-1].group
	}
	for i := start; i < end; i++ {
		it := items[i]
		if it.group != "" && it.group != group {
			group = it.group
			lines = append(lines, "  "+st.Muted.Bold(true).Render(group))
		}
		lines = append(lines, f.pickLine(fl, it, i == p.cursor, w))
	}
	if end < len(items) {
		lines = append(lines, st.Faint.Render(fmt.Sprintf("… %d more", len(items)-end)))
	}
	return lines
}

func (f *createForm) pickLine(fl *formField, it pickItem, cursor bool, w int) string {
	st := f.c.Styles
	indent := ""
	if it.group != "" {
		indent = "  " // under its group's name
	}
	mark := ""
	switch {
	case fl.multiple() && fl.isPicked(it.key):
		mark = "[x] "
	case fl.multiple():
		mark = "[ ] "
	case len(fl.picked) > 0 && fl.picked[0] == it.key || len(fl.picked) == 0 && it.key == "":
		mark = "✓ "
	default:
		mark = "  "
	}
	label := it.label
	if fl.kind == kindChoice && it.key != "" {
		label = "● " + label
	}
	if cursor {
		return st.Selected.Render(ansi.Truncate("▸ "+indent+mark+label+detailText(it), max(1, w), "…"))
	}
	var body string
	switch {
	case it.key == "":
		body = st.Faint.Render(label)
	case fl.kind == kindChoice:
		body = st.OptionStyle(it.color).Render(label)
	default:
		body = label + st.Faint.Render(detailText(it))
	}
	return "  " + indent + mark + body
}

func detailText(it pickItem) string {
	if it.detail == "" {
		return ""
	}
	return "  " + it.detail
}

// noteLines go under a field: its error, or, while it has focus, what the
// value will be or what it takes.
func (f *createForm) noteLines(fl *formField, focused bool, w int) []string {
	st := f.c.Styles
	switch {
	case fl.err != nil:
		return firstLines(wrapLines(st.Error.Render("✗ "+fl.err.Error()), w), 3)
	case !focused || fl.pick != nil:
		return nil
	}
	if p := f.preview(fl); p != "" {
		return []string{st.Success.Render("→ " + p)}
	}
	return firstLines(wrapLines(st.Faint.Render(f.hint(fl)), w), 2)
}

// firstLines keeps at most n lines.
func firstLines(lines []string, n int) []string { return lines[:min(n, len(lines))] }

// preview says what a valid value will be: a date in words, a number in
// its format, a completed link.
func (f *createForm) preview(fl *formField) string {
	text := fl.text()
	if text == "" || fl.kind == kindSubmit {
		return ""
	}
	if fl.name() == contentField {
		blocks, err := pageform.Blocks(text)
		if err != nil {
			return ""
		}
		return textutil.Plural(len(blocks), "block", "blocks") + " of content"
	}
	v, ok, err := pageform.ParseValue(fl.prop, text, f.env())
	if err != nil || !ok {
		return ""
	}
	switch v.Type {
	case notionapi.PropDate:
		return pageform.DescribeDate(*v.Date)
	case notionapi.PropNumber:
		format := "number"
		if fl.prop.Number != nil {
			format = fl.prop.Number.Format
		}
		return notionapi.FormatNumber(*v.Number, format)
	case notionapi.PropURL:
		if *v.URL != strings.TrimSpace(text) {
			return *v.URL
		}
	case notionapi.PropFiles:
		return textutil.Plural(len(v.Files), "file", "files")
	case notionapi.PropPeople:
		return notionapi.Cell(withNames(v, f.users))
	case notionapi.PropTitle, notionapi.PropRichText:
		if n := len([]rune(text)); n > pageform.MaxTextLength*9/10 {
			return fmt.Sprintf("%s of %s characters", widgets.FormatCount(n), widgets.FormatCount(pageform.MaxTextLength))
		}
	}
	return ""
}

// previewAfter follows a value that is not what will be sent (a date in
// words, a number in its format) with what will be, faintly.
func (f *createForm) previewAfter(fl *formField) string {
	p := f.preview(fl)
	if p == "" || fl.err != nil || p == strings.TrimSpace(fl.text()) {
		return ""
	}
	return f.c.Styles.Faint.Render("  → " + p)
}

// withNames fills the names of people given by ID from the users list.
func withNames(v notionapi.PropertyValue, users []notionapi.User) notionapi.PropertyValue {
	for i, p := range v.People {
		for _, u := range users {
			if u.ID == p.ID {
				v.People[i] = u
			}
		}
	}
	return v
}

// hint says what a field takes.
func (f *createForm) hint(fl *formField) string {
	switch {
	case fl.name() == contentField:
		return "in text: **bold**, *italic*, ~~strike~~, `code`, [link](https://…); up to 100 blocks"
	case fl.kind == kindCheck:
		return "space checks or unchecks"
	case fl.kind == kindChoice && fl.multiple():
		return "enter (or type) to pick options; several allowed"
	case fl.kind == kindChoice:
		return "enter (or type) to choose an option"
	case fl.kind == kindPeople && f.usersReq != 0:
		return "loading the users list…"
	case fl.kind == kindPeople:
		return "enter (or type a name) to pick people"
	case fl.kind == kindRelation:
		return "enter (or type) to search the related database by title"
	case fl.prop.Type == notionapi.PropPeople && f.usersErr != nil:
		return "user IDs or e-mails: the users list cannot be read (" + f.usersErr.Error() + ")"
	}
	return pageform.Hint(fl.prop)
}

// resultLines show the new page: title, link, ID and its values.
func (f *createForm) resultLines() []string {
	st := f.c.Styles
	pg := f.created
	dsName := widgets.IconText(f.ds.Icon) + widgets.OrUntitled(f.ds.Title.Plain())
	lines := []string{st.Success.Render("✓ Created ") + st.Bold.Render("“"+widgets.OrUntitled(pg.Title())+"”") + st.Muted.Render(" in "+dsName)}
	switch {
	case f.lost && f.sendErr != nil:
		lines = append(lines, wrapLines(st.Warning.Render("Notion's answer was lost ("+f.sendFailure()+"), but the page was created; it was not sent again."), f.w)...)
	case f.lost:
		lines = append(lines, wrapLines(st.Warning.Render("A draft was being sent when the app closed, and its page was created then; the draft is deleted."), f.w)...)
	}
	lines = append(lines, "",
		"  "+st.Muted.Render("URL ")+" "+st.Info.Render(pg.URL),
		"  "+st.Muted.Render("ID  ")+" "+pg.ID, "")
	labelW, _ := f.columns()
	room := f.h - len(lines)
	var values []string
	for _, p := range f.ds.Properties.Ordered() {
		if cell := widgets.CellText(p, pg.Properties[p.Name]); cell != "" && p.Type != notionapi.PropTitle {
			values = append(values, "  "+st.Muted.Render(pad(p.Name, labelW))+" "+strings.ReplaceAll(cell, "\n", " ⏎ "))
		}
	}
	if len(values) > room && room > 0 {
		values = append(values[:room-1], st.Faint.Render(fmt.Sprintf("  … %d more", len(values)-room+1)))
	}
	if room > 0 {
		lines = append(lines, values...)
	}
	return lines
}

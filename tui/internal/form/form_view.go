package form

import (
	"fmt"
	"strings"

	gokey "charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/fields"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// Column widths of the form.
const (
	typeWidth     = 12 // "multi-select"
	minLabelWidth = 8
	maxLabelWidth = 24
	minValueWidth = 12
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

func (f *createForm) label(fl *fields.Field) string {
	switch {
	case fl.Kind == fields.KindSubmit:
		return ""
	case fl.Name() == fields.ContentField:
		return "Content"
	case fl.Prop.Type == notionapi.PropTitle:
		return fl.Prop.Name + " *"
	}
	return fl.Prop.Name
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
		// The names below go whole; those that do not fit are counted.
		more := fmt.Sprintf("  ↓ %d more lines", len(lo.lines)-end+1)
		if names := widgets.NamesFit(f.namesBelow(lo, end-1), f.w-widgets.TextWidth(more)-2); names != "" {
			more += ": " + names
		}
		body[len(body)-1] = st.Faint.Render(more)
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
func (f *createForm) namesBelow(lo formLayout, line int) []string {
	var names []string
	for i, s := range lo.spans {
		switch {
		case s[1] < line:
		case f.fields[i].Kind == fields.KindSubmit:
			names = append(names, "[Create page]")
		default:
			names = append(names, f.label(f.fields[i]))
		}
	}
	return names
}

// headLines are the title line, the banners of the state, and a rule.
func (f *createForm) headLines() []string {
	st := f.c.Styles
	title := st.Title.Render("New page") + st.Muted.Render(" in ") + st.Bold.Render(widgets.IconText(f.ds.Icon)+widgets.OrUntitled(f.ds.Title.Plain()))
	lines := []string{widgets.Spread(title, f.draftStatus(), f.w)}
	for _, b := range f.banners() {
		lines = append(lines, fields.WrapLines(b, f.w)...)
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
	// bound names a binding's key as the help line does, so that the
	// banner and the help line never disagree.
	bound := func(b gokey.Binding, what string) string { return key(b.Help().Key, what) }
	k := f.keys
	var out []string
	if f.insert.State == guide.StateFailed && f.state != stateDone {
		out = append(out, st.Warning.Render("⚠ This connection cannot create pages: Notion refused with 403, as “"+guide.CapInsertContent+
			"” is off. Turn it on on the connection's Configuration tab at "+guide.ConnectionsURL+"; what you type is kept meanwhile."))
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
		out = append(out, bound(k.Restore, "restore it")+" · "+bound(k.Discard, "discard it")+" · "+bound(k.Back, "back"))
	case stateSending:
		out = append(out, f.spin.View()+" Creating the page in "+dsName+"…")
	case stateChecking:
		if f.sendErr != nil {
			out = append(out, f.spin.View()+" "+st.Warning.Render("Notion's answer was lost ("+f.sendFailure()+").")+" Checking whether the page was created before anything is sent again…")
		} else {
			out = append(out, f.spin.View()+" A draft was being sent when the app closed: checking whether its page was created…")
		}
	case stateUnsure:
		switch {
		case f.savedUnknown():
			out = append(out, st.Warning.Render("✓ Notion saved the page")+st.Text.Render(" ("+f.sendFailure()+"), but did not say which page it made, so it was not sent again. Find “"+
				f.page.Title+"” in "+dsName+"."),
				bound(k.Edit, "edit"))
		case f.checkErr == nil:
			out = append(out, st.Error.Render("✗ The page was not created")+st.Text.Render(": "+f.sendFailure()+", and "+dsName+" has no page titled “"+f.page.Title+
				"” created since "+f.checkedSince()+". Every value is kept."),
				bound(k.Resend, "send again")+" · "+bound(k.Edit, "edit first"))
		default:
			out = append(out, st.Warning.Render("? Could not tell whether the page was created")+st.Text.Render(": "+f.sendFailure()+", and the check failed too ("+
				pageform.Failure(f.checkErr)+"). Check again before sending, so that no duplicate appears."),
				bound(k.Recheck, "check again")+" · "+bound(k.Resend, "send anyway")+" · "+bound(k.Edit, "edit"))
		}
	}
	return out
}

// fieldLines draws one field: its row, an open list, and a note under it.
func (f *createForm) fieldLines(i int, fl *fields.Field) []string {
	st := f.c.Styles
	focused := i == f.focus && f.state == stateEditing
	if fl.Kind == fields.KindSubmit {
		return f.submitLines(focused)
	}
	labelW, valueW := f.columns()
	marker, label := "  ", st.Text
	if focused {
		marker, label = st.Accent.Render("▌ "), st.Bold
	}
	if fl.Kind == fields.KindReadOnly {
		label = st.Muted
	}
	typ := "markdown"
	if fl.Name() != fields.ContentField {
		typ = pageform.TypeLabel(fl.Prop)
	}
	values := fl.ValueLines(f.viewEnv(), focused, valueW)
	row := marker + label.Render(pad(f.label(fl), labelW)) + " " + st.Faint.Render(pad(typ, typeWidth)) + " " + values[0]
	lines := []string{row}
	indent := strings.Repeat(" ", f.prefixWidth())
	for _, v := range values[1:] {
		lines = append(lines, indent+v)
	}
	for _, n := range fl.NoteLines(f.viewEnv(), focused, valueW) {
		lines = append(lines, indent+n)
	}
	return lines
}

// viewEnv is what drawing a field needs.
func (f *createForm) viewEnv() fields.ViewEnv {
	return fields.ViewEnv{
		Styles: f.c.Styles, Parse: f.env(), UsersLoading: f.usersReq != 0, Spinner: f.spin.View(),
		Rows: min(fields.PickRows, max(3, f.h-12)),
	}
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

// resultLines show the new page: title, link, ID and its values.
func (f *createForm) resultLines() []string {
	st := f.c.Styles
	pg := f.created
	dsName := widgets.IconText(f.ds.Icon) + widgets.OrUntitled(f.ds.Title.Plain())
	lines := []string{st.Success.Render("✓ Created ") + st.Bold.Render("“"+widgets.OrUntitled(pg.Title())+"”") + st.Muted.Render(" in "+dsName)}
	switch {
	case f.lost && f.sendErr != nil:
		lines = append(lines, fields.WrapLines(st.Warning.Render("Notion's answer was lost ("+f.sendFailure()+"), but the page was created; it was not sent again."), f.w)...)
	case f.lost:
		lines = append(lines, fields.WrapLines(st.Warning.Render("A draft was being sent when the app closed, and its page was created then; the draft is deleted."), f.w)...)
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

package edit

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/tui/internal/fields"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// Choice is the answer to a dialog.
type Choice int

const (
	ChoiceNone Choice = iota
	ChoiceYes         // overwrite, trash, go on
	ChoiceNo          // keep theirs, cancel
)

// DialogKeys are the keys of the conflict and confirmation panels.
type DialogKeys struct {
	Overwrite, Keep, Yes, No key.Binding
}

// Keys are the dialogs' keys.
var Keys = DialogKeys{
	Overwrite: keymap.Yes.Key("save mine anyway"),
	Keep:      keymap.Join("n/esc", "keep theirs", keymap.No, keymap.Back),
	Yes:       keymap.Yes.Key(),
	No:        keymap.Join("n/esc", "no", keymap.No, keymap.Back),
}

// ConflictKey reads a key of the conflict panel.
func ConflictKey(msg tea.KeyPressMsg) Choice {
	switch {
	case key.Matches(msg, Keys.Overwrite):
		return ChoiceYes
	case key.Matches(msg, Keys.Keep):
		return ChoiceNo
	}
	return ChoiceNone
}

// ConfirmKey reads a key of a confirmation.
func ConfirmKey(msg tea.KeyPressMsg) Choice {
	switch {
	case key.Matches(msg, Keys.Yes):
		return ChoiceYes
	case key.Matches(msg, Keys.No):
		return ChoiceNo
	}
	return ChoiceNone
}

// Confirmation is a yes-or-no question a screen asks over its content:
// Yes runs on yes; no changes nothing.
type Confirmation struct {
	Question, Detail string
	Yes              func() tea.Cmd
}

// DialogInput gives msg to a screen's open confirmation or conflict
// panel (at most one is open); ok is false when neither is. An open
// panel takes every message and closes on an answer: yes runs the
// confirmation's Yes or sends the edit anyway (Force); no says nothing
// was changed or takes the page as it is now (Keep).
func DialogInput(c *ui.Common, confirm **Confirmation, conflict **ConflictMsg, msg tea.Msg) (cmd tea.Cmd, ok bool) {
	if *confirm == nil && *conflict == nil {
		return nil, false
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		return nil, true
	}
	if q := *confirm; q != nil {
		switch ConfirmKey(k) {
		case ChoiceYes:
			*confirm = nil
			return q.Yes(), true
		case ChoiceNo:
			*confirm = nil
			return ui.Flash("Nothing was changed"), true
		}
		return nil, true
	}
	cf := *conflict
	switch ConflictKey(k) {
	case ChoiceYes:
		*conflict = nil
		return Of(c).Force(c, cf.Op, cf.Now), true
	case ChoiceNo:
		*conflict = nil
		return Of(c).Keep(cf.Op, cf.Now), true
	}
	return nil, true
}

// DialogPanel is the open confirmation or conflict panel at width w, or
// "" when neither is open.
func DialogPanel(st *styles.Styles, confirm *Confirmation, conflict *ConflictMsg, w int) string {
	switch {
	case confirm != nil:
		return ConfirmView(st, confirm.Question, confirm.Detail, w)
	case conflict != nil:
		return ConflictView(st, *conflict, Target(conflict.Op.Req.Edit.Title), w)
	}
	return ""
}

// DialogKeyMap is the keys of the open confirmation or conflict panel,
// or nil when neither is open.
func DialogKeyMap(confirm *Confirmation, conflict *ConflictMsg) help.KeyMap {
	switch {
	case confirm != nil:
		return ConfirmKeyMap()
	case conflict != nil:
		return ConflictKeyMap()
	}
	return nil
}

// ConflictKeyMap and ConfirmKeyMap are the dialogs' help.
func ConflictKeyMap() help.KeyMap {
	return ui.KeyMapOf([]key.Binding{Keys.Overwrite, Keys.Keep})
}

func ConfirmKeyMap() help.KeyMap { return ui.KeyMapOf([]key.Binding{Keys.Yes, Keys.No}) }

// ConflictView shows what someone else changed since the screen showed
// it, beside what the edit would save, and asks.
func ConflictView(st *styles.Styles, c ConflictMsg, target string, w int) string {
	pw := widgets.PanelWidth(w)
	inner := pw - 4
	var lines []string
	formatting := true
	for _, cf := range c.Conflicts {
		formatting = formatting && cf.Formatting
	}
	if formatting {
		lines = append(lines, st.PanelTitle.Render("Replace formatted text?"))
	} else {
		lines = append(lines, st.PanelTitle.Render("Changed in Notion since you loaded it"))
	}
	lines = append(lines, st.Muted.Render(widgets.Truncate(target, inner)), "")
	row := func(label, text string, style func(...string) string) string {
		var b strings.Builder
		widgets.FitCell(&b, label, 10, false)
		return st.Muted.Render(b.String()) + " " + style(widgets.Truncate(orDash(text), max(1, inner-11)))
	}
	for _, cf := range c.Conflicts {
		lines = append(lines, st.Bold.Render(widgets.Truncate(cf.Property, inner)))
		if cf.Formatting {
			lines = append(lines, fieldsWrap(st.Warning.Render("It has formatting (styles, links or mentions) that your plain text replaces."), inner)...)
			lines = append(lines, row("now", cf.Now, st.Text.Render), row("yours", cf.Mine, st.Accent.Render))
			continue
		}
		lines = append(lines,
			row("you saw", cf.Was, st.Faint.Render),
			row("now", cf.Now, st.Warning.Render),
			row("yours", cf.Mine, st.Accent.Render))
	}
	lines = append(lines, "", st.Key.Render("y")+" save mine anyway · "+st.Key.Render("n")+" keep theirs (nothing is sent)")
	return st.PanelFocus.Width(pw).Render(strings.Join(lines, "\n"))
}

// ConfirmView asks a yes-or-no question in a panel.
func ConfirmView(st *styles.Styles, question, detail string, w int) string {
	pw := widgets.PanelWidth(w)
	inner := pw - 4
	lines := fieldsWrap(st.PanelTitle.Render(question), inner)
	if detail != "" {
		lines = append(lines, fieldsWrap(st.Muted.Render(detail), inner)...)
	}
	lines = append(lines, "", st.Key.Render("y")+" yes · "+st.Key.Render("n")+" no")
	return st.PanelFocus.Width(pw).Render(strings.Join(lines, "\n"))
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func fieldsWrap(s string, w int) []string { return fields.WrapLines(s, w) }

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

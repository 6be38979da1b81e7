package explorer

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// explorer is the home screen after login: tabs for the databases (the
// default), the pages and the users of the workspace.
type explorer struct {
	c      *ui.Common
	panes  []pane
	active int
	w, h   int
	keys   explorerKeys
	// find narrows the first tab shown, once loaded.
	find string
}

type explorerKeys struct {
	Next, Prev, Tab key.Binding
}

// New opens the explorer on a tab (the first when r.Tab is ""), narrowed
// to r.Find.
func New(c *ui.Common, r ui.Explorer) ui.Screen {
	e := &explorer{
		c:     c,
		panes: []pane{newDatabasesPane(c), newPagesPane(c), newUsersPane(c)},
		keys: explorerKeys{
			Next: keymap.NextTab.Key(),
			Prev: keymap.PrevTab.Key(),
			Tab:  keymap.Tabs.KeyLabel("1-3", "go to tab"),
		},
	}
	for i, p := range e.panes {
		if strings.EqualFold(p.Name(), r.Tab) {
			e.active = i
			e.find = r.Find
		}
	}
	return e
}

func (e *explorer) Init() tea.Cmd { return e.show() }

// show loads the active tab, narrowed to what the explorer was opened on.
func (e *explorer) show() tea.Cmd {
	cmd := e.panes[e.active].Show()
	if f, ok := e.panes[e.active].(interface{ SetFind(string) }); ok && e.find != "" {
		f.SetFind(e.find)
	}
	return cmd
}

// Resume loads the tab shown again if its last load failed.
func (e *explorer) Resume() tea.Cmd { return e.panes[e.active].Show() }

func (e *explorer) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		p := e.panes[e.active]
		if !p.Capturing() {
			switch {
			case key.Matches(msg, e.keys.Next):
				return e, e.switchTo((e.active + 1) % len(e.panes))
			case key.Matches(msg, e.keys.Prev):
				return e, e.switchTo((e.active + len(e.panes) - 1) % len(e.panes))
			case key.Matches(msg, e.keys.Tab):
				if i := int(msg.Code - '1'); i >= 0 && i < len(e.panes) {
					return e, e.switchTo(i)
				}
				return e, nil
			}
		}
		return e, p.Update(msg)
	case tea.MouseMsg, tea.PasteMsg:
		return e, e.panes[e.active].Update(msg)
	}
	cmds := make([]tea.Cmd, len(e.panes))
	for i, p := range e.panes {
		cmds[i] = p.Update(msg)
	}
	return e, tea.Batch(cmds...)
}

func (e *explorer) switchTo(i int) tea.Cmd {
	e.active = i
	return e.panes[i].Show()
}

func (e *explorer) Capturing() bool { return e.panes[e.active].Capturing() }

func (e *explorer) SetSize(w, h int) {
	e.w, e.h = w, h
	for _, p := range e.panes {
		p.SetSize(w, max(1, h-2))
	}
}

func (e *explorer) Title() string { return e.panes[e.active].Name() }

func (e *explorer) KeyMap() help.KeyMap {
	km := e.panes[e.active].KeyMap()
	if e.Capturing() {
		return km // tab and the digits are the field's while typing
	}
	full := append(km.FullHelp(), []key.Binding{e.keys.Next, e.keys.Prev, e.keys.Tab})
	return ui.KeyMapOf(append(km.ShortHelp(), e.keys.Next), full...)
}

// View draws the tab bar, a blank line and the active pane.
func (e *explorer) View() string {
	st := e.c.Styles
	tabs := make([]string, len(e.panes))
	for i, p := range e.panes {
		if i == e.active {
			tabs[i] = st.Cursor.Render(" " + p.Name() + " ")
		} else {
			tabs[i] = st.Muted.Render(" " + p.Name() + " ")
		}
	}
	bar := widgets.Spread(strings.Join(tabs, " "), st.Faint.Render("tab or 1-3 switches"), e.w)
	return bar + "\n\n" + e.panes[e.active].View()
}

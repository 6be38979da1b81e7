package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/tui/internal/keymap"
)

// Screen is one page of the app: the wizard, the explorer, a database
// view, a page preview, a form. Screens stack: the top one gets key
// presses, every one gets the other messages (so that a query keeps
// streaming rows behind a page preview), and each ignores messages that
// are not its own.
type Screen interface {
	// Init starts the screen's work; the root calls it once, when the
	// screen is opened.
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	// View renders the screen in the size given by SetSize.
	View() string
	SetSize(width, height int)
	// Title is the screen's breadcrumb.
	Title() string
	// KeyMap lists the screen's keys for the help line and the ? overlay.
	KeyMap() help.KeyMap
}

// Capturer is a screen that is typing into a text field: global single
// letter keys (q, ?, L) are passed to it instead of acting.
type Capturer interface {
	Capturing() bool
}

// Closer is a screen that holds work to cancel when it leaves the stack.
type Closer interface {
	Close()
}

// Resumer is a screen with something to do when it is on top again,
// after the screen above it closed.
type Resumer interface {
	Resume() tea.Cmd
}

// BackKey is the binding screens use to go back one step.
var BackKey = keymap.Back.Key()

// keyMap is a help.KeyMap made of plain binding lists.
type keyMap struct {
	shortKeys []key.Binding
	fullKeys  [][]key.Binding
}

func (k keyMap) ShortHelp() []key.Binding  { return k.shortKeys }
func (k keyMap) FullHelp() [][]key.Binding { return k.fullKeys }

// KeyMapOf builds a help.KeyMap: the short line and the full groups (the
// short line alone when none is given).
func KeyMapOf(short []key.Binding, full ...[]key.Binding) help.KeyMap {
	if len(full) == 0 {
		full = [][]key.Binding{short}
	}
	return keyMap{shortKeys: short, fullKeys: full}
}

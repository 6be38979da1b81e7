package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Screen is one page of the app: the wizard, the databases list, a
// database view, a page preview, a form. Screens stack: the top one gets
// key presses, every one gets the other messages (so that a query keeps
// streaming rows behind a page preview), and each ignores messages that
// are not its own.
type Screen interface {
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

// Navigation happens through the Context (c.Push, c.Pop, c.Replace,
// c.Reset), called from a screen's Update: the root applies it before the
// next message, so that a key pressed right after "open" reaches the
// screen that was opened.

// ErrorMsg reports a failure to the app, which shows its guided fix.
type ErrorMsg struct {
	Err error
	// Retry, if set, runs the failed operation again (the fix's retry key).
	Retry tea.Cmd
	// Input is what the user typed that led to the request, shown next to
	// a validation error.
	Input string
}

// ReportError returns a command that reports err with an optional retry.
func ReportError(err error, retry tea.Cmd) tea.Cmd {
	return func() tea.Msg { return ErrorMsg{Err: err, Retry: retry} }
}

// FlashMsg shows a short message in the status bar.
type FlashMsg struct {
	Text  string
	Error bool
}

// Flash returns a command that shows text in the status bar.
func Flash(text string) tea.Cmd { return func() tea.Msg { return FlashMsg{Text: text} } }

// SessionChangedMsg tells screens that the client, token or version
// changed (re-entered token, picked version): cached data may be stale.
type SessionChangedMsg struct{}

// PageCreatedMsg announces a page created from a form, so that the
// database view shows the new row without a reload.
type PageCreatedMsg struct {
	DataSourceID string
	Page         *notionapi.Page
}

// spinWhile advances a screen's spinner on its own ticks while active.
// Ticks are broadcast to every screen: another spinner's tick, or one
// arriving once the work is done, costs nothing and stops the loop.
func spinWhile(sp *spinner.Model, msg spinner.TickMsg, active bool) tea.Cmd {
	if !active || msg.ID != sp.ID() {
		return nil
	}
	var cmd tea.Cmd
	*sp, cmd = sp.Update(msg)
	return cmd
}

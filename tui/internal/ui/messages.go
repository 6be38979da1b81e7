package ui

import (
	"context"
	"errors"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
)

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

// FlashError returns a command that shows a failure in the status bar.
func FlashError(text string) tea.Cmd {
	return func() tea.Msg { return FlashMsg{Text: text, Error: true} }
}

// ConnectionChangedMsg tells screens that the client, token or version
// changed (a re-entered token, a picked version): cached data may be
// stale.
type ConnectionChangedMsg struct{}

// PageCreatedMsg announces a page created from a form, so that the
// database view shows the new row without a reload.
type PageCreatedMsg struct {
	DataSourceID string
	Page         *notionapi.Page
}

// ReloadMsg asks the screen or pane with this ID to load again (the retry
// of a guided fix).
type ReloadMsg struct{ ID int64 }

// Reload returns the command a guided fix runs to load again.
func Reload(id int64) tea.Cmd { return func() tea.Msg { return ReloadMsg{id} } }

// SpinWhile advances a screen's spinner on its own ticks while active.
// Ticks are broadcast to every screen: another spinner's tick, or one
// arriving once the work is done, costs nothing and stops the loop.
func SpinWhile(sp *spinner.Model, msg spinner.TickMsg, active bool) tea.Cmd {
	if !active || msg.ID != sp.ID() {
		return nil
	}
	var cmd tea.Cmd
	*sp, cmd = sp.Update(msg)
	return cmd
}

// IsCancel reports whether err only says that the reader stopped reading.
func IsCancel(err error) bool { return errors.Is(err, context.Canceled) }

// TokenEntryError marks an error raised by a screen whose token field is
// right behind the guided fix: "re-enter token" then closes the panel
// instead of opening another token prompt.
type TokenEntryError struct{ Err error }

func (e TokenEntryError) Error() string { return e.Err.Error() }
func (e TokenEntryError) Unwrap() error { return e.Err }

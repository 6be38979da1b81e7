package ui

import (
	"context"
	"errors"
	"net/http"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/notionapi"
)

// CopyText copies text to the clipboard (OSC 52) and says what was copied.
func CopyText(text, what string) tea.Cmd {
	return tea.Batch(tea.SetClipboard(text), Flash("Copied "+what))
}

// OpenLink opens a link in the browser, or shows it when none can open.
func (c *Common) OpenLink(url string) tea.Cmd {
	if url == "" {
		return Flash("This object has no URL")
	}
	if err := c.OpenURL(url); err != nil {
		return FlashError("Open " + url + " in a browser (" + err.Error() + ")")
	}
	return Flash("Opened " + url)
}

// UsersMsg carries the workspace's users to the screen that asked (Req).
type UsersMsg struct {
	Req   int64
	Users []notionapi.User
	Err   error
}

// LoadUsers reads every user of the workspace with the connection's
// client, for screens that name people; the answer is tagged req. For a
// personal access token it answers guide.ErrUsersNotListable at once.
func (c *Common) LoadUsers(ctx context.Context, req int64) tea.Cmd {
	if c.Conn != nil {
		if err := guide.UsersListable(c.Conn.Kind()); err != nil {
			return func() tea.Msg { return UsersMsg{Req: req, Err: err} }
		}
	}
	return c.ReadUsers(ctx, req)
}

// UsersReason words why the users list cannot be read: Notion's refusal
// (403) for the kind of token in use (guide.UsersRefused), anything else
// as it is.
func (c *Common) UsersReason(err error) error {
	if notionapi.StatusOf(err) != http.StatusForbidden {
		return err
	}
	kind := notionapi.TokenKindUnknown
	if c.Conn != nil {
		kind = c.Conn.Kind()
	}
	return errors.New(guide.UsersRefused(kind))
}

// ReadUsers is LoadUsers that always asks Notion: the Users tab shows
// Notion's own answer, whatever the kind of token.
func (c *Common) ReadUsers(ctx context.Context, req int64) tea.Cmd {
	client := c.Client()
	return func() tea.Msg {
		var out []notionapi.User
		for u, err := range client.ListUsersAll(ctx) {
			if err != nil {
				return UsersMsg{Req: req, Err: err}
			}
			out = append(out, u)
		}
		return UsersMsg{Req: req, Users: out}
	}
}

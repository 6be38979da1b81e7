package tui

import (
	"context"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
)

// startup verifies the session's token with /v1/users/me, then opens the
// explorer. A failure shows the guided fix (re-enter the token, pick a
// version, retry).
type startup struct {
	c      *Context
	id     int64
	spin   spinner.Model
	err    error
	w, h   int
	cancel context.CancelFunc
}

type verifiedMsg struct {
	id  int64
	me  *notionapi.User
	err error
}

func newStartup(c *Context) *startup {
	return &startup{c: c, id: c.NextID(), spin: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Accent))}
}

func (s *startup) Init() tea.Cmd { return tea.Batch(s.spin.Tick, s.verify()) }

func (s *startup) verify() tea.Cmd {
	client, id := s.c.Client(), s.id
	ctx, cancel := context.WithCancel(s.c.Ctx)
	s.cancel = cancel
	return func() tea.Msg {
		me, err := client.Me(ctx)
		return verifiedMsg{id: id, me: me, err: err}
	}
}

func (s *startup) Close() {
	if s.cancel != nil {
		s.cancel()
	}
}

func (s *startup) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case verifiedMsg:
		if msg.id != s.id {
			return s, nil
		}
		if msg.err != nil {
			s.err = msg.err
			return s, ReportError(msg.err, s.retry())
		}
		s.c.Session.Me = msg.me
		s.c.Session.Workspace, s.c.Session.BotName = workspaceOf(msg.me), msg.me.Name
		return s, Reset(newExplorer(s.c))
	case retryVerifyMsg:
		if msg.id != s.id {
			return s, nil
		}
		s.err = nil
		return s, tea.Batch(s.spin.Tick, s.verify())
	case SessionChangedMsg:
		return s, s.retry()
	case spinner.TickMsg:
		var cmd tea.Cmd
		s.spin, cmd = s.spin.Update(msg)
		return s, cmd
	}
	return s, nil
}

func (s *startup) retry() tea.Cmd {
	return func() tea.Msg { return retryVerifyMsg{s.id} }
}

type retryVerifyMsg struct{ id int64 }

func (s *startup) View() string {
	st := s.c.Styles
	src := ""
	if s.c.Session != nil {
		src = s.c.Session.TokenSource
	}
	if s.err != nil {
		return st.Muted.Render("Could not verify the " + src + ".\nSee the panel for what to do; press r there to retry.")
	}
	return s.spin.View() + " Verifying the " + src + " with GET /v1/users/me…"
}

func (s *startup) SetSize(w, h int) { s.w, s.h = w, h }
func (s *startup) Title() string    { return "Connecting" }
func (s *startup) KeyMap() help.KeyMap {
	return KeyMapOf(nil)
}

// workspaceOf returns the bot's workspace name.
func workspaceOf(u *notionapi.User) string {
	if u != nil && u.Bot != nil {
		return u.Bot.WorkspaceName
	}
	return ""
}

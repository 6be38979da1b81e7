package wizard

import (
	"context"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// startup verifies the session's token with /v1/users/me, then opens the
// explorer. A failure shows the guided fix (re-enter the token, pick a
// version, retry); once the panel is closed the screen keeps the same keys.
type startup struct {
	c    *ui.Common
	id   int64
	spin spinner.Model
	err  error
	w, h int
	keys startupKeys
	// seq tags the verification under way (0 when none); a reply with
	// another seq was superseded and is dropped.
	seq    int64
	cancel context.CancelFunc
}

type startupKeys struct {
	Fix, Retry, Token key.Binding
}

type verifiedMsg struct {
	id, seq int64
	me      *notionapi.User
	err     error
}

type retryVerifyMsg struct{ id int64 }

func newStartup(c *ui.Common) *startup {
	s := &startup{
		c:    c,
		id:   c.NextID(),
		spin: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Accent)),
		keys: startupKeys{
			Fix:   keymap.Open.Key("how to fix it"),
			Retry: keymap.Refresh.Key("retry"),
			Token: keymap.Token.Key(),
		},
	}
	s.keys.Token.SetEnabled(!c.Demo)
	return s
}

// Init verifies the token.
func (s *startup) Init() tea.Cmd { return tea.Batch(s.spin.Tick, s.verify()) }

// verify asks /v1/users/me with the session's client as it is now,
// superseding any verification under way.
func (s *startup) verify() tea.Cmd {
	if s.cancel != nil {
		s.cancel()
	}
	s.seq = s.c.NextID()
	client, id, seq := s.c.Client(), s.id, s.seq
	ctx, cancel := context.WithCancel(s.c.Ctx)
	s.cancel = cancel
	return func() tea.Msg {
		me, err := client.GetMe(ctx)
		return verifiedMsg{id: id, seq: seq, me: me, err: err}
	}
}

func (s *startup) Close() {
	if s.cancel != nil {
		s.cancel()
	}
}

func (s *startup) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case verifiedMsg:
		if msg.id != s.id || msg.seq != s.seq {
			return s, nil
		}
		s.seq = 0
		if msg.err != nil {
			s.err = msg.err
			return s, ui.ReportError(msg.err, s.retry())
		}
		ss := s.c.Conn
		ss.Me, ss.Workspace, ss.BotName = msg.me, workspaceOf(msg.me), msg.me.Name
		s.c.Reset(ui.Explorer{})
		return s, nil
	case retryVerifyMsg:
		if msg.id != s.id {
			return s, nil
		}
		return s, s.restart()
	case ui.ConnectionChangedMsg:
		return s, s.restart()
	case tea.KeyPressMsg:
		if s.err == nil {
			return s, nil
		}
		switch {
		case key.Matches(msg, s.keys.Fix):
			return s, ui.ReportError(s.err, s.retry())
		case key.Matches(msg, s.keys.Retry):
			return s, s.restart()
		case key.Matches(msg, s.keys.Token):
			s.c.Open(ui.NewToken{})
			return s, nil
		}
	case spinner.TickMsg:
		return s, ui.SpinWhile(&s.spin, msg, s.err == nil)
	}
	return s, nil
}

// restart verifies again, after a retry or a changed token or version.
func (s *startup) restart() tea.Cmd {
	s.err = nil
	return tea.Batch(s.spin.Tick, s.verify())
}

func (s *startup) retry() tea.Cmd {
	id := s.id
	return func() tea.Msg { return retryVerifyMsg{id} }
}

func (s *startup) View() string {
	st := s.c.Styles
	src, base := "token", ""
	if ss := s.c.Conn; ss != nil {
		src, base = ss.TokenSource, ss.BaseURL
	}
	w := max(10, s.w-2)
	var lines []string
	if s.err == nil {
		lines = append(lines, s.spin.View()+" "+st.Bold.Render("Connecting to Notion"))
		lines = append(lines, widgets.Hang("  ", "Checking the "+src+" with GET /v1/users/me"+onHost(base)+"…", w)...)
	} else {
		fix := guide.Diagnose(s.err, s.c.GuideFacts())
		lines = append(lines, widgets.StyleLines(st.Error, widgets.Hang("✗ ", fix.Title, w))...)
		lines = append(lines, widgets.StyleLines(st.Muted, widgets.Hang("  ", "The "+src+" could not be used.", w))...)
		var keys []string
		for _, k := range []key.Binding{s.keys.Fix, s.keys.Retry, s.keys.Token} {
			if k.Enabled() {
				keys = append(keys, st.Key.Render(k.Help().Key)+" "+k.Help().Desc)
			}
		}
		lines = append(lines, "", "  "+widgets.WrapJoined(keys, "   ", w-2))
	}
	return lipgloss.NewStyle().Padding(1, 1).Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
}

// onHost names the API host when it is not Notion's own.
func onHost(base string) string {
	if base == "" || base == notionapi.DefaultBaseURL {
		return ""
	}
	return " at " + base
}

func (s *startup) SetSize(w, h int) { s.w, s.h = w, h }
func (s *startup) Title() string    { return "Connecting" }
func (s *startup) KeyMap() help.KeyMap {
	if s.err == nil {
		return ui.KeyMapOf(nil)
	}
	return ui.KeyMapOf([]key.Binding{s.keys.Fix, s.keys.Retry, s.keys.Token})
}

// workspaceOf returns the bot's workspace name.
func workspaceOf(u *notionapi.User) string {
	if u != nil && u.Bot != nil {
		return u.Bot.WorkspaceName
	}
	return ""
}

// NewStartup verifies the connection's token, then opens the explorer.
func NewStartup(c *ui.Common) ui.Screen { return newStartup(c) }

package fixpanel_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// probeScreen runs one request the way screens do: it reports a failure
// with a retry that runs the request again with the session's client as
// it is then, shows the result on success, and lists the keys it got.
type probeScreen struct {
	c      *ui.Common
	id     int64
	call   func(ctx context.Context, c *notionapi.Client) (string, error)
	input  string
	result string
	runs   int
	keys   []string
}

type probeDone struct {
	id     int64
	result string
	err    error
}

type probeRun struct{ id int64 }

func newProbeScreen(call func(context.Context, *notionapi.Client) (string, error)) func(c *ui.Common) ui.Screen {
	return func(c *ui.Common) ui.Screen { return &probeScreen{c: c, id: c.NextID(), call: call} }
}

func (p *probeScreen) Init() tea.Cmd { return p.run() }

func (p *probeScreen) run() tea.Cmd {
	p.runs++
	client, id, call, ctx := p.c.Client(), p.id, p.call, p.c.Ctx
	return func() tea.Msg {
		r, err := call(ctx, client)
		return probeDone{id: id, result: r, err: err}
	}
}

func (p *probeScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case probeDone:
		if msg.id != p.id {
			return p, nil
		}
		if msg.err != nil {
			p.result = "failed"
			id := p.id
			return p, func() tea.Msg {
				return ui.ErrorMsg{Err: msg.err, Input: p.input, Retry: func() tea.Msg { return probeRun{id} }}
			}
		}
		p.result = msg.result
	case probeRun:
		if msg.id == p.id {
			return p, p.run()
		}
	case tea.KeyPressMsg:
		p.keys = append(p.keys, msg.String())
	}
	return p, nil
}

func (p *probeScreen) View() string {
	return fmt.Sprintf("result: %s (run %d)\nkeys: %s", p.result, p.runs, strings.Join(p.keys, " "))
}
func (p *probeScreen) SetSize(int, int)    {}
func (p *probeScreen) Title() string       { return "Probe" }
func (p *probeScreen) KeyMap() help.KeyMap { return ui.KeyMapOf(nil) }

// startProbe starts an app whose only screen is a probe running call.
func startProbe(t *testing.T, srv *notiontest.Server, cfg apptest.Config, call func(context.Context, *notionapi.Client) (string, error)) *apptest.App {
	t.Helper()
	return apptest.StartWith(t, srv, cfg, newProbeScreen(call))
}

func callMe(ctx context.Context, c *notionapi.Client) (string, error) {
	u, err := c.GetMe(ctx)
	if err != nil {
		return "", err
	}
	return "hello " + u.Name, nil
}

// TestFixPanels shows the guided fix of every scenario the sandbox plays,
// at both screen sizes, against golden files.
func TestFixPanels(t *testing.T) {
	t.Parallel()
	listUsers := func(ctx context.Context, c *notionapi.Client) (string, error) {
		_, err := c.ListUsers(ctx, notionapi.ListParams{})
		return "users", err
	}
	createPage := func(ctx context.Context, c *notionapi.Client) (string, error) {
		_, err := c.CreatePage(ctx, notionapi.CreatePageParams{
			Parent:     notionapi.Parent{Type: "data_source_id", DataSourceID: notiontest.DataSourceReadingList},
			Properties: map[string]notionapi.PropertyValue{"Name": notionapi.TitleValue("Dune")},
		})
		return "created", err
	}
	badCreate := func(ctx context.Context, c *notionapi.Client) (string, error) {
		_, err := c.CreatePage(ctx, notionapi.CreatePageParams{
			Parent:     notionapi.Parent{Type: "data_source_id", DataSourceID: notiontest.DataSourceReadingList},
			Properties: map[string]notionapi.PropertyValue{"Pages": notionapi.RichTextValue("many")},
		})
		return "created", err
	}
	unshared := func(ctx context.Context, c *notionapi.Client) (string, error) {
		_, err := c.GetDatabase(ctx, notiontest.DatabaseUnshared)
		return "database", err
	}
	tests := []struct {
		name  string
		cfg   apptest.Config
		call  func(context.Context, *notionapi.Client) (string, error)
		fault *notiontest.Fault
		input string
		want  string
	}{
		{name: "revoked", cfg: apptest.Config{Token: notiontest.TokenRevoked}, call: callMe, want: "401 unauthorized"},
		{name: "no_user_information", cfg: apptest.Config{Token: notiontest.TokenNoUserInfo}, call: listUsers, want: "Read user information"},
		{name: "read_only", cfg: apptest.Config{Token: notiontest.TokenReadOnly}, call: createPage, want: "Insert content"},
		{name: "unshared_database", cfg: apptest.Config{Token: notiontest.TokenFull}, call: unshared, want: "not shared"},
		{name: "missing_version", cfg: apptest.Config{Token: notiontest.TokenFull, NoVersion: true, VersionSource: "NOTION_VERSION"}, call: callMe, want: "missing_version"},
		{name: "unknown_version", cfg: apptest.Config{Token: notiontest.TokenFull, Version: "2021-01-01", VersionSource: "flag --notion-version"}, call: callMe, want: "rejected Notion-Version 2021-01-01"},
		{name: "validation", cfg: apptest.Config{Token: notiontest.TokenFull}, call: badCreate, input: "Pages = many", want: "Field at fault"},
		{name: "rate_limited", cfg: apptest.Config{Token: notiontest.TokenFull}, call: callMe, want: "Retrying by itself in 30s",
			fault: &notiontest.Fault{Path: "/v1/users/me", Status: 429, RetryAfter: "30"}},
		{name: "server_error", cfg: apptest.Config{Token: notiontest.TokenFull}, call: callMe, want: "503 service_unavailable",
			fault: &notiontest.Fault{Path: "/v1/users/me", Status: 503}},
		{name: "connection_refused", cfg: apptest.Config{Token: notiontest.TokenFull, BaseURL: "closed"}, call: callMe, want: "connection refused"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, size := range apptest.Sizes {
				t.Run(fmt.Sprintf("%dx%d", size.W, size.H), func(t *testing.T) {
					t.Parallel()
					// Each has its sandbox: faults are queued per server.
					srv := notiontest.Start(t, notiontest.Options{Rows: 20})
					cfg := tc.cfg
					cfg.Width, cfg.Height = size.W, size.H
					if cfg.BaseURL == "closed" {
						cfg.BaseURL = "http://127.0.0.1:9" // the discard port: nothing listens there
					}
					if tc.fault != nil {
						srv.InjectFault(*tc.fault)
					}
					call := tc.call
					ta := apptest.StartWith(t, srv, cfg, func(c *ui.Common) ui.Screen {
						p := newProbeScreen(call)(c).(*probeScreen)
						p.input = tc.input
						return p
					})
					ta.WaitFor(tc.want)
					ta.Golden()
				})
			}
		})
	}
}

func TestFixPanelRetryKeyRunsTheRequestAgain(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	srv.InjectFault(notiontest.Fault{Method: "GET", Path: "/v1/users/me", Status: 503})
	ta := startProbe(t, srv, apptest.Config{Token: notiontest.TokenFull}, callMe)
	ta.WaitFor("r retry")
	ta.Press("r")
	s := ta.WaitFor("result: hello notion-tui Demo (run 2)")
	if strings.Contains(s, "503") {
		t.Errorf("the panel stayed after a successful retry:\n%s", s)
	}
}

func TestFixPanelWaitsOutARateLimitAndRetriesByItself(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 429, RetryAfter: "3"})
	ta := startProbe(t, srv, apptest.Config{Token: notiontest.TokenFull}, callMe)
	ta.WaitFor("Retrying by itself in 3s")
	ta.Clock.Advance(time.Second)
	ta.WaitFor("Retrying by itself in 2s")
	if got := len(srv.Requests()); got != 1 {
		t.Fatalf("retried before the wait was over: %d requests", got)
	}
	ta.Clock.Advance(2 * time.Second)
	s := ta.WaitFor("result: hello notion-tui Demo (run 2)")
	if strings.Contains(s, "Retrying") {
		t.Errorf("the countdown is still shown:\n%s", s)
	}
}

func TestFixPanelVersionPickerRetriesWithTheChosenVersion(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startProbe(t, srv, apptest.Config{Token: notiontest.TokenFull, Version: "2021-01-01", VersionSource: "NOTION_VERSION"}, callMe)
	ta.WaitFor("V pick a version")
	ta.Press("V")
	s := ta.WaitFor("Send which Notion-Version?")
	if !strings.Contains(s, "▸ "+notionapi.DefaultVersion) {
		t.Errorf("the picker does not start at the newest version:\n%s", s)
	}
	ta.Press("up") // 2025-09-03
	ta.Press("enter")
	ta.WaitFor("result: hello notion-tui Demo (run 2)")
	reqs := srv.Requests()
	last := reqs[len(reqs)-1]
	if got := last.Header.Get("Notion-Version"); got != notionapi.Version20250903 {
		t.Errorf("the retry sent Notion-Version %q, want %s", got, notionapi.Version20250903)
	}
	if s := ta.Connection(); s.Version != notionapi.Version20250903 || s.VersionSource != "picked in the app" {
		t.Errorf("session version %q from %q", s.Version, s.VersionSource)
	}
	ta.WaitFor("Notion-Version 2025-09-03") // the status bar follows
}

// TestFixPanelKeepsTheKeysUntilItCloses: the panel has the focus, as the
// help line says: keys it does not use do nothing, rather than act on the
// screen out of sight (or take it somewhere the fix is not about); once
// esc closes it, keys reach the screen again.
func TestFixPanelKeepsTheKeysUntilItCloses(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 500})
	ta := startProbe(t, srv, apptest.Config{Token: notiontest.TokenFull}, callMe)
	ta.WaitFor("r retry")
	ta.Press("x", "down", "esc", "y")
	// The keys are handled in order: the screen's list of keys starting
	// with y says x and down, pressed before esc, did not reach it.
	s := ta.WaitFor("keys: y")
	if strings.Contains(s, "500 internal_server_error") {
		t.Errorf("esc did not close the panel:\n%s", s)
	}
}

func TestFixPanelOpensItsLinkOrShowsIt(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	unshared := func(ctx context.Context, c *notionapi.Client) (string, error) {
		_, err := c.GetDatabase(ctx, notiontest.DatabaseUnshared)
		return "", err
	}
	link := "https://www.notion.so/" + notionapi.CompactID(notiontest.DatabaseUnshared)

	ta := startProbe(t, srv, apptest.Config{Token: notiontest.TokenFull}, unshared)
	ta.WaitFor("o open database in Notion")
	ta.Press("o")
	ta.WaitFor("Opened " + link)
	if got := ta.OpenedURLs(); len(got) != 1 || got[0] != link {
		t.Errorf("opened %q, want %s", got, link)
	}

	ta = startProbe(t, srv, apptest.Config{Token: notiontest.TokenFull, NoBrowser: true}, unshared)
	ta.WaitFor("o open database in Notion")
	ta.Press("o")
	s := ta.WaitFor("Open in a browser:")
	if !strings.Contains(s, link) {
		t.Errorf("the link is not shown where no browser opens:\n%s", s)
	}
}

func TestFixPanelScrollsWhenTallerThanTheScreen(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startProbe(t, srv, apptest.Config{Token: notiontest.TokenRevoked, Width: 80, Height: 16}, callMe)
	// What to do shows first; the causes are a scroll up.
	s := ta.WaitFor("lines above")
	for _, want := range []string{"The token was rejected", "How to fix it", "t re-enter token"} {
		if !strings.Contains(s, want) {
			t.Fatalf("%q is not on the screen:\n%s", want, s)
		}
	}
	if strings.Contains(s, "Likely causes") || strings.Contains(s, "update every environment") {
		t.Fatalf("everything fits; pick a smaller screen:\n%s", s)
	}
	apptest.CheckFits(t, s, 80, 16)
	for range 30 {
		ta.Press("up")
	}
	s = ta.WaitFor("Likely causes")
	if !strings.Contains(s, "below (↑/↓ scroll)") || strings.Contains(s, "lines above") {
		t.Errorf("scrolled to the top:\n%s", s)
	}
	for range 30 {
		ta.Press("down")
	}
	s = ta.WaitFor("update every environment")
	if !strings.Contains(s, "lines above") || !strings.Contains(s, "t re-enter token") {
		t.Errorf("scrolled to the bottom:\n%s", s)
	}
}

func TestStartupKeepsItsKeysAfterThePanelCloses(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 502})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	ta.WaitFor("r retry   esc close")
	ta.Press("esc")
	s := ta.WaitFor("r retry")
	if !strings.Contains(s, "Notion had a problem") || !strings.Contains(s, "t enter another token") {
		t.Errorf("the startup screen does not say what failed and what to do:\n%s", s)
	}
	ta.Press("enter")
	ta.WaitFor("r retry   esc close") // the panel again
	ta.Press("esc")
	ta.WaitGone("esc close")
	ta.Press("r")
	ta.WaitGone("Connecting")
	if me := ta.Connection().Me; me == nil || me.Name != notiontest.IntegrationName {
		t.Errorf("session user %+v", me)
	}
}

func TestPanelsUseNoColourUnderNO_COLOR(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startProbe(t, srv, apptest.Config{Token: notiontest.TokenRevoked, NoColor: true}, callMe)
	ta.WaitFor("401")
	if codes := apptest.ColourCodes(ta.RawScreen()); len(codes) > 0 {
		t.Errorf("colour codes under NO_COLOR: %q", codes)
	}
	ta.Press("?")
	ta.WaitFor("Keys —")
	if codes := apptest.ColourCodes(ta.RawScreen()); len(codes) > 0 {
		t.Errorf("colour codes in the help under NO_COLOR: %q", codes)
	}
}

// Package apptest runs the whole app in a teatest program against a
// sandbox, for the flow and golden tests of every screen:
//
//	srv := notiontest.Start(t, notiontest.Options{})
//	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
//	ta.WaitFor("Reading List")
//	ta.Press("down", "enter")
//	ta.Golden()
//
// The app's state is read only on the program's goroutine (Screen,
// Inspect, Connection), so that a test never races Update; waits are for
// content, with a deadline, never for time to pass.
package apptest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/notion-tui/notion-tui/internal/keyringtest"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/app"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// Config describes the app a test starts. The zero value starts the
// setup wizard on a sandbox, with a working in-memory keyring.
type Config struct {
	// Token starts a connection with this token (the startup screen); ""
	// starts the setup wizard.
	Token       string
	TokenSource string // default "token from NOTION_TOKEN"
	Profile     string
	// Version is the Notion-Version to send; "" means the default unless
	// NoVersion is set, which sends none.
	Version       string
	NoVersion     bool
	VersionSource string // default "default"
	// BaseURL overrides the sandbox's address (a closed port, say).
	BaseURL string
	// Keyring backs the profile store; nil means a fresh keyringtest.Keyring.
	Keyring keystore.Keyring
	// NoStore runs without a profile store, as when no config folder is
	// usable; StoreErr says why.
	NoStore  bool
	StoreErr error
	// Dir is the config folder; "" means a new temporary one.
	Dir string
	// InsecureStorage is the --insecure-storage flag.
	InsecureStorage bool
	NoColor         bool
	// NoBrowser makes OpenURL fail as on a machine without a browser.
	NoBrowser bool
	// Demo runs as with --demo.
	Demo bool
	// OAuth prefills the OAuth sign-in.
	OAuth ui.OAuthSettings
	// OnRequest, if set, is called on the request's goroutine as each API
	// call of the app begins, before it is sent: a test may block it to
	// hold a request (a stream) at a known point.
	OnRequest func(notionapi.RequestInfo)
	// Width and Height default to 120×36.
	Width, Height int
}

// App is the app running in a teatest program against a sandbox.
type App struct {
	T       *testing.T
	Srv     *notiontest.Server
	Model   *app.Model
	TM      *teatest.TestModel
	Clock   *uitest.Clock
	Store   *keystore.Store
	Keyring *keyringtest.Keyring // nil when Config.Keyring was given
	Dir     string

	mu     sync.Mutex
	opened []string
	out    bytes.Buffer // the program's output read so far

	// updated is signalled after the program handled a message: a wait
	// reads the screen again only when something may have changed.
	updated chan struct{}
}

// Start runs the app for cfg and stops it when the test ends.
func Start(t *testing.T, srv *notiontest.Server, cfg Config) *App {
	t.Helper()
	return StartWith(t, srv, cfg, nil)
}

// StartWith is Start with first, when not nil, as the only screen
// instead of the startup screen or the wizard.
func StartWith(t *testing.T, srv *notiontest.Server, cfg Config, first func(*ui.Common) ui.Screen) *App {
	t.Helper()
	ta := &App{T: t, Srv: srv, Clock: uitest.NewClock(), Dir: cfg.Dir, updated: make(chan struct{}, 1)}
	if ta.Dir == "" {
		ta.Dir = TempDir(t)
	}
	ta.Model = app.NewWith(ta.options(cfg), first)
	w, h := cfg.Width, cfg.Height
	if w == 0 {
		w, h = 120, 36
	}
	ta.TM = teatest.NewTestModel(t, probe{ta.Model, ta.updated, &screenCache{now: ta.Clock.Now}}, teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() {
		ta.TM.Send(tea.Quit())
		ta.TM.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	})
	return ta
}

// Quit ends the program, as closing or killing the app does, and waits
// for it: no message is handled afterwards, so a debounced save or a
// timer still pending does nothing (a command already running may still
// finish its own I/O).
func (ta *App) Quit() {
	ta.T.Helper()
	ta.TM.Send(tea.Quit())
	ta.TM.WaitFinished(ta.T, teatest.WithFinalTimeout(5*time.Second))
}

// TempDir makes a config folder for an app, removed when the test ends.
// A save the app started (query history, a draft) may still be writing
// when the program has quit, since a program does not wait for its
// commands: removal is tried again until it is gone.
func TempDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "notion-tui-test-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for range 500 {
			if err := os.RemoveAll(dir); err == nil {
				return
			}
			<-tick.C
		}
		t.Errorf("the config folder %s could not be removed", dir)
	})
	return dir
}

// options builds the app's Options for cfg.
func (ta *App) options(cfg Config) app.Options {
	t := ta.T
	t.Helper()
	base := cfg.BaseURL
	if base == "" {
		base = ta.Srv.URL()
	}
	o := app.Options{
		Now:             ta.Clock.Now,
		NoColor:         cfg.NoColor,
		Dark:            true,
		InsecureStorage: cfg.InsecureStorage,
		ConfigDir:       ta.Dir,
		Demo:            cfg.Demo,
		OAuth:           cfg.OAuth,
		OpenURL: func(u string) error {
			ta.mu.Lock()
			defer ta.mu.Unlock()
			ta.opened = append(ta.opened, u)
			if cfg.NoBrowser {
				return errors.New("no browser opener (xdg-open) on this machine")
			}
			return nil
		},
		NewClient: func(token, version string, hooks notionapi.Hooks) (*notionapi.Client, error) {
			if on := cfg.OnRequest; on != nil {
				start := hooks.OnStart
				hooks.OnStart = func(ri notionapi.RequestInfo) {
					on(ri)
					if start != nil {
						start(ri)
					}
				}
			}
			return uitest.NewClient(t, base, token, version, hooks), nil
		},
	}
	switch {
	case cfg.NoStore:
		o.StoreErr = cfg.StoreErr
		if o.StoreErr == nil {
			o.StoreErr = errors.New("no config folder: $HOME is not set")
		}
	default:
		kr := cfg.Keyring
		if kr == nil {
			ta.Keyring = keyringtest.New()
			kr = ta.Keyring
		}
		st, err := keystore.Open(keystore.Options{Dir: ta.Dir, Keyring: kr, Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		o.Store, ta.Store = st, st
	}
	if cfg.Token == "" && cfg.VersionSource != "" {
		// The version the app was started with (flag, NOTION_VERSION),
		// for the connections it makes itself.
		o.Version, o.VersionSource = cfg.Version, cfg.VersionSource
	}
	if cfg.Token != "" {
		v, vs := cfg.Version, cfg.VersionSource
		if v == "" && !cfg.NoVersion {
			v = notionapi.DefaultVersion
		}
		if vs == "" {
			vs = "default"
		}
		src := cfg.TokenSource
		if src == "" {
			src = "token from " + keystore.EnvToken
		}
		o.Connection = &ui.Connection{
			Token: cfg.Token, TokenSource: src, Profile: cfg.Profile,
			Version: v, VersionSource: vs, BaseURL: base,
		}
	}
	return o
}

// probe wraps the app so that a test can read its state on the program's
// goroutine, without racing Update.
type probe struct {
	*app.Model
	updated chan struct{}
	screen  *screenCache
}

// screenCache keeps the screen last drawn for a test. A terminal shows
// the frame drawn after the last message the program handled; until the
// next message (or a move of the test's clock) a wait that reads the
// screen again reads that same frame, so it is not drawn again: about
// two reads in five, the waits' polls between messages.
type screenCache struct {
	now     func() time.Time
	valid   bool
	at      time.Time // the clock when it was drawn
	content string
}

func (c *screenCache) get(draw func() string) string {
	if now := c.now(); !c.valid || !now.Equal(c.at) {
		c.content, c.at, c.valid = draw(), now, true
	}
	return c.content
}

// View hands the program's renderer an empty frame: tests read the
// screen through Screen (the app's View, drawn when a test asks), and the
// frame a terminal would diff after every message is nobody's to read.
// The app's Update never relies on a frame having been drawn
// (TestHelpOverlayScrollsBeforeAFrame, TestASortAppliedBeforeTheSaved…),
// so skipping them changes only the cost. What the program writes
// besides frames (the clipboard's OSC 52) still reaches its output.
func (p probe) View() tea.View { return tea.View{} }

// viewReq asks the probe for the current screen.
type viewReq chan string

// openReq opens the screen it builds, on the program's goroutine.
type openReq func(*ui.Common) ui.Screen

// inspectReq runs f on the program's goroutine, between two messages.
type inspectReq struct {
	f    func(*app.Model)
	done chan struct{}
}

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case viewReq:
		msg <- p.screen.get(func() string { return p.Model.View().Content })
		return p, nil
	}
	// Anything else may change what the app draws.
	p.screen.valid = false
	switch msg := msg.(type) {
	case openReq:
		return p, p.Model.Open(msg)
	case inspectReq:
		msg.f(p.Model)
		close(msg.done)
		return p, nil
	}
	_, cmd := p.Model.Update(msg)
	select {
	case p.updated <- struct{}{}:
	default:
	}
	return p, cmd
}

// answerTimeout bounds a wait for the program to answer a request of the
// test; the program answers between two messages, so only a stuck Update
// takes this long.
const answerTimeout = 10 * time.Second

// Inspect runs f on the program's goroutine, where the app's state may be
// read without racing Update, and returns once it ran.
func (ta *App) Inspect(f func(*app.Model)) {
	ta.T.Helper()
	req := inspectReq{f: f, done: make(chan struct{})}
	ta.TM.Send(req)
	select {
	case <-req.done:
	case <-time.After(answerTimeout):
		ta.T.Fatal("the program did not run an inspection in time")
	}
}

// Connection returns a copy of the app's connection (nil without one).
func (ta *App) Connection() *ui.Connection {
	ta.T.Helper()
	var c *ui.Connection
	ta.Inspect(func(m *app.Model) { c = m.Connection() })
	return c
}

// Top returns the screen on top (read it only through Inspect afterwards).
func (ta *App) Top() ui.Screen {
	ta.T.Helper()
	var s ui.Screen
	ta.Inspect(func(m *app.Model) { s = m.Top() })
	return s
}

// Open opens the screen build makes, on the program's goroutine.
func (ta *App) Open(build func(*ui.Common) ui.Screen) { ta.TM.Send(openReq(build)) }

// RawScreen returns the app's screen with its styles.
func (ta *App) RawScreen() string {
	ta.T.Helper()
	ch := make(viewReq, 1)
	ta.TM.Send(ch)
	select {
	case s := <-ch:
		return s
	case <-time.After(answerTimeout):
		ta.T.Fatal("the program did not answer a screen request in time")
		return ""
	}
}

// Screen returns the app's screen as plain text, with the sandbox's random
// request IDs replaced so that golden files are stable.
func (ta *App) Screen() string {
	ta.T.Helper()
	return reRequestID.ReplaceAllString(ansi.Strip(ta.RawScreen()), "request_id${1}00000000-0000-0000-0000-000000000000")
}

// Request IDs as panels print them: "request_id <uuid>", possibly wrapped
// after the label.
var reRequestID = regexp.MustCompile(`request_id(\s*(?:│\s*)?)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// WaitFor waits until the screen shows text and returns the screen.
func (ta *App) WaitFor(text string) string {
	ta.T.Helper()
	return ta.WaitUntil("the screen to show "+strconv.Quote(text), func(s string) bool { return strings.Contains(s, text) })
}

// WaitGone waits until the screen no longer shows text.
func (ta *App) WaitGone(text string) string {
	ta.T.Helper()
	return ta.WaitUntil("the screen to stop showing "+strconv.Quote(text), func(s string) bool { return !strings.Contains(s, text) })
}

// waitTimeout bounds a wait for content: far above what any step takes,
// so that only a step that never happens fails, whatever the load.
const waitTimeout = time.Minute

// pollEvery is how often a wait reads again when the program handled no
// message.
const pollEvery = 20 * time.Millisecond

// WaitUntil reads the plain screen until cond holds, again each time the
// program handled a message, and fails the test with the last screen
// after a minute.
func (ta *App) WaitUntil(what string, cond func(string) bool) string {
	ta.T.Helper()
	deadline := time.Now().Add(waitTimeout)
	// A condition on something else than the screen (a file, a port) is
	// read again on a slow tick too.
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		s := ta.Screen()
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			ta.T.Fatalf("timed out waiting for %s; the screen is:\n%s", what, s)
		}
		select {
		case <-ta.updated:
		case <-tick.C:
		}
	}
}

// Settled waits until the app has no API request in flight and two reads
// of the screen in a row agree (spinners stopped), and returns the
// screen. Wait for the content a step ends with first: Settled says the
// app is idle, not that a request is done that has not started.
func (ta *App) Settled() string {
	ta.T.Helper()
	deadline := time.Now().Add(waitTimeout)
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	prev := ""
	for {
		var busy bool
		ta.Inspect(func(m *app.Model) { busy = m.Busy() })
		s := ta.Screen()
		if !busy && s == prev {
			return s
		}
		prev = s
		if time.Now().After(deadline) {
			ta.T.Fatalf("the screen never settled:\n%s", s)
		}
		<-tick.C
	}
}

// Golden waits until the screen is the one in testdata/<test name>.golden
// and fails with the difference when it never becomes it: a golden is
// content to wait for, so that a frame drawn while a request is still
// in flight is not what is compared. With -update it writes the settled
// screen instead.
func (ta *App) Golden() {
	ta.T.Helper()
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		golden.RequireEqual(ta.T, ta.Settled())
		return
	}
	want, err := os.ReadFile(filepath.Join("testdata", ta.T.Name()+".golden"))
	if err != nil {
		ta.T.Fatal(err)
	}
	deadline := time.Now().Add(goldenTimeout)
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		s := ta.Screen()
		if s == strings.ReplaceAll(string(want), "\r\n", "\n") {
			return
		}
		if time.Now().After(deadline) {
			golden.RequireEqual(ta.T, ta.Settled()) // fails with the diff
			return
		}
		select {
		case <-ta.updated:
		case <-tick.C:
		}
	}
}

// goldenTimeout bounds the wait for a golden screen. A screen that is not
// its golden file fails only after this wait, so it is shorter than other
// waits; no step the goldens show takes a tenth of it.
const goldenTimeout = 20 * time.Second

// Press sends key presses by name: "enter", "esc", "tab", "shift+tab",
// "up", "down", "ctrl+c", "space", or a single character.
func (ta *App) Press(keys ...string) {
	for _, k := range keys {
		ta.TM.Send(uitest.Key(k))
	}
}

// Type types s one character at a time.
func (ta *App) Type(s string) {
	for _, k := range uitest.Text(s) {
		ta.TM.Send(k)
	}
}

// Paste sends s as one bracketed paste.
func (ta *App) Paste(s string) { ta.TM.Send(tea.PasteMsg{Content: s}) }

// Send delivers any message.
func (ta *App) Send(msg tea.Msg) { ta.TM.Send(msg) }

// OpenedURLs returns the links the app asked the browser to open.
func (ta *App) OpenedURLs() []string {
	ta.mu.Lock()
	defer ta.mu.Unlock()
	return append([]string(nil), ta.opened...)
}

var reOSC52 = regexp.MustCompile("\x1b\\]52;c;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\\\)")

// Clipboard waits for the program to set the clipboard (OSC 52) and
// returns the last text it set since the previous call.
func (ta *App) Clipboard() string {
	ta.T.Helper()
	deadline := time.Now().Add(waitTimeout)
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		b, _ := io.ReadAll(ta.TM.Output())
		ta.out.Write(b)
		if m := reOSC52.FindAllSubmatch(ta.out.Bytes(), -1); len(m) > 0 {
			ta.out.Reset()
			text, err := base64.StdEncoding.DecodeString(string(m[len(m)-1][1]))
			if err != nil {
				ta.T.Fatalf("OSC 52 payload: %v", err)
			}
			return string(text)
		}
		if time.Now().After(deadline) {
			ta.T.Fatal("the program did not set the clipboard")
		}
		<-tick.C
	}
}

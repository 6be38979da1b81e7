package tui

// Shared helpers for every TUI test: a sandbox-backed app running in a
// teatest program, keys, a clock the test moves, an in-memory keyring, and
// screen reads that are safe while the program runs.
//
//	srv := notiontest.Start(t, notiontest.Options{})
//	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
//	ta.waitFor("Reading List")
//	ta.press("down", "enter")
//	golden.RequireEqual(t, ta.screen())

import (
	"errors"
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
	"github.com/zalando/go-keyring"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// testNow is the fixed start of the test clock.
var testNow = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)

// testClock is a clock that moves only when the test advances it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock { return &testClock{t: testNow} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// memKeyring is an in-memory keystore.Keyring. With fail set, every call
// fails the way an absent Secret Service does.
type memKeyring struct {
	mu    sync.Mutex
	items map[string]string
	fail  error
}

func newMemKeyring() *memKeyring { return &memKeyring{items: map[string]string{}} }

func (k *memKeyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fail != nil {
		return "", k.fail
	}
	v, ok := k.items[service+"/"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (k *memKeyring) Set(service, user, password string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fail != nil {
		return k.fail
	}
	k.items[service+"/"+user] = password
	return nil
}

func (k *memKeyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fail != nil {
		return k.fail
	}
	if _, ok := k.items[service+"/"+user]; !ok {
		return keyring.ErrNotFound
	}
	delete(k.items, service+"/"+user)
	return nil
}

// has reports whether the keyring holds a secret for a profile.
func (k *memKeyring) has(user string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	_, ok := k.items[keystore.DefaultService+"/"+user]
	return ok
}

// errNoSecretService is how go-keyring fails on a machine without a
// Secret Service.
var errNoSecretService = errors.New(`exec: "dbus-launch": executable file not found in $PATH`)

// appConfig describes the app a test starts. The zero value starts the
// setup wizard on a sandbox, with a working in-memory keyring.
type appConfig struct {
	// Token starts a session with this token (the startup screen); ""
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
	// Keyring backs the profile store; nil means a fresh memKeyring.
	Keyring keystore.Keyring
	// NoStore runs without a profile store, as when no config folder is
	// usable; StoreErr says why.
	NoStore  bool
	StoreErr error
	// InsecureStorage is the --insecure-storage flag.
	InsecureStorage bool
	NoColor         bool
	// NoBrowser makes OpenURL fail as on a machine without a browser.
	NoBrowser bool
	// Demo runs as with --demo.
	Demo bool
	// OAuth prefills the OAuth sign-in.
	OAuth ui.OAuthSettings
	// Width and Height default to 120×36.
	Width, Height int
}

// testApp is an app running in a teatest program against a sandbox.
type testApp struct {
	t       *testing.T
	srv     *notiontest.Server
	app     *App
	tm      *teatest.TestModel
	clock   *testClock
	store   *keystore.Store
	keyring *memKeyring
	dir     string

	mu     sync.Mutex
	opened []string
}

// newTestClient builds a client for the sandbox as the app's tests use
// it: no pacing and no automatic retries, so that every error reaches the
// screen at once.
func newTestClient(t testing.TB, baseURL, token, version string, hooks notionapi.Hooks) *notionapi.Client {
	t.Helper()
	c, err := notionapi.NewClient(token, notionapi.WithBaseURL(baseURL), notionapi.WithVersion(version),
		notionapi.WithRate(0, 0), notionapi.WithMaxRetries(0), notionapi.WithHooks(hooks))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// testOptions builds the Options of an app for cfg.
func testOptions(t *testing.T, srv *notiontest.Server, cfg appConfig, ta *testApp) Options {
	t.Helper()
	base := cfg.BaseURL
	if base == "" {
		base = srv.URL()
	}
	o := Options{
		Now:             ta.clock.Now,
		NoColor:         cfg.NoColor,
		Dark:            true,
		InsecureStorage: cfg.InsecureStorage,
		ConfigDir:       ta.dir,
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
			return newTestClient(t, base, token, version, hooks), nil
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
			ta.keyring = newMemKeyring()
			kr = ta.keyring
		}
		st, err := keystore.Open(keystore.Options{Dir: ta.dir, Keyring: kr, Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		o.Store, ta.store = st, st
	}
	if cfg.Token == "" && cfg.VersionSource != "" {
		// The version the app was started with (flag, NOTION_VERSION),
		// for the sessions it starts itself.
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
			Client: newTestClient(t, base, cfg.Token, v, notionapi.Hooks{}),
			Token:  cfg.Token, TokenSource: src, Profile: cfg.Profile,
			Version: v, VersionSource: vs, BaseURL: base,
		}
	}
	return o
}

// startApp runs the app for cfg in a teatest program and stops it when
// the test ends.
func startApp(t *testing.T, srv *notiontest.Server, cfg appConfig) *testApp {
	t.Helper()
	return startAppWith(t, srv, cfg, nil)
}

// startAppWith is startApp with first, when not nil, as the only screen
// instead of the startup screen or the wizard.
func startAppWith(t *testing.T, srv *notiontest.Server, cfg appConfig, first func(*ui.Common) ui.Screen) *testApp {
	t.Helper()
	ta := &testApp{t: t, srv: srv, clock: newTestClock(), dir: t.TempDir()}
	ta.app = New(testOptions(t, srv, cfg, ta))
	if first != nil {
		ta.app.stack = []ui.Screen{first(ta.app.c)}
	}
	w, h := cfg.Width, cfg.Height
	if w == 0 {
		w, h = 120, 36
	}
	ta.tm = teatest.NewTestModel(t, viewProbe{ta.app}, teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() {
		ta.tm.Send(tea.Quit())
		ta.tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	})
	return ta
}

// viewProbe wraps the app so that a test can read its screen on the
// program's goroutine, without racing Update.
type viewProbe struct{ *App }

// viewReq asks the probe for the current screen.
type viewReq chan string

// pushReq opens the screen it builds, on the program's goroutine.
type pushReq func(*ui.Common) ui.Screen

func (p viewProbe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case viewReq:
		msg <- p.App.View().Content
		return p, nil
	case pushReq:
		p.App.c.Push(msg(p.App.c))
		return p, p.App.navigate()
	case inspectReq:
		msg.f(p.App)
		close(msg.done)
		return p, nil
	}
	_, cmd := p.App.Update(msg)
	return p, cmd
}

// inspectReq runs f on the program's goroutine, between two messages.
type inspectReq struct {
	f    func(*App)
	done chan struct{}
}

// inspect runs f on the program's goroutine, where the app's state may be
// read without racing Update, and returns once it ran.
func (ta *testApp) inspect(f func(*App)) {
	ta.t.Helper()
	req := inspectReq{f: f, done: make(chan struct{})}
	ta.tm.Send(req)
	select {
	case <-req.done:
	case <-time.After(5 * time.Second):
		ta.t.Fatal("the program did not run an inspection in 5s")
	}
}

// connection returns a copy of the app's connection (nil without one),
// read on the program's goroutine.
func (ta *testApp) connection() *ui.Connection {
	ta.t.Helper()
	var c *ui.Connection
	ta.inspect(func(a *App) {
		if a.c.Conn != nil {
			cp := *a.c.Conn
			c = &cp
		}
	})
	return c
}

// rawScreen returns the app's screen with its styles.
func (ta *testApp) rawScreen() string {
	ta.t.Helper()
	ch := make(viewReq, 1)
	ta.tm.Send(ch)
	select {
	case s := <-ch:
		return s
	case <-time.After(5 * time.Second):
		ta.t.Fatal("the program did not answer a screen request in 5s")
		return ""
	}
}

// screen returns the app's screen as plain text, with the sandbox's random
// request IDs replaced so that golden files are stable.
func (ta *testApp) screen() string {
	ta.t.Helper()
	return reRequestID.ReplaceAllString(ansi.Strip(ta.rawScreen()), "request_id${1}00000000-0000-0000-0000-000000000000")
}

// Request IDs as panels print them: "request_id <uuid>", possibly wrapped
// after the label.
var reRequestID = regexp.MustCompile(`request_id(\s*(?:│\s*)?)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// waitFor waits until the screen shows text and returns the screen.
func (ta *testApp) waitFor(text string) string {
	ta.t.Helper()
	return ta.waitUntil("the screen to show "+strconv.Quote(text), func(s string) bool { return strings.Contains(s, text) })
}

// waitGone waits until the screen no longer shows text.
func (ta *testApp) waitGone(text string) string {
	ta.t.Helper()
	return ta.waitUntil("the screen to stop showing "+strconv.Quote(text), func(s string) bool { return !strings.Contains(s, text) })
}

// waitUntil polls the plain screen until cond holds (5 seconds at most)
// and fails the test with the last screen otherwise.
func (ta *testApp) waitUntil(what string, cond func(string) bool) string {
	ta.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s := ta.screen()
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			ta.t.Fatalf("timed out waiting for %s; the screen is:\n%s", what, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// settled waits until two reads of the screen 100ms apart agree (spinners
// stopped, requests done) and returns it.
func (ta *testApp) settled() string {
	ta.t.Helper()
	prev := ta.screen()
	for range 50 {
		time.Sleep(100 * time.Millisecond)
		s := ta.screen()
		if s == prev {
			return s
		}
		prev = s
	}
	ta.t.Fatalf("the screen never settled:\n%s", prev)
	return ""
}

// golden compares the settled screen with testdata/<test name>.golden
// (go test -update rewrites it).
func (ta *testApp) golden() {
	ta.t.Helper()
	golden.RequireEqual(ta.t, ta.settled())
}

// press sends key presses by name: "enter", "esc", "tab", "shift+tab",
// "up", "down", "ctrl+c", "space", or a single character.
func (ta *testApp) press(keys ...string) {
	for _, k := range keys {
		ta.tm.Send(keyPress(k))
	}
}

// typeText types s one character at a time.
func (ta *testApp) typeText(s string) {
	for _, r := range s {
		ta.tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// paste sends s as one bracketed paste.
func (ta *testApp) paste(s string) { ta.tm.Send(tea.PasteMsg{Content: s}) }

// send delivers any message.
func (ta *testApp) send(msg tea.Msg) { ta.tm.Send(msg) }

// openedURLs returns the links the app asked the browser to open.
func (ta *testApp) openedURLs() []string {
	ta.mu.Lock()
	defer ta.mu.Unlock()
	return append([]string(nil), ta.opened...)
}

var namedKeys = map[string]rune{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
	"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"backspace": tea.KeyBackspace, "delete": tea.KeyDelete, "home": tea.KeyHome, "end": tea.KeyEnd,
	"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
}

// keyPress builds the key press for a name such as "ctrl+u" or "shift+tab".
func keyPress(name string) tea.KeyPressMsg {
	var mod tea.KeyMod
	base := name
	for {
		switch {
		case strings.HasPrefix(base, "ctrl+"):
			mod |= tea.ModCtrl
			base = base[len("ctrl+"):]
			continue
		case strings.HasPrefix(base, "shift+"):
			mod |= tea.ModShift
			base = base[len("shift+"):]
			continue
		case strings.HasPrefix(base, "alt+"):
			mod |= tea.ModAlt
			base = base[len("alt+"):]
			continue
		}
		break
	}
	if code, ok := namedKeys[base]; ok {
		k := tea.KeyPressMsg{Code: code, Mod: mod}
		if code == tea.KeySpace && mod == 0 {
			k.Text = " "
		}
		return k
	}
	r := []rune(base)
	if len(r) != 1 {
		panic("keyPress: unknown key " + name)
	}
	k := tea.KeyPressMsg{Code: r[0], Mod: mod}
	if mod == 0 {
		k.Text = base
	}
	return k
}

package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/notion-tui/notion-tui/internal/browser"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/comments"
	"github.com/notion-tui/notion-tui/tui/internal/dbview"
	"github.com/notion-tui/notion-tui/tui/internal/explorer"
	"github.com/notion-tui/notion-tui/tui/internal/fixpanel"
	"github.com/notion-tui/notion-tui/tui/internal/form"
	"github.com/notion-tui/notion-tui/tui/internal/jump"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/oauth"
	"github.com/notion-tui/notion-tui/tui/internal/preview"
	"github.com/notion-tui/notion-tui/tui/internal/requestlog"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
	"github.com/notion-tui/notion-tui/tui/internal/wizard"
)

// Options start the app.
type Options struct {
	// Connection is the verified-or-not token to start with; nil starts
	// the setup wizard.
	Connection *ui.Connection
	Store      *keystore.Store
	// StoreErr says why Store is nil (shown by the wizard's save step).
	StoreErr        error
	Demo            bool
	InsecureStorage bool
	ConfigDir       string
	Now             func() time.Time
	OpenURL         func(string) error
	// NewClient builds a client for a token and version; the app passes
	// the hooks that feed its request log.
	NewClient func(token, version string, hooks notionapi.Hooks) (*notionapi.Client, error)
	// Version is the Notion-Version for sessions the app starts itself
	// (the setup wizard), and VersionSource where it came from; an empty
	// VersionSource means the default version.
	Version       string
	VersionSource string
	// StartErr is shown as a guided fix once the app starts.
	StartErr error
	// OAuth prefills and directs the OAuth sign-in.
	OAuth ui.OAuthSettings
	// NoColor drops every colour (NO_COLOR).
	NoColor bool
	// Dark is the initial background guess until the terminal answers.
	Dark bool
}

// Model is the root model: it owns the screen stack, global keys, the help
// overlay, the status bar and guided-fix panels, and routes messages.
type Model struct {
	c        *ui.Common
	width    int
	height   int
	opts     Options
	cancel   context.CancelFunc
	stack    []ui.Screen
	keys     globalKeys
	showHelp bool
	helpTop  int // the first line of the overlay shown, when it scrolls
	// Going around: the jump box, the history of pages and views visited
	// and the recent ones kept in the config folder.
	box      *jump.Box
	hist     *history
	recent   *jump.Recent
	spin     spinner.Model
	spinning bool
	flash    string
	flashErr bool
	flashSeq int
	fix      *fixpanel.Panel
}

// New builds the app.
func New(o Options) *Model { return NewWith(o, nil) }

// NewWith builds the app with first, when not nil, as its only screen
// instead of the startup screen or the setup wizard (for tests that start
// on a given screen).
func NewWith(o Options, first func(*ui.Common) ui.Screen) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.OpenURL == nil {
		o.OpenURL = browser.Open
	}
	ctx, cancel := context.WithCancel(context.Background())
	act := ui.NewActivity()
	c := &ui.Common{
		Ctx:             ctx,
		Conn:            o.Connection,
		Styles:          styles.New(o.Dark, o.NoColor),
		Activity:        act,
		Cache:           ui.NewCache(),
		Store:           o.Store,
		StoreErr:        o.StoreErr,
		Demo:            o.Demo,
		InsecureStorage: o.InsecureStorage,
		ConfigDir:       localDir(o),
		Now:             o.Now,
		OpenURL:         o.OpenURL,
		OAuth:           o.OAuth,
		Version:         o.Version,
		VersionSource:   o.VersionSource,
	}
	if o.NewClient != nil {
		hooks := act.Hooks()
		c.Connect = func(token, version string) (*notionapi.Client, error) {
			return o.NewClient(token, version, hooks)
		}
		// The session's client is built here, with the hooks that feed
		// the request log, so that its requests are logged too.
		if s := o.Connection; s != nil {
			cl, err := c.Connect(s.Token, s.Version)
			if err == nil {
				s.Client = cl
			} else {
				// No usable client: the wizard starts, under the reason.
				o.Connection, c.Conn = nil, nil
				if o.StartErr == nil {
					o.StartErr = err
				}
			}
		}
	}
	a := &Model{c: c, width: 80, height: 24, opts: o, cancel: cancel, keys: newGlobalKeys(), hist: newHistory()}
	a.spin = spinner.New(spinner.WithSpinner(spinner.MiniDot))
	a.spin.Style = c.Styles.Accent
	switch {
	case first != nil:
		a.stack = []ui.Screen{first(c)}
	case o.Connection != nil:
		a.stack = []ui.Screen{wizard.NewStartup(c)}
	default:
		a.stack = []ui.Screen{a.build(ui.SetupWizard{})}
	}
	return a
}

// Init starts the first screen and the activity listener.
func (a *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{a.c.Activity.Wait(a.c.Ctx), tea.RequestBackgroundColor, a.top().Init(), loadRecent(a.c.ConfigDir, a.c.Demo)}
	if a.opts.StartErr != nil {
		cmds = append(cmds, ui.ReportError(a.opts.StartErr, nil))
	}
	return tea.Batch(cmds...)
}

func (a *Model) top() ui.Screen { return a.stack[len(a.stack)-1] }

// Top returns the screen on top. Like every method but Init, Update and
// View, it is for tests, and must run on the program's goroutine.
func (a *Model) Top() ui.Screen { return a.top() }

// Connection returns a copy of the app's connection, or nil before a
// token is set.
func (a *Model) Connection() *ui.Connection {
	if a.c.Conn == nil {
		return nil
	}
	cp := *a.c.Conn
	return &cp
}

// Open opens s on top at once (a test opening a screen it built).
func (a *Model) Open(build func(*ui.Common) ui.Screen) tea.Cmd {
	a.c.Push(build(a.c))
	return a.navigate()
}

// Update routes a message, then applies the navigation screens asked for.
func (a *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := a.update(msg)
	if nav := a.navigate(); nav != nil {
		cmd = tea.Batch(cmd, nav)
	}
	if re := a.retitleRecent(); re != nil {
		cmd = tea.Batch(cmd, re)
	}
	return a, cmd
}

// navigate applies the navigation asked for during the last Update, in
// order. A screen revealed by a close resumes; it is not started again.
func (a *Model) navigate() tea.Cmd {
	var cmds []tea.Cmd
	for _, op := range a.c.TakeNav() {
		switch op.Kind {
		case ui.NavOpen:
			s := a.screenOf(op)
			cmds = append(cmds, a.push(s), a.visited(op.Route, s))
		case ui.NavBack:
			if len(a.stack) > 1 {
				a.closeScreen(a.top())
				a.stack = a.stack[:len(a.stack)-1]
				a.hist.shown(a.top())
				if r, ok := a.top().(ui.Resumer); ok {
					cmds = append(cmds, r.Resume())
				}
			}
		case ui.NavReplace:
			a.closeScreen(a.top())
			a.stack = a.stack[:len(a.stack)-1]
			s := a.screenOf(op)
			cmds = append(cmds, a.push(s), a.visited(op.Route, s))
		case ui.NavReset:
			for _, s := range a.stack {
				a.closeScreen(s)
			}
			a.stack = nil
			s := a.screenOf(op)
			cmds = append(cmds, a.push(s), a.visited(op.Route, s))
		}
	}
	return tea.Batch(cmds...)
}

// visited records a page or a view opened in the history and the recent
// list.
func (a *Model) visited(r ui.Route, s ui.Screen) tea.Cmd {
	if r == nil {
		return nil
	}
	if v, ok := a.hist.opened(r, s); ok {
		return a.remember(v, s)
	}
	return nil
}

func (a *Model) screenOf(op ui.Nav) ui.Screen {
	if op.Screen != nil {
		return op.Screen
	}
	return a.build(op.Route)
}

// build makes the screen a route names: the only place that knows every
// screen.
func (a *Model) build(r ui.Route) ui.Screen {
	c := a.c
	switch r := r.(type) {
	case ui.Explorer:
		return explorer.New(c, r)
	case ui.SetupWizard:
		return wizard.NewSetup(c)
	case ui.NewToken:
		return wizard.NewToken(c)
	case ui.OAuthSignIn:
		return oauth.New(c)
	case ui.OpenByLink:
		return explorer.NewOpenByLink(c, r)
	case ui.DatabaseView:
		return dbview.New(c, r.DataSource, r.ViewID)
	case ui.PagePreview:
		return preview.New(c, r.ID, r.Schema, r.Page)
	case ui.CreatePage:
		return form.New(c, r.DataSource, r.Presets)
	case ui.RequestLog:
		return requestlog.New(c)
	case ui.Comments:
		return comments.New(c, r.PageID, r.Title)
	}
	panic(fmt.Sprintf("no screen for the route %T", r))
}

func (a *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if a.box != nil && jump.Owns(msg) {
		cmd, _ := a.updateJump(msg)
		return a, cmd
	}
	switch msg := msg.(type) {
	case recentLoadedMsg:
		a.recent = msg.r
		if msg.err != nil {
			return a, ui.FlashError(msg.err.Error())
		}
		return a, nil
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.resize()
		if a.box != nil {
			a.box.SetSize(a.width, a.bodyHeight())
		}
		return a, nil
	case tea.BackgroundColorMsg:
		a.c.Styles = styles.New(msg.IsDark(), a.opts.NoColor)
		a.spin.Style = a.c.Styles.Accent
		return a, a.broadcast(msg)
	case ui.ActivityMsg:
		// The first answers to real writes go to the profile.
		cmds := []tea.Cmd{a.c.Activity.Wait(a.c.Ctx), a.broadcast(msg), ui.RecordEvidence(a.c)}
		if n, r := a.c.Activity.InFlight(a.c.Now()); (n > 0 || r != nil) && !a.spinning {
			a.spinning = true
			cmds = append(cmds, a.spin.Tick)
		}
		return a, tea.Batch(cmds...)
	case spinner.TickMsg:
		if msg.ID != a.spin.ID() {
			return a, a.broadcast(msg) // a screen's spinner
		}
		n, r := a.c.Activity.InFlight(a.c.Now())
		if n == 0 && r == nil && (a.fix == nil || !a.fix.Waiting()) {
			a.spinning = false
			return a, nil
		}
		var cmd tea.Cmd
		a.spin, cmd = a.spin.Update(msg)
		return a, cmd
	case ui.FlashMsg:
		a.flash, a.flashErr = msg.Text, msg.Error
		a.flashSeq++
		seq := a.flashSeq
		return a, tea.Tick(5*time.Second, func(time.Time) tea.Msg { return clearFlashMsg{seq} })
	case clearFlashMsg:
		if msg.seq == a.flashSeq {
			a.flash = ""
		}
		return a, nil
	case ui.ErrorMsg:
		a.fix = fixpanel.New(a.c, msg)
		if c, ok := a.top().(ui.Capturer); ok {
			a.fix.SetOverInput(c.Capturing())
		}
		a.fix.SetSize(a.width, a.bodyHeight())
		return a, a.fix.Init()
	case ui.ConnectionChangedMsg:
		a.c.Cache.Clear()
		return a, a.broadcast(msg)
	case tea.KeyPressMsg:
		return a, a.key(msg)
	case tea.PasteMsg:
		if a.box != nil {
			cmd, _ := a.updateJump(msg)
			return a, cmd
		}
		return a, a.updateTop(msg)
	}
	if a.fix != nil {
		if cmd, handled := a.updateFix(msg); handled {
			return a, cmd
		}
	}
	return a, a.broadcast(msg)
}

// updateFix gives a message to the guided-fix panel and removes the panel
// at once when it closed itself.
func (a *Model) updateFix(msg tea.Msg) (tea.Cmd, bool) {
	cmd, handled := a.fix.Update(msg)
	if then, closed := a.fix.Closed(); closed {
		a.fix = nil
		return tea.Batch(cmd, then), true
	}
	return cmd, handled
}

type clearFlashMsg struct{ seq int }

func (a *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, a.keys.ForceQuit) {
		return a.quit()
	}
	if a.showHelp {
		a.helpKey(msg)
		return nil
	}
	if key.Matches(msg, a.keys.HelpTyping) {
		a.openHelp()
		return nil
	}
	if a.box != nil {
		cmd, _ := a.updateJump(msg)
		return cmd
	}
	capturing := a.capturing()
	if a.fix != nil {
		// Over a field being typed in, the panel takes every key until it
		// closes, so that nothing is typed out of sight and no letter
		// triggers an action by accident.
		a.fix.SetOverInput(capturing)
		if cmd, handled := a.updateFix(msg); handled || capturing {
			return cmd
		}
		// The panel has the focus, as the help line and the help overlay
		// say: the screen beneath gets no key until the panel closes, so
		// that nothing acts out of sight and the panel never stays over
		// a screen its fix is not about. ? and q still work.
		switch {
		case key.Matches(msg, a.keys.Help):
			a.openHelp()
		case key.Matches(msg, a.keys.Quit):
			return a.quit()
		}
		return nil
	}
	if !capturing {
		switch {
		case key.Matches(msg, a.keys.Help):
			a.openHelp()
			return nil
		case key.Matches(msg, a.keys.Quit):
			return a.quit()
		case key.Matches(msg, a.keys.Log):
			if _, isLog := a.top().(*requestlog.Log); !isLog {
				return a.push(a.build(ui.RequestLog{}))
			}
			return nil
		case key.Matches(msg, a.keys.Jump):
			return a.openJump()
		case key.Matches(msg, a.keys.VisitBack) && a.c.Conn != nil:
			return a.goBack()
		case key.Matches(msg, a.keys.VisitForward) && a.c.Conn != nil:
			return a.goForward()
		}
	}
	return a.updateTop(msg)
}

// capturing reports whether the top screen is typing into a text field,
// where single characters are text rather than keys.
func (a *Model) capturing() bool {
	if a.box != nil {
		return true // the jump box's field
	}
	if c, ok := a.top().(ui.Capturer); ok {
		return c.Capturing()
	}
	return false
}

func (a *Model) quit() tea.Cmd {
	for _, s := range a.stack {
		a.closeScreen(s)
	}
	a.cancel()
	return tea.Quit
}

func (a *Model) push(s ui.Screen) tea.Cmd {
	a.stack = append(a.stack, s)
	s.SetSize(a.width, a.bodyHeight())
	return s.Init()
}

func (a *Model) closeScreen(s ui.Screen) {
	if c, ok := s.(ui.Closer); ok {
		c.Close()
	}
	a.hist.closed(s)
}

func (a *Model) updateTop(msg tea.Msg) tea.Cmd {
	i := len(a.stack) - 1
	s, cmd := a.stack[i].Update(msg)
	a.stack[i] = s
	return cmd
}

// broadcast gives a message to every screen, bottom to top.
func (a *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(a.stack))
	for i := range a.stack {
		s, cmd := a.stack[i].Update(msg)
		a.stack[i] = s
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// Layout: one header line, the body, the help line and the status bar.
const chromeLines = 3

func (a *Model) bodyHeight() int { return max(1, a.height-chromeLines) }

func (a *Model) resize() {
	for _, s := range a.stack {
		s.SetSize(a.width, a.bodyHeight())
	}
	if a.fix != nil {
		a.fix.SetSize(a.width, a.bodyHeight())
	}
}

// View draws the app.
func (a *Model) View() tea.View {
	w, bh := a.width, a.bodyHeight()
	body := a.top().View()
	switch {
	case a.showHelp:
		body = widgets.Overlay(body, a.helpView(), w, bh)
	case a.box != nil:
		body = widgets.Overlay(body, a.box.View(), w, bh)
	case a.fix != nil:
		body = widgets.Overlay(body, a.fix.View(), w, bh)
	}
	content := a.headerView() + "\n" + widgets.FitBlock(body, w, bh) + "\n" + a.helpLine() + "\n" + a.statusView()
	v := tea.NewView(content)
	v.AltScreen = true
	// The mouse is not captured: the terminal's own selection copies an ID
	// or an error, and in the alternate screen terminals turn the wheel
	// into the arrow keys, which scroll every list and page. Every action
	// has a key.
	v.MouseMode = tea.MouseModeNone
	// Titles come from the workspace: a control character there could
	// end the title sequence and start another (clipboard, hyperlinks).
	v.WindowTitle = "notion-tui — " + textutil.SafeLine(a.top().Title())
	return v
}

func (a *Model) headerView() string {
	s := a.c.Styles
	parts := []string{s.Brand.Render("◆ notion-tui")}
	for _, sc := range a.stack {
		if t := textutil.SafeLine(sc.Title()); t != "" {
			parts = append(parts, s.Crumb.Render(t))
		}
	}
	left := strings.Join(parts, s.CrumbSep.Render(" › "))
	right := ""
	if a.c.Demo {
		right = s.Warning.Render("demo sandbox")
	}
	return widgets.Bar(s.Header, widgets.Spread(left, right, a.width-2), a.width)
}

// helpLine is the line of keys under the body: the keys of what has
// focus (the help overlay, a guided fix or the screen), then the way to
// every key and out, which are never left out.
func (a *Model) helpLine() string {
	typing := a.capturing()
	var keys []key.Binding
	fixed := a.keys.short(typing)
	switch {
	case a.showHelp:
		keys, fixed = a.overlayKeys(), nil
	case a.box != nil:
		keys = a.box.Keys()
	case a.fix != nil:
		keys = a.fix.Keys()
		if a.fix.OverInput() {
			fixed = []key.Binding{a.keys.HelpTyping}
		}
	default:
		keys = a.top().KeyMap().ShortHelp()
	}
	line := widgets.KeyLine(a.c.Styles.Help, keys, fixed, max(0, a.width-2))
	return widgets.PadLine(" "+line, a.width)
}

// FooterKeys returns the bindings the help line names, the fixed ones
// last (for tests that press each).
func (a *Model) FooterKeys() []key.Binding {
	typing := a.capturing()
	switch {
	case a.showHelp:
		return a.overlayKeys()
	case a.box != nil:
		return append(a.box.Keys(), a.keys.short(typing)...)
	case a.fix != nil:
		if a.fix.OverInput() {
			return append(a.fix.Keys(), a.keys.HelpTyping)
		}
		return append(a.fix.Keys(), a.keys.short(typing)...)
	}
	return append(a.top().KeyMap().ShortHelp(), a.keys.short(typing)...)
}

func (a *Model) openHelp() {
	a.showHelp, a.helpTop = true, 0
}

// overlayKeys are the keys of the help overlay: scrolling when it does
// not fit, and closing.
func (a *Model) overlayKeys() []key.Binding {
	ks := []key.Binding{}
	if lines, rows := a.helpLines(); len(lines) > rows {
		ks = append(ks, keymap.Join("↑/↓", "scroll", keymap.Up, keymap.Down), keymap.Join("pgup/pgdn", "page", keymap.PageUp, keymap.PageDown))
	}
	return append(ks, keymap.Back.Key("close"))
}

// helpKey scrolls the overlay, or closes it on any other key.
func (a *Model) helpKey(msg tea.KeyPressMsg) {
	lines, rows := a.helpLines()
	page := max(1, rows-1)
	switch {
	case key.Matches(msg, keymap.Up.Key()):
		a.helpTop--
	case key.Matches(msg, keymap.Down.Key()):
		a.helpTop++
	case key.Matches(msg, keymap.PageUp.Key(), keymap.HalfUp.Key()):
		a.helpTop -= page
	case key.Matches(msg, keymap.PageDown.Key(), keymap.HalfDown.Key()):
		a.helpTop += page
	case key.Matches(msg, keymap.Top.Key()):
		a.helpTop = 0
	case key.Matches(msg, keymap.Bottom.Key()):
		a.helpTop = len(lines)
	default:
		a.showHelp = false
		return
	}
	a.helpTop = max(0, min(a.helpTop, len(lines)-rows))
}

// helpLines lays out the overlay's keys of the focused screen (or guided
// fix) and of the keys that work everywhere, in columns that fit the
// width, and says how many of the lines fit.
func (a *Model) helpLines() (lines []string, rows int) {
	var groups [][]key.Binding
	if a.fix != nil {
		groups = [][]key.Binding{a.fix.Keys()}
	} else {
		groups = a.top().KeyMap().FullHelp()
	}
	groups = append(groups, a.keys.full(a.capturing()))
	// The panel's border and padding take 4 columns and 2 lines; the
	// title, a blank line, and the closing hint with its blank line take 4
	// more lines.
	lines = widgets.KeyColumns(a.c.Styles.Help, groups, a.helpWidth())
	return lines, min(max(1, a.bodyHeight()-2-4), len(lines))
}

func (a *Model) helpWidth() int { return max(10, a.width-4) }

// helpView draws the overlay of every key of the focused screen (or
// guided fix) and of the keys that work everywhere, in columns that fit
// the width; when it is taller than the body it scrolls.
func (a *Model) helpView() string {
	st := a.c.Styles
	typing := a.capturing()
	innerW := a.helpWidth()
	lines, rows := a.helpLines()
	top := max(0, min(a.helpTop, len(lines)-rows)) // after a resize
	shown := lines[top : top+rows]
	w := 0
	for _, l := range lines {
		w = max(w, ansi.StringWidth(l))
	}
	title := "Keys — " + textutil.SafeLine(a.top().Title())
	hint := "press any key to close"
	if typing {
		hint = "keys of the field being typed in · " + hint
	}
	if len(lines) > rows {
		hint = fmt.Sprintf("↑/↓ scroll · %d–%d of %d · esc closes", top+1, top+rows, len(lines))
	}
	w = max(w, min(innerW, max(ansi.StringWidth(title), ansi.StringWidth(hint))))
	title = widgets.TruncateWords(title, w)
	hint = widgets.TruncateWords(hint, w)
	body := st.PanelTitle.Render(title) + "\n\n" + strings.Join(shown, "\n") + "\n\n" + st.Muted.Render(hint)
	return st.PanelFocus.Render(body)
}

// statusView is the bottom bar: who the app talks to and what it is
// doing, on the left, and a message on the right. The message is cut at
// a word when it must be; the facts that do not fit beside it are left
// out whole, the least useful first, never cut in the middle.
func (a *Model) statusView() string {
	s := a.c.Styles
	w := max(0, a.width-2)
	right := ""
	if a.flash != "" {
		st := s.Success
		if a.flashErr {
			st = s.Error
		}
		right = st.Render(widgets.TruncateWords(textutil.SafeLine(a.flash), w))
	}
	room := w - ansi.StringWidth(right)
	if right != "" {
		room -= 2
	}
	left := ""
	for _, it := range a.statusItems() {
		next := it
		if left != "" {
			next = left + "  ·  " + it
		}
		if ansi.StringWidth(next) > room {
			continue
		}
		left = next
	}
	return widgets.Bar(s.Status, widgets.Spread(left, right, w), a.width)
}

// statusItems are the status bar's facts, most useful first: what runs,
// the profile, the workspace, the version and the count of requests.
func (a *Model) statusItems() []string {
	s := a.c.Styles
	var items []string
	n, retry := a.c.Activity.InFlight(a.c.Now())
	switch {
	case retry != nil:
		left := time.Until(retry.Until).Round(time.Second)
		items = append(items, s.Warning.Render(fmt.Sprintf("%s rate limited: retrying in %s", a.spin.View(), left)))
	case n > 0:
		items = append(items, a.spin.View()+" "+textutil.Plural(n, "request", "requests"))
	}
	if ss := a.c.Conn; ss != nil {
		// A saved profile by its name; otherwise where the token came
		// from ("token from NOTION_TOKEN"), which is no profile.
		switch {
		case ss.Profile != "":
			items = append(items, "profile "+ss.Profile)
		case ss.TokenSource != "":
			items = append(items, ss.TokenSource)
		}
		if ss.Workspace != "" {
			items = append(items, "▣ "+ss.Workspace)
		}
		v := ss.Version
		if v == "" {
			v = "no version"
		}
		items = append(items, "Notion-Version "+v)
	}
	if total := a.c.Activity.Len(); total > 0 {
		items = append(items, fmt.Sprintf("%d sent", total))
	}
	return items
}

// Run starts the app on the terminal and returns when it quits.
func Run(ctx context.Context, o Options, progOpts ...tea.ProgramOption) error {
	m := New(o)
	defer m.cancel()
	p := tea.NewProgram(m, append([]tea.ProgramOption{tea.WithContext(ctx)}, progOpts...)...)
	_, err := p.Run()
	return err
}

// Busy reports whether an API request is in flight (or waits to be sent
// again after a 429).
func (a *Model) Busy() bool {
	n, r := a.c.Activity.InFlight(a.c.Now())
	return n > 0 || r != nil
}

// localDir is the folder of what the app keeps between runs (query
// history, drafts, saved views): with --demo, a folder of its own inside
// the config folder, so that the demo's never mix with a workspace's.
func localDir(o Options) string {
	if o.Demo && o.ConfigDir != "" {
		return filepath.Join(o.ConfigDir, "demo")
	}
	return o.ConfigDir
}

package oauth

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/oauthflow"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/savestep"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// oauthStep is where the sign-in stands.
type oauthStep int

const (
	oauthForm     oauthStep = iota // entering the client ID, secret and redirect port
	oauthWaiting                   // the browser is on Notion's consent page
	oauthChecking                  // checking the new token
	oauthSave                      // the setup's save step: profile name and storage
	oauthDone                      // signed in: shows what was connected
)

// Form fields, in order.
const (
	fieldClientID = iota
	fieldSecret
	fieldPort
)

// oauthLogin signs in with a public connection: the client ID, secret
// and redirect port, the browser's consent page, then the setup's save
// step (the same choices as a pasted token) and the explorer.
type oauthLogin struct {
	c      *ui.Common
	step   oauthStep
	fields []textinput.Model
	focus  int
	// formErr explains why the form was not submitted.
	formErr string
	spin    spinner.Model
	keys    oauthKeys
	w, h    int
	// save is the save step, once the token is checked.
	save *savestep.Step

	// The current attempt: its ID tags replies, ctx lives until cancel
	// ends it.
	id        int64
	ctx       context.Context
	cancel    context.CancelFunc
	redirect  string
	authorize string
	done      oauthSummary
}

// oauthSummary is what a finished sign-in shows: never a token.
type oauthSummary struct {
	workspace, bot, owner string
	saved                 string // where the token went, or why it was not saved
	savedOK               bool
}

type oauthKeys struct {
	Next, Prev, Submit, Back, Open, Copy, Cancel, Continue key.Binding
}

func newOAuthKeys() oauthKeys {
	return oauthKeys{
		Next:     keymap.Join("tab", "next field", keymap.NextField, keymap.Next),
		Prev:     keymap.Join("shift+tab", "previous field", keymap.PrevField, keymap.Previous),
		Submit:   keymap.Submit.Key("next field / sign in"),
		Back:     ui.BackKey,
		Open:     keymap.OpenBrowser.Key("open again"),
		Copy:     keymap.CopyURL.Key("copy link"),
		Cancel:   keymap.Back.Key("cancel"),
		Continue: keymap.Open.Key("open the explorer"),
	}
}

// Messages of the sign-in, tagged with the attempt's ID.
type (
	oauthStartedMsg struct {
		id   int64
		flow *oauthflow.Flow
		err  error
	}
	oauthTokenMsg struct {
		id  int64
		tok *notionapi.TokenResponse
		err error
	}
	oauthCheckedMsg struct {
		id     int64
		client *notionapi.Client
		tok    *notionapi.TokenResponse
		me     *notionapi.User
		err    error
	}
	oauthRetryMsg struct{ id int64 }
)

func New(c *ui.Common) ui.Screen {
	s := &oauthLogin{c: c, id: c.NextID(), keys: newOAuthKeys()}
	s.spin = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Accent))
	id := widgets.NewInput(c.Styles, fieldPrompt, "the public connection's OAuth client ID")
	id.SetValue(c.OAuth.ClientID)
	secret := widgets.NewInput(c.Styles, fieldPrompt, "the OAuth client secret")
	secret.EchoMode, secret.EchoCharacter = textinput.EchoPassword, '•'
	secret.SetValue(c.OAuth.ClientSecret)
	port := widgets.NewInput(c.Styles, fieldPrompt, "any free port")
	port.CharLimit = 5
	if c.OAuth.Port != 0 {
		port.SetValue(strconv.Itoa(c.OAuth.Port))
	}
	s.fields = []textinput.Model{id, secret, port}
	// Start where something is missing (the port may stay empty).
	s.focus = fieldPort
	for i, f := range s.fields[:fieldPort] {
		if f.Value() == "" {
			s.focus = i
			break
		}
	}
	s.fields[s.focus].Focus()
	return s
}

// saves reports whether the sign-in is saved in a profile: not in the
// demo, whose sandbox ends with the app. Without a store, the save step
// says why the token is kept for this session only.
func (s *oauthLogin) saves() bool { return !s.c.Demo }

func (s *oauthLogin) Init() tea.Cmd { return textinput.Blink }

// Close ends a sign-in in progress; its listener shuts down.
func (s *oauthLogin) Close() {
	if s.cancel != nil {
		s.cancel()
	}
	if s.save != nil {
		s.save.Close()
	}
}

func (s *oauthLogin) Capturing() bool {
	return s.step == oauthForm || s.step == oauthSave && s.save.Capturing()
}

func (s *oauthLogin) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	if s.step == oauthSave {
		switch msg.(type) {
		case oauthStartedMsg, oauthTokenMsg, oauthCheckedMsg, oauthRetryMsg:
		default:
			return s, s.save.Update(msg)
		}
	}
	switch msg := msg.(type) {
	case oauthStartedMsg:
		if msg.id == s.id {
			return s, s.started(msg)
		}
	case oauthTokenMsg:
		if msg.id == s.id {
			return s, s.gotToken(msg)
		}
	case oauthCheckedMsg:
		if msg.id == s.id {
			return s, s.checked(msg)
		}
	case oauthRetryMsg:
		if msg.id == s.id && s.step == oauthForm {
			return s, s.submit()
		}
	case spinner.TickMsg:
		return s, ui.SpinWhile(&s.spin, msg, s.step == oauthWaiting || s.step == oauthChecking)
	case tea.BackgroundColorMsg:
		for i := range s.fields {
			widgets.StyleInput(&s.fields[i], s.c.Styles)
		}
		s.spin.Style = s.c.Styles.Accent
	case tea.KeyPressMsg:
		return s, s.key(msg)
	case tea.PasteMsg:
		if s.step == oauthForm {
			return s, s.updateField(msg)
		}
	default:
		if s.step == oauthForm {
			return s, s.updateField(msg) // cursor blink
		}
	}
	return s, nil
}

func (s *oauthLogin) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.keys
	switch s.step {
	case oauthForm:
		switch {
		case key.Matches(msg, k.Back):
			s.c.Back()
			return nil
		case key.Matches(msg, k.Next):
			return s.moveFocus(1)
		case key.Matches(msg, k.Prev):
			return s.moveFocus(-1)
		case key.Matches(msg, k.Submit):
			if s.focus < len(s.fields)-1 {
				return s.moveFocus(1)
			}
			return s.submit()
		}
		s.formErr = ""
		return s.updateField(msg)
	case oauthWaiting:
		switch {
		case key.Matches(msg, k.Cancel):
			s.Close()
		case key.Matches(msg, k.Open) && s.authorize != "":
			return openAuthorize(s.c.OpenURL, s.authorize)
		case key.Matches(msg, k.Copy) && s.authorize != "":
			return tea.Batch(tea.SetClipboard(s.authorize), ui.Flash("Copied the sign-in link"))
		}
	case oauthSave:
		return s.save.Update(msg)
	case oauthDone:
		if key.Matches(msg, k.Continue) {
			// A new session: nothing cached belongs to it.
			s.c.Cache.Clear()
			s.c.Reset(ui.Explorer{})
			return nil
		}
	}
	return nil
}

func (s *oauthLogin) updateField(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	s.fields[s.focus], cmd = s.fields[s.focus].Update(msg)
	return cmd
}

func (s *oauthLogin) moveFocus(d int) tea.Cmd {
	s.fields[s.focus].Blur()
	s.focus = (s.focus + d + len(s.fields)) % len(s.fields)
	return s.fields[s.focus].Focus()
}

// value returns a field's trimmed text ("" for an absent field).
func (s *oauthLogin) value(field int) string {
	if field >= len(s.fields) {
		return ""
	}
	return strings.TrimSpace(s.fields[field].Value())
}

// check returns what is wrong with the form, and the field at fault.
func (s *oauthLogin) check() (string, int) {
	switch {
	case s.value(fieldClientID) == "":
		return "Enter the OAuth client ID from the public connection's Configuration tab.", fieldClientID
	case s.value(fieldSecret) == "":
		return "Enter the OAuth client secret from the public connection's Configuration tab.", fieldSecret
	}
	if _, err := s.port(); err != nil {
		return widgets.Sentence(err.Error()), fieldPort
	}
	return "", 0
}

// errBadPort explains a redirect port that cannot be listened on.
var errBadPort = errors.New("the redirect port is a number from 1 to 65535, or empty for any free port")

// port is the redirect port typed: empty for any free port.
func (s *oauthLogin) port() (int, error) {
	v := s.value(fieldPort)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 65535 {
		return 0, errBadPort
	}
	return n, nil
}

// submit starts the sign-in: a loopback listener, then the browser.
func (s *oauthLogin) submit() tea.Cmd {
	if msg, field := s.check(); msg != "" {
		s.formErr = msg
		s.fields[s.focus].Blur()
		s.focus = field
		return s.fields[field].Focus()
	}
	if s.c.Connect == nil {
		s.formErr = "This app cannot connect to Notion (no client factory)."
		return nil
	}
	oauthClient, err := s.c.Connect("", s.version())
	if err != nil {
		return ui.ReportError(err, nil)
	}
	cfg := oauthflow.Config{
		Client:      oauthClient,
		Credentials: notionapi.OAuthCredentials{ClientID: s.value(fieldClientID), ClientSecret: s.value(fieldSecret)},
		Port:        s.portOr0(),
		Timeout:     s.c.OAuth.Timeout,
	}
	s.id = s.c.NextID()
	s.ctx, s.cancel = context.WithCancel(s.c.Ctx)
	s.step, s.formErr, s.redirect, s.authorize = oauthWaiting, "", "", ""
	s.fields[s.focus].Blur()
	id, ctx := s.id, s.ctx
	return tea.Batch(s.spin.Tick, func() tea.Msg {
		f, err := oauthflow.Start(cfg)
		if err != nil {
			return oauthStartedMsg{id: id, err: err}
		}
		// Whoever ends the attempt (esc, leaving the screen, quitting)
		// also frees the port.
		context.AfterFunc(ctx, func() { f.Close() })
		return oauthStartedMsg{id: id, flow: f}
	})
}

func (s *oauthLogin) portOr0() int {
	n, _ := s.port()
	return n
}

// version is the Notion-Version of the session, or the default.
func (s *oauthLogin) version() string {
	if ss := s.c.Conn; ss != nil {
		return ss.Version
	}
	return notionapi.DefaultVersion
}

// started opens the browser and waits for it to come back.
func (s *oauthLogin) started(msg oauthStartedMsg) tea.Cmd {
	if msg.err != nil {
		return s.fail(msg.err)
	}
	f, id, ctx := msg.flow, s.id, s.ctx
	s.redirect, s.authorize = f.RedirectURI(), f.AuthorizeURL()
	return tea.Batch(openAuthorize(s.c.OpenURL, s.authorize), func() tea.Msg {
		tok, err := f.Wait(ctx)
		return oauthTokenMsg{id: id, tok: tok, err: err}
	})
}

// openAuthorize opens the consent page, or says to open the link.
func openAuthorize(open func(string) error, url string) tea.Cmd {
	return func() tea.Msg {
		if err := open(url); err != nil {
			return ui.FlashMsg{Text: "No browser opened: press y to copy the link", Error: true}
		}
		return ui.FlashMsg{Text: "Opened Notion's consent page in the browser"}
	}
}

// fail returns to the form, keeping what was typed, and shows the fix
// (a cancel by the user just says so). A busy redirect port puts the
// focus on the port field, which the fix names: closing the panel
// returns to it.
func (s *oauthLogin) fail(err error) tea.Cmd {
	s.Close()
	s.step = oauthForm
	var portErr *oauthflow.PortError
	if errors.As(err, &portErr) {
		s.fields[s.focus].Blur()
		s.focus = fieldPort
	}
	focus := s.fields[s.focus].Focus()
	if errors.Is(err, oauthflow.ErrCancelled) {
		return tea.Batch(focus, ui.Flash("Sign-in cancelled"))
	}
	id := s.id
	retry := func() tea.Msg { return oauthRetryMsg{id: id} }
	return tea.Batch(focus, ui.ReportError(err, retry))
}

// gotToken checks the new token with /v1/users/me.
func (s *oauthLogin) gotToken(msg oauthTokenMsg) tea.Cmd {
	if msg.err != nil {
		return s.fail(msg.err)
	}
	client, err := s.c.Connect(msg.tok.AccessToken, s.version())
	if err != nil {
		return s.fail(err)
	}
	s.step = oauthChecking
	id, ctx, tok := s.id, s.ctx, msg.tok
	return tea.Batch(s.spin.Tick, func() tea.Msg {
		me, err := client.GetMe(ctx)
		return oauthCheckedMsg{id: id, client: client, tok: tok, me: me, err: err}
	})
}

// checked starts the session's connection and offers the setup's save
// step (in the demo, the token is kept for the session only).
func (s *oauthLogin) checked(msg oauthCheckedMsg) tea.Cmd {
	if msg.err != nil {
		return s.fail(msg.err)
	}
	tok, me, client := msg.tok, msg.me, msg.client
	s.done = oauthSummary{workspace: tok.WorkspaceName, bot: me.Name, owner: oauthflow.Owner(tok)}
	versionSource := "default"
	if s.c.Conn != nil {
		versionSource = s.c.Conn.VersionSource
	}
	sess := &ui.Connection{
		Client: client, Token: tok.AccessToken, TokenSource: "OAuth sign-in (this session only)",
		Me: me, Workspace: tok.WorkspaceName, BotName: me.Name,
		Version: s.version(), VersionSource: versionSource, BaseURL: client.BaseURL(), OAuth: true,
	}
	if !s.saves() {
		s.done.saved = s.notSavedReason()
		return s.finish(sess)
	}
	clientID, clientSecret, version, now := s.value(fieldClientID), s.value(fieldSecret), s.version(), s.c.Now()
	s.step = oauthSave
	s.save = savestep.New(s.c)
	s.save.SetSize(s.innerWidth(), s.saveHeight())
	return s.save.Enter(savestep.Options{
		Identity: s.c.Styles.Success.Render("✓ ") + s.c.Styles.Text.Render(orUnknown(me.Name)) + s.c.Styles.Muted.Render(" in ") + s.c.Styles.Text.Render(orUnknown(tok.WorkspaceName)) + s.c.Styles.Muted.Render(", signed in through OAuth"),
		Secret:   oauthflow.Secret(tok, clientSecret),
		Profile: func(name string, storage keystore.Storage) keystore.Profile {
			p := oauthflow.Profile(name, tok, me, clientID)
			p.Storage, p.VerifiedAt = storage, now
			guide.TokenRecord{Kind: notionapi.TokenKindPublic, Created: now}.Apply(&p)
			if version != notionapi.DefaultVersion {
				p.NotionVersion = version
			}
			if base := client.BaseURL(); base != notionapi.DefaultBaseURL {
				p.BaseURL = base
			}
			return p
		},
		Done: func(profile string, storage keystore.Storage) tea.Cmd {
			s.done.saved, s.done.savedOK = savedText(profile, storage), profile != ""
			if profile != "" {
				sess.Profile = profile
				sess.TokenSource = "token from " + string(storage) + " profile " + profile
				if storage == keystore.StorageFile {
					sess.TokenSource += " (stored in plain text)"
				}
			}
			return s.finish(sess)
		},
	})
}

// saveHeight is the room of the save step's forms: the screen less its
// margin, the identity line and the step's title.
func (s *oauthLogin) saveHeight() int { return max(6, s.h-5) }

// notSavedReason says why a demo sign-in is kept for this session only.
func (s *oauthLogin) notSavedReason() string {
	return "Demo sign-in against the sandbox: kept for this session only, not saved."
}

// savedText tells where the token went.
func savedText(profile string, storage keystore.Storage) string {
	switch {
	case profile == "":
		return "Not saved: the token works for this session only."
	case storage == keystore.StorageFile:
		return profile + " — token stored in plain text in the config folder"
	}
	return profile + " — token stored in the OS keyring"
}

// finish makes the token the session's and shows what was connected.
func (s *oauthLogin) finish(sess *ui.Connection) tea.Cmd {
	s.step = oauthDone
	s.c.Conn = sess
	return nil
}

func (s *oauthLogin) SetSize(w, h int) {
	s.w, s.h = w, h
	if s.save != nil {
		s.save.SetSize(s.innerWidth(), s.saveHeight())
	}
	for i := range s.fields {
		s.fields[i].SetWidth(max(8, min(64, s.innerWidth()-labelWidth-lipgloss.Width(fieldPrompt)-1)))
	}
}

// innerWidth is the screen's width inside its margins; textWidth keeps
// prose to a readable measure.
func (s *oauthLogin) innerWidth() int { return max(20, s.w-4) }
func (s *oauthLogin) textWidth() int  { return min(s.innerWidth(), 88) }

func (s *oauthLogin) Title() string { return "Sign in with OAuth" }

func (s *oauthLogin) KeyMap() help.KeyMap {
	k := s.keys
	switch s.step {
	case oauthWaiting:
		return ui.KeyMapOf([]key.Binding{k.Open, k.Copy, k.Cancel})
	case oauthChecking:
		return ui.KeyMapOf(nil)
	case oauthSave:
		return ui.KeyMapOf(s.save.Keys())
	case oauthDone:
		return ui.KeyMapOf([]key.Binding{k.Continue})
	}
	return ui.KeyMapOf([]key.Binding{k.Submit, k.Next, k.Back}, []key.Binding{k.Submit, k.Next, k.Prev, k.Back})
}

// labelWidth is the width of the form's labels; fieldPrompt marks the
// fields (in the accent colour where the focus is).
const (
	labelWidth  = 15
	fieldPrompt = "› "
)

func (s *oauthLogin) View() string {
	var body string
	switch s.step {
	case oauthForm:
		body = s.formView()
	case oauthWaiting:
		body = s.waitingView()
	case oauthChecking:
		body = s.spin.View() + " Checking the new token…"
	case oauthSave:
		return lipgloss.NewStyle().Padding(1, 2, 0, 2).Render(widgets.FitWidth(s.save.View(s.innerWidth()), s.innerWidth()))
	case oauthDone:
		body = s.doneView()
	}
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, s.innerWidth(), "…")
	}
	return lipgloss.NewStyle().Padding(1, 2, 0, 2).Render(strings.Join(lines, "\n"))
}

func (s *oauthLogin) formView() string {
	st := s.c.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Sign in with a public connection (OAuth)") + "\n\n")
	if s.h >= compactHeight {
		// On a short screen the fields and the redirect URI matter more.
		b.WriteString(widgets.WrapText("Notion's consent page opens in your browser; notion-tui receives the answer on this machine.", s.textWidth()) + "\n\n")
	}
	labels := []string{"Client ID", "Client secret", "Redirect port"}
	for i, f := range s.fields {
		label := st.Muted
		if i == s.focus {
			label = st.Accent
		}
		b.WriteString(label.Render(fmt.Sprintf("%-*s", labelWidth, labels[i])) + f.View() + "\n")
		if note := s.fieldNote(i); note != "" {
			b.WriteString(strings.Repeat(" ", labelWidth+lipgloss.Width(fieldPrompt)) + note + "\n")
		}
	}
	if s.formErr != "" {
		b.WriteString("\n" + st.Error.Render(widgets.WrapText(s.formErr, s.textWidth())) + "\n")
	}
	uri := widgets.WrapText("Redirect URI — register it exactly on the connection's Configuration tab:", s.textWidth())
	head, rest, _ := strings.Cut(uri, " — ")
	b.WriteString("\n" + st.Bold.Render(head) + st.Muted.Render(" — "+rest) + "\n")
	b.WriteString("  " + st.Code.Render(s.plannedRedirect()) + "\n")
	if !s.saves() {
		b.WriteString("\n" + st.Warning.Render(widgets.WrapText(s.notSavedReason(), s.textWidth())) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// compactHeight is the screen height below which the form leaves out its
// introduction.
const compactHeight = 20

// fieldNote is the hint under a field.
func (s *oauthLogin) fieldNote(field int) string {
	st := s.c.Styles
	switch field {
	case fieldSecret:
		if s.c.OAuth.ClientSecret != "" && s.value(fieldSecret) == s.c.OAuth.ClientSecret {
			return st.Faint.Render("from NOTION_OAUTH_CLIENT_SECRET")
		}
		return st.Faint.Render("hidden as you type; saved with the token if you save it")
	}
	return ""
}

// plannedRedirect is the redirect URI the sign-in will use.
func (s *oauthLogin) plannedRedirect() string {
	port, err := s.port()
	switch {
	case err != nil:
		return "http://localhost:PORT/callback"
	case port == 0:
		return "http://localhost:<a free port>/callback (shown when the sign-in starts)"
	}
	return oauthflow.RedirectURI(port)
}

func (s *oauthLogin) waitingView() string {
	st := s.c.Styles
	if s.authorize == "" {
		return s.spin.View() + " Starting the sign-in…"
	}
	var b strings.Builder
	b.WriteString(s.spin.View() + " Waiting for you to allow access on Notion's page in the browser…\n\n")
	b.WriteString(st.Muted.Render(widgets.WrapText("If no browser opened, press y to copy this link, or o to try the browser again:", s.textWidth())) + "\n")
	b.WriteString(st.Code.Render(ansi.Hardwrap(s.authorize, s.innerWidth(), false)) + "\n\n")
	b.WriteString(st.Muted.Render("Notion sends the browser back to ") + s.redirect + "\n")
	b.WriteString(st.Faint.Render(widgets.WrapText(fmt.Sprintf("Gives up after %s · esc cancels", s.timeout()), s.textWidth())))
	return b.String()
}

func (s *oauthLogin) timeout() time.Duration {
	if s.c.OAuth.Timeout > 0 {
		return s.c.OAuth.Timeout
	}
	return oauthflow.DefaultTimeout
}

func (s *oauthLogin) doneView() string {
	st := s.c.Styles
	d := s.done
	indent := strings.Repeat(" ", labelWidth)
	row := func(label, value string, style lipgloss.Style) string {
		lines := strings.Split(widgets.WrapText(value, max(10, s.innerWidth()-labelWidth)), "\n")
		for i := range lines {
			lines[i] = style.Render(lines[i])
		}
		return st.Muted.Render(fmt.Sprintf("  %-*s", labelWidth-2, label)) + strings.Join(lines, "\n"+indent) + "\n"
	}
	var b strings.Builder
	b.WriteString(st.Success.Render("✓ Connected to "+orUnknown(d.workspace)) + "\n\n")
	saved := st.Text
	if !d.savedOK {
		saved = st.Warning
	}
	b.WriteString(row("Workspace", orUnknown(d.workspace), st.Text))
	b.WriteString(row("Bot", orUnknown(d.bot), st.Text))
	b.WriteString(row("Owner", d.owner, st.Text))
	b.WriteString(row("Profile", d.saved, saved))
	b.WriteString("\nPress " + st.Key.Render("enter") + " to open the explorer.")
	return b.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

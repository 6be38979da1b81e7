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

	"github.com/notion-tui/notion-tui/internal/oauthflow"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// oauthStep is where the sign-in stands.
type oauthStep int

const (
	oauthForm    oauthStep = iota // entering the client ID, secret and profile
	oauthWaiting                  // the browser is on Notion's consent page
	oauthSaving                   // checking the new token and saving the profile
	oauthDone                     // signed in: shows what was connected
)

// Form fields, in order. The profile field exists only when the sign-in
// is saved.
const (
	fieldClientID = iota
	fieldSecret
	fieldProfile
)

// oauthLogin signs in with a public integration: the client ID and
// secret, the browser's consent page, then the profile is saved and the
// explorer opens.
type oauthLogin struct {
	c      *ui.Common
	step   oauthStep
	fields []textinput.Model
	focus  int
	// formErr explains why the form was not submitted.
	formErr string
	// existing are the stored profiles, to warn before one is replaced.
	existing      map[string]bool
	profileEdited bool
	spin          spinner.Model
	keys          oauthKeys
	w, h          int

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
	oauthProfilesMsg struct {
		id    int64
		names []string
	}
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
	oauthSavedMsg struct {
		id      int64
		session *ui.Connection
		summary oauthSummary
		err     error
	}
	oauthRetryMsg struct{ id int64 }
)

func New(c *ui.Common) ui.Screen {
	s := &oauthLogin{c: c, id: c.NextID(), keys: newOAuthKeys(), existing: map[string]bool{}}
	s.spin = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Accent))
	id := widgets.NewInput(c.Styles, fieldPrompt, "the integration's OAuth client ID")
	id.SetValue(c.OAuth.ClientID)
	secret := widgets.NewInput(c.Styles, fieldPrompt, "the OAuth client secret")
	secret.EchoMode, secret.EchoCharacter = textinput.EchoPassword, '•'
	secret.SetValue(c.OAuth.ClientSecret)
	s.fields = []textinput.Model{id, secret}
	if s.saves() {
		prof := widgets.NewInput(c.Styles, fieldPrompt, "profile name")
		prof.SetValue(keystore.DefaultProfile)
		s.fields = append(s.fields, prof)
	}
	// Start where something is missing.
	s.focus = len(s.fields) - 1
	for i, f := range s.fields {
		if f.Value() == "" {
			s.focus = i
			break
		}
	}
	s.fields[s.focus].Focus()
	return s
}

// saves reports whether the sign-in is saved in a profile: not in the
// demo (its sandbox ends with the app) and not without a store.
func (s *oauthLogin) saves() bool { return s.c.Store != nil && !s.c.Demo }

func (s *oauthLogin) Init() tea.Cmd {
	if !s.saves() {
		return textinput.Blink
	}
	store, id := s.c.Store, s.id
	return tea.Batch(textinput.Blink, func() tea.Msg {
		profiles, _, err := store.Profiles()
		if err != nil {
			return nil // the save step reports a broken store
		}
		names := make([]string, len(profiles))
		for i, p := range profiles {
			names[i] = p.Name
		}
		return oauthProfilesMsg{id: id, names: names}
	})
}

// Close ends a sign-in in progress; its listener shuts down.
func (s *oauthLogin) Close() {
	if s.cancel != nil {
		s.cancel()
	}
}

func (s *oauthLogin) Capturing() bool { return s.step == oauthForm }

func (s *oauthLogin) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case oauthProfilesMsg:
		if msg.id == s.id {
			s.learnProfiles(msg.names)
		}
	case oauthStartedMsg:
		if msg.id == s.id {
			return s, s.started(msg)
		}
	case oauthTokenMsg:
		if msg.id == s.id {
			return s, s.gotToken(msg)
		}
	case oauthSavedMsg:
		if msg.id == s.id {
			return s, s.saved(msg)
		}
	case oauthRetryMsg:
		if msg.id == s.id && s.step == oauthForm {
			return s, s.submit()
		}
	case spinner.TickMsg:
		return s, ui.SpinWhile(&s.spin, msg, s.step == oauthWaiting || s.step == oauthSaving)
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

// learnProfiles keeps the stored profile names and, unless the user typed
// a name, proposes one that replaces nothing.
func (s *oauthLogin) learnProfiles(names []string) {
	for _, n := range names {
		s.existing[n] = true
	}
	if s.profileEdited || len(s.fields) <= fieldProfile || !s.existing[keystore.DefaultProfile] {
		return
	}
	name := "oauth"
	for i := 2; s.existing[name]; i++ {
		name = "oauth" + strconv.Itoa(i)
	}
	s.fields[fieldProfile].SetValue(name)
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
		if s.focus == fieldProfile {
			s.profileEdited = true
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
		return "Enter the OAuth client ID from the integration's settings.", fieldClientID
	case s.value(fieldSecret) == "":
		return "Enter the OAuth client secret from the integration's settings.", fieldSecret
	case s.saves():
		if err := keystore.ValidateProfileName(s.value(fieldProfile)); err != nil {
			return err.Error(), fieldProfile
		}
	}
	return "", 0
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
		Port:        s.c.OAuth.Port,
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
// (a cancel by the user just says so).
func (s *oauthLogin) fail(err error) tea.Cmd {
	s.Close()
	s.step = oauthForm
	focus := s.fields[s.focus].Focus()
	if errors.Is(err, oauthflow.ErrCancelled) {
		return tea.Batch(focus, ui.Flash("Sign-in cancelled"))
	}
	id := s.id
	retry := func() tea.Msg { return oauthRetryMsg{id: id} }
	return tea.Batch(focus, ui.ReportError(err, retry))
}

// gotToken checks the new token with /v1/users/me and saves the profile.
func (s *oauthLogin) gotToken(msg oauthTokenMsg) tea.Cmd {
	if msg.err != nil {
		return s.fail(msg.err)
	}
	client, err := s.c.Connect(msg.tok.AccessToken, s.version())
	if err != nil {
		return s.fail(err)
	}
	s.step = oauthSaving
	job := saveJob{
		id: s.id, ctx: s.ctx, client: client, tok: msg.tok,
		profile: s.value(fieldProfile), clientID: s.value(fieldClientID), clientSecret: s.value(fieldSecret),
		store: s.c.Store, storage: keystore.StorageKeyring, now: s.c.Now(),
		version: s.version(), versionSource: "default",
	}
	if s.c.Conn != nil {
		job.versionSource = s.c.Conn.VersionSource
	}
	if s.c.InsecureStorage {
		job.storage = keystore.StorageFile
	}
	if !s.saves() {
		job.store, job.notSaved = nil, s.notSavedReason()
	}
	return tea.Batch(s.spin.Tick, job.run)
}

// notSavedReason says why a sign-in is kept for this session only.
func (s *oauthLogin) notSavedReason() string {
	if s.c.Demo {
		return "Demo sign-in against the sandbox: kept for this session only, not saved."
	}
	reason := "no profile store"
	if s.c.StoreErr != nil {
		reason = s.c.StoreErr.Error()
	}
	return "Not saved (" + reason + "): the sign-in is kept for this session only."
}

// saveJob is the work after the token exchange, run off the UI
// goroutine: everything it needs is copied in.
type saveJob struct {
	id                     int64
	ctx                    context.Context
	client                 *notionapi.Client
	tok                    *notionapi.TokenResponse
	profile                string
	clientID, clientSecret string
	store                  *keystore.Store // nil: not saved
	notSaved               string          // why, when store is nil
	storage                keystore.Storage
	now                    time.Time
	version, versionSource string
}

func (j saveJob) run() tea.Msg {
	me, err := j.client.GetMe(j.ctx)
	if err != nil {
		return oauthSavedMsg{id: j.id, err: err}
	}
	sum := oauthSummary{workspace: j.tok.WorkspaceName, bot: me.Name, owner: oauthflow.Owner(j.tok), saved: j.notSaved}
	sess := &ui.Connection{
		Client: j.client, Token: j.tok.AccessToken, TokenSource: "OAuth sign-in (this session only)",
		Me: me, Workspace: j.tok.WorkspaceName, BotName: me.Name,
		Version: j.version, VersionSource: j.versionSource, BaseURL: j.client.BaseURL(), OAuth: true,
	}
	if j.store != nil {
		p := oauthflow.Profile(j.profile, j.tok, me, j.clientID)
		p.Storage, p.VerifiedAt = j.storage, j.now
		if j.version != notionapi.DefaultVersion {
			p.NotionVersion = j.version
		}
		if base := j.client.BaseURL(); base != notionapi.DefaultBaseURL {
			p.BaseURL = base
		}
		err := j.store.SaveContext(j.ctx, p, oauthflow.Secret(j.tok, j.clientSecret))
		sum.saved, sum.savedOK = savedText(p, err), err == nil
		if err == nil {
			sess.Profile = p.Name
			sess.TokenSource = "token from " + storageName(p) + " profile " + p.Name
		}
	}
	return oauthSavedMsg{id: j.id, session: sess, summary: sum}
}

// storageName names where a profile keeps its token, as token sources
// say it.
func storageName(p keystore.Profile) string {
	if p.PlainText() {
		return "file"
	}
	return "keyring"
}

// savedText tells where the token went, or why it did not.
func savedText(p keystore.Profile, err error) string {
	const sessionOnly = "The token works for this session only."
	var kr *keystore.KeyringError
	switch {
	case errors.As(err, &kr):
		return p.Name + " — not saved: the OS keyring cannot be used (" + kr.Error() + ").\n" + widgets.Sentence(strings.TrimSuffix(kr.Hint, ".")) + ".\n" + sessionOnly
	case err != nil:
		return p.Name + " — not saved: " + err.Error() + ".\n" + sessionOnly
	case p.PlainText():
		return p.Name + " — token stored in plain text in the config folder (--insecure-storage)"
	}
	return p.Name + " — token stored in the OS keyring"
}

func (s *oauthLogin) saved(msg oauthSavedMsg) tea.Cmd {
	if msg.err != nil {
		return s.fail(msg.err)
	}
	s.step, s.done = oauthDone, msg.summary
	s.c.Conn = msg.session
	return nil
}

func (s *oauthLogin) SetSize(w, h int) {
	s.w, s.h = w, h
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
	case oauthSaving:
		return ui.KeyMapOf(nil)
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
	case oauthSaving:
		body = s.spin.View() + " Checking the new token and saving the profile…"
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
	b.WriteString(st.Title.Render("Sign in with a public integration (OAuth)") + "\n\n")
	b.WriteString(widgets.WrapText("Notion's consent page opens in your browser; notion-tui receives the answer on this machine.", s.textWidth()) + "\n\n")
	labels := []string{"Client ID", "Client secret", "Profile"}
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
	b.WriteString("\n" + st.Bold.Render("Redirect URI") + st.Muted.Render(" — register it exactly in the integration's OAuth settings:") + "\n")
	b.WriteString("  " + st.Code.Render(s.plannedRedirect()) + "\n")
	if !s.saves() {
		b.WriteString("\n" + st.Warning.Render(widgets.WrapText(s.notSavedReason(), s.textWidth())) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// fieldNote is the hint under a field.
func (s *oauthLogin) fieldNote(field int) string {
	st := s.c.Styles
	switch field {
	case fieldSecret:
		if s.c.OAuth.ClientSecret != "" && s.value(fieldSecret) == s.c.OAuth.ClientSecret {
			return st.Faint.Render("from NOTION_OAUTH_CLIENT_SECRET")
		}
		return st.Faint.Render("hidden as you type; stored in the keyring with the profile")
	case fieldProfile:
		if s.existing[s.value(fieldProfile)] {
			return st.Warning.Render("replaces the existing profile “" + s.value(fieldProfile) + "”")
		}
	}
	return ""
}

// plannedRedirect is the redirect URI the sign-in will use.
func (s *oauthLogin) plannedRedirect() string {
	if s.c.OAuth.Port == 0 {
		return "http://localhost:<a free port>/callback (shown when the sign-in starts)"
	}
	return oauthflow.RedirectURI(s.c.OAuth.Port)
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

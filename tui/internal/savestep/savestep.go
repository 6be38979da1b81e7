package savestep

import (
	"context"
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// saveHost is what the step needs of the screen it belongs to; Step
// implements it from its Options.
type saveHost interface {
	// begin starts a request: it cancels the one under way and returns
	// its context and a function that turns a result into the command
	// delivering it (a stale reply is dropped).
	begin() (context.Context, func(body any) tea.Cmd)
	spinner() *spinner.Model
	identityLine() string
	// back leaves the step (esc at its first form).
	back() tea.Cmd
	// finish ends the step: saved as profile in storage, or for this
	// session only.
	finish(profile string, storage storageChoice) tea.Cmd
	// profile is what is stored besides the secret.
	profile(name string, storage storageChoice) keystore.Profile
	secret() keystore.Secret
	// replacesSession reports whether the token replaces the running
	// session's (re-entered): saving it in the session's profile then
	// asks nothing.
	replacesSession() bool
}

type savePhase int

const (
	saveLoading          savePhase = iota // reading the existing profiles
	saveChoose                            // name and storage
	saveConfirmFile                       // the plain-file warning
	saveConfirmOverwrite                  // replacing an existing profile
	saveWorking                           // writing the profile
	saveFailed                            // the storage failed: pick another
	saveNoStore                           // no profile store: session only
)

// storageChoice is where the user asked to keep the token.
type storageChoice string

const (
	storeKeyring storageChoice = "keyring"
	storeFile    storageChoice = "file"
	storeSession storageChoice = "session"
	storeRetry   storageChoice = "retry" // try the failed storage again
)

// saveState is the save step's model. Its fields outlive the forms, so
// that going back and forth keeps every choice.
type saveState struct {
	c        *ui.Common
	phase    savePhase
	form     *huh.Form
	width    int
	height   int
	compact  bool // no blank lines under the identity and the title
	name     string
	storage  storageChoice
	fallback storageChoice
	fileOK   bool // the plain-file warning was accepted
	replace  bool // replacing the profile called name was accepted
	confirm  bool // the answer of the confirmation in progress
	// profiles are the stored ones, by name, and loadErr why they could
	// not be read.
	profiles map[string]keystore.Profile
	loadErr  error
	// keyringErr is why the OS keyring cannot be used here, asked
	// before the choice is drawn; nil when it answers.
	keyringErr error
	// failErr is why saving to failed (a storage) did not work.
	failErr error
	failed  storageChoice
	// noteLines is the height of the note over the form (NOTION_TOKEN
	// wins over profiles), 0 without one.
	noteLines int
	// askLifetime is set for a personal access token, whose lifetime is
	// asked with the name; lifetime is the answer.
	askLifetime bool
	lifetime    guide.Lifetime
	lifetimeSel *huh.Select[guide.Lifetime]
}

type profilesLoaded struct {
	profiles map[string]keystore.Profile
	err      error
	// keyringErr is why the OS keyring cannot be used (nil when it can),
	// known before the choice is offered.
	keyringErr error
}

type saveResult struct{ err error }

func newSaveState(c *ui.Common) saveState {
	// The name starts empty, with "default" as its placeholder: typing a
	// name replaces nothing, and leaving it empty means the default.
	s := saveState{c: c, storage: storeKeyring, lifetime: guide.DefaultLifetime}
	if c.Conn != nil && c.Conn.Profile != "" {
		s.name = c.Conn.Profile
	}
	return s
}

// setSize gives the forms their room. huh sizes a group when it is built
// and again on a window size, which the app keeps to itself: without a
// height, a field whose text wraps is cut off.
func (s *saveState) setSize(width, height int) {
	s.width, s.height = width, height
	if s.form != nil {
		s.form.WithWidth(width).WithHeight(s.formHeight())
	}
}

// formHeight is the room of the form: the step's less the note about
// NOTION_TOKEN when it shows.
func (s *saveState) formHeight() int { return max(6, s.height-s.noteLines) }

// enter starts the step: without a store only this session is possible;
// otherwise the existing profiles are read first.
func (s *saveState) enter(w saveHost) tea.Cmd {
	s.form = nil
	s.noteLines = 0
	if s.envNote(w) {
		s.noteLines = 3
	}
	if s.c.Store == nil {
		s.phase = saveNoStore
		return nil
	}
	s.phase = saveLoading
	_, reply := w.begin()
	store := s.c.Store
	return tea.Batch(w.spinner().Tick, func() tea.Msg {
		list, _, err := store.Profiles()
		m := map[string]keystore.Profile{}
		for _, p := range list {
			m[p.Name] = p
		}
		return reply(profilesLoaded{profiles: m, err: err, keyringErr: store.CheckKeyring()})()
	})
}

func (s *saveState) reply(w saveHost, r any) tea.Cmd {
	switch r := r.(type) {
	case profilesLoaded:
		s.profiles, s.loadErr, s.keyringErr = r.profiles, r.err, r.keyringErr
		if s.keyringErr != nil && s.storage == storeKeyring {
			// Not offered: the plain file is the first choice, behind
			// its warning, so that nothing is chosen that saves nothing.
			s.storage = storeFile
		}
		if p, ok := s.profiles[s.profileName()]; ok && w.replacesSession() && p.Storage == keystore.StorageFile {
			s.storage, s.fileOK = storeFile, true
		}
		return s.choose()
	case saveResult:
		if r.err == nil {
			return w.finish(s.profileName(), s.storage)
		}
		s.failErr, s.failed = r.err, s.storage
		return s.showForm(saveFailed, s.fallbackForm())
	}
	return nil
}

// envNote reports whether the step warns that NOTION_TOKEN wins over
// the profile being saved.
func (s *saveState) envNote(w saveHost) bool {
	return w.replacesSession() && s.c.Conn != nil && strings.Contains(s.c.Conn.TokenSource, keystore.EnvToken)
}

// showForm makes f the step's form in phase p.
func (s *saveState) showForm(p savePhase, f *huh.Form) tea.Cmd {
	s.phase, s.form = p, f.WithTheme(huhTheme(s.c)).WithWidth(s.width).WithHeight(s.formHeight()).WithShowHelp(false).WithKeyMap(huhKeys())
	return s.form.Init()
}

func (s *saveState) choose() tea.Cmd { return s.showForm(saveChoose, s.chooseForm()) }

func (s *saveState) chooseForm() *huh.Form {
	desc := "Profiles keep several tokens apart: dev, prod, test."
	if names := s.profileNames(); names != "" {
		desc += " Saved: " + names + "."
	}
	options := []huh.Option[storageChoice]{
		huh.NewOption("OS keyring (encrypted; recommended)", storeKeyring),
		huh.NewOption("Plain file (unencrypted, mode 0600; asks first)", storeFile),
		huh.NewOption("This session only (not saved)", storeSession),
	}
	where := huh.NewSelect[storageChoice]().Title("Where to keep the token")
	if s.keyringErr != nil {
		options = options[1:]
		note := "The OS keyring cannot be used here"
		var kr *keystore.KeyringError
		if errors.As(s.keyringErr, &kr) && kr.Hint != "" {
			// The hint's first clause says why; its advice would push
			// the choices off the step.
			why, _, _ := strings.Cut(kr.Hint, ": ")
			note += ": " + strings.TrimSuffix(why, ".")
		}
		where.Description(note + ". Choose where to keep the token.")
	}
	fields := []huh.Field{
		huh.NewInput().Title("Profile name").Description(desc).Value(&s.name).CharLimit(64).
			Placeholder(keystore.DefaultProfile).Validate(validProfileName),
	}
	if s.askLifetime {
		fields = append(fields, s.lifetimeField())
	}
	return huh.NewForm(huh.NewGroup(append(fields, where.Options(options...).Value(&s.storage))...))
}

// lifetimeField asks how long a personal access token lasts, as chosen
// when it was made, so that auth status and doctor warn before it
// expires (the CLI asks it too).
func (s *saveState) lifetimeField() huh.Field {
	var options []huh.Option[guide.Lifetime]
	for _, l := range slices.Backward(guide.Lifetimes) {
		label := l.String()
		if l == guide.DefaultLifetime {
			label += " (Notion's default)"
		}
		options = append(options, huh.NewOption(label, l))
	}
	// Inline, on one line, so that the three questions fit 80×24.
	s.lifetimeSel = huh.NewSelect[guide.Lifetime]().Title("Lifetime chosen when the token was made (counted from today)").
		Options(options...).Value(&s.lifetime).Inline(true)
	return s.lifetimeSel
}

// validProfileName explains a name that cannot be a profile's, next to
// the field; empty is the default profile.
func validProfileName(name string) error {
	if name == "" {
		return nil
	}
	return keystore.ValidateProfileName(name)
}

// profileName is the profile the token is saved in: the name typed, or
// the default one.
func (s *saveState) profileName() string {
	if s.name == "" {
		return keystore.DefaultProfile
	}
	return s.name
}

func (s *saveState) profileNames() string {
	names := make([]string, 0, len(s.profiles))
	for n := range s.profiles {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

func (s *saveState) fileForm() *huh.Form {
	s.confirm = false
	return huh.NewForm(huh.NewGroup(huh.NewConfirm().
		Title("Store the token unencrypted?").
		Description("It goes to secrets.json in " + s.c.Store.Dir() + " (mode 0600): anyone who can read your files — backups, other programs running as you — can read it. Use it only where no keyring works.").
		Affirmative("Yes, plain file").Negative("No, go back").Value(&s.confirm).WithButtonAlignment(lipgloss.Left)))
}

func (s *saveState) overwriteForm() *huh.Form {
	s.confirm = false
	p := s.profiles[s.profileName()]
	what := "Its token will be replaced."
	if p.BotName != "" {
		what = "It holds the token of “" + p.BotName + "” in " + widgets.OrText(p.WorkspaceName, "its workspace") + "; that token will be replaced."
	}
	return huh.NewForm(huh.NewGroup(huh.NewConfirm().
		Title("Replace profile “" + s.profileName() + "”?").Description(what).
		Affirmative("Replace").Negative("No, rename").Value(&s.confirm).WithButtonAlignment(lipgloss.Left)))
}

// fallbackForm offers what to do after the storage failed; the token is
// kept for this session whatever the choice.
func (s *saveState) fallbackForm() *huh.Form {
	var options []huh.Option[storageChoice]
	if s.failed != storeFile {
		options = append(options, huh.NewOption("Store it in a plain file instead (unencrypted, mode 0600)", storeFile))
	}
	options = append(options,
		huh.NewOption("Keep it for this session only", storeSession),
		huh.NewOption("Try again", storeRetry))
	s.fallback = storeSession
	if s.failed != storeFile && s.c.InsecureStorage {
		s.fallback = storeFile // the user asked for it with --insecure-storage
	}
	return huh.NewForm(huh.NewGroup(huh.NewSelect[storageChoice]().
		Title("What now?").Options(options...).Value(&s.fallback)))
}

func (s *saveState) capturing() bool {
	if s.form == nil || s.phase != saveChoose {
		return false
	}
	_, ok := s.form.GetFocusedField().(*huh.Input)
	return ok
}

func (s *saveState) key(w saveHost, msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, ui.BackKey) {
		switch s.phase {
		case saveWorking:
			return nil
		case saveConfirmFile, saveConfirmOverwrite, saveFailed:
			return s.choose()
		}
		return w.back()
	}
	switch s.phase {
	case saveNoStore:
		if key.Matches(msg, keymap.Open.Key()) {
			return w.finish("", storeSession)
		}
		return nil
	case saveLoading, saveWorking:
		return nil
	}
	return s.update(w, msg)
}

// update gives a message to the form and acts when it is complete.
func (s *saveState) update(w saveHost, msg tea.Msg) tea.Cmd {
	if s.form == nil {
		return nil
	}
	m, cmd := s.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		s.form = f
	}
	if s.form.State != huh.StateCompleted {
		return cmd
	}
	return tea.Batch(cmd, s.next(w))
}

// next moves on once the current form is answered.
func (s *saveState) next(w saveHost) tea.Cmd {
	switch s.phase {
	case saveChoose:
		s.replace = false // the name may have changed
		return s.proceed(w)
	case saveConfirmFile:
		if !s.confirm {
			s.storage = storeKeyring
			return s.choose()
		}
		s.fileOK = true
		return s.proceed(w)
	case saveConfirmOverwrite:
		if !s.confirm {
			return s.choose()
		}
		s.replace = true
		return s.write(w)
	case saveFailed:
		switch s.fallback {
		case storeSession:
			return w.finish("", storeSession)
		case storeFile:
			s.storage = storeFile
			return s.proceed(w)
		}
		return s.write(w)
	}
	return nil
}

// proceed asks what still needs asking, then writes.
func (s *saveState) proceed(w saveHost) tea.Cmd {
	switch {
	case s.storage == storeSession:
		return w.finish("", storeSession)
	case s.storage == storeFile && !s.fileOK:
		return s.showForm(saveConfirmFile, s.fileForm())
	case s.replacing(w) && !s.replace:
		return s.showForm(saveConfirmOverwrite, s.overwriteForm())
	}
	return s.write(w)
}

// replacing reports whether saving would replace another token than the
// one being re-entered.
func (s *saveState) replacing(w saveHost) bool {
	if _, ok := s.profiles[s.profileName()]; !ok {
		return false
	}
	return !(w.replacesSession() && s.c.Conn != nil && s.c.Conn.Profile == s.profileName())
}

// write saves the profile and its secret; the keyring may take seconds.
func (s *saveState) write(w saveHost) tea.Cmd {
	s.phase, s.form = saveWorking, nil
	p := w.profile(s.profileName(), s.storage)
	if s.askLifetime {
		p.TokenLifetime = string(s.lifetime)
	}
	sec := w.secret()
	store, ctx := s.c.Store, s.c.Ctx
	_, reply := w.begin()
	return tea.Batch(w.spinner().Tick, func() tea.Msg {
		return reply(saveResult{err: store.SaveContext(ctx, p, sec)})()
	})
}

// keyBindings are the keys of the phase, for the help line: huh's own
// lists are longer than a line.
func (s *saveState) keyBindings() []key.Binding {
	switch s.phase {
	case saveNoStore:
		return []key.Binding{keymap.Submit.Key("continue")}
	case saveLoading, saveWorking:
		return nil
	}
	if s.form == nil {
		return nil
	}
	focused := s.form.GetFocusedField()
	if s.lifetimeSel != nil && focused == huh.Field(s.lifetimeSel) {
		return []key.Binding{keymap.Join("←/→", "choose", keymap.Left, keymap.Right), keymap.Submit.Key("confirm"), keymap.PrevField.Key("name")}
	}
	switch focused.(type) {
	case *huh.Input:
		return []key.Binding{keymap.Submit.Key("next")}
	case *huh.Confirm:
		return []key.Binding{keymap.Join("←/→", "choose", keymap.Left, keymap.Right), keymap.Join("y/n", "answer", keymap.Yes, keymap.No), keymap.Submit.Key("confirm")}
	}
	ks := []key.Binding{keymap.Join("↑/↓", "choose", keymap.PickUp, keymap.PickDown), keymap.Submit.Key("confirm")}
	if s.phase == saveChoose {
		ks = append(ks, keymap.PrevField.Key("name"))
	}
	return ks
}

func (s *saveState) view(w saveHost, width int) string {
	st := s.c.Styles
	var b strings.Builder
	gap := "\n\n"
	if s.compact {
		gap = "\n"
	}
	b.WriteString(w.identityLine() + gap)
	b.WriteString(st.Bold.Render("Save the token") + st.Muted.Render(" so that notion-tui finds it next time") + gap)
	if s.envNote(w) {
		b.WriteString(widgets.Para(st.Warning, "NOTION_TOKEN is set: it wins over saved profiles when notion-tui starts. Update or unset it too.", width) + "\n\n")
	}
	switch s.phase {
	case saveNoStore:
		b.WriteString(st.Warning.Render("The token cannot be saved on this machine.") + "\n")
		if s.c.StoreErr != nil {
			b.WriteString(widgets.Para(st.Muted, widgets.Sentence(s.c.StoreErr.Error()), width) + "\n")
		}
		b.WriteString("\n" + widgets.Para(st.Text, "It is kept for this session only. Set NOTION_TOKEN to use it next time, or fix the config folder and run the setup again.", width) + "\n")
	case saveLoading:
		b.WriteString(w.spinner().View() + " Reading the saved profiles…\n")
	case saveWorking:
		where := "the OS keyring"
		if s.storage == storeFile {
			where = "a plain file"
		}
		b.WriteString(w.spinner().View() + " Saving profile “" + s.profileName() + "” in " + where + "…\n")
	case saveFailed:
		b.WriteString(s.failureView(width))
		b.WriteString("\n" + s.form.View())
	default:
		if s.loadErr != nil {
			b.WriteString(widgets.Para(st.Warning, "The saved profiles could not be read: "+s.loadErr.Error(), width) + "\n\n")
		}
		b.WriteString(s.form.View())
	}
	return b.String()
}

func (s *saveState) failureView(width int) string {
	st := s.c.Styles
	var b strings.Builder
	b.WriteString(st.Error.Render("✗ The token was not saved") + "\n")
	b.WriteString(widgets.Para(st.Text, widgets.Sentence(s.failErr.Error()), width) + "\n")
	var kr *keystore.KeyringError
	if errors.As(s.failErr, &kr) && kr.Hint != "" {
		b.WriteString(widgets.Para(st.Muted, widgets.Sentence(kr.Hint), width) + "\n")
	}
	b.WriteString(widgets.Para(st.Success, "The token is kept for this session either way.", width) + "\n")
	return b.String()
}

// huhKeys are huh's keys without those the app owns: ctrl+c quits the app,
// and lists are short enough to need no filter.
func huhKeys() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	k.Quit.SetEnabled(false)
	k.Select.Filter.SetEnabled(false)
	k.Select.Prev.SetHelp("shift+tab", "previous field")
	return k
}

// huhTheme styles huh forms from the app's styles, so that the light and
// dark palettes and NO_COLOR apply to them too.
func huhTheme(c *ui.Common) huh.Theme {
	var (
		from *styles.Styles
		hs   *huh.Styles
	)
	return huh.ThemeFunc(func(bool) *huh.Styles {
		if c.Styles != from {
			from, hs = c.Styles, huhStyles(c.Styles)
		}
		return hs
	})
}

func huhStyles(s *styles.Styles) *huh.Styles {
	n := lipgloss.NewStyle
	t := huh.ThemeBase(s.IsDark)
	bar := n().BorderStyle(lipgloss.ThickBorder()).BorderLeft(true).PaddingLeft(1)
	if !s.NoColor {
		bar = bar.BorderForeground(s.Theme.BorderFocus)
	}
	f := &t.Focused
	f.Base, f.Card = bar, bar
	f.Title, f.NoteTitle, f.Description = s.Title, s.Title, s.Muted
	f.ErrorIndicator, f.ErrorMessage = s.Error.SetString(" *"), s.Error
	f.SelectSelector, f.MultiSelectSelector = s.Accent.SetString("▸ "), s.Accent.SetString("▸ ")
	f.Option, f.UnselectedOption, f.SelectedOption = s.Text, s.Text, s.Success
	f.SelectedPrefix, f.UnselectedPrefix = s.Success.SetString("✓ "), s.Faint.SetString("• ")
	f.NextIndicator, f.PrevIndicator = s.Accent.MarginLeft(1).SetString("→"), s.Accent.MarginRight(1).SetString("←")
	f.FocusedButton = s.Selected.Bold(true).Padding(0, 2).MarginRight(1)
	f.BlurredButton = s.Muted.Padding(0, 2).MarginRight(1)
	f.Next = f.FocusedButton
	f.TextInput = huh.TextInputStyles{Cursor: s.Accent, CursorText: s.Text, Placeholder: s.Faint, Prompt: s.Accent, Text: s.Text}
	t.Blurred = *f
	b := &t.Blurred
	b.Base = bar.BorderStyle(lipgloss.HiddenBorder())
	b.Card, b.Title = b.Base, s.Text
	b.SelectSelector, b.MultiSelectSelector = s.Faint.SetString("▸ "), n().SetString("  ")
	b.NextIndicator, b.PrevIndicator = n(), n()
	t.Group.Title, t.Group.Description = s.Title, s.Muted
	t.Help = s.Help
	return t
}

// Step is the save step of a verified token: a profile name, then the OS
// keyring, a plain file (behind its warning, first when the keyring
// cannot be used) or this session only; for a personal access token, how
// long it lasts. The setup wizard and the OAuth sign-in both use it, so
// that every token is saved with the same form.
type Step struct {
	st     saveState
	o      Options
	id     int64
	seq    int64
	cancel context.CancelFunc
	spin   spinner.Model
	// entered is set once Enter ran: the answers given are kept.
	entered bool
}

// Options say what the step saves and where it goes next.
type Options struct {
	// Identity is the line over the step: who the token acts as.
	Identity string
	// Profile is what is stored besides the secret, for a profile name
	// and a storage.
	Profile func(name string, storage keystore.Storage) keystore.Profile
	Secret  keystore.Secret
	// ReplacesSession is set when the token replaces the running
	// session's: its profile name is proposed, and saving it there asks
	// nothing.
	ReplacesSession bool
	// AskLifetime asks how long the token lasts (a personal access
	// token's); the profile records the answer.
	AskLifetime bool
	// Done ends the step: the token was saved as profile in storage, or
	// (profile "") is kept for this session only.
	Done func(profile string, storage keystore.Storage) tea.Cmd
	// Back leaves the step with esc at its first form; nil when nothing
	// comes before it.
	Back func() tea.Cmd
}

// New returns the step. Its answers outlive Enter, so that leaving the
// step and coming back keeps them.
func New(c *ui.Common) *Step {
	s := &Step{st: newSaveState(c), id: c.NextID()}
	s.spin = spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent))
	return s
}

// Enter starts the step for a token: it reads the saved profiles and
// whether the OS keyring can be used before drawing the choice.
func (s *Step) Enter(o Options) tea.Cmd {
	s.o = o
	s.st.askLifetime = o.AskLifetime
	if !s.entered && !o.ReplacesSession {
		s.st.name = "" // the session's profile holds another token: "default" as the placeholder
	}
	s.entered = true
	return s.st.enter(s)
}

// Close cancels the request under way.
func (s *Step) Close() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

type stepMsg struct {
	id, seq int64
	body    any
}

// Update handles the step's replies, keys, spinner and form messages.
func (s *Step) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case stepMsg:
		if msg.id != s.id || msg.seq != s.seq {
			return nil
		}
		return s.st.reply(s, msg.body)
	case spinner.TickMsg:
		return ui.SpinWhile(&s.spin, msg, s.Busy())
	case tea.BackgroundColorMsg:
		s.spin.Style = s.st.c.Styles.Accent
		return nil
	case tea.KeyPressMsg:
		return s.st.key(s, msg)
	}
	return s.st.update(s, msg)
}

// Busy reports whether the step reads or writes the store.
func (s *Step) Busy() bool { return s.st.phase == saveLoading || s.st.phase == saveWorking }

// View draws the step at width.
func (s *Step) View(width int) string { return s.st.view(s, width) }

// SetCompact drops the blank lines under the identity and the title, on a
// screen too short for them (60×15): the storage choices then show.
func (s *Step) SetCompact(on bool) { s.st.compact = on }

// SetSize gives the forms their room: width, and the height left under
// the identity line and the step's title.
func (s *Step) SetSize(width, height int) { s.st.setSize(width, height) }

// Capturing is true while the profile name has focus.
func (s *Step) Capturing() bool { return s.st.capturing() }

// Keys are the step's keys for the help line, esc included where it goes
// back.
func (s *Step) Keys() []key.Binding {
	ks := s.st.keyBindings()
	switch s.st.phase {
	case saveConfirmFile, saveConfirmOverwrite, saveFailed:
		ks = append(ks, ui.BackKey)
	case saveLoading, saveWorking:
	default:
		if s.o.Back != nil {
			ks = append(ks, ui.BackKey)
		}
	}
	return ks
}

// saveHost.

func (s *Step) begin() (context.Context, func(body any) tea.Cmd) {
	s.Close()
	ctx, cancel := context.WithCancel(s.st.c.Ctx)
	s.cancel = cancel
	s.seq = s.st.c.NextID()
	id, seq := s.id, s.seq
	return ctx, func(body any) tea.Cmd {
		return func() tea.Msg { return stepMsg{id: id, seq: seq, body: body} }
	}
}

func (s *Step) spinner() *spinner.Model { return &s.spin }
func (s *Step) identityLine() string    { return s.o.Identity }
func (s *Step) secret() keystore.Secret { return s.o.Secret }
func (s *Step) replacesSession() bool   { return s.o.ReplacesSession }

func (s *Step) back() tea.Cmd {
	if s.o.Back == nil {
		return nil
	}
	return s.o.Back()
}

func (s *Step) finish(profile string, storage storageChoice) tea.Cmd {
	s.Close()
	if storage == storeSession {
		return s.o.Done("", "")
	}
	return s.o.Done(profile, storageOf(storage))
}

func (s *Step) profile(name string, storage storageChoice) keystore.Profile {
	return s.o.Profile(name, storageOf(storage))
}

func storageOf(c storageChoice) keystore.Storage {
	if c == storeFile {
		return keystore.StorageFile
	}
	return keystore.StorageKeyring
}

package wizard

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/savestep"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// wizardStep is a step of the setup wizard.
type wizardStep int

// The wizard's steps, in order.
const (
	wizardWelcome wizardStep = iota
	wizardToken
	wizardVerify
	wizardCapabilities
	wizardSave
	wizardSteps // the number of steps
)

var wizardStepNames = [wizardSteps]string{"Welcome", "Token", "Verify", "Capabilities", "Save"}

// wizard sets up a token: it explains integrations, takes the token,
// verifies it with /v1/users/me, probes what it may do, and stores it in
// a profile. Opened at wizardWelcome on the first run, it ends in the
// explorer; opened at wizardToken from a running session (re-entering a
// rejected token), it updates the session and returns where the user was.
//
// Everything typed is kept in the model, so going back (esc) or a failed
// verification never loses it.
type wizard struct {
	c     *ui.Common
	id    int64
	step  wizardStep
	first wizardStep // the step the wizard opened at
	// reentry is set when a session was running: the wizard then returns
	// to the screen below instead of opening the explorer.
	reentry bool
	w, h    int
	sc      scroller // a step taller than the screen scrolls
	keys    wizardKeys
	spin    spinner.Model
	// seq tags requests; a reply with another seq is stale.
	seq    int64
	cancel context.CancelFunc

	// Welcome.
	choice     int // an index in tokenKinds
	linkFailed bool
	// claimed is the kind of token the user said they paste: the
	// welcome step's choice, or the running connection's kind when the
	// wizard opened to replace its token. /v1/users/me has the last
	// word (guide.Identify).
	claimed notionapi.TokenKind

	// Token and verification.
	input         textinput.Model
	token         string // the cleaned token, "" while invalid
	tokenErr      error
	tokenWarnings []string
	decorated     bool // quotes, spaces or "Bearer " were removed
	verifying     bool
	verifyErr     error
	client        *notionapi.Client
	version       string
	versionSource string
	me            *notionapi.User

	caps capState
	save *savestep.Step
}

type wizardKeys struct {
	Up, Down, Next, Back, Open, Recheck, Clear key.Binding
}

func newWizardKeys() wizardKeys {
	return wizardKeys{
		Up:      keymap.Up.KeyLabel("↑/↓", "choose"),
		Down:    keymap.Down.Key(),
		Next:    keymap.Open.Key("continue"),
		Back:    ui.BackKey,
		Open:    keymap.OpenBrowser.Key("open the link"),
		Recheck: keymap.Refresh.Key("check again"),
		Clear:   keymap.Clear.Key(),
	}
}

// newWizard opens the setup wizard at step (wizardWelcome or wizardToken).
func newWizard(c *ui.Common, step wizardStep) ui.Screen {
	w := &wizard{
		c:       c,
		id:      c.NextID(),
		step:    step,
		first:   step,
		reentry: c.Conn != nil,
		keys:    newWizardKeys(),
		spin:    spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent)),
		input:   newTokenInput(c.Styles),
	}
	w.save = savestep.New(c)
	if c.Conn != nil {
		w.claimed = c.Conn.Kind()
	}
	return w
}

func (w *wizard) Init() tea.Cmd { return w.Resume() }

// Resume focuses the token field when the wizard is at it.
func (w *wizard) Resume() tea.Cmd {
	if w.step == wizardToken {
		return w.input.Focus()
	}
	return nil
}

// Close cancels the request under way.
func (w *wizard) Close() { w.stop() }

func (w *wizard) stop() {
	if w.cancel != nil {
		w.cancel()
		w.cancel = nil
	}
}

// begin starts a new request: it cancels the previous one and returns a
// context for it and a function that turns a result into the command
// delivering it. Replies to earlier requests are dropped as stale.
func (w *wizard) begin() (context.Context, func(body any) tea.Cmd) {
	w.stop()
	ctx, cancel := context.WithCancel(w.c.Ctx)
	w.cancel = cancel
	w.seq = w.c.NextID()
	id, seq := w.id, w.seq
	return ctx, func(body any) tea.Cmd {
		return func() tea.Msg { return wizardMsg{id: id, seq: seq, body: body} }
	}
}

// busy reports whether a request is under way, with a spinner to turn.
func (w *wizard) busy() bool {
	switch w.step {
	case wizardVerify:
		return w.verifying
	case wizardCapabilities:
		return w.caps.pending()
	}
	return false
}

// Capturing is true while a text field has focus, so that q and ? type.
func (w *wizard) Capturing() bool {
	switch w.step {
	case wizardToken:
		return true
	case wizardSave:
		return w.save.Capturing()
	}
	return false
}

// wizardMsg is a reply to one of the wizard's requests.
type wizardMsg struct {
	id, seq int64
	body    any
}

// again is a command that brings a step's request back to the wizard (the
// retry of a guided fix), built from the session as it is then.
func (w *wizard) again(step wizardStep) tea.Cmd {
	id := w.id
	return func() tea.Msg { return wizardRetryMsg{id: id, step: step} }
}

type wizardRetryMsg struct {
	id   int64
	step wizardStep
}

func (w *wizard) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case wizardMsg:
		if msg.id != w.id || msg.seq != w.seq {
			return w, nil
		}
		return w, w.handleReply(msg.body)
	case wizardRetryMsg:
		if msg.id != w.id {
			return w, nil
		}
		return w, w.retry(msg.step)
	case spinner.TickMsg:
		if w.step == wizardSave {
			return w, w.save.Update(msg)
		}
		// Stopped while idle; the next request starts it again.
		return w, ui.SpinWhile(&w.spin, msg, w.busy())
	case tea.BackgroundColorMsg:
		w.input.SetStyles(tokenInputStyles(w.c.Styles))
		return w, w.save.Update(msg)
	case tea.KeyPressMsg:
		if w.scrollKey(msg) {
			return w, nil
		}
		cmd := w.updateKey(msg)
		w.keepChoiceInSight()
		return w, cmd
	case tea.PasteMsg:
		if w.step == wizardToken {
			cmd := w.updateInput(msg)
			w.keepChoiceInSight()
			return w, cmd
		}
	}
	// Everything else (cursor blinks, form steps) belongs to the field in
	// use, which ignores what is not its own.
	switch w.step {
	case wizardToken:
		return w, w.updateInput(msg)
	case wizardSave:
		return w, w.save.Update(msg)
	}
	return w, nil
}

func (w *wizard) handleReply(body any) tea.Cmd {
	switch r := body.(type) {
	case verifyResult:
		return w.verified(r)
	case capResult:
		return w.capsResult(r)
	}
	return nil
}

func (w *wizard) retry(step wizardStep) tea.Cmd {
	switch step {
	case wizardVerify:
		if w.step == wizardToken || w.step == wizardVerify {
			return w.startVerify()
		}
	case wizardCapabilities:
		if w.step == wizardCapabilities {
			return w.startCaps()
		}
	}
	return nil
}

func (w *wizard) updateKey(msg tea.KeyPressMsg) tea.Cmd {
	switch w.step {
	case wizardWelcome:
		return w.welcomeKey(msg)
	case wizardToken:
		return w.tokenKey(msg)
	case wizardVerify:
		return w.verifyKey(msg)
	case wizardCapabilities:
		return w.capsKey(msg)
	case wizardSave:
		return w.save.Update(msg)
	}
	return nil
}

// goTo shows a step without starting anything.
func (w *wizard) goTo(step wizardStep) tea.Cmd {
	w.step = step
	if step == wizardToken {
		w.input.CursorEnd()
		return w.input.Focus()
	}
	w.input.Blur()
	return nil
}

// back goes back one step, or leaves when the wizard opened here.
func (w *wizard) back() tea.Cmd {
	w.stop()
	w.verifying = false
	if w.step == w.first {
		if w.reentry {
			w.c.Back()
			return nil
		}
		return nil
	}
	return w.goTo(w.step - 1)
}

func (w *wizard) SetSize(width, height int) {
	w.w, w.h = width, height
	w.input.SetWidth(max(10, w.contentWidth()-8))
	// The save step's header, identity and title take 9 lines (a note
	// about NOTION_TOKEN 3 more, which the step takes off itself).
	w.save.SetCompact(w.compact())
	if w.compact() {
		// Under the header: the identity and the title.
		w.save.SetSize(w.contentWidth(), max(6, w.bodyHeight()-2))
		return
	}
	w.save.SetSize(w.contentWidth(), max(6, height-9))
}

// contentWidth is the width of the step's text: the screen less a margin,
// and not so wide that lines get hard to read.
func (w *wizard) contentWidth() int { return min(max(20, w.w-4), 88) }

func (w *wizard) Title() string {
	if w.reentry {
		return "New token"
	}
	return "Setup"
}

func (w *wizard) KeyMap() help.KeyMap {
	var ks []key.Binding
	switch w.step {
	case wizardWelcome:
		open := w.keys.Open
		open.SetHelp("o", "open the link")
		ks = []key.Binding{w.keys.Up, w.keys.Next, open}
	case wizardToken:
		ks = []key.Binding{w.keys.Next, w.keys.Clear}
		ks[0].SetHelp("enter", "verify")
	case wizardVerify:
		if !w.verifying && w.me != nil {
			ks = []key.Binding{w.keys.Next}
		}
	case wizardCapabilities:
		open := w.keys.Open
		open.SetHelp("o", "open settings")
		ks = []key.Binding{w.keys.Recheck, open}
		if !w.caps.pending() {
			ks = append([]key.Binding{w.keys.Next}, ks...)
		}
	case wizardSave:
		return ui.KeyMapOf(w.save.Keys())
	}
	if w.step != w.first || w.reentry {
		ks = append(ks, w.keys.Back)
	}
	if w.overflows() {
		ks = append(ks, pageDown)
	}
	return ui.KeyMapOf(ks)
}

// View draws the step under a header naming it and showing progress.
func (w *wizard) View() string {
	cw := w.contentWidth()
	lines, hint := w.window(w.body(cw))
	sep, top := "\n\n", 1
	if w.compact() {
		sep, top = "\n", 0
	}
	page := w.headerView(cw) + sep + strings.Join(lines, "\n")
	if hint != "" {
		page += "\n" + w.c.Styles.Faint.Render(hint)
	}
	return lipgloss.NewStyle().Padding(top, 2, 0, 2).Render(widgets.FitWidth(page, cw))
}

// body is the step's text, below the header.
func (w *wizard) body(cw int) string {
	switch w.step {
	case wizardWelcome:
		return w.welcomeView(cw)
	case wizardToken:
		return w.tokenView(cw)
	case wizardVerify:
		return w.verifyView(cw)
	case wizardCapabilities:
		return w.capsView(cw)
	case wizardSave:
		return w.save.View(cw)
	}
	return ""
}

func (w *wizard) headerView(width int) string {
	s := w.c.Styles
	n := int(w.step) + 1
	title := "Set up notion-tui"
	if w.reentry {
		title = "Enter a new token"
	}
	left := s.Title.Render(title) + s.Muted.Render(fmt.Sprintf("  ·  Step %d of %d: %s", n, wizardSteps, wizardStepNames[w.step]))
	var dots strings.Builder
	for i := range wizardSteps {
		switch {
		case i < w.step:
			dots.WriteString(s.Success.Render("●"))
		case i == w.step:
			dots.WriteString(s.Accent.Render("●"))
		default:
			dots.WriteString(s.Faint.Render("○"))
		}
		if i < wizardSteps-1 {
			dots.WriteString(" ")
		}
	}
	if lipgloss.Width(left)+lipgloss.Width(dots.String())+2 > width {
		// Narrow: the breadcrumb already says Setup.
		left = s.Muted.Render(fmt.Sprintf("Step %d of %d: %s", n, wizardSteps, wizardStepNames[w.step]))
	}
	return widgets.Spread(left, dots.String(), width)
}

// NewSetup opens the setup wizard at its first step, for a first run.
func NewSetup(c *ui.Common) ui.Screen { return newWizard(c, wizardWelcome) }

// NewToken opens the wizard at the token step, to replace the running
// connection's token.
func NewToken(c *ui.Common) ui.Screen { return newWizard(c, wizardToken) }

package wizard

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// The welcome step: which kind of token, each with its own steps and
// link.

// tokenKinds are the welcome step's choices, the fastest first.
var tokenKinds = []notionapi.TokenKind{notionapi.TokenKindPersonal, notionapi.TokenKindInternal, notionapi.TokenKindPublic}

// kindGuide is how to get a token of the kind, worded for the wizard.
func kindGuide(kind notionapi.TokenKind) guide.KindGuide {
	return guide.HowToGet(kind, guide.Context{Audience: guide.TUI, Offers: []guide.Action{guide.ActOpenLink}})
}

func (w *wizard) welcomeKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, w.keys.Up):
		w.choice = (w.choice + len(tokenKinds) - 1) % len(tokenKinds)
		w.linkFailed = false
	case key.Matches(msg, w.keys.Down):
		w.choice = (w.choice + 1) % len(tokenKinds)
		w.linkFailed = false
	case key.Matches(msg, w.keys.Open):
		return w.openLink(kindGuide(tokenKinds[w.choice]).Link.URL)
	case key.Matches(msg, w.keys.Next):
		kind := tokenKinds[w.choice]
		if kind == notionapi.TokenKindPublic {
			w.c.Open(ui.OAuthSignIn{})
			return nil
		}
		w.claimed = kind
		return w.goTo(wizardToken)
	}
	return nil
}

// openLink opens url in the browser; where none can open, the step shows
// the link to copy.
func (w *wizard) openLink(url string) tea.Cmd {
	if err := w.c.OpenURL(url); err != nil {
		w.linkFailed = true
		return ui.Flash("No browser could open here: copy the link from the screen")
	}
	return ui.Flash("Opened " + url + " in the browser")
}

func (w *wizard) welcomeView(width int) string {
	s := w.c.Styles
	var b strings.Builder
	b.WriteString(s.Bold.Render("Which kind of token will you use?") + "\n")
	for i, kind := range tokenKinds {
		g := kindGuide(kind)
		if i != w.choice {
			b.WriteString("  " + s.Text.Render(g.Title) + "\n")
			continue
		}
		// Only the highlighted choice says more, so that its steps fit.
		b.WriteString(s.Accent.Render("▸ ") + s.Selected.Render(g.Title) + "\n")
		b.WriteString(strings.Join(widgets.StyleLines(s.Muted, widgets.Hang("    ", g.Blurb, width)), "\n") + "\n")
	}
	g := kindGuide(tokenKinds[w.choice])
	b.WriteString("\n" + s.Bold.Render("How to get one") + "\n")
	for i, st := range g.Steps {
		b.WriteString(strings.Join(widgets.Hang(fmt.Sprintf("%d. ", i+1), st, width), "\n") + "\n")
	}
	if w.linkFailed {
		b.WriteString(s.Warning.Render("No browser could open here. Copy this link: ") + s.Code.Render(g.Link.URL) + "\n")
	}
	b.WriteString("\n" + widgets.Para(s.Faint, "No token at hand? `notion-tui --demo` tries the app on a sandbox workspace.", width))
	return b.String()
}

// The token step: a masked field that cleans and checks what is typed or
// pasted as it arrives.

func newTokenInput(s *styles.Styles) textinput.Model {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = "paste the token (ntn_…)"
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.CharLimit = 512
	in.SetStyles(tokenInputStyles(s))
	return in
}

func tokenInputStyles(s *styles.Styles) textinput.Styles {
	st := textinput.DefaultStyles(s.IsDark)
	st.Focused.Prompt, st.Blurred.Prompt = s.Accent, s.Muted
	st.Focused.Text, st.Blurred.Text = s.Text, s.Muted
	st.Focused.Placeholder, st.Blurred.Placeholder = s.Faint, s.Faint
	st.Cursor.Blink = false // steady, as in every field of the app
	if s.NoColor {
		st.Cursor.Color = nil
	} else {
		st.Cursor.Color = s.Theme.Accent
	}
	return st
}

func (w *wizard) tokenKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, w.keys.Back):
		return w.back()
	case key.Matches(msg, w.keys.Next):
		if w.token == "" {
			if w.tokenErr == nil {
				w.tokenErr = keystore.ErrEmptyToken
			}
			return nil
		}
		return w.startVerify()
	case key.Matches(msg, w.keys.Clear):
		w.input.SetValue("")
		w.checkToken()
		return nil
	}
	return w.updateInput(msg)
}

// updateInput gives a message to the field and checks the new value. A
// paste that needed cleaning is replaced by the clean token, so that the
// field holds exactly what will be sent.
func (w *wizard) updateInput(msg tea.Msg) tea.Cmd {
	before := w.input.Value()
	var cmd tea.Cmd
	w.input, cmd = w.input.Update(msg)
	if w.input.Value() == before {
		return cmd
	}
	w.checkToken()
	if _, pasted := msg.(tea.PasteMsg); pasted && w.decorated {
		w.input.SetValue(w.token)
		w.input.CursorEnd()
	}
	return cmd
}

// checkToken cleans the field's value and keeps the verdict for the view.
func (w *wizard) checkToken() {
	raw := w.input.Value()
	w.token, w.tokenWarnings, w.tokenErr = keystore.CleanToken(raw)
	w.decorated = w.tokenErr == nil && w.token != raw
	w.verifyErr = nil
	if raw == "" {
		w.tokenErr = nil
	}
}

func (w *wizard) tokenView(width int) string {
	s := w.c.Styles
	var b strings.Builder
	if w.claimed == notionapi.TokenKindPersonal {
		b.WriteString(s.Bold.Render("Paste your personal access token") + "\n")
		b.WriteString(widgets.Para(s.Muted, "The token you made at "+guide.TokensURL+".", width))
	} else {
		b.WriteString(s.Bold.Render("Paste your connection's API token") + "\n")
		b.WriteString(widgets.Para(s.Muted, "On the connection's Configuration tab at "+guide.ConnectionsURL+": show the API token, then copy it.", width))
	}
	b.WriteString("\n\n")
	b.WriteString(s.InputFocus.Width(width).Render(w.input.View()) + "\n")
	b.WriteString(w.tokenFeedback(width))
	return b.String()
}

// tokenFeedback says what the field holds: the cleaned token's redacted
// form, or what is wrong with it, and why the last verification failed.
func (w *wizard) tokenFeedback(width int) string {
	s := w.c.Styles
	var lines []string
	switch {
	case w.tokenErr != nil:
		lines = append(lines, widgets.StyleLines(s.Error, widgets.Hang("✗ ", widgets.Sentence(w.tokenErr.Error()), width))...)
	case w.token == "":
		lines = append(lines, widgets.Para(s.Faint, "Paste it with your terminal's paste shortcut, or type it. It stays hidden.", width))
	default:
		kind := "Notion token"
		if !keystore.HasKnownPrefix(w.token) {
			kind = "no ntn_ or secret_ prefix"
		}
		lines = append(lines, s.Success.Render("✓ ")+s.Code.Render(keystore.Redact(w.token))+s.Muted.Render(fmt.Sprintf("  ·  %d characters  ·  %s", len(w.token), kind)))
		if w.decorated {
			lines = append(lines, s.Muted.Render("  The quotes, spaces or “Bearer ” around it are left out."))
		}
		for _, warn := range w.tokenWarnings {
			lines = append(lines, widgets.StyleLines(s.Warning, widgets.Hang("! ", widgets.Sentence(warn), width))...)
		}
	}
	if w.verifyErr != nil {
		fix := guide.Diagnose(w.verifyErr, w.c.GuideFacts())
		lines = append(lines, "", s.Error.Render("Verification failed: ")+s.Text.Render(fix.Title))
		lines = append(lines, s.Muted.Render("Edit the token and press enter to try again; your input is kept."))
	}
	return strings.Join(lines, "\n")
}

// The verify step: GET /v1/users/me with the token.

type verifyResult struct {
	client *notionapi.Client
	me     *notionapi.User
	err    error
}

// wizardVersion is the Notion-Version the wizard verifies with: the
// session's when one runs, else the one the app was started with (flag,
// NOTION_VERSION), else the default.
func (w *wizard) wizardVersion() (version, source string) {
	if s := w.c.Conn; s != nil {
		return s.Version, s.VersionSource
	}
	if w.c.VersionSource != "" {
		return w.c.Version, w.c.VersionSource
	}
	return notionapi.DefaultVersion, "default"
}

// startVerify shows the verify step and asks /v1/users/me.
func (w *wizard) startVerify() tea.Cmd {
	w.step = wizardVerify
	w.input.Blur()
	w.verifying, w.verifyErr, w.me = true, nil, nil
	w.version, w.versionSource = w.wizardVersion()
	ctx, reply := w.begin()
	if w.c.Connect == nil {
		return reply(verifyResult{err: errors.New("this build of the app cannot connect to Notion")})
	}
	client, err := w.c.Connect(w.token, w.version)
	if err != nil {
		return reply(verifyResult{err: err})
	}
	return tea.Batch(w.spin.Tick, func() tea.Msg {
		me, err := client.GetMe(ctx)
		return reply(verifyResult{client: client, me: me, err: err})()
	})
}

func (w *wizard) verified(r verifyResult) tea.Cmd {
	w.verifying = false
	if r.err != nil {
		w.verifyErr = r.err
		cmd := w.goTo(wizardToken)
		return tea.Batch(cmd, ui.ReportError(ui.TokenEntryError{Err: r.err}, w.again(wizardVerify)))
	}
	w.client, w.me = r.client, r.me
	return nil
}

func (w *wizard) verifyKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, w.keys.Back):
		return w.back()
	case key.Matches(msg, w.keys.Next) && !w.verifying && w.me != nil:
		w.step = wizardCapabilities
		return w.startCaps()
	}
	return nil
}

func (w *wizard) verifyView(width int) string {
	s := w.c.Styles
	if w.verifying || w.me == nil {
		return w.spin.View() + " " + s.Text.Render("Asking Notion who this token belongs to (GET /v1/users/me)…") +
			"\n\n" + s.Faint.Render("esc cancels and returns to the token.")
	}
	id := guide.Identify(w.me, w.claimed)
	rows := [][2]string{{"Acts as", id.Summary()}}
	if id.Kind != notionapi.TokenKindPersonal {
		rows = append(rows, [2]string{"Workspace", widgets.OrText(workspaceOf(w.me), "(not told)")}, [2]string{"Owner", ownerOf(w.me)})
	} else if email := w.me.Email(); email != "" {
		rows = append(rows, [2]string{"E-mail", email})
	}
	rows = append(rows, [2]string{"Token", keystore.Redact(w.token)}, [2]string{"Notion-Version", w.version + " (" + w.versionSource + ")"})
	var b strings.Builder
	b.WriteString(s.Success.Render("✓ Notion accepted the token") + "\n\n")
	for _, r := range rows {
		lines := widgets.Hang(fmt.Sprintf("%-16s", r[0]), r[1], width-2)
		b.WriteString("  " + s.Muted.Render(lines[0][:16]) + s.Text.Render(lines[0][16:]) + "\n")
		for _, l := range lines[1:] {
			b.WriteString("  " + s.Text.Render(l) + "\n")
		}
	}
	if id.Mismatch != "" {
		// Not an error: the token works, and is taken for what it is.
		b.WriteString("\n" + strings.Join(widgets.StyleLines(s.Accent, widgets.Hang("ℹ ", id.Mismatch, width)), "\n") + "\n")
	}
	next := "Next, notion-tui checks what the connection may do: read users, read content."
	if id.Kind == notionapi.TokenKindPersonal {
		next = "Next, notion-tui checks what the token may do: read content (every page you can open)."
	}
	b.WriteString("\n" + widgets.Para(s.Muted, next, width))
	return b.String()
}

// ownerOf says who owns the bot: the workspace, or a user by name and
// e-mail address.
func ownerOf(u *notionapi.User) string {
	if u == nil || u.Bot == nil || u.Bot.Owner == nil {
		return "(not told)"
	}
	o := u.Bot.Owner
	if o.Workspace || o.Type == "workspace" {
		return "the workspace (an internal connection)"
	}
	if o.User == nil {
		return "a user"
	}
	name := widgets.OrText(o.User.Name, o.User.ID)
	if email := o.User.Email(); email != "" {
		name += " <" + email + ">"
	}
	return name + " (a user)"
}

// identityLine is the one-line summary of the verified token.
func (w *wizard) identityLine() string {
	s := w.c.Styles
	if w.me == nil {
		return ""
	}
	if notionapi.KindOf(w.me) == notionapi.TokenKindPersonal {
		return s.Success.Render("✓ ") + s.Text.Render(w.me.Name) + s.Muted.Render(", with a personal access token")
	}
	return s.Success.Render("✓ ") + s.Text.Render(w.me.Name) + s.Muted.Render(" in ") + s.Text.Render(widgets.OrText(workspaceOf(w.me), "its workspace"))
}

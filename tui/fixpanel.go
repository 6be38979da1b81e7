package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/notionapi"
)

// fixPanel shows a guided fix over the current screen: what happened, the
// likely causes, the steps, and keys to act. Keys it does not use reach the
// screen behind, which stays usable.
type fixPanel struct {
	c     *Context
	fix   guide.Fix
	retry tea.Cmd
	w, h  int
	keyz  fixKeys
	// Picking a Notion-Version.
	picking bool
	cursor  int
	// Waiting out a rate limit before retrying by itself.
	until time.Time
	seq   int64
}

type fixKeys struct {
	Close, Retry, Token, Version, Open, Up, Down, Choose key.Binding
}

// fixDoneMsg closes the panel and runs then.
type fixDoneMsg struct{ then tea.Cmd }

type fixTickMsg struct{ seq int64 }

func newFixPanel(c *Context, m ErrorMsg) *fixPanel {
	gc := c.GuideContext()
	gc.Input = m.Input
	p := &fixPanel{c: c, fix: guide.Diagnose(m.Err, gc), retry: m.Retry}
	p.keyz = fixKeys{
		Close:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Retry:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry")),
		Token:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "re-enter token")),
		Version: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "pick a version")),
		Open:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open settings")),
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Choose:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "use this version")),
	}
	p.keyz.Retry.SetEnabled(p.retry != nil && (p.fix.Has(guide.ActRetry) || p.fix.Has(guide.ActWait)))
	p.keyz.Token.SetEnabled(p.fix.Has(guide.ActReenterToken) && !c.Demo)
	p.keyz.Version.SetEnabled(p.fix.Has(guide.ActPickVersion) && c.Connect != nil && c.Session != nil)
	p.keyz.Open.SetEnabled(p.fix.Link != "")
	if p.fix.Has(guide.ActWait) && p.retry != nil {
		wait := p.fix.RetryAfter
		if wait <= 0 {
			wait = time.Second
		}
		p.until = c.Now().Add(wait)
	}
	p.seq = c.NextID()
	return p
}

func (p *fixPanel) init() tea.Cmd {
	if p.waiting() {
		return p.tick()
	}
	return nil
}

func (p *fixPanel) waiting() bool { return !p.until.IsZero() }

func (p *fixPanel) tick() tea.Cmd {
	seq := p.seq
	return tea.Tick(250*time.Millisecond, func(time.Time) tea.Msg { return fixTickMsg{seq} })
}

func (p *fixPanel) setSize(w, h int) { p.w, p.h = w, h }

func (p *fixPanel) keys() []key.Binding {
	if p.picking {
		return []key.Binding{p.keyz.Up, p.keyz.Down, p.keyz.Choose, p.keyz.Close}
	}
	return []key.Binding{p.keyz.Retry, p.keyz.Token, p.keyz.Version, p.keyz.Open, p.keyz.Close}
}

func done(then tea.Cmd) tea.Cmd { return func() tea.Msg { return fixDoneMsg{then} } }

// update handles the panel's keys and ticks; handled is false for what
// belongs to the screen behind.
func (p *fixPanel) update(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case fixTickMsg:
		if msg.seq != p.seq || !p.waiting() {
			return nil, msg.seq == p.seq
		}
		if !p.c.Now().Before(p.until) {
			return done(p.retry), true
		}
		return p.tick(), true
	case tea.KeyPressMsg:
		if p.picking {
			return p.updatePicker(msg), true
		}
		switch {
		case key.Matches(msg, p.keyz.Close):
			return done(nil), true
		case key.Matches(msg, p.keyz.Retry):
			return done(p.retry), true
		case key.Matches(msg, p.keyz.Token):
			return done(Push(newWizard(p.c, wizardToken))), true
		case key.Matches(msg, p.keyz.Version):
			p.picking = true
			p.cursor = max(0, indexOf(notionapi.SupportedVersions, notionapi.DefaultVersion))
			return nil, true
		case key.Matches(msg, p.keyz.Open):
			if err := p.c.OpenURL(p.fix.Link); err != nil {
				return Flash("Open " + p.fix.Link + " in a browser"), true
			}
			return Flash("Opened " + p.fix.Link), true
		}
	}
	return nil, false
}

func (p *fixPanel) updatePicker(msg tea.KeyPressMsg) tea.Cmd {
	vs := notionapi.SupportedVersions
	switch {
	case key.Matches(msg, p.keyz.Up):
		p.cursor = (p.cursor + len(vs) - 1) % len(vs)
	case key.Matches(msg, p.keyz.Down):
		p.cursor = (p.cursor + 1) % len(vs)
	case key.Matches(msg, p.keyz.Close):
		p.picking = false
	case key.Matches(msg, p.keyz.Choose):
		v := vs[p.cursor]
		s := p.c.Session
		client, err := p.c.Connect(s.Token, v)
		if err != nil {
			return Flash(err.Error())
		}
		s.Client, s.Version, s.VersionSource = client, v, "picked in the app"
		changed := func() tea.Msg { return SessionChangedMsg{} }
		return done(tea.Sequence(changed, p.retry, Flash("Now sending Notion-Version "+v)))
	}
	return nil
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func (p *fixPanel) view() string {
	s := p.c.Styles
	width := min(max(40, p.w-6), 96)
	inner := width - 4
	wrap := lipgloss.NewStyle().Width(inner)
	var b strings.Builder
	b.WriteString(s.Error.Render(wrap.Render(p.fix.Title)))
	if facts := p.fix.Facts(); facts != "" {
		b.WriteString("\n" + s.Muted.Render(wrap.Render(facts)))
	}
	if p.fix.Input != "" {
		b.WriteString("\n" + s.Bold.Render("Your input: ") + s.Code.Render(p.fix.Input))
		if p.fix.Field != "" {
			b.WriteString("\n" + s.Warning.Render("Field at fault: "+p.fix.Field))
		}
	}
	if p.picking {
		b.WriteString("\n\n" + s.Bold.Render("Send which Notion-Version?") + "\n")
		for i, v := range notionapi.SupportedVersions {
			line := "  " + v
			if v == notionapi.DefaultVersion {
				line += s.Muted.Render("  (newest)")
			}
			if i == p.cursor {
				line = s.Selected.Render("▸ " + v)
			}
			b.WriteString(line + "\n")
		}
		return s.ErrorPanel.Width(width).Render(strings.TrimRight(b.String(), "\n"))
	}
	if len(p.fix.Causes) > 0 {
		b.WriteString("\n\n" + s.Bold.Render("Why") + "\n")
		for _, c := range p.fix.Causes {
			b.WriteString(wrap.Render("• "+c) + "\n")
		}
	}
	if len(p.fix.Steps) > 0 {
		b.WriteString("\n" + s.Bold.Render("How to fix it") + "\n")
		for i, st := range p.fix.Steps {
			b.WriteString(wrap.Render(fmt.Sprintf("%d. %s", i+1, st)) + "\n")
		}
	}
	if p.waiting() {
		left := max(0, p.until.Sub(p.c.Now()).Round(time.Second))
		b.WriteString("\n" + s.Warning.Render(fmt.Sprintf("Retrying by itself in %s…", left)) + "\n")
	}
	var acts []string
	for _, k := range p.keys() {
		if k.Enabled() {
			acts = append(acts, s.Key.Render(k.Help().Key)+" "+k.Help().Desc)
		}
	}
	b.WriteString("\n" + strings.Join(acts, "   "))
	return s.ErrorPanel.Width(width).Render(b.String())
}

package fixpanel

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// Panel shows a guided fix over the current screen: what happened, the
// likely causes, the steps, and keys to act. Keys it does not use reach the
// screen behind, which stays usable.
type Panel struct {
	// overInput is set while the screen behind is typing into a field:
	// letters then act neither on the panel nor on the hidden field, and
	// only enter (retry) and esc (close) work.
	overInput bool
	// closed is set by close; then runs after the panel is gone.
	closed bool
	then   tea.Cmd
	c      *ui.Common
	fix    guide.Fix
	retry  tea.Cmd
	// msg and facts are what the fix was made from, to word it again
	// when the panel comes over a field (only enter and esc act there).
	msg   ui.ErrorMsg
	facts guide.Context
	// atTokenEntry is set when the token field is right behind the panel.
	atTokenEntry bool
	w, h         int
	keys         fixKeys
	// scroll is the first line of the causes and steps shown when they
	// do not fit; until the user scrolls, the steps show first.
	scroll   int
	scrolled bool
	// showLink is set once the browser could not open the link.
	showLink bool
	// Picking a Notion-Version.
	picking bool
	cursor  int
	// Waiting out a rate limit before retrying by itself.
	until time.Time
	seq   int64
	texts []panelText
}

type fixKeys struct {
	Close, Retry, Token, Version, Open, Up, Down, Choose, Scroll key.Binding
	// OtherKind opens the ID of a 404 as the other kind of table (a
	// database's ID where a data source's was needed, or the reverse):
	// jump to it, as the jump box opens a pasted ID.
	OtherKind key.Binding
	// EnterRetry retries when the panel covers a field being typed in.
	EnterRetry key.Binding
}

type fixTickMsg struct{ seq int64 }

func New(c *ui.Common, m ui.ErrorMsg) *Panel {
	gc := c.GuideFacts()
	gc.Input = m.Input
	// The steps name the keys of the actions this panel can take, and
	// only those.
	gc.Offers = []guide.Action{guide.ActOpenLink, guide.ActEditInput}
	if m.Retry != nil {
		gc.Offers = append(gc.Offers, guide.ActRetry)
	}
	if !c.Demo {
		gc.Offers = append(gc.Offers, guide.ActReenterToken)
	}
	if c.Connect != nil && c.Conn != nil {
		gc.Offers = append(gc.Offers, guide.ActPickVersion)
	}
	if c.Conn != nil {
		gc.Offers = append(gc.Offers, guide.ActTryOtherKind)
	}
	p := &Panel{c: c, fix: guide.Diagnose(m.Err, gc), retry: m.Retry, msg: m, facts: gc}
	var te ui.TokenEntryError
	p.atTokenEntry = errors.As(m.Err, &te)
	p.keys = fixKeys{
		Close:      keymap.Back.Key("close"),
		Retry:      keymap.Refresh.Key("retry"),
		Token:      keymap.Token.Key("re-enter token"),
		Version:    keymap.Version.Key("pick a version"),
		Open:       keymap.OpenBrowser.Key("open " + widgets.OrText(p.fix.LinkTitle, "link")),
		Up:         keymap.Up.Key(),
		Down:       keymap.Down.Key(),
		Choose:     keymap.Open.Key("use this version"),
		EnterRetry: keymap.Open.Key("retry"),
		Scroll:     keymap.Join("↑/↓", "scroll", keymap.Up, keymap.Down),
		OtherKind:  keymap.Jump.Key(p.fix.Help(guide.ActTryOtherKind)),
	}
	if p.fix.Has(guide.ActEditInput) {
		p.keys.Close.SetHelp("esc", "edit your input")
	}
	if p.retry != nil && p.fix.Has(guide.ActWait) {
		p.keys.Retry.SetHelp("r", "retry now")
	}
	p.keys.Retry.SetEnabled(p.retry != nil && (p.fix.Has(guide.ActRetry) || p.fix.Has(guide.ActWait)))
	p.keys.Token.SetEnabled(p.fix.Has(guide.ActReenterToken) && !c.Demo)
	p.keys.Version.SetEnabled(p.fix.Has(guide.ActPickVersion) && c.Connect != nil && c.Conn != nil)
	p.keys.Open.SetEnabled(p.fix.Link != "")
	p.keys.OtherKind.SetEnabled(p.fix.Has(guide.ActTryOtherKind) && p.fix.ObjectID != "" && p.fix.OtherKind != "" && c.Conn != nil)
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

func (p *Panel) Init() tea.Cmd {
	if p.Waiting() {
		return p.tick()
	}
	return nil
}

func (p *Panel) Waiting() bool { return !p.until.IsZero() }

func (p *Panel) tick() tea.Cmd {
	seq := p.seq
	return tea.Tick(250*time.Millisecond, func(time.Time) tea.Msg { return fixTickMsg{seq} })
}

func (p *Panel) SetSize(w, h int) { p.w, p.h = w, h }

// Keys are the panel's keys for the help line, enabled or not.
func (p *Panel) Keys() []key.Binding {
	if p.picking {
		return []key.Binding{p.keys.Up, p.keys.Down, p.keys.Choose, p.keys.Close}
	}
	ks := p.actionKeys()
	if p.layout().maxScroll > 0 {
		ks = append(ks, p.keys.Scroll)
	}
	return ks
}

// actionKeys are the keys that act on the fix, shown in the panel.
func (p *Panel) actionKeys() []key.Binding {
	if p.overInput {
		retry := p.keys.EnterRetry
		retry.SetEnabled(p.keys.Retry.Enabled())
		return []key.Binding{retry, p.keys.Close}
	}
	return []key.Binding{p.keys.OtherKind, p.keys.Retry, p.keys.Token, p.keys.Version, p.keys.Open, p.keys.Close}
}

// close ends the panel: the root removes it as soon as this update
// returns and runs then, so that the next key reaches the screen behind.
func (p *Panel) close(then tea.Cmd) tea.Cmd {
	p.closed, p.then = true, then
	return nil
}

// Update handles the panel's keys and ticks; handled is false for what
// belongs to the screen behind.
func (p *Panel) Update(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case fixTickMsg:
		if msg.seq != p.seq || !p.Waiting() {
			return nil, msg.seq == p.seq
		}
		if !p.c.Now().Before(p.until) {
			return p.close(p.retry), true
		}
		return p.tick(), true
	case tea.KeyPressMsg:
		if p.picking {
			return p.updatePicker(msg), true
		}
		return p.updateKeys(msg)
	}
	return nil, false
}

func (p *Panel) updateKeys(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if p.overInput {
		switch {
		case key.Matches(msg, p.keys.Close):
			return p.close(nil), true
		case key.Matches(msg, p.keys.EnterRetry) && p.keys.Retry.Enabled():
			return p.close(p.retry), true
		case key.Matches(msg, p.keys.Up, p.keys.Down):
		default:
			return nil, true
		}
	}
	switch {
	case key.Matches(msg, p.keys.Close):
		return p.close(nil), true
	case key.Matches(msg, p.keys.Retry):
		return p.close(p.retry), true
	case key.Matches(msg, p.keys.Token):
		if p.atTokenEntry {
			return p.close(nil), true
		}
		p.c.Open(ui.NewToken{})
		return p.close(nil), true
	case key.Matches(msg, p.keys.OtherKind):
		// The screen that opens reads the ID as a database or a data
		// source, whichever it is, and offers a database's data sources
		// when it has several.
		p.c.Open(ui.OpenByLink{Link: p.fix.ObjectID, Database: true})
		return p.close(nil), true
	case key.Matches(msg, p.keys.Version):
		p.picking = true
		p.cursor = max(0, indexOf(notionapi.SupportedVersions, notionapi.DefaultVersion))
		return nil, true
	case key.Matches(msg, p.keys.Open):
		if err := p.c.OpenURL(p.fix.Link); err != nil {
			p.showLink = true
			return ui.Flash("No browser here: open the link shown in the panel"), true
		}
		return ui.Flash("Opened " + p.fix.Link), true
	case key.Matches(msg, p.keys.Up, p.keys.Down):
		l := p.layout()
		if l.maxScroll == 0 {
			return nil, false
		}
		p.scroll, p.scrolled = l.top, true
		if key.Matches(msg, p.keys.Up) {
			p.scroll = max(0, p.scroll-1)
		} else {
			p.scroll = min(l.maxScroll, p.scroll+1)
		}
		return nil, true
	}
	return nil, false
}

func (p *Panel) updatePicker(msg tea.KeyPressMsg) tea.Cmd {
	vs := notionapi.SupportedVersions
	switch {
	case key.Matches(msg, p.keys.Up):
		p.cursor = (p.cursor + len(vs) - 1) % len(vs)
	case key.Matches(msg, p.keys.Down):
		p.cursor = (p.cursor + 1) % len(vs)
	case key.Matches(msg, p.keys.Close):
		p.picking = false
	case key.Matches(msg, p.keys.Choose):
		v := vs[p.cursor]
		s := p.c.Conn
		client, err := p.c.Connect(s.Token, v)
		if err != nil {
			return ui.Flash(err.Error())
		}
		s.Client, s.Version, s.VersionSource = client, v, "picked in the app"
		changed := func() tea.Msg { return ui.ConnectionChangedMsg{} }
		return p.close(tea.Sequence(changed, p.retry, ui.Flash("Now sending Notion-Version "+v+" (this session)")))
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

// maxPanelWidth keeps lines short enough to read on wide terminals.
const maxPanelWidth = 96

// panelText is the fix wrapped to a width, kept between frames: wrapping
// is most of the cost of drawing the panel, and the fix never changes.
type panelText struct {
	styles        *styles.Styles
	inner, maxMsg int
	showLink      bool
	head          []string
	body          panelBody
}

// wrapped returns the head and body lines for a width, from the last
// frame when nothing they depend on changed.
func (p *Panel) wrapped(inner, maxMsg int) panelText {
	for _, t := range p.texts {
		if t.styles == p.c.Styles && t.inner == inner && t.maxMsg == maxMsg && t.showLink == p.showLink {
			return t
		}
	}
	t := panelText{styles: p.c.Styles, inner: inner, maxMsg: maxMsg, showLink: p.showLink,
		head: p.headLines(inner, maxMsg), body: p.bodyLines(inner)}
	// A frame uses at most two (the message whole and shortened).
	p.texts = append(p.texts[max(0, len(p.texts)-1):], t)
	return t
}

// panelLayout is the panel cut to the body's height.
type panelLayout struct {
	width            int
	head, body, foot []string
	// room is how many body lines show, top the first of them, and
	// maxScroll how far they scroll.
	room, top, maxScroll int
}

// layout splits the panel into a fixed head (title, facts) and foot
// (countdown, keys) and a body (causes, steps) that scrolls when the
// whole does not fit the screen.
func (p *Panel) layout() panelLayout {
	l := panelLayout{width: min(maxPanelWidth, max(20, p.w-4))}
	inner := l.width - 4 // border and padding
	l.head = p.wrapped(inner, 0).head
	var body panelBody
	if p.picking {
		l.body = p.pickerLines(inner)
	} else {
		body = p.wrapped(inner, 0).body
		l.body, l.foot = body.lines, p.footLines(inner)
	}
	// Two border lines frame the panel.
	l.room = max(1, p.h-2-len(l.head)-len(l.foot))
	if len(l.body) > l.room {
		// Notion's message is the first thing to shorten.
		l.head = p.wrapped(inner, 2).head
		l.room = max(1, p.h-2-len(l.head)-len(l.foot))
	}
	if len(l.body) > l.room && l.room < minBodyRoom {
		// A short screen (60×15): Notion's message on one line, the
		// request ID left to the request log, no blank lines around the
		// keys, so that the steps keep some room.
		l.head = compactHead(p.wrapped(inner, 1).head, p.fix.RequestID)
		l.foot = slices.DeleteFunc(slices.Clone(l.foot), func(s string) bool { return s == "" })
		l.room = max(1, p.h-2-len(l.head)-len(l.foot))
	}
	if len(l.body) > l.room {
		l.room = max(1, l.room-1) // a line for the scroll indicator
		l.maxScroll = len(l.body) - l.room
		// What to do matters most: the steps show in full, with the
		// causes that fit above them, from the start of one.
		l.top = min(body.stepsAt, body.firstStartFrom(l.maxScroll))
		if p.scrolled {
			l.top = min(p.scroll, l.maxScroll)
		}
	}
	return l
}

// minBodyRoom is the fewest lines of causes and steps worth a compact
// head and foot.
const minBodyRoom = 4

// compactHead is a head without its request ID line.
func compactHead(head []string, requestID string) []string {
	if requestID == "" {
		return head
	}
	return slices.DeleteFunc(slices.Clone(head), func(s string) bool {
		return strings.Contains(ansi.Strip(s), "request_id "+requestID[:min(8, len(requestID))])
	})
}

// View draws the panel to fit the body: the title, facts, countdown and
// keys always show; the causes and steps scroll when they do not fit.
func (p *Panel) View() string {
	s := p.c.Styles
	l := p.layout()
	body := l.body
	if l.maxScroll > 0 {
		end := min(len(body), l.top+l.room)
		body = append(body[l.top:end:end], s.Faint.Render(scrollHint(l.top, len(body)-end)))
	}
	lines := append(append(l.head, body...), l.foot...)
	return s.ErrorPanel.Width(l.width).Render(strings.Join(lines, "\n"))
}

// scrollHint says how many lines are hidden above and below.
func scrollHint(above, below int) string {
	var parts []string
	if above > 0 {
		parts = append(parts, fmt.Sprintf("↑ %d lines above", above))
	}
	if below > 0 {
		parts = append(parts, fmt.Sprintf("↓ %d below", below))
	}
	return strings.Join(parts, " · ") + " (↑/↓ scroll)"
}

// headLines are the title and what happened: the request and its answer,
// Notion's message (cut to maxMsg lines unless 0), the request ID on a
// line of its own so that it can be copied whole, and, for a check
// notion-tui sent, that it was one.
func (p *Panel) headLines(w, maxMsg int) []string {
	s, f := p.c.Styles, p.fix
	lines := widgets.StyleLines(s.Error, widgets.Hang("✗ ", f.Title, w))
	var answer string
	switch {
	case f.Status != 0 && f.Code != "":
		answer = fmt.Sprintf("%d %s", f.Status, f.Code)
	case f.Status != 0:
		answer = fmt.Sprintf("HTTP %d", f.Status)
	}
	if f.Request != "" || answer != "" {
		line := f.Request
		if answer != "" {
			line = strings.TrimSpace(line + " → " + answer)
		}
		lines = append(lines, s.Muted.Render(ansi.Truncate(line, w, "…")))
	}
	if f.Message != "" {
		msg := widgets.Hang("", f.Message, w)
		if maxMsg > 0 && len(msg) > maxMsg {
			msg = msg[:maxMsg]
			msg[maxMsg-1] = ansi.Truncate(msg[maxMsg-1]+" …", w, "…")
		}
		lines = append(lines, widgets.StyleLines(s.Text, msg)...)
	}
	if f.RequestID != "" {
		lines = append(lines, s.Faint.Render(ansi.Truncate("request_id "+f.RequestID, w, "…")))
	}
	if f.Check != "" {
		lines = append(lines, widgets.StyleLines(s.Muted, widgets.Hang("", f.Check, w))...)
	}
	if f.Input != "" {
		lines = append(lines, "", s.Bold.Render("Your input: ")+s.Code.Render(ansi.Truncate(f.Input, max(1, w-12), "…")))
		if f.Field != "" {
			lines = append(lines, s.Warning.Render(ansi.Truncate("Field at fault: "+f.Field, w, "…")))
		}
	}
	return lines
}

// panelBody is the scrolling part of the panel: the causes and the
// steps, where the steps start, and where each item (heading, cause,
// step) starts, so that the first line shown is never half an item.
type panelBody struct {
	lines   []string
	stepsAt int
	starts  []int
}

func (b *panelBody) item(lines ...string) {
	b.starts = append(b.starts, len(b.lines))
	b.lines = append(b.lines, lines...)
}

// firstStartFrom returns the first item start at or after line i.
func (b *panelBody) firstStartFrom(i int) int {
	for _, s := range b.starts {
		if s >= i {
			return s
		}
	}
	return len(b.lines)
}

func (p *Panel) bodyLines(w int) panelBody {
	s, f := p.c.Styles, p.fix
	var b panelBody
	if len(f.Causes) > 0 {
		b.item("", s.Bold.Render("Likely causes"))
		for _, c := range f.Causes {
			b.item(widgets.Hang("• ", c, w)...)
		}
	}
	b.stepsAt = len(b.lines)
	if len(f.Steps) > 0 {
		b.item("", s.Bold.Render("How to fix it"))
		for i, st := range f.Steps {
			b.item(widgets.Hang(fmt.Sprintf("%d. ", i+1), st, w)...)
		}
	}
	if p.showLink {
		b.item("", s.Bold.Render("Open in a browser:"))
		b.item(widgets.StyleLines(s.Code, widgets.Hang("", f.Link, w))...)
	}
	return b
}

func (p *Panel) footLines(w int) []string {
	s := p.c.Styles
	var lines []string
	if p.Waiting() {
		left := max(0, p.until.Sub(p.c.Now())).Round(time.Second)
		lines = append(lines, "", s.Warning.Render(fmt.Sprintf("Retrying by itself in %s…", left)))
	}
	var acts []string
	for _, k := range p.actionKeys() {
		if k.Enabled() {
			acts = append(acts, s.Key.Render(k.Help().Key)+" "+k.Help().Desc)
		}
	}
	// One line each, so that the layout counts the keys' lines when they
	// wrap.
	return append(append(lines, ""), strings.Split(widgets.WrapJoined(acts, "   ", w), "\n")...)
}

func (p *Panel) pickerLines(w int) []string {
	s := p.c.Styles
	sent := p.c.GuideFacts().Version
	lines := []string{"", s.Bold.Render("Send which Notion-Version?")}
	for i, v := range notionapi.SupportedVersions {
		note := ""
		switch v {
		case sent:
			note = "  (sent, refused)"
		case notionapi.DefaultVersion:
			note = "  (newest)"
		}
		line := "  " + v + s.Muted.Render(note)
		if i == p.cursor {
			line = s.Selected.Render("▸ "+v) + s.Muted.Render(note)
		}
		lines = append(lines, line)
	}
	return append(lines, "", s.Muted.Render(ansi.Truncate("For this session; to keep it, set NOTION_VERSION or --notion-version.", w, "…")))
}

// SetOverInput says whether the screen behind is typing into a field:
// the panel then takes every key, and only enter (retry) and esc (close)
// act.
//
// Over a field, the steps name no key but esc: the others do not act
// there (enter retries, as the panel's keys say).
func (p *Panel) SetOverInput(over bool) {
	if over == p.overInput {
		return
	}
	p.overInput = over
	gc := p.facts
	if over {
		gc.Offers = []guide.Action{guide.ActEditInput}
	}
	p.fix, p.texts = guide.Diagnose(p.msg.Err, gc), nil
}

// OverInput reports whether the panel covers a field being typed in.
func (p *Panel) OverInput() bool { return p.overInput }

// Closed reports whether the panel closed itself, and the command to run
// once it is gone.
func (p *Panel) Closed() (then tea.Cmd, closed bool) { return p.then, p.closed }

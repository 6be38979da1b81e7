package wizard

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// The capabilities step: what the integration may do, probed in parallel.

type capKind int

const (
	capUsers capKind = iota
	capDataSources
	capPages
	capInsert
	capRecorded // what the profile recorded from real writes
	capKinds
)

// capState holds the probes' results as they arrive.
type capState struct {
	done   [capKinds]bool
	users  guide.Probe
	insert guide.Probe
	ds     guide.Count
	pages  guide.Count
	// recorded is the evidence of real writes the profile holds for this
	// very token (nil for a new one).
	recorded keystore.Writes
}

type capResult struct {
	kind     capKind
	probe    guide.Probe
	count    guide.Count
	recorded keystore.Writes
}

func (s *capState) pending() bool {
	for _, d := range s.done {
		if !d {
			return true
		}
	}
	return false
}

// startCaps runs the four probes at once.
func (w *wizard) startCaps() tea.Cmd {
	w.caps = capState{}
	ctx, reply := w.begin()
	client, kind := w.client, w.kind()
	run := func(kind capKind, probe func(context.Context) capResult) tea.Cmd {
		return func() tea.Msg {
			r := probe(ctx)
			r.kind = kind
			return reply(r)()
		}
	}
	return tea.Batch(w.spin.Tick,
		run(capUsers, func(ctx context.Context) capResult { return capResult{probe: guide.ProbeUsers(ctx, client, kind)} }),
		run(capDataSources, func(ctx context.Context) capResult {
			return capResult{count: guide.CountShared(ctx, client, notionapi.ObjectDataSource, 0)}
		}),
		run(capPages, func(ctx context.Context) capResult {
			return capResult{count: guide.CountShared(ctx, client, notionapi.ObjectPage, guide.PageCountLimit)}
		}),
		run(capInsert, func(ctx context.Context) capResult { return capResult{probe: guide.ProbeInsert(ctx, client)} }),
		run(capRecorded, w.recordedEvidence()),
	)
}

// recordedEvidence reads what the session's profile recorded from real
// writes, when the token checked is the one it holds: a new token has
// shown nothing yet.
func (w *wizard) recordedEvidence() func(context.Context) capResult {
	var store *keystore.Store
	name := ""
	if s := w.c.Conn; s != nil && s.Profile != "" && s.Token == w.token && !w.c.Demo {
		store, name = w.c.Store, s.Profile
	}
	return func(context.Context) capResult {
		if store == nil {
			return capResult{}
		}
		p, err := store.Profile(name)
		if err != nil {
			return capResult{}
		}
		return capResult{recorded: p.Writes}
	}
}

func (w *wizard) capsResult(r capResult) tea.Cmd {
	c := &w.caps
	c.done[r.kind] = true
	switch r.kind {
	case capUsers:
		c.users = r.probe
	case capInsert:
		c.insert = r.probe
	case capDataSources:
		c.ds = r.count
	case capPages:
		c.pages = r.count
	case capRecorded:
		c.recorded = r.recorded
	}
	if c.pending() {
		return nil
	}
	// A probe that could not tell (network, server error, a rejected
	// token) is an error to fix; a refusal (403) is an answer.
	for _, p := range w.capProbes() {
		if p.State == guide.StateUnknown && p.Err != nil {
			return ui.ReportError(p.CheckErr(), w.again(wizardCapabilities))
		}
	}
	return nil
}

// capRows name the checklist's rows, in the order of capProbes.
var capRows = [...]string{guide.CapReadUsers, guide.CapReadContent, guide.CapInsertContent, guide.CapUpdateContent}

// capProbes are the checklist's rows.
func (w *wizard) capProbes() []guide.Probe {
	c := &w.caps
	cl := guide.NewChecklist(w.kind(), c.users, c.ds, c.pages, c.insert, w.version)
	cl.ApplyRecorded(c.recorded)
	return cl.Rows
}

func (w *wizard) capsKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, w.keys.Back):
		return w.back()
	case key.Matches(msg, w.keys.Recheck):
		return w.startCaps()
	case key.Matches(msg, w.keys.Open):
		return w.openLink(w.settingsURL())
	case key.Matches(msg, w.keys.Next):
		if w.caps.pending() {
			return nil
		}
		return w.enterSave()
	}
	return nil
}

func (w *wizard) capsView(width int) string {
	s := w.c.Styles
	var b strings.Builder
	b.WriteString(w.identityLine() + "\n\n")
	b.WriteString(s.Bold.Render("What the "+w.kindWord()+" may do") + "\n")
	labelW := 0
	for _, name := range capRows {
		labelW = max(labelW, len(name))
	}
	c := &w.caps
	pending := [4]bool{!c.done[capUsers], !c.done[capDataSources] || !c.done[capPages], !c.done[capInsert] || !c.done[capRecorded], !c.done[capRecorded]}
	var missing []string
	for i, p := range w.capProbes() {
		mark, detail := capMark(s, p), p.Detail
		if pending[i] {
			mark, detail = w.spin.View(), "checking…"
		} else if p.State == guide.StateFailed {
			missing = append(missing, p.Capability)
		}
		label := fmt.Sprintf("%-*s  ", labelW, capRows[i])
		lines := widgets.Hang(label, detail, width-2)
		b.WriteString(mark + " " + s.Text.Render(lines[0]) + "\n")
		for _, l := range lines[1:] {
			b.WriteString("  " + s.Muted.Render(l) + "\n")
		}
	}
	if c.pending() {
		return b.String()
	}
	name := ""
	if w.me != nil {
		name = w.me.Name
	}
	personal := w.kind() == notionapi.TokenKindPersonal
	switch {
	case len(missing) > 0 && personal:
		b.WriteString("\n" + widgets.Para(s.Warning, "Notion refused "+curlyAnd(missing)+" to this personal access token: make a new one with these capabilities at "+guide.TokensURL+" (press o), or ask a workspace owner whether policy restricts it. Then press r to check again.", width))
		b.WriteString("\n")
	case len(missing) > 0:
		b.WriteString("\n" + widgets.Para(s.Warning, "To turn on "+curlyAnd(missing)+": open "+guide.ConnectionsURL+" (press o), choose “"+name+"”, tick it on its Configuration tab and save. Then press r to check again.", width))
		b.WriteString("\n")
	case personal:
		// No sharing steps: the token sees what its person can open.
		b.WriteString("\n" + widgets.Para(s.Muted, "Nothing to share: the token sees every page you can open. "+guide.PersonalTokenPolicy, width) + "\n")
	}
	if p := guide.ReadContentFor(w.kind(), c.ds, c.pages, w.version); p.State == guide.StateWarning {
		fix := guide.NothingSharedFixFor(guide.Context{Audience: guide.TUI, Offers: []guide.Action{guide.ActRetry}, Kind: w.kind(), IntegrationName: name})
		b.WriteString("\n" + s.Warning.Render(fix.Title) + "\n")
		for i, st := range fix.Steps {
			b.WriteString(strings.Join(widgets.Hang(fmt.Sprintf("%d. ", i+1), st, width), "\n") + "\n")
		}
	}
	if w.linkFailed {
		b.WriteString(s.Warning.Render("No browser could open here. Copy this link: ") + s.Code.Render(w.settingsURL()) + "\n")
	}
	return b.String()
}

func capMark(s *styles.Styles, p guide.Probe) string {
	switch p.State {
	case guide.StateOK:
		return s.Success.Render("✓")
	case guide.StateWarning:
		return s.Warning.Render("!")
	case guide.StateFailed:
		return s.Error.Render("✗")
	case guide.StateNotAvailable:
		return s.Faint.Render("–")
	}
	return s.Faint.Render("·")
}

// curlyAnd quotes each name and joins them as prose: “a”, “b” and “c”.
func curlyAnd(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "“" + n + "”"
	}
	return textutil.Join(q, "and")
}

// kind is the kind of the verified token, as /v1/users/me told it.
func (w *wizard) kind() notionapi.TokenKind { return notionapi.KindOf(w.me) }

// kindWord names what the token acts as: "personal access token" or
// "connection".
func (w *wizard) kindWord() string {
	if w.kind() == notionapi.TokenKindPersonal {
		return "personal access token"
	}
	return "connection"
}

// settingsURL is where the token's kind is managed: the personal access
// tokens page, or the connections of the Developer portal.
func (w *wizard) settingsURL() string {
	if w.kind() == notionapi.TokenKindPersonal {
		return guide.TokensURL
	}
	return guide.ConnectionsURL
}

package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/notionapi"
)

// Evidence from real writes: the first answer to a create or an edit made
// anywhere in the app (the new-page form, editing in place, the preview,
// a board's card move) shows whether the token may insert or update
// content, which no probe can. RecordEvidence keeps it in the session's
// profile, where the wizard's checklist, `auth status` and `doctor` read
// it.

// since returns the requests logged after the first n of the session
// (dropped ones counted) and the count to pass next time.
func (a *Activity) since(n int) ([]notionapi.RequestInfo, int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	total := len(a.entries) + a.dropped
	start := min(max(0, n-a.dropped), len(a.entries))
	return slices.Clone(a.entries[start:]), total
}

// takeWrites returns what was logged since the last call.
func (a *Activity) takeWrites() []notionapi.RequestInfo {
	a.evidenceMu.Lock()
	defer a.evidenceMu.Unlock()
	var out []notionapi.RequestInfo
	out, a.evidenceAt = a.since(a.evidenceAt)
	return out
}

// RecordEvidence looks at the requests logged since it last did and, for
// the writes whose answer shows a capability (guide.EvidenceOf), records
// the latest in the session's profile, off the UI goroutine. Nothing is
// recorded without a profile (NOTION_TOKEN, session only, the demo). The
// root calls it on every ActivityMsg.
func RecordEvidence(c *Common) tea.Cmd {
	if c.Activity == nil {
		return nil
	}
	entries := c.Activity.takeWrites()
	s := c.Conn
	if len(entries) == 0 || s == nil || s.Profile == "" || c.Store == nil || c.Demo {
		return nil
	}
	kind := s.Kind()
	var latest []guide.Probe
	for _, ri := range entries {
		p, ok := guide.EvidenceOf(ri.Method, ri.Path, ri.Body, kind, ri.Err)
		if !ok {
			continue
		}
		latest = slices.DeleteFunc(latest, func(q guide.Probe) bool { return q.Capability == p.Capability })
		latest = append(latest, p)
	}
	if len(latest) == 0 {
		return nil
	}
	store, name, ctx, now := c.Store, s.Profile, c.Ctx, c.Now()
	return func() tea.Msg {
		for _, p := range latest {
			if ev, ok := p.Record(now); ok {
				// A profile removed meanwhile, or a locked store, loses
				// only this note: the next write records it again.
				_, _ = store.RecordEvidence(ctx, name, p.Capability, ev)
			}
		}
		return EvidenceRecordedMsg{Profile: name}
	}
}

// EvidenceRecordedMsg says that the profile's evidence may have changed.
type EvidenceRecordedMsg struct{ Profile string }

package guide

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// Evidence from real writes: no probe can show that "Insert content" or
// "Update content" is granted (Notion judges them per parent and per
// page), so the first answer to a real create or edit is recorded in the
// profile (keystore.Profile.Writes), and the checklists of the wizard,
// `auth status` and `doctor` show it instead of "checked on the first
// create".

// EvidenceOf is what a finished request shows about the capability it
// needs: a page create (POST /v1/pages with a parent) or blocks appended
// show "Insert content"; a page or block changed, trashed or restored
// shows "Update content". ok is false for every other request (reads,
// comments, the sign-in), for the insert probe (a create with no parent,
// which shows nothing) and for answers that show nothing either way (see
// WriteEvidence).
func EvidenceOf(method, path string, body []byte, kind notionapi.TokenKind, err error) (Probe, bool) {
	p := strings.TrimSuffix(pathOnly(path), "/")
	var capability string
	switch {
	case method == http.MethodPost && p == "/v1/pages":
		if !hasParent(body) {
			return Probe{}, false // the probe: refused for its missing parent
		}
		capability = CapInsertContent
	case method == http.MethodPatch && strings.HasPrefix(p, "/v1/blocks/") && strings.HasSuffix(p, "/children"):
		capability = CapInsertContent
	case method == http.MethodPatch && isObject(p, "/v1/pages/"),
		(method == http.MethodPatch || method == http.MethodDelete) && isObject(p, "/v1/blocks/"):
		capability = CapUpdateContent
	default:
		return Probe{}, false
	}
	return WriteEvidence(capability, kind, err)
}

// hasParent reports whether a create's body names a parent (the probe
// sends `{"parent":{}}`, or nothing).
func hasParent(body []byte) bool {
	var b struct {
		Parent map[string]any `json:"parent"`
	}
	return json.Unmarshal(body, &b) == nil && len(b.Parent) > 0
}

// isObject reports whether p is prefix followed by one ID, with nothing
// after it (not /v1/pages/ID/properties/…).
func isObject(p, prefix string) bool {
	id, ok := strings.CutPrefix(p, prefix)
	return ok && id != "" && !strings.Contains(id, "/")
}

// Record is the evidence a probe from WriteEvidence or EvidenceOf keeps in
// the profile, seen at now; ok is false for a probe that shows nothing.
func (p Probe) Record(now time.Time) (keystore.Evidence, bool) {
	ev := keystore.Evidence{Seen: now, Detail: p.Detail}
	switch p.State {
	case StateOK:
		ev.State = keystore.EvidenceGranted
	case StateFailed:
		ev.State = keystore.EvidenceRefused
	case StateWarning:
		ev.State = keystore.EvidenceBlockLimit
	default:
		return keystore.Evidence{}, false
	}
	return ev, true
}

// Recorded is the checklist row of a capability from the evidence a
// profile recorded: "granted (seen 2026-12-06)", "refused (403, seen
// 2026-12-06): …". ok is false for evidence of an unknown state.
func Recorded(capability string, ev keystore.Evidence, kind notionapi.TokenKind) (Probe, bool) {
	p := Probe{Capability: capability}
	seen := "seen " + ev.Seen.Local().Format("2006-01-02")
	switch ev.State {
	case keystore.EvidenceGranted:
		p.State, p.Detail = StateOK, "granted ("+seen+")"
	case keystore.EvidenceRefused:
		p.State = StateFailed
		p.Detail = "refused (403, " + seen + "): the capability is off, or that page may not be changed"
		if kind == notionapi.TokenKindPersonal {
			p.Detail = "refused (403, " + seen + "): you may not change that page"
		}
	case keystore.EvidenceBlockLimit:
		p.State, p.Detail = StateWarning, "the workspace had used all its free blocks ("+seen+"): creating pages fails"
	default:
		return Probe{}, false
	}
	return p, true
}

// ApplyRecorded puts the evidence a profile recorded into the rows that
// wait for a real write ("checked on the first create"). A row a probe
// answered keeps the probe's answer, which is newer.
func (cl *Checklist) ApplyRecorded(w keystore.Writes) {
	for i, row := range cl.Rows {
		ev, ok := w.Get(row.Capability)
		if !ok || !row.Pending() {
			continue
		}
		if p, ok := Recorded(row.Capability, ev, cl.Kind); ok {
			cl.Rows[i] = p
		}
	}
}

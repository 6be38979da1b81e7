package guide

import (
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// TestEvidenceOf tells which finished requests show a write capability,
// and never takes the insert probe (a create with no parent) for a grant.
func TestEvidenceOf(t *testing.T) {
	t.Parallel()
	const page = "/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5"
	forbidden := api(403, "restricted_resource", "POST", "/v1/pages", "Insufficient permissions for this endpoint.")
	tests := []struct {
		method, path, body string
		err                error
		capability         string
		state              State
		ok                 bool
	}{
		{"POST", "/v1/pages", `{"parent":{"data_source_id":"x"}}`, nil, CapInsertContent, StateOK, true},
		{"POST", "/v1/pages", `{"parent":{"page_id":"x"}}`, forbidden, CapInsertContent, StateFailed, true},
		{"POST", "/v1/pages", `{}`, nil, "", 0, false},                  // the probe, even answered 200 by a lenient server
		{"POST", "/v1/pages", `{"parent":{}}`, forbidden, "", 0, false}, // the probe as the client sends it
		{"POST", "/v1/pages", `{"parent":{"type":"workspace","workspace":true}}`, nil, CapInsertContent, StateOK, true},
		{"PATCH", page, `{"properties":{}}`, nil, CapUpdateContent, StateOK, true},
		{"PATCH", page + "?x=1", `{"in_trash":true}`, nil, CapUpdateContent, StateOK, true},
		{"PATCH", "/v1/blocks/b1/children", `{"children":[]}`, nil, CapInsertContent, StateOK, true},
		{"DELETE", "/v1/blocks/b1", ``, nil, CapUpdateContent, StateOK, true},
		{"PATCH", page, `{}`, api(400, "validation_error", "PATCH", page, "bad"), "", 0, false},
		{"GET", page, ``, nil, "", 0, false},
		{"POST", "/v1/comments", `{"parent":{"page_id":"x"}}`, nil, "", 0, false},
		{"POST", "/v1/oauth/token", `{"grant_type":"authorization_code"}`, nil, "", 0, false},
		{"POST", "/v1/data_sources/x/query", `{}`, nil, "", 0, false},
		{"GET", page + "/properties/title", ``, nil, "", 0, false},
	}
	for _, tc := range tests {
		p, ok := EvidenceOf(tc.method, tc.path, []byte(tc.body), notionapi.TokenKindInternal, tc.err)
		if ok != tc.ok || ok && (p.Capability != tc.capability || p.State != tc.state) {
			t.Errorf("EvidenceOf(%s %s %s, %v) = %+v, %v; want %s %v, %v", tc.method, tc.path, tc.body, tc.err, p, ok, tc.capability, tc.state, tc.ok)
		}
	}
}

// TestRecordedEvidenceFillsPendingRows: a checklist shows what real writes
// showed, with the day, instead of "checked on the first create"; a row a
// probe answered keeps the probe's answer; nothing is granted without
// evidence.
func TestRecordedEvidenceFillsPendingRows(t *testing.T) {
	t.Parallel()
	seen := time.Date(2026, 12, 5, 15, 0, 0, 0, time.Local)
	granted, ok := Probe{Capability: CapInsertContent, State: StateOK, Detail: "granted: a page was created"}.Record(seen)
	if !ok || granted.State != keystore.EvidenceGranted || !granted.Seen.Equal(seen) {
		t.Fatalf("Record = %+v, %v", granted, ok)
	}
	if _, ok := NotProbed(CapInsertContent).Record(seen); ok {
		t.Error("a pending row was recorded as evidence")
	}
	refused, _ := Probe{Capability: CapUpdateContent, State: StateFailed}.Record(seen)

	newList := func(insert Probe) Checklist {
		return NewChecklist(notionapi.TokenKindInternal, Probe{Capability: CapReadUsers, State: StateOK}, Count{N: 1}, Count{N: 1}, insert, "")
	}
	cl := newList(NotProbed(CapInsertContent))
	cl.ApplyRecorded(keystore.Writes{})
	if p, _ := cl.Get(CapInsertContent); !p.Pending() || p.Detail != DetailFirstCreate {
		t.Errorf("without evidence: %+v", p)
	}
	cl.ApplyRecorded(keystore.Writes{InsertContent: granted, UpdateContent: refused})
	if p, _ := cl.Get(CapInsertContent); p.State != StateOK || p.Detail != "granted (seen 2026-12-05)" {
		t.Errorf("insert with evidence: %+v", p)
	}
	up, _ := cl.Get(CapUpdateContent)
	if up.State != StateFailed || !strings.HasPrefix(up.Detail, "refused (403, seen 2026-12-05)") {
		t.Errorf("update with evidence: %+v", up)
	}
	if f, ok := cl.Fix(up, Context{}); !ok || f.Capability != CapUpdateContent {
		t.Errorf("a refused row has no fix: %+v, %v", f, ok)
	}
	// The probe saw a refusal now: older evidence does not overrule it.
	probed := Probe{Capability: CapInsertContent, State: StateFailed, Detail: "not granted: creating pages will fail"}
	cl = newList(probed)
	cl.ApplyRecorded(keystore.Writes{InsertContent: granted})
	if p, _ := cl.Get(CapInsertContent); p.State != StateFailed {
		t.Errorf("evidence overruled the probe's refusal: %+v", p)
	}
	if _, ok := Recorded(CapInsertContent, keystore.Evidence{State: "maybe"}, notionapi.TokenKindInternal); ok {
		t.Error("an unknown state was shown")
	}
}

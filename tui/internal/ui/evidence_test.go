package ui

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/keyringtest"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// TestRecordEvidenceFromTheRequestLog: the writes logged since the last
// look go to the session's profile, the latest per capability; nothing
// is recorded without a profile or in the demo, and nothing twice.
func TestRecordEvidenceFromTheRequestLog(t *testing.T) {
	t.Parallel()
	store, err := keystore.Open(keystore.Options{Dir: t.TempDir(), Keyring: keyringtest.New(), Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Save(keystore.Profile{Name: "work"}, keystore.Secret{Token: "ntn_" + "x1234567890123456789012345678901234567890"}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	act := NewActivity()
	c := &Common{Ctx: context.Background(), Activity: act, Store: store, Now: func() time.Time { return now },
		Conn: &Connection{Profile: "work", Me: &notionapi.User{Object: "user", Type: "bot", Bot: &notionapi.Bot{}}}}
	log := act.Hooks().OnRequest
	page := "/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5"
	forbidden := &notionapi.APIError{Status: http.StatusForbidden, Code: notionapi.CodeRestrictedResource, Method: "PATCH", Path: page}
	log(notionapi.RequestInfo{Method: "POST", Path: "/v1/pages", Body: []byte(`{"parent":{}}`)}) // the probe
	log(notionapi.RequestInfo{Method: "GET", Path: page})
	log(notionapi.RequestInfo{Method: "PATCH", Path: page, Body: []byte(`{"properties":{}}`), Err: forbidden})
	log(notionapi.RequestInfo{Method: "PATCH", Path: page, Body: []byte(`{"properties":{}}`)}) // the latest wins

	cmd := RecordEvidence(c)
	if cmd == nil {
		t.Fatal("no command for a logged edit")
	}
	if msg, ok := cmd().(EvidenceRecordedMsg); !ok || msg.Profile != "work" {
		t.Errorf("message %#v", msg)
	}
	p, err := store.Profile("work")
	if err != nil {
		t.Fatal(err)
	}
	if ev, ok := p.Writes.Get(keystore.CapUpdateContent); !ok || ev.State != keystore.EvidenceGranted || !ev.Seen.Equal(now) {
		t.Errorf("update evidence %+v, %v", ev, ok)
	}
	if _, ok := p.Writes.Get(keystore.CapInsertContent); ok {
		t.Error("the insert probe was recorded")
	}
	if RecordEvidence(c) != nil {
		t.Error("the same requests were looked at twice")
	}
	// Without a profile (NOTION_TOKEN, session only) or in the demo.
	for _, setup := range []func(){func() { c.Conn.Profile = "" }, func() { c.Conn.Profile, c.Demo = "work", true }} {
		setup()
		log(notionapi.RequestInfo{Method: "POST", Path: "/v1/pages", Body: []byte(`{"parent":{"page_id":"x"}}`)})
		if RecordEvidence(c) != nil {
			t.Errorf("recorded with profile %q, demo %v", c.Conn.Profile, c.Demo)
		}
	}
}

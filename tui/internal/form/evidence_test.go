package form_test

import (
	"testing"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// TestFormCreateRecordsEvidence: the answer to the first real create is
// what the profile keeps about "Insert content" (granted, or refused on a
// 403), for the wizard's checklist, auth status and doctor; the
// capability check on opening the form (a create with no parent) records
// nothing.
func TestFormCreateRecordsEvidence(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		token string
		want  string
	}{
		{notiontest.TokenFull, keystore.EvidenceGranted},
		{notiontest.TokenReadOnly, keystore.EvidenceRefused},
	} {
		t.Run(tc.token, func(t *testing.T) {
			t.Parallel()
			srv := formSandbox(t)
			ta, _ := openForm(t, srv, notiontest.DataSourceTasks, formOpts{cfg: apptest.Config{Token: tc.token, Profile: "work", TokenSource: "token from keyring profile work"}})
			if err := ta.Store.Save(keystore.Profile{Name: "work"}, keystore.Secret{Token: tc.token}); err != nil {
				t.Fatal(err)
			}
			evidence := func() keystore.Evidence {
				p, err := ta.Store.Profile("work")
				if err != nil {
					t.Fatal(err)
				}
				ev, _ := p.Writes.Get(guide.CapInsertContent)
				return ev
			}
			if tc.token == notiontest.TokenReadOnly {
				ta.WaitFor("The connection lacks the “Insert content” capability (403)")
				ta.Press("esc")
			}
			if ev := evidence(); ev.State != "" {
				t.Fatalf("the check on opening was recorded: %+v", ev)
			}
			ta.Type("Recorded")
			ta.Press("ctrl+s")
			ta.WaitUntil("the profile to record "+tc.want, func(string) bool { return evidence().State == tc.want })
			if ev := evidence(); !ev.Seen.Equal(ta.Clock.Now()) && ev.Seen.IsZero() {
				t.Errorf("no time seen: %+v", ev)
			}
		})
	}
}

package wizard_test

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
	"github.com/notion-tui/notion-tui/tui/internal/wizard"
)

// TestWizardChecklistShowsRecordedWrites: checking the session's own
// token again, the checklist shows what real writes showed, as the
// profile recorded it; another token has shown nothing yet.
func TestWizardChecklistShowsRecordedWrites(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull, Profile: "prod", TokenSource: "token from keyring profile prod", Width: 80, Height: 24})
	seen := time.Date(2026, 12, 5, 15, 0, 0, 0, time.Local)
	p := keystore.Profile{Name: "prod", Writes: keystore.Writes{
		InsertContent: keystore.Evidence{State: keystore.EvidenceGranted, Seen: seen},
		UpdateContent: keystore.Evidence{State: keystore.EvidenceRefused, Seen: seen},
	}}
	if err := ta.Store.Save(p, keystore.Secret{Token: notiontest.TokenFull}); err != nil {
		t.Fatal(err)
	}
	ta.WaitFor("Databases")
	check := func(name, token string, want ...string) {
		t.Helper()
		ta.Open(wizard.NewToken)
		ta.WaitFor("Enter a new token")
		ta.Paste(token)
		ta.Press("enter")
		ta.WaitFor("Notion accepted the token")
		ta.Press("enter")
		waitCaps(ta)
		t.Run(name, func(t *testing.T) {
			s := ta.Settled()
			for _, w := range want {
				if !strings.Contains(s, w) {
					t.Errorf("%q is missing:\n%s", w, s)
				}
			}
			apptest.CheckFits(t, s, 80, 24)
			// The status bar counts the explorer's requests behind: the
			// golden is everything above it.
			lines := strings.Split(s, "\n")
			golden.RequireEqual(t, strings.Join(lines[:len(lines)-1], "\n"))
		})
		ta.Press("esc", "esc", "esc")
		ta.WaitGone("Enter a new token")
	}
	check("same_token", notiontest.TokenFull, "✓ Insert content         granted (seen 2026-12-05)", "✗ Update content         refused (403, seen 2026-12-05)")
	check("another_token", notiontest.TokenNoUserInfo, "· Insert content         checked on the first create", "· Update content         checked on the first edit")
}

package wizard_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// TestWizardAsksAPersonalTokensLifetime: for a personal access token the
// save step asks how long it lasts (Notion's default first), and the
// profile records it with the day, so that auth status and doctor warn
// before it expires; a connection's token is not asked.
func TestWizardAsksAPersonalTokensLifetime(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	for _, size := range apptest.Sizes {
		t.Run(fmt.Sprintf("%dx%d", size.W, size.H), func(t *testing.T) {
			t.Parallel()
			ta := apptest.Start(t, srv, apptest.Config{Width: size.W, Height: size.H})
			ta.WaitFor("▸ Personal access token")
			ta.Press("enter")
			ta.WaitFor("Paste your personal access token")
			ta.Paste(notiontest.TokenPersonal)
			ta.WaitFor("characters")
			ta.Press("enter")
			ta.WaitFor("Notion accepted the token")
			ta.Press("enter")
			waitCaps(ta)
			ta.Press("enter")
			ta.WaitFor("┃ Profile name")
			ta.Press("enter")
			ta.WaitFor("┃ Lifetime chosen when the token was made")
			s := ta.Settled()
			apptest.CheckFits(t, s, size.W, size.H)
			golden.RequireEqual(t, s)
			if !strings.Contains(s, "1 year (Notion's default) →") {
				t.Errorf("Notion's default is not the first choice:\n%s", s)
			}
			ta.Press("right", "right") // 90 days
			ta.WaitFor("90 days →")
			ta.Press("enter")
			ta.WaitFor("┃ Where to keep the token")
			ta.Press("enter")
			ta.WaitFor("Saved as profile “default” in the OS keyring")
			p, err := ta.Store.Profile(keystore.DefaultProfile)
			if err != nil {
				t.Fatal(err)
			}
			rec := guide.RecordOf(&p)
			if p.TokenKind != "personal" || rec.Lifetime != guide.Lifetime90Days || !rec.Created.Equal(ta.Clock.Now()) {
				t.Errorf("profile %+v", p)
			}
		})
	}
	// A connection's token does not expire by a date: nothing is asked.
	ta := apptest.Start(t, srv, apptest.Config{Width: 80, Height: 24})
	toSave(ta, notiontest.TokenFull)
	ta.Press("enter")
	s := ta.WaitFor("┃ Where to keep the token")
	if strings.Contains(s, "Lifetime") {
		t.Errorf("a connection's token is asked its lifetime:\n%s", s)
	}
}

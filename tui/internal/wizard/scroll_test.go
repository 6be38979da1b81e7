package wizard_test

import (
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// TestWizardAt60x15KeepsTheChoiceInSight: on a screen too short for a
// step, the choice enter takes is always on screen, pgdn shows the rest
// of the step (and says how much is left), and nothing is cut silently.
func TestWizardAt60x15KeepsTheChoiceInSight(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Width: 60, Height: 15})
	s := ta.WaitFor("▸ Personal access token")
	if !strings.Contains(s, "more (pgup/pgdn)") {
		t.Errorf("the step is taller than the screen and does not say so:\n%s", s)
	}
	ta.Press("down", "down")
	s = ta.WaitFor("▸ Public connection (OAuth)")
	apptest.CheckFits(t, s, 60, 15)
	// The rest of the step, a page down: its last line, the demo.
	for range 5 {
		ta.Press("pgdown")
	}
	s = ta.WaitFor("--demo")
	if !strings.Contains(s, "above (pgup/pgdn)") {
		t.Errorf("the end of the step does not say what is above:\n%s", s)
	}
	// Moving the choice brings it back in sight.
	ta.Press("up")
	ta.WaitFor("▸ Internal connection")
	ta.Press("enter")
	ta.WaitFor("Paste your connection's API token")
	ta.Paste(notiontest.TokenFull)
	// What the field holds shows under it.
	ta.WaitFor("34 characters")
}

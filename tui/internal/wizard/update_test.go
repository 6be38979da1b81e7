package wizard

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

func tokenStep(t *testing.T) *wizard {
	t.Helper()
	c := &ui.Common{Ctx: context.Background(), Styles: styles.New(true, true), Cache: ui.NewCache(), Now: uitest.NewClock().Now}
	w := newWizard(c, wizardToken).(*wizard)
	w.SetSize(100, 30)
	w.Init()
	return w
}

func TestPastedTokenIsCleanedInTheField(t *testing.T) {
	t.Parallel()
	w := tokenStep(t)
	w.Update(tea.PasteMsg{Content: `  Bearer "` + notiontest.TokenFull + `"` + "\n"})
	if w.token != notiontest.TokenFull || w.tokenErr != nil {
		t.Fatalf("token %q, error %v", w.token, w.tokenErr)
	}
	if got := w.input.Value(); got != notiontest.TokenFull {
		t.Errorf("the field holds %q, not the token that will be sent", got)
	}
	if !w.decorated {
		t.Error("the removed decoration is not reported")
	}
}

func TestEnterWithoutATokenSendsNothing(t *testing.T) {
	t.Parallel()
	w := tokenStep(t)
	if _, cmd := w.Update(uitest.Key("enter")); cmd != nil {
		t.Errorf("enter on an empty field returned a command (%T)", cmd())
	}
	if w.step != wizardToken || w.verifying || w.tokenErr == nil {
		t.Errorf("step %d, verifying %v, error %v", w.step, w.verifying, w.tokenErr)
	}
}

func TestEscAtTheFirstStepOfAReentryGoesBack(t *testing.T) {
	t.Parallel()
	c := &ui.Common{Ctx: context.Background(), Conn: &ui.Connection{}, Styles: styles.New(true, true), Cache: ui.NewCache(), Now: uitest.NewClock().Now}
	w := newWizard(c, wizardToken).(*wizard)
	w.Update(uitest.Key("esc"))
	if nav := c.TakeNav(); len(nav) != 1 || nav[0].Kind != ui.NavBack {
		t.Errorf("esc asked for %+v, want one step back", nav)
	}
}

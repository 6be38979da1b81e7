package tui_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// TestNoLineOverflowsTheWidth walks the first screens at narrow sizes:
// a line wider than the terminal would wrap and break the layout.
func TestNoLineOverflowsTheWidth(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 300})
	for _, size := range [][2]int{{60, 20}, {80, 24}} {
		for _, cfg := range []apptest.Config{{}, {Token: notiontest.TokenFull}} {
			cfg.Width, cfg.Height = size[0], size[1]
			ta := apptest.Start(t, srv, cfg)
			want := "Welcome"
			if cfg.Token != "" {
				want = "Reading List"
			}
			ta.WaitFor(want)
			screens := []string{ta.Settled()}
			if cfg.Token != "" {
				// The database view has the most keys.
				ta.Press("enter")
				ta.WaitFor("rows")
				screens = append(screens, ta.Settled(), ta.RawScreen())
			}
			ta.Press("?")
			screens = append(screens, ta.Settled(), ta.RawScreen())
			for _, screen := range screens {
				lines := strings.Split(screen, "\n")
				if len(lines) > size[1] {
					t.Errorf("%dx%d token=%q: %d lines", size[0], size[1], cfg.Token, len(lines))
				}
				for i, l := range lines {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Errorf("%dx%d token=%q: line %d is %d wide: %q", size[0], size[1], cfg.Token, i, w, ansi.Strip(l))
					}
				}
			}
		}
	}
}

// TestFirstRunWizardUsesTheStartVersion: NOTION_VERSION (or the flag)
// applies to the wizard's first verification, before any session exists.
func TestFirstRunWizardUsesTheStartVersion(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Version: notionapi.Version20250903, VersionSource: "NOTION_VERSION"})
	ta.WaitFor("Welcome")
	ta.Press("enter")
	ta.WaitFor("token")
	ta.Paste(notiontest.TokenFull)
	ta.Press("enter")
	ta.WaitFor(notiontest.IntegrationName)
	reqs := srv.Requests()
	if len(reqs) == 0 {
		t.Fatal("no request reached the sandbox")
	}
	if got := reqs[0].Header.Get("Notion-Version"); got != notionapi.Version20250903 {
		t.Fatalf("the wizard verified with Notion-Version %q", got)
	}
	if !strings.Contains(ta.Screen(), "NOTION_VERSION") {
		t.Fatalf("the verify step does not say where the version came from:\n%s", ta.Screen())
	}
}

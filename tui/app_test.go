package tui

import (
	"image/color"
	"strings"
	"testing"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// TestNoLineOverflowsTheWidth walks the first screens at narrow sizes:
// a line wider than the terminal would wrap and break the layout.
func TestNoLineOverflowsTheWidth(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 300})
	for _, size := range [][2]int{{60, 20}, {80, 24}} {
		for _, cfg := range []appConfig{{}, {Token: notiontest.TokenFull}} {
			cfg.Width, cfg.Height = size[0], size[1]
			ta := startApp(t, srv, cfg)
			want := "Welcome"
			if cfg.Token != "" {
				want = "Reading List"
			}
			ta.waitFor(want)
			screens := []string{ta.settled()}
			if cfg.Token != "" {
				// The database view has the most keys.
				ta.press("enter")
				ta.waitFor("rows")
				screens = append(screens, ta.settled(), ta.rawScreen())
			}
			ta.press("?")
			screens = append(screens, ta.settled(), ta.rawScreen())
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
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Version: notionapi.Version20250903, VersionSource: "NOTION_VERSION"})
	ta.waitFor("Welcome")
	ta.press("enter")
	ta.waitFor("token")
	ta.paste(notiontest.TokenFull)
	ta.press("enter")
	ta.waitFor(notiontest.IntegrationName)
	reqs := srv.Requests()
	if len(reqs) == 0 {
		t.Fatal("no request reached the sandbox")
	}
	if got := reqs[0].Header.Get("Notion-Version"); got != notionapi.Version20250903 {
		t.Fatalf("the wizard verified with Notion-Version %q", got)
	}
	if !strings.Contains(ta.screen(), "NOTION_VERSION") {
		t.Fatalf("the verify step does not say where the version came from:\n%s", ta.screen())
	}
}

// TestBarsKeepTheirBackground: the header and the status bar are bands of
// one background colour across the width, behind their styled pieces too
// (the brand, the breadcrumbs, "demo sandbox", a flash message), whose
// SGR resets would otherwise clear it.
func TestBarsKeepTheirBackground(t *testing.T) {
	a := New(Options{Demo: true, Dark: true, Connection: &ui.Connection{
		TokenSource: "token from the demo sandbox", Workspace: "Acme Labs", Version: notionapi.DefaultVersion,
	}})
	a.width = 100
	a.flash = "Copied the page ID"
	theme := styles.ThemeFor(true)
	for _, tt := range []struct {
		name, line string
		bg         color.Color
	}{
		{"header", a.headerView(), theme.HeaderBg},
		{"status bar", a.statusView(), theme.StatusBg},
	} {
		buf := uv.NewScreenBuffer(a.width, 1)
		uv.NewStyledString(tt.line).Draw(buf, buf.Bounds())
		for x := range a.width {
			var bg color.Color
			if c := buf.CellAt(x, 0); c != nil {
				bg = c.Style.Bg
			}
			if !sameColor(bg, tt.bg) {
				t.Errorf("%s: cell %d has background %v, want %v: %q", tt.name, x, bg, tt.bg, tt.line)
				break
			}
		}
	}
}

func sameColor(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == b
	}
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}

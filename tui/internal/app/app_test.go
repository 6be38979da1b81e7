package app

import (
	"image/color"
	"testing"

	uv "github.com/charmbracelet/ultraviolet"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// TestBarsKeepTheirBackground: the header and the status bar are bands of
// one background colour across the width, behind their styled pieces too
// (the brand, the breadcrumbs, "demo sandbox", a flash message), whose
// SGR resets would otherwise clear it.
func TestBarsKeepTheirBackground(t *testing.T) {
	t.Parallel()
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

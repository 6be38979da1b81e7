package app

import (
	"image/color"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

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

// titled is a screen whose title comes from a hostile workspace.
type titled struct{ title string }

func (s titled) Init() tea.Cmd                       { return nil }
func (s titled) Update(tea.Msg) (ui.Screen, tea.Cmd) { return s, nil }
func (s titled) View() string                        { return "" }
func (s titled) SetSize(int, int)                    {}
func (s titled) Title() string                       { return s.title }
func (s titled) KeyMap() help.KeyMap                 { return ui.KeyMapOf(nil) }

// TestWorkspaceTitlesCannotWriteEscapes: a page titled with an OSC 52
// sequence (set the clipboard) and a window-title sequence reaches the
// terminal with its control characters replaced, in the window title, the
// breadcrumbs and the help overlay.
func TestWorkspaceTitlesCannotWriteEscapes(t *testing.T) {
	t.Parallel()
	hostile := "Roadmap\x1b]52;c;ZXZpbA==\x07\x1b]0;owned\x1b\\\u009b2J"
	a := NewWith(Options{Demo: true, Dark: true, Connection: &ui.Connection{Workspace: "Acme Labs", Version: notionapi.DefaultVersion}},
		func(*ui.Common) ui.Screen { return titled{hostile} })
	a.width, a.height = 100, 30
	v := a.View()
	if strings.ContainsAny(v.WindowTitle, "\x1b\x07\u009b") || !strings.Contains(v.WindowTitle, "Roadmap") {
		t.Errorf("window title %q", v.WindowTitle)
	}
	for name, s := range map[string]string{"header": ansi.Strip(a.headerView()), "help": ansi.Strip(a.helpView())} {
		// Stripping styles would also remove a raw OSC sequence; the
		// replaced one stays visible as text.
		if strings.ContainsAny(s, "\x07\u009b") || !strings.Contains(s, "Roadmap\uFFFD]52;c;ZXZpbA==\uFFFD") {
			t.Errorf("%s: %q", name, s)
		}
	}
}

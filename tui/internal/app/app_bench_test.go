package app

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// fullScreen is a screen that fills its area with styled text, to measure
// what the root adds to a frame.
type fullScreen struct {
	c    *ui.Common
	w, h int
	body string
}

func (f *fullScreen) Init() tea.Cmd                       { return nil }
func (f *fullScreen) Update(tea.Msg) (ui.Screen, tea.Cmd) { return f, nil }
func (f *fullScreen) View() string                        { return f.body }
func (f *fullScreen) Title() string                       { return "Bench" }
func (f *fullScreen) KeyMap() help.KeyMap                 { return ui.KeyMapOf(nil) }
func (f *fullScreen) SetSize(w, h int) {
	f.w, f.h = w, h
	line := f.c.Styles.Accent.Render(strings.Repeat("x", w/2)) + f.c.Styles.Muted.Render(strings.Repeat("y", w/2))
	f.body = strings.TrimSuffix(strings.Repeat(line+"\n", h), "\n")
}

// BenchmarkAppViewChrome measures a frame of the root around a full
// 120×36 screen: header, body fitting, help line and status bar.
func BenchmarkAppViewChrome(b *testing.B) {
	a := New(Options{Connection: &ui.Connection{TokenSource: "token from NOTION_TOKEN", Workspace: "Acme Labs", Version: "2026-03-11"}})
	a.stack = []ui.Screen{&fullScreen{c: a.c}}
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	b.ReportAllocs()
	for b.Loop() {
		_ = a.View()
	}
}

package cli

import (
	"image/color"
	"testing"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/exp/charmtone"
)

// TestHelpColorsAreFangsResolved: the help's colors are fang's, each
// CharmTone key replaced by its RGB value, so every span is styled with
// the same escape sequence.
func TestHelpColorsAreFangsResolved(t *testing.T) {
	t.Parallel()
	for _, dark := range []bool{true, false} {
		want, got := fang.DefaultColorScheme(lipgloss.LightDark(dark)), helpColors(lipgloss.LightDark(dark))
		fields := func(s *fang.ColorScheme) []color.Color {
			return []color.Color{s.Base, s.Title, s.Description, s.Codeblock, s.Program, s.DimmedArgument, s.Comment,
				s.Flag, s.FlagDefault, s.Command, s.QuotedString, s.Argument, s.Help, s.Dash, s.ErrorDetails,
				s.ErrorHeader[0], s.ErrorHeader[1]}
		}
		w, g := fields(&want), fields(&got)
		keys := 0
		for i := range w {
			if _, ok := w[i].(charmtone.Key); ok {
				keys++
			}
			if _, ok := g[i].(charmtone.Key); ok {
				t.Errorf("dark=%v: color %d is still a CharmTone key", dark, i)
			}
			if (w[i] == nil) != (g[i] == nil) {
				t.Errorf("dark=%v: color %d is %v, fang's %v", dark, i, g[i], w[i])
				continue
			}
			if w[i] == nil {
				continue
			}
			ws := lipgloss.NewStyle().Foreground(w[i]).Background(w[i]).Render("x")
			gs := lipgloss.NewStyle().Foreground(g[i]).Background(g[i]).Render("x")
			if ws != gs {
				t.Errorf("dark=%v: color %d renders %q, fang's %q", dark, i, gs, ws)
			}
		}
		if keys == 0 {
			t.Errorf("dark=%v: fang's scheme has no CharmTone color: nothing to resolve", dark)
		}
	}
}

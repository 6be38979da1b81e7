package styles

import (
	"image/color"
	"math"
	"testing"

	"charm.land/lipgloss/v2"
)

// TestHelpIsReadable: the keys and their descriptions, in the help line and
// the help overlay, stand out from the terminal's background by at least
// the 4.5:1 contrast WCAG asks of body text.
func TestHelpIsReadable(t *testing.T) {
	t.Parallel()
	backgrounds := map[bool]color.Color{
		true:  lipgloss.Color("#1e1e2e"), // a typical dark terminal
		false: lipgloss.Color("#ffffff"),
	}
	for dark, bg := range backgrounds {
		h := New(dark, false).Help
		for name, st := range map[string]lipgloss.Style{
			"short key": h.ShortKey, "short description": h.ShortDesc,
			"full key": h.FullKey, "full description": h.FullDesc,
		} {
			if r := contrast(st.GetForeground(), bg); r < 4.5 {
				t.Errorf("dark=%v: the %s colour has contrast %.1f:1 against %v, want at least 4.5:1", dark, name, r, bg)
			}
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two colours, from 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance is the WCAG 2 relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

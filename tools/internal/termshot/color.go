package termshot

import (
	"image/color"

	"github.com/charmbracelet/x/ansi"
)

// Theme holds the colours a terminal would supply: the default foreground and
// background, and the 16 ANSI colours (0–7 normal, 8–15 bright). Indexed
// colours 16–255 and 24-bit colours are not themed; they render exactly.
type Theme struct {
	Foreground color.RGBA
	Background color.RGBA
	ANSI       [16]color.RGBA
}

// DefaultTheme is Catppuccin Mocha, a dark theme with soft pastel colours.
var DefaultTheme = Theme{
	Foreground: hex(0xcdd6f4),
	Background: hex(0x1e1e2e),
	ANSI: [16]color.RGBA{
		hex(0x45475a), hex(0xf38ba8), hex(0xa6e3a1), hex(0xf9e2af),
		hex(0x89b4fa), hex(0xf5c2e7), hex(0x94e2d5), hex(0xa6adc8),
		hex(0x585b70), hex(0xf38ba8), hex(0xa6e3a1), hex(0xf9e2af),
		hex(0x89b4fa), hex(0xf5c2e7), hex(0x94e2d5), hex(0xbac2de),
	},
}

// hex returns the opaque colour 0xRRGGBB.
func hex(rgb uint32) color.RGBA {
	return color.RGBA{R: uint8(rgb >> 16), G: uint8(rgb >> 8), B: uint8(rgb), A: 0xff}
}

// resolve maps a cell colour to the colour painted: nil (the terminal default)
// and fully transparent colours to def, the 16 ANSI colours to the theme, and
// everything else (256-colour indexes, 24-bit colours) to its exact RGB value.
func (t *Theme) resolve(c color.Color, def color.RGBA) color.RGBA {
	switch c := c.(type) {
	case nil:
		return def
	case ansi.BasicColor:
		if c < 16 {
			return t.ANSI[c]
		}
		return def
	case ansi.IndexedColor:
		if c < 16 {
			return t.ANSI[c]
		}
	}
	// Terminal colours are opaque: keep the hue of a translucent colour.
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	if n.A == 0 {
		return def
	}
	return color.RGBA{R: n.R, G: n.G, B: n.B, A: 0xff}
}

// mix returns a blended towards b by the fraction f in [0, 1].
func mix(a, b color.RGBA, f float64) color.RGBA {
	lerp := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*f + 0.5) }
	return color.RGBA{R: lerp(a.R, b.R), G: lerp(a.G, b.G), B: lerp(a.B, b.B), A: lerp(a.A, b.A)}
}

package termshot

import (
	"image"
	"image/color"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/image/vector"
)

// Window frame geometry at scale 1, in pixels.
const (
	frameRadius  = 10 // corner radius
	titleBar     = 34 // minimum title bar height
	lightRadius  = 6  // radius of the close/minimise/zoom lights
	lightSpacing = 20 // from the left edge to the first light, and between lights
)

// trafficLights are the colours of the close, minimise and zoom buttons.
var trafficLights = [...]color.RGBA{hex(0xff5f57), hex(0xfebc2e), hex(0x28c840)}

func (r *Renderer) titleBarHeight() int {
	if !r.frame {
		return 0
	}
	return max(r.px(titleBar), r.glyphs.m.cellH+r.px(12))
}

// paintFrame fills img with a window: a rounded rectangle with a hairline
// border, window buttons and the centred title. Outside the corners img
// stays transparent.
func (r *Renderer) paintFrame(img *image.RGBA) {
	bg, fg := r.theme.Background, r.theme.Foreground
	radius, border := r.px(frameRadius), max(1, r.px(1))
	fillRoundRect(img, img.Rect, radius, mix(bg, fg, 0.2))
	fillRoundRect(img, img.Rect.Inset(border), radius-border, bg)

	cy := float32(r.titleBarHeight()) / 2
	for i, c := range trafficLights {
		cx := float32(r.px(float64(lightSpacing * (i + 1))))
		fillDisc(img, cx, cy, float32(r.px(lightRadius)), c)
	}
	r.paintTitle(img)
}

// paintTitle centres the frame title in the title bar, clear of the
// buttons, cut short with an ellipsis when it does not fit.
func (r *Renderer) paintTitle(img *image.RGBA) {
	title := plainLine(r.title)
	if title == "" {
		return
	}
	m := r.glyphs.m
	reserve := r.px(float64(lightSpacing*(len(trafficLights)+1) + lightRadius)) // keep the buttons' width free on both sides
	maxCols := (img.Rect.Dx() - 2*reserve) / m.cellW
	if maxCols < 1 {
		return
	}
	title = ansi.TruncateWc(title, maxCols, "…")
	cols := ansi.StringWidthWc(title)
	origin := image.Pt((img.Rect.Dx()-cols*m.cellW)/2, (r.titleBarHeight()-m.cellH)/2)
	def := pen{fg: mix(r.theme.Foreground, r.theme.Background, 0.35), bg: r.theme.Background}
	r.paintCells(img, parse(title, cols, 1), origin, def)
}

// plainLine returns the first line of s without escape sequences or control
// characters, so a title cannot restyle or move anything.
func plainLine(s string) string {
	s, _, _ = strings.Cut(ansi.Strip(s), "\n")
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s))
}

// fillRoundRect fills rect with col, rounding its corners with the given
// radius and anti-aliasing them. Only the corners go through the
// rasterizer; the rest is plain fills.
func fillRoundRect(dst *image.RGBA, rect image.Rectangle, radius int, col color.RGBA) {
	radius = min(max(radius, 0), rect.Dx()/2, rect.Dy()/2)
	if radius == 0 {
		fill(dst, rect, col)
		return
	}
	fill(dst, image.Rect(rect.Min.X+radius, rect.Min.Y, rect.Max.X-radius, rect.Max.Y), col)
	fill(dst, image.Rect(rect.Min.X, rect.Min.Y+radius, rect.Min.X+radius, rect.Max.Y-radius), col)
	fill(dst, image.Rect(rect.Max.X-radius, rect.Min.Y+radius, rect.Max.X, rect.Max.Y-radius), col)

	// Each corner is a quarter disc centred on the inner corner of its box.
	rf := float32(radius)
	for _, corner := range [4]struct {
		at     image.Point
		cx, cy float32
	}{
		{rect.Min, rf, rf},
		{image.Pt(rect.Max.X-radius, rect.Min.Y), 0, rf},
		{image.Pt(rect.Min.X, rect.Max.Y-radius), rf, 0},
		{rect.Max.Sub(image.Pt(radius, radius)), 0, 0},
	} {
		z := vector.NewRasterizer(radius, radius)
		circle(z, corner.cx, corner.cy, rf)
		z.Draw(dst, image.Rectangle{Min: corner.at, Max: corner.at.Add(image.Pt(radius, radius))}, image.NewUniform(col), image.Point{})
	}
}

// fillDisc paints an anti-aliased disc.
func fillDisc(dst *image.RGBA, cx, cy, radius float32, col color.RGBA) {
	box := image.Rect(int(cx-radius)-1, int(cy-radius)-1, int(cx+radius)+2, int(cy+radius)+2)
	z := vector.NewRasterizer(box.Dx(), box.Dy())
	circle(z, cx-float32(box.Min.X), cy-float32(box.Min.Y), radius)
	z.Draw(dst, box, image.NewUniform(col), image.Point{})
}

// circle adds a circle to z as four cubic Bézier quarters.
func circle(z *vector.Rasterizer, cx, cy, r float32) {
	z.MoveTo(cx+r, cy)
	z.CubeTo(cx+r, cy+kappa*r, cx+kappa*r, cy+r, cx, cy+r)
	z.CubeTo(cx-kappa*r, cy+r, cx-r, cy+kappa*r, cx-r, cy)
	z.CubeTo(cx-r, cy-kappa*r, cx-kappa*r, cy-r, cx, cy-r)
	z.CubeTo(cx+kappa*r, cy-r, cx+r, cy-kappa*r, cx+r, cy)
	z.ClosePath()
}

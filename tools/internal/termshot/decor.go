package termshot

import (
	"image"
	"image/draw"
	"math"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/image/vector"
)

// tofu is the hollow box drawn for a character no font has, spanning its
// cells so the rest of the line keeps its place.
func (m metrics) tofu(cells int) *image.Alpha {
	w := cells * m.cellW
	inset := max(1, m.cellW/8)
	top := max(0, m.baseline-m.xHeight*3/2)
	box := image.Rect(inset, top, w-inset, m.baseline)
	mask := image.NewAlpha(image.Rect(0, 0, w, m.cellH))
	draw.Draw(mask, box, image.Opaque, image.Point{}, draw.Src)
	draw.Draw(mask, box.Inset(m.line), image.Transparent, image.Point{}, draw.Src)
	return mask
}

// underline returns the mask of one cell's share of an underline in the
// given style. Patterns repeat per cell so that runs of cells join up.
func (m metrics) underline(style ansi.Underline) *image.Alpha {
	w, t := m.cellW, m.line
	y := min(m.baseline+max(1, m.descent/2), m.cellH-t)
	mask := m.newMask()
	fill := func(x0, y0, x1 int) {
		draw.Draw(mask, image.Rect(x0, y0, x1, y0+t), image.Opaque, image.Point{}, draw.Src)
	}
	switch style {
	case ansi.UnderlineDouble:
		y = max(m.baseline+1, min(y, m.cellH-3*t))
		fill(0, y, w)
		fill(0, y+2*t, w)
	case ansi.UnderlineDotted:
		for x := 0; x < w; x += 2 * t {
			fill(x, y, min(x+t, w))
		}
	case ansi.UnderlineDashed:
		fill(w/4, y, w-w/4)
	case ansi.UnderlineCurly:
		m.wave(mask, float64(y)+float64(t)/2)
	default:
		fill(0, y, w)
	}
	return mask
}

// wave draws one period of a sine wave of line thickness across the cell,
// centred on y, for curly underlines.
func (m metrics) wave(mask *image.Alpha, y float64) {
	w, t := float64(m.cellW), float64(m.line)
	amp := min(t*1.5, float64(m.cellH)-y-t/2, y-float64(m.baseline))
	amp = max(amp, t/2)
	z := vector.NewRasterizer(m.cellW, m.cellH)
	at := func(x, off float64) (float32, float32) {
		return float32(x), float32(y + off - amp*math.Sin(2*math.Pi*x/w))
	}
	steps := max(8, m.cellW)
	z.MoveTo(at(0, -t/2))
	for i := 1; i <= steps; i++ {
		z.LineTo(at(w*float64(i)/float64(steps), -t/2))
	}
	for i := steps; i >= 0; i-- {
		z.LineTo(at(w*float64(i)/float64(steps), t/2))
	}
	z.ClosePath()
	z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
}

// strike returns the mask of one cell's share of a strikethrough line,
// through the middle of the lower-case letters.
func (m metrics) strike() *image.Alpha {
	mask := m.newMask()
	y := m.baseline - m.xHeight/2 - m.line/2
	draw.Draw(mask, image.Rect(0, y, m.cellW, y+m.line), image.Opaque, image.Point{}, draw.Src)
	return mask
}

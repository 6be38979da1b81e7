package termshot

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// Box-drawing lines, rounded corners and block elements are drawn here rather
// than taken from the font: a font's glyphs are designed for its own line
// height, so with any other cell height vertical borders break into dashes.
// Drawn on the cell grid, neighbouring cells always join.

// kappa places the control points of a cubic Bézier curve that approximates
// a quarter circle.
const kappa = 0.5523

// Arm weights of a box-drawing character.
const (
	none = iota
	light
	heavy
	double
)

// Directions of the arms in boxArms.
const (
	up = iota
	right
	down
	left
)

// boxArms gives the weight of the up, right, down and left arm of each
// box-drawing character with straight lines (U+2500–U+257F without the dashed,
// arc and diagonal ones).
var boxArms = map[rune]string{
	'─': "0101", '━': "0202", '│': "1010", '┃': "2020",
	'┌': "0110", '┍': "0210", '┎': "0120", '┏': "0220",
	'┐': "0011", '┑': "0012", '┒': "0021", '┓': "0022",
	'└': "1100", '┕': "1200", '┖': "2100", '┗': "2200",
	'┘': "1001", '┙': "1002", '┚': "2001", '┛': "2002",
	'├': "1110", '┝': "1210", '┞': "2110", '┟': "1120",
	'┠': "2120", '┡': "2210", '┢': "1220", '┣': "2220",
	'┤': "1011", '┥': "1012", '┦': "2011", '┧': "1021",
	'┨': "2021", '┩': "2012", '┪': "1022", '┫': "2022",
	'┬': "0111", '┭': "0112", '┮': "0211", '┯': "0212",
	'┰': "0121", '┱': "0122", '┲': "0221", '┳': "0222",
	'┴': "1101", '┵': "1102", '┶': "1201", '┷': "1202",
	'┸': "2101", '┹': "2102", '┺': "2201", '┻': "2202",
	'┼': "1111", '┽': "1112", '┾': "1211", '┿': "1212",
	'╀': "2111", '╁': "1121", '╂': "2121", '╃': "2112",
	'╄': "2211", '╅': "1122", '╆': "1221", '╇': "2212",
	'╈': "1222", '╉': "2122", '╊': "2221", '╋': "2222",
	'╴': "0001", '╵': "1000", '╶': "0100", '╷': "0010",
	'╸': "0002", '╹': "2000", '╺': "0200", '╻': "0020",
	'╼': "0201", '╽': "1020", '╾': "0102", '╿': "2010",
	'═': "0303", '║': "3030", '╒': "0310", '╓': "0130",
	'╔': "0330", '╕': "0013", '╖': "0031", '╗': "0033",
	'╘': "1300", '╙': "3100", '╚': "3300", '╛': "1003",
	'╜': "3001", '╝': "3003", '╞': "1310", '╟': "3130",
	'╠': "3330", '╡': "1013", '╢': "3031", '╣': "3033",
	'╤': "0313", '╥': "0131", '╦': "0333", '╧': "1303",
	'╨': "3101", '╩': "3303", '╪': "1313", '╫': "3131",
	'╬': "3333",
}

// arcDirs gives, for each rounded corner, the horizontal and vertical
// direction of its two arms: +1 is right or down, -1 left or up.
var arcDirs = map[rune][2]float32{
	'╭': {+1, +1}, '╮': {-1, +1}, '╯': {-1, -1}, '╰': {+1, -1},
}

// quadrants maps the quadrant block elements to the quadrants they fill:
// 1 upper left, 2 upper right, 4 lower left, 8 lower right.
var quadrants = map[rune]uint8{
	'▖': 4, '▗': 8, '▘': 1, '▙': 1 | 4 | 8, '▚': 1 | 8,
	'▛': 1 | 2 | 4, '▜': 1 | 2 | 8, '▝': 2, '▞': 2 | 4, '▟': 2 | 4 | 8,
}

// builtin returns the coverage mask of r in one cell, or nil when r is not
// drawn here.
func (m metrics) builtin(r rune) *image.Alpha {
	switch {
	case boxArms[r] != "":
		return m.boxLines(boxArms[r])
	case arcDirs[r] != [2]float32{}:
		d := arcDirs[r]
		return m.arc(d[0], d[1])
	case r >= 0x2580 && r <= 0x259f:
		return m.block(r)
	case r >= 0x2800 && r <= 0x28ff:
		return m.braille(uint8(r - 0x2800))
	}
	return nil
}

func (m metrics) newMask() *image.Alpha {
	return image.NewAlpha(image.Rect(0, 0, m.cellW, m.cellH))
}

// thickness returns the pixel width of a line of the given weight; a double
// line is two light lines a light line apart.
func (m metrics) thickness(weight byte) int {
	switch weight {
	case light:
		return m.line
	case heavy:
		return 2 * m.line
	case double:
		return 3 * m.line
	}
	return 0
}

// boxLines draws the arms described by a boxArms entry. Every arm is
// centred on the cell; an arm reaches past the centre to the far side of the
// crossing arms so that corners and junctions are filled.
//
// Double arms are first drawn as solid bands; the double lines are the
// bands' outline, which makes corners and junctions such as ╔ ╦ ╬ come out
// right without a case for each.
func (m metrics) boxLines(arms string) *image.Alpha {
	w, h := m.cellW, m.cellH
	t := func(dir int) int { return m.thickness(arms[dir] - '0') }
	hz, vt := max(t(left), t(right)), max(t(up), t(down))
	// Arms with nothing crossing them end as if a line of their own weight did.
	if hz == 0 {
		hz = vt
	}
	if vt == 0 {
		vt = hz
	}
	// The horizontal band [hy0, hy1) and vertical band [vx0, vx1) where arms meet.
	hy0, vx0 := (h-hz)/2, (w-vt)/2
	hy1, vx1 := hy0+hz, vx0+vt

	// Arms run e pixels past the cell edge, so that the outline of a band
	// does not close it off there.
	e := m.line
	mask := m.newMask()
	var bands *image.Alpha
	for dir := range 4 {
		n := t(dir)
		if n == 0 {
			continue
		}
		x, y := (w-n)/2, (h-n)/2
		arm := [4]image.Rectangle{
			up:    image.Rect(x, -e, x+n, hy1),
			right: image.Rect(vx0, y, w+e, y+n),
			down:  image.Rect(x, hy0, x+n, h+e),
			left:  image.Rect(-e, y, vx1, y+n),
		}[dir]
		dst := mask
		if arms[dir]-'0' == double {
			if bands == nil {
				bands = image.NewAlpha(mask.Rect.Inset(-e))
			}
			dst = bands
		}
		draw.Draw(dst, arm, image.Opaque, image.Point{}, draw.Src)
	}
	if bands != nil {
		outline(mask, bands, m.line)
	}
	return mask
}

// outline sets in dst the pixels of src that lie within d pixels
// (horizontally, vertically or diagonally) of a pixel outside src.
func outline(dst, src *image.Alpha, d int) {
	near := func(x, y int) bool {
		for dy := -d; dy <= d; dy++ {
			for dx := -d; dx <= d; dx++ {
				if src.AlphaAt(x+dx, y+dy).A == 0 {
					return true
				}
			}
		}
		return false
	}
	b := dst.Rect
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if src.AlphaAt(x, y).A != 0 && near(x, y) {
				dst.SetAlpha(x, y, color.Alpha{A: 0xff})
			}
		}
	}
}

// arc draws a rounded corner whose arms run towards the cell edges in the
// directions sx (horizontal) and sy (vertical). Its straight parts coincide
// with the light lines of boxLines.
func (m metrics) arc(sx, sy float32) *image.Alpha {
	w, h := float32(m.cellW), float32(m.cellH)
	t := float32(m.line)
	// The centre of the light lines, exactly as boxLines places them.
	cx := float32((m.cellW-m.line)/2) + t/2
	cy := float32((m.cellH-m.line)/2) + t/2
	uMax, vMax := cx, cy // distance from the centre to the edge along each arm
	if sx > 0 {
		uMax = w - cx
	}
	if sy > 0 {
		vMax = h - cy
	}
	// Leave at least a pixel of straight line at the edges, so the corner
	// meets the neighbouring lines at full strength.
	r := max(min(cx, w-cx, cy, h-cy)-1, t/2)
	outer, inner := r+t/2, max(r-t/2, 0)

	// Trace the stroke outline in arm coordinates (u along the horizontal
	// arm, v along the vertical one) and map them to the cell.
	z := vector.NewRasterizer(m.cellW, m.cellH)
	pt := func(u, v float32) (float32, float32) { return cx + sx*u, cy + sy*v }
	z.MoveTo(pt(-t/2, vMax))
	z.LineTo(pt(-t/2, r))
	x1, y1 := pt(r-outer, r-kappa*outer)
	x2, y2 := pt(r-kappa*outer, r-outer)
	x3, y3 := pt(r, -t/2)
	z.CubeTo(x1, y1, x2, y2, x3, y3)
	z.LineTo(pt(uMax, -t/2))
	z.LineTo(pt(uMax, t/2))
	z.LineTo(pt(r, t/2))
	x1, y1 = pt(r-kappa*inner, r-inner)
	x2, y2 = pt(r-inner, r-kappa*inner)
	x3, y3 = pt(t/2, r)
	z.CubeTo(x1, y1, x2, y2, x3, y3)
	z.LineTo(pt(t/2, vMax))
	z.ClosePath()

	mask := m.newMask()
	z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	return mask
}

// block draws the block elements U+2580–U+259F: halves, eighths, quadrants
// and the three shades (as translucent fills).
func (m metrics) block(r rune) *image.Alpha {
	w, h := m.cellW, m.cellH
	mask := m.newMask()
	fill := func(rect image.Rectangle, a uint8) {
		draw.Draw(mask, rect, image.NewUniform(color.Alpha{A: a}), image.Point{}, draw.Src)
	}
	eighth := func(total int, n rune) int { return int(math.Round(float64(total) * float64(n) / 8)) }
	switch {
	case r == '▀':
		fill(image.Rect(0, 0, w, eighth(h, 4)), 0xff)
	case r >= '▁' && r <= '█': // lower one eighth … full block
		fill(image.Rect(0, h-eighth(h, r-'▁'+1), w, h), 0xff)
	case r >= '▉' && r <= '▏': // left seven eighths … left one eighth
		fill(image.Rect(0, 0, eighth(w, '▐'-r), h), 0xff)
	case r == '▐':
		fill(image.Rect(eighth(w, 4), 0, w, h), 0xff)
	case r >= '░' && r <= '▓':
		fill(mask.Rect, uint8(0x40*(r-'░'+1)))
	case r == '▔':
		fill(image.Rect(0, 0, w, eighth(h, 1)), 0xff)
	case r == '▕':
		fill(image.Rect(w-eighth(w, 1), 0, w, h), 0xff)
	default:
		mx, my := eighth(w, 4), eighth(h, 4)
		for i, rect := range [4]image.Rectangle{
			image.Rect(0, 0, mx, my), image.Rect(mx, 0, w, my),
			image.Rect(0, my, mx, h), image.Rect(mx, my, w, h),
		} {
			if quadrants[r]&(1<<i) != 0 {
				fill(rect, 0xff)
			}
		}
	}
	return mask
}

// brailleDots gives the column and row of each dot of a braille pattern, in
// the order of the bits of its offset from U+2800.
var brailleDots = [8][2]int{{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}, {0, 3}, {1, 3}}

// braille draws a braille pattern as round dots on a 2×4 grid filling the
// cell, larger and steadier than the fallback font's, as spinners use them.
func (m metrics) braille(bits uint8) *image.Alpha {
	w, h := float32(m.cellW), float32(m.cellH)
	radius := max(1, w/6)
	z := vector.NewRasterizer(m.cellW, m.cellH)
	for i, d := range brailleDots {
		if bits&(1<<i) != 0 {
			circle(z, w*(0.28+0.44*float32(d[0])), h*(0.14+0.24*float32(d[1])), radius)
		}
	}
	mask := m.newMask()
	z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	return mask
}

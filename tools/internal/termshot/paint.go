package termshot

import (
	"image"
	"image/color"
	"image/draw"
	"strings"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// tabWidth is the distance between the default tab stops of a terminal.
const tabWidth = 8

// parse lays styled text out on a cols×rows grid of cells the way a terminal
// shows it: SGR sequences set the pen, lines longer than the grid are cut,
// lines beyond the last row are dropped, and other escape sequences are
// ignored.
func parse(screen string, cols, rows int) []uv.Line {
	scr := uv.NewScreenBuffer(cols, rows)
	uv.NewStyledString(sanitize(screen)).Draw(scr, scr.Bounds())
	return scr.Lines
}

// sanitize prepares text for the cell parser: invalid UTF-8 becomes U+FFFD,
// tabs become spaces up to the next tab stop, and control characters other
// than newline, carriage return and escape are removed.
func sanitize(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsFunc(s, isStrayControl) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var state byte
	col := 0
	for len(s) > 0 {
		seq, width, n, next := ansi.DecodeSequenceWc(s, state, nil)
		switch {
		case seq == "\t":
			spaces := tabWidth - col%tabWidth
			b.WriteString(strings.Repeat(" ", spaces))
			col += spaces
		case seq == "\n" || seq == "\r":
			b.WriteString(seq)
			col = 0
		case len(seq) == 1 && isStrayControl(rune(seq[0])):
		default:
			b.WriteString(seq)
			col += width
		}
		state, s = next, s[n:]
	}
	return b.String()
}

// isStrayControl reports whether r is a C0 control (or DEL) that the cell
// parser would not handle: everything but newline, carriage return and the
// escape that starts a sequence.
func isStrayControl(r rune) bool {
	return (r < 0x20 || r == 0x7f) && r != '\n' && r != '\r' && r != 0x1b
}

// pen holds the default colours a run of cells is painted against.
type pen struct{ fg, bg color.RGBA }

// colors returns the foreground and background a cell is painted with:
// reverse video swaps them, faint text is blended halfway to the background.
func (r *Renderer) colors(s *uv.Style, def pen) (fg, bg color.RGBA) {
	fg = r.theme.resolve(s.Fg, def.fg)
	bg = r.theme.resolve(s.Bg, def.bg)
	if s.Attrs&uv.AttrReverse != 0 {
		fg, bg = bg, fg
	}
	if s.Attrs&uv.AttrFaint != 0 {
		fg = mix(fg, bg, 0.5)
	}
	return fg, bg
}

// paintCells paints a grid of cells with its top-left corner at origin, onto
// a canvas already filled with def.bg. All backgrounds go down before any
// glyph, so no background hides the overhang of a neighbouring glyph.
func (r *Renderer) paintCells(dst *image.RGBA, lines []uv.Line, origin image.Point, def pen) {
	for y, line := range lines {
		for x := range line {
			c := &line[x]
			if c.Width == 0 { // the trailing half of a wide character
				continue
			}
			if _, bg := r.colors(&c.Style, def); bg != def.bg {
				fill(dst, r.cellRect(origin, x, y, c.Width), bg)
			}
		}
	}
	for y, line := range lines {
		for x := range line {
			if c := &line[x]; c.Width > 0 {
				r.paintForeground(dst, c, r.cellRect(origin, x, y, 1).Min, def)
			}
		}
	}
}

// paintForeground draws a cell's glyph, underline and strikethrough, with
// the cell's top-left corner at pt.
func (r *Renderer) paintForeground(dst *image.RGBA, c *uv.Cell, pt image.Point, def pen) {
	fg, _ := r.colors(&c.Style, def)
	attrs := c.Style.Attrs
	if attrs&uv.AttrConceal == 0 {
		if mask := r.glyphs.mask(c.Content, variantOf(attrs), c.Width); mask != nil {
			drawMask(dst, pt, mask, fg)
		}
	}
	if u := c.Style.Underline; u != ansi.UnderlineNone {
		r.decorate(dst, pt, c.Width, r.glyphs.underline(u), r.theme.resolve(c.Style.UnderlineColor, fg))
	}
	if attrs&uv.AttrStrikethrough != 0 {
		r.decorate(dst, pt, c.Width, r.glyphs.strike, fg)
	}
}

// decorate repeats a one-cell line mask across the cells of a character.
func (r *Renderer) decorate(dst *image.RGBA, pt image.Point, cells int, mask *image.Alpha, col color.RGBA) {
	for i := range cells {
		drawMask(dst, pt.Add(image.Pt(i*r.glyphs.m.cellW, 0)), mask, col)
	}
}

// variantOf returns the font variant for a cell's attributes.
func variantOf(attrs uint8) variant {
	var v variant
	if attrs&uv.AttrBold != 0 {
		v |= bold
	}
	if attrs&uv.AttrItalic != 0 {
		v |= italic
	}
	return v
}

// drawMask paints col through mask, whose bounds are relative to pt.
func drawMask(dst *image.RGBA, pt image.Point, mask *image.Alpha, col color.RGBA) {
	draw.DrawMask(dst, mask.Rect.Add(pt), image.NewUniform(col), image.Point{}, mask, mask.Rect.Min, draw.Over)
}

// fill paints rect with col.
func fill(dst *image.RGBA, rect image.Rectangle, col color.RGBA) {
	draw.Draw(dst, rect, image.NewUniform(col), image.Point{}, draw.Src)
}

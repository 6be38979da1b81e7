package termshot

import (
	"image"
	"image/draw"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// glyphKey identifies a rasterized glyph.
type glyphKey struct {
	r     rune
	v     variant
	cells int // 1, or 2 for a wide character
}

// glyphs turns characters, underlines and strikethrough into coverage masks
// and caches them. A mask's bounds are relative to the top-left corner of
// the character's first cell and may reach outside the cell (italic
// overhang, accents).
type glyphs struct {
	m         metrics
	size      float64 // pixels
	fonts     *fontSet
	primary   [4]font.Face // by variant; nil where the family lacks it
	fallbacks []font.Face  // parallel to fonts.fallbacks
	buf       sfnt.Buffer

	cache      map[glyphKey]*image.Alpha
	underlines map[ansi.Underline]*image.Alpha
	strike     *image.Alpha
}

func newGlyphs(set *fontSet, size float64) (*glyphs, error) {
	g := &glyphs{
		size:       size,
		fonts:      set,
		cache:      make(map[glyphKey]*image.Alpha),
		underlines: make(map[ansi.Underline]*image.Alpha),
	}
	for v, f := range set.primary {
		if f == nil {
			continue
		}
		face, err := newFace(f, size)
		if err != nil {
			return nil, err
		}
		g.primary[v] = face
	}
	for _, f := range set.fallbacks {
		face, err := newFace(f, size)
		if err != nil {
			return nil, err
		}
		g.fallbacks = append(g.fallbacks, face)
	}
	m, err := measure(g.primary[regular])
	if err != nil {
		return nil, err
	}
	g.m = m
	g.strike = m.strike()
	return g, nil
}

// underline returns the one-cell mask of an underline in style u.
func (g *glyphs) underline(u ansi.Underline) *image.Alpha {
	if g.underlines[u] == nil {
		g.underlines[u] = g.m.underline(u)
	}
	return g.underlines[u]
}

// mask returns the coverage mask for a cell's content drawn in variant v
// across the given number of cells, or nil when there is nothing to draw.
func (g *glyphs) mask(content string, v variant, cells int) *image.Alpha {
	r := baseRune(content)
	if r == ' ' || unicode.In(r, unicode.White_Space, unicode.Cc, unicode.Cf) {
		return nil
	}
	key := glyphKey{r: r, v: v, cells: cells}
	if mask, ok := g.cache[key]; ok {
		return mask
	}
	mask := g.render(r, v, cells)
	g.cache[key] = mask
	return mask
}

// baseRune reduces a grapheme cluster to the one character drawn for it:
// combining accents are composed where Unicode allows (e + ◌́ → é); anything
// else after the first character (variation selectors, joiners) is dropped.
func baseRune(cluster string) rune {
	r, n := utf8.DecodeRuneInString(cluster)
	if n < len(cluster) {
		r, _ = utf8.DecodeRuneInString(norm.NFC.String(cluster))
	}
	return r
}

// render draws r: box drawing and blocks by hand, other characters from the
// first font that has them, and a hollow box when none does.
func (g *glyphs) render(r rune, v variant, cells int) *image.Alpha {
	if cells == 1 {
		if mask := g.m.builtin(r); mask != nil {
			return mask
		}
	}
	face, f, fit, synthBold := g.pick(r, v)
	if face == nil {
		return g.m.tofu(cells)
	}
	mask := g.rasterize(face, f, fit, r, cells)
	if synthBold && mask != nil {
		mask = embolden(mask, g.m.line)
	}
	return mask
}

// pick chooses the face that draws r in variant v. Faces of the primary
// family are preferred, dropping italic before bold; fallback fonts come
// last, scaled to fit (fit). synthBold reports that bold was asked for but
// the chosen face is not bold.
func (g *glyphs) pick(r rune, v variant) (face font.Face, f *sfnt.Font, fit, synthBold bool) {
	for _, c := range [...]variant{v, v &^ italic, v &^ bold, regular} {
		if g.primary[c] != nil && g.has(g.fonts.primary[c], r) {
			return g.primary[c], g.fonts.primary[c], false, v&bold != 0 && c&bold == 0
		}
	}
	for i, f := range g.fonts.fallbacks {
		if g.has(f, r) {
			return g.fallbacks[i], f, true, v&bold != 0
		}
	}
	return nil, nil, false, false
}

func (g *glyphs) has(f *sfnt.Font, r rune) bool {
	i, err := f.GlyphIndex(&g.buf, r)
	return err == nil && i != 0
}

// rasterize draws r from face on its cells. A glyph of the primary font sits
// on the baseline, centred by its advance, as a terminal places it; a
// fallback glyph (fit) is placed by [glyphs.fit].
func (g *glyphs) rasterize(face font.Face, f *sfnt.Font, fit bool, r rune, cells int) *image.Alpha {
	width := fixed.I(cells * g.m.cellW)
	ink, adv, ok := face.GlyphBounds(r)
	if !ok {
		return nil
	}
	dot := fixed.Point26_6{X: (width - adv) / 2, Y: fixed.I(g.m.baseline)}
	if fit {
		face, dot = g.fit(face, f, r, ink, cells)
	}
	dr, src, sp, _, ok := face.Glyph(dot, r)
	if !ok {
		return nil
	}
	if isBoxDrawing(r) {
		// The font's line height differs from the cell's: cut what sticks
		// out, or it would overlap the next row's line and look beaded.
		clipped := dr.Intersect(image.Rect(0, 0, cells*g.m.cellW, g.m.cellH))
		sp = sp.Add(clipped.Min.Sub(dr.Min))
		dr = clipped
	}
	if dr.Empty() {
		return nil
	}
	// The face reuses its mask buffer between calls: copy it.
	mask := image.NewAlpha(dr)
	draw.Draw(mask, dr, src, sp, draw.Src)
	return mask
}

// isBoxDrawing reports whether r is in the box-drawing or block-elements
// block, whose glyphs are meant to fill their cell and no more.
func isBoxDrawing(r rune) bool {
	return r >= 0x2500 && r <= 0x259f
}

// fit returns the face and dot that place a glyph of a fallback font, whose
// proportions differ from the primary font's. The glyph is shrunk when its
// ink is wider or taller than its cells, centred by its advance (so that
// the frames of a spinner stay in place), then nudged inside its cells if
// its ink sticks out.
func (g *glyphs) fit(face font.Face, f *sfnt.Font, r rune, ink fixed.Rectangle26_6, cells int) (font.Face, fixed.Point26_6) {
	width, height := fixed.I(cells*g.m.cellW), fixed.I(g.m.cellH)
	midY := fixed.I(g.m.baseline) + (ink.Min.Y+ink.Max.Y)/2 // vertical centre of the ink in the cell
	adv, _ := face.GlyphAdvance(r)
	// Keep half a pixel clear on each side.
	if scale := min(ratio(width-fixed.I(1), ink.Max.X-ink.Min.X), ratio(height, ink.Max.Y-ink.Min.Y)); scale < 1 {
		if small, err := newFace(f, g.size*scale); err == nil {
			if b, a, ok := small.GlyphBounds(r); ok {
				face, ink, adv = small, b, a
			}
		}
	}
	dot := fixed.Point26_6{X: (width - adv) / 2, Y: midY - (ink.Min.Y+ink.Max.Y)/2}
	dot.X = clamp(dot.X, -ink.Min.X, width-ink.Max.X)
	dot.Y = clamp(dot.Y, -ink.Min.Y, height-ink.Max.Y)
	return face, dot
}

// clamp limits x to [lo, hi], preferring lo when the range is empty.
func clamp(x, lo, hi fixed.Int26_6) fixed.Int26_6 {
	return max(min(x, hi), lo)
}

// ratio returns have/need, or 1 when need is not positive.
func ratio(have, need fixed.Int26_6) float64 {
	if need <= 0 {
		return 1
	}
	return float64(have) / float64(need)
}

// embolden thickens a mask by overlaying a copy shifted d pixels right, the
// way terminals fake bold for fonts without a bold face.
func embolden(m *image.Alpha, d int) *image.Alpha {
	r := m.Rect
	out := image.NewAlpha(image.Rect(r.Min.X, r.Min.Y, r.Max.X+d, r.Max.Y))
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X+d; x++ {
			a := m.AlphaAt(x, y).A
			if s := m.AlphaAt(x-d, y).A; s > a {
				a = s
			}
			out.Pix[out.PixOffset(x, y)] = a
		}
	}
	return out
}

// Package termshot renders a terminal screen, given as text with ANSI SGR
// escape sequences (what tmux capture-pane -e prints, or a Bubble Tea view),
// into an image, as a terminal emulator would draw it.
//
// Text is laid out on a fixed grid of cells with
// github.com/charmbracelet/ultraviolet and painted cell by cell with an
// OpenType monospace font: JetBrains Mono or DejaVu Sans Mono, with DejaVu
// Sans, then Symbola (emoji, in outline) for characters they lack. Box-drawing and block characters are drawn
// by hand so that borders always join.
package termshot

import (
	"fmt"
	"image"
	"math"
)

// Defaults and limits of [Options] and [Render].
const (
	DefaultFontSize = 14 // pixels at scale 1
	DefaultPadding  = 16 // pixels at scale 1

	MaxCols   = 1000
	MaxRows   = 1000
	MaxScale  = 8
	MaxPixels = 64 << 20 // largest image Render makes (256 MiB of RGBA)
)

// Options control the look of a screenshot. The zero value is a plain dark
// screenshot at 14 px with the installed default font.
type Options struct {
	// FontPath is a monospace TrueType or OpenType font file. Bold and italic
	// faces are taken from files named like it (X-Regular.ttf → X-Bold.ttf,
	// X-Italic.ttf). Empty means JetBrains Mono, else DejaVu Sans Mono, from
	// the usual system font directories.
	FontPath string
	// FontSize is the font size in pixels at scale 1; zero means
	// DefaultFontSize.
	FontSize float64
	// Scale multiplies every size, e.g. 2 for sharp images on high-density
	// displays; zero means 1.
	Scale float64
	// Padding is the margin around the cell grid in pixels at scale 1; zero
	// means DefaultPadding and a negative value means none.
	Padding int
	// Frame draws the screen as a window with rounded corners and a title
	// bar. The corners outside the window are transparent.
	Frame bool
	// Title is shown in the title bar of the frame.
	Title string
	// Theme supplies the default and the 16 ANSI colours; nil means
	// DefaultTheme.
	Theme *Theme
}

// Renderer renders screens with one set of options, keeping faces and
// rasterized glyphs between calls. A Renderer is not safe for concurrent use.
type Renderer struct {
	theme  Theme
	scale  float64
	pad    int
	frame  bool
	title  string
	glyphs *glyphs
}

// NewRenderer checks the options and loads the fonts.
func NewRenderer(opts Options) (*Renderer, error) {
	size, scale := opts.FontSize, opts.Scale
	if size == 0 {
		size = DefaultFontSize
	}
	if scale == 0 {
		scale = 1
	}
	if !(size >= 1 && size <= 200) { // also rejects NaN
		return nil, fmt.Errorf("termshot: font size %v out of range: want 1 to 200 pixels", opts.FontSize)
	}
	if !(scale > 0 && scale <= MaxScale) {
		return nil, fmt.Errorf("termshot: scale %v out of range: want more than 0, at most %d", opts.Scale, MaxScale)
	}
	fonts, err := loadFontSet(opts.FontPath)
	if err != nil {
		return nil, err
	}
	g, err := newGlyphs(fonts, size*scale)
	if err != nil {
		return nil, err
	}
	r := &Renderer{
		theme:  DefaultTheme,
		scale:  scale,
		frame:  opts.Frame,
		title:  opts.Title,
		glyphs: g,
	}
	if opts.Theme != nil {
		r.theme = *opts.Theme
	}
	switch {
	case opts.Padding == 0:
		r.pad = r.px(DefaultPadding)
	case opts.Padding > 0:
		r.pad = r.px(float64(opts.Padding))
	}
	return r, nil
}

// Render paints screen on a grid of cols×rows cells; see [Renderer.Render].
func Render(screen string, cols, rows int, opts Options) (*image.RGBA, error) {
	r, err := NewRenderer(opts)
	if err != nil {
		return nil, err
	}
	return r.Render(screen, cols, rows)
}

// Render paints screen, text with SGR escape sequences, on a grid of
// cols×rows cells. Lines are separated by "\n" (or "\r\n"); text beyond the
// grid is cut off, and escape sequences other than SGR and OSC 8 hyperlinks
// are ignored. Bad input never fails: invalid UTF-8 shows as U+FFFD and
// characters no font has as hollow boxes. Errors concern only the grid size.
func (r *Renderer) Render(screen string, cols, rows int) (*image.RGBA, error) {
	if cols < 1 || cols > MaxCols || rows < 1 || rows > MaxRows {
		return nil, fmt.Errorf("termshot: screen size %d×%d out of range: want 1 to %d columns and 1 to %d rows",
			cols, rows, MaxCols, MaxRows)
	}
	size := r.imageSize(cols, rows)
	if int64(size.X)*int64(size.Y) > MaxPixels {
		return nil, fmt.Errorf("termshot: a %d×%d pixel image is too large (limit %d pixels); lower the scale or font size",
			size.X, size.Y, MaxPixels)
	}
	img := image.NewRGBA(image.Rectangle{Max: size})
	def := pen{fg: r.theme.Foreground, bg: r.theme.Background}
	if r.frame {
		r.paintFrame(img)
	} else {
		fill(img, img.Rect, def.bg)
	}
	r.paintCells(img, parse(screen, cols, rows), r.gridOrigin(), def)
	return img, nil
}

// CellSize returns the size of one cell in pixels.
func (r *Renderer) CellSize() image.Point {
	return image.Pt(r.glyphs.m.cellW, r.glyphs.m.cellH)
}

// CellBounds returns the pixel rectangle of the cell at column col and row
// row (both from 0) in the images this renderer makes.
func (r *Renderer) CellBounds(col, row int) image.Rectangle {
	return r.cellRect(r.gridOrigin(), col, row, 1)
}

// cellRect returns the rectangle of a character cells wide at (col, row) of
// a grid whose top-left corner is origin.
func (r *Renderer) cellRect(origin image.Point, col, row, cells int) image.Rectangle {
	m := r.glyphs.m
	tl := origin.Add(image.Pt(col*m.cellW, row*m.cellH))
	return image.Rectangle{Min: tl, Max: tl.Add(image.Pt(cells*m.cellW, m.cellH))}
}

// gridOrigin returns the top-left corner of the cell grid. Below a title bar
// half the padding is enough.
func (r *Renderer) gridOrigin() image.Point {
	if r.frame {
		return image.Pt(r.pad, r.titleBarHeight()+r.pad/2)
	}
	return image.Pt(r.pad, r.pad)
}

// imageSize returns the size of the image for a cols×rows grid: the grid,
// the padding around it and the title bar.
func (r *Renderer) imageSize(cols, rows int) image.Point {
	return r.cellRect(r.gridOrigin(), cols-1, rows-1, 1).Max.Add(image.Pt(r.pad, r.pad))
}

// px converts a length at scale 1 to whole pixels at the renderer's scale.
func (r *Renderer) px(v float64) int {
	return int(math.Round(v * r.scale))
}

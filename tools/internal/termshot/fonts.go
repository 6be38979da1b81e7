package termshot

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// ErrNoFont is returned when no font path was given and none of the known
// monospace fonts is installed.
var ErrNoFont = errors.New("termshot: no monospace font found")

// primaryFonts are the regular faces looked for, best first: JetBrains Mono
// (package fonts-jetbrains-mono), then DejaVu Sans Mono (fonts-dejavu-core).
// Both carry the box-drawing block; Go's gomono does not.
var primaryFonts = []string{
	"/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Regular.ttf", // Debian, Ubuntu
	"/usr/share/fonts/TTF/JetBrainsMono-Regular.ttf",                     // Arch
	"/Library/Fonts/JetBrainsMono-Regular.ttf",                           // macOS
	"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",                // Debian, Ubuntu
	"/usr/share/fonts/TTF/DejaVuSansMono.ttf",                            // Arch
	"/usr/share/fonts/dejavu-sans-mono-fonts/DejaVuSansMono.ttf",         // Fedora
}

// fallbackFonts supply glyphs missing from the primary font (braille
// spinners, ✓, ★, emoji …), tried in order. Missing files are skipped.
var fallbackFonts = []string{
	"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
	"/usr/share/fonts/TTF/DejaVuSansMono.ttf",
	"/usr/share/fonts/dejavu-sans-mono-fonts/DejaVuSansMono.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"/usr/share/fonts/TTF/DejaVuSans.ttf",
	"/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
	// Symbola (fonts-symbola) draws emoji in outline, such as the icons
	// Notion gives pages and databases (📚 ✅ 🚀), and symbols like ⚿.
	"/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", // Debian, Ubuntu
	"/usr/share/fonts/TTF/Symbola.ttf",                           // Arch
}

// variant selects a face of the primary font family.
type variant uint8

const (
	regular variant = 0
	bold    variant = 1
	italic  variant = 2
)

// fontSet is the primary family (variants may be nil when not installed)
// plus the fallback fonts.
type fontSet struct {
	primary   [4]*sfnt.Font // indexed by variant: regular, bold, italic, bold|italic
	fallbacks []*sfnt.Font
}

// loadFontSet loads the primary font from path, or from the known locations
// when path is empty, together with its bold and italic siblings and the
// fallback fonts.
func loadFontSet(path string) (*fontSet, error) {
	if path == "" {
		path = firstExisting(primaryFonts)
		if path == "" {
			return nil, fmt.Errorf("%w (looked for %s); install fonts-jetbrains-mono or fonts-dejavu-core, or pass a font file",
				ErrNoFont, strings.Join(primaryFonts, ", "))
		}
	}
	reg, err := loadFont(path)
	if err != nil {
		return nil, err
	}
	set := &fontSet{}
	set.primary[regular] = reg
	for v, names := range siblingNames(path) {
		for _, name := range names {
			if f, err := loadFont(name); err == nil {
				set.primary[v+1] = f
				break
			}
		}
	}
	for _, p := range fallbackFonts {
		if sameFile(p, path) {
			continue
		}
		if f, err := loadFont(p); err == nil {
			set.fallbacks = append(set.fallbacks, f)
		}
	}
	return set, nil
}

// siblingNames lists, for the bold, italic and bold italic variants in that
// order, the file names the family would use next to the regular face:
// JetBrainsMono-Regular.ttf → JetBrainsMono-Bold.ttf, DejaVuSansMono.ttf →
// DejaVuSansMono-Oblique.ttf and so on.
func siblingNames(regularPath string) [3][]string {
	dir, file := filepath.Split(regularPath)
	ext := filepath.Ext(file)
	stem := strings.TrimSuffix(file, ext)
	base, hasRegular := strings.CutSuffix(stem, "-Regular")
	if !hasRegular {
		base = stem
	}
	name := func(suffix string) string { return dir + base + "-" + suffix + ext }
	return [3][]string{
		{name("Bold")},
		{name("Italic"), name("Oblique")},
		{name("BoldItalic"), name("BoldOblique")},
	}
}

// firstExisting returns the first of paths that is a regular file, or "".
func firstExisting(paths []string) string {
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// sameFile reports whether paths a and b name the same existing file.
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// parsed caches fonts by path: parsing is the slow part of a first render,
// and an *sfnt.Font is safe for concurrent use.
var parsed sync.Map // string → *sfnt.Font

// loadFont reads and parses a TrueType or OpenType font file.
func loadFont(path string) (*sfnt.Font, error) {
	if f, ok := parsed.Load(path); ok {
		return f.(*sfnt.Font), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("termshot: font file %s does not exist", path)
		}
		return nil, fmt.Errorf("termshot: read font: %w", err)
	}
	f, err := opentype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("termshot: %s is not a TrueType/OpenType font: %w", path, err)
	}
	parsed.Store(path, f)
	return f, nil
}

// metrics is the pixel geometry of one terminal cell.
type metrics struct {
	cellW, cellH int
	baseline     int // from the cell's top
	xHeight      int
	descent      int
	line         int // thickness of light lines, underlines and strikethrough
}

// newFace returns a face of f at size pixels. Hinting is off so that advances
// keep their fractional width; the renderer places every glyph on its own grid.
func newFace(f *sfnt.Font, size float64) (font.Face, error) {
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
}

// measure derives the cell geometry from the regular face: the advance of a
// digit wide, ascent plus descent tall.
func measure(face font.Face) (metrics, error) {
	adv, ok := face.GlyphAdvance('0')
	if !ok {
		return metrics{}, errors.New("termshot: the font has no digit glyphs; is it a text font?")
	}
	fm := face.Metrics()
	asc, desc := toFloat(fm.Ascent), toFloat(fm.Descent)
	m := metrics{
		cellW:   max(1, int(math.Round(toFloat(adv)))),
		cellH:   max(1, int(math.Ceil(asc+desc))),
		descent: int(math.Round(desc)),
	}
	m.baseline = int(math.Round(asc + (float64(m.cellH)-asc-desc)/2))
	// The OS/2 x-height is missing or signed differently across fonts; the
	// ink of an 'x' is reliable.
	if b, _, ok := face.GlyphBounds('x'); ok {
		m.xHeight = int(math.Round(-toFloat(b.Min.Y)))
	}
	if m.xHeight <= 0 || m.xHeight >= m.baseline {
		m.xHeight = m.baseline / 2
	}
	m.line = max(1, int(math.Round(float64(m.cellW)/9)))
	return m, nil
}

func toFloat(x fixed.Int26_6) float64 { return float64(x) / 64 }

package termshot

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// plain renders without padding or frame, so cell (0, 0) starts at pixel (0, 0).
var plain = Options{Padding: -1}

// newRenderer returns a renderer for opts, skipping the test when the machine
// has none of the fonts the package looks for.
func newRenderer(t testing.TB, opts Options) *Renderer {
	t.Helper()
	r, err := NewRenderer(opts)
	if errors.Is(err, ErrNoFont) {
		t.Skipf("no font installed: %v", err)
	}
	if err != nil {
		t.Fatalf("NewRenderer: %v", err)
	}
	return r
}

// eachFont runs f with a renderer for every installed known font family, so
// that the behaviour holds whichever font a machine has.
func eachFont(t *testing.T, opts Options, f func(t *testing.T, r *Renderer)) {
	t.Helper()
	ran := false
	for _, path := range primaryFonts {
		if firstExisting([]string{path}) == "" {
			continue
		}
		ran = true
		t.Run(filepath.Base(path), func(t *testing.T) {
			o := opts
			o.FontPath = path
			f(t, newRenderer(t, o))
		})
	}
	if !ran {
		t.Skip("none of the known fonts is installed")
	}
}

func render(t testing.TB, r *Renderer, screen string, cols, rows int) *image.RGBA {
	t.Helper()
	img, err := r.Render(screen, cols, rows)
	if err != nil {
		t.Fatalf("Render(%q, %d, %d): %v", screen, cols, rows, err)
	}
	return img
}

// count returns how many pixels of rect have exactly colour c.
func count(img *image.RGBA, rect image.Rectangle, c color.RGBA) int {
	n := 0
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			if img.RGBAAt(x, y) == c {
				n++
			}
		}
	}
	return n
}

// ink returns how many pixels of rect differ from the colour bg.
func ink(img *image.RGBA, rect image.Rectangle, bg color.RGBA) int {
	return rect.Dx()*rect.Dy() - count(img, rect, bg)
}

func TestRenderColours(t *testing.T) {
	r := newRenderer(t, plain)
	th := DefaultTheme
	tests := []struct {
		name   string
		screen string
		want   color.RGBA // every pixel of cell (0, 0)
	}{
		{"default background", " ", th.Background},
		{"24-bit background", "\x1b[48;2;12;34;56m \x1b[0m", hex(0x0c2238)},
		{"24-bit background, colon form", "\x1b[48:2::200:100:50m ", hex(0xc86432)},
		{"ANSI background from the theme", "\x1b[41m ", th.ANSI[1]},
		{"bright ANSI background", "\x1b[104m ", th.ANSI[12]},
		{"256-colour index below 16 uses the theme", "\x1b[48;5;3m ", th.ANSI[3]},
		{"256-colour cube", "\x1b[48;5;67m ", hex(0x5f87af)},
		{"256-colour grey", "\x1b[48;5;244m ", hex(0x808080)},
		{"reverse video swaps default colours", "\x1b[7m ", th.Foreground},
		{"reverse video swaps set colours", "\x1b[31;7m \x1b[27m", th.ANSI[1]},
		{"reset to default background", "\x1b[41m\x1b[49m ", th.Background},
		{"full block in 24-bit foreground", "\x1b[38;2;1;2;3m█", hex(0x010203)},
		{"reverse full block draws the background colour", "\x1b[38;2;1;2;3;48;2;4;5;6;7m█", hex(0x040506)},
		{"concealed full block is not drawn", "\x1b[8m█", th.Background},
		{"faint full block is halfway to the background", "\x1b[2;38;2;200;100;0;48;2;0;0;0m█", hex(0x643200)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := render(t, r, tt.screen, 2, 1)
			cell := r.CellBounds(0, 0)
			if n := count(img, cell, tt.want); n != cell.Dx()*cell.Dy() {
				t.Errorf("%d of %d pixels are %v; pixel (0,0) is %v", n, cell.Dx()*cell.Dy(), tt.want, img.RGBAAt(0, 0))
			}
		})
	}
}

func TestResolveColour(t *testing.T) {
	th := DefaultTheme
	def := hex(0x123456)
	tests := []struct {
		in   color.Color
		want color.RGBA
	}{
		{nil, def},
		{color.Transparent, def},
		{color.RGBA{R: 1, G: 2, B: 3, A: 0xff}, hex(0x010203)},
		{color.NRGBA{R: 0xff, G: 0x80, B: 0, A: 0x80}, hex(0xff8000)}, // alpha dropped, not blended
		{ansi.BasicColor(9), th.ANSI[9]},
		{ansi.RGBColor{R: 9, G: 8, B: 7}, hex(0x090807)},
	}
	for i := range 256 {
		want := xterm256(i)
		if i < 16 {
			want = th.ANSI[i]
		}
		tests = append(tests, struct {
			in   color.Color
			want color.RGBA
		}{ansi.IndexedColor(i), want})
	}
	for _, tt := range tests {
		if got := th.resolve(tt.in, def); got != tt.want {
			t.Errorf("resolve(%#v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// xterm256 computes colour i of the xterm 256-colour palette (i ≥ 16).
func xterm256(i int) color.RGBA {
	if i >= 232 {
		v := uint8(8 + 10*(i-232))
		return color.RGBA{R: v, G: v, B: v, A: 0xff}
	}
	level := func(n int) uint8 {
		if n == 0 {
			return 0
		}
		return uint8(55 + 40*n)
	}
	i -= 16
	return color.RGBA{R: level(i / 36), G: level(i / 6 % 6), B: level(i % 6), A: 0xff}
}

func TestDecorations(t *testing.T) {
	eachFont(t, plain, testDecorations)
}

func testDecorations(t *testing.T, r *Renderer) {
	fg, bg := DefaultTheme.Foreground, DefaultTheme.Background
	tests := []struct {
		name   string
		screen string
		col    color.RGBA // colour of a full-width line expected in the cell
	}{
		{"underline", "\x1b[4m ", fg},
		{"double underline", "\x1b[4:2m ", fg},
		{"underline colour", "\x1b[4;58;2;250;1;2m ", hex(0xfa0102)},
		{"strikethrough", "\x1b[9m ", fg},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := render(t, r, tt.screen+"\x1b[0m ", 2, 1)
			cell := r.CellBounds(0, 0)
			if len(solidRows(img, cell, tt.col)) == 0 {
				t.Errorf("no pixel row of the cell is entirely %v", tt.col)
			}
			if n := ink(img, r.CellBounds(1, 0), bg); n != 0 {
				t.Errorf("the undecorated cell has %d non-background pixels", n)
			}
		})
	}
}

// solidRows returns the y of each pixel row of rect entirely in colour c.
func solidRows(img *image.RGBA, rect image.Rectangle, c color.RGBA) []int {
	var ys []int
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		if count(img, image.Rect(rect.Min.X, y, rect.Max.X, y+1), c) == rect.Dx() {
			ys = append(ys, y)
		}
	}
	return ys
}

// solidCols returns the x of each pixel column of rect entirely in colour c.
func solidCols(img *image.RGBA, rect image.Rectangle, c color.RGBA) []int {
	var xs []int
	for x := rect.Min.X; x < rect.Max.X; x++ {
		if count(img, image.Rect(x, rect.Min.Y, x+1, rect.Max.Y), c) == rect.Dy() {
			xs = append(xs, x)
		}
	}
	return xs
}

func TestBordersJoin(t *testing.T) {
	for _, scale := range []float64{1, 1.5, 2} {
		t.Run(fmt.Sprint("scale ", scale), func(t *testing.T) {
			eachFont(t, Options{Padding: -1, Scale: scale}, testBordersJoin)
		})
	}
}

func testBordersJoin(t *testing.T, r *Renderer) {
	fg := DefaultTheme.Foreground
	img := render(t, r, "╭─┬─╮\n│ ┃ │\n├─╋━┤\n╰─┴─╯", 5, 4)
	for _, c := range []struct {
		col, row int
		across   bool // a line spans the cell's width, else its height
	}{
		{1, 0, true}, {3, 0, true}, {1, 2, true}, {3, 2, true}, {1, 3, true},
		{0, 1, false}, {2, 1, false}, {4, 1, false}, {0, 2, false}, {2, 2, false}, {4, 2, false},
	} {
		cell := r.CellBounds(c.col, c.row)
		lines, what := solidCols(img, cell, fg), "column"
		if c.across {
			lines, what = solidRows(img, cell, fg), "row"
		}
		if len(lines) == 0 {
			t.Errorf("cell (%d,%d) has no pixel %s entirely in the line colour", c.col, c.row, what)
		}
	}
	// The rounded corner meets its neighbours: its edge pixels next to the
	// lines of ─ (right) and │ (below) are solid too.
	corner, right, below := r.CellBounds(0, 0), r.CellBounds(1, 0), r.CellBounds(0, 1)
	for _, y := range solidRows(img, right, fg) {
		if c := img.RGBAAt(corner.Max.X-1, y); c != fg {
			t.Errorf("╭ does not join ─ at row %d: %v", y, c)
		}
	}
	for _, x := range solidCols(img, below, fg) {
		if c := img.RGBAAt(x, corner.Max.Y-1); c != fg {
			t.Errorf("╭ does not join │ at column %d: %v", x, c)
		}
	}
}

func TestImageSize(t *testing.T) {
	one := newRenderer(t, plain)
	cell := one.CellSize()
	tests := []struct {
		name       string
		opts       Options
		cols, rows int
		want       func(cell image.Point) image.Point
	}{
		{"no padding", plain, 80, 24, func(c image.Point) image.Point { return image.Pt(80*c.X, 24*c.Y) }},
		{"default padding", Options{}, 80, 24, func(c image.Point) image.Point {
			return image.Pt(80*c.X+2*DefaultPadding, 24*c.Y+2*DefaultPadding)
		}},
		{"padding at scale 2", Options{Padding: 10, Scale: 2}, 10, 3, func(c image.Point) image.Point {
			return image.Pt(10*c.X+40, 3*c.Y+40)
		}},
		{"one cell", plain, 1, 1, func(c image.Point) image.Point { return c }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRenderer(t, tt.opts)
			img := render(t, r, "hello", tt.cols, tt.rows)
			if got, want := img.Rect.Size(), tt.want(r.CellSize()); got != want {
				t.Errorf("size %v, want %v", got, want)
			}
		})
	}

	two := newRenderer(t, Options{Padding: -1, Scale: 2})
	for _, d := range []struct {
		name     string
		one, two int
	}{{"width", cell.X, two.CellSize().X}, {"height", cell.Y, two.CellSize().Y}} {
		if diff := d.two - 2*d.one; diff < -1 || diff > 1 {
			t.Errorf("cell %s at scale 2 is %d px, want about 2×%d", d.name, d.two, d.one)
		}
	}

	framed := newRenderer(t, Options{Frame: true, Title: "x"})
	unframed := newRenderer(t, Options{})
	f, u := render(t, framed, "", 20, 5).Rect.Size(), render(t, unframed, "", 20, 5).Rect.Size()
	if f.X != u.X || f.Y <= u.Y {
		t.Errorf("framed size %v, unframed %v: want the same width and a taller frame", f, u)
	}
}

func TestWideCharacters(t *testing.T) {
	eachFont(t, plain, testWideCharacters)
}

func testWideCharacters(t *testing.T, r *Renderer) {
	bg := DefaultTheme.Background
	red := hex(0xc80000)
	// A wide character takes two cells: its background covers both, and the
	// next character starts in the third cell.
	img := render(t, r, "\x1b[48;2;200;0;0m日\x1b[0m█", 4, 1)
	for col := range 2 {
		cell := r.CellBounds(col, 0)
		if n := count(img, cell, red); n == 0 {
			t.Errorf("cell %d has none of the wide character's background", col)
		}
		if n := ink(img, cell, red); n == 0 {
			t.Errorf("cell %d has no glyph ink", col)
		}
	}
	block := r.CellBounds(2, 0)
	if n := count(img, block, DefaultTheme.Foreground); n != block.Dx()*block.Dy() {
		t.Errorf("the character after the wide one is not in cell 2")
	}
	if n := ink(img, r.CellBounds(3, 0), bg); n != 0 {
		t.Errorf("cell 3 should be empty, has %d ink pixels", n)
	}

	// An emoji no font draws is a box two cells wide: the line keeps its place.
	img = render(t, r, "🚀█", 3, 1)
	if n := ink(img, r.CellBounds(1, 0), bg); n == 0 {
		t.Error("the missing emoji draws nothing in its second cell")
	}
	if n := count(img, r.CellBounds(2, 0), DefaultTheme.Foreground); n != block.Dx()*block.Dy() {
		t.Error("the character after the emoji moved")
	}

	// A wide character that does not fit in the last column is dropped.
	img = render(t, r, "ab日", 3, 1)
	if n := ink(img, r.CellBounds(2, 0), bg); n != 0 {
		t.Errorf("half a wide character was drawn in the last column (%d pixels)", n)
	}
}

// TestGlyphsStayInTheirCell checks characters drawn from the fallback font,
// which has other proportions: each fits its cell, so nothing bleeds into
// the neighbours.
func TestGlyphsStayInTheirCell(t *testing.T) {
	eachFont(t, plain, testGlyphsStayInTheirCell)
}

func testGlyphsStayInTheirCell(t *testing.T, r *Renderer) {
	bg := DefaultTheme.Background
	for _, ch := range []string{"✓", "★", "⠋", "⣿", "•", "M", "é", "e\u0301"} {
		img := render(t, r, " "+ch+" ", 3, 1)
		if ink(img, r.CellBounds(1, 0), bg) == 0 {
			t.Errorf("%q: nothing drawn", ch)
		}
		for _, col := range []int{0, 2} {
			if n := ink(img, r.CellBounds(col, 0), bg); n != 0 {
				t.Errorf("%q: %d pixels spill into cell %d", ch, n, col)
			}
		}
	}
}

func TestBoldAndItalic(t *testing.T) {
	eachFont(t, plain, testBoldAndItalic)
}

func testBoldAndItalic(t *testing.T, r *Renderer) {
	// Count the pixels fully in the text colour.
	weight := func(screen string) int {
		return count(render(t, r, screen, 4, 1), image.Rect(0, 0, 4*r.CellSize().X, r.CellSize().Y), DefaultTheme.Foreground)
	}
	regular, bold := weight("MMMM"), weight("\x1b[1mMMMM")
	if bold <= regular {
		t.Errorf("bold text has %d solid pixels, regular %d: want more", bold, regular)
	}
	a := render(t, r, "\x1b[3mlll", 3, 1)
	b := render(t, r, "lll", 3, 1)
	if string(a.Pix) == string(b.Pix) {
		t.Error("italic text looks like upright text")
	}
}

func TestEmbolden(t *testing.T) {
	m := image.NewAlpha(image.Rect(2, 0, 3, 2))
	m.SetAlpha(2, 0, color.Alpha{A: 200})
	m.SetAlpha(2, 1, color.Alpha{A: 50})
	got := embolden(m, 2)
	if want := image.Rect(2, 0, 5, 2); got.Rect != want {
		t.Fatalf("bounds %v, want %v", got.Rect, want)
	}
	for _, p := range []struct {
		x, y int
		a    uint8
	}{{2, 0, 200}, {3, 0, 0}, {4, 0, 200}, {4, 1, 50}} {
		if a := got.AlphaAt(p.x, p.y).A; a != p.a {
			t.Errorf("alpha at (%d,%d) = %d, want %d", p.x, p.y, a, p.a)
		}
	}
}

func TestFrame(t *testing.T) {
	r := newRenderer(t, Options{Frame: true, Title: "notion-tui \x1b[31mred\x1b[0m\nsecond line"})
	img := render(t, r, "x", 20, 3)
	if c := img.RGBAAt(0, 0); c.A != 0 {
		t.Errorf("the corner outside the window is %v, want transparent", c)
	}
	mid := img.Rect.Max.Div(2)
	if c := img.RGBAAt(mid.X, img.Rect.Max.Y-r.pad/2); c != DefaultTheme.Background {
		t.Errorf("inside the window: %v, want the background", c)
	}
	bar := image.Rect(0, 0, img.Rect.Dx(), r.gridOrigin().Y)
	if count(img, bar, trafficLights[0]) == 0 {
		t.Error("no close button in the title bar")
	}
	// The title is drawn in the middle of the bar, in one muted colour: its
	// escape codes do not turn it red.
	title := image.Rect(bar.Dx()/3, 0, bar.Dx()*2/3, bar.Dy())
	if ink(img, title, DefaultTheme.Background) == 0 {
		t.Error("no title text in the middle of the title bar")
	}
	for y := title.Min.Y; y < title.Max.Y; y++ {
		for x := title.Min.X; x < title.Max.X; x++ {
			if c := img.RGBAAt(x, y); int(c.R) > int(c.G)+40 {
				t.Fatalf("reddish pixel %v at (%d,%d): escape codes in the title were applied", c, x, y)
			}
		}
	}
	if got, want := r.CellBounds(0, 0).Min, r.gridOrigin(); got != want || got.Y < r.titleBarHeight() {
		t.Errorf("first cell at %v, want %v below the title bar", got, want)
	}
}

func TestPlainLine(t *testing.T) {
	tests := map[string]string{
		"":                         "",
		"notion-tui":               "notion-tui",
		"\x1b[1mbold\x1b[0m":       "bold",
		"first\nsecond":            "first",
		"  spaced\t\a ":            "spaced",
		"tab\tinside":              "tabinside",
		"\x1b]0;window title\x07x": "x",
	}
	for in, want := range tests {
		if got := plainLine(in); got != want {
			t.Errorf("plainLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOptionErrors(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"negative scale", Options{Scale: -1}, "scale"},
		{"huge scale", Options{Scale: 9}, "scale"},
		{"NaN scale", Options{Scale: math.NaN()}, "scale"},
		{"tiny font", Options{FontSize: 0.5}, "font size"},
		{"huge font", Options{FontSize: 500}, "font size"},
		{"missing font file", Options{FontPath: "/nonexistent/Mono-Regular.ttf"}, "/nonexistent/Mono-Regular.ttf does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewRenderer(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestSizeErrors(t *testing.T) {
	r := newRenderer(t, Options{})
	for _, size := range [][2]int{{0, 10}, {10, 0}, {-1, -1}, {MaxCols + 1, 10}, {10, MaxRows + 1}} {
		if _, err := r.Render("x", size[0], size[1]); err == nil || !strings.Contains(err.Error(), "out of range") {
			t.Errorf("Render at %d×%d: error %v, want out of range", size[0], size[1], err)
		}
	}
	big := newRenderer(t, Options{Scale: MaxScale, FontSize: 100})
	if _, err := big.Render("x", MaxCols, MaxRows); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("huge image: error %v, want too large", err)
	}
}

// TestConcurrentRender renders from several goroutines at once, each with
// its own renderer, as parallel tests of the app would; run with -race.
func TestConcurrentRender(t *testing.T) {
	newRenderer(t, Options{}) // skip without fonts
	want, err := Render("\x1b[1;32m✓ ok\x1b[0m ╭─╮ ⠋", 20, 2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			img, err := Render("\x1b[1;32m✓ ok\x1b[0m ╭─╮ ⠋", 20, 2, Options{})
			if err == nil && string(img.Pix) != string(want.Pix) {
				err = errors.New("a concurrent render differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

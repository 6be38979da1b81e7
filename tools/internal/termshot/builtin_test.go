package termshot

import (
	"image"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// testMetrics is a typical cell: 8×17 pixels with 1-pixel lines.
var testMetrics = metrics{cellW: 8, cellH: 17, baseline: 13, xHeight: 7, descent: 3, line: 1}

func TestBoxArmsTable(t *testing.T) {
	for r, arms := range boxArms {
		if r < 0x2500 || r > 0x257f {
			t.Errorf("%U is not a box-drawing character", r)
		}
		if len(arms) != 4 || arms == "0000" {
			t.Errorf("%c: arms %q, want four weights, not all zero", r, arms)
		}
		for _, w := range arms {
			if w < '0' || w > '3' {
				t.Errorf("%c: arm weight %q out of range", r, w)
			}
		}
	}
}

// union returns the pixelwise maximum of masks of the same size.
func union(masks ...*image.Alpha) *image.Alpha {
	out := image.NewAlpha(masks[0].Rect)
	for _, m := range masks {
		for i, a := range m.Pix {
			out.Pix[i] = max(out.Pix[i], a)
		}
	}
	return out
}

func TestBoxLinesCompose(t *testing.T) {
	for _, m := range []metrics{testMetrics, {cellW: 17, cellH: 38, line: 2}, {cellW: 13, cellH: 26, line: 1}} {
		for _, tt := range []struct {
			whole rune
			parts []rune
		}{
			{'┼', []rune{'─', '│'}},
			{'┼', []rune{'╴', '╵', '╶', '╷'}},
			{'╋', []rune{'━', '┃'}},
			{'├', []rune{'│', '╶'}},
			{'┘', []rune{'╵', '╴'}},
		} {
			var parts []*image.Alpha
			for _, p := range tt.parts {
				parts = append(parts, m.builtin(p))
			}
			if got, want := m.builtin(tt.whole), union(parts...); string(got.Pix) != string(want.Pix) {
				t.Errorf("%dx%d: %c differs from the union of %q", m.cellW, m.cellH, tt.whole, string(tt.parts))
			}
		}
	}
}

// column returns the alpha values of column x of m, top to bottom.
func column(m *image.Alpha, x int) []uint8 {
	var out []uint8
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		out = append(out, m.AlphaAt(x, y).A)
	}
	return out
}

// runs counts the runs of opaque pixels in a line of alpha values.
func runs(line []uint8) int {
	n, in := 0, false
	for _, a := range line {
		if a == 0xff && !in {
			n++
		}
		in = a == 0xff
	}
	return n
}

func TestDoubleLines(t *testing.T) {
	m := testMetrics
	mid := m.cellW / 2
	// Each double line is two light lines with a light line's gap between.
	hz := m.builtin('═')
	if got := runs(column(hz, mid)); got != 2 {
		t.Errorf("═ has %d lines across the middle column, want 2", got)
	}
	if n := len(solidMaskRows(hz)); n != 2*m.line {
		t.Errorf("═ has %d solid rows, want %d", n, 2*m.line)
	}
	// ╬ leaves its centre open: the middle column crosses only the two
	// corners' short arms above and below, and the centre pixel is empty.
	cross := m.builtin('╬')
	if a := cross.AlphaAt(mid, m.cellH/2).A; a != 0 {
		t.Errorf("╬ centre is filled (%d)", a)
	}
	if got := runs(column(cross, 0)); got != 2 {
		t.Errorf("╬ has %d lines at its left edge, want 2", got)
	}
	// ╔ has both lines at its right edge and nothing at its left edge.
	corner := m.builtin('╔')
	if got := runs(column(corner, m.cellW-1)); got != 2 {
		t.Errorf("╔ has %d lines at its right edge, want 2", got)
	}
	if got := runs(column(corner, 0)); got != 0 {
		t.Errorf("╔ reaches its left edge")
	}
}

// solidMaskRows returns the rows of m that are fully opaque.
func solidMaskRows(m *image.Alpha) []int {
	var ys []int
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		full := true
		for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
			full = full && m.AlphaAt(x, y).A == 0xff
		}
		if full {
			ys = append(ys, y)
		}
	}
	return ys
}

func TestBlocks(t *testing.T) {
	m := testMetrics
	area := m.cellW * m.cellH
	tests := []struct {
		r     rune
		cover float64 // share of the cell covered, counting partial alpha
	}{
		{'█', 1}, {'▀', 0.5}, {'▄', 0.5}, {'▌', 0.5}, {'▐', 0.5},
		{'▁', 1.0 / 8}, {'▇', 7.0 / 8}, {'▏', 1.0 / 8}, {'▉', 7.0 / 8},
		{'▔', 1.0 / 8}, {'▕', 1.0 / 8},
		{'░', 0.25}, {'▒', 0.5}, {'▓', 0.75},
		{'▖', 0.25}, {'▚', 0.5}, {'▙', 0.75},
	}
	for _, tt := range tests {
		mask := m.builtin(tt.r)
		sum := 0
		for _, a := range mask.Pix {
			sum += int(a)
		}
		got := float64(sum) / float64(0xff*area)
		if d := got - tt.cover; d < -0.07 || d > 0.07 {
			t.Errorf("%c covers %.2f of the cell, want %.2f", tt.r, got, tt.cover)
		}
	}
	// Halves split the cell exactly.
	if got := union(m.builtin('▀'), m.builtin('▄')); string(got.Pix) != string(m.builtin('█').Pix) {
		t.Error("▀ and ▄ do not make █")
	}
	if got := union(m.builtin('▌'), m.builtin('▐')); string(got.Pix) != string(m.builtin('█').Pix) {
		t.Error("▌ and ▐ do not make █")
	}
}

func TestBraille(t *testing.T) {
	m := testMetrics
	if mask := m.builtin('⠀' + 1); mask == nil {
		t.Fatal("braille is not drawn")
	}
	// Each dot shows in its own place: the eight one-dot patterns are
	// distinct and together make ⣿.
	var dots []*image.Alpha
	seen := map[string]rune{}
	for i := range 8 {
		r := rune(0x2800 + 1<<i)
		mask := m.builtin(r)
		if prev, ok := seen[string(mask.Pix)]; ok {
			t.Errorf("%c looks like %c", r, prev)
		}
		seen[string(mask.Pix)] = r
		dots = append(dots, mask)
	}
	if string(union(dots...).Pix) != string(m.builtin('⣿').Pix) {
		t.Error("the eight dots do not make ⣿")
	}
}

func TestUnderlineStyles(t *testing.T) {
	m := testMetrics
	seen := map[string]ansi.Underline{}
	for _, style := range []ansi.Underline{ansi.UnderlineSingle, ansi.UnderlineDouble, ansi.UnderlineCurly, ansi.UnderlineDotted, ansi.UnderlineDashed} {
		mask := m.underline(style)
		below := 0
		for y := m.baseline; y < m.cellH; y++ {
			for x := range m.cellW {
				if mask.AlphaAt(x, y).A != 0 {
					below++
				}
			}
		}
		if below == 0 {
			t.Errorf("underline style %d draws nothing below the baseline", style)
		}
		if prev, ok := seen[string(mask.Pix)]; ok {
			t.Errorf("underline style %d looks like style %d", style, prev)
		}
		seen[string(mask.Pix)] = style
	}
	rows := solidMaskRows(m.strike())
	if len(rows) != m.line || rows[0] >= m.baseline || rows[0] <= m.baseline-m.xHeight {
		t.Errorf("strikethrough rows %v, want one line through the x-height (%d–%d)", rows, m.baseline-m.xHeight, m.baseline)
	}
}

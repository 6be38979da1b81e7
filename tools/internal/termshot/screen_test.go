package termshot

import (
	"image"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	uv "github.com/charmbracelet/ultraviolet"
)

// Colours of the sample screen.
var (
	borderColour  = hex(0xcba6f7)
	spinnerColour = hex(0x94e2d5)
	statusColour  = hex(0x313244)
)

// sampleScreen is a typical 120×36 screen of the app, made with lipgloss:
// a rounded box with a title, a table with a header and a selected row, a
// braille spinner, a check mark and a full-width status bar.
func sampleScreen() string {
	const width, height = 120, 36
	tbl := table.New().
		Border(lipgloss.RoundedBorder()).
		BorderStyle(lipgloss.NewStyle().Foreground(lipgloss.Color("#585b70"))).
		StyleFunc(func(row, col int) lipgloss.Style {
			s := lipgloss.NewStyle().Padding(0, 1)
			switch {
			case row == table.HeaderRow:
				return s.Bold(true).Foreground(lipgloss.Color("#89b4fa"))
			case row == 1:
				return s.Reverse(true)
			}
			return s
		}).
		Headers("Name", "Owner", "Status", "Due").
		Row("Write the launch post", "Ada Lovelace", "✓ Done", "2025-03-01").
		Row("Fix the 429 retry loop", "Grace Hopper", "In progress", "2025-03-04").
		Row("Sandbox fixtures", "Alan Turing", "Todo", "2025-03-09")
	title := lipgloss.NewStyle().Bold(true).Render("Tasks") + "  " +
		lipgloss.NewStyle().Foreground(spinnerColour).Render("⠋ loading page 2…")
	box := lipgloss.NewStyle().
		Border(lipgloss.RoundedBorder()).
		BorderForeground(borderColour).
		Padding(0, 1).
		Width(width).
		Render(title + "\n\n" + tbl.Render())
	status := lipgloss.NewStyle().
		Width(width).
		Background(statusColour).
		Render("dev · 3 rows · ↑/↓ move · enter open · q quit")
	lines := strings.Split(box, "\n")
	for len(lines) < height-1 {
		lines = append(lines, "")
	}
	return strings.Join(append(lines, status), "\n")
}

// find returns the cells whose content is s, top to bottom.
func find(t *testing.T, lines []uv.Line, s string) []image.Point {
	t.Helper()
	var at []image.Point
	for y, line := range lines {
		for x, c := range line {
			if c.Content == s {
				at = append(at, image.Pt(x, y))
			}
		}
	}
	if len(at) == 0 {
		t.Fatalf("%q not on the screen", s)
	}
	return at
}

func TestSampleScreen(t *testing.T) {
	const cols, rows = 120, 36
	screen := sampleScreen()
	lines := parse(screen, cols, rows)
	eachFont(t, Options{Frame: true, Title: "notion-tui"}, func(t *testing.T, r *Renderer) {
		img := render(t, r, screen, cols, rows)
		if got, want := img.Rect.Max, r.CellBounds(cols-1, rows-1).Max.Add(image.Pt(r.pad, r.pad)); got != want {
			t.Errorf("image ends at %v, want %v", got, want)
		}
		// The box's corners (the outermost ones; the table has its own) are
		// in the border colour.
		for _, corner := range []string{"╭", "╮", "╰", "╯"} {
			at := find(t, lines, corner)
			p := at[0]
			if corner == "╰" || corner == "╯" {
				p = at[len(at)-1]
			}
			if count(img, r.CellBounds(p.X, p.Y), borderColour) == 0 {
				t.Errorf("corner %s at %v is not drawn in the border colour", corner, p)
			}
		}
		// The spinner's dots and the check mark are drawn.
		p := find(t, lines, "⠋")[0]
		if count(img, r.CellBounds(p.X, p.Y), spinnerColour) == 0 {
			t.Error("the spinner is not drawn")
		}
		p = find(t, lines, "✓")[0]
		if ink(img, r.CellBounds(p.X, p.Y), DefaultTheme.Background) == 0 {
			t.Error("the check mark is not drawn")
		}
		// The status bar spans the last row.
		for _, col := range []int{0, cols / 2, cols - 1} {
			cell := r.CellBounds(col, rows-1)
			if img.RGBAAt(cell.Min.X, cell.Min.Y) != statusColour || img.RGBAAt(cell.Max.X-1, cell.Max.Y-1) != statusColour {
				t.Errorf("status bar cell %d is not in the status colour", col)
			}
		}
		// The selected row is in reverse video: its cells are in the text colour.
		p = find(t, lines, "F")[0] // "Fix the 429 retry loop"
		cell := r.CellBounds(p.X, p.Y)
		if img.RGBAAt(cell.Min.X, cell.Min.Y) != DefaultTheme.Foreground {
			t.Error("the selected row is not in reverse video")
		}
	})
}

// BenchmarkRender measures one 120×36 screen with a warm renderer, as when
// several shots are taken in a row.
func BenchmarkRender(b *testing.B) {
	screen := sampleScreen()
	r := newRenderer(b, Options{Frame: true, Title: "notion-tui"})
	render(b, r, screen, 120, 36) // warm the glyph cache
	for b.Loop() {
		if _, err := r.Render(screen, 120, 36); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderFirst measures Render with a new renderer each time: faces
// are made and every glyph is rasterized again (font files are parsed once).
func BenchmarkRenderFirst(b *testing.B) {
	screen := sampleScreen()
	opts := Options{Frame: true, Title: "notion-tui"}
	newRenderer(b, opts)
	for b.Loop() {
		if _, err := Render(screen, 120, 36, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderScale2 measures a 120×36 screen at scale 2, the size used
// for README images.
func BenchmarkRenderScale2(b *testing.B) {
	screen := sampleScreen()
	r := newRenderer(b, Options{Frame: true, Title: "notion-tui", Scale: 2})
	render(b, r, screen, 120, 36)
	for b.Loop() {
		if _, err := r.Render(screen, 120, 36); err != nil {
			b.Fatal(err)
		}
	}
}

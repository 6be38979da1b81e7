package termshot

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNoFontInstalled(t *testing.T) {
	saved := primaryFonts
	t.Cleanup(func() { primaryFonts = saved })
	primaryFonts = []string{filepath.Join(t.TempDir(), "Missing-Regular.ttf")}

	_, err := NewRenderer(Options{})
	if !errors.Is(err, ErrNoFont) {
		t.Fatalf("error %v, want ErrNoFont", err)
	}
	for _, want := range []string{"Missing-Regular.ttf", "fonts-jetbrains-mono"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestNotAFont(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.ttf")
	if err := os.WriteFile(path, []byte("this is not a font"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Render("x", 10, 1, Options{FontPath: path})
	if err == nil || !strings.Contains(err.Error(), "is not a TrueType/OpenType font") || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v, want one naming %s as not a font", err, path)
	}
}

func TestSiblingNames(t *testing.T) {
	tests := []struct {
		regular string
		want    [3][]string
	}{
		{"/f/JetBrainsMono-Regular.ttf", [3][]string{
			{"/f/JetBrainsMono-Bold.ttf"},
			{"/f/JetBrainsMono-Italic.ttf", "/f/JetBrainsMono-Oblique.ttf"},
			{"/f/JetBrainsMono-BoldItalic.ttf", "/f/JetBrainsMono-BoldOblique.ttf"},
		}},
		{"/f/DejaVuSansMono.ttf", [3][]string{
			{"/f/DejaVuSansMono-Bold.ttf"},
			{"/f/DejaVuSansMono-Italic.ttf", "/f/DejaVuSansMono-Oblique.ttf"},
			{"/f/DejaVuSansMono-BoldItalic.ttf", "/f/DejaVuSansMono-BoldOblique.ttf"},
		}},
		{"Mono.otf", [3][]string{
			{"Mono-Bold.otf"},
			{"Mono-Italic.otf", "Mono-Oblique.otf"},
			{"Mono-BoldItalic.otf", "Mono-BoldOblique.otf"},
		}},
	}
	for _, tt := range tests {
		got := siblingNames(tt.regular)
		for v := range got {
			if strings.Join(got[v], ",") != strings.Join(tt.want[v], ",") {
				t.Errorf("siblingNames(%q)[%d] = %q, want %q", tt.regular, v, got[v], tt.want[v])
			}
		}
	}
}

// TestFontFamily loads each installed known family and checks that its
// bold and italic faces and a fallback font are found next to it.
func TestFontFamily(t *testing.T) {
	found := 0
	for _, path := range primaryFonts {
		if firstExisting([]string{path}) == "" {
			continue
		}
		found++
		set, err := loadFontSet(path)
		if err != nil {
			t.Errorf("loadFontSet(%s): %v", path, err)
			continue
		}
		for v, f := range set.primary {
			if f == nil {
				t.Errorf("%s: variant %d not found", path, v)
			}
		}
		if len(set.fallbacks) == 0 {
			t.Errorf("%s: no fallback font", path)
		}
	}
	if found == 0 {
		t.Skip("none of the known fonts is installed")
	}
}

// TestEmojiFromSymbola: with Symbola installed (fonts-symbola), the emoji
// Notion gives pages and databases as icons, and ⚿, are drawn in their
// cells rather than as hollow boxes.
func TestEmojiFromSymbola(t *testing.T) {
	if firstExisting([]string{"/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", "/usr/share/fonts/TTF/Symbola.ttf"}) == "" {
		t.Skip("Symbola is not installed (apt-get install fonts-symbola)")
	}
	eachFont(t, plain, func(t *testing.T, r *Renderer) {
		bg := DefaultTheme.Background
		for _, tt := range []struct {
			ch    rune
			cells int
		}{{'📚', 2}, {'🚀', 2}, {'✅', 2}, {'👥', 2}, {'⚿', 1}} {
			mask := r.glyphs.render(tt.ch, regular, tt.cells)
			if mask == nil || bytes.Equal(mask.Pix, r.glyphs.m.tofu(tt.cells).Pix) {
				t.Errorf("%q is drawn as a hollow box", tt.ch)
				continue
			}
			img := render(t, r, " "+string(tt.ch)+" ", tt.cells+2, 1)
			for _, col := range []int{0, tt.cells + 1} {
				if n := ink(img, r.CellBounds(col, 0), bg); n != 0 {
					t.Errorf("%q: %d pixels spill into cell %d", tt.ch, n, col)
				}
			}
		}
	})
}

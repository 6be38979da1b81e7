package termshot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text is untouched", "hello\nworld", "hello\nworld"},
		{"escape sequences are kept", "\x1b[1;31mred\x1b[0m", "\x1b[1;31mred\x1b[0m"},
		{"tab to the next stop", "a\tb", "a       b"},
		{"tab at a stop", "12345678\tx", "12345678        x"},
		{"tab after a styled word counts cells only", "\x1b[31mab\x1b[0m\tc", "\x1b[31mab\x1b[0m      c"},
		{"tab after a wide character", "日\tx", "日      x"},
		{"tab stops restart on each line", "abc\n\tx", "abc\n        x"},
		{"carriage return restarts the column", "abcd\r\tx", "abcd\r        x"},
		{"bell and backspace are dropped", "a\a\bb\x00c\x7f", "abc"},
		{"invalid UTF-8 becomes U+FFFD", "a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sanitize(tt.in); got != tt.want {
				t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	lines := parse("ab\x1b[1mc\r\nlong line cut here\n\tx\n4\n5", 6, 4)
	want := []string{"abc", "long l", "      ", "4"}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(lines), len(want))
	}
	for y, line := range lines {
		if len(line) != 6 {
			t.Errorf("line %d has %d cells, want 6", y, len(line))
		}
		var text strings.Builder
		for _, c := range line {
			text.WriteString(c.Content)
		}
		if got := strings.TrimRight(text.String(), " "); got != strings.TrimRight(want[y], " ") {
			t.Errorf("line %d = %q, want %q", y, got, want[y])
		}
	}
	if lines[0][2].Style.Attrs == 0 || lines[0][1].Style.Attrs != 0 {
		t.Error("SGR bold applied to the wrong cells")
	}
}

// FuzzRender checks that no input makes Render fail or panic, and that the
// image size depends on the grid only.
func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"",
		"plain",
		"\x1b[38;2;255;0;0mred\x1b[0m",
		"\x1b[38;2;999;-1;1000m\x1b[48;5;300m\x1b[38;5m\x1b[38;2m\x1b[4:9m",
		"\x1b[",
		"\x1b]8;;http://x\x07link\x1b]8;;\x07",
		"\x1b[2J\x1b[H\x1b[10;10Hmoved\x1b[?25l",
		"\xff\xfe\xc0\x80",
		"日本語🚀👨‍👩‍👧‍👦 e\u0301 \u200d\ufe0f",
		"\t\t\t\a\b\x00\x7f\r\r\n\n\n\n\n\n\n",
		strings.Repeat("─│╭╮╰╯█▓⠋✓", 50),
		"\u2800\u28ff\U0010ffff\ue000",
	} {
		f.Add(seed)
	}
	r := newRenderer(f, Options{})
	want := render(f, r, "", 12, 4).Rect
	f.Fuzz(func(t *testing.T, screen string) {
		img, err := r.Render(screen, 12, 4)
		if err != nil {
			t.Fatalf("Render(%q): %v", screen, err)
		}
		if img.Rect != want {
			t.Fatalf("Render(%q) size %v, want %v", screen, img.Rect, want)
		}
		if !utf8.ValidString(sanitize(screen)) {
			t.Fatalf("sanitize(%q) is not valid UTF-8", screen)
		}
	})
}

package textwrap

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWords(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in string
		width    int
		want     string
	}{
		{"fits", "one two three", 13, "one two three"},
		{"breaks at the last space that fits", "one two three", 12, "one two\nthree"},
		{"keeps paragraphs and blank lines", "a b\n\nc d", 3, "a b\n\nc d"},
		{"a long word stays whole on its own line", "a abcdefgh b", 4, "a\nabcdefgh\nb"},
		// 日本 is four cells wide, not two bytes or six.
		{"wide characters count as two cells", "ab 日本 cd", 7, "ab 日本\ncd"},
		{"accents count as one cell", "café café", 9, "café café"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Words(tc.in, tc.width)
			if got != tc.want {
				t.Fatalf("Words(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
			}
			for _, l := range strings.Split(got, "\n") {
				if w := ansi.StringWidth(l); w > tc.width && strings.Contains(l, " ") {
					t.Errorf("line %q is %d cells, over %d", l, w, tc.width)
				}
			}
		})
	}
}

func TestHang(t *testing.T) {
	t.Parallel()
	long := "one two three four five six seven eight nine ten"
	for _, tc := range []struct {
		name, lead, indent, text string
		width                    int
		want                     string
	}{
		{"no width: as it is", "- ", "  ", long, 0, "- " + long + "\n"},
		{"fits: as it is, spaces kept", "- ", "  ", "a  b", 30, "- a  b\n"},
		{"wraps under the lead", "- ", "  ", long, 24, "- one two three four\n  five six seven eight\n  nine ten\n"},
		{"later lines take the indent given", "│ ", "│ ", long, 24, "│ one two three four\n│ five six seven eight\n│ nine ten\n"},
		// The column is the width less the wider of lead and indent.
		{"a wider indent narrows the column", "- ", "    ", "aaaaaaaaaa bbbbbbbbbbb c", 24, "- aaaaaaaaaa\n    bbbbbbbbbbb c\n"},
		{"too narrow a column keeps the line", strings.Repeat(" ", 10) + "- ", "  ", long, 30, strings.Repeat(" ", 10) + "- " + long + "\n"},
		{"text's own lines take the indent", "- ", "  ", "a\nb", 0, "- a\n  b\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := Hang(tc.lead, tc.indent, tc.text, tc.width); got != tc.want {
				t.Fatalf("Hang(%q, %q, %q, %d) =\n%q\nwant\n%q", tc.lead, tc.indent, tc.text, tc.width, got, tc.want)
			}
		})
	}
}

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

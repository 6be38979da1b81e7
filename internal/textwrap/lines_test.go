package textwrap

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestLinesBreakLongWordsAfterPunctuation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, text string
		w          int
		want       []string
	}{
		{"words that fit stay whole", "use --notion-version here", 16, []string{"use", "--notion-version", "here"}},
		{"an empty paragraph stays", "a\n\nb", 5, []string{"a", "", "b"}},
		{"compact JSON breaks after a comma", `'{"filter":{"a":1},"page_size":100,"result_type":"page"}'`, 30,
			[]string{`'{"filter":{"a":1},`, `"page_size":100,`, `"result_type":"page"}'`}},
		{"a URL breaks after a slash", "http://127.0.0.1:43695/v1/data_sources/5335dfc9/query", 30,
			[]string{"http://127.0.0.1:43695/v1/", "data_sources/5335dfc9/query"}},
		{"no break character in the second half: at the line's end", "a,bcdefghijklmnopqrstuvwxyz", 10,
			[]string{"a,bcdefghi", "jklmnopqrs", "tuvwxyz"}},
		{"a wide character on a line too narrow for it", "世界", 1, []string{"世", "界"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Lines(tc.text, tc.w)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("Lines(%q, %d) = %q, want %q", tc.text, tc.w, got, tc.want)
			}
			for _, l := range got {
				if ansi.StringWidth(l) > tc.w && ansi.StringWidth(l) > 2 {
					t.Errorf("line %q is wider than %d", l, tc.w)
				}
			}
			if strings.Join(got, "") != strings.Join(strings.Fields(tc.text), "") && !strings.Contains(tc.text, "\n") {
				t.Errorf("the words changed: %q", got)
			}
		})
	}
}

package textutil

import (
	"slices"
	"testing"
)

func TestEditDistance(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"status", "status", 0},
		{"status", "statsu", 1}, // a swap of neighbours is one edit
		{"kitten", "sitting", 3},
		{"Éte", "Ete", 1}, // runes, not bytes
		{"日本語", "日本", 1},
		{"🎉a", "a🎉", 1},
	} {
		if got := EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := EditDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d (symmetry)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	t.Parallel()
	names := []string{"Status", "Stage", "Priority", "Due date", "Été"}
	for _, tc := range []struct {
		s    string
		n    int
		want []string
	}{
		{"statsu", 3, []string{"Status"}},
		{"prio", 3, []string{"Priority"}}, // a prefix of three runes or more
		{"st", 3, nil},                    // too short to be a prefix match, too far to be a typo
		{"stage", 1, []string{"Stage"}},
		{"eté", 3, []string{"Été"}}, // one rune apart, in any case
		{"zzzzzz", 3, nil},
		{"stagecoach", 3, []string{"Stage"}}, // a name that starts the input
		{"", 3, nil},
		{"status", 0, nil},
	} {
		if got := Closest(tc.s, names, tc.n); !slices.Equal(got, tc.want) {
			t.Errorf("Closest(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	t.Parallel()
	if got, want := DidYouMean("qurey", []string{"query", "create"}), ` (did you mean "query"?)`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := DidYouMean("xyz", []string{"query"}); got != "" {
		t.Errorf("got %q, want nothing", got)
	}
}

func TestWords(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ got, want string }{
		{Plural(1, "row", "rows"), "1 row"},
		{Plural(0, "row", "rows"), "0 rows"},
		{Plural(2, "property", "properties"), "2 properties"},
		{Noun(1, "page", "pages"), "page"},
		{Noun(5, "page", "pages"), "pages"},
		{QuoteList([]string{"a", `b"c`}, 0), `"a", "b\"c"`},
		{QuoteList([]string{"a", "b", "c", "d"}, 2), `"a", "b", … (2 more)`},
		{Join([]string{"a"}, "or"), "a"},
		{Join([]string{"a", "b", "c"}, "or"), "a, b or c"},
		{Join(nil, "and"), ""},
		{ShellQuote("it's"), `'it'\''s'`},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func FuzzEditDistance(f *testing.F) {
	f.Add("status", "statsu")
	f.Add("日本語", "")
	f.Fuzz(func(t *testing.T, a, b string) {
		d := EditDistance(a, b)
		ra, rb := []rune(a), []rune(b)
		if d < 0 || d > max(len(ra), len(rb)) || d < abs(len(ra)-len(rb)) {
			t.Fatalf("EditDistance(%q, %q) = %d out of bounds", a, b, d)
		}
		if (d == 0) != (string(ra) == string(rb)) {
			t.Fatalf("EditDistance(%q, %q) = %d", a, b, d)
		}
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

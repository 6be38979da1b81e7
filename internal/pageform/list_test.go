package pageform

import (
	"slices"
	"strings"
	"testing"
)

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"home, urgent", []string{"home", "urgent"}},
		{" a ,b,, c ,", []string{"a", "b", "c"}},
		{"", nil},
		{`"a, b", c`, []string{"a, b", "c"}},
		{`"say ""hi""", x`, []string{`say "hi"`, "x"}},
		{`5" screen, 7" screen`, []string{`5" screen`, `7" screen`}},
		{`"  padded  "`, []string{"  padded  "}},
		{"one", []string{"one"}},
	}
	for _, tt := range tests {
		got, err := SplitList(tt.in)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("SplitList(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for in, want := range map[string]string{`"a, b`: "a quote is not closed", `"a"b, c`: "text after a closing quote"} {
		if _, err := SplitList(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("SplitList(%q) error = %v, want %q", in, err, want)
		}
	}
}

// FuzzListRoundTrip checks that FormatList's output splits back into the
// same items, whatever they hold.
func FuzzListRoundTrip(f *testing.F) {
	f.Add("a", "b, c", `"q"`)
	f.Add(" x", "", "y\"")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		var items []string
		for _, it := range []string{a, b, c} {
			if strings.TrimSpace(it) != "" {
				items = append(items, it)
			}
		}
		got, err := SplitList(FormatList(items))
		if err != nil || !slices.Equal(got, items) {
			t.Fatalf("FormatList(%q) = %q splits into %q, %v", items, FormatList(items), got, err)
		}
	})
}

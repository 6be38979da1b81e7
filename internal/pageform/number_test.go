package pageform

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in, format string
		want       float64
	}{
		{"42", "number", 42},
		{" 7 ", "number", 7},
		{"-3", "number", -3},
		{"+5", "number", 5},
		{"−4", "number", -4}, // U+2212 minus sign
		{"3.5", "number", 3.5},
		{".5", "number", 0.5},
		{"5.", "number", 5},
		{"1e3", "number", 1000},
		{"2.5E-1", "number", 0.25},
		{"1,234.5", "number", 1234.5},
		{"1,234,567", "number_with_commas", 1234567},
		{"-1,000", "number_with_commas", -1000},
		{"12%", "percent", 0.12},
		{"12.3 %", "percent", 0.123},
		{"-0.5%", "percent", -0.005},
		{"0.12", "percent", 0.12},
		{"$1,234.50", "dollar", 1234.5},
		{"-$3", "dollar", -3},
		{"$-3", "dollar", -3},
		{"$ 3", "dollar", 3},
		{"3", "dollar", 3},
		{"€12", "euro", 12},
		{"12 €", "euro", 12},
		{"CHF 12.50", "franc", 12.5},
		{"CHF12", "franc", 12},
		{"¥1,000", "yen", 1000},
		{"7", "some_future_format", 7},
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.in, tt.format)
		if err != nil || got != tt.want {
			t.Errorf("ParseNumber(%q, %q) = %v, %v; want %v", tt.in, tt.format, got, err, tt.want)
		}
	}
}

func TestParseNumberErrors(t *testing.T) {
	tests := []struct{ in, format, want string }{
		{"abc", "number", "expected a number like 42 or 3.5"},
		{"", "number", "expected a number like 42 or 3.5"},
		{"1,5", "number", "use a dot for decimals, like 3.5"},
		{"12,34", "number", "use a dot for decimals"},
		{"12%", "number", "is a percentage, but this property is not in percent format"},
		{"abc", "percent", "or a percentage like 12%"},
		{"1e2%", "percent", "mixes an exponent and a percent sign"},
		{"€12", "dollar", "or $1,234.50"},
		{"inf", "number", "expected a number"},
		{"NaN", "number", "expected a number"},
		{"0x10", "number", "expected a number"},
		{"1_000", "number", "expected a number"},
		{"--3", "number", "expected a number"},
		{"3 4", "number", "expected a number"},
		{"1e999", "number", "too large for a Notion number"},
	}
	for _, tt := range tests {
		_, err := ParseNumber(tt.in, tt.format)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseNumber(%q, %q) error = %v, want it to mention %q", tt.in, tt.format, err, tt.want)
		}
	}
}

func TestCurrencySymbol(t *testing.T) {
	for format, want := range map[string]string{"dollar": "$", "euro": "€", "franc": "CHF ", "number": "", "percent": "", "number_with_commas": ""} {
		if got := CurrencySymbol(format); got != want {
			t.Errorf("CurrencySymbol(%q) = %q, want %q", format, got, want)
		}
	}
}

var fuzzFormats = []string{"number", "number_with_commas", "percent", "dollar", "euro", "pound", "yen", "franc", "krona", "rand"}

// FuzzParseNumber checks that any input either fails with a message or
// gives a finite number, and that what the app shows for a number
// (notionapi.FormatNumber) reads back as that number.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"42", "-1,234.5", "12.5%", "$1,000.00", "CHF 3", "1e-7", "−0", ".5e+3"} {
		f.Add(s, uint8(0), 1234.5)
	}
	f.Fuzz(func(t *testing.T, s string, fi uint8, n float64) {
		format := fuzzFormats[int(fi)%len(fuzzFormats)]
		if got, err := ParseNumber(s, format); err == nil && (math.IsInf(got, 0) || math.IsNaN(got)) {
			t.Fatalf("ParseNumber(%q, %q) = %v", s, format, got)
		} else if err != nil && err.Error() == "" {
			t.Fatalf("ParseNumber(%q, %q): empty error message", s, format)
		}
		if math.IsInf(n, 0) || math.IsNaN(n) || math.Abs(n) > 1e15 {
			return
		}
		shown := notionapi.FormatNumber(n, format)
		back, err := ParseNumber(shown, format)
		if err != nil {
			t.Fatalf("ParseNumber(%q, %q) (FormatNumber of %v): %v", shown, format, n, err)
		}
		want := n
		if CurrencySymbol(format) != "" {
			want, _ = strconv.ParseFloat(strconv.FormatFloat(n, 'f', 2, 64), 64) // currencies show two decimals
		}
		if math.Abs(back-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Fatalf("%v shown as %q reads back as %v", n, shown, back)
		}
	})
}

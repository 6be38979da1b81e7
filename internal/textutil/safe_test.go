package textutil

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafeLine(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"Roadmap 🚀", "Roadmap 🚀"},
		{"a\x1b]52;c;ZXZpbA==\x07b", "a\uFFFD]52;c;ZXZpbA==\uFFFDb"}, // OSC 52 to the clipboard
		{"\x1b]0;owned\x1b\\", "\uFFFD]0;owned\uFFFD\\"},             // window title
		{"\x1b]8;;https://evil\x1b\\click\x1b]8;;\x1b\\", "\uFFFD]8;;https://evil\uFFFD\\click\uFFFD]8;;\uFFFD\\"},
		{"\u009b31mred", "\uFFFD31mred"}, // a C1 CSI
		{"line\nbreak\ttab\r", "line break tab "},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"del\x7f", "del\uFFFD"},
	} {
		if got := SafeLine(tc.in); got != tc.want {
			t.Errorf("SafeLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSafeText(t *testing.T) {
	t.Parallel()
	if got, want := SafeText("one\r\ntwo\tx\x1b[2J"), "one\ntwo\tx\uFFFD[2J"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSafeLineCleanTextIsNotCopied(t *testing.T) {
	// Not parallel: AllocsPerRun counts the whole process's allocations.
	s := strings.Repeat("plain text é ", 10)
	if n := testing.AllocsPerRun(100, func() { _ = SafeLine(s) }); n != 0 {
		t.Errorf("SafeLine allocated %v times on clean text", n)
	}
}

func FuzzSafe(f *testing.F) {
	f.Add("a\x1b]52;c;x\x07")
	f.Add("\u009b\r\n\t\xff")
	f.Fuzz(func(t *testing.T, s string) {
		for _, multiline := range []bool{false, true} {
			out := safe(s, multiline)
			if !utf8.ValidString(out) {
				t.Fatalf("safe(%q) = %q: invalid UTF-8", s, out)
			}
			for _, r := range out {
				if isControl(r) && !(multiline && (r == '\n' || r == '\t')) {
					t.Fatalf("safe(%q, %v) = %q keeps control %U", s, multiline, out, r)
				}
			}
			if safe(out, multiline) != out {
				t.Fatalf("safe is not idempotent on %q", s)
			}
		}
	})
}

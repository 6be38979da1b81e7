package notionapi

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestParseID(t *testing.T) {
	t.Parallel()
	const want = "01234567-89ab-cdef-0123-456789abcdef"
	ok := []struct{ name, in string }{
		{"dashed", "01234567-89ab-cdef-0123-456789abcdef"},
		{"dashed upper", "01234567-89AB-CDEF-0123-456789ABCDEF"},
		{"compact", "0123456789abcdef0123456789abcdef"},
		{"whitespace and quotes", "  \"0123456789abcdef0123456789abcdef\"\n"},
		{"angle brackets", "<0123456789abcdef0123456789abcdef>"},
		{"page url", "https://www.notion.so/Workspace/Title-0123456789abcdef0123456789abcdef"},
		{"url with view id", "https://www.notion.so/acme/0123456789abcdef0123456789abcdef?v=ffffffffffffffffffffffffffffffff"},
		{"titled db with view", "https://www.notion.so/acme/Tasks-0123456789abcdef0123456789abcdef?v=ffffffffffffffffffffffffffffffff&pvs=4"},
		{"no scheme", "www.notion.so/Title-0123456789abcdef0123456789abcdef"},
		{"notion.site", "https://acme.notion.site/Public-Page-0123456789abcdef0123456789abcdef"},
		{"p param", "https://www.notion.so/acme/ffffffffffffffffffffffffffffffff?p=0123456789abcdef0123456789abcdef"},
		{"p param only", "https://www.notion.so/acme?p=0123456789abcdef0123456789abcdef&pm=s"},
		{"block anchor", "https://www.notion.so/acme#0123456789abcdef0123456789abcdef"},
		{"block- anchor", "https://www.notion.so/acme#block-0123456789abcdef0123456789abcdef"},
		{"dashed in path", "https://www.notion.so/01234567-89ab-cdef-0123-456789abcdef"},
		{"trailing slash", "https://www.notion.so/Title-0123456789abcdef0123456789abcdef/"},
		{"api url", "https://api.notion.com/v1/pages/0123456789abcdef0123456789abcdef"},
	}
	for _, tc := range ok {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseID(tc.in)
			if err != nil || got != want {
				t.Fatalf("ParseID(%q) = %q, %v; want %q", tc.in, got, err, want)
			}
		})
	}
	bad := []struct{ in, reason string }{
		{"", "empty"},
		{"   ", "empty"},
		{"hello", "no 32-character"},
		{"0123456789abcdef", "16 hexadecimal digits"},
		{"0123456789abcdef0123456789abcdef0", "33 hexadecimal digits"},
		{"https://www.notion.so/acme/My-Page", "no page or database ID"},
		{"0123456789abcdef0123456789abcdeg", "no 32-character"},
	}
	for _, tc := range bad {
		_, err := ParseID(tc.in)
		var ie *IDError
		if !errors.As(err, &ie) {
			t.Fatalf("ParseID(%q) error = %v, want *IDError", tc.in, err)
		}
		if !strings.Contains(err.Error(), tc.reason) {
			t.Errorf("ParseID(%q) = %q, want it to mention %q", tc.in, err, tc.reason)
		}
	}
}

var dashedUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func FuzzParseID(f *testing.F) {
	for _, s := range []string{
		"0123456789abcdef0123456789abcdef", "https://www.notion.so/x-0123456789abcdef0123456789abcdef?v=1",
		"notion.so/%zz", "https://[::1", "#block-", "?p=", "----------------", "https://a.notion.site/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseID(s)
		if err != nil {
			var ie *IDError
			if !errors.As(err, &ie) || err.Error() == "" {
				t.Fatalf("ParseID(%q): untyped error %v", s, err)
			}
			return
		}
		if !dashedUUID.MatchString(id) {
			t.Fatalf("ParseID(%q) = %q, not a dashed lower-case UUID", s, id)
		}
		// The ID must come from the input's hex digits.
		if !strings.Contains(strings.ToLower(strings.ReplaceAll(s, "-", "")), strings.ReplaceAll(id, "-", "")) {
			t.Fatalf("ParseID(%q) = %q, which is not in the input", s, id)
		}
		// Normalised IDs are fixed points.
		if again, err := ParseID(id); err != nil || again != id {
			t.Fatalf("ParseID(%q) = %q, %v; want a fixed point", id, again, err)
		}
	})
}

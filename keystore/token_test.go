package keystore

import (
	"errors"
	"strings"
	"testing"
	"unicode"
)

const (
	ntnToken    = "ntn_12345678901abcdefghijklmnopqrstuvwxyzABCDEFGHIa1B2"
	secretToken = "secret_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ9z"
	oauthToken  = "7f3c2e1d-4b5a-4c3d-9e8f-0a1b2c3d4e5f6a7b"
)

func TestCleanToken(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		raw      string
		want     string
		warnings int    // how many warnings
		errText  string // substring of the error; "" means no error
	}{
		{name: "plain ntn", raw: ntnToken, want: ntnToken},
		{name: "plain secret", raw: secretToken, want: secretToken},
		{name: "outer spaces and newline", raw: "  " + ntnToken + "\n", want: ntnToken},
		{name: "tabs and CRLF", raw: "\t" + ntnToken + "\r\n", want: ntnToken},
		{name: "zero-width and BOM", raw: "\ufeff\u200b" + ntnToken + "\u200b", want: ntnToken},
		{name: "double quotes", raw: `"` + ntnToken + `"`, want: ntnToken},
		{name: "single quotes", raw: `'` + ntnToken + `'`, want: ntnToken},
		{name: "back quotes", raw: "`" + ntnToken + "`", want: ntnToken},
		{name: "typographic quotes", raw: "“" + ntnToken + "”", want: ntnToken},
		{name: "unbalanced quote", raw: `"` + ntnToken, want: ntnToken},
		{name: "quotes inside spaces", raw: ` " ` + ntnToken + ` " `, want: ntnToken},
		{name: "Bearer", raw: "Bearer " + ntnToken, want: ntnToken},
		{name: "bearer lower case, tab", raw: "bearer\t" + ntnToken, want: ntnToken},
		{name: "BEARER upper case, many spaces", raw: "BEARER   " + ntnToken, want: ntnToken},
		{name: "Authorization header", raw: "Authorization: Bearer " + ntnToken, want: ntnToken},
		{name: "authorization lower, no space", raw: "authorization:Bearer " + ntnToken, want: ntnToken},
		{name: "space before colon", raw: "Authorization : " + ntnToken, want: ntnToken},
		{name: "quoted header", raw: `"Authorization: Bearer ` + ntnToken + `"`, want: ntnToken},
		{name: "header with quoted value", raw: `Authorization: "Bearer ` + ntnToken + `"`, want: ntnToken},
		{name: "Bearer with quoted token", raw: `Bearer '` + ntnToken + `'`, want: ntnToken},
		{name: "word starting with bearer is kept", raw: "bearerntn_abcdefghijklmnopqrstuvwxyz", want: "bearerntn_abcdefghijklmnopqrstuvwxyz", warnings: 1},
		{name: "OAuth token warns", raw: oauthToken, want: oauthToken, warnings: 1},
		{name: "short token warns twice", raw: "abc123", want: "abc123", warnings: 2},
		{name: "short ntn warns once", raw: "ntn_abc", want: "ntn_abc", warnings: 1},
		{name: "empty", raw: "", errText: "token is empty"},
		{name: "only space", raw: " \n\t ", errText: "token is empty"},
		{name: "only quotes", raw: `""`, errText: "token is empty"},
		{name: "only Bearer header", raw: "Authorization: Bearer ", errText: "token is empty"},
		{name: "newline inside", raw: "ntn_1234567890\nabcdefghijklmnopqrstuvwxyz", errText: "white space at position 15"},
		{name: "space inside", raw: "ntn_12345 67890abcdefghijklmnopqrstuvwxyz", errText: "white space at position 10"},
		{name: "tab inside", raw: "ntn_12345\t67890abcdefghijklmnopqrstuvwxyz", errText: "white space"},
		{name: "zero-width inside", raw: "ntn_12345\u200b67890abcdefghijklmnopqrstuvwxyz", errText: "white space"},
		{name: "control character", raw: "ntn_12345\x0067890abcdefghijklmnopqrstuvwxyz", errText: "control character (U+0000) at position 10"},
		{name: "DEL", raw: "ntn_12345\x7f67890abcdefghijklmnopqrstuvwxyz", errText: "control character (U+007F)"},
		{name: "non-ASCII", raw: "ntn_12345é67890abcdefghijklmnopqrstuvwxyz", errText: "non-ASCII"},
		{name: "redacted form pasted back", raw: "ntn_…a1B2", errText: "shortened token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, warnings, err := CleanToken(tt.raw)
			if tt.errText != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errText) {
					t.Fatalf("CleanToken error = %v, want one containing %q", err, tt.errText)
				}
				if got != "" {
					t.Errorf("CleanToken returned a token along with an error")
				}
				return
			}
			if err != nil {
				t.Fatalf("CleanToken: %v", err)
			}
			if got != tt.want {
				t.Errorf("CleanToken = %q, want %q", got, tt.want)
			}
			if len(warnings) != tt.warnings {
				t.Errorf("warnings = %q, want %d", warnings, tt.warnings)
			}
		})
	}
}

func TestCleanTokenEmptyIsErrEmptyToken(t *testing.T) {
	t.Parallel()
	if _, _, err := CleanToken("  "); !errors.Is(err, ErrEmptyToken) {
		t.Fatalf("err = %v, want ErrEmptyToken", err)
	}
}

// TestCleanTokenMessagesHideToken checks that no message repeats the token
// or a long piece of it.
func TestCleanTokenMessagesHideToken(t *testing.T) {
	t.Parallel()
	const secretPart = "SECRETPART1234567890"
	inputs := []string{
		secretPart + " " + secretPart,
		secretPart + "\x01" + secretPart,
		secretPart + "é",
		"other_" + secretPart,
		"x" + secretPart[:5],
	}
	for _, raw := range inputs {
		_, warnings, err := CleanToken(raw)
		msgs := warnings
		if err != nil {
			msgs = append(msgs, err.Error())
		}
		if len(msgs) == 0 {
			t.Fatalf("CleanToken(%q) gave no message to check", raw)
		}
		for _, m := range msgs {
			if strings.Contains(m, secretPart[:5]) {
				t.Errorf("message %q contains part of the token", m)
			}
		}
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	tests := []struct{ token, want string }{
		{ntnToken, "ntn_…a1B2"},
		{secretToken, "secret_…PQ9z"},
		{oauthToken, "…6a7b"},
		{"", "…"},
		{"ntn_", "…"},
		{"ntn_abc", "…"},
		{"ntn_123456789012345", "…"},          // 15 hidden characters: too short
		{"ntn_1234567890123456", "ntn_…3456"}, // 16: enough
		{"short", "…"},
		{"ñññññññññññññññññññññ", "…ññññ"}, // counts characters, not bytes
	}
	for _, tt := range tests {
		if got := Redact(tt.token); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.token, got, tt.want)
		}
	}
}

func FuzzCleanToken(f *testing.F) {
	for _, seed := range []string{
		ntnToken, secretToken, oauthToken, "", " ", `"'`, "Bearer ", "Authorization:",
		"Authorization: Bearer " + ntnToken, "“" + ntnToken + "”", "ntn_\n1", "\u200b", "bearer\u00a0x",
		"Authorization: Authorization: Bearer Bearer 'x'",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		token, warnings, err := CleanToken(raw)
		if err != nil {
			if token != "" || warnings != nil {
				t.Fatalf("error %v came with token or warnings", err)
			}
			return
		}
		if token == "" {
			t.Fatal("no error and no token")
		}
		first, last := []rune(token)[0], []rune(token)[len([]rune(token))-1]
		for _, r := range []rune{first, last} {
			if unicode.IsSpace(r) || strings.ContainsRune(quotes, r) {
				t.Fatalf("token %q starts or ends with %q", token, r)
			}
		}
		if strings.IndexFunc(token, unicode.IsSpace) >= 0 {
			t.Fatalf("token %q contains white space", token)
		}
		if !strings.Contains(raw, token) {
			t.Fatalf("token %q is not a part of the input", token)
		}
		again, _, err := CleanToken(token)
		if err != nil || again != token {
			t.Fatalf("cleaning %q again gave %q, %v", token, again, err)
		}
		if r := Redact(token); strings.Contains(r, token) {
			t.Fatalf("Redact(%q) = %q shows the token", token, r)
		}
	})
}

package keystore

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Prefixes of Notion internal integration tokens: "ntn_" since 2024-09-25,
// "secret_" before. OAuth access tokens have no documented prefix.
const (
	PrefixNTN    = "ntn_"
	PrefixSecret = "secret_"
)

// ellipsis replaces the hidden part of a redacted token.
const ellipsis = "…"

// redactMinHidden is how many characters after the prefix a token needs
// before Redact reveals its last four: showing four of fewer would give away
// too large a share of it.
const redactMinHidden = 16

// shortTokenLen is the length below which CleanToken warns that a token looks
// truncated. Real Notion tokens are about 50 characters.
const shortTokenLen = 20

// quotes are the characters CleanToken strips from both ends of a token,
// including the typographic quotes word processors and chat apps substitute.
const quotes = "'\"`“”‘’"

// ErrEmptyToken is returned by CleanToken when nothing is left of the input.
var ErrEmptyToken = errors.New("token is empty: paste the integration token from notion.so/profile/integrations")

// CleanToken normalises a pasted token. It trims outer whitespace (including
// zero-width characters), surrounding quotes, an "Authorization:" header
// prefix and a "Bearer " scheme (any case), in any nesting. Whitespace, control
// or non-ASCII characters inside the token are an error, since they always
// mean a broken paste. A token without the ntn_ or secret_ prefix is accepted
// with a warning, because OAuth access tokens have no documented prefix.
//
// Neither the warnings nor the error contain the token.
func CleanToken(raw string) (token string, warnings []string, err error) {
	token = stripDecorations(raw)
	if token == "" {
		return "", nil, ErrEmptyToken
	}
	if err := checkTokenChars(token); err != nil {
		return "", nil, err
	}
	if !HasKnownPrefix(token) {
		warnings = append(warnings, fmt.Sprintf(
			"token does not start with %q or %q as internal integration tokens do; "+
				"that is expected for an OAuth access token, otherwise check that you copied the whole token",
			PrefixNTN, PrefixSecret))
	}
	if n := len(token); n < shortTokenLen {
		warnings = append(warnings, fmt.Sprintf(
			"token is only %d characters long (Notion tokens have about 50): it may be cut off", n))
	}
	return token, warnings, nil
}

// HasKnownPrefix reports whether token starts with a Notion internal
// integration prefix (ntn_ or secret_).
func HasKnownPrefix(token string) bool { return knownPrefix(token) != "" }

// knownPrefix returns the Notion prefix token starts with, or "".
func knownPrefix(token string) string {
	for _, p := range []string{PrefixNTN, PrefixSecret} {
		if strings.HasPrefix(token, p) {
			return p
		}
	}
	return ""
}

// stripDecorations removes outer whitespace, quotes, "Authorization:" and
// "Bearer " until none is left; each pass that changes something shortens
// the string, so the loop ends.
func stripDecorations(s string) string {
	for {
		next := strings.TrimFunc(s, isSpaceOrInvisible)
		next = strings.Trim(next, quotes)
		next = trimHeaderName(next)
		next = trimBearer(next)
		if next == s {
			return s
		}
		s = next
	}
}

// trimHeaderName removes a leading "Authorization:" (any case, optional
// space before the colon).
func trimHeaderName(s string) string {
	const name = "authorization"
	if len(s) < len(name) || !strings.EqualFold(s[:len(name)], name) {
		return s
	}
	rest := strings.TrimLeftFunc(s[len(name):], unicode.IsSpace)
	if after, ok := strings.CutPrefix(rest, ":"); ok {
		return after
	}
	return s
}

// trimBearer removes a leading "Bearer" scheme (any case) followed by
// whitespace; a lone "Bearer" leaves nothing.
func trimBearer(s string) string {
	const scheme = "bearer"
	if len(s) < len(scheme) || !strings.EqualFold(s[:len(scheme)], scheme) {
		return s
	}
	rest := s[len(scheme):]
	if r, _ := utf8.DecodeRuneInString(rest); rest != "" && !unicode.IsSpace(r) {
		return s
	}
	return rest
}

// isSpaceOrInvisible reports Unicode white space plus the invisible
// characters web pages put around copied text (zero-width space and joiners,
// byte order mark).
func isSpaceOrInvisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

// checkTokenChars accepts printable ASCII only: a token goes into an HTTP
// header, and anything else points at a broken paste. The error gives the
// position, never the token.
func checkTokenChars(token string) error {
	for i, r := range token {
		switch {
		case r > ' ' && r < utf8.RuneSelf && r != 0x7f:
			continue
		case r == '…':
			return fmt.Errorf("token contains %q at position %d: that is a shortened token as shown on screen; copy the full token", r, i+1)
		case isSpaceOrInvisible(r):
			return fmt.Errorf("token contains white space at position %d: a line break or space was pasted inside it; copy the token again as one piece", i+1)
		default:
			return fmt.Errorf("token contains a non-ASCII or control character (%U) at position %d: copy the token again", r, i+1)
		}
	}
	return nil
}

// Redact returns a form of token safe to show: at most its ntn_/secret_
// prefix and its last four characters ("ntn_…a1B2"). Tokens too short to hide
// most of them come back as "…" alone, as does the empty string.
func Redact(token string) string {
	prefix := knownPrefix(token)
	hidden := []rune(token[len(prefix):])
	if len(hidden) < redactMinHidden {
		return ellipsis
	}
	return prefix + ellipsis + string(hidden[len(hidden)-4:])
}

package widgets

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FuzzyScore says how well query matches s, ignoring case: every rune of
// query must appear in s in order. A match scores more when its runes are
// consecutive, start words, or start s; the query in one piece is scored
// where it stands rather than where its letters first appear one by one.
// 0 means no match. An empty query matches everything with score 1.
func FuzzyScore(query, s string) int {
	return FuzzyScoreLower(strings.ToLower(query), strings.ToLower(s))
}

// FuzzyScoreLower is FuzzyScore for a query and a text already in lower
// case (strings.ToLower): what a list that keeps its texts lowered calls
// on every keystroke, without converting them again.
func FuzzyScoreLower(query, s string) int {
	if query == "" {
		return 1
	}
	score, run := 0, 0
	q := query
	prevSep := true // the start of s begins a word
	from := 0
	if at := strings.Index(s, query); at > 0 {
		from = at
		r, _ := utf8.DecodeLastRuneInString(s[:at])
		prevSep = !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}
	for i, r := range s[from:] {
		if q == "" {
			break
		}
		i += from
		qr, n := utf8.DecodeRuneInString(q)
		if r == qr {
			bonus := 1
			if prevSep {
				bonus += 8 // a word's first letter
			}
			if run > 0 {
				bonus += 4 * run // consecutive letters
			}
			if i == 0 {
				bonus += 4
			}
			score += bonus
			run++
			q = q[n:]
		} else {
			run = 0
		}
		if r < utf8.RuneSelf {
			prevSep = !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z')
		} else {
			prevSep = !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}
	}
	if q != "" {
		return 0
	}
	// Shorter texts rank first among equal matches.
	return score*4 + max(0, 64-utf8.RuneCountInString(s)/4) + 1
}

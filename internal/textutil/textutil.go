// Package textutil holds the small text helpers every part of notion-tui
// shares: counted nouns, quoted lists, shell quoting and "did you mean"
// suggestions with one edit distance.
package textutil

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Plural counts n of a noun: "1 row", "3 rows".
func Plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Noun is the form of a noun for n, without the number: "page" or "pages".
func Noun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// QuoteList quotes each name as a Go string and joins them with commas:
// "a", "b", "c". With limit > 0, names past the limit are counted instead:
// "a", "b", … (3 more).
func QuoteList(names []string, limit int) string {
	q := make([]string, 0, len(names))
	for i, n := range names {
		if limit > 0 && i == limit {
			q = append(q, fmt.Sprintf("… (%d more)", len(names)-limit))
			break
		}
		q = append(q, strconv.Quote(n))
	}
	return strings.Join(q, ", ")
}

// Join joins items as prose: "a", "a or b", "a, b or c" (with word "or"),
// likewise with "and".
func Join(items []string, word string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + word + " " + items[len(items)-1]
}

// ShellQuote quotes s for a POSIX shell.
func ShellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// EditDistance counts the edits between a and b, in runes: insertions,
// deletions, replacements and swaps of two neighbours (the optimal string
// alignment distance).
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows: the swap looks two rows back.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Closest returns up to n of names near s, nearest first, ignoring case:
// within a third of s's length in edits (at least one), starting with s
// when s has three runes or more, or itself (two runes or more) the start of
// s. Ties keep the order of names.
func Closest(s string, names []string, n int) []string {
	type scored struct {
		name string
		dist int
	}
	ls := strings.ToLower(strings.TrimSpace(s))
	if ls == "" || n <= 0 {
		return nil
	}
	limit := max(1, len([]rune(ls))/3)
	var found []scored
	for _, name := range names {
		ln := strings.ToLower(name)
		d := EditDistance(ls, ln)
		switch {
		case d <= limit:
		case len([]rune(ls)) >= 3 && strings.HasPrefix(ln, ls),
			len([]rune(ln)) >= 2 && strings.HasPrefix(ls, ln):
			d = limit // a prefix ranks with the farthest close match
		default:
			continue
		}
		found = append(found, scored{name, d})
	}
	slices.SortStableFunc(found, func(a, b scored) int { return cmp.Compare(a.dist, b.dist) })
	out := make([]string, 0, min(n, len(found)))
	for _, f := range found[:min(n, len(found))] {
		out = append(out, f.name)
	}
	return out
}

// DidYouMean is the tail of an "unknown …" message: ` (did you mean "x"?)`
// with the closest name, or "" when none is close.
func DidYouMean(s string, names []string) string {
	if c := Closest(s, names, 1); len(c) == 1 {
		return fmt.Sprintf(" (did you mean %q?)", c[0])
	}
	return ""
}

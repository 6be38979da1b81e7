package pageform

import (
	"fmt"
	"strings"

	"github.com/notion-tui/notion-tui/notionapi"
)

// maxListed is how many options, people or pages an error message lists
// before "…"; properties are always listed in full.
const maxListed = 12

func parseSelect(p notionapi.PropertySchema, s string, _ Env) (notionapi.PropertyValue, error) {
	o, err := MatchOption(p, s)
	if err != nil {
		return notionapi.PropertyValue{}, err
	}
	if p.Type == notionapi.PropStatus {
		return notionapi.StatusValue(o.Name), nil
	}
	return notionapi.SelectValue(o.Name), nil
}

func parseMultiSelect(p notionapi.PropertySchema, s string, _ Env) (notionapi.PropertyValue, error) {
	items, err := listOf(s)
	if err != nil {
		return notionapi.PropertyValue{}, err
	}
	var names []string
	for _, it := range items {
		o, err := MatchOption(p, it)
		if err != nil {
			return notionapi.PropertyValue{}, err
		}
		if !contains(names, o.Name) {
			names = append(names, o.Name)
		}
	}
	return notionapi.MultiSelectValue(names...), nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// MatchOption finds the option of a select, multi-select or status
// property named s: exactly, or else ignoring case and surrounding spaces.
// An unknown name is an error that lists the options and suggests the
// closest.
func MatchOption(p notionapi.PropertySchema, s string) (notionapi.SelectOption, error) {
	opts := p.Options()
	for _, o := range opts {
		if o.Name == s {
			return o, nil
		}
	}
	want := strings.ToLower(strings.TrimSpace(s))
	for _, o := range opts {
		if strings.ToLower(strings.TrimSpace(o.Name)) == want {
			return o, nil
		}
	}
	if len(opts) == 0 {
		return notionapi.SelectOption{}, fmt.Errorf("%s has no options yet; add them in Notion first", p.Name)
	}
	names := make([]string, len(opts))
	for i, o := range opts {
		names[i] = o.Name
	}
	msg := fmt.Sprintf("no option %q", s)
	if best := closest(want, names); best != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", best)
	}
	return notionapi.SelectOption{}, fmt.Errorf("%s; options are %s", msg, listNames(names, maxListed))
}

// listNames quotes names for a message, up to limit of them (0: all).
func listNames(names []string, limit int) string {
	q := make([]string, 0, len(names))
	for i, n := range names {
		if i == limit && limit > 0 {
			q = append(q, fmt.Sprintf("… (%d more)", len(names)-limit))
			break
		}
		q = append(q, fmt.Sprintf("%q", n))
	}
	return strings.Join(q, ", ")
}

// closest returns the name nearest to want (lower-cased): one that starts
// with it, or one within a third of its length in edits; "" if none is
// close.
func closest(want string, names []string) string {
	if want == "" {
		return ""
	}
	best, bestD := "", len(want)/3+1
	for _, n := range names {
		l := strings.ToLower(n)
		if strings.HasPrefix(l, want) {
			return n
		}
		if d := editDistance(want, l); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance counts the edits (insert, delete, replace, swap two
// neighbours) between a and b, in runes: the optimal string alignment
// distance.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// OptionHint describes what a select, multi-select or status property
// accepts, for a form.
func OptionHint(p notionapi.PropertySchema) string {
	names := make([]string, 0, len(p.Options()))
	for _, o := range p.Options() {
		names = append(names, o.Name)
	}
	if p.Type == notionapi.PropMultiSelect {
		return "comma-separated: " + FormatList(names)
	}
	return "one of: " + FormatList(names)
}

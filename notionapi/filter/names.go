package filter

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/notion-tui/notion-tui/internal/textutil"

	"github.com/notion-tui/notion-tui/notionapi"
)

// maxRunWords bounds how many bare words an unquoted name may span.
const maxRunWords = 8

// timestamps are the page timestamps a filter or sort may name when no
// property has that name.
var timestamps = []string{notionapi.CreatedTime, notionapi.LastEditedTime}

// parseTarget reads a property name, or a timestamp, and resolves it.
// Unquoted names may span several words ("Due date") when the schema has
// such a name; the longest one wins.
func (c *compiler) parseTarget() (*target, error) {
	tok := c.peek()
	if tok.kind != tokWord && tok.kind != tokString || isJoiner(tok) {
		return nil, c.expected("a property name", c.propertyNames(), "")
	}
	name, n := tok.val, 1
	if tok.kind == tokWord {
		if s, k := c.longestRun(c.isPropertyName); k > 1 {
			name, n = s, k
		}
	}
	c.take(n, strconv.Quote(name))
	return c.resolveTarget(name, tok.pos)
}

func (c *compiler) resolveTarget(name string, pos int) (*target, error) {
	i, ambiguous := resolveName(name, c.names)
	switch {
	case i >= 0:
		return &target{prop: &c.schema[i], pos: pos}, nil
	case len(ambiguous) > 0:
		return nil, c.errAt(pos, ambiguous, "%q matches several properties when case is ignored (%s); write the name with its exact case",
			name, quotedList(ambiguous))
	}
	for _, ts := range timestamps {
		if strings.EqualFold(name, ts) {
			return &target{timestamp: ts, pos: pos}, nil
		}
	}
	names := c.propertyNames()
	return nil, c.errAt(pos, names, "unknown property %q%s", name, suggest(name, names))
}

func (c *compiler) isPropertyName(s string) bool {
	i, ambiguous := resolveName(s, c.names)
	return i >= 0 || len(ambiguous) > 0
}

// propertyNames lists the names a filter may use: the properties, then the
// timestamps no property shadows.
func (c *compiler) propertyNames() []string {
	names := slices.Clip(c.names)
	for _, ts := range timestamps {
		if i, _ := resolveName(ts, names); i < 0 {
			names = append(names, ts)
		}
	}
	return names
}

// longestRun finds the longest run of two or more bare words, starting at
// the next token, whose source text accept takes. It returns that text and
// the number of words, or 0 when no run of two or more is accepted.
func (c *compiler) longestRun(accept func(string) bool) (string, int) {
	end := c.i
	for end < len(c.toks) && end-c.i < maxRunWords && c.toks[end].kind == tokWord && !isJoiner(c.toks[end]) {
		end++
	}
	for j := end; j >= c.i+2; j-- {
		if s := c.src[c.toks[c.i].pos:c.toks[j-1].end()]; accept(s) {
			return s, j - c.i
		}
	}
	return "", 0
}

// resolveName finds s among names: the exact name, else the only one equal
// to s when case is ignored. It returns the index, or -1 and the names that
// match ignoring case when there are several.
func resolveName(s string, names []string) (int, []string) {
	if i := slices.Index(names, s); i >= 0 {
		return i, nil
	}
	found := -1
	var matches []string
	for i, n := range names {
		if strings.EqualFold(n, s) {
			found = i
			matches = append(matches, n)
		}
	}
	if len(matches) == 1 {
		return found, nil
	}
	return -1, matches
}

// suggest returns the tail of an "unknown …" message: the names closest
// to s, then the valid names.
func suggest(s string, names []string) string {
	var msg string
	if close := textutil.Closest(s, names, 3); len(close) > 0 {
		msg = "; did you mean " + textutil.Join(quoteAll(close), "or") + "?"
	}
	if len(names) == 0 {
		return msg
	}
	const maxListed = 12
	list := quotedList(names[:min(len(names), maxListed)])
	if len(names) > maxListed {
		list += fmt.Sprintf(" and %d more", len(names)-maxListed)
	}
	return msg + " (valid: " + list + ")"
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strconv.Quote(n)
	}
	return out
}

func quotedList(names []string) string { return strings.Join(quoteAll(names), ", ") }

// isJoiner reports whether t joins conditions: and, or, && or ||.
func isJoiner(t token) bool {
	return t.isWord("and") || t.isWord("or") || t.isPunct("&&") || t.isPunct("||")
}

package filter

import (
	"strconv"
	"strings"

	"github.com/notion-tui/notion-tui/notionapi"
)

// directions maps the accepted direction words to Notion's.
var directions = map[string]string{
	"asc": notionapi.Ascending, "ascending": notionapi.Ascending,
	"desc": notionapi.Descending, "descending": notionapi.Descending,
}

// ParseSorts parses a comma-separated list of sort keys, such as
// "Due desc, Name, created_time asc" or "Due:desc". Each key is a property
// name (quoted or not, resolved as in filters) or a timestamp, then an
// optional direction: asc, ascending, desc or descending, ascending when
// left out. Earlier keys take precedence. A blank src returns no sorts.
// Every error is an *Error.
func ParseSorts(src string, schema notionapi.Schema) ([]notionapi.Sort, error) {
	c := newCompiler(src, schema, Options{})
	if c.peek().kind == tokEOF {
		return nil, nil
	}
	var sorts []notionapi.Sort
	seen := map[notionapi.Sort]bool{}
	for {
		at := c.peek().pos
		s, err := c.parseSort()
		if err != nil {
			return nil, err
		}
		key := notionapi.Sort{Property: s.Property, Timestamp: s.Timestamp}
		if seen[key] {
			return nil, c.errAt(at, nil, "%s is already sorted on; give each property once", strconv.Quote(key.Property+key.Timestamp))
		}
		seen[key] = true
		sorts = append(sorts, s)
		switch {
		case c.peek().kind == tokEOF:
			return sorts, nil
		case !c.peek().isPunct(","):
			return nil, c.expected(`"," or end of input`, []string{","}, "")
		}
		c.next()
	}
}

// parseSort reads name [[":"] direction].
func (c *compiler) parseSort() (notionapi.Sort, error) {
	t, err := c.parseTarget()
	if err != nil {
		return notionapi.Sort{}, err
	}
	s := notionapi.Sort{Property: t.name(), Direction: notionapi.Ascending}
	if t.prop == nil {
		s = notionapi.Sort{Timestamp: t.timestamp, Direction: notionapi.Ascending}
	}
	colon := c.peek().isPunct(":")
	if colon {
		c.next()
	}
	if dir, ok := directions[strings.ToLower(c.peek().val)]; ok && c.peek().kind == tokWord {
		c.next()
		s.Direction = dir
	} else if colon {
		return notionapi.Sort{}, c.expected("asc or desc", []string{"asc", "desc"}, "")
	}
	return s, nil
}

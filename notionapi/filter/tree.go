package filter

import (
	"encoding/json"
	"strconv"
	"strings"
)

// expr is a node of a parsed expression.
type expr interface {
	start() int // where the node starts in the source
}

// group is an and or an or of conditions.
type group struct {
	and  bool
	kids []expr
	at   int
	in   bool // made by in (…)
}

// negation is a not, removed by lower.
type negation struct {
	x  expr
	at int
}

// leaf is one comparison, already checked against the schema.
type leaf struct {
	at    int
	t     *target
	k     kind
	o     opToken
	value json.RawMessage // the operand: a value, true for emptiness, {} for ranges
}

func (g *group) start() int    { return g.at }
func (n *negation) start() int { return n.at }
func (l *leaf) start() int     { return l.at }

// maxGroupDepth is how deep Notion nests groups: a top group and groups
// directly inside it.
const maxGroupDepth = 2

// lower pushes negations down to the comparisons (De Morgan) and flattens
// nested groups of the same kind.
func (c *compiler) lower(x expr, negate bool) (expr, error) {
	switch x := x.(type) {
	case *negation:
		return c.lower(x.x, !negate)
	case *leaf:
		if negate {
			return c.negate(x)
		}
		return x, nil
	case *group:
		out := &group{and: x.and != negate, at: x.at, in: x.in}
		for _, kid := range x.kids {
			k, err := c.lower(kid, negate)
			if err != nil {
				return nil, err
			}
			if g, ok := k.(*group); ok && g.and == out.and {
				out.kids = append(out.kids, g.kids...)
			} else {
				out.kids = append(out.kids, k)
			}
		}
		return out, nil
	}
	panic("filter: unknown expression node")
}

// negate returns the opposite comparison: any ↔ none, every → any of the
// complement, and otherwise the complement of the operator.
func (c *compiler) negate(l *leaf) (*leaf, error) {
	n := *l
	switch l.k.quant {
	case "any":
		n.k.quant = "none"
		return &n, nil
	case "none":
		n.k.quant = "any"
		return &n, nil
	case "every":
		n.k.quant = "any"
	}
	comp, ok := complements[l.o.op]
	if ok {
		_, ok = l.k.fam.cond(comp)
	}
	if !ok {
		return nil, c.errAt(l.o.pos, nil, "cannot negate %s on %s: Notion has no opposite condition", strconv.Quote(l.o.text), l.k.label(l.t))
	}
	n.o.op = comp
	return &n, nil
}

// checkDepth rejects groups nested deeper than Notion allows. level is the
// number of groups around x.
func (c *compiler) checkDepth(x expr, level int) error {
	g, ok := x.(*group)
	if !ok {
		return nil
	}
	if level++; level > maxGroupDepth {
		what := "this group"
		if g.in {
			what = `"in" makes an or group that`
		}
		return c.errAt(g.at, nil, "%s is nested %d levels deep; Notion allows groups only %d levels deep (a group inside the top group), so move it up or split the query",
			what, level, maxGroupDepth)
	}
	for _, kid := range g.kids {
		if err := c.checkDepth(kid, level); err != nil {
			return err
		}
	}
	return nil
}

// encode appends the filter JSON of x to b.
func (c *compiler) encode(b []byte, x expr) []byte {
	switch x := x.(type) {
	case *group:
		joiner := "or"
		if x.and {
			joiner = "and"
		}
		b = append(b, '{')
		b = appendKey(b, joiner)
		b = append(b, '[')
		for i, kid := range x.kids {
			if i > 0 {
				b = append(b, ',')
			}
			b = c.encode(b, kid)
		}
		return append(b, "]}"...)
	case *leaf:
		return c.encodeLeaf(b, x)
	}
	panic("filter: unknown expression node")
}

// encodeLeaf appends a property or timestamp filter, such as
// {"property":"Tasks","rollup":{"any":{"select":{"equals":"Done"}}}}.
func (c *compiler) encodeLeaf(b []byte, l *leaf) []byte {
	key, name := "timestamp", l.t.timestamp
	if p := l.t.prop; p != nil {
		key, name = "property", p.Name
		if c.opts.UseIDs && p.ID != "" {
			name = p.ID
		}
	}
	b = append(b, '{')
	b = appendKey(b, key)
	b = append(b, jsonString(name)...)
	b = append(b, ',')
	b = appendKey(b, l.k.key)
	closers := 1
	for _, k := range []string{l.k.quant, l.k.sub} {
		if k != "" {
			b = append(b, '{')
			b = appendKey(b, k)
			closers++
		}
	}
	cd, _ := l.k.fam.cond(l.o.op)
	b = append(b, '{')
	b = appendKey(b, cd.name)
	b = append(b, l.value...)
	b = append(b, '}')
	return append(b, strings.Repeat("}", closers)...)
}

func appendKey(b []byte, k string) []byte {
	b = append(b, jsonString(k)...)
	return append(b, ':')
}

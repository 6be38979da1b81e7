package filter

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/notion-tui/notion-tui/internal/textutil"

	"github.com/notion-tui/notion-tui/notionapi"
)

// target is what a comparison filters on: a property or a timestamp.
type target struct {
	prop      *notionapi.PropertySchema // nil for a timestamp
	timestamp string                    // created_time or last_edited_time when prop is nil
	pos       int                       // where the name starts in the source
}

func (t *target) name() string {
	if t.prop != nil {
		return t.prop.Name
	}
	return t.timestamp
}

func (t *target) typ() notionapi.PropertyType {
	if t.prop != nil {
		return t.prop.Type
	}
	return notionapi.PropertyType(t.timestamp)
}

// kind is the shape of a comparison's filter: the type key under the
// property, for formulas and rollups the quantifier and result type keys,
// and the family that gives conditions and reads values.
type kind struct {
	key   string // "status", "formula", "rollup", "created_time", …
	quant string // "any", "every" or "none" for a rollup over an array
	sub   string // the result type key of a formula or rollup: "number", "string", …
	fam   *family
}

// label names the target and its kind in messages: "Pages" (number),
// "Score" (number formula).
func (k kind) label(t *target) string {
	desc := string(t.typ())
	if t.prop == nil {
		desc = "timestamp"
	}
	if k.sub != "" {
		desc = k.sub + " " + desc
	}
	return fmt.Sprintf("%s (%s)", strconv.Quote(t.name()), desc)
}

// sub is a result type a formula or rollup filter may compare.
type sub struct {
	hint string // the type hint naming it, such as "text"
	key  string // its key in the filter, such as "string" or "rich_text"
	fam  *family
}

var (
	formulaSubs = []sub{
		{"text", "string", &textFamily}, {"number", "number", &numberFamily},
		{"checkbox", "checkbox", &checkboxFamily}, {"date", "date", &dateFamily},
	}
	// rollupSubs are the types an any/every/none rollup filter compares.
	rollupSubs = []sub{
		{"text", "rich_text", &textFamily}, {"number", "number", &numberFamily},
		{"checkbox", "checkbox", &checkboxFamily}, {"date", "date", &dateFamily},
		{"select", "select", &optionFamily}, {"multi_select", "multi_select", &multiSelectFamily},
		{"status", "status", &optionFamily}, {"people", "people", &peopleFamily},
		{"relation", "relation", &relationFamily}, {"files", "files", &filesFamily},
	}
	// rollupScalars are the types a rollup without a quantifier compares.
	rollupScalars = []sub{{"number", "number", &numberFamily}, {"date", "date", &dateFamily}}
)

// hintAliases maps alternative type hint spellings to the hint names of
// formulaSubs and rollupSubs.
var hintAliases = map[string]string{
	"string": "text", "rich_text": "text", "title": "text",
	"bool": "checkbox", "boolean": "checkbox",
	"multiselect": "multi_select", "multi-select": "multi_select",
	"person": "people", "user": "people", "file": "files",
}

// subsOf returns the result types a hint may name for a property type:
// those of formulas, those of rollups, or none.
func subsOf(typ notionapi.PropertyType) []sub {
	switch typ {
	case notionapi.PropFormula:
		return formulaSubs
	case notionapi.PropRollup:
		return rollupSubs
	}
	return nil
}

func subFamilies(subs []sub) []*family {
	var out []*family
	for _, s := range subs {
		if !slices.Contains(out, s.fam) {
			out = append(out, s.fam)
		}
	}
	return out
}

func hintNames(subs []sub) []string {
	out := make([]string, len(subs))
	for i, s := range subs {
		out[i] = s.hint
	}
	return out
}

// kind works out the filter shape of a comparison on t. hint and quant are
// the optional type hint (only ever given for formulas and rollups) and
// quantifier tokens, tokEOF when absent.
func (c *compiler) kind(t *target, hint, quant token, o opToken) (kind, error) {
	typ := t.typ()
	if quant.kind != tokEOF && typ != notionapi.PropRollup {
		return kind{}, c.errAt(quant.pos, nil, "%s applies to rollup properties; %s is a %s property", quant.quoted(), strconv.Quote(t.name()), typ)
	}
	switch typ {
	case notionapi.PropFormula:
		s, err := c.pickSub(t, formulaSubs, hint, c.inferType(o))
		return kind{key: string(typ), sub: s.key, fam: s.fam}, err
	case notionapi.PropRollup:
		if quant.kind != tokEOF {
			s, err := c.pickSub(t, rollupSubs, hint, c.inferType(o))
			return kind{key: string(typ), quant: strings.ToLower(quant.val), sub: s.key, fam: s.fam}, err
		}
		s, err := c.pickRollupScalar(t, hint, o)
		return kind{key: string(typ), sub: s.key, fam: s.fam}, err
	}
	return kind{key: string(typ), fam: families[typ]}, nil
}

// pickSub returns the sub named by the hint, or else the inferred one, or
// else the first.
func (c *compiler) pickSub(t *target, subs []sub, hint token, inferred string) (sub, error) {
	if hint.kind != tokEOF {
		return c.hintedSub(t, subs, hint)
	}
	if s, ok := findSub(subs, inferred); ok {
		return s, nil
	}
	return subs[0], nil
}

func (c *compiler) hintedSub(t *target, subs []sub, hint token) (sub, error) {
	name := strings.ToLower(hint.val)
	if alias, ok := hintAliases[name]; ok {
		name = alias
	}
	if s, ok := findSub(subs, name); ok {
		return s, nil
	}
	names := hintNames(subs)
	return sub{}, c.errAt(hint.pos, names, "unknown type hint %s for %s; use %s", hint.quoted(), strconv.Quote(t.name()), textutil.Join(names, "or"))
}

// pickRollupScalar handles a rollup compared without any/every/none: its
// result must be a number or a date, named by a hint, implied by the
// rollup function or inferred from the value.
func (c *compiler) pickRollupScalar(t *target, hint token, o opToken) (sub, error) {
	if hint.kind != tokEOF {
		s, err := c.hintedSub(t, rollupSubs, hint)
		if err == nil && !slices.Contains(rollupScalars, s) {
			return sub{}, c.errAt(hint.pos, nil, "a %s rollup needs any, every or none before the operator, as in %s:%s any = …", s.hint, t.name(), s.hint)
		}
		return s, err
	}
	inferred := c.inferType(o)
	if t.prop.Rollup != nil {
		if r := rollupResult(t.prop.Rollup.Function); r != "" {
			inferred = r
		}
	}
	if s, ok := findSub(rollupScalars, inferred); ok {
		return s, nil
	}
	return sub{}, c.errAt(t.pos, []string{"any", "every", "none"},
		"rollup %s needs any, every or none after its name (or a :number or :date type hint for a computed value)", strconv.Quote(t.name()))
}

func findSub(subs []sub, hint string) (sub, bool) {
	i := slices.IndexFunc(subs, func(s sub) bool { return s.hint == hint })
	if i < 0 {
		return sub{}, false
	}
	return subs[i], true
}

// rollupResult returns the result type of a rollup function: "number" or
// "date", or "" when it shows an array or is unknown.
func rollupResult(function string) string {
	switch function {
	case "count", "count_values", "empty", "not_empty", "unique", "percent_empty", "percent_not_empty",
		"sum", "average", "median", "min", "max", "range",
		"checked", "unchecked", "percent_checked", "percent_unchecked":
		return "number"
	case "earliest_date", "latest_date":
		return "date"
	}
	return ""
}

// inferType guesses the result type of a formula or rollup from the
// operator and the value that follows it: a date operator or a date means
// date, true/false checkbox, a number number, me people, else text.
func (c *compiler) inferType(o opToken) string {
	if o.op.isRange() || o.date {
		return "date"
	}
	v, ok := c.peekValue(o)
	switch {
	case !ok || v.kind != tokWord:
		return "text"
	case v.isWord("true") || v.isWord("false"):
		return "checkbox"
	case isNumber(v.val):
		return "number"
	case looksLikeDate(v.val):
		return "date"
	case v.isWord("me"):
		return "people"
	case o.op.isOrdering():
		return "number"
	}
	return "text"
}

// peekValue returns the first value the operator will read, if any.
func (c *compiler) peekValue(o opToken) (token, bool) {
	switch {
	case o.op.takesValue():
		return c.peek(), true
	case o.op == opIn && c.peek().isPunct("("):
		return c.peekAt(1), true
	}
	return token{}, false
}

package filter

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/notion-tui/notion-tui/internal/textutil"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Options tune Compile.
type Options struct {
	// Now returns the current time. today, tomorrow and yesterday are the
	// dates of Now in its location. Nil means time.Now.
	Now func() time.Time
	// Users lets people be named by name or email; they are written as
	// their IDs.
	Users []notionapi.User
	// UseIDs writes property IDs instead of names in the filter (names are
	// kept for properties without an ID).
	UseIDs bool
	// FindPage lets a related page be named by its title, as create --set
	// does: it returns the ID of the page of relation property p that
	// title names, or an error that says why none (or several) does. It is
	// called for relation values that are not page IDs or links; nil
	// takes IDs and links only. It may read the workspace: callers that
	// compile as the user types give one that answers from what is known.
	FindPage func(p notionapi.PropertySchema, title string) (string, error)
	// TitleWords makes a condition of bare words that does not start with
	// a property name mean "the title contains these words": billing
	// webhook is Name contains "billing webhook", for a quick search.
	TitleWords bool
}

// maxNesting bounds parentheses and nots, so that hostile input cannot
// exhaust the stack. Notion accepts far less nesting anyway.
const maxNesting = 64

// compiler parses an expression and checks it against a schema as it goes,
// so errors come in source order.
type compiler struct {
	src    string
	toks   []token
	i      int    // the next token
	last   string // the last unit read, quoted as messages show it
	depth  int    // nesting of parentheses and nots
	schema notionapi.Schema
	names  []string // the property names, in schema order
	opts   Options
	clock  time.Time // Options.Now, read once
}

func newCompiler(src string, schema notionapi.Schema, opts Options) *compiler {
	return &compiler{src: src, toks: lex(src), schema: schema, names: schema.Names(), opts: opts}
}

// Compile parses src and returns the Notion filter object, ready to marshal
// (json.RawMessage). A single condition compiles to a property or timestamp
// filter, several to an "and" or "or" group. Every error is an *Error; a
// blank src is an error too, since no filter means no Compile call.
func Compile(src string, schema notionapi.Schema, opts Options) (json.RawMessage, error) {
	c := newCompiler(src, schema, opts)
	if c.peek().kind == tokEOF {
		return nil, c.errAt(c.peek().pos, c.propertyNames(), "empty filter; write a condition such as Status = Done")
	}
	x, err := c.parseOr()
	if err != nil {
		return nil, err
	}
	if c.peek().kind != tokEOF {
		return nil, c.expectedJoiner("")
	}
	if x, err = c.lower(x, false); err != nil {
		return nil, err
	}
	if err := c.checkDepth(x, 0); err != nil {
		return nil, err
	}
	return c.encode(make([]byte, 0, 64*len(c.toks)), x), nil
}

func (c *compiler) peek() token { return c.peekAt(0) }

// peekAt returns the token n places ahead; past the end it returns the
// last token (tokEOF or tokError).
func (c *compiler) peekAt(n int) token { return c.toks[min(c.i+n, len(c.toks)-1)] }

func (c *compiler) next() token {
	t := c.peek()
	c.take(1, t.quoted())
	return t
}

// take consumes n tokens that messages will quote as last.
func (c *compiler) take(n int, last string) {
	c.i = min(c.i+n, len(c.toks)-1)
	c.last = last
}

func (c *compiler) errAt(pos int, expected []string, format string, args ...any) *Error {
	return newError(c.src, pos, expected, format, args...)
}

// expected reports that the next token is not what was wanted. A lexical
// error met there is reported instead.
func (c *compiler) expected(what string, expected []string, extra string) error {
	t := c.peek()
	if t.kind == tokError {
		return t.err
	}
	msg := "expected " + what
	if c.last != "" {
		msg += " after " + c.last
	}
	return c.errAt(t.pos, expected, "%s, found %s%s", msg, t.describe(), extra)
}

// expectedJoiner reports a token where "and", "or" or the end of the
// expression (closer, if any, or the end of input) were wanted.
func (c *compiler) expectedJoiner(closer string) error {
	extra := ""
	if c.peek().kind == tokWord && c.i > 0 && c.toks[c.i-1].kind == tokWord {
		extra = "; quote names and values that contain spaces"
	}
	if closer == "" {
		return c.expected(`"and", "or" or end of input`, []string{"and", "or"}, extra)
	}
	return c.expected(`"and", "or" or `+strconv.Quote(closer), []string{"and", "or", closer}, extra)
}

func (c *compiler) now() time.Time {
	if c.clock.IsZero() {
		if c.opts.Now != nil {
			c.clock = c.opts.Now()
		} else {
			c.clock = time.Now()
		}
	}
	return c.clock
}

// parseOr reads conditions joined by or; and binds tighter.
func (c *compiler) parseOr() (expr, error) { return c.parseChain(false) }

// parseChain reads operands joined by and (or by or) into one group.
func (c *compiler) parseChain(and bool) (expr, error) {
	operand, word, symbol := c.parseUnary, "and", "&&"
	if !and {
		operand, word, symbol = func() (expr, error) { return c.parseChain(true) }, "or", "||"
	}
	first, err := operand()
	if err != nil {
		return nil, err
	}
	kids := []expr{first}
	for t := c.peek(); t.isWord(word) || t.isPunct(symbol); t = c.peek() {
		c.next()
		x, err := operand()
		if err != nil {
			return nil, err
		}
		kids = append(kids, x)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return &group{and: and, kids: kids, at: first.start()}, nil
}

// parseUnary reads a negation, a parenthesized expression or a comparison.
func (c *compiler) parseUnary() (expr, error) {
	t := c.peek()
	if c.depth++; c.depth > maxNesting {
		return nil, c.errAt(t.pos, nil, "expression nested more than %d levels deep", maxNesting)
	}
	defer func() { c.depth-- }()
	switch {
	case t.isWord("not") || t.isPunct("!"):
		c.next()
		x, err := c.parseUnary()
		if err != nil {
			return nil, err
		}
		return &negation{x: x, at: t.pos}, nil
	case t.isPunct("("):
		c.next()
		x, err := c.parseOr()
		if err != nil {
			return nil, err
		}
		if !c.peek().isPunct(")") {
			if c.peek().kind == tokEOF {
				return nil, c.errAt(t.pos, []string{")"}, `unclosed "(": no matching ")" before end of input`)
			}
			return nil, c.expectedJoiner(")")
		}
		c.next()
		if g, ok := x.(*group); ok {
			g.at = t.pos
		}
		return x, nil
	}
	return c.parseComparison()
}

// parseComparison reads property [":" hint] [quantifier] [["not"] operator
// [value | list]].
func (c *compiler) parseComparison() (expr, error) {
	if c.opts.TitleWords {
		if x, ok, err := c.titleWords(); ok || err != nil {
			return x, err
		}
	}
	t, err := c.parseTarget()
	if err != nil {
		return nil, err
	}
	typ := t.typ()
	if families[typ] == nil && typ != notionapi.PropFormula && typ != notionapi.PropRollup {
		return nil, c.errAt(t.pos, nil, "%s is a %s property, which Notion cannot filter on", strconv.Quote(t.name()), typ)
	}
	hint, err := c.parseHint(t)
	if err != nil {
		return nil, err
	}
	quant := c.parseQuantifier()
	if c.atConditionEnd() {
		return c.bareCondition(t, hint, quant)
	}
	not := c.peek()
	negated := not.isWord("not") || not.isPunct("!")
	if negated {
		c.next()
	}
	o, err := c.parseOperator(t, hint)
	if err != nil {
		return nil, err
	}
	x, err := c.condition(t, hint, quant, o)
	if err != nil || !negated {
		return x, err
	}
	return &negation{x: x, at: not.pos}, nil
}

// parseHint reads an optional ":" and type hint, which only formulas and
// rollups take.
func (c *compiler) parseHint(t *target) (token, error) {
	colon := c.peek()
	if !colon.isPunct(":") {
		return token{}, nil
	}
	subs := subsOf(t.typ())
	if subs == nil {
		return token{}, c.errAt(colon.pos, nil, "type hints apply to formula and rollup properties; %s is a %s property", strconv.Quote(t.name()), t.typ())
	}
	c.next()
	if tok := c.peek(); tok.kind == tokWord {
		return c.next(), nil
	}
	hints := hintNames(subs)
	return token{}, c.expected("a type hint", hints, " (use "+textutil.Join(hints, "or")+")")
}

// parseQuantifier reads an optional any, every or none.
func (c *compiler) parseQuantifier() token {
	if t := c.peek(); t.isWord("any") || t.isWord("every") || t.isWord("none") {
		return c.next()
	}
	return token{}
}

// atConditionEnd reports whether the next token ends a condition.
func (c *compiler) atConditionEnd() bool {
	t := c.peek()
	return t.kind == tokEOF || t.isPunct(")") || isJoiner(t)
}

// bareCondition handles a comparison without an operator, which is
// allowed for checkboxes: "Done" means "Done = true".
func (c *compiler) bareCondition(t *target, hint, quant token) (expr, error) {
	if t.typ() == notionapi.PropCheckbox || hint.kind != tokEOF {
		o := opToken{op: opEq, pos: t.pos}
		k, err := c.kind(t, hint, quant, o)
		if err != nil {
			return nil, err
		}
		if k.fam == &checkboxFamily {
			return &leaf{at: t.pos, t: t, k: k, o: o, value: json.RawMessage("true")}, nil
		}
	}
	return nil, c.expectedOperator(t, hint)
}

// expectedOperator reports a missing or unknown operator, listing those of
// the property's type, or of its hinted result type.
func (c *compiler) expectedOperator(t *target, hint token) error {
	ops := Operators(t.typ())
	if subs := subsOf(t.typ()); subs != nil && hint.kind != tokEOF {
		if s, err := c.hintedSub(t, subs, hint); err == nil {
			ops = s.fam.shown()
		}
	}
	return c.expected("an operator", ops, "; "+strconv.Quote(t.name())+" takes "+textutil.Join(ops, "or"))
}

// opToken is an operator as written.
type opToken struct {
	op   op
	date bool   // spelled as a date comparison
	pos  int    // where it starts
	text string // its source text, for messages
}

// parseOperator reads the longest operator spelling at the next token.
func (c *compiler) parseOperator(t *target, hint token) (opToken, error) {
	for _, s := range spellings {
		if !c.matches(s.words) {
			continue
		}
		first, last := c.peek(), c.peekAt(len(s.words)-1)
		o := opToken{op: s.op, date: s.date, pos: first.pos, text: c.src[first.pos:last.end()]}
		c.take(len(s.words), strconv.Quote(o.text))
		return o, nil
	}
	return opToken{}, c.expectedOperator(t, hint)
}

func (c *compiler) matches(words []string) bool {
	for k, w := range words {
		t := c.peekAt(k)
		if !t.isWord(w) && !t.isPunct(w) {
			return false
		}
	}
	return true
}

// condition reads what follows the operator and builds the comparison.
func (c *compiler) condition(t *target, hint, quant token, o opToken) (expr, error) {
	k, err := c.kind(t, hint, quant, o)
	if err != nil {
		return nil, err
	}
	if _, ok := k.fam.cond(o.op); !ok {
		shown := k.fam.shown()
		return nil, c.errAt(o.pos, shown, "%s does not apply to %s; use %s", strconv.Quote(o.text), k.label(t), textutil.Join(shown, "or"))
	}
	switch {
	case o.op == opIn:
		return c.parseList(t, k, o)
	case o.op.isRange():
		return &leaf{at: t.pos, t: t, k: k, o: o, value: json.RawMessage("{}")}, nil
	case !o.op.takesValue(): // is empty, is not empty
		return &leaf{at: t.pos, t: t, k: k, o: o, value: json.RawMessage("true")}, nil
	}
	v, err := c.parseValue(t, k)
	if err != nil {
		return nil, err
	}
	return &leaf{at: t.pos, t: t, k: k, o: o, value: v}, nil
}

// parseValue reads one value. Where the family knows the possible values
// (options, user names), an unquoted value may span several words.
func (c *compiler) parseValue(t *target, k kind) (json.RawMessage, error) {
	v := c.peek()
	if v.kind != tokWord && v.kind != tokString || isJoiner(v) {
		var hints []string
		if k.fam.names != nil {
			hints = k.fam.names(c, t)
		}
		return nil, c.expected("a value", slices.Concat(k.fam.hints, hints), "")
	}
	n := 1
	if v.kind == tokWord && k.fam == &relationFamily && c.opts.FindPage != nil {
		// A title may span several words, up to the end of the condition.
		end := c.i
		for end < len(c.toks) && c.toks[end].kind == tokWord && !isJoiner(c.toks[end]) {
			end++
		}
		if m := end - c.i; m > 1 {
			s := c.src[v.pos:c.toks[end-1].end()]
			v, n = token{kind: tokWord, text: s, val: s, pos: v.pos}, m
		}
	} else if v.kind == tokWord && k.fam.names != nil {
		names := k.fam.names(c, t)
		known := func(s string) bool { i, ambiguous := resolveName(s, names); return i >= 0 || len(ambiguous) > 0 }
		if s, m := c.longestRun(known); m > 1 {
			v, n = token{kind: tokWord, text: s, val: s, pos: v.pos}, m
		}
	}
	c.take(n, v.quoted())
	return k.fam.value(c, t, v)
}

// parseList reads the "(a, b, c)" after in, which compiles to an or group
// of equalities.
func (c *compiler) parseList(t *target, k kind, o opToken) (expr, error) {
	open := c.peek()
	if !open.isPunct("(") {
		return nil, c.expected(`"(" and a list of values`, []string{"("}, "")
	}
	c.next()
	eq := opToken{op: opEq, pos: o.pos, text: o.text}
	var kids []expr
	for {
		v, err := c.parseValue(t, k)
		if err != nil {
			return nil, err
		}
		kids = append(kids, &leaf{at: t.pos, t: t, k: k, o: eq, value: v})
		if !c.peek().isPunct(",") {
			break
		}
		if c.next(); c.peek().isPunct(")") {
			break // a trailing comma
		}
	}
	switch {
	case c.peek().isPunct(")"):
		c.next()
	case c.peek().kind == tokEOF:
		return nil, c.errAt(open.pos, []string{")"}, `unclosed "(" of the in list: no matching ")" before end of input`)
	default:
		return nil, c.expected(`"," or ")"`, []string{",", ")"}, "")
	}
	if len(kids) == 1 {
		return kids[0], nil
	}
	return &group{kids: kids, at: o.pos, in: true}, nil
}

// titleWords reads a condition of bare words (or one quoted string) that
// does not start with a property name, as "the title contains them"
// (Options.TitleWords). ok is false when the condition is something else.
func (c *compiler) titleWords() (expr, bool, error) {
	start := c.peek()
	end := c.i
	for end < len(c.toks) {
		t := c.toks[end]
		if t.kind == tokEOF || t.isPunct(")") || isJoiner(t) {
			break
		}
		if t.kind != tokWord && t.kind != tokString {
			return nil, false, nil // an operator symbol: a comparison
		}
		end++
	}
	if end == c.i || start.kind == tokString && end > c.i+1 {
		return nil, false, nil
	}
	if start.kind == tokWord {
		if _, k := c.longestRun(c.isPropertyName); k > 1 || c.isPropertyName(start.val) || isTimestamp(start.val) {
			return nil, false, nil
		}
	} else if c.isPropertyName(start.val) || isTimestamp(start.val) {
		return nil, false, nil
	}
	title, ok := c.schema.Title()
	if !ok {
		return nil, false, nil
	}
	text := start.val
	if end > c.i+1 {
		text = c.src[start.pos:c.toks[end-1].end()]
	}
	c.take(end-c.i, strconv.Quote(text))
	t := &target{prop: &title, pos: start.pos}
	for i := range c.schema {
		if c.schema[i].Name == title.Name {
			t.prop = &c.schema[i]
		}
	}
	o := opToken{op: opContains, pos: start.pos, text: "contains"}
	k, err := c.kind(t, token{}, token{}, o)
	if err != nil {
		return nil, true, err
	}
	return &leaf{at: start.pos, t: t, k: k, o: o, value: jsonString(text)}, true, nil
}

func isTimestamp(s string) bool {
	for _, ts := range timestamps {
		if strings.EqualFold(s, ts) {
			return true
		}
	}
	return false
}

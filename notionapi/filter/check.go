package filter

// Check finds the mistakes in src that need no schema: lexical errors
// (an unclosed string, a stray character), an empty expression,
// parentheses that do not match, "and"/"or" with nothing on one side, and
// an operator symbol or "not" with nothing after it. A command line can
// refuse such an expression before it sends any request.
//
// Check never refuses what Compile could accept; an expression it lets
// through may still be refused by Compile (unknown names, options,
// operators that do not fit a property). Errors are *Error, positioned in
// src like those of Compile.
func Check(src string) error {
	toks := lex(src)
	last := toks[len(toks)-1]
	if last.kind == tokError {
		return last.err
	}
	if len(toks) == 1 {
		return newError(src, 0, nil, "empty filter; write a condition such as Status = Done")
	}
	var open []token // unmatched "(", innermost last
	prev := token{kind: tokEOF, pos: -1}
	for _, t := range toks {
		switch {
		case t.isPunct("("):
			if prev.kind == tokPunct && prev.text == ")" {
				return expectedAfter(src, t, prev, `"and", "or" or end of input`)
			}
			open = append(open, t)
		case t.isPunct(")"):
			if len(open) == 0 {
				return newError(src, t.pos, []string{"and", "or"}, `unmatched ")": no "(" before it`)
			}
			if prev.isPunct("(") {
				return newError(src, t.pos, nil, `empty parentheses: write a condition or a list of values inside "()"`)
			}
			if isJoiner(prev) || isNegation(prev) || isOperatorSymbol(prev) {
				return expectedAfter(src, t, prev, operandOf(prev))
			}
			open = open[:len(open)-1]
		case t.kind == tokEOF:
			if len(open) > 0 {
				return newError(src, open[len(open)-1].pos, []string{")"}, `unclosed "(": no matching ")" before end of input`)
			}
			if isJoiner(prev) || isNegation(prev) || isOperatorSymbol(prev) || prev.isPunct(",") || prev.isPunct(":") {
				return expectedAfter(src, t, prev, operandOf(prev))
			}
		case isJoiner(t):
			if prev.pos < 0 || prev.isPunct("(") || isJoiner(prev) || isNegation(prev) {
				return newError(src, t.pos, nil, "%s needs a condition before it", t.quoted())
			}
		}
		prev = t
	}
	return nil
}

// expectedAfter reports that t is not what should follow prev.
func expectedAfter(src string, t, prev token, what string) *Error {
	return newError(src, t.pos, nil, "expected %s after %s, found %s", what, prev.quoted(), t.describe())
}

// operandOf names what must follow a joiner, a negation or an operator.
func operandOf(t token) string {
	switch {
	case isJoiner(t), isNegation(t):
		return "a condition"
	case t.isPunct(":"):
		return "a type hint"
	case t.isPunct(","):
		return `a value or ")"`
	case t.isPunct(")"):
		return `"and", "or" or end of input`
	}
	return "a value"
}

// isNegation reports the symbol "!" standing alone; the word "not" may
// also end a name in some schemas, so it is left to Compile.
func isNegation(t token) bool { return t.isPunct("!") }

// isOperatorSymbol reports the comparison symbols, which always need a
// value after them.
func isOperatorSymbol(t token) bool {
	if t.kind != tokPunct {
		return false
	}
	switch t.text {
	case "=", "==", "!=", "<>", "<", ">", "<=", ">=", "~", "!~":
		return true
	}
	return false
}

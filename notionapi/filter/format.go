package filter

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Format writes a Notion filter object in the language Compile reads, so
// that a filter made elsewhere (a view's, a saved one) can be shown and
// edited as an expression. It reports false when the filter uses what the
// language cannot say (relative date objects, array values, unknown
// properties or conditions); show the JSON then.
//
// Properties may be named by name or ID; the expression names them by
// name. People are written by name when opts.Users knows them. The
// expression is checked by compiling it back: Format says true only when
// Compile(expr) gives the same filter.
func Format(raw json.RawMessage, schema notionapi.Schema, opts Options) (string, bool) {
	var f any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		return "", false
	}
	fm := &formatter{schema: schema, opts: opts}
	expr, ok := fm.node(f, true)
	if !ok {
		return "", false
	}
	back, err := Compile(expr, schema, opts)
	if err != nil {
		return "", false
	}
	var g any
	dec = json.NewDecoder(bytes.NewReader(back))
	dec.UseNumber()
	if dec.Decode(&g) != nil {
		return "", false
	}
	if !reflect.DeepEqual(normalize(f, schema), normalize(g, schema)) {
		return "", false
	}
	return expr, true
}

type formatter struct {
	schema notionapi.Schema
	opts   Options
}

// node formats a filter or a group; top says no parentheses are needed.
func (fm *formatter) node(x any, top bool) (string, bool) {
	m, ok := x.(map[string]any)
	if !ok {
		return "", false
	}
	for _, join := range []string{"and", "or"} {
		items, isGroup := m[join]
		if !isGroup {
			continue
		}
		list, ok := items.([]any)
		if !ok || len(list) == 0 || len(m) != 1 {
			return "", false
		}
		parts := make([]string, len(list))
		for i, it := range list {
			if parts[i], ok = fm.node(it, false); !ok {
				return "", false
			}
		}
		s := strings.Join(parts, " "+join+" ")
		if !top && len(parts) > 1 {
			s = "(" + s + ")"
		}
		return s, true
	}
	return fm.leaf(m)
}

// leaf formats one condition on a property or a timestamp.
func (fm *formatter) leaf(m map[string]any) (string, bool) {
	if ts, ok := m["timestamp"].(string); ok {
		if ts != notionapi.CreatedTime && ts != notionapi.LastEditedTime || len(m) != 2 {
			return "", false
		}
		if _, clash := fm.schema.Get(ts); clash {
			return "", false // the name would mean the property
		}
		cond, ok := single(m[ts])
		if !ok {
			return "", false
		}
		return fm.condition(ts, &dateFamily, nil, cond)
	}
	ref, ok := m["property"].(string)
	if !ok || len(m) != 2 {
		return "", false
	}
	p, ok := fm.schema.Get(ref)
	if !ok {
		return "", false
	}
	var key string
	var body any
	for k, v := range m {
		if k != "property" {
			key, body = k, v
		}
	}
	name := quoteName(p.Name)
	switch p.Type {
	case notionapi.PropFormula:
		if key != "formula" {
			return "", false
		}
		subKey, inner, ok := singleKey(body)
		if !ok {
			return "", false
		}
		s, ok := subByKey(formulaSubs, subKey)
		if !ok {
			return "", false
		}
		cond, ok := single(inner)
		if !ok {
			return "", false
		}
		return fm.condition(name+":"+s.hint, s.fam, &p, cond)
	case notionapi.PropRollup:
		if key != "rollup" {
			return "", false
		}
		first, inner, ok := singleKey(body)
		if !ok {
			return "", false
		}
		if first == "any" || first == "every" || first == "none" {
			subKey, inner2, ok := singleKey(inner)
			if !ok {
				return "", false
			}
			s, ok := subByKey(rollupSubs, subKey)
			if !ok {
				return "", false
			}
			cond, ok := single(inner2)
			if !ok {
				return "", false
			}
			return fm.condition(name+":"+s.hint+" "+first, s.fam, nil, cond)
		}
		s, ok := subByKey(rollupScalars, first)
		if !ok {
			return "", false
		}
		cond, ok := single(inner)
		if !ok {
			return "", false
		}
		return fm.condition(name+":"+s.hint, s.fam, nil, cond)
	}
	if key != string(p.Type) {
		return "", false
	}
	fam := families[p.Type]
	if fam == nil {
		return "", false
	}
	cond, ok := single(body)
	if !ok {
		return "", false
	}
	return fm.condition(name, fam, &p, cond)
}

// condition formats "target op value" for one Notion condition.
func (fm *formatter) condition(target string, fam *family, p *notionapi.PropertySchema, c condValue) (string, bool) {
	var found *cond
	for i := range fam.conds {
		fc := &fam.conds[i]
		if fc.name != c.name {
			continue
		}
		if found == nil || found.show == "" && fc.show != "" {
			found = fc
		}
	}
	if found == nil {
		return "", false
	}
	switch {
	case found.op == opEmpty || found.op == opNotEmpty:
		if c.value != true {
			return "", false
		}
		return target + " " + opWords(found.op), true
	case found.op.isRange():
		if m, ok := c.value.(map[string]any); !ok || len(m) != 0 {
			return "", false
		}
		return target + " " + opWords(found.op), true
	}
	v, ok := fm.value(fam, p, c.value)
	if !ok {
		return "", false
	}
	return target + " " + opSymbol(found, fam) + " " + v, true
}

// value writes a condition's value as the family reads it.
func (fm *formatter) value(fam *family, p *notionapi.PropertySchema, v any) (string, bool) {
	switch fam {
	case &numberFamily, &uniqueIDFamily:
		n, ok := v.(json.Number)
		return string(n), ok
	case &checkboxFamily:
		b, ok := v.(bool)
		return strconv.FormatBool(b), ok
	case &dateFamily:
		s, ok := v.(string)
		if !ok || s == "" {
			return "", false
		}
		return quoteValue(s), true
	case &peopleFamily:
		s, ok := v.(string)
		if !ok {
			return "", false
		}
		if s == "me" {
			return "me", true
		}
		for _, u := range fm.opts.Users {
			if id, err := notionapi.ParseID(s); err == nil && u.ID == id && u.Name != "" {
				return quoteString(u.Name), true
			}
		}
		return quoteValue(s), true
	}
	s, ok := v.(string)
	if !ok {
		return "", false
	}
	return quoteValue(s), true
}

// opSymbol is how an operator is written: its listed spelling, = and !=
// for the set families' has and does not have.
func opSymbol(c *cond, fam *family) string {
	switch c.op {
	case opEq:
		if fam == &dateFamily {
			return "on"
		}
		return "="
	case opNe:
		return "!="
	case opContains:
		if fam == &textFamily {
			return "contains"
		}
		return "has"
	case opNotContains:
		if fam == &textFamily {
			return "does not contain"
		}
		return "does not have"
	}
	if fam == &dateFamily {
		switch c.op {
		case opLt:
			return "before"
		case opGt:
			return "after"
		case opLe:
			return "on or before"
		case opGe:
			return "on or after"
		}
	}
	if c.show != "" {
		return c.show
	}
	return opWords(c.op)
}

// opWords is the first word spelling of an operator.
func opWords(o op) string {
	for _, s := range spellings {
		if s.op == o && len(s.words) > 0 && !strings.Contains(s.words[0], "_") {
			if isWordRune(firstRune(s.words[0])) {
				return strings.Join(s.words, " ")
			}
		}
	}
	return ""
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// condValue is a condition of a filter: its name and value.
type condValue struct {
	name  string
	value any
}

// single reads a {"condition": value} object.
func single(x any) (condValue, bool) {
	k, v, ok := singleKey(x)
	return condValue{k, v}, ok
}

func singleKey(x any) (string, any, bool) {
	m, ok := x.(map[string]any)
	if !ok || len(m) != 1 {
		return "", nil, false
	}
	for k, v := range m {
		return k, v, true
	}
	return "", nil, false
}

func subByKey(subs []sub, key string) (sub, bool) {
	for _, s := range subs {
		if s.key == key {
			return s, true
		}
	}
	return sub{}, false
}

// quoteName writes a property name bare when it is one plain word, else
// quoted.
func quoteName(s string) string { return quoteValue(s) }

// quoteValue writes a value bare when the lexer reads it back as one
// word that is no keyword, else quoted.
func quoteValue(s string) string {
	if plainWord(s) {
		return s
	}
	return quoteString(s)
}

// quoteString always quotes, so that a value is never read as a keyword
// or a number.
func quoteString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

func plainWord(s string) bool {
	toks := lex(s)
	if len(toks) != 2 || toks[0].kind != tokWord || toks[0].val != s {
		return false
	}
	switch strings.ToLower(s) {
	case "and", "or", "not", "in", "is", "any", "every", "none", "empty", "me", "true", "false",
		"on", "before", "after", "has", "contains", "includes", "equals", "today", "tomorrow", "yesterday", "now":
		return false
	}
	return true
}

// normalize makes two filters comparable: properties by ID, numbers as
// floats, groups of one flattened.
func normalize(x any, schema notionapi.Schema) any {
	switch v := x.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			if k == "property" {
				if s, ok := e.(string); ok {
					if p, found := schema.Get(s); found {
						out[k] = p.ID + "\x00" + p.Name
						continue
					}
				}
			}
			out[k] = normalize(e, schema)
		}
		for _, join := range []string{"and", "or"} {
			if items, ok := out[join].([]any); ok && len(out) == 1 && len(items) == 1 {
				return items[0]
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = normalize(e, schema)
		}
		return out
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return string(v)
		}
		return f
	}
	return x
}

package notiontest

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// predicate tells whether a row matches a filter.
type predicate func(pg *page) bool

// valueTest tells whether a property value (as env.value returns it)
// matches a condition.
type valueTest func(v any) bool

// maxFilterDepth is how deep compound filters nest: a group, a group in
// it, then property filters.
const maxFilterDepth = 2

// filterCompiler turns a request's filter into a predicate for one data
// source. Relative dates and "me" are resolved from env.
type filterCompiler struct {
	ds  *dataSource
	env *env
}

// compile compiles the filter at path; depth counts enclosing groups.
func (fc *filterCompiler) compile(v any, path string, depth int) (predicate, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errShouldBe(path, "an object", v)
	}
	for _, op := range []string{"and", "or"} {
		if list, ok := m[op]; ok {
			return fc.compileGroup(op, list, path+"."+op, depth)
		}
	}
	if ts, ok := m["timestamp"]; ok {
		return fc.compileTimestamp(m, ts, path)
	}
	name, ok := m["property"].(string)
	if !ok {
		return nil, errShouldBe(path+".property", "a string", valueOrUndefined(m, "property"))
	}
	p := fc.ds.lookup(name)
	if p == nil {
		return nil, errValidation("Could not find property with name or id: %s", name)
	}
	key, cond, err := typeKey(m, path, "property")
	if err != nil {
		return nil, err
	}
	if key != p.typ {
		return nil, errValidation("body failed validation: %s.%s does not match the type of property %q, which is %s; use %s.%s.", path, key, p.name, p.typ, path, p.typ)
	}
	test, err := fc.propertyTest(p, cond, path+"."+key)
	if err != nil {
		return nil, err
	}
	e := fc.env
	return func(pg *page) bool { return pg.wikiRef == nil && test(e.value(p, pg)) }, nil
}

// typeKey finds the one key of a property or timestamp filter that names
// its type (besides the given identifying key and an optional "type").
func typeKey(m map[string]any, path, ident string) (string, any, error) {
	var keys []string
	for k := range m {
		if k != ident && k != "type" {
			keys = append(keys, k)
		}
	}
	if len(keys) != 1 {
		sort.Strings(keys)
		return "", nil, errValidation("body failed validation: %s should have exactly one filter condition object besides %q, instead had %s.", path, ident, quoteList(keys))
	}
	return keys[0], m[keys[0]], nil
}

func quoteList(keys []string) string {
	if len(keys) == 0 {
		return "none"
	}
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = "`" + k + "`"
	}
	return strings.Join(q, ", ")
}

func (fc *filterCompiler) compileGroup(op string, list any, path string, depth int) (predicate, error) {
	if depth >= maxFilterDepth {
		return nil, errValidation("body failed validation: %s is nested too deeply; compound filters nest at most two levels.", path)
	}
	items, ok := list.([]any)
	if !ok {
		return nil, errShouldBe(path, "an array", list)
	}
	if len(items) > maxArrayLength {
		return nil, errShouldBe(path+".length", "≤ `100`", len(items))
	}
	preds := make([]predicate, len(items))
	for i, it := range items {
		p, err := fc.compile(it, fmt.Sprintf("%s[%d]", path, i), depth+1)
		if err != nil {
			return nil, err
		}
		preds[i] = p
	}
	if op == "and" {
		return func(pg *page) bool {
			for _, p := range preds {
				if !p(pg) {
					return false
				}
			}
			return true
		}, nil
	}
	return func(pg *page) bool {
		for _, p := range preds {
			if p(pg) {
				return true
			}
		}
		return false
	}, nil
}

// compileTimestamp compiles {"timestamp": "created_time", "created_time": {...}}.
func (fc *filterCompiler) compileTimestamp(m map[string]any, ts any, path string) (predicate, error) {
	name, _ := ts.(string)
	if name != "created_time" && name != "last_edited_time" {
		return nil, errShouldBe(path+".timestamp", "`created_time` or `last_edited_time`", ts)
	}
	if _, ok := m["property"]; ok {
		return nil, errShouldBe(path+".property", "not present", m["property"])
	}
	key, cond, err := typeKey(m, path, "timestamp")
	if err != nil {
		return nil, err
	}
	if key != name {
		return nil, errShouldBe(path+"."+name, "defined", undefined)
	}
	test, err := fc.dateTest(cond, path+"."+key)
	if err != nil {
		return nil, err
	}
	if name == "created_time" {
		return func(pg *page) bool { return test(pg.created) }, nil
	}
	return func(pg *page) bool { return test(pg.edited) }, nil
}

// propertyTest compiles the condition of a filter on p.
func (fc *filterCompiler) propertyTest(p *prop, cond any, path string) (valueTest, error) {
	switch p.typ {
	case "formula":
		return fc.formulaTest(p, cond, path)
	case "rollup":
		return fc.rollupTest(p, cond, path)
	}
	return fc.test(p.typ, cond, path)
}

// test compiles a condition for values of a property type.
func (fc *filterCompiler) test(typ string, cond any, path string) (valueTest, error) {
	switch family(typ) {
	case "text":
		t, err := textTest(cond, path)
		return func(v any) bool { return t(textOf(v)) }, err
	case "number":
		t, err := numberTest(cond, path)
		return func(v any) bool { return t(numberOf(v)) }, err
	case "checkbox":
		return checkboxTest(cond, path)
	case "select":
		return selectTest(cond, path)
	case "multi_select":
		return multiSelectTest(cond, path)
	case "date":
		return fc.dateTest(cond, path)
	case "people":
		return fc.idsTest(cond, path, true)
	case "relation":
		return fc.idsTest(cond, path, false)
	case "files":
		return existenceTest(cond, path, func(v any) bool { f, _ := v.([]fileRef); return len(f) > 0 })
	}
	return nil, errValidation("body failed validation: %s: filtering on %s properties is not supported.", path, typ)
}

// family groups property types that share filter conditions.
func family(typ string) string {
	switch typ {
	case "title", "rich_text", "url", "email", "phone_number", "string":
		return "text"
	case "number", "unique_id":
		return "number"
	case "select", "status":
		return "select"
	case "date", "created_time", "last_edited_time":
		return "date"
	case "people", "created_by", "last_edited_by":
		return "people"
	}
	return typ
}

// formulaResultKeys maps a formula's result type to its filter key.
var formulaResultKeys = map[string]string{"string": "string", "number": "number", "boolean": "checkbox", "date": "date"}

func (fc *filterCompiler) formulaTest(p *prop, cond any, path string) (valueTest, error) {
	m, ok := cond.(map[string]any)
	if !ok || len(m) != 1 {
		return nil, errShouldBe(path, "an object with one of `string`, `checkbox`, `number`, `date`", cond)
	}
	want := formulaResultKeys[p.formulaType]
	for key, sub := range m {
		if key != want {
			return nil, errValidation("body failed validation: %s.%s does not match the result type of formula %q, which is %s; use %s.%s.", path, key, p.name, p.formulaType, path, want)
		}
		return fc.test(key, sub, path+"."+key)
	}
	return nil, nil
}

// rollupTest compiles {any|every|none: {type: cond}} for array rollups and
// {number|date: cond} for the others.
func (fc *filterCompiler) rollupTest(p *prop, cond any, path string) (valueTest, error) {
	m, ok := cond.(map[string]any)
	if !ok || len(m) != 1 {
		return nil, errShouldBe(path, "an object with one of `any`, `every`, `none`, `number`, `date`", cond)
	}
	kind := p.rollupKind()
	for key, sub := range m {
		switch key {
		case "number", "date":
			if kind != key {
				return nil, errValidation("body failed validation: %s.%s does not match rollup %q, whose result is %s.", path, key, p.name, kind)
			}
			t, err := fc.test(key, sub, path+"."+key)
			if err != nil {
				return nil, err
			}
			return func(v any) bool {
				rv := v.(rollupValue)
				if key == "date" {
					return t(rv.date)
				}
				return t(rv.num)
			}, nil
		case "any", "every", "none":
			return fc.rollupArrayTest(p, key, sub, path+"."+key)
		}
		return nil, errShouldBe(path, "an object with one of `any`, `every`, `none`, `number`, `date`", cond)
	}
	return nil, nil
}

// rollupSubKeys are the conditions allowed inside any, every and none.
var rollupSubKeys = []string{"rich_text", "number", "checkbox", "select", "multi_select", "relation", "date", "people", "files", "status"}

func (fc *filterCompiler) rollupArrayTest(p *prop, quant string, sub any, path string) (valueTest, error) {
	m, ok := sub.(map[string]any)
	if !ok || len(m) != 1 {
		return nil, errShouldBe(path, "an object with one condition", sub)
	}
	of := p.rollup.of
	for key, cond := range m {
		if !slices.Contains(rollupSubKeys, key) || family(key) != family(of.typ) {
			return nil, errValidation("body failed validation: %s.%s does not match the rolled-up property %q, which is %s.", path, key, of.name, of.typ)
		}
		t, err := fc.propertyTest(of, cond, path+"."+key)
		if err != nil {
			return nil, err
		}
		return func(v any) bool {
			items := v.(rollupValue).items
			switch quant {
			case "any":
				return slices.ContainsFunc(items, t)
			case "none":
				return !slices.ContainsFunc(items, t)
			}
			for _, it := range items {
				if !t(it) {
					return false
				}
			}
			return true
		}, nil
	}
	return nil, nil
}

// rollupKind is the result kind of a rollup property.
func (p *prop) rollupKind() string {
	switch p.rollup.function {
	case "show_original":
		return "array"
	case "earliest_date":
		return "date"
	}
	return "number"
}

// condition reads the single condition of a condition object.
func condition(cond any, path string, allowed ...string) (string, any, error) {
	m, ok := cond.(map[string]any)
	if ok && len(m) == 1 {
		for k, v := range m {
			if slices.Contains(allowed, k) {
				return k, v, nil
			}
		}
	}
	return "", nil, errShouldBe(path, "an object with one of "+quoteList(allowed), cond)
}

// existence handles is_empty and is_not_empty, which take true.
func existence(key string, val any, path string) (bool, error) {
	if val != true {
		return false, errShouldBe(path+"."+key, "`true`", val)
	}
	return key == "is_empty", nil
}

func existenceTest(cond any, path string, present func(any) bool) (valueTest, error) {
	key, val, err := condition(cond, path, "is_empty", "is_not_empty")
	if err != nil {
		return nil, err
	}
	wantEmpty, err := existence(key, val, path)
	return func(v any) bool { return present(v) != wantEmpty }, err
}

var textConds = []string{"equals", "does_not_equal", "contains", "does_not_contain", "starts_with", "ends_with", "is_empty", "is_not_empty"}

func textTest(cond any, path string) (func(string) bool, error) {
	key, val, err := condition(cond, path, textConds...)
	if err != nil {
		return nil, err
	}
	if key == "is_empty" || key == "is_not_empty" {
		wantEmpty, err := existence(key, val, path)
		return func(s string) bool { return (s == "") == wantEmpty }, err
	}
	want, ok := val.(string)
	if !ok {
		return nil, errShouldBe(path+"."+key, "a string", val)
	}
	lower := strings.ToLower(want)
	switch key {
	case "equals":
		return func(s string) bool { return s == want }, nil
	case "does_not_equal":
		return func(s string) bool { return s != want }, nil
	case "contains":
		return func(s string) bool { return containsFold(s, lower) }, nil
	case "does_not_contain":
		return func(s string) bool { return !containsFold(s, lower) }, nil
	case "starts_with":
		return func(s string) bool { return strings.HasPrefix(strings.ToLower(s), lower) }, nil
	}
	return func(s string) bool { return strings.HasSuffix(strings.ToLower(s), lower) }, nil
}

// containsFold reports whether s contains lower (a lowercase string),
// ignoring case. ASCII text, the common case, is searched without
// allocating.
func containsFold(s, lower string) bool {
	if lower == "" {
		return true
	}
	if !isASCII(s) || !isASCII(lower) {
		return strings.Contains(strings.ToLower(s), lower)
	}
	for i := 0; i+len(lower) <= len(s); i++ {
		if asciiPrefixFold(s[i:], lower) {
			return true
		}
	}
	return false
}

// asciiPrefixFold reports whether s starts with lower, ignoring ASCII case.
func asciiPrefixFold(s, lower string) bool {
	for j := 0; j < len(lower); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[j] {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

var numberConds = []string{"equals", "does_not_equal", "greater_than", "less_than", "greater_than_or_equal_to", "less_than_or_equal_to", "is_empty", "is_not_empty"}

func numberTest(cond any, path string) (func(float64, bool) bool, error) {
	key, val, err := condition(cond, path, numberConds...)
	if err != nil {
		return nil, err
	}
	if key == "is_empty" || key == "is_not_empty" {
		wantEmpty, err := existence(key, val, path)
		return func(_ float64, ok bool) bool { return ok != wantEmpty }, err
	}
	n, ok := val.(json.Number)
	want, err := n.Float64()
	if !ok || err != nil {
		return nil, errShouldBe(path+"."+key, "a number", val)
	}
	var cmp func(float64) bool
	switch key {
	case "equals":
		cmp = func(f float64) bool { return f == want }
	case "does_not_equal":
		return func(f float64, ok bool) bool { return !ok || f != want }, nil
	case "greater_than":
		cmp = func(f float64) bool { return f > want }
	case "less_than":
		cmp = func(f float64) bool { return f < want }
	case "greater_than_or_equal_to":
		cmp = func(f float64) bool { return f >= want }
	default:
		cmp = func(f float64) bool { return f <= want }
	}
	return func(f float64, ok bool) bool { return ok && cmp(f) }, nil
}

func checkboxTest(cond any, path string) (valueTest, error) {
	key, val, err := condition(cond, path, "equals", "does_not_equal")
	if err != nil {
		return nil, err
	}
	want, ok := val.(bool)
	if !ok {
		return nil, errShouldBe(path+"."+key, "a boolean", val)
	}
	if key == "does_not_equal" {
		want = !want
	}
	return func(v any) bool { return (v == true) == want }, nil
}

// stringOrStrings reads a string, or an array of strings (SDK 5.x).
func stringOrStrings(val any, path string) ([]string, error) {
	switch x := val.(type) {
	case string:
		return []string{x}, nil
	case []any:
		out := make([]string, len(x))
		for i, it := range x {
			s, ok := it.(string)
			if !ok {
				return nil, errShouldBe(fmt.Sprintf("%s[%d]", path, i), "a string", it)
			}
			out[i] = s
		}
		return out, nil
	}
	return nil, errShouldBe(path, "a string or an array of strings", val)
}

func selectTest(cond any, path string) (valueTest, error) {
	key, val, err := condition(cond, path, "equals", "does_not_equal", "is_empty", "is_not_empty")
	if err != nil {
		return nil, err
	}
	if key == "is_empty" || key == "is_not_empty" {
		wantEmpty, err := existence(key, val, path)
		return func(v any) bool { _, ok := v.(*option); return ok != wantEmpty }, err
	}
	names, err := stringOrStrings(val, path+"."+key)
	if err != nil {
		return nil, err
	}
	in := func(v any) bool { o, ok := v.(*option); return ok && slices.Contains(names, o.name) }
	if key == "does_not_equal" {
		return func(v any) bool { return !in(v) }, nil
	}
	return in, nil
}

func multiSelectTest(cond any, path string) (valueTest, error) {
	key, val, err := condition(cond, path, "contains", "does_not_contain", "is_empty", "is_not_empty")
	if err != nil {
		return nil, err
	}
	if key == "is_empty" || key == "is_not_empty" {
		wantEmpty, err := existence(key, val, path)
		return func(v any) bool { o, _ := v.([]*option); return (len(o) == 0) == wantEmpty }, err
	}
	names, err := stringOrStrings(val, path+"."+key)
	if err != nil {
		return nil, err
	}
	has := func(v any) bool {
		opts, _ := v.([]*option)
		return slices.ContainsFunc(opts, func(o *option) bool { return slices.Contains(names, o.name) })
	}
	if key == "does_not_contain" {
		return func(v any) bool { return !has(v) }, nil
	}
	return has, nil
}

// idsTest compiles people (ids are users, "me" allowed) and relation
// (ids are pages) conditions.
func (fc *filterCompiler) idsTest(cond any, path string, people bool) (valueTest, error) {
	key, val, err := condition(cond, path, "contains", "does_not_contain", "is_empty", "is_not_empty")
	if err != nil {
		return nil, err
	}
	if key == "is_empty" || key == "is_not_empty" {
		wantEmpty, err := existence(key, val, path)
		return func(v any) bool { return (len(idsOf(v)) == 0) == wantEmpty }, err
	}
	raw, _ := val.(string)
	id, ok := parseID(raw)
	switch {
	case people && raw == "me":
		id, ok = fc.env.me, true
	case !ok && people:
		return nil, errShouldBe(path+"."+key, "a valid uuid or `me`", val)
	case !ok:
		return nil, errShouldBe(path+"."+key, "a valid uuid", val)
	}
	if key == "does_not_contain" {
		return func(v any) bool { return !slices.Contains(idsOf(v), id) }, nil
	}
	return func(v any) bool { return slices.Contains(idsOf(v), id) }, nil
}

var dateConds = []string{
	"equals", "before", "after", "on_or_before", "on_or_after",
	"this_week", "past_week", "past_month", "past_year", "next_week", "next_month", "next_year",
	"is_empty", "is_not_empty",
}

// dateTest compiles a date condition. A value with a time compares
// instants to the millisecond; a date alone compares UTC days.
func (fc *filterCompiler) dateTest(cond any, path string) (valueTest, error) {
	key, val, err := condition(cond, path, dateConds...)
	if err != nil {
		return nil, err
	}
	switch key {
	case "is_empty", "is_not_empty":
		wantEmpty, err := existence(key, val, path)
		return func(v any) bool { _, _, ok := dateOf(v); return ok != wantEmpty }, err
	case "equals", "before", "after", "on_or_before", "on_or_after":
		return fc.dateCompare(key, val, path+"."+key)
	}
	if m, ok := val.(map[string]any); !ok || len(m) != 0 {
		return nil, errShouldBe(path+"."+key, "an empty object", val)
	}
	from, to := fc.dateRange(key)
	return func(v any) bool {
		at, _, ok := dateOf(v)
		d := day(at)
		return ok && !d.Before(from) && !d.After(to)
	}, nil
}

// dateRange is the inclusive range of days of this_week, past_week, ....
func (fc *filterCompiler) dateRange(key string) (time.Time, time.Time) {
	today := fc.env.today()
	switch key {
	case "this_week":
		monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
		return monday, monday.AddDate(0, 0, 6)
	case "past_week":
		return today.AddDate(0, 0, -7), today
	case "past_month":
		return today.AddDate(0, -1, 0), today
	case "past_year":
		return today.AddDate(-1, 0, 0), today
	case "next_week":
		return today, today.AddDate(0, 0, 7)
	case "next_month":
		return today, today.AddDate(0, 1, 0)
	}
	return today, today.AddDate(1, 0, 0)
}

// relativeDays are the relative values comparisons accept.
var relativeDays = map[string]func(time.Time) time.Time{
	"today":              func(t time.Time) time.Time { return t },
	"tomorrow":           func(t time.Time) time.Time { return t.AddDate(0, 0, 1) },
	"yesterday":          func(t time.Time) time.Time { return t.AddDate(0, 0, -1) },
	"one_week_ago":       func(t time.Time) time.Time { return t.AddDate(0, 0, -7) },
	"one_week_from_now":  func(t time.Time) time.Time { return t.AddDate(0, 0, 7) },
	"one_month_ago":      func(t time.Time) time.Time { return t.AddDate(0, -1, 0) },
	"one_month_from_now": func(t time.Time) time.Time { return t.AddDate(0, 1, 0) },
}

func (fc *filterCompiler) dateCompare(op string, val any, path string) (valueTest, error) {
	s, _ := val.(string)
	var want time.Time
	byDay := true
	if rel, ok := relativeDays[s]; ok {
		want = rel(fc.env.today())
	} else {
		at, hasTime, _, ok := parseDate(s, time.UTC)
		if !ok {
			return nil, errShouldBe(path, "a valid ISO 8601 date string or a relative date", val)
		}
		want, byDay = at.Truncate(time.Millisecond), !hasTime
	}
	var cmp func(int) bool
	switch op {
	case "equals":
		cmp = func(c int) bool { return c == 0 }
	case "before":
		cmp = func(c int) bool { return c < 0 }
	case "after":
		cmp = func(c int) bool { return c > 0 }
	case "on_or_before":
		cmp = func(c int) bool { return c <= 0 }
	default:
		cmp = func(c int) bool { return c >= 0 }
	}
	return func(v any) bool {
		at, _, ok := dateOf(v)
		if !ok {
			return false
		}
		if byDay {
			at = day(at)
		} else {
			at = at.Truncate(time.Millisecond)
		}
		return cmp(at.Compare(want))
	}, nil
}

// textOf is the plain text of a text-like value.
func textOf(v any) string {
	switch x := v.(type) {
	case []span:
		return plainText(x)
	case string:
		return x
	}
	return ""
}

// numberOf is the number of a number-like value.
func numberOf(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	}
	return 0, false
}

// dateOf is the start of a date-like value.
func dateOf(v any) (time.Time, bool, bool) {
	switch x := v.(type) {
	case *dateValue:
		if x != nil {
			return x.startAt, x.hasTime, true
		}
	case time.Time:
		return x, true, true
	}
	return time.Time{}, false, false
}

// idsOf is the user or page IDs of a people-like or relation value.
func idsOf(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case string:
		return []string{x}
	}
	return nil
}

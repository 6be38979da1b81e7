package filter

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/notion-tui/notion-tui/notionapi"
)

// op is an operator of the language, independent of the property type it
// is applied to: opLt is "less than" for a number and "before" for a date.
type op uint8

const (
	opEq op = iota + 1
	opNe
	opContains
	opNotContains
	opStartsWith
	opEndsWith
	opGt
	opLt
	opGe
	opLe
	opIn // opEq against each value of a list, joined with or
	opEmpty
	opNotEmpty
	opThisWeek
	opPastWeek
	opPastMonth
	opPastYear
	opNextWeek
	opNextMonth
	opNextYear
)

// takesValue reports whether the operator compares against one value.
func (o op) takesValue() bool { return o >= opEq && o <= opLe }

// isOrdering reports whether the operator is >, <, >= or <=.
func (o op) isOrdering() bool { return o >= opGt && o <= opLe }

// isRange reports whether the operator is a relative date range.
func (o op) isRange() bool { return o >= opThisWeek && o <= opNextYear }

// complements maps each operator to its negation. Operators missing here
// (starts with, the date ranges, …) have no opposite Notion condition.
var complements = map[op]op{
	opEq: opNe, opNe: opEq,
	opContains: opNotContains, opNotContains: opContains,
	opGt: opLe, opLe: opGt,
	opLt: opGe, opGe: opLt,
	opEmpty: opNotEmpty, opNotEmpty: opEmpty,
}

// spelling is one way to write an operator: a sequence of bare words or
// symbols, matched without regard to case.
type spelling struct {
	words []string
	op    op
	date  bool // spelled as a date comparison (before, on or after, …)
}

// spellings lists every accepted operator spelling, longest first so that
// "is not empty" wins over "is not" and "is".
var spellings = sortSpellings([]spelling{
	{words: w("="), op: opEq},
	{words: w("=="), op: opEq},
	{words: w("is"), op: opEq},
	{words: w("equals"), op: opEq},
	{words: w("on"), op: opEq, date: true},
	{words: w("!="), op: opNe},
	{words: w("<>"), op: opNe},
	{words: w("is not"), op: opNe},
	{words: w("does not equal"), op: opNe},
	{words: w("does_not_equal"), op: opNe},
	{words: w("has"), op: opContains},
	{words: w("contains"), op: opContains},
	{words: w("includes"), op: opContains},
	{words: w("~"), op: opContains},
	{words: w("does not contain"), op: opNotContains},
	{words: w("does not have"), op: opNotContains},
	{words: w("does not include"), op: opNotContains},
	{words: w("does_not_contain"), op: opNotContains},
	{words: w("!~"), op: opNotContains},
	{words: w("starts with"), op: opStartsWith},
	{words: w("begins with"), op: opStartsWith},
	{words: w("starts_with"), op: opStartsWith},
	{words: w("ends with"), op: opEndsWith},
	{words: w("ends_with"), op: opEndsWith},
	{words: w(">"), op: opGt},
	{words: w("greater_than"), op: opGt},
	{words: w("after"), op: opGt, date: true},
	{words: w("<"), op: opLt},
	{words: w("less_than"), op: opLt},
	{words: w("before"), op: opLt, date: true},
	{words: w(">="), op: opGe},
	{words: w("greater_than_or_equal_to"), op: opGe},
	{words: w("on or after"), op: opGe, date: true},
	{words: w("on_or_after"), op: opGe, date: true},
	{words: w("<="), op: opLe},
	{words: w("less_than_or_equal_to"), op: opLe},
	{words: w("on or before"), op: opLe, date: true},
	{words: w("on_or_before"), op: opLe, date: true},
	{words: w("in"), op: opIn},
	{words: w("is empty"), op: opEmpty},
	{words: w("is_empty"), op: opEmpty},
	{words: w("is not empty"), op: opNotEmpty},
	{words: w("is_not_empty"), op: opNotEmpty},
	{words: w("this week"), op: opThisWeek},
	{words: w("past week"), op: opPastWeek},
	{words: w("past month"), op: opPastMonth},
	{words: w("past year"), op: opPastYear},
	{words: w("next week"), op: opNextWeek},
	{words: w("next month"), op: opNextMonth},
	{words: w("next year"), op: opNextYear},
	{words: w("this_week"), op: opThisWeek},
	{words: w("past_week"), op: opPastWeek},
	{words: w("past_month"), op: opPastMonth},
	{words: w("past_year"), op: opPastYear},
	{words: w("next_week"), op: opNextWeek},
	{words: w("next_month"), op: opNextMonth},
	{words: w("next_year"), op: opNextYear},
})

func w(s string) []string { return strings.Fields(s) }

func sortSpellings(s []spelling) []spelling {
	slices.SortStableFunc(s, func(a, b spelling) int { return cmp.Compare(len(b.words), len(a.words)) })
	return s
}

// cond maps an operator to a Notion filter condition.
type cond struct {
	op   op
	name string // the Notion condition, such as "greater_than"
	show string // how Operators lists it; "" for a hidden alias
}

// family is a group of property types that share Notion's conditions and
// the way values are read: text, number, date, …
type family struct {
	conds []cond
	// value converts a value token into the JSON of the condition.
	value func(c *compiler, t *target, v token) (json.RawMessage, error)
	// names lists the values the family knows for a property (options,
	// users): they may span several bare words and serve as suggestions.
	names func(c *compiler, t *target) []string
	// hints are values suggested before the names.
	hints []string
}

func (f *family) cond(o op) (cond, bool) {
	for _, c := range f.conds {
		if c.op == o {
			return c, true
		}
	}
	return cond{}, false
}

// shown returns the operators Operators lists for the family.
func (f *family) shown() []string {
	var out []string
	for _, c := range f.conds {
		if c.show != "" {
			out = append(out, c.show)
		}
	}
	return out
}

var (
	emptiness = []cond{{opEmpty, "is_empty", "is empty"}, {opNotEmpty, "is_not_empty", "is not empty"}}
	textConds = concat([]cond{
		{opEq, "equals", "="}, {opNe, "does_not_equal", "!="},
		{opContains, "contains", "contains"}, {opNotContains, "does_not_contain", "does not contain"},
		{opStartsWith, "starts_with", "starts with"}, {opEndsWith, "ends_with", "ends with"},
		{opIn, "", "in"},
	}, emptiness)
	numberConds = concat([]cond{
		{opEq, "equals", "="}, {opNe, "does_not_equal", "!="},
		{opGt, "greater_than", ">"}, {opLt, "less_than", "<"},
		{opGe, "greater_than_or_equal_to", ">="}, {opLe, "less_than_or_equal_to", "<="},
		{opIn, "", "in"},
	}, emptiness)
	// setConds serve the types holding a set (multi-select, people,
	// relation): = and != are read as has and does not have.
	setConds = concat([]cond{
		{opContains, "contains", "has"}, {opNotContains, "does_not_contain", "does not have"},
		{opEq, "contains", ""}, {opNe, "does_not_contain", ""},
		{opIn, "", "in"},
	}, emptiness)
	dateConds = concat([]cond{
		{opEq, "equals", "on"}, {opLt, "before", "before"}, {opGt, "after", "after"},
		{opLe, "on_or_before", "on or before"}, {opGe, "on_or_after", "on or after"},
		{opThisWeek, "this_week", "this week"},
		{opPastWeek, "past_week", "past week"}, {opPastMonth, "past_month", "past month"}, {opPastYear, "past_year", "past year"},
		{opNextWeek, "next_week", "next week"}, {opNextMonth, "next_month", "next month"}, {opNextYear, "next_year", "next year"},
	}, emptiness)
)

func concat(a, b []cond) []cond { return append(slices.Clip(a), b...) }

var (
	textFamily     = family{conds: textConds, value: (*compiler).textValue}
	numberFamily   = family{conds: numberConds, value: (*compiler).numberValue}
	uniqueIDFamily = family{conds: numberConds, value: (*compiler).uniqueIDValue}
	checkboxFamily = family{conds: []cond{{opEq, "equals", "="}, {opNe, "does_not_equal", "!="}}, value: (*compiler).checkboxValue, hints: checkboxWords}
	optionFamily   = family{
		conds: concat([]cond{{opEq, "equals", "="}, {opNe, "does_not_equal", "!="}, {opIn, "", "in"}}, emptiness),
		value: (*compiler).optionValue, names: (*compiler).optionNames,
	}
	multiSelectFamily  = family{conds: setConds, value: (*compiler).optionValue, names: (*compiler).optionNames}
	dateFamily         = family{conds: dateConds, value: (*compiler).dateValue, hints: dateWords}
	peopleFamily       = family{conds: setConds, value: (*compiler).userValue, names: (*compiler).userNames, hints: []string{"me"}}
	relationFamily     = family{conds: setConds, value: (*compiler).pageValue}
	filesFamily        = family{conds: emptiness}
	verificationFamily = family{
		conds: []cond{{opEq, "status", "="}, {opNe, "does_not_equal", "!="}, {opIn, "", "in"}},
		value: (*compiler).verificationValue, hints: verificationStates,
	}
)

// families maps the property types with a fixed filter shape to their
// family. Formula and rollup filters depend on the result type (kinds.go).
var families = map[notionapi.PropertyType]*family{
	notionapi.PropTitle:          &textFamily,
	notionapi.PropRichText:       &textFamily,
	notionapi.PropURL:            &textFamily,
	notionapi.PropEmail:          &textFamily,
	notionapi.PropPhoneNumber:    &textFamily,
	notionapi.PropNumber:         &numberFamily,
	notionapi.PropUniqueID:       &uniqueIDFamily,
	notionapi.PropCheckbox:       &checkboxFamily,
	notionapi.PropSelect:         &optionFamily,
	notionapi.PropStatus:         &optionFamily,
	notionapi.PropMultiSelect:    &multiSelectFamily,
	notionapi.PropDate:           &dateFamily,
	notionapi.PropCreatedTime:    &dateFamily,
	notionapi.PropLastEditedTime: &dateFamily,
	notionapi.PropPeople:         &peopleFamily,
	notionapi.PropCreatedBy:      &peopleFamily,
	notionapi.PropLastEditedBy:   &peopleFamily,
	notionapi.PropRelation:       &relationFamily,
	notionapi.PropFiles:          &filesFamily,
	notionapi.PropVerification:   &verificationFamily,
}

// Operators returns the operators the language accepts for a property type,
// one canonical spelling each (the package documentation lists the
// aliases), in the order help should show them. Formula and rollup
// properties get the operators of every result type they may have. It
// returns nil for types that cannot be filtered.
func Operators(t notionapi.PropertyType) []string {
	var fams []*family
	switch t {
	case notionapi.PropFormula:
		fams = subFamilies(formulaSubs)
	case notionapi.PropRollup:
		fams = subFamilies(rollupSubs)
	default:
		if f := families[t]; f != nil {
			fams = []*family{f}
		}
	}
	var out []string
	for _, f := range fams {
		for _, s := range f.shown() {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

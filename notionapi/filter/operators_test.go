package filter

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
)

func TestOperatorsLists(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		typ  notionapi.PropertyType
		want []string
	}{
		{notionapi.PropTitle, []string{"=", "!=", "contains", "does not contain", "starts with", "ends with", "in", "is empty", "is not empty"}},
		{notionapi.PropNumber, []string{"=", "!=", ">", "<", ">=", "<=", "in", "is empty", "is not empty"}},
		{notionapi.PropCheckbox, []string{"=", "!="}},
		{notionapi.PropStatus, []string{"=", "!=", "in", "is empty", "is not empty"}},
		{notionapi.PropPeople, []string{"has", "does not have", "in", "is empty", "is not empty"}},
		{notionapi.PropFiles, []string{"is empty", "is not empty"}},
		{notionapi.PropLastEditedTime, []string{"on", "before", "after", "on or before", "on or after", "this week",
			"past week", "past month", "past year", "next week", "next month", "next year", "is empty", "is not empty"}},
		{notionapi.PropFormula, []string{"=", "!=", "contains", "does not contain", "starts with", "ends with", "in", "is empty", "is not empty",
			">", "<", ">=", "<=", "on", "before", "after", "on or before", "on or after", "this week",
			"past week", "past month", "past year", "next week", "next month", "next year"}},
		{notionapi.PropButton, nil},
		{notionapi.PropertyType("location"), nil},
	} {
		if got := Operators(tc.typ); !slices.Equal(got, tc.want) {
			t.Errorf("Operators(%s) = %q, want %q", tc.typ, got, tc.want)
		}
	}
	// The result is the caller's to change.
	Operators(notionapi.PropTitle)[0] = "changed"
	if Operators(notionapi.PropTitle)[0] != "=" {
		t.Error("Operators returns a shared slice")
	}
}

// TestOperatorsCompile checks that every operator Operators lists compiles
// for every type, including each result type of formulas and rollups.
func TestOperatorsCompile(t *testing.T) {
	t.Parallel()
	schema := testSchema(t)
	for _, p := range schema {
		switch p.Type {
		case notionapi.PropFormula:
			for _, s := range formulaSubs {
				checkOperatorsCompile(t, schema, p.Name+":"+s.hint, s.fam.shown(), sampleValue(s.fam, p))
			}
		case notionapi.PropRollup:
			for _, s := range rollupSubs {
				checkOperatorsCompile(t, schema, p.Name+":"+s.hint+" any", s.fam.shown(), sampleValue(s.fam, p))
			}
		default:
			ops := Operators(p.Type)
			if f := families[p.Type]; f == nil {
				if ops != nil {
					t.Errorf("Operators(%s) = %q for a type that cannot be filtered", p.Type, ops)
				}
				continue
			}
			checkOperatorsCompile(t, schema, strconv.Quote(p.Name), ops, sampleValue(families[p.Type], p))
		}
	}
}

func checkOperatorsCompile(t *testing.T, schema notionapi.Schema, lhs string, ops []string, value string) {
	t.Helper()
	if len(ops) == 0 {
		t.Errorf("%s: no operators", lhs)
	}
	for _, o := range ops {
		src := lhs + " " + o
		switch spellingOf(t, o).op {
		case opIn:
			src += " (" + value + ", " + value + ")"
		case opEmpty, opNotEmpty, opThisWeek, opPastWeek, opPastMonth, opPastYear, opNextWeek, opNextMonth, opNextYear:
		default:
			src += " " + value
		}
		got, err := Compile(src, schema, testOptions())
		if err != nil {
			t.Errorf("Compile(%q): %v", src, err)
			continue
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(got, &m); err != nil || len(m) == 0 {
			t.Errorf("Compile(%q) = %s: not a JSON object", src, got)
		}
	}
}

func spellingOf(t *testing.T, o string) spelling {
	t.Helper()
	for _, s := range spellings {
		if strings.Join(s.words, " ") == o {
			return s
		}
	}
	t.Fatalf("Operators lists %q, which is not a spelling", o)
	return spelling{}
}

func sampleValue(f *family, p notionapi.PropertySchema) string {
	switch f {
	case &numberFamily, &uniqueIDFamily:
		return "3"
	case &checkboxFamily:
		return "true"
	case &dateFamily:
		return "2026-01-01"
	case &peopleFamily:
		return "me"
	case &relationFamily:
		return pageID
	case &verificationFamily:
		return "verified"
	case &optionFamily, &multiSelectFamily:
		if opts := p.Options(); len(opts) > 0 {
			return strconv.Quote(opts[0].Name)
		}
	}
	return "x"
}

// TestSpellings checks the operator table: longest spellings first (so
// "is not empty" wins over "is"), and every complement is an operator.
func TestSpellings(t *testing.T) {
	t.Parallel()
	for i := 1; i < len(spellings); i++ {
		if len(spellings[i].words) > len(spellings[i-1].words) {
			t.Fatalf("spelling %q comes after the shorter %q", spellings[i].words, spellings[i-1].words)
		}
	}
	for o, c := range complements {
		if complements[c] != o {
			t.Errorf("complement of %d is %d, whose complement is %d", o, c, complements[c])
		}
	}
}

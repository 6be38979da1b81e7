package filter

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckFindsMistakesThatNeedNoSchema(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		src, msg string
		col      int
	}{
		{"", "empty filter", 1},
		{"   ", "empty filter", 1},
		{"Pages >", `expected a value after ">", found end of input`, 8},
		{"Status = Done and", `expected a condition after "and", found end of input`, 18},
		{"Status = Done &&", `expected a condition after "&&"`, 17},
		{"and Status = Done", `"and" needs a condition before it`, 1},
		{"(or Done)", `"or" needs a condition before it`, 2},
		{"Done and or Pages > 3", `"or" needs a condition before it`, 10},
		{"(Done and Pages > 3", `unclosed "("`, 1},
		{"Done)", `unmatched ")"`, 5},
		{"Tags in ()", "empty parentheses", 10},
		{"(Pages >)", `expected a value after ">", found ")"`, 9},
		{"(Done) (Pages > 3)", `expected "and", "or" or end of input after ")"`, 8},
		{"Score:", `expected a type hint after ":"`, 7},
		{"Tags in (a,", `unclosed "("`, 9},
		{`Name = "unclosed`, "unclosed string", 8},
		{"Name = a & b", `unexpected "&"`, 10},
		{"Done and !", `expected a condition after "!"`, 11},
	} {
		err := Check(tc.src)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Check(%q) = %v, want an *Error", tc.src, err)
			continue
		}
		if !strings.Contains(e.Msg, tc.msg) || e.Col != tc.col {
			t.Errorf("Check(%q) = col %d: %s; want col %d: …%s…", tc.src, e.Col, e.Msg, tc.col, tc.msg)
		}
	}
}

func TestCheckLetsThroughWhatOnlyTheSchemaCanJudge(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		"Status = Done",
		"Nosuchproperty = 3",
		"Status = Research and Development",
		"Tags not has rust",
		"Do not disturb",
		"not (Done or Pages > 3)",
		`Status in (Done, "In progress",)`,
		"Score:number > 3",
		"Due this week",
		`Name = ")"`,
		"!Done",
	} {
		if err := Check(src); err != nil {
			t.Errorf("Check(%q) = %v, want nil", src, err)
		}
	}
}

// FuzzCheck: Check never refuses an expression that Compile accepts, and
// its errors are positioned inside the source.
func FuzzCheck(f *testing.F) {
	for _, seed := range []string{
		`Status = "Done" and (Pages > 300 or Tags has "go")`,
		`Status in (Done, In progress) && !(Key > TASK-3 || Score:number <= -1.5e2)`,
		`not (Done or (Pages > 3 and (Pages < 1 or Notes = 'it\'s')))`,
		`Tasks:select every = Done or Total > 3 or Latest this week`,
		"((", ")(", "Done and", "a ! b", "Tags in (,)",
	} {
		f.Add(seed)
	}
	schema := testSchema(f)
	opts := testOptions()
	f.Fuzz(func(t *testing.T, src string) {
		err := Check(src)
		if err == nil {
			return
		}
		var e *Error
		if !errors.As(err, &e) || e.Pos < 0 || e.Pos > len(src) || e.Col < 1 {
			t.Fatalf("Check(%q): bad error %v", src, err)
		}
		if out, cerr := Compile(src, schema, opts); cerr == nil {
			t.Fatalf("Check(%q) refused (%v) what Compile accepts: %s", src, err, out)
		}
	})
}

package filter

import (
	"encoding/json"
	"errors"
	"testing"
)

// FuzzCompile checks that Compile never panics, that every error is an
// *Error positioned inside the source, and that every result is a JSON
// object with exactly one of property, timestamp, and, or at the top.
func FuzzCompile(f *testing.F) {
	for _, seed := range []string{
		`Status = "Done" and (Pages > 300 or Tags has "go")`,
		`Due before 2026-12-01`,
		`Notes is empty`,
		`"Latency ms" >= 250 and Level = error`,
		`Name contains "Go" and not (Tags has rust)`,
		`created_time after 2026-06-01 or last_edited_time past week`,
		`Done = true`,
		`Assignee has me`,
		`Due on or after today`,
		`Status in (Done, In progress) && !(Key > TASK-3 || Score:number <= -1.5e2)`,
		`Tasks:select every = Done or Total > 3 or Latest this week`,
		`Due = "2026-01-01 10:30" and Project has "https://www.notion.so/x-2e6b8c3d4f504b6c8d7e8f9a0b1c2d3e"`,
		`not (Done or (Pages > 3 and (Pages < 1 or Notes = 'it\'s')))`,
		`会議 contains 🔥 and Name = "\\"`,
		`(((`, `"unclosed`, "\xff\xfe", `Pages > 1e999`,
	} {
		f.Add(seed)
	}
	schema := testSchema(f)
	opts := testOptions()
	f.Fuzz(func(t *testing.T, src string) {
		out, err := Compile(src, schema, opts)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Compile(%q): error %v is a %T, not an *Error", src, err, err)
			}
			if e.Pos < 0 || e.Pos > len(src) || e.Col < 1 {
				t.Fatalf("Compile(%q): error %q at Pos %d, Col %d, outside the source", src, e.Msg, e.Pos, e.Col)
			}
			_ = e.Caret(src)
			return
		}
		var top map[string]json.RawMessage
		if err := json.Unmarshal(out, &top); err != nil {
			t.Fatalf("Compile(%q) = %s: not a JSON object: %v", src, out, err)
		}
		n := 0
		for _, k := range []string{"property", "timestamp", "and", "or"} {
			if _, ok := top[k]; ok {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("Compile(%q) = %s: want exactly one of property, timestamp, and, or", src, out)
		}
	})
}

// FuzzParseSorts checks that ParseSorts never panics and returns only
// positioned errors.
func FuzzParseSorts(f *testing.F) {
	for _, seed := range []string{"Due desc, Name, created_time asc", "Due:desc", `"Latency ms" asc,`, ":", "a b c"} {
		f.Add(seed)
	}
	schema := testSchema(f)
	f.Fuzz(func(t *testing.T, src string) {
		sorts, err := ParseSorts(src, schema)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Pos < 0 || e.Pos > len(src) {
				t.Fatalf("ParseSorts(%q): bad error %v", src, err)
			}
			return
		}
		for _, s := range sorts {
			if (s.Property == "") == (s.Timestamp == "") || s.Direction == "" {
				t.Fatalf("ParseSorts(%q) = %+v: malformed sort", src, s)
			}
		}
	})
}

package filter

import "testing"

// BenchmarkCompile compiles the kind of filter a user types in the
// database view: names with spaces, options, a date, a user, a group and a
// negation.
func BenchmarkCompile(b *testing.B) {
	const src = `Status in (In progress, "Not started") and (Latency ms >= 250 or Tags has go) ` +
		`and Due on or after today and Assignee has "Ada Lovelace" and not (Notes contains draft)`
	schema, opts := testSchema(b), testOptions()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(src, schema, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompileError measures the error path with suggestions, which
// the TUI runs on every key press while the user is still typing.
func BenchmarkCompileError(b *testing.B) {
	const src = `Status = Done and Latncy ms >= 250`
	schema, opts := testSchema(b), testOptions()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(src, schema, opts); err == nil {
			b.Fatal("no error")
		}
	}
}

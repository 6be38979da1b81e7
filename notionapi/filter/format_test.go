package filter

import (
	"encoding/json"
	"testing"
)

// Every expression the language compiles is written back as an expression
// that compiles to the same filter.
func TestFormatRoundTrips(t *testing.T) {
	t.Parallel()
	schema, opts := testSchema(t), testOptions()
	for _, src := range []string{
		`Status = Done`,
		`Status = "In progress" and Pages > 300`,
		`Status in (Done, "In progress")`,
		`(Pages > 300 or Tags has go) and Done`,
		`Done = false`,
		`Notes contains "a \"quoted\" word"`,
		`Name starts with Go and Name ends with "!"`,
		`Notes is empty or Website is not empty`,
		`Due before 2026-12-01 and "Due date" on or after 2026-01-01T10:00:00Z`,
		`Due this week or Due past month`,
		`created_time after 2026-06-01 or last_edited_time past week`,
		`Assignee has me and Creator has "Ada Lovelace"`,
		`Assignee does not have ` + graceID,
		`Project has ` + pageID,
		`Tags not has rust`,
		`Score:number > 3 and Score:text contains x`,
		`Tasks any has "x" and Tasks:select every = Done`,
		`Total > 10 and Latest:date before 2026-01-01`,
		`Key = TASK-12 or Key >= 40`,
		`Verified = verified`,
		`Attachments is empty`,
		`"Latency ms" >= 250.5`,
		`"not" contains x and 会議 contains 東京`,
		`Level = error or Level = warn or Level is empty`,
	} {
		want, err := Compile(src, schema, opts)
		if err != nil {
			t.Fatalf("Compile(%q): %v", src, err)
		}
		expr, ok := Format(want, schema, opts)
		if !ok {
			t.Errorf("Format(%s) from %q: not expressible", want, src)
			continue
		}
		got, err := Compile(expr, schema, opts)
		if err != nil || !jsonEqual(got, want) {
			t.Errorf("%q → %s → %q → %s, %v", src, want, expr, got, err)
		}
	}
}

func TestFormatWords(t *testing.T) {
	t.Parallel()
	schema, opts := testSchema(t), testOptions()
	for in, want := range map[string]string{
		`{"and":[{"property":"st","status":{"does_not_equal":"Done"}},{"property":"Done","checkbox":{"equals":false}}]}`:                                                      `Status != Done and Done = false`,
		`{"or":[{"property":"Pages","number":{"greater_than":3}},{"and":[{"property":"Tags","multi_select":{"contains":"go"}},{"property":"Due","date":{"past_week":{}}}]}]}`: `Pages > 3 or (Tags has go and Due past week)`,
		`{"property":"Assignee","people":{"contains":"` + adaID + `"}}`:                                                                                                       `Assignee has "Ada Lovelace"`,
		`{"property":"Status","status":{"equals":"In progress"}}`:                                                                                                             `Status = "In progress"`,
		`{"timestamp":"created_time","created_time":{"on_or_after":"2026-06-01"}}`:                                                                                            `created_time on or after 2026-06-01`,
	} {
		got, ok := Format(json.RawMessage(in), schema, opts)
		if !ok || got != want {
			t.Errorf("Format(%s) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestFormatRefusesWhatTheLanguageCannotSay(t *testing.T) {
	t.Parallel()
	schema, opts := testSchema(t), testOptions()
	for _, in := range []string{
		`{"property":"Level","select":{"equals":["info","warn"]}}`,
		`{"property":"Due","date":{"on_or_after":"one_week_ago"}}`,
		`{"property":"Due","date":{"after":{"type":"relative","value":"today"}}}`,
		`{"property":"Nope","checkbox":{"equals":true}}`,
		`{"property":"Pages","checkbox":{"equals":true}}`,
		`{"property":"Pages","number":{"about":3}}`,
		`{"and":[]}`,
		`{"and":[{"property":"Done","checkbox":{"equals":true}}],"or":[]}`,
		`{"property":"Done","checkbox":{"equals":true},"extra":1}`,
		`{"timestamp":"created_time","created_time":{"past_week":{"x":1}}}`,
		`[1,2]`,
		`not json`,
		`{"property":"Level","select":{"is_empty":false}}`,
	} {
		if got, ok := Format(json.RawMessage(in), schema, opts); ok {
			t.Errorf("Format(%s) = %q, want not expressible", in, got)
		}
	}
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

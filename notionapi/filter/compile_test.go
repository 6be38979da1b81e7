package filter

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

// assertJSON compares got and want as JSON values, ignoring key order and
// spacing.
func assertJSON(t *testing.T, src string, got json.RawMessage, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("Compile(%q) = %s: not JSON: %v", src, got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want for %q: %v", src, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("Compile(%q)\n got: %s\nwant: %s", src, got, want)
	}
}

type compileCase struct {
	src  string
	want string
}

func runCompileCases(t *testing.T, schema notionapi.Schema, opts Options, cases []compileCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.src, func(t *testing.T) {
			got, err := Compile(tc.src, schema, opts)
			if err != nil {
				t.Fatalf("Compile(%q): %v\n%s", tc.src, err, err.(*Error).Caret(tc.src))
			}
			assertJSON(t, tc.src, got, tc.want)
		})
	}
}

func TestCompileBriefExamples(t *testing.T) {
	t.Parallel()
	runCompileCases(t, testSchema(t), testOptions(), []compileCase{
		{`Status = "Done" and (Pages > 300 or Tags has "go")`,
			`{"and":[{"property":"Status","status":{"equals":"Done"}},{"or":[
				{"property":"Pages","number":{"greater_than":300}},
				{"property":"Tags","multi_select":{"contains":"go"}}]}]}`},
		{`Due before 2026-12-01`, `{"property":"Due","date":{"before":"2026-12-01"}}`},
		{`Notes is empty`, `{"property":"Notes","rich_text":{"is_empty":true}}`},
		{`"Latency ms" >= 250 and Level = error`,
			`{"and":[{"property":"Latency ms","number":{"greater_than_or_equal_to":250}},{"property":"Level","select":{"equals":"error"}}]}`},
		{`Name contains "Go" and not (Tags has rust)`,
			`{"and":[{"property":"Name","title":{"contains":"Go"}},{"property":"Tags","multi_select":{"does_not_contain":"rust"}}]}`},
		{`created_time after 2026-06-01 or last_edited_time past week`,
			`{"or":[{"timestamp":"created_time","created_time":{"after":"2026-06-01"}},
				{"timestamp":"last_edited_time","last_edited_time":{"past_week":{}}}]}`},
		{`Done = true`, `{"property":"Done","checkbox":{"equals":true}}`},
		{`Assignee has me`, `{"property":"Assignee","people":{"contains":"me"}}`},
		{`Due on or after today`, `{"property":"Due","date":{"on_or_after":"2026-06-15"}}`},
	})
}

// TestCompileOperators covers every operator of every property type.
func TestCompileOperators(t *testing.T) {
	t.Parallel()
	runCompileCases(t, testSchema(t), testOptions(), []compileCase{
		// Text types.
		{`Name = Go`, `{"property":"Name","title":{"equals":"Go"}}`},
		{`Name == Go`, `{"property":"Name","title":{"equals":"Go"}}`},
		{`Name is Go`, `{"property":"Name","title":{"equals":"Go"}}`},
		{`Name equals Go`, `{"property":"Name","title":{"equals":"Go"}}`},
		{`Name != Go`, `{"property":"Name","title":{"does_not_equal":"Go"}}`},
		{`Name <> Go`, `{"property":"Name","title":{"does_not_equal":"Go"}}`},
		{`Name is not Go`, `{"property":"Name","title":{"does_not_equal":"Go"}}`},
		{`Name does not equal Go`, `{"property":"Name","title":{"does_not_equal":"Go"}}`},
		{`Notes contains x`, `{"property":"Notes","rich_text":{"contains":"x"}}`},
		{`Notes has x`, `{"property":"Notes","rich_text":{"contains":"x"}}`},
		{`Notes ~ x`, `{"property":"Notes","rich_text":{"contains":"x"}}`},
		{`Notes does not contain x`, `{"property":"Notes","rich_text":{"does_not_contain":"x"}}`},
		{`Notes not contains x`, `{"property":"Notes","rich_text":{"does_not_contain":"x"}}`},
		{`Notes !~ x`, `{"property":"Notes","rich_text":{"does_not_contain":"x"}}`},
		{`Notes starts with x`, `{"property":"Notes","rich_text":{"starts_with":"x"}}`},
		{`Notes begins with x`, `{"property":"Notes","rich_text":{"starts_with":"x"}}`},
		{`Notes ends with x`, `{"property":"Notes","rich_text":{"ends_with":"x"}}`},
		{`Notes is empty`, `{"property":"Notes","rich_text":{"is_empty":true}}`},
		{`Notes is not empty`, `{"property":"Notes","rich_text":{"is_not_empty":true}}`},
		{`Notes IS NOT EMPTY`, `{"property":"Notes","rich_text":{"is_not_empty":true}}`},
		{`Notes is "empty"`, `{"property":"Notes","rich_text":{"equals":"empty"}}`},
		{`Website contains "example.com/a?b"`, `{"property":"Website","url":{"contains":"example.com/a?b"}}`},
		{`Email ends with @example.com`, `{"property":"Email","email":{"ends_with":"@example.com"}}`},
		{`Phone starts with "+44"`, `{"property":"Phone","phone_number":{"starts_with":"+44"}}`},
		{`Name = 300`, `{"property":"Name","title":{"equals":"300"}}`},
		{`Name in (a, "b c")`, `{"or":[{"property":"Name","title":{"equals":"a"}},{"property":"Name","title":{"equals":"b c"}}]}`},
		// Numbers.
		{`Pages = 3`, `{"property":"Pages","number":{"equals":3}}`},
		{`Pages != 3`, `{"property":"Pages","number":{"does_not_equal":3}}`},
		{`Pages > 3`, `{"property":"Pages","number":{"greater_than":3}}`},
		{`Pages < -3`, `{"property":"Pages","number":{"less_than":-3}}`},
		{`Pages >= 2.5`, `{"property":"Pages","number":{"greater_than_or_equal_to":2.5}}`},
		{`Pages <= 1e3`, `{"property":"Pages","number":{"less_than_or_equal_to":1000}}`},
		{`Pages = "42"`, `{"property":"Pages","number":{"equals":42}}`},
		{`Pages greater_than .5`, `{"property":"Pages","number":{"greater_than":0.5}}`},
		{`Pages is empty`, `{"property":"Pages","number":{"is_empty":true}}`},
		{`Pages is not empty`, `{"property":"Pages","number":{"is_not_empty":true}}`},
		{`Pages in (1, 2)`, `{"or":[{"property":"Pages","number":{"equals":1}},{"property":"Pages","number":{"equals":2}}]}`},
		// Unique IDs.
		{`Key = 12`, `{"property":"Key","unique_id":{"equals":12}}`},
		{`Key = TASK-12`, `{"property":"Key","unique_id":{"equals":12}}`},
		{`Key = task-12`, `{"property":"Key","unique_id":{"equals":12}}`},
		{`Key > TASK-7`, `{"property":"Key","unique_id":{"greater_than":7}}`},
		{`Key <= 7`, `{"property":"Key","unique_id":{"less_than_or_equal_to":7}}`},
		{`Key is not empty`, `{"property":"Key","unique_id":{"is_not_empty":true}}`},
		// Checkboxes.
		{`Done`, `{"property":"Done","checkbox":{"equals":true}}`},
		{`Done = false`, `{"property":"Done","checkbox":{"equals":false}}`},
		{`Done is TRUE`, `{"property":"Done","checkbox":{"equals":true}}`},
		{`Done != true`, `{"property":"Done","checkbox":{"does_not_equal":true}}`},
		{`not Done`, `{"property":"Done","checkbox":{"does_not_equal":true}}`},
		{`!Done`, `{"property":"Done","checkbox":{"does_not_equal":true}}`},
		// Select and status.
		{`Level = error`, `{"property":"Level","select":{"equals":"error"}}`},
		{`Level = ERROR`, `{"property":"Level","select":{"equals":"error"}}`},
		{`Level != debug`, `{"property":"Level","select":{"does_not_equal":"debug"}}`},
		{`Level is empty`, `{"property":"Level","select":{"is_empty":true}}`},
		{`Level is not empty`, `{"property":"Level","select":{"is_not_empty":true}}`},
		{`Status = In progress`, `{"property":"Status","status":{"equals":"In progress"}}`},
		{`Status = 'not STARTED'`, `{"property":"Status","status":{"equals":"Not started"}}`},
		{`Status in (done, In progress, "Not started")`, `{"or":[
			{"property":"Status","status":{"equals":"Done"}},
			{"property":"Status","status":{"equals":"In progress"}},
			{"property":"Status","status":{"equals":"Not started"}}]}`},
		{`Status in (Done,)`, `{"property":"Status","status":{"equals":"Done"}}`},
		{`Status not in (Done, In progress)`, `{"and":[
			{"property":"Status","status":{"does_not_equal":"Done"}},
			{"property":"Status","status":{"does_not_equal":"In progress"}}]}`},
		// Multi-select.
		{`Tags has go`, `{"property":"Tags","multi_select":{"contains":"go"}}`},
		{`Tags contains python`, `{"property":"Tags","multi_select":{"contains":"Python"}}`},
		{`Tags = go`, `{"property":"Tags","multi_select":{"contains":"go"}}`},
		{`Tags does not contain rust`, `{"property":"Tags","multi_select":{"does_not_contain":"rust"}}`},
		{`Tags does not have rust`, `{"property":"Tags","multi_select":{"does_not_contain":"rust"}}`},
		{`Tags not has rust`, `{"property":"Tags","multi_select":{"does_not_contain":"rust"}}`},
		{`Tags !has rust`, `{"property":"Tags","multi_select":{"does_not_contain":"rust"}}`},
		{`Tags != rust`, `{"property":"Tags","multi_select":{"does_not_contain":"rust"}}`},
		{`Tags has machine learning`, `{"property":"Tags","multi_select":{"contains":"machine learning"}}`},
		{`Tags is empty`, `{"property":"Tags","multi_select":{"is_empty":true}}`},
		{`Tags is not empty`, `{"property":"Tags","multi_select":{"is_not_empty":true}}`},
		{`Tags in (go, rust)`, `{"or":[{"property":"Tags","multi_select":{"contains":"go"}},{"property":"Tags","multi_select":{"contains":"rust"}}]}`},
		// Dates.
		{`Due = 2026-01-31`, `{"property":"Due","date":{"equals":"2026-01-31"}}`},
		{`Due on 2026-01-31`, `{"property":"Due","date":{"equals":"2026-01-31"}}`},
		{`Due before 2026-01-31`, `{"property":"Due","date":{"before":"2026-01-31"}}`},
		{`Due < 2026-01-31`, `{"property":"Due","date":{"before":"2026-01-31"}}`},
		{`Due after 2026-01-31`, `{"property":"Due","date":{"after":"2026-01-31"}}`},
		{`Due > 2026-01-31`, `{"property":"Due","date":{"after":"2026-01-31"}}`},
		{`Due on or before 2026-01-31`, `{"property":"Due","date":{"on_or_before":"2026-01-31"}}`},
		{`Due <= 2026-01-31`, `{"property":"Due","date":{"on_or_before":"2026-01-31"}}`},
		{`Due on or after 2026-01-31`, `{"property":"Due","date":{"on_or_after":"2026-01-31"}}`},
		{`Due >= 2026-01-31`, `{"property":"Due","date":{"on_or_after":"2026-01-31"}}`},
		{`Due this week`, `{"property":"Due","date":{"this_week":{}}}`},
		{`Due past week`, `{"property":"Due","date":{"past_week":{}}}`},
		{`Due past month`, `{"property":"Due","date":{"past_month":{}}}`},
		{`Due past year`, `{"property":"Due","date":{"past_year":{}}}`},
		{`Due next week`, `{"property":"Due","date":{"next_week":{}}}`},
		{`Due next month`, `{"property":"Due","date":{"next_month":{}}}`},
		{`Due next year`, `{"property":"Due","date":{"next_year":{}}}`},
		{`Due next_year`, `{"property":"Due","date":{"next_year":{}}}`},
		{`Due is empty`, `{"property":"Due","date":{"is_empty":true}}`},
		{`Due is not empty`, `{"property":"Due","date":{"is_not_empty":true}}`},
		{`Due date this week`, `{"property":"Due date","date":{"this_week":{}}}`},
		{`Created past month`, `{"property":"Created","created_time":{"past_month":{}}}`},
		{`Edited after yesterday`, `{"property":"Edited","last_edited_time":{"after":"2026-06-14"}}`},
		{`last_edited_time before 2026-01-01T08:00Z`, `{"timestamp":"last_edited_time","last_edited_time":{"before":"2026-01-01T08:00:00Z"}}`},
		{`Created_Time is not empty`, `{"timestamp":"created_time","created_time":{"is_not_empty":true}}`},
		// People.
		{`Assignee has me`, `{"property":"Assignee","people":{"contains":"me"}}`},
		{`Assignee = me`, `{"property":"Assignee","people":{"contains":"me"}}`},
		{`Assignee does not contain me`, `{"property":"Assignee","people":{"does_not_contain":"me"}}`},
		{`Assignee has Ada Lovelace`, `{"property":"Assignee","people":{"contains":"` + adaID + `"}}`},
		{`Assignee has "grace hopper"`, `{"property":"Assignee","people":{"contains":"` + graceID + `"}}`},
		{`Assignee has ADA@example.com`, `{"property":"Assignee","people":{"contains":"` + adaID + `"}}`},
		{`Assignee has 0C4F6F1E2F3A4B5C8D9E0A1B2C3D4E5F`, `{"property":"Assignee","people":{"contains":"` + adaID + `"}}`},
		{`Assignee is empty`, `{"property":"Assignee","people":{"is_empty":true}}`},
		{`Creator has me`, `{"property":"Creator","created_by":{"contains":"me"}}`},
		{`Editor is not empty`, `{"property":"Editor","last_edited_by":{"is_not_empty":true}}`},
		// Relations.
		{`Project has ` + pageID, `{"property":"Project","relation":{"contains":"` + pageID + `"}}`},
		{`Project has 2e6b8c3d4f504b6c8d7e8f9a0b1c2d3e`, `{"property":"Project","relation":{"contains":"` + pageID + `"}}`},
		{`Project has "https://www.notion.so/acme/Launch-2e6b8c3d4f504b6c8d7e8f9a0b1c2d3e?pvs=4"`, `{"property":"Project","relation":{"contains":"` + pageID + `"}}`},
		{`Project does not contain ` + pageID, `{"property":"Project","relation":{"does_not_contain":"` + pageID + `"}}`},
		{`Project is empty`, `{"property":"Project","relation":{"is_empty":true}}`},
		// Files.
		{`Attachments is empty`, `{"property":"Attachments","files":{"is_empty":true}}`},
		{`Attachments is not empty`, `{"property":"Attachments","files":{"is_not_empty":true}}`},
		// Verification.
		{`Verified = verified`, `{"property":"Verified","verification":{"status":"verified"}}`},
		{`Verified != Expired`, `{"property":"Verified","verification":{"does_not_equal":"expired"}}`},
		{`not Verified = none`, `{"property":"Verified","verification":{"does_not_equal":"none"}}`},
	})
}

func TestCompileFormulasAndRollups(t *testing.T) {
	t.Parallel()
	runCompileCases(t, testSchema(t), testOptions(), []compileCase{
		// Hints.
		{`Score:number > 3`, `{"property":"Score","formula":{"number":{"greater_than":3}}}`},
		{`Score:string contains x`, `{"property":"Score","formula":{"string":{"contains":"x"}}}`},
		{`Score:text = 3`, `{"property":"Score","formula":{"string":{"equals":"3"}}}`},
		{`Score:checkbox`, `{"property":"Score","formula":{"checkbox":{"equals":true}}}`},
		{`Score:bool = false`, `{"property":"Score","formula":{"checkbox":{"equals":false}}}`},
		{`Score:date before today`, `{"property":"Score","formula":{"date":{"before":"2026-06-15"}}}`},
		{`Score:number is empty`, `{"property":"Score","formula":{"number":{"is_empty":true}}}`},
		// Inference.
		{`Score > 3`, `{"property":"Score","formula":{"number":{"greater_than":3}}}`},
		{`Score = true`, `{"property":"Score","formula":{"checkbox":{"equals":true}}}`},
		{`Score = "true"`, `{"property":"Score","formula":{"string":{"equals":"true"}}}`},
		{`Score after 2026-01-01`, `{"property":"Score","formula":{"date":{"after":"2026-01-01"}}}`},
		{`Score = 2026-01-01`, `{"property":"Score","formula":{"date":{"equals":"2026-01-01"}}}`},
		{`Score past week`, `{"property":"Score","formula":{"date":{"past_week":{}}}}`},
		{`Score contains x`, `{"property":"Score","formula":{"string":{"contains":"x"}}}`},
		{`Score is empty`, `{"property":"Score","formula":{"string":{"is_empty":true}}}`},
		{`Score = me`, `{"property":"Score","formula":{"string":{"equals":"me"}}}`},
		{`Score in (1, 2)`, `{"or":[{"property":"Score","formula":{"number":{"equals":1}}},{"property":"Score","formula":{"number":{"equals":2}}}]}`},
		// Rollups over arrays.
		{`Tasks any has "x"`, `{"property":"Tasks","rollup":{"any":{"rich_text":{"contains":"x"}}}}`},
		{`Tasks every > 3`, `{"property":"Tasks","rollup":{"every":{"number":{"greater_than":3}}}}`},
		{`Tasks none = true`, `{"property":"Tasks","rollup":{"none":{"checkbox":{"equals":true}}}}`},
		{`Tasks any before today`, `{"property":"Tasks","rollup":{"any":{"date":{"before":"2026-06-15"}}}}`},
		{`Tasks any has me`, `{"property":"Tasks","rollup":{"any":{"people":{"contains":"me"}}}}`},
		{`Tasks:select every = Done`, `{"property":"Tasks","rollup":{"every":{"select":{"equals":"Done"}}}}`},
		{`Tasks:status any = Done`, `{"property":"Tasks","rollup":{"any":{"status":{"equals":"Done"}}}}`},
		{`Tasks:multi_select any has go`, `{"property":"Tasks","rollup":{"any":{"multi_select":{"contains":"go"}}}}`},
		{`Tasks:people none has Ada Lovelace`, `{"property":"Tasks","rollup":{"none":{"people":{"contains":"` + adaID + `"}}}}`},
		{`Tasks:relation any has ` + pageID, `{"property":"Tasks","rollup":{"any":{"relation":{"contains":"` + pageID + `"}}}}`},
		{`Tasks:files every is not empty`, `{"property":"Tasks","rollup":{"every":{"files":{"is_not_empty":true}}}}`},
		{`Tasks:checkbox every`, `{"property":"Tasks","rollup":{"every":{"checkbox":{"equals":true}}}}`},
		// Rollups of a computed value.
		{`Total > 3`, `{"property":"Total","rollup":{"number":{"greater_than":3}}}`},
		{`Total is empty`, `{"property":"Total","rollup":{"number":{"is_empty":true}}}`},
		{`Latest after today`, `{"property":"Latest","rollup":{"date":{"after":"2026-06-15"}}}`},
		{`Tasks:number >= 2`, `{"property":"Tasks","rollup":{"number":{"greater_than_or_equal_to":2}}}`},
		{`Tasks:date this week`, `{"property":"Tasks","rollup":{"date":{"this_week":{}}}}`},
		{`Tasks > 3`, `{"property":"Tasks","rollup":{"number":{"greater_than":3}}}`},
	})
}

func TestCompileStructure(t *testing.T) {
	t.Parallel()
	runCompileCases(t, testSchema(t), testOptions(), []compileCase{
		// Precedence: and binds tighter than or.
		{`Done or Pages > 1 and Pages < 5`, `{"or":[{"property":"Done","checkbox":{"equals":true}},{"and":[
			{"property":"Pages","number":{"greater_than":1}},{"property":"Pages","number":{"less_than":5}}]}]}`},
		{`Pages > 1 and Pages < 5 or Done`, `{"or":[{"and":[
			{"property":"Pages","number":{"greater_than":1}},{"property":"Pages","number":{"less_than":5}}]},
			{"property":"Done","checkbox":{"equals":true}}]}`},
		{`(Done or Pages > 1) and Pages < 5`, `{"and":[{"or":[{"property":"Done","checkbox":{"equals":true}},
			{"property":"Pages","number":{"greater_than":1}}]},{"property":"Pages","number":{"less_than":5}}]}`},
		{`Done || Pages > 1 && Pages < 5`, `{"or":[{"property":"Done","checkbox":{"equals":true}},{"and":[
			{"property":"Pages","number":{"greater_than":1}},{"property":"Pages","number":{"less_than":5}}]}]}`},
		{`Done AND Pages > 1 OR Pages < 5`, `{"or":[{"and":[{"property":"Done","checkbox":{"equals":true}},
			{"property":"Pages","number":{"greater_than":1}}]},{"property":"Pages","number":{"less_than":5}}]}`},
		// Flattening.
		{`Done and (Pages > 1 and (Pages < 5 and Notes is empty))`, `{"and":[
			{"property":"Done","checkbox":{"equals":true}},
			{"property":"Pages","number":{"greater_than":1}},
			{"property":"Pages","number":{"less_than":5}},
			{"property":"Notes","rich_text":{"is_empty":true}}]}`},
		{`((Done))`, `{"property":"Done","checkbox":{"equals":true}}`},
		{`(Done or Pages > 1) or (Pages < 5 or Notes is empty)`, `{"or":[
			{"property":"Done","checkbox":{"equals":true}},
			{"property":"Pages","number":{"greater_than":1}},
			{"property":"Pages","number":{"less_than":5}},
			{"property":"Notes","rich_text":{"is_empty":true}}]}`},
		{`Level in (info, warn) or Level = error`, `{"or":[
			{"property":"Level","select":{"equals":"info"}},
			{"property":"Level","select":{"equals":"warn"}},
			{"property":"Level","select":{"equals":"error"}}]}`},
		// Two levels deep is the limit and is allowed.
		{`Done and (Pages > 3 or (Pages < 1 or Notes is empty))`, `{"and":[{"property":"Done","checkbox":{"equals":true}},{"or":[
			{"property":"Pages","number":{"greater_than":3}},
			{"property":"Pages","number":{"less_than":1}},
			{"property":"Notes","rich_text":{"is_empty":true}}]}]}`},
		{`Done and Level in (info, warn)`, `{"and":[{"property":"Done","checkbox":{"equals":true}},{"or":[
			{"property":"Level","select":{"equals":"info"}},{"property":"Level","select":{"equals":"warn"}}]}]}`},
	})
}

func TestCompileNegation(t *testing.T) {
	t.Parallel()
	runCompileCases(t, testSchema(t), testOptions(), []compileCase{
		{`not Pages > 3`, `{"property":"Pages","number":{"less_than_or_equal_to":3}}`},
		{`not Pages < 3`, `{"property":"Pages","number":{"greater_than_or_equal_to":3}}`},
		{`not Pages >= 3`, `{"property":"Pages","number":{"less_than":3}}`},
		{`not Pages <= 3`, `{"property":"Pages","number":{"greater_than":3}}`},
		{`not Pages = 3`, `{"property":"Pages","number":{"does_not_equal":3}}`},
		{`not Pages != 3`, `{"property":"Pages","number":{"equals":3}}`},
		{`not Pages is empty`, `{"property":"Pages","number":{"is_not_empty":true}}`},
		{`not Pages is not empty`, `{"property":"Pages","number":{"is_empty":true}}`},
		{`not Notes contains x`, `{"property":"Notes","rich_text":{"does_not_contain":"x"}}`},
		{`not Notes does not contain x`, `{"property":"Notes","rich_text":{"contains":"x"}}`},
		{`not Due before 2026-01-01`, `{"property":"Due","date":{"on_or_after":"2026-01-01"}}`},
		{`not Due after 2026-01-01`, `{"property":"Due","date":{"on_or_before":"2026-01-01"}}`},
		{`not Due on or before 2026-01-01`, `{"property":"Due","date":{"after":"2026-01-01"}}`},
		{`not Due on or after 2026-01-01`, `{"property":"Due","date":{"before":"2026-01-01"}}`},
		{`not not Done`, `{"property":"Done","checkbox":{"equals":true}}`},
		{`! ! ! Done`, `{"property":"Done","checkbox":{"does_not_equal":true}}`},
		{`Tags not in (go, rust)`, `{"and":[{"property":"Tags","multi_select":{"does_not_contain":"go"}},{"property":"Tags","multi_select":{"does_not_contain":"rust"}}]}`},
		// De Morgan.
		{`not (Done and Pages > 3)`, `{"or":[{"property":"Done","checkbox":{"does_not_equal":true}},{"property":"Pages","number":{"less_than_or_equal_to":3}}]}`},
		{`not (Done or Pages > 3)`, `{"and":[{"property":"Done","checkbox":{"does_not_equal":true}},{"property":"Pages","number":{"less_than_or_equal_to":3}}]}`},
		{`not (Done or (Pages > 3 and Level = info))`, `{"and":[{"property":"Done","checkbox":{"does_not_equal":true}},{"or":[
			{"property":"Pages","number":{"less_than_or_equal_to":3}},{"property":"Level","select":{"does_not_equal":"info"}}]}]}`},
		// A negated group merges into the group around it.
		{`Done and not (Pages > 3 or Level = info)`, `{"and":[{"property":"Done","checkbox":{"equals":true}},
			{"property":"Pages","number":{"less_than_or_equal_to":3}},{"property":"Level","select":{"does_not_equal":"info"}}]}`},
		{`not (not Done or not (Tags has go))`, `{"and":[{"property":"Done","checkbox":{"equals":true}},{"property":"Tags","multi_select":{"contains":"go"}}]}`},
		// Rollup quantifiers.
		{`not Tasks any has x`, `{"property":"Tasks","rollup":{"none":{"rich_text":{"contains":"x"}}}}`},
		{`not Tasks none has x`, `{"property":"Tasks","rollup":{"any":{"rich_text":{"contains":"x"}}}}`},
		{`not Tasks:select every = Done`, `{"property":"Tasks","rollup":{"any":{"select":{"does_not_equal":"Done"}}}}`},
		{`not Score > 3`, `{"property":"Score","formula":{"number":{"less_than_or_equal_to":3}}}`},
		{`not Total > 3`, `{"property":"Total","rollup":{"number":{"less_than_or_equal_to":3}}}`},
	})
}

func TestCompileNamesAndQuoting(t *testing.T) {
	t.Parallel()
	runCompileCases(t, testSchema(t), testOptions(), []compileCase{
		{`"Latency ms" >= 250`, `{"property":"Latency ms","number":{"greater_than_or_equal_to":250}}`},
		{`'Latency ms' >= 250`, `{"property":"Latency ms","number":{"greater_than_or_equal_to":250}}`},
		{`Latency ms >= 250`, `{"property":"Latency ms","number":{"greater_than_or_equal_to":250}}`},
		{`latency MS >= 250`, `{"property":"Latency ms","number":{"greater_than_or_equal_to":250}}`},
		{`pages > 1`, `{"property":"Pages","number":{"greater_than":1}}`},
		{`STATUS = done`, `{"property":"Status","status":{"equals":"Done"}}`},
		{`"not" = x`, `{"property":"not","rich_text":{"equals":"x"}}`},
		{`会議 contains 予算`, `{"property":"会議","rich_text":{"contains":"予算"}}`},
		{`Notes = "say \"hi\""`, `{"property":"Notes","rich_text":{"equals":"say \"hi\""}}`},
		{`Notes = 'it\'s'`, `{"property":"Notes","rich_text":{"equals":"it's"}}`},
		{`Notes = "it's"`, `{"property":"Notes","rich_text":{"equals":"it's"}}`},
		{`Notes = 'say "hi"'`, `{"property":"Notes","rich_text":{"equals":"say \"hi\""}}`},
		{`Notes = "C:\\temp"`, `{"property":"Notes","rich_text":{"equals":"C:\\temp"}}`},
		{`Notes = ""`, `{"property":"Notes","rich_text":{"equals":""}}`},
		{`Notes = "and"`, `{"property":"Notes","rich_text":{"equals":"and"}}`},
		{`Notes = "<b>&"`, `{"property":"Notes","rich_text":{"equals":"<b>&"}}`},
		{"Notes = \"tab\tand\x01\"", `{"property":"Notes","rich_text":{"equals":"tab\tand\u0001"}}`},
		{"Notes\t=\n\"x\"", `{"property":"Notes","rich_text":{"equals":"x"}}`},
		{`Notes=x&&Pages>3`, `{"and":[{"property":"Notes","rich_text":{"equals":"x"}},{"property":"Pages","number":{"greater_than":3}}]}`},
	})
}

func TestCompileDates(t *testing.T) {
	t.Parallel()
	runCompileCases(t, testSchema(t), testOptions(), []compileCase{
		{`Due = today`, `{"property":"Due","date":{"equals":"2026-06-15"}}`},
		{`Due = Tomorrow`, `{"property":"Due","date":{"equals":"2026-06-16"}}`},
		{`Due = yesterday`, `{"property":"Due","date":{"equals":"2026-06-14"}}`},
		{`Due = "today"`, `{"property":"Due","date":{"equals":"2026-06-15"}}`},
		{`Due before now`, `{"property":"Due","date":{"before":"2026-06-15T23:30:00+02:00"}}`},
		{`Due = 2026-02-28T09:05`, `{"property":"Due","date":{"equals":"2026-02-28T09:05:00"}}`},
		{`Due = 2026-02-28T09:05:07`, `{"property":"Due","date":{"equals":"2026-02-28T09:05:07"}}`},
		{`Due = 2026-02-28T09:05:07.250Z`, `{"property":"Due","date":{"equals":"2026-02-28T09:05:07.25Z"}}`},
		{`Due = 2026-02-28T09:05Z`, `{"property":"Due","date":{"equals":"2026-02-28T09:05:00Z"}}`},
		{`Due = 2026-02-28T09:05-05:30`, `{"property":"Due","date":{"equals":"2026-02-28T09:05:00-05:30"}}`},
		{`Due = 2026-02-28T09:05:07+02:00`, `{"property":"Due","date":{"equals":"2026-02-28T09:05:07+02:00"}}`},
		{`Due = "2026-02-28 09:05"`, `{"property":"Due","date":{"equals":"2026-02-28T09:05:00"}}`},
		{`Due = "2026-02-28 09:05:07"`, `{"property":"Due","date":{"equals":"2026-02-28T09:05:07"}}`},
	})
	// The clock's location decides the day: 23:30 at UTC+2 is 21:30 UTC,
	// still the 15th, while 01:00 at UTC+2 is the 14th in UTC but the
	// 15th where the user is.
	early := Options{Now: func() time.Time { return time.Date(2026, 6, 15, 1, 0, 0, 0, time.FixedZone("", 2*3600)) }}
	runCompileCases(t, testSchema(t), early, []compileCase{
		{`Due = today`, `{"property":"Due","date":{"equals":"2026-06-15"}}`},
	})
	// Month ends roll over.
	endOfYear := Options{Now: func() time.Time { return time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC) }}
	runCompileCases(t, testSchema(t), endOfYear, []compileCase{
		{`Due = tomorrow`, `{"property":"Due","date":{"equals":"2027-01-01"}}`},
	})
}

func TestCompileUseIDs(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.UseIDs = true
	runCompileCases(t, testSchema(t), opts, []compileCase{
		{`Notes = x`, `{"property":"n%3Bte","rich_text":{"equals":"x"}}`},
		{`Name = x and created_time past week`, `{"and":[{"property":"title","title":{"equals":"x"}},
			{"timestamp":"created_time","created_time":{"past_week":{}}}]}`},
	})
	noIDs := notionapi.Schema{{Name: "Notes", Type: notionapi.PropRichText}}
	runCompileCases(t, noIDs, opts, []compileCase{
		{`Notes = x`, `{"property":"Notes","rich_text":{"equals":"x"}}`},
	})
}

func TestCompileCaseRules(t *testing.T) {
	t.Parallel()
	schema := notionapi.Schema{
		{Name: "status", Type: notionapi.PropRichText},
		{Name: "Status", Type: notionapi.PropNumber},
		{Name: "created_time", Type: notionapi.PropRichText},
		{Name: "Level", Type: notionapi.PropSelect, Select: &notionapi.OptionsConfig{Options: []notionapi.SelectOption{
			{Name: "high"}, {Name: "High"}, {Name: "low"},
		}}},
		// Without a known option list, values are taken as written.
		{Name: "Bare", Type: notionapi.PropSelect},
		// Without a prefix, any prefix is accepted.
		{Name: "Ref", Type: notionapi.PropUniqueID, UniqueID: &notionapi.UniqueIDConfig{}},
	}
	runCompileCases(t, schema, Options{}, []compileCase{
		{`status = x`, `{"property":"status","rich_text":{"equals":"x"}}`},
		{`Status = 1`, `{"property":"Status","number":{"equals":1}}`},
		// A property named like a timestamp wins over the timestamp.
		{`created_time = x`, `{"property":"created_time","rich_text":{"equals":"x"}}`},
		{`last_edited_time past week`, `{"timestamp":"last_edited_time","last_edited_time":{"past_week":{}}}`},
		{`Level = high`, `{"property":"Level","select":{"equals":"high"}}`},
		{`Level = High`, `{"property":"Level","select":{"equals":"High"}}`},
		{`Level = LOW`, `{"property":"Level","select":{"equals":"low"}}`},
		{`Bare = anything`, `{"property":"Bare","select":{"equals":"anything"}}`},
		{`Ref = BUG-5`, `{"property":"Ref","unique_id":{"equals":5}}`},
	})
}

// TestCompileBytes pins the exact output: property first, no spaces, and
// <, > and & left unescaped so the filter reads well where it is shown.
func TestCompileBytes(t *testing.T) {
	t.Parallel()
	schema := notionapi.Schema{{Name: "A<b>&", Type: notionapi.PropTitle}, {Name: "N", Type: notionapi.PropNumber}}
	got, err := Compile(`"A<b>&" = "x & y" or N > 1.5`, schema, Options{})
	want := `{"or":[{"property":"A<b>&","title":{"equals":"x & y"}},{"property":"N","number":{"greater_than":1.5}}]}`
	if err != nil || string(got) != want {
		t.Errorf("Compile = %s, %v\nwant %s", got, err, want)
	}
}

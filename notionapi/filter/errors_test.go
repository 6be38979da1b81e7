package filter

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/notion-tui/notion-tui/notionapi"
)

type errorCase struct {
	src      string
	col      int
	msg      string
	expected []string // checked when not nil
}

func runErrorCases(t *testing.T, schema notionapi.Schema, opts Options, cases []errorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.src, func(t *testing.T) {
			got, err := Compile(tc.src, schema, opts)
			if err == nil {
				t.Fatalf("Compile(%q) = %s, want an error", tc.src, got)
			}
			checkError(t, tc.src, err, tc.col, tc.msg, tc.expected)
		})
	}
}

func checkError(t *testing.T, src string, err error, col int, msg string, expected []string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	if e.Col != col || e.Msg != msg {
		t.Errorf("error for %q:\n got col %d: %s\nwant col %d: %s\n%s", src, e.Col, e.Msg, col, msg, e.Caret(src))
	}
	// Col is the rune column of Pos.
	if wantCol := utf8.RuneCountInString(src[strings.LastIndexByte(src[:e.Pos], '\n')+1:e.Pos]) + 1; e.Col != wantCol {
		t.Errorf("Pos %d is col %d, but Col = %d", e.Pos, wantCol, e.Col)
	}
	if expected != nil && !slices.Equal(e.Expected, expected) {
		t.Errorf("Expected = %q, want %q", e.Expected, expected)
	}
}

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	statusOps := []string{"=", "!=", "in", "is empty", "is not empty"}
	statusOptions := []string{"Not started", "In progress", "Done"}
	dateHelp := "; write YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|±hh:mm], today, tomorrow or yesterday"
	runErrorCases(t, testSchema(t), testOptions(), []errorCase{
		// Syntax.
		{``, 1, "empty filter; write a condition such as Status = Done", nil},
		{"  \t", 4, "empty filter; write a condition such as Status = Done", nil},
		{`Status =`, 9, `expected a value after "=", found end of input`, statusOptions},
		{`Status = and`, 10, `expected a value after "=", found "and"`, statusOptions},
		{`Status is not`, 14, `expected a value after "is not", found end of input`, statusOptions},
		{`Due date before`, 16, `expected a value after "before", found end of input`, []string{"today", "tomorrow", "yesterday", "now"}},
		{`Status = Done and`, 18, `expected a property name after "and", found end of input`, nil},
		{`and`, 1, `expected a property name, found "and"`, nil},
		{`Notes = x or or`, 14, `expected a property name after "or", found "or"`, nil},
		{`()`, 2, `expected a property name after "(", found ")"`, nil},
		{`= 3`, 1, `expected a property name, found "="`, nil},
		{`Status = Done Pages`, 15, `expected "and", "or" or end of input after "Done", found "Pages"; quote names and values that contain spaces`, []string{"and", "or"}},
		{`Notes = Hello World`, 15, `expected "and", "or" or end of input after "Hello", found "World"; quote names and values that contain spaces`, nil},
		{`Notes = x "y"`, 11, `expected "and", "or" or end of input after "x", found the string "y"`, nil},
		{`Status = Done)`, 14, `expected "and", "or" or end of input after "Done", found ")"`, nil},
		{`(Notes = x y)`, 12, `expected "and", "or" or ")" after "x", found "y"; quote names and values that contain spaces`, []string{"and", "or", ")"}},
		{`Status`, 7, `expected an operator after "Status", found end of input; "Status" takes =, !=, in, is empty or is not empty`, statusOps},
		{`Status foo Done`, 8, `expected an operator after "Status", found "foo"; "Status" takes =, !=, in, is empty or is not empty`, statusOps},
		{`Done Done`, 6, `expected an operator after "Done", found "Done"; "Done" takes = or !=`, []string{"=", "!="}},
		{`Tags not`, 9, `expected an operator after "not", found end of input; "Tags" takes has, does not have, in, is empty or is not empty`, nil},
		{`Tasks:select any`, 17, `expected an operator after "any", found end of input; "Tasks" takes =, !=, in, is empty or is not empty`, statusOps},
		{`Score:`, 7, `expected a type hint after ":", found end of input (use text, number, checkbox or date)`, []string{"text", "number", "checkbox", "date"}},
		// Unclosed parentheses and quotes point at the opening character.
		{`(Status = Done`, 1, `unclosed "(": no matching ")" before end of input`, []string{")"}},
		{`Done and ((Pages > 1) or Pages < 0`, 10, `unclosed "(": no matching ")" before end of input`, nil},
		{`Level in (info`, 10, `unclosed "(" of the in list: no matching ")" before end of input`, nil},
		{`Level in (info warn)`, 16, `expected "," or ")" after "info", found "warn"`, []string{",", ")"}},
		{`Level in (info,`, 16, `expected a value after ",", found end of input`, []string{"debug", "info", "warn", "error"}},
		{`Level in ()`, 11, `expected a value after "(", found ")"`, nil},
		{`Level in Done`, 10, `expected "(" and a list of values after "in", found "Done"`, nil},
		{`Name = "abc`, 8, `unclosed string: no closing " before end of input`, nil},
		{`Name = 'abc\'`, 8, `unclosed string: no closing ' before end of input`, nil},
		{`Name = "abc\`, 8, `unclosed string: no closing " before end of input`, nil},
		{`"Status = Done`, 1, `unclosed string: no closing " before end of input`, nil},
		{`Name = "a\qb"`, 10, `unknown escape "\q" in a string; only \", \' and \\ are escapes`, nil},
		{`Pages > 3 $`, 11, `unexpected character '$'; quote values and names that contain it`, nil},
		{`Pages > 3 & Done`, 11, `unexpected "&"; write && or and`, nil},
		{`Pages > 3 | Done`, 11, `unexpected "|"; write || or or`, nil},
		{"Notes = \xff", 9, `invalid UTF-8 at byte 8`, nil},
		{strings.Repeat("(", 70) + "Done" + strings.Repeat(")", 70), 65, `expression nested more than 64 levels deep`, nil},
		// Names.
		{`Staus = Done`, 1, `unknown property "Staus"; did you mean "Status"? (valid: "Name", "Notes", "Pages", "Latency ms", "Status", "Level", "Tags", "Due", "Due date", "Done", "Website", "Email" and 19 more)`, nil},
		{`Done and Zzz = 1`, 10, `unknown property "Zzz" (valid: "Name", "Notes", "Pages", "Latency ms", "Status", "Level", "Tags", "Due", "Due date", "Done", "Website", "Email" and 19 more)`, nil},
		{`Tag has go`, 1, `unknown property "Tag"; did you mean "Tags"? (valid: "Name", "Notes", "Pages", "Latency ms", "Status", "Level", "Tags", "Due", "Due date", "Done", "Website", "Email" and 19 more)`, nil},
		{`Click`, 1, `"Click" is a button property, which Notion cannot filter on`, nil},
		// Operators that do not fit the type.
		{`Pages contains 3`, 7, `"contains" does not apply to "Pages" (number); use =, !=, >, <, >=, <=, in, is empty or is not empty`,
			[]string{"=", "!=", ">", "<", ">=", "<=", "in", "is empty", "is not empty"}},
		{`Done > 3`, 6, `">" does not apply to "Done" (checkbox); use = or !=`, nil},
		{`Done is empty`, 6, `"is empty" does not apply to "Done" (checkbox); use = or !=`, nil},
		{`Tags starts with g`, 6, `"starts with" does not apply to "Tags" (multi_select); use has, does not have, in, is empty or is not empty`, nil},
		{`Notes this week`, 7, `"this week" does not apply to "Notes" (rich_text); use =, !=, contains, does not contain, starts with, ends with, in, is empty or is not empty`, nil},
		{`Due contains 3`, 5, `"contains" does not apply to "Due" (date); use on, before, after, on or before, on or after, this week, past week, past month, past year, next week, next month, next year, is empty or is not empty`, nil},
		{`Attachments has x`, 13, `"has" does not apply to "Attachments" (files); use is empty or is not empty`, nil},
		{`Score:number contains 3`, 14, `"contains" does not apply to "Score" (number formula); use =, !=, >, <, >=, <=, in, is empty or is not empty`, nil},
		{`created_time contains x`, 14, `"contains" does not apply to "created_time" (timestamp); use on, before, after, on or before, on or after, this week, past week, past month, past year, next week, next month, next year, is empty or is not empty`, nil},
		// Values.
		{`Pages > 3x`, 9, `bad number "3x" for "Pages"; write a number such as 42, -3 or 2.5`, nil},
		{`Pages > inf`, 9, `bad number "inf" for "Pages"; write a number such as 42, -3 or 2.5`, nil},
		{`Pages > 0x10`, 9, `bad number "0x10" for "Pages"; write a number such as 42, -3 or 2.5`, nil},
		{`Pages > 1_000`, 9, `bad number "1_000" for "Pages"; write a number such as 42, -3 or 2.5`, nil},
		{`Pages > 1e`, 9, `bad number "1e" for "Pages"; write a number such as 42, -3 or 2.5`, nil},
		{`Pages > 1e999`, 9, `number "1e999" for "Pages" is out of range`, nil},
		{`Score > abc`, 9, `bad number "abc" for "Score"; write a number such as 42, -3 or 2.5`, nil},
		{`Due before 2026-13-01`, 12, `bad date "2026-13-01" (month out of range)` + dateHelp, nil},
		{`Due before 2026-02-30`, 12, `bad date "2026-02-30" (day out of range)` + dateHelp, nil},
		{`Due before 2026-01-01T25:00`, 12, `bad date "2026-01-01T25:00" (hour out of range)` + dateHelp, nil},
		{`Due before 2026-1-1`, 12, `bad date "2026-1-1" (not a date in a known form)` + dateHelp, nil},
		{`Due before tomorow`, 12, `bad date "tomorow" (not a date in a known form)` + dateHelp, nil},
		{`Due = "2026-01-01  10:00"`, 7, `bad date "2026-01-01  10:00" (not a date in a known form)` + dateHelp, nil},
		{`Done = yes`, 8, `expected true or false for "Done", found "yes"`, []string{"true", "false"}},
		{`Key = BUG-12`, 7, `"BUG-12" does not match "Key", whose IDs look like TASK-12`, nil},
		{`Key = TASK-x`, 7, `bad ID "TASK-x" for "Key"; write its number, such as 12 or TASK-12`, nil},
		{`Key = -3`, 7, `bad ID "-3" for "Key"; write its number, such as 12 or TASK-12`, nil},
		{`Verified = maybe`, 12, `expected verified, expired or none for "Verified", found "maybe"`, nil},
		{`Project has abc`, 13, `bad page ID "abc" for "Project" (it has 3 hexadecimal digits, not 32); write a page UUID, with or without dashes, or a Notion page link`, nil},
		// Options.
		{`Status = Don`, 10, `unknown option "Don" for "Status"; did you mean "Done"? (valid: "Not started", "In progress", "Done")`, statusOptions},
		{`Status in (Done, Blocked)`, 18, `unknown option "Blocked" for "Status" (valid: "Not started", "In progress", "Done")`, statusOptions},
		{`Tags has golang`, 10, `unknown option "golang" for "Tags"; did you mean "go"? (valid: "go", "rust", "Python", "machine learning")`, nil},
		// Users.
		{`Assignee has Bob`, 14, `unknown user "Bob" (valid: "Ada Lovelace", "Grace Hopper")`, []string{"me", "Ada Lovelace", "Grace Hopper"}},
		{`Assignee has "Ada Lovelase"`, 14, `unknown user "Ada Lovelase"; did you mean "Ada Lovelace"? (valid: "Ada Lovelace", "Grace Hopper")`, nil},
		// Type hints and quantifiers.
		{`Score:nmber > 3`, 7, `unknown type hint "nmber" for "Score"; use text, number, checkbox or date`, nil},
		{`Score:select = x`, 7, `unknown type hint "select" for "Score"; use text, number, checkbox or date`, nil},
		{`Status:number = 3`, 7, `type hints apply to formula and rollup properties; "Status" is a status property`, nil},
		{`Status any = Done`, 8, `"any" applies to rollup properties; "Status" is a status property`, nil},
		{`Tasks = x`, 1, `rollup "Tasks" needs any, every or none after its name (or a :number or :date type hint for a computed value)`, []string{"any", "every", "none"}},
		{`Tasks:select = x`, 7, `a select rollup needs any, every or none before the operator, as in Tasks:select any = …`, nil},
		// Negations without a complement.
		{`Name starts with x and not (Name starts with y)`, 34, `cannot negate "starts with" on "Name" (title): Notion has no opposite condition`, nil},
		{`Notes not ends with x`, 11, `cannot negate "ends with" on "Notes" (rich_text): Notion has no opposite condition`, nil},
		{`not Due = today`, 9, `cannot negate "=" on "Due" (date): Notion has no opposite condition`, nil},
		{`not (Done or Due this week)`, 18, `cannot negate "this week" on "Due" (date): Notion has no opposite condition`, nil},
		{`not Tasks every starts with x`, 17, `cannot negate "starts with" on "Tasks" (rich_text rollup): Notion has no opposite condition`, nil},
		// Depth.
		{`Done and (Pages > 3 or (Pages < 1 and Notes is empty))`, 24,
			`this group is nested 3 levels deep; Notion allows groups only 2 levels deep (a group inside the top group), so move it up or split the query`, nil},
		{`Done or Pages < 1 and (Notes is empty or Notes = x and Pages > 2)`, 23,
			`this group is nested 3 levels deep; Notion allows groups only 2 levels deep (a group inside the top group), so move it up or split the query`, nil},
		{`Done or (Pages > 3 and Level in (info, warn))`, 30,
			`"in" makes an or group that is nested 3 levels deep; Notion allows groups only 2 levels deep (a group inside the top group), so move it up or split the query`, nil},
		{`not (Done and (Pages > 3 or not (Pages < 1 or Notes is empty)))`, 33,
			`this group is nested 3 levels deep; Notion allows groups only 2 levels deep (a group inside the top group), so move it up or split the query`, nil},
		// Positions are rune columns.
		{`会議 = x and 会議 =`, 16, `expected a value after "=", found end of input`, nil},
		{"Notes = x and\nPages > y", 9, `bad number "y" for "Pages"; write a number such as 42, -3 or 2.5`, nil},
	})
}

func TestCompileErrorsAmbiguity(t *testing.T) {
	t.Parallel()
	schema := notionapi.Schema{
		{Name: "status", Type: notionapi.PropRichText},
		{Name: "Status", Type: notionapi.PropNumber},
		{Name: "Level", Type: notionapi.PropSelect, Select: &notionapi.OptionsConfig{Options: []notionapi.SelectOption{
			{Name: "high"}, {Name: "High"},
		}}},
		{Name: "Empty", Type: notionapi.PropSelect, Select: &notionapi.OptionsConfig{}},
		{Name: "Who", Type: notionapi.PropPeople},
	}
	runErrorCases(t, schema, Options{}, []errorCase{
		{`STATUS = 1`, 1, `"STATUS" matches several properties when case is ignored ("status", "Status"); write the name with its exact case`, []string{"status", "Status"}},
		{`Level = HIGH`, 9, `"HIGH" matches several options of "Level" when case is ignored ("high", "High"); write it with its exact case`, nil},
		{`Empty = x`, 9, `"Empty" has no options`, nil},
		{`Who has bob`, 9, `unknown user "bob"; write me or a user ID (no user list is loaded to match names against)`, []string{"me"}},
	})
	twins := Options{Users: []notionapi.User{
		{ID: adaID, Name: "Ada", Person: &notionapi.Person{Email: "ada@example.com"}},
		{ID: graceID, Name: "Ada"},
	}}
	runErrorCases(t, schema, twins, []errorCase{
		{`Who has Ada`, 9, `"Ada" matches 2 users (ada@example.com, ` + graceID + `); write an email or a user ID`, nil},
	})
}

func TestErrorFormatting(t *testing.T) {
	t.Parallel()
	src := `Status = "Done" and Pages >`
	_, err := Compile(src, testSchema(t), testOptions())
	if got, want := err.Error(), `col 28: expected a value after ">", found end of input`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e := err.(*Error)
	if e.Pos != len(src) {
		t.Errorf("Pos = %d, want %d", e.Pos, len(src))
	}
	if got, want := e.Caret(src), src+"\n"+strings.Repeat(" ", 27)+"^"; got != want {
		t.Errorf("Caret:\n%s\nwant:\n%s", got, want)
	}
}

func TestCaret(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		src  string
		pos  int
		want string
	}{
		{"start", "abc", 0, "abc\n^"},
		{"end", "abc", 3, "abc\n   ^"},
		{"wide runes count two columns", "会議 = x", len("会議 "), "会議 = x\n     ^"},
		{"emoji", "🔥 Hot = x", len("🔥 Hot "), "🔥 Hot = x\n       ^"},
		{"combining marks take no column", "Cafe\u0301 = x", len("Cafe\u0301 "), "Cafe\u0301 = x\n     ^"},
		{"tabs are kept", "a\tb = ?", len("a\tb = "), "a\tb = ?\n \t    ^"},
		{"only the line of the error", "a = 1 and\nb = ?\nc", len("a = 1 and\nb = "), "b = ?\n    ^"},
		{"CRLF", "a = 1\r\nb", 2, "a = 1\n  ^"},
		{"position past the end is clamped", "ab", 9, "ab\n  ^"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newError(tc.src, tc.pos, nil, "x")
			if got := e.Caret(tc.src); got != tc.want {
				t.Errorf("Caret(%q) at %d:\n%s\nwant:\n%s", tc.src, tc.pos, got, tc.want)
			}
		})
	}
}

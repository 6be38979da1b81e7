// Package filter compiles a one-line query expression into a Notion filter
// object, checked against a data source's schema, and parses sort lists.
//
//	f, err := filter.Compile(`Status = Done and (Pages > 300 or Tags has go)`, schema, filter.Options{})
//	// {"and":[{"property":"Status","status":{"equals":"Done"}},
//	//         {"or":[{"property":"Pages","number":{"greater_than":300}},
//	//                {"property":"Tags","multi_select":{"contains":"go"}}]}]}
//
// More examples:
//
//	Due before 2026-12-01
//	Notes is empty
//	"Latency ms" >= 250 and Level = error
//	Name contains "Go" and not (Tags has rust)
//	created_time after 2026-06-01 or last_edited_time past week
//	Done                      (a checkbox alone means Done = true)
//	Assignee has me
//	Due on or after today
//	Status in (Done, "In progress")
//	Key = TASK-12             (a unique ID, with or without its prefix)
//	Score:number > 3          (a formula, with a result type hint)
//	Tasks any has "x"         (a rollup over an array)
//
// # Grammar
//
//	filter     = or .
//	or         = and { ( "or" | "||" ) and } .
//	and        = unary { ( "and" | "&&" ) unary } .
//	unary      = ( "not" | "!" ) unary | "(" or ")" | comparison .
//	comparison = name [ ":" hint ] [ quantifier ] [ [ "not" | "!" ] operator ] .
//	operator   = compare value | "in" "(" value { "," value } [ "," ] ")"
//	           | "is empty" | "is not empty" | range .
//	quantifier = "any" | "every" | "none" .
//	range      = "this week" | "past week" | "past month" | "past year"
//	           | "next week" | "next month" | "next year" .
//	name       = word { word } | string .
//	value      = word { word } | string .
//	string     = '"' { char | '\"' | '\\' } '"' | "'" { char | "\'" | '\\' } "'" .
//
// And binds tighter than or. Keywords and operator words are matched
// without regard to case; a quoted string is never a keyword. A word is a
// run of letters (of any script), digits, emoji and _ - . @; a word that
// starts with a digit may also hold : and + before a digit, so date-times
// need no quotes. Anything else, spaces included, needs quotes.
//
// # Names
//
// A name is matched against the schema exactly, then case-insensitively if
// only one property matches that way. An unquoted name may span several
// words when the schema has such a name (Due date this week); the longest
// matching name wins, and and/or always end it. Quote names that clash
// with keywords (not, and, or) or hold other characters. created_time and
// last_edited_time name the page timestamps when no property has that
// name. An unknown name is an error that suggests the closest names.
//
// The output names properties by name, or by ID with Options.UseIDs.
//
// # Operators
//
// Aliases for each operator:
//
//	=             ==, is, equals, on (dates)
//	!=            <>, is not, does not equal, does_not_equal
//	contains      has, includes, ~
//	not contains  does not contain, does not have, does not include, does_not_contain, !~
//	starts with   begins with, starts_with
//	ends with     ends_with
//	>  <  >=  <=  greater_than, less_than, greater_than_or_equal_to, less_than_or_equal_to;
//	              for dates also after, before, on or after, on or before
//	is empty      is_empty
//	is not empty  is_not_empty
//	ranges        this week, past week, … (also this_week, past_week, …)
//	in (a, b)     an or group of = a, = b
//
// Any operator may be preceded by not or ! to negate it (Tags not has rust,
// Tags !has rust, Status not in (a, b)). Operators by property type
// (Operators returns these lists):
//
//	title, rich_text, url, email, phone_number
//	        = != contains, does not contain, starts with, ends with, in, is empty, is not empty
//	number, unique_id
//	        = != > < >= <= in, is empty, is not empty
//	checkbox
//	        = != (a bare checkbox name means = true)
//	select, status
//	        = != in, is empty, is not empty
//	multi_select, people, created_by, last_edited_by, relation
//	        has, does not have, in, is empty, is not empty (= and != mean has and does not have)
//	date, created_time, last_edited_time (properties or timestamps)
//	        on (=), before, after, on or before, on or after, the ranges, is empty, is not empty
//	files   is empty, is not empty
//	verification
//	        = != with verified, expired or none
//
// # Values
//
// Values are quoted strings or bare words. Numbers are decimal (42, -3,
// 2.5, 1e3). Dates are YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|±hh:mm] or,
// quoted, "YYYY-MM-DD HH:MM[:SS]"; today, tomorrow and yesterday are the
// dates of Options.Now in its location, and now its date-time. A unique ID
// is its number, bare or with the property's prefix (TASK-12 → 12).
// Checkbox values are true and false.
//
// Select, status and multi-select values must name an option of the
// property: an exact match first, then a unique case-insensitive match,
// whose case is fixed in the output. Multi-word options need no quotes
// (Status = In progress). Quote an option named like a keyword: Status is
// "empty" compares with the option while Status is empty tests emptiness.
//
// People values are me, a user ID, or the name or email of one of
// Options.Users (written as its ID). Relation values are page IDs, dashed
// or not, or Notion page links (quoted); with Options.FindPage, also the
// title of a related page (Project has Billing v2: several words need no
// quotes), looked up as create --set does and written as its ID.
//
// With Options.TitleWords, a condition of bare words that does not start
// with a property name searches titles: billing webhook means Name
// contains "billing webhook" (Name being the title property).
//
// # Formulas and rollups
//
// A formula filter compares the formula's result, whose type a hint names:
// Score:number > 3, Title:string contains x, Flag:checkbox, Next:date
// before today. Without a hint the type is inferred: a date operator or a
// date value means date, true or false checkbox, a number number, else
// string. string may also be written text, checkbox bool or boolean.
//
// A rollup over an array compares its items with any, every or none after
// the name: Tasks any has "x", Tasks:select every = Done, Owners:people
// none has me. The item type comes from a hint (text, number, checkbox,
// date, select, multi_select, status, people, relation, files) or is
// inferred as for formulas (me means people). Option names are not checked
// for rollups, since the schema does not list them. A rollup without a
// quantifier compares its computed number or date: the type comes from a
// hint (:number, :date), else from the rollup function (sum, count, … are
// numbers; earliest_date and latest_date are dates), else from the value.
//
// Not covered (use a raw JSON filter): rollups of date ranges, the
// relative date values other than today/tomorrow/yesterday (one_week_ago,
// …), and array values for select and multi-select conditions.
//
// # Negation
//
// not is pushed down to the comparisons (De Morgan's laws), and each
// comparison is replaced by its complement: = and !=, contains and does
// not contain, is empty and is not empty, > and <=, < and >=, before and
// on or after, after and on or before; for rollups any and none, and every
// becomes any with the complement. A comparison without a complement
// (starts with, ends with, the date ranges, = on a date) cannot be negated
// and is an error. not (Pages > 3) is Pages <= 3, which, like every
// ordered comparison, leaves out rows with no Pages. Whether Notion's
// does_not_equal and does_not_contain match empty values is undocumented
// (the notiontest sandbox's choice: they do), so not (Status = Done) may
// or may not list rows without a Status.
//
// # Output
//
// A single comparison compiles to a bare property or timestamp filter.
// Nested groups of the same kind are flattened (a and (b and c) is one
// and group of three). Notion nests groups two levels deep: a top group
// holding groups of comparisons. Anything deeper is an error positioned
// at the offending group; in (…) counts as an or group.
//
// # Errors
//
// Every error is an *Error with the byte offset and column of the mistake,
// a message, and what would have been valid there; Error.Caret draws the
// position under the source line.
package filter

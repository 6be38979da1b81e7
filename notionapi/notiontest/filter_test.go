package notiontest

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// The helpers below read rendered rows, so each filter is checked against
// an independent reading of the JSON rather than against the server's own
// evaluation.

func strOf(row map[string]any, name string) string {
	p := propOf(row, name)
	switch v := p[p["type"].(string)].(type) {
	case string:
		return v
	case []any:
		return plain(row, name)
	}
	return ""
}

func numOf(row map[string]any, name string) (float64, bool) {
	p := propOf(row, name)
	switch v := p[p["type"].(string)].(type) {
	case float64:
		return v, true
	case map[string]any: // unique_id or a formula
		if n, ok := v["number"].(float64); ok {
			return n, true
		}
	}
	return 0, false
}

func optOf(row map[string]any, name string) string {
	p := propOf(row, name)
	if o, ok := p[p["type"].(string)].(map[string]any); ok {
		return o["name"].(string)
	}
	return ""
}

func optsOf(row map[string]any, name string) []string {
	var out []string
	for _, o := range propOf(row, name)["multi_select"].([]any) {
		out = append(out, o.(map[string]any)["name"].(string))
	}
	return out
}

// refs returns the IDs of people, relation, created_by or last_edited_by.
func refsOf(row map[string]any, name string) []string {
	p := propOf(row, name)
	switch v := p[p["type"].(string)].(type) {
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, x.(map[string]any)["id"].(string))
		}
		return out
	case map[string]any:
		return []string{v["id"].(string)}
	}
	return nil
}

// start returns the start of a date value (a date property, a date
// formula, a date rollup or a timestamp) as an instant.
func startOf(row map[string]any, name string) (time.Time, bool) {
	p := propOf(row, name)
	v := p[p["type"].(string)]
	if m, ok := v.(map[string]any); ok {
		if inner, ok := m["date"]; ok { // formula or rollup
			v = inner
		}
	}
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case map[string]any:
		s = x["start"].(string)
	default:
		return time.Time{}, false
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, true
	}
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

func dayOfProp(row map[string]any, name string) (time.Time, bool) {
	t, ok := startOf(row, name)
	return t.UTC().Truncate(24 * time.Hour), ok
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func instant(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// dayIn returns a test that the row's day of name is within [from, to].
func dayIn(name string, from, to time.Time) func(map[string]any) bool {
	return func(r map[string]any) bool {
		d, ok := dayOfProp(r, name)
		return ok && !d.Before(from) && !d.After(to)
	}
}

func rollupItems(row map[string]any, name string) [][]string {
	var out [][]string
	for _, it := range propOf(row, name)["rollup"].(map[string]any)["array"].([]any) {
		var users []string
		for _, u := range it.(map[string]any)["people"].([]any) {
			users = append(users, u.(map[string]any)["id"].(string))
		}
		out = append(out, users)
	}
	return out
}

type filterCase struct {
	name   string
	ds     string
	filter map[string]any
	want   func(row map[string]any) bool
	// trivial marks a filter that may match every row or none.
	trivial bool
}

func f(property, typ string, cond map[string]any) map[string]any {
	return map[string]any{"property": property, typ: cond}
}

func cond(key string, v any) map[string]any { return map[string]any{key: v} }

func TestFilterConditions(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	platform := seedID(DataSourceProjects, 0)
	today := date("2026-11-21") // testNow's day
	lower := strings.ToLower
	tests := []filterCase{
		// title, rich_text, url, email, phone_number
		{"title contains ignores case", DataSourceTasks, f("Task", "title", cond("contains", "LOGIN")),
			func(r map[string]any) bool { return strings.Contains(lower(strOf(r, "Task")), "login") }, false},
		{"title equals is exact", DataSourceTasks, f("Task", "title", cond("equals", "Fix audit log")),
			func(r map[string]any) bool { return strOf(r, "Task") == "Fix audit log" }, false},
		{"title does_not_equal", DataSourceTasks, f("Task", "title", cond("does_not_equal", "Fix audit log")),
			func(r map[string]any) bool { return strOf(r, "Task") != "Fix audit log" }, false},
		{"title starts_with", DataSourceTasks, f("Task", "title", cond("starts_with", "write")),
			func(r map[string]any) bool { return strings.HasPrefix(lower(strOf(r, "Task")), "write") }, false},
		{"title ends_with", DataSourceTasks, f("title", "title", cond("ends_with", "FLOW")),
			func(r map[string]any) bool { return strings.HasSuffix(lower(strOf(r, "Task")), "flow") }, false},
		{"title does_not_contain", DataSourceTasks, f("Task", "title", cond("does_not_contain", "e")),
			func(r map[string]any) bool { return !strings.Contains(lower(strOf(r, "Task")), "e") }, false},
		{"title is_not_empty", DataSourceTasks, f("Task", "title", cond("is_not_empty", true)),
			func(r map[string]any) bool { return strOf(r, "Task") != "" }, true},
		{"rich_text contains", DataSourceReadingList, f("Author", "rich_text", cond("contains", "neal")),
			func(r map[string]any) bool { return strings.Contains(lower(strOf(r, "Author")), "neal") }, false},
		{"rich_text is_empty", DataSourceReadingList, f("Notes", "rich_text", cond("is_empty", true)),
			func(r map[string]any) bool { return strOf(r, "Notes") == "" }, false},
		{"url contains", DataSourceReadingList, f("Link", "url", cond("contains", "Rust")),
			func(r map[string]any) bool { return strings.Contains(lower(strOf(r, "Link")), "rust") }, false},
		{"email contains", DataSourceTasks, f("Contact", "email", cond("contains", "@contoso")),
			func(r map[string]any) bool { return strings.Contains(strOf(r, "Contact"), "@contoso") }, false},
		{"email is_empty", DataSourceTasks, f("Contact", "email", cond("is_empty", true)),
			func(r map[string]any) bool { return strOf(r, "Contact") == "" }, false},
		{"phone_number starts_with", DataSourceTasks, f("Phone", "phone_number", cond("starts_with", "+1 415 555 1")),
			func(r map[string]any) bool { return strings.HasPrefix(strOf(r, "Phone"), "+1 415 555 1") }, false},
		{"phone_number is_not_empty", DataSourceTasks, f("Phone", "phone_number", cond("is_not_empty", true)),
			func(r map[string]any) bool { return strOf(r, "Phone") != "" }, false},

		// number, unique_id
		{"number equals", DataSourceTasks, f("Estimate", "number", cond("equals", 2)),
			func(r map[string]any) bool { n, _ := numOf(r, "Estimate"); return n == 2 }, false},
		{"number does_not_equal", DataSourceTasks, f("Estimate", "number", cond("does_not_equal", 2)),
			func(r map[string]any) bool { n, _ := numOf(r, "Estimate"); return n != 2 }, false},
		{"number greater_than", DataSourceTasks, f("Estimate", "number", cond("greater_than", 4)),
			func(r map[string]any) bool { n, _ := numOf(r, "Estimate"); return n > 4 }, false},
		{"number less_than", DataSourceTasks, f("Estimate", "number", cond("less_than", 1.5)),
			func(r map[string]any) bool { n, _ := numOf(r, "Estimate"); return n < 1.5 }, false},
		{"number greater_than_or_equal_to", DataSourceReadingList, f("Pages", "number", cond("greater_than_or_equal_to", 560)),
			func(r map[string]any) bool { n, _ := numOf(r, "Pages"); return n >= 560 }, false},
		{"number less_than_or_equal_to", DataSourceReadingList, f("Pages", "number", cond("less_than_or_equal_to", 280)),
			func(r map[string]any) bool { n, _ := numOf(r, "Pages"); return n <= 280 }, false},
		{"number is_empty", DataSourceEventLog, f("Latency ms", "number", cond("is_empty", true)),
			func(r map[string]any) bool { _, ok := numOf(r, "Latency ms"); return !ok }, false},
		{"unique_id greater_than", DataSourceTasks, f("ID", "unique_id", cond("greater_than", 140)),
			func(r map[string]any) bool { n, _ := numOf(r, "ID"); return n > 140 }, false},
		{"unique_id equals", DataSourceTasks, f("ID", "unique_id", cond("equals", 7)),
			func(r map[string]any) bool { n, _ := numOf(r, "ID"); return n == 7 }, false},

		// checkbox, select, status, multi_select
		{"checkbox equals", DataSourceTasks, f("Done", "checkbox", cond("equals", true)),
			func(r map[string]any) bool { return propOf(r, "Done")["checkbox"] == true }, false},
		{"checkbox does_not_equal", DataSourceTasks, f("Done", "checkbox", cond("does_not_equal", true)),
			func(r map[string]any) bool { return propOf(r, "Done")["checkbox"] == false }, false},
		{"select equals", DataSourceTasks, f("Priority", "select", cond("equals", "P0 Critical")),
			func(r map[string]any) bool { return optOf(r, "Priority") == "P0 Critical" }, false},
		{"select does_not_equal", DataSourceTasks, f("Priority", "select", cond("does_not_equal", "P0 Critical")),
			func(r map[string]any) bool { return optOf(r, "Priority") != "P0 Critical" }, false},
		{"select is_empty", DataSourceReadingList, f("Rating", "select", cond("is_empty", true)),
			func(r map[string]any) bool { return optOf(r, "Rating") == "" }, false},
		{"select equals any of", DataSourceEventLog, f("Level", "select", cond("equals", []any{"warn", "error"})),
			func(r map[string]any) bool { l := optOf(r, "Level"); return l == "warn" || l == "error" }, false},
		{"status equals", DataSourceTasks, f("Status", "status", cond("equals", "In progress")),
			func(r map[string]any) bool { return optOf(r, "Status") == "In progress" }, false},
		{"status does_not_equal", DataSourceReadingList, f("Status", "status", cond("does_not_equal", "Finished")),
			func(r map[string]any) bool { return optOf(r, "Status") != "Finished" }, false},
		{"status is_not_empty", DataSourceTasks, f("Status", "status", cond("is_not_empty", true)),
			func(r map[string]any) bool { return optOf(r, "Status") != "" }, true},
		{"multi_select contains", DataSourceReadingList, f("Tags", "multi_select", cond("contains", "go")),
			func(r map[string]any) bool { return slices.Contains(optsOf(r, "Tags"), "go") }, false},
		{"multi_select contains any of", DataSourceReadingList, f("Tags", "multi_select", cond("contains", []any{"rust", "go"})),
			func(r map[string]any) bool {
				t := optsOf(r, "Tags")
				return slices.Contains(t, "rust") || slices.Contains(t, "go")
			}, false},
		{"multi_select does_not_contain", DataSourceReadingList, f("Tags", "multi_select", cond("does_not_contain", "fiction")),
			func(r map[string]any) bool { return !slices.Contains(optsOf(r, "Tags"), "fiction") }, false},
		{"multi_select is_empty", DataSourceEventLog, f("Tags", "multi_select", cond("is_empty", true)),
			func(r map[string]any) bool { return len(optsOf(r, "Tags")) == 0 }, false},

		// people, created_by, last_edited_by, relation, files
		{"people contains", DataSourceTasks, f("Assignee", "people", cond("contains", UserJonasWeber)),
			func(r map[string]any) bool { return slices.Contains(refsOf(r, "Assignee"), UserJonasWeber) }, false},
		{"people does_not_contain", DataSourceTasks, f("Assignee", "people", cond("does_not_contain", strings.ReplaceAll(UserJonasWeber, "-", ""))),
			func(r map[string]any) bool { return !slices.Contains(refsOf(r, "Assignee"), UserJonasWeber) }, false},
		{"people is_empty", DataSourceTasks, f("Assignee", "people", cond("is_empty", true)),
			func(r map[string]any) bool { return len(refsOf(r, "Assignee")) == 0 }, false},
		{"created_by contains", DataSourceTasks, f("Created by", "created_by", cond("contains", UserMayaChen)),
			func(r map[string]any) bool { return refsOf(r, "Created by")[0] == UserMayaChen }, false},
		{"last_edited_by does_not_contain", DataSourceTasks, f("Last edited by", "last_edited_by", cond("does_not_contain", UserMayaChen)),
			func(r map[string]any) bool { return refsOf(r, "Last edited by")[0] != UserMayaChen }, false},
		{"people contains me (the bot)", DataSourceTasks, f("Created by", "created_by", cond("contains", "me")),
			func(r map[string]any) bool { return refsOf(r, "Created by")[0] == BotID }, true},
		{"relation contains", DataSourceTasks, f("Project", "relation", cond("contains", platform)),
			func(r map[string]any) bool { return slices.Contains(refsOf(r, "Project"), platform) }, false},
		{"relation does_not_contain", DataSourceTasks, f("Project", "relation", cond("does_not_contain", platform)),
			func(r map[string]any) bool { return !slices.Contains(refsOf(r, "Project"), platform) }, false},
		{"relation is_empty", DataSourceTasks, f("Project", "relation", cond("is_empty", true)),
			func(r map[string]any) bool { return len(refsOf(r, "Project")) == 0 }, false},
		{"files is_not_empty", DataSourceReadingList, f("Cover", "files", cond("is_not_empty", true)),
			func(r map[string]any) bool { return len(propOf(r, "Cover")["files"].([]any)) > 0 }, true},

		// date, created_time, last_edited_time
		{"date equals a day", DataSourceTasks, f("Due", "date", cond("equals", "2026-11-05")),
			func(r map[string]any) bool { d, ok := dayOfProp(r, "Due"); return ok && d.Equal(date("2026-11-05")) }, false},
		{"date before a day", DataSourceTasks, f("Due", "date", cond("before", "2026-11-01")),
			func(r map[string]any) bool { d, ok := dayOfProp(r, "Due"); return ok && d.Before(date("2026-11-01")) }, false},
		{"date after an instant", DataSourceTasks, f("Due", "date", cond("after", "2026-11-05T10:30:00Z")),
			func(r map[string]any) bool {
				d, ok := startOf(r, "Due")
				return ok && d.After(instant("2026-11-05T10:30:00Z"))
			}, false},
		{"date on_or_before", DataSourceTasks, f("Due", "date", cond("on_or_before", "2026-10-20")),
			func(r map[string]any) bool { d, ok := dayOfProp(r, "Due"); return ok && !d.After(date("2026-10-20")) }, false},
		{"date on_or_after", DataSourceTasks, f("Due", "date", cond("on_or_after", "2026-11-10")),
			func(r map[string]any) bool { d, ok := dayOfProp(r, "Due"); return ok && !d.Before(date("2026-11-10")) }, false},
		{"date is_empty", DataSourceTasks, f("Due", "date", cond("is_empty", true)),
			func(r map[string]any) bool { _, ok := startOf(r, "Due"); return !ok }, false},
		{"date before today", DataSourceTasks, f("Due", "date", cond("before", "today")),
			func(r map[string]any) bool { d, ok := dayOfProp(r, "Due"); return ok && d.Before(today) }, false},
		{"date on_or_after one_week_ago", DataSourceTasks, f("Due", "date", cond("on_or_after", "one_week_ago")),
			func(r map[string]any) bool {
				d, ok := dayOfProp(r, "Due")
				return ok && !d.Before(today.AddDate(0, 0, -7))
			}, false},
		{"date before one_month_from_now", DataSourceTasks, f("Due", "date", cond("before", "one_month_from_now")),
			func(r map[string]any) bool {
				d, ok := dayOfProp(r, "Due")
				return ok && d.Before(today.AddDate(0, 1, 0))
			}, false},
		{"date after yesterday", DataSourceTasks, f("Due", "date", cond("after", "yesterday")),
			func(r map[string]any) bool {
				d, ok := dayOfProp(r, "Due")
				return ok && d.After(today.AddDate(0, 0, -1))
			}, false},
		{"date this_week", DataSourceTasks, f("Due", "date", cond("this_week", map[string]any{})),
			dayIn("Due", date("2026-11-16"), date("2026-11-22")), false},
		{"date past_week", DataSourceTasks, f("Due", "date", cond("past_week", map[string]any{})),
			dayIn("Due", today.AddDate(0, 0, -7), today), false},
		{"date past_month", DataSourceTasks, f("Due", "date", cond("past_month", map[string]any{})),
			dayIn("Due", today.AddDate(0, -1, 0), today), false},
		{"date next_week", DataSourceTasks, f("Due", "date", cond("next_week", map[string]any{})),
			dayIn("Due", today, today.AddDate(0, 0, 7)), false},
		{"date next_month", DataSourceTasks, f("Due", "date", cond("next_month", map[string]any{})),
			dayIn("Due", today, today.AddDate(0, 1, 0)), false},
		{"date past_year", DataSourceReadingList, f("Finished", "date", cond("past_year", map[string]any{})),
			dayIn("Finished", today.AddDate(-1, 0, 0), today), false},
		{"date next_year", DataSourceTasks, f("Due", "date", cond("next_year", map[string]any{})),
			dayIn("Due", today, today.AddDate(1, 0, 0)), false},
		{"created_time property", DataSourceTasks, f("Created", "created_time", cond("on_or_after", "2026-06-01")),
			func(r map[string]any) bool { d, _ := dayOfProp(r, "Created"); return !d.Before(date("2026-06-01")) }, false},
		{"last_edited_time property", DataSourceTasks, f("Last edited time", "last_edited_time", cond("on_or_after", "2026-10-01")),
			dayIn("Last edited time", date("2026-10-01"), today), false},
		{"created_time timestamp", DataSourceTasks, map[string]any{"timestamp": "created_time", "created_time": cond("before", "2026-06-01T00:00:00Z")},
			func(r map[string]any) bool {
				return instant(r["created_time"].(string)).Before(instant("2026-06-01T00:00:00Z"))
			}, false},
		{"last_edited_time timestamp", DataSourceReadingList, map[string]any{"timestamp": "last_edited_time", "last_edited_time": cond("after", "2026-08-01")},
			func(r map[string]any) bool {
				return instant(r["last_edited_time"].(string)).Truncate(24 * time.Hour).After(date("2026-08-01"))
			}, false},

		// formula, rollup
		{"formula checkbox", DataSourceTasks, f("Overdue", "formula", cond("checkbox", cond("equals", true))),
			func(r map[string]any) bool {
				return propOf(r, "Overdue")["formula"].(map[string]any)["boolean"] == true
			}, false},
		{"formula date", DataSourceTasks, f("Follow-up", "formula", cond("date", cond("after", "2026-11-20"))),
			func(r map[string]any) bool {
				d, ok := dayOfProp(r, "Follow-up")
				return ok && d.After(date("2026-11-20"))
			}, false},
		{"formula number", DataSourceReadingList, f("Pages per day", "formula", cond("number", cond("greater_than", 20))),
			func(r map[string]any) bool { n, ok := numOf(r, "Pages per day"); return ok && n > 20 }, false},
		{"formula number is_empty", DataSourceReadingList, f("Pages per day", "formula", cond("number", cond("is_empty", true))),
			func(r map[string]any) bool { _, ok := numOf(r, "Pages per day"); return !ok }, false},
		{"formula string", DataSourceProjects, f("Summary", "formula", cond("string", cond("starts_with", "building"))),
			func(r map[string]any) bool {
				return strings.HasPrefix(propOf(r, "Summary")["formula"].(map[string]any)["string"].(string), "Building")
			}, false},
		{"rollup number", DataSourceProjects, f("Progress", "rollup", cond("number", cond("greater_than", 0.5))),
			func(r map[string]any) bool {
				n, _ := propOf(r, "Progress")["rollup"].(map[string]any)["number"].(float64)
				return n > 0.5
			}, false},
		{"rollup date", DataSourceProjects, f("Next due", "rollup", cond("date", cond("before", "2026-10-15"))),
			func(r map[string]any) bool {
				d, ok := dayOfProp(r, "Next due")
				return ok && d.Before(date("2026-10-15"))
			}, false},
		{"rollup any", DataSourceProjects, f("Team", "rollup", cond("any", cond("people", cond("contains", UserJonasWeber)))),
			func(r map[string]any) bool {
				return slices.ContainsFunc(rollupItems(r, "Team"), func(u []string) bool { return slices.Contains(u, UserJonasWeber) })
			}, false},
		{"rollup none", DataSourceProjects, f("Team", "rollup", cond("none", cond("people", cond("contains", UserMayaChen)))),
			func(r map[string]any) bool {
				return !slices.ContainsFunc(rollupItems(r, "Team"), func(u []string) bool { return slices.Contains(u, UserMayaChen) })
			}, false},
		{"rollup every", DataSourceProjects, f("Team", "rollup", cond("every", cond("people", cond("is_not_empty", true)))),
			func(r map[string]any) bool {
				return !slices.ContainsFunc(rollupItems(r, "Team"), func(u []string) bool { return len(u) == 0 })
			}, false},

		// compound
		{"and", DataSourceTasks, map[string]any{"and": []any{
			f("Done", "checkbox", cond("equals", false)),
			f("Priority", "select", cond("equals", "P1 High")),
		}}, func(r map[string]any) bool {
			return propOf(r, "Done")["checkbox"] == false && optOf(r, "Priority") == "P1 High"
		}, false},
		{"or of and (two levels)", DataSourceTasks, map[string]any{"or": []any{
			map[string]any{"and": []any{
				f("Status", "status", cond("equals", "Blocked")),
				f("Assignee", "people", cond("is_not_empty", true)),
			}},
			f("Estimate", "number", cond("greater_than_or_equal_to", 7.5)),
		}}, func(r map[string]any) bool {
			n, _ := numOf(r, "Estimate")
			return (optOf(r, "Status") == "Blocked" && len(refsOf(r, "Assignee")) > 0) || n >= 7.5
		}, false},
	}
	everything := map[string][]map[string]any{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			all, ok := everything[tt.ds]
			if !ok {
				all, _ = a.queryAll(tt.ds, map[string]any{})
				everything[tt.ds] = all
			}
			got, _ := a.queryAll(tt.ds, map[string]any{"filter": tt.filter, "page_size": 40})
			var want []string
			for _, row := range all {
				if tt.want(row) {
					want = append(want, row["id"].(string))
				}
			}
			if !slices.Equal(ids(got), want) {
				t.Fatalf("filter %v\nmatched %d rows, want %d", tt.filter, len(got), len(want))
			}
			if !tt.trivial && (len(want) == 0 || len(want) == len(all)) {
				t.Errorf("filter matches %d of %d rows; pick one that splits them", len(want), len(all))
			}
		})
	}
}

func TestFilterErrors(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	tests := []struct {
		name    string
		filter  any
		message string
	}{
		{"unknown property", f("Nope", "title", cond("equals", "x")), "Could not find property with name or id: Nope"},
		{"type mismatch", f("Estimate", "title", cond("equals", "x")),
			"body failed validation: body.filter.title does not match the type of property \"Estimate\", which is number; use body.filter.number."},
		{"number not a number", f("Estimate", "number", cond("greater_than", "abc")),
			"body failed validation: body.filter.number.greater_than should be a number, instead was `\"abc\"`."},
		{"nested path in messages", map[string]any{"and": []any{f("Done", "checkbox", cond("equals", "yes"))}},
			"body failed validation: body.filter.and[0].checkbox.equals should be a boolean, instead was `\"yes\"`."},
		{"unknown condition", f("Estimate", "number", cond("bigger", 1)),
			"body failed validation: body.filter.number should be an object with one of `equals`, `does_not_equal`, `greater_than`, `less_than`, `greater_than_or_equal_to`, `less_than_or_equal_to`, `is_empty`, `is_not_empty`, instead was `{\"bigger\":1}`."},
		{"is_empty takes true", f("Task", "title", cond("is_empty", false)),
			"body failed validation: body.filter.title.is_empty should be `true`, instead was `false`."},
		{"bad date", f("Due", "date", cond("after", "next tuesday")),
			"body failed validation: body.filter.date.after should be a valid ISO 8601 date string or a relative date, instead was `\"next tuesday\"`."},
		{"relative range takes an empty object", f("Due", "date", cond("past_week", true)),
			"body failed validation: body.filter.date.past_week should be an empty object, instead was `true`."},
		{"people needs a UUID", f("Assignee", "people", cond("contains", "jonas")),
			"body failed validation: body.filter.people.contains should be a valid uuid or `me`, instead was `\"jonas\"`."},
		{"relation needs a UUID", f("Project", "relation", cond("contains", "me")),
			"body failed validation: body.filter.relation.contains should be a valid uuid, instead was `\"me\"`."},
		{"too deep", map[string]any{"and": []any{map[string]any{"or": []any{map[string]any{"and": []any{f("Done", "checkbox", cond("equals", true))}}}}}},
			"body failed validation: body.filter.and[0].or[0].and is nested too deeply; compound filters nest at most two levels."},
		{"two conditions", map[string]any{"property": "Done", "checkbox": cond("equals", true), "number": cond("equals", 1)},
			"body failed validation: body.filter should have exactly one filter condition object besides \"property\", instead had `checkbox`, `number`."},
		{"timestamp name", map[string]any{"timestamp": "edited", "edited": cond("equals", "2026-01-01")},
			"body failed validation: body.filter.timestamp should be `created_time` or `last_edited_time`, instead was `\"edited\"`."},
		{"formula result type", f("Overdue", "formula", cond("number", cond("equals", 1))),
			"body failed validation: body.filter.formula.number does not match the result type of formula \"Overdue\", which is boolean; use body.filter.formula.checkbox."},
		{"filter not an object", "Done", "body failed validation: body.filter should be an object, instead was `\"Done\"`."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := a.do("POST", "/v1/data_sources/"+DataSourceTasks+"/query", map[string]any{"filter": tt.filter}).wantError(t, 400, "validation_error")
			if msg != tt.message {
				t.Errorf("message\n got %q\nwant %q", msg, tt.message)
			}
		})
	}
	msg := a.do("POST", "/v1/data_sources/"+DataSourceProjects+"/query", map[string]any{
		"filter": f("Team", "rollup", cond("any", cond("number", cond("equals", 1)))),
	}).wantError(t, 400, "validation_error")
	if !strings.Contains(msg, `rolled-up property "Assignee", which is people`) {
		t.Errorf("rollup mismatch message %q", msg)
	}
}

func TestFilterByPropertyID(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	ds := a.do("GET", "/v1/data_sources/"+DataSourceTasks, nil).ok(t).body
	id := ds["properties"].(map[string]any)["Priority"].(map[string]any)["id"].(string)
	byName, _ := a.queryAll(DataSourceTasks, map[string]any{"filter": f("Priority", "select", cond("equals", "P2 Medium"))})
	byID, _ := a.queryAll(DataSourceTasks, map[string]any{"filter": f(id, "select", cond("equals", "P2 Medium"))})
	if len(byName) == 0 || !slices.Equal(ids(byName), ids(byID)) {
		t.Errorf("by name %d rows, by ID %q %d rows", len(byName), id, len(byID))
	}
}

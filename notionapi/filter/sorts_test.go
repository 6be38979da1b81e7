package filter

import (
	"reflect"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
)

func TestParseSorts(t *testing.T) {
	t.Parallel()
	asc := func(p string) notionapi.Sort { return notionapi.Sort{Property: p, Direction: notionapi.Ascending} }
	desc := func(p string) notionapi.Sort { return notionapi.Sort{Property: p, Direction: notionapi.Descending} }
	ts := func(name, dir string) notionapi.Sort { return notionapi.Sort{Timestamp: name, Direction: dir} }
	for _, tc := range []struct {
		src  string
		want []notionapi.Sort
	}{
		{"", nil},
		{"  ", nil},
		{"Due", []notionapi.Sort{asc("Due")}},
		{"Due desc, Name, created_time asc", []notionapi.Sort{desc("Due"), asc("Name"), ts(notionapi.CreatedTime, notionapi.Ascending)}},
		{"Due:desc", []notionapi.Sort{desc("Due")}},
		{"Due : DESCENDING,Name:ascending", []notionapi.Sort{desc("Due"), asc("Name")}},
		{"due date DESC", []notionapi.Sort{desc("Due date")}},
		{`"Latency ms" desc, 'Due date'`, []notionapi.Sort{desc("Latency ms"), asc("Due date")}},
		{"Latency ms desc", []notionapi.Sort{desc("Latency ms")}},
		{"last_edited_time desc", []notionapi.Sort{ts(notionapi.LastEditedTime, notionapi.Descending)}},
		{"Created desc", []notionapi.Sort{desc("Created")}},
	} {
		got, err := ParseSorts(tc.src, testSchema(t))
		if err != nil {
			t.Errorf("ParseSorts(%q): %v", tc.src, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseSorts(%q) = %+v, want %+v", tc.src, got, tc.want)
		}
	}

	// A property named like a direction: quoted, or followed by one.
	keyword := notionapi.Schema{{Name: "desc", Type: notionapi.PropNumber}}
	got, err := ParseSorts(`"desc" desc, desc`, keyword)
	if err == nil {
		t.Errorf("sorting twice on one property = %+v, want an error", got)
	}
	got, err = ParseSorts(`desc desc`, keyword)
	if want := []notionapi.Sort{desc("desc")}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ParseSorts(desc desc) = %+v, %v; want %+v", got, err, want)
	}
}

func TestParseSortsErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		src string
		col int
		msg string
	}{
		{"Due sideways", 5, `expected "," or end of input after "Due", found "sideways"`},
		{"Due:", 5, `expected asc or desc after ":", found end of input`},
		{"Due:up", 5, `expected asc or desc after ":", found "up"`},
		{"Due,", 5, `expected a property name after ",", found end of input`},
		{", Due", 1, `expected a property name, found ","`},
		{"Due desc, Staus", 11, `unknown property "Staus"; did you mean "Status"? (valid: "Name", "Notes", "Pages", "Latency ms", "Status", "Level", "Tags", "Due", "Due date", "Done", "Website", "Email" and 19 more)`},
		{"Due, Name, due desc", 12, `"Due" is already sorted on; give each property once`},
		{"created_time, Created_Time desc", 15, `"created_time" is already sorted on; give each property once`},
		{`"Due`, 1, `unclosed string: no closing " before end of input`},
	} {
		got, err := ParseSorts(tc.src, testSchema(t))
		if err == nil {
			t.Errorf("ParseSorts(%q) = %+v, want an error", tc.src, got)
			continue
		}
		checkError(t, tc.src, err, tc.col, tc.msg, nil)
	}
}

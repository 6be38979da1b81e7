package filter_test

import (
	"encoding/json"
	"fmt"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/filter"
)

// Example compiles a filter against a schema and shows the JSON sent to
// Notion.
func Example() {
	var schema notionapi.Schema
	_ = json.Unmarshal([]byte(`{
		"Name":   {"id": "title", "type": "title", "title": {}},
		"Status": {"id": "s", "type": "status", "status": {"options": [{"name": "Done"}, {"name": "In progress"}]}},
		"Pages":  {"id": "p", "type": "number", "number": {"format": "number"}},
		"Tags":   {"id": "t", "type": "multi_select", "multi_select": {"options": [{"name": "go"}, {"name": "rust"}]}}
	}`), &schema)

	f, err := filter.Compile(`Status = done and (Pages > 300 or Tags has go)`, schema, filter.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(f))

	_, err = filter.Compile(`Staus = Done`, schema, filter.Options{})
	fmt.Println(err)
	fmt.Println(err.(*filter.Error).Caret(`Staus = Done`))
	// Output:
	// {"and":[{"property":"Status","status":{"equals":"Done"}},{"or":[{"property":"Pages","number":{"greater_than":300}},{"property":"Tags","multi_select":{"contains":"go"}}]}]}
	// col 1: unknown property "Staus"; did you mean "Status"? (valid: "Name", "Status", "Pages", "Tags", "created_time", "last_edited_time")
	// Staus = Done
	// ^
}

// ExampleParseSorts parses a sort list.
func ExampleParseSorts() {
	schema := notionapi.Schema{
		{Name: "Due date", Type: notionapi.PropDate},
		{Name: "Name", Type: notionapi.PropTitle},
	}
	sorts, err := filter.ParseSorts("due date desc, Name, created_time:asc", schema)
	if err != nil {
		panic(err)
	}
	b, _ := json.Marshal(sorts)
	fmt.Println(string(b))
	// Output:
	// [{"property":"Due date","direction":"descending"},{"property":"Name","direction":"ascending"},{"timestamp":"created_time","direction":"ascending"}]
}

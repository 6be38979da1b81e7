package filter

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

// schemaJSON is a data source schema with a property of every type, as the
// API returns it.
const schemaJSON = `{
	"Name":        {"id": "title", "type": "title", "title": {}},
	"Notes":       {"id": "n%3Bte", "type": "rich_text", "rich_text": {}},
	"Pages":       {"id": "pg", "type": "number", "number": {"format": "number"}},
	"Latency ms":  {"id": "lat", "type": "number", "number": {"format": "number"}},
	"Status":      {"id": "st", "type": "status", "status": {"options": [
		{"name": "Not started"}, {"name": "In progress"}, {"name": "Done"}], "groups": []}},
	"Level":       {"id": "lv", "type": "select", "select": {"options": [
		{"name": "debug"}, {"name": "info"}, {"name": "warn"}, {"name": "error"}]}},
	"Tags":        {"id": "tg", "type": "multi_select", "multi_select": {"options": [
		{"name": "go"}, {"name": "rust"}, {"name": "Python"}, {"name": "machine learning"}]}},
	"Due":         {"id": "due", "type": "date", "date": {}},
	"Due date":    {"id": "dd", "type": "date", "date": {}},
	"Done":        {"id": "dn", "type": "checkbox", "checkbox": {}},
	"Website":     {"id": "web", "type": "url", "url": {}},
	"Email":       {"id": "em", "type": "email", "email": {}},
	"Phone":       {"id": "ph", "type": "phone_number", "phone_number": {}},
	"Assignee":    {"id": "as", "type": "people", "people": {}},
	"Project":     {"id": "pr", "type": "relation", "relation": {"data_source_id": "5f0c1c3e-0000-4000-8000-000000000001", "type": "single_property", "single_property": {}}},
	"Attachments": {"id": "at", "type": "files", "files": {}},
	"Score":       {"id": "sc", "type": "formula", "formula": {"expression": "prop(\"Pages\") / 10"}},
	"Total":       {"id": "to", "type": "rollup", "rollup": {"function": "sum", "relation_property_name": "Project", "rollup_property_name": "Pages"}},
	"Latest":      {"id": "la", "type": "rollup", "rollup": {"function": "latest_date", "relation_property_name": "Project", "rollup_property_name": "Due"}},
	"Tasks":       {"id": "ta", "type": "rollup", "rollup": {"function": "show_original", "relation_property_name": "Project", "rollup_property_name": "Name"}},
	"Key":         {"id": "key", "type": "unique_id", "unique_id": {"prefix": "TASK"}},
	"Created":     {"id": "cr", "type": "created_time", "created_time": {}},
	"Creator":     {"id": "cb", "type": "created_by", "created_by": {}},
	"Edited":      {"id": "ed", "type": "last_edited_time", "last_edited_time": {}},
	"Editor":      {"id": "eb", "type": "last_edited_by", "last_edited_by": {}},
	"Verified":    {"id": "ve", "type": "verification", "verification": {}},
	"Click":       {"id": "bt", "type": "button", "button": {}},
	"not":         {"id": "kw", "type": "rich_text", "rich_text": {}},
	"会議":         {"id": "jp", "type": "rich_text", "rich_text": {}}
}`

func testSchema(t testing.TB) notionapi.Schema {
	t.Helper()
	var s notionapi.Schema
	if err := json.Unmarshal([]byte(schemaJSON), &s); err != nil {
		t.Fatalf("decoding the test schema: %v", err)
	}
	return s
}

const (
	adaID   = "0c4f6f1e-2f3a-4b5c-8d9e-0a1b2c3d4e5f"
	graceID = "1d5a7b2c-3e4f-4a5b-9c6d-7e8f9a0b1c2d"
	pageID  = "2e6b8c3d-4f50-4b6c-8d7e-8f9a0b1c2d3e"
)

func testOptions() Options {
	return Options{
		Now: func() time.Time { return time.Date(2026, 6, 15, 23, 30, 0, 0, time.FixedZone("UTC+2", 2*3600)) },
		Users: []notionapi.User{
			{Object: "user", ID: adaID, Type: "person", Name: "Ada Lovelace", Person: &notionapi.Person{Email: "ada@example.com"}},
			{Object: "user", ID: graceID, Type: "person", Name: "Grace Hopper", Person: &notionapi.Person{Email: "grace@example.com"}},
		},
	}
}

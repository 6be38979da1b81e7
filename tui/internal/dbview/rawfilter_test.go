package dbview

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
)

// TestRawExampleUsesAPropertyOfTheDatabase: the raw JSON editor's
// placeholder is a filter Notion would accept on the open database, not
// on a "Pages" property it may not have.
func TestRawExampleUsesAPropertyOfTheDatabase(t *testing.T) {
	t.Parallel()
	ex := rawExample(benchSchema())
	var f map[string]any
	if err := json.Unmarshal([]byte(ex), &f); err != nil {
		t.Fatalf("the example is not JSON: %s", ex)
	}
	name, _ := f["property"].(string)
	ok := false
	for _, p := range benchSchema() {
		ok = ok || p.Name == name && f[string(p.Type)] != nil
	}
	if !ok {
		t.Errorf("the example %s does not filter a property of the database", ex)
	}
	if !strings.HasPrefix(ex, `{"property": `) {
		t.Errorf("the example does not start with the property: %s", ex)
	}
	if ex := rawExample(notionapi.Schema{{Name: "Task", Type: notionapi.PropTitle}}); ex != `{"property": "Task", "title": {"contains":"word"}}` {
		t.Errorf("a title-only database: %s", ex)
	}
}

package pageform

import (
	"errors"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
)

func TestBuild(t *testing.T) {
	page, err := Build(schema(t), Input{
		Values:  map[string]string{"Name": "Buy milk", "Tags": "home", "Done": "", "Due": "tomorrow"},
		Content: "# Shopping\n- milk",
	}, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	if page.Title != "Buy milk" {
		t.Errorf("Title = %q", page.Title)
	}
	if len(page.Properties) != 3 {
		t.Errorf("properties %v, want Name, Tags and Due only (blank values are not sent)", page.Properties)
	}
	if page.Properties["Due"].Date.Start != "2026-11-22" {
		t.Errorf("Due = %+v", page.Properties["Due"].Date)
	}
	if got := outline(page.Children, ""); got != "heading_1 \"Shopping\"\nbulleted_list_item \"milk\"\n" {
		t.Errorf("children:\n%s", got)
	}
}

func TestBuildReportsEveryProblem(t *testing.T) {
	_, err := Build(schema(t), Input{
		Values:  map[string]string{"Budget": "lots", "Tags": "hme", "Nope": "x", "Overdue": "yes", "Bugdet": "1"},
		Content: strings.Repeat("- a\n", 101),
	}, testEnv())
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error %v is not Errors", err)
	}
	var fields []string
	for _, fe := range errs {
		fields = append(fields, fe.Property)
	}
	// Unknown names first, then schema order (title first), the content last.
	want := []string{"Bugdet", "Nope", "Name", "Budget", "Tags", "Overdue", ""}
	if strings.Join(fields, "|") != strings.Join(want, "|") {
		t.Fatalf("fields at fault %q, want %q\n%v", fields, want, err)
	}
	for field, msg := range map[string]string{
		"Nope":    `no property "Nope"; properties are "Name", "Notes"`,
		"Bugdet":  `no property "Bugdet" (did you mean "Budget"?); properties are`,
		"Name":    "a title is required",
		"Budget":  "expected a number",
		"Tags":    `did you mean "home"`,
		"Overdue": "computed by Notion",
		"":        "at most 100",
	} {
		if e := errs.For(field); e == nil || !strings.Contains(e.Error(), msg) {
			t.Errorf("For(%q) = %v, want %q", field, e, msg)
		}
	}
	if !strings.Contains(err.Error(), "content: the content makes 101 blocks") {
		t.Errorf("Error() = %q", err)
	}
	if errs.For("Notes") != nil {
		t.Error("a blank property has an error")
	}
}

func TestProperty(t *testing.T) {
	s := schema(t)
	for in, want := range map[string]string{"Tags": "Tags", "tags": "Tags", " due ": "Due", "t": "Tags"} {
		p, err := Property(s, in)
		if err != nil || p.Name != want {
			t.Errorf("Property(%q) = %q, %v; want %q", in, p.Name, err, want)
		}
	}
	_, err := Property(s, "Tgas")
	if err == nil || !strings.Contains(err.Error(), `no property "Tgas" (did you mean "Tags"?); properties are "Name"`) {
		t.Errorf("Property(Tgas) error = %v", err)
	}
}

func TestAPIErrorField(t *testing.T) {
	s := schema(t)
	tests := []struct {
		msg   string
		field string
		ok    bool
	}{
		{"Tags is expected to be multi_select.", "Tags", true},
		{"body.properties.Budget.number should be a number, instead was `\"x\"`.", "Budget", true},
		{"Invalid status option. Status option \"Blocked\" does not exist for property \"Status\".", "Status", true},
		{"Relation “Project” can only point to pages of “Projects”.", "Project", true},
		{"body.children[3].paragraph.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.", "", true},
		{"Could not find user with ID: 123.", "", false},
	}
	for _, tt := range tests {
		err := &notionapi.APIError{Status: 400, Code: notionapi.CodeValidationError, Message: tt.msg}
		field, ok := APIErrorField(s, err)
		if field != tt.field || ok != tt.ok {
			t.Errorf("APIErrorField(%q) = %q, %v; want %q, %v", tt.msg, field, ok, tt.field, tt.ok)
		}
	}
	if _, ok := APIErrorField(s, &notionapi.APIError{Status: 403, Code: notionapi.CodeRestrictedResource, Message: "Tags is expected to be x."}); ok {
		t.Error("a 403 was mapped to a field")
	}
}

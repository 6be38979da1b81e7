package filter

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
)

// findProjects names two related pages by title; anything else is
// unknown, "Launch" is ambiguous.
func findProjects(asked *[]string) func(notionapi.PropertySchema, string) (string, error) {
	return func(p notionapi.PropertySchema, title string) (string, error) {
		*asked = append(*asked, p.Name+"/"+title)
		switch strings.ToLower(title) {
		case "billing v2":
			return pageID, nil
		case "launch":
			return "", errors.New(`"Launch" matches 2 pages: "Launch A", "Launch B"; give the page's ID or link`)
		}
		return "", fmt.Errorf("no page titled %q in the related database", title)
	}
}

func TestRelationByTitle(t *testing.T) {
	t.Parallel()
	var asked []string
	opts := Options{FindPage: findProjects(&asked)}
	runCompileCases(t, testSchema(t), opts, []compileCase{
		{`Project has "Billing v2"`, `{"property":"Project","relation":{"contains":"` + pageID + `"}}`},
		{`Project has Billing v2`, `{"property":"Project","relation":{"contains":"` + pageID + `"}}`},
		{`Project = billing V2 and Done`, `{"and":[{"property":"Project","relation":{"contains":"` + pageID + `"}},{"property":"Done","checkbox":{"equals":true}}]}`},
		{`not (Project has Billing v2)`, `{"property":"Project","relation":{"does_not_contain":"` + pageID + `"}}`},
		{`Project in (Billing v2, ` + pageID + `)`, `{"or":[{"property":"Project","relation":{"contains":"` + pageID + `"}},{"property":"Project","relation":{"contains":"` + pageID + `"}}]}`},
	})
	// IDs and links are taken as they are, without a look-up.
	asked = nil
	if _, err := Compile(`Project has `+pageID, testSchema(t), opts); err != nil || len(asked) != 0 {
		t.Fatalf("an ID was looked up (%v): %v", asked, err)
	}
	for _, tc := range []struct{ src, msg string }{
		{`Project has Launch`, `"Project": "Launch" matches 2 pages`},
		{`Project has Nowhere`, `"Project": no page titled "Nowhere" in the related database`},
	} {
		_, err := Compile(tc.src, testSchema(t), opts)
		var fe *Error
		if !errors.As(err, &fe) || !strings.Contains(fe.Msg, tc.msg) || fe.Col != len("Project has ")+1 {
			t.Errorf("%s: %v", tc.src, err)
		}
	}
	// Without FindPage a title is refused, as before.
	if _, err := Compile(`Project has Billing`, testSchema(t), Options{}); err == nil || !strings.Contains(err.Error(), "bad page ID") {
		t.Errorf("without FindPage: %v", err)
	}
}

func TestTitleWords(t *testing.T) {
	t.Parallel()
	opts := Options{TitleWords: true}
	runCompileCases(t, testSchema(t), opts, []compileCase{
		{`billing`, `{"property":"Name","title":{"contains":"billing"}}`},
		{`billing webhook`, `{"property":"Name","title":{"contains":"billing webhook"}}`},
		{`"release notes"`, `{"property":"Name","title":{"contains":"release notes"}}`},
		{`billing and Status = Done`, `{"and":[{"property":"Name","title":{"contains":"billing"}},{"property":"Status","status":{"equals":"Done"}}]}`},
		{`not billing`, `{"property":"Name","title":{"does_not_contain":"billing"}}`},
		// A property name comes first: the language as always.
		{`Done`, `{"property":"Done","checkbox":{"equals":true}}`},
		{`Name contains go`, `{"property":"Name","title":{"contains":"go"}}`},
		{`Due date this week`, `{"property":"Due date","date":{"this_week":{}}}`},
		{`created_time after 2026-06-01`, `{"timestamp":"created_time","created_time":{"after":"2026-06-01"}}`},
	})
	// An operator symbol makes a comparison, whose unknown name is named.
	if _, err := Compile(`Nmae = x`, testSchema(t), opts); err == nil || !strings.Contains(err.Error(), `unknown property "Nmae"`) {
		t.Errorf("Nmae = x: %v", err)
	}
	// Without the option, a bare word is an unknown property.
	if _, err := Compile(`billing`, testSchema(t), Options{}); err == nil {
		t.Error("a bare word compiled without TitleWords")
	}
}

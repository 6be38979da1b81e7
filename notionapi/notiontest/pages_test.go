package notiontest

import (
	"slices"
	"strings"
	"testing"
)

func title(s string) map[string]any {
	return map[string]any{"title": []any{map[string]any{"text": map[string]any{"content": s}}}}
}

func richText(s string) map[string]any {
	return map[string]any{"rich_text": []any{map[string]any{"type": "text", "text": map[string]any{"content": s}}}}
}

func inTasks(props map[string]any) map[string]any {
	return map[string]any{"parent": map[string]any{"data_source_id": DataSourceTasks}, "properties": props}
}

func TestCreatePage(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	project := seedID(DataSourceProjects, 3) // Search Revamp
	hoursBefore := a.do("GET", "/v1/pages/"+project, nil).ok(t).body
	before := propOf(hoursBefore, "Hours")["rollup"].(map[string]any)["number"].(float64)

	created := a.do("POST", "/v1/pages", inTasks(map[string]any{
		"Task":     title("Write the sandbox"),
		"Status":   map[string]any{"status": map[string]any{"name": "In review"}},
		"Priority": map[string]any{"select": map[string]any{"name": "P1 High"}},
		"Assignee": map[string]any{"people": []any{map[string]any{"object": "user", "id": UserSofiaRossi}}},
		"Due":      map[string]any{"date": map[string]any{"start": "2026-12-01T09:30:00Z", "end": "2026-12-03T17:00:00Z"}},
		"Done":     map[string]any{"checkbox": false},
		"Estimate": map[string]any{"number": 12.5},
		"Project":  map[string]any{"relation": []any{map[string]any{"id": project}}},
		"Contact":  map[string]any{"email": "qa@acmelabs.example"},
		"Phone":    map[string]any{"phone_number": "+49 30 5550 1999"},
	})).ok(t).body

	id := created["id"].(string)
	if !uuidPattern.MatchString(id) || created["created_time"] != "2026-11-21T12:00:00.000Z" ||
		created["created_by"].(map[string]any)["id"] != BotID {
		t.Errorf("created page %v %v %v", id, created["created_time"], created["created_by"])
	}
	if optOf(created, "Status") != "In review" || strOf(created, "Task") != "Write the sandbox" ||
		!slices.Equal(refsOf(created, "Assignee"), []string{UserSofiaRossi}) || strOf(created, "Contact") != "qa@acmelabs.example" {
		t.Errorf("values not stored: %v", created["properties"])
	}
	due := propOf(created, "Due")["date"].(map[string]any)
	if due["start"] != "2026-12-01T09:30:00.000+00:00" || due["end"] != "2026-12-03T17:00:00.000+00:00" {
		t.Errorf("due %v", due)
	}
	if n, _ := numOf(created, "ID"); n != 151 {
		t.Errorf("unique ID %v, want the next number 151", n)
	}
	if got := propOf(created, "Follow-up")["formula"].(map[string]any)["date"].(map[string]any)["start"]; got != "2026-12-08T09:30:00.000+00:00" {
		t.Errorf("formula Follow-up %v", got)
	}

	// Retrieve, query and search see it at once.
	back := a.do("GET", "/v1/pages/"+id, nil).ok(t).body
	if strOf(back, "Task") != "Write the sandbox" {
		t.Errorf("retrieved %v", back)
	}
	found, _ := a.queryAll(DataSourceTasks, map[string]any{"filter": f("Task", "title", cond("equals", "Write the sandbox"))})
	if !slices.Equal(ids(found), []string{id}) {
		t.Errorf("query found %v", ids(found))
	}
	hits := a.do("POST", "/v1/search", map[string]any{"query": "write the SANDBOX"}).ok(t).results()
	if len(hits) != 1 || hits[0]["id"] != id {
		t.Errorf("search found %v", ids(hits))
	}
	// The dual relation and the rollups over it follow.
	proj := a.do("GET", "/v1/pages/"+project, nil).ok(t).body
	if !slices.Contains(refsOf(proj, "Tasks"), id) {
		t.Error("project does not list the new task")
	}
	if after := propOf(proj, "Hours")["rollup"].(map[string]any)["number"].(float64); after != before+12.5 {
		t.Errorf("Hours rollup %v, want %v", after, before+12.5)
	}
	if a.s.PageCount(DataSourceTasks) != 151 {
		t.Errorf("PageCount %d", a.s.PageCount(DataSourceTasks))
	}
	if stored, ok := a.s.Page(id, "2025-09-03"); !ok || stored["id"] != id {
		t.Errorf("Page helper: %v %v", ok, stored)
	}
}

func TestCreatePageDefaults(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	p := a.do("POST", "/v1/pages", inTasks(nil)).ok(t).body
	if optOf(p, "Status") != "Not started" || strOf(p, "Task") != "" || optOf(p, "Priority") != "" ||
		propOf(p, "Done")["checkbox"] != false || len(refsOf(p, "Assignee")) != 0 {
		t.Errorf("defaults %v", p["properties"])
	}
}

func TestCreatePageNewSelectOption(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	p := a.do("POST", "/v1/pages", map[string]any{
		"parent": map[string]any{"data_source_id": DataSourceReadingList},
		"properties": map[string]any{
			"Name": title("Go in Action"),
			"Tags": map[string]any{"multi_select": []any{map[string]any{"name": "go"}, map[string]any{"name": "testing"}}},
		},
	}).ok(t).body
	if !slices.Equal(optsOf(p, "Tags"), []string{"go", "testing"}) {
		t.Errorf("tags %v", optsOf(p, "Tags"))
	}
	ds := a.do("GET", "/v1/data_sources/"+DataSourceReadingList, nil).ok(t).body
	var names []string
	for _, o := range ds["properties"].(map[string]any)["Tags"].(map[string]any)["multi_select"].(map[string]any)["options"].([]any) {
		names = append(names, o.(map[string]any)["name"].(string))
	}
	if names[len(names)-1] != "testing" {
		t.Errorf("option not added to the schema: %v", names)
	}
}

func TestCreatePageValidation(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	long := strings.Repeat("x", 2001)
	tests := []struct {
		name    string
		body    map[string]any
		status  int
		code    string
		message string
	}{
		{"no parent", map[string]any{"properties": map[string]any{}}, 400, "validation_error",
			"body failed validation: body.parent should be defined, instead was `undefined`."},
		{"unknown property", inTasks(map[string]any{"Colour": richText("red")}), 400, "validation_error",
			"Colour is not a property that exists."},
		{"wrong shape", inTasks(map[string]any{"Estimate": richText("two")}), 400, "validation_error",
			"Estimate is expected to be number."},
		{"not a number", inTasks(map[string]any{"Estimate": map[string]any{"number": "2"}}), 400, "validation_error",
			"body failed validation: body.properties.Estimate.number should be a number or `null`, instead was `\"2\"`."},
		{"read-only", inTasks(map[string]any{"Overdue": map[string]any{"formula": map[string]any{"boolean": true}}}), 400, "validation_error",
			"Overdue is a formula property, which Notion computes; it cannot be set."},
		{"text too long", inTasks(map[string]any{"Task": title(long)}), 400, "validation_error",
			"body failed validation: body.properties.Task.title[0].text.content.length should be ≤ `2000`, instead was `2001`."},
		{"email too long", inTasks(map[string]any{"Contact": map[string]any{"email": strings.Repeat("e", 201)}}), 400, "validation_error",
			"body failed validation: body.properties.Contact.email.length should be ≤ `200`, instead was `201`."},
		{"unknown status", inTasks(map[string]any{"Status": map[string]any{"status": map[string]any{"name": "Someday"}}}), 400, "validation_error",
			"Invalid status option. Status option \"Someday\" does not exist for property \"Status\"."},
		{"unknown person", inTasks(map[string]any{"Assignee": map[string]any{"people": []any{map[string]any{"id": PageHome}}}}), 400, "validation_error",
			"Could not find user with ID: " + PageHome + "."},
		{"malformed person", inTasks(map[string]any{"Assignee": map[string]any{"people": []any{map[string]any{"id": "ada"}}}}), 400, "validation_error",
			"body failed validation: body.properties.Assignee.people[0].id should be a valid uuid, instead was `\"ada\"`."},
		{"relation to another data source", inTasks(map[string]any{"Project": map[string]any{"relation": []any{map[string]any{"id": seedID(DataSourceTasks, 1)}}}}), 400, "validation_error",
			"Relation \"Project\" can only point to pages of \"Projects\"; " + seedID(DataSourceTasks, 1) + " is not one of them."},
		{"bad date", inTasks(map[string]any{"Due": map[string]any{"date": map[string]any{"start": "next week"}}}), 400, "validation_error",
			"body failed validation: body.properties.Due.date.start should be a valid ISO 8601 date string, instead was `\"next week\"`."},
		{"end before start", inTasks(map[string]any{"Due": map[string]any{"date": map[string]any{"start": "2026-12-05", "end": "2026-12-01"}}}), 400, "validation_error",
			"body failed validation: body.properties.Due.date.end should be on or after `\"2026-12-05\"`, instead was `\"2026-12-01\"`."},
		{"option with a comma", inTasks(map[string]any{"Priority": map[string]any{"select": map[string]any{"name": "a, b"}}}), 400, "validation_error",
			"Option names cannot contain commas: \"a, b\"."},
		{"too many children", map[string]any{"parent": map[string]any{"page_id": PageGettingStarted}, "children": paragraphs(101)}, 400, "validation_error",
			"body failed validation: body.children.length should be ≤ `100`, instead was `101`."},
		{"unshared parent", map[string]any{"parent": map[string]any{"data_source_id": DataSourceUnshared}}, 404, "object_not_found",
			"Could not find data_source with ID: " + DataSourceUnshared + `. Make sure the relevant pages and databases are shared with your integration "notion-tui Demo".`},
		{"page parent takes only a title", map[string]any{"parent": map[string]any{"page_id": PageGettingStarted}, "properties": map[string]any{"Status": richText("x")}}, 400, "validation_error",
			"Status is not a property that exists."},
		{"database parent with two sources", map[string]any{"parent": map[string]any{"database_id": DatabaseTeamDirectory}}, 400, "validation_error",
			"Database " + DatabaseTeamDirectory + " has 2 data sources; create the page with parent.data_source_id set to one of them."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := a.do("POST", "/v1/pages", tt.body).wantError(t, tt.status, tt.code)
			if msg != tt.message {
				t.Errorf("message\n got %q\nwant %q", msg, tt.message)
			}
		})
	}
	if n := a.s.PageCount(DataSourceTasks); n != 150 {
		t.Errorf("failed creates left %d rows", n)
	}
	// The capability is checked before the body.
	a.as(TokenReadOnly, "").do("POST", "/v1/pages", "{bad json").wantError(t, 403, "restricted_resource")
}

func paragraphs(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"paragraph": richText("line")}
	}
	return out
}

func TestCreatePageParents(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	child := a.do("POST", "/v1/pages", map[string]any{
		"parent":     map[string]any{"page_id": strings.ReplaceAll(PageGettingStarted, "-", "")},
		"properties": map[string]any{"title": title("Notes")},
		"icon":       map[string]any{"emoji": "📝"},
		"children": []any{
			map[string]any{"heading_2": richText("Agenda")},
			map[string]any{"bulleted_list_item": map[string]any{
				"rich_text": []any{map[string]any{"text": map[string]any{"content": "Review"}}},
				"children":  []any{map[string]any{"to_do": map[string]any{"rich_text": []any{}, "checked": true}}},
			}},
		},
	}).ok(t).body
	if child["parent"].(map[string]any)["page_id"] != PageGettingStarted || strOf(child, "title") != "Notes" ||
		child["icon"].(map[string]any)["emoji"] != "📝" {
		t.Errorf("child page %v", child)
	}
	kids, _ := a.s.BlockChildren(PageGettingStarted, "")
	lastKid := kids[len(kids)-1]
	if lastKid["type"] != "child_page" || lastKid["id"] != child["id"] || lastKid["child_page"].(map[string]any)["title"] != "Notes" {
		t.Errorf("parent's last block %v", lastKid)
	}
	blocks := a.do("GET", "/v1/blocks/"+child["id"].(string)+"/children", nil).ok(t).results()
	if len(blocks) != 2 || blocks[1]["has_children"] != true {
		t.Fatalf("blocks %v", blocks)
	}
	nested := a.do("GET", "/v1/blocks/"+blocks[1]["id"].(string)+"/children", nil).ok(t).results()
	if len(nested) != 1 || nested[0]["to_do"].(map[string]any)["checked"] != true {
		t.Errorf("nested %v", nested)
	}

	old := a.as("", "2022-06-28")
	row := old.do("POST", "/v1/pages", map[string]any{"parent": map[string]any{"database_id": DatabaseProjects}, "properties": map[string]any{"Name": title("Old API")}}).ok(t).body
	if row["parent"].(map[string]any)["database_id"] != DatabaseProjects {
		t.Errorf("2022 row parent %v", row["parent"])
	}
	row = a.do("POST", "/v1/pages", map[string]any{"parent": map[string]any{"database_id": DatabaseProjects}}).ok(t).body
	if row["parent"].(map[string]any)["data_source_id"] != DataSourceProjects {
		t.Errorf("2025 row parent %v", row["parent"])
	}
}

func TestUpdatePage(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	task := seedID(DataSourceTasks, 10)
	from := refsOf(a.do("GET", "/v1/pages/"+task, nil).ok(t).body, "Project")
	to := seedID(DataSourceProjects, 7)
	p := a.do("PATCH", "/v1/pages/"+task, map[string]any{"properties": map[string]any{
		"Done":    map[string]any{"checkbox": true},
		"Project": map[string]any{"relation": []any{map[string]any{"id": to}}},
		"Due":     map[string]any{"date": nil},
	}}).ok(t).body
	if propOf(p, "Done")["checkbox"] != true || propOf(p, "Due")["date"] != nil || p["last_edited_time"] != "2026-11-21T12:00:00.000Z" {
		t.Errorf("updated %v", p["properties"])
	}
	if !slices.Contains(refsOf(a.do("GET", "/v1/pages/"+to, nil).ok(t).body, "Tasks"), task) {
		t.Error("new project does not list the task")
	}
	for _, old := range from {
		if slices.Contains(refsOf(a.do("GET", "/v1/pages/"+old, nil).ok(t).body, "Tasks"), task) {
			t.Error("old project still lists the task")
		}
	}

	a.do("PATCH", "/v1/pages/"+task, map[string]any{"in_trash": true}).ok(t)
	if hits := a.do("POST", "/v1/search", map[string]any{"query": strOf(p, "Task")}).ok(t).results(); slices.Contains(ids(hits), task) {
		t.Error("trashed page found by search")
	}
	msg := a.do("PATCH", "/v1/pages/"+task, map[string]any{"properties": map[string]any{"Done": map[string]any{"checkbox": false}}}).wantError(t, 400, "validation_error")
	if msg != "Can't edit block that is archived. You must unarchive the block before editing." {
		t.Errorf("message %q", msg)
	}
	restored := a.do("PATCH", "/v1/pages/"+task, map[string]any{"in_trash": false, "properties": map[string]any{"Done": map[string]any{"checkbox": false}}}).ok(t).body
	if restored["in_trash"] != false || propOf(restored, "Done")["checkbox"] != false {
		t.Errorf("restore %v", restored["in_trash"])
	}
	a.as(TokenReadOnly, "").do("PATCH", "/v1/pages/"+task, map[string]any{"in_trash": true}).wantError(t, 403, "restricted_resource")
}

func TestPropertyItems(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	platform := seedID(DataSourceProjects, 0)
	page := a.do("GET", "/v1/pages/"+platform, nil).ok(t).body
	rel := propOf(page, "Tasks")
	if n := len(rel["relation"].([]any)); n != 25 || rel["has_more"] != true {
		t.Fatalf("page lists %d related tasks, has_more %v; want 25 and true", n, rel["has_more"])
	}
	var all []string
	cursor := ""
	for {
		r := a.do("GET", "/v1/pages/"+platform+"/properties/"+rel["id"].(string)+"?page_size=10&start_cursor="+cursor, nil).ok(t)
		item := r.body["property_item"].(map[string]any)
		if r.body["type"] != "property_item" || item["type"] != "relation" || item["id"] != rel["id"] {
			t.Fatalf("list %v", r.body)
		}
		for _, it := range r.results() {
			all = append(all, it["relation"].(map[string]any)["id"].(string))
		}
		if r.body["has_more"] != true {
			if item["next_url"] != nil {
				t.Errorf("next_url on the last page: %v", item["next_url"])
			}
			break
		}
		if !strings.Contains(item["next_url"].(string), "start_cursor=") {
			t.Errorf("next_url %v", item["next_url"])
		}
		cursor = r.body["next_cursor"].(string)
	}
	tasks, _ := a.queryAll(DataSourceTasks, map[string]any{"filter": f("Project", "relation", cond("contains", platform))})
	got, want := slices.Clone(all), ids(tasks)
	slices.Sort(got)
	slices.Sort(want)
	if len(all) <= 25 || !slices.Equal(got, want) {
		t.Errorf("property items list %d tasks, the query %d", len(all), len(want))
	}

	// A property ID with URL-encoded characters, and a single item.
	ds := a.do("GET", "/v1/data_sources/"+DataSourceProjects, nil).ok(t).body
	budgetID := ds["properties"].(map[string]any)["Budget"].(map[string]any)["id"].(string)
	if !strings.Contains(budgetID, "%") {
		t.Fatalf("Budget's ID %q has nothing to encode", budgetID)
	}
	item := a.do("GET", "/v1/pages/"+platform+"/properties/"+budgetID, nil).ok(t).body
	if item["object"] != "property_item" || item["type"] != "number" || item["number"] != 180000.0 || item["id"] != budgetID {
		t.Errorf("number item %v", item)
	}
	titleItems := a.do("GET", "/v1/pages/"+platform+"/properties/title", nil).ok(t)
	if res := titleItems.results(); len(res) != 1 || res[0]["title"].(map[string]any)["plain_text"] != "Platform Reliability" {
		t.Errorf("title items %v", res)
	}
	progress := a.do("GET", "/v1/pages/"+platform+"/properties/"+propOf(page, "Progress")["id"].(string), nil).ok(t)
	summary := progress.body["property_item"].(map[string]any)["rollup"].(map[string]any)
	if summary["function"] != "percent_checked" || summary["type"] != "number" || len(progress.results()) != len(want) {
		t.Errorf("rollup items: %d results, summary %v", len(progress.results()), summary)
	}
	a.do("GET", "/v1/pages/"+platform+"/properties/nope", nil).wantError(t, 404, "object_not_found")
}

func TestAppendBlockChildren(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	before, _ := a.s.BlockChildren(PageGettingStarted, "")
	r := a.do("PATCH", "/v1/blocks/"+PageGettingStarted+"/children", map[string]any{
		"children": []any{map[string]any{"paragraph": richText("first")}, map[string]any{"divider": map[string]any{}}},
		"after":    before[0]["id"],
	}).ok(t)
	added := r.results()
	if len(added) != 2 || added[0]["paragraph"].(map[string]any)["rich_text"].([]any)[0].(map[string]any)["plain_text"] != "first" {
		t.Fatalf("added %v", added)
	}
	after, _ := a.s.BlockChildren(PageGettingStarted, "")
	if len(after) != len(before)+2 || after[1]["id"] != added[0]["id"] || after[2]["type"] != "divider" {
		t.Errorf("blocks not inserted after the first one")
	}
	start := a.as("", "2026-03-11").do("PATCH", "/v1/blocks/"+PageGettingStarted+"/children", map[string]any{
		"children": []any{map[string]any{"quote": richText("top")}},
		"position": map[string]any{"type": "start"},
	}).ok(t).results()
	if first, _ := a.s.BlockChildren(PageGettingStarted, ""); first[0]["id"] != start[0]["id"] {
		t.Error("position start did not insert first")
	}
	a.as("", "2026-03-11").do("PATCH", "/v1/blocks/"+PageGettingStarted+"/children", map[string]any{
		"children": []any{map[string]any{"quote": richText("x")}}, "after": before[0]["id"],
	}).wantError(t, 400, "validation_error")

	deep := map[string]any{"toggle": map[string]any{"rich_text": []any{}, "children": []any{
		map[string]any{"toggle": map[string]any{"rich_text": []any{}, "children": []any{
			map[string]any{"paragraph": richText("too deep")},
		}}},
	}}}
	msg := a.do("PATCH", "/v1/blocks/"+PageGettingStarted+"/children", map[string]any{"children": []any{deep}}).wantError(t, 400, "validation_error")
	if !strings.HasPrefix(msg, "body failed validation: body.children[0].toggle.children[0].toggle.children should be not present") {
		t.Errorf("message %q", msg)
	}
	long := map[string]any{"paragraph": richText(strings.Repeat("é", 2001))}
	msg = a.do("PATCH", "/v1/blocks/"+PageGettingStarted+"/children", map[string]any{"children": []any{map[string]any{"paragraph": richText("ok")}, long}}).wantError(t, 400, "validation_error")
	if msg != "body failed validation: body.children[1].paragraph.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`." {
		t.Errorf("message %q", msg)
	}
}

func TestBlockChildrenPagination(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	all, _ := a.s.BlockChildren(PageGettingStarted, "2025-09-03")
	var got []string
	cursor := ""
	for {
		r := a.do("GET", "/v1/blocks/"+PageGettingStarted+"/children?page_size=5&start_cursor="+cursor, nil).ok(t)
		if r.body["type"] != "block" {
			t.Fatalf("list type %v", r.body["type"])
		}
		got = append(got, ids(r.results())...)
		if r.body["has_more"] != true {
			break
		}
		cursor = r.body["next_cursor"].(string)
	}
	if !slices.Equal(got, ids(all)) || len(got) < 20 {
		t.Errorf("paged %d blocks, helper %d", len(got), len(all))
	}
	types := map[string]bool{}
	for _, b := range all {
		types[b["type"].(string)] = true
	}
	for _, want := range []string{"heading_1", "heading_2", "heading_3", "paragraph", "bulleted_list_item", "numbered_list_item",
		"to_do", "code", "quote", "callout", "toggle", "divider", "table_of_contents", "synced_block"} {
		if !types[want] {
			t.Errorf("Getting started has no %s block", want)
		}
	}
}

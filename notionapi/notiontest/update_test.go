package notiontest

import (
	"testing"
	"time"
)

// TestUpdatePageEveryWritableType: PATCH validates every writable type as
// create does, refuses computed ones by name, and records who edited.
func TestUpdatePageEveryWritableType(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{Now: func() time.Time { return testNow.Add(3*time.Minute + 17*time.Second) }})
	task := seedID(DataSourceTasks, 4)
	project := seedID(DataSourceProjects, 2)
	book := seedID(DataSourceReadingList, 5)
	valid := []struct {
		page, prop string
		value      map[string]any
		check      func(map[string]any) bool
	}{
		{task, "Task", title("Renamed"), func(p map[string]any) bool { return plain(p, "Task") == "Renamed" }},
		{book, "Author", richText("Someone"), func(p map[string]any) bool { return plain(p, "Author") == "Someone" }},
		{task, "Estimate", map[string]any{"number": 2.5}, func(p map[string]any) bool { return propOf(p, "Estimate")["number"] == 2.5 }},
		{task, "Priority", map[string]any{"select": map[string]any{"name": "P0 Critical"}}, func(p map[string]any) bool { return optOf(p, "Priority") == "P0 Critical" }},
		{task, "Status", map[string]any{"status": map[string]any{"name": "Blocked"}}, func(p map[string]any) bool { return optOf(p, "Status") == "Blocked" }},
		{book, "Tags", map[string]any{"multi_select": []any{map[string]any{"name": "go"}, map[string]any{"name": "new tag"}}}, func(p map[string]any) bool {
			got := optsOf(p, "Tags")
			return len(got) == 2 && got[1] == "new tag"
		}},
		{task, "Due", map[string]any{"date": map[string]any{"start": "2026-12-24T09:30:00", "time_zone": "Europe/Berlin"}}, func(p map[string]any) bool {
			d := propOf(p, "Due")["date"].(map[string]any)
			return d["start"] == "2026-12-24T09:30:00.000" && d["time_zone"] == "Europe/Berlin"
		}},
		{task, "Assignee", map[string]any{"people": []any{map[string]any{"id": UserSofiaRossi}}}, func(p map[string]any) bool {
			return len(refsOf(p, "Assignee")) == 1 && refsOf(p, "Assignee")[0] == UserSofiaRossi
		}},
		{task, "Project", map[string]any{"relation": []any{map[string]any{"id": project}}}, func(p map[string]any) bool {
			return len(refsOf(p, "Project")) == 1 && refsOf(p, "Project")[0] == project
		}},
		{task, "Done", map[string]any{"checkbox": true}, func(p map[string]any) bool { return propOf(p, "Done")["checkbox"] == true }},
		{book, "Link", map[string]any{"url": "https://example.com/book"}, func(p map[string]any) bool { return propOf(p, "Link")["url"] == "https://example.com/book" }},
		{task, "Contact", map[string]any{"email": "a@b.example"}, func(p map[string]any) bool { return propOf(p, "Contact")["email"] == "a@b.example" }},
		{task, "Phone", map[string]any{"phone_number": "+1 555 0100"}, func(p map[string]any) bool { return propOf(p, "Phone")["phone_number"] == "+1 555 0100" }},
		{book, "Cover", map[string]any{"files": []any{map[string]any{"name": "c.png", "external": map[string]any{"url": "https://example.com/c.png"}}}}, func(p map[string]any) bool {
			return len(propOf(p, "Cover")["files"].([]any)) == 1
		}},
		{task, "Estimate", map[string]any{"number": nil}, func(p map[string]any) bool { return propOf(p, "Estimate")["number"] == nil }},
	}
	for _, tt := range valid {
		p := a.as(TokenPersonal, "").do("PATCH", "/v1/pages/"+tt.page, map[string]any{"properties": map[string]any{tt.prop: tt.value}}).ok(t).body
		if !tt.check(p) {
			t.Errorf("%s: answer %v", tt.prop, propOf(p, tt.prop))
		}
		if p["last_edited_time"] != "2026-11-21T12:03:00.000Z" || p["last_edited_by"].(map[string]any)["id"] != UserMayaChen {
			t.Errorf("%s: last edited %v by %v", tt.prop, p["last_edited_time"], p["last_edited_by"])
		}
		if !tt.check(a.do("GET", "/v1/pages/"+tt.page, nil).ok(t).body) {
			t.Errorf("%s: not saved", tt.prop)
		}
	}

	invalid := []struct {
		prop    string
		value   any
		message string
	}{
		{"Estimate", map[string]any{"number": "many"}, "body failed validation: body.properties.Estimate.number should be a number or `null`, instead was `\"many\"`."},
		{"Done", map[string]any{"checkbox": "yes"}, "body failed validation: body.properties.Done.checkbox should be a boolean, instead was `\"yes\"`."},
		{"Status", map[string]any{"status": map[string]any{"name": "Someday"}}, "Invalid status option. Status option \"Someday\" does not exist for property \"Status\"."},
		{"Due", map[string]any{"checkbox": true}, "Due is expected to be date."},
		{"Overdue", map[string]any{"formula": map[string]any{"boolean": true}}, "Overdue is a formula property, which Notion computes; it cannot be set."},
		{"ID", map[string]any{"unique_id": map[string]any{"number": 3}}, "ID is a unique_id property, which Notion computes; it cannot be set."},
		{"Created", map[string]any{"created_time": "2026-01-01"}, "Created is a created_time property, which Notion computes; it cannot be set."},
		{"Created by", map[string]any{"created_by": map[string]any{"id": UserMayaChen}}, "Created by is a created_by property, which Notion computes; it cannot be set."},
		{"Last edited time", map[string]any{"last_edited_time": "2026-01-01"}, "Last edited time is a last_edited_time property, which Notion computes; it cannot be set."},
		{"Last edited by", map[string]any{"last_edited_by": map[string]any{"id": UserMayaChen}}, "Last edited by is a last_edited_by property, which Notion computes; it cannot be set."},
		{"Nope", map[string]any{"number": 1}, "Nope is not a property that exists."},
	}
	for _, tt := range invalid {
		msg := a.do("PATCH", "/v1/pages/"+task, map[string]any{"properties": map[string]any{tt.prop: tt.value}}).wantError(t, 400, "validation_error")
		if msg != tt.message {
			t.Errorf("%s\n got %q\nwant %q", tt.prop, msg, tt.message)
		}
	}
	msg := a.do("PATCH", "/v1/pages/"+project, map[string]any{"properties": map[string]any{"Progress": map[string]any{"rollup": map[string]any{"number": 1}}}}).wantError(t, 400, "validation_error")
	if msg != "Progress is a rollup property, which Notion computes; it cannot be set." {
		t.Errorf("rollup: %q", msg)
	}
}

// TestUpdatePageInTheTrash: a page in the trash takes no edit until it is
// restored; restoring may come with edits.
func TestUpdatePageInTheTrash(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	task := seedID(DataSourceTasks, 7)
	a.do("PATCH", "/v1/pages/"+task, map[string]any{"in_trash": true}).ok(t)
	for _, body := range []map[string]any{
		{"properties": map[string]any{"Done": map[string]any{"checkbox": true}}},
		{"icon": map[string]any{"emoji": "🔥"}},
		{"in_trash": true, "is_locked": true},
	} {
		msg := a.do("PATCH", "/v1/pages/"+task, body).wantError(t, 400, "validation_error")
		if msg != "Can't edit block that is archived. You must unarchive the block before editing." {
			t.Errorf("%v: %q", body, msg)
		}
	}
	// Trashing again is allowed; so is restoring with an edit.
	a.do("PATCH", "/v1/pages/"+task, map[string]any{"in_trash": true}).ok(t)
	p := a.do("PATCH", "/v1/pages/"+task, map[string]any{"in_trash": false, "icon": map[string]any{"emoji": "🔥"}}).ok(t).body
	if p["in_trash"] != false || p["icon"].(map[string]any)["emoji"] != "🔥" {
		t.Errorf("restored %v %v", p["in_trash"], p["icon"])
	}
	// Under 2025-09-03 archived still works; 2026-03-11 refuses it.
	old := a.as("", "2025-09-03").do("PATCH", "/v1/pages/"+task, map[string]any{"archived": true}).ok(t).body
	if old["archived"] != true || old["in_trash"] != true {
		t.Errorf("archived:true under 2025-09-03: %v %v", old["archived"], old["in_trash"])
	}
	restored := a.as("", "2026-03-11").do("PATCH", "/v1/pages/"+task, map[string]any{"in_trash": false}).ok(t).body
	if _, has := restored["archived"]; has || restored["in_trash"] != false {
		t.Errorf("2026-03-11 answer: %v", restored)
	}
}

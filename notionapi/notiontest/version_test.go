package notiontest

import (
	"slices"
	"testing"
)

func TestPathsDependOnVersion(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	for _, v := range []string{"2022-06-28", "2021-08-16"} {
		a.as("", v).do("GET", "/v1/data_sources/"+DataSourceTasks, nil).wantError(t, 400, "invalid_request_url")
		a.as("", v).do("POST", "/v1/data_sources/"+DataSourceTasks+"/query", nil).wantError(t, 400, "invalid_request_url")
		r := a.as("", v).do("POST", "/v1/databases/"+DatabaseTasks+"/query", map[string]any{"page_size": 2}).ok(t)
		if r.body["type"] != "page_or_database" {
			t.Errorf("%s: query list type %v", v, r.body["type"])
		}
		parent := r.results()[0]["parent"].(map[string]any)
		if parent["type"] != "database_id" || parent["database_id"] != DatabaseTasks || parent["data_source_id"] != nil {
			t.Errorf("%s: row parent %v", v, parent)
		}
	}
	for _, v := range []string{"2025-09-03", "2026-03-11"} {
		a.as("", v).do("POST", "/v1/databases/"+DatabaseTasks+"/query", nil).wantError(t, 400, "invalid_request_url")
		r := a.as("", v).do("POST", "/v1/data_sources/"+DataSourceTasks+"/query", map[string]any{"page_size": 2}).ok(t)
		if r.body["type"] != "page_or_data_source" {
			t.Errorf("%s: query list type %v", v, r.body["type"])
		}
		parent := r.results()[0]["parent"].(map[string]any)
		if parent["type"] != "data_source_id" || parent["data_source_id"] != DataSourceTasks || parent["database_id"] != DatabaseTasks {
			t.Errorf("%s: row parent %v", v, parent)
		}
	}
}

func TestDatabaseShapes(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	old := a.as("", "2022-06-28").do("GET", "/v1/databases/"+DatabaseReadingList, nil).ok(t).body
	props, ok := old["properties"].(map[string]any)
	if !ok || props["Status"] == nil || old["data_sources"] != nil || old["created_by"] == nil {
		t.Errorf("2022-06-28 database: %v", old)
	}
	status := props["Status"].(map[string]any)["status"].(map[string]any)
	if groups := status["groups"].([]any); len(groups) != 3 {
		t.Errorf("status groups %v", groups)
	}

	for _, v := range []string{"2025-09-03", "2026-03-11"} {
		db := a.as("", v).do("GET", "/v1/databases/"+DatabaseTeamDirectory, nil).ok(t).body
		if db["properties"] != nil {
			t.Errorf("%s: database has properties", v)
		}
		sources := db["data_sources"].([]any)
		if len(sources) != 2 || sources[0].(map[string]any)["id"] != DataSourceEngineering || sources[1].(map[string]any)["name"] != "Design" {
			t.Errorf("%s: data_sources %v", v, sources)
		}
		ds := a.as("", v).do("GET", "/v1/data_sources/"+DataSourceDesign, nil).ok(t).body
		if ds["object"] != "data_source" || ds["parent"].(map[string]any)["database_id"] != DatabaseTeamDirectory ||
			ds["database_parent"].(map[string]any)["page_id"] != PageHome {
			t.Errorf("%s: data source %v", v, ds)
		}
	}

	msg := a.as("", "2022-06-28").do("GET", "/v1/databases/"+DatabaseTeamDirectory, nil).wantError(t, 400, "validation_error")
	if msg == "" {
		t.Error("no message for a database with two data sources")
	}
	a.as("", "2022-06-28").do("POST", "/v1/databases/"+DatabaseTeamDirectory+"/query", nil).wantError(t, 400, "validation_error")
}

func TestArchivedFlagByVersion(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	for _, tt := range []struct {
		version string
		want    bool
	}{{"2022-06-28", true}, {"2025-09-03", true}, {"2026-03-11", false}} {
		c := a.as("", tt.version)
		objects := map[string]map[string]any{
			"page":  c.do("GET", "/v1/pages/"+PageGettingStarted, nil).ok(t).body,
			"block": c.do("GET", "/v1/blocks/"+PageGettingStarted+"/children?page_size=1", nil).ok(t).results()[0],
		}
		if tt.version == "2022-06-28" {
			objects["database"] = c.do("GET", "/v1/databases/"+DatabaseTasks, nil).ok(t).body
		} else {
			objects["data source"] = c.do("GET", "/v1/data_sources/"+DataSourceTasks, nil).ok(t).body
		}
		for name, o := range objects {
			if _, has := o["archived"]; has != tt.want {
				t.Errorf("%s %s: archived present = %v", tt.version, name, has)
			}
			if o["in_trash"] != false {
				t.Errorf("%s %s: in_trash = %v", tt.version, name, o["in_trash"])
			}
		}
	}
	body := map[string]any{"archived": true}
	msg := a.as("", "2026-03-11").do("PATCH", "/v1/pages/"+PageGettingStarted, body).wantError(t, 400, "validation_error")
	if msg != "body failed validation: body.archived should be not present, instead was `true`." {
		t.Errorf("message %q", msg)
	}
	a.as("", "2026-03-11").do("POST", "/v1/data_sources/"+DataSourceTasks+"/query", body).wantError(t, 400, "validation_error")
	page := a.as("", "2025-09-03").do("PATCH", "/v1/pages/"+PageGettingStarted, body).ok(t).body
	if page["in_trash"] != true || page["archived"] != true {
		t.Errorf("archived:true did not trash the page: %v %v", page["in_trash"], page["archived"])
	}
}

func TestSearchByVersion(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	objects := func(r *response) map[string][]string {
		out := map[string][]string{}
		for _, o := range r.results() {
			out[o["object"].(string)] = append(out[o["object"].(string)], o["id"].(string))
		}
		return out
	}

	newer := a.do("POST", "/v1/search", map[string]any{"filter": map[string]any{"property": "object", "value": "data_source"}}).ok(t)
	if newer.body["type"] != "page_or_data_source" {
		t.Errorf("list type %v", newer.body["type"])
	}
	got := objects(newer)["data_source"]
	want := []string{DataSourceReadingList, DataSourceTasks, DataSourceProjects, DataSourceEventLog, DataSourceEngineering, DataSourceDesign, DataSourceWiki, DataSourceRunbooks}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || len(objects(newer)) != 1 {
		t.Errorf("data sources found %v, want %v", got, want)
	}

	older := a.as("", "2022-06-28").do("POST", "/v1/search", map[string]any{"filter": map[string]any{"property": "object", "value": "database"}}).ok(t)
	if older.body["type"] != "page_or_database" {
		t.Errorf("list type %v", older.body["type"])
	}
	got = objects(older)["database"]
	want = []string{DatabaseReadingList, DatabaseTasks, DatabaseProjects, DatabaseEventLog, DatabaseWiki, DatabaseRunbooks}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("databases found %v, want %v (no multi-source or unshared ones)", got, want)
	}

	msg := a.do("POST", "/v1/search", map[string]any{"filter": map[string]any{"property": "object", "value": "database"}}).wantError(t, 400, "validation_error")
	if msg != "body failed validation: body.filter.value should be \"page\" or \"data_source\", instead was `\"database\"`." {
		t.Errorf("message %q", msg)
	}
	msg = a.as("", "2022-06-28").do("POST", "/v1/search", map[string]any{"filter": map[string]any{"property": "object", "value": "data_source"}}).wantError(t, 400, "validation_error")
	if msg != "body failed validation: body.filter.value should be \"page\" or \"database\", instead was `\"data_source\"`." {
		t.Errorf("message %q", msg)
	}
}

// TestBlockTextKeyBefore2022: the 2021 versions call a block's rich text
// "text", in answers and requests.
func TestBlockTextKeyBefore2022(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	for _, tt := range []struct{ version, key, other string }{{"2021-08-16", "text", "rich_text"}, {"2022-02-22", "rich_text", "text"}} {
		c := a.as("", tt.version)
		first := c.do("GET", "/v1/blocks/"+PageGettingStarted+"/children?page_size=1", nil).ok(t).results()[0]
		callout := first["callout"].(map[string]any)
		if _, has := callout[tt.key]; !has {
			t.Errorf("%s: callout %v has no %s", tt.version, callout, tt.key)
		}
		if _, has := callout[tt.other]; has {
			t.Errorf("%s: callout has %s", tt.version, tt.other)
		}
		added := c.do("PATCH", "/v1/blocks/"+PageGettingStarted+"/children", map[string]any{"children": []any{
			map[string]any{"paragraph": map[string]any{tt.key: []any{map[string]any{"text": map[string]any{"content": "hi " + tt.version}}}}},
		}}).ok(t).results()[0]
		if text := added["paragraph"].(map[string]any)[tt.key].([]any); len(text) != 1 {
			t.Errorf("%s: appended paragraph %v", tt.version, added)
		}
	}
}

package notiontest

import (
	"slices"
	"testing"
)

func TestSearchByVersion(t *testing.T) {
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
	want := []string{DataSourceReadingList, DataSourceTasks, DataSourceProjects, DataSourceEventLog, DataSourceEngineering, DataSourceDesign}
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
	want = []string{DatabaseReadingList, DatabaseTasks, DatabaseProjects, DatabaseEventLog}
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

package notiontest

import (
	"slices"
	"testing"
)

// TestWikiQueryAnswersDataSources: a wiki's data source query answers the
// data sources of the databases inside it beside its pages, unless
// result_type asks for one kind.
func TestWikiQueryAnswersDataSources(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	kinds := func(rows []map[string]any) (pages, sources []string) {
		for _, r := range rows {
			if r["object"] == "data_source" {
				sources = append(sources, r["id"].(string))
			} else {
				pages = append(pages, r["id"].(string))
			}
		}
		return pages, sources
	}
	all, _ := a.queryAll(DataSourceWiki, map[string]any{})
	pages, sources := kinds(all)
	if len(pages) != 6 || !slices.Equal(sources, []string{DataSourceRunbooks}) {
		t.Fatalf("wiki query: %d pages, data sources %v", len(pages), sources)
	}
	for _, r := range all {
		if r["object"] == "data_source" {
			if r["parent"].(map[string]any)["database_id"] != DatabaseRunbooks || r["database_parent"].(map[string]any)["database_id"] != DatabaseWiki {
				t.Errorf("the data source inside the wiki: %v", r)
			}
		}
	}
	only, _ := a.queryAll(DataSourceWiki, map[string]any{"result_type": "page"})
	if p, s := kinds(only); len(p) != 6 || len(s) != 0 {
		t.Errorf("result_type page: %d pages, %v", len(p), s)
	}
	dss, _ := a.queryAll(DataSourceWiki, map[string]any{"result_type": "data_source"})
	if p, s := kinds(dss); len(p) != 0 || len(s) != 1 {
		t.Errorf("result_type data_source: %v, %v", p, s)
	}
	// A property filter matches pages only; a timestamp filter both.
	tagged, _ := a.queryAll(DataSourceWiki, map[string]any{"filter": map[string]any{"property": "Tags", "multi_select": map[string]any{"is_empty": true}}})
	if p, s := kinds(tagged); len(p) != 1 || len(s) != 0 {
		t.Errorf("Tags is empty: %v, %v", p, s)
	}
	recent, _ := a.queryAll(DataSourceWiki, map[string]any{"filter": map[string]any{"timestamp": "created_time", "created_time": map[string]any{"on_or_after": "2026-01-01"}}})
	if _, s := kinds(recent); len(s) != 1 {
		t.Errorf("created_time window: data sources %v", s)
	}
	// Sorted by a property, the data source (which has none) comes last.
	sorted, _ := a.queryAll(DataSourceWiki, map[string]any{"sorts": []any{map[string]any{"property": "Page", "direction": "descending"}}})
	if sorted[len(sorted)-1]["object"] != "data_source" {
		t.Errorf("sorted: last is %v", sorted[len(sorted)-1]["object"])
	}
	// Before 2025-09-03 there are no data sources: pages only.
	old := a.as("", "2022-06-28").do("POST", "/v1/databases/"+DatabaseWiki+"/query", nil).ok(t).results()
	if p, s := kinds(old); len(p) != 6 || len(s) != 0 {
		t.Errorf("2022-06-28: %d pages, %v", len(p), s)
	}
	msg := a.do("POST", "/v1/data_sources/"+DataSourceWiki+"/query", map[string]any{"result_type": "database"}).wantError(t, 400, "validation_error")
	if msg != "body failed validation: body.result_type should be `page` or `data_source`, instead was `\"database\"`." {
		t.Errorf("message %q", msg)
	}
}

package notiontest

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestViews(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	listed := a.do("GET", "/v1/views?database_id="+DatabaseTasks, nil).ok(t)
	refs := listed.results()
	if listed.body["type"] != "view" || !slices.Equal(ids(refs), []string{ViewTasksAll, ViewTasksOpen, ViewTasksBoard}) {
		t.Fatalf("views of Tasks: %v", listed.body)
	}
	if len(refs[0]) != 2 || refs[0]["object"] != "view" {
		t.Errorf("a listed view is %v, want {object, id}", refs[0])
	}
	byDS := a.do("GET", "/v1/views?data_source_id="+DataSourceDesign, nil).ok(t).results()
	if len(byDS) != 1 {
		t.Errorf("views of the Design data source: %v", byDS)
	}

	open := a.do("GET", "/v1/views/"+ViewTasksOpen, nil).ok(t).body
	cfg := open["configuration"].(map[string]any)
	props := cfg["properties"].([]any)
	first := props[0].(map[string]any)
	last := props[len(props)-1].(map[string]any)
	if open["type"] != "table" || open["name"] != "Open work" || open["data_source_id"] != DataSourceTasks ||
		open["parent"].(map[string]any)["database_id"] != DatabaseTasks || cfg["frozen_column_index"] != 0.0 ||
		first["property_name"] != "Task" || first["visible"] != true || last["visible"] != false || len(props) != len(a.s.st.dss[DataSourceTasks].props) {
		t.Errorf("Open work: %v", open)
	}
	if open["url"] != "https://www.notion.so/Tasks-8726b5e925014b8c93e8619e8d929943?v=6b0d549b6f03475a9600a35a099950d8" {
		t.Errorf("url %v", open["url"])
	}
	if f := open["filter"].(map[string]any); len(f["and"].([]any)) != 2 || len(open["sorts"].([]any)) != 2 {
		t.Errorf("filter %v sorts %v", open["filter"], open["sorts"])
	}
	board := a.do("GET", "/v1/views/"+ViewTasksBoard, nil).ok(t).body
	group := board["configuration"].(map[string]any)["group_by"].(map[string]any)
	if board["type"] != "board" || group["type"] != "status" || group["property_name"] != "Status" || group["group_by"] != "group" {
		t.Errorf("board: %v", board)
	}

	runChecks(t, a, []check{
		{"a database or data source is needed", "", "", "GET", "/v1/views", nil, 400, "validation_error",
			"query failed validation: query.database_id or query.data_source_id should be defined, instead was `undefined`."},
		{"unshared database", "", "", "GET", "/v1/views?database_id=" + DatabaseUnshared, nil, 404, "object_not_found",
			"Could not find database with ID: " + DatabaseUnshared + `. Make sure the relevant pages and databases are shared with your integration "notion-tui Demo".`},
		{"unknown view", "", "", "GET", "/v1/views/" + PageHome, nil, 404, "object_not_found",
			"Could not find view with ID: " + PageHome + `. Make sure the relevant pages and databases are shared with your integration "notion-tui Demo".`},
		{"no views before 2025-09-03", "", "2022-06-28", "GET", "/v1/views/" + ViewTasksOpen, nil, 400, "invalid_request_url", "Invalid request URL."},
		{"no content", TokenNoContent, "", "GET", "/v1/views/" + ViewTasksOpen, nil, 403, "restricted_resource", "Insufficient permissions for this endpoint."},
	})
}

func TestViewQueries(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := testNow
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	a := newAPI(t, Options{Now: clock})

	// The view's rows: its filter and sorts over the data source.
	want, _ := a.queryAll(DataSourceTasks, map[string]any{
		"filter": a.s.st.viewByID[ViewTasksOpen].filter,
		"sorts":  a.s.st.viewByID[ViewTasksOpen].sorts,
	})
	q := a.do("POST", "/v1/views/"+ViewTasksOpen+"/queries", map[string]any{"page_size": 10}).ok(t).body
	if q["object"] != "view_query" || q["view_id"] != ViewTasksOpen || q["total_count"] != float64(len(want)) ||
		q["expires_at"] != "2026-11-21T12:15:00.000Z" || q["has_more"] != true || q["request_status"] != nil {
		t.Fatalf("view query: %v", q)
	}
	var got []string
	for _, r := range q["results"].([]any) {
		got = append(got, r.(map[string]any)["id"].(string))
	}
	path := "/v1/views/" + ViewTasksOpen + "/queries/" + q["id"].(string)
	cursor := q["next_cursor"].(string)
	for cursor != "" {
		r := a.do("GET", path+"?page_size=10&start_cursor="+cursor, nil).ok(t)
		if r.body["type"] != "page" {
			t.Fatalf("results list type %v", r.body["type"])
		}
		got = append(got, ids(r.results())...)
		cursor, _ = r.body["next_cursor"].(string)
	}
	if !slices.Equal(got, ids(want)) {
		t.Errorf("view query rows differ from the data source query with the view's filter and sorts")
	}

	// The result is cached: a row edited since is still listed.
	row := want[0]["id"].(string)
	a.do("PATCH", "/v1/pages/"+row, map[string]any{"properties": map[string]any{"Done": map[string]any{"checkbox": true}}}).ok(t)
	if again := a.do("GET", path, nil).ok(t).results(); again[0]["id"] != row {
		t.Errorf("the cached result changed after a write")
	}
	// After 15 minutes it is gone.
	advance(15 * time.Minute)
	a.do("GET", path, nil).wantError(t, 404, "object_not_found")
	// Deleting is idempotent.
	for range 2 {
		d := a.do("DELETE", path, nil).ok(t).body
		if d["object"] != "view_query" || d["deleted"] != true || d["id"] != q["id"] {
			t.Errorf("delete: %v", d)
		}
	}
	q2 := a.do("POST", "/v1/views/"+ViewTasksOpen+"/queries", nil).ok(t).body
	a.do("DELETE", "/v1/views/"+ViewTasksOpen+"/queries/"+q2["id"].(string), nil).ok(t)
	a.do("GET", "/v1/views/"+ViewTasksOpen+"/queries/"+q2["id"].(string), nil).wantError(t, 404, "object_not_found")
	if msg := a.do("POST", "/v1/views/"+ViewTasksOpen+"/queries", map[string]any{"page_size": 101}).wantError(t, 400, "validation_error"); !strings.Contains(msg, "≤ `100`") {
		t.Errorf("page_size 101: %q", msg)
	}
}

// TestViewQueryCap: a view query caches at most the cap, says so on every
// page, and its total_count is the truncated size.
func TestViewQueryCap(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{Rows: 300, ResultCap: 120})
	q := a.do("POST", "/v1/views/"+ViewEventLogAll+"/queries", map[string]any{"page_size": 100}).ok(t).body
	status, _ := q["request_status"].(map[string]any)
	if q["total_count"] != 120.0 || status["type"] != "incomplete" || status["incomplete_reason"] != "query_result_limit_reached" {
		t.Fatalf("capped view query: %v", q)
	}
	rest := a.do("GET", "/v1/views/"+ViewEventLogAll+"/queries/"+q["id"].(string)+"?start_cursor="+q["next_cursor"].(string), nil).ok(t)
	if len(rest.results()) != 20 || rest.body["has_more"] != false || rest.body["request_status"] == nil {
		t.Errorf("last page of a capped view query: %v", rest.body)
	}
}

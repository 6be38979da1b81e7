package notiontest

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestQueryPagination(t *testing.T) {
	a := newAPI(t, Options{})
	all, last := a.queryAll(DataSourceReadingList, map[string]any{})
	if len(all) != a.s.PageCount(DataSourceReadingList) || last.body["next_cursor"] != nil {
		t.Fatalf("%d rows, next_cursor %v", len(all), last.body["next_cursor"])
	}
	status := last.body["request_status"].(map[string]any)
	if status["type"] != "complete" {
		t.Errorf("request_status %v", status)
	}
	for _, size := range []int{1, 7, 60, 100} {
		got, _ := a.queryAll(DataSourceReadingList, map[string]any{"page_size": size})
		if !slices.Equal(ids(got), ids(all)) {
			t.Errorf("page_size %d: rows differ from one page", size)
		}
	}
	r := a.do("POST", "/v1/data_sources/"+DataSourceReadingList+"/query", map[string]any{"page_size": 7}).ok(t)
	if next := r.body["next_cursor"]; next != all[7]["id"] || r.body["has_more"] != true {
		t.Errorf("next_cursor %v, want the ID of the 8th row %v", next, all[7]["id"])
	}
	msg := a.do("POST", "/v1/data_sources/"+DataSourceReadingList+"/query", map[string]any{"start_cursor": "nope"}).wantError(t, 400, "validation_error")
	if msg != "The start_cursor provided is invalid: nope" {
		t.Errorf("message %q", msg)
	}
}

func TestDefaultOrderIsNewestFirst(t *testing.T) {
	a := newAPI(t, Options{})
	rows, _ := a.queryAll(DataSourceTasks, map[string]any{})
	if !slices.IsSortedFunc(rows, func(x, y map[string]any) int {
		return strings.Compare(y["created_time"].(string), x["created_time"].(string))
	}) {
		t.Error("rows without sorts are not newest first")
	}
}

func TestSorts(t *testing.T) {
	a := newAPI(t, Options{})
	rank := func(r map[string]any, name string, order []string) int {
		return slices.Index(order, optOf(r, name))
	}
	stars := []string{"★", "★★", "★★★", "★★★★", "★★★★★"}
	tests := []struct {
		name  string
		ds    string
		sorts []any
		// cmp orders two rows as the sorts should; empty values are
		// handled by empty.
		cmp   func(x, y map[string]any) int
		empty func(r map[string]any) bool
	}{
		{"number ascending", DataSourceReadingList, []any{map[string]any{"property": "Pages", "direction": "ascending"}},
			func(x, y map[string]any) int {
				a, _ := numOf(x, "Pages")
				b, _ := numOf(y, "Pages")
				return cmp.Compare(a, b)
			}, nil},
		{"title descending ignores case", DataSourceReadingList, []any{map[string]any{"property": "Name", "direction": "descending"}},
			func(x, y map[string]any) int {
				return strings.Compare(strings.ToLower(strOf(y, "Name")), strings.ToLower(strOf(x, "Name")))
			}, nil},
		{"select by option order, empty last", DataSourceReadingList, []any{map[string]any{"property": "Rating", "direction": "ascending"}},
			func(x, y map[string]any) int { return cmp.Compare(rank(x, "Rating", stars), rank(y, "Rating", stars)) },
			func(r map[string]any) bool { return optOf(r, "Rating") == "" }},
		{"select descending, empty still last", DataSourceReadingList, []any{map[string]any{"property": "Rating", "direction": "descending"}},
			func(x, y map[string]any) int { return cmp.Compare(rank(y, "Rating", stars), rank(x, "Rating", stars)) },
			func(r map[string]any) bool { return optOf(r, "Rating") == "" }},
		{"date ascending", DataSourceTasks, []any{map[string]any{"property": "Due", "direction": "ascending"}},
			func(x, y map[string]any) int {
				a, _ := startOf(x, "Due")
				b, _ := startOf(y, "Due")
				return a.Compare(b)
			},
			func(r map[string]any) bool { _, ok := startOf(r, "Due"); return !ok }},
		{"status then number", DataSourceTasks, []any{
			map[string]any{"property": "Status", "direction": "ascending"},
			map[string]any{"property": "Estimate", "direction": "descending"},
		}, func(x, y map[string]any) int {
			order := []string{"Not started", "In progress", "In review", "Blocked", "Done"}
			if c := cmp.Compare(rank(x, "Status", order), rank(y, "Status", order)); c != 0 {
				return c
			}
			a, _ := numOf(x, "Estimate")
			b, _ := numOf(y, "Estimate")
			return cmp.Compare(b, a)
		}, nil},
		{"unique_id descending", DataSourceTasks, []any{map[string]any{"property": "ID", "direction": "descending"}},
			func(x, y map[string]any) int {
				a, _ := numOf(x, "ID")
				b, _ := numOf(y, "ID")
				return cmp.Compare(b, a)
			}, nil},
		{"rollup number", DataSourceProjects, []any{map[string]any{"property": "Hours", "direction": "ascending"}},
			func(x, y map[string]any) int {
				a := propOf(x, "Hours")["rollup"].(map[string]any)["number"].(float64)
				b := propOf(y, "Hours")["rollup"].(map[string]any)["number"].(float64)
				return cmp.Compare(a, b)
			}, nil},
		{"timestamp", DataSourceTasks, []any{map[string]any{"timestamp": "last_edited_time", "direction": "ascending"}},
			func(x, y map[string]any) int {
				return strings.Compare(x["last_edited_time"].(string), y["last_edited_time"].(string))
			}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, _ := a.queryAll(tt.ds, map[string]any{"sorts": tt.sorts, "page_size": 50})
			if len(rows) != a.s.PageCount(tt.ds) {
				t.Fatalf("%d rows", len(rows))
			}
			seenEmpty := false
			for i, r := range rows {
				if tt.empty != nil && tt.empty(r) {
					seenEmpty = true
					continue
				}
				if seenEmpty {
					t.Fatalf("row %d has a value after an empty one", i)
				}
				if i > 0 && tt.cmp(rows[i-1], r) > 0 {
					t.Fatalf("rows %d and %d are out of order", i-1, i)
				}
			}
			if tt.empty != nil && !seenEmpty {
				t.Error("no empty values to check")
			}
		})
	}

	for _, tt := range []struct {
		sorts   any
		message string
	}{
		{[]any{map[string]any{"property": "Nope", "direction": "ascending"}}, "Could not find sort property with name or id: Nope"},
		{[]any{map[string]any{"property": "Pages", "direction": "up"}}, "body failed validation: body.sorts[0].direction should be `ascending` or `descending`, instead was `\"up\"`."},
		{map[string]any{"property": "Pages"}, "body failed validation: body.sorts should be an array, instead was `{\"property\":\"Pages\"}`."},
	} {
		msg := a.do("POST", "/v1/data_sources/"+DataSourceReadingList+"/query", map[string]any{"sorts": tt.sorts}).wantError(t, 400, "validation_error")
		if msg != tt.message {
			t.Errorf("message\n got %q\nwant %q", msg, tt.message)
		}
	}
}

func TestQueryResultCap(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 12,000 rows")
	}
	a := newAPI(t, Options{Rows: 12000})
	rows, last := a.queryAll(DataSourceEventLog, map[string]any{})
	if len(rows) != queryResultCap {
		t.Fatalf("a cursor chain returned %d rows, want the cap of 10000", len(rows))
	}
	status := last.body["request_status"].(map[string]any)
	if last.body["has_more"] != false || last.body["next_cursor"] != nil ||
		status["type"] != "incomplete" || status["incomplete_reason"] != "query_result_limit_reached" {
		t.Errorf("last page: has_more %v next_cursor %v request_status %v", last.body["has_more"], last.body["next_cursor"], status)
	}
	// A page that stops short of the cap is complete.
	r := a.do("POST", "/v1/data_sources/"+DataSourceEventLog+"/query", map[string]any{"start_cursor": rows[9800]["id"]}).ok(t)
	if r.body["request_status"].(map[string]any)["type"] != "complete" || r.body["has_more"] != true {
		t.Errorf("page before the cap: %v %v", r.body["request_status"], r.body["has_more"])
	}

	// Reading past the cap by created_time windows, as the SDK's
	// iterateAllDataSourceRows does, yields every row exactly once.
	seen := map[string]bool{}
	window := ""
	for windows := 1; ; windows++ {
		body := map[string]any{"sorts": []any{map[string]any{"timestamp": "created_time", "direction": "ascending"}}}
		if window != "" {
			body["filter"] = map[string]any{"timestamp": "created_time", "created_time": map[string]any{"on_or_after": window}}
		}
		rows, last := a.queryAll(DataSourceEventLog, body)
		for _, row := range rows {
			seen[row["id"].(string)] = true
		}
		if last.body["request_status"].(map[string]any)["type"] == "complete" {
			if windows != 2 {
				t.Errorf("read in %d windows, want 2", windows)
			}
			break
		}
		next := rows[len(rows)-1]["created_time"].(string)
		if next == window {
			t.Fatal("window cannot advance")
		}
		window = next
	}
	if len(seen) != 12000 || a.s.PageCount(DataSourceEventLog) != 12000 {
		t.Errorf("windows saw %d distinct rows of %d", len(seen), a.s.PageCount(DataSourceEventLog))
	}
}

func TestEventLogTimesAreDistinct(t *testing.T) {
	s := New(Options{Rows: 12000, Empty: false})
	ds := s.st.dss[DataSourceEventLog]
	seen := map[time.Time]bool{}
	first, last := ds.rows[0].created, ds.rows[len(ds.rows)-1].created
	for _, r := range ds.rows {
		if seen[r.created] || r.created.Nanosecond()%int(time.Millisecond) != 0 {
			t.Fatalf("created_time %v repeats or is finer than a millisecond", r.created)
		}
		seen[r.created] = true
	}
	if span := last.Sub(first); span < 360*24*time.Hour || !last.Before(seedBase) {
		t.Errorf("rows span %v, from %v to %v", span, first, last)
	}
}

func TestQueryInTrash(t *testing.T) {
	a := newAPI(t, Options{})
	victim := seedID(DataSourceReadingList, 3)
	a.do("PATCH", "/v1/pages/"+victim, map[string]any{"in_trash": true}).ok(t)
	live, _ := a.queryAll(DataSourceReadingList, map[string]any{})
	if slices.Contains(ids(live), victim) || len(live) != a.s.PageCount(DataSourceReadingList) {
		t.Error("trashed row still listed")
	}
	trashed, _ := a.queryAll(DataSourceReadingList, map[string]any{"in_trash": true})
	if !slices.Equal(ids(trashed), []string{victim}) {
		t.Errorf("in_trash query returned %v", ids(trashed))
	}
}

func TestFilterProperties(t *testing.T) {
	a := newAPI(t, Options{})
	r := a.do("POST", "/v1/data_sources/"+DataSourceTasks+"/query?filter_properties=title&filter_properties=Priority", map[string]any{"page_size": 1}).ok(t)
	props := r.results()[0]["properties"].(map[string]any)
	if len(props) != 2 || props["Task"] == nil || props["Priority"] == nil {
		t.Errorf("properties %v", props)
	}
	a.do("GET", "/v1/pages/"+seedID(DataSourceTasks, 0)+"?filter_properties=Nope", nil).wantError(t, 400, "validation_error")
}

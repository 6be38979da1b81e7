package notiontest

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestQueryPagination(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	all, last := a.queryAll(DataSourceReadingList, map[string]any{})
	if len(all) != a.s.PageCount(DataSourceReadingList) || last.body["next_cursor"] != nil {
		t.Fatalf("%d rows, next_cursor %v", len(all), last.body["next_cursor"])
	}
	if status, ok := last.body["request_status"]; ok {
		t.Errorf("an ordinary page carries request_status %v", status)
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
	t.Parallel()
	a := newAPI(t, Options{})
	rows, _ := a.queryAll(DataSourceTasks, map[string]any{})
	if !slices.IsSortedFunc(rows, func(x, y map[string]any) int {
		return strings.Compare(y["created_time"].(string), x["created_time"].(string))
	}) {
		t.Error("rows without sorts are not newest first")
	}
}

func TestSorts(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	const rows, capped = 500, 120
	a := newAPI(t, Options{Rows: rows, ResultCap: capped, ImportBatch: 40})
	incomplete := func(r *response) bool {
		st, _ := r.body["request_status"].(map[string]any)
		return st["type"] == "incomplete" && st["incomplete_reason"] == "query_result_limit_reached"
	}
	// Every page of a capped chain says so; the last has no more.
	var got []map[string]any
	cursor := ""
	for {
		body := map[string]any{"page_size": 50}
		if cursor != "" {
			body["start_cursor"] = cursor
		}
		r := a.do("POST", "/v1/data_sources/"+DataSourceEventLog+"/query", body).ok(t)
		if !incomplete(r) {
			t.Fatalf("page %d of a capped result: request_status %v", len(got)/50, r.body["request_status"])
		}
		got = append(got, r.results()...)
		if r.body["has_more"] != true {
			if r.body["next_cursor"] != nil {
				t.Errorf("last page: next_cursor %v", r.body["next_cursor"])
			}
			break
		}
		cursor = r.body["next_cursor"].(string)
	}
	if len(got) != capped {
		t.Fatalf("a cursor chain returned %d rows, want the cap of %d", len(got), capped)
	}
	// A query whose matches fit under the cap is ordinary.
	small, last := a.queryAll(DataSourceEventLog, map[string]any{"filter": map[string]any{"property": "Level", "select": map[string]any{"equals": "error"}}})
	if len(small) == 0 || len(small) >= capped || last.body["request_status"] != nil {
		t.Errorf("%d error rows, request_status %v", len(small), last.body["request_status"])
	}

	// Reading past the cap by created_time windows, as the SDK's
	// iterateAllDataSourceRows does, yields every row; rows of the same
	// minute come again in the next window and are counted once.
	seen := map[string]bool{}
	window := ""
	for windows := 1; ; windows++ {
		body := map[string]any{"sorts": []any{map[string]any{"timestamp": "created_time", "direction": "ascending"}}}
		if window != "" {
			body["filter"] = map[string]any{"timestamp": "created_time", "created_time": map[string]any{"on_or_after": window}}
		}
		page, last := a.queryAll(DataSourceEventLog, body)
		for _, row := range page {
			seen[row["id"].(string)] = true
		}
		if !incomplete(last) {
			break
		}
		next := page[len(page)-1]["created_time"].(string)
		if next == window || windows > rows {
			t.Fatal("window cannot advance")
		}
		window = next
	}
	if len(seen) != rows {
		t.Errorf("windows saw %d distinct rows of %d", len(seen), rows)
	}
}

// TestTimestampsAreWholeMinutes: Notion rounds the created_time and
// last_edited_time of pages down to the minute, and a bulk import puts
// many rows in one minute.
func TestTimestampsAreWholeMinutes(t *testing.T) {
	t.Parallel()
	s := New(Options{Rows: 3000})
	ds := s.st.dss[DataSourceEventLog]
	perMinute := map[time.Time]int{}
	editedLater := 0
	for _, r := range ds.rows {
		if !r.created.Equal(r.created.Truncate(time.Minute)) || !r.edited.Equal(r.edited.Truncate(time.Minute)) {
			t.Fatalf("row %s: created %v edited %v, not whole minutes", r.id, r.created, r.edited)
		}
		perMinute[r.created]++
		if r.edited.After(r.created) {
			editedLater++
		}
	}
	most := 0
	for _, n := range perMinute {
		most = max(most, n)
	}
	if most < 20 || len(perMinute) > 3000/20 {
		t.Errorf("%d minutes for 3000 rows, at most %d rows in one: not imported in batches", len(perMinute), most)
	}
	if editedLater < 500 || editedLater > 1500 {
		t.Errorf("%d of 3000 rows edited after their import", editedLater)
	}
	first, last := ds.rows[0].created, ds.rows[len(ds.rows)-1].created
	if span := last.Sub(first); span < 330*24*time.Hour || !last.Before(seedBase) {
		t.Errorf("rows span %v, from %v to %v", span, first, last)
	}

	one := New(Options{Rows: 700, ImportBatch: 700}).st.dss[DataSourceEventLog].rows
	for _, r := range one {
		if !r.created.Equal(one[0].created) {
			t.Fatalf("ImportBatch = Rows: created %v and %v", one[0].created, r.created)
		}
	}

	a := newAPI(t, Options{Now: func() time.Time { return testNow.Add(42*time.Second + 7*time.Millisecond) }})
	created := a.do("POST", "/v1/pages", inTasks(map[string]any{"Task": title("Minute")})).ok(t).body
	if created["created_time"] != "2026-11-21T12:00:00.000Z" || created["last_edited_time"] != "2026-11-21T12:00:00.000Z" {
		t.Errorf("a page created at 12:00:42.007 says %v / %v", created["created_time"], created["last_edited_time"])
	}
}

func TestQueryInTrash(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	a := newAPI(t, Options{})
	r := a.do("POST", "/v1/data_sources/"+DataSourceTasks+"/query?filter_properties=title&filter_properties=Priority", map[string]any{"page_size": 1}).ok(t)
	props := r.results()[0]["properties"].(map[string]any)
	if len(props) != 2 || props["Task"] == nil || props["Priority"] == nil {
		t.Errorf("properties %v", props)
	}
	a.do("GET", "/v1/pages/"+seedID(DataSourceTasks, 0)+"?filter_properties=Nope", nil).wantError(t, 400, "validation_error")
}

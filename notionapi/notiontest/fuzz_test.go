package notiontest

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

// fuzzServe sends body and checks the answer is a success or a Notion
// error of the client's making, in valid JSON.
func fuzzServe(t *testing.T, s *Server, method, path, body string) {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+TokenFull)
	req.Header.Set("Notion-Version", "2025-09-03")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var answer map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
		t.Fatalf("answer is not JSON: %v\n%s", err, rec.Body)
	}
	switch rec.Code {
	case 200:
	case 400, 404:
		if answer["object"] != "error" || answer["message"] == "" {
			t.Fatalf("error answer %s", rec.Body)
		}
	default:
		t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
	}
}

func FuzzQuery(f *testing.F) {
	for _, seed := range []string{
		``,
		`{"page_size":3}`,
		`{"filter":{"property":"Estimate","number":{"greater_than":2}},"sorts":[{"property":"Due","direction":"ascending"}]}`,
		`{"filter":{"or":[{"property":"Task","title":{"contains":"fix"}},{"and":[{"property":"Done","checkbox":{"equals":true}}]}]}}`,
		`{"filter":{"timestamp":"created_time","created_time":{"past_week":{}}}}`,
		`{"filter":{"property":"Due","date":{"on_or_after":"one_week_ago"}},"start_cursor":"x"}`,
		`{"filter":{"property":"Overdue","formula":{"checkbox":{"equals":true}}}}`,
		`{"filter":{"property":"Assignee","people":{"contains":"me"}}}`,
	} {
		f.Add(seed)
	}
	s := New(Options{Rows: 50, Now: fixedClock})
	f.Fuzz(func(t *testing.T, body string) {
		fuzzServe(t, s, "POST", "/v1/data_sources/"+DataSourceTasks+"/query", body)
		fuzzServe(t, s, "POST", "/v1/data_sources/"+DataSourceProjects+"/query", body)
	})
}

func FuzzCreatePage(f *testing.F) {
	for _, seed := range []string{
		`{"parent":{"data_source_id":"` + DataSourceTasks + `"},"properties":{"Task":{"title":[{"text":{"content":"x"}}]}}}`,
		`{"parent":{"data_source_id":"` + DataSourceReadingList + `"},"properties":{"Tags":{"multi_select":[{"name":"new"}]},"Finished":{"date":{"start":"2026-01-01","end":"2026-01-02"}}}}`,
		`{"parent":{"page_id":"` + PageGettingStarted + `"},"children":[{"paragraph":{"rich_text":[{"text":{"content":"hi","link":{"url":"https://x"}},"annotations":{"bold":true}}]}}]}`,
		`{"parent":{"database_id":"` + DatabaseTasks + `"},"properties":{"Due":{"date":{"start":"2026-01-01T10:00","time_zone":"Europe/Berlin"}}}}`,
	} {
		f.Add(seed)
	}
	s := New(Options{Rows: 50, Now: fixedClock})
	f.Fuzz(func(t *testing.T, body string) {
		fuzzServe(t, s, "POST", "/v1/pages", body)
	})
}

func FuzzParseID(f *testing.F) {
	for _, seed := range []string{PageHome, strings.ReplaceAll(PageHome, "-", ""), "", "zz", strings.ToUpper(PageHome)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, ok := parseID(s)
		if !ok {
			return
		}
		if len(id) != 36 || strings.ToLower(id) != id {
			t.Fatalf("parseID(%q) = %q", s, id)
		}
		again, ok := parseID(strings.ReplaceAll(id, "-", ""))
		if !ok || again != id {
			t.Fatalf("round trip of %q: %q", id, again)
		}
	})
}

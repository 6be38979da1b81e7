package notiontest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// serve runs one request through the handler, without a network.
func serve(b *testing.B, s *Server, method, path, body string) {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+TokenFull)
	req.Header.Set("Notion-Version", "2025-09-03")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
}

// BenchmarkQueryPage measures one 100-row page of the 12,000-row Event
// Log: "cold" filters change every time, so nothing is cached; "warm"
// repeats a query, as the pages of a cursor chain do.
func BenchmarkQueryPage(b *testing.B) {
	s := New(Options{})
	path := "/v1/data_sources/" + DataSourceEventLog + "/query"
	b.Run("unfiltered", func(b *testing.B) {
		for b.Loop() {
			serve(b, s, "POST", path, `{"page_size":100}`)
		}
	})
	b.Run("filtered/warm", func(b *testing.B) {
		body := `{"filter":{"and":[{"property":"Level","select":{"equals":"warn"}},{"property":"Latency ms","number":{"greater_than":500}}]}}`
		for b.Loop() {
			serve(b, s, "POST", path, body)
		}
	})
	b.Run("filtered/cold", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			serve(b, s, "POST", path, fmt.Sprintf(`{"filter":{"or":[{"property":"Event","title":{"contains":"time"}},{"property":"Latency ms","number":{"greater_than":%d}}]}}`, 1000+i))
		}
	})
	b.Run("sorted/cold", func(b *testing.B) {
		dirs := []string{"ascending", "descending"}
		i := 0
		for b.Loop() {
			i++
			serve(b, s, "POST", path, fmt.Sprintf(`{"sorts":[{"property":"Latency ms","direction":%q}],"filter":{"property":"Level","select":{"does_not_equal":"e%d"}}}`, dirs[i%2], i))
		}
	})
}

// BenchmarkQueryPageJSONCache serves the pages of a cursor chain over the
// Event Log twice per iteration, once rebuilding every row's JSON (as
// before the cache) and once from the cache, and reports both times per
// page and their ratio. The query's rows are cached in both, so the ratio
// is what the JSON cache saves.
func BenchmarkQueryPageJSONCache(b *testing.B) {
	s := New(Options{})
	path := "/v1/data_sources/" + DataSourceEventLog + "/query"
	bodies := make([]string, 0, 20)
	cursor := ""
	for range 20 { // the first 2,000 rows, page by page
		body := `{"page_size":100}`
		if cursor != "" {
			body = `{"page_size":100,"start_cursor":"` + cursor + `"}`
		}
		bodies = append(bodies, body)
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+TokenFull)
		req.Header.Set("Notion-Version", "2025-09-03")
		s.ServeHTTP(rec, req)
		var page struct {
			NextCursor string `json:"next_cursor"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || page.NextCursor == "" {
			b.Fatalf("page of the chain: %v %s", err, rec.Body.Bytes()[:min(200, rec.Body.Len())])
		}
		cursor = page.NextCursor
	}
	var rebuilt, cached time.Duration
	pages := 0
	for b.Loop() {
		for _, off := range []bool{true, false} {
			s.st.pageJSON.mu.Lock()
			s.st.pageJSON.off = off
			s.st.pageJSON.mu.Unlock()
			start := time.Now()
			for _, body := range bodies {
				serve(b, s, "POST", path, body)
			}
			if off {
				rebuilt += time.Since(start)
			} else {
				cached += time.Since(start)
			}
		}
		pages += len(bodies)
	}
	b.ReportMetric(float64(rebuilt.Nanoseconds())/float64(pages), "rebuilt-ns/page")
	b.ReportMetric(float64(cached.Nanoseconds())/float64(pages), "cached-ns/page")
	b.ReportMetric(float64(rebuilt)/float64(cached), "speedup")
}

// BenchmarkSearch measures one page of search results over the whole
// workspace (about 12,300 pages and data sources).
func BenchmarkSearch(b *testing.B) {
	s := New(Options{})
	b.Run("warm", func(b *testing.B) {
		for b.Loop() {
			serve(b, s, "POST", "/v1/search", `{"query":"deploy"}`)
		}
	})
	// After a write nothing is cached: every page and data source is
	// gathered and ordered again.
	b.Run("after a write", func(b *testing.B) {
		queries := []string{"ready", "deploy", "cache", "slow", "retrying"}
		i := 0
		for b.Loop() {
			i++
			serve(b, s, "POST", "/v1/search", fmt.Sprintf(`{"query":%q,"page_size":100}`, queries[i%len(queries)]))
			s.st.mu.Lock()
			s.st.changed()
			s.st.mu.Unlock()
		}
	})
}

// BenchmarkNew measures building the seeded workspace with 12,000 events.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		New(Options{})
	}
}

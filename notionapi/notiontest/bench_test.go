package notiontest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
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

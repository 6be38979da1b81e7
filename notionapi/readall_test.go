package notionapi

import (
	"bytes"
	"context"
	"math"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

func TestAutoConcurrency(t *testing.T) {
	for _, tc := range []struct {
		rate float64
		rtt  time.Duration
		want int
	}{
		{3, 250 * time.Millisecond, 1}, // 0.75 requests per round trip: one at a time spends the budget
		{3, 333 * time.Millisecond, 1},
		{3, 600 * time.Millisecond, 3}, // 1.8 → 2, plus one
		{30, 5 * time.Millisecond, 1},
		{30, 110 * time.Millisecond, 5}, // 3.3 → 4, plus one
		{30, time.Second, maxReadConcurrency},
		{1e300, time.Second, maxReadConcurrency},  // no overflow
		{0, time.Millisecond, maxReadConcurrency}, // no pacing
	} {
		c, err := NewClient("token", WithRate(tc.rate, 0))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.autoConcurrency(tc.rtt); got != tc.want {
			t.Errorf("rate %g, round trip %s: concurrency %d, want %d", tc.rate, tc.rtt, got, tc.want)
		}
	}
}

func TestRateWithoutPacingIsInfinite(t *testing.T) {
	for _, rps := range []float64{0, -1, math.Inf(1)} {
		c, err := NewClient("token", WithRate(rps, 0))
		if err != nil {
			t.Fatal(err)
		}
		if r := c.Rate(); !math.IsInf(r, 1) {
			t.Errorf("WithRate(%g): Rate() = %g, want +Inf", rps, r)
		}
	}
}

func TestPagesLeft(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	hour := t0.Add(time.Hour)
	for _, tc := range []struct {
		name                string
		rows                int
		first, last, newest time.Time
		want                int
	}{
		{"ten times the first page's span", 100, t0, hour, hour.Add(10 * time.Hour), 10},
		{"half a page", 100, t0, hour, hour.Add(30 * time.Minute), 1},
		{"nothing newer", 100, t0, hour, hour, 1},
		{"a short first page", 40, t0, hour, hour.Add(5 * time.Hour), 2},
		{"all at one instant", 100, hour, hour, hour.Add(time.Hour), 1 << 20},
		{"far more than a page", 100, t0, t0.Add(time.Nanosecond), t0.AddDate(10, 0, 0), 1 << 20},
	} {
		if got := pagesLeft(tc.rows, tc.first, tc.last, tc.newest); got != tc.want {
			t.Errorf("%s: %d pages, want %d", tc.name, got, tc.want)
		}
	}
}

// readAllCounting reads every row, failing on an error or a repeated row,
// and returns how many there were.
func readAllCounting(t *testing.T, c *Client, opt ReadAllOptions) int {
	t.Helper()
	seen := map[string]bool{}
	for p, err := range c.ReadAll(context.Background(), notiontest.DataSourceEventLog, QueryParams{}, opt) {
		if err != nil {
			t.Fatal(err)
		}
		if seen[p.ID] {
			t.Fatalf("row %s came twice", p.ID)
		}
		seen[p.ID] = true
	}
	return len(seen)
}

func sandboxClient(t *testing.T, srv *notiontest.Server, rate float64) *Client {
	t.Helper()
	c, err := NewClient(notiontest.TokenFull, WithBaseURL(srv.URL()), WithRate(rate, 0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestReadAllIsSequentialWhenTheBudgetIsTheLimit(t *testing.T) {
	// 5 requests/s and a round trip of a few milliseconds: one request at
	// a time already spends the budget.
	srv := notiontest.Start(t, notiontest.Options{Rows: 500})
	if n := readAllCounting(t, sandboxClient(t, srv, 5), ReadAllOptions{}); n != 500 {
		t.Fatalf("read %d rows, want 500", n)
	}
	for _, r := range srv.Requests() {
		if bytes.Contains(r.Body, []byte(`"descending"`)) || bytes.Contains(r.Body, []byte(`"before"`)) {
			t.Fatalf("a sequential read looked for the newest row or split windows: %s", r.Body)
		}
	}
}

func TestReadAllSplitsNoMoreWindowsThanPagesLeft(t *testing.T) {
	// 200 requests/s and a 20 ms round trip call for several windows, but
	// the 50 rows after the first page fill one page.
	srv := notiontest.Start(t, notiontest.Options{Rows: 150, Latency: 20 * time.Millisecond})
	if n := readAllCounting(t, sandboxClient(t, srv, 200), ReadAllOptions{}); n != 150 {
		t.Fatalf("read %d rows, want 150", n)
	}
	// The first page, the newest row, and one window.
	if got := srv.Stats().Requests; got != 3 {
		t.Fatalf("%d requests, want 3", got)
	}
}

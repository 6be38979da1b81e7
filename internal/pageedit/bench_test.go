package pageedit

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// BenchmarkBulkUpdateAtBudget updates the 200 rows of an Event Log the
// way `notion-tui update --filter` does (the selecting query, the
// rechecks, the updates) against a sandbox that allows 3 requests per
// second and answers in 400 ms, a slow round trip: one update at a time
// cannot keep the budget busy then. It reports the requests per second
// reached as a share of the budget (the baseline), and the 429s.
//
//	go test ./internal/pageedit -run '^$' -bench BulkUpdateAtBudget -benchtime 1x
func BenchmarkBulkUpdateAtBudget(b *testing.B) {
	const rows, budget = 200, 3.0
	for _, bc := range []struct {
		name    string
		workers int
	}{{"one_at_a_time", 1}, {"workers=auto", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			for range b.N {
				srv := notiontest.Start(b, notiontest.Options{Rows: rows, Rate: budget, Latency: 400 * time.Millisecond})
				c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(budget, 0))
				if err != nil {
					b.Fatal(err)
				}
				ctx := context.Background()
				filter := json.RawMessage(`{"property":"Event","title":{"is_not_empty":true}}`)
				start := time.Now()
				var edits []Edit
				for pg, err := range c.QueryAll(ctx, notiontest.DataSourceEventLog, notionapi.QueryParams{Filter: filter}) {
					if err != nil {
						b.Fatal(err)
					}
					edits = append(edits, FromPage(&pg, map[string]notionapi.PropertyValue{"Latency ms": notionapi.NumberValue(-1)}))
				}
				counts, err := Run(ctx, c, edits, Options{
					Workers:   bc.workers,
					Selection: &Selection{Table: notiontest.DataSourceEventLog, Filter: filter, At: start},
				})
				if err != nil {
					b.Fatal(err)
				}
				reqs := srv.Requests()
				first, last := reqs[0].Time, reqs[len(reqs)-1].Time
				rps := float64(len(reqs)-1) / last.Sub(first).Seconds()
				b.ReportMetric(float64(counts[Updated]), "rows")
				b.ReportMetric(float64(len(reqs)), "requests")
				b.ReportMetric(rps, "req/s")
				b.ReportMetric(100*rps/budget, "%budget")
				b.ReportMetric(float64(srv.Stats().RateLimited), "429s")
				if counts[Updated] != len(edits) {
					b.Errorf("counts %v of %d rows", counts, len(edits))
				}
			}
		})
	}
}

package notionapi_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// BenchmarkWideViewRead reads the 1,000 rows of a 100-column data source
// with every property, and with the six columns of its view "Narrow"
// (filter_properties, as PlanView sets them), over loopback HTTP with a
// simulated 20 ms round trip. It reports the answers' bytes per read;
// ns/op is the whole read, decoding included.
func BenchmarkWideViewRead(b *testing.B) {
	srv := notiontest.Start(b, notiontest.Options{Rows: 10, Wide: 100, Latency: 20 * time.Millisecond})
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		all  bool
	}{{"every column", true}, {"view columns", false}} {
		b.Run(bc.name, func(b *testing.B) {
			tr := &countingTransport{pool: transportOfTest(b)}
			c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0),
				notionapi.WithHTTPClient(&http.Client{Transport: tr}))
			if err != nil {
				b.Fatal(err)
			}
			plan, err := c.PlanViewRead(ctx, notiontest.ViewWideNarrow, notionapi.ViewPlanOptions{Limit: notionapi.ResultCap, AllProperties: bc.all})
			if err != nil {
				b.Fatal(err)
			}
			if got := len(plan.Params.FilterProperties); bc.all != (got == 0) {
				b.Fatalf("filter_properties %v", plan.Params.FilterProperties)
			}
			b.ReportAllocs()
			before := tr.bytes()
			for b.Loop() {
				rows := 0
				for _, err := range c.ReadView(ctx, plan, 0, notionapi.ReadAllOptions{}) {
					if err != nil {
						b.Fatal(err)
					}
					rows++
				}
				if rows != 1000 {
					b.Fatalf("%d rows", rows)
				}
			}
			b.ReportMetric(float64(tr.bytes()-before)/float64(b.N), "resp-B/op")
		})
	}
}

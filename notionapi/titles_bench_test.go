package notionapi_test

import (
	"context"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// BenchmarkScreenTitles measures what the titles of one screen of 30 Tasks
// rows cost: their Project relations point to a few projects, each read
// once by Titles ("titles"), against the naive way of reading the page of
// every relation cell ("per-cell"). The sandbox answers after 2 ms, a
// short round trip; requests/op is the figure that matters.
func BenchmarkScreenTitles(b *testing.B) {
	srv := notiontest.Start(b, notiontest.Options{Rows: 50, Latency: 2 * time.Millisecond})
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	l, err := c.Query(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: 30})
	if err != nil {
		b.Fatal(err)
	}
	var cells []string // one related page ID per relation cell entry
	distinct := map[string]bool{}
	for _, p := range l.Results {
		for _, r := range p.Properties["Project"].Relation {
			cells = append(cells, r.ID)
			distinct[r.ID] = true
		}
	}
	report := func(b *testing.B, requests int64) {
		b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
		b.ReportMetric(float64(len(distinct)), "distinct/op")
		b.ReportMetric(float64(len(cells)), "cells/op")
	}
	b.Run("per-cell", func(b *testing.B) {
		start := c.RequestCount()
		for b.Loop() {
			for _, id := range cells {
				if _, err := c.GetPage(ctx, id); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b, c.RequestCount()-start)
	})
	b.Run("titles", func(b *testing.B) {
		start := c.RequestCount()
		for b.Loop() {
			t := notionapi.NewTitles(c)
			if err := t.Resolve(ctx, cells, 0); err != nil {
				b.Fatal(err)
			}
		}
		report(b, c.RequestCount()-start)
	})
	// A second screen of the same session: the titles are known.
	b.Run("titles-known", func(b *testing.B) {
		t := notionapi.NewTitles(c)
		if err := t.Resolve(ctx, cells, 0); err != nil {
			b.Fatal(err)
		}
		start := c.RequestCount()
		for b.Loop() {
			if err := t.Resolve(ctx, cells, 0); err != nil {
				b.Fatal(err)
			}
		}
		report(b, c.RequestCount()-start)
	})
}

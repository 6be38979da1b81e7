package dbview

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// benchSchema is a table like the sandbox's Event Log, with a text column
// and a long title so that cells are cut.
func benchSchema() notionapi.Schema {
	opts := func(names ...string) *notionapi.OptionsConfig {
		o := &notionapi.OptionsConfig{}
		colors := []string{"green", "yellow", "red", "blue", "purple", "orange"}
		for i, n := range names {
			o.Options = append(o.Options, notionapi.SelectOption{Name: n, Color: colors[i%len(colors)]})
		}
		return o
	}
	return notionapi.Schema{
		{Name: "Event", Type: notionapi.PropTitle},
		{Name: "Level", Type: notionapi.PropSelect, Select: opts("info", "warn", "error")},
		{Name: "Service", Type: notionapi.PropSelect, Select: opts("api", "auth", "billing", "search", "worker", "web")},
		{Name: "Latency ms", Type: notionapi.PropNumber, Number: &notionapi.NumberConfig{Format: "number_with_commas"}},
		{Name: "Timestamp", Type: notionapi.PropDate},
		{Name: "User", Type: notionapi.PropEmail},
		{Name: "Tags", Type: notionapi.PropMultiSelect, MultiSelect: opts("deploy", "retry", "timeout", "cache", "db", "webhook")},
		{Name: "Message", Type: notionapi.PropRichText},
		{Name: "Resolved", Type: notionapi.PropCheckbox},
	}
}

// benchRows builds n rows for benchSchema.
func benchRows(n int, cols notionapi.Schema) dbRows {
	levels := []string{"info", "warn", "error"}
	services := []string{"api", "auth", "billing", "search", "worker", "web"}
	rows := make(dbRows, n)
	for i := range rows {
		lat := float64(i%9973) * 1.5
		email := fmt.Sprintf("user%d@example.com", i%97)
		pg := notionapi.Page{ID: fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i), Properties: map[string]notionapi.PropertyValue{
			"Event":      notionapi.TitleValue(fmt.Sprintf("Event %d: payment provider answered slowly after a retry", i)),
			"Level":      notionapi.SelectValue(levels[i%3]),
			"Service":    notionapi.SelectValue(services[i%6]),
			"Latency ms": notionapi.NumberValue(lat),
			"Timestamp":  notionapi.DateValueOf(time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC).Format(time.RFC3339), ""),
			"User":       {Type: notionapi.PropEmail, Email: &email},
			"Tags":       notionapi.MultiSelectValue("deploy", "retry"),
			"Message":    notionapi.RichTextValue("Upstream answered 504 after 3 attempts; the job will run again at the next window."),
			"Resolved":   notionapi.CheckboxValue(i%2 == 0),
		}}
		rows[i] = newDBRow(&pg, cols, nil)
	}
	return rows
}

// benchView is a database view of n loaded rows at 120×33, the cursor
// in the middle.
func benchView(n int) *dbView {
	c := &ui.Common{Ctx: context.Background(), Styles: styles.New(true, false), Cache: ui.NewCache(), Now: time.Now}
	ds := &notionapi.DataSource{ID: "5335dfc9-9567-4538-9c7c-d82c5ae4f434", Title: notionapi.PlainText("Event Log"), Properties: benchSchema()}
	v := newDatabaseView(c, ds, "")
	v.rows = benchRows(n, v.cols)
	v.table.SetData(v.rows)
	v.SetSize(120, 33)
	v.table.SetCursor(n / 2)
	return v
}

// BenchmarkDatabaseViewView measures one frame of the database view; it
// should cost the same whatever the number of loaded rows.
func BenchmarkDatabaseViewView(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			v := benchView(n)
			b.ReportAllocs()
			for b.Loop() {
				_ = v.View()
			}
		})
	}
}

// BenchmarkDatabaseViewScroll measures a key press that moves the
// selection, then the frame it causes.
func BenchmarkDatabaseViewScroll(b *testing.B) {
	v := benchView(100_000)
	down := uitest.Key("down")
	b.ReportAllocs()
	for b.Loop() {
		v.Update(down)
		_ = v.View()
	}
}

// BenchmarkDatabaseViewMemory reports the heap that 100,000 loaded rows
// of benchSchema take (bytes per row and MB in all).
func BenchmarkDatabaseViewMemory(b *testing.B) {
	const n = 100_000
	cols := benchSchema().Ordered()
	var rows dbRows
	var used uint64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		rows = benchRows(n, cols)
		runtime.GC()
		runtime.ReadMemStats(&after)
		used = after.HeapAlloc - before.HeapAlloc
	}
	runtime.KeepAlive(rows)
	b.ReportMetric(float64(used)/n, "B/row")
	b.ReportMetric(float64(used)/(1<<20), "MB/100k-rows")
}

// TestViewCostIsFlat checks that a frame does not draw every loaded row:
// the output is the same size at 1,000 and 20,000 rows, and allocations
// do not grow with the rows (twenty times the rows would show a cost
// that grows with them; BenchmarkDatabaseViewView measures 100,000).
func TestViewCostIsFlat(t *testing.T) {
	// Not parallel: AllocsPerRun counts every goroutine's allocations.
	small, large := benchView(1_000), benchView(20_000)
	if a, b := len(small.View()), len(large.View()); b > a+a/10 {
		t.Errorf("a frame of 20,000 rows is %d bytes, of 1,000 rows %d", b, a)
	}
	allocs := func(v *dbView) float64 { return testing.AllocsPerRun(20, func() { _ = v.View() }) }
	if a, b := allocs(small), allocs(large); b > a*1.2+5 {
		t.Errorf("a frame allocates %.0f times with 20,000 rows, %.0f with 1,000", b, a)
	}
}

// BenchmarkBoardView measures one frame of a board of 1,000 and 10,000
// cards in five columns: it should cost the same, since only the cards
// on screen are drawn.
func BenchmarkBoardView(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			v := boardBench(n)
			v.brd.col = 2
			v.brd.sel[v.brd.cols[3].Key] = n / 20
			b.ReportAllocs()
			for b.Loop() {
				_ = v.View()
			}
		})
	}
}

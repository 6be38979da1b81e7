package notionapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/seqread"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// fetchQueryPage asks the sandbox for the first page of up to 100 rows of
// a data source over HTTP, as the client would receive it.
func fetchQueryPage(b *testing.B, srv *notiontest.Server, dataSource string) []byte {
	b.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL()+"/v1/data_sources/"+dataSource+"/query", bytes.NewReader([]byte(`{"page_size":100}`)))
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+notiontest.TokenFull)
	req.Header.Set("Notion-Version", notionapi.Version20250903)
	req.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{Transport: transportOfTest(b)}).Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("query %s: status %d, %v: %.200s", dataSource, resp.StatusCode, err, body)
	}
	return body
}

// benchDecode decodes body into a List[T] b.N times with decode and
// reports rows/s.
func benchDecode[T any](b *testing.B, body []byte, decode func([]byte) (notionapi.List[T], error)) {
	l, err := decode(body)
	if err != nil {
		b.Fatal(err)
	}
	rows := len(l.Results)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(body); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows), "rows/op")
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// unmarshalList decodes a list answer with encoding/json alone.
func unmarshalList[T any](b []byte) (notionapi.List[T], error) {
	var l notionapi.List[T]
	err := json.Unmarshal(b, &l)
	return l, err
}

// BenchmarkDecodeQueryPage measures decoding one query page into typed
// rows (what Query, QueryAll and ReadAll do), into RawRow (ReadAllRaw), and
// into json.RawMessage, the baseline of merely splitting the rows. The
// Event Log page holds 100 rows of seven simple properties; the Reading
// List page holds its 60 rows of fifteen properties, with people, files,
// dates and a formula.
func BenchmarkDecodeQueryPage(b *testing.B) {
	srv := notiontest.Start(b, notiontest.Options{Rows: 1000})
	for _, ds := range []struct{ name, id string }{
		{"EventLog", notiontest.DataSourceEventLog},
		{"ReadingList", notiontest.DataSourceReadingList},
	} {
		body := fetchQueryPage(b, srv, ds.id)
		b.Run(ds.name+"/Page", func(b *testing.B) { benchDecode(b, body, notionapi.DecodeQueryAnswer[notionapi.Page]) })
		// The same pages decoded by json.Unmarshal into a List[Page], as
		// a caller of encoding/json would: each property value through
		// PropertyValue's UnmarshalJSON.
		b.Run(ds.name+"/PageByUnmarshal", func(b *testing.B) { benchDecode(b, body, unmarshalList[notionapi.Page]) })
		b.Run(ds.name+"/RawRow", func(b *testing.B) { benchDecode(b, body, notionapi.DecodeQueryAnswer[notionapi.RawRow]) })
		b.Run(ds.name+"/RawMessage", func(b *testing.B) { benchDecode(b, body, notionapi.DecodeQueryAnswer[json.RawMessage]) })
		// What search returns: the same pages, each told apart by its
		// "object" first.
		b.Run(ds.name+"/SearchResult", func(b *testing.B) { benchDecode(b, body, unmarshalList[notionapi.SearchResult]) })
	}
}

// readEvery drains rows and fails unless it yields want distinct rows.
func readEvery(b *testing.B, rows iter.Seq2[notionapi.Page, error], want int) {
	b.Helper()
	seen := make(map[string]bool, want)
	for p, err := range rows {
		if err != nil {
			b.Fatal(err)
		}
		if seen[p.ID] {
			b.Fatalf("row %s came twice", p.ID)
		}
		seen[p.ID] = true
	}
	if len(seen) != want {
		b.Fatalf("read %d rows, want %d", len(seen), want)
	}
}

// freshBudget resets the sandbox's counters and refills its token bucket,
// so that every read starts from the same state.
func freshBudget(srv *notiontest.Server, rate float64) {
	srv.SetRate(rate)
	srv.ResetRequests()
}

// steadyRate is the rate at which the second half of the recorded
// requests reached the server, in requests per second: the paced rate,
// after any initial burst is spent.
func steadyRate(reqs []notiontest.Request) float64 {
	half := reqs[len(reqs)/2:]
	if len(half) < 2 {
		return math.NaN()
	}
	span := half[len(half)-1].Time.Sub(half[0].Time)
	return float64(len(half)-1) / span.Seconds()
}

// BenchmarkPacedRead reads 60 pages from a sandbox allowing pacedRate
// requests/s (burst pacedRate), with a client paced by WithRate(pacedRate,
// 0). It reports the rate at which requests arrived over the whole read
// (the client's burst of pacedRate/2 included) and in its second half,
// both as fractions of the limit, and the 429 answers, which must be none.
func BenchmarkPacedRead(b *testing.B) {
	const (
		pacedRate = 20
		pages     = 60
		rows      = pages * 100
	)
	srv := notiontest.Start(b, notiontest.Options{Rows: rows, Rate: pacedRate, Latency: 5 * time.Millisecond})
	ctx := context.Background()
	for _, read := range []struct {
		name string
		rows func(*notionapi.Client) iter.Seq2[notionapi.Page, error]
	}{
		{"QueryAll", func(c *notionapi.Client) iter.Seq2[notionapi.Page, error] {
			return c.QueryAll(ctx, notiontest.DataSourceEventLog, notionapi.QueryParams{})
		}},
		{"ReadAll", func(c *notionapi.Client) iter.Seq2[notionapi.Page, error] {
			return c.ReadAll(ctx, notiontest.DataSourceEventLog, notionapi.QueryParams{}, notionapi.ReadAllOptions{})
		}},
	} {
		b.Run(read.name, func(b *testing.B) {
			var requests, limited int
			var overall, steady float64
			for b.Loop() {
				// A new client and a full bucket: each read starts rested.
				c := newBenchClient(b, srv, notionapi.WithRate(pacedRate, 0))
				freshBudget(srv, pacedRate)
				start := time.Now()
				readEvery(b, read.rows(c), rows)
				wall := time.Since(start)
				st := srv.Stats()
				requests, limited = st.Requests, st.RateLimited
				overall = float64(st.Requests) / wall.Seconds() / pacedRate
				steady = steadyRate(srv.Requests()) / pacedRate
			}
			if limited > 0 {
				b.Errorf("%d requests were answered 429", limited)
			}
			b.ReportMetric(float64(requests), "requests/op")
			b.ReportMetric(float64(limited), "429s/op")
			b.ReportMetric(overall, "frac-of-R")
			b.ReportMetric(steady, "steady-frac-of-R")
		})
	}
}

// BenchmarkReadAll reads the 12,000-row Event Log (past the 10,000-result
// cap) from a sandbox with a 100 ms round trip and a limit of 30
// requests/s: once with a plain sequential loop (one cursor at a time, a
// new created_time window at the cap, as the official SDK's helper does)
// and once with ReadAll, in the same iteration and in alternating order.
// It reports both wall times, their ratio, the physical bound (the least
// requests at the budget, or two round trips) and ReadAll's requests over
// the least needed; ns/op is their sum. Each iteration takes about 17 s,
// so run it with -benchtime=1x and -count for repetitions.
func BenchmarkReadAll(b *testing.B) {
	const rows = 12000
	srv := notiontest.Start(b, notiontest.Options{Rows: rows, Rate: readAllRate, Latency: 100 * time.Millisecond})
	compareReadAll(b, srv, notionapi.QueryParams{}, rows, 100*time.Millisecond)
}

// BenchmarkReadAllSmall is BenchmarkReadAll on 1,000 rows with a 200 ms
// round trip: two round trips are the bound, since the budget would let
// every request go at once. About 3 s an iteration.
func BenchmarkReadAllSmall(b *testing.B) {
	const rows = 1000
	srv := notiontest.Start(b, notiontest.Options{Rows: rows, Rate: readAllRate, Latency: 200 * time.Millisecond})
	compareReadAll(b, srv, notionapi.QueryParams{}, rows, 200*time.Millisecond)
}

// BenchmarkReadAllFast is BenchmarkReadAll on 1,000 rows without added
// latency, where the client's burst lets every request go at once and
// decoding a page takes longer than the sandbox's answer: one chain
// reads, asking for each page before decoding the one before. About
// 60 ms an iteration.
func BenchmarkReadAllFast(b *testing.B) {
	const rows = 1000
	srv := notiontest.Start(b, notiontest.Options{Rows: rows, Rate: readAllRate})
	compareReadAll(b, srv, notionapi.QueryParams{}, rows, 0)
}

// BenchmarkReadAllSkewed is BenchmarkReadAll on rows whose created_time is
// far from evenly spread: a filter keeps the Event Log's oldest 0.5% and
// newest 5% (of 50,000 rows), so most of the created_time range is empty
// and most rows are bunched at its end. About 7 s an iteration.
func BenchmarkReadAllSkewed(b *testing.B) {
	// Unlimited and without latency while the filter is set up.
	srv := notiontest.Start(b, notiontest.Options{Rows: 50000})
	c := newBenchClient(b, srv, notionapi.WithRate(0, 0))
	oldest, newest := createdRange(b, c)
	span := newest.Sub(oldest)
	filter := json.RawMessage(fmt.Sprintf(`{"or":[
		{"timestamp":"created_time","created_time":{"before":%q}},
		{"timestamp":"created_time","created_time":{"on_or_after":%q}}]}`,
		oldest.Add(span/200).Format(time.RFC3339Nano), newest.Add(-span/20).Format(time.RFC3339Nano)))
	want := 0
	for _, err := range c.ReadAllRaw(context.Background(), notiontest.DataSourceEventLog, notionapi.QueryParams{Filter: filter}, notionapi.ReadAllOptions{}) {
		if err != nil {
			b.Fatal(err)
		}
		want++
	}
	srv.SetLatency(100 * time.Millisecond)
	compareReadAll(b, srv, notionapi.QueryParams{Filter: filter}, want, 100*time.Millisecond)
}

// readAllRate is the sandbox's limit and the client's budget in the
// ReadAll benchmarks.
const readAllRate = 30

// createdRange returns the created_time of the oldest and the newest row
// of the Event Log.
func createdRange(b *testing.B, c *notionapi.Client) (oldest, newest time.Time) {
	b.Helper()
	edge := func(dir string) time.Time {
		l, err := c.Query(context.Background(), notiontest.DataSourceEventLog, notionapi.QueryParams{
			PageSize: 1, Sorts: []notionapi.Sort{{Timestamp: notionapi.CreatedTime, Direction: dir}},
		})
		if err != nil || len(l.Results) != 1 {
			b.Fatalf("the %s row: %v", dir, err)
		}
		return l.Results[0].CreatedTime
	}
	return edge(notionapi.Ascending), edge(notionapi.Descending)
}

// compareReadAll reads every row matching p with the plain loop and with
// ReadAll, alternating which goes first, and reports both wall times,
// their ratio, the physical bound for the rows (the least requests at
// readAllRate requests/s, or two round trips), ReadAll's time over it and
// its requests over the least needed.
func compareReadAll(b *testing.B, srv *notiontest.Server, p notionapi.QueryParams, rows int, latency time.Duration) {
	ctx := context.Background()
	read := func(rowsOf func(*notionapi.Client) iter.Seq2[notionapi.Page, error]) (time.Duration, notiontest.Stats) {
		// A new client and a full bucket: each read starts rested.
		c := newBenchClient(b, srv, notionapi.WithRate(readAllRate, 0))
		freshBudget(srv, readAllRate)
		start := time.Now()
		readEvery(b, rowsOf(c), rows)
		return time.Since(start), srv.Stats()
	}
	loop := func(c *notionapi.Client) iter.Seq2[notionapi.Page, error] {
		return seqread.Rows(ctx, c, notiontest.DataSourceEventLog, p)
	}
	auto := func(c *notionapi.Client) iter.Seq2[notionapi.Page, error] {
		return c.ReadAll(ctx, notiontest.DataSourceEventLog, p, notionapi.ReadAllOptions{})
	}
	// Times are the means of the iterations; requests, the last one's.
	var seqTime, autoTime time.Duration
	var seqStats, autoStats notiontest.Stats
	i := 0
	for b.Loop() {
		var tSeq, tAuto time.Duration
		if i%2 == 0 {
			tSeq, seqStats = read(loop)
			tAuto, autoStats = read(auto)
		} else {
			tAuto, autoStats = read(auto)
			tSeq, seqStats = read(loop)
		}
		seqTime += tSeq
		autoTime += tAuto
		i++
	}
	seqTime /= time.Duration(i)
	autoTime /= time.Duration(i)
	if n := seqStats.RateLimited + autoStats.RateLimited; n > 0 {
		b.Errorf("%d requests were answered 429", n)
	}
	least := (rows + notionapi.MaxPageSize - 1) / notionapi.MaxPageSize
	bound := max(float64(least)/readAllRate, 2*latency.Seconds())
	b.ReportMetric(seqTime.Seconds(), "seq-s")
	b.ReportMetric(autoTime.Seconds(), "auto-s")
	b.ReportMetric(bound, "bound-s")
	b.ReportMetric(autoTime.Seconds()/seqTime.Seconds(), "auto/seq")
	b.ReportMetric(autoTime.Seconds()/bound, "auto/bound")
	b.ReportMetric(float64(seqStats.Requests), "seq-requests")
	b.ReportMetric(float64(autoStats.Requests), "auto-requests")
	b.ReportMetric(float64(autoStats.Requests)/float64(least), "auto-requests/least")
}

// newBenchClient is a client of the sandbox with the given options.
func newBenchClient(b *testing.B, srv *notiontest.Server, opts ...notionapi.Option) *notionapi.Client {
	b.Helper()
	base := []notionapi.Option{notionapi.WithBaseURL(srv.URL()), notionapi.WithVersion(notionapi.Version20250903)}
	c, err := notionapi.NewClient(notiontest.TokenFull, append(base, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

package notionapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// newClient returns a client for the sandbox without pacing, so tests run
// at the server's speed unless they set a rate.
func newClient(t *testing.T, srv *notiontest.Server, token string, opts ...notionapi.Option) *notionapi.Client {
	t.Helper()
	base := []notionapi.Option{notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0)}
	c, err := notionapi.NewClient(token, append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// instant makes c's waits (back-off, Retry-After) pass at once, for tests
// about what is retried rather than when.
func instant(c *notionapi.Client) *notionapi.Client {
	notionapi.SetSleep(c, func(ctx context.Context, _ time.Duration) error { return ctx.Err() })
	return c
}

func apiError(t *testing.T, err error) *notionapi.APIError {
	t.Helper()
	var e *notionapi.APIError
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *APIError", err, err)
	}
	return e
}

func TestHeadersOnEveryRequest(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20}) // the Event Log is never read here
	c := newClient(t, srv, notiontest.TokenFull, notionapi.WithUserAgent("notion-tui/test"))
	ctx := context.Background()
	if _, err := c.GetMe(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Search(ctx, notionapi.SearchParams{Query: "Reading"}); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests recorded", len(reqs))
	}
	for _, r := range reqs {
		if got := r.Header.Get("Authorization"); got != "Bearer "+notiontest.TokenFull {
			t.Errorf("%s %s: Authorization = %q", r.Method, r.Path, got)
		}
		if got := r.Header.Get("Notion-Version"); got != notionapi.DefaultVersion {
			t.Errorf("%s %s: Notion-Version = %q", r.Method, r.Path, got)
		}
		if got := r.Header.Get("User-Agent"); got != "notion-tui/test" {
			t.Errorf("User-Agent = %q", got)
		}
	}
	if ct := reqs[0].Header.Get("Content-Type"); ct != "" {
		t.Errorf("GET without a body sent Content-Type %q", ct)
	}
	if ct := reqs[1].Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("POST with a body sent Content-Type %q", ct)
	}
}

func TestVersionIsSentUnchangedOrNotAtAll(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ctx := context.Background()

	_, err := newClient(t, srv, notiontest.TokenFull, notionapi.WithVersion("")).GetMe(ctx)
	if e := apiError(t, err); e.Status != 400 || e.Code != notionapi.CodeMissingVersion {
		t.Fatalf("no version: %v", err)
	}
	if h := srv.Requests()[0].Header; h.Values("Notion-Version") != nil {
		t.Fatalf("an empty version still sent %q", h.Values("Notion-Version"))
	}

	_, err = newClient(t, srv, notiontest.TokenFull, notionapi.WithVersion("2021-01-01")).GetMe(ctx)
	e := apiError(t, err)
	if e.Status != 400 || e.Code != notionapi.CodeValidationError || !strings.Contains(e.Message, "Notion-Version") {
		t.Fatalf("unknown version: %v", err)
	}
	if got := srv.Requests()[1].Header.Get("Notion-Version"); got != "2021-01-01" {
		t.Fatalf("version sent as %q", got)
	}
}

func TestErrorClasses(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ctx := context.Background()
	tests := []struct {
		name   string
		call   func() error
		status int
		code   string
	}{
		{"revoked token", func() error { _, err := newClient(t, srv, notiontest.TokenRevoked).GetMe(ctx); return err }, 401, notionapi.CodeUnauthorized},
		{"no user information", func() error {
			_, err := newClient(t, srv, notiontest.TokenNoUserInfo).ListUsers(ctx, notionapi.ListParams{})
			return err
		}, 403, notionapi.CodeRestrictedResource},
		{"read-only create", func() error {
			_, err := newClient(t, srv, notiontest.TokenReadOnly).CreatePage(ctx, notionapi.CreatePageParams{
				Parent:     notionapi.Parent{DataSourceID: notiontest.DataSourceTasks},
				Properties: map[string]notionapi.PropertyValue{"Task": notionapi.TitleValue("x")},
			})
			return err
		}, 403, notionapi.CodeRestrictedResource},
		{"unshared database", func() error {
			_, err := newClient(t, srv, notiontest.TokenFull).GetDatabase(ctx, notiontest.DatabaseUnshared)
			return err
		}, 404, notionapi.CodeObjectNotFound},
		{"bad filter", func() error {
			_, err := newClient(t, srv, notiontest.TokenFull).Query(ctx, notiontest.DataSourceReadingList, notionapi.QueryParams{
				Filter: json.RawMessage(`{"property":"Pages","number":{"greater_than":"many"}}`),
			})
			return err
		}, 400, notionapi.CodeValidationError},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := apiError(t, tc.call())
			if e.Status != tc.status || e.Code != tc.code {
				t.Fatalf("got %d %s, want %d %s (%v)", e.Status, e.Code, tc.status, tc.code, e)
			}
			if e.RequestID == "" || e.Message == "" {
				t.Fatalf("request_id %q, message %q", e.RequestID, e.Message)
			}
			if !notionapi.IsCode(e, tc.code) || notionapi.StatusOf(e) != tc.status {
				t.Fatal("IsCode/StatusOf disagree with the error")
			}
		})
	}
	// The 404 names the sharing fix and the integration.
	_, err := newClient(t, srv, notiontest.TokenFull).GetDatabase(ctx, notiontest.DatabaseUnshared)
	if msg := apiError(t, err).Message; !strings.Contains(msg, "shared with your integration") || !strings.Contains(msg, notiontest.IntegrationName) {
		t.Fatalf("404 message = %q", msg)
	}
}

func TestNonJSONErrorBodies(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	c := newClient(t, srv, notiontest.TokenFull, notionapi.WithMaxRetries(0))
	ctx := context.Background()

	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 502, Body: "<html><body><h1>502 Bad Gateway</h1></body></html>", ContentType: "text/html"})
	_, err := c.GetMe(ctx)
	e := apiError(t, err)
	if e.Status != 502 || e.Code != "" || !strings.Contains(e.Body, "<h1>502 Bad Gateway</h1>") {
		t.Fatalf("HTML body: %+v", e)
	}
	if msg := e.Error(); !strings.Contains(msg, "HTTP 502") || !strings.Contains(msg, "text/html") || !strings.Contains(msg, "<html>") {
		t.Fatalf("message = %q", msg)
	}

	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 503, EmptyBody: true})
	_, err = c.GetMe(ctx)
	if e := apiError(t, err); e.Status != 503 || !strings.Contains(e.Error(), "empty body") {
		t.Fatalf("empty body: %v", err)
	}
}

func TestDecodeErrorOnAGarbledSuccess(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	c := newClient(t, srv, notiontest.TokenFull)
	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 200, Body: "<html>login</html>", ContentType: "text/html"})
	_, err := c.GetMe(context.Background())
	var de *notionapi.DecodeError
	if !errors.As(err, &de) || de.Status != 200 || !strings.Contains(de.Snippet, "login") {
		t.Fatalf("err = %v (%T)", err, err)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	var waits []time.Duration
	var mu sync.Mutex
	c := newClient(t, srv, notiontest.TokenFull, notionapi.WithHooks(notionapi.Hooks{OnRetry: func(r notionapi.RetryInfo) {
		mu.Lock()
		waits = append(waits, r.Wait)
		mu.Unlock()
	}}))
	// The client's waits are recorded, with how many requests the sandbox
	// had seen when each began, and return at once: what is checked is
	// that the retry waits its Retry-After, not the wall clock.
	type sleep struct {
		d    time.Duration
		seen int
	}
	var sleeps []sleep
	notionapi.SetSleep(c, func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		sleeps = append(sleeps, sleep{d, len(srv.Requests())})
		mu.Unlock()
		return ctx.Err()
	})
	// waitedBefore is the longest wait after the first request and
	// before the second.
	waitedBefore := func() time.Duration {
		mu.Lock()
		defer mu.Unlock()
		var longest time.Duration
		for _, s := range sleeps {
			if s.seen == 1 {
				longest = max(longest, s.d)
			}
		}
		sleeps = nil
		return longest
	}
	ctx := context.Background()

	// Seconds, on a POST: rate limits are retried for every method.
	srv.InjectFault(notiontest.Fault{Path: "/v1/search", Status: 429, RetryAfter: "1"})
	if _, err := c.Search(ctx, notionapi.SearchParams{}); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Status != 429 || reqs[1].Status != 200 {
		t.Fatalf("requests: %+v", statuses(reqs))
	}
	if d := waitedBefore(); d < time.Second {
		t.Fatalf("retried after waiting %s, less than Retry-After's 1s", d)
	}

	// An HTTP date.
	srv.ResetRequests()
	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 429, RetryAfter: time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat)})
	if _, err := c.GetMe(ctx); err != nil {
		t.Fatal(err)
	}
	if d := waitedBefore(); d < 500*time.Millisecond {
		t.Fatalf("retried after waiting %s, before the Retry-After date", d)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(waits) != 2 || waits[0] != time.Second || waits[1] < 500*time.Millisecond || waits[1] > 2*time.Second {
		t.Fatalf("waits = %v", waits)
	}
}

func statuses(reqs []notiontest.Request) []int {
	out := make([]int, len(reqs))
	for i, r := range reqs {
		out[i] = r.Status
	}
	return out
}

func TestServerErrorsRetriedOnlyWhereSafe(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	c := instant(newClient(t, srv, notiontest.TokenFull))
	ctx := context.Background()

	// A GET is retried after a 500 and succeeds.
	srv.InjectFault(notiontest.Fault{Method: "GET", Path: "/v1/users/me", Status: 500})
	if _, err := c.GetMe(ctx); err != nil {
		t.Fatalf("GET after one 500: %v", err)
	}
	if got := statuses(srv.Requests()); !slices.Equal(got, []int{500, 200}) {
		t.Fatalf("GET statuses = %v", got)
	}

	// A page create answered 500 is never sent again.
	srv.ResetRequests()
	before := srv.PageCount(notiontest.DataSourceTasks)
	srv.InjectFault(notiontest.Fault{Method: "POST", Path: "/v1/pages", Status: 500, AfterCommit: true})
	_, err := c.CreatePage(ctx, notionapi.CreatePageParams{
		Parent:     notionapi.Parent{Type: "data_source_id", DataSourceID: notiontest.DataSourceTasks},
		Properties: map[string]notionapi.PropertyValue{"Task": notionapi.TitleValue("Write the release notes")},
	})
	e := apiError(t, err)
	if e.Status != 500 || !e.Ambiguous() || e.Retries != 0 {
		t.Fatalf("create: %+v", e)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Fatalf("the create was sent %d times", n)
	}
	if after := srv.PageCount(notiontest.DataSourceTasks); after != before+1 {
		t.Fatalf("rows %d → %d: the committed page should exist exactly once", before, after)
	}

	// A query is a POST that only reads: retried after a 503, as after a
	// 529 (overload); a PATCH is not.
	srv.ResetRequests()
	srv.InjectFault(notiontest.Fault{Path: "/v1/data_sources/", Status: 503})
	if _, err := c.Query(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: 1}); err != nil {
		t.Fatalf("POST query after 503: %v", err)
	}
	srv.InjectFault(notiontest.Fault{Path: "/v1/data_sources/", Status: 529, RetryAfter: "0"})
	if _, err := c.Query(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: 1}); err != nil {
		t.Fatalf("POST query after 529: %v", err)
	}
	if got := statuses(srv.Requests()); !slices.Equal(got, []int{503, 200, 529, 200}) {
		t.Fatalf("statuses = %v", got)
	}
}

func TestMaxRetriesBoundsAttempts(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	c := instant(newClient(t, srv, notiontest.TokenFull, notionapi.WithMaxRetries(2)))
	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 529, RetryAfter: "0", Times: 10})
	_, err := c.GetMe(context.Background())
	if e := apiError(t, err); e.Status != 529 || e.Retries != 2 {
		t.Fatalf("err = %+v", e)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Fatalf("%d attempts, want 3", n)
	}
}

func TestRetryAfterBeyondTheCapIsNotWaited(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	c := newClient(t, srv, notiontest.TokenFull, notionapi.WithMaxRetryWait(2*time.Second))
	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 429, RetryAfter: "120"})
	_, err := c.GetMe(context.Background())
	var tooLong *notionapi.WaitTooLongError
	if !errors.As(err, &tooLong) || tooLong.Max != 2*time.Second {
		t.Fatalf("err = %v (%T), want a *WaitTooLongError", err, err)
	}
	if e := apiError(t, err); e.Code != notionapi.CodeRateLimited || e.RetryAfter != 120*time.Second {
		t.Fatalf("err = %v", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Fatalf("%d attempts", n)
	}
}

func TestCancelStopsAWaitAtOnce(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 429, RetryAfter: "30"})
	ctx, cancel := context.WithCancel(context.Background())
	retrying := make(chan struct{})
	c := newClient(t, srv, notiontest.TokenFull, notionapi.WithHooks(notionapi.Hooks{OnRetry: func(notionapi.RetryInfo) { close(retrying) }}))
	done := make(chan error, 1)
	go func() { _, err := c.GetMe(ctx); done <- err }()
	<-retrying
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the call kept waiting for Retry-After after its context was cancelled")
	}
}

func TestNetworkFailures(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ctx := context.Background()

	// A dropped connection on a write: a NetworkError that says so, sent once.
	c := instant(newClient(t, srv, notiontest.TokenFull))
	srv.InjectFault(notiontest.Fault{Method: "POST", Path: "/v1/pages", Drop: true})
	_, err := c.CreatePage(ctx, notionapi.CreatePageParams{
		Parent:     notionapi.Parent{DataSourceID: notiontest.DataSourceTasks},
		Properties: map[string]notionapi.PropertyValue{"Task": notionapi.TitleValue("x")},
	})
	var ne *notionapi.NetworkError
	if !errors.As(err, &ne) || !ne.Dropped() {
		t.Fatalf("dropped create: %v (%T)", err, err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Fatalf("a dropped create was sent %d times", n)
	}

	// A dropped GET is retried.
	srv.ResetRequests()
	srv.InjectFault(notiontest.Fault{Method: "GET", Path: "/v1/users/me", Drop: true})
	if _, err := c.GetMe(ctx); err != nil {
		t.Fatalf("GET after a dropped connection: %v", err)
	}

	// A slow answer: a TimeoutError, not the caller's context error.
	slow := newClient(t, srv, notiontest.TokenFull, notionapi.WithTimeout(200*time.Millisecond), notionapi.WithMaxRetries(0))
	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Delay: 5 * time.Second})
	_, err = slow.GetMe(ctx)
	var te *notionapi.TimeoutError
	if !errors.As(err, &te) || te.After != 200*time.Millisecond {
		t.Fatalf("slow answer: %v (%T)", err, err)
	}

	// Nothing listening.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	dead, _ := notionapi.NewClient("t", notionapi.WithBaseURL("http://"+addr))
	_, err = dead.GetMe(ctx)
	if !errors.As(err, &ne) || ne.Reason() != "connection refused" {
		t.Fatalf("refused: %v", err)
	}
}

// sendTimes records when each request leaves the client.
type sendTimes struct {
	pool  http.RoundTripper
	mu    sync.Mutex
	times []time.Time
}

func (s *sendTimes) RoundTrip(r *http.Request) (*http.Response, error) {
	s.mu.Lock()
	s.times = append(s.times, time.Now())
	s.mu.Unlock()
	return s.pool.RoundTrip(r)
}

// transportOfTest is a transport for one test's wrapper of a transport.
// It has a connection pool of its own, as a Client does by default: the
// pool of http.DefaultTransport is closed by every test server that
// stops, which breaks a request on a connection it is being handed.
func transportOfTest(t testing.TB) *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

func TestPacerHoldsTheRate(t *testing.T) {
	t.Parallel()
	const rate, burst, n = 50.0, 2, 30
	srv := notiontest.Start(t, notiontest.Options{Rows: 20, Rate: rate}) // only GetMe
	rec := &sendTimes{pool: transportOfTest(t)}
	c := newClient(t, srv, notiontest.TokenFull, notionapi.WithRate(rate, burst), notionapi.WithHTTPClient(&http.Client{Transport: rec}))
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := time.Now()
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range n / 6 {
				if _, err := c.GetMe(context.Background()); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	times := rec.times
	if len(times) != n {
		t.Fatalf("%d requests sent for %d calls (retries mean the pacer let too many through)", len(times), n)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	// Token-bucket invariant, counted from before the first call: by the
	// time the k-th request (from 1) left, the pacer had granted k, and it
	// grants at most burst + rate·t in t seconds. A late goroutine only
	// sends later, so the bound holds on any machine, however loaded (a
	// sliding window between two send times would not: two requests
	// granted 50 ms apart may leave together).
	for k, at := range times {
		earliest := start.Add(time.Duration(float64(k+1-burst) / rate * float64(time.Second)))
		if at.Before(earliest.Add(-time.Millisecond)) {
			t.Fatalf("request %d of %d left %v after the start, before the %g/s budget allows (%v)",
				k+1, n, at.Sub(start).Round(time.Millisecond), rate, earliest.Sub(start).Round(time.Millisecond))
		}
	}
	if st := srv.Stats(); st.RateLimited != 0 {
		t.Fatalf("the sandbox refused %d requests", st.RateLimited)
	}
}

func TestPaginationAndVersionPaths(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 250})
	ctx := context.Background()
	for _, v := range []string{notionapi.Version20220628, notionapi.Version20250903, notionapi.Version20260311} {
		t.Run(v, func(t *testing.T) {
			srv.ResetRequests()
			c := newClient(t, srv, notiontest.TokenFull, notionapi.WithVersion(v))
			id := notiontest.DataSourceTasks
			wantPath := "/v1/data_sources/" + id + "/query"
			if v == notionapi.Version20220628 {
				id, wantPath = notiontest.DatabaseTasks, "/v1/databases/"+notiontest.DatabaseTasks+"/query"
			}
			seen := map[string]bool{}
			for p, err := range c.QueryAll(ctx, id, notionapi.QueryParams{PageSize: 7}) {
				if err != nil {
					t.Fatal(err)
				}
				if seen[p.ID] {
					t.Fatalf("row %s twice", p.ID)
				}
				seen[p.ID] = true
				if p.Title() == "" {
					t.Fatalf("row %s has no title", p.ID)
				}
				if (p.Archived != nil) != (v != notionapi.Version20260311) {
					t.Fatalf("archived field presence wrong under %s", v)
				}
			}
			if want := srv.PageCount(notiontest.DataSourceTasks); len(seen) != want {
				t.Fatalf("%d rows, want %d", len(seen), want)
			}
			reqs := srv.Requests()
			if len(reqs) < len(seen)/7 {
				t.Fatalf("%d requests for %d rows at 7 a page", len(reqs), len(seen))
			}
			for _, r := range reqs {
				if r.Path != wantPath {
					t.Fatalf("query went to %s, want %s", r.Path, wantPath)
				}
			}
		})
	}
}

func TestQueryAllStopsAtTheCapWithAnError(t *testing.T) {
	t.Parallel()
	// A cap of 300 results a query stands for Notion's 10,000.
	const limit = 300
	srv := notiontest.Start(t, notiontest.Options{Rows: 350, ResultCap: limit})
	c := newClient(t, srv, notiontest.TokenFull)
	n := 0
	var last error
	for _, err := range c.QueryAll(context.Background(), notiontest.DataSourceEventLog, notionapi.QueryParams{}) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if n != limit || !errors.Is(last, notionapi.ErrResultLimit) {
		t.Fatalf("read %d rows, then %v", n, last)
	}
}

func TestSearchFollowsTheVersion(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20}) // data sources only
	ctx := context.Background()
	for _, tc := range []struct {
		version, value, object string
	}{
		{notionapi.Version20220628, "database", "database"},
		{notionapi.Version20260311, "data_source", "data_source"},
	} {
		srv.ResetRequests()
		c := newClient(t, srv, notiontest.TokenFull, notionapi.WithVersion(tc.version))
		titles := map[string]bool{}
		for r, err := range c.SearchAll(ctx, notionapi.SearchParams{Object: notionapi.ObjectDataSource}) {
			if err != nil {
				t.Fatal(err)
			}
			if r.Object != tc.object {
				t.Fatalf("%s: result of kind %s", tc.version, r.Object)
			}
			ds := r.AsDataSource()
			if ds == nil || ds.DatabaseID() == "" || len(ds.Properties) == 0 {
				t.Fatalf("%s: %s result as a data source: %+v", tc.version, r.Object, ds)
			}
			titles[ds.Title.Plain()] = true
		}
		if !titles["Reading List"] || titles["Customer Contracts"] {
			t.Fatalf("%s: titles %v", tc.version, titles)
		}
		if !bytes.Contains(srv.Requests()[0].Body, []byte(`"value":"`+tc.value+`"`)) {
			t.Fatalf("%s: body %s", tc.version, srv.Requests()[0].Body)
		}
		// SearchAllRaw asks the same and returns the same results, as JSON.
		srv.ResetRequests()
		raw := 0
		for r, err := range c.SearchAllRaw(ctx, notionapi.SearchParams{Object: notionapi.ObjectDataSource}) {
			if err != nil {
				t.Fatal(err)
			}
			var res notionapi.SearchResult
			if err := json.Unmarshal(r, &res); err != nil || res.Object != tc.object || !titles[res.AsDataSource().Title.Plain()] {
				t.Fatalf("%s: raw result %s (%v)", tc.version, r, err)
			}
			raw++
		}
		if raw != len(titles) || !bytes.Contains(srv.Requests()[0].Body, []byte(`"value":"`+tc.value+`"`)) {
			t.Fatalf("%s: %d raw results for %d titles; body %s", tc.version, raw, len(titles), srv.Requests()[0].Body)
		}
	}
}

func TestResolveDataSource(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ctx := context.Background()
	c := newClient(t, srv, notiontest.TokenFull)
	for _, in := range []string{
		notiontest.DatabaseReadingList,
		notiontest.DataSourceReadingList,
		"https://www.notion.so/acme/Reading-List-" + notionapi.CompactID(notiontest.DatabaseReadingList) + "?v=0123456789abcdef0123456789abcdef",
	} {
		ds, err := c.ResolveDataSource(ctx, in)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if ds.ID != notiontest.DataSourceReadingList || ds.Title.Plain() != "Reading List" {
			t.Fatalf("%s resolved to %s %q", in, ds.ID, ds.Title.Plain())
		}
		if _, ok := ds.Properties.Get("Author"); !ok {
			t.Fatalf("schema lacks Author: %v", ds.Properties.Names())
		}
	}
	_, err := c.ResolveDataSource(ctx, notiontest.DatabaseTeamDirectory)
	var multi *notionapi.MultipleDataSourcesError
	if !errors.As(err, &multi) || len(multi.DataSources) != 2 {
		t.Fatalf("two data sources: %v", err)
	}
	_, err = c.ResolveDataSource(ctx, notiontest.DatabaseUnshared)
	if e := apiError(t, err); e.Status != 404 || !strings.Contains(e.Message, "database") {
		t.Fatalf("unshared: %v", err)
	}
	old := newClient(t, srv, notiontest.TokenFull, notionapi.WithVersion(notionapi.Version20220628))
	ds, err := old.ResolveDataSource(ctx, notiontest.DatabaseReadingList)
	if err != nil || ds.ID != notiontest.DatabaseReadingList || len(ds.Properties) == 0 {
		t.Fatalf("2022-06-28: %v %+v", err, ds)
	}
}

// ResolveDataSource asks the kind of ID the input most likely is first:
// a bare ID as a data source (as the API lists them), a link's as a
// database (a database's URL carries the database's ID). The likely case
// costs no request that Notion answers 404.
func TestResolveDataSourceAsksTheLikelyKindFirst(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	ctx := context.Background()
	c := newClient(t, srv, notiontest.TokenFull)
	link := "https://www.notion.so/acme/Reading-List-" + notionapi.CompactID(notiontest.DatabaseReadingList)
	for _, tc := range []struct {
		name    string
		resolve func() (*notionapi.DataSource, error)
		want    []string
	}{
		{"a bare data source ID", func() (*notionapi.DataSource, error) {
			return c.ResolveDataSource(ctx, notiontest.DataSourceReadingList)
		}, []string{"GET /v1/data_sources/" + notiontest.DataSourceReadingList + " 200"}},
		{"a link", func() (*notionapi.DataSource, error) { return c.ResolveDataSource(ctx, link) }, []string{
			"GET /v1/databases/" + notiontest.DatabaseReadingList + " 200",
			"GET /v1/data_sources/" + notiontest.DataSourceReadingList + " 200",
		}},
		{"a parsed link", func() (*notionapi.DataSource, error) {
			l, err := notionapi.ParseLink(link)
			if err != nil {
				t.Fatal(err)
			}
			return c.ResolveLink(ctx, l)
		}, []string{
			"GET /v1/databases/" + notiontest.DatabaseReadingList + " 200",
			"GET /v1/data_sources/" + notiontest.DataSourceReadingList + " 200",
		}},
		{"a bare database ID, after the data source answered 404", func() (*notionapi.DataSource, error) {
			return c.ResolveDataSource(ctx, notiontest.DatabaseReadingList)
		}, []string{
			"GET /v1/data_sources/" + notiontest.DatabaseReadingList + " 404",
			"GET /v1/databases/" + notiontest.DatabaseReadingList + " 200",
			"GET /v1/data_sources/" + notiontest.DataSourceReadingList + " 200",
		}},
		{"a database ID already answered 404 as a data source", func() (*notionapi.DataSource, error) {
			return c.ResolveDatabase(ctx, notiontest.DatabaseReadingList)
		}, []string{
			"GET /v1/databases/" + notiontest.DatabaseReadingList + " 200",
			"GET /v1/data_sources/" + notiontest.DataSourceReadingList + " 200",
		}},
	} {
		srv.ResetRequests()
		ds, err := tc.resolve()
		if err != nil || ds.ID != notiontest.DataSourceReadingList {
			t.Fatalf("%s: %v %+v", tc.name, err, ds)
		}
		var got []string
		for _, r := range srv.Requests() {
			got = append(got, fmt.Sprintf("%s %s %d", r.Method, r.Path, r.Status))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: requests\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
	// Neither kind: the database's wording, which names the sharing fix,
	// marked as asked both ways (so no fix says "try the other kind").
	for _, in := range []string{notiontest.DatabaseUnshared, link[:len(link)-32] + notionapi.CompactID(notiontest.DatabaseUnshared)} {
		_, err := c.ResolveDataSource(ctx, in)
		if e := apiError(t, err); e.Status != 404 || !strings.Contains(e.Message, "database") || !e.BothKinds {
			t.Fatalf("unshared %s: %v (both kinds %v)", in, err, e.BothKinds)
		}
	}
	srv.ResetRequests()
	_, err := c.ResolveDatabase(ctx, notiontest.DatabaseUnshared)
	if e := apiError(t, err); e.Status != 404 || !strings.Contains(e.Message, "database") || !e.BothKinds || len(srv.Requests()) != 1 {
		t.Fatalf("ResolveDatabase of an unshared ID: %v (both kinds %v, %d requests)", err, e.BothKinds, len(srv.Requests()))
	}
	var multi *notionapi.MultipleDataSourcesError
	if _, err := c.ResolveDatabase(ctx, notiontest.DatabaseTeamDirectory); !errors.As(err, &multi) || len(multi.DataSources) != 2 {
		t.Fatalf("ResolveDatabase of two data sources: %v", err)
	}
	if _, err := c.GetDatabase(ctx, notiontest.DatabaseUnshared); apiError(t, err).BothKinds {
		t.Error("a database's own 404 says both kinds were asked")
	}
}

func TestGetDataSourceBridgesTheVersions(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	ctx := context.Background()
	for _, tc := range []struct{ version, id, path string }{
		{notionapi.Version20220628, notiontest.DatabaseReadingList, "/v1/databases/"},
		{notionapi.Version20250903, notiontest.DataSourceReadingList, "/v1/data_sources/"},
	} {
		c := newClient(t, srv, notiontest.TokenFull, notionapi.WithVersion(tc.version))
		ds, err := c.GetDataSource(ctx, tc.id)
		if err != nil {
			t.Fatalf("%s: %v", tc.version, err)
		}
		if _, ok := ds.Properties.Get("Author"); ds.ID != tc.id || ds.Title.Plain() != "Reading List" || !ok {
			t.Fatalf("%s: %s %q %v", tc.version, ds.ID, ds.Title.Plain(), ds.Properties.Names())
		}
		// The table it gives is what the version queries and creates in.
		if _, err := c.Query(ctx, ds.ID, notionapi.QueryParams{PageSize: 1}); err != nil {
			t.Fatalf("%s: querying the bridged table: %v", tc.version, err)
		}
		if p := c.QueryPath(notionapi.CompactID(ds.ID)); p != tc.path+ds.ID+"/query" {
			t.Errorf("%s: QueryPath = %s", tc.version, p)
		}
		if got := notionapi.DataSourceNoun(tc.version); got != map[bool]string{true: "data source", false: "database"}[notionapi.UsesDataSources(tc.version)] {
			t.Errorf("%s: DataSourceNoun = %q", tc.version, got)
		}
	}
	for _, r := range srv.Requests() {
		if r.Status != 200 {
			t.Errorf("%s %s answered %d", r.Method, r.Path, r.Status)
		}
	}
}

func TestCreatePageIsReadBackWithEveryWrittenType(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ctx := context.Background()
	c := newClient(t, srv, notiontest.TokenFull)
	ds, err := c.GetDataSource(ctx, notiontest.DataSourceReadingList)
	if err != nil {
		t.Fatal(err)
	}
	props := map[string]notionapi.PropertyValue{
		"Name":        notionapi.TitleValue("The Go Programming Language"),
		"Author":      notionapi.RichTextValue("Alan Donovan, Brian Kernighan"),
		"Pages":       notionapi.NumberValue(380),
		"Tags":        notionapi.MultiSelectValue("go"),
		"Finished":    notionapi.DateValueOf("2026-11-20", ""),
		"Recommended": notionapi.CheckboxValue(true),
		"Link":        notionapi.URLValue("https://www.gopl.io"),
		"Owner":       notionapi.PeopleValue(notiontest.UserMayaChen),
	}
	status, _ := ds.Properties.Get("Status")
	props["Status"] = notionapi.StatusValue(status.Status.Options[0].Name)
	body := notionapi.NewTextBlock(notionapi.BlockParagraph, "Chapter 8 on goroutines is the best.")
	created, err := c.CreatePage(ctx, notionapi.CreatePageParams{Parent: c.DataSourceParent(ds), Properties: props, Children: []notionapi.Block{body}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.GetPage(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range props {
		if g, w := notionapi.Cell(got.Properties[name]), notionapi.Cell(want); g != w {
			if name == "Owner" && g == "Maya Chen" {
				continue
			}
			t.Errorf("%s = %q, want %q", name, g, w)
		}
	}
	var texts []string
	for b, err := range c.ListBlockChildrenAll(ctx, created.ID) {
		if err != nil {
			t.Fatal(err)
		}
		if tx := b.Text(); tx != nil {
			texts = append(texts, tx.RichText.Plain())
		}
	}
	if !slices.Equal(texts, []string{"Chapter 8 on goroutines is the best."}) {
		t.Fatalf("content = %q", texts)
	}
}

func TestBlocksAndPropertyItems(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ctx := context.Background()
	c := newClient(t, srv, notiontest.TokenFull)
	kinds := map[string]bool{}
	for b, err := range c.ListBlockChildrenAll(ctx, notiontest.PageGettingStarted) {
		if err != nil {
			t.Fatal(err)
		}
		kinds[b.Type] = true
		if b.Type == "table_of_contents" && b.Raw == nil {
			t.Fatal("an unknown block type lost its payload")
		}
	}
	for _, k := range []string{"heading_1", "paragraph", "to_do", "code", "callout", "toggle", "divider", "table_of_contents"} {
		if !kinds[k] {
			t.Errorf("no %s block on the Getting started page (have %v)", k, kinds)
		}
	}
	// Every property of a row reads back through the property-item endpoint
	// with the value the page holds.
	l, err := c.Query(ctx, notiontest.DataSourceProjects, notionapi.QueryParams{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	page := l.Results[0]
	for name, v := range page.Properties {
		if v.Type == notionapi.PropRollup || v.Type == notionapi.PropFormula {
			continue
		}
		full, err := c.GetPropertyValue(ctx, page.ID, v.ID)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if g, w := notionapi.Cell(full), notionapi.Cell(v); g != w {
			t.Errorf("%s: property item %q, page %q", name, g, w)
		}
	}
}

func TestDebugLogRedactsTheToken(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newClient(t, srv, notiontest.TokenFull, notionapi.WithLogger(logger))
	ctx := context.Background()
	if _, err := c.GetMe(ctx); err != nil {
		t.Fatal(err)
	}
	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 529, RetryAfter: "0"})
	if _, err := c.GetMe(ctx); err != nil {
		t.Fatal(err)
	}
	log := buf.String()
	if strings.Contains(log, notiontest.TokenFull) || strings.Contains(log, "sandbox_full") {
		t.Fatalf("the token is in the debug log:\n%s", log)
	}
	for _, want := range []string{"Authorization=[REDACTED]", "path=/v1/users/me", "status=200", "request_id=", "retries=1", "notion retry"} {
		if !strings.Contains(log, want) {
			t.Errorf("debug log lacks %q:\n%s", want, log)
		}
	}
}

func TestOAuthCallsUseBasicAuthAndRedactBodies(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	var infos []notionapi.RequestInfo
	c := newClient(t, srv, "", notionapi.WithHooks(notionapi.Hooks{OnRequest: func(ri notionapi.RequestInfo) { infos = append(infos, ri) }}))
	ctx := context.Background()
	creds := notionapi.OAuthCredentials{ClientID: notiontest.OAuthClientID, ClientSecret: notiontest.OAuthClientSecret}
	// An internal integration's token is not one of this client's OAuth
	// tokens: inactive, but the call itself succeeds.
	if r, err := c.IntrospectToken(ctx, creds, notiontest.TokenFull); err != nil || r.Active {
		t.Fatalf("introspect: %+v %v", r, err)
	}
	req := srv.Requests()[0]
	user, pass, ok := (&http.Request{Header: req.Header}).BasicAuth()
	if !ok || user != notiontest.OAuthClientID || pass != notiontest.OAuthClientSecret {
		t.Fatalf("Basic auth = %q %v", req.Header.Get("Authorization"), ok)
	}
	if bytes.Contains(infos[0].Body, []byte(notiontest.TokenFull)) || strings.Contains(infos[0].Curl(), notiontest.OAuthClientSecret) {
		t.Fatalf("secrets in the request log: %s", infos[0].Body)
	}
	bad := notionapi.OAuthCredentials{ClientID: notiontest.OAuthClientID, ClientSecret: "wrong"}
	if _, err := c.IntrospectToken(ctx, bad, notiontest.TokenFull); notionapi.StatusOf(err) != 401 {
		t.Fatalf("wrong secret: %v", err)
	}
}

// TestPropertyItemsPastTheReferenceCap: a page answer holds at most 25
// references of a relation; the property-item endpoint pages through all.
func TestPropertyItemsPastTheReferenceCap(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ctx := context.Background()
	c := newClient(t, srv, notiontest.TokenFull)
	tasks := make([]string, 0, 30)
	for task, err := range c.QueryAll(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: 30}) {
		if err != nil {
			t.Fatal(err)
		}
		if tasks = append(tasks, task.ID); len(tasks) == 30 {
			break
		}
	}
	ds, err := c.GetDataSource(ctx, notiontest.DataSourceProjects)
	if err != nil {
		t.Fatal(err)
	}
	title, _ := ds.Properties.Title()
	created, err := c.CreatePage(ctx, notionapi.CreatePageParams{
		Parent: c.DataSourceParent(ds),
		Properties: map[string]notionapi.PropertyValue{
			title.Name: notionapi.TitleValue("Big migration"),
			"Tasks":    notionapi.RelationValue(tasks...),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	page, err := c.GetPage(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	inPage := page.Properties["Tasks"]
	if len(inPage.Relation) != 25 || !inPage.HasMore {
		t.Fatalf("the page answer holds %d references, has_more %v; want 25 and true", len(inPage.Relation), inPage.HasMore)
	}
	var ids []string
	for it, err := range c.ListPropertyItemsAll(ctx, created.ID, inPage.ID) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, it.Relation[0].ID)
	}
	if !slices.Equal(ids, tasks) {
		t.Fatalf("property items gave %d references, want the 30 written in order", len(ids))
	}
	full, err := c.GetPropertyValue(ctx, created.ID, inPage.ID)
	if err != nil || len(full.Relation) != 30 {
		t.Fatalf("PropertyValue: %d references, %v", len(full.Relation), err)
	}
}

func TestAClientHasAConnectionPoolOfItsOwn(t *testing.T) {
	t.Parallel()
	a, err := notionapi.NewClient("ntn_a")
	if err != nil {
		t.Fatal(err)
	}
	b, err := notionapi.NewClient("ntn_b")
	if err != nil {
		t.Fatal(err)
	}
	ta, ok := notionapi.Transport(a).(*http.Transport)
	if !ok || ta == http.DefaultTransport || ta == notionapi.Transport(b) {
		t.Fatalf("transport %T %p: want an *http.Transport of this client's own", notionapi.Transport(a), notionapi.Transport(a))
	}
	// http.DefaultTransport's settings, copied.
	def := http.DefaultTransport.(*http.Transport)
	if ta.Proxy == nil || !ta.ForceAttemptHTTP2 || ta.IdleConnTimeout != def.IdleConnTimeout || ta.TLSHandshakeTimeout != def.TLSHandshakeTimeout {
		t.Errorf("settings differ from http.DefaultTransport's: proxy %v, HTTP/2 %v, idle %s, TLS %s", ta.Proxy != nil, ta.ForceAttemptHTTP2, ta.IdleConnTimeout, ta.TLSHandshakeTimeout)
	}
	// A caller's own transport is used as it is.
	mine := &sendTimes{pool: transportOfTest(t)}
	c, err := notionapi.NewClient("ntn_c", notionapi.WithHTTPClient(&http.Client{Transport: mine}))
	if err != nil {
		t.Fatal(err)
	}
	if notionapi.Transport(c) != mine {
		t.Errorf("transport %T, want the caller's", notionapi.Transport(c))
	}
}

package notionapi_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

// scripted is a test server that answers as a test scripts it and records
// what reached it.
type scripted struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
}

// seen is a request as it reached a hostile server.
type seen struct {
	Method, Path string
	Header       http.Header
	Body         []byte
}

// serveScripted starts a loopback server that records each request, then
// answers it with h (n is the request's index, from 0).
func serveScripted(t *testing.T, h func(w http.ResponseWriter, r *http.Request, n int)) *scripted {
	t.Helper()
	s := &scripted{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		s.mu.Lock()
		n := len(s.reqs)
		s.reqs = append(s.reqs, seen{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
		s.mu.Unlock()
		h(w, r, n)
	}))
	t.Cleanup(s.Close)
	return s
}

// requests returns what reached the server so far.
func (s *scripted) requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.reqs...)
}

// waits records the waits a client announces before retrying; the client's
// sleeps return at once, so no test waits for real.
type waits struct {
	mu sync.Mutex
	d  []notionapi.RetryInfo
}

func (w *waits) hook(ri notionapi.RetryInfo) {
	w.mu.Lock()
	w.d = append(w.d, ri)
	w.mu.Unlock()
}

func (w *waits) all() []notionapi.RetryInfo {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]notionapi.RetryInfo(nil), w.d...)
}

// scriptedClient returns a client for s without pacing, whose waits are
// recorded in w (which may be nil) and pass at once.
func scriptedClient(t *testing.T, base string, w *waits, opts ...notionapi.Option) *notionapi.Client {
	t.Helper()
	all := []notionapi.Option{notionapi.WithBaseURL(base), notionapi.WithRate(0, 0)}
	if w != nil {
		all = append(all, notionapi.WithHooks(notionapi.Hooks{OnRetry: w.hook}))
	}
	c, err := notionapi.NewClient(testToken, append(all, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	notionapi.SetSleep(c, func(ctx context.Context, _ time.Duration) error { return ctx.Err() })
	return c
}

// testToken looks like an internal integration token, long enough to be
// redacted wherever it shows up.
const testToken = "ntn_4527091358b7kQ3x9PzLmVw2RtYcE8uJ5hN1oA6sDfG0"

const meJSON = `{"object":"user","id":"9a3b1c1e-52b5-4bb5-9a59-0d5d5a8cb3a1","type":"bot","name":"Test","bot":{}}`

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func TestHostileRetryAfterFallsBackToBackoff(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"NaN", "Inf", "-Inf", "1e308", "-5", "0x10", "Sat, 01 Jan 2000 00:00:00 GMT"} {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n < 2 {
					w.Header().Set("Retry-After", v)
					writeJSON(w, 429, `{"object":"error","status":429,"code":"rate_limited","message":"slow down","additional_data":{"retry_after":"`+v+`"}}`)
					return
				}
				writeJSON(w, 200, meJSON)
			})
			var w waits
			if _, err := scriptedClient(t, srv.URL, &w).GetMe(context.Background()); err != nil {
				t.Fatal(err)
			}
			got := w.all()
			if len(got) != 2 {
				t.Fatalf("%d waits, want 2", len(got))
			}
			// The back-off: 500 ms·2^n scaled by [0.5, 1.5).
			for i, ri := range got {
				lo, hi := 250*time.Millisecond<<i, 750*time.Millisecond<<i
				if ri.Wait < lo || ri.Wait >= hi {
					t.Errorf("wait %d = %s, want the back-off in [%s, %s)", i, ri.Wait, lo, hi)
				}
			}
		})
	}
}

// countingTransport counts the response bytes the client reads.
type countingTransport struct {
	pool http.RoundTripper
	mu   sync.Mutex
	read int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.pool.RoundTrip(r)
	if err == nil {
		resp.Body = &countingBody{ReadCloser: resp.Body, t: c}
	}
	return resp, err
}

func (c *countingTransport) bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.read
}

type countingBody struct {
	io.ReadCloser
	t *countingTransport
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.t.mu.Lock()
	b.t.read += int64(n)
	b.t.mu.Unlock()
	return n, err
}

func TestHugeErrorBodyIsReadOnlyInPart(t *testing.T) {
	t.Parallel()
	chunk := []byte(strings.Repeat("<p>proxy error</p>", 1<<12))
	srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(200<<20))
		w.WriteHeader(http.StatusBadGateway)
		for sent := 0; sent < 200<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return // the client hung up
			}
		}
	})
	ct := &countingTransport{pool: transportOfTest(t)}
	c := scriptedClient(t, srv.URL, nil, notionapi.WithHTTPClient(&http.Client{Transport: ct}), notionapi.WithMaxRetries(0))
	_, err := c.GetMe(context.Background())
	e := apiError(t, err)
	if e.Status != http.StatusBadGateway || !strings.Contains(e.Body, "proxy error") {
		t.Fatalf("err = %v", err)
	}
	if got := ct.bytes(); got > 1<<20 {
		t.Fatalf("read %d bytes of a 200 MB error body to quote %d", got, len(e.Body))
	}
}

func TestRedirectsAreNeverFollowed(t *testing.T) {
	t.Parallel()
	// Where a redirect points: anything reaching it is a leak.
	target := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, meJSON) })
	create := notionapi.CreatePageParams{
		Parent:     notionapi.Parent{Type: "page_id", PageID: "9a3b1c1e52b54bb59a590d5d5a8cb3a1"},
		Properties: map[string]notionapi.PropertyValue{"title": notionapi.TitleValue("Quarterly plan")},
	}
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// https → http on the same host, another port.
		http.Redirect(w, r, target.URL+r.URL.Path, http.StatusMovedPermanently)
	}))
	t.Cleanup(tls.Close)
	caller := tls.Client()

	cases := []struct {
		name   string
		base   string
		status int
		opts   []notionapi.Option
		call   func(*notionapi.Client) error
		loc    string
	}{
		{"307 replaying a create elsewhere", "", http.StatusTemporaryRedirect, nil, func(c *notionapi.Client) error {
			_, err := c.CreatePage(context.Background(), create)
			return err
		}, target.URL + "/v1/pages"},
		{"308 on a query", "", http.StatusPermanentRedirect, nil, func(c *notionapi.Client) error {
			_, err := c.Query(context.Background(), "9a3b1c1e52b54bb59a590d5d5a8cb3a1", notionapi.QueryParams{})
			return err
		}, target.URL + "/v1/data_sources/9a3b1c1e-52b5-4bb5-9a59-0d5d5a8cb3a1/query"},
		{"302 on a GET", "", http.StatusFound, nil, func(c *notionapi.Client) error {
			_, err := c.GetMe(context.Background())
			return err
		}, target.URL + "/v1/users/me"},
		{"https to http", tls.URL, http.StatusMovedPermanently, []notionapi.Option{notionapi.WithHTTPClient(caller)}, func(c *notionapi.Client) error {
			_, err := c.GetMe(context.Background())
			return err
		}, target.URL + "/v1/users/me"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base := tc.base
			if base == "" {
				src := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) {
					w.Header().Set("Location", target.URL+r.URL.Path+"?token="+testToken)
					w.WriteHeader(tc.status)
				})
				base = src.URL
			}
			err := tc.call(scriptedClient(t, base, nil, tc.opts...))
			var re *notionapi.RedirectError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v (%T), want a *RedirectError", err, err)
			}
			if re.Status != tc.status || re.Location != tc.loc {
				t.Errorf("status %d, location %q; want %d, %q", re.Status, re.Location, tc.status, tc.loc)
			}
			if msg := err.Error(); !strings.Contains(msg, "never redirects") || !strings.Contains(msg, "base URL") || strings.Contains(msg, testToken) {
				t.Errorf("message = %q", msg)
			}
			if notionapi.StatusOf(err) == http.StatusUnauthorized {
				t.Error("a redirect reads as a 401")
			}
		})
	}
	if got := target.requests(); len(got) != 0 {
		t.Fatalf("%d requests followed a redirect, the first %s %s with Authorization %q", len(got), got[0].Method, got[0].Path, got[0].Header.Get("Authorization"))
	}
	if caller.CheckRedirect != nil {
		t.Error("the caller's http.Client was changed")
	}
	if re := (&notionapi.RedirectError{URL: tls.URL, Location: target.URL}); !re.Downgrade() {
		t.Error("https → http is not reported as a downgrade")
	}
}

func TestEchoedSecretsAreRedactedEverywhere(t *testing.T) {
	t.Parallel()
	creds := notionapi.OAuthCredentials{ClientID: "client-7d1e", ClientSecret: "secret_Q8vN3kLp0ZxW5yT2mR7u"}
	basic := base64.StdEncoding.EncodeToString([]byte(creds.ClientID + ":" + creds.ClientSecret))
	// A proxy that quotes the request's headers back, in every place an
	// answer can carry text.
	echo := func(r *http.Request) string {
		return r.Header.Get("Authorization") + " " + strings.TrimPrefix(r.Header.Get("Authorization"), "Basic ")
	}
	shapes := map[string]func(w http.ResponseWriter, r *http.Request){
		"html error page": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprintf(w, "<h1>Bad gateway</h1><pre>Authorization: %s</pre>", echo(r))
		},
		"notion error body": func(w http.ResponseWriter, r *http.Request) {
			msg, _ := json.Marshal("token " + echo(r) + " is invalid")
			data, _ := json.Marshal(map[string]any{"echo": []any{echo(r), map[string]any{echo(r): url.QueryEscape(echo(r))}}})
			writeJSON(w, http.StatusBadRequest, `{"object":"error","status":400,"code":"validation_error","message":`+string(msg)+`,"additional_data":`+string(data)+`}`)
		},
		"garbled success": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprintf(w, "you sent %s", echo(r))
		},
		"malformed answer": func(w http.ResponseWriter, r *http.Request) {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				return
			}
			defer conn.Close()
			fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nEcho %s\r\n\r\n", echo(r))
			buf.Flush()
		},
	}
	for name, answer := range shapes {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) { answer(w, r) })
			var logBuf bytes.Buffer
			var mu sync.Mutex
			var logged []notionapi.RequestInfo
			c := scriptedClient(t, srv.URL, nil, notionapi.WithMaxRetries(0),
				notionapi.WithLogger(slog.New(slog.NewTextHandler(&syncWriter{w: &logBuf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))),
				notionapi.WithHooks(notionapi.Hooks{OnRequest: func(ri notionapi.RequestInfo) { mu.Lock(); logged = append(logged, ri); mu.Unlock() }}))

			_, bearerErr := c.GetMe(context.Background())
			_, basicErr := c.RefreshToken(context.Background(), creds, "refresh_Zb81mQ4nK2vX9")
			for _, err := range []error{bearerErr, basicErr} {
				if err == nil {
					t.Fatal("no error from a hostile answer")
				}
				text := fmt.Sprintf("%v %+v", err, err)
				var ae *notionapi.APIError
				if errors.As(err, &ae) {
					text += fmt.Sprint(ae.Body, ae.Message, ae.AdditionalData)
				}
				var de *notionapi.DecodeError
				if errors.As(err, &de) {
					text += de.Snippet
				}
				assertNoSecret(t, "error", text, creds.ClientSecret, basic)
			}
			mu.Lock()
			defer mu.Unlock()
			assertNoSecret(t, "debug log", logBuf.String(), creds.ClientSecret, basic)
			if len(logged) != 2 {
				t.Fatalf("%d request-log entries", len(logged))
			}
			for _, ri := range logged {
				assertNoSecret(t, "request log", fmt.Sprintf("%v %s %s", ri.Err, ri.Body, ri.Curl()), creds.ClientSecret, basic)
			}
			if !strings.Contains(fmt.Sprint(bearerErr), "[REDACTED]") {
				t.Errorf("the echo is gone instead of marked: %v", bearerErr)
			}
		})
	}
}

func assertNoSecret(t *testing.T, where, text string, more ...string) {
	t.Helper()
	for _, s := range append([]string{testToken, "refresh_Zb81mQ4nK2vX9"}, more...) {
		for _, form := range []string{s, url.QueryEscape(s)} {
			if strings.Contains(text, form) {
				t.Errorf("%s holds the secret %q:\n%s", where, form, text)
			}
		}
	}
}

type syncWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func TestTokenInARequestBodyIsSentButNotLogged(t *testing.T) {
	t.Parallel()
	srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, 200, `{"object":"page","id":"9a3b1c1e-52b5-4bb5-9a59-0d5d5a8cb3a1","properties":{}}`)
	})
	var logged []byte
	c := scriptedClient(t, srv.URL, nil, notionapi.WithHooks(notionapi.Hooks{OnRequest: func(ri notionapi.RequestInfo) { logged = ri.Body }}))
	_, err := c.CreatePage(context.Background(), notionapi.CreatePageParams{
		Parent:     notionapi.Parent{Type: "page_id", PageID: "9a3b1c1e52b54bb59a590d5d5a8cb3a1"},
		Properties: map[string]notionapi.PropertyValue{"title": notionapi.TitleValue("my token is " + testToken)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sent := srv.requests()[0].Body; !bytes.Contains(sent, []byte(testToken)) {
		t.Fatalf("the page was not sent as written: %s", sent)
	}
	if bytes.Contains(logged, []byte(testToken)) || !bytes.Contains(logged, []byte("my token is [REDACTED]")) {
		t.Fatalf("request log body = %s", logged)
	}
}

// userPage is a page of users with the given IDs and cursor.
func userPage(cursor string, ids ...string) string {
	var rows []string
	for _, id := range ids {
		rows = append(rows, `{"object":"user","id":"`+id+`","type":"person","name":"U `+id+`"}`)
	}
	next, more := "null", "false"
	if cursor != "" {
		next, more = `"`+cursor+`"`, "true"
	}
	return `{"object":"list","results":[` + strings.Join(rows, ",") + `],"next_cursor":` + next + `,"has_more":` + more + `,"type":"user","user":{}}`
}

func TestEndlessPaginationStops(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		page     func(n int) string
		repeated bool
		wantRows int
	}{
		{"the same cursor every time", func(n int) string { return userPage("c1", fmt.Sprint("u", n)) }, true, 2},
		{"the cursor it was sent", func(n int) string {
			if n == 0 {
				return userPage("c1", "u0")
			}
			return userPage("c1", "u1")
		}, true, 2},
		{"new cursors, the same rows", func(n int) string { return userPage(fmt.Sprint("c", n), "u0", "u1") }, false, 2},
		{"new cursors, empty pages", func(n int) string { return userPage(fmt.Sprint("c", n)) }, false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n > 50 {
					w.WriteHeader(http.StatusTeapot) // a loop the client did not see
					return
				}
				writeJSON(w, 200, tc.page(n))
			})
			var ids []string
			var perr *notionapi.PaginationError
			for u, err := range scriptedClient(t, srv.URL, nil).ListUsersAll(context.Background()) {
				if err != nil {
					if !errors.As(err, &perr) {
						t.Fatalf("err = %v, want a *PaginationError", err)
					}
					break
				}
				ids = append(ids, u.ID)
			}
			if perr == nil {
				t.Fatalf("the iteration ended without an error after %d requests", len(srv.requests()))
			}
			if perr.RepeatedCursor != tc.repeated || perr.Op != "GET /v1/users" || !strings.Contains(perr.Error(), "never ends") {
				t.Errorf("error = %+v (%v)", perr, perr)
			}
			if len(ids) != tc.wantRows || len(ids) != perr.Rows {
				t.Errorf("yielded %v, error counts %d rows; want %d rows, each once", ids, perr.Rows, tc.wantRows)
			}
			if n := len(srv.requests()); n > 5 {
				t.Errorf("%d requests before stopping", n)
			}
		})
	}
}

func TestShortAndEmptyPagesAreNotALoop(t *testing.T) {
	t.Parallel()
	pages := []string{userPage("c1", "u0"), userPage("c2"), userPage("c3", "u0", "u1"), userPage("c4"), userPage("", "u2")}
	srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, pages[n]) })
	var ids []string
	for u, err := range scriptedClient(t, srv.URL, nil).ListUsersAll(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID)
	}
	if strings.Join(ids, ",") != "u0,u1,u2" {
		t.Fatalf("yielded %v, want each row once", ids)
	}
}

func TestEndlessPaginationStopsEveryIterator(t *testing.T) {
	t.Parallel()
	const id = "9a3b1c1e52b54bb59a590d5d5a8cb3a1"
	srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case strings.Contains(r.URL.Path, "/properties/"):
			writeJSON(w, 200, `{"object":"list","results":[{"object":"property_item","id":"title","type":"title","title":{"type":"text","text":{"content":"x"},"plain_text":"x"}}],"next_cursor":"same","has_more":true,"type":"property_item","property_item":{"id":"title","type":"title","next_url":null}}`)
		case strings.HasSuffix(r.URL.Path, "/children"):
			writeJSON(w, 200, `{"object":"list","results":[{"object":"block","id":"b1","type":"divider","divider":{}}],"next_cursor":"same","has_more":true,"type":"block","block":{}}`)
		case r.URL.Path == "/v1/search":
			writeJSON(w, 200, `{"object":"list","results":[{"object":"page","id":"p1","properties":{}}],"next_cursor":"same","has_more":true,"type":"page_or_data_source","page_or_data_source":{}}`)
		default:
			writeJSON(w, 200, `{"object":"list","results":[{"object":"page","id":"p1","properties":{}}],"next_cursor":"same","has_more":true,"type":"page_or_data_source","page_or_data_source":{}}`)
		}
	})
	c := scriptedClient(t, srv.URL, nil)
	ctx := context.Background()
	lastErr := func(seq func(func(error) bool)) error {
		var last error
		n := 0
		seq(func(err error) bool {
			n++
			last = err
			return n < 1000
		})
		return last
	}
	iterators := map[string]func(func(error) bool){
		"SearchAll": func(y func(error) bool) {
			for _, err := range c.SearchAll(ctx, notionapi.SearchParams{}) {
				if !y(err) {
					return
				}
			}
		},
		"SearchAllRaw": func(y func(error) bool) {
			for _, err := range c.SearchAllRaw(ctx, notionapi.SearchParams{}) {
				if !y(err) {
					return
				}
			}
		},
		"QueryAll": func(y func(error) bool) {
			for _, err := range c.QueryAll(ctx, id, notionapi.QueryParams{}) {
				if !y(err) {
					return
				}
			}
		},
		"ListBlockChildrenAll": func(y func(error) bool) {
			for _, err := range c.ListBlockChildrenAll(ctx, id) {
				if !y(err) {
					return
				}
			}
		},
		"ListPropertyItemsAll": func(y func(error) bool) {
			for _, err := range c.ListPropertyItemsAll(ctx, id, "title") {
				if !y(err) {
					return
				}
			}
		},
		"PropertyValue": func(y func(error) bool) { _, err := c.GetPropertyValue(ctx, id, "title"); y(err) },
	}
	for name, seq := range iterators {
		var perr *notionapi.PaginationError
		if err := lastErr(seq); !errors.As(err, &perr) || !perr.RepeatedCursor {
			t.Errorf("%s ended with %v, want a *PaginationError", name, err)
		}
	}
}

// wikiAnswer is a wiki data source's query answer when it is not asked for
// pages only: a child data source among the pages.
const wikiAnswer = `{"object":"list","results":[
	{"object":"page","id":"11111111-1111-4111-8111-111111111111","properties":{"Name":{"id":"title","type":"title","title":[{"type":"text","text":{"content":"Onboarding"},"plain_text":"Onboarding"}]}}},
	{"object":"data_source","id":"22222222-2222-4222-8222-222222222222","title":[{"type":"text","text":{"content":"Glossary"},"plain_text":"Glossary"}],"properties":{"Term":{"id":"title","name":"Term","type":"title","title":{}},"Pages":{"id":"a%3Bb","name":"Pages","type":"number","number":{"format":"number"}}}},
	{"object":"page","id":"33333333-3333-4333-8333-333333333333","properties":{}}
],"next_cursor":null,"has_more":false,"type":"page_or_data_source","page_or_data_source":{}}`

func TestWikiQueriesAskForPagesAndDecodeByObject(t *testing.T) {
	t.Parallel()
	const ds = "9a3b1c1e52b54bb59a590d5d5a8cb3a1"
	for _, v := range []string{notionapi.Version20220628, notionapi.Version20250903, notionapi.Version20260311} {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, wikiAnswer) })
			c := scriptedClient(t, srv.URL, nil, notionapi.WithVersion(v))
			ctx := context.Background()

			l, err := c.Query(ctx, ds, notionapi.QueryParams{})
			if err != nil {
				t.Fatalf("a data source among the rows failed the page: %v", err)
			}
			if len(l.Results) != 2 || l.Results[0].Title() != "Onboarding" || len(l.Other) != 1 || !strings.Contains(string(l.Other[0]), "Glossary") {
				t.Fatalf("results %d, other %d", len(l.Results), len(l.Other))
			}
			raw, err := c.QueryRaw(ctx, ds, notionapi.QueryParams{})
			if err != nil || len(raw.Results) != 2 || len(raw.Other) != 1 {
				t.Fatalf("QueryRaw: %v", err)
			}
			var ids []string
			for p, err := range c.QueryAll(ctx, ds, notionapi.QueryParams{}) {
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, p.ID)
			}
			if len(ids) != 2 {
				t.Fatalf("QueryAll yielded %v", ids)
			}

			var body map[string]any
			if err := json.Unmarshal(srv.requests()[0].Body, &body); err != nil {
				t.Fatal(err)
			}
			rt, sent := body["result_type"]
			if want := notionapi.UsesDataSources(v); sent != want || sent && rt != "page" {
				t.Fatalf("result_type = %v (sent %v) under %s", rt, sent, v)
			}
		})
	}
}

func TestAPageThatFailsToDecodeStillFailsTheQuery(t *testing.T) {
	t.Parallel()
	srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, 200, `{"object":"list","results":[{"object":"page","id":"p","created_time":"yesterday"}],"next_cursor":null,"has_more":false}`)
	})
	_, err := scriptedClient(t, srv.URL, nil).Query(context.Background(), "9a3b1c1e52b54bb59a590d5d5a8cb3a1", notionapi.QueryParams{})
	var de *notionapi.DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want a *DecodeError", err)
	}
}

// TestAReadAllPageThatFailsToDecodeEndsTheRead: a page of the rows
// ReadAll hands over next that does not decode ends the read with the
// answer's DecodeError, and the token in it hidden. (A row held as JSON
// is decoded when handed over: TestAHeldRowThatFailsToDecode.)
func TestAReadAllPageThatFailsToDecodeEndsTheRead(t *testing.T) {
	t.Parallel()
	srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, 200, `{"object":"list","results":[`+
			`{"object":"page","id":"a","properties":{"N":{"type":"number","number":"`+testToken+`"}}}`+
			`],"next_cursor":null,"has_more":false}`)
	})
	c := scriptedClient(t, srv.URL, nil)
	var last error
	n := 0
	for _, err := range c.ReadAll(context.Background(), "9a3b1c1e52b54bb59a590d5d5a8cb3a1", notionapi.QueryParams{}, notionapi.ReadAllOptions{}) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	var de *notionapi.DecodeError
	if n != 0 || !errors.As(last, &de) {
		t.Fatalf("%d rows, then %v; want none, then a *DecodeError", n, last)
	}
	if de.Method != http.MethodPost || de.Status != 200 || !strings.HasPrefix(de.ContentType, "application/json") {
		t.Errorf("the error tells %s, %d, %q; want the answer's POST, 200 and application/json", de.Method, de.Status, de.ContentType)
	}
	if strings.Contains(last.Error(), testToken) || !strings.Contains(de.Snippet, "[REDACTED]") {
		t.Errorf("the token is not hidden: %v", last)
	}
}

func TestACommittedCreateIsSavedAndSentOnce(t *testing.T) {
	t.Parallel()
	const saved = "44444444-4444-4444-8444-444444444444"
	srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, http.StatusServiceUnavailable, `{"object":"error","status":503,"code":"service_unavailable",
			"message":"The change was saved, but the response could not be built in time. Read the object again instead of repeating the write.",
			"additional_data":{"from":"create_page","committed_resource_id":"`+saved+`","retry_guidance":["Read the object again to confirm the saved change.","Do not repeat the write."]}}`)
	})
	_, err := scriptedClient(t, srv.URL, nil).CreatePage(context.Background(), notionapi.CreatePageParams{
		Parent:     notionapi.Parent{Type: "page_id", PageID: "9a3b1c1e52b54bb59a590d5d5a8cb3a1"},
		Properties: map[string]notionapi.PropertyValue{"title": notionapi.TitleValue("Quarterly plan")},
	})
	if id, ok := notionapi.Saved(err); !ok || id != saved {
		t.Fatalf("Saved(%v) = %q, %v", err, id, ok)
	}
	if n := len(srv.requests()); n != 1 {
		t.Fatalf("a saved create was sent %d times", n)
	}
}

func TestIncompleteQueriesSayWhy(t *testing.T) {
	t.Parallel()
	for reason, isCap := range map[string]bool{"query_result_limit_reached": true, "": true, "shard_timeout": false} {
		srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) {
			writeJSON(w, 200, `{"object":"list","results":[{"object":"page","id":"p1","properties":{}}],"next_cursor":null,"has_more":false,
				"request_status":{"type":"incomplete","incomplete_reason":"`+reason+`"}}`)
		})
		var last error
		for _, err := range scriptedClient(t, srv.URL, nil).QueryAll(context.Background(), "9a3b1c1e52b54bb59a590d5d5a8cb3a1", notionapi.QueryParams{}) {
			last = err
		}
		var ie *notionapi.IncompleteError
		if !errors.As(last, &ie) || ie.Reason != reason || ie.Rows != 1 || errors.Is(last, notionapi.ErrResultLimit) != isCap {
			t.Errorf("reason %q: err = %v", reason, last)
		}
		if !isCap && !strings.Contains(last.Error(), reason) {
			t.Errorf("reason %q not named: %v", reason, last)
		}
	}
}

// workspaceLimit answers n requests with the workspace's rate limit and a
// Retry-After of wait seconds, then meJSON.
func workspaceLimit(t *testing.T, n int, wait string) *scripted {
	return serveScripted(t, func(w http.ResponseWriter, r *http.Request, i int) {
		if i < n {
			w.Header().Set("Retry-After", wait)
			writeJSON(w, 429, `{"object":"error","status":429,"code":"rate_limited","message":"You have been rate limited. Please try again in a few minutes.",
				"additional_data":{"rate_limit_reason":"public_api_space_request_rate_limit","retry_after":"`+wait+`"}}`)
			return
		}
		writeJSON(w, 200, meJSON)
	})
}

func TestAWorkspaceRateLimitIsWaitedOutBeyondAMinute(t *testing.T) {
	t.Parallel()
	srv := workspaceLimit(t, 1, "150")
	var w waits
	start := time.Now()
	if _, err := scriptedClient(t, srv.URL, &w).GetMe(context.Background()); err != nil {
		t.Fatalf("a 150 s Retry-After ended the call: %v", err)
	}
	got := w.all()
	if len(got) != 1 {
		t.Fatalf("%d waits announced", len(got))
	}
	ri := got[0]
	if ri.Wait != 150*time.Second || ri.Reason != notionapi.RateLimitWorkspace || ri.Status != 429 || ri.Attempt != 1 {
		t.Errorf("announced %+v", ri)
	}
	if until := ri.Until.Sub(start); until < 150*time.Second || until > 151*time.Second {
		t.Errorf("countdown ends %s after the call began, want 150 s", until)
	}
	if n := len(srv.requests()); n != 2 {
		t.Errorf("%d requests, want the refused one and the retry", n)
	}
}

func TestAWaitBeyondTheCapEndsWithAClearError(t *testing.T) {
	t.Parallel()
	srv := workspaceLimit(t, 1, "900")
	var w waits
	_, err := scriptedClient(t, srv.URL, &w).GetMe(context.Background())
	var tooLong *notionapi.WaitTooLongError
	if !errors.As(err, &tooLong) {
		t.Fatalf("err = %v (%T), want a *WaitTooLongError", err, err)
	}
	if tooLong.Wait != 15*time.Minute || tooLong.Max != notionapi.DefaultMaxRetryWait || tooLong.Err.RateLimitReason() != notionapi.RateLimitWorkspace {
		t.Errorf("error = %+v", tooLong)
	}
	if msg := err.Error(); !strings.Contains(msg, "wait 15m0s") || !strings.Contains(msg, "try again after") {
		t.Errorf("message = %q", msg)
	}
	if !notionapi.IsCode(err, notionapi.CodeRateLimited) || notionapi.StatusOf(err) != 429 {
		t.Error("the rate-limit answer is not reachable through the error")
	}
	if n, announced := len(srv.requests()), len(w.all()); n != 1 || announced != 0 {
		t.Errorf("%d requests, %d waits announced; want 1 and none", n, announced)
	}
}

func TestTheUserAgentIsTheCallersOrNamesTheLibrary(t *testing.T) {
	t.Parallel()
	srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, meJSON) })
	for _, tc := range []struct {
		opts []notionapi.Option
		want string
	}{
		{nil, notionapi.DefaultUserAgent()},
		{[]notionapi.Option{notionapi.WithUserAgent("")}, notionapi.DefaultUserAgent()},
		{[]notionapi.Option{notionapi.WithUserAgent(" notion-tui/1.4.0 ")}, "notion-tui/1.4.0"},
	} {
		c := scriptedClient(t, srv.URL, nil, tc.opts...)
		if _, err := c.GetMe(context.Background()); err != nil {
			t.Fatal(err)
		}
		reqs := srv.requests()
		if got := reqs[len(reqs)-1].Header.Get("User-Agent"); got != tc.want || c.UserAgent() != tc.want {
			t.Errorf("User-Agent sent %q, reported %q; want %q", got, c.UserAgent(), tc.want)
		}
	}
	if ua := notionapi.DefaultUserAgent(); !strings.HasPrefix(ua, "notionapi/") || strings.HasPrefix(ua, "notion-tui/") {
		t.Errorf("the default %q does not name the library", ua)
	}
	if _, err := notionapi.NewClient(testToken, notionapi.WithUserAgent("app/1\r\nX-Injected: 1")); err == nil {
		t.Error("a user agent with CR LF was accepted")
	}
}

func TestAMultiSourceDatabaseUnderAnOldVersionNamesItsDataSources(t *testing.T) {
	t.Parallel()
	const db = "9a3b1c1e52b54bb59a590d5d5a8cb3a1"
	srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, 400, `{"object":"error","status":400,"code":"validation_error","message":"Databases with multiple data sources are not supported in this API version.",
			"request_id":"r1","additional_data":{"error_type":"multiple_data_sources_for_database","database_id":"`+db+`","child_data_source_ids":["s1","s2"],"minimum_api_version":"2025-09-03"}}`)
	})
	c := scriptedClient(t, srv.URL, nil, notionapi.WithVersion(notionapi.Version20220628))
	ctx := context.Background()
	calls := map[string]func() error{
		"GetDataSource":     func() error { _, err := c.GetDataSource(ctx, db); return err },
		"ResolveDataSource": func() error { _, err := c.ResolveDataSource(ctx, db); return err },
		"Query":             func() error { _, err := c.Query(ctx, db, notionapi.QueryParams{}); return err },
		"CreatePage": func() error {
			_, err := c.CreatePage(ctx, notionapi.CreatePageParams{Parent: notionapi.Parent{Type: "database_id", DatabaseID: db}})
			return err
		},
	}
	for name, call := range calls {
		err := call()
		var multi *notionapi.MultipleDataSourcesError
		if !errors.As(err, &multi) {
			t.Errorf("%s: err = %v (%T)", name, err, err)
			continue
		}
		if multi.DatabaseID != db || len(multi.DataSources) != 2 || multi.DataSources[1].ID != "s2" || multi.MinimumVersion != notionapi.Version20250903 {
			t.Errorf("%s: %+v", name, multi)
		}
		if e := apiError(t, err); e.RequestID != "r1" || e.Status != 400 {
			t.Errorf("%s: Notion's answer is lost: %+v", name, e)
		}
		if msg := err.Error(); !strings.Contains(msg, "s1, s2") || !strings.Contains(msg, "2025-09-03 or later") {
			t.Errorf("%s: message %q", name, msg)
		}
	}
}

func TestASecretAcrossTheQuotedSnippetsEndIsNotCutInHalf(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusBadGateway, http.StatusOK} {
		srv := serveScripted(t, func(w http.ResponseWriter, r *http.Request, n int) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(status)
			fmt.Fprintf(w, "%s%s trailing text", strings.Repeat("x", 180), r.Header.Get("Authorization"))
		})
		_, err := scriptedClient(t, srv.URL, nil, notionapi.WithMaxRetries(0)).GetMe(context.Background())
		if err == nil {
			t.Fatal("no error")
		}
		if text := fmt.Sprintf("%v", err); strings.Contains(text, testToken[:12]) {
			t.Errorf("HTTP %d: a piece of the token shows: %s", status, text)
		}
	}
}

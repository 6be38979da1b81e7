// Package hostile serves a Notion-compatible API that misbehaves on
// purpose, for the tests of clients that must survive servers and proxies
// that are broken or malicious.
//
// A Server answers like a notiontest sandbox (or any Inner handler) except
// for the requests its tricks take:
//
//	srv := hostile.Start(t, hostile.Options{TLS: true},
//		hostile.Trick{Path: "/v1/pages", Do: hostile.RedirectDowngrade()})
//	c, _ := notionapi.NewClient(notiontest.TokenFull,
//		notionapi.WithBaseURL(srv.URL()), notionapi.WithHTTPClient(srv.Client()))
//	_, err := c.CreatePage(ctx, params)
//	// err must say the server redirected; srv.Caught() must be empty:
//	// neither the token nor the body may reach the other origin.
//
// # Behaviours
//
// Redirects answer 307 Temporary Redirect (which preserves the method and
// body):
//   - RedirectDowngrade: from https to http on the same host, another port
//     (needs Options.TLS).
//   - RedirectOtherPort: to the same scheme and host on another port.
//   - RedirectSameOrigin: to the same origin under /redirected/, which
//     the server answers normally (Redirected counts them).
//
// What reaches another origin is recorded and returned by Caught, the
// Authorization header and the body included, so a test can assert that
// nothing leaked.
//
// Lists that never end (for the pagination loops of queries, searches and
// lists; the first page comes from the inner handler):
//   - EndlessCursor: has_more forever with the same next_cursor, which
//     answers the same page again.
//   - NoNewRows: has_more forever with a fresh cursor each time, and the
//     same rows on every page.
//
// Error bodies:
//   - EchoToken(status): a Notion-shaped JSON error whose message quotes
//     the request's headers, the Authorization header included, as a
//     proxy's error page might; EchoTokenHTML the same as an HTML page.
//   - RetryAfter(value): 429 rate_limited with Retry-After set to value
//     as is ("NaN", "Inf", "1e308", "-1", a date...).
//   - HugeBody(status, size): an error body of size bytes, streamed
//     without holding it in memory.
//   - HTML502: a proxy's HTML page with status 502.
//   - TruncatedJSON: the inner answer cut in half (a consistent
//     Content-Length, so only the JSON is broken).
//   - SlowBody(chunk, every): the inner answer written chunk bytes at a
//     time, one chunk per interval (a slowloris body).
//
// Tricks apply in order; each takes Times matching requests (0 means
// every one).
package hostile

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// Options configure a hostile server.
type Options struct {
	// Inner answers every request no trick takes; nil means a notiontest
	// sandbox made with Sandbox (see Server.Sandbox).
	Inner http.Handler
	// Sandbox configures the inner sandbox; its zero value seeds an Event
	// Log of 500 rows rather than 12,000, so servers start fast.
	Sandbox notiontest.Options
	// TLS serves https with a test certificate that Client trusts. A
	// downgrading redirect needs it.
	TLS bool
}

// Trick makes matching requests misbehave.
type Trick struct {
	Method string // "" matches every method
	Path   string // prefix of the URL path; "" matches every path
	// Times is how many matching requests the trick takes; 0 is all.
	Times int
	Do    Behaviour
}

// Behaviour is what a trick does with a request. Make one with the
// functions of this package.
type Behaviour struct {
	name  string
	serve func(s *Server, w http.ResponseWriter, r *http.Request)
}

// String names the behaviour, for test names.
func (b Behaviour) String() string { return b.name }

// Caught is a request that reached the other origin a redirect pointed
// to.
type Caught struct {
	Method        string
	URL           string // as requested, scheme and host included
	Authorization string
	Body          []byte
}

// Server is a hostile API server. It is safe for concurrent use.
type Server struct {
	main    *httptest.Server
	other   *httptest.Server // another port, same scheme
	plain   *httptest.Server // http, for downgrades
	inner   http.Handler
	sandbox *notiontest.Server
	client  *http.Client

	mu         sync.Mutex
	tricks     []*Trick
	caught     []Caught
	redirected int
	requests   int
}

// Start serves a hostile server on 127.0.0.1 for the length of a test.
func Start(tb testing.TB, opts Options, tricks ...Trick) *Server {
	tb.Helper()
	s := &Server{inner: opts.Inner}
	if s.inner == nil {
		so := opts.Sandbox
		if so.Rows == 0 {
			so.Rows = 500
		}
		s.sandbox = notiontest.New(so)
		s.inner = s.sandbox
	}
	for i := range tricks {
		t := tricks[i]
		s.tricks = append(s.tricks, &t)
	}
	newServer := func(h http.Handler, tls bool) *httptest.Server {
		ts := httptest.NewUnstartedServer(h)
		if tls {
			ts.StartTLS()
		} else {
			ts.Start()
		}
		tb.Cleanup(ts.Close)
		return ts
	}
	catcher := http.HandlerFunc(s.catch)
	s.main = newServer(http.HandlerFunc(s.serveMain), opts.TLS)
	s.other = newServer(catcher, opts.TLS)
	s.plain = newServer(catcher, false)
	s.client = &http.Client{Timeout: 30 * time.Second}
	if opts.TLS {
		pool := x509.NewCertPool()
		pool.AddCert(s.main.Certificate())
		pool.AddCert(s.other.Certificate())
		tr := s.main.Client().Transport.(*http.Transport).Clone()
		tr.TLSClientConfig.RootCAs = pool
		s.client.Transport = tr
	}
	return s
}

// URL is the server's base URL: https://127.0.0.1:PORT with TLS,
// http://127.0.0.1:PORT without.
func (s *Server) URL() string { return s.main.URL }

// Client is an HTTP client that trusts the server's certificates. It
// follows redirects as net/http does by default (Authorization included
// to the same host on another port): the behaviour a client must not
// keep.
func (s *Server) Client() *http.Client { return s.client }

// Sandbox is the inner sandbox, or nil when Options.Inner was set.
func (s *Server) Sandbox() *notiontest.Server { return s.sandbox }

// Caught returns the requests that reached another origin through a
// redirect, oldest first.
func (s *Server) Caught() []Caught {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Caught(nil), s.caught...)
}

// Redirected counts the requests that followed a same-origin redirect.
func (s *Server) Redirected() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.redirected
}

// Requests counts the requests the main server received.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// AddTrick appends a trick after those given to Start.
func (s *Server) AddTrick(t Trick) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tricks = append(s.tricks, &t)
}

// redirectPrefix is where a same-origin redirect points.
const redirectPrefix = "/redirected"

func (s *Server) serveMain(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	if rest, ok := strings.CutPrefix(r.URL.Path, redirectPrefix); ok {
		s.redirected++
		s.mu.Unlock()
		r2 := r.Clone(r.Context())
		r2.URL.Path, r2.URL.RawPath = rest, ""
		s.inner.ServeHTTP(w, r2)
		return
	}
	trick := s.take(r)
	s.mu.Unlock()
	if trick == nil {
		s.inner.ServeHTTP(w, r)
		return
	}
	trick.Do.serve(s, w, r)
}

// take returns the first trick matching r and uses one of its Times; mu
// is held.
func (s *Server) take(r *http.Request) *Trick {
	for i, t := range s.tricks {
		if (t.Method != "" && !strings.EqualFold(t.Method, r.Method)) || !strings.HasPrefix(r.URL.Path, t.Path) {
			continue
		}
		if t.Times > 0 {
			t.Times--
			if t.Times == 0 {
				s.tricks = append(s.tricks[:i:i], s.tricks[i+1:]...)
			}
		}
		return t
	}
	return nil
}

// catch records a request that reached another origin and answers like
// Notion would have, so that a client that follows is not stopped by an
// error it might blame instead.
func (s *Server) catch(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	s.mu.Lock()
	s.caught = append(s.caught, Caught{
		Method:        r.Method,
		URL:           scheme + "://" + r.Host + r.URL.RequestURI(),
		Authorization: r.Header.Get("Authorization"),
		Body:          body,
	})
	s.mu.Unlock()
	r2 := r.Clone(r.Context())
	r2.Body = io.NopCloser(bytes.NewReader(body))
	s.inner.ServeHTTP(w, r2)
}

func redirect(w http.ResponseWriter, r *http.Request, base string) {
	w.Header().Set("Location", base+r.URL.RequestURI())
	w.WriteHeader(http.StatusTemporaryRedirect)
}

// RedirectDowngrade redirects from https to http on the same host, on
// another port. Without Options.TLS it redirects http to http on another
// port, like RedirectOtherPort.
func RedirectDowngrade() Behaviour {
	return Behaviour{"redirect https to http", func(s *Server, w http.ResponseWriter, r *http.Request) {
		redirect(w, r, s.plain.URL)
	}}
}

// RedirectOtherPort redirects to the same scheme and host on another
// port.
func RedirectOtherPort() Behaviour {
	return Behaviour{"redirect to another port", func(s *Server, w http.ResponseWriter, r *http.Request) {
		redirect(w, r, s.other.URL)
	}}
}

// RedirectSameOrigin redirects to the same scheme, host and port, under
// /redirected/.
func RedirectSameOrigin() Behaviour {
	return Behaviour{"redirect to the same origin", func(s *Server, w http.ResponseWriter, r *http.Request) {
		redirect(w, r, s.main.URL+redirectPrefix)
	}}
}

// recorder captures the inner handler's answer.
func (s *Server) record(r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	s.inner.ServeHTTP(rec, r)
	return rec
}

// copyHeader copies the recorded headers but the length, which changes.
func copyHeader(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, vs := range rec.Header() {
		if k != "Content-Length" {
			w.Header()[k] = vs
		}
	}
}

// endlessCursor is the cursor EndlessCursor answers forever.
const endlessCursor = "hostile-endless-cursor"

// EndlessCursor answers a list with has_more true and the same
// next_cursor forever; that cursor answers the first page again.
func EndlessCursor() Behaviour {
	return Behaviour{"the same cursor forever", func(s *Server, w http.ResponseWriter, r *http.Request) {
		s.rewriteList(w, r, func(int) string { return endlessCursor })
	}}
}

// NoNewRows answers a list with has_more true, a fresh cursor each time,
// and the first page's rows on every page.
func NoNewRows() Behaviour {
	return Behaviour{"pages with no new row", func(s *Server, w http.ResponseWriter, r *http.Request) {
		s.rewriteList(w, r, func(n int) string { return fmt.Sprintf("hostile-cursor-%d", n) })
	}}
}

// rewriteList answers the first page of the list r asks for (its cursor
// taken out), claiming more with the cursor next gives.
func (s *Server) rewriteList(w http.ResponseWriter, r *http.Request, next func(int) string) {
	r2 := withoutCursor(r)
	rec := s.record(r2)
	body := rec.Body.Bytes()
	if rec.Code == http.StatusOK {
		body = setMore(body, next(s.Requests()))
	}
	copyHeader(w, rec)
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
}

// withoutCursor drops start_cursor from a request's query and JSON body.
func withoutCursor(r *http.Request) *http.Request {
	r2 := r.Clone(r.Context())
	q := r2.URL.Query()
	q.Del("start_cursor")
	r2.URL.RawQuery = q.Encode()
	if r.Body != nil {
		raw, _ := io.ReadAll(r.Body)
		raw = dropJSONKey(raw, "start_cursor")
		r2.Body = io.NopCloser(bytes.NewReader(raw))
		r2.ContentLength = int64(len(raw))
	}
	return r2
}

// RetryAfter answers 429 rate_limited with the Retry-After header set to
// value, unparsed.
func RetryAfter(value string) Behaviour {
	return Behaviour{"Retry-After " + value, func(s *Server, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", value)
		notionError(w, http.StatusTooManyRequests, "rate_limited", "You have been rate limited. Please try again in a few minutes.")
	}}
}

// EchoToken answers status with a Notion-shaped JSON error whose message
// quotes the request line and headers, Authorization included.
func EchoToken(status int) Behaviour {
	return Behaviour{"token echoed in a JSON error", func(s *Server, w http.ResponseWriter, r *http.Request) {
		notionError(w, status, codeFor(status), "Upstream rejected the request:\n"+dumpRequest(r))
	}}
}

// EchoTokenHTML answers status with a proxy's HTML error page quoting the
// request line and headers, Authorization included.
func EchoTokenHTML(status int) Behaviour {
	return Behaviour{"token echoed in an HTML page", func(s *Server, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<html><head><title>%d</title></head><body><h1>Request rejected</h1><pre>%s</pre></body></html>", status, dumpRequest(r))
	}}
}

// HTML502 answers 502 with a proxy's HTML page.
func HTML502() Behaviour {
	return Behaviour{"HTML 502", func(s *Server, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
	}}
}

// HugeBody answers status with an error body of size bytes: the start of
// a Notion error whose message never seems to end. It is streamed, so
// the server holds none of it.
func HugeBody(status int, size int64) Behaviour {
	return Behaviour{fmt.Sprintf("%d-byte body", size), func(s *Server, w http.ResponseWriter, r *http.Request) {
		head := fmt.Sprintf(`{"object":"error","status":%d,"code":%q,"message":"`, status, codeFor(status))
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", fmt.Sprint(size))
		w.WriteHeader(status)
		if int64(len(head)) >= size {
			_, _ = io.WriteString(w, head[:size])
			return
		}
		if _, err := io.WriteString(w, head); err != nil {
			return
		}
		chunk := bytes.Repeat([]byte("x"), 64<<10)
		for left := size - int64(len(head)); left > 0; {
			n := min(left, int64(len(chunk)))
			if _, err := w.Write(chunk[:n]); err != nil {
				return // the client stopped reading
			}
			left -= n
		}
	}}
}

// TruncatedJSON answers the inner answer's status and headers with the
// first half of its body.
func TruncatedJSON() Behaviour {
	return Behaviour{"truncated JSON", func(s *Server, w http.ResponseWriter, r *http.Request) {
		rec := s.record(r)
		body := rec.Body.Bytes()
		body = body[:len(body)/2]
		copyHeader(w, rec)
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	}}
}

// SlowBody writes the inner answer chunk bytes at a time, waiting every
// between chunks; a client that gives up ends it.
func SlowBody(chunk int, every time.Duration) Behaviour {
	chunk = max(chunk, 1)
	return Behaviour{fmt.Sprintf("body of %d bytes every %s", chunk, every), func(s *Server, w http.ResponseWriter, r *http.Request) {
		rec := s.record(r)
		body := rec.Body.Bytes()
		copyHeader(w, rec)
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.WriteHeader(rec.Code)
		flusher, _ := w.(http.Flusher)
		t := time.NewTicker(every)
		defer t.Stop()
		for len(body) > 0 {
			n := min(chunk, len(body))
			if _, err := w.Write(body[:n]); err != nil {
				return
			}
			if flusher != nil {
				flusher.Flush()
			}
			body = body[n:]
			if len(body) == 0 {
				return
			}
			select {
			case <-t.C:
			case <-r.Context().Done():
				return
			}
		}
	}}
}

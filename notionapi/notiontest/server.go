package notiontest

import (
	"context"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

// Options configure a sandbox. The zero value is a seeded demo workspace
// with no rate limit.
type Options struct {
	// Rows is the number of rows of the large "Event Log" data source;
	// 0 means 12000.
	Rows int
	// Rate is the number of requests per second allowed, shared by every
	// client (a token bucket with a burst of ceil(Rate)); 0 is unlimited.
	// It paces benchmarks; WindowBudget is Notion's own model.
	Rate float64
	// WindowBudget is the requests each connection (token) may send per
	// fixed 60-second window, as Notion limits them: 180 on most plans,
	// 600 on Business and Enterprise. Past it, 429 with a Retry-After of
	// the time until the window resets. 0 is unlimited (TokenRateWindow
	// always has 180).
	WindowBudget int
	// ResultCap is how many results one query (a filter and sorts) reaches
	// through its cursor chain before Notion's cap stops it; 0 means
	// Notion's 10,000. Tests of the cap set a few hundred.
	ResultCap int
	// ImportBatch is the size of the Event Log's import batches: each
	// batch of rows is created within one minute, as a bulk import does.
	// 0 means batches of 20 to 119 rows; Rows puts every row in the same
	// minute.
	ImportBatch int
	// Latency is added to every response, as a simulated round trip.
	Latency time.Duration
	// Now is the clock of the data: timestamps of pages created or edited
	// at run time, relative date filters, formulas and OAuth token
	// expiry. Nil means time.Now. Rate limiting, latency and the times of
	// recorded requests always use the wall clock.
	Now func() time.Time
	// Empty leaves out the seeded content: the workspace then has only
	// its users, bots and tokens.
	Empty bool
	// Wide adds the Inventory database (DatabaseWide) with this many
	// columns and 1,000 rows, for measurements of column selection; 0
	// leaves it out.
	Wide int
}

// defaultRows is the size of the Event Log when Options.Rows is 0.
const defaultRows = 12000

// maxRecorded is how many requests Requests keeps.
const maxRecorded = 10000

// maxBody is the largest request body accepted, as on Notion.
const maxBody = 500 * 1000

// Server is an in-memory Notion API. It is safe for concurrent use.
type Server struct {
	now   func() time.Time
	st    *store
	oauth *oauthState
	url   string

	resultCap int // per-query result cap

	mu           sync.Mutex // guards the fields below
	latency      time.Duration
	limiter      bucket
	windowBudget int
	windows      map[string]*rateWindow // by connection (token)
	workspace    workspaceLimit
	faults       []*Fault

	// recordHook, when set before the first request, sees every request
	// as it is recorded (for tests).
	recordHook func(Request)

	recMu    sync.Mutex // guards the fields below
	recorded []Request
	next     int // ring position once recorded is full
	stats    Stats
}

// Stats count what the server answered.
type Stats struct {
	Requests    int // every request, answered or dropped
	RateLimited int // refused by the rate limiter (not counting faults)
	Faults      int // requests a fault applied to
	Errors      int // answers with a status of 400 or more, faults included
}

// Request is a recorded request and the status it was answered with (0
// when the connection was dropped or the client went away). Header is a
// copy of the request's headers, Authorization included; Body holds at
// most the first 500 KB.
type Request struct {
	Method   string
	Path     string
	RawQuery string
	Header   http.Header
	Body     []byte
	Status   int
	Time     time.Time // wall-clock arrival
}

// New builds a sandbox and its workspace.
func New(opts Options) *Server {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	rows := opts.Rows
	if rows <= 0 {
		rows = defaultRows
	}
	s := &Server{now: now, st: newStore(), oauth: newOAuthState(), resultCap: queryResultCap}
	if opts.ResultCap > 0 {
		s.resultCap = opts.ResultCap
	}
	s.st.seedUsers()
	if !opts.Empty {
		s.st.seedContent(rows, opts.ImportBatch)
		if opts.Wide > 0 {
			s.st.seedWide(max(opts.Wide, 2))
		}
	}
	s.latency = opts.Latency
	s.limiter.setRate(opts.Rate, time.Now())
	s.windowBudget = max(opts.WindowBudget, 0)
	s.windows = map[string]*rateWindow{}
	return s
}

// Start serves a sandbox on 127.0.0.1 for the length of a test. When the
// test ends, the server closes its listener and every connection, idle or
// answering.
//
// It serves with net/http rather than net/http/httptest, whose package
// initialisation parses a TLS test certificate: the app links this
// package for --demo and would pay for it at every start.
func Start(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s := New(opts)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("notiontest: %v", err)
	}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan struct{})
	go func() {
		defer close(served)
		hs.Serve(ln) //nolint:errcheck // ErrServerClosed once the test ends
	}()
	tb.Cleanup(func() {
		hs.Close()
		<-served
	})
	s.url = "http://" + ln.Addr().String()
	return s
}

// URL is the base URL of a server made by Start ("http://127.0.0.1:PORT"),
// and "" otherwise.
func (s *Server) URL() string { return s.url }

// SetRate changes the allowed requests per second; 0 is unlimited. The
// bucket starts full.
func (s *Server) SetRate(rps float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limiter.setRate(rps, time.Now())
}

// SetWindowBudget changes the requests each connection may send per
// 60-second window (see Options.WindowBudget); 0 is unlimited. Windows
// start afresh.
func (s *Server) SetWindowBudget(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.windowBudget = max(n, 0)
	s.windows = map[string]*rateWindow{}
}

// SetLatency changes the delay added to every response.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// Requests returns the recorded requests (the last 10,000), oldest first.
func (s *Server) Requests() []Request {
	s.recMu.Lock()
	defer s.recMu.Unlock()
	out := make([]Request, 0, len(s.recorded))
	out = append(out, s.recorded[s.next:]...)
	return append(out, s.recorded[:s.next]...)
}

// ResetRequests forgets the recorded requests and the statistics.
func (s *Server) ResetRequests() {
	s.recMu.Lock()
	defer s.recMu.Unlock()
	s.recorded, s.next, s.stats = nil, 0, Stats{}
}

// Stats returns the counters since New or the last ResetRequests.
func (s *Server) Stats() Stats {
	s.recMu.Lock()
	defer s.recMu.Unlock()
	return s.stats
}

func (s *Server) record(r Request, rateLimited, faulted bool) {
	if s.recordHook != nil {
		defer s.recordHook(r)
	}
	s.recMu.Lock()
	defer s.recMu.Unlock()
	s.stats.Requests++
	if rateLimited {
		s.stats.RateLimited++
	}
	if faulted {
		s.stats.Faults++
	}
	if r.Status >= 400 {
		s.stats.Errors++
	}
	if len(s.recorded) < maxRecorded {
		s.recorded = append(s.recorded, r)
		return
	}
	s.recorded[s.next] = r
	s.next = (s.next + 1) % maxRecorded
}

// ServeHTTP answers one API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := Request{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Header:   r.Header.Clone(),
		Time:     time.Now(),
	}
	body, tooLarge := readBody(r.Body)
	rec.Body = body
	requestID := newID()
	out := &outcome{}
	// The request is recorded before its answer is written, so a client
	// that has its answer finds the request in Requests and Stats.
	recorded := false
	recordAs := func(status int) {
		rec.Status, recorded = status, true
		s.record(rec, out.rateLimited, out.fault != nil)
	}
	defer func() {
		if !recorded { // the client went away
			recordAs(0)
		}
	}()

	s.mu.Lock()
	latency := s.latency
	s.mu.Unlock()
	if !sleep(r.Context(), latency) {
		return
	}
	c := &call{s: s, r: r, body: body, bodyTooLarge: tooLarge, requestID: requestID, out: out}
	fault := s.takeFault(r.Method, r.URL.Path)
	out.fault = fault
	var rep reply
	if fault == nil || fault.AfterCommit {
		rep = c.serve()
	}
	if fault != nil {
		if !sleep(r.Context(), fault.Delay) {
			return
		}
		if fault.answers() {
			s.answerFault(w, fault, requestID, recordAs)
			return
		}
		if !fault.AfterCommit {
			rep = c.serve()
		}
	}
	recordAs(rep.status)
	rep.write(w, requestID)
}

// outcome collects what the statistics need to know about a request.
type outcome struct {
	rateLimited bool
	fault       *Fault
}

// readBody reads at most maxBody bytes and reports whether there was more.
func readBody(r io.Reader) ([]byte, bool) {
	if r == nil {
		return nil, false
	}
	b, _ := io.ReadAll(io.LimitReader(r, maxBody+1))
	if len(b) > maxBody {
		return b[:maxBody], true
	}
	return b, false
}

// sleep waits d unless ctx ends first; it reports whether it slept fully.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// reply is a finished answer.
type reply struct {
	status      int
	contentType string
	body        []byte
	header      http.Header
	pooled      bool // body goes back to bufferPool once written
}

func (rep reply) write(w http.ResponseWriter, requestID string) {
	h := w.Header()
	for k, vs := range rep.header {
		h[k] = vs
	}
	h.Set("x-notion-request-id", requestID)
	if rep.contentType != "" {
		h.Set("Content-Type", rep.contentType)
	}
	w.WriteHeader(rep.status)
	_, _ = w.Write(rep.body)
	if rep.pooled {
		putBuffer(rep.body)
	}
}

const contentTypeJSON = "application/json; charset=utf-8"

// jsonReply encodes an answer.
func jsonReply(status int, v any) reply {
	return reply{status: status, contentType: contentTypeJSON, body: appendJSON(getBuffer(), v), pooled: true}
}

// bufferPool recycles answer buffers; a page of rows is about 150 KB.
var bufferPool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

func getBuffer() []byte { return (*bufferPool.Get().(*[]byte))[:0] }

func putBuffer(b []byte) {
	if cap(b) <= 1<<20 {
		bufferPool.Put(&b)
	}
}

// errorReply encodes an error answer.
func errorReply(e *apiError, requestID string) reply {
	rep := jsonReply(e.status, e.body(requestID))
	if e.retryAfter != "" {
		rep.header = http.Header{"Retry-After": {e.retryAfter}}
	}
	return rep
}

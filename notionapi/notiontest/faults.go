package notiontest

import (
	"net"
	"net/http"
	"strings"
	"time"
)

// Fault makes matching requests fail the way networks and overloaded
// servers do. Faults are checked in the order they were injected, before
// any other check; each matching request uses one of its Times.
type Fault struct {
	Method string // "" matches any method
	Path   string // prefix of the URL path, such as "/v1/pages"; "" matches any
	// Status answers with this status and Notion's error body for it:
	// 500 internal_server_error, 502 bad_gateway, 503 service_unavailable,
	// 504 gateway_timeout, 529 service_overload, 429 rate_limited, ...
	Status int
	// RetryAfter is sent as the Retry-After header (and, with a Notion
	// error body, as additional_data.retry_after).
	RetryAfter string
	// Body replaces Notion's JSON error body, such as an HTML page of a
	// proxy; ContentType goes with it. EmptyBody sends no body at all.
	Body        string
	ContentType string
	EmptyBody   bool
	// Drop closes the connection without answering: a TCP connection is
	// reset. Where the connection cannot be taken over (HTTP/2, or a
	// ResponseRecorder), the handler aborts with http.ErrAbortHandler.
	Drop bool
	// Delay waits before answering (or before going on normally when the
	// fault has nothing else to do); a client that gives up ends the wait.
	Delay time.Duration
	// AfterCommit performs the request first, then fails: the write is
	// saved but the client cannot know.
	AfterCommit bool
	// Times is the number of matching requests affected; 0 means 1.
	Times int
}

// InjectFault queues a fault.
func (s *Server) InjectFault(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// takeFault returns the first fault matching a request and uses it once.
func (s *Server) takeFault(method, path string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if (f.Method != "" && !strings.EqualFold(f.Method, method)) || !strings.HasPrefix(path, f.Path) {
			continue
		}
		f.Times--
		if f.Times == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		use := *f
		return &use
	}
	return nil
}

// answers reports whether the fault replaces the answer (rather than only
// delaying it).
func (f *Fault) answers() bool {
	return f.Drop || f.Status != 0 || f.Body != "" || f.EmptyBody
}

// answerFault writes the fault's answer; record is called with the
// status (0 for a dropped connection) before anything reaches the client.
func (s *Server) answerFault(w http.ResponseWriter, f *Fault, requestID string, record func(int)) {
	if f.Drop {
		record(0)
		drop(w)
		return
	}
	status := f.Status
	if status == 0 {
		status = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("x-notion-request-id", requestID)
	if f.RetryAfter != "" {
		h.Set("Retry-After", f.RetryAfter)
	}
	var body []byte
	switch {
	case f.EmptyBody:
	case f.Body != "":
		body = []byte(f.Body)
		if f.ContentType != "" {
			h.Set("Content-Type", f.ContentType)
		}
	default:
		e := errorForStatus(status)
		if f.RetryAfter != "" {
			e.additional = obj{{"retry_after", f.RetryAfter}}
			if status == http.StatusTooManyRequests {
				e.additional = append(obj{{"rate_limit_reason", rateLimitReasonPerToken}}, e.additional...)
			}
		}
		body = encodeJSON(e.body(requestID))
		h.Set("Content-Type", contentTypeJSON)
	}
	record(status)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// drop closes the client's connection without a word; on TCP it resets
// the connection, so the client sees a reset or an EOF.
func drop(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // the server closes the stream
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// This file puts faults between the command line and the sandbox: a
// request that fails half-way through a read, a server that never ends its
// pagination, error messages that carry terminal escapes. The sandbox
// answers everything else.

// wrapped serves a sandbox behind middleware and returns its base URL.
func wrapped(t *testing.T, opts notiontest.Options, mw func(http.Handler) http.Handler) (string, *notiontest.Server) {
	t.Helper()
	srv := notiontest.New(opts)
	ts := httptest.NewServer(mw(srv))
	t.Cleanup(ts.Close)
	return ts.URL, srv
}

// runAt runs notion-tui against baseURL with token, stdout as a pipe.
func runAt(t *testing.T, baseURL, token string, args ...string) queryRun {
	t.Helper()
	return runWith(t, map[string]string{"NOTION_TOKEN": token, "NOTION_BASE_URL": baseURL, "NOTION_RATE": "1000"}, args...)
}

// failNth answers the nth request (from 1) whose path ends with suffix
// with a 400 validation_error, which is never retried.
func failNth(n int32, suffix string) func(http.Handler) http.Handler {
	var seen atomic.Int32
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, suffix) && seen.Add(1) == n {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				io.WriteString(w, `{"object":"error","status":400,"code":"validation_error","message":"injected failure half-way through the read","request_id":"fault-1"}`)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// endlessPages makes every list answer say has_more with the same
// cursor, and serves a request for that cursor as the first page again:
// a server whose pagination never ends.
func endlessPages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Take the loop cursor out of the request: the sandbox answers
		// with the first page again.
		if q := r.URL.Query(); q.Get("start_cursor") == "loop" {
			q.Del("start_cursor")
			r.URL.RawQuery = q.Encode()
		}
		if r.Body != nil && r.Method == http.MethodPost {
			b, _ := io.ReadAll(r.Body)
			var body map[string]any
			if json.Unmarshal(b, &body) == nil && body["start_cursor"] == "loop" {
				delete(body, "start_cursor")
				b, _ = json.Marshal(body)
			}
			r.Body = io.NopCloser(bytes.NewReader(b))
			r.ContentLength = int64(len(b))
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		out := rec.Body.Bytes()
		var list map[string]any
		if rec.Code == http.StatusOK && json.Unmarshal(out, &list) == nil && list["object"] == "list" {
			list["has_more"], list["next_cursor"] = true, "loop"
			out, _ = json.Marshal(list)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		w.Write(out)
	})
}

// escapes is text a hostile workspace or server could send: a BEL-ended
// OSC 52 (set the clipboard), a CSI that clears the screen, an OSC 8 link
// and a C1 CSI.
const escapes = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\\u009b31m"

// hasControl reports whether s holds a control character other than
// newline and tab (what a terminal would act on).
func hasControl(s string) bool {
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return true
		}
	}
	return false
}

// hostileMessage answers requests under path with Notion's error format,
// carrying escapes in its message.
func hostileMessage(path string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, path) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				b, _ := json.Marshal(map[string]any{"object": "error", "status": 400, "code": "validation_error", "message": "bad" + escapes, "request_id": "r" + escapes})
				w.Write(b)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// sandboxNow is a fixed clock for sandboxes that create pages.
func sandboxNow() time.Time { return time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC) }

package notiontest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/testhttp"
)

// testNow is the data clock of most tests: three weeks after the seeded
// base date, so relative dates and the Overdue formula are stable.
var testNow = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

func fixedClock() time.Time { return testNow }

// api is a plain HTTP client of a started sandbox.
type api struct {
	t       testing.TB
	s       *Server
	token   string
	version string
}

// newAPI starts a sandbox with the fixed clock and a small Event Log
// unless opts says otherwise.
func newAPI(t testing.TB, opts Options) *api {
	t.Helper()
	if opts.Now == nil {
		opts.Now = fixedClock
	}
	if opts.Rows == 0 {
		opts.Rows = 300
	}
	return &api{t: t, s: Start(t, opts), token: TokenFull, version: "2025-09-03"}
}

// as returns a copy of a using another token and version ("" keeps).
func (a *api) as(token, version string) *api {
	b := *a
	if token != "" {
		b.token = token
	}
	if version != "" {
		b.version = version
	}
	return &b
}

// response is a decoded answer.
type response struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

// do sends a request; body is JSON-encoded unless it is a string (sent
// as is) or nil (no body).
func (a *api) do(method, path string, body any) *response {
	a.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			a.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, a.s.URL()+path, rd)
	if err != nil {
		a.t.Fatal(err)
	}
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	if a.version != "" {
		req.Header.Set("Notion-Version", a.version)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return send(a.t, req)
}

func send(t testing.TB, req *http.Request) *response {
	t.Helper()
	resp, err := testhttp.Client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := &response{status: resp.StatusCode, header: resp.Header, raw: raw}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &r.body); err != nil {
			t.Fatalf("%s %s: answer is not JSON: %v\n%s", req.Method, req.URL.Path, err, raw)
		}
	}
	return r
}

// ok fails the test unless the answer is 200.
func (r *response) ok(t testing.TB) *response {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", r.status, r.raw)
	}
	return r
}

// wantError fails the test unless the answer is Notion's error with this
// status and code, and returns its message.
func (r *response) wantError(t testing.TB, status int, code string) string {
	t.Helper()
	if r.status != status || r.body["code"] != code || r.body["object"] != "error" {
		t.Fatalf("got %d %s, want %d %s", r.status, r.raw, status, code)
	}
	if r.body["status"] != float64(status) {
		t.Errorf("body status %v, want %d", r.body["status"], status)
	}
	if id := r.header.Get("x-notion-request-id"); id == "" || r.body["request_id"] != id {
		t.Errorf("request_id %v does not match x-notion-request-id %q", r.body["request_id"], id)
	}
	msg, _ := r.body["message"].(string)
	return msg
}

// results returns the results of a list answer.
func (r *response) results() []map[string]any {
	var out []map[string]any
	for _, x := range r.body["results"].([]any) {
		out = append(out, x.(map[string]any))
	}
	return out
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// queryAll follows the cursor chain of a query and returns every row and
// the last page.
func (a *api) queryAll(dsID string, body map[string]any) ([]map[string]any, *response) {
	a.t.Helper()
	var rows []map[string]any
	cursor := ""
	for {
		b := map[string]any{}
		for k, v := range body {
			b[k] = v
		}
		if cursor != "" {
			b["start_cursor"] = cursor
		}
		r := a.do("POST", "/v1/data_sources/"+dsID+"/query", b).ok(a.t)
		rows = append(rows, r.results()...)
		if r.body["has_more"] != true {
			return rows, r
		}
		cursor = r.body["next_cursor"].(string)
	}
}

// prop returns a property value of a page object.
func propOf(page map[string]any, name string) map[string]any {
	return page["properties"].(map[string]any)[name].(map[string]any)
}

// plain returns the plain text of a title or rich_text property value.
func plain(page map[string]any, name string) string {
	p := propOf(page, name)
	var b strings.Builder
	for _, it := range p[p["type"].(string)].([]any) {
		b.WriteString(it.(map[string]any)["plain_text"].(string))
	}
	return b.String()
}

// ids returns the "id" of each object.
func ids(objs []map[string]any) []string {
	out := make([]string, len(objs))
	for i, o := range objs {
		out[i] = o["id"].(string)
	}
	return out
}

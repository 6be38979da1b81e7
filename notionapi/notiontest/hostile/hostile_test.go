package hostile

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// get sends an authorized request with the server's client.
func do(t *testing.T, s *Server, client *http.Client, method, path, body string) *http.Response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+notiontest.TokenFull)
	req.Header.Set("Notion-Version", "2025-09-03")
	if client == nil {
		client = s.Client()
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func readAll(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// noFollow is s's client without redirects followed.
func noFollow(s *Server) *http.Client {
	c := *s.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

func TestRedirectDowngradeLeaksThroughNetHTTP(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{TLS: true}, Trick{Path: "/v1/users/me", Do: RedirectDowngrade()})
	if !strings.HasPrefix(s.URL(), "https://127.0.0.1:") {
		t.Fatalf("URL %s", s.URL())
	}
	resp := do(t, s, noFollow(s), "GET", "/v1/users/me", "")
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusTemporaryRedirect || !strings.HasPrefix(loc, "http://127.0.0.1:") || !strings.HasSuffix(loc, "/v1/users/me") {
		t.Fatalf("%d Location %q", resp.StatusCode, loc)
	}
	if len(s.Caught()) != 0 {
		t.Fatal("caught a request nobody sent")
	}
	// net/http follows it with the token: what a client must refuse.
	if resp := do(t, s, nil, "GET", "/v1/users/me", ""); resp.StatusCode != 200 {
		t.Fatalf("followed: %d", resp.StatusCode)
	}
	caught := s.Caught()
	if len(caught) != 1 || caught[0].Authorization != "Bearer "+notiontest.TokenFull || !strings.HasPrefix(caught[0].URL, "http://") {
		t.Errorf("caught %+v", caught)
	}
}

func TestRedirectOtherPortReplaysTheBody(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{}, Trick{Method: "POST", Path: "/v1/pages", Do: RedirectOtherPort()})
	body := `{"parent":{"data_source_id":"` + notiontest.DataSourceTasks + `"},"properties":{"Task":{"title":[{"text":{"content":"Replayed"}}]}}}`
	if resp := do(t, s, nil, "POST", "/v1/pages", body); resp.StatusCode != 200 {
		t.Fatalf("followed: %d %s", resp.StatusCode, readAll(t, resp))
	}
	caught := s.Caught()
	if len(caught) != 1 || caught[0].Method != "POST" || string(caught[0].Body) != body || caught[0].Authorization == "" {
		t.Errorf("caught %+v", caught)
	}
	if strings.HasPrefix(caught[0].URL, s.URL()) {
		t.Errorf("the other origin %s is the server's own", caught[0].URL)
	}
}

func TestRedirectSameOrigin(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{TLS: true}, Trick{Path: "/v1/users/me", Times: 1, Do: RedirectSameOrigin()})
	resp := do(t, s, noFollow(s), "GET", "/v1/users/me", "")
	if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, s.URL()+"/redirected/") {
		t.Fatalf("Location %q", loc)
	}
	resp = do(t, s, noFollow(s), "GET", "/redirected/v1/users/me", "")
	if resp.StatusCode != 200 || s.Redirected() != 1 || len(s.Caught()) != 0 {
		t.Errorf("%d, %d redirected, caught %v", resp.StatusCode, s.Redirected(), s.Caught())
	}
	// Times 1: the next request is answered normally.
	if resp := do(t, s, noFollow(s), "GET", "/v1/users/me", ""); resp.StatusCode != 200 {
		t.Errorf("after its one time: %d", resp.StatusCode)
	}
}

type list struct {
	Results []struct {
		ID string `json:"id"`
	} `json:"results"`
	NextCursor string `json:"next_cursor"`
	HasMore    bool   `json:"has_more"`
}

func decodeList(t *testing.T, resp *http.Response) list {
	t.Helper()
	var l list
	if err := json.Unmarshal(readAll(t, resp), &l); err != nil {
		t.Fatal(err)
	}
	return l
}

func firstIDs(l list) string {
	var ids []string
	for _, r := range l.Results {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ",")
}

func TestEndlessPagination(t *testing.T) {
	t.Parallel()
	query := "/v1/data_sources/" + notiontest.DataSourceTasks + "/query"
	s := Start(t, Options{}, Trick{Path: query, Do: EndlessCursor()}, Trick{Path: "/v1/users", Do: NoNewRows()})
	first := decodeList(t, do(t, s, nil, "POST", query, `{"page_size":5}`))
	again := decodeList(t, do(t, s, nil, "POST", query, `{"page_size":5,"start_cursor":"`+first.NextCursor+`"}`))
	if !first.HasMore || !again.HasMore || first.NextCursor != again.NextCursor || firstIDs(first) != firstIDs(again) || len(first.Results) != 5 {
		t.Errorf("endless cursor: %+v then %+v", first, again)
	}
	u1 := decodeList(t, do(t, s, nil, "GET", "/v1/users?page_size=2", ""))
	u2 := decodeList(t, do(t, s, nil, "GET", "/v1/users?page_size=2&start_cursor="+u1.NextCursor, ""))
	if !u2.HasMore || u1.NextCursor == u2.NextCursor || firstIDs(u1) != firstIDs(u2) {
		t.Errorf("no new rows: %+v then %+v", u1, u2)
	}
}

func TestErrorBodies(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{},
		Trick{Path: "/v1/users/me", Times: 1, Do: EchoToken(502)},
		Trick{Path: "/v1/users/me", Times: 1, Do: EchoTokenHTML(403)},
		Trick{Path: "/v1/users/me", Times: 1, Do: RetryAfter("NaN")},
		Trick{Path: "/v1/users/me", Times: 1, Do: HTML502()},
		Trick{Path: "/v1/users/me", Times: 1, Do: TruncatedJSON()},
	)
	echoed := do(t, s, nil, "GET", "/v1/users/me", "")
	var e struct{ Code, Message string }
	if err := json.Unmarshal(readAll(t, echoed), &e); err != nil || echoed.StatusCode != 502 || e.Code != "bad_gateway" ||
		!strings.Contains(e.Message, "Authorization: Bearer "+notiontest.TokenFull) {
		t.Errorf("echoed token: %d %+v %v", echoed.StatusCode, e, err)
	}
	html := do(t, s, nil, "GET", "/v1/users/me", "")
	if b := readAll(t, html); html.StatusCode != 403 || !bytes.Contains(b, []byte(notiontest.TokenFull)) || !strings.HasPrefix(html.Header.Get("Content-Type"), "text/html") {
		t.Errorf("echoed token in HTML: %d %s", html.StatusCode, b)
	}
	limited := do(t, s, nil, "GET", "/v1/users/me", "")
	if limited.StatusCode != 429 || limited.Header.Get("Retry-After") != "NaN" {
		t.Errorf("Retry-After: %d %q", limited.StatusCode, limited.Header.Get("Retry-After"))
	}
	proxy := do(t, s, nil, "GET", "/v1/users/me", "")
	if b := readAll(t, proxy); proxy.StatusCode != 502 || !bytes.Contains(b, []byte("502 Bad Gateway")) {
		t.Errorf("HTML 502: %d %s", proxy.StatusCode, b)
	}
	cut := do(t, s, nil, "GET", "/v1/users/me", "")
	var v any
	if err := json.Unmarshal(readAll(t, cut), &v); cut.StatusCode != 200 || err == nil || !strings.Contains(err.Error(), "unexpected end") {
		t.Errorf("truncated JSON: %d %v", cut.StatusCode, err)
	}
	if resp := do(t, s, nil, "GET", "/v1/users/me", ""); resp.StatusCode != 200 {
		t.Errorf("after every trick: %d", resp.StatusCode)
	}
}

func TestHugeBodyIsStreamed(t *testing.T) {
	t.Parallel()
	const size = 200 << 20
	s := Start(t, Options{}, Trick{Do: HugeBody(500, size)})
	resp := do(t, s, nil, "GET", "/v1/users/me", "")
	if resp.StatusCode != 500 || resp.ContentLength != size {
		t.Fatalf("%d, Content-Length %d", resp.StatusCode, resp.ContentLength)
	}
	head := make([]byte, 4096)
	if _, err := io.ReadFull(resp.Body, head); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(head, []byte(`{"object":"error","status":500,"code":"internal_server_error","message":"xxx`)) {
		t.Errorf("starts %q", head[:100])
	}
	resp.Body.Close() // the server stops writing when the client goes
}

func TestSlowBody(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{},
		Trick{Path: "/v1/users/me", Times: 1, Do: SlowBody(64, time.Millisecond)},
		Trick{Path: "/v1/users/me", Times: 1, Do: SlowBody(16, time.Hour)},
	)
	whole := readAll(t, do(t, s, nil, "GET", "/v1/users/me", ""))
	var me struct{ ID string }
	if err := json.Unmarshal(whole, &me); err != nil || me.ID != notiontest.BotID {
		t.Fatalf("slow body read whole: %v %s", err, whole)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+"/v1/users/me", nil)
	req.Header.Set("Authorization", "Bearer "+notiontest.TokenFull)
	req.Header.Set("Notion-Version", "2025-09-03")
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err) // the headers come at once
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if !errors.Is(err, context.DeadlineExceeded) || len(got) != 16 {
		t.Errorf("a body that stalls after 16 bytes: read %d bytes, %v", len(got), err)
	}
}

func TestInnerHandler(t *testing.T) {
	t.Parallel()
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	s := Start(t, Options{Inner: inner})
	if s.Sandbox() != nil {
		t.Error("a sandbox beside an inner handler")
	}
	if resp := do(t, s, nil, "GET", "/anything", ""); resp.StatusCode != http.StatusTeapot || s.Requests() != 1 {
		t.Errorf("%d, %d requests", resp.StatusCode, s.Requests())
	}
	if RetryAfter("1e308").String() != "Retry-After 1e308" {
		t.Error("behaviour names")
	}
}

package notiontest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/testhttp"
)

// check is a request and the Notion error it should be answered with.
type check struct {
	name           string
	token, version string // "" keeps the default, "-" sends none
	method, path   string
	body           any
	status         int
	code, message  string
}

func runChecks(t *testing.T, a *api, checks []check) {
	t.Helper()
	for _, tt := range checks {
		t.Run(tt.name, func(t *testing.T) {
			c := a.as(tt.token, tt.version)
			if tt.token == "-" {
				c.token = ""
			}
			if tt.version == "-" {
				c.version = ""
			}
			msg := c.do(tt.method, tt.path, tt.body).wantError(t, tt.status, tt.code)
			if msg != tt.message {
				t.Errorf("message\n got %q\nwant %q", msg, tt.message)
			}
		})
	}
}

func TestChecksInNotionsOrder(t *testing.T) {
	t.Parallel()
	versionList := `"2021-05-11", "2021-05-13", "2021-08-16", "2022-02-22", "2022-06-28", "2025-09-03", or "2026-03-11"`
	runChecks(t, newAPI(t, Options{}), []check{
		{"missing version comes first", "bad", "-", "GET", "/v1/nope", nil, 400, "missing_version",
			"Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`."},
		{"unknown version", "bad", "2023-01-01", "GET", "/v1/users/me", nil, 400, "validation_error",
			"Notion-Version header failed validation: Notion-Version header should be " + versionList + ", instead was `\"2023-01-01\"`."},
		{"unknown token before routing", "bad", "", "GET", "/v1/nope", nil, 401, "unauthorized", "API token is invalid."},
		{"revoked token", TokenRevoked, "", "GET", "/v1/users/me", nil, 401, "unauthorized", "API token is invalid."},
		{"no token", "-", "", "GET", "/v1/users/me", nil, 401, "unauthorized", "API token is invalid."},
		{"unknown path", "", "", "GET", "/v1/nope", nil, 400, "invalid_request_url", "Invalid request URL."},
		{"trailing slash", "", "", "GET", "/v1/users/", nil, 400, "invalid_request_url", "Invalid request URL."},
		{"wrong method", "", "", "DELETE", "/v1/users/me", nil, 400, "invalid_request_url", "Invalid request URL."},
		{"malformed ID", "", "", "GET", "/v1/users/not-a-user-id", nil, 400, "validation_error",
			"path failed validation: path.user_id should be a valid uuid, instead was `\"not-a-user-id\"`."},
		{"an ID with a slash matches no route", "", "", "GET", "/v1/pages/https://www.notion.so/Tasks-" + compactID(PageHome), nil, 400, "invalid_request_url", "Invalid request URL."},
		{"route before capability", TokenNoUserInfo, "", "POST", "/v1/users", nil, 400, "invalid_request_url", "Invalid request URL."},
		{"malformed ID before capability", TokenNoUserInfo, "", "GET", "/v1/users/abc", nil, 400, "validation_error",
			"path failed validation: path.user_id should be a valid uuid, instead was `\"abc\"`."},
		{"no user info cannot list users", TokenNoUserInfo, "", "GET", "/v1/users", nil, 403, "restricted_resource", "Insufficient permissions for this endpoint."},
		{"unknown user", "", "", "GET", "/v1/users/" + BotGitHubSync[:35] + "0", nil, 404, "object_not_found", "Could not find user with ID: " + BotGitHubSync[:35] + "0."},
	})
}

func TestBodyAndObjectChecks(t *testing.T) {
	t.Parallel()
	notShared := `. Make sure the relevant pages and databases are shared with your integration "notion-tui Demo".`
	runChecks(t, newAPI(t, Options{}), []check{
		{"no content cannot search", TokenNoContent, "", "POST", "/v1/search", "{bad json", 403, "restricted_resource", "Insufficient permissions for this endpoint."},
		{"invalid JSON after capability", "", "", "POST", "/v1/search", "{bad json", 400, "invalid_json", "Error parsing JSON body."},
		{"trailing garbage is invalid JSON", "", "", "POST", "/v1/search", `{} x`, 400, "invalid_json", "Error parsing JSON body."},
		{"body must be an object", "", "", "POST", "/v1/search", `[1]`, 400, "validation_error", "body failed validation: body should be an object, instead was `[1]`."},
		{"malformed page ID", "", "", "GET", "/v1/pages/not-a-page-id", nil, 400, "validation_error",
			"path failed validation: path.page_id should be a valid uuid, instead was `\"not-a-page-id\"`."},
		{"malformed data source ID", "", "", "POST", "/v1/data_sources/123/query", nil, 400, "validation_error",
			"path failed validation: path.data_source_id should be a valid uuid, instead was `\"123\"`."},
		{"malformed block ID", "", "", "GET", "/v1/blocks/" + PageHome + "x/children", nil, 400, "validation_error",
			"path failed validation: path.block_id should be a valid uuid, instead was `\"" + PageHome + "x\"`."},
		{"unshared database", "", "", "GET", "/v1/databases/" + DatabaseUnshared, nil, 404, "object_not_found",
			"Could not find database with ID: " + DatabaseUnshared + notShared},
		{"unshared data source", "", "", "GET", "/v1/data_sources/" + strings.ReplaceAll(DataSourceUnshared, "-", ""), nil, 404, "object_not_found",
			"Could not find data_source with ID: " + DataSourceUnshared + notShared},
		{"unshared page", "", "", "GET", "/v1/pages/" + PageUnshared, nil, 404, "object_not_found",
			"Could not find page with ID: " + PageUnshared + notShared},
		{"unshared row", "", "", "GET", "/v1/pages/" + seedID(DataSourceUnshared, 0), nil, 404, "object_not_found",
			"Could not find page with ID: " + seedID(DataSourceUnshared, 0) + notShared},
		{"unshared blocks", "", "", "GET", "/v1/blocks/" + PageUnshared + "/children", nil, 404, "object_not_found",
			"Could not find block with ID: " + PageUnshared + notShared},
		{"database ID as page", "", "", "GET", "/v1/pages/" + DatabaseTasks, nil, 400, "validation_error",
			"Provided ID " + DatabaseTasks + " is a database, not a page. Use the retrieve database API instead, `/v1/databases/" + DatabaseTasks + "`."},
		{"data source ID as database", "", "", "GET", "/v1/databases/" + DataSourceTasks, nil, 404, "object_not_found",
			"Could not find database with ID: " + DataSourceTasks + notShared},
		{"database ID as data source", "", "", "GET", "/v1/data_sources/" + DatabaseTasks, nil, 404, "object_not_found",
			"Could not find data_source with ID: " + DatabaseTasks + notShared},
		{"database ID queried as data source", "", "", "POST", "/v1/data_sources/" + DatabaseTasks + "/query", nil, 404, "object_not_found",
			"Could not find data_source with ID: " + DatabaseTasks + notShared},
	})
}

func TestGarbledAuthorization(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	for _, h := range []string{TokenFull, "Basic " + TokenFull, "Bearer", "Bearer ", "bearer  " + TokenFull} {
		req, _ := http.NewRequest("GET", a.s.URL()+"/v1/users/me", nil)
		req.Header.Set("Notion-Version", "2025-09-03")
		req.Header.Set("Authorization", h)
		send(t, req).wantError(t, 401, "unauthorized")
	}
	req, _ := http.NewRequest("GET", a.s.URL()+"/v1/users/me", nil)
	req.Header.Set("Notion-Version", "2025-09-03")
	req.Header.Set("Authorization", "bearer "+TokenFull)
	send(t, req).ok(t)
}

func TestEveryAnswerHasARequestID(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	seen := map[string]bool{}
	for _, r := range []*response{
		a.do("GET", "/v1/users/me", nil),
		a.do("GET", "/v1/users", nil),
		a.as("nope", "").do("GET", "/v1/users", nil),
		a.do("POST", "/v1/users/me", nil),
	} {
		id := r.header.Get("x-notion-request-id")
		if !uuidPattern.MatchString(id) || seen[id] {
			t.Errorf("x-notion-request-id %q is not a fresh UUID", id)
		}
		seen[id] = true
		if r.body["object"] == "list" && r.body["request_id"] != id {
			t.Errorf("list request_id %v, header %q", r.body["request_id"], id)
		}
	}
}

func TestIDsWithOrWithoutDashes(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	for _, id := range []string{PageGettingStarted, strings.ReplaceAll(PageGettingStarted, "-", ""), strings.ToUpper(PageGettingStarted)} {
		r := a.do("GET", "/v1/pages/"+id, nil).ok(t)
		if r.body["id"] != PageGettingStarted {
			t.Errorf("id %v for %s", r.body["id"], id)
		}
	}
}

func TestEmptyPostBodyIsAccepted(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	req, _ := http.NewRequest("POST", a.s.URL()+"/v1/data_sources/"+DataSourceReadingList+"/query", nil)
	req.Header.Set("Authorization", "Bearer "+TokenFull)
	req.Header.Set("Notion-Version", "2025-09-03")
	r := send(t, req).ok(t)
	if n := len(r.results()); n != a.s.PageCount(DataSourceReadingList) {
		t.Errorf("got %d rows, want all %d", n, a.s.PageCount(DataSourceReadingList))
	}
}

func TestPageSizeValidation(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	tests := []struct {
		method, path string
		body         any
		message      string
	}{
		{"POST", "/v1/search", map[string]any{"page_size": 500}, "body failed validation: body.page_size should be ≤ `100`, instead was `500`."},
		{"POST", "/v1/search", map[string]any{"page_size": 0}, "body failed validation: body.page_size should be ≥ `1`, instead was `0`."},
		{"POST", "/v1/search", map[string]any{"page_size": "ten"}, "body failed validation: body.page_size should be a number or `undefined`, instead was `\"ten\"`."},
		{"POST", "/v1/search", map[string]any{"page_size": 1.5}, "body failed validation: body.page_size should be an integer, instead was `1.5`."},
		{"GET", "/v1/users?page_size=101", nil, "query failed validation: query.page_size should be ≤ `100`, instead was `101`."},
		{"GET", "/v1/users?page_size=x", nil, "query failed validation: query.page_size should be a number, instead was `\"x\"`."},
		{"GET", "/v1/users?start_cursor=" + PageHome, nil, "The start_cursor provided is invalid: " + PageHome},
	}
	for _, tt := range tests {
		msg := a.do(tt.method, tt.path, tt.body).wantError(t, 400, "validation_error")
		if msg != tt.message {
			t.Errorf("%s %s %v\n got %q\nwant %q", tt.method, tt.path, tt.body, msg, tt.message)
		}
	}
}

func TestUsers(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	me := a.do("GET", "/v1/users/me", nil).ok(t).body
	bot := me["bot"].(map[string]any)
	if me["id"] != BotID || me["name"] != IntegrationName || bot["workspace_name"] != WorkspaceName ||
		bot["owner"].(map[string]any)["type"] != "workspace" || bot["workspace_id"] != WorkspaceID {
		t.Errorf("users/me = %v", me)
	}

	var listed []map[string]any
	cursor := ""
	for pages := 0; ; pages++ {
		r := a.do("GET", "/v1/users?page_size=3&start_cursor="+cursor, nil).ok(t)
		if r.body["type"] != "user" {
			t.Errorf("list type %v", r.body["type"])
		}
		listed = append(listed, r.results()...)
		if r.body["has_more"] != true {
			if r.body["next_cursor"] != nil {
				t.Errorf("last page next_cursor %v", r.body["next_cursor"])
			}
			break
		}
		cursor = r.body["next_cursor"].(string)
	}
	var want []string
	for _, u := range a.s.Users() {
		if !u.Guest {
			want = append(want, u.ID)
		}
	}
	if got := ids(listed); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("listed %v\nwant %v", got, want)
	}
	for _, u := range listed {
		if u["id"] == UserTomBecker {
			t.Error("guest listed")
		}
	}
	guest := a.do("GET", "/v1/users/"+UserTomBecker, nil).ok(t).body
	if guest["name"] != "Tom Becker" {
		t.Errorf("guest = %v", guest)
	}

	person := a.do("GET", "/v1/users/"+UserPriyaRaman, nil).ok(t).body
	if person["person"].(map[string]any)["email"] != "priya.raman@acmelabs.example" {
		t.Errorf("person = %v", person)
	}
	a.as(TokenNoUserInfo, "").do("GET", "/v1/users/"+UserPriyaRaman, nil).wantError(t, 403, "restricted_resource")
	if a.as(TokenNoUserInfo, "").do("GET", "/v1/users/me", nil).status != 200 {
		t.Error("users/me should work without user information")
	}
}

// TestPeopleWithoutUserInformation: without the user information
// capability a user object is {object, id} only, wherever it appears.
func TestPeopleWithoutUserInformation(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	row := seedID(DataSourceReadingList, 0)
	page := a.as(TokenNoUserInfo, "").do("GET", "/v1/pages/"+row, nil).ok(t).body
	owner := propOf(page, "Owner")["people"].([]any)[0].(map[string]any)
	if len(owner) != 2 || owner["object"] != "user" || owner["id"] == nil {
		t.Errorf("people value without user information: %v", owner)
	}
	item := a.as(TokenNoUserInfo, "").do("GET", "/v1/pages/"+row+"/properties/"+propOf(page, "Owner")["id"].(string), nil).ok(t)
	if u := item.results()[0]["people"].(map[string]any); len(u) != 2 {
		t.Errorf("property item without user information: %v", u)
	}
	full := propOf(a.do("GET", "/v1/pages/"+row, nil).ok(t).body, "Owner")["people"].([]any)[0].(map[string]any)
	if full["name"] == nil || full["person"].(map[string]any)["email"] == nil {
		t.Errorf("people value with user information: %v", full)
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{Rate: 0.1}) // a burst of 1, then one request per 10 s
	a.do("GET", "/v1/users/me", nil).ok(t)
	r := a.do("GET", "/v1/users/me", nil)
	r.wantError(t, 429, "rate_limited")
	if r.header.Get("Retry-After") != "10" {
		t.Errorf("Retry-After %q, want 10", r.header.Get("Retry-After"))
	}
	extra := r.body["additional_data"].(map[string]any)
	if extra["rate_limit_reason"] != "public_api_request_rate_limit" || extra["retry_after"] != "10" {
		t.Errorf("additional_data = %v", extra)
	}
	// An invalid token is refused before the rate limit is consulted.
	a.as("nope", "").do("GET", "/v1/users/me", nil).wantError(t, 401, "unauthorized")
	if st := a.s.Stats(); st.RateLimited != 1 || st.Requests != 3 || st.Errors != 2 {
		t.Errorf("stats %+v", st)
	}
	a.s.SetRate(0)
	for range 20 {
		a.do("GET", "/v1/users/me", nil).ok(t)
	}
}

func TestBucket(t *testing.T) {
	t.Parallel()
	var b bucket
	t0 := time.Unix(1000, 0)
	b.setRate(2.5, t0) // burst ceil(2.5) = 3
	for i := range 3 {
		if ok, _ := b.take(t0); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	ok, wait := b.take(t0)
	if ok || wait != 400*time.Millisecond {
		t.Fatalf("after the burst: ok %v, wait %v; want a refusal for 400ms", ok, wait)
	}
	if ok, _ := b.take(t0.Add(399 * time.Millisecond)); ok {
		t.Error("token available before 400ms")
	}
	if ok, _ := b.take(t0.Add(800 * time.Millisecond)); !ok {
		t.Error("no token after 800ms")
	}
	if ok, _ := b.take(t0.Add(time.Hour)); !ok {
		t.Error("no token after an hour")
	}
	for range 2 { // the bucket holds at most the burst
		b.take(t0.Add(time.Hour))
	}
	if ok, _ := b.take(t0.Add(time.Hour)); ok {
		t.Error("bucket grew past its burst")
	}
	b.setRate(0, t0)
	for range 100 {
		if ok, _ := b.take(t0); !ok {
			t.Fatal("rate 0 refused a request")
		}
	}
}

func TestLatency(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{Latency: 300 * time.Millisecond})
	start := time.Now()
	a.do("GET", "/v1/users/me", nil).ok(t)
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("answered after %v, latency is 300ms", d)
	}
	// Latency set back to 0 adds none: were the hour set before it left
	// in place, the request would time out after a minute.
	a.s.SetLatency(time.Hour)
	a.s.SetLatency(0)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", a.s.URL()+"/v1/users/me", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+TokenFull)
	req.Header.Set("Notion-Version", "2025-09-03")
	resp, err := testhttp.Client.Do(req)
	if err != nil {
		t.Fatalf("without latency: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("without latency: status %d", resp.StatusCode)
	}
}

func TestFaults(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	recorded := make(chan Request, 16)
	a.s.recordHook = func(r Request) { recorded <- r }
	a.s.InjectFault(Fault{Method: "GET", Path: "/v1/users", Status: 503, RetryAfter: "2", Times: 2})
	a.do("GET", "/v1/nope", nil).wantError(t, 400, "invalid_request_url") // another path: unaffected
	for range 2 {
		r := a.do("GET", "/v1/users/me", nil)
		r.wantError(t, 503, "service_unavailable")
		if r.header.Get("Retry-After") != "2" || r.body["additional_data"].(map[string]any)["retry_after"] != "2" {
			t.Errorf("Retry-After not sent: %v %s", r.header, r.raw)
		}
	}
	a.do("GET", "/v1/users/me", nil).ok(t) // used up

	a.s.InjectFault(Fault{Status: 502, Body: "<html><body>502 Bad Gateway</body></html>", ContentType: "text/html"})
	r := a.do("GET", "/v1/users/me", nil)
	if r.status != 502 || r.header.Get("Content-Type") != "text/html" || !strings.Contains(string(r.raw), "Bad Gateway") {
		t.Errorf("HTML fault: %d %v %s", r.status, r.header, r.raw)
	}
	a.s.InjectFault(Fault{Status: 500, EmptyBody: true})
	if r := a.do("GET", "/v1/users/me", nil); r.status != 500 || len(r.raw) != 0 {
		t.Errorf("empty-body fault: %d %q", r.status, r.raw)
	}
	a.s.InjectFault(Fault{Status: 529})
	a.do("GET", "/v1/users/me", nil).wantError(t, 529, "service_overload")

	a.s.InjectFault(Fault{Drop: true})
	req, _ := http.NewRequest("GET", a.s.URL()+"/v1/users/me", nil)
	// A fresh connection: Go retries idempotent requests that fail on a
	// reused one.
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := fresh.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatal("dropped connection answered")
	}
	if !errors.Is(err, io.EOF) && !strings.Contains(err.Error(), "reset") && !strings.Contains(err.Error(), "EOF") {
		t.Errorf("drop error %v, want EOF or reset", err)
	}

	a.s.InjectFault(Fault{Delay: 80 * time.Millisecond})
	start := time.Now()
	a.do("GET", "/v1/users/me", nil).ok(t)
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Errorf("delayed answer after %v", d)
	}

	a.s.InjectFault(Fault{Delay: 5 * time.Second, Status: 500})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ = http.NewRequestWithContext(ctx, "GET", a.s.URL()+"/v1/users/me", nil)
	start = time.Now()
	if _, err := testhttp.Client.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("slow answer: err %v, want deadline exceeded", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("client waited %v", d)
	}
	// The abandoned request is recorded when the server sees the client
	// go; every other one before its answer.
	for range 10 {
		select {
		case <-recorded:
		case <-time.After(10 * time.Second):
			t.Fatalf("requests recorded: %+v", a.s.Stats())
		}
	}
	if st := a.s.Stats(); st.Requests != 10 || st.Faults != 8 {
		t.Errorf("stats %+v", st)
	}
}

func TestFaultAfterCommit(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	before := a.s.PageCount(DataSourceTasks)
	a.s.InjectFault(Fault{Method: "POST", Path: "/v1/pages", Status: 504, AfterCommit: true})
	body := map[string]any{
		"parent":     map[string]any{"data_source_id": DataSourceTasks},
		"properties": map[string]any{"Task": map[string]any{"title": []any{map[string]any{"text": map[string]any{"content": "Ambiguous"}}}}},
	}
	a.do("POST", "/v1/pages", body).wantError(t, 504, "gateway_timeout")
	if got := a.s.PageCount(DataSourceTasks); got != before+1 {
		t.Errorf("rows %d after an ambiguous failure, want %d (the write commits)", got, before+1)
	}
	a.s.InjectFault(Fault{Method: "POST", Path: "/v1/pages", Drop: true, AfterCommit: true})
	req, _ := http.NewRequest("POST", a.s.URL()+"/v1/pages", strings.NewReader(`{"parent":{"data_source_id":"`+DataSourceTasks+`"}}`))
	req.Header.Set("Authorization", "Bearer "+TokenFull)
	req.Header.Set("Notion-Version", "2025-09-03")
	if resp, err := testhttp.Client.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("dropped connection answered")
	}
	if got := a.s.PageCount(DataSourceTasks); got != before+2 {
		t.Errorf("rows %d, want %d", got, before+2)
	}
}

func TestRequestsAreRecorded(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	a.do("POST", "/v1/search", map[string]any{"query": "go"}).ok(t)
	a.as("nope", "").do("GET", "/v1/users/me?x=1", nil)
	reqs := a.s.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests recorded", len(reqs))
	}
	if r := reqs[0]; r.Method != "POST" || r.Path != "/v1/search" || string(r.Body) != `{"query":"go"}` || r.Status != 200 ||
		r.Header.Get("Notion-Version") != "2025-09-03" || r.Time.IsZero() {
		t.Errorf("first request %+v", r)
	}
	if r := reqs[1]; r.RawQuery != "x=1" || r.Status != 401 {
		t.Errorf("second request %+v", r)
	}
	a.s.ResetRequests()
	if len(a.s.Requests()) != 0 || a.s.Stats() != (Stats{}) {
		t.Error("reset kept requests")
	}
}

func TestRecordingKeepsTheLast10000(t *testing.T) {
	t.Parallel()
	s := New(Options{Empty: true})
	for i := range maxRecorded + 5 {
		s.record(Request{Status: i}, false, false)
	}
	reqs := s.Requests()
	if len(reqs) != maxRecorded || reqs[0].Status != 5 || reqs[len(reqs)-1].Status != maxRecorded+4 {
		t.Errorf("kept %d, first %d, last %d", len(reqs), reqs[0].Status, reqs[len(reqs)-1].Status)
	}
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	done := make(chan bool)
	for g := range 8 {
		go func() {
			defer func() { done <- true }()
			for i := range 10 {
				var r *response
				switch (g + i) % 3 {
				case 0:
					r = a.do("POST", "/v1/data_sources/"+DataSourceEventLog+"/query", map[string]any{
						"page_size": 20, "filter": map[string]any{"property": "Level", "select": map[string]any{"equals": "warn"}},
					})
				case 1:
					r = a.do("POST", "/v1/search", map[string]any{"query": "a", "page_size": 10})
				default:
					r = a.do("POST", "/v1/pages", map[string]any{
						"parent":     map[string]any{"data_source_id": DataSourceEventLog},
						"properties": map[string]any{"Level": map[string]any{"select": map[string]any{"name": "warn"}}},
					})
				}
				if r.status != http.StatusOK {
					t.Errorf("status %d: %s", r.status, r.raw)
				}
			}
		}()
	}
	for range 8 {
		<-done
	}
}

// TestRequestsAreRecordedBeforeTheAnswer: a client that has its answer,
// or has lost its connection, finds its request recorded.
func TestRequestsAreRecordedBeforeTheAnswer(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	// Without keep-alive, net/http cannot retry a dropped GET on a new
	// connection behind the test's back.
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for i := range 20 {
		if i%2 == 0 {
			a.s.InjectFault(Fault{Path: "/v1/users/me", Drop: true})
			req, _ := http.NewRequest("GET", a.s.URL()+"/v1/users/me", nil)
			if resp, err := fresh.Do(req); err == nil {
				resp.Body.Close()
				t.Fatal("dropped connection answered")
			}
		} else {
			a.do("GET", "/v1/users/me", nil).ok(t)
		}
		if st := a.s.Stats(); st.Requests != i+1 {
			t.Fatalf("after request %d the server counts %d", i+1, st.Requests)
		}
	}
}

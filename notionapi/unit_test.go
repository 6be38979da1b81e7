package notionapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseBaseURL(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"https://api.notion.com", "https://proxy.example/notion/", "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9"} {
		if _, err := ParseBaseURL(ok); err != nil {
			t.Errorf("ParseBaseURL(%q) = %v", ok, err)
		}
	}
	for in, want := range map[string]string{
		"http://api.notion.com":      "plain http://",
		"http://10.0.0.1:80":         "plain http://",
		"ftp://x":                    "not an absolute http(s) URL",
		"api.notion.com":             "not an absolute http(s) URL",
		"https://user:pw@x.example/": "credentials",
	} {
		_, err := ParseBaseURL(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseBaseURL(%q) = %v, want an error about %q", in, err, want)
		}
	}
	if _, err := NewClient("t", WithBaseURL("http://example.com")); err == nil {
		t.Error("NewClient accepted a plain-http remote base URL")
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":                              0,
		"3":                             3 * time.Second,
		" 1 ":                           time.Second,
		"0.5":                           500 * time.Millisecond,
		"007":                           7 * time.Second,
		"-4":                            0,
		"-0":                            0,
		"soon":                          0,
		"NaN":                           0,
		"Inf":                           0,
		"+Inf":                          0,
		"-Inf":                          0,
		"1e308":                         0,
		"1e3":                           0,
		"0x10":                          0,
		"3 ":                            3 * time.Second,
		"3,4":                           0,
		"1.":                            0,
		".5":                            0,
		"86401":                         maxRetryAfter,
		"99999999999999999999":          maxRetryAfter,
		"1" + strings.Repeat("0", 400):  maxRetryAfter,
		"Sat, 21 Nov 2026 12:00:07 GMT": 7 * time.Second,
		"Sat, 21 Nov 2026 11:59:00 GMT": 0,
		"Mon, 01 Jan 0001 00:00:00 GMT": 0,
		"Fri, 31 Dec 9999 23:59:59 GMT": maxRetryAfter,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestRetryAfterData(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	for in, want := range map[any]time.Duration{
		"2": 2 * time.Second, 1.5: 1500 * time.Millisecond, 1e308: maxRetryAfter, -3.0: 0, true: 0,
	} {
		if got := retryAfterData(in, now); got != want {
			t.Errorf("retryAfterData(%v) = %s, want %s", in, got, want)
		}
	}
}

// FuzzParseRetryAfter checks that no Retry-After value, however hostile,
// yields a negative wait or one beyond the clamp.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"", "3", "0.5", "NaN", "Inf", "1e308", "-1", "99999999999999999999", "Sat, 21 Nov 2026 12:00:07 GMT", "Monday, 02-Jan-06 15:04:05 MST", "Mon Jan  2 15:04:05 2006"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		if d := parseRetryAfter(s, now); d < 0 || d > maxRetryAfter {
			t.Fatalf("parseRetryAfter(%q) = %s, outside [0, %s]", s, d, maxRetryAfter)
		}
	})
}

func TestRetryablePolicy(t *testing.T) {
	t.Parallel()
	cases := []struct {
		status       int
		code, method string
		path         string
		want         bool
	}{
		{429, CodeRateLimited, "POST", "/v1/pages", true},
		{529, CodeServiceOverload, "POST", "/v1/pages", true},
		{500, CodeInternalServerError, "GET", "/v1/users", true},
		{500, CodeInternalServerError, "POST", "/v1/pages", false},
		{502, "", "POST", "/v1/pages", false},
		{502, "", "POST", "/v1/search", true},
		{503, CodeServiceUnavailable, "POST", "/v1/data_sources/x/query?filter_properties=a", true},
		{503, CodeServiceUnavailable, "POST", "/v1/databases/x/query", true},
		{503, CodeServiceUnavailable, "DELETE", "/v1/blocks/x", true},
		{504, CodeGatewayTimeout, "PATCH", "/v1/pages/x", false},
		{500, CodeInternalServerError, "POST", "/v1/oauth/token", false},
		{400, CodeValidationError, "GET", "/v1/users", false},
		{401, CodeUnauthorized, "GET", "/v1/users", false},
		{409, CodeConflictError, "GET", "/v1/users", false},
	}
	for _, c := range cases {
		e := &APIError{Status: c.status, Code: c.code, Method: c.method, Path: c.path}
		if got := e.Retryable(); got != c.want {
			t.Errorf("%d %s %s %s: Retryable = %v", c.status, c.code, c.method, c.path, got)
		}
		if amb := e.Ambiguous(); amb != (c.status >= 500 && c.status != 529 && !ReadOnly(c.method, c.path)) {
			t.Errorf("%d %s %s: Ambiguous = %v", c.status, c.method, c.path, amb)
		}
	}
	if (&APIError{Status: 500, Method: "POST", Path: "/v1/search"}).Ambiguous() {
		t.Error("a failed search cannot have changed anything")
	}
	blocked := &APIError{Status: 429, Code: CodeRateLimited, Method: "GET", AdditionalData: map[string]any{"rate_limit_reason": "public_api_request_blocked"}}
	if blocked.Retryable() {
		t.Error("a blocked integration must not be retried")
	}
}

func TestAPIErrorMessages(t *testing.T) {
	t.Parallel()
	e := &APIError{Status: 404, Code: CodeObjectNotFound, Message: "Could not find database.", RequestID: "r1", Method: "GET", Path: "/v1/databases/x"}
	if got := e.Error(); got != "notion: GET /v1/databases/x: 404 object_not_found: Could not find database. (request_id r1)" {
		t.Errorf("Error() = %q", got)
	}
	html := parseAPIError(&http.Response{StatusCode: 502, Header: http.Header{"Content-Type": {"text/html"}}}, []byte("<html><body>Bad gateway</body></html>"), "POST", "/v1/search", time.Now())
	if got := html.Error(); !strings.Contains(got, "HTTP 502 Bad Gateway") || !strings.Contains(got, "text/html") || !strings.Contains(got, "<html><body>Bad gateway") {
		t.Errorf("non-JSON error = %q", got)
	}
	empty := parseAPIError(&http.Response{StatusCode: 503, Header: http.Header{}}, nil, "GET", "/v1/users", time.Now())
	if got := empty.Error(); !strings.Contains(got, "HTTP 503") || !strings.Contains(got, "empty body") {
		t.Errorf("empty error = %q", got)
	}
	long := parseAPIError(&http.Response{StatusCode: 500, Header: http.Header{}}, []byte(strings.Repeat("é", 500)), "GET", "/", time.Now())
	if len(long.Body) > snippetLen || !strings.HasPrefix(long.Body, "é") {
		t.Errorf("snippet = %d bytes", len(long.Body))
	}
	ra := parseAPIError(&http.Response{StatusCode: 429, Header: http.Header{}}, []byte(`{"object":"error","status":429,"code":"rate_limited","message":"slow down","additional_data":{"retry_after":"2"}}`), "GET", "/", time.Now())
	if ra.RetryAfter != 2*time.Second || ra.Code != CodeRateLimited {
		t.Errorf("retry_after from body = %s", ra.RetryAfter)
	}
}

func TestCell(t *testing.T) {
	t.Parallel()
	tz := "Europe/Paris"
	end := "2026-12-05"
	n := 1234.5
	s := "x"
	b := true
	prefix := "TASK"
	num := int64(12)
	tests := []struct {
		v    PropertyValue
		want string
	}{
		{TitleValue("Hello"), "Hello"},
		{NumberValue(3), "3"},
		{PropertyValue{Type: PropNumber}, ""},
		{NumberValue(0.1), "0.1"},
		{MultiSelectValue("go", "rust"), "go, rust"},
		{PropertyValue{Type: PropDate, Date: &DateValue{Start: "2026-12-01", End: &end}}, "2026-12-01 → 2026-12-05"},
		{PropertyValue{Type: PropDate, Date: &DateValue{Start: "2026-12-01T14:30:00.000Z"}}, "2026-12-01 14:30"},
		{PropertyValue{Type: PropDate, Date: &DateValue{Start: "2026-12-01T14:30:00.000+02:00"}}, "2026-12-01 14:30 +02:00"},
		{PropertyValue{Type: PropDate, Date: &DateValue{Start: "2026-12-01T14:30:00", TimeZone: &tz}}, "2026-12-01 14:30 (Europe/Paris)"},
		{CheckboxValue(true), "true"},
		{PropertyValue{Type: PropPeople, People: []User{{Name: "Ada"}, {ID: "0123456789"}}}, "Ada, user 01234567"},
		{PropertyValue{Type: PropRelation, Relation: []ObjectRef{{ID: "a"}}, HasMore: true}, "a, …"},
		{PropertyValue{Type: PropFormula, Formula: &Formula{Type: "number", Number: &n}}, "1234.5"},
		{PropertyValue{Type: PropFormula, Formula: &Formula{Type: "string", String: &s}}, "x"},
		{PropertyValue{Type: PropFormula, Formula: &Formula{Type: "boolean", Boolean: &b}}, "true"},
		{PropertyValue{Type: PropRollup, Rollup: &Rollup{Type: "array", Array: []PropertyValue{TitleValue("a"), NumberValue(2)}}}, "a, 2"},
		{PropertyValue{Type: PropUniqueID, UniqueID: &UniqueID{Prefix: &prefix, Number: &num}}, "TASK-12"},
		{PropertyValue{Type: PropCreatedTime, CreatedTime: "2026-03-04T05:06:07.000Z"}, "2026-03-04 05:06"},
		{ExternalFilesValue("https://x.example/a.pdf"), "a.pdf"},
		{PropertyValue{Type: PropButton}, ""},
	}
	for _, tc := range tests {
		if got := Cell(tc.v); got != tc.want {
			t.Errorf("Cell(%s) = %q, want %q", tc.v.Type, got, tc.want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n      float64
		format string
		want   string
	}{
		{1234567.891, "number_with_commas", "1,234,567.891"},
		{-1234.5, "dollar", "-$1,234.50"},
		{0.25, "percent", "25%"},
		{99, "euro", "€99.00"},
		{7, "number", "7"},
		{7, "mystery", "7"},
	} {
		if got := FormatNumber(tc.n, tc.format); got != tc.want {
			t.Errorf("FormatNumber(%v, %s) = %q, want %q", tc.n, tc.format, got, tc.want)
		}
	}
}

func TestCurlNeverHoldsTheToken(t *testing.T) {
	t.Parallel()
	ri := RequestInfo{Method: "POST", Path: "/v1/data_sources/abc/query", BaseURL: "https://api.notion.com", Version: "2026-03-11", Body: []byte(`{"filter":{"property":"Name","title":{"contains":"it's"}}}`)}
	got := ri.Curl()
	want := "curl -X POST 'https://api.notion.com/v1/data_sources/abc/query' \\\n" +
		"  -H \"Authorization: Bearer $NOTION_TOKEN\" \\\n" +
		"  -H 'Notion-Version: 2026-03-11' \\\n" +
		"  -H \"Content-Type: application/json\" \\\n" +
		"  --data '{\"filter\":{\"property\":\"Name\",\"title\":{\"contains\":\"it'\\''s\"}}}'"
	if got != want {
		t.Fatalf("Curl()\n got %s\nwant %s", got, want)
	}
	get := RequestInfo{Method: "GET", Path: "/v1/users/me", BaseURL: "http://127.0.0.1:9/"}
	if got := get.Curl(); got != "curl 'http://127.0.0.1:9/v1/users/me' \\\n  -H \"Authorization: Bearer $NOTION_TOKEN\"" {
		t.Fatalf("GET curl = %q", got)
	}
}

func TestRedactSecrets(t *testing.T) {
	t.Parallel()
	got := string(redactSecrets([]byte(`{"grant_type":"authorization_code","code":"abc","redirect_uri":"http://localhost:1/callback"}`)))
	if strings.Contains(got, "abc") || !strings.Contains(got, "[REDACTED]") || !strings.Contains(got, "redirect_uri") {
		t.Fatalf("redacted = %s", got)
	}
}

// errorBody decodes an error answer as the client does.
func errorBody(t *testing.T, status int, method, path, body string) *APIError {
	t.Helper()
	e := parseAPIError(&http.Response{StatusCode: status, Header: http.Header{}}, []byte(body), method, path, time.Now())
	if e.Code == "" {
		t.Fatalf("not decoded as a Notion error: %s", body)
	}
	return e
}

func TestAdditionalDataReaders(t *testing.T) {
	t.Parallel()
	// Bodies as Notion documents them (request-limits, workspace block
	// limits, the 2025-09-03 upgrade FAQ).
	committed := errorBody(t, 503, "PATCH", "/v1/blocks/b1/children", `{"object":"error","status":503,"code":"service_unavailable",
		"message":"The change was saved, but the response could not be built in time. Read the object again instead of repeating the write.",
		"additional_data":{"from":"append","elapsed_ms":"61000","deadline_ms":"60000","committed_resource_id":"b1","committed_child_ids":["c1","c2"],
		"retry_guidance":["Read the object again to confirm the saved change.","Do not repeat the write."]}}`)
	if committed.CommittedResourceID() != "b1" || !slices.Equal(committed.CommittedChildIDs(), []string{"c1", "c2"}) ||
		len(committed.RetryGuidance()) != 2 || !committed.Committed() || committed.Retryable() || !committed.Ambiguous() {
		t.Errorf("committed append: %+v", committed)
	}
	if id, ok := Saved(fmt.Errorf("appending: %w", committed)); !ok || id != "b1" {
		t.Errorf("Saved = %q, %v", id, ok)
	}
	// An update saved: no ID, the message says so; a DELETE, though
	// repeatable, is not repeated once saved.
	update := errorBody(t, 503, "DELETE", "/v1/blocks/b1", `{"object":"error","status":503,"code":"service_unavailable","message":"The change was saved, but the response could not be built in time.","additional_data":{"retry_guidance":["Do not repeat the write."]}}`)
	if !update.Committed() || update.Retryable() {
		t.Errorf("saved delete: committed %v, retryable %v", update.Committed(), update.Retryable())
	}
	if id, ok := Saved(update); !ok || id != "" {
		t.Errorf("Saved(update) = %q, %v", id, ok)
	}
	// A query's 503 with guidance is an ordinary, retryable failure.
	query := errorBody(t, 503, "POST", "/v1/data_sources/x/query", `{"object":"error","status":503,"code":"service_unavailable","message":"Notion is unavailable, please try again later.","additional_data":{"retry_guidance":["Use exponential backoff with jitter","Reduce page_size"]}}`)
	if query.Committed() || !query.Retryable() || len(query.RetryGuidance()) != 2 {
		t.Errorf("query 503: committed %v, retryable %v", query.Committed(), query.Retryable())
	}
	if _, ok := Saved(errors.New("other")); ok {
		t.Error("Saved on a plain error")
	}

	blocks := errorBody(t, 403, "POST", "/v1/pages", `{"object":"error","status":403,"code":"restricted_resource","message":"This workspace has used all of its free blocks.","additional_data":{"block_limit":"block_creation"}}`)
	if blocks.BlockLimit() != "block_creation" || blocks.Retryable() {
		t.Errorf("block limit: %+v", blocks)
	}
	multi := errorBody(t, 400, "GET", "/v1/databases/d1", `{"object":"error","status":400,"code":"validation_error","message":"Databases with multiple data sources are not supported in this API version.",
		"additional_data":{"error_type":"multiple_data_sources_for_database","database_id":"d1","child_data_source_ids":["s1","s2"],"minimum_api_version":"2025-09-03"}}`)
	if multi.ErrorType() != ErrorTypeMultipleDataSources || multi.DatabaseID() != "d1" || !slices.Equal(multi.ChildDataSourceIDs(), []string{"s1", "s2"}) || multi.MinimumAPIVersion() != Version20250903 {
		t.Errorf("multiple data sources: %+v", multi)
	}
	limited := errorBody(t, 429, "POST", "/v1/search", `{"object":"error","status":429,"code":"rate_limited","message":"You have been rate limited.","additional_data":{"rate_limit_reason":"public_api_space_request_rate_limit","retry_after":"95"}}`)
	if limited.RateLimitReason() != RateLimitWorkspace || limited.RetryAfter != 95*time.Second {
		t.Errorf("workspace limit: %+v", limited)
	}
	// Fields of another type read as absent.
	odd := &APIError{AdditionalData: map[string]any{"committed_resource_id": 7.0, "retry_guidance": "one sentence", "committed_child_ids": []any{"a", 3.0}}}
	if odd.CommittedResourceID() != "" || !slices.Equal(odd.RetryGuidance(), []string{"one sentence"}) || !slices.Equal(odd.CommittedChildIDs(), []string{"a"}) {
		t.Errorf("odd types: %q %q %q", odd.CommittedResourceID(), odd.RetryGuidance(), odd.CommittedChildIDs())
	}
	if CodeInvalidBeta != "invalid_beta" {
		t.Error("invalid_beta")
	}
}

func TestVersionRejectedByItsMessage(t *testing.T) {
	t.Parallel()
	const unknown = `Notion-Version header failed validation: Notion-Version header should be "2021-05-11", "2021-05-13", "2021-08-16", "2022-02-22", "2022-06-28", "2025-09-03", or "2026-03-11", instead was "2024-06-15".`
	for _, tc := range []struct {
		e    *APIError
		want bool
	}{
		{&APIError{Status: 400, Code: CodeValidationError, Message: unknown}, true},
		{&APIError{Status: 400, Code: "invalid_request", Message: unknown}, true},
		{&APIError{Status: 400, Code: "some_future_code", Message: unknown}, true},
		{&APIError{Status: 400, Code: CodeMissingVersion, Message: "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`."}, true},
		{&APIError{Status: 400, Code: CodeValidationError, Message: "body failed validation: body.parent should be defined (Notion-Version 2025-09-03)."}, false},
		{&APIError{Status: 400, Code: CodeValidationError, Message: "Databases with multiple data sources are not supported in this API version."}, false},
	} {
		if got := tc.e.VersionRejected(); got != tc.want {
			t.Errorf("%s %q: VersionRejected = %v", tc.e.Code, tc.e.Message, got)
		}
	}
}

func TestPageKeepsIsArchived(t *testing.T) {
	t.Parallel()
	var p Page
	if err := json.Unmarshal([]byte(`{"object":"page","id":"p","in_trash":false,"archived":false,"is_archived":true,"properties":{}}`), &p); err != nil || !p.IsArchived || p.InTrash {
		t.Fatalf("page = %+v, %v", p, err)
	}
}

// FuzzQueryAnswer checks that decoding a query answer by object never
// panics, and keeps every result: a page in Results or another kind in
// Other.
func FuzzQueryAnswer(f *testing.F) {
	f.Add([]byte(`{"object":"list","results":[{"object":"page","id":"a","properties":{}},{"object":"data_source","id":"b","properties":{"T":{"type":"title","title":{}}}}],"next_cursor":null,"has_more":false}`))
	f.Add([]byte(`{"object":"list","results":[{"id":"a"},{"object":"page","id":"b"},{"object":"database"}],"has_more":true,"next_cursor":"c"}`))
	f.Add([]byte(`{"results":[1,"x",null,{"object":7}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var raw List[json.RawMessage]
		rawErr := json.Unmarshal(b, &raw)
		var pages rowList[Page]
		err := pages.decodeBody(b, "application/json")
		var rows rowList[RawRow]
		_ = rows.decodeBody(b, "application/json")
		if rawErr != nil || err != nil {
			return
		}
		if got := len(pages.Results) + len(pages.Other); got != len(raw.Results) {
			t.Fatalf("%d results in, %d pages and %d others out", len(raw.Results), len(pages.Results), len(pages.Other))
		}
	})
}

// FuzzRedact checks that a redacted text never holds the secret, in any
// of the forms it may come back in.
func FuzzRedact(f *testing.F) {
	f.Add("Authorization: Bearer ntn_abcdefgh12345678", "ntn_abcdefgh12345678")
	f.Add("x=c2VjcmV0OnBhc3M%3D&y", "c2VjcmV0OnBhc3M=")
	f.Add(`{"a":"ab\/cdefghij"}`, "ab/cdefghij")
	f.Fuzz(func(t *testing.T, text, secret string) {
		if len(secret) < minSecretLen || strings.ContainsAny(secret, "[]") || strings.Contains(redacted, secret) {
			return // no token holds the marker's brackets, or is the marker
		}
		var rd redactor
		rd.add(secret)
		out := rd.string(text)
		if strings.Contains(out, secret) {
			t.Fatalf("redact(%q) = %q still holds %q", text, out, secret)
		}
		if string(rd.bytes([]byte(text))) != out {
			t.Fatal("bytes and string redact differently")
		}
	})
}

package notionapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// Notion error codes (the "code" field of an error body).
const (
	CodeInvalidJSON             = "invalid_json"
	CodeInvalidRequestURL       = "invalid_request_url"
	CodeInvalidRequest          = "invalid_request"
	CodeInvalidBeta             = "invalid_beta"
	CodeInvalidGrant            = "invalid_grant"
	CodeInvalidClient           = "invalid_client"
	CodeValidationError         = "validation_error"
	CodeMissingVersion          = "missing_version"
	CodeUnauthorized            = "unauthorized"
	CodeRestrictedResource      = "restricted_resource"
	CodeObjectNotFound          = "object_not_found"
	CodeConflictError           = "conflict_error"
	CodeRateLimited             = "rate_limited"
	CodeInternalServerError     = "internal_server_error"
	CodeBadGateway              = "bad_gateway"
	CodeServiceUnavailable      = "service_unavailable"
	CodeDatabaseConnUnavailable = "database_connection_unavailable"
	CodeGatewayTimeout          = "gateway_timeout"
	CodeServiceOverload         = "service_overload"
)

// APIError is an error answer from the API. When the body was not a Notion
// error object (an HTML page from a proxy, an empty body), Code is empty
// and Body quotes its first bytes.
type APIError struct {
	Status    int
	Code      string
	Message   string
	RequestID string
	// RetryAfter is the wait the answer asked for, from the Retry-After
	// header or additional_data.retry_after; 0 when none was usable.
	RetryAfter time.Duration
	// AdditionalData is the error's additional_data, as decoded; typed
	// readers such as CommittedResourceID and RateLimitReason read it.
	AdditionalData map[string]any

	// The request that failed (path without host; never the token).
	Method string
	Path   string
	// Body holds the start of a body that was not a Notion error object.
	Body        string
	ContentType string
	// Retries is how many times the request was retried before this answer.
	Retries int
	// BothKinds is set on a 404 of ResolveDataSource when the ID was asked
	// as a database and as a data source: it is neither one's, or is not
	// shared, so "the ID is of the other kind" is not a cause.
	BothKinds bool
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "notion: %s %s: ", e.Method, e.Path)
	if e.Code == "" {
		fmt.Fprintf(&b, "HTTP %d %s", e.Status, http.StatusText(e.Status))
		switch {
		case e.Body == "":
			b.WriteString(" with an empty body")
		default:
			ct := e.ContentType
			if ct == "" {
				ct = "no content type"
			}
			fmt.Fprintf(&b, " with a non-JSON body (%s): %q", ct, e.Body)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "%d %s: %s", e.Status, e.Code, e.Message)
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request_id %s)", e.RequestID)
	}
	return b.String()
}

// Retryable reports whether the same request may be sent again: rate
// limits and overload always, server errors only for requests that cannot
// have changed anything or can be repeated safely (GET, DELETE, search and
// queries), since a write may have been saved.
func (e *APIError) Retryable() bool {
	switch {
	case e.Committed():
		return false // saved: "Do not repeat the write."
	case e.Status == http.StatusTooManyRequests || e.Code == CodeRateLimited:
		return e.RateLimitReason() != RateLimitBlocked
	case e.Status == 529 || e.Code == CodeServiceOverload:
		return true
	case e.Status == 500 || e.Status == 502 || e.Status == 503 || e.Status == 504:
		return Repeatable(e.Method, e.Path)
	}
	return false
}

// Ambiguous reports whether a write answered with this error may still
// have been applied (a 5xx after the body was sent). Committed tells the
// case where Notion says it was.
func (e *APIError) Ambiguous() bool {
	return e.Status >= 500 && e.Status != 529 && !ReadOnly(e.Method, e.Path)
}

// ReadOnly reports whether a request only reads: GET, and the POST
// endpoints that read (search, data source and database queries, OAuth
// introspection). Such a request can be sent again after any failure.
func ReadOnly(method, path string) bool {
	path, _, _ = strings.Cut(path, "?")
	switch method {
	case http.MethodGet, http.MethodHead:
		return true
	case http.MethodPost:
		// A view query only caches a read of the view's rows.
		return path == "/v1/search" || path == "/v1/oauth/introspect" ||
			strings.HasSuffix(path, "/query") && (strings.HasPrefix(path, "/v1/data_sources/") || strings.HasPrefix(path, "/v1/databases/")) ||
			strings.HasPrefix(path, "/v1/views/") && strings.HasSuffix(path, "/queries")
	}
	return false
}

// Repeatable reports whether sending a request twice has the effect of
// sending it once: reads, and DELETE.
func Repeatable(method, path string) bool {
	return method == http.MethodDelete || ReadOnly(method, path)
}

// IsCode reports whether err is an *APIError with the given code.
func IsCode(err error, code string) bool {
	var e *APIError
	return errors.As(err, &e) && e.Code == code
}

// StatusOf returns the HTTP status of an *APIError in err's chain, or 0.
func StatusOf(err error) int {
	var e *APIError
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

// NetworkError is a failure to reach the server or to read its answer:
// DNS, refused or reset connections, TLS.
type NetworkError struct {
	Method string
	URL    string
	Err    error
}

func (e *NetworkError) Error() string {
	return fmt.Sprintf("notion: %s %s: %s", e.Method, e.URL, e.Reason())
}

func (e *NetworkError) Unwrap() error { return e.Err }

// Reason names the kind of failure in a few words.
func (e *NetworkError) Reason() string {
	var dns *net.DNSError
	switch {
	case errors.As(e.Err, &dns):
		return "DNS lookup of " + dns.Name + " failed"
	case errors.Is(e.Err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(e.Err, syscall.ECONNRESET), errors.Is(e.Err, io.ErrUnexpectedEOF), errors.Is(e.Err, io.EOF):
		return "the connection was closed before an answer arrived"
	}
	return e.Err.Error()
}

// Ambiguous reports whether a write may have been applied before the
// connection broke.
func (e *NetworkError) Ambiguous() bool {
	if !e.Dropped() {
		return false
	}
	path := e.URL
	if u, err := url.Parse(e.URL); err == nil {
		path = u.Path
	}
	return !ReadOnly(e.Method, path)
}

// Dropped reports whether the connection broke after the request may have
// been sent, so that the request's outcome is unknown.
func (e *NetworkError) Dropped() bool {
	return errors.Is(e.Err, syscall.ECONNRESET) || errors.Is(e.Err, io.ErrUnexpectedEOF) || errors.Is(e.Err, io.EOF)
}

// NotSentError ends a call whose context ended while the request waited
// for its turn (the pacer, or a rate limit's pause), before it left: a
// write that ends so changed nothing. It unwraps to the context's error,
// so errors.Is(err, context.Canceled) still holds.
type NotSentError struct{ Err error }

func (e *NotSentError) Error() string { return e.Err.Error() + " (before the request was sent)" }

func (e *NotSentError) Unwrap() error { return e.Err }

// WaitTooLongError ends a call whose server asked to wait longer before
// a retry than the client waits on its own (WithMaxRetryWait): typically
// a workspace's rate limit. It unwraps to the *APIError of the answer.
type WaitTooLongError struct {
	Err *APIError
	// Wait is what the server asked for, Max what the client waits at
	// most, and Until when the server's wait ends.
	Wait, Max time.Duration
	Until     time.Time
}

func (e *WaitTooLongError) Error() string {
	return fmt.Sprintf("%v; Notion asked to wait %s before another try, longer than the %s the client waits on its own: try again after %s",
		e.Err, e.Wait.Round(time.Second), e.Max.Round(time.Second), e.Until.Local().Format("15:04:05"))
}

func (e *WaitTooLongError) Unwrap() error { return e.Err }

// RedirectError is an answer that pointed the request elsewhere (HTTP
// 3xx). Notion's API never redirects, so the client never follows one:
// the token and the request body go nowhere but the base URL. A redirect
// means the base URL is not the API (a web page, an old address) or a
// proxy or captive portal is in the way.
type RedirectError struct {
	Method string
	URL    string // the request's URL, without credentials
	Status int
	// Location is where the answer pointed, resolved against URL, without
	// credentials, query or fragment; "" when absent or unreadable.
	Location string
}

func (e *RedirectError) Error() string {
	to := "elsewhere"
	if e.Location != "" {
		to = "to " + e.Location
	}
	return fmt.Sprintf("notion: %s %s: the server redirected %s (HTTP %d); Notion's API never redirects, so the redirect was not followed and the token was not sent there: check the base URL",
		e.Method, e.URL, to, e.Status)
}

// Downgrade reports whether the redirect pointed from https:// to plain
// http://.
func (e *RedirectError) Downgrade() bool {
	return strings.HasPrefix(e.URL, "https://") && strings.HasPrefix(e.Location, "http://")
}

// redirectError describes a 3xx answer to a request sent to reqURL.
func redirectError(method string, reqURL *url.URL, resp *http.Response) *RedirectError {
	e := &RedirectError{Method: method, URL: redactURL(reqURL.String()), Status: resp.StatusCode}
	if loc, err := resp.Location(); err == nil {
		loc.User, loc.RawQuery, loc.ForceQuery, loc.Fragment, loc.RawFragment = nil, "", false, "", ""
		e.Location = loc.String()
	}
	return e
}

// TimeoutError is a request that did not complete within the client's
// timeout. Cancelling the caller's context yields context.Canceled or
// context.DeadlineExceeded instead.
type TimeoutError struct {
	Method string
	URL    string
	After  time.Duration
	Err    error
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("notion: %s %s: no answer within %s", e.Method, e.URL, e.After)
}

func (e *TimeoutError) Unwrap() error { return e.Err }

// Timeout reports true, for net.Error-style checks.
func (e *TimeoutError) Timeout() bool { return true }

// DecodeError is a successful answer whose body could not be decoded.
type DecodeError struct {
	Method      string
	Path        string
	Status      int
	ContentType string
	Snippet     string
	Err         error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("notion: %s %s: cannot decode the HTTP %d answer (%s): %v; body starts %q",
		e.Method, e.Path, e.Status, e.ContentType, e.Err, e.Snippet)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// ErrResultLimit is returned by QueryAll when the server stopped at its
// per-query result cap (10,000 rows). ReadAll reads past it.
var ErrResultLimit = errors.New("notion: the query reached the API's 10,000-result limit; read the rest with ReadAll or narrow the filter")

// IncompleteError ends QueryAll when the server stopped the query before
// its end (request_status "incomplete"). It matches ErrResultLimit when
// the reason is the 10,000-result cap, or not given.
type IncompleteError struct {
	Op     string // the query, such as "POST /v1/data_sources/…/query"
	Reason string // request_status.incomplete_reason
	Rows   int    // rows yielded before it
}

func (e *IncompleteError) Error() string {
	if e.Is(ErrResultLimit) {
		return fmt.Sprintf("%s (after %d rows)", ErrResultLimit, e.Rows)
	}
	return fmt.Sprintf("notion: %s: the server stopped the query early (incomplete_reason %q) after %d rows", e.Op, e.Reason, e.Rows)
}

// Is matches ErrResultLimit for the result cap.
func (e *IncompleteError) Is(target error) bool {
	return target == ErrResultLimit && (e.Reason == "" || e.Reason == IncompleteQueryResultLimit)
}

const snippetLen = 200

func snippet(b []byte) string {
	if len(b) > snippetLen {
		b = b[:snippetLen]
		for len(b) > 0 && !utf8.Valid(b) {
			b = b[:len(b)-1]
		}
	}
	return strings.TrimSpace(string(b))
}

// parseAPIError builds the error for a non-2xx answer.
func parseAPIError(resp *http.Response, body []byte, method, path string, now time.Time) *APIError {
	e := &APIError{
		Status:      resp.StatusCode,
		Method:      method,
		Path:        path,
		ContentType: resp.Header.Get("Content-Type"),
		RequestID:   resp.Header.Get("x-notion-request-id"),
	}
	var eb struct {
		Object         string         `json:"object"`
		Code           string         `json:"code"`
		Message        string         `json:"message"`
		RequestID      string         `json:"request_id"`
		AdditionalData map[string]any `json:"additional_data"`
	}
	if err := json.Unmarshal(body, &eb); err == nil && eb.Code != "" {
		e.Code, e.Message, e.AdditionalData = eb.Code, eb.Message, eb.AdditionalData
		if eb.RequestID != "" {
			e.RequestID = eb.RequestID
		}
	} else {
		e.Body = snippet(body)
	}
	e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), now)
	if e.RetryAfter == 0 {
		e.RetryAfter = retryAfterData(e.AdditionalData["retry_after"], now)
	}
	return e
}

// maxRetryAfter bounds any wait a server can ask for: a larger Retry-After
// is read as this much. Whether the client waits that long is
// WithMaxRetryWait's decision.
const maxRetryAfter = 24 * time.Hour

// parseRetryAfter reads a Retry-After value: delta-seconds, digits with an
// optional fraction (additional_data.retry_after may carry "1.5"), or an
// HTTP date. Anything else (an empty, negative, NaN or infinite value, an
// exponent, a date in the past) yields 0: no usable wait, so the client's
// own back-off applies. A wait beyond maxRetryAfter is clamped to it.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if whole, frac, hasFrac := strings.Cut(v, "."); allDigits(whole) && (!hasFrac || allDigits(frac)) {
		whole = strings.TrimLeft(whole, "0")
		if len(whole) > 9 { // more than 31 years: clamp before the float loses sense
			return maxRetryAfter
		}
		secs, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return 0
		}
		return secondsDuration(secs)
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	if d := t.Sub(now); d > 0 { // Sub saturates instead of overflowing
		return min(d, maxRetryAfter)
	}
	return 0
}

// secondsDuration converts seconds to a duration in [0, maxRetryAfter];
// NaN and negative values give 0.
func secondsDuration(secs float64) time.Duration {
	switch {
	case math.IsNaN(secs) || secs <= 0:
		return 0
	case secs >= maxRetryAfter.Seconds():
		return maxRetryAfter
	}
	return time.Duration(secs * float64(time.Second))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// retryAfterData reads additional_data.retry_after, a string of seconds in
// Notion's answers; a JSON number is read too.
func retryAfterData(v any, now time.Time) time.Duration {
	switch x := v.(type) {
	case string:
		return parseRetryAfter(x, now)
	case float64:
		return secondsDuration(x)
	}
	return 0
}

// classifyTransportError turns an error from http.Client.Do into a typed
// error. parent is the caller's context: its cancellation wins.
func classifyTransportError(parent context.Context, err error, method, u string, timeout time.Duration) error {
	if pe := parent.Err(); pe != nil {
		return pe
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &TimeoutError{Method: method, URL: u, After: timeout, Err: err}
	}
	return &NetworkError{Method: method, URL: u, Err: err}
}

package notionapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// DefaultBaseURL is the address of the Notion API.
const DefaultBaseURL = "https://api.notion.com"

// DefaultRate is the documented average budget per integration
// connection: 3 requests per second.
const DefaultRate = 3.0

// Defaults of the retry policy and timeouts.
const (
	DefaultMaxRetries = 3
	// DefaultMaxRetryWait is the longest the client waits before a retry
	// on its own: a connection's rate limit asks for at most a minute,
	// but a workspace's limit, shared by all its integrations, can ask
	// for more.
	DefaultMaxRetryWait = 5 * time.Minute
	DefaultTimeout      = 60 * time.Second
	initialBackoff      = 500 * time.Millisecond
	// maxBodyBytes bounds a successful answer; maxErrorBodyBytes an error
	// answer, of which only the code, message and additional data (or
	// the first bytes of a non-JSON body) are kept.
	maxBodyBytes      = 64 << 20
	maxErrorBodyBytes = 64 << 10
)

// Client talks to the Notion API. It is safe for concurrent use; all
// goroutines share one pacing budget.
type Client struct {
	cred         credential
	version      string
	sendVersion  bool
	base         *url.URL
	http         *http.Client
	timeout      time.Duration
	limiter      *rate.Limiter
	maxRetries   int
	maxRetryWait time.Duration
	backoff      time.Duration
	userAgent    string
	logger       *slog.Logger
	hooks        Hooks
	requests     atomic.Int64
	// clock measures the server's clock from the Date of its answers.
	clock clock
	// pausedUntil (Unix nanoseconds) holds every request back after a
	// rate limit: the budget is the connection's, not one request's.
	pausedUntil atomic.Int64
	// sleep waits d or until ctx ends; tests replace it to observe waits
	// without letting time pass.
	sleep func(ctx context.Context, d time.Duration) error
}

// Hooks observe a client's traffic, for request logs and progress displays.
// They are called from the goroutine that made the call and must not block.
type Hooks struct {
	// OnStart is called when a call begins, before pacing.
	OnStart func(RequestInfo)
	// OnRequest is called once per call, after its last attempt.
	OnRequest func(RequestInfo)
	// OnRetry is called before the client waits to send a request again.
	OnRetry func(RetryInfo)
}

// RequestInfo describes a finished call. It never holds the token.
type RequestInfo struct {
	Method    string
	Path      string // path and query, without the host
	BaseURL   string
	Version   string // Notion-Version sent; "" when none was sent
	Body      []byte // request body, if any
	Status    int    // final HTTP status; 0 when no answer came
	RequestID string
	Latency   time.Duration // from the first attempt to the end, waits included
	Retries   int
	Err       error
	Start     time.Time
}

// RetryInfo describes a wait before a retry. A display can count down to
// Until; cancelling the call's context ends the wait at once.
type RetryInfo struct {
	Method  string
	Path    string
	Attempt int           // the attempt that failed, from 1
	Wait    time.Duration // how long the client waits before the next one
	Status  int           // 0 after a dropped connection
	Code    string
	// Reason is a rate limit's additional_data.rate_limit_reason, such as
	// "public_api_space_request_rate_limit" for the workspace's limit.
	Reason string
	Until  time.Time
}

// Option configures a Client.
type Option func(*Client) error

// WithBaseURL points the client at another server, such as the notiontest
// sandbox. Plain http:// is refused unless the host is a loopback address.
func WithBaseURL(raw string) Option {
	return func(c *Client) error {
		u, err := ParseBaseURL(raw)
		if err != nil {
			return err
		}
		c.base = u
		return nil
	}
}

// ParseBaseURL checks a base URL: https, or http on a loopback host.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("base URL %q is not an absolute http(s) URL such as https://api.notion.com", raw)
	}
	if u.User != nil {
		return nil, fmt.Errorf("base URL must not carry credentials")
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("base URL %q uses plain http:// on a non-loopback host; the token would travel unencrypted, so use https:// (http:// is allowed only for localhost, 127.0.0.1 and ::1)", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// WithVersion sets the Notion-Version header. The value is sent unchanged;
// an empty value sends no header at all, so the server's own error (400
// missing_version) reaches the caller.
func WithVersion(v string) Option {
	return func(c *Client) error {
		c.version, c.sendVersion = v, v != ""
		return nil
	}
}

// WithHTTPClient sets the HTTP client. Its Timeout, if set, also bounds
// each attempt. The client uses a copy whose redirect policy refuses every
// redirect (see RedirectError). Without this option a Client has a
// connection pool of its own, not http.DefaultTransport's.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return errors.New("nil *http.Client")
		}
		c.http = hc
		return nil
	}
}

// WithTimeout bounds each attempt of a request (default 60 s).
func WithTimeout(d time.Duration) Option {
	return func(c *Client) error {
		if d <= 0 {
			return fmt.Errorf("timeout must be positive, got %s", d)
		}
		c.timeout = d
		return nil
	}
}

// WithRate sets the pacing budget in requests per second, with bursts of
// up to burst requests (burst <= 0 picks half the rate, at least 1). A rate
// <= 0 or +Inf disables pacing.
func WithRate(rps float64, burst int) Option {
	return func(c *Client) error {
		if math.IsNaN(rps) {
			return errors.New("rate is not a number")
		}
		c.limiter = newLimiter(rps, burst)
		return nil
	}
}

func newLimiter(rps float64, burst int) *rate.Limiter {
	if rps <= 0 || math.IsInf(rps, 1) {
		return rate.NewLimiter(rate.Inf, 1)
	}
	if burst <= 0 {
		burst = max(1, int(math.Ceil(rps/2)))
	}
	return rate.NewLimiter(rate.Limit(rps), burst)
}

// WithMaxRetries sets how many times a retryable request is sent again
// (default 3; 0 disables retries).
func WithMaxRetries(n int) Option {
	return func(c *Client) error {
		if n < 0 {
			return fmt.Errorf("max retries must be >= 0, got %d", n)
		}
		c.maxRetries = n
		return nil
	}
}

// WithMaxRetryWait caps a single wait before a retry, including a server's
// Retry-After (default DefaultMaxRetryWait, 5 minutes). A longer
// Retry-After ends the call with a *WaitTooLongError instead of waiting.
// Hooks.OnRetry announces every wait, so a display can count it down.
func WithMaxRetryWait(d time.Duration) Option {
	return func(c *Client) error {
		if d <= 0 {
			return fmt.Errorf("max retry wait must be positive, got %s", d)
		}
		c.maxRetryWait = d
		return nil
	}
}

// WithUserAgent sets the User-Agent header to the caller's product, such
// as "notion-tui/1.4.0". Without it (or with an empty value) the client
// sends DefaultUserAgent, which names this library. A value with control
// characters is refused: it would break the header.
func WithUserAgent(ua string) Option {
	return func(c *Client) error {
		ua = strings.TrimSpace(ua)
		if strings.ContainsFunc(ua, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return fmt.Errorf("user agent %q holds control characters", ua)
		}
		if ua != "" {
			c.userAgent = ua
		}
		return nil
	}
}

// WithLogger logs every request at debug level: method, path, status,
// latency, request ID and retries. Authorization is logged as [REDACTED].
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) error { c.logger = l; return nil }
}

// WithHooks installs traffic observers.
func WithHooks(h Hooks) Option {
	return func(c *Client) error { c.hooks = h; return nil }
}

// NewClient returns a client that authenticates with token. The token may
// be empty for OAuth calls, which authenticate with client credentials.
func NewClient(token string, opts ...Option) (*Client, error) {
	c := &Client{
		cred:         credential{token: token},
		version:      DefaultVersion,
		sendVersion:  true,
		http:         &http.Client{Transport: ownTransport()},
		timeout:      DefaultTimeout,
		limiter:      newLimiter(DefaultRate, 0),
		maxRetries:   DefaultMaxRetries,
		maxRetryWait: DefaultMaxRetryWait,
		backoff:      initialBackoff,
		userAgent:    DefaultUserAgent(),
		sleep:        sleep,
	}
	c.base, _ = url.Parse(DefaultBaseURL)
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, fmt.Errorf("notionapi: %w", err)
		}
	}
	// Notion's API never redirects: a redirect is answered with a
	// *RedirectError, never followed, so that neither the token nor a
	// body is sent anywhere but the base URL. The caller's http.Client is
	// copied, not changed.
	hc := *c.http
	hc.CheckRedirect = refuseRedirect
	c.http = &hc
	return c, nil
}

func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// ownTransport is the transport of a client made without WithHTTPClient:
// http.DefaultTransport's settings (proxy from the environment, HTTP/2,
// timeouts) with a connection pool of its own. Elsewhere in the program,
// http.DefaultTransport's idle connections may be closed at any moment
// (httptest.Server.Close does it); a connection being handed to a request
// when that happens breaks it after the request was written, and a write
// broken so is one this client cannot send again (an ambiguous failure).
// If http.DefaultTransport was replaced by something other than an
// *http.Transport, it is used as it is.
func ownTransport() http.RoundTripper {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		return t.Clone()
	}
	return http.DefaultTransport
}

// modulePath is the module this package belongs to.
const modulePath = "github.com/notion-tui/notion-tui"

// DefaultUserAgent is the User-Agent of a client built without
// WithUserAgent: this library and its version, such as
// "notionapi/v1.4.0 (+https://github.com/notion-tui/notion-tui)".
func DefaultUserAgent() string {
	return "notionapi/" + libraryVersion() + " (+https://" + modulePath + ")"
}

// libraryVersion is the version of the module holding this package, as
// built into the binary: the main module's, or a dependency's.
func libraryVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	v := ""
	if bi.Main.Path == modulePath {
		v = bi.Main.Version
	}
	for _, d := range bi.Deps {
		if d.Path == modulePath {
			v = d.Version
			if d.Replace != nil && d.Replace.Version != "" {
				v = d.Replace.Version
			}
		}
	}
	if v == "" || v == "(devel)" {
		return "dev"
	}
	return v
}

// UserAgent returns the User-Agent the client sends.
func (c *Client) UserAgent() string { return c.userAgent }

// Version returns the Notion-Version the client sends ("" if none).
func (c *Client) Version() string {
	if !c.sendVersion {
		return ""
	}
	return c.version
}

// BaseURL returns the server address.
func (c *Client) BaseURL() string { return c.base.String() }

// Rate returns the pacing budget in requests per second (+Inf if none).
func (c *Client) Rate() float64 {
	if l := c.limiter.Limit(); l != rate.Inf {
		return float64(l)
	}
	return math.Inf(1) // rate.Inf is math.MaxFloat64
}

// RequestCount returns how many HTTP requests the client has sent,
// retries included.
func (c *Client) RequestCount() int64 { return c.requests.Load() }

// request is one API call.
type request struct {
	method string
	path   string // starting with /v1/
	query  url.Values
	body   any
	basic  *OAuthCredentials // Basic auth instead of the bearer token
	token  string            // bearer token of the current attempt
}

// do sends the call, retrying where allowed, and decodes a 2xx answer into
// out (which may be nil).
func (c *Client) do(ctx context.Context, r request, out any) error {
	var body []byte
	if r.body != nil {
		var err error
		if body, err = json.Marshal(r.body); err != nil {
			return fmt.Errorf("notionapi: encoding the %s %s body: %w", r.method, r.path, err)
		}
	}
	pathQ := r.path
	if len(r.query) > 0 {
		pathQ += "?" + r.query.Encode()
	}
	u := *c.base
	u.Path += r.path
	u.RawQuery = r.query.Encode()
	full := u.String()

	info := RequestInfo{Method: r.method, Path: pathQ, BaseURL: c.base.String(), Version: c.Version(), Body: body, Start: time.Now()}
	if r.basic != nil {
		info.Body = redactSecrets(body)
	} else {
		// The client's own token never reaches a request log, even
		// pasted into a page.
		info.Body = c.redactorFor(r).bytes(body)
	}
	if c.hooks.OnStart != nil {
		c.hooks.OnStart(info)
	}
	defer func() {
		info.Latency = time.Since(info.Start)
		c.log(info)
		if c.hooks.OnRequest != nil {
			c.hooks.OnRequest(info)
		}
	}()

	renewed := false
	for attempt := 0; ; attempt++ {
		info.Retries = attempt
		r.token = c.cred.get()
		rd := c.redactorFor(r)
		status, reqID, respBody, hdr, err := c.attempt(ctx, r, full, body)
		info.Status, info.RequestID = status, reqID
		if err != nil {
			rd.error(err)
			info.Err = err
			var ne *NetworkError
			if errors.As(err, &ne) && ne.Dropped() && Repeatable(r.method, r.path) && attempt < c.maxRetries {
				if werr := c.wait(ctx, RetryInfo{Method: r.method, Path: pathQ, Attempt: attempt + 1, Wait: c.backoffFor(attempt)}); werr != nil {
					info.Err = werr
					return werr
				}
				continue
			}
			return err
		}
		if status >= 200 && status < 300 {
			info.Err = nil
			if out == nil {
				return nil
			}
			if err := decodeBody(respBody, hdr.Get("Content-Type"), out); err != nil {
				derr := c.decodeError(r, pathQ, status, hdr.Get("Content-Type"), respBody, err)
				info.Err = derr
				return derr
			}
			return nil
		}
		// Redact before parsing: the snippet of a non-JSON body could cut
		// a secret in two.
		apiErr := parseAPIError(&http.Response{StatusCode: status, Header: hdr}, rd.bytes(respBody), r.method, pathQ, time.Now())
		apiErr.Retries = attempt
		rd.error(apiErr)
		info.Err = apiErr
		if status == http.StatusUnauthorized && !renewed && c.cred.canRenew(r) {
			renewed = true
			if err := c.cred.renewAfter(ctx, r.token, apiErr); err != nil {
				info.Err = err
				return err
			}
			continue
		}
		if !apiErr.Retryable() || attempt >= c.maxRetries {
			err := multipleDataSources(apiErr)
			info.Err = err
			return err
		}
		wait := apiErr.RetryAfter
		if wait == 0 {
			wait = c.backoffFor(attempt)
		}
		if wait > c.maxRetryWait {
			tooLong := &WaitTooLongError{Err: apiErr, Wait: wait, Max: c.maxRetryWait, Until: time.Now().Add(wait)}
			info.Err = tooLong
			return tooLong
		}
		if status == http.StatusTooManyRequests {
			c.pause(wait)
		}
		ri := RetryInfo{Method: r.method, Path: pathQ, Attempt: attempt + 1, Wait: wait, Status: status, Code: apiErr.Code, Reason: apiErr.RateLimitReason()}
		if werr := c.wait(ctx, ri); werr != nil {
			info.Err = werr
			return werr
		}
	}
}

// bodyDecoder is an answer type that decodes its body itself, given the
// answer's Content-Type.
type bodyDecoder interface {
	decodeBody(body []byte, contentType string) error
}

// decodeError tells that the body of r's answer did not decode, with the
// client's secrets hidden. It redacts before cutting the snippet, which
// could cut a secret in two.
func (c *Client) decodeError(r request, path string, status int, contentType string, body []byte, err error) *DecodeError {
	rd := c.redactorFor(r)
	derr := &DecodeError{Method: r.method, Path: path, Status: status, ContentType: contentType, Snippet: snippet(rd.bytes(body)), Err: err}
	rd.error(derr)
	return derr
}

func decodeBody(b []byte, contentType string, out any) error {
	if d, ok := out.(bodyDecoder); ok {
		return d.decodeBody(b, contentType)
	}
	return json.Unmarshal(b, out)
}

// backoffFor returns an exponential back-off with jitter: base·2^n scaled
// by a random factor in [0.5, 1.5).
func (c *Client) backoffFor(attempt int) time.Duration {
	base := float64(c.backoff) * math.Pow(2, float64(attempt))
	d := time.Duration(base * (0.5 + rand.Float64()))
	return min(d, c.maxRetryWait)
}

// wait sleeps before a retry, returning early when ctx ends.
func (c *Client) wait(ctx context.Context, ri RetryInfo) error {
	ri.Until = time.Now().Add(ri.Wait)
	if c.hooks.OnRetry != nil {
		c.hooks.OnRetry(ri)
	}
	if c.logger != nil {
		c.logger.Debug("notion retry", "method", ri.Method, "path", ri.Path, "attempt", ri.Attempt, "wait", ri.Wait, "status", ri.Status, "code", ri.Code, "reason", ri.Reason)
	}
	return c.sleep(ctx, ri.Wait)
}

// sleep waits d, returning early with ctx's error when ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// pause holds every request of the client back for d.
func (c *Client) pause(d time.Duration) {
	until := time.Now().Add(d).UnixNano()
	for {
		cur := c.pausedUntil.Load()
		if cur >= until || c.pausedUntil.CompareAndSwap(cur, until) {
			return
		}
	}
}

// waitPause sleeps until a rate-limit pause is over.
func (c *Client) waitPause(ctx context.Context) error {
	d := time.Until(time.Unix(0, c.pausedUntil.Load()))
	if d <= 0 {
		return nil
	}
	return c.sleep(ctx, d)
}

// attempt sends the request once, after any rate-limit pause and the
// pacer.
func (c *Client) attempt(ctx context.Context, r request, full string, body []byte) (status int, reqID string, respBody []byte, hdr http.Header, err error) {
	if err := c.waitPause(ctx); err != nil {
		return 0, "", nil, nil, &NotSentError{Err: err}
	}
	if err := c.limiter.Wait(ctx); err != nil {
		if ctx.Err() != nil {
			return 0, "", nil, nil, &NotSentError{Err: ctx.Err()}
		}
		return 0, "", nil, nil, err
	}
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(actx, r.method, full, rd)
	if err != nil {
		return 0, "", nil, nil, fmt.Errorf("notionapi: building request: %w", err)
	}
	c.setHeaders(req, r, body != nil)
	c.requests.Add(1)
	sent := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, "", nil, nil, classifyTransportError(ctx, err, r.method, redactURL(full), c.timeout)
	}
	defer resp.Body.Close()
	c.clock.observe(resp.Header.Get("Date"), sent, time.Now())
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return resp.StatusCode, resp.Header.Get("x-notion-request-id"), nil, resp.Header, redirectError(r.method, req.URL, resp)
	}
	limit := int64(maxBodyBytes)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		limit = maxErrorBodyBytes
	}
	respBody, err = io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return resp.StatusCode, "", nil, nil, classifyTransportError(ctx, err, r.method, redactURL(full), c.timeout)
	}
	return resp.StatusCode, resp.Header.Get("x-notion-request-id"), respBody, resp.Header, nil
}

func (c *Client) setHeaders(req *http.Request, r request, hasBody bool) {
	switch {
	case r.basic != nil:
		req.SetBasicAuth(r.basic.ClientID, r.basic.ClientSecret)
	case r.token != "":
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	if c.sendVersion {
		req.Header.Set("Notion-Version", c.version)
	}
	if hasBody {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
}

// redactURL drops credentials from a URL for error messages.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	return u.String()
}

func (c *Client) log(info RequestInfo) {
	if c.logger == nil || !c.logger.Enabled(context.Background(), slog.LevelDebug) {
		return
	}
	attrs := []any{
		"method", info.Method, "path", info.Path, "status", info.Status,
		"latency_ms", info.Latency.Milliseconds(), "request_id", info.RequestID, "retries", info.Retries,
		slog.Group("headers", "Authorization", "[REDACTED]", "Notion-Version", info.Version),
	}
	if info.Err != nil {
		attrs = append(attrs, "error", info.Err.Error())
	}
	c.logger.Debug("notion request", attrs...)
}

// redactSecrets hides the codes and tokens in an OAuth request body.
func redactSecrets(body []byte) []byte {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return nil
	}
	for _, k := range oauthSecretFields {
		if _, ok := m[k]; ok {
			m[k] = "[REDACTED]"
		}
	}
	b, _ := json.Marshal(m)
	return b
}

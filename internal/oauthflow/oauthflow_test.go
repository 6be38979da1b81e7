package oauthflow

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/testhttp"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

var sandboxCreds = notionapi.OAuthCredentials{ClientID: notiontest.OAuthClientID, ClientSecret: notiontest.OAuthClientSecret}

// browserVisit is what a browser ended on.
type browserVisit struct {
	status int
	body   string
	url    string
	err    error
}

// browser plays the user's browser: it opens a URL and follows redirects,
// as a browser follows Notion's redirect back to the callback.
type browser struct{ visits chan browserVisit }

func newBrowser() *browser { return &browser{visits: make(chan browserVisit, 4)} }

func (b *browser) open(u string) error {
	go func() {
		resp, err := testhttp.Client.Get(u)
		if err != nil {
			b.visits <- browserVisit{err: err}
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		b.visits <- browserVisit{status: resp.StatusCode, body: string(body), url: resp.Request.URL.String()}
	}()
	return nil
}

func (b *browser) last(t *testing.T) browserVisit {
	t.Helper()
	select {
	case v := <-b.visits:
		if v.err != nil {
			t.Fatalf("browser: %v", v.err)
		}
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("the browser got no page")
	}
	return browserVisit{}
}

func sandbox(t *testing.T) (*notiontest.Server, *notionapi.Client) {
	t.Helper()
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	c, err := notionapi.NewClient("", notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func start(t *testing.T, cfg Config) *Flow {
	t.Helper()
	f, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// assertClosed checks that nothing listens on the flow's port any more.
// assertClosed checks the flow's own listeners rather than dialling its
// port, which a test running beside this one may have been given since.
func assertClosed(t *testing.T, f *Flow) {
	t.Helper()
	for _, ln := range f.lns {
		// An open listener answers at once with a timeout, not ErrClosed.
		_ = ln.(*net.TCPListener).SetDeadline(time.Now())
		if conn, err := ln.Accept(); !errors.Is(err, net.ErrClosed) {
			if conn != nil {
				conn.Close()
			}
			t.Errorf("the listener on %s is still open after the flow ended (%v)", ln.Addr(), err)
		}
	}
}

func TestWholeFlowFollowingTheAuthorizeRedirect(t *testing.T) {
	t.Parallel()
	srv, c := sandbox(t)
	b := newBrowser()
	f := start(t, Config{Client: c, Credentials: sandboxCreds, Open: b.open})
	if want := "http://localhost:" + strconv.Itoa(f.Port()) + "/callback"; f.RedirectURI() != want {
		t.Errorf("redirect URI %q, want %q", f.RedirectURI(), want)
	}
	au, err := url.Parse(f.AuthorizeURL())
	if err != nil {
		t.Fatal(err)
	}
	q := au.Query()
	if au.Host != strings.TrimPrefix(srv.URL(), "http://") || au.Path != "/v1/oauth/authorize" {
		t.Errorf("authorize URL %s is not on the configured base URL", au.Redacted())
	}
	for k, want := range map[string]string{"client_id": notiontest.OAuthClientID, "response_type": "code", "owner": "user", "redirect_uri": f.RedirectURI()} {
		if q.Get(k) != want {
			t.Errorf("authorize %s = %q, want %q", k, q.Get(k), want)
		}
	}
	if raw, err := base64.RawURLEncoding.DecodeString(q.Get("state")); err != nil || len(raw) != 32 {
		t.Errorf("state %q is not 32 bytes of base64url", q.Get("state"))
	}
	if err := f.OpenBrowser(); err != nil {
		t.Fatal(err)
	}
	tok, err := f.Wait(context.Background())
	if err != nil {
		t.Fatalf("Wait: %v", err)
	}
	page := b.last(t)
	if page.status != http.StatusOK || !strings.Contains(page.body, "close this tab") || !strings.HasPrefix(page.url, f.RedirectURI()) {
		t.Errorf("browser ended on %s with %d:\n%s", page.url, page.status, page.body)
	}
	if tok.AccessToken == "" || tok.RefreshToken == "" || tok.WorkspaceName != notiontest.WorkspaceName || tok.BotID != notiontest.OAuthBotID {
		t.Errorf("token response lacks fields: workspace %q bot %q", tok.WorkspaceName, tok.BotID)
	}
	if tok.Owner == nil || tok.Owner.User == nil || tok.Owner.User.ID != notiontest.UserMayaChen {
		t.Errorf("owner = %+v", tok.Owner)
	}
	user, err := notionapi.NewClient(tok.AccessToken, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if me, err := user.GetMe(context.Background()); err != nil || me.ID != notiontest.OAuthBotID {
		t.Fatalf("the new token does not work: %v", err)
	}
	assertClosed(t, f)
	// The exchange sent the same redirect URI, with Basic auth.
	for _, r := range srv.Requests() {
		if r.Path == "/v1/oauth/token" && !strings.Contains(string(r.Body), strconv.Quote(f.RedirectURI())[1:]) {
			t.Errorf("the exchange did not send the redirect URI: %s", r.Body)
		}
	}
}

func TestEachFlowHasItsOwnState(t *testing.T) {
	t.Parallel()
	_, c := sandbox(t)
	a, b := start(t, Config{Client: c, Credentials: sandboxCreds}), start(t, Config{Client: c, Credentials: sandboxCreds})
	sa, _ := url.Parse(a.AuthorizeURL())
	sb, _ := url.Parse(b.AuthorizeURL())
	if sa.Query().Get("state") == sb.Query().Get("state") {
		t.Error("two sign-ins share a state")
	}
}

// callbackURL is a redirect to f with the given parameters.
func callbackURL(f *Flow, params url.Values) string {
	return f.RedirectURI() + "?" + params.Encode()
}

// visit requests u as a browser would and returns the status and page.
func visit(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := testhttp.Client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// forgedCallbacks are redirects any page could make the browser send.
var forgedCallbacks = map[string]url.Values{
	"wrong state":   {"code": {"forged-code"}, "state": {"not-the-state"}},
	"no state":      {"code": {"forged-code"}},
	"forged denial": {"error": {"access_denied"}, "state": {"x"}},
	"empty state":   {"code": {"forged-code"}, "state": {""}},
}

// TestForgedCallbacksDoNotEndTheSignIn sends every forged redirect before
// the real one: each is refused and logged, and the sign-in still
// completes with the real one.
func TestForgedCallbacksDoNotEndTheSignIn(t *testing.T) {
	t.Parallel()
	srv, c := sandbox(t)
	b := newBrowser()
	var logged syncBuffer
	f := start(t, Config{Client: c, Credentials: sandboxCreds, Open: b.open, Log: slog.New(slog.NewJSONHandler(&logged, nil))})

	for name, params := range forgedCallbacks {
		status, page := visit(t, callbackURL(f, params))
		if status != http.StatusBadRequest || !strings.Contains(page, "refused") || !strings.Contains(page, "still waiting") {
			t.Errorf("%s: page %d:\n%s", name, status, page)
		}
	}
	if f.Refused() != len(forgedCallbacks) {
		t.Errorf("Refused() = %d, want %d", f.Refused(), len(forgedCallbacks))
	}
	if err := f.OpenBrowser(); err != nil {
		t.Fatal(err)
	}
	tok, err := f.Wait(context.Background())
	if err != nil {
		t.Fatalf("Wait after forged callbacks = %v, want the real sign-in to complete", err)
	}
	if tok.AccessToken == "" {
		t.Error("no access token")
	}
	if page := b.last(t); page.status != http.StatusOK {
		t.Errorf("the real redirect got %d:\n%s", page.status, page.body)
	}
	for _, r := range srv.Requests() {
		if r.Path == "/v1/oauth/token" && strings.Contains(string(r.Body), "forged-code") {
			t.Error("a code from a forged redirect was exchanged")
		}
	}
	log := logged.String()
	if n := strings.Count(log, "oauth callback ignored"); n != len(forgedCallbacks) {
		t.Errorf("%d refusals logged, want %d:\n%s", n, len(forgedCallbacks), log)
	}
	for _, leak := range []string{"forged-code", "not-the-state", mustState(t, f)} {
		if strings.Contains(log, leak) {
			t.Errorf("the log quotes %q:\n%s", leak, log)
		}
	}
	if !strings.Contains(log, `"state":"missing"`) || !strings.Contains(log, `"state":"wrong"`) {
		t.Errorf("the log does not say what was wrong with the state:\n%s", log)
	}
	assertClosed(t, f)
}

func TestTimeoutAfterARefusedCallbackPointsAtTheState(t *testing.T) {
	t.Parallel()
	_, c := sandbox(t)
	f := start(t, Config{Client: c, Credentials: sandboxCreds, Timeout: 50 * time.Millisecond})
	visit(t, callbackURL(f, forgedCallbacks["wrong state"]))
	_, err := f.Wait(context.Background())
	var fe *Error
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, ErrStateMismatch) || !errors.As(err, &fe) || fe.Refused != 1 {
		t.Fatalf("err = %v, want a timeout that also matches the state mismatch", err)
	}
	if want := "ignored 1 redirect without this sign-in's state"; !strings.Contains(err.Error(), want) {
		t.Errorf("err = %q, want it to say %q", err, want)
	}
}

func TestDeniedAuthorisation(t *testing.T) {
	t.Parallel()
	srv, c := sandbox(t)
	srv.SetOAuthConsent(true)
	b := newBrowser()
	f := start(t, Config{Client: c, Credentials: sandboxCreds, Open: b.open})
	if err := f.OpenBrowser(); err != nil {
		t.Fatal(err)
	}
	_, err := f.Wait(context.Background())
	var fe *Error
	if !errors.Is(err, ErrDenied) || !errors.As(err, &fe) || fe.Code != "access_denied" {
		t.Fatalf("err = %v, want access denied", err)
	}
	if page := b.last(t); !strings.Contains(page.body, "not granted") {
		t.Errorf("page:\n%s", page.body)
	}
}

func TestOtherRedirectErrors(t *testing.T) {
	t.Parallel()
	_, c := sandbox(t)
	f := start(t, Config{Client: c, Credentials: sandboxCreds})
	state := mustState(t, f)
	newBrowser().open(callbackURL(f, url.Values{"error": {"server_error"}, "error_description": {"try later"}, "state": {state}}))
	_, err := f.Wait(context.Background())
	if !errors.Is(err, ErrAuthorize) || !strings.Contains(err.Error(), "server_error: try later") {
		t.Fatalf("err = %v", err)
	}
}

func mustState(t *testing.T, f *Flow) string {
	t.Helper()
	u, err := url.Parse(f.AuthorizeURL())
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("state")
}

func TestWrongClientSecret(t *testing.T) {
	t.Parallel()
	_, c := sandbox(t)
	const wrong = "secret_wrong_client_secret_value"
	b := newBrowser()
	f := start(t, Config{Client: c, Credentials: notionapi.OAuthCredentials{ClientID: notiontest.OAuthClientID, ClientSecret: wrong}, Open: b.open})
	f.OpenBrowser()
	_, err := f.Wait(context.Background())
	if !notionapi.IsCode(err, notionapi.CodeInvalidClient) {
		t.Fatalf("err = %v, want invalid_client", err)
	}
	if strings.Contains(err.Error(), wrong) {
		t.Error("the error quotes the client secret")
	}
	b.last(t)
}

func TestTimeoutAndCancel(t *testing.T) {
	t.Parallel()
	_, c := sandbox(t)
	f := start(t, Config{Client: c, Credentials: sandboxCreds, Timeout: 50 * time.Millisecond})
	_, err := f.Wait(context.Background())
	var fe *Error
	if !errors.Is(err, ErrTimeout) || !errors.As(err, &fe) || fe.After != 50*time.Millisecond || fe.RedirectURI != f.RedirectURI() {
		t.Fatalf("err = %v, want a timeout after 50ms", err)
	}
	assertClosed(t, f)

	g := start(t, Config{Client: c, Credentials: sandboxCreds})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = g.Wait(ctx)
	if !errors.Is(err, ErrCancelled) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want cancelled", err)
	}
	assertClosed(t, g)
}

func TestStartChecksItsInput(t *testing.T) {
	t.Parallel()
	_, c := sandbox(t)
	busy, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	_, err = Start(Config{Client: c, Credentials: sandboxCreds, Port: port})
	var pe *PortError
	if !errors.As(err, &pe) || pe.Port != port || !strings.Contains(err.Error(), RedirectURI(port)) {
		t.Errorf("busy port: %v", err)
	}
	for name, cfg := range map[string]Config{
		"no client":    {Credentials: sandboxCreds},
		"no secret":    {Client: c, Credentials: notionapi.OAuthCredentials{ClientID: "id"}},
		"no client id": {Client: c, Credentials: notionapi.OAuthCredentials{ClientSecret: "s"}},
		"bad port":     {Client: c, Credentials: sandboxCreds, Port: 70000},
	} {
		if _, err := Start(cfg); err == nil {
			t.Errorf("%s: Start accepted it", name)
		}
	}
	f := start(t, Config{Client: c, Credentials: sandboxCreds})
	if err := f.OpenBrowser(); err == nil {
		t.Error("OpenBrowser without an opener reported success")
	}
}

func TestCallbackHandler(t *testing.T) {
	t.Parallel()
	_, c := sandbox(t)
	tests := []struct {
		name, method, host, path string
		status                   int
		delivered                bool
	}{
		{"other host (DNS rebinding)", http.MethodGet, "evil.example:PORT", "/callback?code=c&state=STATE", http.StatusMisdirectedRequest, false},
		{"other path", http.MethodGet, "localhost:PORT", "/favicon.ico", http.StatusNotFound, false},
		{"POST", http.MethodPost, "localhost:PORT", "/callback?code=c&state=STATE", http.StatusMethodNotAllowed, false},
		{"no code", http.MethodGet, "127.0.0.1:PORT", "/callback?state=STATE", http.StatusBadRequest, true},
		{"wrong state", http.MethodGet, "localhost:PORT", "/callback?code=c&state=other", http.StatusBadRequest, false},
		{"forged denial", http.MethodGet, "localhost:PORT", "/callback?error=access_denied", http.StatusBadRequest, false},
		{"good", http.MethodGet, "[::1]:PORT", "/callback?code=c&state=STATE", http.StatusOK, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, Config{Client: c, Credentials: sandboxCreds})
			r := strings.NewReplacer("PORT", strconv.Itoa(f.Port()), "STATE", mustState(t, f))
			req := httptest.NewRequest(tc.method, r.Replace(tc.path), nil)
			req.Host = r.Replace(tc.host)
			w := httptest.NewRecorder()
			f.ServeHTTP(w, req)
			if w.Code != tc.status {
				t.Errorf("status %d, want %d", w.Code, tc.status)
			}
			if got := len(f.result) == 1; got != tc.delivered {
				t.Errorf("delivered %v, want %v", got, tc.delivered)
			}
			if w.Header().Get("Cache-Control") != "no-store" || !strings.Contains(w.Header().Get("Content-Security-Policy"), "default-src 'none'") {
				t.Errorf("page headers: %v", w.Header())
			}
			if tc.delivered {
				// A second visit gets "already handled" and changes nothing.
				w2 := httptest.NewRecorder()
				f.ServeHTTP(w2, req)
				if w2.Code != http.StatusConflict || len(f.result) != 1 {
					t.Errorf("second callback: %d", w2.Code)
				}
			}
		})
	}
}

func FuzzCallbackQuery(f *testing.F) {
	for _, s := range []string{"code=a&state=b", "error=access_denied", "state=%zz", "code=&state=", "state=a&state=b&code=c", ";;&&=="} {
		f.Add(s)
	}
	client, err := notionapi.NewClient("", notionapi.WithBaseURL("http://127.0.0.1:1"))
	if err != nil {
		f.Fatal(err)
	}
	flow := &Flow{cfg: Config{Client: client, Credentials: sandboxCreds}, state: "the-state", port: 1, redirect: RedirectURI(1)}
	f.Fuzz(func(t *testing.T, query string) {
		req := httptest.NewRequest(http.MethodGet, "/callback", nil)
		req.URL.RawQuery = query
		cb, status, _ := flow.judge(req)
		q, _ := url.ParseQuery(query)
		stateOK := q.Get("state") == "the-state"
		switch {
		case cb.code != "" && (!stateOK || cb.err != nil || cb.refused):
			t.Fatalf("%q: a code was accepted without the state", query)
		case stateOK == cb.refused:
			t.Fatalf("%q: state ok %v, refused %v", query, stateOK, cb.refused)
		case cb.refused && cb.err != nil:
			t.Fatalf("%q: a refused callback carries an error that could end the sign-in: %v", query, cb.err)
		case cb.code == "" && cb.err == nil && !cb.refused:
			t.Fatalf("%q: neither a code nor an error", query)
		case status == 0:
			t.Fatalf("%q: no status", query)
		}
	})
}

func TestProfileSecretAndOwner(t *testing.T) {
	t.Parallel()
	maya := &notionapi.User{ID: "u1", Name: "Maya Chen", Person: &notionapi.Person{Email: "maya@acme.test"}}
	tok := &notionapi.TokenResponse{AccessToken: "ntn_a", RefreshToken: "nrt_r", BotID: "b1", WorkspaceID: "w1", WorkspaceName: "Acme",
		Owner: &notionapi.Owner{Type: "user", User: maya}}
	p := Profile("work", tok, &notionapi.User{ID: "b1", Name: "Sync bot"}, "client-1")
	want := keystore.Profile{Name: "work", Kind: keystore.KindOAuth, WorkspaceName: "Acme", WorkspaceID: "w1", BotID: "b1", BotName: "Sync bot", OwnerName: "Maya Chen", OAuthClientID: "client-1"}
	if p != want {
		t.Errorf("Profile = %+v, want %+v", p, want)
	}
	if s := Secret(tok, "cs"); s.Token != "ntn_a" || s.RefreshToken != "nrt_r" || s.ClientSecret != "cs" {
		t.Errorf("Secret = %v", s)
	}
	for _, tc := range []struct {
		owner *notionapi.Owner
		want  string
	}{
		{&notionapi.Owner{Type: "user", User: maya}, "Maya Chen <maya@acme.test>"},
		{&notionapi.Owner{Type: "user", User: &notionapi.User{ID: "u2"}}, "u2"},
		{&notionapi.Owner{Type: "workspace", Workspace: true}, "the workspace"},
		{nil, "unknown"},
	} {
		if got := Owner(&notionapi.TokenResponse{Owner: tc.owner}); got != tc.want {
			t.Errorf("Owner = %q, want %q", got, tc.want)
		}
	}
}

// BenchmarkSignIn measures a whole sign-in over loopback: listen, the
// browser's round trip through the authorize redirect, the code exchange
// and the shutdown.
func BenchmarkSignIn(b *testing.B) {
	srv := notiontest.Start(b, notiontest.Options{Empty: true})
	c, err := notionapi.NewClient("", notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		b.Fatal(err)
	}
	follow := func(u string) error {
		go func() {
			if resp, err := testhttp.Client.Get(u); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
		return nil
	}
	for b.Loop() {
		f, err := Start(Config{Client: c, Credentials: sandboxCreds, Open: follow})
		if err != nil {
			b.Fatal(err)
		}
		f.OpenBrowser()
		if _, err := f.Wait(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

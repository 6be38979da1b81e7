// Package oauthflow signs a user in to a Notion public integration through
// the browser: it listens on a loopback port for the OAuth redirect, builds
// the authorize URL with an unguessable state, waits for the browser to
// come back, checks the state, and exchanges the code for tokens.
//
//	f, err := oauthflow.Start(oauthflow.Config{Client: c, Credentials: creds, Port: 8976})
//	defer f.Close()
//	fmt.Println("Open", f.AuthorizeURL())
//	tok, err := f.Wait(ctx)
//
// Failures the user causes or can fix are typed (*Error matching ErrDenied,
// ErrTimeout, ErrCancelled or ErrAuthorize); failures of the token exchange
// are the client's errors (invalid_grant, invalid_client).
//
// Only a redirect carrying this sign-in's state can end it: any web page
// can make the browser request the loopback callback, so one with a wrong
// or missing state is refused, logged and ignored, and the sign-in goes on
// waiting. If the wait then times out, the error also matches
// ErrStateMismatch: the browser most likely came back from an older
// sign-in.
package oauthflow

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

// DefaultPort is the loopback port of the redirect URI when none is
// chosen: a fixed port lets users register one redirect URI,
// http://localhost:8976/callback, in the integration's settings.
const DefaultPort = 8976

// DefaultTimeout is how long Wait waits for the browser to come back.
const DefaultTimeout = 5 * time.Minute

// CallbackPath is the path of the redirect URI.
const CallbackPath = "/callback"

// stateBytes is the entropy of the state parameter.
const stateBytes = 32

// Config describes one sign-in.
type Config struct {
	// Client calls the OAuth endpoints; its base URL also decides where
	// the authorize page is, so the sandbox can play Notion.
	Client *notionapi.Client
	// Credentials are the public integration's client ID and secret.
	Credentials notionapi.OAuthCredentials
	// Port is the loopback port to listen on; 0 picks a free one.
	Port int
	// Timeout bounds Wait; 0 means DefaultTimeout.
	Timeout time.Duration
	// Open shows a URL in the browser; nil means no browser can be opened
	// (the caller prints AuthorizeURL instead).
	Open func(url string) error
	// Log records callbacks that were refused and ignored (never their
	// code or state); nil discards them.
	Log *slog.Logger
}

// RedirectURI returns the redirect URI for a port, as it must be
// registered in the integration's settings.
func RedirectURI(port int) string {
	return "http://localhost:" + strconv.Itoa(port) + CallbackPath
}

// Flow is a sign-in in progress: its listener is up and waiting for the
// browser. Close releases it.
type Flow struct {
	cfg       Config
	redirect  string
	authorize string
	state     string
	port      int
	srv       *http.Server
	lns       []net.Listener // closed by Close, whether Serve has run yet or not
	result    chan callback
	once      sync.Once // delivers the first callback only
	closeOnce sync.Once
	log       *slog.Logger
	refused   atomic.Int64 // callbacks ignored for their state
}

// callback is what the browser brought back: a code, or why there is none.
// A refused callback (wrong or missing state) is not delivered.
type callback struct {
	code    string
	err     error
	refused bool
}

// Start listens on the loopback interface and prepares the authorize URL.
// A port already in use is an error that names the port.
func Start(cfg Config) (*Flow, error) {
	if cfg.Client == nil {
		return nil, errors.New("oauthflow: no client")
	}
	if cfg.Credentials.ClientID == "" || cfg.Credentials.ClientSecret == "" {
		return nil, errors.New("oauthflow: the OAuth client ID and client secret are both required")
	}
	if cfg.Port < 0 || cfg.Port > 65535 {
		return nil, fmt.Errorf("oauthflow: port %d is out of range (0 to 65535)", cfg.Port)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	state, err := newState()
	if err != nil {
		return nil, err
	}
	lns, port, err := listen(cfg.Port)
	if err != nil {
		return nil, err
	}
	f := &Flow{cfg: cfg, state: state, port: port, redirect: RedirectURI(port), lns: lns, result: make(chan callback, 1), log: cfg.Log}
	if f.log == nil {
		f.log = slog.New(slog.DiscardHandler)
	}
	f.authorize = cfg.Client.AuthorizeURL(cfg.Credentials.ClientID, f.redirect, state)
	f.srv = &http.Server{Handler: f, ReadHeaderTimeout: 10 * time.Second}
	for _, ln := range lns {
		go f.srv.Serve(ln) //nolint:errcheck // ends with Close
	}
	return f, nil
}

// newState returns 32 random bytes in base64url.
func newState() (string, error) {
	b := make([]byte, stateBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("oauthflow: no randomness for the state: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// listen opens 127.0.0.1:port and, where the machine has IPv6, [::1] on
// the same port, since browsers may resolve localhost to either.
func listen(port int) ([]net.Listener, int, error) {
	ln, err := net.Listen("tcp4", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return nil, 0, &PortError{Port: port, Err: err}
	}
	port = ln.Addr().(*net.TCPAddr).Port
	lns := []net.Listener{ln}
	if ln6, err := net.Listen("tcp6", net.JoinHostPort("::1", strconv.Itoa(port))); err == nil {
		lns = append(lns, ln6)
	}
	return lns, port, nil
}

// PortError is a redirect port that cannot be listened on (in use, or
// not allowed).
type PortError struct {
	Port int
	Err  error
}

func (e *PortError) Error() string {
	if e.Port == 0 {
		return fmt.Sprintf("cannot listen on a loopback port for the OAuth redirect: %v", e.Err)
	}
	return fmt.Sprintf("cannot listen on port %d for the OAuth redirect (%s): %v", e.Port, RedirectURI(e.Port), e.Err)
}

func (e *PortError) Unwrap() error { return e.Err }

// RedirectURI is the URI the browser comes back to; the integration's
// settings must list it exactly.
func (f *Flow) RedirectURI() string { return f.redirect }

// AuthorizeURL is Notion's consent page for this sign-in. It holds the
// client ID and the state, never the secret: print it for users whose
// browser cannot be opened.
func (f *Flow) AuthorizeURL() string { return f.authorize }

// Port is the port listened on.
func (f *Flow) Port() int { return f.port }

// Timeout is how long Wait waits for the browser.
func (f *Flow) Timeout() time.Duration { return f.cfg.Timeout }

// OpenBrowser shows the authorize page with Config.Open. It fails when no
// opener is set or the browser cannot be started; the URL still works
// when typed or pasted.
func (f *Flow) OpenBrowser() error {
	if f.cfg.Open == nil {
		return errors.New("no browser opener on this machine")
	}
	return f.cfg.Open(f.authorize)
}

// Refused is how many callbacks were ignored so far because their state
// was wrong or missing.
func (f *Flow) Refused() int { return int(f.refused.Load()) }

// Wait waits for the browser's redirect with this sign-in's state, then
// exchanges the code for tokens with the same redirect URI. It ends with
// an *Error when access is denied, the timeout passes or ctx ends;
// redirects with another state do not end it. The listener is shut down in
// every case.
func (f *Flow) Wait(ctx context.Context) (*notionapi.TokenResponse, error) {
	defer f.Close()
	timer := time.NewTimer(f.cfg.Timeout)
	defer timer.Stop()
	var cb callback
	select {
	case cb = <-f.result:
	case <-timer.C:
		return nil, &Error{Kind: ErrTimeout, RedirectURI: f.redirect, After: f.cfg.Timeout, Refused: f.Refused()}
	case <-ctx.Done():
		return nil, &Error{Kind: ErrCancelled, RedirectURI: f.redirect, Cause: ctx.Err()}
	}
	if cb.err != nil {
		return nil, cb.err
	}
	f.Close() // the page is served; nothing more may arrive
	tok, err := f.cfg.Client.ExchangeCode(ctx, f.cfg.Credentials, cb.code, f.redirect)
	if err != nil {
		return nil, fmt.Errorf("exchanging the authorization code: %w", err)
	}
	return tok, nil
}

// shutdownGrace lets the "you can close this tab" page reach the browser
// before the listener goes away.
const shutdownGrace = 2 * time.Second

// Close shuts the listener down: when it returns, the port is closed. It
// is safe to call more than once.
func (f *Flow) Close() error {
	var err error
	f.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		if err = f.srv.Shutdown(ctx); err != nil {
			err = f.srv.Close()
		}
		// Shutdown closes only the listeners Serve has begun with: one
		// whose goroutine has not run yet would stay open until it does.
		for _, ln := range f.lns {
			_ = ln.Close() // already closed by Shutdown, or closed here
		}
	})
	return err
}

// deliver hands the first callback to Wait and reports whether it was
// the first.
func (f *Flow) deliver(cb callback) bool {
	first := false
	f.once.Do(func() {
		first = true
		f.result <- cb
	})
	return first
}

// ServeHTTP answers the browser's redirect.
func (f *Flow) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case !f.allowedHost(r.Host):
		// A page on another site reaching the loopback port through DNS
		// rebinding carries its own host name.
		writePage(w, http.StatusMisdirectedRequest, pageWrongHost)
		return
	case r.URL.Path != CallbackPath:
		writePage(w, http.StatusNotFound, pageNotFound)
		return
	case r.Method != http.MethodGet:
		w.Header().Set("Allow", http.MethodGet)
		writePage(w, http.StatusMethodNotAllowed, pageNotFound)
		return
	}
	cb, status, page := f.judge(r)
	if cb.refused {
		n := f.refused.Add(1)
		f.log.Warn("oauth callback ignored: its state is not this sign-in's",
			"state", stateProblem(r), "remote", r.RemoteAddr, "refused", n)
		writePage(w, status, page)
		return
	}
	if !f.deliver(cb) {
		status, page = http.StatusConflict, pageAlreadyDone
	}
	writePage(w, status, page)
}

// stateProblem says what is wrong with a refused callback's state without
// quoting it.
func stateProblem(r *http.Request) string {
	if r.URL.Query().Has("state") {
		return "wrong"
	}
	return "missing"
}

// judge reads the redirect's query: the state first (a forged request
// must not be able to end the sign-in, not even as "denied"), then an
// error, then the code.
func (f *Flow) judge(r *http.Request) (callback, int, page) {
	q := r.URL.Query()
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(f.state)) != 1 {
		return callback{refused: true}, http.StatusBadRequest, pageStateMismatch
	}
	if code := q.Get("error"); code != "" {
		kind, pg := ErrAuthorize, pageFailed
		if code == "access_denied" {
			kind, pg = ErrDenied, pageDenied
		}
		return callback{err: &Error{Kind: kind, RedirectURI: f.redirect, Code: code, Description: q.Get("error_description")}}, http.StatusOK, pg
	}
	code := q.Get("code")
	if code == "" {
		return callback{err: &Error{Kind: ErrAuthorize, RedirectURI: f.redirect, Description: "the redirect carried neither a code nor an error"}}, http.StatusBadRequest, pageFailed
	}
	return callback{code: code}, http.StatusOK, pageSuccess
}

// allowedHost reports whether a request's Host names the loopback
// listener.
func (f *Flow) allowedHost(host string) bool {
	p := strconv.Itoa(f.port)
	switch host {
	case "localhost:" + p, "127.0.0.1:" + p, "[::1]:" + p:
		return true
	}
	return false
}

package notionapi_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// fakeClock is a sandbox clock that tests move forward.
type fakeClock struct{ offset atomic.Int64 }

func (f *fakeClock) now() time.Time {
	return time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC).Add(time.Duration(f.offset.Load()))
}

func (f *fakeClock) advance(d time.Duration) { f.offset.Add(int64(d)) }

var sandboxCreds = notionapi.OAuthCredentials{ClientID: notiontest.OAuthClientID, ClientSecret: notiontest.OAuthClientSecret}

// oauthClient is a client without a token for the sandbox's OAuth
// endpoints.
func oauthClient(t *testing.T, srv *notiontest.Server) *notionapi.Client {
	t.Helper()
	c, err := notionapi.NewClient("", notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// signIn runs the OAuth flow against the sandbox without a browser: it
// reads the code from the authorize redirect and exchanges it.
func signIn(t *testing.T, srv *notiontest.Server) *notionapi.TokenResponse {
	t.Helper()
	const redirect = "http://localhost:1/callback"
	c := oauthClient(t, srv)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(c.AuthorizeURL(notiontest.OAuthClientID, redirect, "s"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" {
		t.Fatalf("authorize answered %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	tok, err := c.ExchangeCode(context.Background(), sandboxCreds, loc.Query().Get("code"), redirect)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// rotatingRefresher renews tokens at the sandbox like the app does,
// keeping the rotated refresh token, and counts its calls.
type rotatingRefresher struct {
	t       *testing.T
	oauth   *notionapi.Client
	mu      sync.Mutex
	refresh string
	calls   atomic.Int32
	// hold, when set, runs before each refresh.
	hold func()
}

func (r *rotatingRefresher) renew(ctx context.Context) (string, error) {
	r.calls.Add(1)
	if r.hold != nil {
		r.hold()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	tok, err := r.oauth.RefreshToken(ctx, sandboxCreds, r.refresh)
	if err != nil {
		return "", err
	}
	r.refresh = tok.RefreshToken
	return tok.AccessToken, nil
}

// expiredSession signs in with a one-hour token TTL and lets the token
// expire.
func expiredSession(t *testing.T) (*notiontest.Server, *notionapi.TokenResponse, *rotatingRefresher) {
	clock := &fakeClock{}
	srv := notiontest.Start(t, notiontest.Options{Now: clock.now, Empty: true})
	srv.SetOAuthTokenTTL(time.Hour)
	tok := signIn(t, srv)
	clock.advance(2 * time.Hour)
	return srv, tok, &rotatingRefresher{t: t, oauth: oauthClient(t, srv), refresh: tok.RefreshToken}
}

// unauthorized counts the requests to path answered 401.
func unauthorized(srv *notiontest.Server, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == path && r.Status == http.StatusUnauthorized {
			n++
		}
	}
	return n
}

func bearers(srv *notiontest.Server, path string) []string {
	var out []string
	for _, r := range srv.Requests() {
		if r.Path == path {
			out = append(out, r.Header.Get("Authorization"))
		}
	}
	return out
}

func TestExpiredTokenIsRefreshedOnceAndTheRequestRetried(t *testing.T) {
	t.Parallel()
	srv, tok, ref := expiredSession(t)
	c, err := notionapi.NewClient(tok.AccessToken, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0), notionapi.WithTokenRefresher(ref.renew))
	if err != nil {
		t.Fatal(err)
	}
	me, err := c.GetMe(context.Background())
	if err != nil {
		t.Fatalf("Me after expiry: %v", err)
	}
	if me.ID != notiontest.OAuthBotID {
		t.Errorf("Me = %s, want the OAuth bot", me.ID)
	}
	if n := ref.calls.Load(); n != 1 {
		t.Errorf("refresher called %d times, want 1", n)
	}
	got := bearers(srv, "/v1/users/me")
	if len(got) != 2 || got[0] != "Bearer "+tok.AccessToken || got[1] == got[0] {
		t.Fatalf("Authorization of the two attempts: %d sent, first is the old token: %v, second differs: %v",
			len(got), len(got) > 0 && got[0] == "Bearer "+tok.AccessToken, len(got) == 2 && got[1] != got[0])
	}
	// The new token sticks: the next call needs no refresh.
	if _, err := c.GetMe(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := ref.calls.Load(); n != 1 {
		t.Errorf("refresher called %d times after a second call, want 1", n)
	}
}

func TestConcurrent401sShareOneRefresh(t *testing.T) {
	t.Parallel()
	srv, tok, ref := expiredSession(t)
	const n = 8
	// The refresh waits until every call has had its 401: they all pile
	// up behind it, whatever the scheduling.
	ref.hold = func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		deadline := time.After(time.Minute)
		for unauthorized(srv, "/v1/users/me") < n {
			select {
			case <-tick.C:
			case <-deadline:
				t.Errorf("only %d of %d calls were refused before the refresh", unauthorized(srv, "/v1/users/me"), n)
				return
			}
		}
	}
	c, err := notionapi.NewClient(tok.AccessToken, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0), notionapi.WithTokenRefresher(ref.renew))
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, n)
	var start sync.WaitGroup
	start.Add(1)
	for range n {
		go func() {
			start.Wait()
			_, err := c.GetMe(context.Background())
			errs <- err
		}()
	}
	start.Done()
	for range n {
		if err := <-errs; err != nil {
			// A second refresh with the rotated refresh token would fail
			// with invalid_grant here.
			t.Errorf("concurrent Me: %v", err)
		}
	}
	if got := ref.calls.Load(); got != 1 {
		t.Errorf("refresher called %d times for %d concurrent 401s, want 1", got, n)
	}
}

func TestSecond401EndsTheCall(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	var calls atomic.Int32
	stillBad := func(context.Context) (string, error) { calls.Add(1); return "ntn_still_not_a_valid_token_000000", nil }
	c, err := notionapi.NewClient(notiontest.TokenRevoked, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0), notionapi.WithTokenRefresher(stillBad))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetMe(context.Background())
	if notionapi.StatusOf(err) != http.StatusUnauthorized || !notionapi.IsCode(err, notionapi.CodeUnauthorized) {
		t.Fatalf("err = %v, want 401 unauthorized", err)
	}
	var re *notionapi.RefreshError
	if errors.As(err, &re) {
		t.Errorf("a refresh that succeeded is reported as failed: %v", err)
	}
	if calls.Load() != 1 || len(srv.Requests()) != 2 {
		t.Errorf("%d refreshes and %d requests, want 1 and 2", calls.Load(), len(srv.Requests()))
	}
}

func TestFailedRefreshKeepsBothCauses(t *testing.T) {
	t.Parallel()
	srv, tok, ref := expiredSession(t)
	// Revoke the refresh token: the refresh answers invalid_grant.
	if err := ref.oauth.RevokeToken(context.Background(), sandboxCreds, tok.RefreshToken); err != nil {
		t.Fatal(err)
	}
	c, err := notionapi.NewClient(tok.AccessToken, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0), notionapi.WithTokenRefresher(ref.renew))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetMe(context.Background())
	var re *notionapi.RefreshError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v (%T), want a *RefreshError", err, err)
	}
	if notionapi.StatusOf(err) != http.StatusUnauthorized {
		t.Errorf("StatusOf = %d, want the 401 of the call", notionapi.StatusOf(err))
	}
	if !notionapi.IsCode(re.Err, notionapi.CodeInvalidGrant) {
		t.Errorf("refresh cause = %v, want invalid_grant", re.Err)
	}
	if len(bearers(srv, "/v1/users/me")) != 1 {
		t.Errorf("the call was sent again although no new token came")
	}
}

func TestNotRenewableLeavesThe401(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	notMine := func(context.Context) (string, error) {
		return "", fmt.Errorf("not an OAuth profile's token: %w", notionapi.ErrNotRenewable)
	}
	c, err := notionapi.NewClient(notiontest.TokenRevoked, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0), notionapi.WithTokenRefresher(notMine))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetMe(context.Background())
	var apiErr *notionapi.APIError
	var re *notionapi.RefreshError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnauthorized || errors.As(err, &re) {
		t.Fatalf("err = %v (%T), want the plain 401", err, err)
	}
	if len(srv.Requests()) != 1 {
		t.Errorf("%d requests, want 1", len(srv.Requests()))
	}
}

func TestNoRefreshWithoutRefresherOrForBasicAuth(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	var calls atomic.Int32
	count := func(context.Context) (string, error) { calls.Add(1); return notiontest.TokenFull, nil }
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0), notionapi.WithTokenRefresher(count))
	if err != nil {
		t.Fatal(err)
	}
	wrong := notionapi.OAuthCredentials{ClientID: notiontest.OAuthClientID, ClientSecret: "secret_wrong"}
	if _, err := c.IntrospectToken(context.Background(), wrong, "x"); !notionapi.IsCode(err, notionapi.CodeInvalidClient) {
		t.Fatalf("introspect with a wrong secret: %v", err)
	}
	if calls.Load() != 0 {
		t.Error("a 401 on a Basic-auth call started a token refresh")
	}
	plain, err := notionapi.NewClient(notiontest.TokenRevoked, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plain.GetMe(context.Background()); notionapi.StatusOf(err) != http.StatusUnauthorized || len(srv.Requests()) != 2 {
		t.Fatalf("without a refresher: err %v after %d requests", err, len(srv.Requests()))
	}
	if _, err := notionapi.NewClient("t", notionapi.WithTokenRefresher(nil)); err == nil {
		t.Error("a nil refresher was accepted")
	}
}

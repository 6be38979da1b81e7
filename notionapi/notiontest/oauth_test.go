package notiontest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/testhttp"
)

const redirectURI = "http://127.0.0.1:53682/callback"

// noRedirects is a client that shows redirects instead of following them.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// authorize opens the consent page and returns the redirect it answers.
func authorize(t *testing.T, s *Server, params url.Values) *http.Response {
	t.Helper()
	resp, err := noRedirects.Get(s.URL() + "/v1/oauth/authorize?" + params.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func authorizeParams() url.Values {
	return url.Values{
		"client_id":     {OAuthClientID},
		"response_type": {"code"},
		"owner":         {"user"},
		"redirect_uri":  {redirectURI},
		"state":         {"xyz-123"},
	}
}

// oauthCall posts to an OAuth endpoint with the client's credentials.
func oauthCall(t *testing.T, s *Server, path, id, secret string, body any) *response {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", s.URL()+path, strings.NewReader(string(raw)))
	req.SetBasicAuth(id, secret)
	req.Header.Set("Notion-Version", "2025-09-03")
	req.Header.Set("Content-Type", "application/json")
	return send(t, req)
}

func exchange(t *testing.T, s *Server, code, redirect string) *response {
	t.Helper()
	return oauthCall(t, s, "/v1/oauth/token", OAuthClientID, OAuthClientSecret,
		map[string]any{"grant_type": "authorization_code", "code": code, "redirect_uri": redirect})
}

func codeFrom(t *testing.T, resp *http.Response) string {
	t.Helper()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize answered %d", resp.StatusCode)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Host != "127.0.0.1:53682" || loc.Path != "/callback" || loc.Query().Get("state") != "xyz-123" {
		t.Fatalf("redirect %q", resp.Header.Get("Location"))
	}
	return loc.Query().Get("code")
}

func TestOAuthFlow(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	code := codeFrom(t, authorize(t, a.s, authorizeParams()))
	if code == "" {
		t.Fatal("no code")
	}
	tok := exchange(t, a.s, code, redirectURI).ok(t).body
	access, refresh := tok["access_token"].(string), tok["refresh_token"].(string)
	owner := tok["owner"].(map[string]any)["user"].(map[string]any)
	if tok["token_type"] != "bearer" || tok["bot_id"] != OAuthBotID || tok["workspace_id"] != WorkspaceID ||
		owner["id"] != UserMayaChen || owner["person"].(map[string]any)["email"] == nil || tok["request_id"] == nil {
		t.Errorf("token answer %v", tok)
	}
	if !strings.HasPrefix(access, "ntn_") || access == refresh {
		t.Errorf("tokens %q %q", access, refresh)
	}

	me := a.as(access, "").do("GET", "/v1/users/me", nil).ok(t).body
	bot := me["bot"].(map[string]any)
	if me["id"] != OAuthBotID || bot["owner"].(map[string]any)["user"].(map[string]any)["id"] != UserMayaChen {
		t.Errorf("me with an OAuth token: %v", me)
	}
	a.as(access, "").do("POST", "/v1/search", nil).ok(t)

	exchange(t, a.s, code, redirectURI).wantError(t, 400, "invalid_grant") // single use

	code2 := codeFrom(t, authorize(t, a.s, authorizeParams()))
	exchange(t, a.s, code2, "http://localhost:9/callback").wantError(t, 400, "invalid_grant")

	bad := oauthCall(t, a.s, "/v1/oauth/token", OAuthClientID, "wrong", map[string]any{"grant_type": "authorization_code", "code": code2})
	bad.wantError(t, 401, "invalid_client")

	refreshed := oauthCall(t, a.s, "/v1/oauth/token", OAuthClientID, OAuthClientSecret,
		map[string]any{"grant_type": "refresh_token", "refresh_token": refresh}).ok(t).body
	if refreshed["access_token"] == access || refreshed["refresh_token"] == refresh {
		t.Error("refresh did not issue new tokens")
	}
	oauthCall(t, a.s, "/v1/oauth/token", OAuthClientID, OAuthClientSecret,
		map[string]any{"grant_type": "refresh_token", "refresh_token": refresh}).wantError(t, 400, "invalid_grant")
	a.as(refreshed["access_token"].(string), "").do("GET", "/v1/users/me", nil).ok(t)

	msg := oauthCall(t, a.s, "/v1/oauth/token", OAuthClientID, OAuthClientSecret, map[string]any{"grant_type": "password"}).wantError(t, 400, "validation_error")
	if msg != "body failed validation: body.grant_type should be \"authorization_code\" or \"refresh_token\", instead was `\"password\"`." {
		t.Errorf("message %q", msg)
	}
}

func TestOAuthIntrospectAndRevoke(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	tok := exchange(t, a.s, codeFrom(t, authorize(t, a.s, authorizeParams())), redirectURI).ok(t).body
	access := tok["access_token"].(string)

	info := oauthCall(t, a.s, "/v1/oauth/introspect", OAuthClientID, OAuthClientSecret, map[string]any{"token": access}).ok(t).body
	if info["active"] != true || info["iat"] != float64(testNow.Unix()) || info["request_id"] == nil {
		t.Errorf("introspect %v", info)
	}
	info = oauthCall(t, a.s, "/v1/oauth/introspect", OAuthClientID, OAuthClientSecret, map[string]any{"token": TokenFull}).ok(t).body
	if info["active"] != false {
		t.Errorf("an internal token introspects as %v", info)
	}
	revoked := oauthCall(t, a.s, "/v1/oauth/revoke", OAuthClientID, OAuthClientSecret, map[string]any{"token": access}).ok(t).body
	if revoked["request_id"] == nil {
		t.Errorf("revoke answer %v", revoked)
	}
	a.as(access, "").do("GET", "/v1/users/me", nil).wantError(t, 401, "unauthorized")
	info = oauthCall(t, a.s, "/v1/oauth/introspect", OAuthClientID, OAuthClientSecret, map[string]any{"token": access}).ok(t).body
	if info["active"] != false {
		t.Errorf("revoked token introspects as %v", info)
	}
	oauthCall(t, a.s, "/v1/oauth/revoke", "nobody", OAuthClientSecret, map[string]any{"token": access}).wantError(t, 401, "invalid_client")
}

func TestOAuthTokenExpiry(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := testNow
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	a := newAPI(t, Options{Now: clock})
	a.s.SetOAuthTokenTTL(time.Hour)
	tok := exchange(t, a.s, codeFrom(t, authorize(t, a.s, authorizeParams())), redirectURI).ok(t).body
	access := tok["access_token"].(string)
	a.as(access, "").do("GET", "/v1/users/me", nil).ok(t)

	mu.Lock()
	now = now.Add(time.Hour + time.Second)
	mu.Unlock()
	a.as(access, "").do("GET", "/v1/users/me", nil).wantError(t, 401, "unauthorized")
	fresh := oauthCall(t, a.s, "/v1/oauth/token", OAuthClientID, OAuthClientSecret,
		map[string]any{"grant_type": "refresh_token", "refresh_token": tok["refresh_token"]}).ok(t).body
	a.as(fresh["access_token"].(string), "").do("GET", "/v1/users/me", nil).ok(t)
}

func TestOAuthAuthorizeErrors(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	tests := []struct {
		name, key, value, message string
	}{
		{"unknown client", "client_id", "00000000-0000-4000-8000-000000000000", "Unknown client_id"},
		{"missing client", "client_id", "", "Missing client_id"},
		{"unregistered redirect", "redirect_uri", "https://evil.example/callback", "Invalid redirect_uri"},
		{"redirect on another path", "redirect_uri", "http://localhost:8080/other", "Invalid redirect_uri"},
		{"response type", "response_type", "token", "Invalid response_type"},
		{"owner", "owner", "workspace", "Invalid owner"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params := authorizeParams()
			params.Set(tt.key, tt.value)
			resp, err := testhttp.Client.Get(a.s.URL() + "/v1/oauth/authorize?" + params.Encode())
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			page, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 400 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(page), tt.message) {
				t.Errorf("%d %s %q", resp.StatusCode, resp.Header.Get("Content-Type"), page)
			}
		})
	}

	params := authorizeParams()
	params.Set("redirect_uri", "http://localhost:49152/callback")
	if resp := authorize(t, a.s, params); resp.StatusCode != http.StatusFound {
		t.Errorf("localhost redirect refused: %d", resp.StatusCode)
	}

	a.s.SetOAuthConsent(true)
	resp := authorize(t, a.s, authorizeParams())
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || loc.Query().Get("error") != "access_denied" || loc.Query().Get("state") != "xyz-123" || loc.Query().Has("code") {
		t.Errorf("denied consent redirect %q", resp.Header.Get("Location"))
	}
}

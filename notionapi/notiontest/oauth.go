package notiontest

import (
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// codeLifetime is how long an authorization code may be exchanged.
const codeLifetime = 10 * time.Minute

// oauthState holds the codes and tokens of the OAuth flow.
type oauthState struct {
	mu     sync.Mutex
	deny   bool
	ttl    time.Duration
	codes  map[string]*authCode
	tokens map[string]*issuedToken // access and refresh tokens
}

type authCode struct {
	redirectURI string
	issued      time.Time
	used        bool
}

type issuedToken struct {
	refresh bool
	issued  time.Time
	expires time.Time // zero: never
	revoked bool
}

func (t *issuedToken) active(now time.Time) bool {
	return !t.revoked && (t.expires.IsZero() || now.Before(t.expires))
}

func newOAuthState() *oauthState {
	return &oauthState{codes: map[string]*authCode{}, tokens: map[string]*issuedToken{}}
}

// SetOAuthConsent makes the authorize page play a user who denies access
// (deny true) or approves it (deny false, the default).
func (s *Server) SetOAuthConsent(deny bool) {
	s.oauth.mu.Lock()
	defer s.oauth.mu.Unlock()
	s.oauth.deny = deny
}

// SetOAuthTokenTTL makes OAuth access tokens issued from now on expire
// after d on the Options.Now clock (then they get 401 until refreshed);
// 0, the default, means they never expire.
func (s *Server) SetOAuthTokenTTL(d time.Duration) {
	s.oauth.mu.Lock()
	defer s.oauth.mu.Unlock()
	s.oauth.ttl = d
}

// validAccess reports whether token is a live OAuth access token.
func (o *oauthState) validAccess(token string, now time.Time) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	t, ok := o.tokens[token]
	return ok && !t.refresh && t.active(now)
}

// checkClient checks the Basic credentials of the public integration.
func (o *oauthState) checkClient(header string) error {
	scheme, enc, _ := strings.Cut(header, " ")
	raw, err := base64.StdEncoding.DecodeString(enc)
	id, secret, ok := strings.Cut(string(raw), ":")
	if !strings.EqualFold(scheme, "Basic") || err != nil || !ok ||
		subtle.ConstantTimeCompare([]byte(id), []byte(OAuthClientID)) != 1 ||
		subtle.ConstantTimeCompare([]byte(secret), []byte(OAuthClientSecret)) != 1 {
		return &apiError{status: http.StatusUnauthorized, code: codeInvalidClient, message: "Invalid client credentials."}
	}
	return nil
}

// registeredRedirect reports whether uri is registered for the public
// integration: http://localhost:PORT/callback or http://127.0.0.1:PORT/callback.
func registeredRedirect(uri string) bool {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "http" || u.User != nil || u.Path != "/callback" || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	if h := u.Hostname(); h != "localhost" && h != "127.0.0.1" {
		return false
	}
	port, err := strconv.Atoi(u.Port())
	return err == nil && port > 0 && port < 65536
}

// authorize plays the consent page: it checks the request and sends the
// browser back to the redirect URI with a code, or with
// error=access_denied when consent is denied.
func (c *call) authorize() (any, error) {
	if c.r.Method != http.MethodGet {
		return nil, errInvalidURL()
	}
	q := c.r.URL.Query()
	redirect := q.Get("redirect_uri")
	switch {
	case q.Get("client_id") == "":
		return authorizeError("Missing client_id."), nil
	case q.Get("client_id") != OAuthClientID:
		return authorizeError("Unknown client_id: no integration has this OAuth client ID."), nil
	case redirect == "":
		return authorizeError("Missing redirect_uri."), nil
	case !registeredRedirect(redirect):
		return authorizeError("Invalid redirect_uri: it is not registered for this integration."), nil
	case q.Get("response_type") != "code":
		return authorizeError(`Invalid response_type: it must be "code".`), nil
	case q.Get("owner") != "user":
		return authorizeError(`Invalid owner: it must be "user".`), nil
	}
	back, _ := url.Parse(redirect)
	params := url.Values{}
	o := c.s.oauth
	o.mu.Lock()
	if o.deny {
		params.Set("error", "access_denied")
	} else {
		code := newID()
		o.codes[code] = &authCode{redirectURI: redirect, issued: c.now}
		params.Set("code", code)
	}
	o.mu.Unlock()
	if state := q.Get("state"); state != "" {
		params.Set("state", state)
	}
	back.RawQuery = params.Encode()
	return reply{status: http.StatusFound, header: http.Header{"Location": {back.String()}}}, nil
}

// authorizeError is the page a browser shows for a bad authorize link.
func authorizeError(msg string) reply {
	page := fmt.Sprintf("<!doctype html><html><head><title>Notion: authorization failed</title></head>"+
		"<body><h1>Can't connect %s</h1><p>%s</p></body></html>\n", html.EscapeString(IntegrationName), html.EscapeString(msg))
	return reply{status: http.StatusBadRequest, contentType: "text/html; charset=utf-8", body: []byte(page)}
}

func errInvalidGrant(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeInvalidGrant, message: msg}
}

// oauthToken exchanges a code or a refresh token for tokens.
func (c *call) oauthToken() (any, error) {
	grant, _ := c.json["grant_type"].(string)
	switch grant {
	case "authorization_code":
		return c.exchangeCode()
	case "refresh_token":
		return c.refreshTokens()
	}
	return nil, errShouldBe("body.grant_type", `"authorization_code" or "refresh_token"`, valueOrUndefined(c.json, "grant_type"))
}

func (c *call) exchangeCode() (any, error) {
	code, ok := c.json["code"].(string)
	if !ok {
		return nil, errShouldBe("body.code", "a string", valueOrUndefined(c.json, "code"))
	}
	redirect, _ := c.json["redirect_uri"].(string)
	o := c.s.oauth
	o.mu.Lock()
	defer o.mu.Unlock()
	ac, ok := o.codes[code]
	switch {
	case !ok:
		return nil, errInvalidGrant("Invalid code.")
	case ac.used:
		return nil, errInvalidGrant("Invalid code: this code has been revoked.")
	case c.now.Sub(ac.issued) > codeLifetime:
		return nil, errInvalidGrant("Invalid code: this code has expired.")
	case redirect != ac.redirectURI:
		return nil, errInvalidGrant("Invalid redirect_uri: it does not match the redirect_uri of the authorization request.")
	}
	ac.used = true
	return c.issueTokens(), nil
}

func (c *call) refreshTokens() (any, error) {
	old, ok := c.json["refresh_token"].(string)
	if !ok {
		return nil, errShouldBe("body.refresh_token", "a string", valueOrUndefined(c.json, "refresh_token"))
	}
	o := c.s.oauth
	o.mu.Lock()
	defer o.mu.Unlock()
	t, ok := o.tokens[old]
	if !ok || !t.refresh || !t.active(c.now) {
		return nil, errInvalidGrant("Invalid refresh token.")
	}
	t.revoked = true
	return c.issueTokens(), nil
}

// issueTokens records a new access and refresh token; o.mu is held.
func (c *call) issueTokens() obj {
	o := c.s.oauth
	access, refresh := randomToken("ntn_"), randomToken("nrt_")
	at := &issuedToken{issued: c.now}
	if o.ttl > 0 {
		at.expires = c.now.Add(o.ttl)
	}
	o.tokens[access] = at
	o.tokens[refresh] = &issuedToken{refresh: true, issued: c.now}
	owner := c.s.st.userByID[UserMayaChen]
	return obj{
		{"access_token", access},
		{"token_type", "bearer"},
		{"refresh_token", refresh},
		{"bot_id", OAuthBotID},
		{"workspace_name", WorkspaceName},
		{"workspace_icon", workspaceIcon},
		{"workspace_id", WorkspaceID},
		{"owner", obj{{"type", "user"}, {"user", renderUser(owner, usersWithEmails)}}},
		{"duplicated_template_id", nil},
		{"request_id", c.requestID},
	}
}

// oauthIntrospect tells whether a token is active.
func (c *call) oauthIntrospect() (any, error) {
	token, ok := c.json["token"].(string)
	if !ok {
		return nil, errShouldBe("body.token", "a string", valueOrUndefined(c.json, "token"))
	}
	o := c.s.oauth
	o.mu.Lock()
	defer o.mu.Unlock()
	t, ok := o.tokens[token]
	if !ok || !t.active(c.now) {
		return obj{{"active", false}, {"request_id", c.requestID}}, nil
	}
	return obj{
		{"active", true},
		{"scope", "read_content update_content insert_content read_user_with_email"},
		{"iat", t.issued.Unix()},
		{"request_id", c.requestID},
	}, nil
}

// oauthRevoke revokes an access or refresh token. Unknown tokens are
// accepted silently, as RFC 7009 asks.
func (c *call) oauthRevoke() (any, error) {
	token, ok := c.json["token"].(string)
	if !ok {
		return nil, errShouldBe("body.token", "a string", valueOrUndefined(c.json, "token"))
	}
	o := c.s.oauth
	o.mu.Lock()
	defer o.mu.Unlock()
	if t, ok := o.tokens[token]; ok {
		t.revoked = true
	}
	return obj{{"request_id", c.requestID}}, nil
}

package notionapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// OAuthCredentials identify a public integration. The secret is sent only
// in the Authorization header of the OAuth endpoints.
type OAuthCredentials struct {
	ClientID     string
	ClientSecret string
}

// String never shows the secret.
func (o OAuthCredentials) String() string {
	return "OAuthCredentials{ClientID: " + o.ClientID + ", ClientSecret: [REDACTED]}"
}

// GoString never shows the secret.
func (o OAuthCredentials) GoString() string { return o.String() }

func (o OAuthCredentials) check() error {
	if o.ClientID == "" || o.ClientSecret == "" {
		return errors.New("notionapi: OAuth client ID and client secret are both required")
	}
	return nil
}

// AuthorizeURL returns the address of Notion's consent page for a public
// integration, on the client's base URL. state must be an unguessable
// value that the redirect brings back.
func (c *Client) AuthorizeURL(clientID, redirectURI, state string) string {
	u := *c.base
	u.Path += "/v1/oauth/authorize"
	u.RawQuery = url.Values{
		"client_id":     {clientID},
		"response_type": {"code"},
		"owner":         {"user"},
		"redirect_uri":  {redirectURI},
		"state":         {state},
	}.Encode()
	return u.String()
}

// ExchangeCode trades an authorization code for an access token.
// redirectURI must be the one sent to the consent page.
func (c *Client) ExchangeCode(ctx context.Context, creds OAuthCredentials, code, redirectURI string) (*TokenResponse, error) {
	body := map[string]string{"grant_type": "authorization_code", "code": code}
	if redirectURI != "" {
		body["redirect_uri"] = redirectURI
	}
	return c.tokenCall(ctx, creds, body)
}

// RefreshToken trades a refresh token for a new access token and a new
// refresh token.
func (c *Client) RefreshToken(ctx context.Context, creds OAuthCredentials, refreshToken string) (*TokenResponse, error) {
	return c.tokenCall(ctx, creds, map[string]string{"grant_type": "refresh_token", "refresh_token": refreshToken})
}

func (c *Client) tokenCall(ctx context.Context, creds OAuthCredentials, body map[string]string) (*TokenResponse, error) {
	if err := creds.check(); err != nil {
		return nil, err
	}
	var t TokenResponse
	if err := c.do(ctx, request{method: http.MethodPost, path: "/v1/oauth/token", body: body, basic: &creds}, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// IntrospectToken reports whether a token is active.
func (c *Client) IntrospectToken(ctx context.Context, creds OAuthCredentials, token string) (*IntrospectResponse, error) {
	if err := creds.check(); err != nil {
		return nil, err
	}
	var r IntrospectResponse
	if err := c.do(ctx, request{method: http.MethodPost, path: "/v1/oauth/introspect", body: map[string]string{"token": token}, basic: &creds}, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// RevokeToken invalidates a token.
func (c *Client) RevokeToken(ctx context.Context, creds OAuthCredentials, token string) error {
	if err := creds.check(); err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodPost, path: "/v1/oauth/revoke", body: map[string]string{"token": token}, basic: &creds}, nil)
}

package notionapi

import (
	"context"
	"errors"
	"sync"
)

// TokenRefresher returns a new access token after the current one was
// refused with 401 unauthorized, typically by calling RefreshToken and
// saving the result. An error wrapping ErrNotRenewable leaves the 401 as it
// is. It must not call the client it renews with a bearer token (the OAuth
// endpoints, which use Basic auth, are fine).
type TokenRefresher func(ctx context.Context) (string, error)

// WithTokenRefresher makes the client renew an expired OAuth access token:
// on a 401 unauthorized answer it calls refresh once, switches to the token
// it returns and sends the request again, once. Concurrent calls refused
// with the same token share a single refresh. A second 401, or a failed
// refresh, ends the call with the error.
func WithTokenRefresher(refresh TokenRefresher) Option {
	return func(c *Client) error {
		if refresh == nil {
			return errors.New("nil token refresher")
		}
		c.cred.refresh = refresh
		return nil
	}
}

// credential is the client's bearer token, which a refresh may replace
// while other goroutines send requests.
type credential struct {
	mu    sync.RWMutex
	token string
	// refreshing serializes refreshes, so that concurrent 401s lead to
	// one refresh.
	refreshing sync.Mutex
	refresh    TokenRefresher
}

func (c *credential) get() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.token
}

func (c *credential) set(token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.token = token
}

// ErrNotRenewable tells the client that a refresher cannot renew the
// token it holds (it is not an OAuth token): the 401 is returned as it
// is.
var ErrNotRenewable = errors.New("the token cannot be renewed")

// renewAfter renews the token after unauthorized refused it. The error is
// unauthorized itself when the refresher says the token is not renewable,
// and a *RefreshError when the refresh failed.
func (c *credential) renewAfter(ctx context.Context, rejected string, unauthorized *APIError) error {
	err := c.renew(ctx, rejected)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotRenewable):
		return unauthorized
	}
	return &RefreshError{Unauthorized: unauthorized, Err: err}
}

// renew replaces the refused token rejected, unless another goroutine has
// already done so while this one waited.
func (c *credential) renew(ctx context.Context, rejected string) error {
	c.refreshing.Lock()
	defer c.refreshing.Unlock()
	if c.get() != rejected {
		return nil
	}
	token, err := c.refresh(ctx)
	if err != nil {
		return err
	}
	if token == "" {
		return errors.New("the token refresher returned an empty token")
	}
	c.set(token)
	return nil
}

// canRenew reports whether a 401 answer to r may be cured by a refresh:
// a refresher is set and r carried the bearer token.
func (c *credential) canRenew(r request) bool {
	return c.refresh != nil && r.basic == nil && r.token != ""
}

// RefreshError is a 401 unauthorized answer whose token could not be
// renewed. It matches the 401 *APIError first (errors.As, StatusOf), then
// the refresh's own error.
type RefreshError struct {
	// Unauthorized is the answer that asked for a new token.
	Unauthorized *APIError
	// Err is why the refresh failed (for example an invalid_grant
	// *APIError when the refresh token was revoked).
	Err error
}

func (e *RefreshError) Error() string {
	return e.Unauthorized.Error() + "; renewing the access token failed: " + e.Err.Error()
}

// Unwrap returns the 401 and the refresh's error.
func (e *RefreshError) Unwrap() []error { return []error{e.Unauthorized, e.Err} }

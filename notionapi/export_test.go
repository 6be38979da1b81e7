package notionapi

import (
	"context"
	"net/http"
	"time"
)

// SetSleep replaces the client's waits (back-off, Retry-After, rate-limit
// pauses), so that tests observe them without letting time pass.
func SetSleep(c *Client, f func(ctx context.Context, d time.Duration) error) { c.sleep = f }

// DecodeQueryAnswer decodes a query answer as Query, QueryAll and ReadAll
// do.
func DecodeQueryAnswer[T any](b []byte) (List[T], error) {
	var l rowList[T]
	err := l.decodeBody(b, "application/json")
	return l.List, err
}

// Transport is the transport c sends its requests through.
func Transport(c *Client) http.RoundTripper { return c.http.Transport }

package notionapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// Do sends a request to any endpoint and returns the answer's JSON as it
// came: path starts with /v1/, query is added to the URL, and body (nil
// for none) must be JSON. It goes through the same pacing, retries, hooks
// and log as every other call, and a write is retried only when it cannot
// have been applied (see APIError.Retryable). An error answer is an
// *APIError, as for the typed calls.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body json.RawMessage) (json.RawMessage, error) {
	method = strings.ToUpper(method)
	if !strings.HasPrefix(path, "/v1/") || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("notionapi: Do: path %q must start with /v1/ and hold no query (pass it as query)", path)
	}
	r := request{method: method, path: path, query: query}
	if body != nil {
		if !json.Valid(body) {
			return nil, fmt.Errorf("notionapi: Do: the %s %s body is not valid JSON", method, path)
		}
		r.body = body
	}
	var out json.RawMessage
	if err := c.do(ctx, r, &out); err != nil {
		return nil, err
	}
	if out == nil {
		out = json.RawMessage("null")
	}
	return out, nil
}

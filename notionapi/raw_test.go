package notionapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

func rawClient(t *testing.T, srv *notiontest.Server) *Client {
	t.Helper()
	c, err := NewClient(notiontest.TokenFull, WithBaseURL(srv.URL()), WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDoSendsAnyRequestAndKeepsTheAnswer(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	c := rawClient(t, srv)
	ctx := context.Background()

	me, err := c.Do(ctx, "get", "/v1/users/me", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var u map[string]any
	if err := json.Unmarshal(me, &u); err != nil || u["object"] != "user" || u["type"] != "bot" {
		t.Fatalf("GET /v1/users/me = %s (%v)", me, err)
	}

	list, err := c.Do(ctx, "POST", "/v1/search", nil, json.RawMessage(`{"query":"Reading","page_size":1}`))
	if err != nil {
		t.Fatal(err)
	}
	var l struct {
		Object  string            `json:"object"`
		Results []json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal(list, &l); err != nil || l.Object != "list" || len(l.Results) != 1 {
		t.Fatalf("POST /v1/search = %s (%v)", list, err)
	}
	req := srv.Requests()[1]
	if req.Method != "POST" || req.Path != "/v1/search" || !strings.Contains(string(req.Body), `"page_size":1`) {
		t.Fatalf("sent %s %s %s", req.Method, req.Path, req.Body)
	}

	users, err := c.Do(ctx, "GET", "/v1/users", url.Values{"page_size": {"2"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(users, &l); err != nil || len(l.Results) != 2 {
		t.Fatalf("GET /v1/users?page_size=2 = %s (%v)", users, err)
	}
}

func TestDoReturnsNotionsErrorAndRefusesBadInput(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	c := rawClient(t, srv)
	ctx := context.Background()

	_, err := c.Do(ctx, "GET", "/v1/pages/"+notiontest.PageUnshared, nil, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 404 || apiErr.Code != CodeObjectNotFound {
		t.Fatalf("unshared page: %v", err)
	}
	sent := len(srv.Requests())
	for _, tc := range []struct {
		path string
		body json.RawMessage
	}{
		{"users/me", nil},
		{"/v1/users?page_size=1", nil},
		{"/v1/search", json.RawMessage(`{"query":`)},
	} {
		if _, err := c.Do(ctx, "POST", tc.path, nil, tc.body); err == nil {
			t.Errorf("Do(%q, %s) succeeded", tc.path, tc.body)
		}
	}
	if n := len(srv.Requests()); n != sent {
		t.Fatalf("%d requests sent for refused input", n-sent)
	}
}

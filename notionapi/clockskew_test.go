package notionapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// TestClockSkewFromTheDateHeader serves answers from a clock 90 seconds
// ahead: the measure must hold the true offset.
func TestClockSkewFromTheDateHeader(t *testing.T) {
	t.Parallel()
	const ahead = 90 * time.Second
	srv := notiontest.New(notiontest.Options{Rows: 10})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", time.Now().Add(ahead).UTC().Format(http.TimeFormat))
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(ts.URL), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.ClockSkew(); ok {
		t.Fatal("a measure before any request")
	}
	for range 3 {
		if _, err := c.GetMe(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	// A refused request is an answer too.
	if _, err := c.GetPage(context.Background(), notiontest.PageUnshared); err == nil {
		t.Fatal("the unshared page was found")
	}
	s, ok := c.ClockSkew()
	if !ok || s.Samples < 1 || s.Offset-s.Uncertainty > ahead || s.Offset+s.Uncertainty < ahead {
		t.Fatalf("ClockSkew = %+v, %v; want %s within the uncertainty", s, ok, ahead)
	}
}

package guide

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

func sandboxClient(t *testing.T, srv *notiontest.Server, token string) *notionapi.Client {
	t.Helper()
	c, err := notionapi.NewClient(token, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0), notionapi.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestProbesAgainstScenarioTokens(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 300})
	ctx := context.Background()
	tests := []struct {
		token                 string
		users, content, write State
	}{
		{notiontest.TokenFull, StateOK, StateOK, StateOK},
		{notiontest.TokenNoUserInfo, StateFailed, StateOK, StateOK},
		{notiontest.TokenReadOnly, StateOK, StateOK, StateFailed},
		{notiontest.TokenNoContent, StateOK, StateFailed, StateFailed},
		{notiontest.TokenRevoked, StateUnknown, StateUnknown, StateUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.token, func(t *testing.T) {
			c := sandboxClient(t, srv, tc.token)
			if p := ProbeUserInfo(ctx, c); p.State != tc.users {
				t.Errorf("users: %v (%s, %v), want %v", p.State, p.Detail, p.Err, tc.users)
			}
			ds := CountShared(ctx, c, notionapi.ObjectDataSource, 0)
			pages := CountShared(ctx, c, notionapi.ObjectPage, 200)
			if p := ReadContent(ds, pages, c.Version()); p.State != tc.content {
				t.Errorf("content: %v (%s, %v), want %v", p.State, p.Detail, p.Err, tc.content)
			}
			if p := ProbeInsert(ctx, c); p.State != tc.write {
				t.Errorf("insert: %v (%s, %v), want %v", p.State, p.Detail, p.Err, tc.write)
			}
		})
	}
	// The insert probe must never create anything.
	for _, r := range srv.Requests() {
		if r.Method == "POST" && r.Path == "/v1/pages" && r.Status < 400 {
			t.Errorf("the insert probe created a page: %+v", r)
		}
	}
}

func TestCountSharedStopsAtTheLimit(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 300})
	c := sandboxClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	all := CountShared(ctx, c, notionapi.ObjectPage, 0)
	if all.Err != nil || all.More || all.N <= 200 {
		t.Fatalf("full count: %+v", all)
	}
	for _, limit := range []int{1, 50, 200, all.N - 1} {
		srv.ResetRequests()
		got := CountShared(ctx, c, notionapi.ObjectPage, limit)
		if got.N != limit || !got.More || got.String() != fmt.Sprintf("%d+", limit) {
			t.Errorf("limit %d: %+v (%s)", limit, got, got)
		}
		// Never read (much) more than asked: at most one extra page.
		if n := len(srv.Requests()); n > limit/notionapi.MaxPageSize+2 {
			t.Errorf("limit %d took %d requests", limit, n)
		}
	}
	if got := CountShared(ctx, c, notionapi.ObjectPage, all.N); got.N != all.N || got.More {
		t.Errorf("limit = total: %+v", got)
	}
	ds := CountShared(ctx, c, notionapi.ObjectDataSource, 0)
	if ds.N != 8 || ds.More { // the seeded data sources, the Engineering Wiki's two included
		t.Errorf("data sources: %+v", ds)
	}
}

func TestReadContentWording(t *testing.T) {
	p := ReadContent(Count{N: 1}, Count{N: 200, More: true}, notionapi.Version20250903)
	if p.Detail != "1 data source and 200+ pages shared" {
		t.Errorf("detail %q", p.Detail)
	}
	if p := ReadContent(Count{N: 3}, Count{N: 1}, notionapi.Version20220628); p.Detail != "3 databases and 1 page shared" {
		t.Errorf("detail %q", p.Detail)
	}
	if p := ReadContent(Count{}, Count{}, ""); p.State != StateWarning || !strings.Contains(p.Detail, "nothing is shared") {
		t.Errorf("empty: %+v", p)
	}
}

func TestNotFoundLinksToTheObject(t *testing.T) {
	f := Diagnose(api(404, "object_not_found", "GET", "/v1/databases/"+notiontest.DatabaseUnshared, "Could not find database"), Context{IntegrationName: "Acme Bot"})
	want := "https://www.notion.so/" + notionapi.CompactID(notiontest.DatabaseUnshared)
	if f.Link != want || !f.Has(ActOpenSettings) || !strings.Contains(f.Steps[0], want) {
		t.Errorf("link %q, steps %q", f.Link, f.Steps)
	}
	if !strings.Contains(f.Text(), "“Acme Bot”") {
		t.Errorf("the steps do not name the integration:\n%s", f.Text())
	}
	ds := Diagnose(api(404, "object_not_found", "GET", "/v1/data_sources/"+notiontest.DataSourceUnshared, ""), Context{})
	if ds.Link != "" || ds.Has(ActOpenSettings) {
		t.Errorf("a data source ID has no notion.so address: %+v", ds)
	}
}

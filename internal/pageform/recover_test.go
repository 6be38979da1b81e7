package pageform

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// skewedSandbox serves the sandbox from a clock skew ahead of this
// machine's (negative: behind), in its timestamps and its Date headers
// alike. shift moves the timestamps alone, to make pages in the past.
func skewedSandbox(t *testing.T, token string, skew time.Duration) (*notiontest.Server, *notionapi.Client, *atomic.Int64) {
	t.Helper()
	shift := new(atomic.Int64)
	srv := notiontest.New(notiontest.Options{Rows: 20, Now: func() time.Time {
		return time.Now().Add(skew + time.Duration(shift.Load()))
	}})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", time.Now().Add(skew).UTC().Format(http.TimeFormat))
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	c, err := notionapi.NewClient(token, notionapi.WithBaseURL(ts.URL), notionapi.WithRate(0, 0), notionapi.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c, shift
}

func createTask(t *testing.T, c *notionapi.Client, ds *notionapi.DataSource, title string) error {
	t.Helper()
	page, err := Build(ds.Properties, Input{Values: map[string]string{"Task": title}}, Env{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreatePage(context.Background(), page.Params(c, ds))
	return err
}

// TestFindCreatedAllowsForClockSkew: with this machine's clock minutes
// fast, the page a lost answer created is still found; with it minutes
// slow, a page of the same title made before the send is not taken for
// it.
func TestFindCreatedAllowsForClockSkew(t *testing.T) {
	t.Parallel()
	for _, skew := range []time.Duration{-3 * time.Minute, -61 * time.Second, 0, 2 * time.Minute} {
		t.Run(skew.String(), func(t *testing.T) {
			t.Parallel()
			srv, c, shift := skewedSandbox(t, notiontest.TokenFull, skew)
			ds := dataSource(t, c, notiontest.DataSourceTasks)
			// The same title, created three minutes before the send.
			shift.Store(int64(-3 * time.Minute))
			if err := createTask(t, c, ds, "Renew the lease"); err != nil {
				t.Fatal(err)
			}
			shift.Store(0)
			if got, err := FindCreated(context.Background(), c, ds, "Renew the lease", time.Now()); err != nil || got != nil {
				t.Fatalf("an older page was taken for the one sent now: %v", describe(got, err))
			}
			sentAt := time.Now()
			srv.InjectFault(notiontest.Fault{Method: "POST", Path: "/v1/pages", Status: 502, AfterCommit: true})
			if err := createTask(t, c, ds, "Renew the lease"); !Ambiguous(err) {
				t.Fatalf("create: %v", err)
			}
			found, err := FindCreated(context.Background(), c, ds, "Renew the lease", sentAt)
			if err != nil || found == nil {
				t.Fatalf("the page created despite the 502 was not found (local clock %s off): %v", -skew, err)
			}
			if since := CreatedSince(c, sentAt); found.CreatedTime.Before(since) {
				t.Errorf("found a page created at %s, before %s", found.CreatedTime, since)
			}
		})
	}
}

func TestCreatedSinceWithoutAMeasureLooksAMinuteBack(t *testing.T) {
	t.Parallel()
	c, err := notionapi.NewClient("t")
	if err != nil {
		t.Fatal(err)
	}
	sent := time.Date(2026, 11, 21, 14, 2, 30, 0, time.UTC)
	if got, want := CreatedSince(c, sent), time.Date(2026, 11, 21, 14, 1, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("CreatedSince = %s, want %s", got, want)
	}
}

// TestCheckCreatedTrustsNotionsSaved: a create Notion answered 503 but
// saved is read back by the ID Notion gave, with no search and no second
// create.
func TestCheckCreatedTrustsNotionsSaved(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv, c := sandbox(t, notiontest.TokenCommitThen503)
	ds := dataSource(t, c, notiontest.DataSourceTasks)
	before := srv.PageCount(ds.ID)
	sentAt := time.Now()
	err := createTask(t, c, ds, "Book the venue")
	id, saved := notionapi.Saved(err)
	if !saved || id == "" || !Ambiguous(err) {
		t.Fatalf("create: %v (saved %v, id %q)", err, saved, id)
	}
	srv.ResetRequests()
	pg, err := CheckCreated(ctx, c, ds, "Book the venue", sentAt, err)
	if err != nil || pg == nil || pg.ID != id || pg.Title() != "Book the venue" || pg.URL == "" {
		t.Fatalf("CheckCreated = %s", describe(pg, err))
	}
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			t.Errorf("CheckCreated sent %s %s; only the saved page may be read", r.Method, r.Path)
		}
	}
	if n := srv.PageCount(ds.ID); n != before+1 {
		t.Errorf("pages %d → %d", before, n)
	}
}

func TestCheckCreatedWhenTheSavedPageCannotBeRead(t *testing.T) {
	t.Parallel()
	// A connection that cannot read gets the page's ID and address.
	_, c := sandbox(t, notiontest.TokenInsertOnly)
	saved := &notionapi.APIError{Status: 503, Code: notionapi.CodeServiceUnavailable, Method: "POST", Path: "/v1/pages",
		Message:        "The change was saved, but the response could not be built in time.",
		AdditionalData: map[string]any{"committed_resource_id": notiontest.PageGettingStarted}}
	pg, err := CheckCreated(context.Background(), c, &notionapi.DataSource{}, "x", time.Now(), saved)
	if err != nil || pg.ID != notiontest.PageGettingStarted || pg.URL != "https://www.notion.so/"+notionapi.CompactID(notiontest.PageGettingStarted) {
		t.Fatalf("CheckCreated = %s", describe(pg, err))
	}
	// Saved without saying which page: no search either.
	saved.AdditionalData = nil
	if pg, err := CheckCreated(context.Background(), c, &notionapi.DataSource{}, "x", time.Now(), saved); pg != nil || !errors.Is(err, ErrSavedWithoutID) {
		t.Fatalf("saved without an ID: %s", describe(pg, err))
	}
	if !strings.Contains(ErrSavedWithoutID.Error(), "not sent again") {
		t.Error(ErrSavedWithoutID)
	}
}

func describe(pg *notionapi.Page, err error) string {
	if pg == nil {
		return fmt.Sprintf("no page, %v", err)
	}
	return fmt.Sprintf("page %s %q created %s (%s), %v", pg.ID, pg.Title(), pg.CreatedTime, pg.URL, err)
}

package notionapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/notionapi/notiontest/hostile"
)

// againstHostile returns a client of the sandbox's full-access token for
// a hostile server, with the server's HTTP client (which trusts its
// certificates and, left alone, would follow redirects), no pacing, and
// waits that pass at once.
func againstHostile(t *testing.T, s *hostile.Server, w *waits, opts ...notionapi.Option) *notionapi.Client {
	t.Helper()
	all := []notionapi.Option{notionapi.WithBaseURL(s.URL()), notionapi.WithHTTPClient(s.Client()), notionapi.WithRate(0, 0)}
	if w != nil {
		all = append(all, notionapi.WithHooks(notionapi.Hooks{OnRetry: w.hook}))
	}
	c, err := notionapi.NewClient(notiontest.TokenFull, append(all, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	notionapi.SetSleep(c, func(ctx context.Context, _ time.Duration) error { return ctx.Err() })
	return c
}

func TestHostileServerRedirectsReachNothing(t *testing.T) {
	t.Parallel()
	create := notionapi.CreatePageParams{
		Parent:     notionapi.Parent{Type: "data_source_id", DataSourceID: notiontest.DataSourceTasks},
		Properties: map[string]notionapi.PropertyValue{"Task": notionapi.TitleValue("Quarterly plan")},
	}
	for _, tc := range []struct {
		do  hostile.Behaviour
		tls bool
	}{{hostile.RedirectDowngrade(), true}, {hostile.RedirectOtherPort(), false}, {hostile.RedirectOtherPort(), true}, {hostile.RedirectSameOrigin(), false}} {
		t.Run(fmt.Sprintf("%s tls=%v", tc.do, tc.tls), func(t *testing.T) {
			t.Parallel()
			s := hostile.Start(t, hostile.Options{TLS: tc.tls, Sandbox: notiontest.Options{Rows: 10}}, hostile.Trick{Do: tc.do})
			before := s.Sandbox().PageCount(notiontest.DataSourceTasks)
			_, err := againstHostile(t, s, nil).CreatePage(context.Background(), create)
			var re *notionapi.RedirectError
			if !errors.As(err, &re) || re.Status != http.StatusTemporaryRedirect {
				t.Fatalf("err = %v (%T), want a *RedirectError", err, err)
			}
			if tc.tls && re.Downgrade() != (tc.do.String() == hostile.RedirectDowngrade().String()) {
				t.Errorf("Downgrade() = %v for %s to %s", re.Downgrade(), re.URL, re.Location)
			}
			if caught := s.Caught(); len(caught) != 0 {
				t.Fatalf("%d requests reached %s, Authorization %q", len(caught), caught[0].URL, caught[0].Authorization)
			}
			if n := s.Redirected(); n != 0 {
				t.Fatalf("%d same-origin redirects followed", n)
			}
			if after := s.Sandbox().PageCount(notiontest.DataSourceTasks); after != before || s.Requests() != 1 {
				t.Fatalf("%d requests, rows %d → %d: the create was replayed", s.Requests(), before, after)
			}
		})
	}
}

func TestHostileServerListsThatNeverEndStop(t *testing.T) {
	t.Parallel()
	for _, do := range []hostile.Behaviour{hostile.EndlessCursor(), hostile.NoNewRows()} {
		t.Run(do.String(), func(t *testing.T) {
			t.Parallel()
			s := hostile.Start(t, hostile.Options{Sandbox: notiontest.Options{Rows: 10}}, hostile.Trick{Do: do})
			c := againstHostile(t, s, nil)
			ctx := context.Background()
			iterators := map[string]func(yield func(string, error) bool){
				"SearchAll": func(yield func(string, error) bool) {
					for r, err := range c.SearchAll(ctx, notionapi.SearchParams{PageSize: 5}) {
						if !yield(r.ID(), err) {
							return
						}
					}
				},
				"SearchAllRaw": func(yield func(string, error) bool) {
					for r, err := range c.SearchAllRaw(ctx, notionapi.SearchParams{PageSize: 5}) {
						var head struct {
							ID string `json:"id"`
						}
						if err == nil {
							err = json.Unmarshal(r, &head)
						}
						if !yield(head.ID, err) {
							return
						}
					}
				},
				"QueryAll": func(yield func(string, error) bool) {
					for p, err := range c.QueryAll(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: 5}) {
						if !yield(p.ID, err) {
							return
						}
					}
				},
				"Users": func(yield func(string, error) bool) {
					for u, err := range c.ListUsersAll(ctx) {
						if !yield(u.ID, err) {
							return
						}
					}
				},
			}
			for name, seq := range iterators {
				seen := map[string]bool{}
				var last error
				requests := s.Requests()
				seq(func(id string, err error) bool {
					if err != nil {
						last = err
						return false
					}
					if seen[id] {
						t.Errorf("%s: row %s yielded twice", name, id)
					}
					seen[id] = true
					return len(seen) < 10000
				})
				var pe *notionapi.PaginationError
				if !errors.As(last, &pe) {
					t.Errorf("%s ended with %v after %d rows, want a *PaginationError", name, last, len(seen))
					continue
				}
				if sent := s.Requests() - requests; sent > 5 {
					t.Errorf("%s: %d requests before stopping", name, sent)
				}
			}
		})
	}
}

func TestHostileServerErrorBodiesKeepTheTokenOut(t *testing.T) {
	t.Parallel()
	for _, do := range []hostile.Behaviour{hostile.EchoToken(http.StatusBadRequest), hostile.EchoToken(http.StatusBadGateway), hostile.EchoTokenHTML(http.StatusBadGateway)} {
		t.Run(do.String(), func(t *testing.T) {
			t.Parallel()
			s := hostile.Start(t, hostile.Options{Sandbox: notiontest.Options{Rows: 10}}, hostile.Trick{Do: do})
			var logged []string
			c := againstHostile(t, s, nil, notionapi.WithMaxRetries(0), notionapi.WithHooks(notionapi.Hooks{OnRequest: func(ri notionapi.RequestInfo) {
				logged = append(logged, fmt.Sprint(ri.Err))
			}}))
			_, err := c.GetMe(context.Background())
			e := apiError(t, err)
			text := fmt.Sprintf("%v %s %s %v %s", err, e.Message, e.Body, e.AdditionalData, strings.Join(logged, " "))
			if strings.Contains(text, notiontest.TokenFull) {
				t.Fatalf("the token shows:\n%s", text)
			}
			if !strings.Contains(text, "Bearer [REDACTED]") {
				t.Fatalf("the echo is not marked:\n%s", text)
			}
		})
	}
}

func TestHostileServerBrokenAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("Retry-After", func(t *testing.T) {
		t.Parallel()
		for _, v := range []string{"NaN", "Inf", "1e308", "-1", "Sat, 01 Jan 2000 00:00:00 GMT"} {
			s := hostile.Start(t, hostile.Options{Sandbox: notiontest.Options{Rows: 10}}, hostile.Trick{Times: 2, Do: hostile.RetryAfter(v)})
			var w waits
			if _, err := againstHostile(t, s, &w).GetMe(ctx); err != nil {
				t.Fatalf("%s: %v", v, err)
			}
			for i, ri := range w.all() {
				if lo, hi := 250*time.Millisecond<<i, 750*time.Millisecond<<i; ri.Wait < lo || ri.Wait >= hi {
					t.Errorf("Retry-After %s: wait %d = %s, want the back-off", v, i, ri.Wait)
				}
			}
		}
	})
	t.Run("huge error body", func(t *testing.T) {
		t.Parallel()
		s := hostile.Start(t, hostile.Options{Sandbox: notiontest.Options{Rows: 10}}, hostile.Trick{Do: hostile.HugeBody(http.StatusBadGateway, 200<<20)})
		ct := &countingTransport{pool: transportOfTest(t)}
		_, err := againstHostile(t, s, nil, notionapi.WithHTTPClient(&http.Client{Transport: ct}), notionapi.WithMaxRetries(0)).GetMe(ctx)
		if apiError(t, err).Status != http.StatusBadGateway || ct.bytes() > 1<<20 {
			t.Fatalf("err %v after reading %d bytes", err, ct.bytes())
		}
	})
	t.Run("HTML 502", func(t *testing.T) {
		t.Parallel()
		s := hostile.Start(t, hostile.Options{Sandbox: notiontest.Options{Rows: 10}}, hostile.Trick{Do: hostile.HTML502()})
		_, err := againstHostile(t, s, nil, notionapi.WithMaxRetries(0)).GetMe(ctx)
		if e := apiError(t, err); e.Status != http.StatusBadGateway || e.Code != "" || e.Body == "" {
			t.Fatalf("err = %+v", e)
		}
	})
	t.Run("truncated JSON", func(t *testing.T) {
		t.Parallel()
		s := hostile.Start(t, hostile.Options{Sandbox: notiontest.Options{Rows: 10}}, hostile.Trick{Do: hostile.TruncatedJSON()})
		_, err := againstHostile(t, s, nil).Query(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{})
		var de *notionapi.DecodeError
		if !errors.As(err, &de) {
			t.Fatalf("err = %v (%T), want a *DecodeError", err, err)
		}
	})
	t.Run("slow body", func(t *testing.T) {
		t.Parallel()
		s := hostile.Start(t, hostile.Options{Sandbox: notiontest.Options{Rows: 10}}, hostile.Trick{Do: hostile.SlowBody(1, time.Second)})
		_, err := againstHostile(t, s, nil, notionapi.WithTimeout(300*time.Millisecond), notionapi.WithMaxRetries(0)).GetMe(ctx)
		var te *notionapi.TimeoutError
		if !errors.As(err, &te) {
			t.Fatalf("err = %v (%T), want a *TimeoutError", err, err)
		}
	})
}

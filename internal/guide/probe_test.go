package guide

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

func sandboxClient(t *testing.T, srv *notiontest.Server, token string, opts ...notionapi.Option) *notionapi.Client {
	t.Helper()
	base := []notionapi.Option{notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0), notionapi.WithMaxRetries(0)}
	c, err := notionapi.NewClient(token, append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestChecklistForEachScenarioToken runs the checklist of each kind of
// token against the sandbox. "Insert content" is never granted without a
// real create, and "Update content" never without a real edit.
func TestChecklistForEachScenarioToken(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 300})
	ctx := context.Background()
	tests := []struct {
		token                  string
		kind                   notionapi.TokenKind
		users, content, insert State
		insertDetail           string
	}{
		{notiontest.TokenFull, notionapi.TokenKindInternal, StateOK, StateOK, StateUnknown, DetailFirstCreate},
		{notiontest.TokenNoUserInfo, notionapi.TokenKindInternal, StateFailed, StateOK, StateUnknown, DetailFirstCreate},
		{notiontest.TokenReadOnly, notionapi.TokenKindInternal, StateOK, StateOK, StateFailed, "not granted"},
		{notiontest.TokenNoContent, notionapi.TokenKindInternal, StateOK, StateFailed, StateFailed, "not granted"},
		{notiontest.TokenPersonal, notionapi.TokenKindPersonal, StateNotAvailable, StateOK, StateUnknown, DetailFirstCreate},
		{notiontest.TokenBlockLimit, notionapi.TokenKindInternal, StateOK, StateOK, StateUnknown, DetailFirstCreate},
		{notiontest.TokenRevoked, notionapi.TokenKindUnknown, StateUnknown, StateUnknown, StateUnknown, "could not check"},
	}
	for _, tc := range tests {
		t.Run(tc.token, func(t *testing.T) {
			t.Parallel()
			c := sandboxClient(t, srv, tc.token)
			cl := RunChecklist(ctx, c, tc.kind)
			users, _ := cl.Get(CapReadUsers)
			content, _ := cl.Get(CapReadContent)
			insert, _ := cl.Get(CapInsertContent)
			update, _ := cl.Get(CapUpdateContent)
			if users.State != tc.users || content.State != tc.content || insert.State != tc.insert {
				t.Errorf("users %v (%s), content %v (%s), insert %v (%s); want %v, %v, %v",
					users.State, users.Detail, content.State, content.Detail, insert.State, insert.Detail, tc.users, tc.content, tc.insert)
			}
			if !strings.Contains(insert.Detail, tc.insertDetail) {
				t.Errorf("insert detail %q lacks %q", insert.Detail, tc.insertDetail)
			}
			if insert.Detail == DetailFirstCreate && !insert.Pending() {
				t.Errorf("a check to be made on the first create is not pending: %+v", insert)
			}
			if update.State != StateUnknown || update.Detail != DetailFirstEdit || update.Err != nil {
				t.Errorf("update: %+v", update)
			}
			if tc.kind == notionapi.TokenKindPersonal {
				if len(cl.Notes) == 0 || !strings.Contains(strings.Join(cl.Notes, " "), "Business and Enterprise") {
					t.Errorf("no note on workspace policy: %q", cl.Notes)
				}
				if strings.Contains(content.Detail, "shared") {
					t.Errorf("a personal token's content is %q: nothing is shared with it", content.Detail)
				}
				if _, ok := cl.Fix(users, Context{}); ok {
					t.Error("listing users, not available to personal tokens, has a fix")
				}
			}
			for _, p := range cl.Rows {
				f, ok := cl.Fix(p, Context{IntegrationName: notiontest.IntegrationName})
				if p.State == StateFailed && !ok {
					t.Errorf("failed row %s has no fix", p.Capability)
				}
				if ok && strings.Contains(f.Text(), tc.token) {
					t.Errorf("the fix of %s quotes the token", p.Capability)
				}
			}
		})
	}
	// The insert probe never creates anything, and a personal token's
	// checklist never lists users.
	for _, r := range srv.Requests() {
		if r.Method == "POST" && r.Path == "/v1/pages" && r.Status < 400 {
			t.Errorf("the insert probe created a page: %+v", r)
		}
	}
}

func TestPersonalTokenChecklistSendsNoUsersRequest(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	RunChecklist(context.Background(), sandboxClient(t, srv, notiontest.TokenPersonal), notionapi.TokenKindPersonal)
	for _, r := range srv.Requests() {
		if r.Path == "/v1/users" {
			t.Errorf("sent %s %s", r.Method, r.Path)
		}
	}
}

// TestChecklistLearnsFromTheFirstWrite: the first real create and edit
// decide the rows a probe could not.
func TestChecklistLearnsFromTheFirstWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	create := func(token string) error {
		c := sandboxClient(t, srv, token)
		_, err := c.CreatePage(ctx, notionapi.CreatePageParams{
			Parent:     notionapi.Parent{Type: "data_source_id", DataSourceID: notiontest.DataSourceTasks},
			Properties: map[string]notionapi.PropertyValue{"Task": notionapi.TitleValue("Checklist")},
		})
		return err
	}
	tests := []struct {
		token string
		state State
	}{
		{notiontest.TokenFull, StateOK},
		{notiontest.TokenInsertOnly, StateOK},
		{notiontest.TokenCommitThen503, StateOK}, // saved, then 503
		{notiontest.TokenReadOnly, StateFailed},
		{notiontest.TokenUpdateOnly, StateFailed},
		{notiontest.TokenBlockLimit, StateWarning},
	}
	for _, tc := range tests {
		cl := NewChecklist(notionapi.TokenKindInternal, Probe{Capability: CapReadUsers}, Count{N: 1}, Count{N: 1}, Probe{Capability: CapInsertContent, Detail: DetailFirstCreate}, "")
		err := create(tc.token)
		if changed := cl.Observe("POST", "/v1/pages", err); !changed {
			t.Errorf("%s: the create (%v) changed nothing", tc.token, err)
		}
		if p, _ := cl.Get(CapInsertContent); p.State != tc.state {
			t.Errorf("%s: insert %v (%s) after %v, want %v", tc.token, p.State, p.Detail, err, tc.state)
		}
	}
	// Answers that show nothing leave the row as it was.
	cl := NewChecklist(notionapi.TokenKindInternal, Probe{}, Count{}, Count{}, NotProbed(CapInsertContent), "")
	for _, err := range []error{
		api(400, "validation_error", "POST", "/v1/pages", "Tags is expected to be multi_select."),
		api(500, "internal_server_error", "POST", "/v1/pages", ""),
		&notionapi.NetworkError{Method: "POST", URL: "https://api.notion.com/v1/pages", Err: fmt.Errorf("reset")},
	} {
		if cl.Observe("POST", "/v1/pages", err) {
			t.Errorf("%v changed the checklist", err)
		}
	}
	if cl.Observe("GET", "/v1/pages/x", nil) {
		t.Error("a read changed the checklist")
	}
	if !cl.Observe("PATCH", "/v1/pages/"+notiontest.PageGettingStarted, nil) {
		t.Error("a successful edit did not grant Update content")
	}
	if p, _ := cl.Get(CapUpdateContent); p.State != StateOK {
		t.Errorf("update: %+v", p)
	}
}

func TestCountSharedStopsAtTheLimit(t *testing.T) {
	t.Parallel()
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
		// No request beyond the page that holds the limit: its has_more
		// says whether there are more.
		if n, want := len(srv.Requests()), (limit+notionapi.MaxPageSize-1)/notionapi.MaxPageSize; n != want {
			t.Errorf("limit %d took %d requests, want %d", limit, n, want)
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
	t.Parallel()
	p := ReadContent(Count{N: 1}, Count{N: 200, More: true}, notionapi.Version20250903)
	if p.Detail != "1 data source and 200+ pages shared" {
		t.Errorf("detail %q", p.Detail)
	}
	if p := ReadContent(Count{N: 3}, Count{N: 1}, notionapi.Version20220628); p.Detail != "3 databases and 1 page shared" {
		t.Errorf("detail %q", p.Detail)
	}
	if p := ReadContentFor(notionapi.TokenKindPersonal, Count{N: 3}, Count{N: 1}, ""); p.Detail != "3 data sources and 1 page visible" {
		t.Errorf("personal: %q", p.Detail)
	}
	if p := ReadContent(Count{}, Count{}, ""); p.State != StateWarning || !strings.Contains(p.Detail, "nothing is shared") {
		t.Errorf("empty: %+v", p)
	}
	if p := ReadContentFor(notionapi.TokenKindPersonal, Count{}, Count{}, ""); p.State != StateWarning || strings.Contains(p.Detail, "shared") {
		t.Errorf("personal, empty: %+v", p)
	}
}

func TestNothingSharedFixFitsTheKind(t *testing.T) {
	t.Parallel()
	conn := NothingSharedFixFor(Context{IntegrationName: "Acme Bot"})
	if !strings.Contains(conn.Text(), "Add connections") || !strings.Contains(conn.Text(), "“Acme Bot”") {
		t.Errorf("connection:\n%s", conn.Text())
	}
	pat := NothingSharedFixFor(Context{Kind: notionapi.TokenKindPersonal})
	if strings.Contains(pat.Text(), "Add connections") || strings.Contains(pat.Text(), "shared with") {
		t.Errorf("a personal token is told to share:\n%s", pat.Text())
	}
	if f := NothingSharedFix("Acme Bot"); f.Title != conn.Title {
		t.Errorf("NothingSharedFix = %q", f.Title)
	}
}

func TestCapabilityFixFitsTheKind(t *testing.T) {
	t.Parallel()
	f := CapabilityFix(CapInsertContent, "Acme Bot")
	if f.Reason != ReasonMissingCapability || f.Link != ConnectionsURL || !strings.Contains(f.Text(), "Configuration tab, turn on “Insert content”") {
		t.Errorf("connection:\n%s", f.Text())
	}
	pat := CapabilityFixFor(CapInsertContent, Context{Kind: notionapi.TokenKindPersonal})
	if pat.Link != TokensURL || strings.Contains(pat.Text(), "Configuration tab") {
		t.Errorf("personal:\n%s", pat.Text())
	}
	if users := CapabilityFixFor(CapReadUsers, Context{Kind: notionapi.TokenKindPersonal}); users.Reason != ReasonNotForPersonalTokens {
		t.Errorf("listing users with a personal token: %+v", users)
	}
}

// TestUsersRefusedNamesTheCauseOfTheKind: no capability helps a personal
// access token list users; a connection lacks one; an unknown kind is
// told both.
func TestUsersRefusedNamesTheCauseOfTheKind(t *testing.T) {
	t.Parallel()
	for kind, want := range map[notionapi.TokenKind]string{
		notionapi.TokenKindPersonal: "listing users is not available to personal access tokens",
		notionapi.TokenKindInternal: "the connection lacks the “Read user information” capability",
		notionapi.TokenKindPublic:   "the connection lacks the “Read user information” capability",
		notionapi.TokenKindUnknown:  "a connection needs the “Read user information” capability to list users, and a personal access token cannot list them",
	} {
		if got := UsersRefused(kind); got != want {
			t.Errorf("%q: %q, want %q", kind, got, want)
		}
	}
}

// TestARefusedCheckIsToldAsACheck: the fix of a check's refusal is the
// fix of that refusal, and says that notion-tui sent the request and why;
// a check without a refusal, or without a description, is left alone.
func TestARefusedCheckIsToldAsACheck(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	p := ProbeInsert(context.Background(), sandboxClient(t, srv, notiontest.TokenReadOnly))
	if p.State != StateFailed || p.How == "" {
		t.Fatalf("probe %+v", p)
	}
	c := Context{Audience: TUI}
	plain, checked := Diagnose(p.Err, c), Diagnose(p.CheckErr(), c)
	if checked.Title != plain.Title || checked.Reason != plain.Reason || checked.Request != plain.Request || len(checked.Steps) != len(plain.Steps) {
		t.Errorf("the check's fix differs from the refusal's:\n%+v\n%+v", checked, plain)
	}
	if plain.Check != "" || checked.Check != "notion-tui sent this request to check the capability first: "+p.How+"." {
		t.Errorf("Check = %q, and %q without the check", checked.Check, plain.Check)
	}
	if err := (Probe{How: "x"}).CheckErr(); err != nil {
		t.Errorf("a check not made: %v", err)
	}
	if err := (Probe{Err: p.Err}).CheckErr(); err != p.Err {
		t.Errorf("a check without How: %v", err)
	}
}

package guide

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/testhttp"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// rawCall sends a request the client has no method for and returns
// Notion's error answer as the client would: an *APIError.
func rawCall(t *testing.T, srv *notiontest.Server, token, method, path string, body any) error {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, srv.URL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Notion-Version", notionapi.DefaultVersion)
	req.Header.Set("Content-Type", "application/json")
	resp, err := testhttp.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 400 {
		return nil
	}
	var eb struct {
		Code           string         `json:"code"`
		Message        string         `json:"message"`
		RequestID      string         `json:"request_id"`
		AdditionalData map[string]any `json:"additional_data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&eb); err != nil {
		t.Fatal(err)
	}
	return &notionapi.APIError{Status: resp.StatusCode, Code: eb.Code, Message: eb.Message, RequestID: eb.RequestID,
		AdditionalData: eb.AdditionalData, Method: method, Path: path}
}

// refusal is a request the sandbox refuses, or answers in a way that needs
// a fix, for one token.
type refusal struct {
	name   string
	token  string
	kind   notionapi.TokenKind
	opts   []notionapi.Option
	call   func(t *testing.T, srv *notiontest.Server, c *notionapi.Client) error
	reason Reason
	// want are phrases the CLI text must hold; not phrases it must not.
	want, not []string
	actions   []Action // the fix must offer these...
	noActions []Action // ...and never these
	// golden names the file of the CLI wording under testdata/cli.
	golden string
}

func createTask(c *notionapi.Client) error {
	_, err := c.CreatePage(context.Background(), notionapi.CreatePageParams{
		Parent:     notionapi.Parent{Type: "data_source_id", DataSourceID: notiontest.DataSourceTasks},
		Properties: map[string]notionapi.PropertyValue{"Task": notionapi.TitleValue("Order chairs")},
	})
	return err
}

func editPage(t *testing.T, srv *notiontest.Server, token string) error {
	return rawCall(t, srv, token, "PATCH", "/v1/pages/"+notiontest.PageGettingStarted, map[string]any{"icon": map[string]any{"type": "emoji", "emoji": "🚀"}})
}

var refusals = []refusal{{
	name: "revoked token of an unknown kind", token: notiontest.TokenRevoked,
	call: func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error {
		_, err := c.GetMe(context.Background())
		return err
	},
	reason: ReasonUnauthorized, want: []string{TokensURL, ConnectionsURL, "`notion-tui auth login`"}, actions: []Action{ActReenterToken},
	golden: "401_unknown_kind",
}, {
	name: "revoked personal access token", token: notiontest.TokenRevoked, kind: notionapi.TokenKindPersonal,
	call: func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error {
		_, err := c.GetMe(context.Background())
		return err
	},
	reason: ReasonUnauthorized, want: []string{"it expired", "7, 30, 90 or 180 days", TokensURL}, not: []string{"Configuration tab"},
	golden: "401_personal",
}, {
	name: "revoked internal connection", token: notiontest.TokenRevoked, kind: notionapi.TokenKindInternal,
	call: func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error {
		_, err := c.GetMe(context.Background())
		return err
	},
	reason: ReasonUnauthorized, want: []string{"Configuration tab", "API token", ConnectionsURL}, not: []string{TokensURL},
	golden: "401_internal",
}, {
	name: "no user information", token: notiontest.TokenNoUserInfo, kind: notionapi.TokenKindInternal,
	call: func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error {
		_, err := c.ListUsers(context.Background(), notionapi.ListParams{})
		return err
	},
	reason: ReasonMissingCapability, want: []string{"“Read user information”", "Configuration tab", "GET /v1/users needs"},
	actions: []Action{ActRetry, ActOpenLink}, golden: "403_capability_users",
}, {
	name: "personal access token lists users", token: notiontest.TokenPersonal, kind: notionapi.TokenKindPersonal,
	call: func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error {
		_, err := c.ListUsers(context.Background(), notionapi.ListParams{})
		return err
	},
	reason: ReasonNotForPersonalTokens, want: []string{"not available to personal access tokens"},
	not: []string{"Configuration tab", "turn on", "not granted", "Add connections"}, noActions: []Action{ActRetry},
	golden: "403_personal_list_users",
}, {
	name: "read only creates a page", token: notiontest.TokenReadOnly, kind: notionapi.TokenKindInternal,
	call:   func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error { return createTask(c) },
	reason: ReasonMissingCapability, want: []string{"“Insert content”", "POST /v1/pages needs"}, actions: []Action{ActRetry},
	golden: "403_capability_insert",
}, {
	name: "read only edits a page", token: notiontest.TokenReadOnly, kind: notionapi.TokenKindInternal,
	call: func(t *testing.T, srv *notiontest.Server, _ *notionapi.Client) error {
		return editPage(t, srv, notiontest.TokenReadOnly)
	},
	reason: ReasonMissingCapability, want: []string{"“Update content”", "PATCH /v1/pages/{id} needs"},
}, {
	name: "update only creates a page", token: notiontest.TokenUpdateOnly, kind: notionapi.TokenKindInternal,
	call:   func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error { return createTask(c) },
	reason: ReasonMissingCapability, want: []string{"“Insert content”"},
}, {
	name: "insert only reads a page", token: notiontest.TokenInsertOnly, kind: notionapi.TokenKindInternal,
	call: func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error {
		_, err := c.GetPage(context.Background(), notiontest.PageGettingStarted)
		return err
	},
	reason: ReasonMissingCapability, want: []string{"“Read content”"},
}, {
	name: "no comments lists comments", token: notiontest.TokenNoComments, kind: notionapi.TokenKindInternal,
	call: func(t *testing.T, srv *notiontest.Server, _ *notionapi.Client) error {
		return rawCall(t, srv, notiontest.TokenNoComments, "GET", "/v1/comments?block_id="+notiontest.PageGettingStarted, nil)
	},
	reason: ReasonMissingCapability, want: []string{"“Read comments”"},
}, {
	name: "no comments adds a comment", token: notiontest.TokenNoComments, kind: notionapi.TokenKindInternal,
	call: func(t *testing.T, srv *notiontest.Server, _ *notionapi.Client) error {
		return rawCall(t, srv, notiontest.TokenNoComments, "POST", "/v1/comments", map[string]any{
			"parent": map[string]any{"page_id": notiontest.PageGettingStarted}, "rich_text": []any{map[string]any{"text": map[string]any{"content": "hi"}}}})
	},
	reason: ReasonMissingCapability, want: []string{"“Insert comments”"},
}, {
	name: "Free plan block limit", token: notiontest.TokenBlockLimit, kind: notionapi.TokenKindInternal,
	call:   func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error { return createTask(c) },
	reason: ReasonBlockLimit, want: []string{"1,000 blocks", "will not help", "upgrade", BlockUsageURL, "Reading, editing properties and deleting still work"},
	not: []string{"turn on"}, actions: []Action{ActOpenLink}, noActions: []Action{ActRetry, ActWait},
	golden: "403_block_limit",
}, {
	name: "unshared database", token: notiontest.TokenFull, kind: notionapi.TokenKindInternal,
	call: func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error {
		_, err := c.GetDatabase(context.Background(), notiontest.DatabaseUnshared)
		return err
	},
	reason: ReasonNotShared, want: []string{"Add connections", "“notion-tui Demo”", "https://www.notion.so/" + notionapi.CompactID(notiontest.DatabaseUnshared)},
	actions: []Action{ActRetry, ActTryOtherKind, ActOpenLink}, golden: "404_not_shared",
}, {
	name: "personal access token, page it cannot see", token: notiontest.TokenPersonal, kind: notionapi.TokenKindPersonal,
	call: func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error {
		_, err := c.GetPage(context.Background(), "0c0ffee0-0000-4000-8000-000000000000")
		return err
	},
	reason: ReasonNotVisible, want: []string{"sees what you see", "ask its owner"}, not: []string{"Add connections", "shared with the connection"},
	golden: "404_personal_not_visible",
}, {
	name: "database ID where a data source ID is needed", token: notiontest.TokenFull, kind: notionapi.TokenKindInternal,
	call: func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error {
		_, err := c.GetDataSource(context.Background(), notiontest.DatabaseTasks)
		return err
	},
	reason: ReasonNotShared, want: []string{"If the ID is a database's, use the ID of one of its data sources instead", "a database ID sent where a data source ID is needed", "Open its database"},
	actions: []Action{ActTryOtherKind}, golden: "404_database_id_for_data_source",
}, {
	name: "write saved, then 503", token: notiontest.TokenCommitThen503, kind: notionapi.TokenKindInternal,
	call:   func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error { return createTask(c) },
	reason: ReasonSaved, want: []string{"Notion created the page", "Nothing needs to be sent again", "https://www.notion.so/"},
	not: []string{"may have been saved", "blindly"}, actions: []Action{ActOpenLink}, noActions: []Action{ActRetry, ActCheckCreated, ActWait},
	golden: "503_saved",
}, {
	name: "edit saved, then 503", token: notiontest.TokenCommitThen503, kind: notionapi.TokenKindInternal,
	call: func(t *testing.T, srv *notiontest.Server, _ *notionapi.Client) error {
		return editPage(t, srv, notiontest.TokenCommitThen503)
	},
	reason: ReasonSaved, want: []string{"Notion saved the change", "https://www.notion.so/" + notionapi.CompactID(notiontest.PageGettingStarted)},
	noActions: []Action{ActRetry, ActCheckCreated},
}, {
	name: "unknown Notion-Version", token: notiontest.TokenFull, opts: []notionapi.Option{notionapi.WithVersion("2024-06-15")},
	call: func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error {
		_, err := c.GetMe(context.Background())
		return err
	},
	reason: ReasonVersionRejected, want: []string{"rejected Notion-Version 2024-06-15", "notion-tui sends Notion-Version 2024-06-15", "whichever of --notion-version, NOTION_VERSION and the profile sets it"},
	not: []string{"sends no Notion-Version"}, actions: []Action{ActPickVersion}, golden: "400_version_rejected",
}, {
	name: "no Notion-Version", token: notiontest.TokenFull, opts: []notionapi.Option{notionapi.WithVersion("")},
	call: func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error {
		_, err := c.GetMe(context.Background())
		return err
	},
	reason: ReasonVersionRejected, want: []string{"No Notion-Version header was sent"},
}, {
	name: "workspace rate limit", token: notiontest.TokenWorkspaceLimited, kind: notionapi.TokenKindInternal, opts: []notionapi.Option{notionapi.WithMaxRetries(1), notionapi.WithMaxRetryWait(time.Second)},
	call: func(_ *testing.T, _ *notiontest.Server, c *notionapi.Client) error {
		_, err := c.GetMe(context.Background())
		return err
	},
	reason: ReasonRateLimited, want: []string{"whole workspace", "longer than notion-tui waits on its own"}, actions: []Action{ActWait},
}}

var (
	// A CLI text names no key, and never says "here".
	cliOnly = regexp.MustCompile(`(?i)\bhere\b|\bpress\b|\(esc\)`)
	// A TUI text names no command to run.
	// (a sandbox to start in another terminal is not one).
	tuiOnly = regexp.MustCompile("`notion-tui (auth|doctor|--)|run the command|--profile")
)

// TestEveryRefusalOfTheSandboxIsToldApart asks the sandbox for each
// refusal with the token of its scenario, and checks the fix for both
// audiences: its reason, its words, its actions, and that it never
// quotes the token.
func TestEveryRefusalOfTheSandboxIsToldApart(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			c := sandboxClient(t, srv, tc.token, tc.opts...)
			err := tc.call(t, srv, c)
			if err == nil {
				t.Fatal("the sandbox did not refuse")
			}
			gc := Context{Kind: tc.kind, IntegrationName: notiontest.IntegrationName}
			if tc.kind == notionapi.TokenKindPersonal {
				gc.IntegrationName = "Maya Chen"
			}
			f := Diagnose(err, gc)
			text := f.Text()
			if f.Reason != tc.reason {
				t.Errorf("reason %q, want %q:\n%s", f.Reason, tc.reason, text)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("the text lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(text, w) {
					t.Errorf("the text says %q:\n%s", w, text)
				}
			}
			for _, a := range tc.actions {
				if !f.Has(a) {
					t.Errorf("no %s among %v", a, f.Actions)
				}
			}
			for _, a := range tc.noActions {
				if f.Has(a) {
					t.Errorf("%s offered: %v", a, f.Actions)
				}
			}
			if len(f.Steps) == 0 {
				t.Error("no steps")
			}
			checkAudiences(t, err, gc, tc.token)
			if tc.golden != "" {
				golden(t, "cli/"+tc.golden, stable(f))
				app := gc
				app.Audience, app.Offers = TUI, f.Actions
				golden(t, "tui/"+tc.golden, stable(Diagnose(err, app)))
			}
		})
	}
}

// checkAudiences renders the fix for the command line and for the app
// (with and without keys offered) and checks that each keeps to its
// audience and that no text quotes the token.
func checkAudiences(t *testing.T, err error, gc Context, token string) {
	t.Helper()
	cli := Diagnose(err, gc)
	if m := cliOnly.FindString(cliText(cli)); m != "" {
		t.Errorf("the command line's text says %q:\n%s", m, cli.Text())
	}
	gc.Audience = TUI
	bare := Diagnose(err, gc)
	if strings.Contains(bare.Text(), "press") {
		t.Errorf("keys named though none is offered:\n%s", bare.Text())
	}
	if m := tuiOnly.FindString(bare.Text()); m != "" {
		t.Errorf("the app's text says %q:\n%s", m, bare.Text())
	}
	gc.Offers = []Action{ActRetry, ActReenterToken, ActPickVersion, ActOpenLink, ActTryOtherKind, ActEditInput}
	keyed := Diagnose(err, gc)
	for _, m := range regexp.MustCompile(`\(press (\S+)\)`).FindAllStringSubmatch(keyed.Text(), -1) {
		if !slices.ContainsFunc(keyed.Actions, func(a Action) bool { return a.Key() == m[1] }) {
			t.Errorf("key %s named, but the fix offers %v:\n%s", m[1], keyed.Actions, keyed.Text())
		}
	}
	if cli.Reason != bare.Reason || !slices.Equal(cli.Actions, bare.Actions) {
		t.Errorf("the audiences differ beyond words: %s %v, %s %v", cli.Reason, cli.Actions, bare.Reason, bare.Actions)
	}
	for _, f := range []Fix{cli, bare, keyed} {
		if strings.Contains(f.Text(), token) {
			t.Errorf("the fix quotes the token:\n%s", f.Text())
		}
	}
}

// stable is the text with what changes from run to run (request IDs, the
// IDs of pages made during the test) replaced by placeholders.
func stable(f Fix) string {
	text := f.Text()
	if f.RequestID != "" {
		text = strings.ReplaceAll(text, f.RequestID, "REQUEST-ID")
	}
	if f.SavedID != "" {
		text = strings.ReplaceAll(text, notionapi.CompactID(f.SavedID), "SAVED-PAGE-ID")
	}
	return text
}

// cliText is the text without Notion's own message, which may say
// anything.
func cliText(f Fix) string {
	f.Message = ""
	return f.Text()
}

// TestTryOtherKind reads the ID of a 404 as the other kind of table.
func TestTryOtherKind(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	c := sandboxClient(t, srv, notiontest.TokenFull)
	_, err := c.GetDataSource(ctx, notiontest.DatabaseTasks)
	f := Diagnose(err, Context{})
	if f.ObjectID != notiontest.DatabaseTasks || f.OtherKind != "database" || !f.Has(ActTryOtherKind) || f.Help(ActTryOtherKind) != "try it as a database" {
		t.Fatalf("fix: %+v", f)
	}
	ds, err := TryOtherKind(ctx, c, f)
	if err != nil || ds.ID != notiontest.DataSourceTasks {
		t.Fatalf("TryOtherKind(database ID) = %v, %v", ds, err)
	}
	// The reverse: a data source ID where a database ID is needed.
	_, err = c.GetDatabase(ctx, notiontest.DataSourceTasks)
	f = Diagnose(err, Context{})
	if f.OtherKind != "data source" {
		t.Fatalf("fix: %+v", f)
	}
	if ds, err := TryOtherKind(ctx, c, f); err != nil || ds.ID != notiontest.DataSourceTasks {
		t.Fatalf("TryOtherKind(data source ID) = %v, %v", ds, err)
	}
	// A database with two data sources: pick one.
	_, err = c.GetDataSource(ctx, notiontest.DatabaseTeamDirectory)
	var multi *notionapi.MultipleDataSourcesError
	if _, err := TryOtherKind(ctx, c, Diagnose(err, Context{})); !errors.As(err, &multi) || len(multi.DataSources) != 2 {
		t.Fatalf("two data sources: %v", err)
	}
	// Neither kind: truly not shared, and nothing else to try.
	_, err = c.GetDataSource(ctx, notiontest.DataSourceUnshared)
	_, err = TryOtherKind(ctx, c, Diagnose(err, Context{}))
	var neither *NotEitherKindError
	if !errors.As(err, &neither) {
		t.Fatalf("unshared: %v", err)
	}
	f = Diagnose(err, Context{IntegrationName: "Acme Bot"})
	if f.Reason != ReasonNotShared || f.Has(ActTryOtherKind) || f.OtherKind != "" || strings.Contains(f.Text(), "instead.") || !strings.Contains(f.Text(), "Add connections") {
		t.Errorf("after both kinds:\n%s", f.Text())
	}
	if _, err := TryOtherKind(ctx, c, Fix{}); err == nil {
		t.Error("TryOtherKind without an ID did not fail")
	}
}

// TestNotFoundAfterBothKinds: a 404 of an ID that ResolveDataSource asked
// as both kinds offers no other kind to try.
func TestNotFoundAfterBothKinds(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	c := sandboxClient(t, srv, notiontest.TokenFull)
	_, err := c.ResolveDataSource(context.Background(), notiontest.DatabaseUnshared)
	f := Diagnose(err, Context{IntegrationName: "Acme Bot"})
	text := f.Text()
	if f.Reason != ReasonNotShared || f.OtherKind != "" || f.Has(ActTryOtherKind) || strings.Contains(text, "instead") ||
		strings.Count(text, "tried both as a database and as a data source") != 1 || !strings.Contains(text, "Add connections") {
		t.Errorf("after both kinds:\n%s", text)
	}
	// A page's ID, whose link looks like a database's: the command line
	// names the command that reads it, last.
	if !strings.Contains(text, "the ID is a page's") || !strings.HasSuffix(f.Steps[len(f.Steps)-1], "notion-tui page "+notionapi.CompactID(notiontest.DatabaseUnshared)) {
		t.Errorf("a page's ID is not among the causes and steps:\n%s", text)
	}
}

func TestNotFoundLinksToTheObject(t *testing.T) {
	t.Parallel()
	f := Diagnose(api(404, "object_not_found", "GET", "/v1/pages/"+notiontest.PageUnshared, "Could not find page"), Context{IntegrationName: "Acme Bot"})
	want := "https://www.notion.so/" + notionapi.CompactID(notiontest.PageUnshared)
	if f.Link != want || !f.Has(ActOpenLink) || !strings.Contains(f.Steps[0], want) || f.OtherKind != "" {
		t.Errorf("link %q, steps %q", f.Link, f.Steps)
	}
	if !strings.Contains(f.Text(), "“Acme Bot”") {
		t.Errorf("the steps do not name the connection:\n%s", f.Text())
	}
	ds := Diagnose(api(404, "object_not_found", "GET", "/v1/data_sources/"+notiontest.DataSourceUnshared, ""), Context{})
	if ds.Link != "" || ds.Has(ActOpenLink) {
		t.Errorf("a data source ID has no notion.so address: %+v", ds)
	}
}

// A page's comments listed or added: what Notion cannot find is the page;
// a comment retrieved by its ID is the comment.
func TestNotFoundOnCommentsNamesThePage(t *testing.T) {
	t.Parallel()
	list := Diagnose(api(404, "object_not_found", "GET", "/v1/comments?block_id="+notiontest.PageUnshared, "Could not find block"), Context{})
	if list.Reason != ReasonNotShared || !strings.Contains(list.Title, "The page is not shared") || strings.Contains(list.Text(), "comment is") {
		t.Errorf("listing comments:\n%s", list.Text())
	}
	add := Diagnose(api(404, "object_not_found", "POST", "/v1/comments", "Could not find page"), Context{})
	if !strings.Contains(add.Title, "The page is not shared") {
		t.Errorf("adding a comment:\n%s", add.Text())
	}
	one := Diagnose(api(404, "object_not_found", "GET", "/v1/comments/"+notiontest.PageUnshared, "Could not find comment"), Context{})
	if !strings.Contains(one.Title, "The comment is not shared") {
		t.Errorf("retrieving a comment:\n%s", one.Text())
	}
}

// TestWritesRefusedOnThePage: a 403 whose message is not Notion's
// "insufficient permissions" on a write to a named page is about the
// page, for a personal access token always.
func TestWritesRefusedOnThePage(t *testing.T) {
	t.Parallel()
	page := "/v1/pages/" + notiontest.PageGettingStarted
	pat := Diagnose(api(403, "restricted_resource", "PATCH", page, "Insufficient permissions for this endpoint."), Context{Kind: notionapi.TokenKindPersonal, IntegrationName: "Maya Chen"})
	if pat.Reason != ReasonMayNotEdit || !strings.Contains(pat.Title, "You may not edit the page") || strings.Contains(pat.Text(), "Configuration tab") {
		t.Errorf("personal:\n%s", pat.Text())
	}
	conn := Diagnose(api(403, "restricted_resource", "PATCH", page, "This page is locked for the connection."), Context{Kind: notionapi.TokenKindInternal, IntegrationName: "Acme Bot"})
	if conn.Reason != ReasonMayNotEdit || !strings.Contains(conn.Title, "connection may not change the page") || !strings.Contains(conn.Text(), "“Update content”") {
		t.Errorf("connection:\n%s", conn.Text())
	}
	if capFix := Diagnose(api(403, "restricted_resource", "PATCH", page, "Insufficient permissions for this endpoint."), Context{Kind: notionapi.TokenKindInternal}); capFix.Reason != ReasonMissingCapability {
		t.Errorf("Notion's capability message: %s", capFix.Reason)
	}
	create := Diagnose(api(403, "restricted_resource", "POST", "/v1/pages", "nope"), Context{Kind: notionapi.TokenKindPersonal})
	if !strings.Contains(create.Title, "the page or database the page is created in") {
		t.Errorf("a create names its parent: %q", create.Title)
	}
	unknown := Diagnose(api(403, "restricted_resource", "GET", "/v1/users", ""), Context{})
	if unknown.Reason != ReasonMissingCapability || !strings.Contains(unknown.Text(), "if the token is a personal access token") {
		t.Errorf("listing users with a token of unknown kind:\n%s", unknown.Text())
	}
}

// TestVersionRejectedInTheCLIWithoutContext: the command line used to
// blame "sends no Notion-Version header" for a version it did send; the
// answer names it.
func TestVersionRejectedInTheCLIWithoutContext(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	_, err := sandboxClient(t, srv, notiontest.TokenFull, notionapi.WithVersion("2024-06-15")).GetMe(context.Background())
	for _, gc := range []Context{{}, {VersionSource: "flag --notion-version"}, {VersionSource: "NOTION_VERSION"}, {VersionSource: "profile work"}, {VersionSource: "default"}} {
		f := Diagnose(err, gc)
		if strings.Contains(f.Text(), "sends no Notion-Version") || !strings.Contains(f.Text(), "sends Notion-Version 2024-06-15") {
			t.Errorf("%+v:\n%s", gc, f.Text())
		}
		want := map[string]string{"": "whichever of --notion-version, NOTION_VERSION and the profile sets it", "flag --notion-version": "Change or drop --notion-version",
			"NOTION_VERSION": "Unset NOTION_VERSION", "profile work": "`notion-tui auth login --profile work`", "default": "notion-tui's default"}[gc.VersionSource]
		if !strings.Contains(f.Text(), want) {
			t.Errorf("%+v: the text does not say %q:\n%s", gc, want, f.Text())
		}
	}
}

func TestSavedWriteNamesWhatWasSaved(t *testing.T) {
	t.Parallel()
	appendSaved := &notionapi.APIError{Status: 503, Code: "service_unavailable", Method: "PATCH", Path: "/v1/blocks/" + notiontest.PageGettingStarted + "/children",
		Message:        "The change was saved, but the response could not be built in time.",
		AdditionalData: map[string]any{"committed_resource_id": notiontest.PageGettingStarted, "committed_child_ids": []any{"a", "b"}, "retry_guidance": []any{"Do not repeat the write."}}}
	f := Diagnose(appendSaved, Context{})
	if !f.Saved || f.SavedID != notiontest.PageGettingStarted || !strings.Contains(f.Title, "Notion added 2 blocks") || f.Ambiguous || f.Has(ActCheckCreated) {
		t.Errorf("append:\n%s\n%+v", f.Text(), f)
	}
	if !strings.Contains(f.Text(), "Notion's guidance: Do not repeat the write.") {
		t.Errorf("Notion's guidance is not quoted:\n%s", f.Text())
	}
	// Only the message says so: still saved, nothing offered again.
	bare := &notionapi.APIError{Status: 503, Code: "service_unavailable", Method: "POST", Path: "/v1/pages", Message: "The change was saved, but the response could not be built in time."}
	if f := Diagnose(bare, Context{}); !f.Saved || f.SavedID != "" || f.Has(ActRetry) || f.Has(ActCheckCreated) {
		t.Errorf("saved without an ID: %+v", f)
	}
}

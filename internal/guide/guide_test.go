package guide

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

func api(status int, code, method, path, msg string) error {
	return fmt.Errorf("wrapped: %w", &notionapi.APIError{Status: status, Code: code, Method: method, Path: path, Message: msg, RequestID: "req-1"})
}

func TestDiagnoseAPIErrors(t *testing.T) {
	ctx := Context{IntegrationName: "Acme Bot", TokenSource: "token from keyring profile prod", Version: "2021-01-01", VersionSource: "NOTION_VERSION"}
	tests := []struct {
		name    string
		err     error
		title   string
		action  Action
		inSteps string
	}{
		{"401", api(401, "unauthorized", "GET", "/v1/users/me", "API token is invalid."), "401", ActReenterToken, "developers/tokens"},
		{"403 users", api(403, "restricted_resource", "GET", "/v1/users", ""), "Read user information", ActOpenLink, "Configuration tab"},
		{"403 create", api(403, "restricted_resource", "POST", "/v1/pages", ""), "Insert content", ActOpenLink, "Acme Bot"},
		{"403 update", api(403, "restricted_resource", "PATCH", "/v1/pages/x", ""), "Update content", ActOpenLink, ""},
		{"403 query", api(403, "restricted_resource", "POST", "/v1/data_sources/x/query", ""), "Read content", ActOpenLink, ""},
		{"404", api(404, "object_not_found", "GET", "/v1/databases/abc", "Could not find database"), "database is not shared", ActRetry, "Add connections"},
		{"missing version", api(400, "missing_version", "GET", "/v1/users/me", ""), "No Notion-Version", ActPickVersion, "Unset NOTION_VERSION"},
		{"bad version", api(400, "validation_error", "GET", "/v1/users/me", `Notion-Version header failed validation: should be "2022-06-28"`), "rejected Notion-Version 2021-01-01", ActPickVersion, "2026-03-11"},
		{"bad version, other code", api(400, "invalid_request", "GET", "/v1/users/me", `Notion-Version header failed validation: Notion-Version header should be "2021-05-11", or "2026-03-11", instead was "2024-06-15".`), "rejected Notion-Version 2024-06-15", ActPickVersion, "2026-03-11"},
		{"validation", api(400, "validation_error", "POST", "/v1/pages", "Tags is expected to be multi_select."), "invalid", ActEditInput, "Tags"},
		{"429", &notionapi.APIError{Status: 429, Code: "rate_limited", Method: "POST", Path: "/v1/search", RetryAfter: 7 * time.Second}, "slow down", ActWait, "Wait 7s"},
		{"500 get", api(500, "internal_server_error", "GET", "/v1/users/me", ""), "Notion had a problem", ActRetry, "req-1"},
		{"500 create", api(500, "internal_server_error", "POST", "/v1/pages", ""), "may have been saved", ActCheckCreated, "blindly"},
		{"502 html", &notionapi.APIError{Status: 502, Method: "GET", Path: "/v1/users", Body: "<html>"}, "502", ActRetry, ""},
		{"invalid_grant", api(400, "invalid_grant", "POST", "/v1/oauth/token", ""), "OAuth grant", ActReenterToken, "redirect URI"},
		{"invalid_client", api(401, "invalid_client", "POST", "/v1/oauth/token", ""), "OAuth client", ActReenterToken, "secret"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := Diagnose(tc.err, ctx)
			if !strings.Contains(f.Title, tc.title) {
				t.Errorf("title %q does not mention %q", f.Title, tc.title)
			}
			if !f.Has(tc.action) {
				t.Errorf("actions %v lack %s", f.Actions, tc.action)
			}
			if !strings.Contains(f.Text(), tc.inSteps) {
				t.Errorf("text does not mention %q:\n%s", tc.inSteps, f.Text())
			}
			if len(f.Steps) == 0 {
				t.Error("no steps")
			}
		})
	}
}

func TestRateLimitFixSaysWhatHappened(t *testing.T) {
	t.Parallel()
	limited := func(reason string, retries int) *notionapi.APIError {
		return &notionapi.APIError{Status: 429, Code: "rate_limited", Method: "POST", Path: "/v1/search", RetryAfter: 7 * time.Second, Retries: retries,
			AdditionalData: map[string]any{"rate_limit_reason": reason}}
	}
	f := Diagnose(limited("public_api_request_rate_limit", 3), Context{})
	if strings.Contains(f.Text(), "retries by itself") || !strings.Contains(f.Text(), "retried 3 times") || !strings.Contains(f.Text(), "Wait 7s") || !f.Has(ActWait) {
		t.Errorf("exhausted retries:\n%s", f.Text())
	}
	long := limited(notionapi.RateLimitWorkspace, 0)
	long.RetryAfter = 15 * time.Minute
	until := time.Date(2026, 5, 4, 13, 45, 0, 0, time.Local)
	f = Diagnose(fmt.Errorf("reading: %w", &notionapi.WaitTooLongError{Err: long, Wait: 15 * time.Minute, Max: notionapi.DefaultMaxRetryWait, Until: until}), Context{})
	if !strings.Contains(f.Title, "whole workspace") || !strings.Contains(f.Text(), "wait 15m0s, longer than notion-tui waits on its own (up to 5m0s): run the command again after 13:45") {
		t.Errorf("a wait beyond the cap:\n%s", f.Text())
	}
	f = Diagnose(limited(notionapi.RateLimitBlocked, 0), Context{})
	if f.Has(ActWait) || f.Has(ActRetry) || !strings.Contains(f.Text(), "waiting does not lift it") {
		t.Errorf("a blocked integration:\n%s", f.Text())
	}
}

func TestMultiSourceDatabaseUnderAnOldVersionOffersTheVersionAndItsSources(t *testing.T) {
	t.Parallel()
	apiErr := &notionapi.APIError{Status: 400, Code: "validation_error", Message: "Databases with multiple data sources are not supported in this API version."}
	err := &notionapi.MultipleDataSourcesError{DatabaseID: "d1", DataSources: []notionapi.DataSourceRef{{ID: "s1"}, {ID: "s2"}}, MinimumVersion: "2025-09-03", Err: apiErr}
	f := Diagnose(fmt.Errorf("opening: %w", err), Context{Version: "2022-06-28", VersionSource: "profile dev"})
	if !f.Has(ActPickVersion) || !strings.Contains(f.Title, "several data sources") || !strings.Contains(f.Title, "2022-06-28") {
		t.Errorf("fix:\n%s", f.Text())
	}
	for _, want := range []string{"2025-09-03 or later", "s1", "s2"} {
		if !strings.Contains(f.Text(), want) {
			t.Errorf("the fix does not mention %q:\n%s", want, f.Text())
		}
	}
	// Two steps: the version, or one of the data sources (listed in the
	// step, not numbered as steps of their own).
	if len(f.Steps) != 2 || !strings.Contains(f.Steps[1], "s1; s2") {
		t.Errorf("the steps are %q", f.Steps)
	}
}

func TestRedirectIsNotDiagnosedAsARejectedToken(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("listing: %w", &notionapi.RedirectError{Method: "GET", URL: "https://notion.example/v1/users/me", Status: 301, Location: "http://notion.example:8080/v1/users/me"})
	f := Diagnose(err, Context{BaseURL: "https://notion.example"})
	if !strings.Contains(f.Title, "base URL redirected") || strings.Contains(f.Text(), "401") || f.Has(ActReenterToken) {
		t.Errorf("a redirect must name the base URL, not the token:\n%s", f.Text())
	}
	for _, want := range []string{"https://notion.example", "http://notion.example:8080/v1/users/me", "was not sent there", "plain http://"} {
		if !strings.Contains(f.Text(), want) {
			t.Errorf("the fix does not mention %q:\n%s", want, f.Text())
		}
	}
}

func TestDiagnoseNetworkAndLocalErrors(t *testing.T) {
	refused := &notionapi.NetworkError{Method: "GET", URL: "http://127.0.0.1:9/v1/users/me", Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}
	if f := Diagnose(refused, Context{}); !strings.Contains(f.Title, "connection refused") || !strings.Contains(f.Text(), "notion-tui sandbox") ||
		!strings.Contains(f.Text(), "Check the base URL: http://127.0.0.1:9 ") {
		t.Errorf("refused (the base URL in use must be named, not the default): %s", f.Text())
	}
	dns := &notionapi.NetworkError{Method: "GET", URL: "https://api.notoin.com/v1", Err: &net.DNSError{Name: "api.notoin.com", Err: "no such host"}}
	if f := Diagnose(dns, Context{}); !strings.Contains(f.Title, "DNS lookup of api.notoin.com failed") {
		t.Errorf("dns: %s", f.Title)
	}
	reset := &notionapi.NetworkError{Method: "POST", URL: "https://api.notion.com/v1/pages", Err: syscall.ECONNRESET}
	if f := Diagnose(reset, Context{}); !f.Ambiguous || !f.Has(ActCheckCreated) {
		t.Errorf("a broken create must be ambiguous: %+v", f)
	}
	tmo := &notionapi.TimeoutError{Method: "GET", URL: "https://api.notion.com/v1/users/me", After: time.Second}
	if f := Diagnose(tmo, Context{}); !strings.Contains(f.Title, "did not answer in time") || !f.Has(ActRetry) {
		t.Errorf("timeout: %+v", f)
	}
	_, idErr := notionapi.ParseID("nope")
	if f := Diagnose(idErr, Context{}); !strings.Contains(f.Text(), "Copy link") {
		t.Errorf("id: %s", f.Text())
	}
	kr := &keystore.KeyringError{Op: "get", Cause: errors.New("dbus-launch not found"), Hint: "install gnome-keyring"}
	if f := Diagnose(kr, Context{}); !strings.Contains(f.Text(), "Install gnome-keyring.") {
		t.Errorf("keyring: %s", f.Text())
	}
	if f := Diagnose(fmt.Errorf("resolve: %w", keystore.ErrNoToken), Context{}); !f.Has(ActReenterToken) {
		t.Errorf("no token: %+v", f)
	}
	if f := Diagnose(errors.New("boom"), Context{}); f.Title == "" || f.Message != "boom" {
		t.Errorf("generic: %+v", f)
	}
}

func TestFieldOf(t *testing.T) {
	for msg, want := range map[string]string{
		"Tags is expected to be multi_select.":                                                       "Tags",
		"Due date is not a property that exists.":                                                    "Due date",
		"Could not find property with name or id: Statuz":                                            "Statuz",
		"body failed validation: body.properties.Name.title[0].text.content.length should be ≤ 2000": "properties.Name",
		"body failed validation: body.filter.number.greater_than should be a number":                 "filter.number.greater_than",
		"something else": "",
	} {
		if got := FieldOf(msg); got != want {
			t.Errorf("FieldOf(%q) = %q, want %q", msg, got, want)
		}
	}
}

func TestVersionFixSaysWhatWasSentAndWhereFrom(t *testing.T) {
	missing := api(400, "missing_version", "GET", "/v1/users/me", "")
	unknown := api(400, "validation_error", "GET", "/v1/users/me", "Notion-Version header failed validation")
	tests := []struct {
		err          error
		ctx          Context
		cause, steps string
	}{
		{missing, Context{VersionSource: "NOTION_VERSION"}, "NOTION_VERSION is set but empty", "Unset NOTION_VERSION"},
		{missing, Context{VersionSource: "flag --notion-version"}, "--notion-version was given an empty value", "drop --notion-version"},
		{missing, Context{VersionSource: "profile dev"}, "profile dev has none", "`notion-tui auth login --profile dev`"},
		{missing, Context{VersionSource: "profile dev", Audience: TUI}, "profile dev has none", "log in again to that profile"},
		{unknown, Context{Version: "2021-01-01", VersionSource: "NOTION_VERSION"}, "2021-01-01 is not one of them", "2022-06-28, 2025-09-03, 2026-03-11"},
		{unknown, Context{Version: "2021-01-01", VersionSource: "flag --notion-version"}, "sends Notion-Version 2021-01-01 (from flag --notion-version)", "Change or drop --notion-version"},
	}
	for _, tc := range tests {
		f := Diagnose(tc.err, tc.ctx)
		if !f.Has(ActPickVersion) {
			t.Errorf("%+v: no version picker", tc.ctx)
		}
		if causes := strings.Join(f.Causes, "\n"); !strings.Contains(causes, tc.cause) {
			t.Errorf("%+v: causes %q lack %q", tc.ctx, causes, tc.cause)
		}
		if steps := strings.Join(f.Steps, "\n"); !strings.Contains(steps, tc.steps) {
			t.Errorf("%+v: steps %q lack %q", tc.ctx, steps, tc.steps)
		}
	}
}

func TestVersionFixBeforeAnyRequest(t *testing.T) {
	if f := VersionFix(Context{VersionSource: "NOTION_VERSION"}); f.Title != "No Notion-Version header is sent" || !strings.Contains(f.Text(), "Unset NOTION_VERSION") {
		t.Errorf("missing:\n%s", f.Text())
	}
	if f := VersionFix(Context{Version: "2021-01-01", VersionSource: "profile dev"}); !strings.Contains(f.Title, "2021-01-01 is not a version Notion accepts") || !strings.Contains(f.Text(), "Log in again to that profile") {
		t.Errorf("unknown:\n%s", f.Text())
	}
}

func TestKeyringFixStartsWithTheHintAsASentence(t *testing.T) {
	kr := &keystore.KeyringError{Op: "get", Cause: errors.New("no bus"), Hint: "no D-Bus session bus: run inside a desktop session, or choose plain-text file storage (--insecure-storage)"}
	f := Diagnose(kr, Context{})
	if len(f.Steps) != 2 || !strings.HasPrefix(f.Steps[0], "No D-Bus session bus") || !strings.HasSuffix(f.Steps[0], "(--insecure-storage).") {
		t.Errorf("steps %q", f.Steps)
	}
	f = Diagnose(&keystore.KeyringError{Op: "set", Hint: "unlock the keyring"}, Context{})
	if len(f.Steps) != 3 || f.Steps[0] != "Unlock the keyring." || !strings.Contains(f.Steps[2], "--insecure-storage") {
		t.Errorf("steps %q", f.Steps)
	}
}

// TestEveryFixKeepsToItsAudience renders the fixes of errors the sandbox
// does not make for both audiences.
func TestEveryFixKeepsToItsAudience(t *testing.T) {
	t.Parallel()
	const token = "ntn_12345678901abcdefghijklmnopqrstuvwxyz0123456789"
	errs := []error{
		api(401, "unauthorized", "GET", "/v1/users/me", "API token is invalid."),
		api(403, "restricted_resource", "PATCH", "/v1/pages/6cb78235-19e1-4d89-8ad8-1c5f02f9a9fd", "Insufficient permissions for this endpoint."),
		api(400, "validation_error", "POST", "/v1/pages", "Tags is expected to be multi_select."),
		api(400, "invalid_request_url", "GET", "/v1/data_sources/x", "Invalid request URL."),
		api(409, "conflict_error", "PATCH", "/v1/pages/x", ""),
		api(500, "internal_server_error", "GET", "/v1/users/me", ""),
		api(502, "bad_gateway", "POST", "/v1/pages", ""),
		api(418, "teapot", "GET", "/v1/users/me", ""),
		api(400, "invalid_grant", "POST", "/v1/oauth/token", ""),
		api(401, "invalid_client", "POST", "/v1/oauth/token", ""),
		&notionapi.APIError{Status: 429, Code: "rate_limited", Method: "POST", Path: "/v1/search", RetryAfter: 7 * time.Second, Retries: 2},
		&notionapi.APIError{Status: 429, Code: "rate_limited", Method: "GET", Path: "/v1/users/me", AdditionalData: map[string]any{"rate_limit_reason": notionapi.RateLimitBlocked}},
		&notionapi.NetworkError{Method: "GET", URL: "http://127.0.0.1:9/v1/users/me", Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}},
		&notionapi.NetworkError{Method: "GET", URL: "https://api.notoin.com/v1", Err: &net.DNSError{Name: "api.notoin.com", Err: "no such host"}},
		&notionapi.NetworkError{Method: "POST", URL: "https://api.notion.com/v1/pages", Err: syscall.ECONNRESET},
		&notionapi.TimeoutError{Method: "GET", URL: "https://api.notion.com/v1/users/me", After: time.Second},
		&notionapi.TimeoutError{Method: "POST", URL: "https://api.notion.com/v1/pages", After: time.Second},
		&notionapi.RedirectError{Method: "GET", URL: "https://notion.example/v1/users/me", Status: 301},
		&notionapi.DecodeError{Method: "GET", Path: "/v1/users/me", Status: 200, Snippet: "<html>"},
		&keystore.KeyringError{Op: "get", Cause: errors.New("no bus"), Hint: "unlock the keyring"},
		fmt.Errorf("resolve: %w", keystore.ErrNoToken),
		context.DeadlineExceeded,
		errors.New("boom"),
	}
	for _, kind := range append(notionapi.TokenKinds, notionapi.TokenKindUnknown) {
		for _, err := range errs {
			gc := Context{Kind: kind, IntegrationName: "Acme Bot", TokenSource: "token from NOTION_TOKEN", Profile: "work"}
			if f := Diagnose(err, gc); f.Reason == "" || f.Title == "" || len(f.Steps) == 0 {
				t.Errorf("%s, %v: reason %q, title %q, %d steps", kind, err, f.Reason, f.Title, len(f.Steps))
			}
			checkAudiences(t, err, gc, token)
		}
	}
}

func TestActionsHaveTheSameKeysEverywhere(t *testing.T) {
	t.Parallel()
	keys := map[string]Action{}
	for _, a := range []Action{ActRetry, ActReenterToken, ActPickVersion, ActOpenLink, ActTryOtherKind, ActEditInput, ActWait, ActCheckCreated} {
		k := a.Key()
		if k == "" {
			continue
		}
		if other, ok := keys[k]; ok && k != KeyClose {
			t.Errorf("%s and %s share the key %s", a, other, k)
		}
		keys[k] = a
		if k == "j" || k == "k" || k == "enter" {
			t.Errorf("%s takes %s, which scrolls or confirms in a fix panel", a, k)
		}
	}
	if ActRetry.Key() != "r" || ActEditInput.Key() != KeyClose || ActOpenSettings != ActOpenLink {
		t.Error("the documented keys changed")
	}
	f := Fix{Actions: []Action{ActWait, ActRetry}, LinkTitle: "the page in Notion"}
	if f.Help(ActRetry) != "retry now" || f.Help(ActOpenLink) != "open the page in Notion" {
		t.Errorf("help: %q, %q", f.Help(ActRetry), f.Help(ActOpenLink))
	}
}

// TestProfileNotFoundListsTheSavedProfiles: a wrong profile name is not
// "no token set up": the fix names the saved profiles and the default.
func TestProfileNotFoundListsTheSavedProfiles(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("--profile: %w: %w", keystore.ErrNoToken, &keystore.ProfileNotFoundError{Name: "nope", Saved: []string{"dev", "prod"}, Default: "prod"})
	f := Diagnose(err, Context{Profile: "nope"})
	if f.Reason != ReasonProfileNotFound {
		t.Fatalf("reason = %q, want %q", f.Reason, ReasonProfileNotFound)
	}
	text := f.Text()
	for _, want := range []string{"There is no profile “nope”", "dev, prod (default)", "`notion-tui --profile prod`", "`notion-tui auth login nope`"} {
		if !strings.Contains(text, want) {
			t.Errorf("the fix lacks %q:\n%s", want, text)
		}
	}
	// With nothing saved, it is the first run: how to set a token up.
	empty := fmt.Errorf("--profile: %w: %w", keystore.ErrNoToken, &keystore.ProfileNotFoundError{Name: "nope"})
	if f := Diagnose(empty, Context{Profile: "nope"}); f.Reason != ReasonNoToken || !strings.Contains(f.Text(), "`notion-tui auth login --profile nope`") {
		t.Errorf("with no profile saved: %q\n%s", f.Reason, f.Text())
	}
}

// TestReenterStepForATokenFromTheEnvironment: in the app, a rejected
// token from NOTION_TOKEN is not "replaced in the profile": the variable
// must change too.
func TestReenterStepForATokenFromTheEnvironment(t *testing.T) {
	t.Parallel()
	err := &notionapi.APIError{Status: 401, Code: "unauthorized", Message: "API token is invalid."}
	c := Context{Audience: TUI, Offers: []Action{ActReenterToken}, TokenSource: "token from " + keystore.EnvToken}
	text := Diagnose(err, c).Text()
	if !strings.Contains(text, "Enter the new token (press t), and set NOTION_TOKEN to it") || strings.Contains(text, "in the profile") {
		t.Errorf("the step does not speak of NOTION_TOKEN:\n%s", text)
	}
	c.TokenSource = "token from keyring profile prod"
	if text := Diagnose(err, c).Text(); !strings.Contains(text, "it replaces the old one in the profile") {
		t.Errorf("a profile's token is not replaced in the profile:\n%s", text)
	}
}

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/keyringtest"
	"github.com/notion-tui/notion-tui/internal/testhttp"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// authHarness runs notion-tui commands against a sandbox, with go-keyring's
// in-memory keyring and a config folder of its own. It keeps everything
// the commands printed, and a debug log, to check that no secret leaks.
type authHarness struct {
	t        *testing.T
	srv      *notiontest.Server
	clock    *sandboxClock
	dir      string
	vars     map[string]string
	terminal bool
	// browser opens the authorize URL; nil follows it like a browser
	// that approves.
	browser func(string) error
	output  strings.Builder // every stdout and stderr so far
	opened  atomic.Int32
	keyring *keyringtest.Keyring // the keyring of every run
}

// sandboxClock is the sandbox's clock, which tests move forward.
type sandboxClock struct{ offset atomic.Int64 }

func (c *sandboxClock) now() time.Time {
	return time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC).Add(time.Duration(c.offset.Load()))
}

func newAuthHarness(t *testing.T) *authHarness {
	t.Helper()
	clock := &sandboxClock{}
	srv := notiontest.Start(t, notiontest.Options{Empty: true, Now: clock.now})
	return &authHarness{
		t: t, srv: srv, clock: clock, dir: t.TempDir(), keyring: keyringtest.New(),
		vars: map[string]string{"NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"},
	}
}

// run runs notion-tui with args and stdin, and returns the exit status,
// stdout and stderr.
func (h *authHarness) run(stdin string, args ...string) (int, string, string) {
	h.t.Helper()
	var stdout, stderr bytes.Buffer
	env := &Env{
		Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr,
		LookupEnv: func(k string) (string, bool) {
			v, ok := h.vars[k]
			return v, ok
		},
		Now:             h.clock.now,
		ConfigDir:       h.dir,
		TermWidth:       func() (int, bool) { return 200, true },
		StdinIsTerminal: func() bool { return h.terminal },
		OpenURL:         h.open,
		keyring:         h.keyring,
	}
	args = append([]string{"--debug-log", h.debugLog()}, args...)
	code := Main(args, env)
	h.output.WriteString(stdout.String() + stderr.String())
	return code, stdout.String(), stderr.String()
}

func (h *authHarness) debugLog() string { return filepath.Join(h.dir, "debug.log") }

// open plays the browser: by default it follows the authorize URL and its
// redirect back to the callback, as a user who approves.
func (h *authHarness) open(u string) error {
	h.opened.Add(1)
	if h.browser != nil {
		return h.browser(u)
	}
	go func() {
		resp, err := testhttp.Client.Get(u)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}()
	return nil
}

func (h *authHarness) store() *keystore.Store {
	h.t.Helper()
	st, err := keystore.Open(keystore.Options{Dir: h.dir, Keyring: h.keyring})
	if err != nil {
		h.t.Fatal(err)
	}
	return st
}

func (h *authHarness) secret(profile string) keystore.Secret {
	h.t.Helper()
	sec, err := h.store().Secret(profile)
	if err != nil {
		h.t.Fatalf("secret of %s: %v", profile, err)
	}
	return sec
}

func (h *authHarness) profileNames() []string {
	h.t.Helper()
	ps, _, err := h.store().Profiles()
	if err != nil {
		h.t.Fatal(err)
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	return names
}

// oauthLogin signs in to profile through the sandbox's OAuth flow.
func (h *authHarness) oauthLogin(profile string, extra ...string) (int, string, string) {
	h.t.Helper()
	h.vars[envOAuthClientID] = notiontest.OAuthClientID
	h.vars[envOAuthClientSecret] = notiontest.OAuthClientSecret
	return h.run("", append([]string{"auth", "login", "--oauth", "--redirect-port", "0", "--profile", profile}, extra...)...)
}

// assertNoSecrets fails when any output or the debug log holds a secret.
func (h *authHarness) assertNoSecrets(secrets ...string) {
	h.t.Helper()
	log, _ := os.ReadFile(h.debugLog())
	for _, s := range secrets {
		if s == "" {
			h.t.Fatal("an empty secret cannot be checked")
		}
		if strings.Contains(h.output.String(), s) {
			h.t.Errorf("a secret (%s) appears in the output", keystore.Redact(s))
		}
		if bytes.Contains(log, []byte(s)) {
			h.t.Errorf("a secret (%s) appears in the debug log", keystore.Redact(s))
		}
	}
}

func wantContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

func TestAuthLoginWithToken(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	code, out, errOut := h.run("  Bearer "+notiontest.TokenFull+"\n", "auth", "login", "--with-token")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	wantContains(t, "stdout", out, "Logged in to Acme Labs as notion-tui Demo, an internal connection (profile default, token stored in the OS keyring)")
	p, err := h.store().Profile("default")
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != keystore.KindInternal || p.WorkspaceName != notiontest.WorkspaceName || p.BotID != notiontest.BotID || p.BaseURL != h.srv.URL() || p.VerifiedAt.IsZero() {
		t.Errorf("stored profile %+v", p)
	}
	if p.NotionVersion != "" {
		t.Errorf("the default version was pinned in the profile: %q", p.NotionVersion)
	}
	if h.secret("default").Token != notiontest.TokenFull {
		t.Error("the stored token is not the cleaned input")
	}
	// A second login to the same profile says it replaces the token.
	h.vars["NOTION_VERSION"] = "2022-06-28"
	code, out, _ = h.run(notiontest.TokenReadOnly, "auth", "login", "--with-token")
	if code != 0 || !strings.Contains(out, "replacing its previous token") {
		t.Fatalf("relogin: exit %d: %s", code, out)
	}
	if p, _ := h.store().Profile("default"); p.NotionVersion != "2022-06-28" {
		t.Errorf("an explicit version was not kept: %q", p.NotionVersion)
	}
	h.assertNoSecrets(notiontest.TokenFull, notiontest.TokenReadOnly)
}

func TestAuthLoginRefusals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		stdin    string
		terminal bool
		args     []string
		code     int
		stderr   []string
	}{
		{"revoked token", notiontest.TokenRevoked, false, []string{"--with-token"}, 1, []string{"nothing was stored", "401", "notion.so/developers/connections"}},
		{"empty input", "  \n", false, []string{"--with-token"}, 1, []string{"token is empty", "Nothing was stored"}},
		{"broken paste", "ntn_abc def", false, []string{"--with-token"}, 1, []string{"white space at position 8"}},
		{"no terminal", "", false, nil, 2, []string{"--with-token"}},
		{"bad profile name", notiontest.TokenFull, false, []string{"--with-token", "--profile", "no spaces"}, 2, []string{"invalid profile name"}},
		{"arguments", "", false, []string{"dev", notiontest.TokenFull}, 2, []string{"takes at most one profile name"}},
		{"profile twice", notiontest.TokenFull, false, []string{"dev", "--profile", "prod", "--with-token"}, 2, []string{`profile "dev" and --profile "prod" disagree`}},
		{"secret flag", "", true, []string{"--oauth", "--client-secret", "s3cr3t-value-123"}, 2, []string{"shell history", envOAuthClientSecret}},
		{"secret flag with =", "", true, []string{"--oauth", "--client-secret=s3cr3t-value-123"}, 2, []string{"shell history"}},
		{"oauth without secret", "", false, []string{"--oauth", "--client-id", "x"}, 2, []string{envOAuthClientSecret, "never taken from a flag"}},
		{"oauth without client ID", "", false, []string{"--oauth"}, 2, []string{"--client-id", envOAuthClientID}},
		{"both modes", "", false, []string{"--oauth", "--with-token"}, 2, []string{"exclude each other"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newAuthHarness(t)
			h.terminal = tc.terminal
			code, _, errOut := h.run(tc.stdin, append([]string{"auth", "login"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d: %s", code, tc.code, errOut)
			}
			wantContains(t, "stderr", errOut, tc.stderr...)
			if names := h.profileNames(); len(names) != 0 {
				t.Errorf("profiles stored: %v", names)
			}
			h.assertNoSecrets("s3cr3t-value-123", notiontest.TokenRevoked)
		})
	}
}

func TestAuthLoginInteractiveReadsAHiddenLine(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	h.terminal = true
	h.vars[keystore.EnvToken] = notiontest.TokenReadOnly
	code, out, errOut := h.run(notiontest.TokenFull+"\n", "--profile", "dev", "auth", "login")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	wantContains(t, "stderr", errOut, "input hidden", "NOTION_TOKEN is set")
	wantContains(t, "stdout", out, "profile dev")
	if h.secret("dev").Token != notiontest.TokenFull {
		t.Error("wrong token stored")
	}
	h.assertNoSecrets(notiontest.TokenFull, notiontest.TokenReadOnly)
}

func TestAuthLoginWhenTheKeyringFails(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	h.keyring.SetFail(keyringtest.ErrNoSecretService)
	code, out, errOut := h.run(notiontest.TokenFull, "auth", "login", "--with-token")
	if code != 1 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	wantContains(t, "stderr", errOut, "the token works (Acme Labs as notion-tui Demo, an internal connection) but was NOT saved", "keyring", "--insecure-storage", "NOTION_TOKEN")
	if names := h.profileNames(); len(names) != 0 {
		t.Errorf("a profile points at a secret that was not saved: %v", names)
	}
	code, out, errOut = h.run(notiontest.TokenFull, "--insecure-storage", "auth", "login", "--with-token")
	if code != 0 {
		t.Fatalf("--insecure-storage: exit %d: %s", code, errOut)
	}
	wantContains(t, "stdout", out, "token stored in plain text in "+h.dir)
	h.assertNoSecrets(notiontest.TokenFull)
}

func TestAuthLoginOAuth(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	code, out, errOut := h.oauthLogin("work")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	wantContains(t, "stdout", out, "Logged in to Acme Labs as notion-tui, a public connection (profile work, token stored in the OS keyring)")
	wantContains(t, "stderr", errOut, "Redirect URI (register it exactly", "http://localhost:", "/v1/oauth/authorize?", "Authorized by Maya Chen")
	if h.opened.Load() != 1 {
		t.Errorf("the browser was opened %d times", h.opened.Load())
	}
	p, err := h.store().Profile("work")
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != keystore.KindOAuth || p.OAuthClientID != notiontest.OAuthClientID || p.BotID != notiontest.OAuthBotID || p.OwnerName != "Maya Chen" {
		t.Errorf("profile %+v", p)
	}
	sec := h.secret("work")
	if sec.RefreshToken == "" || sec.ClientSecret != notiontest.OAuthClientSecret {
		t.Error("the refresh token or the client secret was not stored")
	}
	h.assertNoSecrets(sec.Token, sec.RefreshToken, notiontest.OAuthClientSecret)
}

func TestAuthLoginOAuthFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		setup  func(*authHarness)
		extra  []string
		stderr []string
	}{
		{"denied", func(h *authHarness) { h.srv.SetOAuthConsent(true) }, nil, []string{"Access was not granted", "Allow access"}},
		{"wrong secret", func(h *authHarness) { h.vars[envOAuthClientSecret] = "secret_wrong_value_0123456789" }, nil, []string{"invalid_client", "client secret"}},
		{"timeout", func(h *authHarness) { h.browser = func(string) error { return errors.New("no browser here") } },
			[]string{"--timeout", "100ms"}, []string{"Could not open a browser (no browser here)", "did not come back", "Register exactly http://localhost:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newAuthHarness(t)
			h.vars[envOAuthClientID] = notiontest.OAuthClientID
			h.vars[envOAuthClientSecret] = notiontest.OAuthClientSecret
			tc.setup(h)
			code, _, errOut := h.run("", append([]string{"auth", "login", "--oauth", "--redirect-port", "0"}, tc.extra...)...)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			wantContains(t, "stderr", errOut, append([]string{"nothing was stored"}, tc.stderr...)...)
			if names := h.profileNames(); len(names) != 0 {
				t.Errorf("profiles stored: %v", names)
			}
			h.assertNoSecrets(notiontest.OAuthClientSecret, "secret_wrong_value_0123456789")
		})
	}
}

// statusOf runs auth status --json and returns the entries by name.
func (h *authHarness) statusOf(args ...string) (int, map[string]profileStatus) {
	h.t.Helper()
	code, out, errOut := h.run("", append([]string{"auth", "status", "--json"}, args...)...)
	var list []profileStatus
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		h.t.Fatalf("status --json: %v\n%s\n%s", err, out, errOut)
	}
	byName := map[string]profileStatus{}
	for _, s := range list {
		byName[s.Name] = s
	}
	return code, byName
}

func TestAuthStatus(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	if code, _, _ := h.run(notiontest.TokenFull, "--profile", "dev", "auth", "login", "--with-token"); code != 0 {
		t.Fatal("login dev")
	}
	if code, _, _ := h.oauthLogin("work"); code != 0 {
		t.Fatal("login work")
	}
	code, st := h.statusOf()
	if code != 0 || st["dev"].Status != checkValid || st["work"].Status != checkValid || !st["dev"].Default || st["work"].Default {
		t.Fatalf("exit %d, status %+v", code, st)
	}
	if !st["dev"].InUse || st["work"].InUse || st["dev"].TokenKind != "internal" || st["work"].TokenKind != "public" {
		t.Errorf("in use and kinds: %+v", st)
	}
	if st["work"].Kind != keystore.KindOAuth || st["work"].Workspace != notiontest.WorkspaceName || st["dev"].Storage != "keyring" || st["dev"].BaseURL != h.srv.URL() {
		t.Errorf("status %+v", st)
	}

	// The token is revoked elsewhere: introspection says inactive.
	work := h.secret("work")
	oauth, _ := notionapi.NewClient("", notionapi.WithBaseURL(h.srv.URL()), notionapi.WithRate(0, 0))
	creds := notionapi.OAuthCredentials{ClientID: notiontest.OAuthClientID, ClientSecret: notiontest.OAuthClientSecret}
	if err := oauth.RevokeToken(context.Background(), creds, work.Token); err != nil {
		t.Fatal(err)
	}
	// A revoked internal token, stored in plain text.
	if err := h.store().Save(keystore.Profile{Name: "old", Storage: keystore.StorageFile}, keystore.Secret{Token: notiontest.TokenRevoked}); err != nil {
		t.Fatal(err)
	}
	code, st = h.statusOf()
	if code != 0 {
		t.Errorf("exit %d: the token in use (dev) works, other profiles' failures do not count", code)
	}
	if st["work"].Status != checkInactive || st["old"].Status != checkRevoked || !st["old"].PlainText || st["dev"].Status != checkValid {
		t.Errorf("status %+v", st)
	}

	code, out, _ := h.run("", "auth", "status")
	wantContains(t, "table", out, "* default profile", "> the token in use", "✓ valid", "✗ revoked", "✗ inactive", "plain text file", "OS keyring", "Base URL", strings.TrimPrefix(h.srv.URL(), "http://"))
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	// The token in use is the one that fails: --profile, NOTION_PROFILE,
	// and a named profile.
	if code, only := h.statusOf("--profile", "old"); code != 1 || len(only) != 1 {
		t.Errorf("--profile old: exit %d, %d profiles", code, len(only))
	}
	h.vars[keystore.EnvProfile] = "work"
	if code, st := h.statusOf(); code != 1 || !st["work"].InUse {
		t.Errorf("NOTION_PROFILE=work: exit %d, %+v", code, st["work"])
	}
	delete(h.vars, keystore.EnvProfile)
	if code, only := h.statusOf("--profile", "dev"); code != 0 || len(only) != 1 {
		t.Errorf("--profile dev: exit %d, %d profiles", code, len(only))
	}

	// The sandbox stops answering: a network error, not "revoked".
	h.vars["NOTION_BASE_URL"] = "http://127.0.0.1:1"
	if code, st := h.statusOf("--profile", "dev"); code != 1 || st["dev"].Status != checkNetwork {
		t.Errorf("unreachable server: exit %d, %+v", code, st["dev"])
	}
	h.assertNoSecrets(notiontest.TokenFull, work.Token, work.RefreshToken, notiontest.OAuthClientSecret, notiontest.TokenRevoked)
}

// TestAuthStatusChecksNotionToken: NOTION_TOKEN is the token in use, and
// its verdict is the command's.
func TestAuthStatusChecksNotionToken(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	if err := h.store().Save(keystore.Profile{Name: "old", Storage: keystore.StorageFile}, keystore.Secret{Token: notiontest.TokenRevoked}); err != nil {
		t.Fatal(err)
	}
	h.vars[keystore.EnvToken] = notiontest.TokenPersonal
	code, st := h.statusOf()
	env := st[keystore.EnvToken]
	if code != 0 || !env.InUse || env.Source != "environment" || env.TokenKind != "personal" || env.Bot != "Maya Chen" || env.BaseURL != h.srv.URL() || st["old"].InUse {
		t.Errorf("exit %d, %+v", code, st)
	}
	code, out, errOut := h.run("", "auth", "status")
	wantContains(t, "table", out, "NOTION_TOKEN", "personal access token", "Maya Chen", "environment", "✗ revoked")
	wantContains(t, "stderr", errOut, "NOTION_TOKEN is set in this shell")
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	h.vars[keystore.EnvToken] = notiontest.TokenRevoked
	if code, st := h.statusOf(); code != 1 || st[keystore.EnvToken].Status != checkRevoked {
		t.Errorf("a revoked NOTION_TOKEN: exit %d, %+v", code, st)
	}
	h.assertNoSecrets(notiontest.TokenPersonal, notiontest.TokenRevoked)
}

// TestAuthStatusWarnsBeforeAPersonalTokenExpires reads the day and the
// lifetime recorded at login.
func TestAuthStatusWarnsBeforeAPersonalTokenExpires(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	if code, _, errOut := h.run(notiontest.TokenPersonal, "auth", "login", "--with-token", "--lifetime", "30d", "--created", "2026-11-01"); code != 0 {
		t.Fatalf("login: %s", errOut)
	}
	code, st := h.statusOf()
	def := st[keystore.DefaultProfile]
	if code != 0 || def.TokenKind != "personal" || def.Expires.IsZero() || !strings.Contains(def.Detail, "expires on 2026-12-01 (in 9 days)") {
		t.Errorf("exit %d, %+v", code, def)
	}
	if _, _, errOut := h.run("", "auth", "status"); strings.Contains(errOut, "warning") {
		t.Errorf("9 days of 30 left is not yet the time to warn:\n%s", errOut)
	}
	// In the last quarter of its lifetime.
	if code, _, errOut := h.run(notiontest.TokenPersonal, "auth", "login", "--with-token", "--lifetime", "30d", "--created", "2026-10-25"); code != 0 {
		t.Fatalf("login: %s", errOut)
	}
	code, _, errOut := h.run("", "auth", "status")
	wantContains(t, "stderr", errOut, "warning: the personal access token of profile default expires on 2026-11-24 (in 2 days)", "made on 2026-10-25 to last 30 days, as recorded at login", guide.TokensURL)
	if code != 0 {
		t.Errorf("a warning failed the command: exit %d", code)
	}
	h.assertNoSecrets(notiontest.TokenPersonal)
}

func TestAuthStatusWithoutProfiles(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	code, out, _ := h.run("", "auth", "status")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	wantContains(t, "stdout", out, "No stored profiles", "auth login")
	if code, st := h.statusOf(); code != 1 || len(st) != 0 {
		t.Errorf("json: exit %d, %v", code, st)
	}
	h.vars[keystore.EnvProfile] = "nope"
	_, _, errOut := h.run("", "auth", "status")
	wantContains(t, "stderr", errOut, "no token is in use", `"nope"`)
}

func TestAuthLogoutRevokesOAuthTokens(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	if code, _, _ := h.oauthLogin("work"); code != 0 {
		t.Fatal("login")
	}
	if code, _, _ := h.run(notiontest.TokenFull, "--profile", "dev", "auth", "login", "--with-token"); code != 0 {
		t.Fatal("login dev")
	}
	sec := h.secret("work")
	code, out, errOut := h.run("", "--profile", "work", "auth", "logout")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	wantContains(t, "stdout", out, "Logged out of profile work: token revoked at Notion and removed from the OS keyring", "Profile dev is now the default")
	oauth, _ := notionapi.NewClient("", notionapi.WithBaseURL(h.srv.URL()), notionapi.WithRate(0, 0))
	creds := notionapi.OAuthCredentials{ClientID: notiontest.OAuthClientID, ClientSecret: notiontest.OAuthClientSecret}
	for _, tok := range []string{sec.Token, sec.RefreshToken} {
		r, err := oauth.IntrospectToken(context.Background(), creds, tok)
		if err != nil || r.Active {
			t.Errorf("a token is still active after logout (%v)", err)
		}
	}
	if _, err := h.keyring.Get(keystore.DefaultService, "work"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("the secret is still in the keyring: %v", err)
	}
	// An internal token is only removed, with a word about regenerating it.
	code, out, _ = h.run("", "auth", "logout")
	if code != 0 {
		t.Fatalf("logout dev: exit %d", code)
	}
	wantContains(t, "stdout", out, "Logged out of profile dev", "stays valid", "No profiles are left")
	if code, _, errOut := h.run("", "auth", "logout"); code != 1 || !strings.Contains(errOut, "nothing to log out of") {
		t.Errorf("logout with no profiles: exit %d: %s", code, errOut)
	}
	h.assertNoSecrets(sec.Token, sec.RefreshToken, notiontest.OAuthClientSecret, notiontest.TokenFull)
}

func TestAuthLogoutWhenRevokeFails(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	broken := keystore.Profile{Name: "work", Kind: keystore.KindOAuth, OAuthClientID: notiontest.OAuthClientID, BaseURL: h.srv.URL()}
	save := func() {
		if err := h.store().Save(broken, keystore.Secret{Token: "ntn_some_oauth_token_0000000000000", ClientSecret: "secret_rotated_since_00000000"}); err != nil {
			t.Fatal(err)
		}
	}
	save()
	code, _, errOut := h.run("", "auth", "logout")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	wantContains(t, "stderr", errOut, "could not be revoked", "invalid_client", "profile is kept", "--force", "Settings → Connections")
	if names := h.profileNames(); len(names) != 1 {
		t.Fatalf("the profile was deleted: %v", names)
	}
	// On a terminal the user is asked; "n" keeps it, "y" deletes it.
	h.terminal = true
	if code, _, errOut := h.run("n\n", "auth", "logout"); code != 1 || !strings.Contains(errOut, "[y/N]") || len(h.profileNames()) != 1 {
		t.Errorf("answer n: exit %d, profiles %v: %s", code, h.profileNames(), errOut)
	}
	if code, out, _ := h.run("y\n", "auth", "logout"); code != 0 || !strings.Contains(out, "not revoked at Notion") || len(h.profileNames()) != 0 {
		t.Errorf("answer y: exit %d, profiles %v: %s", code, h.profileNames(), out)
	}
	h.terminal = false
	save()
	if code, _, errOut := h.run("", "auth", "logout", "--force"); code != 0 || !strings.Contains(errOut, "was not revoked") || len(h.profileNames()) != 0 {
		t.Errorf("--force: exit %d, profiles %v: %s", code, h.profileNames(), errOut)
	}
	h.assertNoSecrets("ntn_some_oauth_token_0000000000000", "secret_rotated_since_00000000")
}

func TestAuthSwitch(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	for _, p := range []string{"dev", "prod"} {
		if code, _, errOut := h.run(notiontest.TokenFull, "--profile", p, "auth", "login", "--with-token"); code != 0 {
			t.Fatalf("login %s: %s", p, errOut)
		}
	}
	h.vars[keystore.EnvProfile] = "dev"
	code, out, errOut := h.run("", "auth", "switch", "prod")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	wantContains(t, "stdout", out, "Default profile is now prod (Acme Labs, bot notion-tui Demo)")
	wantContains(t, "stderr", errOut, "NOTION_PROFILE=dev is set")
	if _, def, _ := h.store().Profiles(); def != "prod" {
		t.Errorf("default is %q", def)
	}
	code, _, errOut = h.run("", "auth", "switch", "staging")
	if code != 1 {
		t.Errorf("unknown profile: exit %d", code)
	}
	wantContains(t, "stderr", errOut, "profile not found", "stored profiles: dev, prod")
	if code, _, _ := h.run("", "auth", "switch"); code != 2 {
		t.Errorf("no name: exit %d", code)
	}
}

func TestExpiredOAuthTokenIsRefreshedAndSaved(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	h.srv.SetOAuthTokenTTL(time.Hour)
	if code, _, errOut := h.oauthLogin("work"); code != 0 {
		t.Fatalf("login: %s", errOut)
	}
	before := h.secret("work")
	h.clock.offset.Add(int64(2 * time.Hour))
	code, out, errOut := h.run("", "--profile", "work", "users", "--format", "csv")
	if code != 0 {
		t.Fatalf("users after expiry: exit %d: %s", code, errOut)
	}
	wantContains(t, "stdout", out, "Maya Chen")
	after := h.secret("work")
	if after.Token == before.Token || after.RefreshToken == before.RefreshToken || after.ClientSecret != before.ClientSecret {
		t.Error("the renewed tokens were not saved in the profile")
	}
	// The saved token works at once: no second refresh.
	refreshes := func() int {
		n := 0
		for _, r := range h.srv.Requests() {
			if r.Path == "/v1/oauth/token" && strings.Contains(string(r.Body), "refresh_token") {
				n++
			}
		}
		return n
	}
	if n := refreshes(); n != 1 {
		t.Errorf("%d refreshes, want 1", n)
	}
	if code, _, errOut := h.run("", "--profile", "work", "users", "--format", "csv"); code != 0 || refreshes() != 1 {
		t.Errorf("second run: exit %d, %d refreshes: %s", code, refreshes(), errOut)
	}
	// Another process renewed the token already: the stored one is used,
	// and the rotated-away refresh token is not spent again.
	r := &oauthRefresher{store: h.store(), profile: "work", current: before.Token}
	tok, err := r.refresh(context.Background())
	if err != nil || tok != after.Token || refreshes() != 1 {
		t.Errorf("stale client: got the stored token %v, err %v, %d refreshes", tok == after.Token, err, refreshes())
	}
	h.assertNoSecrets(before.Token, before.RefreshToken, after.Token, after.RefreshToken, notiontest.OAuthClientSecret)
}

func TestRefresherFindsTheProfileByToken(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	h.srv.SetOAuthTokenTTL(time.Hour)
	if code, _, errOut := h.oauthLogin("work"); code != 0 {
		t.Fatalf("login: %s", errOut)
	}
	if code, _, _ := h.run(notiontest.TokenFull, "--profile", "dev", "auth", "login", "--with-token"); code != 0 {
		t.Fatal("login dev")
	}
	before := h.secret("work")
	h.clock.offset.Add(int64(2 * time.Hour))
	oauth, _ := notionapi.NewClient("", notionapi.WithBaseURL(h.srv.URL()), notionapi.WithRate(0, 0))
	owners := newTokenOwners()
	var mu sync.Mutex
	var warnings []string
	warn := func(s string) { mu.Lock(); warnings = append(warnings, s); mu.Unlock() }

	// A client of the app built with the profile's token renews it.
	r := &oauthRefresher{store: h.store(), oauth: oauth, owners: owners, current: before.Token, warn: warn}
	c, _ := notionapi.NewClient(before.Token, notionapi.WithBaseURL(h.srv.URL()), notionapi.WithRate(0, 0), notionapi.WithTokenRefresher(r.refresh))
	if _, err := c.GetMe(context.Background()); err != nil {
		t.Fatalf("Me: %v", err)
	}
	if h.secret("work").Token == before.Token {
		t.Fatal("the renewed token was not saved")
	}
	// A client built later with the old token still finds the profile.
	late := &oauthRefresher{store: h.store(), oauth: oauth, owners: owners, current: before.Token, warn: warn}
	if tok, err := late.refresh(context.Background()); err != nil || tok != h.secret("work").Token {
		t.Errorf("late client: %v", err)
	}
	// An internal token is not renewable: the 401 stays as it is.
	other := &oauthRefresher{store: h.store(), oauth: oauth, owners: owners, current: notiontest.TokenRevoked, warn: warn}
	if _, err := other.refresh(context.Background()); !errors.Is(err, notionapi.ErrNotRenewable) {
		t.Errorf("internal token: %v", err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings: %v", warnings)
	}
}

func TestPromptsEndOnCtrlC(t *testing.T) {
	t.Parallel()
	pr, pw := io.Pipe() // a terminal nobody types into
	defer pw.Close()
	term := &readStarts{r: pr, started: make(chan struct{})}
	p := newPrompter(&Env{Stdin: term, Stderr: io.Discard})
	ctx, cancel := context.WithCancel(context.Background())
	// Ctrl-C comes while the prompt waits for a line.
	go func() {
		<-term.started
		cancel()
	}()
	if _, err := p.line(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("line: %v", err)
	}
	pr2, pw2 := io.Pipe()
	defer pw2.Close()
	if _, err := newPrompter(&Env{Stdin: pr2}).all(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("all: %v", err)
	}
	undone := false
	if _, err := await(ctx, func() { undone = true }, func() (string, error) { select {} }); !errors.Is(err, context.Canceled) || !undone {
		t.Errorf("await: %v, terminal restored: %v", err, undone)
	}
	// An answer that arrives is returned, without its line ending.
	if got, err := newPrompter(&Env{Stdin: strings.NewReader("yes\r\nno\n")}).line(context.Background()); got != "yes" || err != nil {
		t.Errorf("line = %q, %v", got, err)
	}
}

// readStarts is a reader that says when it is first read.
type readStarts struct {
	r       io.Reader
	once    sync.Once
	started chan struct{}
}

func (r *readStarts) Read(b []byte) (int, error) {
	r.once.Do(func() { close(r.started) })
	return r.r.Read(b)
}

// TestUnknownProfileNamesTheSavedOnes: `notion-tui --profile nope` with
// profiles saved says the profile does not exist and names them, for the
// app as for a command, instead of opening the first-run wizard.
func TestUnknownProfileNamesTheSavedOnes(t *testing.T) {
	t.Parallel()
	h := newAuthHarness(t)
	for _, name := range []string{"work", "home"} {
		if code, _, stderr := h.run(notiontest.TokenFull, "auth", "login", name, "--with-token"); code != 0 {
			t.Fatalf("login %s: exit %d: %s", name, code, stderr)
		}
	}
	for _, args := range [][]string{{"--profile", "nope"}, {"--profile", "nope", "users"}} {
		code, stdout, stderr := h.run("", args...)
		if code != 1 || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q; want 1 and nothing", args, code, stdout)
		}
		for _, want := range []string{"There is no profile “nope”", "Saved profiles: home, work (default)", "`notion-tui --profile work`", "`notion-tui auth login nope`"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, want, stderr)
			}
		}
	}
}

// TestAuthStatusShowsRecordedWrites: what the first real create and edit
// showed, as the profile recorded it, in the table and in --json; "not
// checked" until then, never "granted" without evidence.
func TestAuthStatusShowsRecordedWrites(t *testing.T) {
	h := newAuthHarness(t)
	if code, _, errOut := h.run(notiontest.TokenFull, "auth", "login", "--with-token"); code != 0 {
		t.Fatalf("login: %s", errOut)
	}
	code, st := h.statusOf()
	w := st[keystore.DefaultProfile].Writes
	if code != 0 || len(w) != 2 || w[0].Capability != guide.CapInsertContent || w[0].Status != "not checked" || w[0].Detail != guide.DetailFirstCreate || w[1].Detail != guide.DetailFirstEdit {
		t.Fatalf("exit %d, writes %+v", code, w)
	}
	seen := time.Date(2026, 12, 5, 15, 0, 0, 0, time.Local)
	if _, err := h.store().RecordEvidence(context.Background(), keystore.DefaultProfile, guide.CapInsertContent, keystore.Evidence{State: keystore.EvidenceGranted, Seen: seen}); err != nil {
		t.Fatal(err)
	}
	_, st = h.statusOf()
	w = st[keystore.DefaultProfile].Writes
	if w[0].Status != "granted" || w[0].Detail != "granted (seen 2026-12-05)" || !w[0].Seen.Equal(seen) || w[1].Status != "not checked" {
		t.Errorf("writes %+v", w)
	}
	_, out, _ := h.run("", "auth", "status")
	wantContains(t, "table", out, "default: Insert content granted (seen 2026-12-05); Update content checked on the first edit")
	h.assertNoSecrets(notiontest.TokenFull)
}

package wizard_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/keyringtest"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/app"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// waitPanel waits for a guided-fix panel that shows text.
func waitPanel(ta *apptest.App, text string) string {
	ta.T.Helper()
	return ta.WaitUntil("a panel with "+text, func(s string) bool {
		return strings.Contains(s, text) && strings.Contains(s, "esc close")
	})
}

// toToken walks from the welcome step to the token field.
func toToken(ta *apptest.App) {
	ta.T.Helper()
	ta.WaitFor("Which kind of token will you use?")
	ta.Press("down")
	ta.WaitFor("▸ Internal connection")
	ta.Press("enter")
	ta.WaitFor("Paste your connection's API token")
}

// toCapabilities pastes token, verifies it and waits for the probes.
func toCapabilities(ta *apptest.App, token string) string {
	ta.T.Helper()
	toToken(ta)
	ta.Paste(token)
	ta.WaitFor("characters")
	ta.Press("enter")
	ta.WaitFor("Notion accepted the token")
	ta.Press("enter")
	return waitCaps(ta)
}

// waitCaps waits until every capability probe has answered.
func waitCaps(ta *apptest.App) string {
	ta.T.Helper()
	return ta.WaitUntil("the probes to finish", func(s string) bool {
		return strings.Contains(s, " may do") && !strings.Contains(s, "checking…")
	})
}

// toSave walks the whole wizard up to the save form.
func toSave(ta *apptest.App, token string) string {
	ta.T.Helper()
	toCapabilities(ta, token)
	ta.Press("enter")
	return ta.WaitFor("┃ Profile name")
}

// Storage options of the save form, in order.
const (
	keepInKeyring = iota
	keepInFile
	keepForSession
)

// saveAs answers the save form: the profile name ("" keeps the one shown)
// and the storage. huh moves between fields through commands, so each
// move is awaited before the next key.
func saveAs(ta *apptest.App, name string, storage int) {
	ta.T.Helper()
	ta.WaitFor("┃ Profile name")
	if name != "" {
		ta.Press("ctrl+u")
		ta.Type(name)
		ta.WaitFor("> " + name)
	}
	ta.Press("enter")
	ta.WaitFor("┃ Where to keep the token")
	for range storage {
		ta.Press("down")
	}
	ta.WaitFor("┃ ▸ " + []string{"OS keyring", "Plain file", "This session only"}[storage])
	ta.Press("enter")
}

// savedToken returns the token stored for a profile.
func savedToken(ta *apptest.App, name string) string {
	ta.T.Helper()
	sec, err := ta.Store.Secret(name)
	if err != nil {
		return ""
	}
	return sec.Token
}

// TestWizardSteps walks the first-run wizard at both apptest.Sizes and compares
// every step with its golden file.
func TestWizardSteps(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 250})
	for _, size := range apptest.Sizes {
		t.Run(fmt.Sprintf("%dx%d", size.W, size.H), func(t *testing.T) {
			t.Parallel()
			ta := apptest.Start(t, srv, apptest.Config{Width: size.W, Height: size.H})
			step := func(name, want string) {
				t.Helper()
				t.Run(name, func(t *testing.T) {
					ta.WaitFor(want)
					s := ta.Settled()
					apptest.CheckFits(t, s, size.W, size.H)
					golden.RequireEqual(t, s)
				})
			}
			step("1_welcome", "Which kind of token will you use?")
			ta.Press("down")
			step("1_welcome_internal", "▸ Internal connection")
			ta.Press("enter")
			step("2_token_empty", "Paste your connection's API token")
			ta.Paste("Bearer " + notiontest.TokenFull + "\n")
			step("2_token_pasted", "characters")
			ta.Press("enter")
			step("3_verified", "Notion accepted the token")
			ta.Press("enter")
			step("4_capabilities", "8 data sources and 200+ pages")
			ta.Press("enter")
			step("5_save", "Where to keep the token")
			saveAs(ta, "", keepInKeyring)
			ta.WaitFor("Saved as profile “default” in the OS keyring")
			if s := ta.Screen(); strings.Contains(s, "Setup") {
				t.Errorf("the wizard did not give way to the explorer:\n%s", s)
			}
		})
	}
}

func TestWizardSavesTheVerifiedTokenAndStartsTheSession(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	toSave(ta, notiontest.TokenFull)
	saveAs(ta, "dev", keepInKeyring)
	ta.WaitFor("Saved as profile “dev” in the OS keyring")

	if got := savedToken(ta, "dev"); got != notiontest.TokenFull {
		t.Errorf("the profile holds %q", keystore.Redact(got))
	}
	p, err := ta.Store.Profile("dev")
	if err != nil {
		t.Fatal(err)
	}
	if p.BotName != notiontest.IntegrationName || p.WorkspaceName != notiontest.WorkspaceName || p.WorkspaceID != notiontest.WorkspaceID ||
		p.Storage != keystore.StorageKeyring || p.BaseURL != srv.URL() || p.NotionVersion != "" || !p.VerifiedAt.Equal(uitest.Now) {
		t.Errorf("profile %+v", p)
	}
	// The kind Notion told and the day it was stored, for auth status and
	// doctor; a connection's token has no lifetime.
	if p.TokenKind != "internal" || !p.TokenCreated.Equal(uitest.Now) || p.TokenLifetime != "" {
		t.Errorf("token record: kind %q, created %v, lifetime %q", p.TokenKind, p.TokenCreated, p.TokenLifetime)
	}
	s := ta.Connection()
	if s.Token != notiontest.TokenFull || s.Profile != "dev" || s.TokenSource != "token from keyring profile dev" ||
		s.Workspace != notiontest.WorkspaceName || s.BotName != notiontest.IntegrationName || s.Client == nil || s.Me == nil {
		t.Errorf("session %+v", s)
	}
	ta.WaitFor("profile dev") // the status bar names the profile
}

func TestWizardTokenFieldCleansAndChecksAsYouType(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	toToken(ta)

	ta.Press("enter")
	ta.WaitFor("Token is empty")

	ta.Type(`"ntn_abc`)
	s := ta.WaitFor("only 7 characters long")
	if strings.Contains(s, "ntn_abc") {
		t.Errorf("the token is shown in clear:\n%s", s)
	}
	ta.Type(` def"`)
	ta.WaitFor("white space")
	if ta.Connection() != nil {
		t.Fatal("a session started from a broken token")
	}

	ta.Press("ctrl+u")
	ta.Type("xoxb_" + strings.Repeat("a", 40))
	ta.WaitFor("does not start with")

	ta.Press("ctrl+u")
	ta.Paste("  'Bearer " + notiontest.TokenFull + "'\n")
	s = ta.WaitFor(keystore.Redact(notiontest.TokenFull))
	if !strings.Contains(s, fmt.Sprintf("%d characters", len(notiontest.TokenFull))) || !strings.Contains(s, "are left out") {
		t.Errorf("the pasted token was not cleaned:\n%s", s)
	}
	if strings.Contains(s, notiontest.TokenFull) {
		t.Errorf("the token is shown in clear:\n%s", s)
	}
	// The field now holds the clean token: one mask character for each.
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, "│ › ") {
			if n := strings.Count(line, "•"); n != len(notiontest.TokenFull) {
				t.Errorf("the field shows %d mask characters, want %d: %q", n, len(notiontest.TokenFull), line)
			}
		}
	}
}

func TestWizardKeepsTheTokenWhenVerificationFails(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	toToken(ta)
	ta.Paste(notiontest.TokenRevoked)
	ta.Press("enter")
	s := ta.WaitFor("esc close")
	if !strings.Contains(s, "✗ The token was rejected (401 unauthorized)") {
		t.Fatalf("no 401 panel:\n%s", s)
	}
	// The token field is behind the panel: typing goes nowhere (not into
	// the field out of sight, not to the panel's actions), and esc goes
	// back to the field rather than opening another wizard.
	ta.Type("tor")
	ta.Press("esc")
	s = ta.WaitGone("Likely causes")
	if strings.Count(s, "Setup") != 1 || strings.Contains(s, "New token") {
		t.Errorf("t opened another wizard:\n%s", s)
	}
	if !strings.Contains(s, keystore.Redact(notiontest.TokenRevoked)) || !strings.Contains(s, "Verification failed") {
		t.Errorf("the token or the failure is gone:\n%s", s)
	}
	// Back to the welcome and forth: still there.
	ta.Press("esc")
	ta.WaitFor("Which kind of token will you use?")
	ta.Press("enter")
	ta.WaitFor(keystore.Redact(notiontest.TokenRevoked))

	ta.Press("ctrl+u")
	ta.Paste(notiontest.TokenFull)
	ta.Press("enter")
	ta.WaitFor("Notion accepted the token")
}

func TestWizardRetriesVerificationFromThePanel(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 503})
	ta := apptest.Start(t, srv, apptest.Config{})
	toToken(ta)
	ta.Paste(notiontest.TokenFull)
	ta.Press("enter")
	waitPanel(ta, "503 service_unavailable")
	// The token field is behind the panel: enter retries.
	ta.Press("enter")
	ta.WaitFor("Notion accepted the token")
}

func TestWizardEscGoesBackOneStepAndKeepsEverything(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	toSave(ta, notiontest.TokenFull)
	ta.Press("ctrl+u")
	ta.Type("staging")
	ta.WaitFor("> staging")
	ta.Press("esc")
	ta.WaitFor("What the connection may do")
	ta.Press("esc")
	ta.WaitFor("Notion accepted the token")
	ta.Press("esc")
	ta.WaitFor(keystore.Redact(notiontest.TokenFull))
	ta.Press("esc")
	ta.WaitFor("Which kind of token will you use?")
	ta.Press("esc") // the first step: nowhere to go back to
	ta.WaitFor("Which kind of token will you use?")

	ta.Press("enter")
	ta.WaitFor("Paste your connection's API token")
	ta.Press("enter")
	ta.WaitFor("Notion accepted the token")
	ta.Press("enter")
	waitCaps(ta)
	ta.Press("enter")
	s := ta.WaitFor("Profile name")
	if !strings.Contains(s, "staging") {
		t.Errorf("the profile name typed before is gone:\n%s", s)
	}
}

func TestWizardCapabilityChecklist(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		token string
		opts  notiontest.Options
		want  []string
	}{
		{"no_user_information", notiontest.TokenNoUserInfo, notiontest.Options{Rows: 20},
			[]string{"✗ Read user information", "✓ Read content", "· Insert content         checked on the first create", "To turn on “Read user information”"}},
		{"read_only", notiontest.TokenReadOnly, notiontest.Options{Rows: 20},
			[]string{"✓ Read user information", "✗ Insert content", "creating pages will fail", "To turn on “Insert content”"}},
		{"no_content", notiontest.TokenNoContent, notiontest.Options{Rows: 20},
			[]string{"✗ Read content", "✗ Insert content", "“Read content” and “Insert content”"}},
		{"nothing_shared", notiontest.TokenFull, notiontest.Options{Empty: true},
			[]string{"! Read content", "Nothing is shared with the connection yet", "Search for “notion-tui Demo”", "Add connections", "Check again (press r)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := notiontest.Start(t, tc.opts)
			ta := apptest.Start(t, srv, apptest.Config{Width: 80, Height: 24})
			s := toCapabilities(ta, tc.token)
			for _, w := range tc.want {
				if !strings.Contains(s, w) {
					t.Errorf("%q is missing:\n%s", w, s)
				}
			}
			ta.Golden()
			if tc.name == "read_only" {
				ta.Press("o")
				ta.WaitFor("Opened " + guide.ConnectionsURL)
			}
		})
	}
}

func TestWizardCapabilityProbeFailureIsAGuidedFix(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	toToken(ta)
	ta.Paste(notiontest.TokenFull)
	ta.Press("enter")
	ta.WaitFor("Notion accepted the token")
	srv.InjectFault(notiontest.Fault{Method: "GET", Path: "/v1/users", Status: 500})
	ta.Press("enter")
	s := waitPanel(ta, "Notion had a problem (500")
	if !strings.Contains(s, "could not check") {
		t.Errorf("the checklist does not say the check failed:\n%s", s)
	}
	ta.Press("r")
	ta.WaitFor("11 users visible")
	ta.WaitGone("Notion had a problem")
}

func TestWizardPlainFileStoreAsksFirst(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	toSave(ta, notiontest.TokenFull)
	saveAs(ta, "", keepInFile)
	s := ta.WaitFor("Store the token unencrypted?")
	if !strings.Contains(s, "secrets.json") {
		t.Errorf("the warning does not say where:\n%s", s)
	}
	// Declining goes back to the choice, which returns to the keyring.
	ta.Press("n")
	ta.WaitFor("▸ OS keyring")
	ta.WaitGone("Store the token unencrypted?")
	if _, err := os.Stat(filepath.Join(ta.Dir, "secrets.json")); err == nil {
		t.Fatal("a secrets file was written after the warning was declined")
	}
	saveAs(ta, "", keepInFile)
	ta.WaitFor("Store the token unencrypted?")
	ta.Press("y")
	ta.WaitFor("Saved as profile “default” in a plain file (unencrypted)")
	fi, err := os.Stat(filepath.Join(ta.Dir, "secrets.json"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("secrets.json has mode %v", fi.Mode().Perm())
	}
	if ta.Keyring.Has("default") {
		t.Error("the token also went to the keyring")
	}
	if s := ta.Connection(); s.TokenSource != "token from file profile default (stored in plain text)" {
		t.Errorf("token source %q", s.TokenSource)
	}
}

func TestWizardSessionOnlySavesNothing(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	toSave(ta, notiontest.TokenFull)
	saveAs(ta, "", keepForSession)
	ta.WaitFor("Token kept for this session only")
	if ps, _, err := ta.Store.Profiles(); err != nil || len(ps) != 0 {
		t.Errorf("profiles %v, %v", ps, err)
	}
	if s := ta.Connection(); s.Token != notiontest.TokenFull || s.Profile != "" || s.TokenSource != "token from this session" {
		t.Errorf("session %+v", s)
	}
}

func TestWizardAsksBeforeReplacingAProfile(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	if err := ta.Store.Save(keystore.Profile{Name: "prod", BotName: "Old Bot", WorkspaceName: "Old Space"}, keystore.Secret{Token: "ntn_old_token_000000000000000000000000"}); err != nil {
		t.Fatal(err)
	}
	s := toSave(ta, notiontest.TokenFull)
	if !strings.Contains(s, "Saved: prod") {
		t.Errorf("the saved profiles are not listed:\n%s", s)
	}
	saveAs(ta, "prod", keepInKeyring)
	s = ta.WaitFor("Replace profile “prod”?")
	if !strings.Contains(s, "“Old Bot” in Old Space") {
		t.Errorf("the question does not say what would be lost:\n%s", s)
	}
	ta.Press("n")
	ta.WaitFor("┃ Profile name")
	if got := savedToken(ta, "prod"); got != "ntn_old_token_000000000000000000000000" {
		t.Fatal("the profile was replaced after the answer no")
	}
	saveAs(ta, "prod2", keepInKeyring)
	ta.WaitFor("Saved as profile “prod2”")
	if savedToken(ta, "prod2") != notiontest.TokenFull || savedToken(ta, "prod") == notiontest.TokenFull {
		t.Error("the token went to the wrong profile")
	}
}

func TestWizardRejectsABadProfileName(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	toSave(ta, notiontest.TokenFull)
	ta.Press("ctrl+u")
	ta.Type("my profile")
	ta.Press("enter")
	ta.WaitFor("invalid profile name")
	if ps, _, _ := ta.Store.Profiles(); len(ps) != 0 {
		t.Errorf("saved %v", ps)
	}
}

func TestWizardKeyringFailureKeepsTheTokenAndOffersAlternatives(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	kr := keyringtest.New()
	kr.FailSet = keyringtest.ErrNoSecretService // it answers, then refuses to store
	ta := apptest.Start(t, srv, apptest.Config{Keyring: kr, Width: 80, Height: 24})
	toSave(ta, notiontest.TokenFull)
	saveAs(ta, "", keepInKeyring)
	s := ta.WaitFor("The token was not saved")
	for _, want := range []string{"dbus-launch", "kept for this session", "plain file instead", "this session only", "Try again"} {
		if !strings.Contains(s, want) {
			t.Errorf("%q is missing:\n%s", want, s)
		}
	}
	ta.Golden()
	// The default answer keeps the token for the session.
	ta.Press("enter")
	ta.WaitFor("Token kept for this session only")
	if s := ta.Connection(); s == nil || s.Token != notiontest.TokenFull {
		t.Errorf("session %+v", s)
	}
}

func TestWizardKeyringFailureCanFallBackToTheFile(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	kr := keyringtest.New()
	kr.FailSet = keyringtest.ErrNoSecretService
	ta := apptest.Start(t, srv, apptest.Config{Keyring: kr, InsecureStorage: true})
	toSave(ta, notiontest.TokenFull)
	saveAs(ta, "", keepInKeyring)
	// With --insecure-storage the plain file is the suggested way out,
	// still behind the warning.
	ta.WaitFor("▸ Store it in a plain file instead")
	ta.Press("enter")
	ta.WaitFor("Store the token unencrypted?")
	ta.Press("y")
	ta.WaitFor("Saved as profile “default” in a plain file")
	if _, err := ta.Store.Secret("default"); err != nil {
		t.Errorf("the file store does not hold the token: %v", err)
	}
}

func TestWizardWithoutAStoreKeepsTheTokenForTheSession(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{NoStore: true, StoreErr: fmt.Errorf("no config folder: $HOME is not set")})
	toCapabilities(ta, notiontest.TokenFull)
	ta.Press("enter")
	s := ta.WaitFor("cannot be saved on this machine")
	if !strings.Contains(s, "$HOME is not set") {
		t.Errorf("the reason is not shown:\n%s", s)
	}
	ta.Press("enter")
	ta.WaitFor("Token kept for this session only")
}

func TestWizardReenteredTokenReplacesTheSessionAndReturns(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenRevoked, Profile: "prod", TokenSource: "token from keyring profile prod"})
	waitPanel(ta, "401 unauthorized")
	ta.Press("t")
	s := ta.WaitFor("Enter a new token")
	if !strings.Contains(s, "Connecting › New token") {
		t.Errorf("the wizard is not on top of the startup screen:\n%s", s)
	}
	ta.Paste(notiontest.TokenFull)
	ta.Press("enter")
	ta.WaitFor("Notion accepted the token")
	ta.Press("enter")
	waitCaps(ta)
	ta.Press("enter")
	s = ta.WaitFor("Profile name")
	if !strings.Contains(s, "> prod") {
		t.Errorf("the session's profile is not the default name:\n%s", s)
	}
	saveAs(ta, "", keepInKeyring)
	ta.WaitFor("Saved as profile “prod” in the OS keyring")
	ta.WaitGone("Connecting")
	// The startup screen verified the new token once and gave way; the
	// verification it superseded leaves no panel behind.
	if s := ta.Settled(); strings.Contains(s, "esc close") {
		t.Errorf("a guided fix is open after the new token was accepted:\n%s", s)
	}
	if savedToken(ta, "prod") != notiontest.TokenFull {
		t.Error("the new token was not saved in the profile")
	}
	s2 := ta.Connection()
	if s2.Token != notiontest.TokenFull || s2.Me == nil || s2.BotName != notiontest.IntegrationName {
		t.Errorf("session %+v", s2)
	}
}

func TestWizardEscLeavesAReentryWithoutChangingTheSession(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenRevoked})
	waitPanel(ta, "401 unauthorized")
	ta.Press("t")
	ta.WaitFor("Enter a new token")
	ta.Type("ntn_half")
	ta.Press("esc")
	s := ta.WaitGone("Enter a new token")
	if !strings.Contains(s, "t enter another token") {
		t.Errorf("not back on the startup screen:\n%s", s)
	}
	if tok := ta.Connection().Token; tok != notiontest.TokenRevoked {
		t.Errorf("the session token changed to %q", keystore.Redact(tok))
	}
}

func TestWizardWelcomeOpensTheIntegrationsPage(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	ta.WaitFor("Which kind of token will you use?")
	// Each kind opens its own page: personal access tokens first.
	ta.Press("o")
	ta.WaitFor("Opened " + guide.TokensURL)
	ta.Press("down")
	ta.WaitFor("▸ Internal connection")
	ta.Press("o")
	ta.WaitFor("Opened " + guide.ConnectionsURL)
	if got := ta.OpenedURLs(); len(got) != 2 || got[0] != guide.TokensURL || got[1] != guide.ConnectionsURL {
		t.Errorf("opened %q", got)
	}

	ta = apptest.Start(t, srv, apptest.Config{NoBrowser: true})
	ta.WaitFor("Which kind of token will you use?")
	ta.Press("o")
	ta.WaitFor("No browser could open here. Copy this link: " + guide.TokensURL)
}

func TestWizardOAuthChoiceOpensTheOAuthSignIn(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	ta.WaitFor("Which kind of token will you use?")
	ta.Press("up") // round to the last choice
	ta.WaitFor("▸ Public connection (OAuth)")
	ta.Press("enter")
	// The OAuth sign-in opens on top of the wizard.
	ta.WaitFor("Setup › ")
	var top string
	ta.Inspect(func(m *app.Model) { top = m.Top().Title() })
	if top != "Sign in with OAuth" {
		t.Errorf("the screen on top is %q, not the OAuth sign-in", top)
	}
}

func TestWizardUsesNoColourUnderNO_COLOR(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{NoColor: true})
	check := func(step string) {
		t.Helper()
		if codes := apptest.ColourCodes(ta.RawScreen()); len(codes) > 0 {
			t.Errorf("%s: colour codes under NO_COLOR: %q", step, codes)
		}
	}
	ta.WaitFor("Which kind of token will you use?")
	check("welcome")
	ta.Press("enter")
	ta.Paste(notiontest.TokenFull)
	ta.WaitFor("characters")
	check("token")
	ta.Press("enter")
	ta.WaitFor("Notion accepted the token")
	check("verify")
	ta.Press("enter")
	waitCaps(ta)
	check("capabilities")
	ta.Press("enter")
	ta.WaitFor("Profile name")
	check("save")
	saveAs(ta, "", keepInFile)
	ta.WaitFor("Store the token unencrypted?")
	check("plain-file warning")
}

func TestWizardVerifiesWithTheSessionVersion(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenRevoked, Version: notionapi.Version20250903, VersionSource: "NOTION_VERSION"})
	waitPanel(ta, "401 unauthorized")
	ta.Press("t")
	ta.WaitFor("Enter a new token")
	srv.ResetRequests()
	ta.Paste(notiontest.TokenFull)
	ta.Press("enter")
	s := ta.WaitFor("Notion accepted the token")
	if !strings.Contains(s, "2025-09-03 (NOTION_VERSION)") {
		t.Errorf("the version in effect is not shown:\n%s", s)
	}
	reqs := srv.Requests()
	if len(reqs) == 0 || reqs[0].Header.Get("Notion-Version") != notionapi.Version20250903 {
		t.Errorf("requests %+v", reqs)
	}
}

// TestWizardPersonalAccessToken walks the wizard with a personal access
// token, at both sizes: its own steps and link, no sharing steps, and
// listing users "not available" rather than "not granted".
func TestWizardPersonalAccessToken(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	for _, size := range apptest.Sizes {
		t.Run(fmt.Sprintf("%dx%d", size.W, size.H), func(t *testing.T) {
			t.Parallel()
			ta := apptest.Start(t, srv, apptest.Config{Width: size.W, Height: size.H})
			step := func(name, want string) string {
				t.Helper()
				var s string
				t.Run(name, func(t *testing.T) {
					ta.WaitFor(want)
					s = ta.Settled()
					apptest.CheckFits(t, s, size.W, size.H)
					golden.RequireEqual(t, s)
				})
				return s
			}
			s := step("1_welcome", "▸ Personal access token")
			for _, want := range []string{guide.TokensURL, "o open the link"} {
				if !strings.Contains(s, want) && size.H >= 20 {
					t.Errorf("the welcome lacks %q:\n%s", want, s)
				}
			}
			ta.Press("enter")
			step("2_token", "Paste your personal access token")
			ta.Paste(notiontest.TokenPersonal)
			ta.WaitFor("characters")
			ta.Press("enter")
			s = step("3_verified", "Notion accepted the token")
			if !strings.Contains(s, "personal access token of") || strings.Contains(s, "not a personal access token") {
				t.Errorf("the kind is not told, or told as a mismatch:\n%s", s)
			}
			ta.Press("enter")
			s = ta.WaitUntil("the probes to finish", func(s string) bool {
				return strings.Contains(s, "may do") && !strings.Contains(s, "checking…")
			})
			if size.H < 20 {
				// At 60×15 the rest of the checklist is a page down.
				ta.Press("pgdown")
				s += ta.WaitFor("↑")
				ta.Press("pgup")
			}
			flat := strings.Join(strings.Fields(s), " ")
			for _, want := range []string{"What the personal access token may do", "listing users is not available to personal access tokens", "Nothing to share", "Workspace policy"} {
				if !strings.Contains(flat, want) {
					t.Errorf("the checklist lacks %q:\n%s", want, s)
				}
			}
			for _, unwanted := range []string{"✗ Read user information", "Add connections", "Configuration tab"} {
				if strings.Contains(s, unwanted) {
					t.Errorf("the checklist of a personal access token says %q:\n%s", unwanted, s)
				}
			}
			step("4_capabilities", "may do")
			if strings.Contains(ta.Screen(), notiontest.TokenPersonal) {
				t.Error("the token is on the screen")
			}
		})
	}
}

// TestWizardKindMismatchIsExplained: a connection's token pasted as a
// personal access token is taken for what Notion says it is, with a
// note, not an error.
func TestWizardKindMismatchIsExplained(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	ta.WaitFor("▸ Personal access token")
	ta.Press("enter")
	ta.WaitFor("Paste your personal access token")
	ta.Paste(notiontest.TokenFull)
	ta.WaitFor("characters")
	ta.Press("enter")
	s := ta.WaitFor("Notion accepted the token")
	flat := strings.Join(strings.Fields(s), " ")
	if !strings.Contains(flat, "not a personal access token") || !strings.Contains(flat, "Add connections") {
		t.Errorf("the mismatch is not explained:\n%s", s)
	}
	ta.Press("enter")
	waitCaps(ta)
	if s := ta.Screen(); !strings.Contains(s, "What the connection may do") {
		t.Errorf("the checklist is not the connection's:\n%s", s)
	}
}

// TestWizardUnusableKeyringIsToldBeforeTheChoice: a keyring that cannot
// be used is known before the save step is drawn; the step says so, does
// not offer it, and preselects nothing that saves nothing.
func TestWizardUnusableKeyringIsToldBeforeTheChoice(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	kr := keyringtest.New()
	kr.Fail = keyringtest.ErrNoSecretService
	ta := apptest.Start(t, srv, apptest.Config{Keyring: kr})
	toSave(ta, notiontest.TokenFull)
	ta.Press("enter") // the name: empty is the default profile
	s := ta.WaitFor("┃ Where to keep the token")
	flat := strings.Join(strings.Fields(s), " ")
	if !strings.Contains(flat, "The OS keyring cannot be used here") || strings.Contains(s, "OS keyring (encrypted") {
		t.Errorf("the step does not say the keyring cannot be used, or still offers it:\n%s", s)
	}
	if !strings.Contains(s, "▸ Plain file") {
		t.Errorf("the plain file (behind its warning) is not the first choice:\n%s", s)
	}
	ta.Press("enter")
	ta.WaitFor("Store the token unencrypted?")
	ta.Press("y")
	ta.WaitFor("Saved as profile “default” in a plain file")
}

// TestWizardProfileNameHasDefaultAsPlaceholder: the name field is empty
// with "default" as its placeholder, and an invalid name is explained
// next to the field.
func TestWizardProfileNameHasDefaultAsPlaceholder(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{})
	toSave(ta, notiontest.TokenFull)
	ta.Type("dev")
	ta.WaitFor("> dev") // typed on its own, not after "default"
	ta.Press("ctrl+u")
	ta.Type("my profile")
	ta.Press("enter")
	s := ta.WaitFor("┃ Profile name")
	err := keystore.ValidateProfileName("my profile")
	if err == nil || !strings.Contains(strings.ToLower(strings.Join(strings.Fields(s), " ")), strings.ToLower(err.Error()[:20])) {
		t.Errorf("the invalid name is not explained (%v):\n%s", err, s)
	}
}

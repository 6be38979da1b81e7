package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// waitPanel waits for a guided-fix panel that shows text.
func (ta *testApp) waitPanel(text string) string {
	ta.t.Helper()
	return ta.waitUntil("a panel with "+text, func(s string) bool {
		return strings.Contains(s, text) && strings.Contains(s, "esc close")
	})
}

// toToken walks from the welcome step to the token field.
func (ta *testApp) toToken() {
	ta.t.Helper()
	ta.waitFor("How do you want to connect?")
	ta.press("enter")
	ta.waitFor("Paste your integration's secret")
}

// toCapabilities pastes token, verifies it and waits for the probes.
func (ta *testApp) toCapabilities(token string) string {
	ta.t.Helper()
	ta.toToken()
	ta.paste(token)
	ta.waitFor("characters")
	ta.press("enter")
	ta.waitFor("Notion accepted the token")
	ta.press("enter")
	return ta.waitCaps()
}

// waitCaps waits until every capability probe has answered.
func (ta *testApp) waitCaps() string {
	ta.t.Helper()
	return ta.waitUntil("the probes to finish", func(s string) bool {
		return strings.Contains(s, "What the integration may do") && !strings.Contains(s, "checking…")
	})
}

// toSave walks the whole wizard up to the save form.
func (ta *testApp) toSave(token string) string {
	ta.t.Helper()
	ta.toCapabilities(token)
	ta.press("enter")
	return ta.waitFor("┃ Profile name")
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
func (ta *testApp) saveAs(name string, storage int) {
	ta.t.Helper()
	ta.waitFor("┃ Profile name")
	if name != "" {
		ta.press("ctrl+u")
		ta.typeText(name)
		ta.waitFor("> " + name)
	}
	ta.press("enter")
	ta.waitFor("┃ Where to keep the token")
	for range storage {
		ta.press("down")
	}
	ta.waitFor("┃ ▸ " + []string{"OS keyring", "Plain file", "This session only"}[storage])
	ta.press("enter")
}

// savedToken returns the token stored for a profile.
func (ta *testApp) savedToken(name string) string {
	ta.t.Helper()
	sec, err := ta.store.Secret(name)
	if err != nil {
		return ""
	}
	return sec.Token
}

// TestWizardSteps walks the first-run wizard at both goldenSizes and compares
// every step with its golden file.
func TestWizardSteps(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 250})
	for _, size := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			ta := startApp(t, srv, appConfig{Width: size.w, Height: size.h})
			step := func(name, want string) {
				t.Helper()
				t.Run(name, func(t *testing.T) {
					ta.waitFor(want)
					s := ta.settled()
					checkFits(t, s, size.w, size.h)
					golden.RequireEqual(t, s)
				})
			}
			step("1_welcome", "How do you want to connect?")
			ta.press("enter")
			step("2_token_empty", "Paste your integration's secret")
			ta.paste("Bearer " + notiontest.TokenFull + "\n")
			step("2_token_pasted", "characters")
			ta.press("enter")
			step("3_verified", "Notion accepted the token")
			ta.press("enter")
			step("4_capabilities", "6 data sources and 200+ pages shared")
			ta.press("enter")
			step("5_save", "Where to keep the token")
			ta.saveAs("", keepInKeyring)
			ta.waitFor("Saved as profile “default” in the OS keyring")
			if s := ta.screen(); strings.Contains(s, "Setup") {
				t.Errorf("the wizard did not give way to the explorer:\n%s", s)
			}
		})
	}
}

func TestWizardSavesTheVerifiedTokenAndStartsTheSession(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{})
	ta.toSave(notiontest.TokenFull)
	ta.saveAs("dev", keepInKeyring)
	ta.waitFor("Saved as profile “dev” in the OS keyring")

	if got := ta.savedToken("dev"); got != notiontest.TokenFull {
		t.Errorf("the profile holds %q", keystore.Redact(got))
	}
	p, err := ta.store.Profile("dev")
	if err != nil {
		t.Fatal(err)
	}
	if p.BotName != notiontest.IntegrationName || p.WorkspaceName != notiontest.WorkspaceName || p.WorkspaceID != notiontest.WorkspaceID ||
		p.Storage != keystore.StorageKeyring || p.BaseURL != srv.URL() || p.NotionVersion != "" || !p.VerifiedAt.Equal(testNow) {
		t.Errorf("profile %+v", p)
	}
	s := ta.connection()
	if s.Token != notiontest.TokenFull || s.Profile != "dev" || s.TokenSource != "token from keyring profile dev" ||
		s.Workspace != notiontest.WorkspaceName || s.BotName != notiontest.IntegrationName || s.Client == nil || s.Me == nil {
		t.Errorf("session %+v", s)
	}
	ta.waitFor("⚿ dev") // the status bar names the profile
}

func TestWizardTokenFieldCleansAndChecksAsYouType(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{})
	ta.toToken()

	ta.press("enter")
	ta.waitFor("Token is empty")

	ta.typeText(`"ntn_abc`)
	s := ta.waitFor("only 7 characters long")
	if strings.Contains(s, "ntn_abc") {
		t.Errorf("the token is shown in clear:\n%s", s)
	}
	ta.typeText(` def"`)
	ta.waitFor("white space")
	if ta.connection() != nil {
		t.Fatal("a session started from a broken token")
	}

	ta.press("ctrl+u")
	ta.typeText("xoxb_" + strings.Repeat("a", 40))
	ta.waitFor("does not start with")

	ta.press("ctrl+u")
	ta.paste("  'Bearer " + notiontest.TokenFull + "'\n")
	s = ta.waitFor(keystore.Redact(notiontest.TokenFull))
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
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{})
	ta.toToken()
	ta.paste(notiontest.TokenRevoked)
	ta.press("enter")
	s := ta.waitFor("esc close")
	if !strings.Contains(s, "✗ The token was rejected (401 unauthorized)") {
		t.Fatalf("no 401 panel:\n%s", s)
	}
	// The token field is behind the panel: typing goes nowhere (not into
	// the field out of sight, not to the panel's actions), and esc goes
	// back to the field rather than opening another wizard.
	ta.typeText("tor")
	ta.press("esc")
	s = ta.waitGone("Likely causes")
	if strings.Count(s, "Setup") != 1 || strings.Contains(s, "New token") {
		t.Errorf("t opened another wizard:\n%s", s)
	}
	if !strings.Contains(s, keystore.Redact(notiontest.TokenRevoked)) || !strings.Contains(s, "Verification failed") {
		t.Errorf("the token or the failure is gone:\n%s", s)
	}
	// Back to the welcome and forth: still there.
	ta.press("esc")
	ta.waitFor("How do you want to connect?")
	ta.press("enter")
	ta.waitFor(keystore.Redact(notiontest.TokenRevoked))

	ta.press("ctrl+u")
	ta.paste(notiontest.TokenFull)
	ta.press("enter")
	ta.waitFor("Notion accepted the token")
}

func TestWizardRetriesVerificationFromThePanel(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	srv.InjectFault(notiontest.Fault{Path: "/v1/users/me", Status: 503})
	ta := startApp(t, srv, appConfig{})
	ta.toToken()
	ta.paste(notiontest.TokenFull)
	ta.press("enter")
	ta.waitPanel("503 service_unavailable")
	// The token field is behind the panel: enter retries.
	ta.press("enter")
	ta.waitFor("Notion accepted the token")
}

func TestWizardEscGoesBackOneStepAndKeepsEverything(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{})
	ta.toSave(notiontest.TokenFull)
	ta.press("ctrl+u")
	ta.typeText("staging")
	ta.waitFor("> staging")
	ta.press("esc")
	ta.waitFor("What the integration may do")
	ta.press("esc")
	ta.waitFor("Notion accepted the token")
	ta.press("esc")
	ta.waitFor(keystore.Redact(notiontest.TokenFull))
	ta.press("esc")
	ta.waitFor("How do you want to connect?")
	ta.press("esc") // the first step: nowhere to go back to
	ta.waitFor("How do you want to connect?")

	ta.press("enter")
	ta.waitFor("Paste your integration's secret")
	ta.press("enter")
	ta.waitFor("Notion accepted the token")
	ta.press("enter")
	ta.waitCaps()
	ta.press("enter")
	s := ta.waitFor("Profile name")
	if !strings.Contains(s, "staging") {
		t.Errorf("the profile name typed before is gone:\n%s", s)
	}
}

func TestWizardCapabilityChecklist(t *testing.T) {
	tests := []struct {
		name  string
		token string
		opts  notiontest.Options
		want  []string
	}{
		{"no_user_information", notiontest.TokenNoUserInfo, notiontest.Options{Rows: 20},
			[]string{"✗ Read user information", "✓ Read content", "✓ Insert content", "To turn on “Read user information”"}},
		{"read_only", notiontest.TokenReadOnly, notiontest.Options{Rows: 20},
			[]string{"✓ Read user information", "✗ Insert content", "creating pages will fail", "To turn on “Insert content”"}},
		{"no_content", notiontest.TokenNoContent, notiontest.Options{Rows: 20},
			[]string{"✗ Read content", "✗ Insert content", "“Read content” and “Insert content”"}},
		{"nothing_shared", notiontest.TokenFull, notiontest.Options{Empty: true},
			[]string{"! Read content", "Nothing is shared with the integration yet", "Search for “notion-tui Demo”", "Connections"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := notiontest.Start(t, tc.opts)
			ta := startApp(t, srv, appConfig{Width: 80, Height: 24})
			s := ta.toCapabilities(tc.token)
			for _, w := range tc.want {
				if !strings.Contains(s, w) {
					t.Errorf("%q is missing:\n%s", w, s)
				}
			}
			ta.golden()
			if tc.name == "read_only" {
				ta.press("o")
				ta.waitFor("Opened " + guide.IntegrationsURL)
			}
		})
	}
}

func TestWizardCapabilityProbeFailureIsAGuidedFix(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{})
	ta.toToken()
	ta.paste(notiontest.TokenFull)
	ta.press("enter")
	ta.waitFor("Notion accepted the token")
	srv.InjectFault(notiontest.Fault{Method: "GET", Path: "/v1/users", Status: 500})
	ta.press("enter")
	s := ta.waitPanel("Notion had a problem (500")
	if !strings.Contains(s, "could not check") {
		t.Errorf("the checklist does not say the check failed:\n%s", s)
	}
	ta.press("r")
	ta.waitFor("11 users visible")
	ta.waitGone("Notion had a problem")
}

func TestWizardPlainFileStoreAsksFirst(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{})
	ta.toSave(notiontest.TokenFull)
	ta.saveAs("", keepInFile)
	s := ta.waitFor("Store the token unencrypted?")
	if !strings.Contains(s, "secrets.json") {
		t.Errorf("the warning does not say where:\n%s", s)
	}
	// Declining goes back to the choice, which returns to the keyring.
	ta.press("n")
	ta.waitFor("▸ OS keyring")
	ta.waitGone("Store the token unencrypted?")
	if _, err := os.Stat(filepath.Join(ta.dir, "secrets.json")); err == nil {
		t.Fatal("a secrets file was written after the warning was declined")
	}
	ta.saveAs("", keepInFile)
	ta.waitFor("Store the token unencrypted?")
	ta.press("y")
	ta.waitFor("Saved as profile “default” in a plain file (unencrypted)")
	fi, err := os.Stat(filepath.Join(ta.dir, "secrets.json"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("secrets.json has mode %v", fi.Mode().Perm())
	}
	if ta.keyring.has("default") {
		t.Error("the token also went to the keyring")
	}
	if s := ta.connection(); s.TokenSource != "token from file profile default (stored in plain text)" {
		t.Errorf("token source %q", s.TokenSource)
	}
}

func TestWizardSessionOnlySavesNothing(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{})
	ta.toSave(notiontest.TokenFull)
	ta.saveAs("", keepForSession)
	ta.waitFor("Token kept for this session only")
	if ps, _, err := ta.store.Profiles(); err != nil || len(ps) != 0 {
		t.Errorf("profiles %v, %v", ps, err)
	}
	if s := ta.connection(); s.Token != notiontest.TokenFull || s.Profile != "" || s.TokenSource != "token from this session" {
		t.Errorf("session %+v", s)
	}
}

func TestWizardAsksBeforeReplacingAProfile(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{})
	if err := ta.store.Save(keystore.Profile{Name: "prod", BotName: "Old Bot", WorkspaceName: "Old Space"}, keystore.Secret{Token: "ntn_old_token_000000000000000000000000"}); err != nil {
		t.Fatal(err)
	}
	s := ta.toSave(notiontest.TokenFull)
	if !strings.Contains(s, "Saved: prod") {
		t.Errorf("the saved profiles are not listed:\n%s", s)
	}
	ta.saveAs("prod", keepInKeyring)
	s = ta.waitFor("Replace profile “prod”?")
	if !strings.Contains(s, "“Old Bot” in Old Space") {
		t.Errorf("the question does not say what would be lost:\n%s", s)
	}
	ta.press("n")
	ta.waitFor("┃ Profile name")
	if got := ta.savedToken("prod"); got != "ntn_old_token_000000000000000000000000" {
		t.Fatal("the profile was replaced after the answer no")
	}
	ta.saveAs("prod2", keepInKeyring)
	ta.waitFor("Saved as profile “prod2”")
	if ta.savedToken("prod2") != notiontest.TokenFull || ta.savedToken("prod") == notiontest.TokenFull {
		t.Error("the token went to the wrong profile")
	}
}

func TestWizardRejectsABadProfileName(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{})
	ta.toSave(notiontest.TokenFull)
	ta.press("ctrl+u")
	ta.typeText("my profile")
	ta.press("enter")
	ta.waitFor("invalid profile name")
	if ps, _, _ := ta.store.Profiles(); len(ps) != 0 {
		t.Errorf("saved %v", ps)
	}
}

func TestWizardKeyringFailureKeepsTheTokenAndOffersAlternatives(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	kr := newMemKeyring()
	kr.fail = errNoSecretService
	ta := startApp(t, srv, appConfig{Keyring: kr, Width: 80, Height: 24})
	ta.toSave(notiontest.TokenFull)
	ta.saveAs("", keepInKeyring)
	s := ta.waitFor("The token was not saved")
	for _, want := range []string{"dbus-launch", "kept for this session", "plain file instead", "this session only", "Try again"} {
		if !strings.Contains(s, want) {
			t.Errorf("%q is missing:\n%s", want, s)
		}
	}
	ta.golden()
	// The default answer keeps the token for the session.
	ta.press("enter")
	ta.waitFor("Token kept for this session only")
	if s := ta.connection(); s == nil || s.Token != notiontest.TokenFull {
		t.Errorf("session %+v", s)
	}
}

func TestWizardKeyringFailureCanFallBackToTheFile(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	kr := newMemKeyring()
	kr.fail = errNoSecretService
	ta := startApp(t, srv, appConfig{Keyring: kr, InsecureStorage: true})
	ta.toSave(notiontest.TokenFull)
	ta.saveAs("", keepInKeyring)
	// With --insecure-storage the plain file is the suggested way out,
	// still behind the warning.
	ta.waitFor("▸ Store it in a plain file instead")
	ta.press("enter")
	ta.waitFor("Store the token unencrypted?")
	ta.press("y")
	ta.waitFor("Saved as profile “default” in a plain file")
	if _, err := ta.store.Secret("default"); err != nil {
		t.Errorf("the file store does not hold the token: %v", err)
	}
}

func TestWizardWithoutAStoreKeepsTheTokenForTheSession(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{NoStore: true, StoreErr: fmt.Errorf("no config folder: $HOME is not set")})
	ta.toCapabilities(notiontest.TokenFull)
	ta.press("enter")
	s := ta.waitFor("cannot be saved on this machine")
	if !strings.Contains(s, "$HOME is not set") {
		t.Errorf("the reason is not shown:\n%s", s)
	}
	ta.press("enter")
	ta.waitFor("Token kept for this session only")
}

func TestWizardReenteredTokenReplacesTheSessionAndReturns(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenRevoked, Profile: "prod", TokenSource: "token from keyring profile prod"})
	ta.waitPanel("401 unauthorized")
	ta.press("t")
	s := ta.waitFor("Enter a new token")
	if !strings.Contains(s, "Connecting › New token") {
		t.Errorf("the wizard is not on top of the startup screen:\n%s", s)
	}
	ta.paste(notiontest.TokenFull)
	ta.press("enter")
	ta.waitFor("Notion accepted the token")
	ta.press("enter")
	ta.waitCaps()
	ta.press("enter")
	s = ta.waitFor("Profile name")
	if !strings.Contains(s, "> prod") {
		t.Errorf("the session's profile is not the default name:\n%s", s)
	}
	ta.saveAs("", keepInKeyring)
	ta.waitFor("Saved as profile “prod” in the OS keyring")
	ta.waitGone("Connecting")
	// The startup screen verified the new token once and gave way; the
	// verification it superseded leaves no panel behind.
	if s := ta.settled(); strings.Contains(s, "esc close") {
		t.Errorf("a guided fix is open after the new token was accepted:\n%s", s)
	}
	if ta.savedToken("prod") != notiontest.TokenFull {
		t.Error("the new token was not saved in the profile")
	}
	s2 := ta.connection()
	if s2.Token != notiontest.TokenFull || s2.Me == nil || s2.BotName != notiontest.IntegrationName {
		t.Errorf("session %+v", s2)
	}
}

func TestWizardEscLeavesAReentryWithoutChangingTheSession(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenRevoked})
	ta.waitPanel("401 unauthorized")
	ta.press("t")
	ta.waitFor("Enter a new token")
	ta.typeText("ntn_half")
	ta.press("esc")
	s := ta.waitGone("Enter a new token")
	if !strings.Contains(s, "t enter another token") {
		t.Errorf("not back on the startup screen:\n%s", s)
	}
	if tok := ta.connection().Token; tok != notiontest.TokenRevoked {
		t.Errorf("the session token changed to %q", keystore.Redact(tok))
	}
}

func TestWizardWelcomeOpensTheIntegrationsPage(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{})
	ta.waitFor("How do you want to connect?")
	ta.press("o")
	ta.waitFor("Opened " + guide.IntegrationsURL)
	if got := ta.openedURLs(); len(got) != 1 || got[0] != guide.IntegrationsURL {
		t.Errorf("opened %q", got)
	}

	ta = startApp(t, srv, appConfig{NoBrowser: true})
	ta.waitFor("How do you want to connect?")
	ta.press("o")
	ta.waitFor("No browser could open here. Copy this link: " + guide.IntegrationsURL)
}

func TestWizardOAuthChoiceOpensTheOAuthSignIn(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{})
	ta.waitFor("How do you want to connect?")
	ta.press("down")
	ta.waitFor("▸ Public integration (OAuth)")
	ta.press("enter")
	// The OAuth sign-in opens on top of the wizard.
	ta.waitFor("Setup › ")
	var top ui.Screen
	ta.inspect(func(a *App) { top = a.top() })
	if _, isWizard := top.(*wizard); isWizard {
		t.Error("the wizard is still on top")
	}
}

func TestWizardUsesNoColourUnderNO_COLOR(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{NoColor: true})
	check := func(step string) {
		t.Helper()
		if codes := colourCodes(ta.rawScreen()); len(codes) > 0 {
			t.Errorf("%s: colour codes under NO_COLOR: %q", step, codes)
		}
	}
	ta.waitFor("How do you want to connect?")
	check("welcome")
	ta.press("enter")
	ta.paste(notiontest.TokenFull)
	ta.waitFor("characters")
	check("token")
	ta.press("enter")
	ta.waitFor("Notion accepted the token")
	check("verify")
	ta.press("enter")
	ta.waitCaps()
	check("capabilities")
	ta.press("enter")
	ta.waitFor("Profile name")
	check("save")
	ta.saveAs("", keepInFile)
	ta.waitFor("Store the token unencrypted?")
	check("plain-file warning")
}

func TestWizardVerifiesWithTheSessionVersion(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenRevoked, Version: notionapi.Version20250903, VersionSource: "NOTION_VERSION"})
	ta.waitPanel("401 unauthorized")
	ta.press("t")
	ta.waitFor("Enter a new token")
	srv.ResetRequests()
	ta.paste(notiontest.TokenFull)
	ta.press("enter")
	s := ta.waitFor("Notion accepted the token")
	if !strings.Contains(s, "2025-09-03 (NOTION_VERSION)") {
		t.Errorf("the version in effect is not shown:\n%s", s)
	}
	reqs := srv.Requests()
	if len(reqs) == 0 || reqs[0].Header.Get("Notion-Version") != notionapi.Version20250903 {
		t.Errorf("requests %+v", reqs)
	}
}

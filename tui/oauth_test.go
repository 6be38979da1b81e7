package tui

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// sandboxOAuth prefills the sandbox's public integration.
var sandboxOAuth = ui.OAuthSettings{ClientID: notiontest.OAuthClientID, ClientSecret: notiontest.OAuthClientSecret}

// startOAuthLogin starts the app (on the wizard) and opens the sign-in
// screen over it.
func startOAuthLogin(t *testing.T, srv *notiontest.Server, cfg appConfig) *testApp {
	t.Helper()
	ta := startApp(t, srv, cfg)
	ta.send(pushReq(newOAuthLogin))
	ta.waitFor("Sign in with a public integration")
	return ta
}

// authorizeURL waits for the app to open Notion's consent page and
// returns its address.
func (ta *testApp) authorizeURL() string {
	ta.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		for _, u := range ta.openedURLs() {
			if strings.Contains(u, "/v1/oauth/authorize?") {
				return u
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	ta.t.Fatalf("the consent page was never opened; the screen is:\n%s", ta.screen())
	return ""
}

// approve plays the browser: it follows the consent page's redirect back
// to the app's callback.
func approve(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

// noSecretsOnScreen fails when the screen shows a secret.
func (ta *testApp) noSecretsOnScreen(secrets ...string) {
	ta.t.Helper()
	s := ta.screen()
	for _, sec := range secrets {
		if sec != "" && strings.Contains(s, sec) {
			ta.t.Errorf("the screen shows a secret (%s):\n%s", keystore.Redact(sec), s)
		}
	}
}

func TestOAuthLoginSignsInSavesAndOpensTheExplorer(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startOAuthLogin(t, srv, appConfig{OAuth: sandboxOAuth})
	s := ta.waitFor("from NOTION_OAUTH_CLIENT_SECRET")
	if !strings.Contains(s, notiontest.OAuthClientID) || !strings.Contains(s, "••••") {
		t.Errorf("the form is not prefilled:\n%s", s)
	}
	ta.noSecretsOnScreen(notiontest.OAuthClientSecret)
	ta.press("enter") // every field is filled: the focus is on the last one
	ta.waitFor("Waiting for you to allow access")
	page := approve(t, ta.authorizeURL())
	if !strings.Contains(page, "close this tab") {
		t.Errorf("the browser shows:\n%s", page)
	}
	done := ta.waitFor("Connected to Acme Labs")
	for _, want := range []string{"notion-tui", "Maya Chen <maya.chen@", "default — token stored in the OS keyring", "enter"} {
		if !strings.Contains(done, want) {
			t.Errorf("the summary lacks %q:\n%s", want, done)
		}
	}
	p, err := ta.store.Profile(keystore.DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	sec, err := ta.store.Secret(keystore.DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != keystore.KindOAuth || p.OAuthClientID != notiontest.OAuthClientID || p.WorkspaceName != notiontest.WorkspaceName || p.BotName != "notion-tui" {
		t.Errorf("profile %+v", p)
	}
	if sec.RefreshToken == "" || sec.ClientSecret != notiontest.OAuthClientSecret {
		t.Error("the refresh token or client secret was not saved")
	}
	ta.noSecretsOnScreen(sec.Token, sec.RefreshToken, notiontest.OAuthClientSecret)
	ta.press("enter")
	s = ta.waitFor("Reading List")
	if !strings.Contains(s, "⚿ "+keystore.DefaultProfile) || !strings.Contains(s, "▣ Acme Labs") {
		t.Errorf("the status bar does not show the new session:\n%s", s)
	}
}

func TestOAuthLoginFormChecksAndKeepsInput(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startOAuthLogin(t, srv, appConfig{})
	ta.typeText("client-123")
	ta.press("enter", "enter", "enter") // to the last field, then submit: the secret is empty
	s := ta.waitFor("Enter the OAuth client secret")
	if !strings.Contains(s, "client-123") {
		t.Errorf("the client ID was lost:\n%s", s)
	}
	ta.typeText("s3cr3t-typed-here")
	ta.press("tab", "ctrl+u")
	ta.typeText("no spaces")
	ta.press("enter")
	ta.waitFor("invalid profile name")
	ta.noSecretsOnScreen("s3cr3t-typed-here")
	// q types into the field instead of quitting.
	ta.press("q")
	ta.waitFor("no spacesq")
}

func TestOAuthLoginProposesAProfileThatReplacesNothing(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startApp(t, srv, appConfig{OAuth: sandboxOAuth})
	if err := ta.store.Save(keystore.Profile{Name: keystore.DefaultProfile}, keystore.Secret{Token: notiontest.TokenFull}); err != nil {
		t.Fatal(err)
	}
	ta.send(pushReq(newOAuthLogin))
	ta.waitFor("Profile        › oauth")
	ta.press("ctrl+u")
	ta.typeText("default")
	ta.waitFor("replaces the existing profile “default”")
}

func TestOAuthLoginDeniedShowsTheFixAndKeepsTheForm(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	srv.SetOAuthConsent(true)
	ta := startOAuthLogin(t, srv, appConfig{OAuth: sandboxOAuth})
	ta.press("enter")
	ta.waitFor("Waiting for you")
	if page := approve(t, ta.authorizeURL()); !strings.Contains(page, "not granted") {
		t.Errorf("browser page:\n%s", page)
	}
	s := ta.waitFor("Access was not granted")
	if !strings.Contains(s, "Allow access") {
		t.Errorf("the fix lacks its steps:\n%s", s)
	}
	ta.press("esc") // closes the panel
	s = ta.waitGone("Access was not granted")
	if !strings.Contains(s, notiontest.OAuthClientID) {
		t.Errorf("the form lost its input:\n%s", s)
	}
	if names, _, _ := ta.store.Profiles(); len(names) != 0 {
		t.Errorf("a profile was saved: %v", names)
	}
}

func TestOAuthLoginWrongSecret(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startOAuthLogin(t, srv, appConfig{OAuth: ui.OAuthSettings{ClientID: notiontest.OAuthClientID, ClientSecret: "secret_not_the_right_one_000"}})
	ta.press("enter")
	ta.waitFor("Waiting for you")
	approve(t, ta.authorizeURL())
	ta.waitFor("invalid_client")
	ta.noSecretsOnScreen("secret_not_the_right_one_000")
}

var reRedirect = regexp.MustCompile(`http://localhost:(\d+)/callback`)

func TestOAuthLoginEscCancelsAndFreesThePort(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startOAuthLogin(t, srv, appConfig{OAuth: sandboxOAuth, NoBrowser: true})
	ta.press("enter")
	s := ta.waitFor("Notion sends the browser back to")
	m := reRedirect.FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no redirect URI on screen:\n%s", s)
	}
	ta.waitFor("No browser opened")
	ta.press("esc")
	s = ta.waitFor("Sign-in cancelled")
	if !strings.Contains(s, "Client ID") {
		t.Errorf("esc did not return to the form:\n%s", s)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", "127.0.0.1:"+m[1], time.Second)
		if err != nil {
			break
		}
		conn.Close()
		if time.Now().After(deadline) {
			t.Fatalf("port %s still listens after the sign-in was cancelled", m[1])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestOAuthLoginKeepsTheSessionWhenTheKeyringFails(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	kr := newMemKeyring()
	kr.fail = errNoSecretService
	ta := startOAuthLogin(t, srv, appConfig{OAuth: sandboxOAuth, Keyring: kr})
	ta.press("enter")
	ta.waitFor("Waiting for you")
	approve(t, ta.authorizeURL())
	s := ta.waitFor("Connected to Acme Labs")
	for _, want := range []string{"not saved", "dbus-run-session", "this session only"} {
		if !strings.Contains(s, want) {
			t.Errorf("the summary lacks %q:\n%s", want, s)
		}
	}
	ta.press("enter")
	ta.waitFor("Reading List") // the unsaved token works for the session
}

func TestOAuthLoginInTheDemoIsNotSaved(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startOAuthLogin(t, srv, appConfig{OAuth: sandboxOAuth, Demo: true})
	s := ta.screen()
	if strings.Contains(s, "Profile ") || !strings.Contains(s, "kept for this session only") {
		t.Errorf("the demo form:\n%s", s)
	}
	ta.press("enter")
	ta.waitFor("Waiting for you")
	approve(t, ta.authorizeURL())
	ta.waitFor("Demo sign-in against the sandbox")
	if names, _, _ := ta.store.Profiles(); len(names) != 0 {
		t.Errorf("the demo saved a profile: %v", names)
	}
}

// assertFits fails when a line of the screen is wider than w.
func assertFits(t *testing.T, screen string, w int) {
	t.Helper()
	for i, l := range strings.Split(screen, "\n") {
		if lipgloss.Width(l) > w {
			t.Errorf("line %d is %d cells wide (> %d): %q", i+1, lipgloss.Width(l), w, l)
		}
	}
}

func TestOAuthLoginScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 36}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			srv := notiontest.Start(t, notiontest.Options{Empty: true})
			settings := sandboxOAuth
			settings.Port = 8976 // shown, not listened on, in the form
			ta := startOAuthLogin(t, srv, appConfig{OAuth: settings, Width: size.w, Height: size.h, NoColor: true})
			ta.golden()
			assertFits(t, ta.screen(), size.w)
		})
	}
}

func TestOAuthLoginWaitingScreenFits(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startOAuthLogin(t, srv, appConfig{OAuth: sandboxOAuth, Width: 80, Height: 24})
	ta.press("enter")
	s := ta.waitFor("Gives up after 5m0s")
	assertFits(t, s, 80)
	// The link is wrapped, not cut: joined again it is the whole URL.
	u := ta.authorizeURL()
	var joined strings.Builder
	for _, l := range strings.Split(s, "\n") {
		joined.WriteString(strings.TrimSpace(l))
	}
	if !strings.Contains(joined.String(), u) {
		t.Errorf("the screen does not hold the whole link %s:\n%s", u, s)
	}
	ta.press("esc")
	ta.waitFor("Sign-in cancelled")
}

func TestOAuthLoginDoneScreen(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startOAuthLogin(t, srv, appConfig{OAuth: sandboxOAuth, Width: 80, Height: 24, NoColor: true})
	ta.press("enter")
	ta.waitFor("Waiting for you")
	approve(t, ta.authorizeURL())
	ta.waitFor("Connected to Acme Labs")
	s := ta.settled()
	assertFits(t, s, 80)
	// The status bar's flash and request count depend on timing: compare
	// everything above it.
	lines := strings.Split(s, "\n")
	golden.RequireEqual(t, strings.Join(lines[:len(lines)-1], "\n"))
}

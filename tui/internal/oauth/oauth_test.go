package oauth_test

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
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
	"github.com/notion-tui/notion-tui/tui/internal/oauth"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// sandboxOAuth prefills the sandbox's public integration.
var sandboxOAuth = ui.OAuthSettings{ClientID: notiontest.OAuthClientID, ClientSecret: notiontest.OAuthClientSecret}

// startOAuthLogin starts the app (on the wizard) and opens the sign-in
// screen over it.
func startOAuthLogin(t *testing.T, srv *notiontest.Server, cfg apptest.Config) *apptest.App {
	t.Helper()
	ta := apptest.Start(t, srv, cfg)
	ta.Open(oauth.New)
	ta.WaitFor("Sign in with a public integration")
	return ta
}

// authorizeURL waits for the app to open Notion's consent page and
// returns its address.
func authorizeURL(ta *apptest.App) string {
	ta.T.Helper()
	var url string
	ta.WaitUntil("the consent page to open", func(string) bool {
		for _, u := range ta.OpenedURLs() {
			if strings.Contains(u, "/v1/oauth/authorize?") {
				url = u
				return true
			}
		}
		return false
	})
	return url
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
func noSecretsOnScreen(ta *apptest.App, secrets ...string) {
	ta.T.Helper()
	s := ta.Screen()
	for _, sec := range secrets {
		if sec != "" && strings.Contains(s, sec) {
			ta.T.Errorf("the screen shows a secret (%s):\n%s", keystore.Redact(sec), s)
		}
	}
}

func TestOAuthLoginSignsInSavesAndOpensTheExplorer(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := startOAuthLogin(t, srv, apptest.Config{OAuth: sandboxOAuth})
	s := ta.WaitFor("from NOTION_OAUTH_CLIENT_SECRET")
	if !strings.Contains(s, notiontest.OAuthClientID) || !strings.Contains(s, "••••") {
		t.Errorf("the form is not prefilled:\n%s", s)
	}
	noSecretsOnScreen(ta, notiontest.OAuthClientSecret)
	ta.Press("enter") // every field is filled: the focus is on the last one
	ta.WaitFor("Waiting for you to allow access")
	page := approve(t, authorizeURL(ta))
	if !strings.Contains(page, "close this tab") {
		t.Errorf("the browser shows:\n%s", page)
	}
	done := ta.WaitFor("Connected to Acme Labs")
	for _, want := range []string{"notion-tui", "Maya Chen <maya.chen@", "default — token stored in the OS keyring", "enter"} {
		if !strings.Contains(done, want) {
			t.Errorf("the summary lacks %q:\n%s", want, done)
		}
	}
	p, err := ta.Store.Profile(keystore.DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	sec, err := ta.Store.Secret(keystore.DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != keystore.KindOAuth || p.OAuthClientID != notiontest.OAuthClientID || p.WorkspaceName != notiontest.WorkspaceName || p.BotName != "notion-tui" {
		t.Errorf("profile %+v", p)
	}
	if sec.RefreshToken == "" || sec.ClientSecret != notiontest.OAuthClientSecret {
		t.Error("the refresh token or client secret was not saved")
	}
	noSecretsOnScreen(ta, sec.Token, sec.RefreshToken, notiontest.OAuthClientSecret)
	ta.Press("enter")
	s = ta.WaitFor("Reading List")
	if !strings.Contains(s, "profile "+keystore.DefaultProfile) || !strings.Contains(s, "▣ Acme Labs") {
		t.Errorf("the status bar does not show the new session:\n%s", s)
	}
}

func TestOAuthLoginFormChecksAndKeepsInput(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startOAuthLogin(t, srv, apptest.Config{})
	ta.Type("client-123")
	ta.Press("enter", "enter", "enter") // to the last field, then submit: the secret is empty
	s := ta.WaitFor("Enter the OAuth client secret")
	if !strings.Contains(s, "client-123") {
		t.Errorf("the client ID was lost:\n%s", s)
	}
	ta.Type("s3cr3t-typed-here")
	ta.Press("tab", "ctrl+u")
	ta.Type("no spaces")
	ta.Press("enter")
	ta.WaitFor("invalid profile name")
	noSecretsOnScreen(ta, "s3cr3t-typed-here")
	// q types into the field instead of quitting.
	ta.Press("q")
	ta.WaitFor("no spacesq")
}

func TestOAuthLoginProposesAProfileThatReplacesNothing(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := apptest.Start(t, srv, apptest.Config{OAuth: sandboxOAuth})
	if err := ta.Store.Save(keystore.Profile{Name: keystore.DefaultProfile}, keystore.Secret{Token: notiontest.TokenFull}); err != nil {
		t.Fatal(err)
	}
	ta.Open(oauth.New)
	ta.WaitFor("Profile        › oauth")
	ta.Press("ctrl+u")
	ta.Type("default")
	ta.WaitFor("replaces the existing profile “default”")
}

func TestOAuthLoginDeniedShowsTheFixAndKeepsTheForm(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	srv.SetOAuthConsent(true)
	ta := startOAuthLogin(t, srv, apptest.Config{OAuth: sandboxOAuth})
	ta.Press("enter")
	ta.WaitFor("Waiting for you")
	if page := approve(t, authorizeURL(ta)); !strings.Contains(page, "not granted") {
		t.Errorf("browser page:\n%s", page)
	}
	s := ta.WaitFor("Access was not granted")
	if !strings.Contains(s, "Allow access") {
		t.Errorf("the fix lacks its steps:\n%s", s)
	}
	ta.Press("esc") // closes the panel
	s = ta.WaitGone("Access was not granted")
	if !strings.Contains(s, notiontest.OAuthClientID) {
		t.Errorf("the form lost its input:\n%s", s)
	}
	if names, _, _ := ta.Store.Profiles(); len(names) != 0 {
		t.Errorf("a profile was saved: %v", names)
	}
}

func TestOAuthLoginWrongSecret(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startOAuthLogin(t, srv, apptest.Config{OAuth: ui.OAuthSettings{ClientID: notiontest.OAuthClientID, ClientSecret: "secret_not_the_right_one_000"}})
	ta.Press("enter")
	ta.WaitFor("Waiting for you")
	approve(t, authorizeURL(ta))
	ta.WaitFor("invalid_client")
	noSecretsOnScreen(ta, "secret_not_the_right_one_000")
}

var reRedirect = regexp.MustCompile(`http://localhost:(\d+)/callback`)

func TestOAuthLoginEscCancelsAndFreesThePort(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startOAuthLogin(t, srv, apptest.Config{OAuth: sandboxOAuth, NoBrowser: true})
	ta.Press("enter")
	s := ta.WaitFor("Notion sends the browser back to")
	m := reRedirect.FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no redirect URI on screen:\n%s", s)
	}
	ta.WaitFor("No browser opened")
	ta.Press("esc")
	s = ta.WaitFor("Sign-in cancelled")
	if !strings.Contains(s, "Client ID") {
		t.Errorf("esc did not return to the form:\n%s", s)
	}
	// The listener closes as the sign-in's context ends, beside the
	// screen's update: wait for the port to close.
	ta.WaitUntil("port "+m[1]+" to stop listening", func(string) bool {
		conn, err := net.DialTimeout("tcp", "127.0.0.1:"+m[1], time.Second)
		if err != nil {
			return true
		}
		conn.Close()
		return false
	})
}

func TestOAuthLoginKeepsTheSessionWhenTheKeyringFails(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	kr := uitest.NewKeyring()
	kr.Fail = uitest.ErrNoSecretService
	ta := startOAuthLogin(t, srv, apptest.Config{OAuth: sandboxOAuth, Keyring: kr})
	ta.Press("enter")
	ta.WaitFor("Waiting for you")
	approve(t, authorizeURL(ta))
	s := ta.WaitFor("Connected to Acme Labs")
	for _, want := range []string{"not saved", "dbus-run-session", "this session only"} {
		if !strings.Contains(s, want) {
			t.Errorf("the summary lacks %q:\n%s", want, s)
		}
	}
	ta.Press("enter")
	ta.WaitFor("Reading List") // the unsaved token works for the session
}

func TestOAuthLoginInTheDemoIsNotSaved(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startOAuthLogin(t, srv, apptest.Config{OAuth: sandboxOAuth, Demo: true})
	s := ta.Screen()
	if strings.Contains(s, "Profile ") || !strings.Contains(s, "kept for this session only") {
		t.Errorf("the demo form:\n%s", s)
	}
	ta.Press("enter")
	ta.WaitFor("Waiting for you")
	approve(t, authorizeURL(ta))
	ta.WaitFor("Demo sign-in against the sandbox")
	if names, _, _ := ta.Store.Profiles(); len(names) != 0 {
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
	t.Parallel()
	for _, size := range []struct{ W, H int }{{120, 36}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size.W, size.H), func(t *testing.T) {
			t.Parallel()
			srv := notiontest.Start(t, notiontest.Options{Empty: true})
			settings := sandboxOAuth
			settings.Port = 8976 // shown, not listened on, in the form
			ta := startOAuthLogin(t, srv, apptest.Config{OAuth: settings, Width: size.W, Height: size.H, NoColor: true})
			ta.Golden()
			assertFits(t, ta.Screen(), size.W)
		})
	}
}

func TestOAuthLoginWaitingScreenFits(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startOAuthLogin(t, srv, apptest.Config{OAuth: sandboxOAuth, Width: 80, Height: 24})
	ta.Press("enter")
	s := ta.WaitFor("Gives up after 5m0s")
	assertFits(t, s, 80)
	// The link is wrapped, not cut: joined again it is the whole URL.
	u := authorizeURL(ta)
	var joined strings.Builder
	for _, l := range strings.Split(s, "\n") {
		joined.WriteString(strings.TrimSpace(l))
	}
	if !strings.Contains(joined.String(), u) {
		t.Errorf("the screen does not hold the whole link %s:\n%s", u, s)
	}
	ta.Press("esc")
	ta.WaitFor("Sign-in cancelled")
}

func TestOAuthLoginDoneScreen(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := startOAuthLogin(t, srv, apptest.Config{OAuth: sandboxOAuth, Width: 80, Height: 24, NoColor: true})
	ta.Press("enter")
	ta.WaitFor("Waiting for you")
	approve(t, authorizeURL(ta))
	ta.WaitFor("Connected to Acme Labs")
	s := ta.Settled()
	assertFits(t, s, 80)
	// The status bar's flash and request count depend on timing: compare
	// everything above it.
	lines := strings.Split(s, "\n")
	golden.RequireEqual(t, strings.Join(lines[:len(lines)-1], "\n"))
}

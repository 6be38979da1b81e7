package oauth_test

import (
	"fmt"
	"io"
	"net"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/notion-tui/notion-tui/internal/keyringtest"
	"github.com/notion-tui/notion-tui/internal/testhttp"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
	"github.com/notion-tui/notion-tui/tui/internal/oauth"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// sandboxOAuth prefills the sandbox's public connection.
var sandboxOAuth = ui.OAuthSettings{ClientID: notiontest.OAuthClientID, ClientSecret: notiontest.OAuthClientSecret}

// startOAuthLogin starts the app (on the wizard) and opens the sign-in
// screen over it.
func startOAuthLogin(t *testing.T, srv *notiontest.Server, cfg apptest.Config) *apptest.App {
	t.Helper()
	ta := apptest.Start(t, srv, cfg)
	ta.Open(oauth.New)
	ta.WaitFor("Sign in with a public connection")
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
	resp, err := testhttp.Client.Get(u)
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
	// The setup's save step, as for a pasted token.
	s = ta.WaitFor("┃ Profile name")
	if !strings.Contains(s, "notion-tui in Acme Labs, signed in through OAuth") || !strings.Contains(s, "Where to keep the token") {
		t.Errorf("the save step:\n%s", s)
	}
	saveAs(ta, "", 0)
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
	if p.Kind != keystore.KindOAuth || p.OAuthClientID != notiontest.OAuthClientID || p.WorkspaceName != notiontest.WorkspaceName || p.BotName != "notion-tui" || p.TokenKind != "public" || p.Storage != keystore.StorageKeyring {
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
	ta.Press("tab")
	ta.Type("99999")
	ta.WaitFor("http://localhost:PORT/callback")
	ta.Press("enter")
	ta.WaitFor("The redirect port is a number from 1 to 65535, or empty for any free port")
	noSecretsOnScreen(ta, "s3cr3t-typed-here")
	ta.Press("ctrl+u")
	ta.Type("8977")
	ta.WaitFor("http://localhost:8977/callback")
	// q types into the field instead of quitting.
	ta.Press("q")
	ta.WaitFor("8977q")
}

// saveAs answers the save step: the profile name ("" keeps the
// placeholder "default") and the storage, by its place in the list.
func saveAs(ta *apptest.App, name string, storage int) {
	ta.T.Helper()
	ta.WaitFor("┃ Profile name")
	if name != "" {
		ta.Type(name)
		ta.WaitFor("> " + name)
	}
	ta.Press("enter")
	ta.WaitFor("┃ Where to keep the token")
	for range storage {
		ta.Press("down")
	}
	ta.Press("enter")
}

func TestOAuthLoginAsksBeforeReplacingAProfile(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	ta := apptest.Start(t, srv, apptest.Config{OAuth: sandboxOAuth})
	if err := ta.Store.Save(keystore.Profile{Name: keystore.DefaultProfile}, keystore.Secret{Token: notiontest.TokenFull}); err != nil {
		t.Fatal(err)
	}
	ta.Open(oauth.New)
	ta.WaitFor("Sign in with a public connection")
	ta.Press("enter")
	ta.WaitFor("Waiting for you")
	approve(t, authorizeURL(ta))
	ta.WaitFor("Saved: default")
	saveAs(ta, "", 0)
	ta.WaitFor("Replace profile “default”?")
	ta.Press("n") // no, rename
	ta.WaitFor("┃ Profile name")
	saveAs(ta, "acme", 0)
	ta.WaitFor("acme — token stored in the OS keyring")
	if sec, err := ta.Store.Secret(keystore.DefaultProfile); err != nil || sec.Token != notiontest.TokenFull {
		t.Errorf("the default profile was replaced: %v", err)
	}
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

// TestOAuthLoginWithoutAKeyringOffersTheSameChoices: the keyring is
// known to be unusable before the save step is drawn, which offers the
// plain file (behind its warning) or this session only, as for a pasted
// token; nothing is chosen for the user.
func TestOAuthLoginWithoutAKeyringOffersTheSameChoices(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		storage int // in the list without the keyring
	}{{"plain_file", 0}, {"session_only", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := notiontest.Start(t, notiontest.Options{Rows: 20})
			kr := keyringtest.New()
			kr.Fail = keyringtest.ErrNoSecretService
			ta := startOAuthLogin(t, srv, apptest.Config{OAuth: sandboxOAuth, Keyring: kr})
			ta.Press("enter")
			ta.WaitFor("Waiting for you")
			approve(t, authorizeURL(ta))
			s := ta.WaitFor("The OS keyring cannot be used here")
			if strings.Contains(s, "OS keyring (encrypted") {
				t.Errorf("the keyring is offered:\n%s", s)
			}
			saveAs(ta, "", tc.storage)
			if tc.storage == 0 {
				ta.WaitFor("Store the token unencrypted?")
				ta.Press("y") // accepts and submits, as huh's confirm does
				ta.WaitFor("default — token stored in plain text in the config folder")
				if sec, err := ta.Store.Secret(keystore.DefaultProfile); err != nil || sec.RefreshToken == "" {
					t.Errorf("the plain file holds no token: %v", err)
				}
			} else {
				ta.WaitFor("Not saved: the token works for this session only")
				if names, _, _ := ta.Store.Profiles(); len(names) != 0 {
					t.Errorf("a profile was saved: %v", names)
				}
			}
			ta.Press("enter")
			ta.WaitFor("Reading List") // the token works for the session either way
		})
	}
}

// TestOAuthLoginBusyPortIsFixedInTheForm: a redirect port in use shows
// the fix naming the form's port field; closing the panel returns to it,
// and another port signs in.
func TestOAuthLoginBusyPortIsFixedInTheForm(t *testing.T) {
	t.Parallel()
	busy, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	srv := notiontest.Start(t, notiontest.Options{Empty: true})
	settings := sandboxOAuth
	settings.Port = port
	ta := startOAuthLogin(t, srv, apptest.Config{OAuth: settings})
	ta.Press("enter")
	s := ta.WaitFor("cannot listen on port " + strconv.Itoa(port))
	flat := strings.Join(strings.Fields(s), " ")
	// Over the form's field only enter (retry) and esc act: the steps
	// name no other key.
	if !strings.Contains(flat, "in the “Redirect port” field (press esc)") || strings.Contains(flat, "--redirect-port") || strings.Contains(flat, "(press r)") {
		t.Errorf("the fix does not point to the port field:\n%s", s)
	}
	ta.Press("esc")
	ta.WaitGone("cannot listen on port")
	ta.Press("ctrl+u") // the port field has the focus: empty picks a free port
	ta.WaitFor("<a free port>")
	ta.Press("enter")
	ta.WaitFor("Waiting for you")
	approve(t, authorizeURL(ta))
	ta.WaitFor("┃ Profile name")
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
	for _, size := range apptest.Sizes {
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
	saveAs(ta, "", 0)
	ta.WaitFor("Connected to Acme Labs")
	s := ta.Settled()
	assertFits(t, s, 80)
	// The status bar's flash and request count depend on timing: compare
	// everything above it.
	lines := strings.Split(s, "\n")
	golden.RequireEqual(t, strings.Join(lines[:len(lines)-1], "\n"))
}

// TestOAuthLoginSaveStepScreen: the sign-in's save step is the setup's,
// under who signed in, at both sizes.
func TestOAuthLoginSaveStepScreen(t *testing.T) {
	t.Parallel()
	for _, size := range []struct{ W, H int }{{120, 36}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size.W, size.H), func(t *testing.T) {
			t.Parallel()
			srv := notiontest.Start(t, notiontest.Options{Empty: true})
			ta := startOAuthLogin(t, srv, apptest.Config{OAuth: sandboxOAuth, Width: size.W, Height: size.H, NoColor: true})
			ta.Press("enter")
			ta.WaitFor("Waiting for you")
			approve(t, authorizeURL(ta))
			ta.WaitFor("┃ Profile name")
			s := ta.Settled()
			assertFits(t, s, size.W)
			lines := strings.Split(s, "\n")
			golden.RequireEqual(t, strings.Join(lines[:len(lines)-1], "\n"))
		})
	}
}

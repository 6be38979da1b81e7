package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// useKeyring reports whether a real Secret Service is there to store the
// token in (CI runs the tests in a private session bus with one).
func useKeyring() bool {
	return os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" && os.Getenv("NOTION_TUI_REQUIRE_SECRET_SERVICE") == "1"
}

// TestWizardEndToEnd sets up a token the way a newcomer does, against
// `notion-tui sandbox`: paste, verify, capabilities, save as profile
// "e2e", and the explorer. A second start finds the profile.
func TestWizardEndToEnd(t *testing.T) {
	t.Parallel()
	// Paced at 200 requests/s, not Notion's 3: the checklist's reads
	// would take over a second, and pacing has tests of its own.
	url := StartSandbox(t, "--rate", "200")
	env := map[string]string{"NOTION_RATE": "200"}
	if useKeyring() {
		env["DBUS_SESSION_BUS_ADDRESS"] = os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	}
	s := Start(t, []string{"--base-url", url}, env)
	s.WaitFor("Which kind of token will you use?", 10*time.Second)
	s.SendKeys("Down")
	s.WaitFor("▸ Internal connection", 5*time.Second)
	s.SendKeys("Enter")
	s.WaitFor("Paste your connection's API token", 5*time.Second)
	s.Paste(notiontest.TokenFull)
	screen := s.WaitFor("34 characters", 5*time.Second)
	if strings.Contains(screen, notiontest.TokenFull) {
		t.Fatalf("the token is on the screen:\n%s", screen)
	}
	s.SendKeys("Enter")
	s.WaitFor("Notion accepted the token", 10*time.Second)
	s.SendKeys("Enter")
	s.WaitUntil("the capability checklist", 20*time.Second, func(screen string) bool {
		return strings.Contains(screen, "8 data sources") && strings.Contains(screen, "11 users visible") &&
			strings.Contains(screen, "checked on the first create")
	})
	s.SendKeys("Enter")
	s.WaitFor("┃ Profile name", 5*time.Second)
	s.SendKeys("C-u")
	s.Type("e2e")
	s.WaitFor("> e2e", 5*time.Second)
	s.SendKeys("Enter")
	screen = s.WaitFor("┃ Where to keep the token", 5*time.Second)
	if useKeyring() {
		s.SendKeys("Enter")
	} else {
		// Where no keyring works, the step says so and puts the plain
		// file first; otherwise it is the second choice.
		if !strings.Contains(screen, "The OS keyring cannot be used here") {
			s.SendKeys("Down")
		}
		s.WaitFor("┃ ▸ Plain file", 5*time.Second)
		s.SendKeys("Enter")
		s.WaitFor("Store the token unencrypted?", 5*time.Second)
		s.Type("y")
	}
	screen = s.WaitFor("Reading List", 15*time.Second)
	for _, want := range []string{"profile e2e", "Acme Labs"} {
		if !strings.Contains(screen, want) {
			t.Errorf("%q is not on the explorer's screen:\n%s", want, screen)
		}
	}
	config := filepath.Join(s.Home(), ".config", "notion-tui")
	if _, err := os.Stat(filepath.Join(config, "config.json")); err != nil {
		t.Fatalf("no profile was saved: %v", err)
	}
	if !useKeyring() {
		fi, err := os.Stat(filepath.Join(config, "secrets.json"))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("secrets.json: %v, %v", fi, err)
		}
	}
	s.SendKeys("q")
	if code := s.Wait(5 * time.Second); code != 0 {
		t.Errorf("exit status %d after q", code)
	}

	// The next start uses the saved profile without asking.
	env["HOME"], env["XDG_CONFIG_HOME"] = s.Home(), filepath.Join(s.Home(), ".config")
	again := Start(t, []string{"--base-url", url}, env)
	screen = again.WaitFor("Reading List", 15*time.Second)
	if strings.Contains(screen, "Set up notion-tui") {
		t.Errorf("the wizard ran again:\n%s", screen)
	}
}

// TestRevokedTokenShowsTheGuidedFix starts with a revoked token and
// expects the 401 panel with its keys.
func TestRevokedTokenShowsTheGuidedFix(t *testing.T) {
	t.Parallel()
	url := StartSandbox(t)
	s := Start(t, []string{"--base-url", url}, map[string]string{"NOTION_TOKEN": notiontest.TokenRevoked})
	// The startup screen names the error before the panel opens over it:
	// wait for the frame that has the panel and its keys, not for the
	// first line of text.
	wants := []string{"The token was rejected (401 unauthorized)", "t re-enter token", "o open connections in the Developer portal", "update every environment"}
	s.WaitUntil("the 401 panel with its keys", 30*time.Second, func(screen string) bool {
		for _, want := range wants {
			if !strings.Contains(screen, want) {
				return false
			}
		}
		return true
	})
	s.Resize(80, 24)
	s.WaitUntil("the panel at 80 columns", 5*time.Second, func(screen string) bool {
		lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
		return len(lines) <= 24 && strings.Contains(screen, "t re-enter token") && strings.Contains(screen, "How to fix it")
	})
	s.SendKeys("C-c")
	if code := s.Wait(5 * time.Second); code != 0 {
		t.Errorf("exit status %d after ctrl+c", code)
	}
}

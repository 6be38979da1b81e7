package browser

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// environ is a user's environment with secrets notion-tui reads and some
// it must leave alone.
var environ = []string{
	"PATH=/usr/bin",
	"HOME=/home/maya",
	"DISPLAY=:0",
	"NOTION_TOKEN=ntn_123456789012345678901234567890123456789012345",
	"NOTION_OAUTH_CLIENT_SECRET=secret_oauthclientsecret",
	"NOTION_OAUTH_CLIENT_ID=2f1d0000-0000-0000-0000-000000000000",
	"NOTION_API_KEY=secret_from_the_sdk_examples",
	"notion_token=lowercase_on_windows",
	"NOTION_PROFILE=prod",
	"NOTION_VERSION=2026-03-11",
	"NOTION_BASE_URL=https://api.notion.com",
	"GITHUB_TOKEN=not_ours_to_judge",
	"EMPTY=",
	"NOEQUALS",
}

func TestScrubRemovesSecrets(t *testing.T) {
	t.Parallel()
	got := Scrub(environ)
	want := []string{
		"PATH=/usr/bin", "HOME=/home/maya", "DISPLAY=:0",
		"NOTION_PROFILE=prod", "NOTION_VERSION=2026-03-11", "NOTION_BASE_URL=https://api.notion.com",
		"GITHUB_TOKEN=not_ours_to_judge", "EMPTY=", "NOEQUALS",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Scrub =\n%q\nwant\n%q", got, want)
	}
	if environ[3] != "NOTION_TOKEN=ntn_123456789012345678901234567890123456789012345" {
		t.Error("Scrub changed its input")
	}
}

func TestCommandPerPlatform(t *testing.T) {
	t.Parallel()
	const link = "https://www.notion.so/Roadmap-0123456789abcdef0123456789abcdef"
	for goos, args := range map[string][]string{
		"darwin":  {"open", link},
		"windows": {"rundll32", "url.dll,FileProtocolHandler", link},
	} {
		cmd, err := Command(goos, link, environ)
		if err != nil {
			t.Fatalf("%s: %v", goos, err)
		}
		if !slices.Equal(cmd.Args, args) {
			t.Errorf("%s: args %q, want %q", goos, cmd.Args, args)
		}
		for _, kv := range cmd.Env {
			if strings.Contains(kv, "secret") || strings.HasPrefix(kv, "NOTION_TOKEN=") {
				t.Errorf("%s: the opener gets %q", goos, kv)
			}
		}
		if !slices.Contains(cmd.Env, "DISPLAY=:0") {
			t.Errorf("%s: the opener lost the rest of the environment: %q", goos, cmd.Env)
		}
	}
}

func TestOnlyWebLinksOpen(t *testing.T) {
	t.Parallel()
	for _, link := range []string{
		"file:///etc/passwd",
		"javascript:alert(1)",
		"-new-window",
		"ssh://host",
		"https://",
		"/relative/path",
		"smb://server/share",
		"ms-settings:privacy",
		"",
	} {
		if _, err := Command("windows", link, nil); err == nil {
			t.Errorf("Command accepted %q", link)
		}
	}
	if _, err := Command("darwin", "http://localhost:8976/callback", nil); err != nil {
		t.Errorf("a loopback http link was refused: %v", err)
	}
}

func TestNoOpener(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("looks xdg-open up in PATH")
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := Command("linux", "https://example.com", nil); !errors.Is(err, ErrNoOpener) {
		t.Errorf("Command without xdg-open = %v, want ErrNoOpener", err)
	}
	if err := Open("https://example.com"); !errors.Is(err, ErrNoOpener) {
		t.Errorf("Open without xdg-open = %v, want ErrNoOpener", err)
	}
}

// TestTheOpenerProcessGetsNoSecrets runs a stand-in xdg-open that writes
// the environment it was given, and the link, to a file.
func TestTheOpenerProcessGetsNoSecrets(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("runs a shell-script xdg-open")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "seen")
	script := "#!/bin/sh\nenv > '" + out + "'\nprintf 'URL=%s\\n' \"$1\" >> '" + out + "'\n"
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("NOTION_TOKEN", "ntn_must_not_reach_the_browser_000000000000000")
	t.Setenv("NOTION_OAUTH_CLIENT_SECRET", "secret_must_not_reach_the_browser")
	t.Setenv("NOTION_PROFILE", "prod")

	const link = "https://www.notion.so/my-integrations"
	cmd, err := Command(runtime.GOOS, link, os.Environ())
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v", cmd, err)
	}
	seen, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(seen), "\n") {
		if strings.Contains(line, "must_not_reach_the_browser") {
			t.Errorf("the opener received %q", line)
		}
	}
	for _, want := range []string{"URL=" + link, "NOTION_PROFILE=prod"} {
		if !strings.Contains(string(seen), want+"\n") {
			t.Errorf("the opener did not receive %q:\n%s", want, seen)
		}
	}
}

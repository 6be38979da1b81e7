// Package browser opens web links in the user's browser with the
// platform's opener (open on macOS, rundll32 on Windows, xdg-open
// elsewhere), without handing the browser notion-tui's secrets.
//
// The opener is a child process and would inherit the whole environment:
// NOTION_TOKEN, NOTION_OAUTH_CLIENT_SECRET and the like would reach the
// browser and everything it starts (helpers, extensions' native hosts,
// crash reporters). Open starts it with every secret-looking NOTION_
// variable removed (see Secret). It opens only http and https links, so a
// link from workspace data can never name a local file or a scheme handler.
package browser

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
)

// Open shows rawURL in the user's browser and returns once the opener has
// started; it fails when the link is not http(s) or no opener exists on
// this machine, and the caller then shows the link instead.
func Open(rawURL string) error {
	cmd, err := Command(runtime.GOOS, rawURL, os.Environ())
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open the browser: %w", err)
	}
	go cmd.Wait() //nolint:errcheck // the opener's exit status says nothing about the browser
	return nil
}

// ErrNoOpener means this machine has no program to open a browser with
// (no xdg-open on a server, for example).
var ErrNoOpener = errors.New("no browser opener on this machine")

// Command returns the opener for rawURL on goos, not started, with environ
// (os.Environ's form) minus its secrets as the environment.
func Command(goos, rawURL string, environ []string) (*exec.Cmd, error) {
	if err := check(rawURL); err != nil {
		return nil, err
	}
	var cmd *exec.Cmd
	switch goos {
	case "darwin", "ios":
		cmd = exec.Command("open", rawURL)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", rawURL)
	default:
		path, err := exec.LookPath("xdg-open")
		if err != nil {
			return nil, fmt.Errorf("%w (xdg-open not found)", ErrNoOpener)
		}
		cmd = exec.Command(path, rawURL)
	}
	cmd.Env = Scrub(environ)
	return cmd, nil
}

// check accepts absolute http and https links only.
func check(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("not a web link: %w", err)
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("only http and https links open in the browser, not %q", strings.SplitN(rawURL, ":", 2)[0]+":")
	}
	return nil
}

// Scrub returns environ without the variables Secret names.
func Scrub(environ []string) []string {
	return slices.DeleteFunc(slices.Clone(environ), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return Secret(name)
	})
}

// Secret reports whether the environment variable name may hold a secret
// of notion-tui's or of another Notion tool's: NOTION_TOKEN,
// NOTION_OAUTH_CLIENT_SECRET, and any NOTION_ variable whose name mentions
// a token, secret, key, password, credential or auth (NOTION_API_KEY, as
// the official SDK's examples use, for one; NOTION_OAUTH_CLIENT_ID goes
// too, which costs nothing). Names are compared without case, as Windows
// does.
func Secret(name string) bool {
	upper := strings.ToUpper(name)
	rest, ok := strings.CutPrefix(upper, "NOTION_")
	if !ok {
		return false
	}
	for _, word := range []string{"TOKEN", "SECRET", "KEY", "PASSWORD", "PASSWD", "CREDENTIAL", "AUTH"} {
		if strings.Contains(rest, word) {
			return true
		}
	}
	return false
}

// Package tui is the interactive app: a stack of screens over the Notion
// API, with a setup wizard, an explorer, database views, page previews, a
// new-page form, guided fixes and a request log. The command line starts
// it with Run; everything else lives in tui/internal (see
// docs/ARCHITECTURE.md).
package tui

import (
	"fmt"
	"os/exec"
	"runtime"

	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// Connection is who the app talks to Notion as: the client, the token and
// where it came from, and the Notion-Version and base URL in use.
type Connection = ui.Connection

// OAuthSettings prefill and direct the OAuth sign-in screen.
type OAuthSettings = ui.OAuthSettings

// OpenBrowser opens url with the platform's opener (open, xdg-open,
// rundll32); it fails where none exists, and the caller then shows the
// link.
func OpenBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		if _, err := exec.LookPath("xdg-open"); err != nil {
			return fmt.Errorf("no browser opener (xdg-open) on this machine")
		}
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // the opener's exit status says nothing about the browser
	return nil
}

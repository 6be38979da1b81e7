package app

import (
	"fmt"
	"os/exec"
	"runtime"
)

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

package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Version is the app's version, set at build time with
// -ldflags "-X github.com/notion-tui/notion-tui/internal/cli.Version=v1.2.3"
// (it must stay a constant-initialised string for -X to set it).
var Version = "dev"

// appVersion is Version, or the module's version from the build
// information (go install …@v1.2.3) when no version was stamped.
func appVersion() string {
	if Version == "dev" {
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return bi.Main.Version
		}
	}
	return Version
}

// versionInfo is what version prints.
type versionInfo struct {
	Version           string   `json:"version"`
	Go                string   `json:"go"`
	Platform          string   `json:"platform"`
	NotionVersion     string   `json:"notion_version"`
	SupportedVersions []string `json:"supported_notion_versions"`
}

func (a *app) versionCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "version",
		Short:   "Print the version",
		Long:    "Print notion-tui's version, the Go version and platform it was built with, and the Notion-Versions it speaks.",
		Example: "\nnotion-tui version\nnotion-tui version --json",
		Args:    noArgs(""),
	}
	out := addOutputFlags(cmd, formatText, formatJSON)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		format, err := out.get(cmd)
		if err != nil {
			return err
		}
		v := versionInfo{appVersion(), runtime.Version(), runtime.GOOS + "/" + runtime.GOARCH, notionapi.DefaultVersion, notionapi.SupportedVersions}
		if format == formatJSON {
			return writeJSON(a.env.Stdout, v)
		}
		_, err = fmt.Fprintf(a.env.Stdout, "notion-tui %s (%s, %s)\nNotion-Version %s by default; supported: %s\n",
			v.Version, v.Go, v.Platform, v.NotionVersion, strings.Join(v.SupportedVersions, ", "))
		return err
	}
	return cmd
}

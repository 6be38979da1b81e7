package cli

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/version"
	"github.com/notion-tui/notion-tui/notionapi"
)

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
		v := versionInfo{version.String(), runtime.Version(), runtime.GOOS + "/" + runtime.GOARCH, notionapi.DefaultVersion, notionapi.SupportedVersions}
		if format == formatJSON {
			return writeJSON(a.env.Stdout, v)
		}
		_, err = fmt.Fprintf(a.env.Stdout, "notion-tui %s (%s, %s)\nNotion-Version %s by default; supported: %s\n",
			v.Version, v.Go, v.Platform, v.NotionVersion, strings.Join(v.SupportedVersions, ", "))
		return err
	}
	return cmd
}

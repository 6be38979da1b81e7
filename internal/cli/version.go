package cli

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Version is the app's version, set at build time with
// -ldflags "-X github.com/notion-tui/notion-tui/internal/cli.Version=v1.2.3"
// or read from the module's build information.
var Version = buildVersion()

func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func versionCommand() *command {
	return &command{
		name:    "version",
		summary: "print the version",
		setup: func(fs *flag.FlagSet, g *Globals, env *Env) func(context.Context, []string) error {
			return func(context.Context, []string) error {
				fmt.Fprintf(env.Stdout, "notion-tui %s (%s, %s/%s)\nNotion-Version %s by default; supported: %s\n",
					Version, runtime.Version(), runtime.GOOS, runtime.GOARCH,
					notionapi.DefaultVersion, strings.Join(notionapi.SupportedVersions, ", "))
				return nil
			}
		},
	}
}

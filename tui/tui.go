// Package tui is the interactive app: a stack of screens over the Notion
// API, with a setup wizard, an explorer, database views, page previews, a
// new-page form, guided fixes and a request log. The command line starts
// it with Run; everything else lives under tui/internal, where nothing
// outside this package can import it (see docs/ARCHITECTURE.md).
package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/memlimit"
	"github.com/notion-tui/notion-tui/tui/internal/app"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// Options start the app.
type Options = app.Options

// Connection is who the app talks to Notion as: the client, the token and
// where it came from, and the Notion-Version and base URL in use.
type Connection = ui.Connection

// OAuthSettings prefill and direct the OAuth sign-in screen.
type OAuthSettings = ui.OAuthSettings

// Run starts the app on the terminal and returns when it quits. While it
// runs, the runtime's memory limit follows the live heap (see memlimit),
// unless GOMEMLIMIT is set.
func Run(ctx context.Context, o Options, progOpts ...tea.ProgramOption) error {
	defer memlimit.Follow(memlimit.AppFloor)()
	return app.Run(ctx, o, progOpts...)
}

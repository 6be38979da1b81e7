package tui

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// Session is who the app talks to Notion as.
type Session struct {
	Client *notionapi.Client
	// Token is kept to save it (wizard) and never shown.
	Token       string
	TokenSource string // "token from keyring profile prod"
	Profile     string // "" for none (NOTION_TOKEN, session only, demo)
	// Learned from /v1/users/me.
	Me        *notionapi.User
	Workspace string
	BotName   string
	// Settings and where they came from.
	Version       string
	VersionSource string
	BaseURL       string
	// OAuth marks an OAuth access token (refreshable through the profile).
	OAuth bool
}

// Context is shared by every screen: the session, the styles, the size,
// the request log and the cache. Update runs on one goroutine, so screens
// read it freely there; a tea.Cmd must copy what it needs (the client, IDs)
// into locals before it returns, and never read the Context from its
// goroutine.
type Context struct {
	// Ctx lives as long as the app; screens derive their own from it.
	Ctx      context.Context
	Session  *Session
	Styles   *styles.Styles
	Width    int
	Height   int
	Activity *Activity
	Cache    *Cache
	// Store is the profile store; nil when no config folder is usable.
	Store *keystore.Store
	// StoreErr says why Store is nil.
	StoreErr        error
	Demo            bool
	InsecureStorage bool
	ConfigDir       string
	Now             func() time.Time
	// OpenURL opens a link in the browser; it fails where none can open,
	// and the caller then shows the link.
	OpenURL func(url string) error
	// Version and VersionSource are the Notion-Version for sessions the
	// app starts (the wizard); VersionSource "" means the default.
	Version       string
	VersionSource string
	// Connect builds a client for a token and version with the app's base
	// URL, pacing and hooks.
	Connect func(token, version string) (*notionapi.Client, error)
	// OAuth prefills and directs the OAuth sign-in.
	OAuth OAuthSettings

	ids atomic.Int64
	// nav holds the navigation asked for during the current Update.
	nav []navOp
}

type navKind int

const (
	navPush navKind = iota
	navPop
	navReplace
	navReset
)

type navOp struct {
	kind navKind
	s    Screen
}

// Push opens s on top of the current screen. Like Pop, Replace and Reset,
// it must be called from Update (never from a tea.Cmd's goroutine); it
// returns no command so that it reads as one: return s, c.Push(next).
func (c *Context) Push(s Screen) tea.Cmd { c.nav = append(c.nav, navOp{navPush, s}); return nil }

// Pop closes the current screen.
func (c *Context) Pop() tea.Cmd { c.nav = append(c.nav, navOp{kind: navPop}); return nil }

// Replace swaps the current screen for s.
func (c *Context) Replace(s Screen) tea.Cmd { c.nav = append(c.nav, navOp{navReplace, s}); return nil }

// Reset clears the stack and shows s (for instance the explorer after the
// wizard).
func (c *Context) Reset(s Screen) tea.Cmd { c.nav = append(c.nav, navOp{navReset, s}); return nil }

// NextID returns a number unique in the session, to tag a screen's
// requests so that late answers for another screen are ignored.
func (c *Context) NextID() int64 { return c.ids.Add(1) }

// GuideContext is what guided fixes need to know about the session.
func (c *Context) GuideContext() guide.Context {
	g := guide.Context{}
	if s := c.Session; s != nil {
		g.IntegrationName, g.TokenSource, g.Version, g.VersionSource, g.BaseURL = s.BotName, s.TokenSource, s.Version, s.VersionSource, s.BaseURL
	}
	return g
}

// Client returns the session's client, or nil before a token is set.
func (c *Context) Client() *notionapi.Client {
	if c.Session == nil {
		return nil
	}
	return c.Session.Client
}

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

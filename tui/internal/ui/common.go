package ui

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// Connection is who the app talks to Notion as, and how: the client, the
// token and where it came from, what /v1/users/me told, and the settings.
type Connection struct {
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

// Common is handed to every screen: the connection, the styles, the
// request log, the cache, the settings, and the navigation the screen
// asks for. Update runs on one goroutine, so screens read it freely there;
// a tea.Cmd copies what it needs (the client, IDs) into locals before it
// returns, and never reads Common from its goroutine.
type Common struct {
	// Ctx lives as long as the app; screens derive their own from it.
	Ctx context.Context
	// Conn is nil until a token is set (the setup wizard).
	Conn     *Connection
	Styles   *styles.Styles
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
	// Version and VersionSource are the Notion-Version for connections
	// the app makes (the wizard); VersionSource "" means the default.
	Version       string
	VersionSource string
	// Connect builds a client for a token and version with the app's base
	// URL, pacing and request-log hooks.
	Connect func(token, version string) (*notionapi.Client, error)
	// OAuth prefills and directs the OAuth sign-in.
	OAuth OAuthSettings

	ids atomic.Int64
	nav []Nav
}

// NextID returns a number unique in the session, to tag a screen's
// requests so that late answers for another screen are ignored.
func (c *Common) NextID() int64 { return c.ids.Add(1) }

// Client returns the connection's client, or nil before a token is set.
func (c *Common) Client() *notionapi.Client {
	if c.Conn == nil {
		return nil
	}
	return c.Conn.Client
}

// GuideFacts is what guided fixes need to know about the connection.
func (c *Common) GuideFacts() guide.Context {
	g := guide.Context{Audience: guide.TUI}
	if s := c.Conn; s != nil {
		g.IntegrationName, g.TokenSource, g.Version, g.VersionSource, g.BaseURL = s.BotName, s.TokenSource, s.Version, s.VersionSource, s.BaseURL
		g.Profile, g.Kind = s.Profile, s.Kind()
	}
	return g
}

// Kind is the kind of the token in use, as /v1/users/me told it: a
// person for a personal access token, a bot for a connection (public when
// signed in through OAuth).
func (s *Connection) Kind() notionapi.TokenKind {
	k := notionapi.KindOf(s.Me)
	if k == notionapi.TokenKindUnknown && s.OAuth {
		k = notionapi.TokenKindPublic
	}
	return k
}

// Visible says which pages and data sources the lists hold for the kind
// of token: a personal access token sees what its person sees, with
// nothing to share; a connection sees what was shared with it.
func (c *Common) Visible() string {
	if c.Conn != nil && c.Conn.Kind() == notionapi.TokenKindPersonal {
		return "you can see"
	}
	return "shared with the connection"
}

// TableNoun names what a table is under the connection's Notion-Version:
// "data source" since 2025-09-03, "database" under 2022-06-28.
func (c *Common) TableNoun() string {
	if client := c.Client(); client != nil && !notionapi.UsesDataSources(client.Version()) {
		return "database"
	}
	return "data source"
}

// OAuthSettings prefill and direct the OAuth sign-in screen.
type OAuthSettings struct {
	// ClientID and ClientSecret prefill the form (NOTION_OAUTH_CLIENT_ID
	// and NOTION_OAUTH_CLIENT_SECRET, or the sandbox's in the demo). The
	// secret is never shown.
	ClientID     string
	ClientSecret string
	// Port is the redirect URI's loopback port; 0 picks a free one.
	Port int
	// Timeout bounds the wait for the browser; 0 means
	// oauthflow.DefaultTimeout.
	Timeout time.Duration
}

package ui

import "github.com/notion-tui/notion-tui/notionapi"

// Navigation is asked for from a screen's Update and applied by the root
// as soon as that Update returns, before the next message: a key pressed
// right after "open" reaches the screen that was opened. Never call these
// from a tea.Cmd's goroutine.

// Open opens the screen a route names on top of the current one.
func (c *Common) Open(r Route) { c.nav = append(c.nav, Nav{Kind: NavOpen, Route: r}) }

// Push opens a screen built by the caller (a screen's own sub-screen,
// such as the database view's export).
func (c *Common) Push(s Screen) { c.nav = append(c.nav, Nav{Kind: NavOpen, Screen: s}) }

// Back closes the current screen.
func (c *Common) Back() { c.nav = append(c.nav, Nav{Kind: NavBack}) }

// Replace closes the current screen and opens the one r names.
func (c *Common) Replace(r Route) { c.nav = append(c.nav, Nav{Kind: NavReplace, Route: r}) }

// Reset closes every screen and opens the one r names (the explorer after
// the setup wizard).
func (c *Common) Reset(r Route) { c.nav = append(c.nav, Nav{Kind: NavReset, Route: r}) }

// TakeNav returns the navigation asked for since the last call, in order.
// Only the root calls it.
func (c *Common) TakeNav() []Nav {
	n := c.nav
	c.nav = nil
	return n
}

// NavKind is what a navigation does to the screen stack.
type NavKind int

// The navigations.
const (
	NavOpen NavKind = iota
	NavBack
	NavReplace
	NavReset
)

// Nav is one navigation: a kind and the screen, built already (Screen)
// or named by a route.
type Nav struct {
	Kind   NavKind
	Route  Route
	Screen Screen
}

// Route names a screen to open; the root builds it. Routes are values, so
// that a history of visited screens can keep them.
type Route interface{ route() }

// The screens a route can name.
type (
	// Explorer is the home screen: the Databases, Pages and Users tabs.
	// Tab names the tab to show ("" the first), Find what to narrow it to.
	Explorer struct {
		Tab  string
		Find string
	}
	// SetupWizard sets up a first token.
	SetupWizard struct{}
	// NewToken asks for another token for the running session (after a
	// rejected one) and returns where the user was.
	NewToken struct{}
	// OAuthSignIn signs in with a public connection.
	OAuthSignIn struct{}
	// OpenByLink opens what a Notion link or ID names: a page in the
	// preview, a database or data source in the database view. With Link
	// empty it asks for one. Database says the ID is likely a database's
	// (a child database, a database mention), which is tried first.
	OpenByLink struct {
		Link     string
		Database bool
	}
	// Comments lists a page's comments and adds one.
	Comments struct {
		PageID string
		Title  string
	}
	// DatabaseView shows a data source's rows (a database under
	// 2022-06-28); ViewID, when set, opens one of its views (the v= of a
	// view link).
	DatabaseView struct {
		DataSource *notionapi.DataSource
		ViewID     string
	}
	// PagePreview shows a page. Schema orders its properties when known;
	// Page, when the opener read it already, saves reading it again.
	PagePreview struct {
		ID     string
		Schema notionapi.Schema
		Page   *notionapi.Page
	}
	// CreatePage is the new-page form of a data source. Presets fill
	// fields by property name, as the form's text (a board's column).
	CreatePage struct {
		DataSource *notionapi.DataSource
		Presets    map[string]string
	}
	// RequestLog lists the session's API requests.
	RequestLog struct{}
)

func (Explorer) route()     {}
func (SetupWizard) route()  {}
func (NewToken) route()     {}
func (OAuthSignIn) route()  {}
func (OpenByLink) route()   {}
func (Comments) route()     {}
func (DatabaseView) route() {}
func (PagePreview) route()  {}
func (CreatePage) route()   {}
func (RequestLog) route()   {}

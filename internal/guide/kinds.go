package guide

import (
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// KindGuide is what a setup shows for one kind of token: how to get it,
// where, and what to know about it.
type KindGuide struct {
	Kind notionapi.TokenKind
	// Title names the kind as a choice: "Personal access token".
	Title string
	// Blurb says in one line why to choose it.
	Blurb string
	// Steps get a token of the kind, worded for the audience.
	Steps []string
	// Link is where the token is made (ActOpenLink).
	Link Link
	// Notes are what to know before choosing it.
	Notes []string
}

// HowToGet says how to get a token of the given kind (the wizard's first
// step, `notion-tui auth login`). An unknown kind gets the personal access
// token's guide, the fastest.
func HowToGet(kind notionapi.TokenKind, c Context) KindGuide {
	switch kind {
	case notionapi.TokenKindInternal:
		return KindGuide{
			Kind:  kind,
			Title: "Internal connection",
			Blurb: "A bot for the workspace: it sees only the pages shared with it, and stays when people leave.",
			Steps: []string{
				"Open " + ConnectionsURL + c.press(ActOpenLink) + " and create a new connection for the workspace (workspace owners only).",
				"On its Configuration tab, choose its capabilities: “Read content”; “Insert content” and “Update content” to create and edit pages; “Read user information” to show people by name.",
				"On the same tab, show and copy its API token.",
				c.say("Paste it in the next step.", "Store it: `notion-tui auth login"+c.profileFlag()+"` (it asks for the token), or set "+keystore.EnvToken+"."),
				"Share pages with it: in Notion, open a page, ••• → Add connections, and pick the connection. Pages inside are shared too.",
			},
			Link: Link{Title: "connections in the Developer portal", URL: ConnectionsURL},
			Notes: []string{
				"Its edits show as the connection's, not yours.",
			},
		}
	case notionapi.TokenKindPublic:
		return KindGuide{
			Kind:  kind,
			Title: "Public connection (OAuth)",
			Blurb: "Sign in through Notion's consent page with a public connection's client ID; it acts for you on the pages you pick.",
			Steps: []string{
				"In " + ConnectionsURL + c.press(ActOpenLink) + ", a public connection must exist with the redirect URI http://localhost:PORT/callback registered; its Configuration tab shows the OAuth client ID and secret.",
				c.say("Sign in: notion-tui opens Notion's consent page in the browser.",
					"Sign in: `notion-tui auth login --oauth --client-id ID"+c.profileFlag()+"`, with the client secret in NOTION_OAUTH_CLIENT_SECRET; it opens Notion's consent page in the browser."),
				"On the consent page, choose the pages to share and allow access.",
			},
			Link: Link{Title: "connections in the Developer portal", URL: ConnectionsURL},
			Notes: []string{
				"It reaches the pages chosen on the consent page, and those shared with it later.",
			},
		}
	}
	return KindGuide{
		Kind:  notionapi.TokenKindPersonal,
		Title: "Personal access token",
		Blurb: "The fastest: it acts as you and sees what you see, with nothing to share.",
		Steps: []string{
			"Open " + TokensURL + c.press(ActOpenLink) + " and make a personal access token for the workspace.",
			"Give it the “Notion API” capabilities, and choose how long it lasts: 7, 30, 90 or 180 days, or 1 year (the default).",
			"Copy the token.",
			c.say("Paste it in the next step.", "Store it: `notion-tui auth login"+c.profileFlag()+"` (it asks for the token), or set "+keystore.EnvToken+"."),
		},
		Link:  Link{Title: "personal access tokens", URL: TokensURL},
		Notes: personalTokenNotes(),
	}
}

// PersonalTokenPolicy is the note about workspace policy and personal
// access tokens (D:guides/get-started/personal-access-tokens).
const PersonalTokenPolicy = "Workspace policy decides who may make personal access tokens: on Free plans only workspace owners; on Business and Enterprise plans admins may restrict them (owners only by default); guests cannot. If a policy change takes the right away, the token stops working."

// personalTokenNotes are what to know about personal access tokens
// (notion-api.md 2026 section G, from D:guides/get-started/personal-access-tokens).
func personalTokenNotes() []string {
	return []string{
		"It acts as you: its edits show as yours, and it reaches every page you can open, with no sharing through “Add connections”.",
		"Listing the workspace's users is not available to personal access tokens.",
		PersonalTokenPolicy,
		"It stops working when it expires, when you lose access to the workspace, or when an admin revokes it (Settings → Connections).",
	}
}

// Identity is who a token acts as, told by /v1/users/me.
type Identity struct {
	// Kind is the kind /v1/users/me shows (notionapi.KindOf), or the
	// claimed kind when the answer cannot tell.
	Kind notionapi.TokenKind
	// Claimed is the kind the user said the token is ("" when not asked).
	Claimed notionapi.TokenKind
	// Name is the connection's name, or the person's.
	Name string
	// Workspace is the connection's workspace, when Notion says.
	Workspace string
	// AuthorizedBy is the person who authorized a public connection.
	AuthorizedBy string
	// Mismatch explains, as information, a kind other than the claimed
	// one: the token works, and is recorded as Kind. "" when they agree.
	Mismatch string
}

// Identify tells the kind of the token whose /v1/users/me answer is me,
// and compares it with the kind the user said they pasted (claimed, ""
// when not asked). A mismatch is information, not an error: the token is
// taken for what it is.
func Identify(me *notionapi.User, claimed notionapi.TokenKind) Identity {
	id := Identity{Kind: notionapi.KindOf(me), Claimed: claimed}
	if me != nil {
		id.Name = me.Name
		if me.Bot != nil {
			id.Workspace = me.Bot.WorkspaceName
			if o := me.Bot.Owner; o != nil && o.User != nil {
				id.AuthorizedBy = o.User.Name
			}
		}
	}
	if id.Kind == notionapi.TokenKindUnknown {
		id.Kind = claimed
		return id
	}
	if claimed == notionapi.TokenKindUnknown || claimed == id.Kind {
		return id
	}
	switch {
	case id.Kind == notionapi.TokenKindPersonal:
		id.Mismatch = "This is a personal access token, not a connection's: it acts as " + orDefault(id.Name, "its owner") +
			" and sees every page they can open, with nothing to share. It cannot list the workspace's users."
	case claimed == notionapi.TokenKindPersonal:
		id.Mismatch = "This is a connection's token (" + id.Kind.String() + "), not a personal access token: it acts as the connection " +
			quoteName(id.Name) + " and sees only the pages shared with it through ••• → Add connections."
	case id.Kind == notionapi.TokenKindInternal:
		id.Mismatch = "The connection " + quoteName(id.Name) + " belongs to the workspace, as an internal connection does (an older workspace-level OAuth sign-in looks the same); it is recorded as an internal connection."
	default:
		id.Mismatch = "The connection " + quoteName(id.Name) + " was authorized by " + orDefault(id.AuthorizedBy, "a person") +
			", as a public connection (OAuth) is; it is recorded as a public connection."
	}
	return id
}

// Summary says who the token acts as, in a few words: "personal access
// token of Maya Chen", "internal connection “notion-tui Demo” in Acme
// Labs", "public connection “Sync” in Acme Labs, authorized by Maya Chen".
func (id Identity) Summary() string {
	switch id.Kind {
	case notionapi.TokenKindPersonal:
		return "personal access token of " + orDefault(id.Name, "an unnamed person")
	case notionapi.TokenKindUnknown:
		return orDefault(quoteName(id.Name), "a token")
	}
	s := id.Kind.String()
	if id.Kind == notionapi.TokenKindPublic {
		s = "public connection"
	}
	s += " " + quoteName(id.Name)
	if id.Workspace != "" {
		s += " in " + id.Workspace
	}
	if id.AuthorizedBy != "" {
		s += ", authorized by " + id.AuthorizedBy
	}
	return s
}

package notionapi

import (
	"fmt"
	"strings"
)

// TokenKind is the kind of a bearer token: what it acts as, and so what it
// can reach. Notion does not promise a token format to tell them apart by
// (a personal access token's prefix is undocumented, and Notion advises
// against validating tokens by pattern); /v1/users/me tells them apart:
// see KindOf.
type TokenKind string

// Kinds of token. The zero value is TokenKindUnknown.
const (
	TokenKindUnknown TokenKind = ""
	// TokenKindPersonal is a personal access token: it acts as the person
	// who made it and reaches what that person can, with no sharing
	// through "Add connections"; it cannot list users.
	TokenKindPersonal TokenKind = "personal"
	// TokenKindInternal is an internal connection's token: a bot owned by
	// its workspace, which reaches only the pages shared with it.
	TokenKindInternal TokenKind = "internal"
	// TokenKindPublic is a public connection's (OAuth) token: a bot owned
	// by the user who authorized it, which reaches the pages chosen then
	// and those shared with it later.
	TokenKindPublic TokenKind = "public"
)

// TokenKinds lists the known kinds, in the order a choice offers them.
var TokenKinds = []TokenKind{TokenKindPersonal, TokenKindInternal, TokenKindPublic}

// String names the kind as Notion's documentation does.
func (k TokenKind) String() string {
	switch k {
	case TokenKindPersonal:
		return "personal access token"
	case TokenKindInternal:
		return "internal connection"
	case TokenKindPublic:
		return "public connection (OAuth)"
	}
	return "unknown kind of token"
}

// Connection reports whether the kind acts as a connection's bot (internal
// or public), which sees only what is shared with it.
func (k TokenKind) Connection() bool { return k == TokenKindInternal || k == TokenKindPublic }

// ParseTokenKind reads a kind as stored in a profile or given on a command
// line: "personal", "internal" or "public" (also "pat", "oauth" and the
// String forms); "" is TokenKindUnknown.
func ParseTokenKind(s string) (TokenKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return TokenKindUnknown, nil
	case "personal", "pat", "personal access token":
		return TokenKindPersonal, nil
	case "internal", "internal connection", "internal integration":
		return TokenKindInternal, nil
	case "public", "oauth", "public connection", "public connection (oauth)", "public integration":
		return TokenKindPublic, nil
	}
	return TokenKindUnknown, fmt.Errorf("unknown kind of token %q: use personal, internal or public", s)
}

// KindOf tells the kind of the token whose /v1/users/me answer is me: a
// person for a personal access token; a bot owned by the workspace for an
// internal connection, or by a user for a public connection. A legacy
// workspace-level OAuth token also answers a bot owned by the workspace,
// and reads as internal. A partial or missing answer is TokenKindUnknown.
func KindOf(me *User) TokenKind {
	switch {
	case me == nil:
		return TokenKindUnknown
	case me.Type == "person":
		return TokenKindPersonal
	case me.Type != "bot" || me.Bot == nil || me.Bot.Owner == nil:
		return TokenKindUnknown
	case me.Bot.Owner.Type == "workspace":
		return TokenKindInternal
	case me.Bot.Owner.Type == "user":
		return TokenKindPublic
	}
	return TokenKindUnknown
}

package guide

import (
	"slices"
	"strings"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// Addresses the fixes point to, as Notion's current documentation names
// them (notion-api.md, 2026 section G): the Developer portal, where
// connections are created and their capabilities set on the Configuration
// tab, and where personal access tokens are made.
const (
	DeveloperPortalURL = "https://www.notion.so/developers"
	ConnectionsURL     = "https://www.notion.so/developers/connections"
	TokensURL          = "https://www.notion.so/developers/tokens"
	// IntegrationsURL is the old name of ConnectionsURL, where
	// connections (formerly integrations) are created and configured.
	//
	// Deprecated: use ConnectionsURL, or TokensURL for personal access
	// tokens; KindGuide.Link picks the one for a kind of token.
	IntegrationsURL = ConnectionsURL

	// BlockUsageURL is the page Notion's own block-limit message links to.
	BlockUsageURL = "https://www.notion.com/help/understanding-block-usage"
	// BlockLimitsDocURL documents the block limit for API requests.
	BlockLimitsDocURL = "https://developers.notion.com/reference/workspace-block-limits"
	// PersonalTokensDocURL documents personal access tokens: who may make
	// them, their capabilities and lifetimes.
	PersonalTokensDocURL = "https://developers.notion.com/guides/get-started/personal-access-tokens"
	// StatusURL is Notion's status page.
	StatusURL = "https://status.notion.so"
)

// Audience is who reads a fix: its steps are written for one of them.
type Audience int

const (
	// CLI words a fix for a terminal user: the commands to run, no keys,
	// nothing "here". It is the zero value.
	CLI Audience = iota
	// TUI words a fix for the app's fix panel: no commands; a step names
	// the key of an action only when Context.Offers says the screen
	// showing the fix offers it.
	TUI
)

func (a Audience) String() string {
	if a == TUI {
		return "tui"
	}
	return "cli"
}

// say picks the wording for the audience.
func (c Context) say(tui, cli string) string {
	if c.Audience == TUI {
		return tui
	}
	return cli
}

// press is " (press k)" when the fix is shown in the app by a screen that
// offers a, so that a step names only keys that do something.
func (c Context) press(a Action) string {
	if c.Audience != TUI || !slices.Contains(c.Offers, a) {
		return ""
	}
	return " (press " + a.Key() + ")"
}

// profileFlag is " --profile NAME" for a profile other than the default.
func (c Context) profileFlag() string {
	if c.Profile == "" || c.Profile == keystore.DefaultProfile {
		return ""
	}
	return " --profile " + c.Profile
}

// loginCommand is the command that stores a new token for the profile.
func (c Context) loginCommand(kind notionapi.TokenKind) string {
	cmd := "notion-tui auth login" + c.profileFlag()
	if kind == notionapi.TokenKindPublic {
		cmd += " --oauth"
	}
	return "`" + cmd + "`"
}

// fromEnv reports whether the token in use came from NOTION_TOKEN.
func (c Context) fromEnv() bool { return strings.Contains(c.TokenSource, keystore.EnvToken) }

// enterTokenStep is the step that puts a new token in use.
func (c Context) enterTokenStep(kind notionapi.TokenKind) string {
	if c.Audience == TUI {
		if kind == notionapi.TokenKindPublic {
			return "Sign in again" + c.press(ActReenterToken) + "."
		}
		if c.fromEnv() {
			// Entered in the app, it serves this session; the variable
			// would bring the old token back next time.
			return "Enter the new token" + c.press(ActReenterToken) + ", and set " + keystore.EnvToken + " to it where it is set (or unset it to use a saved profile)."
		}
		return "Enter the new token" + c.press(ActReenterToken) + "; it replaces the old one in the profile."
	}
	switch {
	case c.fromEnv():
		return "Set " + keystore.EnvToken + " to the new token, or unset it and run " + c.loginCommand(kind) + " to store one."
	case kind == notionapi.TokenKindPublic:
		return "Sign in again: " + c.loginCommand(kind) + "."
	}
	return "Store it: " + c.loginCommand(kind) + " (it replaces the old one)."
}

// retryStep is the step that sends the request again once fixed.
func (c Context) retryStep(after string) string {
	if c.Audience == TUI {
		return "Retry" + c.press(ActRetry) + after + "."
	}
	return "Run the command again" + after + "."
}

// connectionWord names what a token acts as, for sentences such as "the
// connection lacks …".
func connectionWord(kind notionapi.TokenKind) string {
	if kind == notionapi.TokenKindPersonal {
		return "personal access token"
	}
	return "connection"
}

// quoteName quotes a connection's name, or stands in for it.
func quoteName(name string) string {
	if name == "" {
		return "your connection"
	}
	return "“" + name + "”"
}

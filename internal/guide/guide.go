// Package guide turns errors from the Notion API, the network and the
// token store into guided fixes: what happened, why it likely happened,
// and the exact steps to fix it, worded for the app (TUI) or the command
// line (CLI). It also knows the kinds of token (personal access token,
// internal and public connection): how to get each, how to tell them
// apart, what each may do (the capability checklist and its probes) and
// when a personal access token expires.
//
// A Fix is structured (title, summary, facts, causes, steps, links,
// actions), so that renderers stay simple: Fix.Text renders it as plain
// text, the app's fix panel draws the same fields and binds the actions
// to keys (Action.Key).
package guide

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// Action is something the user can do from a fix, bound to a key in the
// app (Action.Key).
type Action string

// Actions a fix may offer.
const (
	ActReenterToken Action = "reenter-token"
	ActPickVersion  Action = "pick-version"
	ActRetry        Action = "retry"
	ActWait         Action = "wait" // the app retries by itself after RetryAfter
	// ActOpenLink opens Fix.Link in the browser.
	ActOpenLink  Action = "open-link"
	ActEditInput Action = "edit-input"
	// ActCheckCreated looks for what an ambiguous write may have saved
	// (pageform.CheckCreated) before anything is sent again.
	ActCheckCreated Action = "check-created"
	// ActTryOtherKind reads Fix.ObjectID as the other kind of table
	// (Fix.OtherKind): see TryOtherKind.
	ActTryOtherKind Action = "try-other-kind"

	// ActOpenSettings is the old name of ActOpenLink.
	//
	// Deprecated: use ActOpenLink.
	ActOpenSettings = ActOpenLink
)

// Key is the key that does the action wherever a fix is shown in the
// app, so that fixes have the same keys everywhere; "" for actions the app
// takes by itself (waiting, checking what was created). KeyClose closes
// the fix (back to the input, for ActEditInput).
func (a Action) Key() string {
	switch a {
	case ActRetry:
		return "r"
	case ActReenterToken:
		return "t"
	case ActPickVersion:
		return "V"
	case ActOpenLink:
		return "o"
	case ActTryOtherKind:
		return ":" // jump to the ID, as the jump box opens a pasted one
	case ActEditInput:
		return KeyClose
	}
	return ""
}

// KeyClose closes a fix panel.
const KeyClose = "esc"

// Help is the action's short help, beside its key: "retry", "open the
// connection's settings".
func (f Fix) Help(a Action) string {
	switch a {
	case ActRetry:
		if f.Has(ActWait) {
			return "retry now"
		}
		return "retry"
	case ActReenterToken:
		return "re-enter token"
	case ActPickVersion:
		return "pick a version"
	case ActOpenLink:
		return "open " + orDefault(f.LinkTitle, "link")
	case ActTryOtherKind:
		return "try it as a " + f.OtherKind
	case ActEditInput:
		return "edit your input"
	}
	return string(a)
}

// Reason tells refusals apart, for renderers, tests and JSON output.
type Reason string

// Reasons of a fix.
const (
	ReasonUnauthorized Reason = "unauthorized"
	// ReasonMissingCapability: the connection lacks Fix.Capability.
	ReasonMissingCapability Reason = "missing_capability"
	// ReasonBlockLimit: a Free workspace used all its blocks.
	ReasonBlockLimit Reason = "block_limit"
	// ReasonNotForPersonalTokens: a request Notion does not serve to
	// personal access tokens (listing users).
	ReasonNotForPersonalTokens Reason = "not_available_to_personal_tokens"
	// ReasonMayNotEdit: the person or connection may not change this page.
	ReasonMayNotEdit Reason = "may_not_edit"
	// ReasonNotShared: not shared with the connection, or absent.
	ReasonNotShared Reason = "not_shared"
	// ReasonNotVisible: not visible to the person a personal access token
	// acts as, or absent.
	ReasonNotVisible Reason = "not_visible"
	// ReasonSaved: a write answered with an error was saved all the same.
	ReasonSaved Reason = "saved"
	// ReasonMaybeSaved: a write may have been saved (ambiguous failure).
	ReasonMaybeSaved      Reason = "maybe_saved"
	ReasonVersionRejected Reason = "version_rejected"
	ReasonInvalidRequest  Reason = "invalid_request"
	ReasonRateLimited     Reason = "rate_limited"
	ReasonServerError     Reason = "server_error"
	ReasonNetwork         Reason = "network"
	ReasonOAuth           Reason = "oauth"
	ReasonKeyring         Reason = "keyring"
	ReasonNoToken         Reason = "no_token"
	// ReasonProfileNotFound: the profile named does not exist, and
	// others are saved.
	ReasonProfileNotFound   Reason = "profile_not_found"
	ReasonTokenExpiring     Reason = "token_expiring"
	ReasonNothingShared     Reason = "nothing_shared"
	ReasonMultipleSources   Reason = "multiple_data_sources"
	ReasonBaseURL           Reason = "base_url"
	ReasonUnknown           Reason = "unknown"
	ReasonWrongID           Reason = "invalid_id"
	ReasonConflict          Reason = "conflict"
	ReasonRequestTimedOut   Reason = "timeout"
	ReasonBlockedConnection Reason = "blocked"
)

// Context is what the app knows around the failure, to make the steps
// concrete.
type Context struct {
	// Audience is who reads the fix: CLI (the zero value) or TUI.
	Audience Audience
	// Offers are the actions the screen showing the fix can take (TUI
	// only): a step names an action's key only when it is offered.
	Offers []Action
	// Kind is the kind of the token in use, when known: it decides
	// between "share it with the connection" and "you cannot see it",
	// and which refusals are the token's kind's.
	Kind notionapi.TokenKind
	// IntegrationName is the name /v1/users/me gives: the connection's
	// (its bot's), or the person's for a personal access token.
	IntegrationName string
	// Profile is the profile in use, for the commands a fix names.
	Profile string
	// TokenSource says where the token came from ("token from
	// NOTION_TOKEN").
	TokenSource string
	// Version is the Notion-Version sent ("" when none) and VersionSource
	// where it came from: "flag --notion-version", "NOTION_VERSION",
	// "profile NAME" or "default".
	Version       string
	VersionSource string
	BaseURL       string
	// Input is what the user typed that led to the request (a filter, a
	// form value), shown next to a validation error.
	Input string
}

// Link is a page to open for a fix.
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Fix is a diagnosed error: what happened, why, and how to fix it.
type Fix struct {
	Reason Reason `json:"reason,omitempty"`
	Title  string `json:"title"`
	// Summary says in plain words what happened and what it means.
	Summary string `json:"summary,omitempty"`
	// What happened, in facts: status, code, message, request ID.
	Status    int    `json:"status,omitempty"`
	Code      string `json:"code,omitempty"`
	Message   string `json:"message,omitempty"`
	RequestID string `json:"request_id,omitempty"`
	Request   string `json:"request,omitempty"` // "POST /v1/pages"
	// Causes are the likely reasons; Steps the numbered fix, worded for
	// Context.Audience.
	Causes []string `json:"causes,omitempty"`
	Steps  []string `json:"steps,omitempty"`
	// Actions the user can take from here.
	Actions []Action `json:"actions,omitempty"`
	// Field is the request field at fault, for validation errors.
	Field string `json:"field,omitempty"`
	// Input repeats what the user typed, for validation errors.
	Input string `json:"input,omitempty"`
	// RetryAfter is how long to wait before the app retries (429).
	RetryAfter time.Duration `json:"retry_after,omitempty"`
	// Link is the main page to open for the fix (ActOpenLink), and
	// LinkTitle what it is ("connections in the Developer portal", "the
	// page in Notion"). Links lists every page the fix points to, Link
	// first.
	Link      string `json:"-"`
	LinkTitle string `json:"-"`
	Links     []Link `json:"links,omitempty"`
	// Ambiguous marks a write that may have been applied: nothing may be
	// sent again before ActCheckCreated.
	Ambiguous bool `json:"ambiguous,omitempty"`
	// Saved marks a write Notion saved although it answered an error;
	// SavedID is what it saved (the new page, or the parent block of an
	// append), "" when Notion did not say. Nothing is offered to send
	// again.
	Saved   bool   `json:"saved,omitempty"`
	SavedID string `json:"saved_id,omitempty"`
	// Capability is the capability a refusal is about, such as
	// CapInsertContent.
	Capability string `json:"capability,omitempty"`
	// ObjectID is the ID the request named; OtherKind the kind of table
	// ("database" or "data source") it may be instead, when Notion's 404
	// cannot tell "not shared" from "the other kind of ID"
	// (ActTryOtherKind).
	ObjectID  string `json:"object_id,omitempty"`
	OtherKind string `json:"other_kind,omitempty"`
	// Check says that the request was a check notion-tui sent before the
	// user's own, and which (a *CheckError): its odd ID or empty body
	// are then no mistake of the user's.
	Check string `json:"check,omitempty"`
}

// Has reports whether the fix offers an action.
func (f Fix) Has(a Action) bool {
	for _, x := range f.Actions {
		if x == a {
			return true
		}
	}
	return false
}

// addLink adds a page to open; the first becomes Link.
func (f *Fix) addLink(title, url string) {
	if url == "" {
		return
	}
	for _, l := range f.Links {
		if l.URL == url {
			return
		}
	}
	f.Links = append(f.Links, Link{Title: title, URL: url})
	if f.Link == "" {
		f.Link, f.LinkTitle = url, title
	}
	if !f.Has(ActOpenLink) {
		f.Actions = append(f.Actions, ActOpenLink)
	}
}

// Diagnose explains err for c.Audience. It never returns an empty fix for
// a non-nil error: unknown errors become a generic fix quoting the error.
func Diagnose(err error, c Context) Fix {
	if err == nil {
		return Fix{}
	}
	var (
		apiErr   *notionapi.APIError
		netErr   *notionapi.NetworkError
		tmoErr   *notionapi.TimeoutError
		decErr   *notionapi.DecodeError
		idErr    *notionapi.IDError
		multiDS  *notionapi.MultipleDataSourcesError
		krErr    *keystore.KeyringError
		notFound *keystore.ProfileNotFoundError
		redir    *notionapi.RedirectError
		tooLong  *notionapi.WaitTooLongError
	)
	if chk := (*CheckError)(nil); errors.As(err, &chk) {
		f := Diagnose(chk.Err, c)
		f.Check = "notion-tui sent this request to check the capability first: " + chk.How + "."
		return f
	}
	if f, ok := diagnoseOAuth(err, c); ok {
		return f
	}
	switch {
	case errors.As(err, &redir):
		return diagnoseRedirect(redir, c)
	case errors.As(err, &multiDS):
		return diagnoseMultipleDataSources(multiDS, c)
	case errors.As(err, &apiErr):
		f := diagnoseAPI(apiErr, c)
		if errors.As(err, &tooLong) {
			rateLimitFix(&f, apiErr, tooLong, c)
		}
		return f
	case errors.As(err, &tmoErr):
		f := Fix{
			Reason:  ReasonRequestTimedOut,
			Title:   "Notion did not answer in time",
			Request: tmoErr.Method + " " + tmoErr.URL,
			Message: tmoErr.Error(),
			Causes:  []string{"a slow or interrupted network", "Notion is slow right now", "a proxy holding the connection"},
			Steps: []string{
				"Check your connection (can you open " + hostOf(c.BaseURL) + " in a browser?).",
				c.say("Retry"+c.press(ActRetry)+"; long queries often succeed on a second try.", "Run the command again; long queries often succeed on a second try."),
				"Check " + StatusURL + " for an incident.",
			},
			Actions: []Action{ActRetry},
		}
		if !notionapi.ReadOnly(tmoErr.Method, pathOf(tmoErr.URL)) {
			f.Ambiguous, f.Reason = true, ReasonMaybeSaved
			f.Title = "Notion did not answer in time: the change may have been saved"
			f.Steps = []string{"Do not send it again blindly: notion-tui first checks whether it was saved.", "Then send it again only if it was not."}
			f.Actions = []Action{ActCheckCreated}
		}
		return f
	case errors.As(err, &netErr):
		return diagnoseNetwork(netErr, c)
	case errors.As(err, &decErr):
		return Fix{
			Reason:  ReasonBaseURL,
			Title:   fmt.Sprintf("The answer to %s %s was not Notion's JSON", decErr.Method, decErr.Path),
			Status:  decErr.Status,
			Request: decErr.Method + " " + decErr.Path,
			Message: fmt.Sprintf("HTTP %d (%s) starting with %q", decErr.Status, orNone(decErr.ContentType), decErr.Snippet),
			Causes:  []string{"the base URL points at something other than the Notion API (a web page, a proxy login)", "a proxy rewrote the answer"},
			Steps: []string{
				"Check the base URL: " + orDefault(c.BaseURL, notionapi.DefaultBaseURL) + " (set by --base-url or NOTION_BASE_URL).",
				"If you are behind a corporate proxy, make sure it passes " + notionapi.DefaultBaseURL + " through.",
			},
			Actions: []Action{ActRetry},
		}
	case errors.As(err, &idErr):
		return Fix{
			Reason:  ReasonWrongID,
			Title:   "That is not a Notion ID or link",
			Message: idErr.Error(),
			Steps: []string{
				"In Notion, open the page or database and use ••• → Copy link, then paste the whole link.",
				"Or paste the 32-character ID from the end of the link, with or without dashes.",
			},
			Actions: []Action{ActEditInput},
		}
	case errors.As(err, &krErr):
		return Fix{
			Reason:  ReasonKeyring,
			Title:   "The OS keyring cannot be used",
			Message: krErr.Error(),
			Causes:  []string{"no Secret Service (gnome-keyring, KWallet) on this machine or session", "the keyring is locked", "the keyring did not answer in time"},
			Steps:   keyringSteps(krErr.Hint, c),
			Actions: []Action{ActRetry},
		}
	case errors.As(err, &notFound) && len(notFound.Saved) > 0:
		return profileNotFoundFix(err, notFound, c)
	case errors.Is(err, keystore.ErrNoToken):
		return noTokenFix(err, c)
	case errors.Is(err, context.DeadlineExceeded):
		return Fix{Reason: ReasonRequestTimedOut, Title: "The operation took too long", Message: err.Error(),
			Steps: []string{c.say("Retry"+c.press(ActRetry)+".", "Run the command again.")}, Actions: []Action{ActRetry}}
	}
	return Fix{Reason: ReasonUnknown, Title: "Something went wrong", Message: err.Error(),
		Steps: []string{c.say("Retry"+c.press(ActRetry)+".", "Run the command again; if it keeps failing, run `notion-tui doctor`.")}, Actions: []Action{ActRetry}}
}

// profileNotFoundFix explains a profile name that matches no saved
// profile, when others are saved: nothing was lost, the name is wrong or
// the profile is new.
func profileNotFoundFix(err error, e *keystore.ProfileNotFoundError, c Context) Fix {
	saved := make([]string, len(e.Saved))
	for i, n := range e.Saved {
		saved[i] = n
		if n == e.Default {
			saved[i] += " (default)"
		}
	}
	use := e.Default
	if use == "" {
		use = e.Saved[0]
	}
	f := Fix{
		Reason:  ReasonProfileNotFound,
		Title:   "There is no profile “" + e.Name + "”",
		Summary: "Saved profiles: " + strings.Join(saved, ", ") + ". Nothing was deleted: the name matches none of them.",
		Message: err.Error(),
		Causes: []string{
			"a typo in the name given to --profile or " + keystore.EnvProfile,
			"the profile was deleted (auth logout), or saved on another machine or config folder",
		},
	}
	f.Steps = []string{
		"Use a saved one: `notion-tui --profile " + use + "` (--profile works with every command).",
		"Or store a token under this name: `notion-tui auth login " + e.Name + "`.",
	}
	return f
}

// noTokenFix explains that no token is set up, and the kinds to choose
// from.
func noTokenFix(err error, c Context) Fix {
	f := Fix{
		Reason:  ReasonNoToken,
		Title:   "No Notion token is set up",
		Message: err.Error(),
		Actions: []Action{ActReenterToken},
	}
	f.Steps = []string{
		"Make a token: a personal access token at " + TokensURL + " (the fastest: it acts as you, nothing to share), or an internal connection's API token at " + ConnectionsURL + ".",
	}
	if c.Audience == TUI {
		f.Steps = append(f.Steps, "Set it up"+c.press(ActReenterToken)+".")
	} else {
		f.Steps = append(f.Steps,
			"Store it: "+c.loginCommand(notionapi.TokenKindUnknown)+" (or "+c.loginCommand(notionapi.TokenKindPublic)+" to sign in with a public connection), or set "+keystore.EnvToken+" for this shell.",
			"To try notion-tui without a token: `notion-tui --demo`.")
	}
	f.addLink("personal access tokens", TokensURL)
	f.addLink("connections in the Developer portal", ConnectionsURL)
	return f
}

// keyringSteps are the keyring's own hint, as a sentence, and the ways
// around it that the hint does not already name.
func keyringSteps(hint string, c Context) []string {
	var steps []string
	if hint = trimSentence(hint); hint != "" {
		steps = append(steps, hint)
	}
	steps = append(steps, c.say("Or keep the token for this session only, or set NOTION_TOKEN in the environment.", "Or set NOTION_TOKEN in the environment."))
	if !containsFold(hint, "insecure-storage") {
		steps = append(steps, "Or, knowing it is stored unencrypted, choose the plain-file store (--insecure-storage).")
	}
	return steps
}

package guide

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
)

// diagnoseAPI explains an answer from Notion.
func diagnoseAPI(e *notionapi.APIError, c Context) Fix {
	f := Fix{
		Status:     e.Status,
		Code:       e.Code,
		Message:    e.Message,
		RequestID:  e.RequestID,
		Request:    e.Method + " " + e.Path,
		RetryAfter: e.RetryAfter,
	}
	if e.Code == "" {
		f.Message = e.Error()
	}
	switch {
	case e.Committed():
		savedFix(&f, e, c)
	case e.Code == notionapi.CodeUnauthorized || e.Status == http.StatusUnauthorized && e.Code == "":
		unauthorizedFix(&f, c)
	case e.Code == notionapi.CodeRestrictedResource || e.Status == http.StatusForbidden:
		forbiddenFix(&f, e, c)
	case e.Code == notionapi.CodeObjectNotFound || e.Status == http.StatusNotFound:
		notFoundFix(&f, e, c)
	case e.VersionRejected():
		versionRejectedFix(&f, e, c)
	case e.Code == notionapi.CodeInvalidRequestURL:
		f.Reason = ReasonInvalidRequest
		f.Title = "Notion did not recognise the request URL (400)"
		f.Causes = []string{"a malformed ID in the path"}
		if !notionapi.UsesDataSources(c.Version) && strings.Contains(e.Path, "/data_sources/") {
			f.Causes = []string{"data source endpoints need Notion-Version 2025-09-03 or later; " + versionText(c) + " was sent"}
		} else if notionapi.UsesDataSources(c.Version) && strings.HasPrefix(e.Path, "/v1/databases/") && strings.HasSuffix(pathOnly(e.Path), "/query") {
			f.Causes = []string{"from Notion-Version 2025-09-03 on, rows are queried through data sources, not databases"}
		}
		f.Steps = []string{"Check the ID or link you entered.", c.say("Pick a Notion-Version that fits the endpoint"+c.press(ActPickVersion)+".", "Pass a Notion-Version that fits the endpoint (--notion-version).")}
		f.Actions = []Action{ActPickVersion, ActEditInput}
	case e.Code == notionapi.CodeValidationError || e.Code == notionapi.CodeInvalidJSON:
		f.Reason = ReasonInvalidRequest
		f.Title = "Notion refused the request as invalid (400 " + e.Code + ")"
		f.Field = FieldOf(e.Message)
		f.Input = c.Input
		f.Causes = []string{"a value does not fit the property or field it was sent for"}
		if f.Field != "" {
			f.Steps = append(f.Steps, "Correct “"+f.Field+"”: "+e.Message)
		} else {
			f.Steps = append(f.Steps, "Correct the request: "+e.Message)
		}
		f.Steps = append(f.Steps, c.say("Your input is kept: edit it"+c.press(ActEditInput)+" and send it again.", "Correct the command and run it again. Nothing was created or changed."))
		f.Actions = []Action{ActEditInput}
	case e.Code == notionapi.CodeRateLimited || e.Status == http.StatusTooManyRequests:
		rateLimitFix(&f, e, nil, c)
	case e.Code == notionapi.CodeConflictError || e.Status == http.StatusConflict:
		f.Reason = ReasonConflict
		f.Title = "Notion hit a conflict while saving (409)"
		f.Causes = []string{"the same page was being changed at the same time"}
		f.Steps = []string{c.say("Retry"+c.press(ActRetry)+"; your values are kept.", "Nothing was saved: run the command again.")}
		f.Actions = []Action{ActRetry}
	case e.Code == notionapi.CodeInvalidGrant:
		f.Reason = ReasonOAuth
		f.Title = "Notion refused the OAuth grant (400 invalid_grant)"
		f.Causes = []string{"the code expired or was already used", "the redirect URI differs from the one sent to the consent page", "the refresh token was used or revoked"}
		f.Steps = []string{signInAgain(c), "Check that the redirect URI registered for the public connection matches exactly (scheme, host, port, path)."}
		f.Actions = []Action{ActReenterToken}
	case e.Code == notionapi.CodeInvalidClient:
		f.Reason = ReasonOAuth
		f.Title = "Notion refused the OAuth client (401 invalid_client)"
		f.Causes = []string{"the client ID or client secret is wrong", "the secret was regenerated"}
		f.Steps = []string{
			"Copy the OAuth client ID and client secret again from the public connection's Configuration tab at " + ConnectionsURL + ".",
			c.say("Enter the secret again"+c.press(ActReenterToken)+".", "Set NOTION_OAUTH_CLIENT_SECRET to the secret (it is never taken from a flag), then sign in again: `notion-tui auth login --oauth`"+c.profileFlag()+"."),
		}
		f.Actions = []Action{ActReenterToken}
		f.addLink("connections in the Developer portal", ConnectionsURL)
	case e.Status >= 500:
		f.Reason = ReasonServerError
		f.Title = fmt.Sprintf("Notion had a problem (%d %s)", e.Status, orNone(e.Code))
		f.Causes = []string{"a temporary failure on Notion's side or a proxy in between"}
		if e.Ambiguous() {
			f.Ambiguous, f.Reason = true, ReasonMaybeSaved
			f.Title = fmt.Sprintf("Notion failed while saving (%d %s): the change may have been saved", e.Status, orNone(e.Code))
			f.Steps = []string{
				"Do not send it again blindly: notion-tui first checks whether it was saved.",
				"Then send it again only if it was not.",
			}
			f.Actions = []Action{ActCheckCreated}
			return f
		}
		f.Steps = []string{c.say("Retry in a moment"+c.press(ActRetry)+".", "Run the command again in a moment."), "If it persists, check " + StatusURL + " and quote the request_id above to Notion support."}
		f.Actions = []Action{ActRetry}
	default:
		f.Reason = ReasonUnknown
		f.Title = fmt.Sprintf("Notion refused the request (%d %s)", e.Status, orNone(e.Code))
		f.Steps = []string{c.say("Check the request and retry"+c.press(ActRetry)+".", "Check the request and run the command again.")}
		f.Actions = []Action{ActRetry}
	}
	return f
}

// savedFix explains a write Notion saved although it answered an error
// (503 with committed_resource_id, or "The change was saved"): it is done,
// and nothing is offered to send again.
func savedFix(f *Fix, e *notionapi.APIError, c Context) {
	f.Reason, f.Saved, f.SavedID = ReasonSaved, true, e.CommittedResourceID()
	p := pathOnly(e.Path)
	what := "the change"
	switch {
	case e.Method == http.MethodPost && p == "/v1/pages":
		what = "the page"
		f.Title = fmt.Sprintf("Notion created the page, but its answer came too late (%d)", e.Status)
	case strings.HasSuffix(p, "/children"):
		what = "the content"
		f.Title = fmt.Sprintf("Notion added the content, but its answer came too late (%d)", e.Status)
		if n := len(e.CommittedChildIDs()); n > 0 {
			f.Title = fmt.Sprintf("Notion added %s, but its answer came too late (%d)", textutil.Plural(n, "block", "blocks"), e.Status)
		}
	case e.Method == http.MethodPost && p == "/v1/comments":
		what = "the comment"
		f.Title = fmt.Sprintf("Notion added the comment, but its answer came too late (%d)", e.Status)
	default:
		f.Title = fmt.Sprintf("Notion saved the change, but its answer came too late (%d)", e.Status)
	}
	f.Summary = "Notion says " + what + " was saved; sending it again would do it twice."
	f.Steps = []string{"Nothing needs to be sent again."}
	link := ""
	switch {
	case f.SavedID != "":
		link = "https://www.notion.so/" + notionapi.CompactID(f.SavedID)
	default:
		link = notionLink(e.Path)
	}
	if link != "" {
		f.Steps = append(f.Steps, "Open it in Notion"+c.press(ActOpenLink)+": "+link)
		f.addLink(strings.TrimPrefix(what, "the ")+" in Notion", link)
	}
	if g := e.RetryGuidance(); len(g) > 0 {
		f.Causes = []string{"Notion's guidance: " + strings.Join(g, " ")}
	}
}

// unauthorizedFix explains a rejected token, for its kind.
func unauthorizedFix(f *Fix, c Context) {
	f.Reason = ReasonUnauthorized
	f.Actions = []Action{ActReenterToken}
	switch c.Kind {
	case notionapi.TokenKindPersonal:
		f.Title = "The personal access token was rejected (401 unauthorized)"
		f.Causes = []string{
			"it expired: a personal access token lasts the 7, 30, 90 or 180 days, or the 1 year (the default), chosen when it was made",
			"it was revoked, by you or by a workspace admin (Settings → Connections)",
			"a workspace admin changed who may make personal access tokens, which stops the tokens of those who lost the right",
			"a character was lost or added when it was pasted",
		}
		f.Steps = []string{
			"Make a new personal access token at " + TokensURL + c.press(ActOpenLink) + " and copy it.",
			c.enterTokenStep(c.Kind),
		}
		f.addLink("personal access tokens", TokensURL)
	case notionapi.TokenKindPublic:
		f.Title = "The sign-in's token was rejected (401 unauthorized)"
		f.Causes = []string{
			"the connection was removed from the workspace (Settings → Connections), or its access was revoked",
			"the sign-in expired and could not be renewed",
		}
		f.Steps = []string{c.enterTokenStep(c.Kind)}
	case notionapi.TokenKindInternal:
		f.Title = "The connection's token was rejected (401 unauthorized)"
		f.Causes = []string{
			"the API token was regenerated on the connection's Configuration tab (the old one stops working at once), or the connection was deleted",
			"a character was lost or added when it was pasted",
			"it belongs to a connection of another workspace",
		}
		f.Steps = []string{
			"Open " + ConnectionsURL + c.press(ActOpenLink) + ", choose the connection, and on its Configuration tab show and copy its API token.",
			c.enterTokenStep(c.Kind),
			regeneratedStep,
		}
		f.addLink("connections in the Developer portal", ConnectionsURL)
	default:
		f.Title = "The token was rejected (401 unauthorized)"
		f.Causes = []string{
			"it was revoked or regenerated, or it expired (personal access tokens last 7 days to 1 year)",
			"a character was lost or added when it was pasted",
			"it belongs to another workspace",
		}
		f.Steps = []string{
			"Copy a working token: a personal access token from " + TokensURL + ", or a connection's API token from its Configuration tab at " + ConnectionsURL + ".",
			c.enterTokenStep(c.Kind),
			regeneratedStep,
		}
		f.addLink("connections in the Developer portal", ConnectionsURL)
		f.addLink("personal access tokens", TokensURL)
	}
	if c.TokenSource != "" {
		f.Causes = append(f.Causes, "the token in use comes "+strings.TrimPrefix(c.TokenSource, "token ")+"; "+sourceHint(c))
	}
}

// regeneratedStep reminds that a regenerated token must be replaced
// everywhere.
const regeneratedStep = "If it was regenerated, update every environment that uses the old one: CI secrets, .env files, other profiles."

func sourceHint(c Context) string {
	switch {
	case c.fromEnv():
		return "unset NOTION_TOKEN to use a stored profile instead"
	case strings.Contains(c.TokenSource, "profile"):
		return c.say("entering a new token replaces it", "run `notion-tui auth login --profile NAME` to replace it")
	}
	return "replace it"
}

// capabilityMessage matches Notion's words for a missing capability, and
// the generic example of its status codes page.
var capabilityMessage = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)insufficient permissions for this endpoint|does not have access to this resource`)
})

// forbiddenFix tells the 403s apart: the Free plan's block limit, a
// request personal access tokens may not make, a page the person or
// connection may not change, and a missing capability.
func forbiddenFix(f *Fix, e *notionapi.APIError, c Context) {
	p := pathOnly(e.Path)
	capability := Capability(e.Method, e.Path)
	f.Capability = capability
	write := !notionapi.ReadOnly(e.Method, e.Path)
	switch {
	case e.BlockLimit() != "":
		blockLimitFix(f, e, c)
	case c.Kind == notionapi.TokenKindPersonal && e.Method == http.MethodGet && p == "/v1/users":
		notForPersonalTokensFix(f)
	case c.Kind == notionapi.TokenKindPersonal && write:
		mayNotEditFix(f, e, c)
	case c.Kind == notionapi.TokenKindPersonal:
		f.Reason = ReasonMayNotEdit
		f.Title = "Notion refused this to your personal access token (403)"
		f.Causes = []string{
			"the token was made without the “Notion API” capabilities",
			"your own access to the " + objectKind(e.Path) + " does not allow it",
		}
		f.Steps = []string{
			"Check the token's capabilities at " + TokensURL + "; make a new token with the “Notion API” capabilities if they are missing.",
			c.retryStep(""),
		}
		f.Actions = []Action{ActRetry}
		f.addLink("personal access tokens", TokensURL)
	case write && e.Message != "" && !capabilityMessage().MatchString(e.Message) && objectID(e.Path) != "":
		mayNotEditFix(f, e, c)
	default:
		capabilityFix(f, e.Method, e.Path, c)
		if c.Kind == notionapi.TokenKindUnknown && e.Method == http.MethodGet && p == "/v1/users" {
			f.Causes = append(f.Causes, "if the token is a personal access token: listing users is not available to personal access tokens, whatever their capabilities")
		}
	}
}

// capabilityFix is the fix for a capability the connection lacks.
func capabilityFix(f *Fix, method, path string, c Context) {
	capability := Capability(method, path)
	f.Reason, f.Capability = ReasonMissingCapability, capability
	f.Title = "The connection lacks the “" + capability + "” capability (403)"
	f.Summary = method + " " + pathShape(path) + " needs “" + capability + "”, which " + theConnection(c) + " was not given."
	f.Causes = []string{"the connection's capabilities, set on its Configuration tab, leave out “" + capability + "”"}
	f.Steps = capabilitySteps(capability, c)
	f.Actions = []Action{ActRetry}
	f.addLink("connections in the Developer portal", ConnectionsURL)
	if c.Kind == notionapi.TokenKindPublic {
		f.Causes = append(f.Causes, "a public connection's capabilities are set by whoever made it: ask them if it is not yours")
	}
}

func capabilitySteps(capability string, c Context) []string {
	return []string{
		"Open " + ConnectionsURL + c.press(ActOpenLink) + " and choose " + quoteName(c.IntegrationName) + ".",
		"On its Configuration tab, turn on “" + capability + "” and save.",
		c.retryStep("; the token stays the same"),
	}
}

// blockLimitFix explains the Free plan's block limit
// (D:reference/workspace-block-limits, notion-api.md 2026 section B).
func blockLimitFix(f *Fix, e *notionapi.APIError, c Context) {
	f.Reason, f.Capability = ReasonBlockLimit, ""
	f.Title = "This workspace has used all its free blocks (403)"
	f.Summary = "On Notion's Free plan, a workspace with more than one member has 1,000 blocks in all, and this one has used them. " +
		"Notion now refuses what adds blocks: creating pages and adding content. Reading, editing properties and deleting still work."
	f.Causes = []string{"the Free plan's block limit (additional_data.block_limit “" + e.BlockLimit() + "”); deleting blocks does not give them back"}
	f.Steps = []string{
		"Changing the connection's capabilities will not help, and neither will retrying: the limit is the workspace's.",
		"A workspace owner can upgrade the workspace's plan in Notion; " + BlockUsageURL + " explains block usage.",
	}
	if c.Kind != notionapi.TokenKindPersonal {
		f.Steps = append(f.Steps, "Notion does not apply the block limit to personal access tokens ("+BlockLimitsDocURL+").")
	}
	f.Actions = nil
	f.addLink("block usage in Notion's help", BlockUsageURL)
	f.addLink("block limits in Notion's API docs", BlockLimitsDocURL)
}

// PersonalTokensListNoUsers says why a personal access token sees no
// users list.
const PersonalTokensListNoUsers = "Notion does not let a personal access token list the workspace's members, whatever its capabilities; nothing is wrong with the token."

func notForPersonalTokensFix(f *Fix) {
	f.Reason, f.Capability = ReasonNotForPersonalTokens, ""
	f.Title = "Listing users is not available to personal access tokens"
	f.Summary = PersonalTokensListNoUsers
	f.Steps = []string{
		"Where a person must be chosen, enter their user ID: a name or an e-mail is looked up in the users list. A person's ID is in the JSON of any page whose people property names them.",
		"To pick people by name or e-mail, use an internal connection's token with “Read user information” instead.",
	}
	f.Actions = nil
	f.addLink("personal access tokens in Notion's docs", PersonalTokensDocURL)
}

// mayNotEditFix explains a write refused on the page itself: the person a
// personal access token acts as, or the connection, may not change it.
func mayNotEditFix(f *Fix, e *notionapi.APIError, c Context) {
	f.Reason = ReasonMayNotEdit
	kind := objectKind(e.Path)
	target := "the " + kind
	if e.Method == http.MethodPost && pathOnly(e.Path) == "/v1/pages" {
		target = "the page or database the page is created in"
		kind = "parent"
	}
	link := notionLink(e.Path)
	if c.Kind == notionapi.TokenKindPersonal {
		f.Title = "You may not edit " + target + " (403)"
		f.Summary = "A personal access token acts as you, and Notion refused because your own access to " + target + " does not allow this change."
		f.Causes = []string{"you may only view or comment on " + target, "the token was made without the “Notion API” capabilities"}
		f.Steps = []string{
			"Open " + target + " in Notion" + openAt(link) + " and check that you can edit it; if not, ask its owner for edit access.",
			"Or choose a " + kind + " you may edit.",
			c.retryStep(""),
		}
	} else {
		f.Title = "The connection may not change " + target + " (403)"
		f.Summary = "Notion refused " + e.Method + " " + pathShape(e.Path) + " on this " + kind + " to " + theConnection(c) + "."
		f.Causes = []string{
			"the connection's access to " + target + " does not allow changes",
			"the connection lacks the “" + f.Capability + "” capability",
		}
		f.Steps = []string{
			"Open " + target + " in Notion" + openAt(link) + ", and under ••• → Connections check that " + quoteName(c.IntegrationName) + " is there with access to edit.",
			"Check that its Configuration tab at " + ConnectionsURL + " turns on “" + f.Capability + "”.",
			c.retryStep(""),
		}
		f.addLink("connections in the Developer portal", ConnectionsURL)
	}
	if link != "" {
		f.Links = append([]Link{{Title: kind + " in Notion", URL: link}}, f.Links...)
		f.Link, f.LinkTitle = link, kind+" in Notion"
		if !f.Has(ActOpenLink) {
			f.Actions = append(f.Actions, ActOpenLink)
		}
	}
	f.Actions = append([]Action{ActRetry}, f.Actions...)
}

// theConnection is "the connection “NAME”", or "the connection".
func theConnection(c Context) string {
	if c.IntegrationName == "" {
		return "the connection"
	}
	return "the connection “" + c.IntegrationName + "”"
}

func openAt(link string) string {
	if link == "" {
		return ""
	}
	return " (" + link + ")"
}

// notFoundFix explains a 404: not shared with the connection, not visible
// to the person a personal access token acts as, or a database ID where a
// data source's is needed (and the reverse), which Notion answers alike.
func notFoundFix(f *Fix, e *notionapi.APIError, c Context) {
	kind := objectKind(e.Path)
	id := objectID(e.Path)
	f.ObjectID = id
	link := notionLink(e.Path)
	switch {
	case e.BothKinds: // asked as both kinds already
	case kind == "data source":
		f.OtherKind = "database"
	case kind == "database":
		f.OtherKind = "data source"
	}
	if c.Kind == notionapi.TokenKindPersonal {
		f.Reason = ReasonNotVisible
		f.Title = "You cannot see this " + kind + " in Notion (404)"
		f.Summary = "A personal access token sees what you see. Notion answers “not found” for what you cannot open, and for IDs that do not exist."
		f.Causes = []string{
			"the " + kind + " is private to someone else, or in a teamspace you are not in",
			"the ID is wrong, or the " + kind + " was deleted",
			"it is in another workspace: a personal access token reaches only the workspace it was made in",
		}
		f.Steps = []string{
			"Open the " + kind + " in Notion" + openAt(link) + ": if Notion says you have no access, ask its owner to share it with you.",
			"Check the ID: copy the link again with ••• → Copy link.",
			c.retryStep(""),
		}
	} else {
		f.Reason = ReasonNotShared
		f.Title = "The " + kind + " is not shared with the connection (404)"
		f.Summary = "Notion answers “not found” for anything not shared with the connection, even when it exists."
		f.Causes = []string{
			"the " + kind + " is not shared with " + quoteName(c.IntegrationName),
			"the ID is wrong, or the " + kind + " was deleted",
		}
		f.Steps = append(ShareSteps(c.IntegrationName), c.retryStep(". Sharing a page also shares everything inside it"))
		f.Steps[0] = "Open the " + kind + " in Notion" + openAt(link) + "."
		if kind == "data source" {
			f.Steps[0] = "Open its database in Notion."
		}
		if c.Kind == notionapi.TokenKindPublic {
			f.Steps = append(f.Steps, "Or sign in again and choose the "+kind+" on Notion's consent page.")
		}
	}
	f.Actions = []Action{ActRetry}
	if f.OtherKind != "" && id != "" {
		f.Causes = append(f.Causes, "the ID is a "+f.OtherKind+"'s: Notion answers a "+f.OtherKind+" ID sent where a "+kind+" ID is needed with this same “not found”")
		instead := "use the ID of one of its data sources instead"
		if f.OtherKind == "data source" {
			instead = "use the ID of its database instead"
		}
		f.Steps = append([]string{c.say(
			"If the ID is a "+f.OtherKind+"'s, try it as one"+c.press(ActTryOtherKind)+".",
			"If the ID is a "+f.OtherKind+"'s, "+instead+".")}, f.Steps...)
		f.Actions = append([]Action{ActTryOtherKind}, f.Actions...)
	}
	if e.BothKinds {
		f.Summary += bothKindsTried
		// A page's link looks like a database's: the commonest mix-up.
		f.Causes = append(f.Causes, "the ID is a page's, not a database's: their links look alike")
		if id != "" {
			f.Steps = append(f.Steps, c.say(
				"If the ID is a page's, paste its link in the jump box (:), which opens pages too.",
				"If the ID is a page's, read the page with: notion-tui page "+notionapi.CompactID(id)))
		}
	}
	if link != "" {
		f.addLink(kind+" in Notion", link)
	}
}

// bothKindsTried ends the summary of a 404 for an ID asked as both kinds.
const bothKindsTried = " The ID was tried both as a database and as a data source."

// rateLimitFix explains a rate limit that reached the user: notionapi has
// already waited as Notion asked (up to its cap) and retried, so it says
// what is left to do. tooLong is set when Notion asked for a longer wait
// than notionapi waits on its own.
func rateLimitFix(f *Fix, e *notionapi.APIError, tooLong *notionapi.WaitTooLongError, c Context) {
	f.Reason = ReasonRateLimited
	f.Title = "Notion asked to slow down (429 rate limited)"
	wait := "a moment"
	if e.RetryAfter > 0 {
		wait = e.RetryAfter.Round(time.Second).String()
	}
	f.Causes = []string{
		"more than the " + connectionWord(c.Kind) + "'s budget: 180 requests a minute (an average of 3 a second; 600 a minute on Business and Enterprise plans)",
		"other programs using the same token at the same time",
	}
	if e.RateLimitReason() == notionapi.RateLimitWorkspace {
		f.Title = "Notion's limit for the whole workspace was reached (429 rate limited)"
		f.Causes = []string{"all the connections and tokens of the workspace together sent more than its plan allows; its waits can exceed a minute"}
	}
	limit := notionapi.DefaultMaxRetryWait.Round(time.Second).String()
	again := c.say("retry"+c.press(ActRetry), "run the command again")
	switch {
	case e.RateLimitReason() == notionapi.RateLimitBlocked:
		f.Reason = ReasonBlockedConnection
		f.Title = "Notion blocked this " + connectionWord(c.Kind) + "'s requests (429)"
		f.Causes = []string{"Notion stopped accepting requests from the " + connectionWord(c.Kind) + "; waiting does not lift it"}
		f.Steps = []string{"Contact Notion support, quoting the request_id above."}
		f.Actions = nil
		if c.Kind != notionapi.TokenKindPersonal {
			f.Steps = append([]string{"Check the connection in the Developer portal (" + ConnectionsURL + ")."}, f.Steps...)
			f.addLink("connections in the Developer portal", ConnectionsURL)
		}
		return
	case tooLong != nil:
		if tooLong.Max > 0 {
			limit = tooLong.Max.Round(time.Second).String()
		}
		f.Steps = []string{
			"Notion asked to wait " + wait + ", longer than notion-tui waits on its own (up to " + limit + "): " + again + " after " + tooLong.Until.Local().Format("15:04") + ".",
		}
	case e.Retries > 0:
		f.Steps = []string{
			"notion-tui already waited as Notion asked (up to " + limit + " at a time) and retried " + retriesText(e.Retries) + "; Notion still refused.",
			"Wait " + wait + " (Notion's Retry-After), then " + again + ".",
		}
	default:
		f.Steps = []string{"Wait " + wait + " (Notion's Retry-After), then " + again + "."}
	}
	f.Steps = append(f.Steps, "If this happens often, lower --rate (or NOTION_RATE), or run fewer programs with this token at once.")
	f.Actions = []Action{ActWait, ActRetry}
}

func retriesText(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

// reSentVersion reads the version Notion says it was sent: … instead was
// "2024-06-15". (the value may also be quoted in backticks).
var reSentVersion = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("instead was `?\"([^\"]*)\"") })

// versionRejectedFix explains a refused Notion-Version, recognised by
// Notion's message (notion-api.md 2026 section B), naming where the value
// came from.
func versionRejectedFix(f *Fix, e *notionapi.APIError, c Context) {
	// Notion's answer says what it was sent; it wins over the context.
	if e.Code == notionapi.CodeMissingVersion {
		c.Version = ""
	} else if m := reSentVersion().FindStringSubmatch(e.Message); m != nil {
		c.Version = m[1]
	}
	v := VersionFix(c)
	f.Reason = ReasonVersionRejected
	f.Title = "Notion rejected the Notion-Version header (400)"
	if c.Version != "" {
		f.Title = "Notion rejected Notion-Version " + c.Version + " (400)"
	}
	if e.Code == notionapi.CodeMissingVersion {
		f.Title = "No Notion-Version header was sent (400 missing_version)"
	}
	f.Causes, f.Steps, f.Actions = v.Causes, v.Steps, v.Actions
}

// VersionFix explains a Notion-Version setting Notion will refuse: none,
// or a value it does not know. It is the fix for missing_version and
// rejected versions, and what `notion-tui doctor` says before any request.
func VersionFix(c Context) Fix {
	f := Fix{Reason: ReasonVersionRejected, Title: "Notion-Version " + c.Version + " is not a version Notion accepts", Actions: []Action{ActPickVersion}}
	if c.Version == "" {
		f.Title = "No Notion-Version header is sent"
	}
	f.Causes = []string{versionCause(c)}
	if c.Version != "" && !notionapi.IsKnownVersion(c.Version) {
		f.Causes = append(f.Causes, "Notion accepts only the dated versions it has published ("+notionapi.KnownVersions[0]+" to "+notionapi.DefaultVersion+"); "+c.Version+" is not one of them")
	}
	supported := strings.Join(notionapi.SupportedVersions, ", ") + " (newest: " + notionapi.DefaultVersion + ")"
	if c.Audience == TUI {
		f.Steps = []string{
			"Pick a supported version" + c.press(ActPickVersion) + ": " + supported + ".",
			"Then fix where the value came from so it sticks: " + versionFixHint(c) + ".",
		}
		return f
	}
	f.Steps = []string{
		"Use a supported version: " + supported + ", for instance with --notion-version " + notionapi.DefaultVersion + ".",
		strings.ToUpper(versionFixHint(c)[:1]) + versionFixHint(c)[1:] + ".",
	}
	return f
}

// versionCause says which Notion-Version is sent and where it comes from.
func versionCause(c Context) string {
	if c.Version != "" {
		return "notion-tui sends " + versionText(c)
	}
	switch src := c.VersionSource; {
	case src == "NOTION_VERSION":
		return "notion-tui sends no Notion-Version header: NOTION_VERSION is set but empty"
	case strings.HasPrefix(src, "flag"):
		return "notion-tui sends no Notion-Version header: --notion-version was given an empty value"
	case src != "" && src != "default":
		return "notion-tui sends no Notion-Version header (" + src + " has none)"
	}
	return "notion-tui sends no Notion-Version header"
}

func versionText(c Context) string {
	if c.Version == "" {
		src := ""
		if c.VersionSource != "" {
			src = " (set empty by " + c.VersionSource + ")"
		}
		return "no Notion-Version" + src
	}
	src := ""
	switch {
	case c.VersionSource == "default":
		src = " (notion-tui's default)"
	case c.VersionSource != "":
		src = " (from " + c.VersionSource + ")"
	}
	return "Notion-Version " + c.Version + src
}

// versionFixHint says how to change the setting the version came from.
func versionFixHint(c Context) string {
	source := c.VersionSource
	switch {
	case source == "NOTION_VERSION":
		return "unset NOTION_VERSION or set it to a supported value"
	case strings.HasPrefix(source, "flag"):
		return "change or drop --notion-version"
	case strings.HasPrefix(source, "profile "):
		return c.say("log in again to that profile", "log in again to that profile (`notion-tui auth login --profile "+strings.TrimPrefix(source, "profile ")+"`), or pass --notion-version")
	case source == "default":
		return "pass --notion-version with an older supported version, and update notion-tui"
	}
	return "change whichever of --notion-version, NOTION_VERSION and the profile sets it"
}

// diagnoseMultipleDataSources explains a database with several data
// sources: one must be picked, and versions before 2025-09-03 cannot read
// it at all.
func diagnoseMultipleDataSources(e *notionapi.MultipleDataSourcesError, c Context) Fix {
	f := Fix{Reason: ReasonMultipleSources, Title: "This database has several data sources", Message: e.Error(), Actions: []Action{ActEditInput}, ObjectID: e.DatabaseID}
	if e.MinimumVersion != "" {
		f.Title = "This database has several data sources, which " + versionText(c) + " cannot read"
		f.Causes = []string{"Notion-Version " + e.MinimumVersion + " introduced data sources; older versions read only databases with one"}
		f.Steps = append(f.Steps, c.say("Pick Notion-Version "+e.MinimumVersion+" or later"+c.press(ActPickVersion)+".", "Pass --notion-version "+e.MinimumVersion+" or later."))
		f.Actions = []Action{ActPickVersion, ActEditInput}
	}
	// The data sources are the choices of one step, not steps of their
	// own: numbered as steps, they read as things to do in turn.
	var refs []string
	for _, d := range e.DataSources {
		if d.Name == "" {
			refs = append(refs, d.ID)
		} else {
			refs = append(refs, fmt.Sprintf("%s — %s", d.Name, d.ID))
		}
	}
	step := "Pick one of the database's data sources and use its ID"
	if len(refs) > 0 {
		step += ": " + strings.Join(refs, "; ")
	}
	f.Steps = append(f.Steps, step+".")
	return f
}

// diagnoseRedirect explains a base URL that answered with a redirect,
// which notionapi refuses to follow: Notion's API never redirects.
func diagnoseRedirect(e *notionapi.RedirectError, c Context) Fix {
	base := orDefault(baseOf(e.URL), orDefault(c.BaseURL, notionapi.DefaultBaseURL))
	to := "elsewhere"
	if e.Location != "" {
		to = "to " + e.Location
	}
	f := Fix{
		Reason:  ReasonBaseURL,
		Title:   fmt.Sprintf("The base URL redirected the request (HTTP %d), and notion-tui did not follow", e.Status),
		Status:  e.Status,
		Request: e.Method + " " + e.URL,
		Message: e.Error(),
		Causes: []string{
			"the base URL " + base + " is not the Notion API (a web page, an old address), which never redirects",
			"a proxy or a captive portal (hotel or airport Wi-Fi sign-in) intercepts the connection",
		},
		Steps: []string{
			"Check the base URL: " + base + " (set by --base-url or NOTION_BASE_URL); Notion's API is " + notionapi.DefaultBaseURL + ".",
			"The server pointed " + to + "; the token was not sent there. Do not use that address as the base URL unless you trust it.",
			"Behind a captive portal, sign in to the network in a browser, then " + c.say("retry"+c.press(ActRetry), "run the command again") + ".",
		},
		Actions: []Action{ActRetry},
	}
	if e.Downgrade() {
		f.Causes = append(f.Causes, "the redirect pointed from https:// to plain http://, where the token would travel unencrypted")
	}
	return f
}

func diagnoseNetwork(e *notionapi.NetworkError, c Context) Fix {
	f := Fix{
		Reason:  ReasonNetwork,
		Title:   "Could not reach " + hostOf(e.URL) + ": " + e.Reason(),
		Request: e.Method + " " + e.URL,
		Message: e.Err.Error(),
		Actions: []Action{ActRetry},
	}
	reason := e.Reason()
	// The address that failed is the one in use, whatever the context knows.
	base := orDefault(baseOf(e.URL), orDefault(c.BaseURL, notionapi.DefaultBaseURL))
	again := c.say("Retry"+c.press(ActRetry)+".", "Run the command again.")
	switch {
	case strings.HasPrefix(reason, "DNS"):
		f.Causes = []string{"no network connection", "a typo in the base URL's host", "a DNS or VPN problem"}
		f.Steps = []string{"Check your connection.", "Check the base URL: " + base + " (--base-url or NOTION_BASE_URL).", again}
	case reason == "connection refused":
		f.Causes = []string{"nothing listens at " + hostOf(e.URL), "a sandbox that was stopped, or a wrong port in the base URL"}
		f.Steps = []string{"Check the base URL: " + base + " (--base-url or NOTION_BASE_URL).", c.say("For the sandbox, start `notion-tui sandbox` in another terminal and use the address it prints.", "For the sandbox, start `notion-tui sandbox` and use the address it prints.")}
	default:
		f.Causes = []string{"the connection broke (network change, proxy, server restart)"}
		f.Steps = []string{again}
		if e.Ambiguous() {
			f.Ambiguous, f.Reason = true, ReasonMaybeSaved
			f.Title = "The connection broke while saving: the change may have been saved"
			f.Steps = []string{"Do not send it again blindly: notion-tui first checks whether it was saved."}
			f.Actions = []Action{ActCheckCreated}
		}
	}
	return f
}

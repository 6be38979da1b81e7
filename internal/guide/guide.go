// Package guide turns errors from the Notion API, the network and the
// token store into guided fixes: what happened, why it likely happened,
// and the exact steps to fix it. The TUI shows a Fix as a panel with keys
// to act, the CLI and `notion-tui doctor` print it as text.
package guide

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// IntegrationsURL is where integrations are created and configured.
const IntegrationsURL = "https://www.notion.so/my-integrations"

// Action is something the user can do from a fix, bound to a key in the
// TUI.
type Action string

// Actions a fix may offer.
const (
	ActReenterToken Action = "reenter-token"
	ActPickVersion  Action = "pick-version"
	ActRetry        Action = "retry"
	ActWait         Action = "wait" // the app retries by itself after RetryAfter
	ActOpenSettings Action = "open-settings"
	ActEditInput    Action = "edit-input"
	ActCheckCreated Action = "check-created"
)

// Context is what the app knows around the failure, to make the steps
// concrete.
type Context struct {
	// IntegrationName is the bot's name from /v1/users/me, if known.
	IntegrationName string
	// TokenSource says where the token came from ("token from NOTION_TOKEN").
	TokenSource string
	// Version is the Notion-Version sent ("" when none) and VersionSource
	// where it came from ("NOTION_VERSION", "flag --notion-version",
	// "profile dev", "default").
	Version       string
	VersionSource string
	BaseURL       string
	// Input is what the user typed that led to the request (a filter, a
	// form value), shown next to a validation error.
	Input string
}

// Fix is a diagnosed error.
type Fix struct {
	Title string
	// What happened, in facts: status, code, message, request ID.
	Status    int
	Code      string
	Message   string
	RequestID string
	Request   string // "POST /v1/pages"
	// Causes are the likely reasons; Steps the numbered fix.
	Causes []string
	Steps  []string
	// Actions the user can take from here.
	Actions []Action
	// Field is the request field at fault, for validation errors.
	Field string
	// Input repeats what the user typed, for validation errors.
	Input string
	// RetryAfter is how long to wait before the app retries (429).
	RetryAfter time.Duration
	// Link is a page to open for the fix, and LinkTitle what it is ("the
	// integration's settings", "the database in Notion").
	Link      string
	LinkTitle string
	// Ambiguous marks a write that may have been applied.
	Ambiguous bool
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

// Diagnose explains err. It never returns an empty fix for a non-nil
// error: unknown errors become a generic fix quoting the error.
func Diagnose(err error, c Context) Fix {
	if err == nil {
		return Fix{}
	}
	var (
		apiErr  *notionapi.APIError
		netErr  *notionapi.NetworkError
		tmoErr  *notionapi.TimeoutError
		decErr  *notionapi.DecodeError
		idErr   *notionapi.IDError
		multiDS *notionapi.MultipleDataSourcesError
		krErr   *keystore.KeyringError
		redir   *notionapi.RedirectError
		tooLong *notionapi.WaitTooLongError
	)
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
			rateLimitFix(&f, apiErr, tooLong)
		}
		return f
	case errors.As(err, &tmoErr):
		return Fix{
			Title:   "Notion did not answer in time",
			Request: tmoErr.Method + " " + tmoErr.URL,
			Message: tmoErr.Error(),
			Causes:  []string{"a slow or interrupted network", "Notion is slow right now", "a proxy holding the connection"},
			Steps: []string{
				"Check your connection (can you open " + hostOf(c.BaseURL) + " in a browser?).",
				"Retry; long queries succeed on a second try once Notion's cache is warm.",
				"Check https://status.notion.so for an incident.",
			},
			Actions: []Action{ActRetry},
		}
	case errors.As(err, &netErr):
		return diagnoseNetwork(netErr, c)
	case errors.As(err, &decErr):
		return Fix{
			Title:   fmt.Sprintf("The answer to %s %s was not Notion's JSON", decErr.Method, decErr.Path),
			Status:  decErr.Status,
			Request: decErr.Method + " " + decErr.Path,
			Message: fmt.Sprintf("HTTP %d (%s) starting with %q", decErr.Status, orNone(decErr.ContentType), decErr.Snippet),
			Causes:  []string{"the base URL points at something other than the Notion API (a web page, a proxy login)", "a proxy rewrote the answer"},
			Steps: []string{
				"Check the base URL: " + orDefault(c.BaseURL, notionapi.DefaultBaseURL) + " (set by --base-url or NOTION_BASE_URL).",
				"If you are behind a corporate proxy, make sure it passes https://api.notion.com through.",
			},
			Actions: []Action{ActRetry},
		}
	case errors.As(err, &idErr):
		return Fix{
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
			Title:   "The OS keyring cannot be used",
			Message: krErr.Error(),
			Causes:  []string{"no Secret Service (gnome-keyring, KWallet) on this machine or session", "the keyring is locked", "the keyring did not answer in time"},
			Steps:   keyringSteps(krErr.Hint),
			Actions: []Action{ActRetry},
		}
	case errors.Is(err, keystore.ErrNoToken):
		return Fix{
			Title:   "No Notion token is set up",
			Message: err.Error(),
			Steps: []string{
				"Create an internal integration at " + IntegrationsURL + " and copy its token.",
				"Run `notion-tui` to paste it in the setup wizard, or `notion-tui auth login`.",
				"Or set NOTION_TOKEN for this shell. To try without a token: `notion-tui --demo`.",
			},
			Link:      IntegrationsURL,
			LinkTitle: "integration settings",
			Actions:   []Action{ActReenterToken},
		}
	case errors.Is(err, context.DeadlineExceeded):
		return Fix{Title: "The operation took too long", Message: err.Error(), Actions: []Action{ActRetry}}
	}
	return Fix{Title: "Something went wrong", Message: err.Error(), Actions: []Action{ActRetry}}
}

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
	case e.Code == notionapi.CodeUnauthorized || e.Status == http.StatusUnauthorized && e.Code == "":
		f.Title = "The token was rejected (401 unauthorized)"
		f.Causes = []string{
			"the token was revoked, or regenerated in the integration's settings (the old one stops working at once)",
			"a character was lost or added when it was pasted",
			"it belongs to another workspace's integration, or it is an OAuth token that was revoked",
		}
		f.Steps = []string{
			"Open " + IntegrationsURL + ", choose the integration, and copy its Internal Integration Secret (“Show” → “Copy”).",
			"Enter it again here (the old value is replaced in the profile).",
			"If you regenerated it, update every environment that uses the old one: CI secrets, .env files, other profiles (dev / prod / test).",
		}
		if c.TokenSource != "" {
			f.Causes = append(f.Causes, "the token in use is the "+strings.TrimPrefix(c.TokenSource, "token from ")+" one; "+sourceHint(c.TokenSource))
		}
		f.Link, f.LinkTitle = IntegrationsURL, "integration settings"
		f.Actions = []Action{ActReenterToken, ActOpenSettings}
	case e.Code == notionapi.CodeRestrictedResource || e.Status == http.StatusForbidden:
		cap := Capability(e.Method, e.Path)
		f.Title = "The integration lacks the “" + cap + "” capability (403)"
		f.Causes = []string{"the integration was created without the “" + cap + "” capability, which " + e.Method + " " + pathShape(e.Path) + " needs"}
		f.Steps = capabilitySteps(cap, c.IntegrationName)
		f.Link, f.LinkTitle = IntegrationsURL, "integration settings"
		f.Actions = []Action{ActOpenSettings, ActRetry}
	case e.Code == notionapi.CodeObjectNotFound || e.Status == http.StatusNotFound:
		kind := objectKind(e.Path)
		f.Title = "The " + kind + " is not shared with the integration (404)"
		f.Causes = []string{
			"Notion answers “not found” for anything not shared with the integration, even when it exists",
			"the ID is wrong, or the " + kind + " was deleted",
		}
		if kind == "data source" || kind == "database" {
			f.Causes = append(f.Causes, "a database ID was used where a data source ID is needed (or the other way round)")
		}
		f.Steps = append(ShareSteps(c.IntegrationName), "Retry here. Sharing a page also shares everything inside it.")
		f.Steps[0] = "Open the " + kind + " in Notion" + openHint(e.Path) + "."
		f.Actions = []Action{ActRetry}
		if link := notionLink(e.Path); link != "" {
			f.Link, f.LinkTitle = link, kind+" in Notion"
			f.Actions = append(f.Actions, ActOpenSettings)
		}
	case e.VersionRejected():
		diagnoseVersion(&f, e, c)
	case e.Code == notionapi.CodeInvalidRequestURL:
		f.Title = "Notion did not recognise the request URL (400)"
		f.Causes = []string{"a malformed ID in the path"}
		if !notionapi.UsesDataSources(c.Version) && strings.Contains(e.Path, "/data_sources/") {
			f.Causes = []string{"data source endpoints need Notion-Version 2025-09-03 or later; " + versionText(c) + " was sent"}
		} else if notionapi.UsesDataSources(c.Version) && strings.HasPrefix(e.Path, "/v1/databases/") && strings.HasSuffix(pathOnly(e.Path), "/query") {
			f.Causes = []string{"from Notion-Version 2025-09-03 on, rows are queried through data sources, not databases"}
		}
		f.Steps = []string{"Check the ID or link you entered.", "Pick a Notion-Version that fits the endpoint and retry."}
		f.Actions = []Action{ActPickVersion, ActEditInput}
	case e.Code == notionapi.CodeValidationError || e.Code == notionapi.CodeInvalidJSON:
		f.Title = "Notion refused the request as invalid (400 " + e.Code + ")"
		f.Field = FieldOf(e.Message)
		f.Input = c.Input
		f.Causes = []string{"a value does not fit the property or field it was sent for"}
		if f.Field != "" {
			f.Steps = append(f.Steps, "Correct “"+f.Field+"”: "+e.Message)
		} else {
			f.Steps = append(f.Steps, "Correct the request: "+e.Message)
		}
		f.Steps = append(f.Steps, "Your input is kept; edit it and send again.")
		f.Actions = []Action{ActEditInput}
	case e.Code == notionapi.CodeRateLimited || e.Status == http.StatusTooManyRequests:
		rateLimitFix(&f, e, nil)
	case e.Code == notionapi.CodeConflictError || e.Status == http.StatusConflict:
		f.Title = "Notion hit a conflict while saving (409)"
		f.Causes = []string{"the same page was being changed at the same time"}
		f.Steps = []string{"Retry; your values are kept."}
		f.Actions = []Action{ActRetry}
	case e.Code == notionapi.CodeInvalidGrant:
		f.Title = "Notion refused the OAuth grant (400 invalid_grant)"
		f.Causes = []string{"the code expired or was already used", "the redirect URI differs from the one sent to the consent page", "the refresh token was used or revoked"}
		f.Steps = []string{"Sign in again through the browser.", "Check that the redirect URI registered for the integration matches exactly (scheme, host, port, path)."}
		f.Actions = []Action{ActReenterToken}
	case e.Code == notionapi.CodeInvalidClient:
		f.Title = "Notion refused the OAuth client (401 invalid_client)"
		f.Causes = []string{"the client ID or client secret is wrong", "the secret was regenerated"}
		f.Steps = []string{"Copy the OAuth client ID and client secret again from the integration's settings at " + IntegrationsURL + ".", "Enter the secret again (it is never taken from a flag)."}
		f.Link, f.LinkTitle = IntegrationsURL, "integration settings"
		f.Actions = []Action{ActReenterToken, ActOpenSettings}
	case e.Status >= 500:
		f.Title = fmt.Sprintf("Notion had a problem (%d %s)", e.Status, orNone(e.Code))
		f.Causes = []string{"a temporary failure on Notion's side or a proxy in between"}
		f.Steps = []string{"Retry in a moment.", "If it persists, check https://status.notion.so and quote the request_id above to Notion support."}
		if e.Ambiguous() {
			f.Ambiguous = true
			f.Title = fmt.Sprintf("Notion failed while saving (%d %s): the change may have been saved", e.Status, orNone(e.Code))
			f.Steps = []string{
				"Do not send it again blindly: notion-tui first checks whether it was saved.",
				"Then send it again only if it was not.",
			}
			f.Actions = []Action{ActCheckCreated}
			return f
		}
		f.Actions = []Action{ActRetry}
	default:
		f.Title = fmt.Sprintf("Notion refused the request (%d %s)", e.Status, orNone(e.Code))
		f.Steps = []string{"Check the request and retry."}
		f.Actions = []Action{ActRetry}
	}
	return f
}

// rateLimitFix explains a rate limit that reached the user: notionapi has
// already waited as Notion asked (up to its cap) and retried, so it says
// what is left to do. tooLong is set when Notion asked for a longer wait
// than notionapi waits on its own.
func rateLimitFix(f *Fix, e *notionapi.APIError, tooLong *notionapi.WaitTooLongError) {
	f.Title = "Notion asked to slow down (429 rate limited)"
	wait := "a moment"
	if e.RetryAfter > 0 {
		wait = e.RetryAfter.Round(time.Second).String()
	}
	f.Causes = []string{
		"more than the integration's budget: 180 requests a minute (an average of 3 a second; 600 a minute on Business and Enterprise plans)",
		"other programs using the same integration at the same time",
	}
	if e.RateLimitReason() == notionapi.RateLimitWorkspace {
		f.Title = "Notion's limit for the whole workspace was reached (429 rate limited)"
		f.Causes = []string{"all the integrations of the workspace together sent more than its plan allows; its waits can exceed a minute"}
	}
	limit := notionapi.DefaultMaxRetryWait.Round(time.Second).String()
	switch {
	case e.RateLimitReason() == notionapi.RateLimitBlocked:
		f.Title = "Notion blocked this integration's requests (429)"
		f.Causes = []string{"Notion stopped accepting requests from the integration; waiting does not lift it"}
		f.Steps = []string{"Check the integration in Notion's settings (" + IntegrationsURL + "), and contact Notion support quoting the request_id above."}
		f.Actions = []Action{ActOpenSettings}
		return
	case tooLong != nil:
		f.Steps = []string{
			"Notion asked to wait " + wait + ", longer than notion-tui waits on its own (up to " + limit + "): try again after " + tooLong.Until.Local().Format("15:04") + ".",
		}
	case e.Retries > 0:
		f.Steps = []string{
			"notion-tui already waited as Notion asked (up to " + limit + " at a time) and retried " + retriesText(e.Retries) + "; Notion still refused.",
			"Wait " + wait + " (Notion's Retry-After), then retry.",
		}
	default:
		f.Steps = []string{"Wait " + wait + " (Notion's Retry-After), then retry."}
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

func diagnoseVersion(f *Fix, e *notionapi.APIError, c Context) {
	v := VersionFix(c)
	f.Title = "Notion rejected the Notion-Version header (400)"
	if e.Code == notionapi.CodeMissingVersion {
		f.Title = "No Notion-Version header was sent (400 missing_version)"
	}
	f.Causes, f.Steps, f.Actions = v.Causes, v.Steps, v.Actions
}

// VersionFix explains a Notion-Version setting Notion will refuse: none,
// or a value it does not know. It is the fix for missing_version and
// rejected versions, and what `notion-tui doctor` says before any request.
func VersionFix(c Context) Fix {
	f := Fix{Title: "Notion-Version " + c.Version + " is not a version Notion accepts", Actions: []Action{ActPickVersion}}
	if c.Version == "" {
		f.Title = "No Notion-Version header is sent"
	}
	f.Causes = []string{versionCause(c)}
	if c.Version != "" && !notionapi.IsKnownVersion(c.Version) {
		f.Causes = append(f.Causes, "Notion accepts only the dated versions it has published ("+notionapi.KnownVersions[0]+" to "+notionapi.DefaultVersion+"); "+c.Version+" is not one of them")
	}
	f.Steps = []string{
		"Pick a supported version: " + strings.Join(notionapi.SupportedVersions, ", ") + " (newest: " + notionapi.DefaultVersion + ").",
		"Then fix where the value came from so it sticks: " + versionFixHint(c.VersionSource) + ".",
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
	if c.VersionSource != "" {
		src = " (from " + c.VersionSource + ")"
	}
	return "Notion-Version " + c.Version + src
}

func versionFixHint(source string) string {
	switch {
	case source == "NOTION_VERSION":
		return "unset NOTION_VERSION or set it to a supported value"
	case strings.HasPrefix(source, "flag"):
		return "change or drop --notion-version"
	case strings.HasPrefix(source, "profile "):
		return "log in again to that profile, or pass --notion-version"
	}
	return "pass --notion-version or set NOTION_VERSION"
}

func sourceHint(src string) string {
	switch {
	case strings.Contains(src, "NOTION_TOKEN"):
		return "unset NOTION_TOKEN to use a stored profile instead"
	case strings.Contains(src, "profile"):
		return "run `notion-tui auth login --profile NAME` to replace it"
	}
	return "replace it"
}

// diagnoseMultipleDataSources explains a database with several data
// sources: one must be picked, and versions before 2025-09-03 cannot read
// it at all.
func diagnoseMultipleDataSources(e *notionapi.MultipleDataSourcesError, c Context) Fix {
	f := Fix{Title: "This database has several data sources", Message: e.Error(), Actions: []Action{ActEditInput}}
	if e.MinimumVersion != "" {
		f.Title = "This database has several data sources, which " + versionText(c) + " cannot read"
		f.Causes = []string{"Notion-Version " + e.MinimumVersion + " introduced data sources; older versions read only databases with one"}
		f.Steps = append(f.Steps, "Pick Notion-Version "+e.MinimumVersion+" or later.")
		f.Actions = []Action{ActPickVersion, ActEditInput}
	}
	f.Steps = append(f.Steps, "Pick one of the database's data sources and use its ID:")
	for _, d := range e.DataSources {
		if d.Name == "" {
			f.Steps = append(f.Steps, d.ID)
		} else {
			f.Steps = append(f.Steps, fmt.Sprintf("%s — %s", d.Name, d.ID))
		}
	}
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
			"Behind a captive portal, sign in to the network in a browser, then retry.",
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
		Title:   "Could not reach " + hostOf(e.URL) + ": " + e.Reason(),
		Request: e.Method + " " + e.URL,
		Message: e.Err.Error(),
		Actions: []Action{ActRetry},
	}
	reason := e.Reason()
	// The address that failed is the one in use, whatever the context knows.
	base := orDefault(baseOf(e.URL), orDefault(c.BaseURL, notionapi.DefaultBaseURL))
	switch {
	case strings.HasPrefix(reason, "DNS"):
		f.Causes = []string{"no network connection", "a typo in the base URL's host", "a DNS or VPN problem"}
		f.Steps = []string{"Check your connection.", "Check the base URL: " + base + " (--base-url or NOTION_BASE_URL)."}
	case reason == "connection refused":
		f.Causes = []string{"nothing listens at " + hostOf(e.URL), "a sandbox that was stopped, or a wrong port in the base URL"}
		f.Steps = []string{"Check the base URL: " + base + " (--base-url or NOTION_BASE_URL).", "For the sandbox, start `notion-tui sandbox` and use the address it prints."}
	default:
		f.Causes = []string{"the connection broke (network change, proxy, server restart)"}
		f.Steps = []string{"Retry."}
		if e.Ambiguous() {
			f.Ambiguous = true
			f.Title = "The connection broke while saving: the change may have been saved"
			f.Steps = []string{"Do not send it again blindly: notion-tui first checks whether it was saved."}
			f.Actions = []Action{ActCheckCreated}
		}
	}
	return f
}

// keyringSteps are the keyring's own hint, as a sentence, and the ways
// around it that the hint does not already name.
func keyringSteps(hint string) []string {
	var steps []string
	if hint = strings.TrimSpace(hint); hint != "" {
		steps = append(steps, strings.ToUpper(hint[:1])+strings.TrimSuffix(hint[1:], ".")+".")
	}
	steps = append(steps, "Or keep the token for this session only, or set NOTION_TOKEN in the environment.")
	if !strings.Contains(hint, "insecure-storage") {
		steps = append(steps, "Or, knowing it is stored unencrypted, choose the plain-file store (--insecure-storage).")
	}
	return steps
}

// Capability names the integration capability an endpoint needs.
func Capability(method, path string) string {
	p := pathOnly(path)
	switch {
	case strings.HasPrefix(p, "/v1/users") && p != "/v1/users/me":
		return "Read user information"
	case strings.HasPrefix(p, "/v1/comments"):
		if method == http.MethodPost {
			return "Insert comments"
		}
		return "Read comments"
	case method == http.MethodPost && p == "/v1/pages",
		method == http.MethodPatch && strings.HasSuffix(p, "/children"):
		return "Insert content"
	case method == http.MethodPatch || method == http.MethodDelete:
		return "Update content"
	}
	return "Read content"
}

var reID = regexp.MustCompile(`[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}`)

func pathShape(p string) string { return reID.ReplaceAllString(pathOnly(p), "{id}") }

func pathOnly(p string) string {
	p, _, _ = strings.Cut(p, "?")
	return p
}

// notionLink returns the notion.so address of the page, database or block
// a path names, which opens it in Notion for a member who can see it. Data
// source and user IDs have no such address.
func notionLink(path string) string {
	p := pathOnly(path)
	for _, prefix := range []string{"/v1/pages/", "/v1/databases/", "/v1/blocks/"} {
		if strings.HasPrefix(p, prefix) {
			if id := reID.FindString(p); id != "" {
				return "https://www.notion.so/" + notionapi.CompactID(id)
			}
		}
	}
	return ""
}

// openHint tells where the object is when its address is known.
func openHint(path string) string {
	if link := notionLink(path); link != "" {
		return " (" + link + ")"
	}
	return ""
}

func objectKind(path string) string {
	p := pathOnly(path)
	switch {
	case strings.HasPrefix(p, "/v1/data_sources/"):
		return "data source"
	case strings.HasPrefix(p, "/v1/databases/"):
		return "database"
	case strings.HasPrefix(p, "/v1/blocks/"):
		return "block"
	case strings.HasPrefix(p, "/v1/users/"):
		return "user"
	}
	return "page"
}

var (
	reBodyPath = regexp.MustCompile("body\\.([A-Za-z0-9_.\\[\\]]+)")
	reNotProp  = regexp.MustCompile(`^(.+?) is not a property that exists`)
	reExpected = regexp.MustCompile(`^(.+?) is expected to be `)
	reNoProp   = regexp.MustCompile(`Could not find property with name or id: (.+?)\.?$`)
)

// FieldOf extracts the field at fault from a validation message:
// "Tags is expected to be multi_select." → "Tags";
// "body.properties.Name.title[0].text.content.length should be ≤ 2000" →
// "properties.Name".
func FieldOf(msg string) string {
	for _, re := range []*regexp.Regexp{reNotProp, reExpected, reNoProp} {
		if m := re.FindStringSubmatch(msg); m != nil {
			return strings.TrimSpace(m[1])
		}
	}
	if m := reBodyPath.FindStringSubmatch(msg); m != nil {
		parts := strings.Split(m[1], ".")
		if parts[0] == "properties" && len(parts) > 1 {
			return "properties." + strings.SplitN(parts[1], "[", 2)[0]
		}
		return m[1]
	}
	return ""
}

// baseOf returns the scheme and host of a URL ("" if it has none).
func baseOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

func hostOf(u string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	if i := strings.IndexAny(s, "/?"); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return "api.notion.com"
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

package guide

import (
	"errors"
	"strconv"
	"strings"

	"github.com/notion-tui/notion-tui/internal/oauthflow"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// signInAgain is the step that starts a new OAuth sign-in.
const signInAgain = "Sign in again: `notion-tui auth login --oauth` (add --profile NAME for a named profile), or choose “Public integration (OAuth)” in the app's setup."

// diagnoseOAuth explains the failures of the OAuth sign-in and of a token
// refresh; ok is false for other errors.
func diagnoseOAuth(err error, c Context) (f Fix, ok bool) {
	var (
		flowErr *oauthflow.Error
		portErr *oauthflow.PortError
		refresh *notionapi.RefreshError
		apiErr  *notionapi.APIError
	)
	switch {
	case errors.As(err, &flowErr):
		return diagnoseFlow(flowErr), true
	case errors.As(err, &portErr):
		return diagnosePort(portErr), true
	case errors.As(err, &refresh):
		return diagnoseRefresh(refresh, c), true
	case errors.As(err, &apiErr) && apiErr.Code == notionapi.CodeInvalidGrant && strings.Contains(apiErr.Message, "redirect_uri"):
		f := diagnoseAPI(apiErr, c)
		f.Title = "The redirect URI does not match the sign-in's (400 invalid_grant)"
		f.Causes = []string{"the code was exchanged with another redirect URI than the one sent to Notion's consent page"}
		f.Steps = []string{"Register the redirect URI notion-tui shows in the integration's OAuth settings, exactly (scheme, host, port and path).", signInAgain}
		f.Link, f.LinkTitle = IntegrationsURL, "integration settings"
		f.Actions = []Action{ActRetry, ActOpenSettings}
		return f, true
	}
	return Fix{}, false
}

func diagnoseFlow(e *oauthflow.Error) Fix {
	register := "Register exactly " + e.RedirectURI + " as a redirect URI in the integration's OAuth settings (" + IntegrationsURL + ")."
	f := Fix{Message: e.Error(), Actions: []Action{ActRetry}}
	switch {
	case errors.Is(e, oauthflow.ErrDenied):
		f.Title = "Access was not granted in Notion"
		f.Causes = []string{
			"“Cancel” was chosen on Notion's consent page",
			"the workspace only allows integrations its admins approved",
		}
		f.Steps = []string{
			"Start the sign-in again and choose “Allow access” (and the pages to share).",
			"If the workspace restricts integrations, ask a workspace owner to allow this one.",
		}
	case errors.Is(e, oauthflow.ErrStateMismatch):
		f.Title = "A sign-in redirect was refused (state mismatch)"
		f.Causes = []string{
			"the browser came back from an older sign-in (an old tab, the back button, a bookmark)",
			"another site tried to slip its own authorization into this sign-in (cross-site request forgery)",
		}
		f.Steps = []string{"Close old Notion sign-in tabs.", "Start the sign-in again and finish it in the page it opens."}
	case errors.Is(e, oauthflow.ErrTimeout):
		f.Title = "The browser did not come back from Notion (waited " + e.After.String() + ")"
		f.Causes = []string{
			"Notion's consent page was not completed in time",
			"Notion refused the redirect URI: its page says redirect_uri is invalid or not registered",
			"the browser runs on another machine than notion-tui (a remote shell), so it cannot reach localhost here",
		}
		f.Steps = []string{register, "Start the sign-in again and complete Notion's page."}
		if port := portOf(e.RedirectURI); port != "" {
			f.Steps = append(f.Steps, "On a remote machine, forward the port first (ssh -L "+port+":localhost:"+port+" HOST), then open the printed link in your local browser.")
		}
		f.Link, f.LinkTitle = IntegrationsURL, "integration settings"
		f.Actions = append(f.Actions, ActOpenSettings)
	case errors.Is(e, oauthflow.ErrCancelled):
		f.Title = "The sign-in was cancelled"
		f.Steps = []string{"Start it again when you are ready."}
	default:
		f.Title = "Notion's consent page reported an error (" + orNone(e.Code) + ")"
		f.Causes = []string{"the client ID is wrong", "the redirect URI is not registered for the integration"}
		f.Steps = []string{"Check the OAuth client ID in the integration's settings.", register, "Start the sign-in again."}
		f.Link, f.LinkTitle = IntegrationsURL, "integration settings"
		f.Actions = append(f.Actions, ActOpenSettings)
	}
	return f
}

func diagnosePort(e *oauthflow.PortError) Fix {
	port := oauthflow.DefaultPort
	if e.Port == port {
		port++
	}
	other := strconv.Itoa(port)
	return Fix{
		Title:   "The sign-in cannot listen on port " + strconv.Itoa(e.Port) + " for Notion's redirect",
		Message: e.Error(),
		Causes:  []string{"another sign-in is still waiting, or another program uses the port"},
		Steps: []string{
			"Finish or cancel the other sign-in, or close the program using the port, and retry.",
			"Or choose another port (--redirect-port " + other + ") and register http://localhost:" + other + "/callback in the integration's OAuth settings.",
		},
		Actions: []Action{ActRetry},
	}
}

// diagnoseRefresh explains an expired access token that could not be
// renewed.
func diagnoseRefresh(e *notionapi.RefreshError, c Context) Fix {
	switch {
	case notionapi.IsCode(e.Err, notionapi.CodeInvalidGrant):
		f := diagnoseAPI(e.Unauthorized, c)
		f.Title = "The OAuth sign-in expired and could not be renewed"
		f.Message = e.Error()
		f.Causes = []string{
			"the refresh token was revoked: a logout elsewhere, or the connection was removed in Notion's Settings → Connections",
			"another copy of notion-tui renewed it first and could not save the new one",
		}
		f.Steps = []string{signInAgain}
		f.Link, f.LinkTitle = "", ""
		f.Actions = []Action{ActReenterToken}
		return f
	case diagnosable(e.Err):
		// The refresh itself met a network, keyring or API failure.
		return Diagnose(e.Err, c)
	}
	f := diagnoseAPI(e.Unauthorized, c)
	f.Causes = append([]string{"the access token expired and could not be renewed: " + e.Err.Error()}, f.Causes...)
	return f
}

// diagnosable reports whether Diagnose has a specific fix for err.
func diagnosable(err error) bool {
	var (
		apiErr *notionapi.APIError
		netErr *notionapi.NetworkError
		tmoErr *notionapi.TimeoutError
		krErr  *keystore.KeyringError
	)
	return errors.As(err, &apiErr) || errors.As(err, &netErr) || errors.As(err, &tmoErr) || errors.As(err, &krErr)
}

// portOf returns the port of a loopback redirect URI.
func portOf(uri string) string {
	rest, ok := strings.CutPrefix(uri, "http://localhost:")
	if !ok {
		return ""
	}
	port, _, _ := strings.Cut(rest, "/")
	return port
}

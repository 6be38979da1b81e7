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
func signInAgain(c Context) string {
	return c.say("Sign in again"+c.press(ActReenterToken)+": choose “Public connection (OAuth)” in the setup.",
		"Sign in again: `notion-tui auth login --oauth"+c.profileFlag()+"`.")
}

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
		return diagnoseFlow(flowErr, c), true
	case errors.As(err, &portErr):
		return diagnosePort(portErr, c), true
	case errors.As(err, &refresh):
		return diagnoseRefresh(refresh, c), true
	case errors.As(err, &apiErr) && apiErr.Code == notionapi.CodeInvalidGrant && strings.Contains(apiErr.Message, "redirect_uri"):
		f := diagnoseAPI(apiErr, c)
		f.Title = "The redirect URI does not match the sign-in's (400 invalid_grant)"
		f.Causes = []string{"the code was exchanged with another redirect URI than the one sent to Notion's consent page"}
		f.Reason = ReasonOAuth
		f.Steps = []string{"Register the redirect URI notion-tui shows on the public connection's Configuration tab (" + ConnectionsURL + "), exactly: scheme, host, port and path.", signInAgain(c)}
		f.Actions = []Action{ActRetry}
		f.addLink("connections in the Developer portal", ConnectionsURL)
		return f, true
	}
	return Fix{}, false
}

func diagnoseFlow(e *oauthflow.Error, c Context) Fix {
	register := "Register exactly " + e.RedirectURI + " as a redirect URI on the public connection's Configuration tab (" + ConnectionsURL + ")."
	f := Fix{Reason: ReasonOAuth, Message: e.Error(), Actions: []Action{ActRetry}}
	again := c.say("Start the sign-in again"+c.press(ActRetry), "Run the sign-in again")
	switch {
	case errors.Is(e, oauthflow.ErrDenied):
		f.Title = "Access was not granted in Notion"
		f.Causes = []string{
			"“Cancel” was chosen on Notion's consent page",
			"the workspace only allows connections its admins approved",
		}
		f.Steps = []string{
			again + " and choose “Allow access” (and the pages to share).",
			"If the workspace restricts connections, ask a workspace owner to allow this one.",
		}
	case errors.Is(e, oauthflow.ErrStateMismatch):
		f.Title = "A sign-in redirect was refused (state mismatch)"
		f.Causes = []string{
			"the browser came back from an older sign-in (an old tab, the back button, a bookmark)",
			"another site tried to slip its own authorization into this sign-in (cross-site request forgery)",
		}
		f.Steps = []string{"Close old Notion sign-in tabs.", again + " and finish it in the page it opens."}
	case errors.Is(e, oauthflow.ErrTimeout):
		f.Title = "The browser did not come back from Notion (waited " + e.After.String() + ")"
		f.Causes = []string{
			"Notion's consent page was not completed in time",
			"Notion refused the redirect URI: its page says redirect_uri is invalid or not registered",
			"the browser runs on another machine than notion-tui (a remote shell), so it cannot reach localhost here",
		}
		f.Steps = []string{register, again + " and complete Notion's page."}
		if port := portOf(e.RedirectURI); port != "" {
			f.Steps = append(f.Steps, "On a remote machine, forward the port first (ssh -L "+port+":localhost:"+port+" HOST), then open the printed link in your local browser.")
		}
		f.addLink("connections in the Developer portal", ConnectionsURL)
	case errors.Is(e, oauthflow.ErrCancelled):
		f.Title = "The sign-in was cancelled"
		f.Steps = []string{c.say("Start it again when you are ready"+c.press(ActRetry)+".", "Run it again when you are ready.")}
	default:
		f.Title = "Notion's consent page reported an error (" + orNone(e.Code) + ")"
		f.Causes = []string{"the client ID is wrong", "the redirect URI is not registered for the public connection"}
		f.Steps = []string{"Check the OAuth client ID on the public connection's Configuration tab.", register, again + "."}
		f.addLink("connections in the Developer portal", ConnectionsURL)
	}
	return f
}

func diagnosePort(e *oauthflow.PortError, c Context) Fix {
	port := oauthflow.DefaultPort
	if e.Port == port {
		port++
	}
	other := strconv.Itoa(port)
	f := Fix{
		Reason:  ReasonOAuth,
		Title:   "The sign-in cannot listen on port " + strconv.Itoa(e.Port) + " for Notion's redirect",
		Message: e.Error(),
		Causes:  []string{"another sign-in is still waiting, or another program uses the port"},
		Steps: []string{
			"Finish or cancel the other sign-in, or close the program using the port, and " + c.say("retry"+c.press(ActRetry), "run the sign-in again") + ".",
			c.say("Or type another port, such as "+other+", in the “Redirect port” field"+c.press(ActEditInput)+" and register http://localhost:"+other+"/callback for it on the public connection's Configuration tab ("+ConnectionsURL+"); an empty field picks any free port, shown when the sign-in starts.",
				"Or choose another port (--redirect-port "+other+") and register http://localhost:"+other+"/callback on the public connection's Configuration tab ("+ConnectionsURL+")."),
		},
		Actions: []Action{ActRetry},
	}
	if c.Audience == TUI {
		// The sign-in's form is behind the panel, at its port field.
		f.Actions = append(f.Actions, ActEditInput)
	}
	return f
}

// diagnoseRefresh explains an expired access token that could not be
// renewed.
func diagnoseRefresh(e *notionapi.RefreshError, c Context) Fix {
	switch {
	case notionapi.IsCode(e.Err, notionapi.CodeInvalidGrant):
		f := diagnoseAPI(e.Unauthorized, c)
		f.Title = "The OAuth sign-in expired and could not be renewed"
		f.Message = e.Error()
		f.Reason = ReasonUnauthorized
		f.Causes = []string{
			"the refresh token was revoked: a logout elsewhere, or the connection was removed in Notion's Settings → Connections",
			"another copy of notion-tui renewed it first and could not save the new one",
		}
		f.Steps = []string{signInAgain(c)}
		f.Link, f.LinkTitle, f.Links = "", "", nil
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

package oauthflow

import (
	"fmt"
	"html"
	"net/http"
)

// page is what the browser shows after the redirect. Pages are static:
// nothing from the request is echoed back.
type page struct {
	title, heading, body string
}

var (
	pageSuccess = page{"Signed in — notion-tui", "You're signed in",
		"notion-tui received Notion's authorization. You can close this tab and go back to the terminal."}
	pageDenied = page{"Access not granted — notion-tui", "Access was not granted",
		"You declined access on Notion's page, so notion-tui is not connected. You can close this tab; to try again, start the sign-in again in the terminal."}
	pageFailed = page{"Sign-in failed — notion-tui", "The sign-in did not complete",
		"Notion sent back an error instead of an authorization. You can close this tab; the terminal shows what to do next."}
	pageStateMismatch = page{"Sign-in link refused — notion-tui", "This sign-in link was refused",
		"The link that opened this page does not belong to the sign-in notion-tui is waiting for (its state does not match), so it was ignored to protect your account. The sign-in is still waiting: close this tab and finish it in the page notion-tui opened, or open the link the terminal shows."}
	pageAlreadyDone = page{"Sign-in already handled — notion-tui", "This sign-in is already handled",
		"notion-tui has already received an answer for this sign-in. You can close this tab."}
	pageNotFound = page{"Not found — notion-tui", "Nothing here",
		"This address only receives Notion's sign-in redirect."}
	pageWrongHost = page{"Refused — notion-tui", "Refused",
		"This port only answers requests addressed to localhost."}
)

const pageTemplate = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#1f2328;line-height:1.5}h1{font-size:1.4rem}p{color:#59636e}@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6e6e6}p{color:#9aa4b2}}</style>
</head><body><h1>%s</h1><p>%s</p></body></html>
`

// writePage answers with p. The headers keep the page (and the code in
// its URL) out of caches and referrers and forbid scripts.
func writePage(w http.ResponseWriter, status int, p page) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.WriteHeader(status)
	fmt.Fprintf(w, pageTemplate, html.EscapeString(p.title), html.EscapeString(p.heading), html.EscapeString(p.body))
}

package tui_test

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/app"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// routerKeys are the keys the app's router handles the same way on every
// screen; TestFooterAlwaysOffersHelp and TestFooterKeysDoWhatTheySay (in
// package app) check them, so the walk does not press them on each.
var routerKeys = map[string]bool{"?": true, "ctrl+g": true, "q": true}

// before is the key that makes room for one that moves back: ↑ at the top
// of a list does nothing, after ↓ it moves. Clearing a field needs a
// letter in it first.
var before = map[string]string{
	"up": "down", "k": "j", "pgup": "pgdown", "g": "G", "home": "end", "K": "down",
	"left": "right", "h": "l", "shift+tab": "tab", "ctrl+p": "ctrl+n", "ctrl+u": "ctrl+d",
}

// roomFor returns the key to press before b, if any.
func roomFor(b key.Binding) (string, bool) {
	if b.Help().Desc == "clear" {
		return "x", true
	}
	pre, ok := before[b.Keys()[0]]
	return pre, ok
}

// walkFooter walks the footer of the state ta is in, settled: each key
// the footer names does something there (the screen with its styles
// changes, a request is sent, or a link is opened). After a key that took
// the app elsewhere, the next key is walked in a fresh app that start
// brings to the state again, unless its inverse (after a move) or esc
// brings the app back to the very screen of the state.
func walkFooter(t *testing.T, srv *notiontest.Server, ta *apptest.App, start func() *apptest.App) {
	t.Helper()
	named := footerNamed(t, ta)
	if len(named) == 0 {
		t.Fatalf("the footer names no key:\n%s", ta.Screen())
	}
	home := ta.RawScreen() // the state, with its styles
	dirty := false
	for _, b := range named {
		k := b.Keys()[0]
		if routerKeys[k] {
			continue
		}
		if dirty {
			ta, dirty = start(), false
			ta.Settled()
			home = ta.RawScreen()
		}
		// The screen with its styles: a cursor may be only a style.
		if pre, ok := roomFor(b); ok {
			ta.Press(pre)
			ta.WaitUntil("room for "+k, func(string) bool { return ta.RawScreen() != home })
		}
		ta.Settled()
		s0 := ta.RawScreen()
		reqs, urls := len(srv.Requests()), len(ta.OpenedURLs())
		ta.Press(k)
		ta.WaitUntil(k+" ("+b.Help().Desc+") to do something", func(string) bool {
			return ta.RawScreen() != s0 || len(srv.Requests()) > reqs || len(ta.OpenedURLs()) > urls
		})
		dirty = !backHome(ta, k, home)
	}
}

// inverse undoes a move at once, without a request: after it the walk
// goes on in the same app when the screen is the state's again.
var inverse = map[string]string{
	"down": "up", "up": "down", "j": "k", "k": "j", "pgdown": "pgup", "pgup": "pgdown",
	"G": "g", "g": "G", "end": "home", "home": "end", "right": "left", "left": "right",
	"l": "h", "h": "l",
}

// backHome reports whether the app is in the walked state again after k:
// at once (a key that only sent a request or opened a link), after k's
// inverse (a move), or after esc once the app has settled (a key that
// opened something esc closes). The screen with its styles must be the
// state's exactly; otherwise the next key is walked in a fresh app. The
// keys are handled in order before the inspection returns, so the screen
// read after it is the one they leave.
func backHome(ta *apptest.App, k, home string) bool {
	ta.Inspect(func(*app.Model) {})
	if ta.RawScreen() == home {
		return true
	}
	if inv, ok := inverse[k]; ok {
		ta.Press(inv)
		ta.Inspect(func(*app.Model) {})
		return ta.RawScreen() == home
	}
	ta.Settled()
	ta.Press("esc")
	ta.Settled()
	return ta.RawScreen() == home
}

// footerNamed returns the bindings the footer line names, as shown (a
// narrow footer leaves some out behind "…").
func footerNamed(t *testing.T, ta *apptest.App) []key.Binding {
	t.Helper()
	s := ta.Screen()
	var line string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "all keys") || strings.Contains(l, "esc close") {
			line = l
		}
	}
	var keys []key.Binding
	ta.Inspect(func(m *app.Model) { keys = m.FooterKeys() })
	var named []key.Binding
	for _, b := range keys {
		h := b.Help()
		if len(b.Keys()) > 0 && strings.Contains(line, h.Key+" "+h.Desc) {
			named = append(named, b)
		}
	}
	return named
}

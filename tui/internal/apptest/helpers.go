package apptest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// Sizes are the terminal sizes every screen is checked at.
var Sizes = []struct{ W, H int }{{120, 36}, {80, 24}, {60, 15}}

// EachSize runs f in a parallel subtest per size ("120x36", "80x24"),
// each with its own sandbox and app, and checks that the settled screen
// fits the terminal.
func EachSize(t *testing.T, cfg Config, f func(t *testing.T, ta *App)) {
	EachSizeWith(t, cfg, nil, f)
}

// EachSizeWith is EachSize with the app starting on the screen first
// builds.
func EachSizeWith(t *testing.T, cfg Config, first func(*ui.Common) ui.Screen, f func(t *testing.T, ta *App)) {
	for _, sz := range Sizes {
		t.Run(fmt.Sprintf("%dx%d", sz.W, sz.H), func(t *testing.T) {
			t.Parallel()
			srv := notiontest.Start(t, notiontest.Options{Rows: 20}) // the Event Log is never read here
			c := cfg
			c.Width, c.Height = sz.W, sz.H
			c.NoColor = true
			ta := StartWith(t, srv, c, first)
			f(t, ta)
			CheckFits(t, ta.Settled(), sz.W, sz.H)
		})
	}
}

// CheckFits fails when the screen has more lines or wider lines than the
// terminal.
func CheckFits(t *testing.T, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) > h {
		t.Errorf("%d lines on a %d-line screen", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d wide on a %d-column screen: %q", i+1, n, w, l)
		}
	}
}

var reSGR = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// ColourCodes returns the SGR sequences of s that set a colour
// (foreground, background or underline; not bold, reverse or resets).
func ColourCodes(s string) []string {
	var found []string
	for _, m := range reSGR.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' }) {
			p, _, _ = strings.Cut(p, ":")
			var n int
			fmt.Sscan(p, &n)
			if (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107) || n == 58 {
				found = append(found, m[0])
				break
			}
		}
	}
	return found
}

// OpenDatabase opens a database from the databases list by filtering the
// list down to its title, and waits for all its rows and for what their
// arrival asks (the titles of related pages, the people): a key pressed
// next finds the same requests sent whatever the timing, so that goldens
// showing the count of requests are stable.
func OpenDatabase(t *testing.T, ta *App, title string) {
	t.Helper()
	StartDatabase(t, ta, title)
	ta.WaitFor("› " + title)
	ta.WaitFor("rows · all loaded")
	ta.Settled()
}

// StartDatabase opens title from the databases list without waiting for
// its rows (they may still be streaming).
func StartDatabase(t *testing.T, ta *App, title string) {
	t.Helper()
	WaitList(ta)
	ta.Press("/")
	ta.Type(title)
	ta.Press("enter", "enter")
}

// WaitList waits until the databases list is loaded, at any size (its
// rows may be below the fold at 60×15; its heading is not), and returns
// the screen.
func WaitList(ta *App) string {
	ta.T.Helper()
	return ta.WaitUntil("the databases list", func(s string) bool {
		return strings.Contains(s, "shared with the connection ·") || strings.Contains(s, "you can see ·")
	})
}

// Queries returns the query requests the sandbox received.
func Queries(srv *notiontest.Server) []notiontest.Request {
	var out []notiontest.Request
	for _, r := range srv.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/query") {
			out = append(out, r)
		}
	}
	return out
}

// LastQueryBody decodes the body of the last query request.
func LastQueryBody(t *testing.T, srv *notiontest.Server) map[string]any {
	t.Helper()
	qs := Queries(srv)
	if len(qs) == 0 {
		t.Fatal("no query was sent")
	}
	var body map[string]any
	if err := json.Unmarshal(qs[len(qs)-1].Body, &body); err != nil {
		t.Fatalf("query body %q: %v", qs[len(qs)-1].Body, err)
	}
	return body
}

// JSONEqual compares a decoded value with JSON text.
func JSONEqual(t *testing.T, got any, want string) {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	g, _ := json.Marshal(got)
	wb, _ := json.Marshal(w)
	if !bytes.Equal(g, wb) {
		t.Errorf("got %s, want %s", g, wb)
	}
}

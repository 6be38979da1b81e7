package app

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// busy is a screen with as many keys as the database view, which may be
// typing in a field; it records the keys it is given.
type busy struct {
	typing bool
	got    *[]string
}

func (s busy) Init() tea.Cmd { return nil }
func (s busy) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		*s.got = append(*s.got, k.String())
	}
	return s, nil
}
func (s busy) View() string        { return "" }
func (s busy) SetSize(int, int)    {}
func (s busy) Title() string       { return "Reading List" }
func (s busy) Capturing() bool     { return s.typing }
func (s busy) KeyMap() help.KeyMap { return ui.KeyMapOf(s.keys(), s.keys()) }

func (s busy) keys() []key.Binding {
	if s.typing {
		return []key.Binding{keymap.Submit.Key("run the query"), keymap.Cancel.Key(), keymap.Previous.Key("older query"), keymap.Next.Key("newer query")}
	}
	var ks []key.Binding
	for _, a := range []keymap.Action{keymap.Open, keymap.Filter, keymap.Sort, keymap.RawFilter, keymap.History, keymap.Request,
		keymap.Schema, keymap.Export, keymap.New, keymap.Copy, keymap.Refresh, keymap.Views, keymap.Columns, keymap.Board, keymap.Back} {
		ks = append(ks, a.Key())
	}
	return ks
}

func newBusy(t *testing.T, typing bool, w, h int) (*Model, *[]string) {
	t.Helper()
	got := &[]string{}
	a := NewWith(Options{Demo: true, Dark: true, Connection: &ui.Connection{Workspace: "Acme Labs", Version: notionapi.DefaultVersion}},
		func(*ui.Common) ui.Screen { return busy{typing: typing, got: got} })
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return a, got
}

var sizes = []struct{ w, h int }{{120, 36}, {80, 24}, {60, 15}}

// TestFooterAlwaysOffersHelp: however many keys a screen has, the help
// line ends with the way to every key and the way out, whole; while a
// field takes the typing, it offers the help key that works there
// instead of ? and q, which would be typed.
func TestFooterAlwaysOffersHelp(t *testing.T) {
	t.Parallel()
	for _, sz := range sizes {
		for _, typing := range []bool{false, true} {
			a, _ := newBusy(t, typing, sz.w, sz.h)
			line := ansi.Strip(a.helpLine())
			if ansi.StringWidth(line) > sz.w {
				t.Errorf("%dx%d: the help line is %d cells wide: %q", sz.w, sz.h, ansi.StringWidth(line), line)
			}
			want, not := []string{"? all keys", "q quit"}, "ctrl+g all keys"
			if typing {
				want, not = []string{"ctrl+g all keys"}, "? all keys"
			}
			for _, w := range want {
				if !strings.Contains(line, w) {
					t.Errorf("%dx%d typing=%v: %q lacks %q", sz.w, sz.h, typing, line, w)
				}
			}
			if strings.Contains(line, not) || typing && strings.Contains(line, "q quit") {
				t.Errorf("%dx%d typing=%v: %q offers a key that does not work here", sz.w, sz.h, typing, line)
			}
		}
	}
}

// TestFooterKeysDoWhatTheySay: each key the help line names reaches the
// router or the screen in that state: ? opens the overlay, q quits, and
// the screen's own keys are given to the screen; while typing, ? and q
// are text for the screen and ctrl+g opens the overlay.
func TestFooterKeysDoWhatTheySay(t *testing.T) {
	t.Parallel()
	for _, typing := range []bool{false, true} {
		a, got := newBusy(t, typing, 80, 24)
		for _, b := range a.FooterKeys() {
			k := b.Keys()[0]
			*got = nil
			a.showHelp = false
			_, cmd := a.Update(uitest.Key(k))
			switch {
			case key.Matches(uitest.Key(k), a.keys.Help), key.Matches(uitest.Key(k), a.keys.HelpTyping):
				if !a.showHelp {
					t.Errorf("typing=%v: %q is named %q but opens no overlay", typing, k, b.Help().Desc)
				}
			case key.Matches(uitest.Key(k), a.keys.Quit):
				if cmd == nil {
					t.Errorf("typing=%v: q does not quit", typing)
				}
			default:
				if len(*got) != 1 || (*got)[0] != k {
					t.Errorf("typing=%v: %q (%s) did not reach the screen: %v", typing, k, b.Help().Desc, *got)
				}
			}
		}
		if typing {
			*got = nil
			a.showHelp = false
			a.Update(uitest.Key("?"))
			a.Update(uitest.Key("q"))
			if a.showHelp || strings.Join(*got, " ") != "? q" {
				t.Errorf("while typing, ? and q are not given to the field: %v (overlay %v)", *got, a.showHelp)
			}
		}
	}
}

// TestHelpOverlayFitsAndScrolls: the ? overlay is never wider than the
// screen, and where it is taller than the body it scrolls, so that the
// keys that work everywhere (the request log, quit) are reachable at 60×15.
func TestHelpOverlayFitsAndScrolls(t *testing.T) {
	t.Parallel()
	for _, sz := range sizes {
		a, _ := newBusy(t, false, sz.w, sz.h)
		a.Update(uitest.Key("?"))
		if !a.showHelp {
			t.Fatalf("%dx%d: ? opened no overlay", sz.w, sz.h)
		}
		seen := map[string]bool{}
		for range 40 {
			content := a.View().Content
			lines := strings.Split(content, "\n")
			if len(lines) != sz.h {
				t.Fatalf("%dx%d: the frame has %d lines", sz.w, sz.h, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > sz.w {
					t.Fatalf("%dx%d: a line is %d cells wide: %q", sz.w, sz.h, w, ansi.Strip(l))
				}
			}
			plain := ansi.Strip(content)
			for _, s := range []string{"request log", "quit now", "raw JSON filter"} {
				if strings.Contains(plain, s) {
					seen[s] = true
				}
			}
			a.Update(uitest.Key("down"))
		}
		for _, s := range []string{"request log", "quit now", "raw JSON filter"} {
			if !seen[s] {
				t.Errorf("%dx%d: %q never shows in the overlay", sz.w, sz.h, s)
			}
		}
		if !a.showHelp {
			t.Errorf("%dx%d: scrolling closed the overlay", sz.w, sz.h)
		}
		a.Update(uitest.Key("esc"))
		if a.showHelp {
			t.Errorf("%dx%d: esc did not close the overlay", sz.w, sz.h)
		}
	}
}

// TestHelpOverlayScrollsBeforeAFrame: the overlay's scroll keys work out
// its layout themselves, so keys handled before a frame is drawn (a
// paste of keys, a slow terminal) scroll as they would after one.
func TestHelpOverlayScrollsBeforeAFrame(t *testing.T) {
	t.Parallel()
	a, _ := newBusy(t, false, 60, 15)
	a.Update(uitest.Key("?"))
	a.Update(uitest.Key("G")) // to the end, no frame drawn yet
	a.Update(uitest.Key("up"))
	lines, rows := a.helpLines()
	if want := len(lines) - rows - 1; rows >= len(lines) || a.helpTop != want {
		t.Fatalf("after G and up the overlay starts at line %d, want %d (%d lines, %d shown)", a.helpTop, want, len(lines), rows)
	}
	if plain := ansi.Strip(a.View().Content); !strings.Contains(plain, fmt.Sprintf("%d–%d of %d", a.helpTop+1, a.helpTop+rows, len(lines))) {
		t.Errorf("the overlay does not show the lines scrolled to:\n%s", plain)
	}
}

// TestAGuidedFixHasTheKeys: while a guided fix is open, the screen beneath
// gets no key (the help line offers the panel's keys only): a key of the
// screen's does nothing out of sight, ? and q still work, and esc closes
// the panel, after which keys reach the screen again.
func TestAGuidedFixHasTheKeys(t *testing.T) {
	t.Parallel()
	a, got := newBusy(t, false, 80, 24)
	a.Update(ui.ErrorMsg{Err: &notionapi.APIError{Status: 403, Code: "restricted_resource", Method: "GET", Path: "/v1/users"}})
	if a.fix == nil {
		t.Fatal("no panel")
	}
	for _, k := range []string{"j", "enter", "1", "/", "n"} {
		a.Update(uitest.Key(k))
	}
	if len(*got) != 0 || a.fix == nil {
		t.Fatalf("keys reached the screen under the panel: %v (panel open %v)", *got, a.fix != nil)
	}
	a.Update(uitest.Key("?"))
	if !a.showHelp {
		t.Error("? opens no help over the panel")
	}
	a.Update(uitest.Key("esc")) // closes the help
	a.Update(uitest.Key("esc")) // closes the panel
	if a.fix != nil {
		t.Fatal("esc did not close the panel")
	}
	a.Update(uitest.Key("j"))
	if strings.Join(*got, " ") != "j" {
		t.Errorf("after the panel closed, the screen got %v", *got)
	}
	a.Update(ui.ErrorMsg{Err: &notionapi.APIError{Status: 403, Code: "restricted_resource", Method: "GET", Path: "/v1/users"}})
	if _, cmd := a.Update(uitest.Key("q")); cmd == nil {
		t.Error("q does not quit over the panel")
	}
}

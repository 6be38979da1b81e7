package jump

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

const (
	dsReading = "36f675cc-81e7-4ef5-a8e2-5d940ed90475"
	dsEvents  = "5335dfc9-0000-4000-8000-000000000000"
)

// session is a Common that knows some titles, the shared data sources
// and the users, with a client that must not be called (a closed port).
func session(t testing.TB, pages int) *ui.Common {
	t.Helper()
	client := uitest.NewClient(t, "http://127.0.0.1:1", "secret_test", notionapi.DefaultVersion, notionapi.Hooks{})
	c := &ui.Common{Ctx: context.Background(), Conn: &ui.Connection{Client: client}, Styles: styles.New(true, true), Cache: ui.NewCache(), Now: uitest.NewClock().Now}
	ui.SharedDataSources.Put(c.Cache, []*notionapi.DataSource{
		{ID: dsReading, Title: notionapi.PlainText("Reading List")},
		{ID: dsEvents, Title: notionapi.PlainText("Event Log")},
	})
	ui.Users.Put(c.Cache, []notionapi.User{{ID: "u1", Name: "Maya Chen", Type: "person"}})
	titles := c.Titles()
	titles.LearnTitle(notionapi.PageTitle{ID: "aaaaaaaa-0000-4000-8000-000000000001", Title: "Refactor dark mode"})
	titles.LearnTitle(notionapi.PageTitle{ID: "aaaaaaaa-0000-4000-8000-000000000002", Title: "Export ready", DataSource: dsEvents})
	for i := range pages {
		titles.LearnTitle(notionapi.PageTitle{ID: fmt.Sprintf("bbbbbbbb-0000-4000-8000-%012d", i), Title: fmt.Sprintf("Invoice generated %d", i), DataSource: dsEvents})
	}
	return c
}

func typeIn(b *Box, s string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range uitest.Text(s) {
		_, _, cmd = b.Update(k)
	}
	return cmd
}

func labels(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Label
	}
	return out
}

func TestJumpBoxAnswersFromTheSession(t *testing.T) {
	t.Parallel()
	c := session(t, 0)
	recent := []Visit{{Kind: KindPage, ID: "cccccccc-0000-4000-8000-000000000001", Title: "Platform Reliability"}}
	b := New(c, recent, []Item{{Label: "Request log", Note: "L", Route: ui.RequestLog{}}})
	b.Focus()
	// Nothing typed: the recent visits, then the commands.
	if got := labels(b.Shown()); len(got) != 2 || got[0] != "Platform Reliability" || got[1] != "Request log" {
		t.Fatalf("with nothing typed: %q", got)
	}
	typeIn(b, "read")
	got := b.Shown()
	if len(got) < 3 || got[0].Label != "Reading List" || got[0].Kind != KindDataSource {
		t.Fatalf("read: %q", labels(got))
	}
	if got[1].Label != "Export ready" || got[1].Note != "Event Log" {
		t.Errorf("the page whose title holds the word ranks before scattered letters, with its table: %+v", got[1])
	}
	// A user by name opens the Users tab narrowed to them.
	for range 4 {
		b.Update(uitest.Key("backspace"))
	}
	typeIn(b, "maya")
	if got := b.Shown(); len(got) == 0 || got[0].Kind != KindUser || got[0].Route != (ui.Explorer{Tab: "Users", Find: "Maya Chen"}) {
		t.Errorf("maya: %+v", got)
	}
	chosen, closed, _ := b.Update(uitest.Key("enter"))
	if closed || chosen == nil || chosen.Label != "Maya Chen" {
		t.Errorf("enter chose %+v (closed %v)", chosen, closed)
	}
	if _, closed, _ := b.Update(uitest.Key("esc")); !closed {
		t.Error("esc does not close the box")
	}
}

func TestJumpBoxOpensAPastedLink(t *testing.T) {
	t.Parallel()
	b := New(session(t, 0), nil, nil)
	b.Focus()
	link := "https://www.notion.so/acme/Tasks-7ba72c8a11114c0e9d2f3b1c0e5a6b7c?v=0a1b2c3d4e5f40718293a4b5c6d7e8f9"
	_, _, cmd := b.Update(tea.PasteMsg{Content: link})
	got := b.Shown()
	if len(got) == 0 || got[0].Kind != KindLink || got[0].Route != (ui.OpenByLink{Link: link, Database: true}) {
		t.Fatalf("a pasted view link: %+v", got)
	}
	// A link is opened, not searched for.
	for _, msg := range drain(cmd) {
		if _, _, cmd := b.Update(msg); cmd != nil {
			t.Errorf("a link started a search")
		}
	}
	if b.searching {
		t.Error("a link started a search")
	}
}

// drain runs a command's ticks at once and returns their messages.
func drain(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	var out []tea.Msg
	switch m := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range m {
			out = append(out, drain(c)...)
		}
	case searchTickMsg:
		out = append(out, m)
	}
	return out
}

func TestRecentVisitsPersist(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r, err := LoadRecent(dir, false)
	if err != nil || len(r.Visits()) != 0 {
		t.Fatalf("a new folder: %v %v", r.Visits(), err)
	}
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	run(t, r.Add(Visit{Kind: KindPage, ID: "p1", Title: "Roadmap", At: at}))
	run(t, r.Add(Visit{Kind: KindView, ID: "v1", At: at}))
	run(t, r.Retitle(KindView+":v1", "Tasks"))
	// The same page again moves to the front and keeps its title.
	run(t, r.Add(Visit{Kind: KindPage, ID: "p1", At: at}))
	again, err := LoadRecent(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	v := again.Visits()
	if len(v) != 2 || v[0].ID != "p1" || v[0].Title != "Roadmap" || v[1].Title != "Tasks" {
		t.Errorf("read back: %+v", v)
	}
	// The demo keeps its own list.
	demo, err := LoadRecent(dir, true)
	if err != nil || len(demo.Visits()) != 0 {
		t.Errorf("the demo sees the workspace's visits: %+v %v", demo.Visits(), err)
	}
	if _, err := filepath.Glob(filepath.Join(dir, RecentFile)); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		t.Fatal("no save command")
	}
	if msg := cmd(); msg != nil {
		t.Fatalf("saving: %v", msg)
	}
}

// BenchmarkJumpBoxLocal measures a keystroke answered from local data: a
// session that learnt 12,000 titles (the Event Log read whole). A frame
// is 16 ms.
func BenchmarkJumpBoxLocal(b *testing.B) {
	c := session(b, 12000)
	box := New(c, nil, nil)
	box.Focus()
	typeIn(box, "invoice 11")
	if len(box.Shown()) == 0 {
		b.Fatal("nothing matches")
	}
	b.ResetTimer()
	for b.Loop() {
		box.refresh()
	}
}

// TestJumpBoxSaysWhyALinkOpensNothing: a pasted address that is not a
// Notion link or ID is explained in the box, and what was pasted stays.
func TestJumpBoxSaysWhyALinkOpensNothing(t *testing.T) {
	t.Parallel()
	b := New(session(t, 0), nil, nil)
	b.Focus()
	b.SetSize(100, 20)
	b.Update(tea.PasteMsg{Content: "https://www.notion.so/acme/My-Page"})
	view := ansi.Strip(b.View())
	if !strings.Contains(view, "Not a Notion link or ID") {
		t.Errorf("the box does not say why the link opens nothing:\n%s", view)
	}
	if b.Query() != "https://www.notion.so/acme/My-Page" {
		t.Errorf("the pasted link became %q", b.Query())
	}
	b.input.SetValue("roadmap")
	b.refresh()
	if view := ansi.Strip(b.View()); strings.Contains(view, "Not a Notion link") {
		t.Errorf("a title search is taken for a link:\n%s", view)
	}
}

// TestJumpBoxNamesOnlyKeysThatAct: with nothing listed, the help line and
// the box's own hint offer esc alone; with one item, enter but not ↑/↓.
func TestJumpBoxNamesOnlyKeysThatAct(t *testing.T) {
	t.Parallel()
	names := func(b *Box) []string {
		var out []string
		for _, k := range b.Keys() {
			out = append(out, k.Help().Key)
		}
		return out
	}
	b := New(session(t, 3), nil, nil)
	b.Focus()
	b.SetSize(100, 20)
	typeIn(b, "zqxj")
	if len(b.Shown()) != 0 {
		t.Fatalf("zqxj matches %q", labels(b.Shown()))
	}
	if got := names(b); fmt.Sprint(got) != "[esc]" {
		t.Errorf("with nothing listed the keys are %q, want esc alone", got)
	}
	view := ansi.Strip(b.View())
	if strings.Contains(view, "enter opens") || strings.Contains(view, "↑↓") || !strings.Contains(view, "esc closes") {
		t.Errorf("with nothing listed the box offers keys that do nothing:\n%s", view)
	}
	b.input.SetValue("")
	typeIn(b, "refactor dark")
	if len(b.Shown()) != 1 {
		t.Fatalf("refactor dark lists %q, want one item", labels(b.Shown()))
	}
	if got := names(b); fmt.Sprint(got) != "[enter esc]" {
		t.Errorf("with one item listed the keys are %q, want enter and esc", got)
	}
	b.input.SetValue("")
	typeIn(b, "invoice")
	if got := names(b); len(got) != 4 {
		t.Errorf("with many items listed the keys are %q, want enter, ↑, ↓ and esc", got)
	}
}

// TestJumpBoxPlaceholderFitsWhole: at 60 columns a shorter placeholder
// shows whole instead of the long one cut mid-word.
func TestJumpBoxPlaceholderFitsWhole(t *testing.T) {
	t.Parallel()
	b := New(session(t, 0), nil, nil)
	b.Focus()
	for _, w := range []int{120, 80, 60, 40} {
		b.SetSize(w, 15)
		view := ansi.Strip(b.View())
		shown := ""
		for _, p := range placeholders {
			if strings.Contains(view, p) {
				shown = p
				break
			}
		}
		if shown == "" {
			t.Errorf("at %d columns no placeholder shows whole:\n%s", w, view)
		}
		if w >= 80 && shown != placeholders[0] {
			t.Errorf("at %d columns the placeholder is %q, not the whole one", w, shown)
		}
	}
}

// TestJumpBoxNotesShowWhole: at 60 columns an item's note shows whole,
// without its kind when both do not fit, never cut.
func TestJumpBoxNotesShowWhole(t *testing.T) {
	t.Parallel()
	b := New(session(t, 0), nil, []Item{
		{Label: "Pages", Note: "tab of the home screen", Route: ui.Explorer{Tab: "Pages"}},
		{Label: "Sign in with OAuth (public connection)", Note: "tab of the home screen", Route: ui.OAuthSignIn{}},
	})
	b.Focus()
	for _, w := range []int{120, 80, 60} {
		b.SetSize(w, 15)
		view := ansi.Strip(b.View())
		for _, l := range strings.Split(view, "\n") {
			if strings.Contains(l, "Pages") && !strings.Contains(l, "tab of the home screen") {
				t.Errorf("at %d columns the note of a short label is not whole: %q", w, l)
			}
			if strings.Contains(l, "tab of") && !strings.Contains(l, "tab of the home screen") {
				t.Errorf("at %d columns a note is cut: %q", w, l)
			}
		}
		if w >= 80 && !strings.Contains(view, "command · tab of the home screen") {
			t.Errorf("at %d columns the note lost its kind:\n%s", w, view)
		}
	}
}

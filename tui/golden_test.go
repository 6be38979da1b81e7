package tui_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
	"github.com/notion-tui/notion-tui/tui/internal/requestlog"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

func TestGoldenDatabasesList(t *testing.T) {
	t.Parallel()
	apptest.EachSize(t, apptest.Config{Token: notiontest.TokenFull}, func(t *testing.T, ta *apptest.App) {
		s := apptest.WaitList(ta)
		want := []string{"👥 Team Directory  (2 data sources)", "  👥 Engineering", "📚 Reading List", "🏢 Acme Labs HQ", "Event Log"}
		if short(s) {
			want = want[:2] // the rest is below the fold
		}
		for _, w := range want {
			ta.WaitFor(w) // the names of databases and parents come later
		}
		ta.Golden()
	})
}

func TestGoldenDatabasesList2022(t *testing.T) {
	t.Parallel()
	apptest.EachSize(t, apptest.Config{Token: notiontest.TokenFull, Version: notionapi.Version20220628}, func(t *testing.T, ta *apptest.App) {
		s := apptest.WaitList(ta)
		if strings.Contains(s, "Team Directory") || strings.Contains(s, "data source ") {
			t.Errorf("2022-06-28 lists databases, and Team Directory (two data sources) cannot be read then:\n%s", s)
		}
		// What the list lacks is said, not left out silently.
		if !strings.Contains(s, "2022-06-28 leaves out databases with several data sources") {
			t.Errorf("the list does not say that databases with several data sources are left out:\n%s", s)
		}
		ta.Golden()
	})
}

func TestGoldenUsers(t *testing.T) {
	t.Parallel()
	apptest.EachSize(t, apptest.Config{Token: notiontest.TokenFull}, func(t *testing.T, ta *apptest.App) {
		apptest.WaitList(ta)
		ta.Press("tab", "tab")
		s := ta.WaitFor("Maya Chen")
		for _, u := range ta.Srv.Users() {
			if !u.Guest && !strings.Contains(s, u.Name) && !short(s) {
				t.Errorf("user %q is missing:\n%s", u.Name, s)
			}
		}
		if !strings.Contains(s, "bot · this integration") && !short(s) {
			t.Errorf("the integration's own bot is not marked:\n%s", s)
		}
		ta.Golden()
	})
}

func TestGoldenUsersNoCapability(t *testing.T) {
	t.Parallel()
	apptest.EachSize(t, apptest.Config{Token: notiontest.TokenNoUserInfo}, func(t *testing.T, ta *apptest.App) {
		apptest.WaitList(ta)
		ta.Press("tab", "tab")
		s := ta.WaitFor("Users are hidden")
		if !strings.Contains(s, "Read user information") {
			t.Errorf("the capability is not named:\n%s", s)
		}
		ta.Golden()
		// enter shows the guided fix for the 403 (at 60×15, scrolled).
		ta.Press("enter")
		if short(ta.WaitFor("Read user information")) {
			return
		}
		s = ta.WaitFor("How to fix it")
		if !strings.Contains(s, "Configuration tab") {
			t.Errorf("the guided fix does not say where the capability is:\n%s", s)
		}
	})
}

func TestGoldenDatabaseView(t *testing.T) {
	t.Parallel()
	apptest.EachSize(t, apptest.Config{Token: notiontest.TokenFull}, func(t *testing.T, ta *apptest.App) {
		apptest.OpenDatabase(t, ta, "Reading List")
		s := ta.WaitFor("60 rows · all loaded")
		if !strings.Contains(s, "The Go Programming Lang") {
			t.Errorf("the first row is missing:\n%s", s)
		}
		ta.Golden()
	})
}

func TestGoldenDatabaseViewFiltered(t *testing.T) {
	t.Parallel()
	apptest.EachSize(t, apptest.Config{Token: notiontest.TokenFull}, func(t *testing.T, ta *apptest.App) {
		apptest.OpenDatabase(t, ta, "Reading List")
		ta.Press("/")
		ta.Type(`Status = Finished and (Pages > 500 or Tags has go)`)
		ta.WaitFor("✓ valid")
		ta.Press("enter")
		ta.WaitFor("rows · all loaded")
		ta.Press("s", "a")
		ta.Type("Pages")
		ta.Press("enter", "space", "enter")
		ta.WaitFor("Pages ↓") // the sorted column's mark
		ta.WaitFor("rows · all loaded")
		ta.Golden()
	})
}

func TestGoldenPagePreview(t *testing.T) {
	t.Parallel()
	apptest.EachSize(t, apptest.Config{Token: notiontest.TokenFull}, func(t *testing.T, ta *apptest.App) {
		apptest.WaitList(ta)
		ta.Press("tab", "/")
		ta.Type("getting")
		ta.Press("enter")
		ta.WaitFor("Getting started with notion-tui")
		ta.Press("enter")
		ta.WaitFor("This page is part of the Acme Labs demo workspace")
		ta.Golden()
		// The end of the page: to-dos, the quote, the toggle and its
		// children, the synced block named above its content.
		ta.Press("G")
		s := ta.WaitFor("🔖")
		if short(s) {
			return
		}
		for _, want := range []string{"☐ Export a query to CSV", "│ The best way", "▾ Keyboard shortcuts", "• esc: back, q: quit, ?: every key", "⟨synced block⟩", "@Maya Chen"} {
			if !strings.Contains(s, want) {
				t.Errorf("the end of the page lacks %q:\n%s", want, s)
			}
		}
	})
}

// fixedLog is a request log with fixed times and latencies.
func fixedLog(c *ui.Common) ui.Screen {
	c.Activity = ui.NewActivity()
	h := c.Activity.Hooks()
	start := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	for i, e := range []notionapi.RequestInfo{
		{Method: "GET", Path: "/v1/users/me", Status: 200, RequestID: "5b1c3b0e-1d2a-4c5e-9f00-000000000001", Latency: 84 * time.Millisecond},
		{Method: "POST", Path: "/v1/search", Status: 200, RequestID: "5b1c3b0e-1d2a-4c5e-9f00-000000000002", Latency: 132 * time.Millisecond, Body: []byte(`{"filter":{"property":"object","value":"data_source"},"page_size":100}`)},
		{Method: "POST", Path: "/v1/data_sources/" + notiontest.DataSourceReadingList + "/query", Status: 200, RequestID: "5b1c3b0e-1d2a-4c5e-9f00-000000000003", Latency: 210 * time.Millisecond},
		{Method: "GET", Path: "/v1/users", Status: 403, RequestID: "5b1c3b0e-1d2a-4c5e-9f00-000000000004", Latency: 45 * time.Millisecond},
		{Method: "POST", Path: "/v1/data_sources/" + notiontest.DataSourceEventLog + "/query", Status: 200, RequestID: "5b1c3b0e-1d2a-4c5e-9f00-000000000005", Latency: 3200 * time.Millisecond, Retries: 2},
		{Method: "GET", Path: "/v1/pages/" + notiontest.PageGettingStarted, RequestID: "", Latency: 30 * time.Second, Err: errors.New("Notion did not answer in time")},
	} {
		e.BaseURL, e.Version, e.Start = "https://api.notion.com", notionapi.DefaultVersion, start.Add(time.Duration(i)*time.Second)
		h.OnRequest(e)
	}
	return requestlog.New(c)
}

func TestGoldenRequestLog(t *testing.T) {
	t.Parallel()
	apptest.EachSizeWith(t, apptest.Config{Token: notiontest.TokenFull}, fixedLog, func(t *testing.T, ta *apptest.App) {
		s := ta.WaitFor("6 requests this session")
		want := []string{"/v1/data_sources/22bb1f02…/query", "403", "3.20 s", "no answer"}
		if narrow(s) {
			want = want[:2] // the rest is in the columns to the right
		}
		for _, want := range want {
			if !strings.Contains(s, want) {
				t.Errorf("the log lacks %q:\n%s", want, s)
			}
		}
		ta.Golden()
	})
}

func TestGoldenExportPrompt(t *testing.T) {
	t.Parallel()
	apptest.EachSize(t, apptest.Config{Token: notiontest.TokenFull}, func(t *testing.T, ta *apptest.App) {
		apptest.OpenDatabase(t, ta, "Reading List")
		ta.Press("x")
		s := ta.WaitFor("File name")
		if !strings.Contains(s, "reading-list-2026-11-02.csv") {
			t.Errorf("the default name is not the title and the date:\n%s", s)
		}
		ta.Golden()
	})
}

// short reports whether the screen is a short one (60×15), where lists
// show their first rows only.
func short(screen string) bool { return strings.Count(screen, "\n") < 20 }

// narrow reports whether the screen is a narrow one (60×15).
func narrow(screen string) bool {
	first, _, _ := strings.Cut(screen, "\n")
	return len([]rune(first)) <= 60
}

package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// screenSizes are the terminal sizes every screen is checked at.
var screenSizes = []struct{ w, h int }{{120, 36}, {80, 24}}

// eachSize runs f in a subtest per size ("120x36", "80x24") with a fresh
// sandbox and app.
func eachSize(t *testing.T, cfg appConfig, f func(t *testing.T, ta *testApp)) {
	eachSizeWith(t, cfg, nil, f)
}

// eachSizeWith is eachSize with the app starting on the screen first
// builds.
func eachSizeWith(t *testing.T, cfg appConfig, first func(*ui.Common) ui.Screen, f func(t *testing.T, ta *testApp)) {
	for _, sz := range screenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			srv := notiontest.Start(t, notiontest.Options{})
			c := cfg
			c.Width, c.Height = sz.w, sz.h
			c.NoColor = true
			ta := startAppWith(t, srv, c, first)
			f(t, ta)
			checkFits(t, ta.settled(), sz.w, sz.h)
		})
	}
}

// openDatabase opens a database from the databases list by filtering
// the list down to its title.
func openDatabase(t *testing.T, ta *testApp, title string) {
	t.Helper()
	startDatabase(t, ta, title)
	ta.waitFor("› " + title)
	ta.waitFor("rows · all loaded")
}

// startDatabase opens title from the databases list without waiting for
// its rows (they may still be streaming).
func startDatabase(t *testing.T, ta *testApp, title string) {
	t.Helper()
	ta.waitFor(title)
	ta.press("/")
	ta.typeText(title)
	ta.press("enter", "enter")
}

func TestGoldenDatabasesList(t *testing.T) {
	eachSize(t, appConfig{Token: notiontest.TokenFull}, func(t *testing.T, ta *testApp) {
		s := ta.waitFor("Event Log")
		for _, want := range []string{"▾ 👥 Team Directory", "  👥 Engineering", "📚 Reading List", "🏢 Acme Labs HQ"} {
			if !strings.Contains(ta.waitFor(want), want) {
				t.Errorf("the list lacks %q:\n%s", want, s)
			}
		}
		ta.golden()
	})
}

func TestGoldenDatabasesList2022(t *testing.T) {
	eachSize(t, appConfig{Token: notiontest.TokenFull, Version: notionapi.Version20220628}, func(t *testing.T, ta *testApp) {
		s := ta.waitFor("Reading List")
		if strings.Contains(s, "Team Directory") || strings.Contains(s, "data source") {
			t.Errorf("2022-06-28 lists databases, and Team Directory (two data sources) cannot be read then:\n%s", s)
		}
		ta.golden()
	})
}

func TestGoldenUsers(t *testing.T) {
	eachSize(t, appConfig{Token: notiontest.TokenFull}, func(t *testing.T, ta *testApp) {
		ta.waitFor("Reading List")
		ta.press("tab", "tab")
		s := ta.waitFor("Maya Chen")
		for _, u := range ta.srv.Users() {
			if !u.Guest && !strings.Contains(s, u.Name) {
				t.Errorf("user %q is missing:\n%s", u.Name, s)
			}
		}
		if !strings.Contains(s, "bot · this integration") {
			t.Errorf("the integration's own bot is not marked:\n%s", s)
		}
		ta.golden()
	})
}

func TestGoldenUsersNoCapability(t *testing.T) {
	eachSize(t, appConfig{Token: notiontest.TokenNoUserInfo}, func(t *testing.T, ta *testApp) {
		ta.waitFor("Reading List")
		ta.press("tab", "tab")
		s := ta.waitFor("Users are hidden")
		if !strings.Contains(s, "Read user information") {
			t.Errorf("the capability is not named:\n%s", s)
		}
		ta.golden()
		// f shows the guided fix for the 403.
		ta.press("f")
		s = ta.waitFor("How to fix it")
		if !strings.Contains(s, "Capabilities") {
			t.Errorf("the guided fix does not say where the capability is:\n%s", s)
		}
	})
}

func TestGoldenDatabaseView(t *testing.T) {
	eachSize(t, appConfig{Token: notiontest.TokenFull}, func(t *testing.T, ta *testApp) {
		openDatabase(t, ta, "Reading List")
		s := ta.waitFor("60 rows · all loaded")
		if !strings.Contains(s, "The Go Programming Language") {
			t.Errorf("the first row is missing:\n%s", s)
		}
		ta.golden()
	})
}

func TestGoldenDatabaseViewFiltered(t *testing.T) {
	eachSize(t, appConfig{Token: notiontest.TokenFull}, func(t *testing.T, ta *testApp) {
		openDatabase(t, ta, "Reading List")
		ta.press("/")
		ta.typeText(`Status = Finished and (Pages > 500 or Tags has go)`)
		ta.waitFor("✓ valid")
		ta.press("enter")
		ta.waitFor("rows · all loaded")
		ta.press("s", "a")
		ta.typeText("Pages")
		ta.press("enter", "space", "enter")
		ta.waitFor("sort Pages ↓")
		ta.waitFor("rows · all loaded")
		ta.golden()
	})
}

func TestGoldenPagePreview(t *testing.T) {
	eachSize(t, appConfig{Token: notiontest.TokenFull}, func(t *testing.T, ta *testApp) {
		ta.waitFor("Reading List")
		ta.press("tab", "/")
		ta.typeText("getting")
		ta.press("enter")
		ta.waitFor("Getting started with notion-tui")
		ta.press("enter")
		ta.waitFor("GETTING STARTED WITH NOTION-TUI")
		ta.golden()
		// The end of the page: to-dos, the quote, the toggle and its
		// children, the synced block named with its content.
		ta.press("G")
		s := ta.waitFor("🔖")
		for _, want := range []string{"☐ Export a query to CSV", "│ The best way", "▾ Keyboard shortcuts", "• q: back or quit", "⟨synced block — not shown here⟩", "@Maya Chen"} {
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
	return newRequestLog(c)
}

func TestGoldenRequestLog(t *testing.T) {
	eachSizeWith(t, appConfig{Token: notiontest.TokenFull}, fixedLog, func(t *testing.T, ta *testApp) {
		s := ta.waitFor("6 requests this session")
		for _, want := range []string{"/v1/data_sources/22bb1f02…/query", "403", "3.20 s", "no answer"} {
			if !strings.Contains(s, want) {
				t.Errorf("the log lacks %q:\n%s", want, s)
			}
		}
		ta.golden()
	})
}

func TestGoldenExportPrompt(t *testing.T) {
	eachSize(t, appConfig{Token: notiontest.TokenFull}, func(t *testing.T, ta *testApp) {
		openDatabase(t, ta, "Reading List")
		ta.press("x")
		s := ta.waitFor("File name")
		if !strings.Contains(s, "reading-list-2026-11-02.csv") {
			t.Errorf("the default name is not the title and the date:\n%s", s)
		}
		ta.golden()
	})
}

// TestExplorerTabs checks that the tabs switch, each loading once.
func TestExplorerTabs(t *testing.T) {
	srv := notiontest.Start(t, notiontest.Options{})
	ta := startApp(t, srv, appConfig{Token: notiontest.TokenFull})
	ta.waitFor("Reading List")
	ta.press("tab")
	ta.waitFor("most recently edited pages")
	ta.press("tab")
	ta.waitFor("Maya Chen")
	ta.settled()
	before := len(srv.Requests())
	ta.press("shift+tab", "shift+tab", "tab", "tab")
	s := ta.waitFor("Maya Chen")
	ta.settled()
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("going back to loaded tabs sent %d requests; the session cache should answer", n)
	}
	if !strings.Contains(s, "› Users") {
		t.Errorf("the breadcrumb does not name the tab:\n%s", s)
	}
	// The databases list filters as one types after /.
	ta.press("tab")
	ta.waitFor("data sources shared")
	ta.press("/")
	ta.typeText("engin")
	s = ta.waitFor("/ engin")
	if strings.Contains(s, "Reading List") || !strings.Contains(s, "Engineering") || !strings.Contains(s, "Team Directory") {
		t.Errorf("the filter kept the wrong rows:\n%s", s)
	}
	ta.press("esc")
	ta.waitFor("Reading List")
}

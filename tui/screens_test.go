package tui_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// A screen of the app in one state: how to reach it from the start, and
// the text that says it is there, settled.
type screenCase struct {
	name  string
	cfg   apptest.Config
	first func(*ui.Common) ui.Screen
	// reach brings the app to the state and waits for its content.
	reach func(t *testing.T, ta *apptest.App)
	// golden takes a golden file of the state at every size; the states
	// with a golden of their own elsewhere are only walked.
	golden bool
}

var full = apptest.Config{Token: notiontest.TokenFull}

// openReadingList opens Reading List with every row loaded.
func openReadingList(t *testing.T, ta *apptest.App) { apptest.OpenDatabase(t, ta, "Reading List") }

// openTasks opens Tasks with every row loaded.
func openTasks(t *testing.T, ta *apptest.App) { apptest.OpenDatabase(t, ta, "Tasks") }

// openGettingStarted opens the demo's page from the Pages tab.
func openGettingStarted(t *testing.T, ta *apptest.App) {
	apptest.WaitList(ta)
	ta.Press("2", "/")
	ta.Type("getting")
	ta.Press("enter")
	ta.WaitFor("Getting started with notion-tui")
	ta.Press("enter")
	ta.WaitFor("This page is part of the Acme Labs demo workspace")
	ta.WaitFor("👋 Getting started with notion-tui") // the page (its title line), beside its content
}

// toWizardToken goes from the wizard's welcome to its token step, for an
// internal connection's token.
func toWizardToken(ta *apptest.App) {
	ta.WaitFor("Which kind of token will you use?")
	ta.Press("down", "enter")
	ta.WaitFor("Paste your connection's API token")
}

// screens is every screen of the app in the states a user meets, in the
// order of a first visit.
var screens = []screenCase{
	{name: "Databases", cfg: full, reach: func(t *testing.T, ta *apptest.App) { apptest.WaitList(ta) }},
	{name: "DatabasesFilter", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		apptest.WaitList(ta)
		ta.Press("/")
		ta.Type("team")
		ta.WaitFor("Engineering")
	}},
	{name: "Pages", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		apptest.WaitList(ta)
		ta.Press("2")
		ta.WaitFor("most recently edited pages")
	}},
	{name: "Users", cfg: full, reach: func(t *testing.T, ta *apptest.App) {
		apptest.WaitList(ta)
		ta.Press("3")
		ta.WaitFor("Maya Chen")
	}},
	{name: "DatabaseView", cfg: full, reach: openReadingList},
	{name: "FilterLine", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("/")
		ta.Type("Status = Finished")
		ta.WaitFor("✓ valid")
	}},
	{name: "SortEditor", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("s", "a")
		ta.Type("Pages")
		ta.Press("enter")
		ta.WaitFor("▸ 1. Pages")
	}},
	{name: "RawFilter", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("F")
		ta.WaitFor("ctrl+s")
	}},
	{name: "History", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("/")
		ta.Type("Status = Finished")
		ta.WaitFor("✓ valid")
		ta.Press("enter")
		ta.WaitFor("rows · all loaded")
		ta.Press("H")
		ta.WaitFor("Earlier queries of Reading List")
	}},
	{name: "Schema", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("i")
		ta.WaitFor("Schema")
		ta.WaitFor("filter: =, !=, contains") // the title's operators, wrapped at every size
	}},
	{name: "RequestJSON", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("R")
		ta.WaitFor("page_size")
	}},
	{name: "ViewPicker", cfg: full, reach: func(t *testing.T, ta *apptest.App) {
		openTasks(t, ta)
		ta.Press("v")
		ta.WaitFor("by Status")
	}},
	{name: "ColumnChooser", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("C")
		ta.WaitFor("Columns of Reading List")
	}},
	{name: "Board", cfg: full, reach: func(t *testing.T, ta *apptest.App) {
		openTasks(t, ta)
		ta.Press("B")
		ta.WaitFor("card 1 of")
	}},
	{name: "CopyAs", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("Y")
		ta.WaitFor("Markdown")
	}},
	{name: "Find", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("ctrl+f")
		ta.Type("rust")
		ta.WaitFor("match 1 of")
	}},
	{name: "EditCell", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openTasks(t, ta)
		ta.Press("l", "e") // the first row's Status
		ta.WaitFor("Edit Status")
	}},
	{name: "TrashConfirm", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("d")
		ta.WaitFor("trash")
	}},
	{name: "ExportPrompt", cfg: full, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("x")
		ta.WaitFor("File name")
		// enter writes: somewhere the test removes.
		ta.Press("ctrl+u")
		ta.Type(filepath.Join(t.TempDir(), "books.csv"))
		ta.WaitFor("books.csv")
	}},
	{name: "Form", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("n")
		ta.WaitFor("New page in")
	}},
	{name: "RowPreview", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("enter")
		ta.WaitFor("Alan A. A. Donovan")
	}},
	{name: "PagePreview", cfg: full, reach: openGettingStarted},
	{name: "PageMarkdown", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openGettingStarted(t, ta)
		ta.Press("M")
		ta.WaitFor("Markdown")
	}},
	{name: "Comments", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openGettingStarted(t, ta)
		ta.Press("m")
		ta.WaitFor("Comments")
	}},
	{name: "JumpBox", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		apptest.WaitList(ta)
		ta.Press(":")
		ta.WaitFor("Jump to")
	}},
	{name: "JumpBoxNothingMatches", cfg: full, reach: func(t *testing.T, ta *apptest.App) {
		apptest.WaitList(ta)
		ta.Press(":")
		ta.WaitFor("Jump to")
		ta.Type("zqxjw")
		ta.WaitFor("with the workspace's search · esc closes")
	}},
	{name: "HelpOverlay", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		apptest.WaitList(ta)
		ta.Press("?")
		ta.WaitFor("Keys — Databases")
	}},
	{name: "RequestLog", cfg: full, first: fixedLog, reach: func(t *testing.T, ta *apptest.App) {
		ta.WaitFor("6 requests this session")
		ta.Press("up") // off the newest, at the end: ↓ has room too
	}},
	{name: "RequestLogDetails", cfg: full, first: fixedLog, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		ta.WaitFor("6 requests this session")
		ta.Press("G", "enter")
		ta.WaitFor("no answer")
	}},
	{name: "FixPanel", cfg: apptest.Config{Token: notiontest.TokenNoUserInfo}, reach: func(t *testing.T, ta *apptest.App) {
		apptest.WaitList(ta)
		ta.Press("3")
		ta.WaitFor("Users are hidden")
		ta.Press("enter")
		ta.WaitFor("Read user information")
		ta.WaitFor("esc close")
	}},
	{name: "Wizard", reach: func(t *testing.T, ta *apptest.App) { ta.WaitFor("Which kind of token will you use?") }},
	{name: "WizardToken", golden: true, reach: func(t *testing.T, ta *apptest.App) {
		toWizardToken(ta)
	}},
	{name: "WizardVerified", reach: func(t *testing.T, ta *apptest.App) {
		toWizardToken(ta)
		ta.Paste(notiontest.TokenFull)
		ta.WaitFor("characters")
		ta.Press("enter")
		ta.WaitFor("Notion accepted the token")
	}},
	{name: "WizardCapabilities", reach: func(t *testing.T, ta *apptest.App) {
		toWizardToken(ta)
		ta.Paste(notiontest.TokenFull)
		ta.WaitFor("characters")
		ta.Press("enter")
		ta.WaitFor("Notion accepted the token")
		ta.Press("enter")
		ta.WaitUntil("the probes to finish", func(s string) bool {
			return strings.Contains(s, " may do") && !strings.Contains(s, "checking…")
		})
	}},
	{name: "MarkedRows", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openReadingList(t, ta)
		ta.Press("space", "down", "space")
		ta.WaitFor("2 rows marked")
	}},
	{name: "FollowFromPage", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openGettingStarted(t, ta)
		ta.Press("f")
		ta.WaitFor("Follow")
	}},
	{name: "CommentCompose", cfg: full, golden: true, reach: func(t *testing.T, ta *apptest.App) {
		openGettingStarted(t, ta)
		ta.Press("m")
		ta.WaitFor("Jonas Weber")
		ta.Press("a")
		ta.WaitFor("ctrl+s")
	}},
	{name: "OAuth", golden: true, reach: func(t *testing.T, ta *apptest.App) {
		ta.WaitFor("Which kind of token will you use?")
		ta.Press("down", "down", "enter")
		ta.WaitFor("Sign in with a public connection (OAuth)")
	}},
}

// screenSizes are the sizes of the screens' golden files: the issue's
// 80×24 and the smallest supported, 60×15 (the main screens have 120×36
// too, in golden_test.go). The footer is walked at the first.
var screenSizes = []struct{ W, H int }{{80, 24}, {60, 15}}

// TestScreens brings a fresh app to each screen's state, settled: no
// request in flight, the state's content on screen. There the screen fits
// and its footer offers help; a state with golden files is its golden
// file (testdata/TestScreens/<state>/<size>.golden) at each size. Every
// state is reached at 80×24, where its footer is then walked (walkFooter);
// the states with golden files at 60×15 too.
func TestScreens(t *testing.T) {
	t.Parallel()
	for _, sc := range screens {
		for i, sz := range screenSizes {
			walk := i == 0
			if !walk && !sc.golden {
				continue
			}
			t.Run(fmt.Sprintf("%s/%dx%d", sc.name, sz.W, sz.H), func(t *testing.T) {
				t.Parallel()
				srv := notiontest.Start(t, notiontest.Options{Rows: 20}) // the Event Log is never read here
				start := func() *apptest.App {
					cfg := sc.cfg
					cfg.Width, cfg.Height, cfg.NoColor = sz.W, sz.H, true
					ta := apptest.StartWith(t, srv, cfg, sc.first)
					sc.reach(t, ta)
					return ta
				}
				ta := start()
				s := ta.Settled()
				apptest.CheckFits(t, s, sz.W, sz.H)
				checkHelpReachable(t, s)
				if sc.golden {
					ta.Golden()
				}
				if walk {
					walkFooter(t, srv, ta, start)
				}
			})
		}
	}
}

// checkHelpReachable fails unless the footer offers the way to every key.
func checkHelpReachable(t *testing.T, screen string) {
	t.Helper()
	if !strings.Contains(screen, "? all keys") && !strings.Contains(screen, "ctrl+g all keys") && !strings.Contains(screen, "esc close") {
		t.Errorf("the footer does not offer ? (or ctrl+g while typing):\n%s", screen)
	}
}

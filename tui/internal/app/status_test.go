package app

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// TestStatusBarNamesTheTokenHonestly: a saved profile is named as one; a
// token from the environment or the demo is said to come from there, not
// called a profile.
func TestStatusBarNamesTheTokenHonestly(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		conn     ui.Connection
		want     string
		notWants string
	}{
		{ui.Connection{Profile: "work", TokenSource: "token from profile work"}, "profile work", "token from"},
		{ui.Connection{TokenSource: "token from NOTION_TOKEN"}, "token from NOTION_TOKEN", "profile"},
		{ui.Connection{TokenSource: "token from the demo sandbox"}, "token from the demo sandbox", "profile"},
	} {
		conn := tt.conn
		conn.Workspace, conn.Version = "Acme Labs", notionapi.DefaultVersion
		a := New(Options{Dark: true, Connection: &conn})
		a.width = 100
		s := ansi.Strip(a.statusView())
		if !strings.Contains(s, tt.want) || strings.Contains(s, tt.notWants) {
			t.Errorf("%+v: the status bar says %q", tt.conn, s)
		}
	}
}

// TestFlashIsNotCutThroughTheBar: a long message is cut at a word, and
// the facts that do not fit beside it are left out whole.
func TestFlashIsNotCutThroughTheBar(t *testing.T) {
	t.Parallel()
	a := New(Options{Dark: true, Connection: &ui.Connection{TokenSource: "token from NOTION_TOKEN", Workspace: "Acme Labs", Version: notionapi.DefaultVersion}})
	a.width = 60
	a.flash = "Copied curl for POST /v1/data_sources/22bb1f02/query (it reads $NOTION_TOKEN)"
	s := ansi.Strip(a.statusView())
	if ansi.StringWidth(s) != 60 {
		t.Errorf("the bar is %d cells wide: %q", ansi.StringWidth(s), s)
	}
	for _, part := range strings.Split(strings.TrimSpace(s), "  ·  ") {
		if strings.Contains(part, "Acme La") && !strings.Contains(part, "Acme Labs") {
			t.Errorf("a fact is cut: %q", s)
		}
	}
	if !strings.Contains(s, "…") || strings.Contains(s, "$NOTION_T") && !strings.Contains(s, "$NOTION_TOKEN") {
		t.Errorf("the message is not cut at a word: %q", s)
	}
}

// TestDemoKeepsItsFilesApart: with --demo, the history, drafts and saved
// views go to a folder of their own, not the real profile's.
func TestDemoKeepsItsFilesApart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if got := New(Options{Demo: true, ConfigDir: dir}).c.ConfigDir; got != filepath.Join(dir, "demo") {
		t.Errorf("the demo keeps its files in %q", got)
	}
	if got := New(Options{ConfigDir: dir}).c.ConfigDir; got != dir {
		t.Errorf("a workspace keeps its files in %q", got)
	}
}

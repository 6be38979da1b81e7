package explorer_test

import (
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// TestExplorerTabs checks that the tabs switch, each loading once.
func TestExplorerTabs(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenFull})
	ta.WaitFor("Reading List")
	ta.Press("tab")
	ta.WaitFor("most recently edited pages")
	ta.Press("tab")
	ta.WaitFor("Maya Chen")
	ta.Settled()
	before := len(srv.Requests())
	ta.Press("shift+tab", "shift+tab", "tab", "tab")
	s := ta.WaitFor("Maya Chen")
	ta.Settled()
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("going back to loaded tabs sent %d requests; the session cache should answer", n)
	}
	if !strings.Contains(s, "› Users") {
		t.Errorf("the breadcrumb does not name the tab:\n%s", s)
	}
	// The databases list filters as one types after /.
	ta.Press("tab")
	ta.WaitFor("data sources shared")
	ta.Press("/")
	ta.Type("engin")
	s = ta.WaitFor("/ engin")
	if strings.Contains(s, "Reading List") || !strings.Contains(s, "Engineering") || !strings.Contains(s, "Team Directory") {
		t.Errorf("the filter kept the wrong rows:\n%s", s)
	}
	ta.Press("esc")
	ta.WaitFor("Reading List")
}

// TestPersonalTokenListsWhatYouCanSee: a personal access token shares
// nothing, so the lists do not speak of sharing with an integration.
func TestPersonalTokenListsWhatYouCanSee(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenPersonal})
	s := ta.WaitFor("data sources you can see")
	if strings.Contains(s, "shared with the connection") {
		t.Errorf("the databases tab speaks of sharing:\n%s", s)
	}
	ta.Press("tab")
	ta.WaitFor("most recently edited pages you can see")
	// Users: no capability to turn on, as for a connection; the kind of
	// token is the reason.
	ta.Press("tab")
	s = ta.WaitFor("Listing users is not available to personal access tokens")
	if strings.Contains(s, "capability (") || strings.Contains(s, "Users are hidden") {
		t.Errorf("the users tab points to a capability:\n%s", s)
	}
}

package fixpanel_test

import (
	"context"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
)

// TestFixPanelTriesTheIDAsTheOtherKind: a database's ID sent where a data
// source's is needed answers 404; the panel's : opens the ID as what it
// is (the database's data source, in the table), as the jump box opens a
// pasted ID.
func TestFixPanelTriesTheIDAsTheOtherKind(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	asDataSource := func(ctx context.Context, c *notionapi.Client) (string, error) {
		_, err := c.GetDataSource(ctx, notiontest.DatabaseTasks)
		return "data source", err
	}
	ta := startProbe(t, srv, apptest.Config{Token: notiontest.TokenFull}, asDataSource)
	s := ta.WaitFor(": try it as a database")
	if !strings.Contains(strings.Join(strings.Fields(s), " "), "try it as one (press :)") {
		t.Errorf("the step does not name the key:\n%s", s)
	}
	ta.Press(":")
	ta.WaitGone("try it as a database")
	ta.WaitUntil("the Tasks table", func(s string) bool {
		return strings.Contains(s, "Probe › Tasks") && !strings.Contains(s, "Asking Notion")
	})
	for _, r := range srv.Requests() {
		if r.Method != "GET" && !strings.HasSuffix(r.Path, "/query") {
			t.Errorf("trying the other kind sent %s %s", r.Method, r.Path)
		}
	}
}

// TestFixPanelOffersNoOtherKindWithoutAnID: a 404 on a page has no other
// kind of table to try; neither the keys nor the steps offer one.
func TestFixPanelOffersNoOtherKindWithoutAnID(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	page := func(ctx context.Context, c *notionapi.Client) (string, error) {
		_, err := c.GetPage(ctx, "00000000-0000-4000-8000-000000000404")
		return "page", err
	}
	ta := startProbe(t, srv, apptest.Config{Token: notiontest.TokenFull}, page)
	s := ta.WaitFor("esc close")
	if strings.Contains(s, "try it as") || strings.Contains(s, "press :") {
		t.Errorf("a page's 404 offers another kind:\n%s", s)
	}
}

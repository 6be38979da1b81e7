package fixpanel

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// BenchmarkFixPanelView measures drawing a panel, which happens on every
// frame while it is open.
func BenchmarkFixPanelView(b *testing.B) {
	c := &ui.Common{Styles: styles.New(true, false), Now: time.Now}
	err := &notionapi.APIError{Status: 404, Code: "object_not_found", Method: "GET", Path: "/v1/databases/" + notiontest.DatabaseUnshared,
		Message: "Could not find database with ID: " + notiontest.DatabaseUnshared + ". Make sure the relevant pages and databases are shared with your integration.", RequestID: "0b8c"}
	for _, size := range []struct{ W, H int }{{120, 36}, {80, 24}} {
		b.Run(fmt.Sprintf("%dx%d", size.W, size.H), func(b *testing.B) {
			p := New(c, ui.ErrorMsg{Err: err, Retry: func() tea.Msg { return nil }})
			p.SetSize(size.W, size.H-3) // less the header, help line and status bar
			for b.Loop() {
				p.View()
			}
		})
	}
}

package edit

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// TestMultiPickerFooterNamesSpaceAndEnter: in a list of several choices
// both space and enter toggle, and the footer says so.
func TestMultiPickerFooterNamesSpaceAndEnter(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	ds, err := f.other.GetDataSource(context.Background(), notiontest.DataSourceReadingList)
	if err != nil {
		t.Fatal(err)
	}
	prop, ok := ds.Properties.Get("Tags")
	if !ok || prop.Type != "multi_select" {
		t.Fatalf("Reading List has no multi-select Tags: %+v", prop)
	}
	e := NewEditor(f.c, prop, notionapi.PropertyValue{}, "a book", nil)
	e.Update(tea.KeyPressMsg{Code: tea.KeyDown}) // into the list of choices
	var help []string
	for _, b := range e.KeyMap().ShortHelp() {
		help = append(help, b.Help().Key+" "+b.Help().Desc)
	}
	if got := strings.Join(help, " • "); !strings.Contains(got, "space/enter toggle") {
		t.Fatalf("footer %q does not name space and enter", got)
	}
	// And space does toggle: the first choice is marked.
	before := e.View()
	e.Update(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	if after := e.View(); after == before || !strings.Contains(after, "[x]") {
		t.Errorf("space did not toggle:\n%s", after)
	}
}

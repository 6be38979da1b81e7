package dbview_test

import (
	"context"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/apptest"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// TestGoldenEditWithAConflict: a status is edited in the table while
// someone else changes it; the check before sending shows both values
// (the golden), and "save mine anyway" sends it.
func TestGoldenEditWithAConflict(t *testing.T) {
	t.Parallel()
	apptest.EachSize(t, apptest.Config{Token: notiontest.TokenFull}, func(t *testing.T, ta *apptest.App) {
		apptest.OpenDatabase(t, ta, "Tasks")
		ta.Press("j", "l") // the second row's Status
		ta.Press("e")
		ta.WaitFor("Edit Status")
		other := uitest.NewClient(t, ta.Srv.URL(), notiontest.TokenFull, notionapi.DefaultVersion, notionapi.Hooks{})
		ctx := context.Background()
		// The table shows the oldest rows first.
		rows, err := other.Query(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: 2, Sorts: []notionapi.Sort{{Timestamp: "created_time", Direction: "ascending"}}})
		if err != nil {
			t.Fatal(err)
		}
		pg := rows.Results[1]
		if seen := notionapi.Cell(pg.Properties["Status"]); seen == "Blocked" || seen == "In review" {
			t.Fatalf("the seed changed: the second task is %s", seen)
		}
		if _, err := other.UpdatePage(ctx, pg.ID, notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{
			"Status": notionapi.StatusValue("Blocked"),
		}}); err != nil {
			t.Fatal(err)
		}
		ta.Type("In review")
		ta.Press("enter")
		s := ta.WaitFor("Changed in Notion since you loaded it")
		flat := strings.Join(strings.Fields(s), " ")
		for _, want := range []string{"you saw Done", "now Blocked", "yours In review", "y save mine anyway"} {
			if !strings.Contains(flat, want) {
				t.Errorf("the conflict lacks %q:\n%s", want, s)
			}
		}
		ta.Golden()
		ta.Press("y")
		ta.WaitFor("Saved Status of")
		now, err := other.GetPage(ctx, pg.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := notionapi.Cell(now.Properties["Status"]); got != "In review" {
			t.Errorf("Notion holds %q after saving mine anyway", got)
		}
	})
}

// TestEditWithoutUpdateCapabilityShowsTheFixFirst: an integration that may
// read but not update content gets the guided fix before anything is
// typed, and no editor opens.
func TestEditWithoutUpdateCapabilityShowsTheFixFirst(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ta := apptest.Start(t, srv, apptest.Config{Token: notiontest.TokenReadOnly})
	apptest.OpenDatabase(t, ta, "Reading List")
	ta.Press("l", "e")
	// The fix says that the request it quotes was a check, not the edit.
	s := ta.WaitFor("notion-tui sent this request")
	if !strings.Contains(s, "Update content") || strings.Contains(s, "Edit Author") {
		t.Errorf("the editor opened without the capability:\n%s", s)
	}
	for _, r := range srv.Requests() {
		if r.Method == "PATCH" && !strings.Contains(r.Path, "00000000") {
			t.Errorf("a page was changed: %s %s", r.Method, r.Path)
		}
	}
}

package form

import (
	"os"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// TestADraftWrittenLateDoesNotComeBackAfterItsDeletion: a save issued
// before the deletion (the restored draft's) whose command runs after it
// (a slow disk) writes nothing; the deletion, issued last, wins.
func TestADraftWrittenLateDoesNotComeBackAfterItsDeletion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d := Draft{DataSourceID: notiontest.DataSourceReadingList, Values: map[string]string{"Name": "Working in Public"}}
	var io draftIO
	save := io.run(func() tea.Msg { return WriteDraft(dir, d) })
	del := io.run(func() tea.Msg { return removeDraft(dir, d.DataSourceID) })
	if err := WriteDraft(dir, d); err != nil { // an earlier save, on disk
		t.Fatal(err)
	}
	if msg := del(); msg != nil {
		t.Fatalf("the deletion failed: %v", msg)
	}
	if msg := save(); msg != nil {
		t.Errorf("the late save ran: %v", msg)
	}
	if _, err := os.Stat(DraftPath(dir, d.DataSourceID)); !os.IsNotExist(err) {
		t.Errorf("the draft is back after its deletion: %v", err)
	}

	// In order, each runs.
	var io2 draftIO
	if msg := io2.run(func() tea.Msg { return WriteDraft(dir, d) })(); msg != nil {
		t.Fatal(msg)
	}
	if _, err := os.Stat(DraftPath(dir, d.DataSourceID)); err != nil {
		t.Errorf("a save in order wrote nothing: %v", err)
	}
}

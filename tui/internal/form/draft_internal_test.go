package form

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// TestADraftWrittenLateDoesNotComeBackAfterItsDeletion: the save of a
// form's draft issued before its deletion (the restored draft's, then the
// created page's) whose command runs after it (a slow disk) writes
// nothing: the draft of a page already created is not offered again.
func TestADraftWrittenLateDoesNotComeBackAfterItsDeletion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c := &ui.Common{Ctx: context.Background(), ConfigDir: dir, Styles: styles.New(true, true), Cache: ui.NewCache(), Now: time.Now}
	ds := &notionapi.DataSource{ID: "d6f5a9b4-7b1e-4c57-9d2a-6e1f0c3b8a21", Properties: notionapi.Schema{{Name: "Name", Type: notionapi.PropTitle}}}
	f := New(c, ds, map[string]string{"Name": "Working in Public"}).(*createForm)
	save, del := f.saveDraft(nil), f.deleteDraft()
	if save == nil || del == nil {
		t.Fatal("the form issued no save or no deletion")
	}
	if err := WriteDraft(dir, f.snapshot(nil)); err != nil { // an earlier save, on disk
		t.Fatal(err)
	}
	del()
	save()
	if _, err := os.Stat(DraftPath(dir, ds.ID)); !os.IsNotExist(err) {
		t.Errorf("the draft is back after its deletion: %v", err)
	}
}

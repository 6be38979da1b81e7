package form

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// TestAProbeThatCannotTellKeepsASubmitsRefusal: the capability probe a
// form sends when it opens can come back after the first submit (a slow
// answer, a 502). When that submit was refused for want of "Insert
// content", a probe that cannot tell leaves the refusal standing, and the
// form still says it cannot create pages; a probe that can tell (after the
// capability was turned on) still replaces it.
func TestAProbeThatCannotTellKeepsASubmitsRefusal(t *testing.T) {
	t.Parallel()
	c := &ui.Common{Ctx: context.Background(), ConfigDir: t.TempDir(), Styles: styles.New(true, true), Cache: ui.NewCache(), Now: time.Now}
	ds := &notionapi.DataSource{ID: "d6f5a9b4-7b1e-4c57-9d2a-6e1f0c3b8a21", Properties: notionapi.Schema{{Name: "Name", Type: notionapi.PropTitle}}}
	f := New(c, ds, map[string]string{"Name": "Kept value"}).(*createForm)
	refusal := &notionapi.APIError{Status: 403, Code: "restricted_resource", Message: "Insufficient permissions for this endpoint.", Method: "POST", Path: "/v1/pages"}
	f.Update(formCreatedMsg{id: f.id, err: refusal})
	if f.insert.State != guide.StateFailed {
		t.Fatalf("the refusal was not taken for a missing capability: %+v", f.insert)
	}
	f.Update(formProbeMsg{id: f.id, probe: guide.Probe{Capability: guide.CapInsertContent, State: guide.StateUnknown}})
	if f.insert.State != guide.StateFailed || !strings.Contains(strings.Join(f.banners(), "\n"), "This connection cannot create pages") {
		t.Fatalf("a probe that cannot tell undid the refusal: %+v\n%s", f.insert, strings.Join(f.banners(), "\n"))
	}
	f.Update(formProbeMsg{id: f.id, probe: guide.Probe{Capability: guide.CapInsertContent, State: guide.StateOK}})
	if f.insert.State != guide.StateOK || strings.Contains(strings.Join(f.banners(), "\n"), "cannot create pages") {
		t.Fatalf("a probe that can tell did not replace the refusal: %+v", f.insert)
	}
}

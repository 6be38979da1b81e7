package viewprefs

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

const dsID = "22bb1f02-eea9-43d3-abc8-43433edc4219"

var schema = notionapi.Schema{
	{ID: "title", Name: "Name", Type: notionapi.PropTitle},
	{ID: "st", Name: "Status", Type: notionapi.PropStatus},
	{ID: "pg", Name: "Pages", Type: notionapi.PropNumber},
	{ID: "dn", Name: "Done", Type: notionapi.PropCheckbox},
}

func TestSavedViewsRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p, err := Load(dir, dsID)
	if err != nil || len(p.Views) != 0 || p.Columns != nil || p.DatabaseID != dsID {
		t.Fatalf("nothing saved yet: %+v, %v", p, err)
	}
	saved := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	_, err = Update(dir, dsID, func(p *Prefs) error {
		p.Title = "Reading List"
		if err := p.SaveView(SavedView{Name: " Long books ", Filter: "Pages > 500", Sorts: []notionapi.Sort{{Property: "Pages", Direction: notionapi.Descending}}, Saved: saved}); err != nil {
			return err
		}
		if err := p.SaveView(SavedView{Name: "By status", GroupBy: "Status", Columns: []Column{{ID: "pg", Name: "Pages", Width: 9}}, Saved: saved}); err != nil {
			return err
		}
		p.SetColumns(dsID, &Columns{Shown: ColumnsOf(schema[:2]), Wrap: true, Updated: saved})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir, notionapi.CompactID(dsID))
	if err != nil {
		t.Fatal(err)
	}
	v, ok := got.View("long BOOKS")
	if !ok || v.Name != "Long books" || v.Filter != "Pages > 500" || len(v.Sorts) != 1 || v.Board() || !v.Saved.Equal(saved) {
		t.Errorf("Long books: %+v, %v", v, ok)
	}
	if b, _ := got.View("By status"); !b.Board() || b.Columns[0].Width != 9 {
		t.Errorf("By status: %+v", b)
	}
	if c := got.ColumnsFor(dsID); c == nil || !c.Wrap || len(c.Shown) != 2 || got.Title != "Reading List" {
		t.Errorf("columns %+v", got.Columns)
	}
	// Under another version the database is its own data source: its one
	// entry is taken, and replaced rather than doubled.
	const asDatabase = "9b1c3d1e-0000-4000-8000-000000000001"
	if c := got.ColumnsFor(asDatabase); c == nil || len(c.Shown) != 2 {
		t.Errorf("columns under the database's ID: %+v", c)
	}
	got.SetColumns(asDatabase, &Columns{Shown: ColumnsOf(schema[:1])})
	if len(got.Columns) != 1 || len(got.ColumnsFor(dsID).Shown) != 1 {
		t.Errorf("columns %+v", got.Columns)
	}
	got.SetColumns(asDatabase, nil)
	if got.ColumnsFor(dsID) != nil {
		t.Errorf("forgotten columns remain: %+v", got.Columns)
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(Path(dir, dsID))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("file mode %v, %v", st.Mode(), err)
		}
	}

	// Replacing keeps one view of a name; deleting removes it.
	_, err = Update(dir, dsID, func(p *Prefs) error {
		if err := p.SaveView(SavedView{Name: "Long books", Filter: "Pages > 900"}); err != nil {
			return err
		}
		if !p.DeleteView("By status") || p.DeleteView("nope") {
			t.Error("DeleteView")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = Load(dir, dsID)
	if len(got.Views) != 1 || got.Views[0].Filter != "Pages > 900" {
		t.Errorf("views %+v", got.Views)
	}
}

func TestSaveViewRefusesNonsense(t *testing.T) {
	t.Parallel()
	p := &Prefs{}
	for _, v := range []SavedView{{Name: "  "}, {Name: "x", Filter: "Done", FilterJSON: []byte(`{}`)}} {
		if err := p.SaveView(v); err == nil {
			t.Errorf("SaveView(%+v) accepted", v)
		}
	}
	// A failed change writes nothing.
	dir := t.TempDir()
	if _, err := Update(dir, dsID, func(p *Prefs) error { return p.SaveView(SavedView{}) }); err == nil {
		t.Error("Update saved a view without a name")
	}
	if _, err := os.Stat(Path(dir, dsID)); !os.IsNotExist(err) {
		t.Errorf("a failed change wrote the file: %v", err)
	}
}

func TestAmbiguousNamesNeedTheirCase(t *testing.T) {
	t.Parallel()
	p := &Prefs{Views: []SavedView{{Name: "Open"}, {Name: "OPEN"}}}
	if _, ok := p.View("open"); ok {
		t.Error("an ambiguous name matched")
	}
	if v, ok := p.View("OPEN"); !ok || v.Name != "OPEN" {
		t.Error("the exact name did not match")
	}
}

func TestDamagedFileIsAnErrorThatSaysWhere(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := Path(dir, dsID)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir, dsID); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("Load: %v", err)
	}
	if _, err := Update(dir, dsID, func(*Prefs) error { return nil }); err == nil {
		t.Error("Update overwrote a damaged file")
	}
}

func TestConcurrentUpdatesKeepEveryView(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := Update(dir, dsID, func(p *Prefs) error {
				return p.SaveView(SavedView{Name: string(rune('a' + i))})
			}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	p, _ := Load(dir, dsID)
	if len(p.Views) != 8 {
		t.Errorf("%d views kept of 8", len(p.Views))
	}
}

func TestResolveColumns(t *testing.T) {
	t.Parallel()
	// Pages was renamed "Page count" since; Gone was deleted; the title is
	// not among the columns.
	renamed := slices.Clone(schema)
	renamed[2].Name = "Page count"
	shown, widths, missing := Resolve([]Column{{ID: "pg", Name: "Pages", Width: 7}, {ID: "zz", Name: "Gone"}, {Name: "Done"}}, renamed)
	if !slices.Equal(shown.Names(), []string{"Name", "Page count", "Done"}) || !slices.Equal(widths, []int{0, 7, 0}) || !slices.Equal(missing, []string{"Gone"}) {
		t.Errorf("Resolve: %v %v %v", shown.Names(), widths, missing)
	}
}

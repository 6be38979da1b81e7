package jump

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// Recent files in the config folder: the demo keeps its own, so that the
// sandbox's pages never mix with a real workspace's.
const (
	RecentFile     = "recent.json"
	RecentDemoFile = "recent-demo.json"
)

// maxRecent is how many pages and views are remembered.
const maxRecent = 50

// Visit is a page or a database view opened, as remembered.
type Visit struct {
	Kind  string    `json:"kind"` // "page" or "view"
	ID    string    `json:"id"`
	Title string    `json:"title"`
	At    time.Time `json:"at"`
}

// Key identifies what a visit opened.
func (v Visit) Key() string { return v.Kind + ":" + v.ID }

// Route is the screen that opens the visit again.
func (v Visit) Route() ui.Route {
	return RouteOf(v.Kind, v.ID)
}

// RouteOf is the route that opens a page or a database view by ID (the
// view reads its schema first).
func RouteOf(kind, id string) ui.Route {
	if kind == KindView {
		return ui.DatabaseView{DataSource: &notionapi.DataSource{ID: id}}
	}
	return ui.PagePreview{ID: id}
}

// The kinds of visits.
const (
	KindPage = "page"
	KindView = "view"
)

// Recent is the pages and views opened, newest first, kept in the config
// folder (or only in memory without one). Writes happen in commands, the
// newest version last.
type Recent struct {
	path   string
	visits []Visit

	writes ui.LastWins // the file's writes, the newest last
}

// LoadRecent reads the recent file of dir (demo's own for the demo); a
// missing file is an empty list, an unreadable one is replaced on the
// next save and its error returned.
func LoadRecent(dir string, demo bool) (*Recent, error) {
	r := &Recent{}
	if dir == "" {
		return r, nil
	}
	name := RecentFile
	if demo {
		name = RecentDemoFile
	}
	r.path = filepath.Join(dir, name)
	b, err := os.ReadFile(r.path)
	if errors.Is(err, fs.ErrNotExist) {
		return r, nil
	}
	if err != nil {
		return r, fmt.Errorf("reading the recent pages: %w", err)
	}
	if err := json.Unmarshal(b, &r.visits); err != nil {
		r.visits = nil
		return r, fmt.Errorf("the recent pages file %s is not valid JSON (it will be replaced): %w", r.path, err)
	}
	return r, nil
}

// Visits returns the visits, newest first.
func (r *Recent) Visits() []Visit { return r.visits }

// Add records a visit (moving an earlier one of the same page to the
// front, keeping its title when the new one has none) and returns the
// command that saves the file.
func (r *Recent) Add(v Visit) tea.Cmd {
	if v.ID == "" {
		return nil
	}
	if i := slices.IndexFunc(r.visits, func(o Visit) bool { return o.Key() == v.Key() }); i >= 0 {
		if v.Title == "" {
			v.Title = r.visits[i].Title
		}
		r.visits = slices.Delete(r.visits, i, i+1)
	}
	r.visits = append([]Visit{v}, r.visits...)
	if len(r.visits) > maxRecent {
		r.visits = r.visits[:maxRecent]
	}
	return r.save()
}

// Retitle sets the title of a visit once its screen knows it; it returns
// the save command, or nil when nothing changed.
func (r *Recent) Retitle(key, title string) tea.Cmd {
	i := slices.IndexFunc(r.visits, func(o Visit) bool { return o.Key() == key })
	if i < 0 || title == "" || r.visits[i].Title == title {
		return nil
	}
	r.visits[i].Title = title
	return r.save()
}

// save returns a command that writes the list as it is now (mode 0600,
// atomically); a write older than one already done is skipped.
func (r *Recent) save() tea.Cmd {
	if r.path == "" {
		return nil
	}
	data, err := json.MarshalIndent(r.visits, "", "  ")
	if err != nil {
		return ui.FlashError("Could not save the recent pages: " + err.Error())
	}
	path := r.path
	return r.writes.Run(func() tea.Msg {
		if err := writeAtomic(path, data); err != nil {
			return ui.FlashMsg{Text: "Could not save the recent pages: " + err.Error(), Error: true}
		}
		return nil
	})
}

// writeAtomic writes data to a temporary file (mode 0600) renamed into
// place.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}

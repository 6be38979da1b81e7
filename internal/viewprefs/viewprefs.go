// Package viewprefs keeps what a user chose about how to look at a
// database, in the config folder (views/<database ID>.json, mode 0600):
// saved views of their own, built from their queries (the views of
// Notion-Versions before 2025-09-03, which have no views API, and a
// user's own beside Notion's), and, per data source, the columns they
// chose to show, in their order and width.
//
// Files are named by the database, which every Notion-Version reads the
// same way (a data source's DatabaseID; under 2022-06-28 the database is
// its own data source), so that saved views survive a change of version.
//
// Files are written whole and atomically; within one process Update
// serialises changes. Two processes that change the same data source's
// file at once do not merge: the last one wins.
package viewprefs

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// Prefs is what is kept for one database.
type Prefs struct {
	DatabaseID string `json:"database_id"`
	// Title names the database for a person reading the file.
	Title string      `json:"title,omitempty"`
	Views []SavedView `json:"views,omitempty"`
	// Columns are the columns the user chose, by data source ID.
	Columns map[string]*Columns `json:"columns,omitempty"`
}

// Key is the database a data source's preferences are kept under.
func Key(ds *notionapi.DataSource) string {
	if id := ds.DatabaseID(); id != "" {
		return id
	}
	return ds.ID
}

// ColumnsFor returns the columns chosen for a data source, or nil. A
// database read under another Notion-Version names its one data source
// differently; its only entry is then taken.
func (p *Prefs) ColumnsFor(dataSourceID string) *Columns {
	if c := p.Columns[notionapi.CompactID(dataSourceID)]; c != nil {
		return c
	}
	if len(p.Columns) == 1 {
		for _, c := range p.Columns {
			return c
		}
	}
	return nil
}

// SetColumns keeps the columns chosen for a data source; nil forgets them.
func (p *Prefs) SetColumns(dataSourceID string, c *Columns) {
	key := notionapi.CompactID(dataSourceID)
	if c == nil {
		delete(p.Columns, key)
		// The single entry of another version's name for it goes too.
		if len(p.Columns) == 1 {
			clear(p.Columns)
		}
		return
	}
	if p.Columns == nil {
		p.Columns = map[string]*Columns{}
	}
	if len(p.Columns) == 1 && p.Columns[key] == nil {
		clear(p.Columns) // the same data source under another version's name
	}
	p.Columns[key] = c
}

// SavedView is a named query of the user's: a filter, sorts, columns and,
// for a board, the property it groups by.
type SavedView struct {
	Name string `json:"name"`
	// DataSourceID is the data source it was saved from.
	DataSourceID string `json:"data_source_id,omitempty"`
	// Filter is an expression of the filter language; FilterJSON a
	// Notion filter object, for what the language cannot say. At most
	// one is set.
	Filter     string           `json:"filter,omitempty"`
	FilterJSON json.RawMessage  `json:"filter_json,omitempty"`
	Sorts      []notionapi.Sort `json:"sorts,omitempty"`
	// Columns are the visible columns in order; nil shows every column.
	Columns []Column `json:"columns,omitempty"`
	// GroupBy names the property of a board; "" for a table.
	GroupBy string    `json:"group_by,omitempty"`
	Saved   time.Time `json:"saved"`
}

// Board reports whether the view is a board.
func (v SavedView) Board() bool { return v.GroupBy != "" }

// Column is a visible column: a property, by ID (stable across renames)
// and name, and its width in terminal cells (0: fitted to its content).
type Column struct {
	ID    string `json:"id,omitempty"`
	Name  string `json:"name"`
	Width int    `json:"width,omitempty"`
}

// Columns are the columns a user chose for a data source.
type Columns struct {
	Shown []Column `json:"shown"`
	// Wrap shows cells on several lines.
	Wrap    bool      `json:"wrap,omitempty"`
	Updated time.Time `json:"updated"`
}

// Path is the file of a database's preferences.
func Path(dir, databaseID string) string {
	return filepath.Join(dir, "views", notionapi.CompactID(databaseID)+".json")
}

// Load reads a database's preferences; none yet is an empty Prefs.
func Load(dir, databaseID string) (*Prefs, error) {
	if dir == "" {
		return nil, errors.New("no config folder to keep views in")
	}
	b, err := os.ReadFile(Path(dir, databaseID))
	if errors.Is(err, fs.ErrNotExist) {
		return &Prefs{DatabaseID: databaseID}, nil
	}
	if err != nil {
		return nil, err
	}
	var p Prefs
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("the saved views %s are damaged (%v); move the file away to start again", Path(dir, databaseID), err)
	}
	p.DatabaseID = databaseID
	return &p, nil
}

// Save writes a data source's preferences.
func Save(dir string, p *Prefs) error {
	if dir == "" {
		return errors.New("no config folder to keep views in")
	}
	path := Path(dir, p.DatabaseID)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	return keystore.WriteFileAtomic(path, append(b, '\n'), 0o600)
}

// mu serialises Update within the process.
var mu sync.Mutex

// Update reads a database's preferences, lets change modify them and
// writes them back; nothing is written when change fails.
func Update(dir, databaseID string, change func(*Prefs) error) (*Prefs, error) {
	mu.Lock()
	defer mu.Unlock()
	p, err := Load(dir, databaseID)
	if err != nil {
		return nil, err
	}
	if err := change(p); err != nil {
		return nil, err
	}
	return p, Save(dir, p)
}

// View returns the saved view of that name: exactly, else without regard
// to case when only one matches.
func (p *Prefs) View(name string) (SavedView, bool) {
	i := p.index(name)
	if i < 0 {
		return SavedView{}, false
	}
	return p.Views[i], true
}

func (p *Prefs) index(name string) int {
	if i := slices.IndexFunc(p.Views, func(v SavedView) bool { return v.Name == name }); i >= 0 {
		return i
	}
	found := -1
	for i, v := range p.Views {
		if strings.EqualFold(v.Name, name) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// SaveView adds a view, or replaces the one of the same name (exactly).
func (p *Prefs) SaveView(v SavedView) error {
	v.Name = strings.TrimSpace(v.Name)
	if v.Name == "" {
		return errors.New("a saved view needs a name")
	}
	if v.Filter != "" && len(v.FilterJSON) > 0 {
		return errors.New("a saved view has a filter expression or a JSON filter, not both")
	}
	if i := slices.IndexFunc(p.Views, func(x SavedView) bool { return x.Name == v.Name }); i >= 0 {
		p.Views[i] = v
		return nil
	}
	p.Views = append(p.Views, v)
	return nil
}

// DeleteView removes a saved view; it reports whether there was one.
func (p *Prefs) DeleteView(name string) bool {
	i := slices.IndexFunc(p.Views, func(x SavedView) bool { return x.Name == name })
	if i < 0 {
		return false
	}
	p.Views = slices.Delete(p.Views, i, i+1)
	return true
}

// ColumnsOf turns a schema's properties into columns, widths left to the
// table.
func ColumnsOf(props notionapi.Schema) []Column {
	out := make([]Column, len(props))
	for i, p := range props {
		out[i] = Column{ID: p.ID, Name: p.Name}
	}
	return out
}

// Resolve finds the columns in the schema, by ID, else by name (a
// property renamed since keeps its place; one deleted is left out and
// named in missing). The title always shows: first, when the columns
// leave it out.
func Resolve(cols []Column, schema notionapi.Schema) (shown notionapi.Schema, widths []int, missing []string) {
	seen := map[string]bool{}
	for _, c := range cols {
		p, ok := find(schema, c)
		if !ok {
			missing = append(missing, c.Name)
			continue
		}
		if seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		shown = append(shown, p)
		widths = append(widths, max(c.Width, 0))
	}
	if t, ok := schema.Title(); ok && !seen[t.Name] {
		shown = append(notionapi.Schema{t}, shown...)
		widths = append([]int{0}, widths...)
	}
	return shown, widths, missing
}

func find(schema notionapi.Schema, c Column) (notionapi.PropertySchema, bool) {
	if c.ID != "" {
		for _, p := range schema {
			if p.ID == c.ID {
				return p, true
			}
		}
	}
	for _, p := range schema {
		if p.Name == c.Name {
			return p, true
		}
	}
	return notionapi.PropertySchema{}, false
}

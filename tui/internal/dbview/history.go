package dbview

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

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// HistoryFile is the name of the query history in the config folder.
const HistoryFile = "query-history.json"

// maxHistory is how many queries are kept per data source.
const maxHistory = 20

// historyEntry is a query run on a data source.
type historyEntry struct {
	query
	At time.Time `json:"at"`
}

// queryHistory is the last queries of each data source, newest first,
// kept in the config folder (or only in memory without one). It is shared
// by the database views of a session through the cache.
type queryHistory struct {
	path string // "" keeps the history in memory
	// byDS maps a data source ID to its queries, newest first.
	byDS map[string][]historyEntry

	writes ui.LastWins // the file's writes, the newest last
}

// queryHistories is where the session keeps the history once read, shared
// by every database view.
var queryHistories = ui.NewEntry[*queryHistory]("query history")

// historyLoadedMsg carries the history read from disk.
type historyLoadedMsg struct {
	h   *queryHistory
	err error
}

// loadHistory returns a command that reads the history file of dir.
func loadHistory(dir string) tea.Cmd {
	return func() tea.Msg {
		h, err := readHistory(dir)
		return historyLoadedMsg{h: h, err: err}
	}
}

// readHistory reads the history file; a missing file is an empty history,
// and an unreadable one is replaced on the next save.
func readHistory(dir string) (*queryHistory, error) {
	h := &queryHistory{byDS: map[string][]historyEntry{}}
	if dir == "" {
		return h, nil
	}
	h.path = filepath.Join(dir, HistoryFile)
	b, err := os.ReadFile(h.path)
	if errors.Is(err, fs.ErrNotExist) {
		return h, nil
	}
	if err != nil {
		return h, fmt.Errorf("reading the query history: %w", err)
	}
	if err := json.Unmarshal(b, &h.byDS); err != nil {
		h.byDS = map[string][]historyEntry{}
		return h, fmt.Errorf("the query history %s is not valid JSON (it will be replaced): %w", h.path, err)
	}
	return h, nil
}

// entries returns the queries of a data source, newest first.
func (h *queryHistory) entries(dsID string) []historyEntry { return h.byDS[dsID] }

// add records a query (moving an identical one to the front) and returns
// a command that saves the file. Empty queries are not recorded.
func (h *queryHistory) add(dsID string, q query, at time.Time) tea.Cmd {
	if q.empty() {
		return nil
	}
	list := slices.DeleteFunc(slices.Clone(h.byDS[dsID]), func(e historyEntry) bool { return sameQuery(e.query, q) })
	list = append([]historyEntry{{query: q, At: at}}, list...)
	if len(list) > maxHistory {
		list = list[:maxHistory]
	}
	h.byDS[dsID] = list
	return h.save()
}

func sameQuery(a, b query) bool {
	return a.Expr == b.Expr && a.Raw == b.Raw && slices.Equal(a.Sorts, b.Sorts)
}

// save returns a command that writes the history as it is now (mode 0600,
// atomically); a write older than one already done is skipped.
func (h *queryHistory) save() tea.Cmd {
	if h.path == "" {
		return nil
	}
	data, err := json.MarshalIndent(h.byDS, "", "  ")
	if err != nil {
		return func() tea.Msg {
			return ui.FlashMsg{Text: "Could not save the query history: " + err.Error(), Error: true}
		}
	}
	path := h.path
	return h.writes.Run(func() tea.Msg {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return ui.FlashMsg{Text: "Could not save the query history: " + err.Error(), Error: true}
		}
		if err := keystore.WriteFileAtomic(path, data, 0o600); err != nil {
			return ui.FlashMsg{Text: "Could not save the query history: " + err.Error(), Error: true}
		}
		return nil
	})
}

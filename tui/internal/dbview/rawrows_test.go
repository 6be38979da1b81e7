package dbview

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// pageJSON is a page's JSON of about a kilobyte, like a row's.
func pageJSON(i int) []byte {
	return fmt.Appendf(nil, `{"object":"page","id":%q,"properties":{"Event":{"type":"title","title":[{"plain_text":"event %d"}]},"Note":{"type":"rich_text","rich_text":[{"plain_text":%q}]}}}`,
		pageID(i), i, strings.Repeat(fmt.Sprint(i%97), 300))
}

func pageID(i int) string { return fmt.Sprintf("%08d-0000-4000-8000-000000000000", i) }

// keptPages keeps n rows of pageJSON, sealed, and returns their blocks
// and IDs.
func keptPages(n int) ([][]byte, []string) {
	raw := newRawRows(rawBudget)
	var ids []string
	for i := range n {
		raw.add(pageJSON(i))
		ids = append(ids, pageID(i))
	}
	raw.seal()
	blocks, _, _ := raw.kept()
	return blocks, ids
}

func TestRawRowsKeepEveryRowInOrder(t *testing.T) {
	t.Parallel()
	r := newRawRows(rawBudget)
	const n = 2000 // several blocks
	for i := range n {
		if !r.add(pageJSON(i)) {
			t.Fatalf("row %d was let go under the budget", i)
		}
	}
	r.seal()
	blocks, count, ok := r.kept()
	if !ok || count != n || len(blocks) < 2 {
		t.Fatalf("kept %d rows in %d blocks (ok %v), want %d in several", count, len(blocks), ok, n)
	}
	if r.bytes() >= n*len(pageJSON(0))/4 {
		t.Errorf("%d rows of %d bytes are kept in %d bytes: not compressed", n, len(pageJSON(0)), r.bytes())
	}
	i := 0
	err := eachRaw(blocks, func(raw []byte) error {
		if string(raw) != string(pageJSON(i)) {
			return fmt.Errorf("row %d is %.60s…", i, raw)
		}
		i++
		return nil
	})
	if err != nil || i != n {
		t.Fatalf("read back %d rows: %v", i, err)
	}
	// Letting the rows go leaves an export that already has the blocks
	// able to read them.
	r.release()
	if _, _, ok := r.kept(); ok {
		t.Error("the rows are still kept after release")
	}
	i = 0
	if err := eachRaw(blocks, func([]byte) error { i++; return nil }); err != nil || i != n {
		t.Errorf("blocks taken before the release read %d rows: %v", i, err)
	}
}

func TestRawRowsPastTheBudgetAreLetGo(t *testing.T) {
	t.Parallel()
	r := newRawRows(64 << 10)
	added := 0
	for i := range 100_000 {
		if !r.add(pageJSON(i)) {
			break
		}
		added++
	}
	if added == 100_000 {
		t.Fatal("100,000 rows fit in 64 KiB")
	}
	r.seal()
	if _, _, ok := r.kept(); ok || r.bytes() != 0 {
		t.Errorf("rows past the budget are kept: %d bytes", r.bytes())
	}
	if r.add(pageJSON(0)) {
		t.Error("a row is added after the rows were let go")
	}
}

// loadedView is a view whose read of n rows ended with every row's JSON
// kept.
func loadedView(t *testing.T, n int) *dbView {
	t.Helper()
	return loadedViewIn(t, nil, n)
}

// loadedViewIn is loadedView in the session c (nil: a new one).
func loadedViewIn(t *testing.T, c *ui.Common, n int) *dbView {
	t.Helper()
	v := benchView(0)
	if c != nil {
		v.c, v.ds.ID = c, "another table"
	}
	v.run(query{})
	raw := newRawRows(rawBudget)
	rows := make([]dbRow, n)
	for i := range n {
		b := pageJSON(i)
		var pg notionapi.Page
		if err := json.Unmarshal(b, &pg); err != nil {
			t.Fatal(err)
		}
		raw.add(b)
		rows[i] = newDBRow(&pg, v.cols, nil)
	}
	raw.seal()
	v.Update(rowsMsg{view: v.id, gen: v.gen, rowBatch: rowBatch{rows: rows, done: true, raw: raw}})
	if v.loading {
		t.Fatal("the view is still loading")
	}
	return v
}

func TestExportSourceIsTheRowsLoadedOnlyWhileTheyAreTheTables(t *testing.T) {
	t.Parallel()
	v := loadedView(t, 3)
	if from := v.exportSource(); !from.memory || len(from.ids) != 3 || from.ids[2] != v.rows[2].id {
		t.Fatalf("a complete read is not exported from memory: %+v", from)
	}
	// A page created here is a row the rows kept do not hold.
	v.Update(ui.PageCreatedMsg{DataSourceID: v.ds.ID, Page: &notionapi.Page{ID: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"}})
	if from := v.exportSource(); from.memory || from.why != whyChanged {
		t.Errorf("after a page was added the export is %+v, want a read because %q", from, whyChanged)
	}
	// Another table read whole lets the first one's rows go.
	v = loadedView(t, 3)
	loadedViewIn(t, v.c, 2)
	if from := v.exportSource(); from.memory || from.why != whyLetGo {
		t.Errorf("after another table was read the export is %+v, want a read because %q", from, whyLetGo)
	}
	// A read that kept only the columns shown, or stopped at the cap.
	v = benchView(0)
	v.run(query{})
	v.Update(rowsMsg{view: v.id, gen: v.gen, rowBatch: rowBatch{rows: benchRows(2, v.cols), done: true, rawWhy: whyColumns}})
	if from := v.exportSource(); from.memory || from.why != whyColumns {
		t.Errorf("a read of some columns is exported as %+v", from)
	}
	v.run(query{whole: true}) // a query not read before
	if from := v.exportSource(); from.memory || from.why != whyLoading {
		t.Errorf("while the rows load the export is %+v", from)
	}
	v.Update(rowsMsg{view: v.id, gen: v.gen, rowBatch: rowBatch{rows: benchRows(2, v.cols), done: true, capped: true, raw: newRawRows(rawBudget)}})
	if from := v.exportSource(); from.memory || from.why != whyCapped {
		t.Errorf("a capped read is exported as %+v", from)
	}
}

// TestAnEditMakesTheRowsKeptStale: a cell saved here changes a row, so the
// rows kept are not exported.
func TestAnEditMakesTheRowsKeptStale(t *testing.T) {
	t.Parallel()
	v := loadedView(t, 3)
	raw := v.snap.raw
	v.setCell(1, 0, "renamed")
	if from := v.exportSource(); from.memory || from.why != whyChanged {
		t.Errorf("after an edit the export is %+v", from)
	}
	if _, _, ok := raw.kept(); ok {
		t.Error("the stale rows are still kept")
	}
}

// TestExportFromMemoryChecksTheRowsAreTheTables: the rows kept are
// written only when each is the table's row, in order; otherwise the
// export is told to read again.
func TestExportFromMemoryChecksTheRowsAreTheTables(t *testing.T) {
	t.Parallel()
	blocks, ids := keptPages(3)
	write := func(ids []string) (string, int, error) {
		var out strings.Builder
		w := newExportWriter(formatJSON, &out, nil)
		j := &exportJob{mem: &exportFrom{memory: true, blocks: blocks, ids: ids}, events: make(chan exportEvent, 1)}
		w.header()
		n, err := j.memory(t.Context(), w)
		w.close()
		return out.String(), n, err
	}
	out, n, err := write(ids)
	if err != nil || n != 3 || !strings.Contains(out, string(pageJSON(2))) {
		t.Fatalf("the rows kept were not written: %d rows, %v\n%.200s", n, err, out)
	}
	for _, changed := range [][]string{
		{ids[0], ids[2], ids[1]},         // moved
		{ids[0], ids[1]},                 // one less
		{ids[0], ids[1], ids[2], ids[0]}, // one more
	} {
		if _, _, err := write(changed); err != errRowsChanged {
			t.Errorf("rows kept for %v: %v, want errRowsChanged", changed, err)
		}
	}
}

// TestExportReadsAgainWhenTheRowsKeptAreNotTheTables: an export from
// memory that finds a row kept is not the table's starts the file again
// and reads every row, and says so. The rows read again here are fewer
// than those written first: nothing of those is left in the file.
func TestExportReadsAgainWhenTheRowsKeptAreNotTheTables(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	client := uitest.NewClient(t, srv.URL(), notiontest.TokenFull, notionapi.DefaultVersion, notionapi.Hooks{})
	blocks, ids := keptPages(20)
	ids[19] = "another row" // the first 19 are written, then the file starts again
	path := filepath.Join(t.TempDir(), "books.json")
	j := &exportJob{
		client: client, dsID: notiontest.DataSourceReadingList, format: formatJSON, path: path, total: 20,
		q:      query{filter: json.RawMessage(`{"property":"Name","title":{"equals":"Learning Go"}}`)},
		events: make(chan exportEvent, 1), mem: &exportFrom{memory: true, blocks: blocks, ids: ids},
	}
	n, err := j.write(t.Context())
	if err != nil || n != 1 || !j.reread {
		t.Fatalf("wrote %d rows (reread %v): %v", n, j.reread, err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var pages []map[string]any
	if err := json.Unmarshal(b, &pages); err != nil || len(pages) != 1 {
		t.Fatalf("the file is not the row read again (%d): %v\n%.300s", len(pages), err, b)
	}
	if strings.Contains(string(b), `"event 0"`) {
		t.Error("a row kept is left in the file read again")
	}
}

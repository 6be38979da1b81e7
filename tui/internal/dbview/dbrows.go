package dbview

import (
	"context"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// dbRow is one row of a database view: the page's ID and its cells, packed
// into one string so that 100,000 rows cost two allocations each.
type dbRow struct {
	id   string
	text string
	ends []uint32 // ends[i] is where cell i ends in text
}

func (r *dbRow) cell(i int) string {
	if i < 0 || i >= len(r.ends) {
		return ""
	}
	start := uint32(0)
	if i > 0 {
		start = r.ends[i-1]
	}
	return r.text[start:r.ends[i]]
}

// dbRows is the loaded rows of a query, as table data.
type dbRows []dbRow

func (d dbRows) Len() int                 { return len(d) }
func (d dbRows) Cell(row, col int) string { return d[row].cell(col) }

// newDBRow renders a page's properties in the order of cols (the schema,
// title first) as table cells.
func newDBRow(p *notionapi.Page, cols notionapi.Schema) dbRow {
	var b strings.Builder
	ends := make([]uint32, len(cols))
	for i, prop := range cols {
		b.WriteString(textutil.SafeLine(widgets.CellText(prop, p.Properties[prop.Name])))
		ends[i] = uint32(b.Len())
	}
	return dbRow{id: p.ID, text: b.String(), ends: ends}
}

// rowBatch is rows read by a stream, or its end.
type rowBatch struct {
	rows []dbRow
	// done is set on the last batch; err says why it ended early, and
	// capped that a sorted query stopped at the API's 10,000-row limit.
	done   bool
	err    error
	capped bool
}

// rowStream reads a query's rows in a goroutine, started by the first
// command that waits for rows, and hands them over in batches, one API
// page at a time at least.
type rowStream struct {
	ch    chan rowBatch
	once  sync.Once
	start func()
}

// maxBatchRows bounds the rows delivered in one message.
const maxBatchRows = 5000

// newRowStream prepares a read. Without sorts every row is read (ReadAll,
// past the 10,000 cap, oldest first); with sorts pages follow the cursor
// up to the cap. The goroutine ends when ctx is cancelled.
func newRowStream(ctx context.Context, client *notionapi.Client, dsID string, q query, cols notionapi.Schema) *rowStream {
	s := &rowStream{ch: make(chan rowBatch, 4)}
	p := q.params()
	sorted := len(q.Sorts) > 0
	s.start = func() {
		go func() {
			defer close(s.ch)
			send := func(b rowBatch) bool {
				select {
				case s.ch <- b:
					return true
				case <-ctx.Done():
					return false
				}
			}
			if sorted {
				readSortedRows(ctx, client, dsID, p, cols, send)
			} else {
				readAllRows(ctx, client, dsID, p, cols, send)
			}
		}()
	}
	return s
}

func readAllRows(ctx context.Context, client *notionapi.Client, dsID string, p notionapi.QueryParams, cols notionapi.Schema, send func(rowBatch) bool) {
	var batch []dbRow
	flushed := true
	opt := notionapi.ReadAllOptions{OnProgress: func(int) {
		// Called after each page's rows: hand them over.
		flushed = send(rowBatch{rows: batch})
		batch = nil
	}}
	for pg, err := range client.ReadAll(ctx, dsID, p, opt) {
		if !flushed {
			return
		}
		if err != nil {
			send(rowBatch{rows: batch, done: true, err: err})
			return
		}
		batch = append(batch, newDBRow(&pg, cols))
	}
	send(rowBatch{rows: batch, done: true})
}

func readSortedRows(ctx context.Context, client *notionapi.Client, dsID string, p notionapi.QueryParams, cols notionapi.Schema, send func(rowBatch) bool) {
	for {
		l, err := client.Query(ctx, dsID, p)
		if err != nil {
			send(rowBatch{done: true, err: err})
			return
		}
		rows := make([]dbRow, len(l.Results))
		for i := range l.Results {
			rows[i] = newDBRow(&l.Results[i], cols)
		}
		p.StartCursor = l.Cursor()
		last := p.StartCursor == ""
		if !send(rowBatch{rows: rows, done: last, capped: last && l.Incomplete()}) || last {
			return
		}
	}
}

// rowsMsg delivers a batch to the database view that started the stream.
type rowsMsg struct {
	view, gen int64
	rowBatch
}

// next returns a command that waits for the next batch and takes every
// batch already waiting, up to maxBatchRows rows.
func (s *rowStream) next(view, gen int64) tea.Cmd {
	return func() tea.Msg {
		s.once.Do(s.start)
		b, ok := <-s.ch
		if !ok {
			return rowsMsg{view: view, gen: gen, rowBatch: rowBatch{done: true, err: context.Canceled}}
		}
	drain:
		for !b.done && len(b.rows) < maxBatchRows {
			select {
			case more, ok := <-s.ch:
				if !ok {
					b.done, b.err = true, context.Canceled
					break drain
				}
				b.rows = append(b.rows, more.rows...)
				b.done, b.err, b.capped = more.done, more.err, more.capped
			default:
				break drain
			}
		}
		return rowsMsg{view: view, gen: gen, rowBatch: b}
	}
}

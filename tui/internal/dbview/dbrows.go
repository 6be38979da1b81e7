package dbview

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/board"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// dbRow is one row of a database view: the page's ID and its cells, packed
// into one string of the exact size (the ID is its first bytes) so that
// 100,000 rows cost two allocations each and no spare capacity. On a
// board, keys are the columns the row's card sits in.
type dbRow struct {
	id   string // text[:len(id)]
	text string
	ends []uint32 // ends[i] is where cell i ends in text
	keys []string
	// refs holds, by column, what a people, relation or files cell stands
	// for but does not show: user and page IDs, file links (see
	// cellRefs); nil when the row has none.
	refs colRefs
	// rels are the related pages of the row's relation cells, to draw by
	// title as titles arrive and to follow; nil without relations.
	rels []relCell
}

// colRefs are a row's references by column, in column order: a slice,
// not a map, since a map of one entry costs some 300 bytes, as much as
// the rest of a row, and a table holds 100,000 rows.
type colRefs []colRef

type colRef struct {
	col int
	ids []string
}

// of returns the references of column col, or nil.
func (c colRefs) of(col int) []string {
	for _, r := range c {
		if r.col == col {
			return r.ids
		}
	}
	return nil
}

// relCell is a relation cell: its column and the pages it holds.
type relCell struct {
	col  int
	refs []notionapi.ObjectRef
	more bool // Notion cut the list at 25
}

func (r *dbRow) cell(i int) string {
	if i < 0 || i >= len(r.ends) {
		return ""
	}
	start := uint32(len(r.id))
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
// title first) as table cells; related pages show by the titles known to
// titles (nil: by ID), "…" for those not read yet.
func newDBRow(p *notionapi.Page, cols notionapi.Schema, titles *notionapi.Titles) dbRow {
	cells := make([]string, len(cols))
	var refs colRefs
	var rels []relCell
	for i, prop := range cols {
		v := p.Properties[prop.Name]
		if v.Type == notionapi.PropRelation && len(v.Relation) > 0 {
			rels = append(rels, relCell{col: i, refs: v.Relation, more: v.HasMore})
		}
		cells[i] = textutil.SafeLine(widgets.CellTextWith(prop, v, titleFunc(titles)))
		if r := cellRefs(v); r != nil {
			refs = append(refs, colRef{i, r})
		}
	}
	row := packRow(p.ID, cells, nil)
	row.refs = refs
	row.rels = rels
	return row
}

// packRow builds a row from its ID and cells in one string of the exact
// size: a strings.Builder left to grow holds up to twice the text.
func packRow(id string, cells []string, keys []string) dbRow {
	n := len(id)
	for _, c := range cells {
		n += len(c)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(id)
	ends := make([]uint32, len(cells))
	for i, c := range cells {
		b.WriteString(c)
		ends[i] = uint32(b.Len())
	}
	text := b.String()
	return dbRow{id: text[:len(id)], text: text, ends: ends, keys: keys}
}

// pick returns the row with only the cells at idx (in that order): a
// column hidden or moved without reading the rows again.
func (r *dbRow) pick(idx []int) dbRow {
	cells := make([]string, len(idx))
	var refs colRefs
	for k, i := range idx {
		cells[k] = r.cell(i)
		if ref := r.refs.of(i); ref != nil {
			refs = append(refs, colRef{k, ref})
		}
	}
	var rels []relCell
	for _, rc := range r.rels {
		if k := slices.Index(idx, rc.col); k >= 0 {
			rc.col = k
			rels = append(rels, rc)
		}
	}
	slices.SortFunc(rels, func(a, b relCell) int { return a.col - b.col })
	row := packRow(r.id, cells, r.keys)
	row.refs = refs
	row.rels = rels
	return row
}

// titleFunc draws a related page by its known title: "…" while it is not
// read, "(no access)" when Notion does not show it; nil without titles.
func titleFunc(titles *notionapi.Titles) func(string) string {
	if titles == nil {
		return nil
	}
	return func(id string) string {
		pt, ok := titles.Lookup(id)
		switch {
		case !ok:
			return "…"
		case pt.Unreadable:
			return "(no access)"
		}
		return pt.Text()
	}
}

// retitled is the row with its relation cells drawn again from titles.
func (r dbRow) retitled(titles *notionapi.Titles) dbRow {
	if len(r.rels) == 0 {
		return r
	}
	title := titleFunc(titles)
	cells := make([]string, len(r.ends))
	k := 0
	for i := range r.ends {
		if k < len(r.rels) && r.rels[k].col == i {
			cells[i] = textutil.SafeLine(widgets.RelationText(r.rels[k].refs, r.rels[k].more, title))
			k++
		} else {
			cells[i] = r.cell(i)
		}
	}
	row := packRow(r.id, cells, r.keys)
	row.refs, row.rels = r.refs, r.rels
	return row
}

// url is the row's page link: www.notion.so and the page's ID, which
// Notion takes for any page.
func (r *dbRow) url() string { return "https://www.notion.so/" + notionapi.CompactID(r.id) }

// rowBatch is rows read by a stream, or its end.
type rowBatch struct {
	rows []dbRow
	// done is set on the last batch; err says why it ended early, and
	// capped that a sorted query stopped at the API's 10,000-row limit.
	done   bool
	err    error
	capped bool
	// path says how the rows are read, when the stream decided it (a
	// view's rows: one sorted query, or every row in windows sorted
	// here); reading counts rows read but held back to be sorted.
	path    string
	reading int
	// reset drops the rows handed over before: the read starts again.
	reset bool
	// names are people's names met in the rows (a board's columns).
	names map[string]string
	// raw, on the last batch, is every row's JSON when it was kept whole;
	// else rawWhy says why not (rawrows.go).
	raw    *rawRows
	rawWhy string
}

// rowStream reads a query's rows in a goroutine, started by the first
// command that waits for rows, and hands them over in batches, one API
// page at a time at least.
type rowStream struct {
	ch    chan rowBatch
	once  sync.Once
	start func()
	// pending is a batch taken from ch but kept for the next message
	// (one next runs at a time).
	pending *rowBatch
}

// maxBatchRows bounds the rows delivered in one message.
const maxBatchRows = 5000

// rowReader is what a stream's goroutine needs to turn pages into rows.
type rowReader struct {
	client *notionapi.Client
	titles *notionapi.Titles
	ds     *notionapi.DataSource
	cols   notionapi.Schema
	group  *board.Grouper
	send   func(rowBatch) bool
	// raw keeps the rows' JSON while they can all be kept; else why says
	// why not.
	raw *rawRows
	why string
	// learned counts the rows whose titles were taught to the session's
	// titles (see learnRows).
	learned atomic.Int64
}

// learnRows is how many rows of a read teach their titles to the session
// (for a relation into the table, a link, the jump box): past it a title
// is read when it is needed, in bulk from its table (Titles.ReadFrom), so
// that a table of 100,000 rows does not keep a second copy of every title
// and URL (30 MB) beside its own rows.
const learnRows = 5000

// keep keeps a row's JSON, or lets every row's go past the budget.
func (r *rowReader) keep(raw []byte) {
	if r.raw != nil && !r.raw.add(raw) {
		r.dropRaw(whyTooLarge)
	}
}

// dropRaw stops keeping the rows' JSON, for why.
func (r *rowReader) dropRaw(why string) {
	if r.raw != nil {
		r.raw.release()
		r.raw = nil
	}
	if r.why == "" {
		r.why = why
	}
}

// readAhead bounds the rows a read holds ahead of the table: half the
// library's default, which keeps the app with 100,000 rows under 80 MB
// (71 to 74 MB at the peak; with the default, 76 to 85 MB). It only
// binds where several windows are read at once, above Notion's average
// budget of 3 requests a second.
const readAhead = 3000

// pages reads every row (ReadAll), keeping each one's JSON while r.raw
// is set.
func (r *rowReader) pages(ctx context.Context, p notionapi.QueryParams, opt notionapi.ReadAllOptions) iter.Seq2[*notionapi.Page, error] {
	opt.MaxBuffered = readAhead
	if r.raw == nil {
		return func(yield func(*notionapi.Page, error) bool) {
			for pg, err := range r.client.ReadAll(ctx, r.ds.ID, p, opt) {
				if !yield(&pg, err) {
					return
				}
			}
		}
	}
	return func(yield func(*notionapi.Page, error) bool) {
		for rr, err := range r.client.ReadAllRaw(ctx, r.ds.ID, p, opt) {
			if err != nil {
				yield(nil, err)
				return
			}
			var pg notionapi.Page
			if err := r.decodeKept(rr.JSON, &pg); err != nil {
				yield(nil, err)
				return
			}
			if !yield(&pg, nil) {
				return
			}
		}
	}
}

// query reads one page of a sorted query, keeping each row's JSON while
// r.raw is set; next is the cursor of the page after ("" at the end).
func (r *rowReader) query(ctx context.Context, p notionapi.QueryParams) (pages []notionapi.Page, next string, incomplete bool, err error) {
	if r.raw == nil {
		l, err := r.client.Query(ctx, r.ds.ID, p)
		if err != nil {
			return nil, "", false, err
		}
		return l.Results, l.Cursor(), l.Incomplete(), nil
	}
	l, err := r.client.QueryRaw(ctx, r.ds.ID, p)
	if err != nil {
		return nil, "", false, err
	}
	pages = make([]notionapi.Page, len(l.Results))
	for i, raw := range l.Results {
		if err := r.decodeKept(raw, &pages[i]); err != nil {
			return nil, "", false, err
		}
	}
	return pages, l.Cursor(), l.Incomplete(), nil
}

// decodeKept decodes a row read raw into pg, and keeps its JSON while
// r.raw is set.
func (r *rowReader) decodeKept(raw []byte, pg *notionapi.Page) error {
	page, err := notionapi.DecodePage(raw)
	if err != nil {
		return fmt.Errorf("decoding a row: %w", err)
	}
	*pg = page
	r.keep(raw)
	return nil
}

// row renders a page, with its board columns when the view is a board.
func (r *rowReader) row(p *notionapi.Page, names map[string]string) dbRow {
	if r.learned.Add(1) <= learnRows {
		learn(r.titles, p)
	}
	row := newDBRow(p, r.cols, r.titles)
	if r.group != nil {
		v := p.Properties[r.group.Property().Name]
		row.keys = r.group.Keys(v)
		board.PersonNames(v, names)
	}
	return row
}

// newRowStream prepares a read. Without sorts every row is read (ReadAll,
// past the 10,000 cap, oldest first); with sorts pages follow the cursor
// up to the cap. The rows of a view are read every one: when the view
// holds more than one sorted query returns (a view query counts them
// first), every row is read in windows and sorted here. Each row's title
// is learnt by titles (a relation into this table then shows it). The
// goroutine ends when ctx is cancelled.
func newRowStream(ctx context.Context, client *notionapi.Client, titles *notionapi.Titles, ds *notionapi.DataSource, q query, cols notionapi.Schema) *rowStream {
	s := &rowStream{ch: make(chan rowBatch, 4)}
	p := q.rowParams()
	sorted := len(q.Sorts) > 0
	s.start = func() {
		go func() {
			defer close(s.ch)
			r := &rowReader{client: client, titles: titles, ds: ds, cols: cols, group: q.group}
			if len(q.fields) == 0 {
				r.raw = newRawRows(rawBudget)
			} else {
				r.why = whyColumns
			}
			r.send = func(b rowBatch) bool {
				if b.done {
					if r.raw != nil {
						r.raw.seal()
					}
					b.raw, b.rawWhy = r.raw, r.why
				}
				select {
				case s.ch <- b:
					return true
				case <-ctx.Done():
					return false
				}
			}
			switch {
			case sorted && q.view != nil:
				r.readView(ctx, q.view, p)
			case sorted && q.whole:
				r.readSorted(ctx, p, func() bool {
					r.send(rowBatch{path: fmt.Sprintf("more than %s rows: every row by the windowed read, sorted here", widgets.FormatCount(notionapi.ResultCap)), reset: true})
					r.readAllSorted(ctx, p)
					return true
				})
			case sorted:
				r.readSorted(ctx, p, nil)
			default:
				r.readAll(ctx, p)
			}
		}()
	}
	return s
}

func (r *rowReader) readAll(ctx context.Context, p notionapi.QueryParams) {
	var batch []dbRow
	names := map[string]string{}
	flushed := true
	opt := notionapi.ReadAllOptions{OnProgress: func(int) {
		// Called after each page's rows: hand them over.
		flushed = r.send(rowBatch{rows: batch, names: names})
		batch, names = nil, map[string]string{}
	}}
	for pg, err := range r.pages(ctx, p, opt) {
		if !flushed {
			return
		}
		if err != nil {
			r.send(rowBatch{rows: batch, done: true, err: err, names: names})
			return
		}
		batch = append(batch, r.row(pg, names))
	}
	r.send(rowBatch{rows: batch, done: true, names: names})
}

// readSorted follows a sorted query's cursor up to the cap. With a plan,
// a query that Notion stops at its cap (rows were added since the view
// was counted) goes on as a read of every row sorted here.
func (r *rowReader) readSorted(ctx context.Context, p notionapi.QueryParams, onCap func() bool) {
	for {
		results, next, incomplete, err := r.query(ctx, p)
		if err != nil {
			r.send(rowBatch{done: true, err: err})
			return
		}
		names := map[string]string{}
		rows := make([]dbRow, len(results))
		for i := range results {
			rows[i] = r.row(&results[i], names)
		}
		p.StartCursor = next
		last := p.StartCursor == ""
		capped := last && incomplete
		if capped && onCap != nil {
			if !r.send(rowBatch{rows: rows, names: names}) {
				return
			}
			if onCap() {
				return
			}
		}
		if !r.send(rowBatch{rows: rows, done: last, capped: capped, names: names}) || last {
			return
		}
	}
}

// readView reads the rows of a view with its filter and sorts: one sorted
// query when a view query says they fit, else every row in windows,
// sorted here.
func (r *rowReader) readView(ctx context.Context, view *notionapi.View, p notionapi.QueryParams) {
	plan, err := r.client.PlanView(ctx, view, r.ds, notionapi.ViewPlanOptions{})
	if err != nil {
		r.send(rowBatch{done: true, err: err})
		return
	}
	if plan.SortsLocally() {
		if r.send(rowBatch{path: plan.Describe()}) {
			r.readAllSorted(ctx, p)
		}
		return
	}
	if !r.send(rowBatch{path: plan.Describe()}) {
		return
	}
	r.readSorted(ctx, p, func() bool {
		// Rows were added since the count: start again, every row.
		r.send(rowBatch{path: fmt.Sprintf("view %q: more than %s rows by the windowed read, sorted here (the sorted query stopped at its cap)", view.Name, widgets.FormatCount(notionapi.ResultCap)), reset: true})
		r.readAllSorted(ctx, p)
		return true
	})
}

// readAllSorted reads every row in windows, past the cap, and sorts them
// here (notionapi.RowSorter): rows are counted as they arrive and handed
// over sorted at the end.
func (r *rowReader) readAllSorted(ctx context.Context, p notionapi.QueryParams) {
	r.dropRaw(whySorted)
	sorter, err := notionapi.NewRowSorter(r.ds.Properties, p.Sorts)
	if err != nil {
		r.send(rowBatch{done: true, err: err})
		return
	}
	var rows []dbRow
	var keys []notionapi.RowKey
	names := map[string]string{}
	flushed := true
	opt := notionapi.ReadAllOptions{OnProgress: func(n int) { flushed = r.send(rowBatch{reading: n}) }}
	for pg, err := range r.pages(ctx, p, opt) {
		if !flushed {
			return
		}
		if err != nil {
			r.send(rowBatch{done: true, err: err})
			return
		}
		rows = append(rows, r.row(pg, names))
		keys = append(keys, sorter.Key(pg))
	}
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return sorter.Compare(keys[a], keys[b]) })
	sorted := make([]dbRow, len(rows))
	for i, k := range order {
		sorted[i] = rows[k]
	}
	r.send(rowBatch{rows: sorted, done: true, names: names})
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
		var b rowBatch
		if s.pending != nil {
			b, s.pending = *s.pending, nil
		} else {
			var ok bool
			if b, ok = <-s.ch; !ok {
				return rowsMsg{view: view, gen: gen, rowBatch: rowBatch{done: true, err: context.Canceled}}
			}
		}
	drain:
		for !b.done && len(b.rows) < maxBatchRows {
			select {
			case more, ok := <-s.ch:
				if !ok {
					b.done, b.err = true, context.Canceled
					break drain
				}
				if more.reset || more.path != "" && b.path != "" {
					// A new path: keep it apart from what came before.
					s.pending = &more
					break drain
				}
				b.rows = append(b.rows, more.rows...)
				b.done, b.err, b.capped = more.done, more.err, more.capped
				b.raw, b.rawWhy = more.raw, more.rawWhy
				b.path = cmp.Or(more.path, b.path)
				b.reading = max(b.reading, more.reading)
				if len(more.names) > 0 {
					if b.names == nil {
						b.names = map[string]string{}
					}
					maps.Copy(b.names, more.names)
				}
			default:
				break drain
			}
		}
		return rowsMsg{view: view, gen: gen, rowBatch: b}
	}
}

// learn keeps a row's title for the session: a relation into this table,
// a link or the jump box then shows it without a request.
func learn(titles *notionapi.Titles, p *notionapi.Page) {
	if titles != nil {
		titles.LearnTitle(notionapi.TitleOf(p))
	}
}

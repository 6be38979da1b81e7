package dbview

import (
	"bytes"
	"cmp"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// rawRows keeps the JSON of a query's rows as the API sent them, in the
// table's order, so that exporting a complete, unchanged table writes
// them without reading every row again (12,000 rows are 40 s at Notion's
// 3 requests/s).
//
// A page's JSON is mostly the same keys over and over, so rows are kept
// in flate-compressed blocks: the demo's 12,000-row Event Log is 18.4 MB
// of JSON and 1.5 MB kept (12x), Reading List and Tasks 10x. What is kept
// is bounded by a byte budget: past it everything kept is let go and the
// export reads the rows again. A session keeps one table's rows (the
// last read whole), so the budget is paid once. The table's own rows of
// 100,000 pages are 25 to 35 MB of live heap (memlimit); the budget holds
// about 60,000 rows like the Event Log's, so a 100,000-row read lets
// them go when the table is two thirds of its size, and the peak stays
// the table's own at the end.
type rawRows struct {
	mu sync.Mutex
	// blocks are sealed: each is compressed uvarint-prefixed rows.
	blocks [][]byte
	size   int // compressed bytes in blocks
	n      int // rows added
	budget int
	// dropped says the rows are not all kept: over the budget, or let
	// go for another table.
	dropped bool

	open []byte // the block being filled, uncompressed
	zw   *flate.Writer
	zbuf bytes.Buffer
}

const (
	// rawBudget is the compressed bytes a read may keep.
	rawBudget = 8 << 20
	// rawBlock is the uncompressed size of a block.
	rawBlock = 256 << 10
)

func newRawRows(budget int) *rawRows { return &rawRows{budget: budget} }

// add keeps one row's JSON; it reports false once the rows are no longer
// all kept. Only the goroutine reading the rows adds.
func (r *rawRows) add(raw []byte) bool {
	if r.dropped {
		return false
	}
	r.open = binary.AppendUvarint(r.open, uint64(len(raw)))
	r.open = append(r.open, raw...)
	r.n++
	if len(r.open) >= rawBlock {
		r.flush()
	}
	return !r.dropped
}

// flush compresses the open block into a block of its exact size.
func (r *rawRows) flush() {
	if len(r.open) == 0 || r.dropped {
		return
	}
	if r.zw == nil {
		r.zw, _ = flate.NewWriter(&r.zbuf, flate.BestSpeed) // the level is valid
	}
	r.zbuf.Reset()
	r.zw.Reset(&r.zbuf)
	r.zw.Write(r.open) // a bytes.Buffer does not fail
	r.zw.Close()
	block := bytes.Clone(r.zbuf.Bytes())
	r.open = r.open[:0]
	r.mu.Lock()
	defer r.mu.Unlock()
	r.blocks = append(r.blocks, block)
	r.size += len(block)
	if r.size+cap(r.open) > r.budget {
		r.dropLocked()
	}
}

// seal compresses what is left and frees the writer: the rows are then
// only read.
func (r *rawRows) seal() {
	r.flush()
	r.open, r.zw = nil, nil
	r.zbuf = bytes.Buffer{}
}

// release lets the rows go: an export then reads them again.
func (r *rawRows) release() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.dropLocked()
}

func (r *rawRows) dropLocked() {
	r.dropped, r.blocks, r.size = true, nil, 0
	r.open = nil
}

// kept returns the sealed blocks and the number of rows, or false when
// the rows are not all kept. The blocks are never changed: an export
// reads them while the rows are let go.
func (r *rawRows) kept() ([][]byte, int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.dropped {
		return nil, 0, false
	}
	return r.blocks, r.n, true
}

// bytes is the compressed size kept.
func (r *rawRows) bytes() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.size
}

// eachRaw calls f with each row's JSON, in order; the slice is valid only
// during the call.
func eachRaw(blocks [][]byte, f func([]byte) error) error {
	var buf bytes.Buffer
	zr := flate.NewReader(nil)
	for _, b := range blocks {
		if err := zr.(flate.Resetter).Reset(bytes.NewReader(b), nil); err != nil {
			return err
		}
		buf.Reset()
		if _, err := io.Copy(&buf, zr); err != nil {
			return fmt.Errorf("reading the rows kept: %w", err)
		}
		data := buf.Bytes()
		for len(data) > 0 {
			n, k := binary.Uvarint(data)
			if k <= 0 || uint64(len(data)-k) < n {
				return errors.New("reading the rows kept: a broken block")
			}
			if err := f(data[k : k+int(n)]); err != nil {
				return err
			}
			data = data[k+int(n):]
		}
	}
	return nil
}

// rowsSnapshot says whether the table's rows can be exported as they
// were read: raw holds every row's JSON when they can, else why says why
// an export reads them again.
type rowsSnapshot struct {
	raw *rawRows
	why string
	at  time.Time // when the rows were read
}

// Why an export reads the rows again (after "Reads again: ", within 60
// columns).
const (
	whyLoading  = "the table is still loading"
	whyFailed   = "the table's last read failed"
	whyCapped   = "the table stopped at 10,000 rows"
	whyColumns  = "the table read only the columns shown"
	whySorted   = "the table was sorted here, not by Notion"
	whyTooLarge = "the table is too large to keep whole"
	whyLetGo    = "its rows were let go for a later read"
	whyChanged  = "a row was changed here since it was read"
)

// keptRaw is the rows a session keeps whole: one read's, the last, so
// that the budget is paid once.
var keptRaw = ui.NewEntry[*rawRows]("rows kept whole")

// keepSnapshot records, once the rows are all read, whether they can be
// exported as read. A row changed here while they were read keeps them
// from it.
func (v *dbView) keepSnapshot(raw *rawRows, why string, capped bool) {
	s := &rowsSnapshot{why: why, at: v.loadedAt}
	switch {
	case v.changedWhileLoading:
		s.why = whyChanged
	case capped:
		s.why = whyCapped
	case raw != nil:
		if _, n, ok := raw.kept(); !ok {
			s.why = cmp.Or(why, whyTooLarge)
		} else if n != len(v.rows) {
			s.why = whyChanged
		} else {
			s.raw, s.why = raw, ""
		}
	}
	if s.why == "" && s.raw == nil {
		s.why = whyTooLarge
	}
	if s.raw == nil && raw != nil {
		raw.release()
	}
	if s.raw != nil {
		if prev, ok := keptRaw.Get(v.c.Cache); ok && prev != raw {
			prev.release()
		}
		keptRaw.Put(v.c.Cache, raw)
	}
	v.snap = s
}

// snapshotStale is called when a row is added or changed here: the rows
// kept are no longer the table's, and are let go.
func (v *dbView) snapshotStale() {
	if v.loading {
		v.changedWhileLoading = true
	}
	if v.snap != nil && v.snap.raw == nil && v.snap.why == whyChanged {
		return
	}
	at := v.loadedAt
	if v.snap != nil {
		at = v.snap.at
		if raw := v.snap.raw; raw != nil {
			raw.release()
			if kept, ok := keptRaw.Get(v.c.Cache); ok && kept == raw {
				keptRaw.Drop(v.c.Cache)
			}
		}
	}
	v.snap = &rowsSnapshot{why: whyChanged, at: at}
	if cr, ok := loadedRows.Get(v.c.Cache, v.ds.ID); ok && !v.loading {
		cr.snap = v.snap
	}
}

// exportFrom is where an export takes its rows: the JSON kept of the
// rows loaded (memory), or a new read, for why.
type exportFrom struct {
	memory bool
	blocks [][]byte
	ids    []string // the table's rows, which the rows kept must be
	at     time.Time
	why    string
}

// exportSource says whether an export can write the rows loaded: the
// read is complete, every row's JSON was kept, and nothing changed here
// since.
func (v *dbView) exportSource() exportFrom {
	switch {
	case v.loading || v.loadingSchema || v.snap == nil && v.err == nil:
		return exportFrom{why: whyLoading}
	case v.err != nil:
		return exportFrom{why: whyFailed}
	case v.snap.raw == nil:
		return exportFrom{why: v.snap.why, at: v.snap.at}
	}
	blocks, n, ok := v.snap.raw.kept()
	switch {
	case !ok:
		return exportFrom{why: whyLetGo, at: v.snap.at}
	case n != len(v.rows):
		return exportFrom{why: whyChanged, at: v.snap.at}
	}
	ids := make([]string, len(v.rows))
	for i := range v.rows {
		ids[i] = v.rows[i].id
	}
	return exportFrom{memory: true, blocks: blocks, ids: ids, at: v.snap.at}
}

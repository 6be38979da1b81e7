package notionapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"iter"
)

// PaginationError ends an iteration whose server never ends its
// pagination: it sent back a cursor it had already sent, or several pages
// in a row brought no row that had not been seen. The rows yielded before
// it are real and were yielded once each.
type PaginationError struct {
	// Op is the request being paged through, such as "POST /v1/search".
	Op string
	// Pages counts the pages read, the last one included; Rows the
	// distinct rows yielded.
	Pages, Rows int
	// Cursor is the cursor of the last page.
	Cursor string
	// RepeatedCursor is true when Cursor had been sent before; false
	// when pages stopped bringing new rows.
	RepeatedCursor bool
}

func (e *PaginationError) Error() string {
	op := e.Op
	if op == "" {
		op = "listing"
	}
	why := fmt.Sprintf("%d pages in a row brought no new row", maxBarrenPages)
	if e.RepeatedCursor {
		why = fmt.Sprintf("page %d returned the cursor %q of an earlier page", e.Pages, e.Cursor)
	}
	return fmt.Sprintf("notion: %s: the server's pagination never ends (%s); stopped after %d pages and %d rows, each yielded once", op, why, e.Pages, e.Rows)
}

// maxBarrenPages is how many pages in a row may bring no new row before an
// iteration stops. Notion may answer a page with fewer rows than asked
// for, even none (responses "may hold fewer than page_size"), so one
// empty page is not proof of a loop; three in a row, each with a new
// cursor and nothing new, are treated as one.
const maxBarrenPages = 3

// chainGuard watches one cursor chain for a server that never ends it: a
// cursor sent twice, pages that bring nothing new. It also drops rows
// already yielded, so that each row is yielded once. A zero chainGuard is
// not ready; use newChainGuard.
type chainGuard struct {
	op      string
	cursors map[string]bool
	seen    map[string]bool
	pages   int
	rows    int
	barren  int
}

func newChainGuard(op string) *chainGuard {
	return &chainGuard{op: op, cursors: map[string]bool{}, seen: map[string]bool{}}
}

// fresh reports whether a row with this ID has not been yielded yet, and
// marks it yielded. Rows without an ID are always fresh.
func (g *chainGuard) fresh(id string) bool {
	if id == "" {
		g.rows++
		return true
	}
	if g.seen[id] {
		return false
	}
	g.seen[id] = true
	g.rows++
	return true
}

// next records a page that brought newRows fresh rows and points to
// cursor ("" at the end), and says whether the chain may go on.
func (g *chainGuard) next(cursor string, newRows int) error {
	g.pages++
	if cursor == "" {
		return nil
	}
	if g.cursors[cursor] {
		return &PaginationError{Op: g.op, Pages: g.pages, Rows: g.rows, Cursor: cursor, RepeatedCursor: true}
	}
	g.cursors[cursor] = true
	if newRows > 0 {
		g.barren = 0
		return nil
	}
	if g.barren++; g.barren >= maxBarrenPages {
		return &PaginationError{Op: g.op, Pages: g.pages, Rows: g.rows, Cursor: cursor}
	}
	return nil
}

// guardPage returns the rows of l not yielded before, and an error when
// the chain must stop after them.
func guardPage[T any](g *chainGuard, l *List[T]) ([]T, error) {
	rows := l.Results
	for i := range l.Results {
		if !g.fresh(rowID(&l.Results[i])) {
			// Copy the fresh rows only when a page repeats some.
			rows = make([]T, 0, len(l.Results))
			for j := range l.Results {
				if j < i || j > i && g.fresh(rowID(&l.Results[j])) {
					rows = append(rows, l.Results[j])
				}
			}
			break
		}
	}
	return rows, g.next(l.Cursor(), len(rows))
}

// rowID returns the ID of a listed object, or "" for a kind without one.
func rowID(x any) string {
	switch v := x.(type) {
	case *Page:
		return v.ID
	case *User:
		return v.ID
	case *Block:
		return v.ID
	case *Comment:
		return v.ID
	case *SearchResult:
		return v.ID()
	case *DataSource:
		return v.ID
	case *Database:
		return v.ID
	case *RawRow:
		return v.ID
	case *json.RawMessage:
		if id, ok := idOf(*v); ok {
			return id
		}
		var head struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(*v, &head)
		return head.ID
	}
	return ""
}

// paginate turns a page fetcher into an iterator that stops at the first
// error, and with a *PaginationError when the server never ends the
// chain. Each row is yielded once.
func paginate[T any](fetch func(cursor string) (*List[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		g := newChainGuard("")
		cursor := ""
		for {
			l, err := fetch(cursor)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			rows, err := guardPage(g, l)
			for _, x := range rows {
				if !yield(x, nil) {
					return
				}
			}
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			cursor = l.Cursor()
			if cursor == "" {
				return
			}
		}
	}
}

// paginateOp is paginate whose *PaginationError names op, the request
// paged through ("POST /v1/search").
func paginateOp[T any](op string, fetch func(cursor string) (*List[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for x, err := range paginate(fetch) {
			var pe *PaginationError
			if errors.As(err, &pe) && pe.Op == "" {
				pe.Op = op
			}
			if !yield(x, err) {
				return
			}
		}
	}
}

// paginateCapped is paginateOp that ends with an *IncompleteError (which
// matches ErrResultLimit for the result cap) when the server reports an
// incomplete result.
func paginateCapped[T any](op string, fetch func(cursor string) (*List[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var last *List[T]
		rows := 0
		for x, err := range paginateOp(op, func(cursor string) (*List[T], error) {
			l, err := fetch(cursor)
			last = l
			return l, err
		}) {
			if !yield(x, err) || err != nil {
				return
			}
			rows++
		}
		if last.Incomplete() {
			var zero T
			yield(zero, &IncompleteError{Op: op, Reason: last.RequestStatus.IncompleteReason, Rows: rows})
		}
	}
}

package pageedit

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"sync"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Status is how one edit of a run ended.
type Status int

const (
	// Updated: Notion saved it; Result.Page is the page as saved.
	Updated Status = iota
	// Unchanged: the page already held the values; nothing was sent.
	Unchanged
	// Conflicted: someone else changed a property it sets since the page
	// was read; nothing was sent (Result.Conflicts).
	Conflicted
	// LeftSelection: the page no longer matches the filter that selected
	// it; nothing was sent.
	LeftSelection
	// Failed: Notion refused it, or the update was not saved (Result.Err).
	Failed
	// Unconfirmed: it was sent, and whether it was saved is unknown: the
	// answer was lost and the page could not be read, or the run was
	// interrupted while it was under way (Result.Err).
	Unconfirmed
	// NotSent: the run stopped before it was sent (Result.Err says why).
	NotSent
)

func (s Status) String() string {
	return [...]string{"updated", "unchanged", "changed since read", "left the selection", "failed", "unconfirmed", "not sent"}[s]
}

// Done reports whether the page ends as the edit asked: updated, or
// already so.
func (s Status) Done() bool { return s == Updated || s == Unchanged }

// Result is the outcome of one edit.
type Result struct {
	// Index is the edit's place in the run.
	Index int
	Edit  Edit
	Status
	// Page is the page as saved, or as read back or rechecked; nil when
	// unknown.
	Page      *notionapi.Page
	Err       error
	Conflicts []Conflict
	// Lost is the failure of an update whose answer was lost but whose
	// page, read back, holds the change (Status Updated).
	Lost error
}

// Selection says where a run's rows come from, so that Run can read again
// the rows edited since they were selected.
type Selection struct {
	// Table is the data source (a database before 2025-09-03) that holds
	// the rows.
	Table string
	// Filter selected the rows; nil when they were picked one by one.
	Filter json.RawMessage
	// At is when the rows were read.
	At time.Time
}

// Options tune a run.
type Options struct {
	// Workers is how many updates are under way at once (0: enough to
	// keep the client's pace busy: its rate, from 1 to 8).
	Workers int
	// Batch is how many edits go between two rechecks (0: about ten
	// seconds of the client's pace, 10 to 100).
	Batch int
	// Selection, when set, has the rows edited since they were selected
	// read again before each batch: an edit whose properties someone else
	// changed is not sent (Conflicted), nor one whose page left the
	// selection's filter (LeftSelection).
	Selection *Selection
	// OnResult receives each result, in the order of the edits.
	OnResult func(Result)
	// OnProgress is told how many edits are done, after each.
	OnProgress func(done, total int)
	// Now is the clock (tests); nil is time.Now.
	Now func() time.Time
	// Check, when set, replaces Edit.Conflicts in the rechecks: for
	// callers that know what the user saw of a row rather than its values.
	Check func(e Edit, now *notionapi.Page) []Conflict
}

func (o *Options) fill(c *notionapi.Client) {
	r := c.Rate()
	if o.Workers <= 0 {
		o.Workers = 8
		if !math.IsInf(r, 1) {
			o.Workers = min(8, max(1, int(math.Ceil(r))))
		}
	}
	if o.Batch <= 0 {
		o.Batch = 100
		if !math.IsInf(r, 1) {
			o.Batch = min(100, max(10, int(r*10)))
		}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.OnResult == nil {
		o.OnResult = func(Result) {}
	}
	if o.OnProgress == nil {
		o.OnProgress = func(int, int) {}
	}
	if o.Check == nil {
		o.Check = Edit.Conflicts
	}
}

// Run sends the edits through c, paced by c, and reports each outcome in
// order; it returns the counts of each status. An edit that the page
// already holds is not sent. When ctx ends, edits not yet sent end
// NotSent and those under way Unconfirmed. When a recheck fails, the
// edits left end NotSent with its error, which Run returns too.
func Run(ctx context.Context, c *notionapi.Client, edits []Edit, opt Options) (map[Status]int, error) {
	opt.fill(c)
	counts := map[Status]int{}
	done := 0
	emit := func(r Result) {
		counts[r.Status]++
		done++
		opt.OnResult(r)
		opt.OnProgress(done, len(edits))
	}
	var checkedAt time.Time
	if opt.Selection != nil {
		checkedAt = opt.Selection.At
	}
	for start := 0; start < len(edits); start += opt.Batch {
		batch := edits[start:min(start+opt.Batch, len(edits))]
		settled := map[int]Result{} // decided before sending
		if opt.Selection != nil && ctx.Err() == nil {
			now := opt.Now()
			found, err := opt.Selection.recheck(ctx, c, checkedAt, batch, start, opt.Check)
			if err != nil {
				if ctx.Err() != nil {
					err = ctx.Err()
				}
				for i := start; i < len(edits); i++ {
					emit(Result{Index: i, Edit: edits[i], Status: NotSent, Err: err})
				}
				return counts, err
			}
			settled, checkedAt = found, now
		}
		for i, e := range batch {
			if _, ok := settled[start+i]; !ok && e.HeldWhenRead() {
				settled[start+i] = Result{Index: start + i, Edit: e, Status: Unchanged}
			}
		}
		runBatch(ctx, c, batch, start, settled, opt.Workers, emit)
	}
	return counts, nil
}

// runBatch sends a batch with workers and emits results in order.
func runBatch(ctx context.Context, c *notionapi.Client, batch []Edit, offset int, settled map[int]Result, workers int, emit func(Result)) {
	jobs := make(chan int)
	out := make(chan Result)
	var wg sync.WaitGroup
	for range min(workers, len(batch)) {
		wg.Go(func() {
			for i := range jobs {
				out <- send(ctx, c, batch[i-offset], i)
			}
		})
	}
	go func() {
		defer close(jobs)
		for i := range batch {
			idx := offset + i
			if _, ok := settled[idx]; ok {
				continue
			}
			if ctx.Err() != nil {
				return
			}
			select {
			case jobs <- idx:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()

	ready := map[int]Result{}
	for idx, r := range settled {
		ready[idx] = r
	}
	next := offset
	flush := func() {
		for {
			r, ok := ready[next]
			if !ok {
				return
			}
			delete(ready, next)
			emit(r)
			next++
		}
	}
	flush()
	for r := range out {
		ready[r.Index] = r
		flush()
	}
	// Whatever was never handed to a worker: the run was cancelled.
	for ; next < offset+len(batch); next++ {
		if r, ok := ready[next]; ok {
			emit(r)
			continue
		}
		emit(Result{Index: next, Edit: batch[next-offset], Status: NotSent, Err: ctx.Err()})
	}
}

// send makes one edit and says how it ended.
func send(ctx context.Context, c *notionapi.Client, e Edit, idx int) Result {
	r := Result{Index: idx, Edit: e}
	pg, err := c.UpdatePage(ctx, e.PageID, e.Params())
	var u *notionapi.UnconfirmedUpdateError
	switch {
	case err == nil:
		r.Status, r.Page = Updated, pg
	case errors.As(err, &u) && u.State == notionapi.UpdateApplied:
		r.Status, r.Page, r.Lost = Updated, pg, u.Err
	case errors.As(err, &u) && u.State == notionapi.UpdateNotApplied:
		r.Status, r.Page, r.Err = Failed, pg, err
	case errors.As(err, &u):
		r.Status, r.Err = Unconfirmed, err
	case errors.As(err, new(*notionapi.NotSentError)):
		// Cancelled while it waited for its turn.
		r.Status, r.Err = NotSent, err
	case ctx.Err() != nil:
		// Cancelled while under way: it may have been saved.
		r.Status, r.Err = Unconfirmed, ctx.Err()
	default:
		r.Status, r.Err = Failed, err
	}
	return r
}

// recheckSlack widens a recheck's window: Notion keeps last_edited_time to
// the minute, and the clocks may differ a little.
const recheckSlack = time.Minute

// recheck reads the rows edited since `since` and settles the edits of
// the batch that must not be sent: changed by someone else, out of the
// selection, or already holding their values.
func (s *Selection) recheck(ctx context.Context, c *notionapi.Client, since time.Time, batch []Edit, offset int, check func(Edit, *notionapi.Page) []Conflict) (map[int]Result, error) {
	from := since.Add(-recheckSlack).Truncate(time.Minute).UTC().Format(time.RFC3339)
	bound := map[string]any{"timestamp": notionapi.LastEditedTime, notionapi.LastEditedTime: map[string]any{"on_or_after": from}}
	edited, err := readIDs(ctx, c, s.Table, bound)
	if err != nil {
		return nil, err
	}
	touched := false
	for _, e := range batch {
		if _, ok := edited[notionapi.CompactID(e.PageID)]; ok {
			touched = true
			break
		}
	}
	settled := map[int]Result{}
	if !touched {
		return settled, nil
	}
	var matching map[string]*notionapi.Page
	if s.Filter != nil {
		if f, ok := withBound(s.Filter, bound); ok {
			if matching, err = readIDs(ctx, c, s.Table, f); err != nil {
				return nil, err
			}
		}
	}
	for i, e := range batch {
		pg, ok := edited[notionapi.CompactID(e.PageID)]
		if !ok {
			continue
		}
		idx := offset + i
		switch _, still := matching[notionapi.CompactID(e.PageID)]; {
		case matching != nil && !still:
			settled[idx] = Result{Index: idx, Edit: e, Status: LeftSelection, Page: pg}
		case len(check(e, pg)) > 0:
			settled[idx] = Result{Index: idx, Edit: e, Status: Conflicted, Page: pg, Conflicts: check(e, pg)}
		case e.Holds(pg):
			settled[idx] = Result{Index: idx, Edit: e, Status: Unchanged, Page: pg}
		}
	}
	return settled, nil
}

// readIDs reads every row of table that filter selects, by compact ID.
func readIDs(ctx context.Context, c *notionapi.Client, table string, filter any) (map[string]*notionapi.Page, error) {
	out := map[string]*notionapi.Page{}
	for pg, err := range c.QueryAll(ctx, table, notionapi.QueryParams{Filter: filter}) {
		if err != nil {
			return nil, err
		}
		out[notionapi.CompactID(pg.ID)] = &pg
	}
	return out, nil
}

// withBound ands a filter with a timestamp condition, within Notion's two
// levels of nesting: appended to a top-level "and", to each branch of a
// top-level "or", or and-ed with a single condition. ok is false when
// that would nest too deep (an "or" holding an "or").
func withBound(filter json.RawMessage, bound any) (any, bool) {
	var top map[string]json.RawMessage
	if json.Unmarshal(filter, &top) != nil {
		return nil, false
	}
	items := func(raw json.RawMessage) ([]any, bool) {
		var xs []json.RawMessage
		if json.Unmarshal(raw, &xs) != nil {
			return nil, false
		}
		out := make([]any, len(xs))
		for i, x := range xs {
			out[i] = x
		}
		return out, true
	}
	switch {
	case len(top) == 1 && top["and"] != nil:
		xs, ok := items(top["and"])
		return map[string]any{"and": append(xs, bound)}, ok
	case len(top) == 1 && top["or"] != nil:
		var branches []json.RawMessage
		if json.Unmarshal(top["or"], &branches) != nil {
			return nil, false
		}
		out := make([]any, len(branches))
		for i, b := range branches {
			var inner map[string]json.RawMessage
			if json.Unmarshal(b, &inner) != nil {
				return nil, false
			}
			switch {
			case inner["or"] != nil:
				return nil, false
			case inner["and"] != nil:
				xs, ok := items(inner["and"])
				if !ok {
					return nil, false
				}
				out[i] = map[string]any{"and": append(xs, bound)}
			default:
				out[i] = map[string]any{"and": []any{b, bound}}
			}
		}
		return map[string]any{"or": out}, true
	}
	return map[string]any{"and": []any{filter, bound}}, true
}

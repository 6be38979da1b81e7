package edit

import (
	"context"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/pageedit"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// BulkRequest is a change of many pages at once: a property set on marked
// rows, or marked rows trashed.
type BulkRequest struct {
	Owner int64
	Edits []pageedit.Edit
	// Selection has the rows edited since they were loaded read again
	// before each batch; a row someone else changed meanwhile is left
	// alone (pageedit.Conflicted).
	Selection *pageedit.Selection
	Schema    notionapi.Schema
	// Check, when set, decides in the rechecks whether someone else
	// changed a row (see pageedit.Options.Check).
	Check func(e pageedit.Edit, now *notionapi.Page) []pageedit.Conflict
	// Label names the change: "Status on 12 rows".
	Label string
	Table string
}

// BulkMsg reports a bulk change: the results since the last message, in
// order, and how far it is. The last one has Finished set, and Err when
// the run stopped early (a recheck failed, or it was cancelled).
type BulkMsg struct {
	Op       *Op
	Results  []pageedit.Result
	Done     int
	Total    int
	Finished bool
	Err      error
	// Undo marks the bulk that undoes an earlier one.
	Undo bool
}

// bulkRun hands a bulk change's results from its goroutine to the
// screen: the goroutine never waits for the screen, so a run whose screen
// closed still ends (and can be undone).
type bulkRun struct {
	mu       sync.Mutex
	results  []pageedit.Result
	finished bool
	err      error
	wake     chan struct{}
}

func (r *bulkRun) add(res *pageedit.Result, finished bool, err error) {
	r.mu.Lock()
	if res != nil {
		r.results = append(r.results, *res)
	}
	if finished {
		r.finished, r.err = true, err
	}
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// BeginBulk starts a bulk change; its results arrive in BulkMsgs until
// the last. Cancel stops it: what is not sent yet is not sent.
func (m *Machine) BeginBulk(c *ui.Common, req BulkRequest) (*Op, tea.Cmd) {
	return m.bulk(c, req, false)
}

func (m *Machine) bulk(c *ui.Common, req BulkRequest, undo bool) (*Op, tea.Cmd) {
	op := &Op{ID: c.NextID(), Req: Request{Owner: req.Owner, Schema: req.Schema, Label: req.Label, Table: req.Table, undo: undo}}
	ctx, cancel := context.WithCancel(c.Ctx)
	m.mu.Lock()
	m.bulks[op.ID] = cancel
	m.mu.Unlock()
	client := c.Client()
	run := &bulkRun{wake: make(chan struct{}, 1)}
	total := len(req.Edits)
	go func() {
		defer cancel()
		var undos []pageedit.Edit
		counts, err := pageedit.Run(ctx, client, req.Edits, pageedit.Options{
			Selection: req.Selection,
			Check:     req.Check,
			OnResult: func(r pageedit.Result) {
				m.saw(r.Page)
				if r.Status == pageedit.Updated && !undo {
					if u, ok := r.Edit.Undo(r.Page); ok {
						undos = append(undos, u)
					}
				}
				run.add(&r, false, nil)
			},
		})
		if len(undos) > 0 {
			m.push(Entry{Label: req.Label, Edits: undos, Schema: req.Schema, Table: req.Table, At: time.Now()})
		}
		if err == nil && ctx.Err() != nil && counts[pageedit.NotSent] > 0 {
			err = context.Canceled
		}
		m.mu.Lock()
		delete(m.bulks, op.ID)
		m.mu.Unlock()
		run.add(nil, true, err)
	}()
	return op, run.next(op, total, undo, 0)
}

// next waits for results and takes every one already there.
func (r *bulkRun) next(op *Op, total int, undo bool, done int) tea.Cmd {
	return func() tea.Msg {
		for {
			r.mu.Lock()
			results, finished, err := r.results, r.finished, r.err
			r.results = nil
			r.mu.Unlock()
			if len(results) > 0 || finished {
				done += len(results)
				msg := BulkMsg{Op: op, Results: results, Done: done, Total: total, Finished: finished, Err: err, Undo: undo}
				if finished {
					return msg
				}
				return bulkMore{BulkMsg: msg, next: r.next(op, total, undo, done)}
			}
			<-r.wake
		}
	}
}

// bulkMore is a BulkMsg with the command that waits for the rest; Next
// unwraps it.
type bulkMore struct {
	BulkMsg
	next tea.Cmd
}

// Next takes a bulk change's message: the message itself, and the command
// that waits for the next one (nil after the last). Only the owner
// (Op.Req.Owner) may run that command; ok is false for other messages.
func Next(msg tea.Msg) (BulkMsg, tea.Cmd, bool) {
	switch m := msg.(type) {
	case bulkMore:
		return m.BulkMsg, m.next, true
	case BulkMsg:
		return m, nil, true
	}
	return BulkMsg{}, nil, false
}

// Cancel stops a bulk change: edits not sent yet are not sent.
func (m *Machine) Cancel(op *Op) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if cancel, ok := m.bulks[op.ID]; ok {
		cancel()
	}
}

// Package edit changes pages in place for the app's screens: the table's
// cells, a preview's properties and, through the same calls, a board's
// cards. It keeps one promise in three parts:
//
//   - Before an edit is sent, the page is read as it is now (one GET):
//     Notion has no conditional update, so a property someone else changed
//     since the screen loaded it is shown with both values and the user
//     chooses (ConflictMsg). Then one PATCH: an edit costs two requests.
//   - The screen shows the new value at once, marked as being saved; the
//     answer confirms it or rolls it back with the reason (DoneMsg, sent to
//     every screen, so that all of them show the page as it is). A
//     validation error names the property it is about. An update whose
//     answer was lost is read back by notionapi, never sent twice.
//   - Every change and trash of the session can be undone, several levels
//     deep (Undo), through the same check: an undo never overwrites what
//     someone changed after the edit.
//
// Many rows at once (BeginBulk) run through pageedit at the client's pace,
// with progress, per-row failures that stop nothing, cancellation, and one
// undo for the lot.
//
// The Machine is the session's: Of returns it from the cache. Screens tag
// what they begin with their ID (Request.Owner) and act on the messages
// of their own operations; every screen may apply any DoneMsg's page.
package edit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/pageedit"
	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// Machine is the session's editing state: the operations under way and
// the undo stack. It is safe to use from commands' goroutines.
type Machine struct {
	mu    sync.Mutex
	undo  []Entry
	bulks map[int64]context.CancelFunc
	// latest is, by page ID, the page as an edit last saw it (saved,
	// or read by a check): a screen that kept an older copy shows this.
	latest map[string]*notionapi.Page
}

// machines holds the session's Machine; the cache is cleared when the
// connection changes, and the undo stack with it.
var machines = ui.NewEntry[*Machine]("edit machine")

// Of returns the session's Machine.
func Of(c *ui.Common) *Machine {
	if m, ok := machines.Get(c.Cache); ok {
		return m
	}
	m := &Machine{bulks: map[int64]context.CancelFunc{}, latest: map[string]*notionapi.Page{}}
	machines.Put(c.Cache, m)
	return m
}

// MaxUndo is how many changes the undo stack keeps.
const MaxUndo = 50

// Entry is one undoable change: a cell, a trash, or a bulk change.
type Entry struct {
	// Label says what is undone: "Status of “Fix login”".
	Label string
	// Edits put back what the change did, one per page.
	Edits  []pageedit.Edit
	Schema notionapi.Schema
	// Table is the data source of the rows, for a bulk undo's recheck.
	Table string
	At    time.Time
}

// Request is an edit a screen begins.
type Request struct {
	// Owner is the screen or pane that asks; its messages carry it.
	Owner int64
	Edit  pageedit.Edit
	// Schema maps Notion's validation errors to the property they are
	// about; it is also kept for the undo.
	Schema notionapi.Schema
	// Seen is, per property set, the text the screen showed (CellText)
	// when Edit.Before does not hold the value itself: the check compares
	// it with the page as it is now.
	Seen map[string]string
	// Label names the change: "Status of “Fix login”".
	Label string
	// Table is the page's data source, for undoing a bulk change.
	Table string
	// Force skips the check: the user chose to overwrite.
	Force bool
	// undo marks an undo, which is not pushed on the stack.
	undo bool
}

// Op is an edit under way.
type Op struct {
	ID  int64
	Req Request
}

// IsUndo reports whether the operation undoes an earlier change.
func (o *Op) IsUndo() bool { return o.Req.undo }

// Status is how an edit ended.
type Status int

// How an edit ended.
const (
	// Saved: Notion saved it; DoneMsg.Page is the page as saved.
	Saved Status = iota
	// Unchanged: the page already held the values; nothing was sent.
	Unchanged
	// Failed: Notion refused it or it could not be sent; DoneMsg.Err
	// says why, DoneMsg.Page is the page as it is when known.
	Failed
	// Unconfirmed: the answer was lost and the page could not be read:
	// whether it was saved is unknown.
	Unconfirmed
	// Kept: after a conflict, the user kept the other person's value.
	Kept
)

// Conflict is a property someone else changed since the screen showed it.
type Conflict struct {
	Property string
	// Was is what the screen showed, Now what the page holds, Mine what
	// the edit sets, as one line each.
	Was, Now, Mine string
	// Formatting marks no change by someone else, but text whose styles,
	// links or mentions the edit would replace with plain text.
	Formatting bool
}

// Messages of an edit, tagged with its operation.
type (
	// ConflictMsg asks the owner to choose: Force sends the edit anyway,
	// Keep takes the page as it is now.
	ConflictMsg struct {
		Op        *Op
		Now       *notionapi.Page
		Conflicts []Conflict
	}
	// DoneMsg ends an edit. Every screen may apply Page (the page as it
	// is) wherever it shows that page.
	DoneMsg struct {
		Op *Op
		// Edit is the edit as sent, with the values it replaced (Before).
		Edit   pageedit.Edit
		Status Status
		Page   *notionapi.Page
		Err    error
		// Field is the property a validation error is about ("" when it
		// names none).
		Field string
		// Lost is the failure of an update whose answer was lost but whose
		// page, read back, holds the change.
		Lost error
	}
)

// Begin starts an edit: the check, then the update. The caller shows the
// new value at once.
func (m *Machine) Begin(c *ui.Common, req Request) (*Op, tea.Cmd) {
	op := &Op{ID: c.NextID(), Req: req}
	return op, m.run(c.Ctx, c.Client(), op)
}

// Force sends an edit whose check found a conflict, as the user chose.
func (m *Machine) Force(c *ui.Common, op *Op, now *notionapi.Page) tea.Cmd {
	op.Req.Force = true
	if now != nil {
		fillBefore(&op.Req.Edit, now)
	}
	return m.run(c.Ctx, c.Client(), op)
}

// Keep ends an edit whose check found a conflict with the page as it is
// now, as the user chose.
func (m *Machine) Keep(op *Op, now *notionapi.Page) tea.Cmd {
	return func() tea.Msg { return DoneMsg{Op: op, Status: Kept, Page: now} }
}

// run checks and sends an edit on the app's context: leaving the screen
// does not stop a save.
func (m *Machine) run(ctx context.Context, client *notionapi.Client, op *Op) tea.Cmd {
	check := m.check(ctx, client, op)
	return func() tea.Msg {
		msg := check()
		switch msg := msg.(type) {
		case DoneMsg:
			m.saw(msg.Page)
		case ConflictMsg:
			m.saw(msg.Now)
		}
		return msg
	}
}

// check checks and sends an edit.
func (m *Machine) check(ctx context.Context, client *notionapi.Client, op *Op) tea.Cmd {
	req := op.Req
	return func() tea.Msg {
		e := req.Edit
		if !req.Force && e.Set != nil {
			now, err := client.GetPage(ctx, e.PageID)
			if err != nil {
				return DoneMsg{Op: op, Status: Failed, Err: err}
			}
			if now.Trashed() && (e.Trash == nil || *e.Trash) {
				return DoneMsg{Op: op, Status: Failed, Page: now, Err: ErrTrashed}
			}
			if cs := conflicts(req, now); len(cs) > 0 {
				return ConflictMsg{Op: op, Now: now, Conflicts: cs}
			}
			fillBefore(&e, now)
			if e.Holds(now) {
				return DoneMsg{Op: op, Edit: e, Status: Unchanged, Page: now}
			}
		}
		saved, err := client.UpdatePage(ctx, e.PageID, e.Params())
		done := DoneMsg{Op: op, Edit: e, Page: saved}
		var u *notionapi.UnconfirmedUpdateError
		switch {
		case err == nil:
			done.Status = Saved
		case errors.As(err, &u) && u.State == notionapi.UpdateApplied:
			done.Status, done.Lost = Saved, u.Err
		case errors.As(err, &u) && u.State == notionapi.UpdateNotApplied:
			done.Status, done.Err = Failed, err
		case errors.As(err, &u) || errors.Is(err, context.Canceled) && !errors.As(err, new(*notionapi.NotSentError)):
			done.Status, done.Err = Unconfirmed, err
		default:
			done.Status, done.Err = Failed, err
			if name, ok := pageform.APIErrorField(req.Schema, err); ok {
				done.Field = name
			}
		}
		if done.Status == Saved && !req.undo {
			if u, ok := e.Undo(saved); ok {
				m.push(Entry{Label: req.Label, Edits: []pageedit.Edit{u}, Schema: req.Schema, Table: req.Table, At: time.Now()})
			}
		}
		return done
	}
}

// ErrTrashed is the failure of an edit of a page in the trash.
var ErrTrashed = errors.New("the page is in the trash, where Notion changes nothing; restore it first")

// fillBefore records the page's values as the edit's Before, for the undo
// and the check of a later undo.
func fillBefore(e *pageedit.Edit, now *notionapi.Page) {
	if e.Before == nil {
		e.Before = map[string]notionapi.PropertyValue{}
	}
	for name := range e.Set {
		if v, ok := now.Properties[name]; ok {
			e.Before[name] = v
		}
	}
	e.WasTrashed, e.Read = now.Trashed(), true
}

// conflicts compares an edit with the page as it is now: by value where
// the edit knows the value it started from, else by the text the screen
// showed. Text with formatting that the edit would flatten is a conflict
// too, of its own kind.
func conflicts(req Request, now *notionapi.Page) []Conflict {
	var out []Conflict
	e := req.Edit
	for _, name := range e.Names() {
		cur, ok := now.Properties[name]
		if !ok {
			continue
		}
		mine := e.Set[name]
		if notionapi.SameValue(mine, cur) {
			continue
		}
		var prop notionapi.PropertySchema
		if req.Schema != nil {
			prop, _ = req.Schema.Get(name)
		}
		text := func(v notionapi.PropertyValue) string { return widgets.CellText(prop, Named(prop, v)) }
		switch before, known := e.Before[name]; {
		case known && !notionapi.SameValue(before, cur):
			out = append(out, Conflict{Property: name, Was: text(before), Now: text(cur), Mine: text(mine)})
			continue
		case !known:
			if seen, ok := req.Seen[name]; ok && seen != text(cur) {
				out = append(out, Conflict{Property: name, Was: seen, Now: text(cur), Mine: text(mine)})
				continue
			}
		}
		if formatted(cur) && !formatted(mine) {
			out = append(out, Conflict{Property: name, Was: text(cur), Now: text(cur), Mine: text(mine), Formatting: true})
		}
	}
	return out
}

// formatted reports whether a title or text value has runs that plain text
// would lose: styles, links, mentions or equations.
func formatted(v notionapi.PropertyValue) bool {
	runs := v.Title
	if v.Type == notionapi.PropRichText {
		runs = v.RichText
	}
	if v.Type != notionapi.PropTitle && v.Type != notionapi.PropRichText {
		return false
	}
	return !notionapi.SameValue(v, notionapi.PropertyValue{Type: v.Type, Title: notionapi.PlainText(runs.Plain()), RichText: notionapi.PlainText(runs.Plain())})
}

// saw records a page as an edit saw it.
func (m *Machine) saw(pg *notionapi.Page) {
	if pg == nil || pg.ID == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.latest[pg.ID]; ok && old.LastEditedTime.After(pg.LastEditedTime) {
		return
	}
	m.latest[pg.ID] = pg
}

// Latest returns the page as the session's edits last saw it, if they
// did: newer than a copy a screen loaded before an edit.
func (m *Machine) Latest(id string) (*notionapi.Page, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	pg, ok := m.latest[id]
	return pg, ok
}

func (m *Machine) push(e Entry) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.undo = append(m.undo, e)
	if len(m.undo) > MaxUndo {
		m.undo = m.undo[len(m.undo)-MaxUndo:]
	}
}

// Undoable returns the label of the change the next undo puts back.
func (m *Machine) Undoable() (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.undo) == 0 {
		return "", false
	}
	return m.undo[len(m.undo)-1].Label, true
}

// UndoableAt returns when the change the next undo puts back was made.
func (m *Machine) UndoableAt() (time.Time, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.undo) == 0 {
		return time.Time{}, false
	}
	return m.undo[len(m.undo)-1].At, true
}

// Depth is how many changes can be undone.
func (m *Machine) Depth() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.undo)
}

// Undo puts back the last change of the session, through the same check
// as an edit; owner receives its messages. A bulk change is undone as a
// bulk (BulkMsg). ok is false when there is nothing to undo.
func (m *Machine) Undo(c *ui.Common, owner int64) (label string, op *Op, cmd tea.Cmd, ok bool) {
	m.mu.Lock()
	if len(m.undo) == 0 {
		m.mu.Unlock()
		return "", nil, nil, false
	}
	e := m.undo[len(m.undo)-1]
	m.undo = m.undo[:len(m.undo)-1]
	m.mu.Unlock()
	if len(e.Edits) == 1 {
		req := Request{Owner: owner, Edit: e.Edits[0], Schema: e.Schema, Label: e.Label, Table: e.Table, undo: true}
		op, cmd := m.Begin(c, req)
		return e.Label, op, cmd, true
	}
	var sel *pageedit.Selection
	if e.Table != "" {
		sel = &pageedit.Selection{Table: e.Table, At: e.At}
	}
	op, cmd = m.bulk(c, BulkRequest{Owner: owner, Edits: e.Edits, Selection: sel, Schema: e.Schema, Label: e.Label, Table: e.Table}, true)
	return e.Label, op, cmd, true
}

// UpdateProbe is whether the integration may update pages, for the
// session.
var UpdateProbe = ui.NewEntry[guide.Probe]("probe: update content")

// probePage is a page ID that exists nowhere: restoring it changes
// nothing, and Notion answers 403 when "Update content" is missing.
const probePage = "00000000-0000-4000-8000-00000000e417"

// ProbeMsg carries the check of the update capability to owner.
type ProbeMsg struct {
	Owner int64
	Probe guide.Probe
}

// Probe checks whether the integration may update pages, once per
// session: a restore of a page that does not exist changes nothing, and
// is refused with 403 when "Update content" is off (or 404 otherwise).
func Probe(c *ui.Common, owner int64) tea.Cmd {
	if p, ok := UpdateProbe.Get(c.Cache); ok && p.State != guide.StateUnknown {
		return func() tea.Msg { return ProbeMsg{Owner: owner, Probe: p} }
	}
	client, ctx := c.Client(), c.Ctx
	return func() tea.Msg {
		_, err := client.RestorePage(ctx, probePage)
		p := guide.Probe{Capability: guide.CapUpdateContent, Err: err, How: "a restore of a page that does not exist, which changes nothing"}
		var apiErr *notionapi.APIError
		switch {
		case errors.As(err, &apiErr) && (apiErr.Status == http.StatusForbidden || apiErr.Code == notionapi.CodeRestrictedResource):
			p.State, p.Detail = guide.StateFailed, "not granted: editing pages will fail"
		case err == nil, errors.As(err, &apiErr) && (apiErr.Status == http.StatusNotFound || apiErr.Code == notionapi.CodeValidationError):
			p.State, p.Detail, p.Err = guide.StateOK, "granted (checked without changing anything)", nil
		default:
			p.Detail = "could not check"
		}
		return ProbeMsg{Owner: owner, Probe: p}
	}
}

// Describe says how an edit ended, for the status bar.
func Describe(d DoneMsg) string {
	label := d.Op.Req.Label
	switch d.Status {
	case Saved:
		e := d.Edit
		what := "Saved " + label
		switch {
		case e.Trash != nil && *e.Trash:
			what = "Moved " + Target(e.Title) + " to the trash"
		case e.Trash != nil:
			what = "Restored " + Target(e.Title)
		case d.Op.IsUndo():
			what = "Put back " + label
		}
		if d.Lost != nil {
			return fmt.Sprintf("%s (Notion's answer was lost, %s; the page read back holds it)", what, notionapi.FailureText(d.Lost))
		}
		return what
	case Unchanged:
		return label + " already had this value; nothing was sent"
	case Kept:
		return "Kept the other change of " + label + "; nothing was sent"
	case Unconfirmed:
		return "Could not tell whether " + label + " was saved: " + Reason(d.Err)
	}
	return "Not saved: " + label + ": " + Reason(d.Err)
}

// Reason says why an edit failed in a few words: Notion's message, or how
// the request failed.
func Reason(err error) string {
	var (
		apiErr *notionapi.APIError
		u      *notionapi.UnconfirmedUpdateError
	)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrTrashed):
		return err.Error()
	case errors.As(err, &u) && u.State == notionapi.UpdateNotApplied:
		return "the answer was lost (" + notionapi.FailureText(u.Err) + ") and the page read back does not hold it; it was not sent again"
	case errors.As(err, &u):
		return "the answer was lost (" + notionapi.FailureText(u.Err) + ") and the page could not be read back; it was not sent again"
	case errors.As(err, &apiErr) && apiErr.Message != "":
		return apiErr.Message
	}
	return notionapi.FailureText(err)
}

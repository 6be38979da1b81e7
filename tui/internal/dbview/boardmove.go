package dbview

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/board"
	"github.com/notion-tui/notion-tui/internal/pageedit"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/edit"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// Moving a card (< and >) is an edit of the grouping property. The card
// shows in its new column at once, marked while it is saved; the page is
// read first, and when someone moved it meanwhile nothing is sent; the
// update is sent once (notionapi reads the page back when an answer is
// lost); a refusal puts the card back. u moves the last card moved back,
// with the same check.

// cardMove is a move of a card being saved, or the last one saved.
type cardMove struct {
	op    int64
	id    string
	title string
	// from are the card's columns before the move, to its columns after:
	// what the check expects the page to hold, and what it will hold.
	from, to []string
	toLabel  string
	value    notionapi.PropertyValue
	undo     bool
	// back is, once saved, the edit that puts the value back, and at
	// when it was saved; prev is, for an undo, the move it undoes
	// (undoable again if the undo fails).
	back *pageedit.Edit
	at   time.Time
	prev *cardMove
}

// moveDoneMsg ends a move: saved (page set, err nil), refused or failed
// (err), or not sent because the page changed meanwhile (conflict, page
// as it is now).
type moveDoneMsg struct {
	view     int64
	move     *cardMove
	page     *notionapi.Page
	edit     pageedit.Edit
	err      error
	conflict bool
	// unchanged: the page already held the value; nothing was sent.
	unchanged bool
}

// moveCard moves the selected card to the shown column d columns away.
func (v *dbView) moveCard(d int) tea.Cmd {
	b := v.brd
	row := b.selectedRow()
	c := b.current()
	if row < 0 || c == nil {
		return nil
	}
	shown := b.shown()
	to := b.col + d
	if to < 0 || to >= len(shown) {
		return ui.Flash("No column that way")
	}
	r := &v.rows[row]
	if b.moving[r.id] != nil {
		return ui.Flash("That card's last move is still being saved")
	}
	target := b.cols[shown[to]]
	val, err := b.group.Move(r.keys, c.Key, target.Key, b.cols)
	if err != nil {
		return ui.FlashError("Cannot move the card: " + err.Error())
	}
	m := &cardMove{op: v.c.NextID(), id: r.id, title: widgets.OrUntitled(r.cell(v.titleIndex())), from: r.keys,
		to: b.group.Keys(val), toLabel: target.Label, value: val}
	return v.startMove(m)
}

// undoMove moves the last card moved back where it was.
// undoOnBoard undoes the last change made: the board's last card move,
// or a change of the session made after it (a card trashed on the board,
// a cell edited in the table), as u does in the table.
func (v *dbView) undoOnBoard() tea.Cmd {
	last := v.brd.lastMove
	if at, ok := edit.Of(v.c).UndoableAt(); ok && (last == nil || at.After(last.at)) {
		return v.undo()
	}
	return v.undoMove()
}

func (v *dbView) undoMove() tea.Cmd {
	b := v.brd
	last := b.lastMove
	if last == nil || last.back == nil {
		return ui.Flash("No card move to undo")
	}
	if b.moving[last.id] != nil {
		return ui.Flash("That card's last move is still being saved")
	}
	i := v.rowIndex(last.id)
	if i < 0 {
		return ui.Flash("The card moved last is not among these rows")
	}
	val := last.back.Set[b.group.Property().Name]
	m := &cardMove{op: v.c.NextID(), id: last.id, title: last.title, from: v.rows[i].keys, to: b.group.Keys(val),
		toLabel: b.labelOf(b.group.Keys(val)), value: val, undo: true, prev: last}
	b.lastMove = nil
	return v.startMove(m)
}

// startMove shows the card in its new column and starts saving it.
func (v *dbView) startMove(m *cardMove) tea.Cmd {
	b := v.brd
	b.moving[m.id] = m
	v.setCardKeys(m.id, m.to)
	v.follow(m.id)
	client, view, group := v.c.Client(), v.id, b.group
	// The app's context: leaving the view does not stop a save.
	ctx := v.c.Ctx
	return func() tea.Msg {
		msg := sendMove(ctx, client, group, m)
		msg.view = view
		return msg
	}
}

// sendMove reads the page, checks that its card is where the board
// showed it, and sends the new value once.
func sendMove(ctx context.Context, client *notionapi.Client, group *board.Grouper, m *cardMove) moveDoneMsg {
	name := group.Property().Name
	now, err := client.GetPage(ctx, m.id)
	if err != nil {
		return moveDoneMsg{move: m, err: err}
	}
	nowKeys := group.Keys(now.Properties[name])
	if !sameKeys(nowKeys, m.from) {
		if sameKeys(nowKeys, m.to) {
			return moveDoneMsg{move: m, page: now, unchanged: true}
		}
		return moveDoneMsg{move: m, page: now, conflict: true}
	}
	e := pageedit.FromPage(now, map[string]notionapi.PropertyValue{name: m.value})
	if e.Holds(now) {
		return moveDoneMsg{move: m, page: now, edit: e, unchanged: true}
	}
	pg, err := client.UpdatePage(ctx, m.id, e.Params())
	var lost *notionapi.UnconfirmedUpdateError
	if errors.As(err, &lost) && lost.State == notionapi.UpdateApplied {
		// The answer was lost, but the page read back holds the move.
		pg, err = lost.Page, nil
	}
	return moveDoneMsg{move: m, page: pg, edit: e, err: err}
}

// sameKeys reports whether two cards' column lists hold the same columns.
func sameKeys(a, b []string) bool {
	norm := func(k []string) []string {
		if len(k) == 0 {
			return []string{board.NoValue}
		}
		return slices.Sorted(slices.Values(k))
	}
	return slices.Equal(norm(a), norm(b))
}

// moveDone shows how a move ended.
func (v *dbView) moveDone(msg moveDoneMsg) tea.Cmd {
	m := msg.move
	b := v.brd
	if b != nil && b.moving[m.id] == m {
		delete(b.moving, m.id)
	}
	if b == nil || v.rowIndex(m.id) < 0 {
		// The board is gone or was read again: its rows are read anew.
		if msg.err != nil {
			return ui.FlashError(fmt.Sprintf("Moving “%s” failed: %s", m.title, errText(msg.err)))
		}
		return nil
	}
	switch {
	case msg.conflict:
		v.showPage(msg.page)
		return ui.FlashError(fmt.Sprintf("“%s” was moved by someone else meanwhile (to %s): nothing was sent", m.title, b.labelOf(v.rows[v.rowIndex(m.id)].keys)))
	case msg.err != nil:
		var lost *notionapi.UnconfirmedUpdateError
		if errors.As(msg.err, &lost) && lost.State == notionapi.UpdateUnknown {
			// Whether it was saved is unknown: r reads the rows again.
			return ui.FlashError(fmt.Sprintf("Moving “%s”: the answer was lost and the page could not be read; r shows where it is", m.title))
		}
		v.setCardKeys(m.id, m.from)
		if m.undo {
			b.lastMove = m.prev
		}
		return v.reportError(msg.err, "")
	case msg.unchanged:
		if msg.page != nil {
			v.showPage(msg.page)
		}
		return ui.Flash(fmt.Sprintf("“%s” was already in %s", m.title, m.toLabel))
	}
	v.showPage(msg.page)
	if back, ok := msg.edit.Undo(msg.page); ok && !m.undo {
		m.back, m.at = &back, time.Now()
		b.lastMove = m
	}
	if m.undo {
		return ui.Flash(fmt.Sprintf("Moved “%s” back to %s", m.title, m.toLabel))
	}
	if m.back != nil {
		return ui.Flash(fmt.Sprintf("Moved “%s” to %s · u undoes", m.title, m.toLabel))
	}
	return ui.Flash(fmt.Sprintf("Moved “%s” to %s", m.title, m.toLabel))
}

// rowIndex is the index of the row of a page, or -1.
func (v *dbView) rowIndex(id string) int {
	return slices.IndexFunc(v.rows, func(r dbRow) bool { return r.id == id })
}

// titleIndex is the index of the title among the columns shown.
func (v *dbView) titleIndex() int {
	t, _ := v.cardFields()
	return t
}

// setCardKeys puts a card in the columns keys; a selected card stays
// selected.
func (v *dbView) setCardKeys(id string, keys []string) {
	i := v.rowIndex(id)
	if i < 0 {
		return
	}
	selected := v.selectedRow() == i
	v.rows[i].keys = keys
	v.snapshotStale()
	v.brd.rebuild(v.rows, nil)
	if selected {
		v.follow(id)
	}
}

// showPage draws a page's row again from the page as it is.
func (v *dbView) showPage(pg *notionapi.Page) {
	i := v.rowIndex(pg.ID)
	if i < 0 {
		return
	}
	selected := v.selectedRow() == i
	row := newDBRow(pg, v.cols, v.c.Titles())
	row.keys = v.brd.group.Keys(pg.Properties[v.brd.group.Property().Name])
	v.rows[i] = row
	v.snapshotStale()
	v.brd.rebuild(v.rows, nil)
	if selected {
		v.follow(pg.ID)
	}
	if cr, ok := loadedRows.Get(v.c.Cache, v.ds.ID); ok && !v.loading {
		cr.rows = v.rows
	}
}

// follow selects the card of a page where it is now.
func (v *dbView) follow(id string) {
	b := v.brd
	i := v.rowIndex(id)
	for k, ci := range b.shown() {
		c := b.cols[ci]
		if at := slices.Index(c.Rows, i); at >= 0 {
			b.col, b.sel[c.Key] = k, at
			return
		}
	}
}

// labelOf names the columns of a card.
func (b *boardState) labelOf(keys []string) string {
	if len(keys) == 0 {
		keys = []string{board.NoValue}
	}
	for _, c := range b.cols {
		if c.Key == keys[0] {
			return c.Label
		}
	}
	return "another column"
}

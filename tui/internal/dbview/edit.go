package dbview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/pageedit"
	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/edit"
	"github.com/notion-tui/notion-tui/tui/internal/fields"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// Editing in place: the table has a cell cursor (←/→), e edits the
// focused cell with the new-page form's editors (a checkbox toggles at
// once), d moves a row to the trash, u undoes, space marks rows for a change
// or a trash of them all. The edit machinery (package edit) checks the
// page as it is now before sending, and every screen shows the outcome.

// editKeys are the keys of editing in place.
type editKeys struct {
	Edit, Mark, Unmark, Trash, Undo, Stop key.Binding
}

func newEditKeys() editKeys {
	return editKeys{
		Edit:   keymap.Edit.Key("edit cell"),
		Mark:   keymap.Flip.Key("mark row"),
		Unmark: keymap.Back.Key("clear marks"),
		Trash:  keymap.Remove.Key("trash row"),
		Undo:   keymap.Undo.Key(),
		Stop:   keymap.Back.Key("stop"),
	}
}

// fewRows is how many rows a change may touch without asking first.
const fewRows = 3

// cellKey names a cell by its page and column.
type cellKey struct {
	id  string
	col int
}

// editing is the database view's state of editing in place.
type editing struct {
	keys    editKeys
	editor  *edit.Editor
	editKey cellKey // the cell the editor edits; id "" for marked rows
	// pending holds the cells being saved, by operation: the row as it
	// was, to roll back to, and the text the user typed, to offer again.
	pending map[pendingKey]pendingCell
	// failed holds the cells Notion refused: why, and what was typed.
	failed map[cellKey]failure
	// drafts holds what was typed in a cell whose save the user gave up
	// for someone else's value: e offers it again.
	drafts   map[cellKey]string
	conflict *edit.ConflictMsg
	confirm  *edit.Confirmation
	marks    map[string]bool
	bulk     *bulkState
	// waitProbe is what to do once the update capability is known.
	waitProbe func() tea.Cmd
	// trashedAt remembers where trashed rows were, to put them back there.
	trashedAt map[string]int
}

// pendingKey names a cell being saved by its operation and page.
type pendingKey struct {
	op int64
	id string
}

type pendingCell struct {
	key  cellKey
	old  dbRow
	text string // what was typed
	new  string // the cell's new text
	// trash is set for a row going to (true) or out of the trash.
	trash *bool
}

type failure struct {
	why  string
	text string
}

type bulkState struct {
	op          *edit.Op
	label       string
	done, total int
	failed      int
	conflicted  int
	undo        bool
	// noUndo is set when the rows' old values were not loaded whole
	// (text, files): the change cannot be undone.
	noUndo bool
}

func newEditing() *editing {
	return &editing{
		keys: newEditKeys(), pending: map[pendingKey]pendingCell{}, failed: map[cellKey]failure{}, drafts: map[cellKey]string{},
		marks: map[string]bool{}, trashedAt: map[string]int{},
	}
}

// setUpEditing turns the table's cell cursor on and shows marks and the
// state of cells.
func (v *dbView) setUpEditing() {
	v.ed = newEditing()
	v.table.SetCellFocus(true)
	v.table.SetDecorate(v.cellMark)
}

// cellMark is the mark a cell shows: being saved, or refused.
func (v *dbView) cellMark(row, col int) widgets.CellMark {
	if row >= len(v.rows) {
		return widgets.MarkNone
	}
	k := cellKey{v.rows[row].id, col}
	for _, p := range v.ed.pending {
		if p.key == k || p.key.id == k.id && p.trash != nil {
			return widgets.MarkSaving
		}
	}
	if _, ok := v.ed.failed[k]; ok {
		return widgets.MarkFailed
	}
	return widgets.MarkNone
}

// editModal reports whether an editor or a dialog has the keys.
func (v *dbView) editModal() bool {
	return v.ed != nil && (v.ed.editor != nil || v.ed.conflict != nil || v.ed.confirm != nil)
}

// editInput gives keys to the open editor or dialog; ok is false when
// none is open.
func (v *dbView) editInput(msg tea.Msg) (tea.Cmd, bool) {
	ed := v.ed
	if ed == nil {
		return nil, false
	}
	if cmd, ok := edit.DialogInput(v.c, &ed.confirm, &ed.conflict, msg); ok {
		return cmd, true
	}
	switch {
	case ed.editor != nil:
		cmd, act := ed.editor.Update(msg)
		switch act {
		case edit.ActCancel:
			ed.editor = nil
		case edit.ActSave:
			return tea.Batch(cmd, v.saveEditor()), true
		}
		return cmd, true
	}
	return nil, false
}

// editKey handles the table's editing keys; ok is false for other keys.
func (v *dbView) editKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	ed := v.ed
	if ed == nil {
		return nil, false
	}
	keys := ed.keys
	if v.brd != nil {
		// On a board, cards move (board.go); cells are edited in the table.
		switch {
		case ed.bulk != nil && key.Matches(k, keys.Stop):
			edit.Of(v.c).Cancel(ed.bulk.op)
			return ui.Flash("Stopping: rows not sent yet will not be sent"), true
		case key.Matches(k, keys.Trash):
			return v.askTrash(), true
		case key.Matches(k, keys.Undo):
			return v.undo(), true
		}
		return nil, false
	}
	switch {
	case ed.bulk != nil && key.Matches(k, keys.Stop):
		edit.Of(v.c).Cancel(ed.bulk.op)
		return ui.Flash("Stopping: rows not sent yet will not be sent"), true
	case key.Matches(k, keys.Edit):
		return v.startEdit(), true
	case key.Matches(k, keys.Mark):
		if i := v.table.Cursor(); i >= 0 {
			id := v.rows[i].id
			if ed.marks[id] {
				delete(ed.marks, id)
			} else {
				ed.marks[id] = true
			}
			v.showMarks()
			v.table.SetCursor(i + 1)
		}
		return nil, true
	case key.Matches(k, keys.Unmark) && len(ed.marks) > 0:
		n := len(ed.marks)
		clear(ed.marks)
		v.showMarks()
		if n == 0 {
			return nil, true
		}
		return ui.Flash("Marks cleared"), true
	case key.Matches(k, keys.Trash):
		return v.askTrash(), true
	case key.Matches(k, keys.Undo):
		return v.undo(), true
	}
	return nil, false
}

// showMarks shows the gutter of marks while rows are marked.
func (v *dbView) showMarks() {
	if len(v.ed.marks) == 0 {
		v.table.SetMarked(nil)
	} else {
		marks := v.ed.marks
		v.table.SetMarked(func(r int) bool { return r < len(v.rows) && marks[v.rows[r].id] })
	}
	v.layoutColumns()
}

// markedRows lists the marked rows that are loaded, in table order.
func (v *dbView) markedRows() []int {
	var out []int
	for i := range v.rows {
		if v.ed.marks[v.rows[i].id] {
			out = append(out, i)
		}
	}
	return out
}

// withProbe runs next once the integration is known to be allowed to
// update pages: the guided fix shows before anything is typed.
func (v *dbView) withProbe(next func() tea.Cmd) tea.Cmd {
	if p, ok := edit.UpdateProbe.Get(v.c.Cache); ok {
		switch p.State {
		case guide.StateFailed:
			return ui.ReportError(p.CheckErr(), v.reprobe(next))
		case guide.StateOK:
			return next()
		}
	}
	v.ed.waitProbe = next
	return edit.Probe(v.c, v.id)
}

// reprobe is the guided fix's retry: check the capability again, then go
// on.
func (v *dbView) reprobe(next func() tea.Cmd) tea.Cmd {
	c, id := v.c, v.id
	return func() tea.Msg {
		edit.UpdateProbe.Drop(c.Cache)
		return edit.Probe(c, id)()
	}
}

func (v *dbView) probed(msg edit.ProbeMsg) tea.Cmd {
	next := v.ed.waitProbe
	v.ed.waitProbe = nil
	p := msg.Probe
	if p.State != guide.StateUnknown {
		edit.UpdateProbe.Put(v.c.Cache, p)
	}
	switch {
	case p.State == guide.StateFailed:
		return ui.ReportError(p.CheckErr(), v.reprobe(next))
	case next == nil:
		return nil
	}
	// Unknown (the check could not tell): go on; a refusal will say.
	return next()
}

// startEdit edits the focused cell, or with marked rows sets the focused
// column on all of them.
func (v *dbView) startEdit() tea.Cmd {
	i, col := v.table.Cursor(), v.tableCol()
	if i < 0 || col < 0 || col >= len(v.cols) {
		return nil
	}
	prop := v.cols[col]
	if !pageform.Editable(prop) {
		return ui.Flash(prop.Name + " cannot be edited: " + pageform.ReadOnlyReason(prop))
	}
	if marked := v.markedRows(); len(marked) > 0 {
		return v.withProbe(func() tea.Cmd { return v.openBulkEditor(prop, col, marked) })
	}
	row := &v.rows[i]
	value := v.loadedValue(row, col)
	if why := edit.ReadOnly(prop, value); why != "" {
		return ui.Flash(prop.Name + " cannot be edited here: " + why)
	}
	id := row.id
	return v.withProbe(func() tea.Cmd {
		i := v.rowIndex(id)
		if i < 0 {
			return nil
		}
		if prop.Type == notionapi.PropCheckbox {
			value.Checkbox = !value.Checkbox
			return v.beginCell(i, col, value, "")
		}
		ed := v.ed
		ed.editor = v.newEditor(prop, value, edit.Target(v.rows[i].cell(v.titleIndex())))
		ed.editKey = cellKey{id, col}
		if f, ok := ed.failed[ed.editKey]; ok && f.text != "" {
			ed.editor.Offer(f.text, f.why)
		} else if d, ok := ed.drafts[ed.editKey]; ok {
			ed.editor.Offer(d, "you kept the value someone else saved meanwhile")
		}
		ed.editor.SetSize(v.w, v.tableHeight())
		return ed.editor.Init()
	})
}

// newEditor makes the editor of prop with the users list as the view
// has it: loaded, on its way (the editor is given it when it comes), or
// refused, when people are typed as IDs at once.
func (v *dbView) newEditor(prop notionapi.PropertySchema, value notionapi.PropertyValue, target string) *edit.Editor {
	e := edit.NewEditor(v.c, prop, value, target, v.users)
	if v.users == nil && v.usersErr != nil {
		e.UsersFailed(v.usersErr)
	}
	return e
}

// openBulkEditor opens the editor of a column for the marked rows,
// starting from the first one's value.
func (v *dbView) openBulkEditor(prop notionapi.PropertySchema, col int, marked []int) tea.Cmd {
	ed := v.ed
	value := notionapi.PropertyValue{Type: prop.Type}
	if len(marked) > 0 && edit.ReadOnly(prop, v.loadedValue(&v.rows[marked[0]], col)) == "" {
		value = v.loadedValue(&v.rows[marked[0]], col)
	}
	ed.editor = v.newEditor(prop, value, textutil.Plural(len(marked), "marked row", "marked rows"))
	ed.editor.ForMany()
	ed.editKey = cellKey{"", col}
	ed.editor.SetSize(v.w, v.tableHeight())
	return ed.editor.Init()
}

// saveEditor begins the edit the editor holds.
func (v *dbView) saveEditor() tea.Cmd {
	ed := v.ed
	value, err := ed.editor.Value()
	if err != nil {
		return nil
	}
	text, k := ed.editor.Text(), ed.editKey
	ed.editor = nil
	if k.id == "" {
		return v.askBulk(k.col, value)
	}
	i := v.rowIndex(k.id)
	if i < 0 {
		return ui.FlashError("The row left the table; nothing was sent")
	}
	return v.beginCell(i, k.col, value, text)
}

// beginCell shows a cell's new value at once, marked as being saved, and
// begins the edit.
func (v *dbView) beginCell(i, col int, value notionapi.PropertyValue, typed string) tea.Cmd {
	row := v.rows[i]
	prop := v.cols[col]
	shown := v.shownText(prop, value)
	title := row.cell(v.titleIndex())
	seen := row.cell(col)
	if prop.Type == notionapi.PropRelation {
		// The cell shows related pages by title; the check compares the
		// page's value drawn by ID, so what was seen is drawn so too.
		seen = widgets.CellText(prop, edit.Named(prop, v.loadedValue(&row, col)))
	}
	req := edit.Request{
		Owner:  v.id,
		Edit:   pageedit.Edit{PageID: row.id, Title: title, Set: map[string]notionapi.PropertyValue{prop.Name: value}},
		Schema: v.cols,
		Seen:   map[string]string{prop.Name: seen},
		Label:  prop.Name + " of " + edit.Target(title),
		Table:  v.ds.ID,
	}
	op, cmd := edit.Of(v.c).Begin(v.c, req)
	k := cellKey{row.id, col}
	delete(v.ed.failed, k)
	v.ed.pending[pendingKey{op.ID, row.id}] = pendingCell{key: k, old: row, text: typed, new: shown}
	v.setCell(i, col, shown)
	return cmd
}

// shownText is a value as its cell shows it.
func (v *dbView) shownText(prop notionapi.PropertySchema, value notionapi.PropertyValue) string {
	return textutil.SafeLine(widgets.CellTextWith(prop, fields.WithNames(edit.Named(prop, value), v.users), titleFunc(v.c.Titles())))
}

// setCell replaces one cell's text in a row.
func (v *dbView) setCell(i, col int, text string) {
	r := v.rows[i]
	cells := make([]string, len(r.ends))
	for c := range cells {
		cells[c] = r.cell(c)
	}
	if col < len(cells) {
		cells[col] = text
	}
	row := packRow(r.id, cells, r.keys)
	row.refs = r.refs
	v.rows[i] = row
	v.showRows()
}

// loadedValue is a cell's value as the table shows it, for its editor:
// read back from its text, with the IDs and links the row keeps beside.
func (v *dbView) loadedValue(row *dbRow, col int) notionapi.PropertyValue {
	prop := v.cols[col]
	text := row.cell(col)
	out := notionapi.PropertyValue{Type: prop.Type}
	switch prop.Type {
	case notionapi.PropTitle:
		out.Title = notionapi.PlainText(text)
	case notionapi.PropRichText:
		out.RichText = notionapi.PlainText(text)
	case notionapi.PropNumber:
		if n, err := pageform.ParseNumber(text, numberFormat(prop)); err == nil && text != "" {
			out.Number = &n
		}
	case notionapi.PropSelect, notionapi.PropStatus:
		if text != "" {
			o := &notionapi.SelectOption{Name: text}
			out.Select, out.Status = o, o
			if prop.Type == notionapi.PropSelect {
				out.Status = nil
			} else {
				out.Select = nil
			}
		}
	case notionapi.PropMultiSelect:
		if text != "" {
			for _, n := range strings.Split(text, ", ") {
				out.MultiSelect = append(out.MultiSelect, notionapi.SelectOption{Name: n})
			}
		}
	case notionapi.PropDate:
		if text != "" {
			if d, err := pageform.ParseDate(text, v.c.Now()); err == nil {
				out.Date = &d
			}
		}
	case notionapi.PropCheckbox:
		out.Checkbox = text == "true"
	case notionapi.PropURL:
		out.URL = &text
	case notionapi.PropEmail:
		out.Email = &text
	case notionapi.PropPhoneNumber:
		out.PhoneNumber = &text
	case notionapi.PropPeople:
		for _, id := range row.refs.of(col) {
			out.People = append(out.People, notionapi.User{Object: "user", ID: id})
		}
		out = fields.WithNames(out, v.users)
	case notionapi.PropRelation:
		for _, id := range row.refs.of(col) {
			if id == moreRefs {
				out.HasMore = true
				continue
			}
			out.Relation = append(out.Relation, notionapi.ObjectRef{ID: id})
		}
	case notionapi.PropFiles:
		for _, u := range row.refs.of(col) {
			if u == hostedFile {
				out.Files = append(out.Files, notionapi.File{Type: "file"})
				continue
			}
			out.Files = append(out.Files, notionapi.File{Type: "external", External: &notionapi.FileURL{URL: u}})
		}
	}
	return out
}

func numberFormat(p notionapi.PropertySchema) string {
	if p.Number == nil {
		return "number"
	}
	return p.Number.Format
}

// Markers among a row's refs.
const (
	moreRefs   = "…"          // a relation cut at 25 pages
	hostedFile = "\x00hosted" // a file kept by Notion
)

// cellRefs is what a people, relation or files value stands for: user
// and page IDs, file links.
func cellRefs(v notionapi.PropertyValue) []string {
	var out []string
	switch v.Type {
	case notionapi.PropPeople:
		for _, p := range v.People {
			out = append(out, p.ID)
		}
	case notionapi.PropRelation:
		for _, r := range v.Relation {
			out = append(out, r.ID)
		}
		if v.HasMore {
			out = append(out, moreRefs)
		}
	case notionapi.PropFiles:
		for _, f := range v.Files {
			if f.External != nil {
				out = append(out, f.External.URL)
			} else {
				out = append(out, hostedFile)
			}
		}
	}
	return out
}

// editUpdate handles the messages of editing; ok is false for others.
func (v *dbView) editUpdate(msg tea.Msg) (tea.Cmd, bool) {
	if v.ed == nil {
		return nil, false
	}
	if b, next, ok := edit.Next(msg); ok {
		return v.bulkResults(b, next), true
	}
	switch msg := msg.(type) {
	case edit.ProbeMsg:
		if msg.Owner == v.id {
			return v.probed(msg), true
		}
		return nil, true
	case edit.DoneMsg:
		return v.editDone(msg), true
	}
	return edit.RouteCommon(msg, v.id, v.ed.editor, &v.ed.conflict)
}

// editDone applies an edit's outcome: the page as it is now wherever the
// table shows it, and for the view's own edits the rollback, the reason,
// and the text typed, kept for the next try.
func (v *dbView) editDone(d edit.DoneMsg) tea.Cmd {
	p, mine := v.ed.pending[pendingKey{d.Op.ID, d.Op.Req.Edit.PageID}]
	if mine {
		delete(v.ed.pending, pendingKey{d.Op.ID, d.Op.Req.Edit.PageID})
	}
	if d.Page != nil {
		v.applyPage(d.Page)
	} else if mine {
		v.rollback(p)
	}
	if !mine && d.Op.Req.Owner != v.id {
		return nil
	}
	switch d.Status {
	case edit.Kept:
		if mine && p.key.id != "" && p.text != "" {
			v.ed.drafts[p.key] = p.text
			return ui.Flash(edit.Describe(d) + " · e brings back what you typed")
		}
		return ui.Flash(edit.Describe(d))
	case edit.Saved, edit.Unchanged:
		if mine {
			delete(v.ed.drafts, p.key)
		}
		return ui.Flash(edit.Describe(d) + undoHint(d))
	}
	if mine && p.key.id != "" {
		k := p.key
		if d.Field != "" {
			if col := v.colOf(d.Field); col >= 0 {
				k.col = col
			}
		}
		v.ed.failed[k] = failure{why: edit.Reason(d.Err), text: p.text}
	}
	if notionapi.StatusOf(d.Err) == 403 && d.Field == "" {
		edit.UpdateProbe.Put(v.c.Cache, guide.Probe{Capability: guide.CapUpdateContent, State: guide.StateFailed, Err: d.Err})
		return ui.ReportError(d.Err, nil)
	}
	return ui.FlashError(edit.Describe(d))
}

func undoHint(d edit.DoneMsg) string {
	if d.Status == edit.Saved && !d.Op.IsUndo() {
		return " · u undoes"
	}
	return ""
}

// colOf finds a column by property name, or -1.
func (v *dbView) colOf(name string) int {
	for i, p := range v.cols {
		if p.Name == name {
			return i
		}
	}
	return -1
}

// rollback puts a cell (or a trashed row) back as it was.
func (v *dbView) rollback(p pendingCell) {
	i := v.rowIndex(p.key.id)
	switch {
	case p.trash != nil && *p.trash && i < 0:
		v.insertAt(p.old, v.ed.trashedAt[p.key.id])
	case i >= 0 && p.trash == nil:
		v.setCell(i, p.key.col, p.old.cell(p.key.col))
	}
}

// applyPage shows a page as it is now: its row rebuilt (keeping the cells
// still being saved), removed when it went to the trash, put back when it
// came out of it.
func (v *dbView) applyPage(pg *notionapi.Page) {
	i := v.rowIndex(pg.ID)
	switch {
	case pg.Trashed() && i >= 0:
		v.ed.trashedAt[pg.ID] = i
		v.rows = append(v.rows[:i:i], v.rows[i+1:]...)
		delete(v.ed.marks, pg.ID)
		v.showMarks()
	case pg.Trashed():
	case i >= 0:
		v.rows[i] = v.pageRow(pg)
		for _, p := range v.ed.pending {
			if p.key.id == pg.ID && p.trash == nil {
				v.setCell(i, p.key.col, p.new)
			}
		}
	case v.belongs(pg):
		at, ok := v.ed.trashedAt[pg.ID]
		if !ok {
			at = len(v.rows)
		}
		v.insertAt(v.pageRow(pg), at)
	default:
		return
	}
	v.showRows()
}

// pageRow is a page's row, with its board columns on a board.
func (v *dbView) pageRow(pg *notionapi.Page) dbRow {
	row := newDBRow(pg, v.cols, v.c.Titles())
	if v.brd != nil {
		row.keys = v.brd.group.Keys(pg.Properties[v.brd.group.Property().Name])
	}
	return row
}

// showRows shows the rows after an edit changed them: in the table, on
// the board, and in the session's copies.
func (v *dbView) showRows() {
	v.table.SetData(v.rows)
	if v.brd != nil {
		v.brd.rebuild(v.rows, nil)
	}
	if cr, ok := loadedRows.Get(v.c.Cache, v.ds.ID); ok {
		cr.rows = v.rows
	}
	v.rowsChanged()
}

// belongs reports whether a page is a row of the view's data source.
func (v *dbView) belongs(pg *notionapi.Page) bool {
	return pg.Parent.DataSourceID == v.ds.ID || pg.Parent.DatabaseID == v.ds.ID && pg.Parent.DataSourceID == ""
}

// insertAt puts a row back at index i.
func (v *dbView) insertAt(r dbRow, i int) {
	i = min(max(i, 0), len(v.rows))
	v.rows = append(v.rows[:i:i], append([]dbRow{r}, v.rows[i:]...)...)
	v.showRows()
}

// askTrash asks before moving the focused row, or the marked rows, to the
// trash.
func (v *dbView) askTrash() tea.Cmd {
	i := v.selectedRow()
	if i < 0 {
		return nil
	}
	if marked := v.markedRows(); len(marked) > 0 {
		ids := make([]string, len(marked))
		for k, r := range marked {
			ids[k] = v.rows[r].id
		}
		return v.withProbe(func() tea.Cmd {
			v.ed.confirm = &edit.Confirmation{
				Question: "Move " + textutil.Plural(len(ids), "marked row", "marked rows") + " to the trash?",
				Detail:   "u puts them back, as Notion's trash does.",
				Yes:      func() tea.Cmd { return v.bulkTrash(ids) },
			}
			return nil
		})
	}
	id, title := v.rows[i].id, v.rows[i].cell(v.titleIndex())
	return v.withProbe(func() tea.Cmd {
		v.ed.confirm = &edit.Confirmation{
			Question: "Move " + edit.Target(title) + " to the trash?",
			Detail:   "u puts it back, as Notion's trash does.",
			Yes:      func() tea.Cmd { return v.trashRow(id) },
		}
		return nil
	})
}

// trashRow moves a row to the trash: it leaves the table at once.
func (v *dbView) trashRow(id string) tea.Cmd {
	i := v.rowIndex(id)
	if i < 0 {
		return nil
	}
	row := v.rows[i]
	t := true
	req := edit.Request{
		Owner: v.id, Edit: pageedit.Edit{PageID: id, Title: row.cell(v.titleIndex()), Trash: &t},
		Schema: v.cols, Label: edit.Target(row.cell(v.titleIndex())) + " (moved to the trash)", Table: v.ds.ID,
	}
	op, cmd := edit.Of(v.c).Begin(v.c, req)
	v.ed.pending[pendingKey{op.ID, id}] = pendingCell{key: cellKey{id, 0}, old: row, trash: &t}
	v.ed.trashedAt[id] = i
	v.rows = append(v.rows[:i:i], v.rows[i+1:]...)
	delete(v.ed.marks, id)
	v.showMarks()
	v.showRows()
	return cmd
}

// undo puts back the session's last change.
func (v *dbView) undo() tea.Cmd {
	m := edit.Of(v.c)
	label, op, cmd, ok := m.Undo(v.c, v.id)
	if !ok {
		return ui.Flash("Nothing to undo in this session")
	}
	if op.Req.Edit.PageID != "" {
		v.showUndo(op)
	} else {
		v.ed.bulk = &bulkState{op: op, label: label, undo: true}
	}
	return tea.Batch(cmd, ui.Flash("Undoing "+label+"…"))
}

// showUndo shows an undo's values at once, as an edit's.
func (v *dbView) showUndo(op *edit.Op) {
	e := op.Req.Edit
	i := v.rowIndex(e.PageID)
	if e.Trash != nil {
		v.ed.pending[pendingKey{op.ID, e.PageID}] = pendingCell{key: cellKey{e.PageID, 0}, trash: e.Trash}
		return
	}
	if i < 0 {
		return
	}
	for name, value := range e.Set {
		col := v.colOf(name)
		if col < 0 {
			continue
		}
		shown := v.shownText(v.cols[col], value)
		v.ed.pending[pendingKey{op.ID, e.PageID}] = pendingCell{key: cellKey{e.PageID, col}, old: v.rows[i], new: shown}
		v.setCell(i, col, shown)
	}
}

// askBulk asks before setting a value on more than a few marked rows.
func (v *dbView) askBulk(col int, value notionapi.PropertyValue) tea.Cmd {
	marked := v.markedRows()
	prop := v.cols[col]
	shown := v.shownText(prop, value)
	if shown == "" {
		shown = "empty"
	}
	run := func() tea.Cmd { return v.bulkSet(marked, col, value) }
	if len(marked) <= fewRows {
		return run()
	}
	v.ed.confirm = &edit.Confirmation{
		Question: fmt.Sprintf("Set %s to %s on %d rows?", prop.Name, "“"+textutil.SafeLine(shown)+"”", len(marked)),
		Detail:   "Rows someone else changed since you loaded them are left alone; u undoes the whole change.",
		Yes:      run,
	}
	return nil
}

// bulkSet sets a value on rows, showing it at once.
func (v *dbView) bulkSet(rows []int, col int, value notionapi.PropertyValue) tea.Cmd {
	prop := v.cols[col]
	shown := v.shownText(prop, value)
	seen := map[string]string{}
	var edits []pageedit.Edit
	for _, i := range rows {
		r := v.rows[i]
		seen[r.id] = r.cell(col)
		e := pageedit.Edit{PageID: r.id, Title: r.cell(v.titleIndex()), Set: map[string]notionapi.PropertyValue{prop.Name: value}}
		if before := v.loadedValue(&r, col); wholeInCell(before) {
			// What the undo writes back: the cell holds all of it.
			e.Before = map[string]notionapi.PropertyValue{prop.Name: before}
		}
		edits = append(edits, e)
	}
	label := fmt.Sprintf("%s on %s", prop.Name, textutil.Plural(len(edits), "row", "rows"))
	req := edit.BulkRequest{
		Owner: v.id, Edits: edits, Schema: v.cols, Label: label, Table: v.ds.ID,
		Selection: &pageedit.Selection{Table: v.ds.ID, At: v.loadedAt},
		Check:     seenCheck(prop, seen),
	}
	op, cmd := edit.Of(v.c).BeginBulk(v.c, req)
	for _, i := range rows {
		r := v.rows[i]
		v.ed.pending[pendingKey{op.ID, r.id}] = pendingCell{key: cellKey{r.id, col}, old: r, new: shown}
		v.setCell(i, col, shown)
	}
	v.ed.bulk = &bulkState{op: op, label: label, total: len(edits), noUndo: len(edits) > 0 && edits[0].Before == nil}
	return cmd
}

// wholeInCell reports whether a value read back from its cell is the
// value itself, one an undo may write back: not text, whose formatting
// the cell does not keep, nor files or a relation cut short.
func wholeInCell(v notionapi.PropertyValue) bool {
	switch v.Type {
	case notionapi.PropSelect, notionapi.PropStatus, notionapi.PropMultiSelect, notionapi.PropCheckbox, notionapi.PropNumber,
		notionapi.PropDate, notionapi.PropURL, notionapi.PropEmail, notionapi.PropPhoneNumber, notionapi.PropPeople:
		return true
	case notionapi.PropRelation:
		return !v.HasMore
	}
	return false
}

// seenCheck tells, in a bulk change's rechecks, a row whose cell someone
// else changed since the table showed it.
func seenCheck(prop notionapi.PropertySchema, seen map[string]string) func(pageedit.Edit, *notionapi.Page) []pageedit.Conflict {
	return func(e pageedit.Edit, now *notionapi.Page) []pageedit.Conflict {
		cur := now.Properties[prop.Name]
		if textutil.SafeLine(widgets.CellText(prop, cur)) == seen[e.PageID] || notionapi.SameValue(cur, e.Set[prop.Name]) {
			return nil
		}
		return []pageedit.Conflict{{Property: prop.Name, Now: cur, Mine: e.Set[prop.Name]}}
	}
}

// bulkTrash moves rows to the trash; they leave the table as each is done.
func (v *dbView) bulkTrash(ids []string) tea.Cmd {
	t := true
	var edits []pageedit.Edit
	for _, id := range ids {
		if i := v.rowIndex(id); i >= 0 {
			edits = append(edits, pageedit.Edit{PageID: id, Title: v.rows[i].cell(v.titleIndex()), Trash: &t})
		}
	}
	label := textutil.Plural(len(edits), "row", "rows") + " moved to the trash"
	op, cmd := edit.Of(v.c).BeginBulk(v.c, edit.BulkRequest{Owner: v.id, Edits: edits, Schema: v.cols, Label: label, Table: v.ds.ID})
	v.ed.bulk = &bulkState{op: op, label: label, total: len(edits)}
	clear(v.ed.marks)
	v.showMarks()
	return cmd
}

// bulkResults applies a bulk change's results as they come: pages as
// saved, failures marked on their cells; the last message says how it
// went.
func (v *dbView) bulkResults(b edit.BulkMsg, next tea.Cmd) tea.Cmd {
	mine := b.Op.Req.Owner == v.id
	for _, r := range b.Results {
		if r.Page != nil && r.Status == pageedit.Updated {
			v.applyPage(r.Page)
		}
		if !mine {
			continue
		}
		v.settleBulkRow(b.Op, r)
	}
	if !mine {
		return nil
	}
	st := v.ed.bulk
	if st == nil || st.op.ID != b.Op.ID {
		st = &bulkState{op: b.Op, label: b.Op.Req.Label, undo: b.Undo}
		v.ed.bulk = st
	}
	st.done, st.total = b.Done, b.Total
	for _, r := range b.Results {
		switch r.Status {
		case pageedit.Failed, pageedit.Unconfirmed, pageedit.NotSent:
			st.failed++
		case pageedit.Conflicted, pageedit.LeftSelection:
			st.conflicted++
		}
	}
	if !b.Finished {
		return next
	}
	v.ed.bulk = nil
	return v.bulkSummary(st, b.Err)
}

// settleBulkRow ends one row of the view's bulk change: its pending cell
// is done; a failure puts the cell back and says why.
func (v *dbView) settleBulkRow(op *edit.Op, r pageedit.Result) {
	id := r.Edit.PageID
	p, found := v.ed.pending[pendingKey{op.ID, id}]
	delete(v.ed.pending, pendingKey{op.ID, id})
	if r.Status.Done() {
		return
	}
	if found {
		if i := v.rowIndex(id); i >= 0 {
			if r.Page != nil {
				v.applyPage(r.Page)
			} else {
				v.setCell(i, p.key.col, p.old.cell(p.key.col))
			}
		}
		why := r.Status.String()
		if r.Err != nil {
			why = edit.Reason(r.Err)
		}
		if r.Status == pageedit.Conflicted {
			why = "changed by someone else since you loaded it; not sent"
		}
		v.ed.failed[p.key] = failure{why: why}
	} else if r.Edit.Trash != nil && r.Page == nil && r.Status != pageedit.NotSent {
		// A trash that failed: the row stays.
		if i := v.rowIndex(id); i >= 0 {
			v.ed.failed[cellKey{id, 0}] = failure{why: edit.Reason(r.Err)}
		}
	}
}

func (v *dbView) bulkSummary(st *bulkState, err error) tea.Cmd {
	ok := st.total - st.failed - st.conflicted
	text := fmt.Sprintf("%s: %d of %d done", strings.TrimSuffix(st.label, "."), ok, st.total)
	if st.undo {
		text = "Undid " + st.label + fmt.Sprintf(": %d of %d rows", ok, st.total)
	}
	var extra []string
	if st.conflicted > 0 {
		extra = append(extra, fmt.Sprintf("%d changed by someone else (left alone)", st.conflicted))
	}
	if st.failed > 0 {
		extra = append(extra, fmt.Sprintf("%d failed (marked ✗)", st.failed))
	}
	if err != nil && !ui.IsCancel(err) {
		extra = append(extra, "stopped: "+edit.Reason(err))
	} else if err != nil {
		extra = append(extra, "stopped")
	}
	if len(extra) > 0 {
		return ui.FlashError(text + "; " + strings.Join(extra, ", "))
	}
	switch {
	case st.noUndo:
		text += " · this one cannot be undone: the table does not hold the old values whole"
	case !st.undo:
		text += " · u undoes"
	}
	return ui.Flash(text)
}

// editStatus is what the footer says of editing: a bulk change's
// progress, the cells being saved, why the focused cell was refused.
func (v *dbView) editStatus() string {
	if v.ed == nil {
		return ""
	}
	st := v.c.Styles
	if v.ed.conflict != nil {
		return st.Warning.Render("Not saved yet: changed in Notion meanwhile; choose below")
	}
	if v.ed.waitProbe != nil {
		return v.spin.View() + " " + st.Muted.Render("checking that this integration may edit pages…")
	}
	if b := v.ed.bulk; b != nil {
		return v.spin.View() + " " + st.Accent.Render(fmt.Sprintf("%s: %d of %d", b.label, b.done, b.total)) + st.Muted.Render(" · esc stops")
	}
	if i, col := v.table.Cursor(), v.tableCol(); i >= 0 && col >= 0 {
		if f, ok := v.ed.failed[cellKey{v.rows[i].id, col}]; ok {
			return st.Error.Render("✗ not saved: " + f.why + " (e to try again)")
		}
	}
	if n := len(v.ed.pending); n > 0 {
		return v.spin.View() + " " + st.Accent.Render("saving "+textutil.Plural(n, "change", "changes")+"…")
	}
	if n := len(v.ed.marks); n > 0 {
		return st.Accent.Render(textutil.Plural(n, "row", "rows")+" marked") + st.Muted.Render(" · e sets the column on them · d trashes them · esc clears")
	}
	return ""
}

// editPanel is the editor or dialog over the table, or "".
func (v *dbView) editPanel() string {
	ed := v.ed
	switch {
	case ed == nil:
		return ""
	case ed.confirm != nil || ed.conflict != nil:
		return edit.DialogPanel(v.c.Styles, ed.confirm, ed.conflict, v.w)
	case ed.editor != nil:
		return ed.editor.View()
	}
	return ""
}

// editKeyMap is the keys of an open editor or dialog, or nil.
func (v *dbView) editKeyMap() help.KeyMap {
	ed := v.ed
	switch {
	case ed == nil:
		return nil
	case ed.confirm != nil || ed.conflict != nil:
		return edit.DialogKeyMap(ed.confirm, ed.conflict)
	case ed.editor != nil:
		return ed.editor.KeyMap()
	}
	return nil
}

// editBindings are the table's editing keys, for the help.
func (v *dbView) editBindings() []key.Binding {
	k := v.ed.keys
	out := []key.Binding{k.Edit, k.Trash, k.Undo, k.Mark}
	if len(v.ed.marks) > 0 {
		out = append(out, k.Unmark)
	}
	return out
}

// busyEditing reports whether the spinner should turn for editing.
func (v *dbView) busyEditing() bool {
	return v.ed != nil && v.ed.conflict == nil && (v.ed.bulk != nil || len(v.ed.pending) > 0 || v.ed.waitProbe != nil)
}

// tableCol is the table's focused column, or -1 when it has none.
func (v *dbView) tableCol() int {
	if len(v.cols) == 0 {
		return -1
	}
	return v.table.Col()
}

// backKey is what esc does in the table: stop a bulk change, clear the
// marks, or go back.
func (v *dbView) backKey() key.Binding {
	switch {
	case v.ed == nil:
		return v.keys.Back
	case v.ed.bulk != nil:
		return v.ed.keys.Stop
	case len(v.ed.marks) > 0:
		return v.ed.keys.Unmark
	}
	return v.keys.Back
}

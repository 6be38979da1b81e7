package dbview

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/board"
	"github.com/notion-tui/notion-tui/internal/viewprefs"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/filter"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// viewEntry is a view the picker lists: one of Notion's views of the data
// source (2025-09-03 and later), or one the user saved from their own
// query (kept in the config folder; the only kind under 2022-06-28).
type viewEntry struct {
	notion *notionapi.View
	saved  *viewprefs.SavedView
}

func (e viewEntry) name() string {
	if e.notion != nil {
		return widgets.OrUntitled(e.notion.Name)
	}
	return e.saved.Name
}

// kind says what the view is, as the picker and the header show it.
func (e viewEntry) kind() string {
	switch {
	case e.notion != nil && e.notion.Type == notionapi.ViewTable, e.notion != nil && e.notion.Type == notionapi.ViewBoard:
		return e.notion.Type
	case e.notion != nil:
		return e.notion.Type + ", shown as a table"
	case e.saved.Board():
		return "saved board"
	}
	return "saved table"
}

func (e viewEntry) isBoard() bool {
	if e.notion != nil {
		return e.notion.Type == notionapi.ViewBoard
	}
	return e.saved.Board()
}

func (e viewEntry) same(o viewEntry) bool {
	switch {
	case e.notion != nil && o.notion != nil:
		return e.notion.ID == o.notion.ID
	case e.saved != nil && o.saved != nil:
		return e.saved.Name == o.saved.Name
	}
	return false
}

// viewSet is the views of a data source, kept for the session.
type viewSet struct {
	// notion is nil until listed (on the first look at the picker);
	// notionErr says why they could not be.
	notion    []notionapi.View
	listed    bool
	notionErr error
	prefs     *viewprefs.Prefs
	prefsErr  error
}

var viewSets = ui.NewTable[string, *viewSet]("views")

// entries lists Notion's views that show rows, then the saved ones.
func (s *viewSet) entries() []viewEntry {
	var out []viewEntry
	for i := range s.notion {
		if nv := &s.notion[i]; nv.HasRows() && nv.Type != notionapi.ViewForm {
			out = append(out, viewEntry{notion: nv})
		}
	}
	if s.prefs != nil {
		for i := range s.prefs.Views {
			out = append(out, viewEntry{saved: &s.prefs.Views[i]})
		}
	}
	return out
}

// Messages of the views.
type (
	// prefsMsg carries the saved views and chosen columns, read when
	// the view opens.
	prefsMsg struct {
		view  int64
		prefs *viewprefs.Prefs
		err   error
	}
	// viewsListedMsg carries Notion's views of the data source.
	viewsListedMsg struct {
		view  int64
		views []notionapi.View
		err   error
	}
	// viewOpenedMsg carries the view a link named.
	viewOpenedMsg struct {
		view int64
		v    *notionapi.View
		err  error
	}
	// prefsSavedMsg says the saved views or columns were written.
	prefsSavedMsg struct {
		view  int64
		prefs *viewprefs.Prefs
		flash string
		err   error
		// saved names the view just saved: it is the one shown now.
		saved string
	}
)

// loadPrefs reads the saved views and columns of the data source.
func (v *dbView) loadPrefs() tea.Cmd {
	dir, key, id := v.c.ConfigDir, viewprefs.Key(v.ds), v.id
	return func() tea.Msg {
		if dir == "" {
			return prefsMsg{view: id, prefs: &viewprefs.Prefs{DatabaseID: key}}
		}
		p, err := viewprefs.Load(dir, key)
		return prefsMsg{view: id, prefs: p, err: err}
	}
}

// listViews reads Notion's views of the data source (a list, then each
// view), once a session.
func (v *dbView) listViews() tea.Cmd {
	client, ds, id := v.c.Client(), v.ds.ID, v.id
	ctx := v.ctx
	if client == nil || !notionapi.UsesDataSources(client.Version()) {
		return func() tea.Msg { return viewsListedMsg{view: id} }
	}
	return func() tea.Msg {
		views, err := client.GetViews(ctx, notionapi.ListViewsParams{DataSourceID: ds})
		return viewsListedMsg{view: id, views: views, err: err}
	}
}

// openView reads the view a link named.
func (v *dbView) openView(viewID string) tea.Cmd {
	client, id, ctx := v.c.Client(), v.id, v.ctx
	return tea.Batch(v.tick(), func() tea.Msg {
		nv, err := client.GetView(ctx, viewID)
		return viewOpenedMsg{view: id, v: nv, err: err}
	})
}

// viewsUpdate handles the views' messages; ok is false for others.
func (v *dbView) viewsUpdate(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case prefsMsg:
		if msg.view != v.id {
			return nil, true
		}
		v.set().prefs, v.set().prefsErr = msg.prefs, msg.err
		if msg.prefs == nil {
			v.set().prefs = &viewprefs.Prefs{DatabaseID: viewprefs.Key(v.ds)}
		}
		var cmds []tea.Cmd
		if msg.err != nil {
			cmds = append(cmds, ui.FlashError(msg.err.Error()))
		}
		if v.pendingView == "" && v.active == nil {
			v.useChosenColumns()
		}
		if v.waiting {
			v.waiting = false
			if v.pendingView != "" {
				cmds = append(cmds, v.openView(v.pendingView))
			} else {
				cmds = append(cmds, v.run(v.startQuery()))
			}
		}
		return tea.Batch(cmds...), true
	case viewsListedMsg:
		if msg.view != v.id {
			return nil, true
		}
		s := v.set()
		s.notion, s.notionErr, s.listed = msg.views, msg.err, true
		if v.picker != nil {
			v.picker.refresh(v)
		}
		return nil, true
	case viewOpenedMsg:
		if msg.view != v.id || v.pendingView == "" {
			return nil, true // the user ran a query of their own meanwhile
		}
		v.pendingView = ""
		if msg.err != nil {
			run := v.run(v.startQuery())
			if notionapi.StatusOf(msg.err) == http.StatusNotFound {
				// The database is shared (it opened): the view is gone,
				// or was never one of its views.
				return tea.Batch(run, ui.FlashError("The link's view is not one of this "+v.c.TableNoun()+"'s views (deleted, or not shared): showing every row")), true
			}
			return tea.Batch(run, v.reportError(msg.err, "")), true
		}
		if msg.v.DataSourceID != "" && msg.v.DataSourceID != v.ds.ID {
			return tea.Batch(v.run(v.startQuery()), ui.FlashError(fmt.Sprintf("The view %q belongs to another data source of the database", msg.v.Name))), true
		}
		return v.applyEntry(viewEntry{notion: msg.v}), true
	case moveDoneMsg:
		if msg.view != v.id {
			return nil, true
		}
		return v.moveDone(msg), true
	case prefsSavedMsg:
		if msg.view != v.id {
			return nil, true
		}
		if msg.err != nil {
			return ui.FlashError(msg.err.Error()), true
		}
		v.set().prefs = msg.prefs
		if msg.saved != "" {
			if sv, ok := msg.prefs.View(msg.saved); ok {
				v.active, v.changed = &viewEntry{saved: &sv}, false
				if cr, ok := loadedRows.Get(v.c.Cache, v.ds.ID); ok && !v.loading {
					cr.active, cr.changed = v.active, false
				}
			}
		}
		if v.picker != nil {
			v.picker.moved = false
			v.picker.refresh(v)
		}
		if msg.flash != "" {
			return ui.Flash(msg.flash), true
		}
		return nil, true
	}
	return nil, false
}

// set is the data source's views, kept in the cache.
func (v *dbView) set() *viewSet {
	if s, ok := viewSets.Get(v.c.Cache, v.ds.ID); ok {
		return s
	}
	s := &viewSet{}
	viewSets.Put(v.c.Cache, v.ds.ID, s)
	return s
}

// startQuery is the query a view opens with: every row, with the columns
// the user chose for the data source.
func (v *dbView) startQuery() query {
	q := query{}
	q.fields = v.fieldsFor(v.cols, nil, nil)
	return q
}

// useChosenColumns shows the columns the user chose for the data source,
// if any.
func (v *dbView) useChosenColumns() {
	s := v.set()
	if s.prefs == nil {
		return
	}
	chosen := s.prefs.ColumnsFor(v.ds.ID)
	if chosen == nil {
		return
	}
	cols, widths, _ := viewprefs.Resolve(chosen.Shown, v.ds.Properties)
	v.setColumns(cols, widths)
	v.setWrap(chosen.Wrap)
}

// fieldsFor are the property IDs rows are read with: those shown, the
// title, the sorts' and the board's; nil when that is every property.
func (v *dbView) fieldsFor(cols notionapi.Schema, sorts []notionapi.Sort, group *board.Grouper) []string {
	all := v.ds.Properties
	var ids []string
	add := func(p notionapi.PropertySchema) {
		if p.ID != "" && !slices.Contains(ids, p.ID) {
			ids = append(ids, p.ID)
		}
	}
	if t, ok := all.Title(); ok {
		add(t)
	}
	for _, p := range cols {
		add(p)
	}
	for _, s := range sorts {
		if p, ok := all.Get(s.Property); ok {
			add(p)
		}
	}
	if group != nil {
		add(group.Property())
	}
	if len(ids) >= len(all) {
		return nil
	}
	return ids
}

// pxPerCell turns Notion's column widths (pixels) into terminal cells.
const pxPerCell = 8

// cellsOf is a width in pixels in terminal cells, 0 for none: the
// widest a view's column is drawn (narrower when its values are).
func cellsOf(px int) int {
	if px <= 0 {
		return 0
	}
	return min(max(px/pxPerCell, 6), 60)
}

// applyEntry shows a view: its filter, sorts, columns in its order, frozen
// columns, wrapping, and for a board its grouping.
func (v *dbView) applyEntry(e viewEntry) tea.Cmd {
	all := v.ds.Properties
	q := query{whole: true}
	var cols notionapi.Schema
	var widths, caps []int
	frozen, wrap := 1, false
	var group *board.Grouper
	var notes []string
	if nv := e.notion; nv != nil {
		l := nv.Layout(all)
		if len(nv.Filter) > 0 {
			q.filter = nv.Filter
			if expr, ok := filter.Format(nv.Filter, all, v.filterOptions()); ok {
				q.Expr = expr
			} else {
				q.Raw = widgets.PrettyJSON(nv.Filter)
			}
		}
		for _, s := range nv.Sorts {
			if s.Property != "" {
				p, ok := all.Get(s.Property)
				if !ok {
					notes = append(notes, fmt.Sprintf("its sort by %q, a property the data source no longer has, is left out", s.Property))
					continue
				}
				s.Property = p.Name
			}
			q.Sorts = append(q.Sorts, s)
		}
		cols = l.Schema()
		for _, c := range l.Columns {
			caps = append(caps, cellsOf(c.Width))
		}
		if cfg := nv.Configuration; cfg != nil && cfg.FrozenColumnIndex != nil {
			frozen = l.Frozen
		}
		wrap = l.WrapCells
		if nv.Type == notionapi.ViewBoard {
			if l.GroupBy == nil {
				notes = append(notes, "its grouping property is gone, so it shows as a table")
			} else if g, err := board.New(*l.GroupBy, l.Group); err != nil {
				notes = append(notes, err.Error()+"; it shows as a table")
			} else {
				group = g
			}
		}
		if len(notes) == 0 {
			q.view = nv
		}
		if len(l.Missing) > 0 {
			notes = append(notes, "it shows "+strings.Join(l.Missing, ", ")+", which the data source no longer has")
		}
	} else {
		sv := e.saved
		switch {
		case sv.Filter != "":
			out, err := filter.Compile(sv.Filter, all, v.filterOptions())
			if err != nil {
				notes = append(notes, "its filter no longer compiles: "+err.Error())
			} else {
				q.Expr, q.filter = sv.Filter, out
			}
		case len(sv.FilterJSON) > 0:
			q.Raw, q.filter = widgets.PrettyJSON(sv.FilterJSON), sv.FilterJSON
		}
		for _, s := range sv.Sorts {
			if s.Property != "" {
				p, ok := all.Get(s.Property)
				if !ok {
					notes = append(notes, fmt.Sprintf("its sort by %q is left out", s.Property))
					continue
				}
				s.Property = p.Name
			}
			q.Sorts = append(q.Sorts, s)
		}
		if len(sv.Columns) > 0 {
			var missing []string
			cols, widths, missing = viewprefs.Resolve(sv.Columns, all)
			if len(missing) > 0 {
				notes = append(notes, "it shows "+strings.Join(missing, ", ")+", which the data source no longer has")
			}
		} else {
			cols = all.Ordered()
		}
		if sv.GroupBy != "" {
			if p, ok := all.Get(sv.GroupBy); !ok {
				notes = append(notes, fmt.Sprintf("it groups by %q, which the data source no longer has; it shows as a table", sv.GroupBy))
			} else if g, err := board.New(p, nil); err == nil {
				group = g
			}
		}
	}
	q.group = group
	q.fields = v.fieldsFor(cols, q.Sorts, group)
	v.active, v.changed = &e, false
	v.caps = caps
	v.setColumns(cols, widths)
	v.table.SetFrozen(frozen)
	v.setWrap(wrap)
	v.setBoard(group)
	cmd := v.run(q)
	if len(notes) > 0 {
		cmd = tea.Batch(cmd, ui.Flash(fmt.Sprintf("View %q: %s.", e.name(), strings.Join(notes, "; "))))
	}
	return cmd
}

// clearView leaves the view for the data source's own rows and columns.
func (v *dbView) clearView() tea.Cmd {
	v.active, v.changed, v.caps = nil, false, nil
	v.setColumns(v.ds.Properties.Ordered(), nil)
	v.table.SetFrozen(1)
	v.setWrap(false)
	v.setBoard(nil)
	v.useChosenColumns()
	return v.run(v.startQuery())
}

// markChanged notes that the user changed the view's query or columns:
// the header says so, and the view's own count no longer applies.
func (v *dbView) markChanged(q *query) {
	if v.active != nil {
		v.changed = true
	}
	q.view = nil
}

// saveView keeps the current query, columns and board as a saved view.
func (v *dbView) saveView(name string) tea.Cmd {
	sv := viewprefs.SavedView{Name: strings.TrimSpace(name), DataSourceID: v.ds.ID, Sorts: v.q.Sorts, Saved: v.c.Now()}
	switch {
	case v.q.Expr != "":
		sv.Filter = v.q.Expr
	case v.q.Raw != "":
		sv.FilterJSON = json.RawMessage(v.q.Raw)
	}
	sv.Columns = viewprefs.ColumnsOf(v.cols)
	for i := range sv.Columns {
		if i < len(v.widths) {
			sv.Columns[i].Width = v.widths[i]
		}
	}
	if v.boardOn() {
		sv.GroupBy = v.brd.group.Property().Name
	}
	cmd := v.updatePrefs(fmt.Sprintf("Saved the view %q", sv.Name), func(p *viewprefs.Prefs) error {
		p.Title = v.Title()
		return p.SaveView(sv)
	})
	return func() tea.Msg {
		msg := cmd()
		if m, ok := msg.(prefsSavedMsg); ok && m.err == nil {
			m.saved = sv.Name
			return m
		}
		return msg
	}
}

// deleteView forgets a saved view.
func (v *dbView) deleteView(name string) tea.Cmd {
	if v.active != nil && v.active.saved != nil && v.active.saved.Name == name {
		v.active = nil
	}
	return v.updatePrefs(fmt.Sprintf("Deleted the saved view %q", name), func(p *viewprefs.Prefs) error {
		if !p.DeleteView(name) {
			return fmt.Errorf("no saved view %q", name)
		}
		return nil
	})
}

// updatePrefs changes the saved views or columns in the config folder.
func (v *dbView) updatePrefs(flash string, change func(*viewprefs.Prefs) error) tea.Cmd {
	dir, key, id := v.c.ConfigDir, viewprefs.Key(v.ds), v.id
	if dir == "" {
		return ui.FlashError("No config folder to keep views in")
	}
	return func() tea.Msg {
		p, err := viewprefs.Update(dir, key, change)
		return prefsSavedMsg{view: id, prefs: p, flash: flash, err: err}
	}
}

// viewPicker lists the data source's views (name and type) to apply one,
// save the current query as a view, or delete a saved one.
type viewPicker struct {
	entries []viewEntry
	cursor  int // 0 is "no view"
	// confirm is the saved view a second d deletes.
	confirm string
	// naming is set while the name of a view to save is typed.
	naming bool
	// moved is set once the cursor moved: until then it follows the
	// view shown, as the list fills.
	moved bool
	input textinput.Model
	keys  pickerKeys
}

type pickerKeys struct {
	Up, Down, Apply, Save, Delete, Close, Confirm, Cancel key.Binding
}

func newViewPicker(v *dbView) *viewPicker {
	p := &viewPicker{
		input: widgets.NewInput(v.c.Styles, "name › ", "a name for this view"),
		keys: pickerKeys{
			Up:      keymap.Up.Key(),
			Down:    keymap.Down.Key(),
			Apply:   keymap.Open.Key("show"),
			Save:    keymap.SaveView.Key("save current as a view"),
			Delete:  keymap.Remove.KeyLabel("d", "delete saved view"),
			Close:   keymap.Join("esc", "close", keymap.Back, keymap.Views),
			Confirm: keymap.Submit.Key("save"),
			Cancel:  keymap.Cancel.Key(),
		},
	}
	p.input.CharLimit = 100
	p.refresh(v)
	return p
}

// refresh lists the views again (once Notion's are listed, after a save
// or a delete).
func (p *viewPicker) refresh(v *dbView) {
	p.entries = v.set().entries()
	p.cursor = min(p.cursor, len(p.entries))
	if p.moved {
		return
	}
	p.cursor = 0
	for i, e := range p.entries {
		if v.active != nil && e.same(*v.active) {
			p.cursor = i + 1
		}
	}
}

// selected is the entry under the cursor; ok is false on "no view".
func (p *viewPicker) selected() (viewEntry, bool) {
	if p.cursor == 0 || p.cursor > len(p.entries) {
		return viewEntry{}, false
	}
	return p.entries[p.cursor-1], true
}

func (p *viewPicker) bindings() []key.Binding {
	if p.naming {
		return []key.Binding{p.keys.Confirm, p.keys.Cancel}
	}
	bs := []key.Binding{p.keys.Up, p.keys.Down, p.keys.Apply, p.keys.Save}
	if e, ok := p.selected(); ok && e.saved != nil {
		bs = append(bs, p.keys.Delete)
	}
	return append(bs, p.keys.Close)
}

// pickerInput handles the picker's keys.
func (v *dbView) pickerInput(msg tea.Msg) tea.Cmd {
	p := v.picker
	if p.naming {
		k, ok := msg.(tea.KeyPressMsg)
		switch {
		case ok && key.Matches(k, p.keys.Cancel):
			p.naming = false
			p.input.Blur()
			return nil
		case ok && key.Matches(k, p.keys.Confirm):
			name := strings.TrimSpace(p.input.Value())
			if name == "" {
				return ui.FlashError("A saved view needs a name")
			}
			p.naming = false
			p.input.Blur()
			return v.saveView(name)
		}
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		return cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	wasConfirm := p.confirm
	p.confirm = ""
	switch {
	case key.Matches(k, p.keys.Close):
		v.picker = nil
		v.setMode(modeTable)
	case key.Matches(k, p.keys.Up):
		p.cursor, p.moved = max(0, p.cursor-1), true
	case key.Matches(k, p.keys.Down):
		p.cursor, p.moved = min(len(p.entries), p.cursor+1), true
	case key.Matches(k, p.keys.Apply):
		v.picker = nil
		v.setMode(modeTable)
		if e, ok := p.selected(); ok {
			return v.applyEntry(e)
		}
		return v.clearView()
	case key.Matches(k, p.keys.Save):
		p.naming = true
		name := ""
		if v.active != nil && v.active.saved != nil {
			name = v.active.saved.Name
		}
		p.input.SetValue(name)
		p.input.CursorEnd()
		return p.input.Focus()
	case key.Matches(k, p.keys.Delete):
		e, ok := p.selected()
		if !ok || e.saved == nil {
			return nil
		}
		if wasConfirm != e.saved.Name {
			p.confirm = e.saved.Name
			return nil
		}
		return v.deleteView(e.saved.Name)
	}
	return nil
}

// openPicker shows the views, listing Notion's the first time.
func (v *dbView) openPicker() tea.Cmd {
	v.picker = newViewPicker(v)
	v.setMode(modeViews)
	if s := v.set(); !s.listed {
		s.listed = true // once a session, even when it fails
		return v.listViews()
	}
	return nil
}

// pickerView draws the picker in a panel inner cells wide.
func (v *dbView) pickerView(inner, h int) string {
	st, p := v.c.Styles, v.picker
	var b strings.Builder
	b.WriteString(st.PanelTitle.Render("Views of "+v.Title()) + "\n")
	s := v.set()
	switch {
	case s.notionErr != nil:
		b.WriteString(st.Error.Render(widgets.Truncate("Notion's views could not be listed: "+errText(s.notionErr), inner)) + "\n")
	case !notionapi.UsesDataSources(v.c.Client().Version()):
		b.WriteString(st.Muted.Render(widgets.Truncate("Notion-Version "+v.c.Client().Version()+" has no views API: your saved views", inner)) + "\n")
	case !s.listed || s.notion == nil && s.notionErr == nil && v.listing():
		b.WriteString(st.Muted.Render(v.spin.View()+" Listing Notion's views…") + "\n")
	}
	nameW := widgets.TextWidth("All rows ●")
	for _, e := range p.entries {
		nameW = max(nameW, widgets.TextWidth(e.name())+2)
	}
	nameW = min(nameW, inner/2)
	rows := []string{}
	line := func(i int, name, kind, detail string) {
		mark := "  "
		if i == p.cursor {
			mark = "▸ "
		}
		var lb strings.Builder
		widgets.FitCell(&lb, name, nameW, false)
		text := mark + lb.String() + "  " + widgets.Truncate(kind, 22)
		if detail != "" {
			text += "  " + st.Muted.Render(widgets.Truncate(detail, max(0, inner-widgets.TextWidth(text)-2)))
		}
		if i == p.cursor {
			text = st.Selected.Render(widgets.PadRight(widgets.Truncate(text, inner), inner))
		}
		rows = append(rows, text)
	}
	active := ""
	if v.active == nil {
		active = " ●"
	}
	line(0, "All rows"+active, "", "the "+v.c.TableNoun()+"'s rows and columns")
	for i, e := range p.entries {
		name := e.name()
		if v.active != nil && e.same(*v.active) {
			name += " ●"
		}
		line(i+1, name, e.kind(), entryDetail(e))
	}
	// The lines above the list, and the hint below it, which a short
	// panel leaves out (the name being typed and the question stay).
	used := strings.Count(b.String(), "\n")
	hint := true
	room := h - used - 2
	if !p.naming && p.confirm == "" && room < min(len(rows), 3) {
		hint, room = false, h-used
	}
	room = max(1, room)
	first := max(0, min(p.cursor-room/2, len(rows)-room))
	for _, r := range rows[first:min(len(rows), first+room)] {
		b.WriteString(r + "\n")
	}
	switch {
	case p.naming:
		p.input.SetWidth(max(8, inner-10))
		b.WriteString("\n" + p.input.View())
	case p.confirm != "":
		b.WriteString("\n" + st.Warning.Render(widgets.Truncate(fmt.Sprintf("d again deletes the saved view %q", p.confirm), inner)))
	case hint:
		b.WriteString("\n" + st.Faint.Render(widgets.Truncate("● shows now · S saves the current filter, sorts and columns as a view", inner)))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// listing reports whether Notion's views are being listed.
func (v *dbView) listing() bool {
	s := v.set()
	return s.listed && s.notion == nil && s.notionErr == nil && notionapi.UsesDataSources(v.c.Client().Version())
}

// entryDetail summarises a view's filter and sorts.
func entryDetail(e viewEntry) string {
	var parts []string
	if nv := e.notion; nv != nil {
		if len(nv.Filter) > 0 {
			parts = append(parts, "filtered")
		}
		if len(nv.Sorts) > 0 {
			parts = append(parts, "sorted")
		}
		if cfg := nv.Configuration; cfg != nil && cfg.GroupBy != nil {
			parts = append(parts, "by "+cmp.Or(cfg.GroupBy.PropertyName, cfg.GroupBy.PropertyID))
		}
	} else {
		sv := e.saved
		if sv.Filter != "" {
			parts = append(parts, sv.Filter)
		} else if len(sv.FilterJSON) > 0 {
			parts = append(parts, "JSON filter")
		}
		if len(sv.Sorts) > 0 {
			parts = append(parts, "sort "+sortsText(sv.Sorts))
		}
		if sv.GroupBy != "" {
			parts = append(parts, "by "+sv.GroupBy)
		}
	}
	return strings.Join(parts, " · ")
}

func errText(err error) string {
	var ae *notionapi.APIError
	if errors.As(err, &ae) {
		return fmt.Sprintf("%d %s", ae.Status, ae.Code)
	}
	if errors.Is(err, context.Canceled) {
		return "cancelled"
	}
	return err.Error()
}

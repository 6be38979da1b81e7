package preview

import (
	"context"
	"maps"
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/pageedit"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/edit"
	"github.com/notion-tui/notion-tui/tui/internal/fields"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// Editing from the preview: e picks a property and edits it with the
// table's editors, d moves the page to the trash (or restores it), u
// undoes the session's last change. The page is shown changed at once;
// the edit machinery (package edit) checks it against the page as it is
// now before sending, as the table does.

type editKeys struct {
	Edit, Trash, Undo key.Binding
}

func newEditKeys() editKeys {
	return editKeys{
		Edit:  keymap.Edit.Key(),
		Trash: keymap.Remove.Key("trash / restore"),
		Undo:  keymap.Undo.Key(),
	}
}

// editing is the preview's state of editing.
type editing struct {
	keys editKeys
	// pick chooses the property to edit; props are its items.
	pick  *widgets.PickList
	props []notionapi.PropertySchema
	// editor edits one property.
	editor *edit.Editor
	// saving is the edits under way, with the page as it was before each.
	saving   map[int64]*notionapi.Page
	typed    map[int64]string
	conflict *edit.ConflictMsg
	confirm  *edit.Confirmation
	// note is the outcome of the last edit, shown under the URL; bad
	// marks a failure.
	note string
	bad  bool
	// drafts holds, by property, text typed and not saved: e offers it.
	drafts map[string]string
	// next runs once the capability or the schema is known.
	next      func() tea.Cmd
	probing   bool
	schemaFor int64
}

func newEditing() *editing {
	return &editing{keys: newEditKeys(), saving: map[int64]*notionapi.Page{}, typed: map[int64]string{}, drafts: map[string]string{}}
}

// editSchemaMsg brings the schema of the page's data source, for editing.
type editSchemaMsg struct {
	view   int64
	schema notionapi.Schema
	err    error
}

// modal reports whether a picker, an editor or a dialog has the keys.
func (p *pagePreview) modal() bool {
	ed := p.ed
	return ed.pick != nil || ed.editor != nil || ed.conflict != nil || ed.confirm != nil
}

// editInput gives keys to the open picker, editor or dialog.
func (p *pagePreview) editInput(msg tea.Msg) (tea.Cmd, bool) {
	ed := p.ed
	if cmd, ok := edit.DialogInput(p.c, &ed.confirm, &ed.conflict, msg); ok {
		return cmd, true
	}
	switch {
	case ed.pick != nil:
		chosen, cancel, cmd := ed.pick.Update(msg)
		switch {
		case cancel:
			ed.pick = nil
		case chosen >= 0:
			prop := ed.props[chosen]
			ed.pick = nil
			return tea.Batch(cmd, p.openEditor(prop)), true
		}
		return cmd, true
	case ed.editor != nil:
		cmd, act := ed.editor.Update(msg)
		switch act {
		case edit.ActCancel:
			ed.editor = nil
		case edit.ActSave:
			return tea.Batch(cmd, p.saveEditor()), true
		}
		return cmd, true
	}
	return nil, false
}

// editKey handles e, D and u.
func (p *pagePreview) editKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := p.ed.keys
	switch {
	case key.Matches(k, keys.Edit):
		if p.page == nil {
			return ui.Flash("The page is not loaded yet"), true
		}
		if p.page.Trashed() {
			return ui.Flash("The page is in the trash, where Notion changes nothing: d restores it"), true
		}
		return p.withProbe(p.withSchema(p.openPick)), true
	case key.Matches(k, keys.Trash):
		if p.page == nil {
			return ui.Flash("The page is not loaded yet"), true
		}
		return p.withProbe(p.askTrash), true
	case key.Matches(k, keys.Undo):
		return p.undo(), true
	}
	return nil, false
}

// withProbe runs next once the integration is known to be allowed to
// update pages: the guided fix shows before anything is typed.
func (p *pagePreview) withProbe(next func() tea.Cmd) tea.Cmd {
	if pr, ok := edit.UpdateProbe.Get(p.c.Cache); ok {
		switch pr.State {
		case guide.StateFailed:
			return ui.ReportError(pr.CheckErr(), nil)
		case guide.StateOK:
			return next()
		}
	}
	p.ed.next, p.ed.probing = next, true
	p.render()
	return edit.Probe(p.c, p.id)
}

// withSchema returns next, run once the schema of the page's data source
// is known (the options of its selects, the formats of its numbers).
func (p *pagePreview) withSchema(next func() tea.Cmd) func() tea.Cmd {
	return func() tea.Cmd {
		parent := p.page.Parent
		id := parent.DataSourceID
		if id == "" {
			id = parent.DatabaseID
		}
		if id == "" || p.schemaComplete() {
			return next()
		}
		p.ed.next = next
		p.ed.schemaFor = p.c.NextID()
		client, ctx, view := p.c.Client(), p.ctx, p.id
		return func() tea.Msg {
			ds, err := readDataSource(ctx, client, id)
			if err != nil {
				return editSchemaMsg{view: view, err: err}
			}
			return editSchemaMsg{view: view, schema: ds.Properties.Ordered()}
		}
	}
}

func readDataSource(ctx context.Context, client *notionapi.Client, id string) (*notionapi.DataSource, error) {
	if notionapi.UsesDataSources(client.Version()) {
		return client.GetDataSource(ctx, id)
	}
	db, err := client.GetDatabase(ctx, id)
	if err != nil {
		return nil, err
	}
	return db.AsDataSource(), nil
}

// schemaComplete reports whether the schema names every property of the
// page (a table may pass only its shown columns).
func (p *pagePreview) schemaComplete() bool {
	for name := range p.page.Properties {
		if _, ok := p.schema.Get(name); !ok {
			return false
		}
	}
	return true
}

// propSchema is a property's schema, or one made from its value's type.
func (p *pagePreview) propSchema(name string) notionapi.PropertySchema {
	if s, ok := p.schema.Get(name); ok {
		return s
	}
	v := p.page.Properties[name]
	return notionapi.PropertySchema{ID: v.ID, Name: name, Type: v.Type}
}

// openPick lists the page's properties to choose the one to edit: the
// title first, then in the schema's order.
func (p *pagePreview) openPick() tea.Cmd {
	ed := p.ed
	ed.props = ed.props[:0]
	names := make([]string, 0, len(p.page.Properties))
	for n := range p.page.Properties {
		names = append(names, n)
	}
	rank := map[string]int{}
	for i, s := range p.schema {
		rank[s.Name] = i + 1
	}
	slices.SortFunc(names, func(a, b string) int {
		ta, tb := p.page.Properties[a].Type == notionapi.PropTitle, p.page.Properties[b].Type == notionapi.PropTitle
		switch {
		case ta != tb && ta:
			return -1
		case ta != tb:
			return 1
		}
		if rank[a] != rank[b] {
			return rank[a] - rank[b]
		}
		if a < b {
			return -1
		}
		return 1
	})
	var items, notes []string
	for _, n := range names {
		prop := p.propSchema(n)
		ed.props = append(ed.props, prop)
		items = append(items, n)
		note := textutil.SafeLine(widgets.CellText(prop, p.page.Properties[n]))
		if why := edit.ReadOnly(prop, p.page.Properties[n]); why != "" {
			note = "read-only: " + why
		}
		notes = append(notes, note)
	}
	if len(ed.props) == 1 {
		// A page outside a database has only its title: nothing to pick.
		return p.openEditor(ed.props[0])
	}
	ed.pick = widgets.NewPickList(p.c.Styles, items, notes, max(3, min(12, p.h-6)))
	return ed.pick.Focus()
}

// openEditor edits one property, or says why it cannot be edited; a
// checkbox toggles at once.
func (p *pagePreview) openEditor(prop notionapi.PropertySchema) tea.Cmd {
	value := p.page.Properties[prop.Name]
	if why := edit.ReadOnly(prop, value); why != "" {
		return ui.Flash(prop.Name + " cannot be edited: " + why)
	}
	if prop.Type == notionapi.PropCheckbox {
		value.Checkbox = !value.Checkbox
		return p.begin(prop, value, "")
	}
	var users []notionapi.User
	if us, ok := ui.Users.Get(p.c.Cache); ok {
		users = us
	}
	ed := p.ed
	ed.editor = edit.NewEditor(p.c, prop, value, edit.Target(p.page.Title()), users)
	if d, ok := ed.drafts[prop.Name]; ok {
		ed.editor.Offer(d, "it was not saved")
	}
	ed.editor.SetSize(p.w, p.h)
	// Without a list read by a table before, the editor reads its own.
	return tea.Batch(ed.editor.Init(), ed.editor.LoadUsers())
}

// saveEditor begins the edit the editor holds.
func (p *pagePreview) saveEditor() tea.Cmd {
	ed := p.ed
	value, err := ed.editor.Value()
	if err != nil {
		return nil
	}
	prop, text := ed.editor.Property(), ed.editor.Text()
	ed.editor = nil
	return p.begin(prop, value, text)
}

// begin shows the new value at once and begins the edit, checked against
// the value the preview shows.
func (p *pagePreview) begin(prop notionapi.PropertySchema, value notionapi.PropertyValue, typed string) tea.Cmd {
	pg := p.page
	req := edit.Request{
		Owner:  p.id,
		Edit:   pageedit.FromPage(pg, map[string]notionapi.PropertyValue{prop.Name: value}),
		Schema: p.schema,
		Label:  prop.Name + " of " + edit.Target(pg.Title()),
	}
	if pg.Parent.DataSourceID != "" {
		req.Table = pg.Parent.DataSourceID
	}
	op, cmd := edit.Of(p.c).Begin(p.c, req)
	p.ed.saving[op.ID] = pg
	p.ed.typed[op.ID] = typed
	p.ed.note, p.ed.bad = "", false
	shown := *pg
	shown.Properties = maps.Clone(pg.Properties)
	var users []notionapi.User
	if us, ok := ui.Users.Get(p.c.Cache); ok {
		users = us
	}
	shown.Properties[prop.Name] = fields.WithNames(edit.Named(prop, value), users)
	p.page = &shown
	p.render()
	return tea.Batch(cmd, p.spin.Tick)
}

// askTrash asks before moving the page to the trash; a page in the trash
// is restored without asking.
func (p *pagePreview) askTrash() tea.Cmd {
	pg := p.page
	if pg.Trashed() {
		return p.trash(false)
	}
	p.ed.confirm = &edit.Confirmation{
		Question: "Move " + edit.Target(pg.Title()) + " to the trash?",
		Detail:   "d or u brings it back, as Notion's trash does.",
		Yes:      func() tea.Cmd { return p.trash(true) },
	}
	return nil
}

func (p *pagePreview) trash(in bool) tea.Cmd {
	pg := p.page
	e := pageedit.FromPage(pg, nil)
	e.Trash = &in
	label := edit.Target(pg.Title()) + " (moved to the trash)"
	if !in {
		label = edit.Target(pg.Title()) + " (restored)"
	}
	op, cmd := edit.Of(p.c).Begin(p.c, edit.Request{Owner: p.id, Edit: e, Schema: p.schema, Label: label, Table: pg.Parent.DataSourceID})
	p.ed.saving[op.ID] = pg
	p.ed.note, p.ed.bad = "", false
	p.render()
	return tea.Batch(cmd, p.spin.Tick)
}

// undo puts back the session's last change.
func (p *pagePreview) undo() tea.Cmd {
	label, op, cmd, ok := edit.Of(p.c).Undo(p.c, p.id)
	if !ok {
		return ui.Flash("Nothing to undo in this session")
	}
	if op.Req.Edit.PageID == p.pageID && p.page != nil {
		p.ed.saving[op.ID] = p.page
	}
	p.render()
	return tea.Batch(cmd, p.spin.Tick, ui.Flash("Undoing "+label+"…"))
}

// editUpdate handles the messages of editing.
func (p *pagePreview) editUpdate(msg tea.Msg) (tea.Cmd, bool) {
	if b, next, ok := edit.Next(msg); ok {
		for _, r := range b.Results {
			if r.Page != nil && r.Page.ID == p.pageID {
				p.show(r.Page)
			}
		}
		if b.Op.Req.Owner != p.id {
			return nil, true
		}
		if !b.Finished {
			return next, true
		}
		text := "Put back " + b.Op.Req.Label
		if b.Err != nil {
			text += "; stopped: " + edit.Reason(b.Err)
		}
		return ui.Flash(text), true
	}
	switch msg := msg.(type) {
	case ui.UsersMsg:
		if p.ed.editor != nil {
			if cmd, ok := p.ed.editor.UsersAnswer(msg); ok {
				return cmd, true
			}
		}
	case edit.ProbeMsg:
		if msg.Owner != p.id {
			return nil, true
		}
		return p.probed(msg), true
	case editSchemaMsg:
		if msg.view != p.id {
			return nil, true
		}
		next := p.ed.next
		p.ed.next = nil
		if msg.err != nil {
			return ui.ReportError(msg.err, nil), true
		}
		p.schema = msg.schema
		p.render()
		if next == nil {
			return nil, true
		}
		return next(), true
	case edit.DoneMsg:
		return p.editDone(msg), true
	}
	return edit.RouteCommon(msg, p.id, p.ed.editor, &p.ed.conflict)
}

func (p *pagePreview) probed(msg edit.ProbeMsg) tea.Cmd {
	next := p.ed.next
	p.ed.next, p.ed.probing = nil, false
	p.render()
	pr := msg.Probe
	if pr.State != guide.StateUnknown {
		edit.UpdateProbe.Put(p.c.Cache, pr)
	}
	switch {
	case pr.State == guide.StateFailed:
		return ui.ReportError(pr.CheckErr(), nil)
	case next == nil:
		return nil
	}
	return next()
}

// editDone shows the page as an edit left it; for the preview's own
// edits, it rolls back a failure and keeps what was typed.
func (p *pagePreview) editDone(d edit.DoneMsg) tea.Cmd {
	before, mine := p.ed.saving[d.Op.ID]
	typed := p.ed.typed[d.Op.ID]
	delete(p.ed.saving, d.Op.ID)
	delete(p.ed.typed, d.Op.ID)
	switch {
	case d.Page != nil && d.Page.ID == p.pageID:
		p.show(d.Page)
	case mine && d.Status != edit.Saved:
		p.show(before)
	}
	if !mine && d.Op.Req.Owner != p.id {
		return nil
	}
	name := ""
	for n := range d.Op.Req.Edit.Set {
		name = n
	}
	switch d.Status {
	case edit.Saved, edit.Unchanged:
		delete(p.ed.drafts, name)
		p.ed.note, p.ed.bad = edit.Describe(d), false
		if d.Status == edit.Saved && !d.Op.IsUndo() {
			p.ed.note += " · u undoes"
		}
		p.render()
		return nil
	case edit.Kept:
		if typed != "" {
			p.ed.drafts[name] = typed
		}
		p.ed.note, p.ed.bad = edit.Describe(d), false
		if typed != "" {
			p.ed.note += " · e brings back what you typed"
		}
		p.render()
		return nil
	}
	if typed != "" && name != "" {
		p.ed.drafts[name] = typed
	}
	p.ed.note, p.ed.bad = edit.Describe(d), true
	if typed != "" {
		p.ed.note += " (e brings back what you typed)"
	}
	p.render()
	if notionapi.StatusOf(d.Err) == 403 && d.Field == "" {
		edit.UpdateProbe.Put(p.c.Cache, guide.Probe{Capability: guide.CapUpdateContent, State: guide.StateFailed, Err: d.Err})
		return ui.ReportError(d.Err, nil)
	}
	return nil
}

// show replaces the page shown, and the session's copy of it.
func (p *pagePreview) show(pg *notionapi.Page) {
	if pg == nil {
		return
	}
	p.page = pg
	if pc, ok := loadedPages.Get(p.c.Cache, p.pageID); ok {
		pc.page = pg
	}
	p.render()
}

// busy reports whether an edit of the preview is under way.
func (p *pagePreview) editBusy() bool { return len(p.ed.saving) > 0 || p.ed.probing }

// editLine is what the preview says of editing under the URL, or "".
func (p *pagePreview) editLine() string {
	st := p.c.Styles
	ed := p.ed
	switch {
	case ed.probing:
		return p.spin.View() + " " + st.Muted.Render("checking that this integration may edit pages…")
	case ed.conflict != nil:
		return st.Warning.Render("Not saved yet: changed in Notion meanwhile; choose below")
	case len(ed.saving) > 0:
		return p.spin.View() + " " + st.Accent.Render("saving…")
	case ed.note != "" && ed.bad:
		return st.Error.Render("✗ " + ed.note)
	case ed.note != "":
		return st.Success.Render("✓ ") + st.Muted.Render(ed.note)
	case p.page != nil && p.page.Trashed():
		return st.Warning.Render("In the trash") + st.Muted.Render(" · d restores it")
	}
	return ""
}

// editPanel is the picker, editor or dialog over the page, or "".
func (p *pagePreview) editPanel() string {
	ed := p.ed
	st := p.c.Styles
	switch {
	case ed.confirm != nil || ed.conflict != nil:
		return edit.DialogPanel(st, ed.confirm, ed.conflict, p.w)
	case ed.editor != nil:
		return ed.editor.View()
	case ed.pick != nil:
		w := widgets.PanelWidth(p.w)
		body := st.PanelTitle.Render("Edit which property?") + "\n" + ed.pick.View(w-4)
		return st.PanelFocus.Width(w).Render(body)
	}
	return ""
}

// editKeyMap is the keys of the open picker, editor or dialog, or nil.
func (p *pagePreview) editKeyMap() help.KeyMap {
	ed := p.ed
	switch {
	case ed.confirm != nil || ed.conflict != nil:
		return edit.DialogKeyMap(ed.confirm, ed.conflict)
	case ed.editor != nil:
		return ed.editor.KeyMap()
	case ed.pick != nil:
		k := ed.pick.Keys
		return ui.KeyMapOf([]key.Binding{k.Up, k.Down, k.Choose, k.Cancel})
	}
	return nil
}

package dbview

import (
	"context"
	"net/http"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/edit"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// dbMode is what the database view shows besides its table.
type dbMode int

const (
	modeTable   dbMode = iota
	modeFilter         // the filter line is open above the table
	modeSorts          // the sorts editor
	modeRaw            // the raw JSON filter editor
	modeSchema         // the schema panel
	modeJSON           // the request body panel
	modeHistory        // the list of earlier queries
	modeViews          // the view picker
	modeColumns        // the column chooser
	modeFind           // the find line over the rows loaded
	modeFollow         // choosing one of a cell's related pages
	modeCopy           // the copy menu
)

// dbView is a data source's rows in a table, with its schema, filter,
// sorts and query history. Rows stream in page by page behind the table,
// which stays usable.
type dbView struct {
	c     *ui.Common
	id    int64
	ctx   context.Context // lives until the view closes
	done  context.CancelFunc
	ds    *notionapi.DataSource
	cols  notionapi.Schema // title first, then server order
	table *widgets.Table
	rows  dbRows
	q     query
	users []notionapi.User
	// usersErr says why the users list cannot be read: people are then
	// edited by ID.
	usersErr error
	hist     *queryHistory

	// The query running or last run.
	gen     int64
	cancel  context.CancelFunc
	stream  *rowStream
	loading bool
	capped  bool
	err     error

	loadingSchema bool
	ticking       bool
	spin          spinner.Model

	mode  dbMode
	line  *filterLine
	sorts *sortsEditor
	raw   *rawEditor
	pick  *widgets.PickList // history
	panel *widgets.TextPanel

	// Views: the one shown (nil for none), whether the user changed it
	// here, the picker, and a link's view waiting to open.
	active      *viewEntry
	changed     bool
	picker      *viewPicker
	pendingView string
	// waiting is set while the first query waits for the saved columns.
	waiting bool
	// pendingHist is the query run, kept in the history once Notion
	// accepts it (recent.go).
	pendingHist *pendingQuery
	// readPath says how a view's rows were read; reading counts rows read
	// and held back to be sorted.
	readPath string
	reading  int

	// Columns: the width chosen for each of cols (0: fitted), wrapping,
	// and the chooser.
	widths  []int
	caps    []int // a view's widths: the widest each column is drawn
	wrap    bool
	chooser *columnChooser

	// brd is the board, when the rows show as one.
	brd *boardState

	w, h int
	keys dbKeys

	// ed is editing in place (edit.go); loadedAt is when the rows were
	// read, for the rechecks of a bulk change.
	ed       *editing
	loadedAt time.Time
	// snap says whether the rows can be exported as they were read
	// (rawrows.go); nil while they load.
	snap *rowsSnapshot
	// changedWhileLoading says a row was added or changed here while
	// the rows were read: they are not exported as read.
	changedWhileLoading bool
	browseState
}

type dbKeys struct {
	Open, Filter, Sort, Raw, History, JSON, Schema, Export, New, Copy, Refresh, Back key.Binding
	PanelUp, PanelDown, PanelCopy                                                    key.Binding
	Views, Columns, Board                                                            key.Binding
}

func newDBKeys() dbKeys {
	return dbKeys{
		Open:      keymap.Open.Key("open row"),
		Filter:    keymap.Filter.Key(),
		Sort:      keymap.Sort.Key(),
		Raw:       keymap.RawFilter.Key(),
		History:   keymap.History.Key(),
		JSON:      keymap.Request.Key(),
		Schema:    keymap.Schema.Key(),
		Export:    keymap.Export.Key(),
		New:       keymap.New.Key(),
		Copy:      keymap.Copy.Key("copy page ID"),
		Refresh:   keymap.Refresh.Key(),
		Back:      ui.BackKey,
		PanelUp:   keymap.Up.Key("scroll up"),
		PanelDown: keymap.Down.Key("scroll down"),
		PanelCopy: keymap.Copy.Key("copy JSON"),
		Views:     keymap.Views.Key(),
		Columns:   keymap.Columns.Key(),
		Board:     keymap.Board.Key(),
	}
}

// New opens a data source. A data source found by search
// carries its schema, so the first rows come after one round trip;
// otherwise the schema is read first. viewID, when set, is the view a
// link named: it opens in that view.
func newDatabaseView(c *ui.Common, ds *notionapi.DataSource, viewID string) *dbView {
	v := &dbView{
		c: c, id: c.NextID(), ds: ds, table: widgets.NewTable(c.Styles, 1), keys: newDBKeys(),
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent)),
	}
	v.ctx, v.done = context.WithCancel(c.Ctx)
	v.pendingView = viewID
	v.setUpEditing()
	v.initBrowse()
	v.setSchema(ds)
	if h, ok := queryHistories.Get(c.Cache); ok {
		v.hist = h
	}
	if us, ok := ui.Users.Get(c.Cache); ok {
		v.users = us
	}
	return v
}

// loadedRows keeps each data source's last complete query and its rows,
// by data source ID.
var loadedRows = ui.NewTable[string, *cachedRows]("rows")

type cachedRows struct {
	q    query
	cols notionapi.Schema
	rows dbRows
	// The view shown and how it looked.
	active   *viewEntry
	changed  bool
	widths   []int
	caps     []int
	wrap     bool
	frozen   int
	readPath string
	snap     *rowsSnapshot
}

func (v *dbView) setSchema(ds *notionapi.DataSource) {
	v.ds = ds
	v.cols = ds.Properties.Ordered()
	v.widths = nil
	v.layoutColumns()
}

func (v *dbView) Init() tea.Cmd {
	var cmds []tea.Cmd
	if v.hist == nil {
		cmds = append(cmds, loadHistory(v.c.ConfigDir))
	}
	if v.users == nil && notionapi.StatusOf(v.usersErr) != http.StatusForbidden {
		cmds = append(cmds, v.c.LoadUsers(v.ctx, v.id)) // not again once Notion refused it
	}
	if cr, ok := loadedRows.Get(v.c.Cache, v.ds.ID); ok && len(v.ds.Properties) > 0 && v.pendingView == "" {
		v.q, v.cols, v.rows = cr.q, cr.cols, cr.rows
		v.active, v.changed, v.widths, v.caps, v.readPath, v.snap = cr.active, cr.changed, cr.widths, cr.caps, cr.readPath, cr.snap
		v.table.SetFrozen(cr.frozen)
		v.setWrap(cr.wrap)
		v.setBoard(cr.q.group)
		v.table.SetData(v.rows)
		v.layoutColumns()
		return tea.Batch(cmds...)
	}
	if len(v.ds.Properties) == 0 {
		return tea.Batch(append(cmds, v.fetchSchema())...)
	}
	// The first query waits for the columns the user chose (a local
	// file), so that hidden ones are not downloaded, or for the view a
	// link named.
	v.waiting, v.loading = true, true
	return tea.Batch(append(cmds, v.loadPrefs(), v.tick())...)
}

// Close stops every request of the view.
func (v *dbView) Close() { v.done() }

func (v *dbView) stop() {
	if v.cancel != nil {
		v.cancel()
		v.cancel = nil
	}
}

// schemaMsg carries a data source read again.
type schemaMsg struct {
	view int64
	ds   *notionapi.DataSource
	err  error
}

func (v *dbView) fetchSchema() tea.Cmd {
	v.stop()
	// The rows of the stream stopped are dropped when they come: its
	// last message would stop the schema's read instead (r while rows
	// stream in).
	v.gen = v.c.NextID()
	v.loadingSchema = true
	client, id, view := v.c.Client(), v.ds.ID, v.id
	ctx, cancel := context.WithCancel(v.ctx)
	v.cancel = cancel
	return tea.Batch(v.tick(), func() tea.Msg {
		ds, err := fetchDataSource(ctx, client, id)
		return schemaMsg{view: view, ds: ds, err: err}
	})
}

// fetchDataSource reads a data source, or under 2022-06-28 a database as
// one.
func fetchDataSource(ctx context.Context, client *notionapi.Client, id string) (*notionapi.DataSource, error) {
	if notionapi.UsesDataSources(client.Version()) {
		return client.GetDataSource(ctx, id)
	}
	db, err := client.GetDatabase(ctx, id)
	if err != nil {
		return nil, err
	}
	return db.AsDataSource(), nil
}

// run starts a query, cancelling the one before; late pages of the old
// one are dropped by their generation.
func (v *dbView) run(q query) tea.Cmd {
	v.stop()
	// A query run before the saved columns or a link's view arrived (a
	// sort applied at once) replaces the first query: they no longer
	// start one of their own.
	v.waiting, v.pendingView = false, ""
	if v.fromRecent(q) {
		v.gen = v.c.NextID() // late pages of the query before are dropped
		return nil
	}
	ctx, cancel := context.WithCancel(v.ctx)
	v.cancel = cancel
	v.gen = v.c.NextID()
	v.q = q
	v.loadedAt = v.c.Now()
	v.rows = nil
	v.table.SetData(v.rows)
	v.table.SetCursor(0)
	if v.brd != nil {
		v.brd.rebuild(v.rows, nil)
	}
	v.layoutColumns() // the header marks the new sort at once
	v.loading, v.capped, v.err = true, false, nil
	v.readPath, v.reading = "", 0
	v.snap, v.changedWhileLoading = nil, false
	v.find.matches, v.checked = nil, false
	clear(v.noAccess)
	v.stream = newRowStream(ctx, v.c.Client(), v.c.Titles(), v.ds, q, v.cols)
	return tea.Batch(v.stream.next(v.id, v.gen), v.tick())
}

// tick starts the spinner unless it runs.
func (v *dbView) tick() tea.Cmd {
	if v.ticking {
		return nil
	}
	v.ticking = true
	return v.spin.Tick
}

func (v *dbView) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	s, cmd := v.update(msg)
	// Titles of the related pages that came into view.
	if want := v.wantTitles(); want != nil {
		return s, tea.Batch(cmd, want)
	}
	return s, cmd
}

func (v *dbView) update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	if cmd, ok := v.viewsUpdate(msg); ok {
		return v, cmd
	}
	if cmd, ok := v.editUpdate(msg); ok {
		if v.busyEditing() {
			cmd = tea.Batch(cmd, v.tick())
		}
		return v, cmd
	}
	switch msg := msg.(type) {
	case ui.TitlesMsg:
		v.retitle(msg.IDs)
		if v.mode == modeFollow {
			for i, id := range v.followRefs {
				v.followPick.SetItem(i, v.c.TitleText(id))
			}
		}
		return v, nil
	case relAccessMsg:
		if msg.view == v.id && !msg.shared {
			v.noAccess[msg.col] = true
		}
		return v, nil
	case followMsg:
		if msg.view != v.id {
			return v, nil
		}
		if msg.err != nil {
			return v, v.reportError(msg.err, "")
		}
		return v, v.pickFollow(msg.ids)
	case relatedMsg:
		if msg.view != v.id {
			return v, nil
		}
		return v, v.related(msg)
	case rowsMsg:
		if msg.view != v.id || msg.gen != v.gen {
			return v, nil
		}
		return v, tea.Batch(v.acceptedQuery(msg), v.addRows(msg))
	case schemaMsg:
		if msg.view != v.id {
			return v, nil
		}
		v.loadingSchema = false
		if msg.err != nil {
			v.err = msg.err
			return v, v.reportError(msg.err, "")
		}
		v.setSchema(msg.ds)
		if v.waiting {
			// The schema of a data source opened by ID: now the saved
			// columns, then the rows.
			return v, v.loadPrefs()
		}
		if v.active != nil {
			return v, v.applyEntry(*v.active)
		}
		v.useChosenColumns()
		q := v.q
		q.fields = v.fieldsFor(v.cols, q.Sorts, q.group)
		return v, v.run(q)
	case ui.UsersMsg:
		if msg.Req != v.id {
			return v, nil
		}
		editor := (*edit.Editor)(nil)
		if v.ed != nil {
			editor = v.ed.editor
		}
		if msg.Err != nil {
			v.usersErr = msg.Err
			if editor != nil {
				return v, editor.UsersFailed(msg.Err)
			}
			return v, nil
		}
		v.users = msg.Users
		ui.Users.Put(v.c.Cache, msg.Users)
		if editor != nil {
			editor.UsersLoaded(msg.Users)
		}
		return v, nil
	case historyLoadedMsg:
		if v.hist == nil {
			if h, ok := queryHistories.Get(v.c.Cache); ok {
				v.hist = h
			} else {
				v.hist = msg.h
				queryHistories.Put(v.c.Cache, msg.h)
				if msg.err != nil {
					return v, func() tea.Msg { return ui.FlashMsg{Text: msg.err.Error(), Error: true} }
				}
			}
		}
		return v, nil
	case ui.ReloadMsg:
		if msg.ID == v.id {
			return v, v.refresh()
		}
		return v, nil
	case ui.PageCreatedMsg:
		if msg.DataSourceID == v.ds.ID && msg.Page != nil {
			v.insert(msg.Page)
		}
		return v, nil
	case ui.ConnectionChangedMsg:
		return v, v.refresh()
	case tea.BackgroundColorMsg:
		v.table.SetStyles(v.c.Styles)
		v.layoutColumns()
		return v, nil
	case spinner.TickMsg:
		if msg.ID != v.spin.ID() {
			return v, nil
		}
		if !v.loading && !v.loadingSchema && !v.busyEditing() {
			v.ticking = false
			return v, nil
		}
		var cmd tea.Cmd
		v.spin, cmd = v.spin.Update(msg)
		return v, cmd
	case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
		cmd := v.input(msg)
		if v.busyEditing() {
			cmd = tea.Batch(cmd, v.tick())
		}
		return v, cmd
	}
	return v, v.forward(msg)
}

// forward hands other messages (cursor blinks) to the open editor.
func (v *dbView) forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch v.mode {
	case modeFilter:
		_, cmd = v.line.update(msg)
	case modeRaw:
		_, cmd = v.raw.update(msg)
	}
	return cmd
}

// refresh reads the schema and the rows again.
func (v *dbView) refresh() tea.Cmd {
	loadedRows.Drop(v.c.Cache, v.ds.ID)
	v.forgetRecent()
	return v.fetchSchema()
}

func (v *dbView) reportError(err error, input string) tea.Cmd {
	again := ui.Reload(v.id)
	return func() tea.Msg { return ui.ErrorMsg{Err: err, Retry: again, Input: input} }
}

func (v *dbView) addRows(msg rowsMsg) tea.Cmd {
	if msg.reset {
		v.rows = nil
	}
	if msg.path != "" {
		v.readPath = msg.path
		v.c.Activity.Note(msg.path)
	}
	v.reading = max(v.reading, msg.reading)
	first := len(v.rows) == 0
	v.rows = append(v.rows, msg.rows...)
	v.table.SetData(v.rows)
	if first && len(v.rows) > 0 {
		v.layoutColumns()
	}
	if v.brd != nil {
		v.brd.rebuild(v.rows, msg.names)
	}
	if !msg.done {
		return v.stream.next(v.id, v.gen)
	}
	v.loading, v.capped = false, msg.capped
	v.stop()
	switch {
	case msg.err == nil:
		v.keepSnapshot(msg.raw, msg.rawWhy, msg.capped)
		loadedRows.Put(v.c.Cache, v.ds.ID, &cachedRows{q: v.q, cols: v.cols, rows: v.rows, active: v.active, changed: v.changed,
			widths: v.widths, caps: v.caps, wrap: v.wrap, frozen: v.table.Frozen(), readPath: v.readPath, snap: v.snap})
		v.keepRecent()
		v.noteTotal()
		return v.checkRelations()
	case ui.IsCancel(msg.err):
	default:
		v.err = msg.err
		return v.reportError(msg.err, v.queryInput())
	}
	return nil
}

// queryInput is the filter the user wrote, shown next to a validation
// error.
func (v *dbView) queryInput() string {
	if v.q.Raw != "" {
		return v.q.Raw
	}
	return v.q.Expr
}

// insert shows a page created from the form as the newest row.
func (v *dbView) insert(p *notionapi.Page) {
	for _, r := range v.rows {
		if r.id == p.ID {
			return
		}
	}
	row := newDBRow(p, v.cols, v.c.Titles())
	if v.brd != nil {
		row.keys = v.brd.group.Keys(p.Properties[v.brd.group.Property().Name])
	}
	v.rows = append(v.rows, row)
	if v.brd != nil {
		v.brd.rebuild(v.rows, nil)
	}
	v.table.SetData(v.rows)
	v.table.SetCursor(len(v.rows) - 1)
	if cr, ok := loadedRows.Get(v.c.Cache, v.ds.ID); ok {
		cr.rows = v.rows
	}
	v.rowsChanged()
}

// input handles keys, the mouse and pastes by mode.
func (v *dbView) input(msg tea.Msg) tea.Cmd {
	if cmd, ok := v.editInput(msg); ok {
		return cmd
	}
	switch v.mode {
	case modeFilter:
		act, cmd := v.line.update(msg)
		return tea.Batch(cmd, v.finish(act, v.filterEdit), v.lookupRelated())
	case modeFind, modeFollow, modeCopy:
		return v.browseInput(msg)
	case modeSorts:
		act, cmd := v.sorts.update(msg)
		return tea.Batch(cmd, v.finish(act, v.sortsEdit))
	case modeRaw:
		act, cmd := v.raw.update(msg)
		return tea.Batch(cmd, v.finish(act, v.rawEdit))
	case modeHistory:
		chosen, cancel, cmd := v.pick.Update(msg)
		if cancel {
			v.setMode(modeTable)
		} else if chosen >= 0 {
			v.setMode(modeTable)
			return v.recall(v.hist.entries(v.ds.ID)[chosen].query)
		}
		return cmd
	case modeSchema, modeJSON:
		return v.panelInput(msg)
	case modeViews:
		return v.pickerInput(msg)
	case modeColumns:
		return v.chooserInput(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if v.brd == nil {
			v.table.Update(msg)
		}
		return nil
	}
	if v.brd != nil {
		return v.boardKey(k)
	}
	return v.tableKey(k)
}

func (v *dbView) tableKey(k tea.KeyPressMsg) tea.Cmd {
	if v.table.Update(k) {
		return nil
	}
	return v.commonKey(k)
}

// selectedRow is the row under the cursor (the table's, or the board's
// selected card), or -1.
func (v *dbView) selectedRow() int {
	if v.brd != nil {
		return v.brd.selectedRow()
	}
	return v.table.Cursor()
}

// commonKey handles the keys the table and the board share.
func (v *dbView) commonKey(k tea.KeyPressMsg) tea.Cmd {
	keys := v.keys
	if cmd, ok := v.editKey(k); ok {
		return cmd
	}
	if cmd, ok := v.browseKey(k); ok {
		return cmd
	}
	switch {
	case key.Matches(k, keys.Back):
		v.c.Back()
		return nil
	case key.Matches(k, keys.Open):
		if i := v.selectedRow(); i >= 0 {
			v.c.Open(ui.PagePreview{ID: v.rows[i].id, Schema: v.ds.Properties.Ordered()})
			return nil
		}
	case key.Matches(k, keys.Filter):
		return v.openFilter(v.q.Expr)
	case key.Matches(k, keys.Sort):
		v.sorts = newSortsEditor(v.c.Styles, v.ds.Properties.Ordered(), v.q.Sorts)
		v.setMode(modeSorts)
	case key.Matches(k, keys.Raw):
		v.raw = newRawEditor(v.c.Styles, v.ds.Properties, v.rawStart())
		v.setMode(modeRaw)
		v.sizeEditors()
		return v.raw.focus()
	case key.Matches(k, keys.History):
		return v.openHistory()
	case key.Matches(k, keys.JSON):
		v.panel = widgets.NewTextPanel("Request", v.requestLines())
		v.panel.Wrap = true
		v.setMode(modeJSON)
		v.sizeEditors()
	case key.Matches(k, keys.Schema):
		v.panel = widgets.NewTextPanel("Schema", schemaLines(v.c.Styles, v.ds.Properties.Ordered()))
		v.panel.Wrap = true
		v.setMode(modeSchema)
		v.sizeEditors()
	case key.Matches(k, keys.Export):
		v.c.Push(newExport(v.c, v.ds, v.q, v.knownTotal(), v.capped, v.exportSource()))
		return nil
	case key.Matches(k, keys.New):
		v.c.Open(ui.CreatePage{DataSource: v.ds})
		return nil
	case key.Matches(k, keys.Copy):
		if i := v.selectedRow(); i >= 0 {
			return ui.CopyText(v.rows[i].id, "the page ID "+v.rows[i].id)
		}
	case key.Matches(k, keys.Refresh):
		return v.refresh()
	case key.Matches(k, keys.Views):
		return v.openPicker()
	case key.Matches(k, keys.Columns):
		v.openChooser()
		return nil
	case key.Matches(k, keys.Board):
		return v.toggleBoard()
	}
	return nil
}

// knownTotal is the number of rows the query matches when all are loaded,
// else -1.
func (v *dbView) knownTotal() int {
	if v.loading || v.loadingSchema || v.capped || v.err != nil {
		return -1
	}
	return len(v.rows)
}

// Capturing reports whether typed letters go to a text field.
func (v *dbView) Capturing() bool {
	if v.editModal() {
		return true
	}
	switch v.mode {
	case modeFilter, modeRaw, modeHistory, modeFind, modeFollow, modeCopy:
		return true
	case modeSorts:
		return v.sorts.capturing()
	case modeViews:
		return v.picker.naming
	case modeColumns:
		return false
	}
	return false
}

func (v *dbView) SetSize(w, h int) {
	v.w, v.h = w, h
	v.layoutColumns()
	v.sizeEditors()
}

func (v *dbView) sizeEditors() {
	if v.ed != nil && v.ed.editor != nil {
		v.ed.editor.SetSize(v.w, v.tableHeight())
	}
	if v.line != nil {
		v.line.setWidth(v.w)
	}
	if v.raw != nil {
		v.raw.setSize(widgets.PanelWidth(v.w)-4, max(3, v.tableHeight()-6))
	}
	if v.panel != nil {
		v.panel.SetSize(widgets.PanelWidth(v.w)-4, v.tableHeight()-4)
	}
}

// tableHeight is the height of the table: the body minus the title line,
// the query line(s) and the footer.
func (v *dbView) tableHeight() int {
	lines := 3
	if v.mode == modeFilter || v.mode == modeFind {
		lines++
	}
	return max(2, v.h-lines)
}

// New opens the database view of a data source (a database under
// 2022-06-28), in the view viewID names when it is set (a view link).
func New(c *ui.Common, ds *notionapi.DataSource, viewID string) ui.Screen {
	return newDatabaseView(c, ds, viewID)
}

// setMode switches what the view shows besides its table; the filter line
// takes a line from the table, which is sized again so that the footer
// stays on screen.
func (v *dbView) setMode(m dbMode) {
	v.mode = m
	if v.w > 0 {
		v.table.SetSize(v.w, v.tableHeight())
	}
}

// setColumns shows cols, with chosen widths (nil or 0: fitted).
func (v *dbView) setColumns(cols notionapi.Schema, widths []int) {
	v.cols = cols
	v.widths = make([]int, len(cols))
	copy(v.widths, widths)
	v.layoutColumns()
}

// setWrap wraps cells over three lines, or not.
func (v *dbView) setWrap(on bool) {
	v.wrap = on
	if on {
		v.table.SetRowLines(wrapLines)
	} else {
		v.table.SetRowLines(1)
	}
}

// wrapLines is the height of a row whose cells wrap.
const wrapLines = 3

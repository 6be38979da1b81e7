package tui

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/filter"
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
)

// dbView is a data source's rows in a table, with its schema, filter,
// sorts and query history. Rows stream in page by page behind the table,
// which stays usable.
type dbView struct {
	c     *Context
	id    int64
	ctx   context.Context // lives until the view closes
	done  context.CancelFunc
	ds    *notionapi.DataSource
	cols  notionapi.Schema // title first, then server order
	table *table
	rows  dbRows
	q     query
	users []notionapi.User
	hist  *queryHistory

	// The query running or last run.
	gen     int64
	cancel  context.CancelFunc
	stream  *rowStream
	loading bool
	capped  bool
	err     error

	loadingSchema bool
	started       bool
	ticking       bool
	spin          spinner.Model

	mode  dbMode
	line  *filterLine
	sorts *sortsEditor
	raw   *rawEditor
	pick  *pickList // history
	panel *textPanel

	w, h int
	keys dbKeys
}

type dbKeys struct {
	Open, Filter, Sort, Raw, History, JSON, Schema, Export, New, Copy, Refresh, Back key.Binding
	PanelUp, PanelDown, PanelCopy                                                    key.Binding
}

func newDBKeys() dbKeys {
	return dbKeys{
		Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open row")),
		Filter:    key.NewBinding(key.WithKeys("/", "f"), key.WithHelp("/", "filter")),
		Sort:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Raw:       key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "raw JSON filter")),
		History:   key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "earlier queries")),
		JSON:      key.NewBinding(key.WithKeys("J"), key.WithHelp("J", "request JSON")),
		Schema:    key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "schema")),
		Export:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export")),
		New:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new page")),
		Copy:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy page ID")),
		Refresh:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Back:      BackKey,
		PanelUp:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		PanelDown: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PanelCopy: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy JSON")),
	}
}

// newDatabaseView opens a data source. A data source found by search
// carries its schema, so the first rows come after one round trip;
// otherwise the schema is read first.
func newDatabaseView(c *Context, ds *notionapi.DataSource) *dbView {
	v := &dbView{
		c: c, id: c.NextID(), ds: ds, table: newTable(c.Styles, 1), keys: newDBKeys(),
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent)),
	}
	v.ctx, v.done = context.WithCancel(c.Ctx)
	v.setSchema(ds)
	if h, ok := Get[*queryHistory](c.Cache, historyCacheKey); ok {
		v.hist = h
	}
	if us, ok := Get[[]notionapi.User](c.Cache, usersCacheKey); ok {
		v.users = us
	}
	return v
}

// rowsCacheKey keeps a data source's last complete query and rows.
func rowsCacheKey(dsID string) string { return "rows:" + dsID }

type cachedRows struct {
	q    query
	cols notionapi.Schema
	rows dbRows
}

func (v *dbView) setSchema(ds *notionapi.DataSource) {
	v.ds = ds
	v.cols = ds.Properties.Ordered()
	v.layoutColumns()
}

func (v *dbView) Init() tea.Cmd {
	if v.started {
		return nil
	}
	v.started = true
	var cmds []tea.Cmd
	if v.hist == nil {
		cmds = append(cmds, loadHistory(v.c.ConfigDir))
	}
	if v.users == nil {
		cmds = append(cmds, loadUsers(v.ctx, v.c, v.id))
	}
	if cr, ok := Get[*cachedRows](v.c.Cache, rowsCacheKey(v.ds.ID)); ok && len(v.ds.Properties) > 0 {
		v.q, v.cols, v.rows = cr.q, cr.cols, cr.rows
		v.table.SetData(v.rows)
		v.layoutColumns()
		return tea.Batch(cmds...)
	}
	if len(v.ds.Properties) == 0 {
		return tea.Batch(append(cmds, v.fetchSchema())...)
	}
	return tea.Batch(append(cmds, v.run(query{}))...)
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
	ctx, cancel := context.WithCancel(v.ctx)
	v.cancel = cancel
	v.gen = v.c.NextID()
	v.q = q
	v.rows = nil
	v.table.SetData(v.rows)
	v.table.SetCursor(0)
	v.loading, v.capped, v.err = true, false, nil
	v.stream = newRowStream(ctx, v.c.Client(), v.ds.ID, q, v.cols)
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

func (v *dbView) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case rowsMsg:
		if msg.view != v.id || msg.gen != v.gen {
			return v, nil
		}
		return v, v.addRows(msg)
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
		return v, v.run(v.q)
	case usersMsg:
		if msg.req == v.id && msg.err == nil {
			v.users = msg.users
			v.c.Cache.Put(usersCacheKey, msg.users)
		}
		return v, nil
	case historyLoadedMsg:
		if v.hist == nil {
			if h, ok := Get[*queryHistory](v.c.Cache, historyCacheKey); ok {
				v.hist = h
			} else {
				v.hist = msg.h
				v.c.Cache.Put(historyCacheKey, msg.h)
				if msg.err != nil {
					return v, func() tea.Msg { return FlashMsg{Text: msg.err.Error(), Error: true} }
				}
			}
		}
		return v, nil
	case reloadMsg:
		if msg.id == v.id {
			return v, v.refresh()
		}
		return v, nil
	case PageCreatedMsg:
		if msg.DataSourceID == v.ds.ID && msg.Page != nil {
			v.insert(msg.Page)
		}
		return v, nil
	case SessionChangedMsg:
		return v, v.refresh()
	case tea.BackgroundColorMsg:
		v.table.st = v.c.Styles
		v.layoutColumns()
		return v, nil
	case spinner.TickMsg:
		if msg.ID != v.spin.ID() {
			return v, nil
		}
		if !v.loading && !v.loadingSchema {
			v.ticking = false
			return v, nil
		}
		var cmd tea.Cmd
		v.spin, cmd = v.spin.Update(msg)
		return v, cmd
	case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
		return v, v.input(msg)
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
	v.c.Cache.Drop(rowsCacheKey(v.ds.ID))
	return v.fetchSchema()
}

func (v *dbView) reportError(err error, input string) tea.Cmd {
	again := reload(v.id)
	return func() tea.Msg { return ErrorMsg{Err: err, Retry: again, Input: input} }
}

func (v *dbView) addRows(msg rowsMsg) tea.Cmd {
	first := len(v.rows) == 0
	v.rows = append(v.rows, msg.rows...)
	v.table.SetData(v.rows)
	if first && len(v.rows) > 0 {
		v.layoutColumns()
	}
	if !msg.done {
		return v.stream.next(v.id, v.gen)
	}
	v.loading, v.capped = false, msg.capped
	v.stop()
	switch {
	case msg.err == nil:
		v.c.Cache.Put(rowsCacheKey(v.ds.ID), &cachedRows{q: v.q, cols: v.cols, rows: v.rows})
	case isCancel(msg.err):
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
	v.rows = append(v.rows, newDBRow(p, v.cols))
	v.table.SetData(v.rows)
	v.table.SetCursor(len(v.rows) - 1)
	if cr, ok := Get[*cachedRows](v.c.Cache, rowsCacheKey(v.ds.ID)); ok {
		cr.rows = v.rows
	}
}

// input handles keys, the mouse and pastes by mode.
func (v *dbView) input(msg tea.Msg) tea.Cmd {
	switch v.mode {
	case modeFilter:
		act, cmd := v.line.update(msg)
		return tea.Batch(cmd, v.finishFilter(act))
	case modeSorts:
		act, cmd := v.sorts.update(msg)
		return tea.Batch(cmd, v.finishSorts(act))
	case modeRaw:
		act, cmd := v.raw.update(msg)
		return tea.Batch(cmd, v.finishRaw(act))
	case modeHistory:
		chosen, cancel, cmd := v.pick.update(msg)
		if cancel {
			v.mode = modeTable
		} else if chosen >= 0 {
			v.mode = modeTable
			return v.recall(v.hist.entries(v.ds.ID)[chosen].query)
		}
		return cmd
	case modeSchema, modeJSON:
		return v.panelInput(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		v.table.Update(msg)
		return nil
	}
	return v.tableKey(k)
}

func (v *dbView) tableKey(k tea.KeyPressMsg) tea.Cmd {
	keys := v.keys
	switch {
	case v.table.Update(k):
		return nil
	case key.Matches(k, keys.Back):
		return Pop()
	case key.Matches(k, keys.Open):
		if i := v.table.Cursor(); i >= 0 {
			return Push(newPagePreview(v.c, v.rows[i].id, v.cols))
		}
	case key.Matches(k, keys.Filter):
		return v.openFilter(v.q.Expr)
	case key.Matches(k, keys.Sort):
		v.sorts = newSortsEditor(v.c.Styles, v.cols, v.q.Sorts)
		v.mode = modeSorts
	case key.Matches(k, keys.Raw):
		v.raw = newRawEditor(v.c.Styles, v.rawStart())
		v.mode = modeRaw
		v.sizeEditors()
		return v.raw.focus()
	case key.Matches(k, keys.History):
		return v.openHistory()
	case key.Matches(k, keys.JSON):
		v.panel = newTextPanel("Request", v.requestLines())
		v.mode = modeJSON
	case key.Matches(k, keys.Schema):
		v.panel = newTextPanel("Schema", schemaLines(v.c.Styles, v.cols))
		v.mode = modeSchema
	case key.Matches(k, keys.Export):
		return Push(newExport(v.c, v.ds, v.q, v.knownTotal(), v.capped))
	case key.Matches(k, keys.New):
		return Push(newCreateForm(v.c, v.ds))
	case key.Matches(k, keys.Copy):
		if i := v.table.Cursor(); i >= 0 {
			return copyText(v.rows[i].id, "the page ID "+v.rows[i].id)
		}
	case key.Matches(k, keys.Refresh):
		return v.refresh()
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

func (v *dbView) openFilter(expr string) tea.Cmd {
	var recall []string
	if v.hist != nil {
		for _, e := range v.hist.entries(v.ds.ID) {
			if e.Expr != "" {
				recall = append(recall, e.Expr)
			}
		}
	}
	v.line = newFilterLine(v.c.Styles, v.cols, v.filterOptions(), expr, recall)
	v.line.setWidth(v.w)
	v.mode = modeFilter
	return v.line.focus()
}

func (v *dbView) filterOptions() filter.Options {
	return filter.Options{Now: v.c.Now, Users: v.users}
}

// rawStart is the raw editor's first text: the raw filter, or the
// compiled expression to start from.
func (v *dbView) rawStart() string {
	if v.q.Raw != "" {
		return v.q.Raw
	}
	if len(v.q.filter) > 0 {
		return prettyJSON(v.q.filter)
	}
	return ""
}

func (v *dbView) openHistory() tea.Cmd {
	if v.hist == nil || len(v.hist.entries(v.ds.ID)) == 0 {
		return Flash("No earlier queries of " + v.Title() + " yet")
	}
	var items, notes []string
	for _, e := range v.hist.entries(v.ds.ID) {
		items = append(items, describeQuery(e.query))
		notes = append(notes, e.At.Local().Format("Jan 2 15:04"))
	}
	v.pick = newPickList(v.c.Styles, items, notes, max(3, v.h-10))
	v.mode = modeHistory
	return v.pick.focus()
}

// describeQuery is a one-line summary of a query.
func describeQuery(q query) string {
	var parts []string
	switch {
	case q.Expr != "":
		parts = append(parts, q.Expr)
	case q.Raw != "":
		parts = append(parts, "JSON "+compactJSON(q.Raw))
	}
	if len(q.Sorts) > 0 {
		parts = append(parts, "sort "+sortsText(q.Sorts))
	}
	if len(parts) == 0 {
		return "all rows"
	}
	return strings.Join(parts, " · ")
}

func compactJSON(s string) string {
	var b strings.Builder
	for _, f := range strings.Fields(s) {
		b.WriteString(f)
	}
	return b.String()
}

// recall runs a query from the history, compiled against today's schema;
// an expression that no longer compiles opens in the filter line.
func (v *dbView) recall(q query) tea.Cmd {
	switch {
	case q.Expr != "":
		out, err := filter.Compile(q.Expr, v.cols, v.filterOptions())
		if err != nil {
			return v.openFilter(q.Expr)
		}
		q.filter = out
	case q.Raw != "":
		q.filter = json.RawMessage(q.Raw)
	}
	return v.apply(q)
}

// apply runs q and records it in the history.
func (v *dbView) apply(q query) tea.Cmd {
	var save tea.Cmd
	if v.hist != nil {
		save = v.hist.add(v.ds.ID, q, v.c.Now())
	}
	return tea.Batch(v.run(q), save)
}

func (v *dbView) finishFilter(act lineAction) tea.Cmd {
	switch act {
	case lineCancel:
		v.mode = modeTable
	case lineApply:
		v.mode = modeTable
		q := v.q
		q.Expr, q.Raw, q.filter = v.line.value(), "", v.line.compiled
		return v.apply(q)
	}
	return nil
}

func (v *dbView) finishSorts(act lineAction) tea.Cmd {
	switch act {
	case lineCancel:
		v.mode = modeTable
	case lineApply:
		v.mode = modeTable
		q := v.q
		q.Sorts = v.sorts.sorts
		return v.apply(q)
	}
	return nil
}

func (v *dbView) finishRaw(act lineAction) tea.Cmd {
	switch act {
	case lineCancel:
		v.mode = modeTable
	case lineApply:
		v.mode = modeTable
		q := v.q
		q.Expr, q.Raw, q.filter = "", v.raw.value(), nil
		if q.Raw != "" {
			q.filter = json.RawMessage(q.Raw)
		}
		return v.apply(q)
	}
	return nil
}

func (v *dbView) panelInput(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, v.keys.Back), key.Matches(k, v.keys.Schema) && v.mode == modeSchema,
		key.Matches(k, v.keys.JSON) && v.mode == modeJSON:
		v.mode = modeTable
	case key.Matches(k, v.keys.PanelUp):
		v.panel.scroll(-1)
	case key.Matches(k, v.keys.PanelDown):
		v.panel.scroll(1)
	case key.Matches(k, v.keys.PanelCopy) && v.mode == modeJSON:
		return copyText(string(v.requestBody()), "the query body JSON")
	}
	return nil
}

// requestBody is the JSON body the query sends for its first page.
func (v *dbView) requestBody() []byte {
	body := struct {
		Filter   json.RawMessage  `json:"filter,omitempty"`
		Sorts    []notionapi.Sort `json:"sorts,omitempty"`
		PageSize int              `json:"page_size"`
	}{v.q.filter, v.q.Sorts, notionapi.MaxPageSize}
	b, _ := json.MarshalIndent(body, "", "  ")
	return b
}

func (v *dbView) requestLines() []string {
	path := "/v1/data_sources/" + v.ds.ID + "/query"
	if !notionapi.UsesDataSources(v.c.Client().Version()) {
		path = "/v1/databases/" + v.ds.ID + "/query"
	}
	lines := []string{v.c.Styles.Bold.Render("POST " + path)}
	lines = append(lines, strings.Split(string(v.requestBody()), "\n")...)
	if v.q.Expr != "" {
		lines = append(lines, "", v.c.Styles.Muted.Render("compiled from: "+v.q.Expr))
	}
	if len(v.q.Sorts) == 0 {
		lines = append(lines, v.c.Styles.Muted.Render("Without sorts, every row is read in created_time windows (past the 10,000-row cap)."))
	}
	return lines
}

// Capturing reports whether typed letters go to a text field.
func (v *dbView) Capturing() bool {
	switch v.mode {
	case modeFilter, modeRaw, modeHistory:
		return true
	case modeSorts:
		return v.sorts.capturing()
	}
	return false
}

func (v *dbView) SetSize(w, h int) {
	v.w, v.h = w, h
	v.layoutColumns()
	v.sizeEditors()
}

func (v *dbView) sizeEditors() {
	if v.line != nil {
		v.line.setWidth(v.w)
	}
	if v.raw != nil {
		v.raw.setSize(panelWidth(v.w)-4, max(3, v.tableHeight()-6))
	}
}

// tableHeight is the height of the table: the body minus the title line,
// the query line(s) and the footer.
func (v *dbView) tableHeight() int {
	lines := 3
	if v.mode == modeFilter {
		lines++
	}
	return max(2, v.h-lines)
}

// layoutColumns sizes the columns (see fitColumns) within a cap by type;
// the title column takes at most 40% of the width and the others a
// quarter, so that narrow terminals still show a few columns.
func (v *dbView) layoutColumns() {
	if v.w == 0 {
		return
	}
	cols := make([]column, len(v.cols))
	for i, p := range v.cols {
		cols[i] = column{
			Title: p.Name, Right: rightAligned(p.Type), Check: p.Type == notionapi.PropCheckbox,
			Color: optionColoring(v.c.Styles, p), Multi: p.Type == notionapi.PropMultiSelect,
		}
	}
	caps := make([]int, len(v.cols))
	for i, p := range v.cols {
		caps[i] = min(widthCap(p.Type), max(10, v.w/4))
		if i == 0 {
			caps[i] = min(widthCap(p.Type), max(12, v.w*2/5))
		}
	}
	fitColumns(v.rows, cols, caps, 200, v.w)
	v.table.SetColumns(cols)
	v.table.SetSize(v.w, v.tableHeight())
}

func rightAligned(t notionapi.PropertyType) bool {
	return t == notionapi.PropNumber || t == notionapi.PropUniqueID
}

// widthCap is the widest a column of a type grows.
func widthCap(t notionapi.PropertyType) int {
	switch t {
	case notionapi.PropTitle:
		return 40
	case notionapi.PropRichText:
		return 36
	case notionapi.PropNumber, notionapi.PropUniqueID:
		return 14
	case notionapi.PropCheckbox:
		return 12
	case notionapi.PropSelect, notionapi.PropStatus:
		return 18
	case notionapi.PropMultiSelect:
		return 28
	case notionapi.PropDate:
		return 23
	case notionapi.PropCreatedTime, notionapi.PropLastEditedTime:
		return 16
	case notionapi.PropURL, notionapi.PropEmail:
		return 30
	}
	return 24
}

// optionColoring returns the colouring of a select, status or multi-select
// property's options: the SGR sequence of each option's colour (nil
// without options or colour).
func optionColoring(st *Styles, p notionapi.PropertySchema) func(string) string {
	opts := p.Options()
	if len(opts) == 0 || st.NoColor {
		return nil
	}
	m := make(map[string]string, len(opts))
	for _, o := range opts {
		m[o.Name] = sgr(st.OptionStyle(o.Color))
	}
	return func(name string) string { return m[name] }
}

// sgr is the escape sequence that sets a style's foreground colour.
func sgr(s lipgloss.Style) string {
	fg := s.GetForeground()
	if _, none := fg.(lipgloss.NoColor); none || fg == nil {
		return ""
	}
	return ansi.NewStyle().ForegroundColor(fg).String()
}

func (v *dbView) Title() string {
	if t := v.ds.Title.Plain(); t != "" {
		return t
	}
	return "Untitled"
}

func (v *dbView) KeyMap() help.KeyMap {
	k := v.keys
	switch v.mode {
	case modeFilter:
		fk := v.line.keys
		return KeyMapOf([]key.Binding{fk.Apply, fk.Older, fk.Newer, fk.Cancel})
	case modeSorts:
		return KeyMapOf(v.sorts.bindings())
	case modeRaw:
		return KeyMapOf(v.raw.bindings())
	case modeHistory:
		pk := v.pick.keys
		return KeyMapOf([]key.Binding{pk.Up, pk.Down, pk.Choose, pk.Cancel})
	case modeSchema:
		return KeyMapOf([]key.Binding{k.PanelUp, k.PanelDown, k.Back})
	case modeJSON:
		return KeyMapOf([]key.Binding{k.PanelUp, k.PanelDown, k.PanelCopy, k.Back})
	}
	tk := v.table.keys
	return KeyMapOf(
		[]key.Binding{k.Open, k.Filter, k.Sort, k.Export, k.New, k.Back},
		[]key.Binding{k.Open, k.Copy, k.New, k.Export, k.Refresh, k.Back},
		[]key.Binding{k.Filter, k.Sort, k.Raw, k.History, k.JSON, k.Schema},
		append(tk.moveKeys(), tk.scrollKeys()...),
	)
}

// View draws the title line, the query line, the table and the footer.
func (v *dbView) View() string {
	st := v.c.Styles
	v.table.st = st
	var b strings.Builder
	b.WriteString(v.titleLine())
	b.WriteByte('\n')
	if v.mode == modeFilter {
		b.WriteString(v.line.view(v.w))
	} else {
		b.WriteString(v.queryLine())
	}
	b.WriteByte('\n')
	body := v.bodyView()
	if p := v.panelView(); p != "" {
		body = overlay(body, p, v.w, v.tableHeight())
	}
	b.WriteString(body)
	b.WriteByte('\n')
	b.WriteString(v.footer())
	return b.String()
}

func (v *dbView) titleLine() string {
	st := v.c.Styles
	icon := iconText(v.ds.Icon)
	left := st.Title.Render(icon+v.Title()) + st.Muted.Render(fmt.Sprintf("  %s · %s", plural(len(v.cols), "property", "properties"), kindOf(v.c)+" "+shortID(v.ds.ID)))
	return spread(left, st.Muted.Render("i schema · J request"), v.w)
}

// kindOf names what a table is under the session's version.
func kindOf(c *Context) string {
	if client := c.Client(); client != nil && !notionapi.UsesDataSources(client.Version()) {
		return "database"
	}
	return "data source"
}

func (v *dbView) queryLine() string {
	st := v.c.Styles
	var parts []string
	switch {
	case v.q.Expr != "":
		parts = append(parts, st.Accent.Render("filter ")+v.q.Expr)
	case v.q.Raw != "":
		parts = append(parts, st.Accent.Render("filter ")+"JSON "+compactJSON(v.q.Raw))
	}
	if len(v.q.Sorts) > 0 {
		parts = append(parts, st.Accent.Render("sort ")+sortsText(v.q.Sorts))
	}
	if len(parts) == 0 {
		return st.Muted.Render(truncate("No filter, no sort · / filter · s sort · F raw JSON · H earlier queries", v.w))
	}
	return ansi.Truncate(strings.Join(parts, st.Faint.Render("  ·  ")), v.w, "…")
}

// bodyView is the table or what stands in for it.
func (v *dbView) bodyView() string {
	st := v.c.Styles
	h := v.tableHeight()
	var msg string
	switch {
	case v.loadingSchema && len(v.cols) == 0:
		msg = v.spin.View() + " Reading the schema of " + v.Title() + "…"
	case len(v.rows) > 0:
		return v.table.View()
	case v.loading:
		msg = v.spin.View() + " Querying " + v.Title() + "…"
	case v.err != nil:
		msg = st.Error.Render("The query failed.") + st.Muted.Render(" r tries again; L shows the request.")
	case v.q.Expr != "" || v.q.Raw != "":
		msg = st.Muted.Render("No rows match this filter. Press / to change it.")
	default:
		msg = st.Muted.Render("No rows yet in " + v.Title() + ". Press n to create the first page.")
	}
	lines := v.table.View()
	if len(v.cols) == 0 {
		lines = ""
	}
	head, _, _ := strings.Cut(lines, "\n")
	return head + "\n\n" + msg + strings.Repeat("\n", max(0, h-3))
}

func (v *dbView) panelView() string {
	st := v.c.Styles
	w := panelWidth(v.w)
	inner := w - 4
	h := v.tableHeight() - 2
	var content string
	switch v.mode {
	case modeSorts:
		content = v.sorts.view(inner)
	case modeRaw:
		content = v.raw.view(inner)
	case modeHistory:
		content = st.PanelTitle.Render("Earlier queries of "+v.Title()) + "\n" + v.pick.view(inner)
	case modeSchema, modeJSON:
		content = v.panel.view(inner, h-2, st)
	default:
		return ""
	}
	return st.PanelFocus.Width(w).Render(clipLines(content, h))
}

// panelWidth is the width of a panel drawn over the table.
func panelWidth(w int) int { return max(30, min(w-4, 96)) }

// clipLines keeps the first h lines of s.
func clipLines(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:max(h, 1)]
	}
	return strings.Join(lines, "\n")
}

// footer says how many rows are loaded, whether more are coming, and which
// columns are shown.
func (v *dbView) footer() string {
	st := v.c.Styles
	n := formatCount(len(v.rows))
	var left string
	switch {
	case v.loading:
		left = v.spin.View() + " " + st.Accent.Render(n+" rows loaded") + st.Muted.Render(" · more coming (keys work meanwhile)")
	case v.capped:
		left = st.Warning.Render(n + " rows: the API stops a sorted query at 10,000 — remove the sort to read every row")
	case v.err != nil:
		left = st.Error.Render(n+" rows, then an error") + st.Muted.Render(" · r retries")
	case v.q.Expr == "" && v.q.Raw == "" && len(v.q.Sorts) == 0:
		left = st.Muted.Render(n + " rows · all loaded · oldest first")
	default:
		left = st.Muted.Render(n + " rows · all loaded")
	}
	if i := v.table.Cursor(); i >= 0 && len(v.rows) > 0 {
		left += st.Faint.Render(fmt.Sprintf("  · row %s", formatCount(i+1)))
	}
	right := ""
	if first, last := v.table.visibleColumns(); len(v.cols) > 0 && (first > v.table.frozen || last < len(v.cols)-1) {
		shown := fmt.Sprintf("1–%d", last+1)
		if first > v.table.frozen {
			shown = fmt.Sprintf("1, %d–%d", first+1, last+1)
		}
		right = st.Muted.Render(fmt.Sprintf("columns %s of %d  ←/→", shown, len(v.cols)))
	}
	return spread(left, right, v.w)
}

// formatCount writes n with thousands separators.
func formatCount(n int) string { return notionapi.FormatNumber(float64(n), "number_with_commas") }

// shortID is the first block of an ID, enough to tell objects apart.
func shortID(id string) string {
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return id
}

// iconText is an emoji icon followed by a space, or "".
func iconText(ic *notionapi.Icon) string {
	if ic != nil && ic.Type == "emoji" && ic.Emoji != "" {
		return ic.Emoji + " "
	}
	return ""
}

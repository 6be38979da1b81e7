package explorer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// dbEntry is a row of the databases list: a data source (a database under
// 2022-06-28), or the heading of a database holding several.
type dbEntry struct {
	ds      *notionapi.DataSource
	dbID    string
	section int // data sources under this heading; 0 for a data source
	grouped bool
}

// databasesPane lists every database and data source shared with the
// integration (search with the object filter); typing after / narrows it.
type databasesPane struct {
	c         *ui.Common
	id        int64
	all       []dbEntry
	list      dbList
	table     *widgets.Table
	filter    textinput.Model
	filtering bool
	loading   bool
	loaded    bool
	err       error
	spin      spinner.Model
	w, h      int
	keys      databasesKeys
}

type databasesKeys struct {
	Open, Filter, Done, Clear, Copy, Refresh key.Binding
}

func newDatabasesPane(c *ui.Common) *databasesPane {
	p := &databasesPane{
		c: c, id: c.NextID(), table: widgets.NewTable(c.Styles, 1),
		filter: widgets.NewInput(c.Styles, "/ ", "type part of a title"),
		spin:   spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent)),
		keys: databasesKeys{
			Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
			Filter:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
			Done:    key.NewBinding(key.WithKeys("enter", "down", "up"), key.WithHelp("enter", "done")),
			Clear:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
			Copy:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy ID")),
			Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		},
	}
	p.list.names = map[string]string{}
	return p
}

func (p *databasesPane) Name() string    { return "Databases" }
func (p *databasesPane) Capturing() bool { return p.filtering }

func (p *databasesPane) Init() tea.Cmd {
	if p.loaded || p.loading {
		return nil
	}
	if r, ok := ui.SharedDataSources.Get(p.c.Cache); ok {
		p.show(r)
		if names, ok := ui.Names.Get(p.c.Cache); ok {
			p.list.names = names
		}
		return nil
	}
	return p.load()
}

// databasesMsg carries the search results.
type databasesMsg struct {
	req     int64
	sources []*notionapi.DataSource
	err     error
}

// namesMsg carries the titles of parent pages and databases.
type namesMsg struct {
	req   int64
	names map[string]string
}

func (p *databasesPane) load() tea.Cmd {
	p.loading, p.err = true, nil
	client, ctx, req := p.c.Client(), p.c.Ctx, p.id
	return tea.Batch(p.spin.Tick, func() tea.Msg {
		var out []*notionapi.DataSource
		for r, err := range client.SearchAll(ctx, notionapi.SearchParams{Object: notionapi.ObjectDataSource}) {
			if err != nil {
				return databasesMsg{req: req, err: err}
			}
			switch {
			case r.DataSource != nil:
				out = append(out, r.DataSource)
			case r.Database != nil:
				out = append(out, r.Database.AsDataSource())
			}
		}
		return databasesMsg{req: req, sources: out}
	})
}

// show groups the data sources under their databases, in search order
// (most recently edited first).
func (p *databasesPane) show(sources []*notionapi.DataSource) {
	p.loaded = true
	byDB := map[string][]*notionapi.DataSource{}
	var order []string
	for _, ds := range sources {
		db := ds.DatabaseID()
		if _, seen := byDB[db]; !seen {
			order = append(order, db)
		}
		byDB[db] = append(byDB[db], ds)
	}
	p.all = p.all[:0]
	for _, db := range order {
		group := byDB[db]
		if len(group) > 1 {
			p.all = append(p.all, dbEntry{dbID: db, section: len(group)})
		}
		for _, ds := range group {
			p.all = append(p.all, dbEntry{ds: ds, dbID: db, grouped: len(group) > 1})
		}
	}
	p.narrow()
}

// resolveNames reads the titles of the parent pages and of the databases
// that head a group; objects that cannot be read keep their short ID.
func (p *databasesPane) resolveNames() tea.Cmd {
	var pages, dbs []string
	seen := map[string]bool{}
	for _, e := range p.all {
		switch {
		case e.section > 0:
			if !seen[e.dbID] {
				dbs = append(dbs, e.dbID)
			}
			seen[e.dbID] = true
		case e.ds.DatabaseParent != nil && e.ds.DatabaseParent.PageID != "":
			id := e.ds.DatabaseParent.PageID
			if !seen[id] {
				pages = append(pages, id)
			}
			seen[id] = true
		}
	}
	if len(pages)+len(dbs) == 0 {
		return nil
	}
	client, ctx, req := p.c.Client(), p.c.Ctx, p.id
	return func() tea.Msg {
		names := map[string]string{}
		for _, id := range pages {
			if pg, err := client.GetPage(ctx, id); err == nil {
				names[id] = widgets.IconText(pg.Icon) + pg.Title()
			}
		}
		for _, id := range dbs {
			if db, err := client.GetDatabase(ctx, id); err == nil {
				names[id] = widgets.IconText(db.Icon) + db.Title.Plain()
			}
		}
		return namesMsg{req: req, names: names}
	}
}

func (p *databasesPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case databasesMsg:
		if msg.req != p.id {
			return nil
		}
		p.loading = false
		if msg.err != nil {
			p.err = msg.err
			return ui.ReportError(msg.err, ui.Reload(p.id))
		}
		ui.SharedDataSources.Put(p.c.Cache, msg.sources)
		p.show(msg.sources)
		return p.resolveNames()
	case namesMsg:
		if msg.req == p.id {
			for k, v := range msg.names {
				p.list.names[k] = v
			}
			ui.Names.Put(p.c.Cache, p.list.names)
			p.layout()
		}
		return nil
	case ui.ReloadMsg:
		if msg.ID == p.id {
			return p.load()
		}
		return nil
	case ui.ConnectionChangedMsg:
		p.loaded = false
		p.list.names = map[string]string{}
		return p.load()
	case spinner.TickMsg:
		return ui.SpinWhile(&p.spin, msg, p.loading)
	case tea.KeyPressMsg:
		return p.key(msg)
	case tea.MouseMsg:
		p.table.Update(msg)
		return nil
	case tea.PasteMsg:
		if p.filtering {
			return p.updateFilter(msg)
		}
		return nil
	}
	if p.filtering {
		return p.updateFilter(msg)
	}
	return nil
}

func (p *databasesPane) key(msg tea.KeyPressMsg) tea.Cmd {
	if p.filtering {
		switch {
		case key.Matches(msg, p.keys.Clear):
			p.stopFilter(true)
			return nil
		case key.Matches(msg, p.keys.Done):
			p.stopFilter(false)
			p.table.Update(msg)
			return nil
		}
		return p.updateFilter(msg)
	}
	switch {
	case p.table.Update(msg):
	case key.Matches(msg, p.keys.Filter):
		p.filtering = true
		return p.filter.Focus()
	case key.Matches(msg, p.keys.Clear) && p.filter.Value() != "":
		p.stopFilter(true)
	case key.Matches(msg, p.keys.Open):
		if e := p.selected(); e != nil {
			p.c.Open(ui.DatabaseView{DataSource: e.ds})
			return nil
		}
	case key.Matches(msg, p.keys.Copy):
		if e := p.selected(); e != nil {
			return ui.CopyText(e.ds.ID, p.c.TableNoun()+" ID "+e.ds.ID)
		}
	case key.Matches(msg, p.keys.Refresh):
		ui.SharedDataSources.Drop(p.c.Cache)
		return p.load()
	}
	return nil
}

func (p *databasesPane) updateFilter(msg tea.Msg) tea.Cmd {
	before := p.filter.Value()
	var cmd tea.Cmd
	p.filter, cmd = p.filter.Update(msg)
	if p.filter.Value() != before {
		p.narrow()
		p.table.SetCursor(0)
	}
	return cmd
}

func (p *databasesPane) stopFilter(clear bool) {
	p.filtering = false
	p.filter.Blur()
	if clear {
		p.filter.SetValue("")
		p.narrow()
	}
}

// narrow keeps the entries whose title, database or parent holds the
// filter text; a heading stays when one of its data sources does.
func (p *databasesPane) narrow() {
	q := strings.ToLower(strings.TrimSpace(p.filter.Value()))
	var keep []dbEntry
	for i := 0; i < len(p.all); i++ {
		e := p.all[i]
		if e.section > 0 {
			children := p.all[i+1 : i+1+e.section]
			var kept []dbEntry
			head := strings.Contains(strings.ToLower(p.list.names[e.dbID]), q)
			for _, ch := range children {
				if q == "" || head || p.matches(ch, q) {
					kept = append(kept, ch)
				}
			}
			if len(kept) > 0 {
				keep = append(append(keep, e), kept...)
			}
			i += e.section
			continue
		}
		if q == "" || p.matches(e, q) {
			keep = append(keep, e)
		}
	}
	p.list.entries = keep
	p.list.now = p.c.Now()
	p.table.SetData(p.list)
	p.layout()
}

func (p *databasesPane) matches(e dbEntry, q string) bool {
	return strings.Contains(strings.ToLower(e.ds.Title.Plain()), q) ||
		strings.Contains(strings.ToLower(p.list.parent(e)), q)
}

func (p *databasesPane) selected() *dbEntry {
	i := p.table.Cursor()
	if i < 0 || p.list.entries[i].ds == nil {
		return nil
	}
	return &p.list.entries[i]
}

func (p *databasesPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.filter.SetWidth(max(10, w-4))
	p.layout()
}

func (p *databasesPane) layout() {
	cols := []widgets.Column{{Title: "Title"}, {Title: "Parent"}, {Title: "Properties", Right: true}, {Title: "Last edited"}}
	widgets.FitColumns(p.list, cols, []int{max(16, p.w/2), 30, 10, 16}, len(p.list.entries), p.w)
	p.table.SetColumns(cols)
	p.table.SetSize(p.w, max(1, p.h-4))
}

func (p *databasesPane) KeyMap() help.KeyMap {
	k := p.keys
	if p.filtering {
		return ui.KeyMapOf([]key.Binding{k.Done, k.Clear})
	}
	tk := p.table.Keys
	return ui.KeyMapOf([]key.Binding{tk.Up, tk.Down, k.Open, k.Filter, k.Refresh},
		[]key.Binding{k.Open, k.Filter, k.Clear, k.Copy, k.Refresh}, tk.MoveKeys())
}

func (p *databasesPane) View() string {
	st := p.c.Styles
	p.table.SetStyles(st)
	switch {
	case p.loading && !p.loaded:
		return p.spin.View() + " Searching for shared " + p.c.TableNoun() + "s (POST /v1/search)…"
	case p.err != nil && !p.loaded:
		return st.Error.Render("The search failed.") + st.Muted.Render(" r tries again; L shows the request.")
	case len(p.all) == 0:
		return p.emptyView()
	}
	var b strings.Builder
	switch {
	case p.filtering || p.filter.Value() != "":
		b.WriteString(p.filter.View())
	default:
		n := 0
		for _, e := range p.all {
			if e.ds != nil {
				n++
			}
		}
		b.WriteString(st.Muted.Render(widgets.Truncate(fmt.Sprintf("%s shared with the integration · / filters · enter opens", textutil.Plural(n, p.c.TableNoun(), p.c.TableNoun()+"s")), p.w)))
	}
	b.WriteString("\n")
	if len(p.list.entries) == 0 {
		b.WriteString("\n" + st.Muted.Render("Nothing matches “"+p.filter.Value()+"”. esc clears the filter."))
		return b.String()
	}
	b.WriteString(p.table.View())
	b.WriteString("\n\n" + p.detail())
	return b.String()
}

// detail describes the selected entry: what it is, its IDs.
func (p *databasesPane) detail() string {
	st := p.c.Styles
	e := p.selected()
	if e == nil {
		return ""
	}
	var s string
	if p.c.TableNoun() == "database" {
		s = "database " + e.ds.ID
	} else {
		s = "data source " + e.ds.ID + " · database " + e.dbID
	}
	return st.Faint.Render(widgets.Truncate(s, p.w))
}

func (p *databasesPane) emptyView() string {
	st := p.c.Styles
	name := "your integration"
	if s := p.c.Conn; s != nil && s.BotName != "" {
		name = "“" + s.BotName + "”"
	}
	steps := []string{
		"Open the database (or a page above it) in Notion.",
		"In the ••• menu, choose Connections, then add " + name + ".",
		"Press r here to search again.",
	}
	var b strings.Builder
	b.WriteString(st.Bold.Render("No databases are shared with this integration") + st.Muted.Render(" — here is how to share one:") + "\n")
	for i, s := range steps {
		b.WriteString(fmt.Sprintf("\n  %d. %s", i+1, s))
	}
	b.WriteString("\n\n" + st.Muted.Render("Integrations see only the pages and databases shared with them; a new one sees nothing."))
	return widgets.WrapText(b.String(), p.w)
}

// dbList is the shown entries as table data.
type dbList struct {
	entries []dbEntry
	names   map[string]string
	now     time.Time
}

func (d dbList) Len() int { return len(d.entries) }

func (d dbList) Section(row int) (string, bool) {
	e := d.entries[row]
	if e.section == 0 {
		return "", false
	}
	name := d.names[e.dbID]
	if name == "" {
		name = "database " + widgets.ShortID(e.dbID)
	}
	return "▾ " + name + fmt.Sprintf("  (%d data sources)", e.section), true
}

func (d dbList) Cell(row, col int) string {
	e := d.entries[row]
	if e.ds == nil {
		return ""
	}
	switch col {
	case 0:
		title := widgets.IconText(e.ds.Icon) + widgets.OrUntitled(e.ds.Title.Plain())
		if e.grouped {
			return "  " + title
		}
		return title
	case 1:
		return d.parent(e)
	case 2:
		return strconv.Itoa(len(e.ds.Properties))
	case 3:
		return widgets.Ago(e.ds.LastEditedTime, d.now)
	}
	return ""
}

// parent names where the database sits.
func (d dbList) parent(e dbEntry) string {
	pp := e.ds.DatabaseParent
	switch {
	case pp == nil:
		return ""
	case pp.Workspace || pp.Type == "workspace":
		return "Workspace"
	case pp.PageID != "":
		if n := d.names[pp.PageID]; n != "" {
			return n
		}
		return "page " + widgets.ShortID(pp.PageID)
	case pp.BlockID != "":
		return "a block " + widgets.ShortID(pp.BlockID)
	case pp.DatabaseID != "":
		return "database " + widgets.ShortID(pp.DatabaseID)
	}
	return pp.Type
}

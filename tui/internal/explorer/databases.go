package explorer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
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

// databases lists every database and data source shared with the
// integration (search with the object filter), grouped under their
// databases; typing after / narrows it.
type databases struct {
	all  []dbEntry
	list dbList
	req  int64 // the load whose titles are read
	// older is set under 2022-06-28, whose search leaves out databases
	// with several data sources: the list says so.
	older bool
}

func newDatabasesPane(c *ui.Common) pane {
	d := &databases{list: dbList{names: map[string]string{}}}
	return newListPane[*notionapi.DataSource](c, d, listKeys{
		Open:    keymap.Open.Key(),
		Find:    keymap.Filter.Key(),
		Done:    keymap.Join("enter", "done", keymap.Submit, keymap.Next, keymap.Previous),
		Clear:   keymap.Back.Key("clear filter"),
		Copy:    keymap.Copy.Key(),
		Refresh: keymap.Refresh.Key(),
	}, "/ ", "type part of a title")
}

func (d *databases) name() string   { return "Databases" }
func (d *databases) find() findMode { return findNarrow }

func (d *databases) cached(c *ui.Common) ([]*notionapi.DataSource, bool) {
	sources, ok := ui.SharedDataSources.Get(c.Cache)
	if ok {
		if names, ok := ui.Names.Get(c.Cache); ok {
			d.list.names = names
		}
	}
	return sources, ok
}

func (d *databases) load(c *ui.Common, req int64, _ string) tea.Cmd {
	client, ctx := c.Client(), c.Ctx
	return func() tea.Msg {
		var out []*notionapi.DataSource
		for r, err := range client.SearchAll(ctx, notionapi.SearchParams{Object: notionapi.ObjectDataSource}) {
			if err != nil {
				return listMsg[*notionapi.DataSource]{req: req, err: err}
			}
			switch {
			case r.DataSource != nil:
				out = append(out, r.DataSource)
			case r.Database != nil:
				// Under 2022-06-28 the search lists databases.
				out = append(out, r.Database.AsDataSource())
			}
		}
		return listMsg[*notionapi.DataSource]{req: req, items: out}
	}
}

func (d *databases) loaded(c *ui.Common, req int64, sources []*notionapi.DataSource) tea.Cmd {
	ui.SharedDataSources.Put(c.Cache, sources)
	d.req = req
	return d.resolveNames(c, req)
}

func (d *databases) uncache(c *ui.Common) { ui.SharedDataSources.Drop(c.Cache) }

func (d *databases) reset() { d.list.names = map[string]string{} }

func (d *databases) failed(error) bool { return false }

// show groups the data sources under their databases, in search order
// (most recently edited first).
func (d *databases) show(c *ui.Common, sources []*notionapi.DataSource, q string) {
	byDB := map[string][]*notionapi.DataSource{}
	var order []string
	for _, ds := range sources {
		db := ds.DatabaseID()
		if _, seen := byDB[db]; !seen {
			order = append(order, db)
		}
		byDB[db] = append(byDB[db], ds)
	}
	d.all = d.all[:0]
	for _, db := range order {
		group := byDB[db]
		if len(group) > 1 {
			d.all = append(d.all, dbEntry{dbID: db, section: len(group)})
		}
		for _, ds := range group {
			d.all = append(d.all, dbEntry{ds: ds, dbID: db, grouped: len(group) > 1})
		}
	}
	d.list.now = c.Now()
	d.older = c.TableNoun() == "database"
	d.narrow(q)
}

// ownTitle is the title of database id when the list holds it with a
// single data source (whose title it shares), else "".
func (d *databases) ownTitle(id string) string {
	var only *notionapi.DataSource
	for _, e := range d.all {
		if e.dbID != id || e.ds == nil {
			continue
		}
		if only != nil || e.grouped {
			return ""
		}
		only = e.ds
	}
	if only == nil {
		return ""
	}
	return widgets.IconText(only.Icon) + only.Title.Plain()
}

// namesMsg carries the titles of parent pages and databases.
type namesMsg struct {
	req   int64
	names map[string]string
}

// resolveNames reads the titles of the parent pages and of the databases
// that head a group; objects that cannot be read keep their short ID.
func (d *databases) resolveNames(c *ui.Common, req int64) tea.Cmd {
	var pages, dbs []string
	seen := map[string]bool{}
	for _, e := range d.all {
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
		case e.ds.DatabaseParent != nil && e.ds.DatabaseParent.DatabaseID != "":
			// A database inside another (a wiki's): listed itself with
			// one data source, it is named after it without a request.
			id := e.ds.DatabaseParent.DatabaseID
			if name := d.ownTitle(id); name != "" {
				d.list.names[id] = name
			} else if !seen[id] {
				dbs = append(dbs, id)
			}
			seen[id] = true
		}
	}
	if len(pages)+len(dbs) == 0 {
		return nil
	}
	client, ctx := c.Client(), c.Ctx
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

func (d *databases) update(c *ui.Common, msg tea.Msg) bool {
	m, ok := msg.(namesMsg)
	if !ok || m.req != d.req {
		return false
	}
	for k, v := range m.names {
		d.list.names[k] = v
	}
	ui.Names.Put(c.Cache, d.list.names)
	return true
}

// narrow keeps the entries whose title, database or parent holds the
// filter text; a heading stays when one of its data sources does.
func (d *databases) narrow(filter string) {
	q := strings.ToLower(strings.TrimSpace(filter))
	var keep []dbEntry
	for i := 0; i < len(d.all); i++ {
		e := d.all[i]
		if e.section > 0 {
			children := d.all[i+1 : i+1+e.section]
			var kept []dbEntry
			head := strings.Contains(strings.ToLower(d.list.names[e.dbID]), q)
			for _, ch := range children {
				if q == "" || head || d.matches(ch, q) {
					kept = append(kept, ch)
				}
			}
			if len(kept) > 0 {
				keep = append(append(keep, e), kept...)
			}
			i += e.section
			continue
		}
		if q == "" || d.matches(e, q) {
			keep = append(keep, e)
		}
	}
	d.list.entries = keep
}

func (d *databases) matches(e dbEntry, q string) bool {
	return strings.Contains(strings.ToLower(e.ds.Title.Plain()), q) ||
		strings.Contains(strings.ToLower(d.list.parent(e)), q)
}

func (d *databases) rows() widgets.TableData { return d.list }

func (d *databases) selectable(row int) bool { return d.list.entries[row].ds != nil }

func (d *databases) columns(w int) ([]widgets.Column, []int) {
	return []widgets.Column{{Title: "Title"}, {Title: "Parent"}, {Title: "Properties", Right: true, Whole: true}, {Title: "Last edited", Whole: true}},
		[]int{max(16, w/2), 30, 10, 16}
}

func (d *databases) tableLines() int {
	if d.older {
		return 5
	}
	return 4
}

func (d *databases) open(c *ui.Common, row int) {
	c.Open(ui.DatabaseView{DataSource: d.list.entries[row].ds})
}

func (d *databases) copyID(c *ui.Common, row int) (string, string) {
	id := d.list.entries[row].ds.ID
	return id, c.TableNoun() + " ID " + id
}

func (d *databases) view(p *listState, table string) string {
	st := p.c.Styles
	switch {
	case p.loading && !p.loaded:
		return p.spin + " Searching for shared " + p.c.TableNoun() + "s (POST /v1/search)…"
	case p.err != nil && !p.loaded:
		return st.Error.Render("The search failed.") + st.Muted.Render(" r tries again; L shows the request.")
	case len(d.all) == 0:
		return d.emptyView(p)
	}
	var b strings.Builder
	switch {
	case p.typing || p.inputValue != "":
		b.WriteString(p.input)
	default:
		n := 0
		for _, e := range d.all {
			if e.ds != nil {
				n++
			}
		}
		kind := p.c.TableNoun()
		b.WriteString(st.Muted.Render(widgets.JoinFit([]string{fmt.Sprintf("%s %s", textutil.Plural(n, kind, kind+"s"), p.c.Visible()), "/ filters", "enter opens"}, " · ", p.w)))
	}
	b.WriteString("\n")
	if len(d.list.entries) == 0 {
		b.WriteString("\n" + st.Muted.Render("Nothing matches “"+p.inputValue+"”. esc clears the filter."))
		return b.String()
	}
	b.WriteString(table)
	b.WriteString("\n\n" + d.detail(p))
	if d.older {
		b.WriteString("\n" + st.Warning.Render(olderNote(p.w)))
	}
	return b.String()
}

// olderNote says which databases a 2022-06-28 list lacks, and how to see
// them, in one line of width w.
func olderNote(w int) string {
	const (
		what = "Notion-Version 2022-06-28 leaves out databases with several data sources"
		how  = " · --notion-version 2025-09-03 lists them"
	)
	switch {
	case ansi.StringWidth(what+how) <= w:
		return what + how
	case ansi.StringWidth(what) <= w:
		return what
	}
	return widgets.Truncate("2022-06-28 leaves out databases with several data sources", w)
}

// detail describes the selected entry: what it is, its IDs.
func (d *databases) detail(p *listState) string {
	st := p.c.Styles
	i := p.cursor
	if i < 0 || i >= len(d.list.entries) || d.list.entries[i].ds == nil {
		return ""
	}
	e := d.list.entries[i]
	parts := []string{"database " + e.ds.ID}
	if p.c.TableNoun() != "database" {
		parts = []string{"data source " + e.ds.ID, "database " + e.dbID}
	}
	return st.Faint.Render(widgets.JoinFit(parts, " · ", p.w))
}

func (d *databases) emptyView(p *listState) string {
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

// Section is the heading of a database with several data sources: its
// name and how many it has (no arrow: a heading does not fold).
func (d dbList) Section(row int) (string, bool) {
	e := d.entries[row]
	if e.section == 0 {
		return "", false
	}
	name := d.names[e.dbID]
	if name == "" {
		name = "database " + widgets.ShortID(e.dbID)
	}
	return name + fmt.Sprintf("  (%d data sources)", e.section), true
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
		if n := d.names[pp.DatabaseID]; n != "" {
			return n
		}
		return "database " + widgets.ShortID(pp.DatabaseID)
	}
	return pp.Type
}

package preview

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/notion-tui/notion-tui/internal/pagetext"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// browseKeys are the preview's keys for links, Markdown and comments.
type browseKeys struct {
	Follow, Markdown, Export, Comments key.Binding
}

func newBrowseKeys() browseKeys {
	return browseKeys{
		Follow:   keymap.Follow.Key("follow…"),
		Markdown: keymap.ShowMarkdown.Key(),
		Export:   keymap.Export.Key("export to .md"),
		Comments: keymap.Comments.Key(),
	}
}

// browseState is the preview's share of browsing: related pages by title,
// the links to follow, Notion's Markdown and its export.
type browseState struct {
	bk browseKeys
	// relFull holds the relations read in full (past 25), by property.
	relFull map[string][]string
	// noAccess marks the relations empty because their database is not
	// shared with the connection.
	noAccess map[string]bool
	checked  bool
	// follow is the choice of a link, over targets.
	follow  *widgets.PickList
	targets []target
	// Notion's Markdown of the page, shown instead of the blocks.
	showMD    bool
	md        *notionapi.PageMarkdown
	mdErr     error
	mdLoading bool
	// export asks where to write the page as a .md file.
	export *exportPrompt
}

// target is a link of the page: a related page, a mention, a link to a
// Notion page, a child page or database, or a web link.
type target struct {
	label, kind string
	route       ui.Route // nil for a web link
	url         string
}

func (p *pagePreview) initBrowse() {
	p.bk = newBrowseKeys()
	p.relFull = map[string][]string{}
	p.noAccess = map[string]bool{}
}

// relFullMsg carries a relation read in full.
type relFullMsg struct {
	view int64
	name string
	ids  []string
	err  error
}

// accessMsg says that a relation's database is not shared.
type accessMsg struct {
	view int64
	name string
}

// schemaMsg carries the schema of the page's data source, read to tell
// where its empty relations point.
type schemaMsg struct {
	view   int64
	schema notionapi.Schema
}

// relationWork starts what the page's relations need once it is read:
// the titles of the related pages, the lists cut at 25 read in full, and
// for empty relations whether their database is shared.
func (p *pagePreview) relationWork() tea.Cmd {
	if p.page == nil || p.c.Client() == nil {
		return nil
	}
	client, view, ctx, pageID := p.c.Client(), p.id, p.ctx, p.page.ID
	var ids []string
	var cmds []tea.Cmd
	empty := false
	for name, v := range p.page.Properties {
		if v.Type != notionapi.PropRelation {
			continue
		}
		for _, r := range v.Relation {
			ids = append(ids, r.ID)
		}
		if len(v.Relation) == 0 {
			empty = true
		}
		if _, done := p.relFull[name]; v.HasMore && !done {
			cmds = append(cmds, func() tea.Msg {
				full, err := client.RelationIDs(ctx, pageID, v)
				return relFullMsg{view: view, name: name, ids: full, err: err}
			})
		}
	}
	cmds = append(cmds, p.c.FetchTitles(ids))
	if empty && !p.checked {
		p.checked = true
		if len(p.schema) > 0 {
			cmds = append(cmds, p.checkAccess())
		} else if ds := dataSourceOf(p.page); ds != "" {
			cmds = append(cmds, func() tea.Msg {
				d, err := fetchDataSource(ctx, client, ds)
				if err != nil {
					return schemaMsg{view: view}
				}
				return schemaMsg{view: view, schema: d.Properties.Ordered()}
			})
		}
	}
	return tea.Batch(cmds...)
}

// dataSourceOf is the data source (or database) a page is a row of.
func dataSourceOf(pg *notionapi.Page) string {
	if pg.Parent.DataSourceID != "" {
		return pg.Parent.DataSourceID
	}
	return pg.Parent.DatabaseID
}

// fetchDataSource reads a data source, or a database as one before
// 2025-09-03.
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

// checkAccess asks, for each empty relation, whether its database is
// shared: Notion leaves out the values of relations to a database it
// does not share with the connection.
func (p *pagePreview) checkAccess() tea.Cmd {
	client, view, ctx := p.c.Client(), p.id, p.ctx
	var cmds []tea.Cmd
	for name, v := range p.page.Properties {
		prop, ok := p.schema.Get(name)
		if v.Type != notionapi.PropRelation || len(v.Relation) > 0 || !ok || prop.Relation == nil {
			continue
		}
		target := prop.Relation.QueryTarget(client.Version())
		if target == "" {
			continue
		}
		cmds = append(cmds, func() tea.Msg {
			if _, err := fetchDataSource(ctx, client, target); notionapi.StatusOf(err) == http.StatusNotFound {
				return accessMsg{view: view, name: name}
			}
			return nil
		})
	}
	return tea.Batch(cmds...)
}

// relationText draws a relation: the related pages by title ("…" while a
// title is read), all of them once read in full; an empty one says why
// when its database is not shared.
func (p *pagePreview) relationText(name string, v notionapi.PropertyValue) string {
	st := p.c.Styles
	ids := p.relFull[name]
	more := false
	if ids == nil {
		for _, r := range v.Relation {
			ids = append(ids, r.ID)
		}
		more = v.HasMore
	}
	if len(ids) == 0 {
		if p.noAccess[name] {
			return st.Warning.Render("— its database is not shared with the connection, so Notion leaves the pages out")
		}
		return st.Faint.Render("—")
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = st.Info.Render(p.c.TitleText(id))
	}
	s := strings.Join(parts, st.Faint.Render(", "))
	if more {
		s += st.Faint.Render(" … (reading the rest)")
	}
	return s + st.Faint.Render("  f follows")
}

// targets lists the page's links in reading order: related pages, then
// the content's mentions, links to Notion pages, child pages and
// databases, and web links.
func (p *pagePreview) links() []target {
	var out []target
	seen := map[string]bool{}
	add := func(t target) {
		k := t.kind + t.url
		if r, ok := t.route.(ui.PagePreview); ok {
			k = r.ID
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	if p.page != nil {
		for _, name := range propertyNames(p.page, p.schema) {
			v := p.page.Properties[name]
			if v.Type != notionapi.PropRelation {
				continue
			}
			ids := p.relFull[name]
			if ids == nil {
				for _, r := range v.Relation {
					ids = append(ids, r.ID)
				}
			}
			for _, id := range ids {
				add(target{label: p.c.TitleText(id), kind: name, route: ui.PagePreview{ID: id}})
			}
		}
	}
	var walk func([]blockNode)
	walk = func(nodes []blockNode) {
		for _, n := range nodes {
			b := &n.b
			switch {
			case b.Type == notionapi.BlockChildPage && b.ChildPage != nil:
				add(target{label: widgets.OrUntitled(b.ChildPage.Title), kind: "sub-page", route: ui.PagePreview{ID: b.ID}})
			case b.Type == notionapi.BlockChildDatabase && b.ChildDatabase != nil:
				add(target{label: widgets.OrUntitled(b.ChildDatabase.Title), kind: "database", route: ui.OpenByLink{Link: b.ID, Database: true}})
			}
			if t := b.Text(); t != nil {
				for _, rt := range t.RichText {
					p.richLink(rt, add)
				}
			}
			if b.Bookmark != nil && b.Bookmark.URL != "" {
				p.hrefLink(b.Bookmark.URL, b.Bookmark.URL, add)
			}
			walk(n.children)
		}
	}
	walk(p.blocks)
	return out
}

// richLink adds the link of a rich text run: a mention or an href.
func (p *pagePreview) richLink(rt notionapi.RichText, add func(target)) {
	text := strings.TrimSpace(strings.TrimPrefix(rt.PlainText, "↗"))
	if m := rt.Mention; m != nil {
		switch {
		case m.Page != nil:
			add(target{label: widgets.OrText(text, p.c.TitleText(m.Page.ID)), kind: "mention", route: ui.PagePreview{ID: m.Page.ID}})
			return
		case m.Database != nil:
			add(target{label: widgets.OrText(text, "database"), kind: "mention", route: ui.OpenByLink{Link: m.Database.ID, Database: true}})
			return
		case m.DataSource != nil:
			add(target{label: widgets.OrText(text, "data source"), kind: "mention", route: ui.DatabaseView{DataSource: &notionapi.DataSource{ID: m.DataSource.ID}}})
			return
		case m.LinkMention != nil:
			p.hrefLink(text, m.LinkMention.URL, add)
			return
		}
	}
	if rt.Href != nil && *rt.Href != "" {
		p.hrefLink(text, *rt.Href, add)
	}
}

// hrefLink adds a link: a Notion page link opens in the app, any other in
// the browser.
func (p *pagePreview) hrefLink(text, href string, add func(target)) {
	if u, err := url.Parse(href); err == nil && (strings.HasSuffix(u.Hostname(), "notion.so") || strings.HasSuffix(u.Hostname(), "notion.site") || strings.HasPrefix(href, "/")) {
		if id, err := notionapi.ParseID(href); err == nil {
			add(target{label: widgets.OrText(text, href), kind: "Notion link", route: ui.OpenByLink{Link: id, Database: strings.Contains(href, "?v=")}})
			return
		}
	}
	add(target{label: widgets.OrText(text, href), kind: "web link", url: href})
}

// openFollow lets the user choose a link to follow.
func (p *pagePreview) openFollow() tea.Cmd {
	p.targets = p.links()
	if len(p.targets) == 0 {
		return ui.Flash("This page links to no page, database or web page")
	}
	items, notes := make([]string, len(p.targets)), make([]string, len(p.targets))
	for i, t := range p.targets {
		items[i], notes[i] = t.label, t.kind
		if t.url != "" {
			notes[i] = t.kind + "  " + t.url
		}
	}
	p.follow = widgets.NewPickList(p.c.Styles, items, notes, max(3, p.h-8))
	return p.follow.Focus()
}

// followInput takes a key of the link choice.
func (p *pagePreview) followInput(msg tea.Msg) tea.Cmd {
	chosen, cancel, cmd := p.follow.Update(msg)
	switch {
	case cancel:
		p.follow = nil
	case chosen >= 0:
		p.follow = nil
		t := p.targets[chosen]
		if t.route == nil {
			return p.c.OpenLink(t.url)
		}
		p.c.Open(t.route)
		return nil
	}
	return cmd
}

// mdMsg carries Notion's Markdown of the page.
type mdMsg struct {
	view int64
	md   *notionapi.PageMarkdown
	err  error
}

// toggleMarkdown switches between the blocks and Notion's Markdown,
// reading the Markdown the first time.
func (p *pagePreview) toggleMarkdown() tea.Cmd {
	p.showMD = !p.showMD
	p.top = 0
	defer p.render()
	if !p.showMD || p.md != nil || p.mdLoading {
		return nil
	}
	client := p.c.Client()
	if client == nil {
		return nil
	}
	if !notionapi.SupportsPageMarkdown(client.Version()) {
		p.showMD = false
		return ui.Flash("Notion's Markdown needs Notion-Version 2025-09-03 or later; this session uses " + client.Version())
	}
	return p.loadMarkdown()
}

func (p *pagePreview) loadMarkdown() tea.Cmd {
	client, view, ctx, id := p.c.Client(), p.id, p.ctx, p.pageID
	p.mdLoading, p.mdErr = true, nil
	return tea.Batch(p.spin.Tick, func() tea.Msg {
		md, err := client.ReadPageMarkdown(ctx, id, notionapi.MarkdownParams{})
		return mdMsg{view: view, md: md, err: err}
	})
}

// markdownLines draws Notion's Markdown of the page, wrapped to w.
func (p *pagePreview) markdownLines(w int) []string {
	st := p.c.Styles
	var lines []string
	lines = append(lines, st.Muted.Render(widgets.Truncate("Notion's Markdown of the page (GET /v1/pages/…/markdown) · M shows the blocks · x exports", w)), "")
	switch {
	case p.mdLoading:
		return append(lines, p.spin.View()+" Reading the page as Markdown…")
	case p.mdErr != nil:
		return append(lines, st.Error.Render("Could not read the page as Markdown.")+st.Muted.Render(" r tries again."))
	case p.md == nil:
		return lines
	}
	if n := len(p.md.UnknownBlockIDs); n > 0 {
		lines = append(lines, st.Warning.Render(widgets.Truncate(fmt.Sprintf("%d part(s) of the page are not shared with the connection: <unknown/> tags hold their places.", n), w)), "")
	} else if strings.TrimSpace(p.md.Markdown) == "" {
		return append(lines, st.Muted.Render(widgets.TruncateWords("The page has no content: its Markdown is empty.", w)))
	}
	for _, l := range strings.Split(p.md.Markdown, "\n") {
		l = strings.ReplaceAll(l, "\t", "    ")
		lines = append(lines, strings.Split(lipgloss.Wrap(st.Code.Render(l), max(10, w), ""), "\n")...)
	}
	return lines
}

// exportPrompt asks where to write the page as Markdown.
type exportPrompt struct {
	input   textinput.Model
	confirm bool // the file exists: overwrite?
	err     string
	busy    bool
}

// exportDoneMsg says how the export went.
type exportDoneMsg struct {
	view int64
	path string
	err  error
}

// openExport asks for the file, proposing the page's title in the
// working directory.
func (p *pagePreview) openExport() tea.Cmd {
	if p.page == nil {
		return ui.Flash("The page is not loaded yet")
	}
	in := widgets.NewInput(p.c.Styles, "file › ", "")
	in.SetValue(slug(p.page.Title()) + ".md")
	in.CursorEnd()
	p.export = &exportPrompt{input: in}
	return p.export.input.Focus()
}

// slug makes a file name of a title.
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && r != '/' && r != '\\':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		return "untitled"
	}
	return s
}

// exportInput takes a key of the export prompt.
func (p *pagePreview) exportInput(msg tea.Msg) tea.Cmd {
	e := p.export
	if e.busy {
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case k.String() == "esc" || e.confirm && k.String() == "n":
			p.export = nil
			return nil
		case e.confirm && (k.String() == "y" || k.String() == "enter"):
			return p.writeExport(true)
		case e.confirm:
			return nil
		case k.String() == "enter":
			return p.writeExport(false)
		}
	}
	var cmd tea.Cmd
	e.input, cmd = e.input.Update(msg)
	e.err = ""
	return cmd
}

// writeExport writes the page: the properties as YAML front matter, then
// Notion's Markdown (read now when not yet; the blocks under versions
// without it), to a temporary file renamed into place.
func (p *pagePreview) writeExport(overwrite bool) tea.Cmd {
	e := p.export
	path := strings.TrimSpace(e.input.Value())
	if path == "" {
		e.err = "Give a file name."
		return nil
	}
	if strings.HasPrefix(path, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, path[2:])
		}
	}
	if _, err := os.Stat(path); err == nil && !overwrite {
		e.confirm = true
		return nil
	}
	e.busy = true
	client, view, ctx, titles := p.c.Client(), p.id, p.ctx, p.c.Titles()
	doc := pagetext.Doc{Page: p.fullPage(), Order: p.schema.Names(), Blocks: toNodes(p.blocks)}
	if titles != nil {
		doc.Title = titles.Title
	}
	md := p.md
	return func() tea.Msg {
		if md == nil && client != nil && notionapi.SupportsPageMarkdown(client.Version()) {
			var err error
			if md, err = client.ReadPageMarkdown(ctx, doc.Page.ID, notionapi.MarkdownParams{}); err != nil && !notionapi.MarkdownUnavailable(err) {
				return exportDoneMsg{view: view, path: path, err: err}
			}
		}
		if md != nil {
			doc.Markdown = md.Markdown
		}
		return exportDoneMsg{view: view, path: path, err: writeFileAtomic(path, []byte(pagetext.Markdown(doc)))}
	}
}

// fullPage is the page with its relations cut at 25 replaced by those
// read in full, for the export.
func (p *pagePreview) fullPage() *notionapi.Page {
	if len(p.relFull) == 0 {
		return p.page
	}
	pg := *p.page
	pg.Properties = maps.Clone(p.page.Properties)
	for name, ids := range p.relFull {
		v := pg.Properties[name]
		v.Relation = make([]notionapi.ObjectRef, len(ids))
		for i, id := range ids {
			v.Relation[i] = notionapi.ObjectRef{ID: id}
		}
		v.HasMore = false
		pg.Properties[name] = v
	}
	return &pg
}

// writeFileAtomic writes data to a temporary file (mode 0600) next to
// path and renames it into place.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// exportView draws the export prompt.
func (p *pagePreview) exportView(w int) string {
	st := p.c.Styles
	e := p.export
	var b strings.Builder
	b.WriteString(st.PanelTitle.Render("Export the page as Markdown") + "\n")
	b.WriteString(st.Muted.Render("Front matter with the properties, then Notion's Markdown of the content.") + "\n\n")
	e.input.SetWidth(max(10, w-10))
	b.WriteString(e.input.View() + "\n")
	switch {
	case e.busy:
		b.WriteString(p.spin.View() + " Writing…")
	case e.confirm:
		b.WriteString(st.Warning.Render("The file exists. Overwrite it? ") + st.Key.Render("y") + " / " + st.Key.Render("n"))
	case e.err != "":
		b.WriteString(st.Error.Render(e.err))
	default:
		b.WriteString(st.Faint.Render("enter writes · esc cancels"))
	}
	return st.PanelFocus.Width(widgets.PanelWidth(w)).Render(b.String())
}

// toNodes converts the preview's blocks for pagetext.
func toNodes(nodes []blockNode) []pagetext.Node {
	out := make([]pagetext.Node, len(nodes))
	for i, n := range nodes {
		out[i] = pagetext.Node{Block: n.b, Children: toNodes(n.children)}
	}
	return out
}

// propertyNames are the page's properties but the title, in the schema's
// order when known, else by name.
func propertyNames(pg *notionapi.Page, schema notionapi.Schema) []string {
	var names []string
	for n, v := range pg.Properties {
		if v.Type != notionapi.PropTitle {
			names = append(names, n)
		}
	}
	rank := map[string]int{}
	for i, p := range schema {
		rank[p.Name] = i + 1
	}
	slices.SortFunc(names, func(a, b string) int {
		if rank[a] != rank[b] {
			return rank[a] - rank[b]
		}
		return strings.Compare(a, b)
	})
	return names
}

// exportFailed words an export's failure.
func exportFailed(path string, err error) string {
	if errors.Is(err, fs.ErrPermission) {
		return "Cannot write " + path + ": permission denied"
	}
	return "Export to " + path + " failed: " + err.Error()
}

package preview

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/edit"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// pagePreview shows a page: its properties as a readable list and its
// content blocks, in a scrollable view, with keys to copy its ID and URL
// and to open it in the browser.
type pagePreview struct {
	c      *ui.Common
	id     int64
	pageID string
	schema notionapi.Schema // the order of the properties, when known
	// known is a page read by whoever opened the preview, used once.
	known *notionapi.Page
	ctx   context.Context
	done  context.CancelFunc

	page      *notionapi.Page
	blocks    []blockNode
	pageErr   error
	blocksErr error
	loading   int // requests under way: page and content

	lines []string // rendered at width w
	top   int
	spin  spinner.Model
	w, h  int
	keys  previewKeys
	ed    *editing // edit.go
	browseState
}

type previewKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom, CopyID, CopyURL, Open, Refresh, Back key.Binding
}

// pageCache is a page and its content read in this session.
type pageCache struct {
	page   *notionapi.Page
	blocks []blockNode
}

// loadedPages keeps the pages read in this session, by page ID.
var loadedPages = ui.NewTable[string, *pageCache]("pages")

func newPagePreview(c *ui.Common, pageID string, schema notionapi.Schema) *pagePreview {
	p := &pagePreview{
		c: c, id: c.NextID(), pageID: pageID, schema: schema,
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent)),
		keys: previewKeys{
			Up:       keymap.Up.Key("scroll up"),
			Down:     keymap.Down.Key("scroll down"),
			PageUp:   keymap.PageUp.Key(),
			PageDown: keymap.PageDown.Key(),
			Top:      keymap.Top.Key(),
			Bottom:   keymap.Bottom.Key(),
			CopyID:   keymap.Copy.Key(),
			CopyURL:  keymap.CopyURL.Key(),
			Open:     keymap.OpenBrowser.Key(),
			Refresh:  keymap.Refresh.Key(),
			Back:     ui.BackKey,
		},
	}
	p.ctx, p.done = context.WithCancel(c.Ctx)
	p.ed = newEditing()
	p.initBrowse()
	return p
}

// pageMsg and blocksMsg carry the page and its content.
type pageMsg struct {
	view int64
	page *notionapi.Page
	err  error
}

type blocksMsg struct {
	view   int64
	blocks []blockNode
	err    error
}

func (p *pagePreview) Init() tea.Cmd {
	if pc, ok := loadedPages.Get(p.c.Cache, p.pageID); ok {
		p.page, p.blocks = pc.page, pc.blocks
		if pg, ok := edit.Of(p.c).Latest(p.pageID); ok && !pg.LastEditedTime.Before(pc.page.LastEditedTime) {
			// Edited since it was read (from the table, say).
			p.page, pc.page = pg, pg
		}
		p.render()
		return p.relationWork()
	}
	return p.load()
}

// withPage gives the preview a page its opener already read, so that only
// the content is asked for.
func (p *pagePreview) withPage(pg *notionapi.Page) *pagePreview {
	p.known = pg
	return p
}

// load reads the page and its content at once (the content only when the
// page came with the preview).
func (p *pagePreview) load() tea.Cmd {
	client, id, view, ctx := p.c.Client(), p.pageID, p.id, p.ctx
	p.loading, p.pageErr, p.blocksErr = 2, nil, nil
	p.render()
	getPage := func() tea.Msg {
		pg, err := client.GetPage(ctx, id)
		return pageMsg{view: view, page: pg, err: err}
	}
	if known := p.known; known != nil {
		p.known = nil // r reads it again
		getPage = func() tea.Msg { return pageMsg{view: view, page: known} }
	}
	return tea.Batch(p.spin.Tick, getPage,
		func() tea.Msg {
			bs, err := fetchBlocks(ctx, client, id, 0)
			return blocksMsg{view: view, blocks: bs, err: err}
		})
}

// Close stops the requests.
func (p *pagePreview) Close() { p.done() }

func (p *pagePreview) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	if cmd, ok := p.editUpdate(msg); ok {
		return p, cmd
	}
	switch msg := msg.(type) {
	case ui.TitlesMsg:
		p.render()
		if p.follow != nil {
			for i, t := range p.targets {
				if r, ok := t.route.(ui.PagePreview); ok && t.kind != "mention" {
					p.follow.SetItem(i, p.c.TitleText(r.ID))
				}
			}
		}
		return p, nil
	case relFullMsg:
		if msg.view != p.id {
			return p, nil
		}
		if msg.err != nil {
			return p, ui.FlashError("Reading all of " + msg.name + " failed: " + msg.err.Error())
		}
		p.relFull[msg.name] = msg.ids
		p.render()
		return p, p.c.FetchTitles(msg.ids)
	case accessMsg:
		if msg.view == p.id {
			p.noAccess[msg.name] = true
			p.render()
		}
		return p, nil
	case schemaMsg:
		if msg.view != p.id || len(msg.schema) == 0 {
			return p, nil
		}
		p.schema = msg.schema
		p.render()
		return p, p.checkAccess()
	case mdMsg:
		if msg.view != p.id {
			return p, nil
		}
		p.mdLoading = false
		p.md, p.mdErr = msg.md, msg.err
		p.render()
		if msg.err != nil && !ui.IsCancel(msg.err) {
			return p, ui.ReportError(msg.err, ui.Reload(p.id))
		}
		return p, nil
	case exportDoneMsg:
		if msg.view != p.id || p.export == nil {
			return p, nil
		}
		if msg.err != nil {
			p.export.busy, p.export.confirm, p.export.err = false, false, exportFailed(msg.path, msg.err)
			return p, nil
		}
		p.export = nil
		return p, ui.Flash("Exported the page to " + msg.path)
	case tea.PasteMsg:
		if p.export != nil {
			return p, p.exportInput(msg)
		}
		if p.follow != nil {
			return p, p.followInput(msg)
		}
		if p.modal() {
			cmd, _ := p.editInput(msg)
			return p, cmd
		}
		return p, nil
	case pageMsg:
		if msg.view != p.id {
			return p, nil
		}
		p.loading--
		p.page, p.pageErr = msg.page, msg.err
		return p, p.loaded(msg.err)
	case blocksMsg:
		if msg.view != p.id {
			return p, nil
		}
		p.loading--
		p.blocks, p.blocksErr = msg.blocks, msg.err
		return p, p.loaded(msg.err)
	case spinner.TickMsg:
		if msg.ID != p.spin.ID() || p.loading == 0 && !p.editBusy() && !p.mdLoading && (p.export == nil || !p.export.busy) {
			return p, nil
		}
		var cmd tea.Cmd
		p.spin, cmd = p.spin.Update(msg)
		p.render()
		return p, cmd
	case ui.ReloadMsg:
		if msg.ID == p.id {
			return p, p.reload()
		}
	case tea.BackgroundColorMsg:
		p.render()
	case tea.KeyPressMsg:
		return p, p.key(msg)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			p.scroll(-3)
		case tea.MouseWheelDown:
			p.scroll(3)
		}
	}
	return p, nil
}

// loaded renders what arrived, caches the page when both parts are in,
// and reports a failure.
func (p *pagePreview) loaded(err error) tea.Cmd {
	p.render()
	if err != nil && !ui.IsCancel(err) {
		return ui.ReportError(err, ui.Reload(p.id))
	}
	if p.loading == 0 && p.pageErr == nil && p.blocksErr == nil {
		loadedPages.Put(p.c.Cache, p.pageID, &pageCache{page: p.page, blocks: p.blocks})
	}
	if p.page != nil {
		if t := p.c.Titles(); t != nil {
			t.LearnTitle(notionapi.TitleOf(p.page))
		}
		return p.relationWork()
	}
	return nil
}

// reload reads the page again, and its Markdown when shown.
func (p *pagePreview) reload() tea.Cmd {
	loadedPages.Drop(p.c.Cache, p.pageID)
	clear(p.relFull)
	p.checked, p.md = false, nil
	cmd := p.load()
	if p.showMD {
		cmd = tea.Batch(cmd, p.loadMarkdown())
	}
	return cmd
}

// Capturing reports whether a choice or a field takes the keys.
func (p *pagePreview) Capturing() bool { return p.follow != nil || p.export != nil || p.modal() }

func (p *pagePreview) key(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case p.export != nil:
		return p.exportInput(msg)
	case p.follow != nil:
		return p.followInput(msg)
	}
	if cmd, ok := p.editInput(msg); ok {
		return cmd
	}
	if cmd, ok := p.editKey(msg); ok {
		return cmd
	}
	k, bk := p.keys, p.bk
	page := max(1, p.h-2)
	switch {
	case key.Matches(msg, bk.Follow):
		return p.openFollow()
	case key.Matches(msg, bk.Markdown):
		return p.toggleMarkdown()
	case key.Matches(msg, bk.Export):
		return p.openExport()
	case key.Matches(msg, bk.Comments):
		title := "Page"
		if p.page != nil {
			title = widgets.OrUntitled(p.page.Title())
		}
		p.c.Open(ui.Comments{PageID: p.pageID, Title: title})
		return nil
	case key.Matches(msg, k.Back):
		p.c.Back()
		return nil
	case key.Matches(msg, k.Up):
		p.scroll(-1)
	case key.Matches(msg, k.Down):
		p.scroll(1)
	case key.Matches(msg, k.PageUp):
		p.scroll(-page)
	case key.Matches(msg, k.PageDown):
		p.scroll(page)
	case key.Matches(msg, k.Top):
		p.top = 0
	case key.Matches(msg, k.Bottom):
		p.scroll(len(p.lines))
	case key.Matches(msg, k.CopyID):
		return ui.CopyText(p.pageID, "the page ID "+p.pageID)
	case key.Matches(msg, k.CopyURL):
		if p.page == nil || p.page.URL == "" {
			return ui.Flash("The page's URL is not loaded yet")
		}
		return ui.CopyText(p.page.URL, "the page URL "+p.page.URL)
	case key.Matches(msg, k.Open):
		if p.page == nil {
			return ui.Flash("The page is not loaded yet")
		}
		return p.c.OpenLink(p.page.URL)
	case key.Matches(msg, k.Refresh):
		return p.reload()
	}
	return nil
}

func (p *pagePreview) scroll(d int) {
	p.top = max(0, min(p.top+d, len(p.lines)-p.h))
}

func (p *pagePreview) SetSize(w, h int) {
	p.w, p.h = w, h
	if p.ed.editor != nil {
		p.ed.editor.SetSize(w, h)
	}
	p.render()
}

func (p *pagePreview) Title() string {
	if p.page != nil {
		return widgets.OrUntitled(p.page.Title())
	}
	return "Page"
}

func (p *pagePreview) KeyMap() help.KeyMap {
	if km := p.editKeyMap(); km != nil {
		return km
	}
	k, bk, ek := p.keys, p.bk, p.ed.keys
	switch {
	case p.follow != nil:
		return ui.KeyMapOf(p.follow.Bindings())
	case p.export != nil:
		return ui.KeyMapOf([]key.Binding{keymap.Submit.Key("write"), keymap.Cancel.Key()})
	}
	return ui.KeyMapOf([]key.Binding{bk.Follow, ek.Edit, bk.Markdown, bk.Comments, k.Open, k.Back},
		[]key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		[]key.Binding{ek.Edit, ek.Trash, ek.Undo},
		[]key.Binding{bk.Follow, bk.Markdown, bk.Export, bk.Comments},
		[]key.Binding{k.CopyID, k.CopyURL, k.Open, k.Refresh, k.Back})
}

func (p *pagePreview) View() string {
	out := p.view()
	switch {
	case p.follow != nil:
		st := p.c.Styles
		w := widgets.PanelWidth(p.w)
		panel := st.PanelFocus.Width(w).Render(st.PanelTitle.Render("Follow a link") + "\n" + p.follow.View(w-4))
		return widgets.Overlay(out, panel, p.w, p.h)
	case p.export != nil:
		return widgets.Overlay(out, p.exportView(p.w), p.w, p.h)
	}
	return out
}

func (p *pagePreview) view() string {
	if len(p.lines) == 0 {
		return ""
	}
	if panel := p.editPanel(); panel != "" {
		return widgets.Overlay(p.pageView(), panel, p.w, p.h)
	}
	return p.pageView()
}

// pageView is the page's lines in view.
func (p *pagePreview) pageView() string {
	end := min(len(p.lines), p.top+p.h)
	out := strings.Join(p.lines[p.top:end], "\n")
	if end < len(p.lines) && p.h > 2 {
		// Say there is more below on the last line.
		lines := p.lines[p.top : end-1]
		more := p.c.Styles.Faint.Render(widgets.Spaces(max(0, p.w-12)) + "↓ more")
		out = strings.Join(lines, "\n") + "\n" + more
	}
	return out
}

// render lays the page out at the current width: the title, the
// properties, then the content.
func (p *pagePreview) render() {
	if p.w == 0 {
		return
	}
	st := p.c.Styles
	w := min(p.w, 110)
	var lines []string
	add := func(s ...string) { lines = append(lines, s...) }
	if p.page != nil {
		add(st.Title.Render(widgets.Truncate(widgets.IconText(p.page.Icon)+widgets.OrUntitled(p.page.Title()), w)))
		// The URL shows whole or not at all: a cut one is no link (the
		// keys open and copy it).
		if u := p.page.URL; u != "" && widgets.TextWidth(u) <= w {
			add(st.Faint.Render(u))
		}
		if l := p.editLine(); l != "" {
			add(widgets.Truncate(l, w))
		}
		if props := propertyLines(st, p.page, p.schema, w, p.relationText); len(props) > 0 {
			add("")
			add(props...)
		}
	} else if p.loading > 0 {
		add(p.spin.View() + " Reading the page (GET /v1/pages/" + widgets.ShortID(p.pageID) + "…)")
	}
	add("", st.Faint.Render(strings.Repeat("─", w)), "")
	switch {
	case p.showMD:
		add(p.markdownLines(w)...)
	case p.blocksErr != nil && len(p.blocks) == 0:
		add(st.Error.Render("Could not read the content.") + st.Muted.Render(" r tries again."))
	case p.blocks == nil && p.loading > 0:
		add(p.spin.View() + " Reading the content (GET /v1/blocks/…/children)…")
	case len(p.blocks) == 0:
		add(st.Muted.Render("This page has no content."))
	default:
		add(renderBlocks(st, p.blocks, w)...)
	}
	p.lines = lines
	p.scroll(0)
}

// propertyLines draws a page's properties but the title as "name  value"
// lines, in the schema's order when known (else by name).
func propertyLines(st *styles.Styles, pg *notionapi.Page, schema notionapi.Schema, w int, rel func(string, notionapi.PropertyValue) string) []string {
	// The title is the heading already.
	names := make([]string, 0, len(pg.Properties))
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
		return cmp.Or(cmp.Compare(rank[a], rank[b]), cmp.Compare(a, b))
	})
	nameW := 0
	for _, n := range names {
		nameW = max(nameW, widgets.TextWidth(n))
	}
	nameW = min(nameW, 22)
	var lines []string
	for _, n := range names {
		var b strings.Builder
		widgets.FitCell(&b, n, nameW, false)
		label := st.Muted.Render(b.String()) + "  "
		prop, _ := schema.Get(n)
		value := propertyValue(st, prop, pg.Properties[n])
		if v := pg.Properties[n]; v.Type == notionapi.PropRelation && rel != nil {
			value = rel(n, v)
		}
		wrapped := strings.Split(lipgloss.Wrap(value, max(10, w-nameW-2), ""), "\n")
		for i, l := range wrapped {
			if i == 0 {
				lines = append(lines, label+l)
			} else {
				lines = append(lines, widgets.Spaces(nameW+2)+l)
			}
		}
	}
	return lines
}

// propertyValue draws a value readably: options in their colours,
// checkboxes as ☑/☐, rich text with its styles, — when empty.
func propertyValue(st *styles.Styles, prop notionapi.PropertySchema, v notionapi.PropertyValue) string {
	switch v.Type {
	case notionapi.PropTitle:
		return st.Bold.Render(v.Title.Plain())
	case notionapi.PropRichText:
		if len(v.RichText) > 0 {
			return richText(st, v.RichText)
		}
	case notionapi.PropSelect, notionapi.PropStatus:
		o := v.Select
		if v.Type == notionapi.PropStatus {
			o = v.Status
		}
		if o != nil {
			return st.OptionStyle(o.Color).Render("● " + o.Name)
		}
	case notionapi.PropMultiSelect:
		if len(v.MultiSelect) > 0 {
			return widgets.OptionChips(st, v.MultiSelect)
		}
	case notionapi.PropCheckbox:
		if v.Checkbox {
			return st.Success.Render("☑ yes")
		}
		return "☐ no"
	case notionapi.PropURL:
		if v.URL != nil && *v.URL != "" {
			return link(st, *v.URL, *v.URL)
		}
	case notionapi.PropRelation:
		if n := len(v.Relation); n > 0 {
			more := ""
			if v.HasMore {
				more = "+"
			}
			return textutil.Plural(n, "page", "pages") + more + st.Faint.Render("  "+notionapi.Cell(v))
		}
	}
	if s := widgets.CellText(prop, v); s != "" {
		return s
	}
	return st.Faint.Render("—")
}

// New opens the preview of a page. schema orders its properties when
// known; page, when the opener read it already, is used instead of
// reading it again (r reads it again).
func New(c *ui.Common, pageID string, schema notionapi.Schema, page *notionapi.Page) ui.Screen {
	return newPagePreview(c, pageID, schema).withPage(page)
}

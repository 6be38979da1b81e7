package explorer

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// rowKeys act on a list's rows, the same on every tab: open in the
// browser, copy the URL, copy the row.
type rowKeys struct {
	Web, CopyURL, Yank key.Binding
}

func newRowKeys() rowKeys {
	return rowKeys{
		Web:     keymap.OpenBrowser.Key(),
		CopyURL: keymap.CopyURL.Key(),
		Yank:    keymap.CopyAs.Key("copy row as…"),
	}
}

// linker is a lister whose rows have links.
type linker interface {
	url(row int) string
}

// moreLoader is a lister that reads more rows when the cursor reaches the
// last one (the Pages tab past its first 100).
type moreLoader interface {
	more(c *ui.Common, row int) tea.Cmd
}

// nextKeeper is a lister that keeps where its list goes on.
type nextKeeper interface {
	setNext(cursor string)
}

// rowKey handles the row actions; ok is false when the key is not one.
func (p *listPane[T]) rowKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	rk := p.rk
	i := p.table.Cursor()
	if i < 0 || !p.l.selectable(i) {
		return nil, false
	}
	link := ""
	if l, ok := p.l.(linker); ok {
		link = l.url(i)
	}
	switch {
	case key.Matches(msg, rk.Web):
		if link == "" {
			return ui.Flash("This row has no link"), true
		}
		return p.c.OpenLink(link), true
	case key.Matches(msg, rk.CopyURL):
		if link == "" {
			return ui.Flash("This row has no link"), true
		}
		return ui.CopyText(link, "the URL "+link), true
	case key.Matches(msg, rk.Yank):
		p.openCopyMenu(i, link)
		return nil, true
	}
	return nil, false
}

// openCopyMenu offers what y copies of a row: its cells as CSV, JSON or
// Markdown, its link, its ID.
func (p *listPane[T]) openCopyMenu(row int, link string) {
	cols, _ := p.l.columns(p.w)
	rec := func() widgets.Records {
		r := widgets.RecordsOf(p.l.rows(), cols, []int{row})
		id, _ := p.l.copyID(p.c, row)
		r.IDs = []string{id}
		if link != "" {
			r.URLs = []string{link}
		}
		return r
	}
	id, what := p.l.copyID(p.c, row)
	p.menu = &widgets.KeyMenu{Title: "Copy", Items: []widgets.KeyItem{
		{Key: "r", Label: "row as CSV"}, {Key: "j", Label: "row as JSON"}, {Key: "m", Label: "row as Markdown"},
		{Key: "i", Label: "ID"},
	}}
	p.menuActs = []func() tea.Cmd{
		func() tea.Cmd { return ui.CopyText(rec().CSV(), "the row as CSV") },
		func() tea.Cmd { return ui.CopyText(rec().JSON(), "the row as JSON") },
		func() tea.Cmd { return ui.CopyText(rec().Markdown(), "the row as Markdown") },
		func() tea.Cmd { return ui.CopyText(id, what) },
	}
	if link != "" {
		p.menu.Items = append(p.menu.Items, widgets.KeyItem{Key: "y", Label: "URL"})
		p.menuActs = append(p.menuActs, func() tea.Cmd { return ui.CopyText(link, "the URL "+link) })
	}
}

// menuInput takes a key of the copy menu.
func (p *listPane[T]) menuInput(msg tea.Msg) tea.Cmd {
	chosen, cancel := p.menu.Update(msg)
	if chosen >= 0 || cancel {
		p.menu = nil
	}
	if chosen >= 0 {
		return p.menuActs[chosen]()
	}
	return nil
}

// SetFind narrows the tab to q (the jump box opening a user).
func (p *listPane[T]) SetFind(q string) {
	if p.l.find() != findNarrow || q == "" {
		return
	}
	p.input.SetValue(q)
	p.l.narrow(q)
	p.table.SetCursor(0)
	p.layout()
}

// Links of the lists' rows.

func (d *databases) url(row int) string {
	if ds := d.list.entries[row].ds; ds != nil {
		return ds.URL
	}
	return ""
}

func (l *pages) url(row int) string {
	pg := l.list.pages[row]
	if pg.URL != "" {
		return pg.URL
	}
	return "https://www.notion.so/" + notionapi.CompactID(pg.ID)
}

// morePagesMsg carries the next page of a listing of pages.
type morePagesMsg struct {
	req   int64
	pages []notionapi.Page
	next  string
	err   error
}

func (l *pages) setNext(cursor string) { l.next, l.moreErr = cursor, nil }

// more reads the next 100 pages when the cursor reaches the last row.
func (l *pages) more(c *ui.Common, row int) tea.Cmd {
	if l.next == "" || l.loadingMore || row < len(l.list.pages)-1 {
		return nil
	}
	l.loadingMore = true
	l.moreReq = c.NextID()
	client, ctx, cursor, q, req := c.Client(), c.Ctx, l.next, l.query, l.moreReq
	return func() tea.Msg {
		list, err := client.Search(ctx, notionapi.SearchParams{Query: q, Object: notionapi.ObjectPage, PageSize: notionapi.MaxPageSize, StartCursor: cursor})
		if err != nil {
			return morePagesMsg{req: req, err: err}
		}
		out := make([]notionapi.Page, 0, len(list.Results))
		for _, r := range list.Results {
			if r.Page != nil {
				out = append(out, *r.Page)
			}
		}
		return morePagesMsg{req: req, pages: out, next: list.Cursor()}
	}
}

// Users narrow as one types.

func (l *users) narrow(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	l.list.users = l.list.users[:0]
	for _, u := range l.all {
		if q == "" || strings.Contains(strings.ToLower(u.Name), q) || strings.Contains(strings.ToLower(u.Email()), q) ||
			strings.Contains(strings.ToLower(u.Type), q) || strings.Contains(u.ID, q) {
			l.list.users = append(l.list.users, u)
		}
	}
}

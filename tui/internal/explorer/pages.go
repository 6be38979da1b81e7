package explorer

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// pagesPane lists the pages shared with the integration, most recently
// edited first, and searches their titles (POST /v1/search with the page
// filter). Enter previews a page.
type pagesPane struct {
	c         *ui.Common
	id        int64
	req       int64 // the search whose answer is awaited
	pages     pageRows
	more      bool
	query     string // the search shown
	table     *widgets.Table
	input     textinput.Model
	searching bool // the search field has focus
	loading   bool
	loaded    bool
	err       error
	spin      spinner.Model
	w, h      int
	keys      pagesKeys
}

type pagesKeys struct {
	Open, Search, Run, Clear, Copy, Refresh key.Binding
}

func newPagesPane(c *ui.Common) *pagesPane {
	return &pagesPane{
		c: c, id: c.NextID(), table: widgets.NewTable(c.Styles, 1),
		input: widgets.NewInput(c.Styles, "/ ", "words of a page title, then enter"),
		spin:  spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent)),
		keys: pagesKeys{
			Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "preview")),
			Search:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search titles")),
			Run:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search")),
			Clear:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),
			Copy:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy page ID")),
			Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		},
	}
}

func (p *pagesPane) Name() string    { return "Pages" }
func (p *pagesPane) Capturing() bool { return p.searching }

func (p *pagesPane) Init() tea.Cmd {
	if p.loaded || p.loading {
		return nil
	}
	return p.search(p.query)
}

// pagesMsg carries one page of search results.
type pagesMsg struct {
	req   int64
	pages []notionapi.Page
	more  bool
	err   error
}

// search asks for the first 100 pages whose title matches q ("" lists
// the most recently edited).
func (p *pagesPane) search(q string) tea.Cmd {
	p.loading, p.err, p.query = true, nil, q
	p.req = p.c.NextID()
	client, ctx, req := p.c.Client(), p.c.Ctx, p.req
	return tea.Batch(p.spin.Tick, func() tea.Msg {
		l, err := client.Search(ctx, notionapi.SearchParams{Query: q, Object: notionapi.ObjectPage, PageSize: notionapi.MaxPageSize})
		if err != nil {
			return pagesMsg{req: req, err: err}
		}
		out := make([]notionapi.Page, 0, len(l.Results))
		for _, r := range l.Results {
			if r.Page != nil {
				out = append(out, *r.Page)
			}
		}
		return pagesMsg{req: req, pages: out, more: l.HasMore}
	})
}

func (p *pagesPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pagesMsg:
		if msg.req != p.req {
			return nil
		}
		p.loading = false
		if msg.err != nil {
			p.err = msg.err
			return ui.ReportError(msg.err, ui.Reload(p.id))
		}
		p.loaded, p.more = true, msg.more
		p.pages = pageRows{pages: msg.pages, now: p.c.Now(), names: p.knownNames()}
		p.table.SetData(p.pages)
		p.table.SetCursor(0)
		p.layout()
		return nil
	case ui.ReloadMsg:
		if msg.ID == p.id {
			return p.search(p.query)
		}
		return nil
	case ui.ConnectionChangedMsg:
		p.loaded = false
		return p.search(p.query)
	case spinner.TickMsg:
		return ui.SpinWhile(&p.spin, msg, p.loading)
	case tea.KeyPressMsg:
		return p.key(msg)
	case tea.MouseMsg:
		p.table.Update(msg)
		return nil
	}
	if p.searching {
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		return cmd
	}
	return nil
}

func (p *pagesPane) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.keys
	if p.searching {
		switch {
		case key.Matches(msg, k.Run):
			p.searching = false
			p.input.Blur()
			return p.search(strings.TrimSpace(p.input.Value()))
		case key.Matches(msg, k.Clear):
			p.searching = false
			p.input.Blur()
			return nil
		}
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		return cmd
	}
	switch {
	case p.table.Update(msg):
	case key.Matches(msg, k.Search):
		p.searching = true
		return p.input.Focus()
	case key.Matches(msg, k.Clear) && p.query != "":
		p.input.SetValue("")
		return p.search("")
	case key.Matches(msg, k.Open):
		if i := p.table.Cursor(); i >= 0 {
			p.c.Open(ui.PagePreview{ID: p.pages.pages[i].ID})
			return nil
		}
	case key.Matches(msg, k.Copy):
		if i := p.table.Cursor(); i >= 0 {
			return ui.CopyText(p.pages.pages[i].ID, "the page ID "+p.pages.pages[i].ID)
		}
	case key.Matches(msg, k.Refresh):
		return p.search(p.query)
	}
	return nil
}

func (p *pagesPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.input.SetWidth(max(10, w-4))
	p.layout()
}

func (p *pagesPane) layout() {
	cols := []widgets.Column{{Title: "Title"}, {Title: "In"}, {Title: "Last edited"}}
	widgets.FitColumns(p.pages, cols, []int{max(16, p.w/2), 30, 16}, len(p.pages.pages), p.w)
	p.table.SetColumns(cols)
	p.table.SetSize(p.w, max(1, p.h-2))
}

func (p *pagesPane) KeyMap() help.KeyMap {
	k := p.keys
	if p.searching {
		return ui.KeyMapOf([]key.Binding{k.Run, k.Clear})
	}
	tk := p.table.Keys
	return ui.KeyMapOf([]key.Binding{tk.Up, tk.Down, k.Open, k.Search, k.Refresh},
		[]key.Binding{k.Open, k.Search, k.Clear, k.Copy, k.Refresh}, tk.MoveKeys())
}

func (p *pagesPane) View() string {
	st := p.c.Styles
	p.table.SetStyles(st)
	var head string
	switch {
	case p.searching:
		head = p.input.View()
	case p.loading:
		head = p.spin.View() + " Searching pages (POST /v1/search)…"
	case p.query != "":
		head = st.Muted.Render(widgets.Truncate("Pages titled like “"+p.query+"” · esc shows every page · / searches again", p.w))
	default:
		note := "Pages shared with the integration, most recently edited first · / searches titles"
		if p.more {
			note = "The 100 most recently edited pages shared with the integration · / searches titles"
		}
		head = st.Muted.Render(widgets.Truncate(note, p.w))
	}
	switch {
	case p.err != nil && !p.loaded:
		return head + "\n\n" + st.Error.Render("The search failed.") + st.Muted.Render(" r tries again; L shows the request.")
	case p.loaded && len(p.pages.pages) == 0 && p.query != "":
		return head + "\n\n" + st.Muted.Render("No shared page has a title matching “"+p.query+"”.")
	case p.loaded && len(p.pages.pages) == 0:
		return head + "\n\n" + st.Muted.Render("No pages are shared with this integration yet: share one from its ••• menu → Connections.")
	case !p.loaded:
		return head
	}
	return head + "\n" + p.table.View()
}

// knownNames maps the IDs of the data sources (or databases) and pages
// listed on the Databases tab to their titles.
func (p *pagesPane) knownNames() map[string]string {
	names := map[string]string{}
	if r, ok := ui.SharedDataSources.Get(p.c.Cache); ok {
		for _, ds := range r {
			names[ds.ID] = widgets.IconText(ds.Icon) + widgets.OrUntitled(ds.Title.Plain())
		}
	}
	if m, ok := ui.Names.Get(p.c.Cache); ok {
		for id, n := range m {
			names[id] = n
		}
	}
	return names
}

// pageRows is the pages table.
type pageRows struct {
	pages []notionapi.Page
	now   time.Time
	names map[string]string
}

func (d pageRows) Len() int { return len(d.pages) }

func (d pageRows) Cell(row, col int) string {
	pg := &d.pages[row]
	switch col {
	case 0:
		return widgets.IconText(pg.Icon) + widgets.OrUntitled(pg.Title())
	case 1:
		return d.parent(pg.Parent)
	case 2:
		return widgets.Ago(pg.LastEditedTime, d.now)
	}
	return ""
}

// parent says where a page sits: the title of its page or database when
// known, else its kind and short ID.
func (d pageRows) parent(pp notionapi.Parent) string {
	id, kind := "", pp.Type
	switch {
	case pp.Workspace || pp.Type == "workspace":
		return "Workspace"
	case pp.DataSourceID != "":
		id, kind = pp.DataSourceID, "data source"
	case pp.DatabaseID != "":
		id, kind = pp.DatabaseID, "database"
	case pp.PageID != "":
		id, kind = pp.PageID, "page"
	case pp.BlockID != "":
		id, kind = pp.BlockID, "block"
	}
	if n := d.names[id]; n != "" {
		return n
	}
	return strings.TrimSpace(kind + " " + widgets.ShortID(id))
}

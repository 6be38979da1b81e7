package explorer

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// pages lists the pages shared with the integration, most recently
// edited first, and searches their titles (POST /v1/search with the page
// filter). Enter previews a page.
type pages struct {
	list pageRows
	// The listing goes on at next (100 pages a request), read when the
	// cursor reaches the last row.
	query       string
	next        string
	loadingMore bool
	moreReq     int64
	moreErr     error
}

func newPagesPane(c *ui.Common) pane {
	return newListPane[notionapi.Page](c, &pages{}, listKeys{
		Open:    keymap.Open.Key("preview"),
		Find:    keymap.Filter.Key("search titles"),
		Done:    keymap.Submit.Key("search"),
		Clear:   keymap.Back.Key("clear search"),
		Copy:    keymap.Copy.Key("copy page ID"),
		Refresh: keymap.Refresh.Key(),
	}, "/ ", "words of a page title, then enter")
}

func (l *pages) name() string   { return "Pages" }
func (l *pages) find() findMode { return findSearch }

// cached: a search is read again each time the tab loads.
func (l *pages) cached(*ui.Common) ([]notionapi.Page, bool) { return nil, false }

// load asks for the first 100 pages whose title matches q ("" lists the
// most recently edited).
func (l *pages) load(c *ui.Common, req int64, q string) tea.Cmd {
	client, ctx := c.Client(), c.Ctx
	l.query, l.next, l.loadingMore = q, "", false
	return func() tea.Msg {
		list, err := client.Search(ctx, notionapi.SearchParams{Query: q, Object: notionapi.ObjectPage, PageSize: notionapi.MaxPageSize})
		if err != nil {
			return listMsg[notionapi.Page]{req: req, err: err}
		}
		out := make([]notionapi.Page, 0, len(list.Results))
		for _, r := range list.Results {
			if r.Page != nil {
				out = append(out, *r.Page)
			}
		}
		return listMsg[notionapi.Page]{req: req, items: out, more: list.HasMore, next: list.Cursor()}
	}
}

func (l *pages) loaded(*ui.Common, int64, []notionapi.Page) tea.Cmd { return nil }
func (l *pages) uncache(*ui.Common)                                 {}
func (l *pages) reset()                                             {}
func (l *pages) failed(error) bool                                  { return false }
func (l *pages) narrow(string)                                      {}

// update takes the next pages of the listing.
func (l *pages) update(_ *ui.Common, msg tea.Msg) bool {
	m, ok := msg.(morePagesMsg)
	if !ok || m.req != l.moreReq || !l.loadingMore {
		return false
	}
	l.loadingMore = false
	if m.err != nil {
		l.moreErr = m.err
		return true
	}
	l.list.pages = append(l.list.pages, m.pages...)
	l.next = m.next
	return true
}

func (l *pages) show(c *ui.Common, items []notionapi.Page, _ string) {
	l.list = pageRows{pages: items, now: c.Now(), names: knownNames(c)}
}

func (l *pages) rows() widgets.TableData { return l.list }
func (l *pages) selectable(int) bool     { return true }

func (l *pages) columns(w int) ([]widgets.Column, []int) {
	return []widgets.Column{{Title: "Title"}, {Title: "In"}, {Title: "Last edited", Whole: true}}, []int{max(16, w/2), 30, 16}
}

func (l *pages) tableLines() int { return 2 }

func (l *pages) open(c *ui.Common, row int) { c.Open(ui.PagePreview{ID: l.list.pages[row].ID}) }

func (l *pages) copyID(_ *ui.Common, row int) (string, string) {
	id := l.list.pages[row].ID
	return id, "the page ID " + id
}

func (l *pages) view(p *listState, table string) string {
	st := p.c.Styles
	var head string
	switch {
	case p.typing:
		head = p.input
	case p.loading:
		head = p.spin + " Searching pages (POST /v1/search)…"
	case p.query != "":
		head = st.Muted.Render(widgets.JoinFit([]string{"Pages titled like “" + p.query + "”", "esc shows every page", "/ searches again"}, " · ", p.w))
	default:
		note := []string{widgets.Longest(p.w, fmt.Sprintf("%s %s, most recently edited first", textutil.Plural(len(l.list.pages), "page", "pages"), p.c.Visible()),
			textutil.Plural(len(l.list.pages), "page", "pages")+", most recently edited first"), "/ searches titles"}
		switch {
		case l.loadingMore:
			note = []string{p.spin + " Reading the next 100 pages (POST /v1/search)…"}
		case l.moreErr != nil:
			note = []string{"Reading more pages failed (" + l.moreErr.Error() + "); move down to try again"}
		case l.next != "":
			note = []string{widgets.Longest(p.w, fmt.Sprintf("The %s most recently edited pages %s", widgets.FormatCount(len(l.list.pages)), p.c.Visible()),
				fmt.Sprintf("The %s most recently edited pages", widgets.FormatCount(len(l.list.pages)))), "more below the last row", "/ searches titles"}
		}
		head = st.Muted.Render(widgets.JoinFit(note, " · ", p.w))
	}
	switch {
	case p.err != nil && !p.loaded:
		return head + "\n\n" + st.Error.Render("The search failed.") + st.Muted.Render(" r tries again; L shows the request.")
	case p.loaded && len(l.list.pages) == 0 && p.query != "":
		return head + "\n\n" + st.Muted.Render("No shared page has a title matching “"+p.query+"”.")
	case p.loaded && len(l.list.pages) == 0:
		return head + "\n\n" + st.Muted.Render("No pages are shared with this integration yet: share one from its ••• menu → Connections.")
	case !p.loaded:
		return head
	}
	return head + "\n" + table
}

// knownNames maps the IDs of the data sources (or databases) and pages
// listed on the Databases tab to their titles.
func knownNames(c *ui.Common) map[string]string {
	names := map[string]string{}
	if r, ok := ui.SharedDataSources.Get(c.Cache); ok {
		for _, ds := range r {
			names[ds.ID] = widgets.IconText(ds.Icon) + widgets.OrUntitled(ds.Title.Plain())
		}
	}
	if m, ok := ui.Names.Get(c.Cache); ok {
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

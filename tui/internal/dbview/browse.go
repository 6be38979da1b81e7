package dbview

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// browseKeys act on rows and cells: follow a relation, open or copy a
// row, mark rows, find in the loaded rows.
type browseKeys struct {
	Follow, Web, CopyURL, Yank, Find, Next, Prev key.Binding
}

func newBrowseKeys() browseKeys {
	return browseKeys{
		Follow:  keymap.Follow.Key(),
		Web:     keymap.OpenBrowser.Key(),
		CopyURL: keymap.CopyURL.Key(),
		Yank:    keymap.CopyAs.Key(),
		Find:    keymap.Find.Key("find in rows"),
		Next:    keymap.FindNext.Key(),
		Prev:    keymap.FindPrev.Key(),
	}
}

// findState is the local find over the rows loaded: a fuzzy match of each
// cell, with next and previous match; it sends nothing to Notion.
type findState struct {
	input   textinput.Model
	open    bool   // the find line has focus
	query   string // the query of matches
	matches []int  // rows that match, in table order
	at      int    // the current match
}

// browseState is the database view's share of browsing: marks, find,
// follow and copy menus, relation titles and their explanations.
type browseState struct {
	bk   browseKeys
	find findState
	// follow picks one related page of a cell.
	followPick *widgets.PickList
	followRefs []string
	followName string // the relation followed
	menu       *widgets.KeyMenu
	menuActs   []func() tea.Cmd
	// noAccess names, by column, the relations empty on every row because
	// their database is not shared with the connection.
	noAccess map[int]bool
	checked  bool // the relations' databases were checked
	// lookups are relation titles asked of Notion for the filter line,
	// by relation target and lower-case title; true once answered.
	lookups map[string]bool
	pending []lookup
}

// lookup is a related page's title to find in its data source.
type lookup struct {
	prop  notionapi.PropertySchema
	title string
}

func (v *dbView) initBrowse() {
	v.bk = newBrowseKeys()
	v.noAccess = map[int]bool{}
	v.lookups = map[string]bool{}
	v.find.input = widgets.NewInput(v.c.Styles, "find › ", "words in the rows loaded (no request)")
	v.table.SetCellFocus(true)
	v.table.SetMarked(func(row int) bool { return len(v.ed.marks) > 0 && v.ed.marks[v.rows[row].id] })
}

// relationCols lists the columns that hold relations.
func (v *dbView) relationCols() []int {
	var out []int
	for i, p := range v.cols {
		if p.Type == notionapi.PropRelation {
			out = append(out, i)
		}
	}
	return out
}

// wantTitles asks for the titles of the related pages on screen that are
// not known yet: one request per page, at most once, through the client's
// pacing; the table stays usable and fills in as they arrive.
func (v *dbView) wantTitles() tea.Cmd {
	if len(v.rows) == 0 || v.c.Client() == nil {
		return nil
	}
	first, last := v.table.Visible()
	byCol := map[int][]string{}
	for r := max(first, 0); r <= last && r < len(v.rows); r++ {
		for _, rc := range v.rows[r].rels {
			for _, ref := range rc.refs {
				byCol[rc.col] = append(byCol[rc.col], ref.ID)
			}
		}
	}
	var cmds []tea.Cmd
	for col, ids := range byCol {
		cmds = append(cmds, v.c.FetchTitlesIn(v.cols[col].Relation.QueryTarget(v.c.Client().Version()), ids))
	}
	return tea.Batch(cmds...)
}

// retitle draws again the relation cells that show one of ids.
func (v *dbView) retitle(ids []string) {
	titles := v.c.Titles()
	if titles == nil || len(ids) == 0 {
		return
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[notionapi.CompactID(id)] = true
	}
	changed := false
	for i := range v.rows {
		for _, rc := range v.rows[i].rels {
			if slices.ContainsFunc(rc.refs, func(r notionapi.ObjectRef) bool { return want[notionapi.CompactID(r.ID)] }) {
				v.rows[i] = v.rows[i].retitled(titles)
				changed = true
				break
			}
		}
	}
	if changed {
		// Columns fitted to "…" widen to the titles.
		v.table.SetData(v.rows)
		v.layoutColumns()
	}
}

// relAccessMsg says whether the database a relation column points to is
// shared with the connection.
type relAccessMsg struct {
	view   int64
	col    int
	shared bool
}

// checkRelations looks, once the rows are in, at the relation columns
// empty on every row: when their database is not shared with the
// connection, Notion leaves the values out, which the view then says.
func (v *dbView) checkRelations() tea.Cmd {
	if v.checked || v.c.Client() == nil {
		return nil
	}
	v.checked = true
	client, view, ctx := v.c.Client(), v.id, v.ctx
	var cmds []tea.Cmd
	for _, col := range v.relationCols() {
		used := slices.ContainsFunc(v.rows, func(r dbRow) bool {
			return slices.ContainsFunc(r.rels, func(rc relCell) bool { return rc.col == col })
		})
		target := v.cols[col].Relation.QueryTarget(client.Version())
		if used || target == "" {
			continue
		}
		cmds = append(cmds, func() tea.Msg {
			_, err := fetchDataSource(ctx, client, target)
			return relAccessMsg{view: view, col: col, shared: notionapi.StatusOf(err) != http.StatusNotFound}
		})
	}
	return tea.Batch(cmds...)
}

// accessNote says which relations are empty for lack of sharing.
func (v *dbView) accessNote() string {
	var names []string
	for col := range v.noAccess {
		if col < len(v.cols) {
			names = append(names, v.cols[col].Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	slices.Sort(names)
	return textutil.Join(names, "and") + " empty: its database is not shared"
}

// browseKey handles the keys of the table that browse; ok is false when
// the key is not one of them.
func (v *dbView) browseKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	bk := v.bk
	i := v.selectedRow()
	switch {
	case key.Matches(k, bk.Find):
		v.find.open = true
		v.setMode(modeFind)
		return v.find.input.Focus(), true
	case key.Matches(k, bk.Next) && len(v.find.matches) > 0:
		v.stepMatch(1)
		return nil, true
	case key.Matches(k, bk.Prev) && len(v.find.matches) > 0:
		v.stepMatch(-1)
		return nil, true
	case i < 0:
		return nil, false
	case key.Matches(k, bk.Follow):
		return v.followCell(i, v.focusedCol(i)), true
	case key.Matches(k, bk.Web):
		return v.c.OpenLink(v.rows[i].url()), true
	case key.Matches(k, bk.CopyURL):
		return ui.CopyText(v.rows[i].url(), "the page URL "+v.rows[i].url()), true
	case key.Matches(k, bk.Yank):
		v.openCopyMenu(i)
		return nil, true
	}
	return nil, false
}

// focusedCol is the column f follows: the table's focused cell, or on a
// board (no cell focus) the card's first relation that holds pages, else
// its title.
func (v *dbView) focusedCol(row int) int {
	if v.brd == nil {
		return v.table.Col()
	}
	for _, rc := range v.rows[row].rels {
		return rc.col
	}
	return 0
}

// followCell opens what the focused cell links to: a related page (a
// choice when there are several), or a URL in the browser.
func (v *dbView) followCell(row, col int) tea.Cmd {
	if col < 0 || col >= len(v.cols) {
		return nil
	}
	prop := v.cols[col]
	v.followName = prop.Name
	switch prop.Type {
	case notionapi.PropRelation:
	case notionapi.PropURL:
		if u := v.rows[row].cell(col); u != "" {
			return v.c.OpenLink(u)
		}
		return ui.Flash(prop.Name + " is empty on this row")
	case notionapi.PropTitle:
		v.c.Open(ui.PagePreview{ID: v.rows[row].id, Schema: v.cols})
		return nil
	default:
		return ui.Flash("f follows a relation, a URL or the title: move to one with ←/→")
	}
	var refs []notionapi.ObjectRef
	more := false
	for _, rc := range v.rows[row].rels {
		if rc.col == col {
			refs, more = rc.refs, rc.more
		}
	}
	switch {
	case len(refs) == 0 && v.noAccess[col]:
		return ui.Flash(prop.Name + " is empty: the database it relates to is not shared with the connection (share it from its ••• menu → Connections)")
	case len(refs) == 0:
		return ui.Flash(prop.Name + " relates to no page on this row")
	case len(refs) == 1 && !more:
		v.c.Open(ui.PagePreview{ID: refs[0].ID})
		return nil
	}
	if more {
		// Notion cut the list at 25: read it whole first.
		client, view, ctx, pageID, v2 := v.c.Client(), v.id, v.ctx, v.rows[row].id, notionapi.PropertyValue{ID: prop.ID, Type: notionapi.PropRelation, HasMore: true}
		return func() tea.Msg {
			ids, err := client.RelationIDs(ctx, pageID, v2)
			return followMsg{view: view, ids: ids, err: err}
		}
	}
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return v.pickFollow(ids)
}

// followMsg carries a relation read in full, to choose from.
type followMsg struct {
	view int64
	ids  []string
	err  error
}

// pickFollow lets the user choose one of several related pages.
func (v *dbView) pickFollow(ids []string) tea.Cmd {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = v.c.TitleText(id)
	}
	v.followPick = widgets.NewPickList(v.c.Styles, items, nil, max(3, v.h-10))
	v.followRefs = ids
	v.setMode(modeFollow)
	return tea.Batch(v.followPick.Focus(), v.c.FetchTitles(ids))
}

// openCopyMenu offers what y copies: the cell, the row (or the marked
// rows) as CSV, JSON or Markdown, the URL or the ID.
func (v *dbView) openCopyMenu(row int) {
	rows := []int{row}
	what := "row"
	if n := len(v.ed.marks); n > 0 {
		rows = rows[:0]
		for i, r := range v.rows {
			if v.ed.marks[r.id] {
				rows = append(rows, i)
			}
		}
		what = textutil.Plural(n, "marked row", "marked rows")
	}
	records := func() widgets.Records {
		cols := make([]widgets.Column, len(v.cols))
		for i, p := range v.cols {
			cols[i] = widgets.Column{Title: p.Name}
		}
		r := widgets.RecordsOf(v.rows, cols, rows)
		for _, i := range rows {
			r.IDs = append(r.IDs, v.rows[i].id)
			r.URLs = append(r.URLs, v.rows[i].url())
		}
		return r
	}
	col := v.focusedCol(row)
	cellName := "cell"
	if col < len(v.cols) {
		cellName = "cell (" + v.cols[col].Name + ")"
	}
	r := v.rows[row]
	v.menu = &widgets.KeyMenu{Title: "Copy", Items: []widgets.KeyItem{
		{Key: "c", Label: cellName}, {Key: "r", Label: what + " as CSV"}, {Key: "j", Label: what + " as JSON"},
		{Key: "m", Label: what + " as Markdown"}, {Key: "y", Label: "URL"}, {Key: "i", Label: "page ID"},
	}}
	v.menuActs = []func() tea.Cmd{
		func() tea.Cmd { return ui.CopyText(r.cell(col), "the "+cellName) },
		func() tea.Cmd { return ui.CopyText(records().CSV(), what+" as CSV") },
		func() tea.Cmd { return ui.CopyText(records().JSON(), what+" as JSON") },
		func() tea.Cmd { return ui.CopyText(records().Markdown(), what+" as Markdown") },
		func() tea.Cmd { return ui.CopyText(r.url(), "the page URL "+r.url()) },
		func() tea.Cmd { return ui.CopyText(r.id, "the page ID "+r.id) },
	}
	v.setMode(modeCopy)
}

// browseInput handles the find line, the follow choice and the copy menu.
func (v *dbView) browseInput(msg tea.Msg) tea.Cmd {
	switch v.mode {
	case modeCopy:
		chosen, cancel := v.menu.Update(msg)
		if chosen >= 0 || cancel {
			v.setMode(modeTable)
		}
		if chosen >= 0 {
			return v.menuActs[chosen]()
		}
	case modeFollow:
		chosen, cancel, cmd := v.followPick.Update(msg)
		if cancel {
			v.setMode(modeTable)
		} else if chosen >= 0 {
			v.setMode(modeTable)
			v.c.Open(ui.PagePreview{ID: v.followRefs[chosen]})
			return nil
		}
		return cmd
	case modeFind:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case k.String() == "esc":
				v.find.open = false
				v.find.input.Blur()
				v.setMode(modeTable)
				return nil
			case k.String() == "enter" || key.Matches(k, v.bk.Next) || k.String() == "down":
				v.stepMatch(1)
				return nil
			case key.Matches(k, v.bk.Prev) || k.String() == "up":
				v.stepMatch(-1)
				return nil
			}
		}
		before := v.find.input.Value()
		var cmd tea.Cmd
		v.find.input, cmd = v.find.input.Update(msg)
		if v.find.input.Value() != before {
			v.runFind(v.find.input.Value())
		}
		return cmd
	}
	return nil
}

// runFind finds the rows one of whose cells matches q, fuzzily, and moves
// to the first match at or after the cursor.
func (v *dbView) runFind(q string) {
	v.find.query = strings.TrimSpace(q)
	v.find.matches = v.find.matches[:0]
	if v.find.query == "" {
		return
	}
	for i := range v.rows {
		if rowMatches(&v.rows[i], v.find.query) {
			v.find.matches = append(v.find.matches, i)
		}
	}
	v.find.at = 0
	cur := v.table.Cursor()
	for k, r := range v.find.matches {
		if r >= cur {
			v.find.at = k
			break
		}
	}
	if len(v.find.matches) > 0 {
		v.table.SetCursor(v.find.matches[v.find.at])
	}
}

// rowMatches reports whether one cell of the row matches q fuzzily (every
// letter of q in order, within the cell).
func rowMatches(r *dbRow, q string) bool {
	if widgets.FuzzyScore(q, r.text[len(r.id):]) == 0 {
		return false // not even across cells
	}
	for i := range r.ends {
		if widgets.FuzzyScore(q, r.cell(i)) > 0 {
			return true
		}
	}
	return false
}

// stepMatch moves to the next (1) or previous (-1) match, around the end.
func (v *dbView) stepMatch(d int) {
	n := len(v.find.matches)
	if n == 0 {
		return
	}
	v.find.at = (v.find.at + d + n) % n
	v.table.SetCursor(v.find.matches[v.find.at])
}

// findNote is the find line's status: what matches and where.
func (v *dbView) findNote() string {
	st := v.c.Styles
	switch {
	case v.find.query == "":
		return st.Muted.Render("type to find in the " + widgets.FormatCount(len(v.rows)) + " rows loaded · / filters through Notion")
	case len(v.find.matches) == 0:
		return st.Warning.Render("no row loaded matches “" + v.find.query + "”")
	}
	return st.Muted.Render(fmt.Sprintf("match %s of %s · enter/ctrl+n next · ctrl+p previous · esc closes",
		widgets.FormatCount(v.find.at+1), widgets.FormatCount(len(v.find.matches))))
}

// findRelated names a related page by its title for the filter line:
// from the titles the session knows (rows loaded, pages read), or, the
// first time a title is not known, by asking Notion in the background
// (the filter compiles again when the answer comes).
func (v *dbView) findRelated(p notionapi.PropertySchema, title string) (string, error) {
	titles := v.c.Titles()
	client := v.c.Client()
	if titles == nil || client == nil {
		return "", fmt.Errorf("%q is not a page ID or link", title)
	}
	target, err := pageform.RelationTarget(p, client.Version())
	if err != nil {
		return "", err
	}
	var pages []notionapi.Page
	for _, pt := range titles.Known() {
		if notionapi.CompactID(pt.DataSource) == notionapi.CompactID(target) && strings.Contains(strings.ToLower(pt.Title), strings.ToLower(title)) {
			pages = append(pages, titlePage(pt))
		}
	}
	k := notionapi.CompactID(target) + "\x00" + strings.ToLower(title)
	if len(pages) == 0 && !v.lookups[k] {
		if !slices.ContainsFunc(v.pending, func(l lookup) bool { return l.prop.ID == p.ID && strings.EqualFold(l.title, title) }) {
			v.pending = append(v.pending, lookup{prop: p, title: title})
		}
		return "", fmt.Errorf("looking for a page titled %q in the related database…", title)
	}
	return pageform.FindPage(p, title, pageform.Env{FindPages: func(notionapi.PropertySchema, string) ([]notionapi.Page, error) { return pages, nil }})
}

// titlePage is a page with only its title, for pageform.FindPage.
func titlePage(pt notionapi.PageTitle) notionapi.Page {
	return notionapi.Page{ID: pt.ID, Properties: map[string]notionapi.PropertyValue{"title": notionapi.TitleValue(pt.Title)}}
}

// relatedMsg carries the pages of a related data source whose titles
// matched a lookup.
type relatedMsg struct {
	view  int64
	key   string
	pages []notionapi.Page
	err   error
}

// lookupRelated asks Notion for the related pages the filter line named
// and does not know.
func (v *dbView) lookupRelated() tea.Cmd {
	if len(v.pending) == 0 {
		return nil
	}
	client, view, ctx := v.c.Client(), v.id, v.ctx
	var cmds []tea.Cmd
	for _, l := range v.pending {
		target, err := pageform.RelationTarget(l.prop, client.Version())
		if err != nil {
			continue
		}
		k := notionapi.CompactID(target) + "\x00" + strings.ToLower(l.title)
		l := l
		cmds = append(cmds, func() tea.Msg {
			pages, err := pageform.SearchRelated(ctx, client, l.prop, l.title, pageform.MaxItems)
			return relatedMsg{view: view, key: k, pages: pages, err: err}
		})
	}
	v.pending = nil
	return tea.Batch(cmds...)
}

// related takes the answer of a lookup: the pages' titles become known,
// and the filter line compiles again.
func (v *dbView) related(msg relatedMsg) tea.Cmd {
	v.lookups[msg.key] = true
	if t := v.c.Titles(); t != nil {
		for i := range msg.pages {
			learn(t, &msg.pages[i])
		}
	}
	if msg.err != nil && !ui.IsCancel(msg.err) {
		return ui.FlashError("Looking up a related page failed: " + msg.err.Error())
	}
	if v.mode == modeFilter && v.line != nil {
		v.line.compile()
		return v.lookupRelated()
	}
	return nil
}

// browseKeyMap is the help of the find line, the follow choice and the
// copy menu.
func (v *dbView) browseKeyMap() help.KeyMap {
	switch v.mode {
	case modeFind:
		return ui.KeyMapOf([]key.Binding{
			keymap.Submit.KeyLabel("enter/ctrl+n", "next match"), v.bk.Prev, keymap.Cancel.Key("close")})
	case modeFollow:
		return ui.KeyMapOf(v.followPick.Bindings())
	}
	return ui.KeyMapOf([]key.Binding{keymap.Close.Key()})
}

// Package jump is the jump box: one key anywhere opens it, and it finds
// what to open as one types. It answers first from what the session has
// (recent pages and views, kept in the config folder; titles already
// loaded; the shared databases; the users; the app's commands), at once,
// then adds the workspace's search for pages and data sources. A pasted
// Notion link or ID opens directly.
package jump

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// The kinds of items, shown beside each.
const (
	KindRecent     = "recent"
	KindPageTitle  = "page"
	KindDataSource = "database"
	KindUser       = "user"
	KindCommand    = "command"
	KindSearch     = "search"
	KindLink       = "link"
)

// Item is one thing the box can open: a screen (Route) or an action (Do).
type Item struct {
	Label string
	Kind  string
	Note  string
	Route ui.Route
	Do    func() tea.Cmd
	// key identifies what the item opens, to show it once; lower is the
	// label in lower case, matched as one types.
	key   string
	lower string
}

// kindBonus ranks, among equal matches, what was opened before first.
var kindBonus = map[string]int{KindLink: 10000, KindRecent: 60, KindDataSource: 20, KindCommand: 10, KindPageTitle: 5, KindSearch: 0, KindUser: 0}

// Box is the jump box.
type Box struct {
	c      *ui.Common
	input  textinput.Model
	local  []Item
	remote []Item
	// localKeys are the keys of local, so that a search answer shows
	// only what is not listed already.
	localKeys map[string]bool
	shown     []Item
	cursor    int
	// The workspace search: the query asked (searched) and the one under
	// way (seq); err says why it failed.
	seq       int64
	searched  string
	searching bool
	err       error
	keys      keys
	w, h      int
}

type keys struct{ Up, Down, Open, Close key.Binding }

// MaxShown is how many items the box lists.
const MaxShown = 200

// New opens the box over what the session knows: the recent visits
// (newest first), the titles loaded, the shared data sources, the users
// and the commands.
func New(c *ui.Common, recent []Visit, commands []Item) *Box {
	b := &Box{
		c:     c,
		input: widgets.NewInput(c.Styles, "› ", placeholders[0]),
		keys: keys{
			Up:    keymap.PickUp.Key(),
			Down:  keymap.Join("↓", "down", keymap.PickDown, keymap.NextField),
			Open:  keymap.Choose.Key("open"),
			Close: keymap.Close.Key(),
		},
	}
	b.local = localItems(c, recent, commands)
	b.localKeys = make(map[string]bool, len(b.local))
	for _, it := range b.local {
		if it.key != "" {
			b.localKeys[it.key] = true
		}
	}
	b.refresh()
	return b
}

// localItems gathers what the session knows, each once, in the order
// ties are shown: recent visits, then titles, data sources, users and
// commands.
func localItems(c *ui.Common, recent []Visit, commands []Item) []Item {
	var out []Item
	seen := map[string]bool{}
	add := func(it Item) {
		if it.key != "" && seen[it.key] {
			return
		}
		seen[it.key] = true
		it.lower = strings.ToLower(it.Label)
		out = append(out, it)
	}
	for _, v := range recent {
		label := widgets.OrText(v.Title, widgets.ShortID(v.ID))
		add(Item{Label: label, Kind: KindRecent, Note: v.Kind, Route: v.Route(), key: v.Kind + ":" + notionapi.CompactID(v.ID)})
	}
	tables := tableNames(c)
	if dss, ok := ui.SharedDataSources.Get(c.Cache); ok {
		for _, ds := range dss {
			add(Item{Label: widgets.IconText(ds.Icon) + widgets.OrUntitled(ds.Title.Plain()), Kind: KindDataSource,
				Route: ui.DatabaseView{DataSource: ds}, key: KindView + ":" + notionapi.CompactID(ds.ID)})
		}
	}
	if t := c.Titles(); t != nil {
		known := t.Known()
		slices.SortFunc(known, func(a, b notionapi.PageTitle) int { return strings.Compare(a.Title, b.Title) })
		for _, pt := range known {
			label := pt.Text()
			if pt.Emoji != "" {
				label = pt.Emoji + " " + label
			}
			note := ""
			if pt.DataSource != "" {
				note = tables[notionapi.CompactID(pt.DataSource)]
			}
			add(Item{Label: label, Kind: KindPageTitle, Note: note, Route: ui.PagePreview{ID: pt.ID}, key: KindPage + ":" + notionapi.CompactID(pt.ID)})
		}
	}
	if us, ok := ui.Users.Get(c.Cache); ok {
		for _, u := range us {
			note := u.Type
			if e := u.Email(); e != "" {
				note = e
			}
			add(Item{Label: widgets.OrText(u.Name, "(unnamed)"), Kind: KindUser, Note: note,
				Route: ui.Explorer{Tab: "Users", Find: u.Name}, key: "user:" + u.ID})
		}
	}
	for _, cmd := range commands {
		cmd.Kind = KindCommand
		add(cmd)
	}
	return out
}

// Focus puts the cursor in the field.
func (b *Box) Focus() tea.Cmd { return b.input.Focus() }

// searchTickMsg starts the workspace search once typing pauses.
type searchTickMsg struct{ seq int64 }

// searchMsg carries the workspace search's answer.
type searchMsg struct {
	seq   int64
	query string
	items []Item
	err   error
}

// searchDelay is the pause in typing before the workspace is searched.
const searchDelay = 300 * time.Millisecond

// Update takes a key or an answer. It returns the item chosen, or
// closed when esc closed the box.
func (b *Box) Update(msg tea.Msg) (chosen *Item, closed bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case searchTickMsg:
		if msg.seq != b.seq {
			return nil, false, nil
		}
		return nil, false, b.search()
	case searchMsg:
		if msg.seq != b.seq {
			return nil, false, nil
		}
		b.searching, b.searched, b.err = false, msg.query, msg.err
		b.remote = b.remote[:0]
		for _, it := range msg.items {
			if it.key != "" && b.localKeys[it.key] {
				continue
			}
			it.lower = strings.ToLower(it.Label)
			b.remote = append(b.remote, it)
		}
		b.refresh()
		return nil, false, nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, b.keys.Close):
			return nil, true, nil
		case key.Matches(msg, b.keys.Up):
			b.cursor = max(0, b.cursor-1)
			return nil, false, nil
		case key.Matches(msg, b.keys.Down):
			b.cursor = min(max(0, len(b.shown)-1), b.cursor+1)
			return nil, false, nil
		case key.Matches(msg, b.keys.Open):
			if len(b.shown) == 0 {
				return nil, false, nil
			}
			it := b.shown[b.cursor]
			return &it, false, nil
		}
	}
	before := b.input.Value()
	b.input, cmd = b.input.Update(msg)
	if b.input.Value() != before {
		b.refresh()
		b.cursor = 0
		b.seq++
		seq := b.seq
		b.searching = false
		cmd = tea.Batch(cmd, tea.Tick(searchDelay, func(time.Time) tea.Msg { return searchTickMsg{seq} }))
	}
	return nil, false, cmd
}

// tableNames is the title of each data source the session listed, by
// compact ID: which table a page is a row of, to tell pages of one title
// apart.
func tableNames(c *ui.Common) map[string]string {
	tables := map[string]string{}
	if dss, ok := ui.SharedDataSources.Get(c.Cache); ok {
		for _, ds := range dss {
			tables[notionapi.CompactID(ds.ID)] = widgets.OrUntitled(ds.Title.Plain())
		}
	}
	return tables
}

// Query is what was typed.
func (b *Box) Query() string { return strings.TrimSpace(b.input.Value()) }

// search asks the workspace for pages and data sources whose titles match
// the query; a link or a short query is not searched.
func (b *Box) search() tea.Cmd {
	q := b.Query()
	client := b.c.Client()
	if client == nil || len([]rune(q)) < 2 || q == b.searched || isLink(q) {
		return nil
	}
	b.searching = true
	seq, ctx, titles, tables := b.seq, b.c.Ctx, b.c.Titles(), tableNames(b.c)
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		l, err := client.Search(ctx, notionapi.SearchParams{Query: q, PageSize: 20})
		if err != nil {
			return searchMsg{seq: seq, query: q, err: err}
		}
		var items []Item
		for _, r := range l.Results {
			switch {
			case r.Page != nil:
				if titles != nil {
					titles.LearnTitle(notionapi.TitleOf(r.Page))
				}
				label := widgets.IconText(r.Page.Icon) + widgets.OrUntitled(r.Page.Title())
				note := "page"
				if t := tables[notionapi.CompactID(r.Page.Parent.DataSourceID)]; t != "" && r.Page.Parent.DataSourceID != "" {
					note = t // a row of that table: pages of one title told apart
				}
				items = append(items, Item{Label: label, Kind: KindSearch, Note: note, Route: ui.PagePreview{ID: r.Page.ID, Page: r.Page},
					key: KindPage + ":" + notionapi.CompactID(r.Page.ID)})
			case r.DataSource != nil:
				label := widgets.IconText(r.DataSource.Icon) + widgets.OrUntitled(r.DataSource.Title.Plain())
				items = append(items, Item{Label: label, Kind: KindSearch, Note: "data source", Route: ui.DatabaseView{DataSource: r.DataSource},
					key: KindView + ":" + notionapi.CompactID(r.DataSource.ID)})
			case r.Database != nil:
				ds := r.Database.AsDataSource()
				items = append(items, Item{Label: widgets.IconText(ds.Icon) + widgets.OrUntitled(ds.Title.Plain()), Kind: KindSearch, Note: "database",
					Route: ui.DatabaseView{DataSource: ds}, key: KindView + ":" + notionapi.CompactID(ds.ID)})
			}
		}
		return searchMsg{seq: seq, query: q, items: items}
	}
}

// isLink reports whether s is a Notion link or ID.
func isLink(s string) bool {
	_, err := notionapi.ParseID(s)
	return err == nil
}

// notLink says why q, which looks like a link (a URL or a notion.so
// address), opens nothing; "" when it does not look like one or is one.
func notLink(q string) string {
	q = strings.TrimSpace(q)
	if !strings.Contains(q, "notion.so") && !strings.Contains(q, "notion.site") && !strings.HasPrefix(q, "http") {
		return ""
	}
	var ie *notionapi.IDError
	if _, err := notionapi.ParseID(q); errors.As(err, &ie) {
		return "Not a Notion link or ID: " + ie.Reason + "."
	}
	return ""
}

// refresh ranks the items for the query: a link first, then the best
// fuzzy matches of the titles, what was opened before first among equals.
func (b *Box) refresh() {
	q := b.Query()
	b.shown = b.shown[:0]
	if q != "" && isLink(q) {
		id, _ := notionapi.ParseID(q)
		b.shown = append(b.shown, Item{Label: "Open " + widgets.Truncate(q, 60), Kind: KindLink, Note: "page or database " + widgets.ShortID(id),
			Route: ui.OpenByLink{Link: q, Database: strings.Contains(q, "?v=")}})
	}
	if q == "" {
		for _, it := range b.local {
			if it.Kind == KindRecent || it.Kind == KindCommand {
				b.shown = append(b.shown, it)
			}
		}
		b.trim()
		return
	}
	// Scores by index over local then remote; the first of equal scores
	// stays first.
	lq := strings.ToLower(q)
	type scored struct{ i, score int }
	var hits []scored
	n := len(b.local)
	for i := range n + len(b.remote) {
		it := b.item(i)
		s := widgets.FuzzyScoreLower(lq, it.lower)
		if s == 0 && it.Note != "" && it.Kind == KindUser {
			s = widgets.FuzzyScore(q, it.Note) / 2
		}
		if s > 0 {
			hits = append(hits, scored{i, s + kindBonus[it.Kind]})
		}
	}
	slices.SortStableFunc(hits, func(a, b scored) int { return b.score - a.score })
	for _, h := range hits[:min(len(hits), MaxShown)] {
		b.shown = append(b.shown, *b.item(h.i))
	}
	b.trim()
}

// item is the i-th of local then remote.
func (b *Box) item(i int) *Item {
	if i < len(b.local) {
		return &b.local[i]
	}
	return &b.remote[i-len(b.local)]
}

func (b *Box) trim() {
	if len(b.shown) > MaxShown {
		b.shown = b.shown[:MaxShown]
	}
	b.cursor = min(b.cursor, max(0, len(b.shown)-1))
}

// Shown returns the items listed, best first.
func (b *Box) Shown() []Item { return b.shown }

// SetSize lays the box out for a body of w×h: the field's width, and the
// placeholder that fits it whole (the field's width less the prompt and
// the cursor).
func (b *Box) SetSize(w, h int) {
	b.w, b.h = w, h
	inner := widgets.PanelWidth(w) - 4
	b.input.SetWidth(max(10, inner-3))
	b.input.Placeholder = widgets.Longest(inner-3-widgets.TextWidth(b.input.Prompt)-1, placeholders...)
}

// Keys are the box's keys that act now, for the help line.
func (b *Box) Keys() []key.Binding {
	keys, _ := b.acting()
	return keys
}

// acting is the box's keys that act now, and the box's own footer for
// them: enter only when something is listed, ↑/↓ only when there is
// another to move to.
func (b *Box) acting() ([]key.Binding, string) {
	switch len(b.shown) {
	case 0:
		return []key.Binding{b.keys.Close}, "esc closes"
	case 1:
		return []key.Binding{b.keys.Open, b.keys.Close}, "enter opens · esc closes"
	}
	return []key.Binding{b.keys.Open, b.keys.Up, b.keys.Down, b.keys.Close}, "enter opens · ↑↓ choose · esc closes"
}

// View draws the box as a panel.
func (b *Box) View() string {
	st := b.c.Styles
	w := widgets.PanelWidth(b.w)
	inner := w - 4
	var lines []string
	lines = append(lines, st.PanelTitle.Render("Jump to"), b.input.View(), "")
	rows := max(3, min(len(b.shown), b.h-8))
	first := max(0, min(b.cursor-rows/2, len(b.shown)-rows))
	for k := first; k < min(len(b.shown), first+rows); k++ {
		it := b.shown[k]
		// The note shows whole: with its kind, without it, or the kind
		// alone; it takes what the label leaves, at least a third.
		notes := []string{it.Kind}
		if it.Note != "" && it.Kind != KindLink {
			notes = []string{it.Kind + " · " + it.Note, it.Note, it.Kind}
		} else if it.Note != "" {
			notes = []string{it.Note, it.Kind}
		}
		note := widgets.Longest(max(6, inner/3, inner-4-widgets.TextWidth(it.Label)), notes...)
		label := widgets.Truncate(it.Label, max(4, inner-widgets.TextWidth(note)-4))
		line := widgets.Spread(label, st.Muted.Render(note), inner-2)
		if k == b.cursor {
			lines = append(lines, st.Selected.Render("▸ "+widgets.PadRight(widgets.Spread(label, note, inner-2), inner-2)))
		} else {
			lines = append(lines, "  "+line)
		}
	}
	if len(b.shown) == 0 {
		if why := notLink(b.Query()); why != "" {
			lines = append(lines, st.Warning.Render(widgets.Truncate(why, inner)))
		}
		lines = append(lines, st.Muted.Render("Nothing matches yet."))
	}
	_, hint := b.acting()
	var foot string
	switch {
	case b.searching:
		foot = "searching the workspace…"
	case b.err != nil:
		foot = "the workspace search failed: " + b.err.Error()
	case b.searched != "" && b.searched == b.Query():
		foot = "with the workspace's search · " + hint
	default:
		foot = hint
	}
	lines = append(lines, "", st.Faint.Render(widgets.Truncate(foot, inner)))
	return st.PanelFocus.Width(w).Render(strings.Join(lines, "\n"))
}

// placeholders say what the field takes, longest first: the one that
// fits shows.
var placeholders = []string{
	"a page, database, user or command — or paste a Notion link",
	"a page, database, user or command, or a link",
	"a title, a command or a link",
}

// Owns reports whether msg is one of the box's own messages (the
// workspace search), which the app hands to it.
func Owns(msg tea.Msg) bool {
	switch msg.(type) {
	case searchTickMsg, searchMsg:
		return true
	}
	return false
}

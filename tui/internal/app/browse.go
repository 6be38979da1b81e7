package app

import (
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/jump"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
)

// visit is a page or a database view the session opened.
type visit struct {
	kind, id string
	route    ui.Route
}

func (v visit) key() string { return v.kind + ":" + notionapi.CompactID(v.id) }

// visitOf is the visit a route opens, if it is a page or a view.
func visitOf(r ui.Route) (visit, bool) {
	switch r := r.(type) {
	case ui.PagePreview:
		return visit{kind: jump.KindPage, id: r.ID, route: ui.PagePreview{ID: r.ID, Schema: r.Schema}}, true
	case ui.DatabaseView:
		if r.DataSource != nil {
			return visit{kind: jump.KindView, id: r.DataSource.ID, route: r}, true
		}
	}
	return visit{}, false
}

// history is the pages and views visited, in order, as a browser keeps
// them: at is the one shown; opening another drops those after it. Each
// screen on the stack remembers the visit it shows, so that esc moves the
// place in the history too.
type history struct {
	visits   []visit
	at       int
	byScreen map[ui.Screen]int
}

func newHistory() *history { return &history{at: -1, byScreen: map[ui.Screen]int{}} }

// opened records a screen opened on a route: a new visit after the one
// shown (forward ones are dropped), unless it is the one shown again.
func (h *history) opened(r ui.Route, s ui.Screen) (visit, bool) {
	v, ok := visitOf(r)
	if !ok {
		return v, false
	}
	if h.at >= 0 && h.visits[h.at].key() == v.key() {
		h.byScreen[s] = h.at
		return v, true
	}
	h.visits = append(h.visits[:h.at+1], v)
	h.at = len(h.visits) - 1
	h.byScreen[s] = h.at
	return v, true
}

// shown moves the place in the history to the visit of the screen now on
// top (after esc closed one).
func (h *history) shown(s ui.Screen) {
	if i, ok := h.byScreen[s]; ok && i < len(h.visits) {
		h.at = i
	}
}

// closed forgets a screen that left the stack.
func (h *history) closed(s ui.Screen) { delete(h.byScreen, s) }

// goBack shows the visit before the one shown: the screen under the top
// when it is that visit (as esc would), else that visit in place of the
// top one.
func (a *Model) goBack() tea.Cmd {
	h := a.hist
	if h.at <= 0 {
		return ui.Flash("No earlier page or view in this session's history")
	}
	target := h.at - 1
	if n := len(a.stack); n > 1 {
		if i, ok := h.byScreen[a.stack[n-2]]; ok && i == target {
			a.c.Back()
			return nil
		}
	}
	h.at = target
	return a.replaceTop(h.visits[target], target)
}

// goForward shows the visit after the one shown, opening it on top.
func (a *Model) goForward() tea.Cmd {
	h := a.hist
	if h.at+1 >= len(h.visits) {
		return ui.Flash("No later page or view in this session's history")
	}
	h.at++
	s := a.build(h.visits[h.at].route)
	h.byScreen[s] = h.at
	return a.push(s)
}

// replaceTop shows a visit in place of the top screen (or on top of the
// home screen).
func (a *Model) replaceTop(v visit, at int) tea.Cmd {
	s := a.build(v.route)
	if len(a.stack) > 1 {
		top := a.top()
		a.closeScreen(top)
		a.hist.closed(top)
		a.stack = a.stack[:len(a.stack)-1]
	}
	a.hist.byScreen[s] = at
	return a.push(s)
}

// remember records a visit in the recent list (for the jump box) and
// returns the command that saves it.
func (a *Model) remember(v visit, s ui.Screen) tea.Cmd {
	if a.recent == nil {
		return nil
	}
	title := ""
	if t := s.Title(); t != "Page" && t != "Untitled" {
		title = t
	}
	return a.recent.Add(jump.Visit{Kind: v.kind, ID: v.id, Title: title, At: a.c.Now()})
}

// retitleRecent gives the recent visit of the top screen the title the
// screen shows once it has read it.
func (a *Model) retitleRecent() tea.Cmd {
	if a.recent == nil {
		return nil
	}
	i, ok := a.hist.byScreen[a.top()]
	if !ok || i >= len(a.hist.visits) {
		return nil
	}
	title := a.top().Title()
	if title == "Page" || title == "Untitled" || title == "" {
		return nil
	}
	v := a.hist.visits[i]
	return a.recent.Retitle(v.kind+":"+v.id, title)
}

// recentLoadedMsg carries the recent list read from the config folder.
type recentLoadedMsg struct {
	r   *jump.Recent
	err error
}

func loadRecent(dir string, demo bool) tea.Cmd {
	return func() tea.Msg {
		r, err := jump.LoadRecent(dir, demo)
		return recentLoadedMsg{r, err}
	}
}

// openJump opens the jump box over the current screen.
func (a *Model) openJump() tea.Cmd {
	var visits []jump.Visit
	if a.recent != nil {
		visits = a.recent.Visits()
	}
	a.box = jump.New(a.c, visits, a.commands())
	a.box.SetSize(a.width, a.bodyHeight())
	return a.box.Focus()
}

// updateJump gives a message to the jump box; it reports whether the box
// took it.
func (a *Model) updateJump(msg tea.Msg) (tea.Cmd, bool) {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
	default:
		if !jump.Owns(msg) {
			return nil, false
		}
	}
	chosen, closed, cmd := a.box.Update(msg)
	switch {
	case closed:
		a.box = nil
	case chosen != nil:
		a.box = nil
		if chosen.Do != nil {
			return tea.Batch(cmd, chosen.Do()), true
		}
		a.c.Open(chosen.Route)
	}
	return cmd, true
}

// commands are the app's commands the jump box offers.
func (a *Model) commands() []jump.Item {
	var out []jump.Item
	add := func(label, note string, r ui.Route, do func() tea.Cmd) {
		out = append(out, jump.Item{Label: label, Note: note, Route: r, Do: do})
	}
	if a.c.Conn != nil {
		add("Home: databases", "", nil, func() tea.Cmd { a.c.Reset(ui.Explorer{}); return nil })
		add("Pages", "tab of the home screen", ui.Explorer{Tab: "Pages"}, nil)
		add("Users", "tab of the home screen", ui.Explorer{Tab: "Users"}, nil)
		add("Open a link or ID…", "", ui.OpenByLink{}, nil)
		add("Back", "[", nil, a.goBack)
		add("Forward", "]", nil, a.goForward)
		add("Enter another token", "", ui.NewToken{}, nil)
	}
	add("Request log", "L", ui.RequestLog{}, nil)
	add("Sign in with OAuth (public connection)", "", ui.OAuthSignIn{}, nil)
	add("Keys of this screen", "?", nil, func() tea.Cmd { a.openHelp(); return nil })
	add("Quit", "q", nil, a.quit)
	return out
}

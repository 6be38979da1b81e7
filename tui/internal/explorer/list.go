package explorer

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// pane is one tab of the explorer.
type pane interface {
	// Show loads the tab's list unless it is loaded or loading.
	Show() tea.Cmd
	Update(tea.Msg) tea.Cmd
	View() string
	SetSize(w, h int)
	Name() string
	KeyMap() help.KeyMap
	Capturing() bool
}

// findMode is what / does on a tab.
type findMode int

const (
	findNone   findMode = iota
	findNarrow          // narrows the loaded list as one types
	findSearch          // enter asks Notion for the titles typed
)

// lister is what a tab lists, as items of type T: how they are loaded
// and cached, drawn as table rows, found, opened and copied. listPane
// does the rest, the same for every tab.
type lister[T any] interface {
	name() string
	find() findMode
	// cached takes the list from the session cache, if it is there.
	cached(c *ui.Common) ([]T, bool)
	// load reads the list (the titles matching query, for a search) and
	// answers a listMsg tagged req.
	load(c *ui.Common, req int64, query string) tea.Cmd
	// loaded keeps a load's answer (req) in the session cache, once show
	// has it; it may return a command (titles of parents, read once).
	loaded(c *ui.Common, req int64, items []T) tea.Cmd
	// uncache drops the list from the session cache (r).
	uncache(c *ui.Common)
	// show makes items the table's rows, kept by the filter q.
	show(c *ui.Common, items []T, q string)
	// narrow keeps the rows that match q (findNarrow).
	narrow(q string)
	// update handles the lister's own messages, such as titles read.
	update(c *ui.Common, msg tea.Msg) bool
	// reset forgets what belongs to the connection (its titles).
	reset()
	rows() widgets.TableData
	// selectable reports whether a row can be opened and copied.
	selectable(row int) bool
	columns(w int) ([]widgets.Column, []int)
	// tableLines is how many lines of the tab the lister's own text
	// takes besides the table.
	tableLines() int
	// open opens a row; copyID returns what c copies of it.
	open(c *ui.Common, row int)
	copyID(c *ui.Common, row int) (text, what string)
	// failed says whether a load's failure is shown in place (true) or as
	// a guided fix.
	failed(err error) bool
	// view draws the tab around the table (table is the drawn table).
	view(p *listState, table string) string
}

// listState is what a lister's view reads of its pane.
type listState struct {
	c                     *ui.Common
	w, h                  int
	loading, loaded, more bool
	err                   error
	typing                bool
	query                 string // the search shown (findSearch)
	input                 string // the / line drawn
	inputValue            string
	spin                  string
	cursor                int // the selected row, -1 for none
}

// listMsg is the answer of a tab's load.
type listMsg[T any] struct {
	req   int64
	items []T
	more  bool   // a search listed only the first page
	next  string // where the list goes on, when more
	err   error
}

// listPane is one tab of the explorer, the same for every list: it loads
// once and keeps the list for the session, shows loading, failure and
// empty states, takes / to narrow or search, and has keys to open, copy
// and refresh.
type listPane[T any] struct {
	c       *ui.Common
	id      int64 // tags the pane's reloads
	req     int64 // the load whose answer is awaited
	l       lister[T]
	fixable bool // f shows the guided fix of a failed load
	table   *widgets.Table
	input   textinput.Model
	typing  bool   // the / line has focus
	query   string // the search shown (findSearch)
	loading bool
	loaded  bool
	more    bool
	err     error
	spin    spinner.Model
	w, h    int
	keys    listKeys
	rk      rowKeys
	// menu is the copy menu of y, over the list.
	menu     *widgets.KeyMenu
	menuActs []func() tea.Cmd
}

type listKeys struct {
	Open, Find, Done, Clear, Copy, Refresh, Fix key.Binding
}

func newListPane[T any](c *ui.Common, l lister[T], keys listKeys, prompt, placeholder string) *listPane[T] {
	keys.Fix.SetEnabled(false)
	return &listPane[T]{
		c: c, id: c.NextID(), l: l, table: widgets.NewTable(c.Styles, 1), keys: keys, rk: newRowKeys(),
		input: widgets.NewInput(c.Styles, prompt, placeholder),
		spin:  spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent)),
	}
}

func (p *listPane[T]) Name() string    { return p.l.name() }
func (p *listPane[T]) Capturing() bool { return p.typing || p.menu != nil }

// Show loads the list unless it is loaded or loading; the session cache
// answers when it can.
func (p *listPane[T]) Show() tea.Cmd {
	if p.loaded || p.loading {
		return nil
	}
	if items, ok := p.l.cached(p.c); ok {
		p.loaded = true
		p.l.show(p.c, items, p.input.Value())
		p.layout()
		return nil
	}
	return p.load()
}

// load reads the list (for a search, the titles of the query shown).
func (p *listPane[T]) load() tea.Cmd {
	p.loading, p.err = true, nil
	p.keys.Fix.SetEnabled(false)
	p.req = p.c.NextID()
	return tea.Batch(p.spin.Tick, p.l.load(p.c, p.req, p.query))
}

func (p *listPane[T]) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case listMsg[T]:
		if msg.req != p.req {
			return nil
		}
		return p.answered(msg)
	case ui.ReloadMsg:
		if msg.ID == p.id {
			return p.load()
		}
		return nil
	case ui.ConnectionChangedMsg:
		p.loaded = false
		p.l.reset()
		return p.load()
	case spinner.TickMsg:
		return ui.SpinWhile(&p.spin, msg, p.loading)
	case tea.KeyPressMsg:
		return p.key(msg)
	case tea.MouseMsg:
		p.table.Update(msg)
		return nil
	case tea.PasteMsg:
		if p.typing {
			return p.edit(msg)
		}
		return nil
	}
	if p.l.update(p.c, msg) {
		// What arrived (the names of databases) may match the filter.
		p.l.narrow(p.input.Value())
		p.layout()
		return nil
	}
	if p.typing {
		return p.edit(msg) // the cursor's blink
	}
	return nil
}

// answered shows a load's answer, or its failure.
func (p *listPane[T]) answered(msg listMsg[T]) tea.Cmd {
	p.loading = false
	if msg.err != nil {
		p.err = msg.err
		p.keys.Fix.SetEnabled(p.fixable)
		if p.l.failed(msg.err) {
			return nil // explained in place
		}
		return ui.ReportError(msg.err, ui.Reload(p.id))
	}
	p.loaded, p.more = true, msg.more
	if nk, ok := p.l.(nextKeeper); ok {
		nk.setNext(msg.next)
	}
	p.l.show(p.c, msg.items, p.input.Value())
	cmd := p.l.loaded(p.c, msg.req, msg.items)
	if p.l.find() == findSearch {
		p.table.SetCursor(0)
	}
	p.layout()
	return cmd
}

func (p *listPane[T]) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.keys
	if p.menu != nil {
		return p.menuInput(msg)
	}
	if p.typing {
		switch {
		case key.Matches(msg, k.Clear):
			p.stopTyping(p.l.find() == findNarrow)
			return nil
		case key.Matches(msg, k.Done) && p.l.find() == findSearch:
			p.stopTyping(false)
			p.query = strings.TrimSpace(p.input.Value())
			return p.load()
		case key.Matches(msg, k.Done):
			p.stopTyping(false)
			p.table.Update(msg) // down and up move on
			return nil
		}
		return p.edit(msg)
	}
	if cmd, ok := p.rowKey(msg); ok {
		return cmd
	}
	switch {
	case p.table.Update(msg):
		if m, ok := p.l.(moreLoader); ok {
			return m.more(p.c, p.table.Cursor())
		}
	case key.Matches(msg, k.Find) && p.l.find() != findNone:
		p.typing = true
		return p.input.Focus()
	case key.Matches(msg, k.Clear) && p.l.find() == findNarrow && p.input.Value() != "":
		p.stopTyping(true)
	case key.Matches(msg, k.Clear) && p.l.find() == findSearch && p.query != "":
		p.input.SetValue("")
		p.query = ""
		return p.load()
	case key.Matches(msg, k.Open):
		if i := p.table.Cursor(); i >= 0 && p.l.selectable(i) {
			p.l.open(p.c, i)
		}
	case key.Matches(msg, k.Copy):
		if i := p.table.Cursor(); i >= 0 && p.l.selectable(i) {
			return ui.CopyText(p.l.copyID(p.c, i))
		}
	case key.Matches(msg, k.Fix) && p.err != nil:
		return ui.ReportError(p.err, ui.Reload(p.id))
	case key.Matches(msg, k.Refresh):
		p.l.uncache(p.c)
		return p.load()
	}
	return nil
}

// edit gives a key or a paste to the / line; a narrowing tab narrows at
// once.
func (p *listPane[T]) edit(msg tea.Msg) tea.Cmd {
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.l.find() == findNarrow && p.input.Value() != before {
		p.l.narrow(p.input.Value())
		p.table.SetCursor(0)
		p.layout()
	}
	return cmd
}

// stopTyping leaves the / line, emptying it when clear is set.
func (p *listPane[T]) stopTyping(clear bool) {
	p.typing = false
	p.input.Blur()
	if clear {
		p.input.SetValue("")
		p.l.narrow("")
		p.layout()
	}
}

func (p *listPane[T]) SetSize(w, h int) {
	p.w, p.h = w, h
	p.input.SetWidth(max(10, w-4))
	p.layout()
}

func (p *listPane[T]) layout() {
	p.table.SetData(p.l.rows())
	cols, caps := p.l.columns(p.w)
	cols = widgets.FitWhole(p.l.rows(), cols, caps, p.l.rows().Len(), p.w)
	p.table.SetColumns(cols)
	p.table.SetSize(p.w, max(1, p.h-p.l.tableLines()))
}

func (p *listPane[T]) KeyMap() help.KeyMap {
	k := p.keys
	if p.typing {
		return ui.KeyMapOf([]key.Binding{k.Done, k.Clear})
	}
	if p.err != nil && p.fixable {
		return ui.KeyMapOf([]key.Binding{k.Fix, k.Refresh})
	}
	tk := p.table.Keys
	var short, full []key.Binding
	if k.Open.Enabled() {
		short, full = append(short, k.Open), append(full, k.Open)
	}
	if p.l.find() != findNone {
		short, full = append(short, k.Find), append(full, k.Find, k.Clear)
	}
	if p.l.find() == findNone {
		short = append(short, k.Copy)
	}
	full = append(full, k.Copy, k.Refresh)
	rk := []key.Binding{p.rk.Yank}
	if _, ok := p.l.(linker); ok {
		rk = []key.Binding{p.rk.Web, p.rk.CopyURL, p.rk.Yank}
	}
	short = append([]key.Binding{tk.Up, tk.Down}, append(short, k.Refresh)...)
	return ui.KeyMapOf(short, full, rk, tk.MoveKeys())
}

func (p *listPane[T]) View() string {
	p.table.SetStyles(p.c.Styles)
	st := &listState{
		c: p.c, w: p.w, h: p.h, loading: p.loading, loaded: p.loaded, more: p.more, err: p.err,
		typing: p.typing, query: p.query, input: p.input.View(), inputValue: p.input.Value(), spin: p.spin.View(),
		cursor: p.table.Cursor(),
	}
	out := p.l.view(st, p.table.View())
	if p.menu != nil {
		out = widgets.Overlay(out, p.menu.View(p.c.Styles), p.w, p.h)
	}
	return out
}

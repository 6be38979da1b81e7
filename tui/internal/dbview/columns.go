package dbview

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/viewprefs"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// columnChooser shows, hides, orders and sizes the table's columns. The
// columns shown come first, in their order, then the hidden ones in the
// schema's order. Applied, the choice is kept for the data source (or,
// with a view shown, marks the view as changed here).
type columnChooser struct {
	items  []chooserItem
	cursor int
	wrap   bool
	keys   chooserKeys
}

type chooserItem struct {
	prop  notionapi.PropertySchema
	shown bool
	width int // 0: fitted to the content
	// fitted is the width the table gave it, where narrowing starts.
	fitted int
}

type chooserKeys struct {
	Up, Down, Top, Bottom, Toggle, MoveUp, MoveDown, Narrow, Widen, Fit, Wrap, Reset, Apply, Cancel key.Binding
}

func newChooserKeys() chooserKeys {
	return chooserKeys{
		Up:       keymap.Up.Key(),
		Down:     keymap.Down.Key(),
		Top:      keymap.Top.KeyLabel("g", "first"),
		Bottom:   keymap.Bottom.KeyLabel("G", "last"),
		Toggle:   keymap.ShowHide.Key(),
		MoveUp:   keymap.MoveUp.Key(),
		MoveDown: keymap.MoveDown.Key(),
		Narrow:   keymap.Narrower.Key(),
		Widen:    keymap.Wider.Key(),
		Fit:      keymap.FitWidth.Key(),
		Wrap:     keymap.Wrap.Key(),
		Reset:    keymap.Reset.Key(),
		Apply:    keymap.Open.Key("apply"),
		Cancel:   keymap.Back.Key("cancel"),
	}
}

func (c *columnChooser) bindings() []key.Binding {
	k := c.keys
	ks := []key.Binding{k.Toggle}
	if c.cursor > 0 {
		ks = append(ks, k.MoveUp)
	}
	if c.cursor < len(c.items)-1 {
		ks = append(ks, k.MoveDown)
	}
	return append(ks, k.Narrow, k.Widen, k.Wrap, k.Apply, k.Cancel)
}

// openChooser starts from the columns shown now.
func (v *dbView) openChooser() {
	c := &columnChooser{wrap: v.wrap, keys: newChooserKeys()}
	fitted := v.table.ColumnWidths()
	for i, p := range v.cols {
		it := chooserItem{prop: p, shown: true}
		if i < len(v.widths) {
			it.width = v.widths[i]
		}
		if i < len(fitted) {
			it.fitted = fitted[i]
		}
		c.items = append(c.items, it)
	}
	for _, p := range v.ds.Properties.Ordered() {
		if !slices.ContainsFunc(v.cols, func(q notionapi.PropertySchema) bool { return q.Name == p.Name }) {
			c.items = append(c.items, chooserItem{prop: p})
		}
	}
	v.chooser = c
	v.setMode(modeColumns)
}

// resetTo starts again from a view's columns, or every column.
func (c *columnChooser) resetTo(cols notionapi.Schema, widths []int, all notionapi.Schema, wrap bool) {
	c.items = c.items[:0]
	for i, p := range cols {
		it := chooserItem{prop: p, shown: true}
		if i < len(widths) {
			it.width = widths[i]
		}
		c.items = append(c.items, it)
	}
	for _, p := range all.Ordered() {
		if !slices.ContainsFunc(cols, func(q notionapi.PropertySchema) bool { return q.Name == p.Name }) {
			c.items = append(c.items, chooserItem{prop: p})
		}
	}
	c.cursor, c.wrap = 0, wrap
}

// chooserInput handles the chooser's keys.
func (v *dbView) chooserInput(msg tea.Msg) tea.Cmd {
	c := v.chooser
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	ks := c.keys
	it := &c.items[c.cursor]
	switch {
	case key.Matches(k, ks.Cancel):
		v.chooser = nil
		v.setMode(modeTable)
	case key.Matches(k, ks.Up):
		c.cursor = max(0, c.cursor-1)
	case key.Matches(k, ks.Down):
		c.cursor = min(len(c.items)-1, c.cursor+1)
	case key.Matches(k, ks.Top):
		c.cursor = 0
	case key.Matches(k, ks.Bottom):
		c.cursor = len(c.items) - 1
	case key.Matches(k, ks.Toggle):
		if it.prop.Type == notionapi.PropTitle && it.shown {
			return ui.Flash("The title always shows: rows are named by it")
		}
		it.shown = !it.shown
		// A column shown goes after the shown ones; one hidden, before
		// the hidden ones.
		item := *it
		c.items = slices.Delete(c.items, c.cursor, c.cursor+1)
		at := len(c.items)
		for i, x := range c.items {
			if !x.shown {
				at = i
				break
			}
		}
		c.items = slices.Insert(c.items, at, item)
		c.cursor = at
	case key.Matches(k, ks.MoveUp):
		if c.cursor > 0 && c.items[c.cursor-1].shown == it.shown {
			c.items[c.cursor-1], c.items[c.cursor] = c.items[c.cursor], c.items[c.cursor-1]
			c.cursor--
		}
	case key.Matches(k, ks.MoveDown):
		if c.cursor+1 < len(c.items) && c.items[c.cursor+1].shown == it.shown {
			c.items[c.cursor+1], c.items[c.cursor] = c.items[c.cursor], c.items[c.cursor+1]
			c.cursor++
		}
	case key.Matches(k, ks.Narrow), key.Matches(k, ks.Widen):
		if !it.shown {
			return nil
		}
		w := it.width
		if w == 0 {
			w = max(it.fitted, 6)
		}
		if key.Matches(k, ks.Narrow) {
			it.width = max(3, w-2)
		} else {
			it.width = min(80, w+2)
		}
	case key.Matches(k, ks.Fit):
		it.width = 0
	case key.Matches(k, ks.Wrap):
		c.wrap = !c.wrap
	case key.Matches(k, ks.Reset):
		if v.active != nil {
			// The view's own columns.
			e := *v.active
			if e.notion != nil {
				l := e.notion.Layout(v.ds.Properties)
				c.resetTo(l.Schema(), nil, v.ds.Properties, l.WrapCells)
				return nil
			}
			if cols, widths, _ := viewprefs.Resolve(e.saved.Columns, v.ds.Properties); len(e.saved.Columns) > 0 {
				c.resetTo(cols, widths, v.ds.Properties, false)
				return nil
			}
		}
		c.resetTo(v.ds.Properties.Ordered(), nil, v.ds.Properties, false)
	case key.Matches(k, ks.Apply):
		v.chooser = nil
		v.setMode(modeTable)
		return v.applyColumns(c)
	}
	return nil
}

// applyColumns shows the chosen columns. Columns hidden or moved are
// drawn again from the rows loaded; a column shown that the rows were
// read without is read (filter_properties left it out).
func (v *dbView) applyColumns(c *columnChooser) tea.Cmd {
	var cols notionapi.Schema
	var widths []int
	for _, it := range c.items {
		if it.shown {
			cols = append(cols, it.prop)
			widths = append(widths, it.width)
		}
	}
	old := v.cols
	v.caps = nil // the user's widths now
	idx := make([]int, len(cols))
	remap := true
	for i, p := range cols {
		idx[i] = slices.IndexFunc(old, func(q notionapi.PropertySchema) bool { return q.Name == p.Name })
		remap = remap && idx[i] >= 0
	}
	v.setWrap(c.wrap)
	v.setColumns(cols, widths)
	var save tea.Cmd
	if v.active != nil {
		v.changed = true
	} else {
		chosen := &viewprefs.Columns{Shown: viewprefs.ColumnsOf(cols), Wrap: c.wrap, Updated: v.c.Now()}
		for i := range chosen.Shown {
			chosen.Shown[i].Width = widths[i]
		}
		id := v.ds.ID
		save = v.updatePrefs("", func(p *viewprefs.Prefs) error {
			p.Title = v.Title()
			p.SetColumns(id, chosen)
			return nil
		})
	}
	q := v.q
	q.fields = v.fieldsFor(cols, q.Sorts, q.group)
	if !remap {
		v.markChanged(&q)
		return tea.Batch(save, v.run(q))
	}
	v.q.fields = q.fields
	rows := make(dbRows, len(v.rows))
	for i := range v.rows {
		rows[i] = v.rows[i].pick(idx)
	}
	v.rows = rows
	v.table.SetData(v.rows)
	v.layoutColumns()
	if cr, ok := loadedRows.Get(v.c.Cache, v.ds.ID); ok && !v.loading {
		cr.cols, cr.rows, cr.widths, cr.wrap, cr.changed, cr.q = v.cols, v.rows, v.widths, v.wrap, v.changed, v.q
	}
	if v.loading {
		// Rows still on their way are drawn for the old columns: read
		// again.
		return tea.Batch(save, v.run(q))
	}
	return save
}

// chooserView draws the chooser in a panel inner cells wide.
func (v *dbView) chooserView(inner, h int) string {
	st, c := v.c.Styles, v.chooser
	var b strings.Builder
	shown := 0
	for _, it := range c.items {
		if it.shown {
			shown++
		}
	}
	b.WriteString(st.PanelTitle.Render("Columns of "+v.Title()) + st.Muted.Render(fmt.Sprintf("  %d of %d shown", shown, len(c.items))) + "\n")
	nameW := 8
	for _, it := range c.items {
		nameW = max(nameW, widgets.TextWidth(it.prop.Name))
	}
	nameW = min(nameW, max(8, inner-30))
	// A short panel leaves the hint out for the list.
	hint, room := true, h-3
	if room < min(len(c.items), 4) {
		hint, room = false, h-1
	}
	room = max(1, room)
	first := max(0, min(c.cursor-room/2, len(c.items)-room))
	last := min(len(c.items), first+room)
	for i := first; i < last; i++ {
		if more := len(c.items) - i; i == last-1 && more > 1 && i != c.cursor {
			b.WriteString(st.Faint.Render(fmt.Sprintf("  ↓ %d more", more)) + "\n")
			break
		}
		it := c.items[i]
		box := "☐"
		if it.shown {
			box = "☑"
		}
		var lb strings.Builder
		widgets.FitCell(&lb, it.prop.Name, nameW, false)
		width := ""
		if it.shown {
			width = "fitted"
			if it.width > 0 {
				width = fmt.Sprintf("%d wide", it.width)
			}
		}
		line := fmt.Sprintf("%s %s  %-13s %s", box, lb.String(), it.prop.Type, width)
		if i == c.cursor {
			b.WriteString(st.Selected.Render(widgets.PadRight(widgets.Truncate("▸ "+line, inner), inner)) + "\n")
		} else {
			b.WriteString(widgets.Truncate("  "+line, inner) + "\n")
		}
	}
	wrap := "off"
	if c.wrap {
		wrap = "on"
	}
	keep := "kept for this " + v.c.TableNoun()
	if v.active != nil {
		keep = "changes the view " + v.active.name() + " here (S in the views saves it)"
	}
	if hint {
		b.WriteString("\n" + st.Faint.Render(widgets.Truncate(fmt.Sprintf("wrap cells %s (w) · K/J move · ←/→ width · %s", wrap, keep), inner)))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

package dbview

import (
	"fmt"
	"maps"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/board"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// boardState is the rows shown as a board: a column per value of the
// grouping property, in Notion's order, cards in the rows' order.
type boardState struct {
	group *board.Grouper
	cols  []board.Column
	names map[string]string // people's names, for people columns
	// col is the selected column among those shown; sel and top are the
	// selected and first shown card of each column, by its key.
	col       int
	sel, top  map[string]int
	left      int // first column shown
	hideEmpty bool
	keys      boardKeys
	// moving holds the cards being moved, by page ID; lastMove is the
	// last move saved, which u undoes.
	moving   map[string]*cardMove
	lastMove *cardMove
}

type boardKeys struct {
	Left, Right, Up, Down, Top, Bottom, PageUp, PageDown, Open, New, Empty, Group, Table, Copy key.Binding
	MoveLeft, MoveRight, Undo, Trash                                                           key.Binding
}

func newBoardKeys() boardKeys {
	return boardKeys{
		Left:     keymap.Left.Key("column left"),
		Right:    keymap.Right.Key("column right"),
		Up:       keymap.Up.Key("card up"),
		Down:     keymap.Down.Key("card down"),
		Top:      keymap.Top.KeyLabel("g", "first card"),
		Bottom:   keymap.Bottom.KeyLabel("G", "last card"),
		PageUp:   keymap.PageUp.Key(),
		PageDown: keymap.PageDown.Key(),
		Open:     keymap.Open.Key("open card"),
		Copy:     keymap.Copy.Key("copy page ID"),
		New:      keymap.New.Key("new card here"),
		Empty:    keymap.EmptyGroups.Key(),
		Group:    keymap.Board.Key("group by next property"),
		Table:    keymap.Table.Key(),
		// A card moves where the selection would go.
		MoveLeft:  keymap.MoveLeft.Key("move card left"),
		MoveRight: keymap.MoveRight.Key("move card right"),
		Undo:      keymap.Undo.Key("undo"),
		// Trashing is the table's key (editKey); named here for the help.
		Trash: keymap.Remove.Key("trash card"),
	}
}

func newBoardState(g *board.Grouper, hideEmpty bool) *boardState {
	return &boardState{group: g, names: map[string]string{}, sel: map[string]int{}, top: map[string]int{}, hideEmpty: hideEmpty,
		keys: newBoardKeys(), moving: map[string]*cardMove{}}
}

// boardOn reports whether the rows show as a board.
func (v *dbView) boardOn() bool { return v.brd != nil }

// setBoard shows the rows as a board grouped by g, or as the table for
// nil.
func (v *dbView) setBoard(g *board.Grouper) {
	if g == nil {
		v.brd = nil
		return
	}
	hide := false
	if v.active != nil && v.active.notion != nil {
		if cfg := v.active.notion.Configuration; cfg != nil && cfg.GroupBy != nil {
			hide = cfg.GroupBy.HideEmptyGroups
		}
	}
	v.brd = newBoardState(g, hide)
	v.brd.rebuild(v.rows, nil)
}

// rebuild groups the rows again (after rows arrived or changed).
func (b *boardState) rebuild(rows dbRows, names map[string]string) {
	maps.Copy(b.names, names)
	keys := make([][]string, len(rows))
	for i := range rows {
		keys[i] = rows[i].keys
		if keys[i] == nil {
			keys[i] = []string{board.NoValue}
		}
	}
	b.cols = b.group.Build(keys, b.names)
	b.col = min(b.col, max(0, len(b.shown())-1))
}

// shown lists the columns drawn: every one, or the non-empty ones.
func (b *boardState) shown() []int {
	out := make([]int, 0, len(b.cols))
	for i, c := range b.cols {
		if !b.hideEmpty || len(c.Rows) > 0 {
			out = append(out, i)
		}
	}
	return out
}

// current returns the selected column, or nil.
func (b *boardState) current() *board.Column {
	s := b.shown()
	if len(s) == 0 {
		return nil
	}
	return &b.cols[s[min(b.col, len(s)-1)]]
}

// selectedRow is the row of the selected card, or -1.
func (b *boardState) selectedRow() int {
	c := b.current()
	if c == nil || len(c.Rows) == 0 {
		return -1
	}
	return c.Rows[min(b.sel[c.Key], len(c.Rows)-1)]
}

// moveCard moves the selection by d cards in its column.
func (b *boardState) moveCard(d int) {
	c := b.current()
	if c == nil || len(c.Rows) == 0 {
		return
	}
	b.sel[c.Key] = min(max(b.sel[c.Key]+d, 0), len(c.Rows)-1)
}

// toggleBoard shows the rows as a board, or as the table again. The
// board groups by the view's property, else the first status, select,
// checkbox or people property.
func (v *dbView) toggleBoard() tea.Cmd {
	if v.boardOn() {
		v.setBoard(nil)
		if v.active != nil && v.active.isBoard() {
			v.changed = true
		}
		q := v.q
		q.group = nil
		v.q.group = nil
		return nil
	}
	p, ok := v.groupCandidate("")
	if !ok {
		return ui.Flash("No status, select, checkbox or people property to make a board of")
	}
	return v.groupBy(p)
}

// groupCandidate returns the groupable property after the one named
// after ("" for the first): status first, then select, checkbox, people
// and multi-select, in schema order within each.
func (v *dbView) groupCandidate(after string) (notionapi.PropertySchema, bool) {
	var list []notionapi.PropertySchema
	for _, t := range []notionapi.PropertyType{notionapi.PropStatus, notionapi.PropSelect, notionapi.PropCheckbox, notionapi.PropPeople, notionapi.PropMultiSelect} {
		for _, p := range v.ds.Properties.Ordered() {
			if p.Type == t {
				list = append(list, p)
			}
		}
	}
	if len(list) == 0 {
		return notionapi.PropertySchema{}, false
	}
	for i, p := range list {
		if p.Name == after {
			return list[(i+1)%len(list)], true
		}
	}
	return list[0], true
}

// groupBy shows the board grouped by p, reading the rows again with
// their columns.
func (v *dbView) groupBy(p notionapi.PropertySchema) tea.Cmd {
	g, err := board.New(p, nil)
	if err != nil {
		return ui.FlashError(err.Error())
	}
	if v.active != nil {
		v.changed = true
	}
	v.setBoard(g)
	q := v.q
	q.group = g
	q.view = nil
	q.fields = v.fieldsFor(v.cols, q.Sorts, g)
	return v.run(q)
}

// boardKey handles a key on the board: moving between and within
// columns, opening and creating cards; the other keys are the table's.
func (v *dbView) boardKey(k tea.KeyPressMsg) tea.Cmd {
	b := v.brd
	ks := b.keys
	page := max(1, v.cardsFit())
	switch {
	case key.Matches(k, ks.Left):
		b.col = max(0, b.col-1)
	case key.Matches(k, ks.Right):
		b.col = min(max(0, len(b.shown())-1), b.col+1)
	case key.Matches(k, ks.Up):
		b.moveCard(-1)
	case key.Matches(k, ks.Down):
		b.moveCard(1)
	case key.Matches(k, ks.PageUp):
		b.moveCard(-page)
	case key.Matches(k, ks.PageDown):
		b.moveCard(page)
	case key.Matches(k, ks.Top):
		b.moveCard(-len(v.rows))
	case key.Matches(k, ks.Bottom):
		b.moveCard(len(v.rows))
	case key.Matches(k, ks.Empty):
		cur := b.current()
		b.hideEmpty = !b.hideEmpty
		b.col = 0
		for i, ci := range b.shown() {
			if cur != nil && b.cols[ci].Key == cur.Key {
				b.col = i
			}
		}
	case key.Matches(k, ks.Group):
		p, ok := v.groupCandidate(b.group.Property().Name)
		if !ok || p.Name == b.group.Property().Name {
			return ui.Flash("No other property to group by")
		}
		return v.groupBy(p)
	case key.Matches(k, ks.MoveLeft):
		return v.moveCard(-1)
	case key.Matches(k, ks.MoveRight):
		return v.moveCard(1)
	case key.Matches(k, ks.Undo):
		return v.undoOnBoard()
	case key.Matches(k, ks.New):
		return v.newCard()
	case key.Matches(k, ks.Table):
		return v.toggleBoard()
	default:
		return v.commonKey(k)
	}
	return nil
}

// newCard opens the new-page form with the column's value set.
func (v *dbView) newCard() tea.Cmd {
	b := v.brd
	c := b.current()
	presets := map[string]string{}
	if c != nil {
		if text, ok := b.group.PresetText(c.Key, b.cols); ok {
			presets[b.group.Property().Name] = text
		}
	}
	v.c.Open(ui.CreatePage{DataSource: v.ds, Presets: presets})
	return nil
}

// Board layout.
const (
	boardGap     = 1  // between two columns
	boardMinColW = 24 // the narrowest column
	boardMaxColW = 40
	cardProps    = 3 // property lines under a card's title, at most
)

// cardProps are the indexes in cols of the properties a card shows under
// its title: the columns but the title and the grouping property.
func (v *dbView) cardFields() (title int, props []int) {
	title = 0
	for i, p := range v.cols {
		if p.Type == notionapi.PropTitle {
			title = i
			break
		}
	}
	for i, p := range v.cols {
		if i == title || v.brd != nil && p.Name == v.brd.group.Property().Name {
			continue
		}
		if len(props) < cardProps {
			props = append(props, i)
		}
	}
	return title, props
}

// cardHeight is the lines of one card and the blank line after it.
func (v *dbView) cardHeight() int {
	_, props := v.cardFields()
	return 1 + len(props) + 1
}

// cardsFit is how many cards a column shows at once.
func (v *dbView) cardsFit() int {
	return max(1, (v.tableHeight()-2)/v.cardHeight())
}

// boardView draws the board in the table's place: a header line and a
// rule per column, then the cards that fit; only the cards on screen are
// drawn, whatever the number of rows.
func (v *dbView) boardView() string {
	st, b := v.c.Styles, v.brd
	h := v.tableHeight()
	shown := b.shown()
	if len(shown) == 0 {
		return st.Muted.Render("No columns: every column is empty (z shows them).") + strings.Repeat("\n", max(0, h-1))
	}
	n := max(1, min(len(shown), (v.w+boardGap)/(boardMinColW+boardGap)))
	colW := min(boardMaxColW, (v.w-(n-1)*boardGap)/n)
	b.col = min(b.col, len(shown)-1)
	switch {
	case b.col < b.left:
		b.left = b.col
	case b.col >= b.left+n:
		b.left = b.col - n + 1
	}
	b.left = max(0, min(b.left, len(shown)-n))
	title, props := v.cardFields()
	cardH := 1 + len(props) + 1
	fit := max(1, (h-2)/cardH)
	blocks := make([][]string, 0, n)
	for k := b.left; k < min(len(shown), b.left+n); k++ {
		c := &b.cols[shown[k]]
		blocks = append(blocks, v.columnLines(c, k == b.col, colW, h, fit, cardH, title, props))
	}
	var out strings.Builder
	for line := range h {
		if line > 0 {
			out.WriteByte('\n')
		}
		for j, blk := range blocks {
			if j > 0 {
				out.WriteString(widgets.Spaces(boardGap))
			}
			out.WriteString(blk[line])
		}
	}
	return out.String()
}

// columnLines draws one board column, h lines of w cells.
func (v *dbView) columnLines(c *board.Column, focused bool, w, h, fit, cardH, title int, props []int) []string {
	st, b := v.c.Styles, v.brd
	lines := make([]string, 0, h)
	label := widgets.Truncate(c.Label, max(1, w-widgets.TextWidth(widgets.FormatCount(len(c.Rows)))-2))
	labelStyle := st.Bold
	if c.Color != "" && !st.NoColor {
		labelStyle = st.OptionStyle(c.Color).Bold(true)
	}
	head := labelStyle.Render(label) + " " + st.Muted.Render(widgets.FormatCount(len(c.Rows)))
	lines = append(lines, widgets.PadRight(head, w))
	// The focused column's rule and selected card are marked in their
	// shape too, for terminals without colour.
	if focused {
		lines = append(lines, st.Accent.Render(strings.Repeat("━", w)))
	} else {
		lines = append(lines, st.Faint.Render(strings.Repeat("─", w)))
	}
	sel := min(b.sel[c.Key], max(0, len(c.Rows)-1))
	top := b.top[c.Key]
	switch {
	case sel < top:
		top = sel
	case sel >= top+fit:
		top = sel - fit + 1
	}
	top = max(0, min(top, len(c.Rows)-fit))
	b.top[c.Key] = top
	more := len(c.Rows) - (top + fit)
	for i := top; i < min(len(c.Rows), top+fit); i++ {
		if more > 0 && i == top+fit-1 && len(lines)+cardH > h-1 {
			break
		}
		row := &v.rows[c.Rows[i]]
		name := widgets.OrUntitled(row.cell(title))
		selected := focused && i == sel
		bar := "▌"
		if selected {
			bar = "▶"
		}
		if b.moving[row.id] != nil {
			name += " · saving…"
		}
		text := widgets.PadRight(widgets.Truncate(bar+name, w), w)
		if selected {
			lines = append(lines, st.Selected.Render(text))
		} else {
			lines = append(lines, st.Bold.Render(text))
		}
		// The values a card holds, then blank lines: every card has
		// the same height.
		shownProps := 0
		for _, p := range props {
			val := row.cell(p)
			if val == "" {
				continue
			}
			shownProps++
			line := widgets.PadRight(widgets.Truncate("  "+val, w), w)
			if selected {
				lines = append(lines, st.Selected.Render(line))
			} else {
				lines = append(lines, st.Muted.Render(line))
			}
		}
		for ; shownProps < len(props); shownProps++ {
			if selected {
				lines = append(lines, st.Selected.Render(widgets.Spaces(w)))
			} else {
				lines = append(lines, widgets.Spaces(w))
			}
		}
		lines = append(lines, widgets.Spaces(w))
	}
	if more > 0 {
		lines = append(lines, st.Faint.Render(widgets.PadRight(fmt.Sprintf("  ↓ %s more", widgets.FormatCount(more)), w)))
	}
	if len(c.Rows) == 0 {
		lines = append(lines, st.Faint.Render(widgets.PadRight("  no cards", w)))
	}
	for len(lines) < h {
		lines = append(lines, widgets.Spaces(w))
	}
	return lines[:h]
}

// boardFooter says where the selection is and what is hidden.
func (v *dbView) boardFooter() string {
	st, b := v.c.Styles, v.brd
	var parts []string
	shown := b.shown()
	if c := b.current(); c != nil && len(c.Rows) > 0 {
		parts = append(parts, fmt.Sprintf("card %s of %s in %s", widgets.FormatCount(b.sel[c.Key]+1), widgets.FormatCount(len(c.Rows)), c.Label))
	}
	if hidden := len(b.cols) - len(shown); hidden > 0 {
		parts = append(parts, textutil.Plural(hidden, "empty column", "empty columns")+" hidden (z)")
	}
	n := max(1, min(len(shown), (v.w+boardGap)/(boardMinColW+boardGap)))
	if len(shown) > n {
		parts = append(parts, fmt.Sprintf("columns %d–%d of %d ←/→", b.left+1, min(len(shown), b.left+n), len(shown)))
	}
	return st.Muted.Render(strings.Join(parts, " · "))
}

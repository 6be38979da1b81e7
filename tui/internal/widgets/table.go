package widgets

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/textwrap"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// TableData is what a table shows: rows of one-line text cells. Cells are
// kept ready to draw (no newlines or control characters), so that a frame
// costs what the visible cells cost, whatever the number of rows.
type TableData interface {
	Len() int
	Cell(row, col int) string
}

// Sectioned data has section rows (a database heading its data sources):
// drawn across the full width and skipped by the cursor.
type Sectioned interface {
	Section(row int) (title string, ok bool)
}

// Column is one column of a table.
type Column struct {
	Title string
	Width int // in terminal cells
	Right bool
	// Check draws "true" and "false" as ☑ and ☐.
	Check bool
	// Color, if set, returns the SGR sequence that colours a value ("" for
	// none): option colours, HTTP status classes.
	Color func(value string) string
	// Multi splits the cell into ", "-separated values coloured one by one
	// (multi-select options).
	Multi bool
	// Whole marks values that mean nothing in part (a date, a count):
	// the table leaves such a column out at the right edge when a value
	// on screen would be cut, and FitWhole drops it.
	Whole bool
}

// ColGap is the space between two columns.
const ColGap = 2

// Table is a virtualized table: a fixed header, rows drawn only when
// visible, a selection, vertical scrolling by row and horizontal
// scrolling by column, with the first Frozen columns always shown.
type Table struct {
	st     *styles.Styles
	cols   []Column
	data   TableData
	frozen int
	// lines is the height of a row: 1, or more when cells wrap.
	lines  int
	cursor int
	top    int // first visible row
	left   int // first visible scrolled Column (≥ frozen)
	w, h   int
	Keys   TableKeys
	// cellFocus makes ←/→ move a focused cell (col) in the selected row,
	// scrolling to keep it in view; without it they scroll the columns.
	cellFocus bool
	col       int
	// marked, when set, says which rows are marked (drawn in the accent
	// colour).
	marked func(row int) bool
	// decorate, when set, marks cells: being saved, refused.
	decorate func(row, col int) CellMark
}

// CellMark is a state a cell shows beside its value.
type CellMark int

// Cell marks.
const (
	MarkNone   CellMark = iota
	MarkSaving          // a change is on its way to Notion: "…"
	MarkFailed          // Notion refused the change: "✗"
)

type TableKeys struct {
	Up, Down, PageUp, PageDown, HalfUp, HalfDown, Top, Bottom, Left, Right key.Binding
}

func newTableKeys() TableKeys {
	return TableKeys{
		Up:       keymap.Up.Key(),
		Down:     keymap.Down.Key(),
		PageUp:   keymap.PageUp.Key(),
		PageDown: keymap.PageDown.Key(),
		HalfUp:   keymap.HalfUp.Key(),
		HalfDown: keymap.HalfDown.Key(),
		Top:      keymap.Top.Key("first row"),
		Bottom:   keymap.Bottom.Key("last row"),
		Left:     keymap.Left.Key("columns left"),
		Right:    keymap.Right.Key("columns right"),
	}
}

// MoveKeys and ScrollKeys are the groups the help overlay lists.
func (k TableKeys) MoveKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown, k.Top, k.Bottom}
}

func (k TableKeys) ScrollKeys() []key.Binding { return []key.Binding{k.Left, k.Right} }

func NewTable(st *styles.Styles, frozen int) *Table {
	return &Table{st: st, frozen: frozen, lines: 1, Keys: newTableKeys(), data: emptyData{}}
}

// SetFrozen sets how many leading columns stay in place when the others
// scroll sideways.
func (t *Table) SetFrozen(n int) {
	t.frozen = max(0, n)
	t.left = min(max(t.left, t.frozen), max(t.frozen, len(t.cols)-1))
}

// Frozen returns the number of frozen columns.
func (t *Table) Frozen() int { return t.frozen }

// SetRowLines sets the height of a row: 1 draws each cell on one line
// cut with …; more wraps a cell's words over that many lines (the last
// one cut when they do not fit).
func (t *Table) SetRowLines(n int) {
	t.lines = min(max(n, 1), 8)
	t.scrollToCursor()
}

// RowLines returns the height of a row.
func (t *Table) RowLines() int { return t.lines }

type emptyData struct{}

func (emptyData) Len() int             { return 0 }
func (emptyData) Cell(int, int) string { return "" }

// SetSize sets the table's size, header included.
func (t *Table) SetSize(w, h int) {
	t.w, t.h = max(w, 1), max(h, 1)
	t.scrollToCursor()
}

// SetColumns replaces the columns, keeping the selection.
func (t *Table) SetColumns(cols []Column) {
	t.cols = cols
	t.left = min(max(t.left, t.frozen), max(t.frozen, len(cols)-1))
	t.col = min(max(t.col, 0), max(0, len(cols)-1))
}

// SetCellFocus turns the focused cell on: ←/→ move it along the selected
// row (scrolling the columns to keep it in view), and it is drawn apart.
func (t *Table) SetCellFocus(on bool) {
	t.cellFocus = on
	t.Keys.Left.SetHelp("←/h", "cell left")
	t.Keys.Right.SetHelp("→/l", "cell right")
	if !on {
		t.Keys.Left.SetHelp("←/h", "columns left")
		t.Keys.Right.SetHelp("→/l", "columns right")
	}
}

// Col returns the focused column (0 without cell focus).
func (t *Table) Col() int { return t.col }

// SetCol focuses a column and scrolls it into view.
func (t *Table) SetCol(i int) {
	if len(t.cols) == 0 {
		t.col = 0
		return
	}
	t.col = min(max(i, 0), len(t.cols)-1)
	if t.col < t.frozen {
		return
	}
	if t.col < t.left {
		t.left = t.col
	}
	for {
		idx, widths := t.layout()
		shown := false
		for k, c := range idx {
			// Fully drawn, or drawn as wide as it can be.
			if c == t.col && (widths[k] == t.cols[c].Width || k == 0) {
				shown = true
			}
		}
		if shown || t.left >= t.col {
			return
		}
		t.left++
	}
}

// SetDecorate marks cells that are being saved or were refused (nil for
// none); rows drawn on one line show them.
func (t *Table) SetDecorate(f func(row, col int) CellMark) { t.decorate = f }

// SetMarked sets which rows are marked; nil marks none.
func (t *Table) SetMarked(marked func(row int) bool) { t.marked = marked }

// Visible returns the rows drawn: from first to last, included (last <
// first when there are none).
func (t *Table) Visible() (first, last int) {
	return t.top, min(t.data.Len(), t.top+t.bodyRows()) - 1
}

// ColumnWidths returns the width of each column.
func (t *Table) ColumnWidths() []int {
	out := make([]int, len(t.cols))
	for i, c := range t.cols {
		out[i] = c.Width
	}
	return out
}

// SetData replaces the rows, keeping the selection in range.
func (t *Table) SetData(d TableData) {
	t.data = d
	t.SetCursor(t.cursor)
}

// Cursor returns the selected row, or -1 when there is none.
func (t *Table) Cursor() int {
	if t.data.Len() == 0 {
		return -1
	}
	return t.cursor
}

// SetCursor selects a row (the nearest selectable one).
func (t *Table) SetCursor(i int) {
	n := t.data.Len()
	if n == 0 {
		t.cursor, t.top = 0, 0
		return
	}
	i = min(max(i, 0), n-1)
	dir := 1
	if i < t.cursor {
		dir = -1
	}
	t.cursor = t.selectable(i, dir)
	t.scrollToCursor()
}

// selectable returns the first row from i in direction dir that is not a
// section, turning back at the ends.
func (t *Table) selectable(i, dir int) int {
	s, ok := t.data.(Sectioned)
	if !ok {
		return i
	}
	n := t.data.Len()
	for _, d := range []int{dir, -dir} {
		for j := i; j >= 0 && j < n; j += d {
			if _, sec := s.Section(j); !sec {
				return j
			}
		}
	}
	return i
}

// bodyRows is the number of rows drawn under the header.
func (t *Table) bodyRows() int { return max(1, (t.h-1)/max(t.lines, 1)) }

func (t *Table) scrollToCursor() {
	rows := t.bodyRows()
	switch {
	case t.cursor < t.top:
		t.top = t.cursor
	case t.cursor >= t.top+rows:
		t.top = t.cursor - rows + 1
	}
	// Keep a section heading in view above the first row of its group.
	if s, ok := t.data.(Sectioned); ok && t.top > 0 && t.top == t.cursor {
		if _, sec := s.Section(t.top - 1); sec {
			t.top--
		}
	}
	t.top = max(0, min(t.top, t.data.Len()-rows))
}

// Update moves the selection or scrolls; it reports whether msg was used.
func (t *Table) Update(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return t.key(msg)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			t.SetCursor(t.cursor - 3)
		case tea.MouseWheelDown:
			t.SetCursor(t.cursor + 3)
		case tea.MouseWheelLeft:
			t.scroll(-1)
		case tea.MouseWheelRight:
			t.scroll(1)
		default:
			return false
		}
		return true
	}
	return false
}

func (t *Table) key(msg tea.KeyPressMsg) bool {
	page := t.bodyRows()
	k := t.Keys
	switch {
	case key.Matches(msg, k.Up):
		t.SetCursor(t.cursor - 1)
	case key.Matches(msg, k.Down):
		t.SetCursor(t.cursor + 1)
	case key.Matches(msg, k.PageUp):
		t.SetCursor(t.cursor - page)
	case key.Matches(msg, k.PageDown):
		t.SetCursor(t.cursor + page)
	case key.Matches(msg, k.HalfUp):
		t.SetCursor(t.cursor - page/2)
	case key.Matches(msg, k.HalfDown):
		t.SetCursor(t.cursor + page/2)
	case key.Matches(msg, k.Top):
		t.SetCursor(0)
	case key.Matches(msg, k.Bottom):
		t.SetCursor(t.data.Len() - 1)
	case key.Matches(msg, k.Left) && t.cellFocus:
		t.SetCol(t.col - 1)
	case key.Matches(msg, k.Right) && t.cellFocus:
		t.SetCol(t.col + 1)
	case key.Matches(msg, k.Left):
		t.scroll(-1)
	case key.Matches(msg, k.Right):
		t.scroll(1)
	default:
		return false
	}
	return true
}

// scroll moves the scrolled columns by one.
func (t *Table) scroll(d int) {
	_, last := t.visibleColumns()
	switch {
	case d < 0 && t.left > t.frozen:
		t.left--
	case d > 0 && last < len(t.cols)-1:
		t.left++
	}
}

// ColumnsHint says which columns show when some are scrolled out of view
// ("columns 1–5 of 14  ←/→"), or "" when all fit.
func (t *Table) ColumnsHint() string {
	first, last := t.visibleColumns()
	n := len(t.cols)
	if n == 0 || first <= t.frozen && last >= n-1 {
		return ""
	}
	shown := fmt.Sprintf("1–%d", last+1)
	if first > t.frozen {
		shown = fmt.Sprintf("1, %d–%d", first+1, last+1)
	}
	return fmt.Sprintf("columns %s of %d  ←/→", shown, n)
}

// visibleColumns returns the first scrolled column shown and the last
// column shown (partly or fully).
func (t *Table) visibleColumns() (first, last int) {
	idx, _ := t.layout()
	last = -1
	if len(idx) > 0 {
		last = idx[len(idx)-1]
	}
	return t.left, last
}

// columnOrder lists the frozen columns, then the scrolled ones from left.
func (t *Table) columnOrder() []int {
	order := make([]int, 0, len(t.cols))
	for i := 0; i < min(t.frozen, len(t.cols)); i++ {
		order = append(order, i)
	}
	for i := max(t.left, t.frozen); i < len(t.cols); i++ {
		order = append(order, i)
	}
	return order
}

// minPartial is the narrowest last column worth drawing cut.
const minPartial = 6

// layout returns the columns to draw and the width of each (the last one
// may be cut to fit).
func (t *Table) layout() (idx, widths []int) {
	order := t.columnOrder()
	idx, widths = order[:0:len(order)], make([]int, 0, len(order))
	x := 0
	for _, i := range order {
		room := t.w - x
		w := t.cols[i].Width
		if w > room {
			// Values that mean nothing in part (dates) wait for ←/→ when
			// one on screen would be cut, unless the column is the first
			// scrolled one, which is drawn as wide as it can be.
			if (room < minPartial || t.cols[i].Whole && i != t.left && !t.valuesFit(i, room)) && len(idx) > 0 {
				break
			}
			w = room
		}
		idx = append(idx, i)
		widths = append(widths, w)
		x += w + ColGap
		if x >= t.w {
			break
		}
	}
	return idx, widths
}

// valuesFit reports whether the values of column i in the rows on screen
// fit in room cells, or their first word does with " …" after it (the
// start of a date range: "2026-11-08 …"); wrapped rows always fit.
func (t *Table) valuesFit(i, room int) bool {
	if t.data == nil || t.lines > 1 {
		return true
	}
	for r := t.top; r < min(t.data.Len(), t.top+t.bodyRows()); r++ {
		v := t.data.Cell(r, i)
		if TextWidth(v) <= room {
			continue
		}
		if first, _, ok := strings.Cut(v, " "); !ok || TextWidth(first)+2 > room {
			return false
		}
	}
	return true
}

// View draws the header and the visible rows: exactly h lines.
func (t *Table) View() string {
	idx, widths := t.layout()
	var b strings.Builder
	b.Grow((t.w + 16) * t.h * 2)
	var line strings.Builder
	line.Grow(t.w * 2)
	for k, i := range idx {
		if k > 0 {
			line.WriteString(Spaces(ColGap))
		}
		FitCell(&line, t.cols[i].Title, widths[k], t.cols[i].Right)
	}
	b.WriteString(t.st.TableHead.Render(PadRight(line.String(), t.w)))

	sec, _ := t.data.(Sectioned)
	n := t.data.Len()
	for r := t.top; r < t.top+t.bodyRows(); r++ {
		b.WriteByte('\n')
		if r >= n {
			for range t.lines - 1 {
				b.WriteByte('\n')
			}
			continue
		}
		if sec != nil {
			if title, ok := sec.Section(r); ok {
				b.WriteString(t.st.Bold.Render(Truncate(title, t.w)))
				continue
			}
		}
		marked := t.marked != nil && t.marked(r)
		if t.lines > 1 {
			t.writeWrapped(&b, r, idx, widths, marked)
			continue
		}
		if r == t.cursor {
			t.writeSelected(&b, &line, r, idx, widths, marked)
			continue
		}
		if marked {
			line.Reset()
			t.writeRow(&line, r, idx, widths, false)
			b.WriteString(t.st.Accent.Bold(true).Render(PadRight(line.String(), t.w)))
			continue
		}
		t.writeRow(&b, r, idx, widths, true)
	}
	if t.lines > 1 {
		// Whole rows only: the lines below the last one stay blank.
		for range (t.h - 1) - t.bodyRows()*t.lines {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// writeWrapped draws row r over t.lines lines, each cell's words wrapped
// in its column.
func (t *Table) writeWrapped(b *strings.Builder, r int, idx, widths []int, marked bool) {
	cells := make([][]string, len(idx))
	for k, i := range idx {
		s := t.data.Cell(r, i)
		if t.cols[i].Check {
			switch s {
			case "true":
				s = "☑"
			case "false":
				s = "☐"
			}
		}
		if widths[k] < t.cols[i].Width {
			// A column cut at the edge: one line, cut with ….
			cells[k] = []string{Truncate(s, widths[k])}
			continue
		}
		cells[k] = wrapCell(s, widths[k], t.lines)
	}
	var line strings.Builder
	for l := range t.lines {
		if l > 0 {
			b.WriteByte('\n')
		}
		line.Reset()
		for k, i := range idx {
			if k > 0 {
				line.WriteString(Spaces(ColGap))
			}
			text := ""
			if l < len(cells[k]) {
				text = cells[k][l]
			}
			FitCell(&line, text, widths[k], t.cols[i].Right)
		}
		switch {
		case r == t.cursor && marked:
			b.WriteString(t.st.Selected.Bold(true).Render(PadRight(line.String(), t.w)))
		case r == t.cursor:
			b.WriteString(t.st.Selected.Render(PadRight(line.String(), t.w)))
		case marked:
			b.WriteString(t.st.Accent.Bold(true).Render(PadRight(line.String(), t.w)))
		default:
			b.WriteString(line.String())
		}
	}
}

// wrapCell wraps s in w cells over at most n lines; the last line ends
// with … when words were left over.
func wrapCell(s string, w, n int) []string {
	if w <= 0 || s == "" {
		return nil
	}
	if TextWidth(s) <= w {
		return []string{s}
	}
	lines := textwrap.Lines(s, w)
	if len(lines) > n {
		last := lines[n-1]
		if TextWidth(last) >= w {
			last = ansi.Truncate(last, w-1, "")
		}
		lines = append(lines[:n-1], last+"…")
	}
	return lines
}

// writeSelected draws the selected row, and its focused cell apart.
func (t *Table) writeSelected(b, line *strings.Builder, r int, idx, widths []int, marked bool) {
	sel := t.st.Selected
	if marked {
		sel = sel.Bold(true)
	}
	k := -1
	if t.cellFocus {
		k = slices.Index(idx, t.col)
	}
	if k < 0 {
		line.Reset()
		t.writeRow(line, r, idx, widths, false)
		b.WriteString(sel.Render(PadRight(line.String(), t.w)))
		return
	}
	// Before the focused cell, the cell, and after it.
	line.Reset()
	t.writeRow(line, r, idx[:k], widths[:k], false)
	if k > 0 {
		line.WriteString(Spaces(ColGap))
	}
	before := line.String()
	line.Reset()
	t.writeMarked(line, r, t.col, widths[k], false)
	cell := line.String()
	line.Reset()
	if k+1 < len(idx) {
		line.WriteString(Spaces(ColGap))
		t.writeRow(line, r, idx[k+1:], widths[k+1:], false)
	}
	after := PadRight(line.String(), t.w-TextWidth(before)-TextWidth(cell))
	focus := sel.Underline(true).Bold(true)
	if t.st.NoColor {
		focus = sel.Reverse(false).Underline(true).Bold(true)
	}
	b.WriteString(sel.Render(before) + focus.Render(cell) + sel.Render(after))
}

// writeRow draws the visible cells of row r.
func (t *Table) writeRow(b *strings.Builder, r int, idx, widths []int, colour bool) {
	for k, i := range idx {
		if k > 0 {
			b.WriteString(Spaces(ColGap))
		}
		t.writeMarked(b, r, i, widths[k], colour)
	}
}

// writeMarked draws the cell of row r and column i in w cells, with its
// mark (being saved, refused) at its right end.
func (t *Table) writeMarked(b *strings.Builder, r, i, w int, colour bool) {
	s := t.data.Cell(r, i)
	mark := MarkNone
	if t.decorate != nil {
		mark = t.decorate(r, i)
	}
	if mark == MarkNone || w < 4 {
		t.writeCell(b, s, t.cols[i], w, colour)
		return
	}
	c := t.cols[i]
	c.Right = false
	t.writeCell(b, s, c, w-2, colour)
	glyph, st := "…", t.st.Muted
	if mark == MarkFailed {
		glyph, st = "✗", t.st.Error
	}
	b.WriteByte(' ')
	if colour {
		b.WriteString(st.Render(glyph))
	} else {
		b.WriteString(glyph)
	}
}

// writeCell draws one cell, with option colours unless plain.
func (t *Table) writeCell(b *strings.Builder, s string, c Column, w int, colour bool) {
	if c.Check {
		switch s {
		case "true":
			s = "☑"
		case "false":
			s = "☐"
		}
	}
	if !colour || c.Color == nil || s == "" {
		FitCell(b, s, w, c.Right)
		return
	}
	if !c.Multi {
		if p := c.Color(s); p != "" {
			b.WriteString(p)
			FitCell(b, s, w, c.Right)
			b.WriteString(ansi.ResetStyle)
			return
		}
		FitCell(b, s, w, c.Right)
		return
	}
	// Colour each value; the cell is cut at the first one that does not
	// fit.
	used := 0
	for i, name := range splitOptions(s) {
		sep := ""
		if i > 0 {
			sep = ", "
		}
		room := w - used - len(sep)
		if room <= 0 {
			break
		}
		b.WriteString(sep)
		text := Truncate(name, room)
		if p := c.Color(name); p != "" {
			b.WriteString(p)
			b.WriteString(text)
			b.WriteString(ansi.ResetStyle)
		} else {
			b.WriteString(text)
		}
		used += len(sep) + TextWidth(text)
	}
	b.WriteString(Spaces(w - used))
}

// splitOptions splits a multi-select cell into option names.
func splitOptions(s string) []string { return strings.Split(s, ", ") }

// FitCell writes s cut or padded to w cells.
func FitCell(b *strings.Builder, s string, w int, right bool) {
	if w <= 0 {
		return
	}
	sw := TextWidth(s)
	if sw > w && w > 1 && isASCII(s) {
		// ASCII: cut without building a new string.
		b.WriteString(s[:w-1])
		b.WriteString("…")
		return
	}
	if sw > w {
		s = Truncate(s, w)
		sw = TextWidth(s)
	}
	if right {
		b.WriteString(Spaces(w - sw))
		b.WriteString(s)
		return
	}
	b.WriteString(s)
	b.WriteString(Spaces(w - sw))
}

// TextWidth is the display width of s, fast for ASCII.
func TextWidth(s string) int {
	if isASCII(s) {
		return len(s)
	}
	return ansi.StringWidth(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Truncate cuts s to w cells, ending with … when cut.
func Truncate(s string, w int) string {
	if TextWidth(s) <= w {
		return s
	}
	if w <= 1 {
		return strings.Repeat("…", max(w, 0))
	}
	if !isASCII(s) {
		return ansi.Truncate(s, w, "…")
	}
	return s[:w-1] + "…"
}

// PadRight pads s (which may hold ANSI sequences) with spaces to w cells.
func PadRight(s string, w int) string {
	if sw := ansi.StringWidth(s); sw < w {
		return s + Spaces(w-sw)
	}
	return s
}

const blanks = "                                                                                                                                "

// Spaces returns n spaces.
func Spaces(n int) string {
	if n <= 0 {
		return ""
	}
	if n <= len(blanks) {
		return blanks[:n]
	}
	return strings.Repeat(" ", n)
}

// FitColumns sets each column's width to what most of the first sample
// rows need (the 95th percentile, so one long value does not widen a
// Column), at most caps[i]; then, when every column fits in total, gives
// the spare width back to the columns that were cut, up to their widest
// sampled value.
func FitColumns(d TableData, cols []Column, caps []int, sample, total int) {
	typical, widest := measureColumns(d, cols, sample)
	for i := range cols {
		cols[i].Width = max(3, min(typical[i], caps[i]))
	}
	widen(cols, widest, total)
}

// FitWhole is FitColumns for a table that does not scroll sideways: a
// Whole column that the edge would cut ("2026-…") goes, with those after
// it, rather than show part of each value; a text column is cut as
// FitColumns cuts it. The first column always stays. It returns the
// columns kept.
func FitWhole(d TableData, cols []Column, caps []int, sample, total int) []Column {
	typical, widest := measureColumns(d, cols, sample)
	x := 0
	for i := range cols {
		cols[i].Width = max(3, min(typical[i], caps[i]))
		if i > 0 && cols[i].Whole && x+cols[i].Width > total {
			cols = cols[:i]
			break
		}
		x += cols[i].Width + ColGap
	}
	widen(cols, widest[:len(cols)], total)
	return cols
}

// measureColumns returns, for each column, the 95th percentile and the
// largest width of its first sample cells, both at least the title's.
func measureColumns(d TableData, cols []Column, sample int) (typical, widest []int) {
	rows := min(d.Len(), sample)
	typical, widest = make([]int, len(cols)), make([]int, len(cols))
	ws := make([]int, rows)
	for c := range cols {
		for r := 0; r < rows; r++ {
			ws[r] = TextWidth(d.Cell(r, c))
		}
		slices.Sort(ws)
		title := TextWidth(cols[c].Title)
		typical[c], widest[c] = title, title
		if rows > 0 {
			typical[c] = max(title, ws[min(rows-1, rows*95/100)])
			widest[c] = max(title, ws[rows-1])
		}
	}
	return typical, widest
}

// widen gives spare width to the columns that were cut below their
// wanted width, left to right, when every column already fits.
func widen(cols []Column, wanted []int, total int) {
	used := 0
	for _, c := range cols {
		used += c.Width + ColGap
	}
	spare := total - used + ColGap
	for i := range cols {
		if spare <= 0 {
			return
		}
		if d := wanted[i] - cols[i].Width; d > 0 {
			d = min(d, spare)
			cols[i].Width += d
			spare -= d
		}
	}
}

// SetStyles sets the styles the table draws with (after the terminal's
// background changed).
func (t *Table) SetStyles(st *styles.Styles) { t.st = st }

package widgets

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// gridData is rows×cols cells "r<row>c<col>", counting the cells read.
type gridData struct {
	rows, cols int
	reads      int
	sections   map[int]bool
}

func (g *gridData) Len() int { return g.rows }

func (g *gridData) Cell(r, c int) string {
	g.reads++
	return fmt.Sprintf("r%dc%d", r, c)
}

func (g *gridData) Section(r int) (string, bool) {
	if g.sections[r] {
		return fmt.Sprintf("section %d", r), true
	}
	return "", false
}

func gridTable(rows, cols, w, h int) (*Table, *gridData) {
	g := &gridData{rows: rows, cols: cols}
	t := NewTable(styles.New(true, true), 1)
	cs := make([]Column, cols)
	for i := range cs {
		cs[i] = Column{Title: fmt.Sprintf("C%d", i), Width: 8}
	}
	t.SetColumns(cs)
	t.SetData(g)
	t.SetSize(w, h)
	return t, g
}

func TestTableDrawsOnlyVisibleCells(t *testing.T) {
	t.Parallel()
	tb, g := gridTable(100_000, 20, 50, 11)
	tb.SetCursor(50_000)
	out := ansi.Strip(tb.View())
	lines := strings.Split(out, "\n")
	if len(lines) != 11 {
		t.Fatalf("%d lines, want 11 (header and 10 rows)", len(lines))
	}
	// 50 cells wide: five columns of 8 with gaps of 2.
	if max := 10 * 5; g.reads > max {
		t.Errorf("%d cells read for one frame, want at most %d", g.reads, max)
	}
	if !strings.Contains(out, "r50000c0") {
		t.Errorf("the selected row is not shown:\n%s", out)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > 50 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
}

func TestTableKeysAndScrolling(t *testing.T) {
	t.Parallel()
	tb, _ := gridTable(1000, 3, 40, 11)
	for _, tc := range []struct {
		keys      []string
		cursor    int
		firstRow  int
		firstShow string
	}{
		{nil, 0, 0, "r0c0"},
		{[]string{"down", "down", "j"}, 3, 0, "r0c0"},
		{[]string{"pgdown"}, 13, 4, "r4c0"},
		{[]string{"up", "k"}, 11, 4, "r4c0"},
		{[]string{"end"}, 999, 990, "r990c0"},
		{[]string{"down"}, 999, 990, "r990c0"},
		{[]string{"g"}, 0, 0, "r0c0"},
		{[]string{"up"}, 0, 0, "r0c0"},
		{[]string{"ctrl+d"}, 5, 0, "r0c0"},
		{[]string{"G", "ctrl+u"}, 994, 990, "r990c0"},
	} {
		for _, k := range tc.keys {
			if !tb.Update(uitest.Key(k)) {
				t.Fatalf("key %q not handled", k)
			}
		}
		if tb.Cursor() != tc.cursor || tb.top != tc.firstRow {
			t.Errorf("after %v: cursor %d, top %d; want %d, %d", tc.keys, tb.Cursor(), tb.top, tc.cursor, tc.firstRow)
		}
		if first := strings.Split(ansi.Strip(tb.View()), "\n")[1]; !strings.HasPrefix(first, tc.firstShow) {
			t.Errorf("after %v the first row is %q", tc.keys, first)
		}
	}
	if tb.Update(uitest.Key("x")) {
		t.Error("the Table took a key it does not use")
	}
}

func TestTableHorizontalScrollKeepsFrozenColumn(t *testing.T) {
	t.Parallel()
	tb, _ := gridTable(10, 10, 40, 5) // four columns of 8 fit
	header := func() string { return strings.Fields(ansi.Strip(strings.Split(tb.View(), "\n")[0]))[0:2][1] }
	if first, last := tb.visibleColumns(); first != 1 || last != 3 {
		t.Fatalf("visible columns %d–%d, want 1–3", first, last)
	}
	tb.Update(uitest.Key("right"))
	tb.Update(uitest.Key("l"))
	out := ansi.Strip(tb.View())
	if !strings.HasPrefix(out, "C0") || header() != "C3" {
		t.Errorf("after two steps right the header is %q", strings.Split(out, "\n")[0])
	}
	for range 20 {
		tb.Update(uitest.Key("right"))
	}
	if _, last := tb.visibleColumns(); last != 9 {
		t.Errorf("scrolling right stops with Column %d last, want 9", last)
	}
	for range 20 {
		tb.Update(uitest.Key("left"))
	}
	if tb.left != 1 || header() != "C1" {
		t.Errorf("scrolling left stops at %d (%s), want the first scrolled column", tb.left, header())
	}
}

func TestTableSkipsSections(t *testing.T) {
	t.Parallel()
	tb, g := gridTable(6, 2, 30, 7)
	g.sections = map[int]bool{0: true, 3: true}
	tb.SetData(g)
	tb.SetCursor(0)
	if tb.Cursor() != 1 {
		t.Errorf("the cursor is on section row %d", tb.Cursor())
	}
	tb.Update(uitest.Key("down"))
	tb.Update(uitest.Key("down"))
	if tb.Cursor() != 4 {
		t.Errorf("down from row 2 went to %d, want 4 past the section", tb.Cursor())
	}
	tb.Update(uitest.Key("up"))
	if tb.Cursor() != 2 {
		t.Errorf("up from row 4 went to %d, want 2", tb.Cursor())
	}
	if out := ansi.Strip(tb.View()); !strings.Contains(out, "section 3") {
		t.Errorf("the section row is not drawn:\n%s", out)
	}
}

func TestFitCell(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in    string
		w     int
		right bool
		want  string
	}{
		{"abc", 5, false, "abc  "},
		{"abc", 5, true, "  abc"},
		{"abcdef", 4, false, "abc…"},
		{"abcdef", 4, true, "abc…"},
		{"日本語テキスト", 7, false, "日本語…"},
		{"📚 Reading", 6, false, "📚 Re…"},
		{"", 3, false, "   "},
		{"x", 0, false, ""},
	} {
		var b strings.Builder
		FitCell(&b, tc.in, tc.w, tc.right)
		got := b.String()
		if got != tc.want {
			t.Errorf("FitCell(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
		if w := ansi.StringWidth(got); w > tc.w {
			t.Errorf("FitCell(%q, %d) is %d wide", tc.in, tc.w, w)
		}
	}
}

// listData is one column of fixed cells.
type listData []string

func (l listData) Len() int             { return len(l) }
func (l listData) Cell(r, _ int) string { return l[r] }

func TestMeasureColumnsIgnoresOutliers(t *testing.T) {
	t.Parallel()
	cells := make(listData, 100)
	for i := range cells {
		cells[i] = "short"
	}
	cells[7] = strings.Repeat("x", 80)
	typical, widest := measureColumns(cells, []Column{{Title: "Name"}}, 200)
	if typical[0] != 5 || widest[0] != 80 {
		t.Errorf("widths %d and %d, want 5 (one long value does not count) and 80", typical[0], widest[0])
	}
	if typical, _ := measureColumns(listData{"a"}, []Column{{Title: "A long title"}}, 10); typical[0] != 12 {
		t.Errorf("width %d, want the title's 12", typical[0])
	}
	// With room to spare the long value is shown whole; without, cut.
	cols := []Column{{Title: "Name"}}
	FitColumns(cells, cols, []int{40}, 200, 120)
	if cols[0].Width != 80 {
		t.Errorf("width %d with room, want 80", cols[0].Width)
	}
	FitColumns(cells, cols, []int{40}, 200, 30)
	if cols[0].Width != 30 {
		t.Errorf("width %d in 30 cells, want 30", cols[0].Width)
	}
}

func TestWidenGivesSpareToCutColumns(t *testing.T) {
	t.Parallel()
	cols := []Column{{Width: 10}, {Width: 5}, {Width: 8}}
	widen(cols, []int{10, 30, 9}, 60) // 27 used with gaps: 33 spare
	if cols[1].Width != 30 || cols[2].Width != 9 {
		t.Errorf("widths %d, %d; want 30 and 9", cols[1].Width, cols[2].Width)
	}
	cols = []Column{{Width: 10}, {Width: 5}}
	widen(cols, []int{10, 50}, 20)
	if cols[1].Width != 8 {
		t.Errorf("width %d, want the 8 left", cols[1].Width)
	}
}

func TestWrappedRowsAndFrozenColumns(t *testing.T) {
	t.Parallel()
	tb := NewTable(styles.New(true, true), 1)
	tb.SetColumns([]Column{{Title: "Name", Width: 10}, {Title: "Notes", Width: 12}, {Title: "N", Width: 3, Right: true}})
	tb.SetData(testRows{
		{"Alpha", "one two three four five six seven", "1"},
		{"Beta", "short", "2"},
		{"Gamma", "", "3"},
	})
	tb.SetSize(40, 7)
	tb.SetRowLines(3)
	lines := strings.Split(ansi.Strip(tb.View()), "\n")
	if len(lines) != 7 {
		t.Fatalf("%d lines, want 7:\n%s", len(lines), tb.View())
	}
	// Two rows of three lines fit under the header; the first wraps its
	// notes and cuts what does not fit.
	for i, want := range []string{"Alpha       one two", "            three four", "            five six…", "Beta        short"} {
		if got := strings.TrimRight(lines[i+1], " "); !strings.HasPrefix(got, want) {
			t.Errorf("line %d = %q, want it to start with %q", i+2, got, want)
		}
	}
	tb.SetCursor(2)
	if !strings.Contains(tb.View(), "Gamma") || strings.Contains(tb.View(), "Alpha") {
		t.Errorf("the cursor's row is not in view:\n%s", tb.View())
	}
	// Frozen columns stay when the others scroll.
	tb.SetRowLines(1)
	tb.SetFrozen(2)
	tb.SetSize(24, 4)
	tb.Update(uitest.Key("right"))
	if head := strings.Split(ansi.Strip(tb.View()), "\n")[0]; !strings.HasPrefix(head, "Name        Notes") {
		t.Errorf("header %q: the two frozen columns moved", head)
	}
}

// testRows is rows of cells given as they are.
type testRows [][]string

func (d testRows) Len() int                 { return len(d) }
func (d testRows) Cell(row, col int) string { return d[row][col] }

// listData2 is rows of fixed cells.
type listData2 [][]string

func (l listData2) Len() int             { return len(l) }
func (l listData2) Cell(r, c int) string { return l[r][c] }

// TestTableCellMarks: a cell being saved ends with …, a refused one with
// ✗, in the cell's width, the selected row's focused cell too.
func TestTableCellMarks(t *testing.T) {
	t.Parallel()
	tb := NewTable(styles.New(true, true), 1)
	tb.SetColumns([]Column{{Title: "A", Width: 6}, {Title: "B", Width: 6}, {Title: "C", Width: 6}})
	tb.SetData(listData2{{"a0", "b0", "c0"}, {"a1", "b1", "c1"}, {"a2", "b2", "c2"}})
	tb.SetSize(40, 5)
	tb.SetCellFocus(true)
	tb.SetCol(1)
	tb.SetDecorate(func(r, c int) CellMark {
		switch {
		case r == 0 && c == 1:
			return MarkSaving
		case r == 2 && c == 2:
			return MarkFailed
		}
		return MarkNone
	})
	lines := strings.Split(ansi.Strip(tb.View()), "\n")
	if !strings.Contains(lines[1], "b0   …") || !strings.Contains(lines[3], "c2   ✗") || strings.Contains(lines[2], "…") {
		t.Errorf("marks:\n%s", strings.Join(lines, "\n"))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
}

// twoCols is a table of a text and a date column.
type twoCols struct{}

func (twoCols) Len() int { return 3 }
func (twoCols) Cell(_, col int) string {
	if col == 0 {
		return "A title of some thirty cells."
	}
	return "2026-04-25"
}

func TestFitWholeDropsAWholeColumnTheEdgeWouldCut(t *testing.T) {
	t.Parallel()
	fit := func(total int, whole bool) []Column {
		return FitWhole(twoCols{}, []Column{{Title: "Title"}, {Title: "Last edited", Whole: whole}}, []int{40, 16}, 10, total)
	}
	if cols := fit(60, true); len(cols) != 2 || cols[1].Width != 11 {
		t.Errorf("with room the date stays: %+v", cols)
	}
	if cols := fit(36, true); len(cols) != 1 || cols[0].Width != 29 {
		t.Errorf("a date cut at 36 cells should go, the title keep its width: %+v", cols)
	}
	if cols := fit(36, false); len(cols) != 2 {
		t.Errorf("a text column is cut, not dropped: %+v", cols)
	}
	if cols := fit(5, true); len(cols) != 1 {
		t.Errorf("the first column always stays: %+v", cols)
	}
}

func TestJoinFitLeavesOutWholeParts(t *testing.T) {
	t.Parallel()
	parts := []string{"8 data sources", "/ filters", "enter opens"}
	for w, want := range map[int]string{
		60: "8 data sources · / filters · enter opens",
		35: "8 data sources · / filters",
		20: "8 data sources",
		6:  "8 dat…",
	} {
		if got := JoinFit(parts, " · ", w); got != want {
			t.Errorf("JoinFit at %d = %q, want %q", w, got, want)
		}
	}
	if got := Longest(10, "a long text", "short", "s"); got != "short" {
		t.Errorf("Longest = %q", got)
	}
	if got := Longest(2, "a long text", "short"); got != "short" {
		t.Errorf("Longest without room = %q, want the last", got)
	}
}

func TestNamesFitCountsTheNamesThatDoNotFit(t *testing.T) {
	t.Parallel()
	names := []string{"Priority", "Assignee", "Due", "Last edited"}
	for w, want := range map[int]string{
		80: "Priority, Assignee, Due, Last edited",
		36: "Priority, Assignee, Due, Last edited",
		35: "Priority, Assignee, Due and 1 more",
		30: "Priority, Assignee and 2 more",
		19: "Priority and 3 more",
		18: "",
	} {
		if got := NamesFit(names, w); got != want {
			t.Errorf("NamesFit at %d = %q, want %q", w, got, want)
		}
	}
}

// threeCols is twoCols with a text column between.
type threeCols struct{ twoCols }

func (c threeCols) Cell(r, col int) string {
	switch col {
	case 1:
		return "a text of some length"
	case 2:
		return c.twoCols.Cell(r, 1)
	}
	return c.twoCols.Cell(r, 0)
}

// TestTableLeavesAWholeColumnOutAtTheEdge: a date the edge would cut is
// not drawn (a text column is), the hint counts it as not shown, and →
// brings it whole.
func TestTableLeavesAWholeColumnOutAtTheEdge(t *testing.T) {
	t.Parallel()
	tb := NewTable(styles.New(true, true), 1)
	tb.SetData(threeCols{})
	cols := []Column{{Title: "Title", Width: 29}, {Title: "Also", Width: 8}, {Title: "Last edited", Width: 11, Whole: true}}
	tb.SetColumns(cols)
	tb.SetSize(48, 5)
	view := ansi.Strip(tb.View())
	if strings.Contains(view, "2026") || strings.Contains(view, "Last") {
		t.Errorf("the date is drawn cut:\n%s", view)
	}
	if hint := tb.ColumnsHint(); !strings.Contains(hint, "columns 1–2 of 3") {
		t.Errorf("the hint is %q, want columns 1–2 of 3", hint)
	}
	tb.Update(uitest.Key("right"))
	if view := ansi.Strip(tb.View()); !strings.Contains(view, "2026-04-25") {
		t.Errorf("→ does not bring the date whole:\n%s", view)
	}
	cols[2].Whole = false
	tb.SetColumns(cols)
	tb.Update(uitest.Key("left"))
	if view := ansi.Strip(tb.View()); !strings.Contains(view, "Last") {
		t.Errorf("a text column at the edge is not drawn cut:\n%s", view)
	}
}

// rangeCols is threeCols with a date range in the last column.
type rangeCols struct{ threeCols }

func (c rangeCols) Cell(r, col int) string {
	if col == 2 && r == 1 {
		return "2026-11-08 → 2026-11-12"
	}
	return c.threeCols.Cell(r, col)
}

// TestTableCutsADateRangeAfterItsStart: a range whose start date shows
// whole is drawn cut after it ("2026-11-08 …"), not left out.
func TestTableCutsADateRangeAfterItsStart(t *testing.T) {
	t.Parallel()
	tb := NewTable(styles.New(true, true), 1)
	tb.SetData(rangeCols{})
	tb.SetColumns([]Column{{Title: "Title", Width: 29}, {Title: "Also", Width: 8}, {Title: "Due", Width: 23, Whole: true}})
	tb.SetSize(54, 5)
	view := ansi.Strip(tb.View())
	if !strings.Contains(view, "2026-11-08 ") || !strings.Contains(view, "2026-04-25") {
		t.Errorf("the range is not cut after its start:\n%s", view)
	}
}

// TestPickListMatchesATitleThatArrivesAfterTheTyping: an item whose
// title comes after the user typed (a related page read late) is listed
// and can be chosen at once.
func TestPickListMatchesATitleThatArrivesAfterTheTyping(t *testing.T) {
	t.Parallel()
	p := NewPickList(styles.New(true, true), []string{"…", "…"}, nil, 8)
	p.Focus()
	for _, r := range "write login" {
		p.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if chosen, _, _ := p.Update(tea.KeyPressMsg{Code: tea.KeyEnter}); chosen != -1 {
		t.Fatalf("enter chose %d while nothing matched", chosen)
	}
	p.SetItem(1, "Write login flow")
	if chosen, _, _ := p.Update(tea.KeyPressMsg{Code: tea.KeyEnter}); chosen != 1 {
		t.Errorf("enter chose %d after the title arrived, want 1", chosen)
	}
}

package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/textutil"
)

// Table layout.
const (
	tableGap     = 2   // spaces between columns
	tableMaxText = 60  // a text column is never wider
	tableMinText = 12  // nor, while others are hidden, narrower
	tableBatch   = 100 // rows that decide the widths
)

// tableWriter prints aligned columns that fit the terminal. Widths are
// fixed from the header and the first batch of rows, so later rows stream
// out without reflowing what is already printed. IDs, times and numbers
// are never shortened: text columns give way first, then the columns on
// the right are hidden (IDs last), and named on stderr.
type tableWriter struct {
	w       io.Writer
	note    io.Writer // where hidden columns are named
	width   int       // terminal width; 0 means no limit
	cols    []column
	pending [][]string
	widths  []int // 0 hides the column
	started bool
}

func (t *tableWriter) Row(cells []string, _ json.RawMessage) error {
	if t.started {
		return t.print(cells)
	}
	t.pending = append(t.pending, cells)
	if len(t.pending) >= tableBatch {
		return t.flush()
	}
	return nil
}

func (t *tableWriter) Close() error {
	if !t.started {
		return t.flush()
	}
	return nil
}

// closeFailed ends a table whose read failed: the rows held for the
// widths are printed, and a table with none prints nothing, neither a
// header over the error nor "(none)".
func (t *tableWriter) closeFailed() {
	if !t.started && len(t.pending) > 0 {
		_ = t.flush()
	}
}

func (t *tableWriter) flush() error {
	t.started = true
	var hidden []string
	t.widths, hidden = fitColumns(t.cols, t.pending, t.width)
	if len(hidden) > 0 {
		fmt.Fprintf(t.note, "notion-tui: %s hidden at %d columns: %s (--format csv shows all)\n",
			textutil.Plural(len(hidden), "column", "columns"), t.width, textutil.SafeLine(strings.Join(hidden, ", ")))
	}
	names := make([]string, len(t.cols))
	rule := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.name
		rule[i] = strings.Repeat("─", t.widths[i])
	}
	if err := t.print(names); err != nil {
		return err
	}
	if err := t.print(rule); err != nil {
		return err
	}
	if len(t.pending) == 0 {
		// Closed with no row: say so, or the header reads like a table
		// still loading.
		_, err := fmt.Fprintln(t.w, "(none)")
		return err
	}
	for _, r := range t.pending {
		if err := t.print(r); err != nil {
			return err
		}
	}
	t.pending = nil
	return nil
}

func (t *tableWriter) print(cells []string) error {
	var b strings.Builder
	first := true
	last := len(t.widths) - 1
	for last >= 0 && t.widths[last] == 0 {
		last--
	}
	for i, w := range t.widths {
		if w == 0 {
			continue
		}
		c := ""
		if i < len(cells) {
			c = textutil.SafeLine(cells[i])
		}
		if t.cols[i].kind == colText {
			c = ansi.Truncate(c, w, "…")
		}
		if !first {
			b.WriteString(strings.Repeat(" ", tableGap))
		}
		first = false
		pad := strings.Repeat(" ", max(0, w-ansi.StringWidth(c)))
		switch {
		case t.cols[i].kind == colNumber:
			b.WriteString(pad + c)
		case i < last:
			b.WriteString(c + pad)
		default:
			b.WriteString(c)
		}
	}
	_, err := io.WriteString(t.w, strings.TrimRight(b.String(), " ")+"\n")
	return err
}

// fitColumns returns each column's width (0 when hidden) for total
// terminal columns, and the names of the hidden ones. Each column first
// gets the width of its widest cell (text at most tableMaxText). When the
// total is too wide, text columns shrink to tableMinText; if that is not
// enough, columns are hidden from the right, IDs last and never the first;
// then the text columns share what is left, narrowest first.
func fitColumns(cols []column, rows [][]string, total int) ([]int, []string) {
	natural := make([]int, len(cols))
	for i, c := range cols {
		natural[i] = ansi.StringWidth(c.name)
		for _, r := range rows {
			if i < len(r) {
				natural[i] = max(natural[i], ansi.StringWidth(textutil.SafeLine(r[i])))
			}
		}
		if c.kind == colText {
			natural[i] = min(natural[i], tableMaxText)
		}
	}
	if total <= 0 {
		return natural, nil
	}
	floor := make([]int, len(cols))
	for i, c := range cols {
		floor[i] = natural[i]
		if c.kind == colText {
			floor[i] = min(natural[i], tableMinText)
		}
	}
	visible := make([]bool, len(cols))
	for i := range visible {
		visible[i] = true
	}
	used := func(ws []int) int {
		sum, n := 0, 0
		for i, w := range ws {
			if visible[i] {
				sum += w
				n++
			}
		}
		return sum + tableGap*max(0, n-1)
	}
	// Columns are hidden from the right, IDs last, the first never.
	var order []int
	for _, ids := range []bool{false, true} {
		for i := len(cols) - 1; i > 0; i-- {
			if (cols[i].kind == colID) == ids {
				order = append(order, i)
			}
		}
	}
	for _, i := range order {
		if used(floor) <= total {
			break
		}
		visible[i] = false
	}
	var hidden []string
	for i, c := range cols {
		if !visible[i] {
			hidden = append(hidden, c.name)
		}
	}
	widths := make([]int, len(cols))
	for i := range cols {
		if visible[i] {
			widths[i] = floor[i]
		}
	}
	for extra := total - used(widths); extra > 0; extra-- {
		grow := -1
		for i, c := range cols {
			if visible[i] && c.kind == colText && widths[i] < natural[i] && (grow < 0 || widths[i] < widths[grow]) {
				grow = i
			}
		}
		if grow < 0 {
			break
		}
		widths[grow]++
	}
	return widths, hidden
}

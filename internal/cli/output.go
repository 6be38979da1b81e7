package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/mattn/go-runewidth"
)

// Output formats of the scripting commands.
const (
	formatTable = "table"
	formatJSON  = "json"
	formatCSV   = "csv"
)

func checkFormat(f string) error {
	switch f {
	case formatTable, formatJSON, formatCSV:
		return nil
	}
	return usagef("--format must be table, json or csv, not %q", f)
}

func stdoutWidth() (int, bool) {
	w, _, err := term.GetSize(os.Stdout.Fd())
	if err != nil || w <= 0 {
		return 0, false
	}
	return w, true
}

func stdinIsTerminal() bool { return term.IsTerminal(os.Stdin.Fd()) }

// rowWriter writes records as they arrive, in one of the formats.
type rowWriter interface {
	// Header writes the column names (table and CSV).
	Header(cols []string) error
	// Row writes one record: cells for table and CSV, raw for JSON.
	Row(cells []string, raw json.RawMessage) error
	// Close ends the output (closes the JSON array, flushes CSV).
	Close() error
}

func newRowWriter(format string, w io.Writer, width int) rowWriter {
	switch format {
	case formatJSON:
		return &jsonWriter{w: w}
	case formatCSV:
		return &csvWriter{w: csv.NewWriter(w)}
	}
	return &tableWriter{w: w, width: width}
}

// jsonWriter streams a JSON array, one element per line.
type jsonWriter struct {
	w io.Writer
	n int
}

func (j *jsonWriter) Header([]string) error { return nil }

func (j *jsonWriter) Row(_ []string, raw json.RawMessage) error {
	sep := ",\n  "
	if j.n == 0 {
		sep = "[\n  "
	}
	j.n++
	if _, err := io.WriteString(j.w, sep); err != nil {
		return err
	}
	_, err := j.w.Write(raw)
	return err
}

func (j *jsonWriter) Close() error {
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(j.w, end)
	return err
}

type csvWriter struct{ w *csv.Writer }

func (c *csvWriter) Header(cols []string) error { return c.w.Write(cols) }

func (c *csvWriter) Row(cells []string, _ json.RawMessage) error {
	if err := c.w.Write(cells); err != nil {
		return err
	}
	// Stream: rows reach a pipe as they arrive.
	c.w.Flush()
	return c.w.Error()
}

func (c *csvWriter) Close() error { c.w.Flush(); return c.w.Error() }

// tableWriter prints aligned columns that fit the terminal. Widths are
// fixed from the header and the first batch of rows, so later rows stream
// out without reflowing what is already printed.
type tableWriter struct {
	w       io.Writer
	width   int // terminal width; 0 means no limit
	cols    []string
	pending [][]string
	widths  []int
	started bool
}

// tableBatch is how many rows decide the column widths.
const tableBatch = 100

func (t *tableWriter) Header(cols []string) error { t.cols = cols; return nil }

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

func (t *tableWriter) flush() error {
	t.widths = fitWidths(t.cols, t.pending, t.width)
	t.started = true
	if err := t.print(t.cols); err != nil {
		return err
	}
	rule := make([]string, len(t.cols))
	for i, w := range t.widths {
		rule[i] = strings.Repeat("─", w)
	}
	if err := t.print(rule); err != nil {
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
	for i, w := range t.widths {
		if w == 0 {
			continue
		}
		c := ""
		if i < len(cells) {
			c = oneLine(cells[i])
		}
		c = runewidth.Truncate(c, w, "…")
		if i > 0 {
			b.WriteString("  ")
		}
		b.WriteString(c)
		if i < len(t.widths)-1 {
			b.WriteString(strings.Repeat(" ", w-runewidth.StringWidth(c)))
		}
	}
	b.WriteByte('\n')
	_, err := io.WriteString(t.w, strings.TrimRight(b.String(), " \n")+"\n")
	return err
}

func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	return strings.NewReplacer("\r\n", " ⏎ ", "\n", " ⏎ ", "\r", " ", "\t", " ").Replace(s)
}

// fitWidths gives each column the width of its widest cell, then, if the
// total exceeds the terminal, shrinks the widest columns first (never
// below the header's first letters) and drops columns that still do not
// fit.
func fitWidths(cols []string, rows [][]string, total int) []int {
	const gap, minCol, maxCol = 2, 4, 60
	ws := make([]int, len(cols))
	for i, c := range cols {
		ws[i] = runewidth.StringWidth(c)
		for _, r := range rows {
			if i < len(r) {
				ws[i] = max(ws[i], runewidth.StringWidth(oneLine(r[i])))
			}
		}
		ws[i] = min(ws[i], maxCol)
	}
	if total <= 0 {
		return ws
	}
	sum := func() int {
		s := 0
		for _, w := range ws {
			if w > 0 {
				s += w + gap
			}
		}
		return s - gap
	}
	for sum() > total {
		widest := 0
		for i, w := range ws {
			if w > ws[widest] {
				widest = i
			}
		}
		if ws[widest] <= minCol+4 {
			break
		}
		ws[widest]--
	}
	for i := len(ws) - 1; i > 0 && sum() > total; i-- {
		ws[i] = 0
	}
	return ws
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

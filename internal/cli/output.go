package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/textutil"
)

// Output formats. Every command that prints data takes --format with the
// ones that make sense for it, and --json as the shorthand of
// --format json.
const (
	formatTable    = "table"    // aligned columns on a terminal; tab-separated lines in a pipe
	formatJSON     = "json"     // one JSON document: the API's objects as they came
	formatNDJSON   = "ndjson"   // one JSON object per line, as rows arrive
	formatCSV      = "csv"      // a header row, then one row per record; values as plain text
	formatText     = "text"     // words for people
	formatMarkdown = "markdown" // page content as Markdown
)

// outputFlags are --format and --json.
type outputFlags struct {
	format  string
	json    bool
	formats []string
}

// addOutputFlags declares --format (defaulting to the first format) and
// --json.
func addOutputFlags(cmd *cobra.Command, formats ...string) *outputFlags {
	o := &outputFlags{formats: formats}
	cmd.Flags().StringVar(&o.format, "format", formats[0], "output format: "+textutil.Join(formats, "or"))
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON (same as --format json)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
	return o
}

// get returns the chosen format, or a usage error.
func (o *outputFlags) get(cmd *cobra.Command) (string, error) {
	f := strings.ToLower(strings.TrimSpace(o.format))
	if o.json {
		if cmd.Flags().Changed("format") && f != formatJSON {
			return "", &usageError{msg: "--json and --format " + o.format + " exclude each other", cmd: cmd}
		}
		return formatJSON, nil
	}
	if !slices.Contains(o.formats, f) {
		return "", &usageError{msg: "--format must be " + textutil.Join(o.formats, "or") + ", not " + textutil.QuoteList([]string{o.format}, 0), cmd: cmd}
	}
	return f, nil
}

func stdoutWidth() (int, bool) {
	if !term.IsTerminal(os.Stdout.Fd()) {
		return 0, false
	}
	w, _, err := term.GetSize(os.Stdout.Fd())
	if err != nil || w <= 0 {
		return 80, true
	}
	return w, true
}

func stdinIsTerminal() bool  { return term.IsTerminal(os.Stdin.Fd()) }
func stderrIsTerminal() bool { return term.IsTerminal(os.Stderr.Fd()) }

func stdoutIsPipe() bool {
	fi, err := os.Stdout.Stat()
	return err == nil && fi.Mode()&(os.ModeNamedPipe|os.ModeSocket) != 0
}

// colKind says how a table treats a column.
type colKind uint8

const (
	colText   colKind = iota // shortened with … when space runs out
	colFixed                 // times: never shortened (hidden before that)
	colNumber                // never shortened, right-aligned
	colID                    // never shortened, and hidden only after every other column
)

// column is a table or CSV column.
type column struct {
	name string
	kind colKind
}

// recordWriter writes records as they arrive, in one of the formats.
// Close must be called even after a failure: it ends the JSON document, so
// what was printed stays valid JSON.
type recordWriter interface {
	// Row writes one record: its cells (table, CSV) and its JSON object
	// (JSON, NDJSON).
	Row(cells []string, object json.RawMessage) error
	Close() error
}

// failedCloser is a recordWriter that ends otherwise when the read
// failed, instead of Close.
type failedCloser interface {
	closeFailed()
}

// newRecordWriter returns the writer of a format for records with cols.
func (a *app) newRecordWriter(format string, cols []column) recordWriter {
	w := a.env.Stdout
	switch format {
	case formatJSON:
		return &jsonWriter{w: w}
	case formatNDJSON:
		return &ndjsonWriter{w: w}
	case formatCSV:
		c := &csvWriter{w: csv.NewWriter(w)}
		names := make([]string, len(cols))
		for i, col := range cols {
			names[i] = col.name
		}
		c.header = names
		return c
	}
	width, tty := a.env.TermWidth()
	if !tty {
		return &tsvWriter{w: w}
	}
	return &tableWriter{w: w, note: a.env.Stderr, width: width, cols: cols}
}

// compact writes raw JSON on one line.
func compact(w io.Writer, raw json.RawMessage) error {
	if len(raw) == 0 {
		raw = json.RawMessage("null")
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// jsonWriter streams a JSON array, one element per line.
type jsonWriter struct {
	w      io.Writer
	n      int
	closed bool
}

func (j *jsonWriter) Row(_ []string, raw json.RawMessage) error {
	sep := ",\n  "
	if j.n == 0 {
		sep = "[\n  "
	}
	j.n++
	if _, err := io.WriteString(j.w, sep); err != nil {
		return err
	}
	return compact(j.w, raw)
}

func (j *jsonWriter) Close() error {
	if j.closed {
		return nil
	}
	j.closed = true
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(j.w, end)
	return err
}

// ndjsonWriter writes one JSON object per line.
type ndjsonWriter struct{ w io.Writer }

func (n *ndjsonWriter) Row(_ []string, raw json.RawMessage) error {
	if err := compact(n.w, raw); err != nil {
		return err
	}
	_, err := io.WriteString(n.w, "\n")
	return err
}

func (n *ndjsonWriter) Close() error { return nil }

// csvWriter writes a header, then the rows as they come: values are data,
// written as they are.
type csvWriter struct {
	w       *csv.Writer
	header  []string
	started bool
}

func (c *csvWriter) start() error {
	if c.started {
		return nil
	}
	c.started = true
	return c.w.Write(c.header)
}

func (c *csvWriter) Row(cells []string, _ json.RawMessage) error {
	if err := c.start(); err != nil {
		return err
	}
	if err := c.w.Write(cells); err != nil {
		return err
	}
	// Stream: rows reach a pipe as they arrive.
	c.w.Flush()
	return c.w.Error()
}

func (c *csvWriter) Close() error {
	if err := c.start(); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}

// tsvWriter is the table for a pipe, as gh prints it: no header, no
// padding, one record per line with tab-separated cells, each on one line
// without control characters.
type tsvWriter struct{ w io.Writer }

func (t *tsvWriter) Row(cells []string, _ json.RawMessage) error {
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			b.WriteByte('\t')
		}
		b.WriteString(textutil.SafeLine(c))
	}
	b.WriteByte('\n')
	_, err := io.WriteString(t.w, b.String())
	return err
}

func (t *tsvWriter) Close() error { return nil }

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeRawJSON prints raw JSON indented.
func writeRawJSON(w io.Writer, raw json.RawMessage) error {
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return err
	}
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// mustJSON encodes v, which cannot fail for the types passed.
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

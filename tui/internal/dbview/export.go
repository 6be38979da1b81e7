package dbview

import (
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// Export formats.
const (
	formatCSV  = "csv"
	formatJSON = "json"
)

type exportState int

const (
	exportPrompt  exportState = iota // naming the file
	exportConfirm                    // the file exists: overwrite?
	exportRunning
	exportDone
)

// exportScreen writes every row of a query to a CSV or JSON file: a prompt
// for the name, an overwrite check, a progress bar, cancellable.
type exportScreen struct {
	c     *ui.Common
	id    int64
	ds    *notionapi.DataSource
	cols  notionapi.Schema
	q     query
	total int // rows the query matches, -1 when not known
	// unsorted: the query's sort is dropped because a sorted query stops
	// at 10,000 rows and this one matches more.
	unsorted bool
	// from says whether the rows loaded are written or read again.
	from exportFrom
	// reread says an export from the rows loaded found them changed and
	// read every row again.
	reread bool

	input  textinput.Model
	format string
	state  exportState
	err    string // the last failure, shown under the name
	note   string // the last outcome (cancelled)
	path   string // the absolute target

	gen       int64
	cancel    context.CancelFunc
	events    chan exportEvent
	wait      tea.Cmd // waits for the next event
	rows      int
	frac      float64
	estimated bool
	bar       progress.Model
	w, h      int
	keys      exportKeys
}

type exportKeys struct {
	Start, Format, Back, Yes, No, Cancel, Close key.Binding
}

// newExport prepares an export of q. total is the number of rows the
// query matches when the view loaded them all, else -1; capped says a
// sorted query stopped at the API's 10,000-row limit; from is the rows
// loaded, when they can be written without reading them again.
func newExport(c *ui.Common, ds *notionapi.DataSource, q query, total int, capped bool, from exportFrom) *exportScreen {
	e := &exportScreen{
		c: c, id: c.NextID(), ds: ds, cols: ds.Properties.Ordered(), q: q, total: total, format: formatCSV, from: from,
		input: widgets.NewInput(c.Styles, "", "file name"),
		bar:   progress.New(progress.WithWidth(40), progress.WithColors(c.Styles.Theme.Accent)),
		keys: exportKeys{
			Start:  keymap.Submit.Key("export"),
			Format: keymap.NextField.Key("CSV/JSON"),
			Back:   ui.BackKey,
			Yes:    keymap.Join("y", "overwrite", keymap.Yes, keymap.Submit),
			No:     keymap.Join("n", "keep it", keymap.No, keymap.Cancel),
			Cancel: keymap.Back.Key("cancel"),
			Close:  keymap.Join("enter", "back", keymap.Open, keymap.Back),
		},
	}
	if capped && len(q.Sorts) > 0 {
		e.q.Sorts, e.unsorted, e.total = nil, true, -1
	}
	if !from.memory || total != len(from.ids) {
		e.from = exportFrom{why: cmp.Or(from.why, whyLoading), at: from.at}
	}
	e.input.SetValue(defaultExportName(ds.Title.Plain(), c.Now(), formatCSV))
	e.input.CursorEnd()
	return e
}

// defaultExportName is "reading-list-2026-11-21.csv".
func defaultExportName(title string, now time.Time, format string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	slug := strings.TrimSuffix(b.String(), "-")
	if slug == "" {
		slug = "export"
	}
	return slug + "-" + now.Format("2006-01-02") + "." + format
}

func (e *exportScreen) Init() tea.Cmd { return e.Resume() }

// Resume focuses the file name again while it is asked for.
func (e *exportScreen) Resume() tea.Cmd {
	if e.state == exportPrompt {
		return e.input.Focus()
	}
	return nil
}

// Close cancels a running export.
func (e *exportScreen) Close() {
	if e.cancel != nil {
		e.cancel()
	}
}

func (e *exportScreen) Capturing() bool { return e.state == exportPrompt }

// targetMsg says whether the chosen file exists.
type targetMsg struct {
	id     int64
	path   string
	exists bool
	err    error
}

// exportEvent is progress of the export goroutine, or its end.
type exportEvent struct {
	rows      int
	frac      float64
	estimated bool
	done      bool
	err       error
	reread    bool // the rows loaded changed: every row is read again
}

type exportMsg struct {
	id, gen int64
	exportEvent
}

func (e *exportScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case targetMsg:
		if msg.id != e.id || e.state != exportPrompt {
			return e, nil
		}
		switch {
		case msg.err != nil:
			e.err = msg.err.Error()
		case msg.exists:
			e.path, e.state = msg.path, exportConfirm
		default:
			e.path = msg.path
			return e, e.start()
		}
		return e, nil
	case exportMsg:
		if msg.id != e.id || msg.gen != e.gen {
			return e, nil
		}
		return e, e.progressed(msg.exportEvent)
	case tea.KeyPressMsg:
		return e, e.key(msg)
	case tea.PasteMsg:
		if e.state == exportPrompt {
			return e, e.edit(msg)
		}
	case tea.BackgroundColorMsg:
		widgets.StyleInput(&e.input, e.c.Styles)
	default:
		if e.state == exportPrompt {
			return e, e.edit(msg)
		}
	}
	return e, nil
}

func (e *exportScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := e.keys
	switch e.state {
	case exportPrompt:
		switch {
		case key.Matches(msg, k.Back):
			e.c.Back()
			return nil
		case key.Matches(msg, k.Format):
			e.toggleFormat()
			return nil
		case key.Matches(msg, k.Start):
			e.err, e.note = "", ""
			name := strings.TrimSpace(e.input.Value())
			if name == "" {
				e.err = "Name the file to write."
				return nil
			}
			return checkTarget(e.id, name)
		}
		return e.edit(msg)
	case exportConfirm:
		switch {
		case key.Matches(msg, k.Yes):
			return e.start()
		case key.Matches(msg, k.No):
			e.state = exportPrompt
			return e.input.Focus()
		}
	case exportRunning:
		if key.Matches(msg, k.Cancel) {
			e.cancel()
		}
	case exportDone:
		if key.Matches(msg, k.Close) {
			e.c.Back()
			return nil
		}
	}
	return nil
}

func (e *exportScreen) edit(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	e.input, cmd = e.input.Update(msg)
	return cmd
}

// toggleFormat switches CSV and JSON, and the name's extension with it.
func (e *exportScreen) toggleFormat() {
	old := e.format
	e.format = map[string]string{formatCSV: formatJSON, formatJSON: formatCSV}[old]
	name := e.input.Value()
	if strings.HasSuffix(strings.ToLower(name), "."+old) {
		e.input.SetValue(name[:len(name)-len(old)] + e.format)
		e.input.CursorEnd()
	}
}

// checkTarget resolves the name (~ and relative paths) and looks for an
// existing file and a missing folder.
func checkTarget(id int64, name string) tea.Cmd {
	return func() tea.Msg {
		path, err := expandPath(name)
		if err != nil {
			return targetMsg{id: id, err: err}
		}
		if dir, err := os.Stat(filepath.Dir(path)); err != nil || !dir.IsDir() {
			return targetMsg{id: id, err: fmt.Errorf("the folder %s does not exist", filepath.Dir(path))}
		}
		fi, err := os.Stat(path)
		switch {
		case err == nil && fi.IsDir():
			return targetMsg{id: id, err: fmt.Errorf("%s is a folder; add a file name", path)}
		case err == nil:
			return targetMsg{id: id, path: path, exists: true}
		case errors.Is(err, fs.ErrNotExist):
			return targetMsg{id: id, path: path}
		}
		return targetMsg{id: id, err: err}
	}
}

func expandPath(name string) (string, error) {
	if name == "~" || strings.HasPrefix(name, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		name = filepath.Join(home, name[1:])
	}
	return filepath.Abs(name)
}

// start runs the export in a goroutine, started by the first command that
// waits for its progress.
func (e *exportScreen) start() tea.Cmd {
	ctx, cancel := context.WithCancel(e.c.Ctx)
	e.cancel, e.gen = cancel, e.c.NextID()
	e.state, e.rows, e.frac, e.estimated, e.err, e.note, e.reread = exportRunning, 0, 0, false, "", "", false
	e.events = make(chan exportEvent, 1)
	job := exportJob{
		client: e.c.Client(), titles: e.c.Titles(), dsID: e.ds.ID, q: e.q, cols: e.cols, format: e.format,
		path: e.path, total: e.total, events: e.events,
	}
	if e.from.memory {
		job.mem = &e.from
	}
	e.wait = waitExport(e.id, e.gen, e.events, func() { go job.run(ctx) })
	return e.wait
}

// waitExport returns the command that waits for the next progress event;
// the first call starts the export goroutine.
func waitExport(id, gen int64, events <-chan exportEvent, start func()) tea.Cmd {
	var once sync.Once
	return func() tea.Msg {
		once.Do(start)
		ev, ok := <-events
		if !ok {
			return nil
		}
		return exportMsg{id: id, gen: gen, exportEvent: ev}
	}
}

func (e *exportScreen) progressed(ev exportEvent) tea.Cmd {
	e.reread = e.reread || ev.reread
	if !ev.done {
		e.rows, e.frac, e.estimated = max(e.rows, ev.rows), max(e.frac, ev.frac), ev.estimated
		return e.wait
	}
	e.cancel()
	switch {
	case ev.err == nil:
		e.rows, e.frac, e.state = ev.rows, 1, exportDone
		return ui.Flash(fmt.Sprintf("Exported %s to %s", countRows(ev.rows), e.path))
	case ui.IsCancel(ev.err):
		e.state, e.note = exportPrompt, "Export cancelled; nothing was written."
	default:
		e.state, e.err = exportPrompt, ev.err.Error()
	}
	return e.input.Focus()
}

func (e *exportScreen) SetSize(w, h int) {
	e.w, e.h = w, h
	e.input.SetWidth(max(10, min(w-6, 80)))
	e.bar.SetWidth(max(10, min(w-4, 60)))
}

func (e *exportScreen) Title() string { return "Export" }

func (e *exportScreen) KeyMap() help.KeyMap {
	k := e.keys
	switch e.state {
	case exportConfirm:
		return ui.KeyMapOf([]key.Binding{k.Yes, k.No})
	case exportRunning:
		return ui.KeyMapOf([]key.Binding{k.Cancel})
	case exportDone:
		return ui.KeyMapOf([]key.Binding{k.Close})
	}
	return ui.KeyMapOf([]key.Binding{k.Start, k.Format, k.Back})
}

func (e *exportScreen) View() string {
	st := e.c.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Export "+widgets.OrUntitled(e.ds.Title.Plain())) + "\n")
	b.WriteString(st.Muted.Render(widgets.Truncate(e.scope(), e.w)) + "\n")
	b.WriteString(st.Faint.Render(widgets.WrapText(e.source(), e.w)) + "\n")
	if e.unsorted {
		b.WriteString(st.Warning.Render(widgets.WrapText("A sorted query stops at 10,000 rows and this one matches more: the export drops the sort and writes every row in creation order.", e.w)) + "\n")
	}
	if e.h >= 14 { // a short screen keeps the format's description
		b.WriteString("\n")
	}
	switch e.state {
	case exportPrompt:
		b.WriteString(e.promptView())
	case exportConfirm:
		b.WriteString(st.Warning.Render(widgets.Truncate(e.path+" exists.", e.w)) + "\n\n")
		b.WriteString(st.Key.Render("y") + " overwrites it · " + st.Key.Render("n") + " keeps it and goes back to the name")
	case exportRunning:
		b.WriteString(widgets.Truncate("Writing "+e.path, e.w) + "\n\n")
		b.WriteString(e.bar.ViewAs(e.frac) + "\n")
		note := widgets.FormatCount(e.rows) + " rows written"
		if e.estimated {
			note += st.Faint.Render(" · the bar is an estimate")
		}
		b.WriteString(note + "\n\n" + st.Muted.Render("esc cancels; nothing is written until the end"))
	case exportDone:
		b.WriteString(st.Success.Render("✓ ") + widgets.Truncate(fmt.Sprintf("%s written to %s", countRows(e.rows), e.path), e.w-2) + "\n\n")
		b.WriteString(st.Muted.Render("enter goes back to the table"))
	}
	return b.String()
}

func (e *exportScreen) promptView() string {
	st := e.c.Styles
	var b strings.Builder
	b.WriteString(st.Bold.Render("File name") + "\n")
	b.WriteString(st.InputFocus.Render(e.input.View()) + "\n")
	if e.err != "" {
		b.WriteString(st.Error.Render(widgets.WrapText(e.err, e.w)) + "\n")
	} else if e.note != "" {
		b.WriteString(st.Warning.Render(e.note) + "\n")
	} else {
		b.WriteString(st.Faint.Render("relative to the folder notion-tui started in; ~ is your home") + "\n")
	}
	b.WriteString("\n" + st.Bold.Render("Format") + "  ")
	for _, f := range []string{formatCSV, formatJSON} {
		label := " " + strings.ToUpper(f) + " "
		if f == e.format {
			b.WriteString(st.Cursor.Render(label) + " ")
		} else {
			b.WriteString(st.Muted.Render(label) + " ")
		}
	}
	b.WriteString(st.Faint.Render(" tab switches") + "\n")
	desc := "One line per row: the properties in schema order as plain text (dates in ISO 8601), then the page's ID and URL."
	if e.format == formatJSON {
		desc = "An array of the page objects exactly as the API returns them."
	}
	b.WriteString(st.Muted.Render(widgets.WrapText(desc, e.w)))
	return b.String()
}

// countRows is "1 row" or "12,000 rows".
func countRows(n int) string { return widgets.FormatCount(n) + " " + textutil.Noun(n, "row", "rows") }

// scope says what will be exported.
func (e *exportScreen) scope() string {
	var parts []string
	if e.total >= 0 {
		parts = append(parts, countRows(e.total))
	} else {
		parts = append(parts, "every matching row")
	}
	if d := describeQuery(e.q); d != "all rows" {
		parts = append(parts, d)
	}
	return strings.Join(parts, " · ")
}

// source says where the rows come from: those loaded, or a new read and
// why.
func (e *exportScreen) source() string {
	switch {
	case e.reread:
		return "Reads again: " + whyChanged + "."
	case e.from.memory:
		return "As loaded at " + e.from.at.Format("15:04") + ": nothing is read again."
	}
	return "Reads again: " + e.from.why + "."
}

// exportJob is what the export goroutine needs, copied from the screen.
type exportJob struct {
	client *notionapi.Client
	titles *notionapi.Titles // related pages by title in CSV (nil: by ID)
	dsID   string
	q      query
	cols   notionapi.Schema
	format string
	path   string
	total  int
	events chan exportEvent
	// mem, when set, is the rows loaded: written without a request;
	// reread says they had changed and were read again.
	mem    *exportFrom
	reread bool
}

// errSortedCap explains a sorted export that reached the API's limit.
var errSortedCap = errors.New("a sorted query stops at 10,000 rows and this one matches more; remove the sort in the table (s) to export every row in creation order")

// run writes the rows to a temporary file next to the target and renames
// it at the end, so a cancelled or failed export leaves nothing behind and
// an overwrite is all or nothing.
func (j *exportJob) run(ctx context.Context) {
	rows, err := j.write(ctx)
	final := exportEvent{rows: rows, done: true, err: err, reread: j.reread}
	for {
		select {
		case j.events <- final:
			close(j.events)
			return
		case <-j.events: // a stale progress event nobody read
		}
	}
}

func (j *exportJob) write(ctx context.Context) (rows int, err error) {
	f, err := os.CreateTemp(filepath.Dir(j.path), "."+filepath.Base(j.path)+".tmp-*")
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	begin := func() (*exportWriter, error) {
		w := newExportWriter(j.format, f, j.cols)
		w.ctx, w.titles = ctx, j.titles
		return w, w.header()
	}
	w, err := begin()
	if err != nil {
		return 0, err
	}
	if j.mem != nil {
		rows, err = j.memory(ctx, w)
		if errors.Is(err, errRowsChanged) {
			// Start again, reading every row.
			if _, err = f.Seek(0, io.SeekStart); err == nil {
				err = f.Truncate(0)
			}
			if err == nil {
				w, err = begin()
			}
			if err != nil {
				return 0, err
			}
			j.report(exportEvent{reread: true})
			j.reread = true
			rows, err = j.read(ctx, w)
		}
	} else {
		rows, err = j.read(ctx, w)
	}
	if err != nil {
		return rows, err
	}
	if err := w.close(); err != nil {
		return rows, err
	}
	if err := f.Close(); err != nil {
		return rows, err
	}
	return rows, os.Rename(f.Name(), j.path)
}

// read reads the rows from Notion.
func (j *exportJob) read(ctx context.Context, w *exportWriter) (int, error) {
	if len(j.q.Sorts) > 0 {
		return j.sorted(ctx, w)
	}
	return j.all(ctx, w)
}

// errRowsChanged says the rows kept are not the table's.
var errRowsChanged = errors.New("the rows kept are not the table's")

// memory writes the rows loaded, from the JSON kept of each: the same
// bytes a new read writes. Each row kept must be the table's, in its
// order, else nothing of it is used.
func (j *exportJob) memory(ctx context.Context, w *exportWriter) (int, error) {
	ids, n := j.mem.ids, 0
	err := eachRaw(j.mem.blocks, func(raw []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		// The JSON kept was valid when it was read, so RawRow reads its
		// ID from the front without decoding the row.
		var r notionapi.RawRow
		if n >= len(ids) || r.UnmarshalJSON(raw) != nil || r.ID != ids[n] {
			return errRowsChanged
		}
		if err := w.row(r.JSON); err != nil {
			return err
		}
		n++
		if n%500 == 0 {
			j.report(exportEvent{rows: n, frac: float64(n) / float64(max(len(ids), 1))})
		}
		return nil
	})
	if err == nil && n != len(ids) {
		err = errRowsChanged
	}
	return n, err
}

// report sends progress without waiting: a slow screen gets the latest.
func (j exportJob) report(ev exportEvent) {
	select {
	case j.events <- ev:
	default:
	}
}

// all reads every row (past the 10,000 cap) in creation order. Without a
// known total, progress is estimated from how far the rows' creation
// times are between the oldest and the newest row.
func (j exportJob) all(ctx context.Context, w *exportWriter) (int, error) {
	p := j.q.params()
	var oldest, newest time.Time
	if j.total < 0 {
		nq := p
		nq.Sorts = []notionapi.Sort{{Timestamp: notionapi.CreatedTime, Direction: notionapi.Descending}}
		nq.PageSize = 1
		l, err := j.client.QueryRaw(ctx, j.dsID, nq)
		if err != nil {
			return 0, err
		}
		if len(l.Results) > 0 {
			var r notionapi.RawRow
			if err := json.Unmarshal(l.Results[0], &r); err == nil {
				newest = r.CreatedTime
			}
		}
	}
	n := 0
	var last time.Time
	opt := notionapi.ReadAllOptions{MaxBuffered: readAhead, OnProgress: func(int) {
		switch {
		case j.total > 0:
			j.report(exportEvent{rows: n, frac: float64(n) / float64(j.total)})
		case !newest.IsZero() && newest.After(oldest):
			j.report(exportEvent{rows: n, frac: float64(last.Sub(oldest)) / float64(newest.Sub(oldest)), estimated: true})
		default:
			j.report(exportEvent{rows: n, estimated: true})
		}
	}}
	for r, err := range j.client.ReadAllRaw(ctx, j.dsID, p, opt) {
		if err != nil {
			return n, err
		}
		if n == 0 {
			oldest = r.CreatedTime
		}
		last = r.CreatedTime
		if err := w.row(r.JSON); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// sorted follows the cursor of a sorted query, which stops at 10,000 rows.
func (j exportJob) sorted(ctx context.Context, w *exportWriter) (int, error) {
	p := j.q.params()
	n := 0
	for {
		l, err := j.client.QueryRaw(ctx, j.dsID, p)
		if err != nil {
			return n, err
		}
		for _, raw := range l.Results {
			if err := w.row(raw); err != nil {
				return n, err
			}
			n++
		}
		total, est := j.total, false
		if total < 0 {
			total, est = notionapi.MaxPageSize*100, true
		}
		j.report(exportEvent{rows: n, frac: min(1, float64(n)/float64(max(total, 1))), estimated: est})
		if p.StartCursor = l.Cursor(); p.StartCursor == "" {
			if l.Incomplete() {
				return n, errSortedCap
			}
			return n, nil
		}
	}
}

// exportWriter writes rows as CSV (schema order, Cell values) or as a JSON
// array of the page objects as the API returned them.
type exportWriter struct {
	format string
	out    io.Writer
	csv    *csv.Writer
	cols   notionapi.Schema
	n      int
	// titles, when set, writes related pages by title in CSV, each page
	// read once for the session (ctx bounds the reads).
	titles *notionapi.Titles
	ctx    context.Context
}

func newExportWriter(format string, out io.Writer, cols notionapi.Schema) *exportWriter {
	w := &exportWriter{format: format, out: out, cols: cols}
	if format == formatCSV {
		w.csv = csv.NewWriter(out)
	}
	return w
}

func (w *exportWriter) header() error {
	if w.csv != nil {
		return w.csv.Write(csvHeader(w.cols))
	}
	_, err := io.WriteString(w.out, "[")
	return err
}

func (w *exportWriter) row(raw json.RawMessage) error {
	w.n++
	if w.csv == nil {
		sep := ",\n  "
		if w.n == 1 {
			sep = "\n  "
		}
		if _, err := io.WriteString(w.out, sep); err != nil {
			return err
		}
		_, err := w.out.Write(raw)
		return err
	}
	var pg notionapi.Page
	if err := json.Unmarshal(raw, &pg); err != nil {
		return fmt.Errorf("decoding row %d: %w", w.n, err)
	}
	var title notionapi.TitleFunc
	if w.titles != nil {
		var ids []string
		for _, p := range w.cols {
			for _, r := range pg.Properties[p.Name].Relation {
				ids = append(ids, r.ID)
			}
		}
		if err := w.titles.Resolve(w.ctx, ids, 0); err != nil && w.ctx.Err() != nil {
			return err
		}
		// A page that could not be read is written by its ID.
		title = w.titles.Title
	}
	return w.csv.Write(csvRecord(&pg, w.cols, title))
}

func (w *exportWriter) close() error {
	if w.csv != nil {
		w.csv.Flush()
		return w.csv.Error()
	}
	end := "\n]\n"
	if w.n == 0 {
		end = "]\n"
	}
	_, err := io.WriteString(w.out, end)
	return err
}

package cli

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/memlimit"
	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/filter"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// defaultLimit is how many rows query prints without --limit or --all.
const defaultLimit = 100

// resultCap is the most rows one query (one cursor chain) returns.
const resultCap = 10000

func (a *app) queryCommand() *cobra.Command {
	o := &queryOpts{}
	cmd := &cobra.Command{
		Use:   "query <database>",
		Short: "Print the rows of a database or a view",
		Long: "Print the rows of a data source, given by ID or by any Notion link to it or its database.\n\n" +
			"A view link (…?v=<view>), or --view with a view's name or ID, reads the rows of that view: its filter, its sorts, " +
			"and its visible columns in its order (hidden columns are not downloaded). A view of up to 10,000 rows is read by one sorted query; " +
			"with --all, a larger one is read in created_time windows and sorted here, as --all --sort does, which stderr says.\n\n" +
			"Without --sort, rows come oldest first (by created_time), as in the app. " +
			"--limit (default 100) says so on stderr when more rows match; --all reads every row, past Notion's " +
			"10,000-results-per-query cap, by created_time windows. --all with --sort reads every row that way and " +
			"sorts them here: empty values last in both directions, select and status by the order of their options, " +
			"dates by their start, numbers by value, text without regard to case (see the README); --limit N then " +
			"keeps the first N.\n\n" +
			"Related pages show by title in table and CSV (--relations ids for their IDs): each page not among the rows is " +
			"read once, or its database a hundred rows a request when many are wanted, and lists cut at 25 by Notion are read " +
			"in full. --filter takes a related page by title too (Project has Billing v2).\n\n" +
			"--properties Task,Status prints only those properties, in that order, and Notion sends no others " +
			"(filter_properties); the property of a sort made here is read too, and JSON shows it.\n\n" +
			"A mistake in --filter is shown with a caret under it before any request is sent, when it needs no schema.",
		Example: `
notion-tui --demo query ` + demoReadingList + ` --limit 5
notion-tui --demo query \
  '` + demoTasks + `?v=` + notionapi.CompactID(notiontest.ViewTasksOpen) + `'
notion-tui --demo query ` + demoTasks + ` \
  --view Board --format csv
notion-tui --demo query ` + demoReadingList + ` \
  --filter 'Status = Finished and Pages > 500' --sort Pages:desc
notion-tui --demo query ` + demoTasks + ` \
  --properties Task,Status,Due --format csv
notion-tui --demo query ` + demoEventLog + ` \
  --all --format csv
notion-tui --demo query ` + demoEventLog + ` --all \
  --sort 'Latency ms:desc' --limit 5
notion-tui --demo query ` + demoTasks + ` \
  --filter-json '{"property":"Done","checkbox":{"equals":false}}' \
  --format ndjson`,
		Args:              exactArgs(1, "one database or data source ID or link"),
		ValidArgsFunction: a.completeWorkspace(notionapi.ObjectDataSource, false),
	}
	f := cmd.Flags()
	f.StringVar(&o.filterExpr, "filter", "", "a filter such as 'Status = Done and Pages > 300'")
	f.StringVar(&o.filterJSON, "filter-json", "", "a Notion filter object: JSON, @file or - (stdin)")
	f.Var(&o.sorts, "sort", "sort by a property: Name or Name:desc (repeatable)")
	_ = cmd.RegisterFlagCompletionFunc("sort", a.completeProperties(propertyName))
	f.IntVar(&o.limit, "limit", defaultLimit, "print at most this many rows")
	f.BoolVar(&o.all, "all", false, "every row, past the 10,000-results cap")
	f.StringVar(&o.view, "view", "", "read through a view of the database: its name or ID")
	_ = cmd.RegisterFlagCompletionFunc("view", a.completeViews)
	f.Var(&o.props, "properties", "only these properties, in order: Name,Status")
	_ = cmd.RegisterFlagCompletionFunc("properties", a.completeProperties(propertyList))
	addRelationsFlag(cmd, &o.relations)
	o.out = addOutputFlags(cmd, dataFormats...)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		return a.runQuery(cmd, args[0], o)
	}
	return cmd
}

type queryOpts struct {
	filterExpr string
	filterJSON string
	sorts      repeatedFlag
	limit      int
	all        bool
	view       string
	props      repeatedFlag // --properties, as given
	relations  string
	titles     bool // --relations titles
	out        *outputFlags
	format     string
	filter     json.RawMessage // from --filter-json
}

// check refuses, before any request, every mistake the command line can
// see by itself.
func (o *queryOpts) check(cmd *cobra.Command, env *Env, target string) error {
	var err error
	if o.format, err = o.out.get(cmd); err != nil {
		return err
	}
	link, linkErr := notionapi.ParseLink(target)
	viewMode := linkErr == nil && link.ViewID != "" || o.view != ""
	if o.titles, err = checkRelationsFlag(cmd, o.relations); err != nil {
		return err
	}
	switch {
	case o.all && cmd.Flags().Changed("limit") && len(o.sorts) == 0 && !viewMode:
		return usagef("--all and --limit exclude each other (with --sort, --limit N keeps the first N of every row sorted)")
	case o.limit < 1:
		return usagef("--limit must be at least 1 (use --all for every row)")
	case o.filterExpr != "" && o.filterJSON != "":
		return usagef("--filter and --filter-json exclude each other")
	}
	if o.all && !cmd.Flags().Changed("limit") {
		o.limit = 0
	}
	if linkErr != nil {
		return usagef("%v", linkErr)
	}
	if viewMode && (o.filterExpr != "" || o.filterJSON != "" || len(o.sorts) > 0) {
		return usagef("%v", errViewFlags)
	}
	if viewMode && len(o.props) > 0 {
		return usagef("a view shows its own properties: --properties cannot be combined with a view")
	}
	for _, s := range o.sorts {
		if _, _, err := splitSortFlag(s); err != nil {
			return err
		}
	}
	if o.filterExpr != "" {
		if err := filter.Check(o.filterExpr); err != nil {
			return filterError(o.filterExpr, err)
		}
	}
	if o.filterJSON != "" {
		if o.filter, err = readJSONArg("--filter-json", o.filterJSON, env); err != nil {
			return err
		}
		var obj map[string]any
		if json.Unmarshal(o.filter, &obj) != nil {
			return usagef("--filter-json must be a JSON object, such as {\"property\":\"Done\",\"checkbox\":{\"equals\":true}}")
		}
	}
	return nil
}

// readJSONArg reads a JSON argument given inline, as @file or as - for
// stdin, and checks that it is JSON.
func readJSONArg(flag, v string, env *Env) (json.RawMessage, error) {
	src := []byte(strings.TrimSpace(v))
	var err error
	switch {
	case v == "-":
		src, err = io.ReadAll(io.LimitReader(env.Stdin, 64<<20))
	case strings.HasPrefix(v, "@"):
		src, err = os.ReadFile(v[1:])
	}
	if err != nil {
		return nil, usagef("%s: %v", flag, err)
	}
	var any json.RawMessage
	if err := json.Unmarshal(src, &any); err != nil {
		return nil, usagef("%s is not valid JSON: %s", flag, jsonErrorAt(string(src), err))
	}
	return src, nil
}

// jsonErrorAt adds the position of a JSON syntax error.
func jsonErrorAt(src string, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := 1, 1
		for _, r := range src[:min(int(se.Offset), len(src))] {
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		return fmt.Sprintf("%v (line %d, column %d)", err, line, col)
	}
	return err.Error()
}

func (a *app) runQuery(cmd *cobra.Command, target string, o *queryOpts) error {
	if err := o.check(cmd, a.env, target); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(cmd.Context())
	defer cancel()
	s, err := a.newSession()
	if err != nil {
		return err
	}
	defer s.Close()
	link, _ := notionapi.ParseLink(target)
	var saved *savedViewRead
	if link.ViewID != "" || o.view != "" {
		v, sv, err := a.resolveView(ctx, s, link, o)
		if err != nil || v != nil {
			if err != nil {
				return err
			}
			return a.runViewQuery(ctx, s, v, o)
		}
		saved = sv
	}
	var ds *notionapi.DataSource
	unresolved := false // ds is a bare ID taken for a data source's, schema unread
	var schemaLater func() (*notionapi.DataSource, error)
	switch {
	case saved != nil:
		ds = saved.ds
	case o.filterExpr == "" && len(o.sorts) == 0 && len(o.props) == 0 && !link.URL && notionapi.UsesDataSources(s.Version):
		// A bare ID (as the API lists data sources) is queried at once, so
		// the first row comes after one round trip: rows as JSON need no
		// schema, and columns take it from a read sent alongside the
		// first page. A database's ID is answered 404 and resolved then.
		ds, unresolved = &notionapi.DataSource{ID: link.ID}, true
		if o.needsColumns() {
			var wait func()
			schemaLater, wait = alongside(ctx, func(ctx context.Context) (*notionapi.DataSource, error) {
				return s.Client.GetDataSource(ctx, link.ID)
			})
			defer wait() // before the session closes
		}
	default:
		if ds, err = s.Client.ResolveDataSource(ctx, target); err != nil {
			return err
		}
	}
	sorts, err := parseSortFlags(o.sorts, ds.Properties)
	if err != nil {
		return err
	}
	filterObj := any(nil)
	if o.filter != nil {
		filterObj = o.filter
	}
	if o.filterExpr != "" {
		compiled, err := compileFilter(ctx, s.Client, o.filterExpr, ds.Properties, a.env.Now)
		if err != nil {
			return err
		}
		filterObj = compiled
	}
	var fields []string
	if saved != nil {
		if sorts, err = saved.sorts(); err != nil {
			return err
		}
	}
	var chosen notionapi.Schema
	if len(o.props) > 0 {
		if chosen, err = chooseProperties(o.props, ds.Properties); err != nil {
			return err
		}
		for _, p := range chosen {
			fields = append(fields, p.ID)
		}
		// A sort read past the cap is made here, on the rows' values:
		// its properties are read too (JSON shows them).
		for _, so := range sorts {
			if p, ok := ds.Properties.Get(so.Property); ok && so.Property != "" && !slices.Contains(fields, p.ID) {
				fields = append(fields, p.ID)
			}
		}
	}
	r := &rowPrinter{ctx: ctx, cells: o.needsColumns(), limit: o.limit}
	open := func(ds *notionapi.DataSource) {
		schema := ds.Properties.Ordered()
		switch {
		case saved != nil:
			schema, fields = saved.columns()
		case chosen != nil:
			schema = chosen
		}
		r.w, r.schema = a.newRecordWriter(o.format, schemaColumns(schema)), schema
		if r.cells && o.titles {
			r.rel = newRelations(s.Client, schema)
		}
	}
	if schemaLater == nil {
		open(ds)
	} else {
		r.pending = func() error {
			d, err := schemaLater()
			if err == nil {
				open(d)
			}
			return err
		}
	}
	p := notionapi.QueryParams{Filter: filterObj, Sorts: sorts, PageSize: notionapi.MaxPageSize, FilterProperties: fields}
	windowed := o.all || o.limit > resultCap // past the cap: the windowed read
	if !windowed {
		if len(sorts) == 0 {
			// The app's order: oldest first.
			p.Sorts = []notionapi.Sort{{Timestamp: notionapi.CreatedTime, Direction: notionapi.Ascending}}
		}
		if o.limit < notionapi.MaxPageSize {
			p.PageSize = o.limit
		}
	}
	read := func() error {
		switch {
		case windowed && len(sorts) > 0:
			return a.readSorted(ctx, s.Client, ds, p, r)
		case windowed:
			return a.readWindows(ctx, s.Client, ds.ID, p, r)
		}
		return a.readPages(ctx, s.Client, ds.ID, p, r)
	}
	err = read()
	if unresolved && r.n == 0 && wrongKindOfID(err) {
		// Not a data source's ID: a database's, or neither, whose error
		// names the sharing fix. It is not asked as a data source again.
		// (The schema read alongside is answered first: one request at a
		// time.)
		if schemaLater != nil {
			schemaLater() //nolint:errcheck // answered 404 too: the ID is not a data source's
		}
		if ds, err = s.Client.ResolveDatabase(ctx, link.ID); err == nil {
			if r.w == nil {
				r.pending = func() error { open(ds); return nil }
			}
			err = read()
		}
	}
	return a.finishRead(r, err)
}

// needsColumns says whether the output is columns (table, CSV), which
// need the data source's schema.
func (o *queryOpts) needsColumns() bool {
	return o.format == formatTable || o.format == formatCSV
}

// alongside starts f at once; get waits for its answer, and wait (to be
// deferred) for f to be over.
func alongside[T any](ctx context.Context, f func(context.Context) (T, error)) (get func() (T, error), wait func()) {
	var v T
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		v, err = f(ctx)
	}()
	get = func() (T, error) {
		<-done
		return v, err
	}
	return get, func() { <-done }
}

// wrongKindOfID says whether err is how Notion answers a query of an ID
// of another kind of object: 404 (a 400 is the query's own mistake).
func wrongKindOfID(err error) bool {
	return err != nil && notionapi.StatusOf(err) == http.StatusNotFound
}

// finishRead closes the output after a read and says on stderr what was
// left out.
func (a *app) finishRead(r *rowPrinter, err error) error {
	err = r.finish(err)
	if r.w == nil {
		return err // the output was never opened: no schema, no rows
	}
	if err = closeAfter(r.w, err); err != nil {
		if r.printed > 0 {
			return &partialError{rows: r.printed, err: err}
		}
		return err
	}
	r.rel.note(r.ctx, a.env.Stderr, r.printed)
	switch {
	case r.more && r.total > 0:
		fmt.Fprintf(a.env.Stderr, "notion-tui: the first %s of %s rows shown (--limit).\n", commas(r.n), commas(r.total))
	case r.more:
		fmt.Fprintf(a.env.Stderr, "notion-tui: %s shown; more match: use --all for every row, or --limit N.\n", textutil.Plural(r.n, "row", "rows"))
	}
	return nil
}

// partialError is a read that failed after some output was printed.
type partialError struct {
	rows int
	err  error
}

func (e *partialError) Error() string { return e.err.Error() }
func (e *partialError) Unwrap() error { return e.err }

// rowPrinter writes rows, at most limit (0: no limit), never the same row
// twice. With relations shown by title, rows wait in batches of up to 100
// until their related pages' titles are read.
type rowPrinter struct {
	ctx     context.Context
	w       recordWriter
	schema  notionapi.Schema
	cells   bool // decode rows for table and CSV cells
	limit   int
	n       int  // rows taken (printed or waiting)
	printed int  // rows written
	more    bool // rows were left unprinted
	total   int  // rows read, when all were read before printing
	seen    map[[16]byte]bool
	rel     *relations // nil: relations as IDs
	waiting []waitingRow
	// pending, when set, opens the output (w, schema, rel) once the
	// schema read alongside the first page has come.
	pending func() error
}

// ready opens the output if it waits for the schema.
func (r *rowPrinter) ready() error {
	if r.pending == nil {
		return nil
	}
	p := r.pending
	r.pending = nil
	return p()
}

// waitingRow is a row waiting for the titles of its related pages.
type waitingRow struct {
	raw  json.RawMessage
	page *notionapi.Page
}

// errLimit stops a read at the limit.
var errLimit = errors.New("limit reached")

// row prints one row, given as the API's JSON; page is its decoded form
// when the caller has it.
func (r *rowPrinter) row(raw json.RawMessage, page *notionapi.Page) error {
	if err := r.ready(); err != nil {
		return err
	}
	if r.limit > 0 && r.n >= r.limit {
		r.more = true
		return errLimit
	}
	if page == nil && r.cells {
		page = &notionapi.Page{}
		if err := json.Unmarshal(raw, page); err != nil {
			return err
		}
	}
	r.n++
	if r.rel != nil {
		r.waiting = append(r.waiting, waitingRow{raw, page})
		if len(r.waiting) >= notionapi.MaxPageSize {
			return r.flush()
		}
		return nil
	}
	return r.write(raw, page)
}

// write prints one row.
func (r *rowPrinter) write(raw json.RawMessage, page *notionapi.Page) error {
	var cells []string
	if r.cells {
		cells = rowCells(r.schema, page, r.rel.title)
	}
	if err := r.w.Row(cells, raw); err != nil {
		return err
	}
	r.printed++
	return nil
}

// flush prints the rows waiting, once their related pages' titles are
// known.
func (r *rowPrinter) flush() error {
	if len(r.waiting) == 0 {
		return nil
	}
	pages := make([]*notionapi.Page, len(r.waiting))
	for i, w := range r.waiting {
		pages[i] = w.page
	}
	if err := r.rel.prepare(r.ctx, pages); err != nil {
		return err
	}
	for _, w := range r.waiting {
		if err := r.write(w.raw, w.page); err != nil {
			return err
		}
	}
	r.waiting = r.waiting[:0]
	return nil
}

// finish prints the rows still waiting after a read that ended with err:
// rows read before a failure are real, and printed.
func (r *rowPrinter) finish(err error) error {
	if err == nil {
		err = r.ready() // no rows: the output still has its header
	}
	if ferr := r.flush(); err == nil {
		err = ferr
	}
	return err
}

// once reports whether a row ID is new; a row sent twice by a read that
// promises every row once means the server (or a proxy) is broken.
func (r *rowPrinter) once(id string) error {
	if r.seen == nil {
		r.seen = map[[16]byte]bool{}
	}
	var k [16]byte
	if _, err := hex.Decode(k[:], []byte(strings.ReplaceAll(id, "-", ""))); err != nil {
		copy(k[:], id)
	}
	if r.seen[k] {
		return &duplicateError{id: id, rows: r.n}
	}
	r.seen[k] = true
	return nil
}

// duplicateError is a row that the windowed read returned twice.
type duplicateError struct {
	id   string
	rows int
}

func (e *duplicateError) Error() string {
	return fmt.Sprintf("the windowed read returned the row %s a second time, after %s; it was stopped rather than print "+
		"a row twice, since a row that came twice may mean another is missing. This is a fault of the server or of notion-tui's "+
		"windowed read: please report it, with --debug-log", e.id, textutil.Plural(e.rows, "row", "rows"))
}

// readPages reads a query page by page (at most 10,000 rows).
func (a *app) readPages(ctx context.Context, c *notionapi.Client, id string, p notionapi.QueryParams, r *rowPrinter) error {
	g := newLoopGuard()
	for {
		l, err := c.QueryRaw(ctx, id, p)
		if err != nil {
			return err
		}
		fresh, err := g.page(l.Results, l.Cursor())
		if err != nil {
			return err
		}
		for i, raw := range l.Results {
			if !fresh[i] {
				continue // sent on an earlier page: printed once already
			}
			if err := r.row(raw, nil); errors.Is(err, errLimit) {
				return nil
			} else if err != nil {
				return err
			}
		}
		// Each page of rows reaches the output before the next is read.
		if err := r.flush(); err != nil {
			return err
		}
		if p.StartCursor = l.Cursor(); p.StartCursor == "" {
			if l.Incomplete() && (r.limit == 0 || r.n < r.limit) {
				// Rows were left out at the cap: never a silent partial answer.
				return &notionapi.IncompleteError{Op: "POST " + c.QueryPath(id), Reason: l.RequestStatus.IncompleteReason, Rows: r.n}
			}
			return nil
		}
		if r.limit > 0 && r.n >= r.limit {
			r.more = true
			return nil
		}
	}
}

// readAll reads every row through the windowed read, oldest first, with
// the library's read-ahead (notionapi.DefaultReadAhead rows). The
// read-ahead binds only where several windows are read at once, above
// Notion's average budget of 3 requests a second; there, the runtime's
// memory limit follows the live heap while the read runs
// (memlimit.ReadFloor), which keeps query --all of 100,000 rows under
// 40 MB (33 to 36 MB; 43 to 48 MB without it, bench/RESULTS.md). Half
// the read-ahead, without the limit, took the same memory with 2 to 7%
// more requests at 100,000 rows and 9% more time for 12,000 rows at
// 200 ms and 30 requests a second.
func readAll(ctx context.Context, c *notionapi.Client, id string, p notionapi.QueryParams) iter.Seq2[notionapi.RawRow, error] {
	return func(yield func(notionapi.RawRow, error) bool) {
		defer memlimit.Follow(memlimit.ReadFloor)()
		for row, err := range c.ReadAllRaw(ctx, id, p, notionapi.ReadAllOptions{}) {
			if !yield(row, err) {
				return
			}
		}
	}
}

// readWindows reads every row through the windowed read, oldest first.
func (a *app) readWindows(ctx context.Context, c *notionapi.Client, id string, p notionapi.QueryParams, r *rowPrinter) error {
	prog := a.newProgress("Reading rows", false)
	defer prog.done()
	for row, err := range readAll(ctx, c, id, p) {
		if err != nil {
			return windowedErr(err, r.n)
		}
		if err := r.once(row.ID); err != nil {
			return err
		}
		if err := r.row(row.JSON, nil); errors.Is(err, errLimit) {
			return nil
		} else if err != nil {
			return err
		}
		prog.update(r.n)
	}
	return nil
}

// windowedErr words a windowed read's stop on a server that never ends
// its pagination as the command line's other reads do.
func windowedErr(err error, rows int) error {
	var pe *notionapi.PaginationError
	if !errors.As(err, &pe) {
		return err
	}
	what := "sent empty pages one after another, each saying more results follow"
	if pe.RepeatedCursor {
		what = "sent the same next_cursor twice (" + strconv.Quote(shorten(pe.Cursor, 24)) + ")"
	}
	return &loopError{what: what, rows: rows}
}

// readSorted reads every row through the windowed read, then prints them
// in the order of the sorts (notionapi.RowSorter). Rows wait in a
// temporary file while they are read; only their sort keys stay in
// memory.
func (a *app) readSorted(ctx context.Context, c *notionapi.Client, ds *notionapi.DataSource, p notionapi.QueryParams, r *rowPrinter) error {
	sorter, err := notionapi.NewRowSorter(ds.Properties, p.Sorts)
	if err != nil {
		return err
	}
	sp, err := newSpool()
	if err != nil {
		return err
	}
	defer sp.close()
	prog := a.newProgress("Reading rows to sort", true)
	for row, err := range readAll(ctx, c, ds.ID, p) {
		if err != nil {
			prog.done()
			return windowedErr(err, len(sp.keys))
		}
		if err := r.once(row.ID); err != nil {
			prog.done()
			return err
		}
		page, err := notionapi.DecodePage(row.JSON)
		if err != nil {
			prog.done()
			return err
		}
		if err := sp.add(row.JSON, sorter.Key(&page)); err != nil {
			prog.done()
			return err
		}
		prog.update(len(sp.keys))
	}
	prog.done()
	r.total = len(sp.keys)
	order := make([]int, len(sp.keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return sorter.Compare(sp.keys[x], sp.keys[y]) })
	for _, i := range order {
		raw, err := sp.get(i)
		if err != nil {
			return err
		}
		if err := r.row(raw, nil); errors.Is(err, errLimit) {
			return nil
		} else if err != nil {
			return err
		}
	}
	return nil
}

// spool keeps rows in a temporary file (mode 0600) that is removed at
// once where the system allows an open file to be (so that nothing is left
// behind even if the program is killed), else when closed.
type spool struct {
	f    *os.File
	offs []int64
	keys []notionapi.RowKey
	end  int64
}

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "notion-tui-rows-*")
	if err != nil {
		return nil, fmt.Errorf("a temporary file to sort the rows in: %w", err)
	}
	_ = os.Remove(f.Name()) // unlinked but open (Unix); see close otherwise
	return &spool{f: f}, nil
}

func (s *spool) add(raw json.RawMessage, key notionapi.RowKey) error {
	if _, err := s.f.Write(raw); err != nil {
		return fmt.Errorf("writing rows to sort in %s: %w", s.f.Name(), err)
	}
	s.offs = append(s.offs, s.end)
	s.end += int64(len(raw))
	s.keys = append(s.keys, key)
	return nil
}

func (s *spool) get(i int) (json.RawMessage, error) {
	end := s.end
	if i+1 < len(s.offs) {
		end = s.offs[i+1]
	}
	b := make([]byte, end-s.offs[i])
	if _, err := s.f.ReadAt(b, s.offs[i]); err != nil {
		return nil, fmt.Errorf("reading back the rows to sort: %w", err)
	}
	return b, nil
}

func (s *spool) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// schemaColumns are a data source's properties as columns: numbers are
// right-aligned and never shortened.
func schemaColumns(schema notionapi.Schema) []column {
	cols := make([]column, len(schema))
	for i, p := range schema {
		cols[i] = column{name: p.Name}
		switch p.Type {
		case notionapi.PropNumber, notionapi.PropUniqueID:
			cols[i].kind = colNumber
		case notionapi.PropCreatedTime, notionapi.PropLastEditedTime:
			cols[i].kind = colFixed
		}
	}
	return cols
}

// rowCells renders a page's properties in schema order, related pages by
// the titles title knows (nil: by ID).
func rowCells(schema notionapi.Schema, p *notionapi.Page, title notionapi.TitleFunc) []string {
	out := make([]string, len(schema))
	for i, prop := range schema {
		out[i] = notionapi.CellWith(p.Properties[prop.Name], title)
	}
	return out
}

// compileFilter compiles a --filter expression against the schema. People
// may be named: when the expression does not compile without the
// workspace's users, they are read (if the integration may) and it is
// compiled again. A mistake exits with status 2 and the caret under it.
func compileFilter(ctx context.Context, c *notionapi.Client, expr string, schema notionapi.Schema, now func() time.Time) (json.RawMessage, error) {
	opts := filter.Options{Now: now, FindPage: findRelatedPage(ctx, c)}
	out, err := filter.Compile(expr, schema, opts)
	if err != nil && hasPeople(schema) {
		for u, uerr := range c.ListUsersAll(ctx) {
			if uerr != nil {
				break
			}
			opts.Users = append(opts.Users, u)
		}
		if len(opts.Users) > 0 {
			out, err = filter.Compile(expr, schema, opts)
		}
	}
	if err != nil {
		return nil, filterError(expr, err)
	}
	return out, nil
}

// findRelatedPage finds a related page by title for the filter language,
// as create --set does (pageform.FindPage), asking once per title.
func findRelatedPage(ctx context.Context, c *notionapi.Client) func(notionapi.PropertySchema, string) (string, error) {
	type answer struct {
		id  string
		err error
	}
	asked := map[string]answer{}
	env := pageform.Env{FindPages: pageform.FindPagesWith(ctx, c)}
	return func(p notionapi.PropertySchema, title string) (string, error) {
		key := p.ID + "\x00" + strings.ToLower(title)
		if a, ok := asked[key]; ok {
			return a.id, a.err
		}
		id, err := pageform.FindPage(p, title, env)
		asked[key] = answer{id, err}
		return id, err
	}
}

// filterError shows a filter mistake with a caret under it; exit status 2.
func filterError(expr string, err error) error {
	var fe *filter.Error
	if errors.As(err, &fe) {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("notion-tui: --filter: %s\n\n%s", fe.Error(), indent(fe.Caret(expr), "  "))}
	}
	return err
}

// hasPeople reports whether a schema has a property that holds users.
func hasPeople(schema notionapi.Schema) bool {
	for _, p := range schema {
		switch p.Type {
		case notionapi.PropPeople, notionapi.PropCreatedBy, notionapi.PropLastEditedBy, notionapi.PropRollup:
			return true
		}
	}
	return false
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// chooseProperties reads --properties: names, as --set takes them
// (pageform.Property), each value split at commas unless it names a
// property whole (a name may hold a comma), in the order given, each once.
func chooseProperties(values []string, props notionapi.Schema) (notionapi.Schema, error) {
	var out notionapi.Schema
	add := func(name string) error {
		p, err := pageform.Property(props, strings.TrimSpace(name))
		if err != nil {
			return usagef("--properties: %v", err)
		}
		if !slices.ContainsFunc(out, func(q notionapi.PropertySchema) bool { return q.ID == p.ID }) {
			out = append(out, p)
		}
		return nil
	}
	for _, v := range values {
		if _, err := pageform.Property(props, strings.TrimSpace(v)); err == nil {
			if err := add(v); err != nil {
				return nil, err
			}
			continue
		}
		for _, name := range strings.Split(v, ",") {
			if strings.TrimSpace(name) == "" {
				continue
			}
			if err := add(name); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

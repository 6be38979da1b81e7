package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"iter"
	"os"
	"strings"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/filter"
)

func queryCommand() *command {
	return &command{
		name:    "query",
		args:    "<database-or-data-source-id-or-url>",
		summary: "print the rows of a database (data source), streaming as pages arrive",
		setup: func(fs *flag.FlagSet, g *Globals, env *Env) func(context.Context, []string) error {
			o := &queryOpts{}
			fs.StringVar(&o.filterExpr, "filter", "", "filter `EXPR` in the query language, e.g. 'Status = Done and Pages > 300'")
			fs.StringVar(&o.filterJSON, "filter-json", "", "Notion filter object as `JSON` (or @file)")
			fs.Var(&o.sorts, "sort", "sort by `PROP[:asc|desc]` (repeat for several; created_time and last_edited_time sort by timestamp)")
			fs.IntVar(&o.limit, "limit", 0, "print at most `N` rows (default 100)")
			fs.BoolVar(&o.all, "all", false, "print every row, past the API's 10,000-results-per-query cap")
			fs.StringVar(&o.format, "format", formatTable, "output `format`: table, json (the page objects as the API returns them) or csv")
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return usagef("query needs one database or data source ID or URL")
				}
				return runQuery(ctx, g, env, args[0], o)
			}
		},
	}
}

type queryOpts struct {
	filterExpr string
	filterJSON string
	sorts      repeatedFlag
	limit      int
	all        bool
	format     string
}

func (o *queryOpts) check() error {
	if err := checkFormat(o.format); err != nil {
		return err
	}
	if o.all && o.limit > 0 {
		return usagef("--all and --limit exclude each other")
	}
	if o.limit < 0 {
		return usagef("--limit must be positive")
	}
	if o.filterExpr != "" && o.filterJSON != "" {
		return usagef("--filter and --filter-json exclude each other")
	}
	if o.limit == 0 && !o.all {
		o.limit = 100
	}
	return nil
}

// filter returns the filter to send: raw JSON from --filter-json.
func (o *queryOpts) filter() (json.RawMessage, error) {
	src := strings.TrimSpace(o.filterJSON)
	if src == "" {
		return nil, nil
	}
	if strings.HasPrefix(src, "@") {
		b, err := os.ReadFile(src[1:])
		if err != nil {
			return nil, usagef("--filter-json: %v", err)
		}
		src = string(b)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return nil, usagef("--filter-json is not a JSON object: %v", jsonErrorAt(src, err))
	}
	return json.RawMessage(src), nil
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

func runQuery(ctx context.Context, g *Globals, env *Env, target string, o *queryOpts) error {
	if err := o.check(); err != nil {
		return err
	}
	if _, err := notionapi.ParseID(target); err != nil {
		return usagef("%v", err)
	}
	filter, err := o.filter()
	if err != nil {
		return err
	}
	s, err := newSession(g, env)
	if err != nil {
		return err
	}
	defer s.Close()
	ds, err := s.Client.ResolveDataSource(ctx, target)
	if err != nil {
		return err
	}
	sorts, err := parseSortFlags(o.sorts, ds.Properties)
	if err != nil {
		return err
	}
	if o.filterExpr != "" {
		if filter, err = compileFilter(ctx, s.Client, o.filterExpr, ds.Properties, env.Now); err != nil {
			return err
		}
	}
	schema := ds.Properties.Ordered()
	width, _ := env.TermWidth()
	w := newRowWriter(o.format, env.Stdout, width)
	if err := w.Header(schema.Names()); err != nil {
		return err
	}
	p := notionapi.QueryParams{Filter: filter, Sorts: sorts, PageSize: notionapi.MaxPageSize}
	if o.limit > 0 && o.limit < notionapi.MaxPageSize {
		p.PageSize = o.limit
	}
	n := 0
	for row, err := range rows(ctx, s.Client, ds.ID, p, o.all && len(sorts) == 0) {
		if errors.Is(err, notionapi.ErrResultLimit) && o.all {
			return fmt.Errorf("the API returns at most 10,000 rows for one sorted query; drop --sort to read every row in creation order, or narrow the query with a filter")
		}
		if err != nil {
			return err
		}
		var page notionapi.Page
		if o.format != formatJSON {
			if err := json.Unmarshal(row.JSON, &page); err != nil {
				return err
			}
		}
		if err := w.Row(cells(schema, &page), row.JSON); err != nil {
			return err
		}
		n++
		if o.limit > 0 && n >= o.limit {
			break
		}
	}
	return w.Close()
}

// rows reads a query's rows as raw JSON: every row by created_time windows
// when all is set, else the plain (sorted) query.
func rows(ctx context.Context, c *notionapi.Client, id string, p notionapi.QueryParams, all bool) iter.Seq2[notionapi.RawRow, error] {
	if all {
		return c.ReadAllRaw(ctx, id, p, notionapi.ReadAllOptions{})
	}
	return func(yield func(notionapi.RawRow, error) bool) {
		cursor := ""
		for {
			q := p
			q.StartCursor = cursor
			l, err := c.QueryRaw(ctx, id, q)
			if err != nil {
				yield(notionapi.RawRow{}, err)
				return
			}
			for _, r := range l.Results {
				if !yield(notionapi.RawRow{JSON: r}, nil) {
					return
				}
			}
			if cursor = l.Cursor(); cursor == "" {
				if l.Incomplete() {
					yield(notionapi.RawRow{}, notionapi.ErrResultLimit)
				}
				return
			}
		}
	}
}

// cells renders a page's properties in schema order.
func cells(schema notionapi.Schema, p *notionapi.Page) []string {
	out := make([]string, len(schema))
	for i, prop := range schema {
		out[i] = notionapi.Cell(p.Properties[prop.Name])
	}
	return out
}

// compileFilter compiles a --filter expression against the schema. People
// may be named: when the expression does not compile without the
// workspace's users, they are read (if the integration may) and it is
// compiled again. A mistake exits with status 2 and the caret under it.
func compileFilter(ctx context.Context, c *notionapi.Client, expr string, schema notionapi.Schema, now func() time.Time) (json.RawMessage, error) {
	opts := filter.Options{Now: now}
	out, err := filter.Compile(expr, schema, opts)
	if err != nil && hasPeople(schema) {
		for u, uerr := range c.Users(ctx) {
			if uerr != nil {
				break
			}
			opts.Users = append(opts.Users, u)
		}
		if len(opts.Users) > 0 {
			out, err = filter.Compile(expr, schema, opts)
		}
	}
	var fe *filter.Error
	if errors.As(err, &fe) {
		return nil, &exitError{code: 2, msg: fmt.Sprintf("notion-tui: --filter: %s\n\n%s", fe.Error(), indent(fe.Caret(expr), "  "))}
	}
	return out, err
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

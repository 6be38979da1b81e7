package notionapi

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
)

// ResultCap is the most rows one query (a filter and sorts, followed
// through its cursors) or one view query returns.
const ResultCap = 10000

// ViewReadPath says how a view's rows are read.
type ViewReadPath string

const (
	// ViewReadQuery reads the data source with the view's filter and
	// sorts in one sorted query: Notion's order, at most 10,000 rows.
	ViewReadQuery ViewReadPath = "query"
	// ViewReadWindowed reads the data source with the view's filter in
	// created_time windows (ReadAll), past the 10,000 cap, and sorts the
	// rows here with the view's sorts (RowSorter).
	ViewReadWindowed ViewReadPath = "windowed"
)

// ViewPlanOptions tune PlanViewRead.
type ViewPlanOptions struct {
	// Limit is the number of rows wanted; 0 means every row.
	Limit int
	// AllProperties asks for every property of the rows, the hidden
	// columns too; by default rows carry only what the view shows (see
	// ViewLayout.PropertyIDs).
	AllProperties bool
}

// ViewPlan is how to read a view's rows: the view, its data source, the
// query that reads its rows and the path it takes.
type ViewPlan struct {
	View       *View
	DataSource *DataSource
	Layout     ViewLayout
	// Params are the view's filter and sorts (a view without sorts is
	// read oldest first) and the filter_properties of its columns.
	Params QueryParams
	// Count is the number of rows of the view, from a view query, or -1
	// when it was not asked (a limited read) or could not be had. When
	// Capped, the view holds more than Count (10,000) rows.
	Count  int
	Capped bool
	// Path is the way the rows are read; Why says why, in words.
	Path ViewReadPath
	Why  string
}

// PlanViewRead reads a view and its data source and decides how to read
// the view's rows. View queries return page references only, stop at
// 10,000 rows and take no filter, so they cannot be windowed; the rows
// are read from the data source with the view's filter and sorts
// instead. A read of every row (or of more than 10,000) first asks a view
// query how many rows the view holds: up to 10,000, one sorted query
// reads them in Notion's order; past that, the windowed read reads them
// all and they are sorted here. A limited read of at most 10,000 rows is
// one sorted query, without asking.
func (c *Client) PlanViewRead(ctx context.Context, viewID string, opt ViewPlanOptions) (*ViewPlan, error) {
	v, err := c.GetView(ctx, viewID)
	if err != nil {
		return nil, err
	}
	return c.PlanView(ctx, v, nil, opt)
}

// PlanView is PlanViewRead for a view already read; ds is its data
// source, or nil to read it.
func (c *Client) PlanView(ctx context.Context, v *View, ds *DataSource, opt ViewPlanOptions) (*ViewPlan, error) {
	if !v.HasRows() {
		return nil, fmt.Errorf("notionapi: view %q is a %s, which has no rows of its own", v.Name, v.Type)
	}
	if ds == nil {
		var err error
		if ds, err = c.GetDataSource(ctx, v.DataSourceID); err != nil {
			return nil, err
		}
	}
	p := &ViewPlan{View: v, DataSource: ds, Layout: v.Layout(ds.Properties), Count: -1}
	sorts, err := viewSorts(v.Sorts, ds.Properties)
	if err != nil {
		return nil, fmt.Errorf("notionapi: view %q: %w", v.Name, err)
	}
	p.Params = QueryParams{Sorts: sorts, PageSize: MaxPageSize}
	if len(v.Filter) > 0 {
		p.Params.Filter = v.Filter
	}
	if !opt.AllProperties {
		p.Params.FilterProperties = p.Layout.PropertyIDs(ds.Properties, sorts)
	}
	if opt.Limit > 0 && opt.Limit <= ResultCap {
		p.Path, p.Why = ViewReadQuery, "a limited read fits in one sorted query"
		return p, nil
	}
	count, capped, err := c.countView(ctx, v.ID)
	switch {
	case err != nil && !probeUnavailable(err):
		return nil, err
	case err != nil:
		p.Path, p.Why = ViewReadWindowed, "the view query that counts rows failed ("+err.Error()+"), so every row is read in windows"
	case capped:
		p.Count, p.Capped = count, true
		p.Path, p.Why = ViewReadWindowed, fmt.Sprintf("the view holds more than %s rows, past what one query returns", commaInt(ResultCap))
	default:
		p.Count = count
		p.Path, p.Why = ViewReadQuery, "the view's rows fit in one sorted query"
	}
	return p, nil
}

// viewSorts checks a view's sorts against the schema and names their
// properties by name (a view may name them by ID). A view without sorts
// shows rows in the order people dragged them, which the API does not
// give; it is read oldest first, the order of rows nobody dragged.
func viewSorts(sorts []Sort, schema Schema) ([]Sort, error) {
	if len(sorts) == 0 {
		return []Sort{{Timestamp: CreatedTime, Direction: Ascending}}, nil
	}
	out := make([]Sort, 0, len(sorts))
	for _, s := range sorts {
		if s.Property != "" {
			p, ok := schema.Get(s.Property)
			if !ok {
				return nil, fmt.Errorf("its sort names a property %q the data source does not have", s.Property)
			}
			s.Property = p.Name
		}
		out = append(out, s)
	}
	return out, nil
}

// countView asks a view query for the number of rows of a view, and
// drops the query at once.
func (c *Client) countView(ctx context.Context, viewID string) (count int, capped bool, err error) {
	q, err := c.CreateViewQuery(ctx, viewID, 1)
	if err != nil {
		return 0, false, err
	}
	_ = c.DeleteViewQuery(context.WithoutCancel(ctx), q.ViewID, q.ID)
	return q.TotalCount, q.Incomplete(), nil
}

// probeUnavailable reports whether a failed count leaves the windowed
// read, which needs no view query, to do the work: Notion refused the
// view query itself (400, 404), not the connection.
func probeUnavailable(err error) bool {
	st := StatusOf(err)
	return st == http.StatusBadRequest || st == http.StatusNotFound
}

// Windowed reports whether the plan reads past the 10,000 cap.
func (p *ViewPlan) Windowed() bool { return p.Path == ViewReadWindowed }

// SortsLocally reports whether the plan's rows must be sorted after they
// are read: a windowed read by anything but the oldest first.
func (p *ViewPlan) SortsLocally() bool {
	return p.Windowed() && !(len(p.Params.Sorts) == 1 && p.Params.Sorts[0].Timestamp == CreatedTime && p.Params.Sorts[0].Direction == Ascending)
}

// Describe says in words how the rows are read, for a request log or a
// status line.
func (p *ViewPlan) Describe() string {
	rows := "rows"
	switch {
	case p.Capped:
		rows = fmt.Sprintf("more than %s rows", commaInt(p.Count))
	case p.Count == 1:
		rows = "1 row"
	case p.Count >= 0:
		rows = commaInt(p.Count) + " rows"
	}
	switch {
	case p.Path == ViewReadQuery:
		return fmt.Sprintf("view %q: %s by one sorted query of its data source (%s)", p.View.Name, rows, p.Why)
	case p.SortsLocally():
		return fmt.Sprintf("view %q: %s by the windowed read, sorted here (%s)", p.View.Name, rows, p.Why)
	}
	return fmt.Sprintf("view %q: %s by the windowed read, oldest first (%s)", p.View.Name, rows, p.Why)
}

func commaInt(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// ReadView iterates over the rows of a planned view read, in the view's
// order, at most limit (0: every row). The windowed path that sorts
// holds every row in memory until the last one is read; a caller that
// reads very large views can read plan.Params through ReadAllRaw and
// sort with a RowSorter itself, keeping the rows elsewhere.
func (c *Client) ReadView(ctx context.Context, p *ViewPlan, limit int, opt ReadAllOptions) iter.Seq2[Page, error] {
	return func(yield func(Page, error) bool) {
		n := 0
		emit := func(pg Page) bool {
			if limit > 0 && n >= limit {
				return false
			}
			n++
			return yield(pg, nil)
		}
		switch {
		case p.Path == ViewReadQuery:
			for pg, err := range c.QueryAll(ctx, p.DataSource.ID, p.Params) {
				if err != nil {
					yield(Page{}, err)
					return
				}
				if !emit(pg) {
					return
				}
			}
		case !p.SortsLocally():
			for pg, err := range c.ReadAll(ctx, p.DataSource.ID, p.Params, opt) {
				if err != nil {
					yield(Page{}, err)
					return
				}
				if !emit(pg) {
					return
				}
			}
		default:
			var rows []Page
			for pg, err := range c.ReadAll(ctx, p.DataSource.ID, p.Params, opt) {
				if err != nil {
					yield(Page{}, err)
					return
				}
				rows = append(rows, pg)
			}
			if err := SortPages(rows, p.DataSource.Properties, p.Params.Sorts); err != nil {
				yield(Page{}, err)
				return
			}
			for _, pg := range rows {
				if !emit(pg) {
					return
				}
			}
		}
	}
}

// ErrNoViews is returned under versions before 2025-09-03, which have no
// views API.
var ErrNoViews = errors.New("notionapi: views need Notion-Version 2025-09-03 or later")

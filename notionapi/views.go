package notionapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"time"
)

// View types (the type of a View).
const (
	ViewTable     = "table"
	ViewBoard     = "board"
	ViewList      = "list"
	ViewCalendar  = "calendar"
	ViewTimeline  = "timeline"
	ViewGallery   = "gallery"
	ViewForm      = "form"
	ViewChart     = "chart"
	ViewMap       = "map"
	ViewDashboard = "dashboard"
)

// View is a saved way of looking at a data source: a filter, sorts and a
// layout (2025-09-03 and later). Filter is kept as the JSON Notion sent;
// Configuration holds the fields of the layouts a terminal can show
// (table, board and the property lists of the others), and Raw the whole
// object as it came.
type View struct {
	Object         string          `json:"object"`
	ID             string          `json:"id"`
	Parent         Parent          `json:"parent"`
	DataSourceID   string          `json:"data_source_id,omitempty"`
	Name           string          `json:"name"`
	Type           string          `json:"type"`
	CreatedTime    time.Time       `json:"created_time"`
	LastEditedTime time.Time       `json:"last_edited_time"`
	URL            string          `json:"url"`
	CreatedBy      *User           `json:"created_by,omitempty"`
	LastEditedBy   *User           `json:"last_edited_by,omitempty"`
	Filter         json.RawMessage `json:"filter,omitempty"`
	Sorts          []Sort          `json:"sorts,omitempty"`
	QuickFilters   json.RawMessage `json:"quick_filters,omitempty"`
	Configuration  *ViewConfig     `json:"configuration,omitempty"`
	// DashboardViewID is set on a view that is a widget of a dashboard.
	DashboardViewID string `json:"dashboard_view_id,omitempty"`
	// Raw is the view as the API returned it.
	Raw json.RawMessage `json:"-"`
}

type viewFields View

// UnmarshalJSON decodes a view and keeps its JSON in Raw. A null filter
// or quick_filters is no filter.
func (v *View) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, (*viewFields)(v)); err != nil {
		return err
	}
	if isNull(v.Filter) {
		v.Filter = nil
	}
	if isNull(v.QuickFilters) {
		v.QuickFilters = nil
	}
	v.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// MarshalJSON writes the view as it came, when it came from the API.
func (v View) MarshalJSON() ([]byte, error) {
	if len(v.Raw) > 0 {
		return v.Raw, nil
	}
	return json.Marshal(viewFields(v))
}

func isNull(b json.RawMessage) bool {
	return len(bytes.TrimSpace(b)) == 0 || string(bytes.TrimSpace(b)) == "null"
}

// DatabaseID returns the ID of the database the view belongs to.
func (v *View) DatabaseID() string { return v.Parent.DatabaseID }

// HasRows reports whether the view shows rows of a data source: every
// type but a dashboard, which holds other views.
func (v *View) HasRows() bool { return v.Type != ViewDashboard && v.DataSourceID != "" }

// ViewConfig is a view's layout. Fields that a type does not have are
// zero; Raw keeps the configuration as it came.
type ViewConfig struct {
	Type string `json:"type"`
	// Properties are the columns of a table, the card properties of a
	// board or gallery: in their order, each visible or hidden.
	Properties []ViewProperty `json:"properties,omitempty"`
	// GroupBy groups a board's columns (required there) or a table's rows.
	GroupBy    *GroupBy `json:"group_by,omitempty"`
	SubGroupBy *GroupBy `json:"sub_group_by,omitempty"`
	// Table: wrapped cells, vertical lines, and the index of the last
	// frozen column (columns up to and including it stay in place; nil
	// when none do).
	WrapCells         bool `json:"wrap_cells,omitempty"`
	FrozenColumnIndex *int `json:"frozen_column_index,omitempty"`
	ShowVerticalLines bool `json:"show_vertical_lines,omitempty"`
	// Board and gallery.
	CardLayout string `json:"card_layout,omitempty"`
	// Calendar and timeline.
	DatePropertyID   string          `json:"date_property_id,omitempty"`
	DatePropertyName string          `json:"date_property_name,omitempty"`
	Raw              json.RawMessage `json:"-"`
}

type viewConfigFields ViewConfig

// UnmarshalJSON decodes a configuration and keeps its JSON in Raw.
func (c *ViewConfig) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, (*viewConfigFields)(c)); err != nil {
		return err
	}
	c.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// MarshalJSON writes the configuration as it came, when it came from the
// API.
func (c ViewConfig) MarshalJSON() ([]byte, error) {
	if len(c.Raw) > 0 {
		return c.Raw, nil
	}
	return json.Marshal(viewConfigFields(c))
}

// ViewProperty is a property as a view shows it. PropertyID may hold an
// ID or, in requests, a name; PropertyName is set in answers.
type ViewProperty struct {
	PropertyID   string `json:"property_id"`
	PropertyName string `json:"property_name,omitempty"`
	// Visible is nil when Notion does not say; a listed property then
	// counts as shown.
	Visible *bool `json:"visible,omitempty"`
	// Width is the column's width in pixels on Notion's screen.
	Width int   `json:"width,omitempty"`
	Wrap  *bool `json:"wrap,omitempty"`
}

// Shown reports whether the property is visible in the view.
func (p ViewProperty) Shown() bool { return p.Visible == nil || *p.Visible }

// GroupBy is how a board's columns (or a table's groups) are made.
type GroupBy struct {
	// Type is the grouped property's type: select, multi_select, status,
	// person, relation, date, text, number, checkbox, formula, ...
	Type         string `json:"type"`
	PropertyID   string `json:"property_id"`
	PropertyName string `json:"property_name,omitempty"`
	// GroupBy is status "group" (To-do, In progress, Complete) or
	// "option"; for dates "relative", "day", ...; for text "exact" or
	// "alphabet_prefix". Formulas nest an object here, kept in Raw.
	GroupBy         string          `json:"-"`
	Sort            *GroupSort      `json:"sort,omitempty"`
	HideEmptyGroups bool            `json:"hide_empty_groups,omitempty"`
	Raw             json.RawMessage `json:"-"`
}

// GroupSort orders groups: "manual", "ascending" or "descending".
type GroupSort struct {
	Type string `json:"type"`
}

type groupByFields GroupBy

// UnmarshalJSON decodes a group-by whose group_by is a word or, for
// formulas, an object.
func (g *GroupBy) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, (*groupByFields)(g)); err != nil {
		return err
	}
	var inner struct {
		GroupBy json.RawMessage `json:"group_by"`
	}
	if err := json.Unmarshal(b, &inner); err != nil {
		return err
	}
	var word string
	if json.Unmarshal(inner.GroupBy, &word) == nil {
		g.GroupBy = word
	}
	g.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// Reference is an object named by its kind and ID only, as lists of views
// and view query results give them.
type Reference struct {
	Object string `json:"object"`
	ID     string `json:"id"`
}

// ListViewsParams choose the views to list: those of a database or of one
// data source.
type ListViewsParams struct {
	DatabaseID   string
	DataSourceID string
	StartCursor  string
	PageSize     int
}

// errNoViews is returned by the view calls under versions before
// 2025-09-03, which have no views API.
func (c *Client) errNoViews() error {
	return fmt.Errorf("%w (this client sends %s)", ErrNoViews, c.Version())
}

// ListViews returns one page of the views of a database or data source,
// as references ({object, id}); GetView reads each. Views exist from
// 2025-09-03 on.
func (c *Client) ListViews(ctx context.Context, p ListViewsParams) (*List[Reference], error) {
	if !UsesDataSources(c.Version()) {
		return nil, c.errNoViews()
	}
	q := listQuery(ListParams{StartCursor: p.StartCursor, PageSize: p.PageSize})
	if p.DatabaseID == "" && p.DataSourceID == "" {
		return nil, errors.New("notionapi: listing views needs a database or a data source")
	}
	if p.DatabaseID != "" {
		id, err := pathID("database", p.DatabaseID)
		if err != nil {
			return nil, err
		}
		q.Set("database_id", id)
	}
	if p.DataSourceID != "" {
		id, err := pathID("data source", p.DataSourceID)
		if err != nil {
			return nil, err
		}
		q.Set("data_source_id", id)
	}
	var l List[Reference]
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/views", query: q}, &l); err != nil {
		return nil, err
	}
	return &l, nil
}

// ListViewsAll iterates over the references of every view of a database
// or data source.
func (c *Client) ListViewsAll(ctx context.Context, p ListViewsParams) iter.Seq2[Reference, error] {
	return paginateOp("GET /v1/views", func(cursor string) (*List[Reference], error) {
		q := p
		q.StartCursor = cursor
		if q.PageSize == 0 {
			q.PageSize = MaxPageSize
		}
		return c.ListViews(ctx, q)
	})
}

// GetView returns a view with its filter, sorts and configuration.
func (c *Client) GetView(ctx context.Context, id string) (*View, error) {
	if !UsesDataSources(c.Version()) {
		return nil, c.errNoViews()
	}
	id, err := pathID("view", id)
	if err != nil {
		return nil, err
	}
	var v View
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/views/" + id}, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// GetViews lists the views of a database or data source and reads each
// one (one request per view after the list), in the database's order.
func (c *Client) GetViews(ctx context.Context, p ListViewsParams) ([]View, error) {
	var out []View
	for ref, err := range c.ListViewsAll(ctx, p) {
		if err != nil {
			return out, err
		}
		v, err := c.GetView(ctx, ref.ID)
		if err != nil {
			return out, err
		}
		out = append(out, *v)
	}
	return out, nil
}

// ViewQuery is a view's rows as Notion keeps them for 15 minutes after
// CreateViewQuery: at most 10,000 page references in the view's order.
type ViewQuery struct {
	Object    string    `json:"object"`
	ID        string    `json:"id"`
	ViewID    string    `json:"view_id"`
	ExpiresAt time.Time `json:"expires_at"`
	// TotalCount is the number of rows kept: the view's rows, or 10,000
	// when the view holds more (then Incomplete is true).
	TotalCount    int            `json:"total_count"`
	Results       []Reference    `json:"results"`
	NextCursor    *string        `json:"next_cursor"`
	HasMore       bool           `json:"has_more"`
	RequestStatus *RequestStatus `json:"request_status,omitempty"`
	RequestID     string         `json:"request_id,omitempty"`
}

// Incomplete reports whether the view holds more rows than the query
// kept (Notion's 10,000-result cap).
func (q *ViewQuery) Incomplete() bool {
	return q != nil && q.RequestStatus != nil && q.RequestStatus.Type == "incomplete"
}

// Cursor returns the cursor of the next page of results, or "".
func (q *ViewQuery) Cursor() string {
	if q == nil || !q.HasMore || q.NextCursor == nil {
		return ""
	}
	return *q.NextCursor
}

// CreateViewQuery runs a view's filter and sorts on Notion's side and
// returns the first page of the result (pageSize rows, 0 for Notion's
// default), which stays readable through ListViewQueryResults for 15
// minutes. A view query takes no filter of its own, so it cannot be read
// in windows: past 10,000 rows, read the data source with the view's
// filter and sorts instead (PlanViewRead).
func (c *Client) CreateViewQuery(ctx context.Context, viewID string, pageSize int) (*ViewQuery, error) {
	if !UsesDataSources(c.Version()) {
		return nil, c.errNoViews()
	}
	id, err := pathID("view", viewID)
	if err != nil {
		return nil, err
	}
	body := struct {
		PageSize int `json:"page_size,omitempty"`
	}{min(pageSize, MaxPageSize)}
	var q ViewQuery
	if err := c.do(ctx, request{method: http.MethodPost, path: "/v1/views/" + id + "/queries", body: body}, &q); err != nil {
		return nil, err
	}
	return &q, nil
}

// ListViewQueryResults returns one page of a view query's rows, as page
// references; after 15 minutes Notion answers 404.
func (c *Client) ListViewQueryResults(ctx context.Context, viewID, queryID string, p ListParams) (*List[Reference], error) {
	if !UsesDataSources(c.Version()) {
		return nil, c.errNoViews()
	}
	vid, err := pathID("view", viewID)
	if err != nil {
		return nil, err
	}
	qid, err := pathID("view query", queryID)
	if err != nil {
		return nil, err
	}
	var l List[Reference]
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/views/" + vid + "/queries/" + qid, query: listQuery(p)}, &l); err != nil {
		return nil, err
	}
	return &l, nil
}

// DeleteViewQuery drops a view query's cached result. Deleting one that
// expired or was deleted succeeds too.
func (c *Client) DeleteViewQuery(ctx context.Context, viewID, queryID string) error {
	if !UsesDataSources(c.Version()) {
		return c.errNoViews()
	}
	vid, err := pathID("view", viewID)
	if err != nil {
		return err
	}
	qid, err := pathID("view query", queryID)
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: "/v1/views/" + vid + "/queries/" + qid}, nil)
}

// ViewQueryAll iterates over the page references of a view's rows in the
// view's order: it creates a view query, follows its cursor and deletes
// it at the end (also when the caller stops early). A view of more than
// 10,000 rows ends with an *IncompleteError (ErrResultLimit) after the
// first 10,000.
func (c *Client) ViewQueryAll(ctx context.Context, viewID string) iter.Seq2[Reference, error] {
	return func(yield func(Reference, error) bool) {
		first, err := c.CreateViewQuery(ctx, viewID, MaxPageSize)
		if err != nil {
			yield(Reference{}, err)
			return
		}
		defer func() {
			// The cache is Notion's; dropping it is a courtesy that must
			// not fail the read, and must run after a cancelled one too.
			dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer cancel()
			_ = c.DeleteViewQuery(dctx, first.ViewID, first.ID)
		}()
		op := "GET /v1/views/" + first.ViewID + "/queries/" + first.ID
		served := false
		rows := 0
		var last *List[Reference]
		for ref, err := range paginateOp(op, func(cursor string) (*List[Reference], error) {
			if !served {
				served = true
				last = &List[Reference]{Object: "list", Results: first.Results, NextCursor: first.NextCursor, HasMore: first.HasMore, RequestStatus: first.RequestStatus}
				return last, nil
			}
			l, err := c.ListViewQueryResults(ctx, first.ViewID, first.ID, ListParams{StartCursor: cursor, PageSize: MaxPageSize})
			if l != nil {
				last = l
			}
			return l, err
		}) {
			if !yield(ref, err) || err != nil {
				return
			}
			rows++
		}
		if first.Incomplete() || last.Incomplete() {
			reason := IncompleteQueryResultLimit
			if first.RequestStatus != nil && first.RequestStatus.IncompleteReason != "" {
				reason = first.RequestStatus.IncompleteReason
			}
			yield(Reference{}, &IncompleteError{Op: "POST /v1/views/" + first.ViewID + "/queries", Reason: reason, Rows: rows})
		}
	}
}

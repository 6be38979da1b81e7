package notionapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// MaxPageSize is the largest page the API returns.
const MaxPageSize = 100

func listQuery(p ListParams) url.Values {
	q := url.Values{}
	if p.StartCursor != "" {
		q.Set("start_cursor", p.StartCursor)
	}
	if p.PageSize > 0 {
		q.Set("page_size", strconv.Itoa(min(p.PageSize, MaxPageSize)))
	}
	return q
}

func pathID(kind, s string) (string, error) {
	id, err := ParseID(s)
	if err != nil {
		return "", fmt.Errorf("notionapi: %s: %w", kind, err)
	}
	return id, nil
}

// GetMe returns the bot user of the token, with its owner and workspace.
func (c *Client) GetMe(ctx context.Context) (*User, error) {
	var u User
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/users/me"}, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// ListUsers returns one page of the workspace's users (people and bots).
// It needs the "read user information" capability.
func (c *Client) ListUsers(ctx context.Context, p ListParams) (*List[User], error) {
	var l List[User]
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/users", query: listQuery(p)}, &l); err != nil {
		return nil, err
	}
	return &l, nil
}

// ListUsersAll iterates over every user, page by page.
func (c *Client) ListUsersAll(ctx context.Context) iter.Seq2[User, error] {
	return paginateOp("GET /v1/users", func(cursor string) (*List[User], error) {
		return c.ListUsers(ctx, ListParams{StartCursor: cursor, PageSize: MaxPageSize})
	})
}

// GetUser returns a user by ID.
func (c *Client) GetUser(ctx context.Context, id string) (*User, error) {
	id, err := pathID("user", id)
	if err != nil {
		return nil, err
	}
	var u User
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/users/" + id}, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// searchBody is the wire form of SearchParams.
type searchBody struct {
	Query       string        `json:"query,omitempty"`
	Filter      *searchFilter `json:"filter,omitempty"`
	Sort        *Sort         `json:"sort,omitempty"`
	StartCursor string        `json:"start_cursor,omitempty"`
	PageSize    int           `json:"page_size,omitempty"`
}

type searchFilter struct {
	Property string `json:"property"`
	Value    string `json:"value"`
}

// Search returns one page of pages and data sources (databases before
// 2025-09-03) whose title matches. SearchParams.Object limits the kind;
// ObjectDataSource is translated to "database" for older versions.
func (c *Client) Search(ctx context.Context, p SearchParams) (*List[SearchResult], error) {
	return searchInto[SearchResult](ctx, c, p)
}

// SearchRaw is Search that keeps each result as the JSON the API
// returned, for a caller that needs few of its members (or only counts
// the results): nothing of a page's properties is decoded.
func (c *Client) SearchRaw(ctx context.Context, p SearchParams) (*List[json.RawMessage], error) {
	return searchInto[json.RawMessage](ctx, c, p)
}

func searchInto[T any](ctx context.Context, c *Client, p SearchParams) (*List[T], error) {
	b := searchBody{Query: p.Query, Sort: p.Sort, StartCursor: p.StartCursor, PageSize: min(p.PageSize, MaxPageSize)}
	if p.Object != "" {
		v := p.Object
		if (v == ObjectDataSource || v == "database") && !UsesDataSources(c.Version()) {
			v = "database"
		} else if v == "database" {
			v = ObjectDataSource
		}
		b.Filter = &searchFilter{Property: "object", Value: v}
	}
	var l List[T]
	if err := c.do(ctx, request{method: http.MethodPost, path: "/v1/search", body: b}, &l); err != nil {
		return nil, err
	}
	return &l, nil
}

// SearchAll iterates over every search result.
func (c *Client) SearchAll(ctx context.Context, p SearchParams) iter.Seq2[SearchResult, error] {
	return paginateOp("POST /v1/search", searchPages(ctx, p, c.Search))
}

// SearchAllRaw is SearchAll that keeps each result as the JSON the API
// returned (SearchRaw).
func (c *Client) SearchAllRaw(ctx context.Context, p SearchParams) iter.Seq2[json.RawMessage, error] {
	return paginateOp("POST /v1/search", searchPages(ctx, p, c.SearchRaw))
}

// searchPages returns the fetcher of search's pages that start at a
// cursor, 100 results each unless p says otherwise.
func searchPages[T any](ctx context.Context, p SearchParams, search func(context.Context, SearchParams) (*List[T], error)) func(cursor string) (*List[T], error) {
	return func(cursor string) (*List[T], error) {
		q := p
		q.StartCursor = cursor
		if q.PageSize == 0 {
			q.PageSize = MaxPageSize
		}
		return search(ctx, q)
	}
}

// GetDatabase returns a database: under 2025-09-03 and later a container
// that lists its data sources; before, a table with its schema.
func (c *Client) GetDatabase(ctx context.Context, id string) (*Database, error) {
	id, err := pathID("database", id)
	if err != nil {
		return nil, err
	}
	var d Database
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/databases/" + id}, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// GetDataSource returns a data source with its schema. Under versions
// before 2025-09-03, which have no data sources, id names a database and
// the database is returned as one (Database.AsDataSource), so that
// callers read a table the same way under every version.
func (c *Client) GetDataSource(ctx context.Context, id string) (*DataSource, error) {
	id, err := pathID("data source", id)
	if err != nil {
		return nil, err
	}
	if !UsesDataSources(c.Version()) {
		db, err := c.GetDatabase(ctx, id)
		if err != nil {
			return nil, err
		}
		return db.AsDataSource(), nil
	}
	var d DataSource
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/data_sources/" + id}, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// DataSourceNoun names a table under version v: "data source" from
// 2025-09-03 on, "database" before.
func DataSourceNoun(v string) string {
	if UsesDataSources(v) {
		return "data source"
	}
	return "database"
}

// MultipleDataSourcesError is a database that holds more than one data
// source, where one must be chosen: from ResolveDataSource, or from any
// call under a version before 2025-09-03, which cannot read such a
// database at all (then Err is Notion's answer, DataSources have IDs but
// no names, and MinimumVersion says which version can).
type MultipleDataSourcesError struct {
	DatabaseID  string
	DataSources []DataSourceRef
	// MinimumVersion is the oldest Notion-Version that can read the
	// database; "" when the version in use can.
	MinimumVersion string
	Err            *APIError
}

func (e *MultipleDataSourcesError) Error() string {
	var names []string
	for _, d := range e.DataSources {
		if d.Name == "" {
			names = append(names, d.ID)
		} else {
			names = append(names, fmt.Sprintf("%q (%s)", d.Name, d.ID))
		}
	}
	msg := fmt.Sprintf("database %s has %d data sources: %s", e.DatabaseID, len(e.DataSources), strings.Join(names, ", "))
	if e.MinimumVersion != "" {
		return "notion: " + msg + fmt.Sprintf("; the Notion-Version in use cannot read it: use %s or later, and the ID of one data source", e.MinimumVersion)
	}
	return msg + "; pass the ID of the one to use"
}

// Unwrap returns Notion's answer, when there was one.
func (e *MultipleDataSourcesError) Unwrap() error {
	if e.Err == nil {
		return nil
	}
	return e.Err
}

// multipleDataSources turns Notion's refusal of a multi-source database
// under an older version into a *MultipleDataSourcesError; other errors
// are returned as they are.
func multipleDataSources(e *APIError) error {
	if e.ErrorType() != ErrorTypeMultipleDataSources {
		return e
	}
	m := &MultipleDataSourcesError{DatabaseID: e.DatabaseID(), MinimumVersion: e.MinimumAPIVersion(), Err: e}
	if m.MinimumVersion == "" {
		m.MinimumVersion = Version20250903
	}
	for _, id := range e.ChildDataSourceIDs() {
		m.DataSources = append(m.DataSources, DataSourceRef{ID: id})
	}
	return m
}

// ResolveDataSource returns the table that an ID names, whether it is a
// data source ID or a database ID (as found in a database's URL). A
// database with several data sources yields *MultipleDataSourcesError.
// Under versions before 2025-09-03 the database itself is returned as a
// data source (see Database.AsDataSource).
//
// Notion answers the wrong kind of ID with 404, so the kind more likely
// is asked first: a link (the ID in a database's URL is the database's)
// as a database, a bare ID (as the API, the app's "Copy data source ID"
// and notion-tui list them) as a data source. When neither answers, the
// error is the database's, whose wording names the sharing fix.
func (c *Client) ResolveDataSource(ctx context.Context, id string) (*DataSource, error) {
	link := looksLikeURL(strings.Trim(strings.TrimSpace(id), "\"'`<>"))
	id, err := pathID("database or data source", id)
	if err != nil {
		return nil, err
	}
	return c.resolveDataSource(ctx, id, link)
}

// ResolveLink is ResolveDataSource for a parsed link: its ID is asked as
// a database first when it came from a link (l.URL) or names a view.
func (c *Client) ResolveLink(ctx context.Context, l NotionLink) (*DataSource, error) {
	id, err := pathID("database or data source", l.ID)
	if err != nil {
		return nil, err
	}
	return c.resolveDataSource(ctx, id, l.URL || l.ViewID != "")
}

func (c *Client) resolveDataSource(ctx context.Context, id string, link bool) (*DataSource, error) {
	if !UsesDataSources(c.Version()) {
		return c.GetDataSource(ctx, id)
	}
	if !link {
		ds, dsErr := c.GetDataSource(ctx, id)
		if !wrongKind(dsErr) {
			return ds, dsErr
		}
		ds, dbErr := c.dataSourceOfDatabase(ctx, id)
		if wrongKind(dbErr) && StatusOf(dbErr) != http.StatusNotFound {
			return nil, dsErr
		}
		return ds, bothKinds(dbErr)
	}
	ds, dbErr := c.dataSourceOfDatabase(ctx, id)
	if !wrongKind(dbErr) {
		return ds, dbErr
	}
	ds, err := c.GetDataSource(ctx, id)
	if err != nil {
		if StatusOf(err) == http.StatusNotFound {
			return nil, bothKinds(dbErr) // the database wording names the sharing fix
		}
		return nil, err
	}
	return ds, nil
}

// bothKinds marks a database's 404 as the answer to an ID also asked as a
// data source.
func bothKinds(err error) error {
	var e *APIError
	if StatusOf(err) == http.StatusNotFound && errors.As(err, &e) {
		e.BothKinds = true
	}
	return err
}

// wrongKind says whether err is how Notion answers an ID of the other
// kind: 404, or 400 naming the other endpoint.
func wrongKind(err error) bool {
	st := StatusOf(err)
	return err != nil && (st == http.StatusNotFound || st == http.StatusBadRequest)
}

// ResolveDatabase is ResolveDataSource for an ID already answered 404 as
// a data source's (a query of it, say): it is asked only as a database,
// so no request is sent that is known to fail. A database with several
// data sources yields *MultipleDataSourcesError; a 404 is marked as the
// answer to both kinds (APIError.BothKinds), and a 400 (the ID is of
// another kind of object, a page's say) is returned as it is. Under
// versions before 2025-09-03, where a database is queried as itself, it
// is ResolveDataSource.
func (c *Client) ResolveDatabase(ctx context.Context, id string) (*DataSource, error) {
	id, err := pathID("database", id)
	if err != nil {
		return nil, err
	}
	if !UsesDataSources(c.Version()) {
		return c.GetDataSource(ctx, id)
	}
	ds, err := c.dataSourceOfDatabase(ctx, id)
	return ds, bothKinds(err)
}

// dataSourceOfDatabase returns the one data source of database id.
func (c *Client) dataSourceOfDatabase(ctx context.Context, id string) (*DataSource, error) {
	db, err := c.GetDatabase(ctx, id)
	if err != nil {
		return nil, err
	}
	switch len(db.DataSources) {
	case 0:
		return nil, fmt.Errorf("notionapi: database %s has no data sources", id)
	case 1:
		return c.GetDataSource(ctx, db.DataSources[0].ID)
	}
	return nil, &MultipleDataSourcesError{DatabaseID: id, DataSources: db.DataSources}
}

// QueryPath returns the path a query of the table id is sent to under
// the client's version: /v1/data_sources/{id}/query from 2025-09-03 on,
// /v1/databases/{id}/query before.
func (c *Client) QueryPath(id string) string {
	if parsed, err := ParseID(id); err == nil {
		id = parsed
	}
	return c.queryPath(id)
}

// queryPath is the query endpoint for the client's version.
func (c *Client) queryPath(id string) string {
	if UsesDataSources(c.Version()) {
		return "/v1/data_sources/" + id + "/query"
	}
	return "/v1/databases/" + id + "/query"
}

func (c *Client) queryRequest(id string, p QueryParams) (request, error) {
	id, err := pathID("data source", id)
	if err != nil {
		return request{}, err
	}
	filter, err := rawOrValue(p.Filter)
	if err != nil {
		return request{}, fmt.Errorf("notionapi: encoding the filter: %w", err)
	}
	if filter != nil && !json.Valid(filter) {
		return request{}, fmt.Errorf("notionapi: the filter is not valid JSON")
	}
	body := struct {
		Filter      json.RawMessage `json:"filter,omitempty"`
		Sorts       []Sort          `json:"sorts,omitempty"`
		StartCursor string          `json:"start_cursor,omitempty"`
		PageSize    int             `json:"page_size,omitempty"`
		ResultType  string          `json:"result_type,omitempty"`
	}{filter, p.Sorts, p.StartCursor, min(p.PageSize, MaxPageSize), ""}
	if UsesDataSources(c.Version()) {
		// A wiki data source lists its child data sources among its
		// rows unless asked for pages only (2025-09-03 and later).
		body.ResultType = ObjectPage
	}
	var q url.Values
	if len(p.FilterProperties) > 0 {
		q = url.Values{"filter_properties": p.FilterProperties}
	}
	return request{method: http.MethodPost, path: c.queryPath(id), query: q, body: body}, nil
}

// Query returns one page of rows of a data source (from 2025-09-03) or a
// database (before). The endpoint follows the client's Notion-Version.
// Only pages are asked for (result_type "page"); a result of another
// kind, such as a data source a wiki lists among its rows, is kept in the
// list's Other rather than failing the page.
func (c *Client) Query(ctx context.Context, id string, p QueryParams) (*List[Page], error) {
	return queryInto[Page](ctx, c, id, p)
}

// QueryRaw is Query that keeps each row as the JSON the API returned.
func (c *Client) QueryRaw(ctx context.Context, id string, p QueryParams) (*List[json.RawMessage], error) {
	return queryInto[json.RawMessage](ctx, c, id, p)
}

func queryInto[T any](ctx context.Context, c *Client, id string, p QueryParams) (*List[T], error) {
	r, err := c.queryRequest(id, p)
	if err != nil {
		return nil, err
	}
	var l rowList[T]
	if err := c.do(ctx, r, &l); err != nil {
		return nil, err
	}
	return &l.List, nil
}

// answer is the body of a successful answer, kept to be decoded later:
// ReadAll asks for a chain's next page before decoding the page it has.
// (A body that then fails to decode is not in the request log's entry.)
type answer struct {
	body        []byte
	contentType string
}

// decodeBody keeps the body, to be decoded by decodeAnswer.
func (a *answer) decodeBody(b []byte, contentType string) error {
	*a = answer{body: b, contentType: contentType}
	return nil
}

// queryAnswer asks for one page of a query and keeps the answer as it
// came.
func (c *Client) queryAnswer(ctx context.Context, id string, p QueryParams) (answer, error) {
	r, err := c.queryRequest(id, p)
	if err != nil {
		return answer{}, err
	}
	var a answer
	err = c.do(ctx, r, &a)
	return a, err
}

// decodeAnswer decodes a query answer kept by queryAnswer, as queryInto
// would have.
func decodeAnswer[T any](c *Client, id string, a answer) (*List[T], error) {
	var l rowList[T]
	if err := l.decodeBody(a.body, a.contentType); err != nil {
		return nil, c.queryDecodeError(id, a.contentType, a.body, err)
	}
	return &l.List, nil
}

// queryDecodeError tells that a successful query answer, or a row of one,
// did not decode.
func (c *Client) queryDecodeError(id, contentType string, body []byte, err error) *DecodeError {
	return c.decodeError(request{method: http.MethodPost}, c.queryPath(id), http.StatusOK, contentType, body, err)
}

// rowList decodes a query answer by each result's "object": pages into
// Results, anything else into Other.
type rowList[T any] struct{ List[T] }

func (l *rowList[T]) decodeBody(b []byte, _ string) error {
	// Most answers hold pages only: decode them at once, and look again
	// only when a result is of another kind or failed to decode.
	if pages, ok := any(&l.List).(*List[Page]); ok {
		if decodePageList(b, pages) {
			return nil
		}
	} else if err := json.Unmarshal(b, &l.List); err == nil && allPages(l.Results) {
		return nil
	}
	var raw List[json.RawMessage]
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	l.List = relist(raw, make([]T, 0, len(raw.Results)))
	for _, r := range raw.Results {
		if obj, _ := objectOf(r); obj != "" && obj != ObjectPage {
			l.Other = append(l.Other, r)
			continue
		}
		var x T
		if err := decodeRow(r, &x); err != nil {
			return err
		}
		l.Results = append(l.Results, x)
	}
	return nil
}

// decodeRow decodes one result of a query answer into x.
func decodeRow[T any](b []byte, x *T) error {
	if p, ok := any(x).(*Page); ok {
		return decodePage(b, p)
	}
	return json.Unmarshal(b, x)
}

// allPages reports whether every decoded row is a page (or does not say).
func allPages[T any](rows []T) bool {
	for i := range rows {
		var obj string
		switch v := any(&rows[i]).(type) {
		case *json.RawMessage:
			obj, _ = objectOf(*v)
		case *RawRow:
			obj, _ = objectOf(v.JSON)
		case *heldRow:
			obj, _ = objectOf(v.raw.JSON)
		}
		if obj != "" && obj != ObjectPage {
			return false
		}
	}
	return true
}

// QueryAll iterates over every row of one query, following cursors. If the
// server stops at its 10,000-result cap, the last element is
// ErrResultLimit; ReadAll reads past the cap.
func (c *Client) QueryAll(ctx context.Context, id string, p QueryParams) iter.Seq2[Page, error] {
	return paginateCapped("POST "+c.queryPath(id), func(cursor string) (*List[Page], error) {
		q := p
		q.StartCursor = cursor
		if q.PageSize == 0 {
			q.PageSize = MaxPageSize
		}
		return c.Query(ctx, id, q)
	})
}

// CreatePage creates a page. It is never retried after a server error or a
// broken connection, since the page may have been created; the caller
// decides (see APIError.Ambiguous and NetworkError.Dropped).
func (c *Client) CreatePage(ctx context.Context, p CreatePageParams) (*Page, error) {
	var pg Page
	if err := c.do(ctx, request{method: http.MethodPost, path: "/v1/pages", body: p}, &pg); err != nil {
		return nil, err
	}
	return &pg, nil
}

// DataSourceParent returns the parent for a new row of ds: a data source
// from 2025-09-03 on, the database before.
func (c *Client) DataSourceParent(ds *DataSource) Parent {
	if UsesDataSources(c.Version()) {
		return Parent{Type: "data_source_id", DataSourceID: ds.ID}
	}
	return Parent{Type: "database_id", DatabaseID: ds.ID}
}

// GetPage returns a page with its properties. Each property holds at most
// 25 references; GetPropertyValue reads the whole list.
func (c *Client) GetPage(ctx context.Context, id string) (*Page, error) {
	id, err := pathID("page", id)
	if err != nil {
		return nil, err
	}
	var pg Page
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/pages/" + id}, &pg); err != nil {
		return nil, err
	}
	return &pg, nil
}

// PropertyItemPage is one answer of the property-item endpoint.
type PropertyItemPage struct {
	// Items hold one element each for paginated types (title, rich_text,
	// people, relation, rollup), or the whole value otherwise.
	Items      []PropertyItem
	NextCursor string
	Paginated  bool
	// Rollup is the rollup's computed value, for rollup properties.
	Rollup *Rollup
}

// ListPropertyItems returns one page of a page property's value.
func (c *Client) ListPropertyItems(ctx context.Context, pageID, propertyID string, p ListParams) (*PropertyItemPage, error) {
	pageID, err := pathID("page", pageID)
	if err != nil {
		return nil, err
	}
	if propertyID == "" {
		return nil, errors.New("notionapi: empty property ID")
	}
	var raw json.RawMessage
	// Property IDs come URL-encoded from the API ("fk%5EY"); decode first so
	// that they are encoded exactly once.
	if dec, err := url.PathUnescape(propertyID); err == nil {
		propertyID = dec
	}
	path := "/v1/pages/" + pageID + "/properties/" + url.PathEscape(propertyID)
	if err := c.do(ctx, request{method: http.MethodGet, path: path, query: listQuery(p)}, &raw); err != nil {
		return nil, err
	}
	var head struct {
		Object string `json:"object"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, &DecodeError{Method: http.MethodGet, Path: path, Status: 200, Snippet: snippet(raw), Err: err}
	}
	if head.Object != "list" {
		var it PropertyItem
		if err := json.Unmarshal(raw, &it); err != nil {
			return nil, &DecodeError{Method: http.MethodGet, Path: path, Status: 200, Snippet: snippet(raw), Err: err}
		}
		return &PropertyItemPage{Items: []PropertyItem{it}}, nil
	}
	var l PropertyItemList
	if err := json.Unmarshal(raw, &l); err != nil {
		return nil, &DecodeError{Method: http.MethodGet, Path: path, Status: 200, Snippet: snippet(raw), Err: err}
	}
	out := &PropertyItemPage{Items: l.Results, NextCursor: l.Cursor(), Paginated: true}
	if l.PropertyItem != nil && len(l.PropertyItem.Rollup) > 0 {
		var r Rollup
		if err := json.Unmarshal(l.PropertyItem.Rollup, &r); err == nil {
			out.Rollup = &r
		}
	}
	return out, nil
}

// ListPropertyItemsAll iterates over every item of a page property, following
// cursors for paginated types (title, rich_text, people, relation,
// rollup); a non-paginated property yields its one item.
func (c *Client) ListPropertyItemsAll(ctx context.Context, pageID, propertyID string) iter.Seq2[PropertyItem, error] {
	return func(yield func(PropertyItem, error) bool) {
		g := newChainGuard(propertyItemsOp(pageID, propertyID))
		cursor := ""
		for {
			pg, err := c.ListPropertyItems(ctx, pageID, propertyID, ListParams{StartCursor: cursor, PageSize: MaxPageSize})
			if err != nil {
				yield(PropertyItem{}, err)
				return
			}
			for _, it := range pg.Items {
				g.fresh("")
				if !yield(it, nil) {
					return
				}
			}
			if !pg.Paginated {
				return
			}
			if err := g.next(pg.NextCursor, len(pg.Items)); err != nil {
				yield(PropertyItem{}, err)
				return
			}
			if cursor = pg.NextCursor; cursor == "" {
				return
			}
		}
	}
}

func propertyItemsOp(pageID, propertyID string) string {
	return "GET /v1/pages/" + pageID + "/properties/" + propertyID
}

// GetPropertyValue reads a page property in full through the property-item
// endpoint (past the 25 references a page answer holds) and returns it as
// one value.
func (c *Client) GetPropertyValue(ctx context.Context, pageID, propertyID string) (PropertyValue, error) {
	var v PropertyValue
	g := newChainGuard(propertyItemsOp(pageID, propertyID))
	cursor := ""
	for {
		pg, err := c.ListPropertyItems(ctx, pageID, propertyID, ListParams{StartCursor: cursor, PageSize: MaxPageSize})
		if err != nil {
			return PropertyValue{}, err
		}
		if !pg.Paginated {
			if len(pg.Items) == 1 {
				return pg.Items[0].PropertyValue, nil
			}
			return v, nil
		}
		for _, it := range pg.Items {
			g.fresh("")
			v.ID, v.Type = it.PropertyValue.ID, it.Type
			v.Title = append(v.Title, it.Title...)
			v.RichText = append(v.RichText, it.RichText...)
			v.People = append(v.People, it.People...)
			v.Relation = append(v.Relation, it.Relation...)
		}
		if pg.Rollup != nil {
			v.Type, v.Rollup = PropRollup, pg.Rollup
		}
		if err := g.next(pg.NextCursor, len(pg.Items)); err != nil {
			return PropertyValue{}, err
		}
		if pg.NextCursor == "" {
			if v.ID == "" {
				v.ID = propertyID
			}
			return v, nil
		}
		cursor = pg.NextCursor
	}
}

// ListBlockChildren returns one page of a block's (or page's) direct children.
func (c *Client) ListBlockChildren(ctx context.Context, blockID string, p ListParams) (*List[Block], error) {
	blockID, err := pathID("block", blockID)
	if err != nil {
		return nil, err
	}
	var l List[Block]
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/blocks/" + blockID + "/children", query: listQuery(p)}, &l); err != nil {
		return nil, err
	}
	return &l, nil
}

// ListBlockChildrenAll iterates over every direct child of a block.
func (c *Client) ListBlockChildrenAll(ctx context.Context, blockID string) iter.Seq2[Block, error] {
	return paginateOp("GET /v1/blocks/"+blockID+"/children", func(cursor string) (*List[Block], error) {
		return c.ListBlockChildren(ctx, blockID, ListParams{StartCursor: cursor, PageSize: MaxPageSize})
	})
}

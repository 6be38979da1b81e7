package notiontest

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// dbView is a view of a data source: a saved filter, sorts and layout
// (D:reference/view, SDK-T:views).
type dbView struct {
	id        string
	db        *database
	ds        *dataSource
	name, typ string // typ: table, board, ...
	created   time.Time
	createdBy string
	filter    any   // decoded request-style filter, or nil
	sorts     []any // decoded sorts, or nil
	config    obj   // configuration, rendered
}

// viewQuery is the cached result of a view query (D:reference/create-view-query).
type viewQuery struct {
	id      string
	view    *dbView
	rows    []*page // the whole result, truncated at the cap
	capped  bool
	expires time.Time
}

// viewQueryLifetime is how long a view query's results stay cached.
const viewQueryLifetime = 15 * time.Minute

// viewURL is the link of a view: its database's link with ?v= (D:guides
// upgrade-faqs-2025-09-03, "How does this impact database URLs?").
func viewURL(v *dbView) string {
	return pageURL(v.db.title, v.db.id) + "?v=" + compactID(v.id)
}

// renderView renders a view object (SDK-T:views DataSourceViewObjectResponse).
func (vw *view) renderView(v *dbView) obj {
	var sorts any
	if v.sorts != nil {
		sorts = v.sorts
	}
	return obj{
		{"object", "view"},
		{"id", v.id},
		{"parent", obj{{"type", "database_id"}, {"database_id", v.db.id}}},
		{"data_source_id", v.ds.id},
		{"name", v.name},
		{"type", v.typ},
		{"created_time", timestamp(v.created)},
		{"last_edited_time", timestamp(v.created)},
		{"created_by", partialUser(v.createdBy)},
		{"last_edited_by", partialUser(v.createdBy)},
		{"url", viewURL(v)},
		{"filter", v.filter},
		{"sorts", sorts},
		{"quick_filters", nil},
		{"configuration", v.config},
	}
}

// listViews answers GET /v1/views?database_id=|data_source_id=: partial
// views, in the database's tab order.
func (c *call) listViews() (any, error) {
	q := c.r.URL.Query()
	dbRaw, byDB := q["database_id"]
	dsRaw, byDS := q["data_source_id"]
	if !byDB && !byDS {
		return nil, errValidation("query failed validation: query.database_id or query.data_source_id should be defined, instead was `undefined`.")
	}
	pr, err := c.queryPaging()
	if err != nil {
		return nil, err
	}
	st := c.s.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	var db *database
	var ds *dataSource
	if byDB {
		id, ok := parseID(dbRaw[0])
		if !ok {
			return nil, errShouldBe("query.database_id", "a valid uuid", dbRaw[0])
		}
		if db, err = st.database(id, c.who); err != nil {
			return nil, err
		}
	}
	if byDS {
		id, ok := parseID(dsRaw[0])
		if !ok {
			return nil, errShouldBe("query.data_source_id", "a valid uuid", dsRaw[0])
		}
		if ds, err = st.dataSource(id, c.who); err != nil {
			return nil, err
		}
	}
	var views []*dbView
	for _, v := range st.views {
		if (db == nil || v.db == db) && (ds == nil || v.ds == ds) {
			views = append(views, v)
		}
	}
	win, err := paginate(views, func(v *dbView) string { return v.id }, pr, 0)
	if err != nil {
		return nil, err
	}
	results := make([]any, len(win.items))
	for i, v := range win.items {
		results[i] = partial("view", v.id)
	}
	return c.list("view", results, win.cursorInfo), nil
}

// viewFor finds a view of a database the principal can reach.
func (c *call) viewFor(id string) (*dbView, error) {
	if v, ok := c.s.st.viewByID[id]; ok && c.who.sees(v.db.shared) {
		return v, nil
	}
	return nil, errNotFound("view", id)
}

// getView answers GET /v1/views/{view_id}.
func (c *call) getView() (any, error) {
	st := c.s.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	v, err := c.viewFor(c.args[0])
	if err != nil {
		return nil, err
	}
	return c.view().renderView(v), nil
}

// createViewQuery answers POST /v1/views/{view_id}/queries: it runs the
// view's filter and sorts, keeps the result (at most the result cap) for
// 15 minutes, and answers its first page.
func (c *call) createViewQuery() (any, error) {
	pr, err := c.bodyPaging()
	if err != nil {
		return nil, err
	}
	if pr.cursor != "" {
		return nil, errShouldBe("body.start_cursor", "not present", pr.cursor)
	}
	st := c.s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	v, err := c.viewFor(c.args[0])
	if err != nil {
		return nil, err
	}
	rows, err := c.viewRows(v)
	if err != nil {
		return nil, err
	}
	vq := &viewQuery{id: newID(), view: v, rows: rows, expires: c.now.Add(viewQueryLifetime)}
	if len(rows) > c.s.resultCap {
		vq.rows, vq.capped = rows[:c.s.resultCap], true
	}
	st.pruneViewQueries(c.now)
	st.viewQueries[vq.id] = vq
	win, _ := paginate(vq.rows, func(pg *page) string { return pg.id }, pr, 0)
	o := obj{
		{"object", "view_query"},
		{"id", vq.id},
		{"view_id", v.id},
		{"expires_at", vq.expires.UTC().Format(timestampLayout)},
		{"total_count", len(vq.rows)},
		{"results", partialPages(win.items)},
		{"next_cursor", nullable(win.next)},
		{"has_more", win.more},
	}
	if vq.capped {
		o = o.with("request_status", incompleteStatus())
	}
	return o.with("request_id", c.requestID), nil
}

// viewRows runs a view's filter and sorts over its data source's live
// rows; the store is locked.
func (c *call) viewRows(v *dbView) ([]*page, error) {
	e := c.env()
	specs, err := parseSorts(jsonAny(v.sorts), v.ds)
	if err != nil {
		return nil, err
	}
	var match predicate
	if v.filter != nil {
		fc := &filterCompiler{ds: v.ds, env: e}
		if match, err = fc.compile(v.filter, "view.filter", 0); err != nil {
			return nil, err
		}
	}
	var rows []*page
	for _, pg := range e.sortRows(v.ds.rows, specs) {
		if !pg.trashed && (match == nil || match(pg)) {
			rows = append(rows, pg)
		}
	}
	return rows, nil
}

// jsonAny turns nil sorts into an untyped nil, as parseSorts expects.
func jsonAny(sorts []any) any {
	if sorts == nil {
		return nil
	}
	return sorts
}

// viewQueryFor finds a live view query of a view.
func (c *call) viewQueryFor(viewID, queryID string) (*viewQuery, error) {
	vq, ok := c.s.st.viewQueries[queryID]
	if !ok || vq.view.id != viewID || !c.now.Before(vq.expires) {
		return nil, errNotFound("view_query", queryID)
	}
	return vq, nil
}

// getViewQueryResults answers GET /v1/views/{view_id}/queries/{query_id}:
// a page of the cached result, or 404 once it expired.
func (c *call) getViewQueryResults() (any, error) {
	pr, err := c.queryPaging()
	if err != nil {
		return nil, err
	}
	st := c.s.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	if _, err := c.viewFor(c.args[0]); err != nil {
		return nil, err
	}
	vq, err := c.viewQueryFor(c.args[0], c.args[1])
	if err != nil {
		return nil, err
	}
	win, err := paginate(vq.rows, func(pg *page) string { return pg.id }, pr, 0)
	if err != nil {
		return nil, err
	}
	win.incomplete = vq.capped
	return c.list("page", partialPages(win.items), win.cursorInfo), nil
}

// deleteViewQuery answers DELETE /v1/views/{view_id}/queries/{query_id};
// deleting an unknown or expired query succeeds too.
func (c *call) deleteViewQuery() (any, error) {
	st := c.s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, err := c.viewFor(c.args[0]); err != nil {
		return nil, err
	}
	if vq, ok := st.viewQueries[c.args[1]]; ok && vq.view.id == c.args[0] {
		delete(st.viewQueries, c.args[1])
	}
	return obj{{"object", "view_query"}, {"id", c.args[1]}, {"deleted", true}}, nil
}

// pruneViewQueries forgets expired view queries; mu is held for writing.
func (st *store) pruneViewQueries(now time.Time) {
	for id, vq := range st.viewQueries {
		if !now.Before(vq.expires) {
			delete(st.viewQueries, id)
		}
	}
}

func partialPages(rows []*page) []any {
	out := make([]any, len(rows))
	for i, pg := range rows {
		out[i] = partial("page", pg.id)
	}
	return out
}

func incompleteStatus() obj {
	return obj{{"type", "incomplete"}, {"incomplete_reason", "query_result_limit_reached"}}
}

// viewSpec describes a seeded view.
type viewSpec struct {
	id, name, typ string
	filter        string // JSON, "" for none
	sorts         string // JSON, "" for none
	// columns are the visible properties in order; the others are listed
	// hidden after them. nil shows every property in schema order.
	columns []string
	frozen  int            // tables: the number of frozen columns, from the left
	widths  map[string]int // tables: column widths in pixels, by name
	groupBy string         // board: the status or select property
	cards   []string
}

// addView adds a view of ds to its database.
func (st *store) addView(ds *dataSource, spec viewSpec) *dbView {
	v := &dbView{
		id: spec.id, db: ds.db, ds: ds, name: spec.name, typ: spec.typ,
		created: ds.created, createdBy: ds.createdBy,
	}
	decode := func(s string) any {
		if s == "" {
			return nil
		}
		var x any
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		if err := dec.Decode(&x); err != nil {
			panic("seeded view " + spec.name + ": " + err.Error())
		}
		return x
	}
	v.filter = decode(spec.filter)
	if s, ok := decode(spec.sorts).([]any); ok {
		v.sorts = s
	}
	propRefs := func(names []string, visible bool) []any {
		var out []any
		for _, n := range names {
			p := ds.byName[n]
			ref := obj{{"property_id", p.id}, {"property_name", p.name}, {"visible", visible}}
			if w := spec.widths[n]; w > 0 {
				ref = ref.with("width", w)
			}
			out = append(out, ref)
		}
		return out
	}
	switch spec.typ {
	case "table":
		shown := spec.columns
		var hidden []string
		if shown == nil {
			for _, p := range ds.props {
				shown = append(shown, p.name)
			}
		} else {
			for _, p := range ds.props {
				if !slices.Contains(shown, p.name) {
					hidden = append(hidden, p.name)
				}
			}
		}
		v.config = obj{
			{"type", "table"},
			{"properties", append(propRefs(shown, true), propRefs(hidden, false)...)},
			{"wrap_cells", false},
		}
		if spec.frozen > 0 {
			// "Index of the last frozen column. Columns up to and
			// including this index are frozen." (SDK-T:views)
			v.config = v.config.with("frozen_column_index", spec.frozen-1)
		}
		v.config = v.config.with("show_vertical_lines", true)
	case "board":
		g := ds.byName[spec.groupBy]
		group := obj{{"type", g.typ}, {"property_id", g.id}, {"property_name", g.name}}
		if g.typ == "status" {
			group = group.with("group_by", "group")
		}
		group = group.with("sort", obj{{"type", "manual"}}).with("hide_empty_groups", false)
		v.config = obj{
			{"type", "board"},
			{"group_by", group},
			{"properties", propRefs(spec.cards, true)},
			{"card_layout", "list"},
		}
	}
	st.views = append(st.views, v)
	st.viewByID[v.id] = v
	return v
}

// seedViews adds the views of the demo databases: a table of every row on
// each, and on Tasks a filtered, sorted table with hidden columns and a
// frozen column and a board grouped by status.
func (st *store) seedViews() {
	for _, db := range st.dbs {
		for _, ds := range db.sources {
			id := seedID("view/"+ds.id, 0)
			switch ds.id {
			case DataSourceTasks:
				id = ViewTasksAll
			case DataSourceReadingList:
				id = ViewReadingListAll
			case DataSourceEventLog:
				id = ViewEventLogAll
			}
			name := "Table"
			if len(db.sources) > 1 {
				name = ds.title
			}
			st.addView(ds, viewSpec{id: id, name: name, typ: "table"})
			if ds.id == DataSourceTasks {
				st.addView(ds, viewSpec{
					id: ViewTasksOpen, name: "Open work", typ: "table",
					filter:  `{"and":[{"property":"Status","status":{"does_not_equal":"Done"}},{"property":"Done","checkbox":{"equals":false}}]}`,
					sorts:   `[{"property":"Priority","direction":"ascending"},{"property":"Due","direction":"ascending"}]`,
					columns: []string{"Task", "Status", "Priority", "Assignee", "Due", "Project", "ID"},
					frozen:  1,
					widths:  map[string]int{"Task": 280, "Status": 140, "Priority": 120, "Assignee": 160, "Due": 120},
				})
				st.addView(ds, viewSpec{
					id: ViewTasksBoard, name: "Board", typ: "board", groupBy: "Status",
					cards: []string{"Assignee", "Priority", "Due"},
				})
			}
			if ds.id == DataSourceReadingList {
				st.addView(ds, viewSpec{
					id: ViewReadingListShelf, name: "Shelf", typ: "board", groupBy: "Status",
					cards: []string{"Author", "Rating"},
				})
			}
			if ds.id == DataSourceEventLog {
				st.addView(ds, viewSpec{
					id: ViewEventLogErrors, name: "Errors", typ: "table",
					filter:  `{"property":"Level","select":{"equals":"error"}}`,
					sorts:   `[{"timestamp":"created_time","direction":"descending"}]`,
					columns: []string{"Event", "Service", "Latency ms", "Timestamp"},
					frozen:  1,
				})
			}
		}
	}
}

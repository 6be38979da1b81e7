package notiontest

import "slices"

// queryDataSource answers POST /v1/data_sources/{id}/query.
func (c *call) queryDataSource() (any, error) {
	c.s.st.mu.RLock()
	defer c.s.st.mu.RUnlock()
	return c.runQuery(func() (*dataSource, error) { return c.dataSourceFor(c.args[0]) }, "page_or_data_source")
}

// queryDatabase answers POST /v1/databases/{id}/query (before 2025-09-03).
func (c *call) queryDatabase() (any, error) {
	c.s.st.mu.RLock()
	defer c.s.st.mu.RUnlock()
	return c.runQuery(func() (*dataSource, error) {
		db, err := c.databaseFor(c.args[0])
		if err != nil {
			return nil, err
		}
		return db.sources[0], nil
	}, "page_or_database")
}

// runQuery checks the body, finds the data source and answers one page of
// rows; the store is read-locked.
func (c *call) runQuery(find func() (*dataSource, error), listType string) (any, error) {
	pr, err := c.bodyPaging()
	if err != nil {
		return nil, err
	}
	trash, err := c.trashFlag()
	if err != nil {
		return nil, err
	}
	inTrash := trash != nil && *trash
	switch rt := c.json["result_type"]; rt {
	case nil, "page", "data_source":
	default:
		return nil, errShouldBe("body.result_type", "`page` or `data_source`", rt)
	}
	ds, err := find()
	if err != nil {
		return nil, err
	}
	rows, err := c.queryRows(ds, inTrash)
	if err != nil {
		return nil, err
	}
	if len(ds.wikiChildren) > 0 {
		rows = wikiResults(rows, c.json["result_type"], c.version.dataSources())
	}
	vw := c.view()
	if vw.only, err = c.filterProperties(ds); err != nil {
		return nil, err
	}
	win, err := paginate(rows, func(pg *page) string { return pg.id }, pr, c.s.resultCap)
	if err != nil {
		return nil, err
	}
	results := make([]any, len(win.items))
	for i, pg := range win.items {
		if pg.wikiRef != nil {
			results[i] = vw.renderDataSource(pg.wikiRef)
		} else {
			results[i] = vw.pageJSON(pg)
		}
	}
	return c.list(listType, results, win.cursorInfo), nil
}

// wikiResults keeps the results of a wiki's query that result_type asks
// for: pages, data sources, or both when it is absent. Before 2025-09-03,
// which has no data sources, only pages.
func wikiResults(rows []*page, resultType any, dataSources bool) []*page {
	out := make([]*page, 0, len(rows))
	for _, pg := range rows {
		isDS := pg.wikiRef != nil
		switch {
		case !dataSources || resultType == "page":
			if isDS {
				continue
			}
		case resultType == "data_source":
			if !isDS {
				continue
			}
		}
		out = append(out, pg)
	}
	return out
}

// trashFlag reads in_trash, or the deprecated archived (refused from
// 2026-03-11); nil when neither is set.
func (c *call) trashFlag() (*bool, error) {
	var flag *bool
	for _, key := range []string{"archived", "in_trash"} {
		v, ok := c.json[key]
		if !ok || v == nil {
			continue
		}
		if key == "archived" && !c.version.archived() {
			return nil, errShouldBe("body.archived", "not present", v)
		}
		b, isBool := v.(bool)
		if !isBool {
			return nil, errShouldBe("body."+key, "a boolean", v)
		}
		flag = &b
	}
	return flag, nil
}

// queryRows returns the rows of ds that match the body's filter, in the
// order of its sorts; the store is read-locked.
func (c *call) queryRows(ds *dataSource, inTrash bool) ([]*page, error) {
	e := c.env()
	specs, err := parseSorts(c.json["sorts"], ds)
	if err != nil {
		return nil, err
	}
	filter, hasFilter := c.json["filter"]
	var match predicate
	if hasFilter && filter != nil {
		fc := &filterCompiler{ds: ds, env: e}
		if match, err = fc.compile(filter, "body.filter", 0); err != nil {
			return nil, err
		}
	}
	st := c.s.st
	// Computed values may depend on the day (formulas, relative dates), on
	// who "me" is and on what the connection sees (relations to databases
	// not shared with it are empty), so these are part of the keys.
	orderKey := rowKey{ds: ds.id, sorts: string(encodeJSON(c.json["sorts"])), day: e.today().Unix(), sorted: true, seeAll: e.sees == nil || e.sees(false)}
	resultKey := orderKey
	resultKey.sorted, resultKey.filter, resultKey.me, resultKey.inTrash = false, string(encodeJSON(filter)), e.me, inTrash
	if rows, ok := st.rowCache.get(st.gen, resultKey); ok {
		return rows, nil
	}
	ordered, ok := st.rowCache.get(st.gen, orderKey)
	if !ok {
		all := ds.rows
		if len(ds.wikiChildren) > 0 {
			all = append(slices.Clone(ds.rows), ds.wikiChildren...)
		}
		ordered = e.sortRows(all, specs)
		st.rowCache.put(st.gen, orderKey, ordered)
	}
	rows := make([]*page, 0, len(ordered))
	for _, pg := range ordered {
		if pg.trashed == inTrash && (match == nil || match(pg)) {
			rows = append(rows, pg)
		}
	}
	st.rowCache.put(st.gen, resultKey, rows)
	return rows, nil
}

// rowKey identifies cached rows: all rows of a data source in the order of
// some sorts (sorted), or the rows of a query.
type rowKey struct {
	ds, sorts, filter, me   string
	day                     int64
	inTrash, sorted, seeAll bool
}

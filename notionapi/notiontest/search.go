package notiontest

import (
	"cmp"
	"slices"
	"strings"
)

// hit is one search result: a page, a data source, or (before 2025-09-03)
// a database.
type hit struct {
	id     string
	edited int64  // last_edited_time in Unix milliseconds
	title  string // lowercase; for data sources, the database's title
	page   *page
	ds     *dataSource
	db     *database
}

// search answers POST /v1/search: titles of shared pages and data sources
// (databases before 2025-09-03) containing the query, most recently
// edited first unless sort says otherwise.
func (c *call) search() (any, error) {
	pr, err := c.bodyPaging()
	if err != nil {
		return nil, err
	}
	query, ok := c.json["query"].(string)
	if !ok && c.json["query"] != nil {
		return nil, errShouldBe("body.query", "a string", c.json["query"])
	}
	object, err := c.searchFilter()
	if err != nil {
		return nil, err
	}
	ascending, err := searchSort(c.json["sort"])
	if err != nil {
		return nil, err
	}
	st := c.s.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	hits := c.searchHits(strings.ToLower(query), object, ascending)
	win, err := paginate(hits, func(h hit) string { return h.id }, pr, c.s.resultCap)
	if err != nil {
		return nil, err
	}
	vw := c.view()
	results := make([]any, len(win.items))
	for i, h := range win.items {
		switch {
		case h.page != nil:
			results[i] = vw.pageJSON(h.page)
		case h.ds != nil:
			results[i] = vw.renderDataSource(h.ds)
		default:
			results[i] = vw.renderDatabase(h.db)
		}
	}
	listType := "page_or_data_source"
	if !c.version.dataSources() {
		listType = "page_or_database"
	}
	return c.list(listType, results, win.cursorInfo), nil
}

// searchFilter reads filter {"property":"object","value":...}: "page", or
// "data_source" from 2025-09-03 and "database" before. It returns "" for
// no filter.
func (c *call) searchFilter() (string, error) {
	f, ok := c.json["filter"]
	if !ok || f == nil {
		return "", nil
	}
	m, ok := f.(map[string]any)
	if !ok {
		return "", errShouldBe("body.filter", "an object", f)
	}
	value, hasValue := m["value"]
	if !hasValue {
		if _, ok := m["in_trash"]; ok {
			return "", nil
		}
	}
	if m["property"] != "object" {
		return "", errShouldBe("body.filter.property", `"object"`, valueOrUndefined(m, "property"))
	}
	container := "data_source"
	if !c.version.dataSources() {
		container = "database"
	}
	if value != "page" && value != container {
		return "", errShouldBe("body.filter.value", `"page" or "`+container+`"`, valueOrUndefined(m, "value"))
	}
	return value.(string), nil
}

// searchSort reads sort: last_edited_time ascending or descending, or
// relevance (treated as the default, most recent first).
func searchSort(v any) (ascending bool, err error) {
	if v == nil {
		return false, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return false, errShouldBe("body.sort", "an object", v)
	}
	if m["property"] == "relevance" {
		return false, nil
	}
	if m["timestamp"] != "last_edited_time" {
		return false, errShouldBe("body.sort.timestamp", `"last_edited_time"`, valueOrUndefined(m, "timestamp"))
	}
	switch m["direction"] {
	case "ascending":
		return true, nil
	case "descending":
		return false, nil
	}
	return false, errShouldBe("body.sort.direction", "`ascending` or `descending`", valueOrUndefined(m, "direction"))
}

// searchHits returns the matching hits in order; the store is read-locked.
func (c *call) searchHits(query, object string, ascending bool) []hit {
	st := c.s.st
	key := searchKey{databases: !c.version.dataSources(), all: c.who.personal, object: object, query: query, ascending: ascending, filtered: true}
	if hits, ok := st.searchCache.get(st.gen, key); ok {
		return hits
	}
	all := c.allHits(key.databases, key.all, ascending)
	hits := make([]hit, 0, len(all))
	for _, h := range all {
		kind := "page"
		if h.page == nil {
			kind = "data_source"
			if h.db != nil {
				kind = "database"
			}
		}
		if (object == "" || object == kind) && strings.Contains(h.title, query) {
			hits = append(hits, h)
		}
	}
	st.searchCache.put(st.gen, key, hits)
	return hits
}

// searchKey identifies cached hits: every searchable object (filtered
// false), or the hits of a search.
type searchKey struct {
	databases bool // before 2025-09-03: databases instead of data sources
	all       bool // what is not shared too, for personal access tokens
	object    string
	query     string
	ascending bool
	filtered  bool
}

// allHits returns every searchable object in order, cached; all takes in
// what is not shared with the integration.
func (c *call) allHits(databases, all, ascending bool) []hit {
	st := c.s.st
	key := searchKey{databases: databases, all: all, ascending: ascending}
	if hits, ok := st.searchCache.get(st.gen, key); ok {
		return hits
	}
	hits := make([]hit, 0, len(st.pageOrder)+len(st.dss))
	for _, pg := range st.pageOrder {
		if (pg.shared || all) && !pg.trashed {
			hits = append(hits, hit{id: pg.id, edited: pg.edited.UnixMilli(), title: pg.titleLower, page: pg})
		}
	}
	for _, db := range st.dbs {
		if !db.shared && !all {
			continue
		}
		title := strings.ToLower(db.title)
		if databases {
			if len(db.sources) == 1 {
				hits = append(hits, hit{id: db.id, edited: db.edited.UnixMilli(), title: title, db: db})
			}
			continue
		}
		for _, ds := range db.sources {
			hits = append(hits, hit{id: ds.id, edited: ds.edited.UnixMilli(), title: title, ds: ds})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		c := cmp.Compare(b.edited, a.edited)
		if ascending {
			c = -c
		}
		if c == 0 {
			c = strings.Compare(a.id, b.id)
		}
		return c
	})
	st.searchCache.put(st.gen, key, hits)
	return hits
}

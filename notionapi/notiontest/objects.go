package notiontest

// getDatabase answers a database; before 2025-09-03 only a database with
// a single data source can be read.
func (c *call) getDatabase() (any, error) {
	st := c.s.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	db, err := c.databaseFor(c.args[0])
	if err != nil {
		return nil, err
	}
	return c.view().renderDatabase(db), nil
}

// databaseFor finds a database by ID and, before 2025-09-03, checks it
// has one data source. A data source ID is not found, as on Notion.
func (c *call) databaseFor(id string) (*database, error) {
	db, err := c.s.st.database(id, c.who)
	if err != nil {
		return nil, err
	}
	if !c.version.dataSources() && len(db.sources) > 1 {
		return nil, errMultipleDataSources(db)
	}
	return db, nil
}

// errMultipleDataSources is the 400 of a database with several data
// sources under a version that has no data sources.
func errMultipleDataSources(db *database) *apiError {
	ids := make([]string, len(db.sources))
	for i, ds := range db.sources {
		ids[i] = ds.id
	}
	e := errValidation("Databases with multiple data sources are not supported in this API version.")
	e.additional = obj{
		{"error_type", "multiple_data_sources_for_database"},
		{"database_id", db.id},
		{"child_data_source_ids", ids},
		{"minimum_api_version", "2025-09-03"},
	}
	return e
}

// getDataSource answers a data source with its schema.
func (c *call) getDataSource() (any, error) {
	st := c.s.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	ds, err := c.dataSourceFor(c.args[0])
	if err != nil {
		return nil, err
	}
	return c.view().renderDataSource(ds), nil
}

// dataSourceFor finds a data source; a database ID is not found, as on
// Notion.
func (c *call) dataSourceFor(id string) (*dataSource, error) {
	return c.s.st.dataSource(id, c.who)
}

// pageFor finds a page; a database ID given instead is named as such.
func (c *call) pageFor(id string) (*page, error) {
	st := c.s.st
	pg, err := st.page(id, c.who)
	if err != nil {
		if db, ok := st.dbByID[id]; ok && c.who.sees(db.shared) {
			return nil, errValidation("Provided ID %s is a database, not a page. Use the retrieve database API instead, `/v1/databases/%s`.", id, id)
		}
		return nil, err
	}
	return pg, nil
}

// getPage answers a page, limited to the filter_properties asked for.
func (c *call) getPage() (any, error) {
	st := c.s.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	pg, err := c.pageFor(c.args[0])
	if err != nil {
		return nil, err
	}
	vw := c.view()
	if vw.only, err = c.filterProperties(pg.ds); err != nil {
		return nil, err
	}
	return vw.renderPage(pg), nil
}

// filterProperties reads the filter_properties query parameters: the
// properties (by ID or name) an answer should be limited to.
func (c *call) filterProperties(ds *dataSource) (map[*prop]bool, error) {
	q := c.r.URL.Query()
	keys := append(q["filter_properties"], q["filter_properties[]"]...)
	if len(keys) == 0 || ds == nil {
		return nil, nil
	}
	only := map[*prop]bool{}
	for _, k := range keys {
		p := ds.lookup(k)
		if p == nil {
			return nil, errValidation("Could not find property with name or id: %s", k)
		}
		only[p] = true
	}
	return only, nil
}

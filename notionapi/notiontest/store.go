package notiontest

import (
	"sync"
)

// store is the workspace. Users are fixed by New and read without the
// lock; everything else is guarded by mu.
type store struct {
	users    []*user
	userByID map[string]*user

	mu        sync.RWMutex
	dbs       []*database
	dbByID    map[string]*database
	dss       map[string]*dataSource
	pages     map[string]*page
	pageOrder []*page // creation order
	blocks    map[string]*block
	comments  []*comment // creation order
	views     []*dbView  // tab order
	viewByID  map[string]*dbView
	// viewQueries are the cached results of view queries, by ID.
	viewQueries map[string]*viewQuery
	// gen changes with every write, so cached query results made before
	// it are not reused.
	gen         uint64
	rowCache    cache[rowKey, []*page]
	pageJSON    jsonCache
	searchCache cache[searchKey, []hit]
}

func newStore() *store {
	return &store{
		userByID: map[string]*user{},
		dbByID:   map[string]*database{},
		dss:      map[string]*dataSource{},
		pages:    map[string]*page{},
		blocks:   map[string]*block{},
		viewByID: map[string]*dbView{},

		viewQueries: map[string]*viewQuery{},
	}
}

// changed records a write; mu is held for writing.
func (st *store) changed() { st.gen++ }

func (st *store) addUser(u *user) {
	st.users = append(st.users, u)
	st.userByID[u.id] = u
}

func (st *store) addDatabase(db *database) {
	st.dbs = append(st.dbs, db)
	st.dbByID[db.id] = db
	for _, ds := range db.sources {
		st.dss[ds.id] = ds
	}
}

// addPage registers a page and its blocks.
func (st *store) addPage(p *page) {
	p.refreshTitle()
	st.pages[p.id] = p
	st.pageOrder = append(st.pageOrder, p)
	if p.ds != nil {
		p.ds.rows = append(p.ds.rows, p)
	}
	st.addBlocks(p.blocks)
}

func (st *store) addBlocks(bs []*block) {
	for _, b := range bs {
		st.blocks[b.id] = b
		st.addBlocks(b.children)
	}
}

// database returns a database the principal can reach, or Notion's 404.
func (st *store) database(id string, who *principal) (*database, error) {
	if db, ok := st.dbByID[id]; ok && who.sees(db.shared) {
		return db, nil
	}
	return nil, errNotFound("database", id)
}

// dataSource returns a data source the principal can reach, or Notion's
// 404.
func (st *store) dataSource(id string, who *principal) (*dataSource, error) {
	if ds, ok := st.dss[id]; ok && who.sees(ds.db.shared) {
		return ds, nil
	}
	return nil, errNotFound("data_source", id)
}

// page returns a page the principal can reach, or Notion's 404.
func (st *store) page(id string, who *principal) (*page, error) {
	if p, ok := st.pages[id]; ok && who.sees(p.shared) {
		return p, nil
	}
	return nil, errNotFound("page", id)
}

// blockOwner returns the page a block belongs to.
func (st *store) blockOwner(b *block) *page {
	for b.parentBlock != "" {
		b = st.blocks[b.parentBlock]
	}
	return st.pages[b.parentPage]
}

package notiontest

// User is a user of the sandbox's workspace.
type User struct {
	ID    string
	Name  string
	Email string // "" for bots
	Bot   bool
	Guest bool // guests are left out of GET /v1/users
}

// Users returns the people and bots of the workspace, in the order
// GET /v1/users lists them (guests last).
func (s *Server) Users() []User {
	var members, guests []User
	for _, u := range s.st.users {
		pub := User{ID: u.id, Name: u.name, Email: u.email, Bot: u.bot, Guest: u.guest}
		if u.guest {
			guests = append(guests, pub)
		} else {
			members = append(members, pub)
		}
	}
	return append(members, guests...)
}

// PageCount returns the number of rows of a data source that are not in
// the trash, or -1 when there is no such data source. The ID may be
// written with or without dashes.
func (s *Server) PageCount(dataSourceID string) int {
	id, ok := parseID(dataSourceID)
	if !ok {
		return -1
	}
	s.st.mu.RLock()
	defer s.st.mu.RUnlock()
	ds, ok := s.st.dss[id]
	if !ok {
		return -1
	}
	return ds.liveRows()
}

// Page returns a page as GET /v1/pages/{id} answers it to TokenFull under
// a Notion-Version ("" means 2026-03-11), shared or not, decoded as
// encoding/json decodes into a map.
func (s *Server) Page(id, version string) (map[string]any, bool) {
	id, ok := parseID(id)
	if !ok {
		return nil, false
	}
	s.st.mu.RLock()
	defer s.st.mu.RUnlock()
	pg, ok := s.st.pages[id]
	if !ok {
		return nil, false
	}
	return toMap(s.fullView(version).renderPage(pg)), true
}

// BlockChildren returns all the children of a page or block as GET
// /v1/blocks/{id}/children lists them, decoded.
func (s *Server) BlockChildren(id, version string) ([]map[string]any, bool) {
	id, ok := parseID(id)
	if !ok {
		return nil, false
	}
	s.st.mu.RLock()
	defer s.st.mu.RUnlock()
	var children []*block
	if pg, ok := s.st.pages[id]; ok {
		children = pg.blocks
	} else if b, ok := s.st.blocks[id]; ok {
		children = b.children
	} else {
		return nil, false
	}
	vw := s.fullView(version)
	out := []map[string]any{}
	for _, b := range children {
		out = append(out, toMap(vw.renderBlock(b)))
	}
	return out, true
}

// fullView renders for TokenFull; the store is read-locked.
func (s *Server) fullView(version string) *view {
	who := staticTokens[TokenFull]
	return &view{v: parseVersionName(version), users: usersWithEmails, env: &env{st: s.st, now: s.now(), me: who.me, sees: who.sees}}
}

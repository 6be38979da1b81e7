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

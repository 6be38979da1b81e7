package notiontest

import (
	"strings"
)

// workspaceIcon is the workspace's icon in OAuth answers.
const workspaceIcon = "🧪"

// maxFileUpload is the workspace's file size limit (5 GiB, a paid plan).
const maxFileUpload = 5 << 30

// seedUsers adds the people and bots of the workspace.
func (st *store) seedUsers() {
	people := []struct{ id, name string }{
		{UserMayaChen, "Maya Chen"},
		{UserJonasWeber, "Jonas Weber"},
		{UserPriyaRaman, "Priya Raman"},
		{UserDiegoAlvarez, "Diego Alvarez"},
		{UserAmaraOkafor, "Amara Okafor"},
		{UserLukasNovak, "Lukas Novak"},
		{UserSofiaRossi, "Sofia Rossi"},
	}
	for _, p := range people {
		handle := strings.ToLower(strings.ReplaceAll(p.name, " ", "."))
		st.addUser(&user{
			id:     p.id,
			name:   p.name,
			email:  handle + "@acmelabs.example",
			avatar: "https://avatars.acmelabs.example/" + handle + ".png",
		})
	}
	st.addUser(&user{id: UserTomBecker, name: "Tom Becker", email: "tom@beckerconsulting.example", guest: true})
	st.addUser(&user{id: BotID, name: IntegrationName, bot: true})
	st.addUser(&user{id: OAuthBotID, name: "notion-tui", bot: true, owner: UserMayaChen})
	st.addUser(&user{id: BotGitHubSync, name: "GitHub Sync", bot: true, avatar: "https://avatars.acmelabs.example/github-sync.png"})
	st.addUser(&user{id: BotSlackNotifier, name: "Slack Notifier", bot: true})
}

// renderUser renders a user as in lists and people values; bots carry an
// empty "bot" object. Without user information a user is {object, id}
// (D:reference/capabilities).
func renderUser(u *user, info userInfo) obj {
	if info == usersIDOnly {
		return partialUser(u.id)
	}
	o := userHead(u)
	if u.bot {
		return o.with("type", "bot").with("bot", obj{})
	}
	person := obj{}
	if info == usersWithEmails {
		person = person.with("email", u.email)
	}
	return o.with("type", "person").with("person", person)
}

// userHead renders the fields every full user object has.
func userHead(u *user) obj {
	return obj{
		{"object", "user"},
		{"id", u.id},
		{"name", u.name},
		{"avatar_url", nullable(u.avatar)},
	}
}

// partialUser is the {object, id} form used in created_by and friends.
func partialUser(id string) obj { return obj{{"object", "user"}, {"id", id}} }

// nullable renders "" as null.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// getMe answers /v1/users/me: the token's bot with its owner and
// workspace, or the person of a personal access token.
func (c *call) getMe() (any, error) {
	me := c.s.st.userByID[c.who.botID]
	if !me.bot {
		return renderUser(me, usersWithEmails), nil
	}
	owner := obj{{"type", "workspace"}, {"workspace", true}}
	if me.owner != "" {
		owner = obj{{"type", "user"}, {"user", renderUser(c.s.st.userByID[me.owner], max(c.who.users(), usersNoEmail))}}
	}
	info := obj{
		{"owner", owner},
		{"workspace_name", WorkspaceName},
		{"workspace_id", WorkspaceID},
		{"workspace_limits", obj{{"max_file_upload_size_in_bytes", maxFileUpload}}},
	}
	return userHead(me).with("type", "bot").with("bot", info), nil
}

// listUsers answers the people and bots of the workspace, guests
// excluded; personal access tokens cannot list users.
func (c *call) listUsers() (any, error) {
	if c.who.personal {
		return nil, errRestricted()
	}
	pr, err := c.queryPaging()
	if err != nil {
		return nil, err
	}
	var members []*user
	for _, u := range c.s.st.users {
		if !u.guest {
			members = append(members, u)
		}
	}
	win, err := paginate(members, func(u *user) string { return u.id }, pr, 0)
	if err != nil {
		return nil, err
	}
	results := make([]any, len(win.items))
	for i, u := range win.items {
		results[i] = renderUser(u, c.who.users())
	}
	return c.list("user", results, win.cursorInfo), nil
}

// getUser answers one user, guests included.
func (c *call) getUser() (any, error) {
	u, ok := c.s.st.userByID[c.args[0]]
	if !ok {
		return nil, errNotFound("user", c.args[0])
	}
	return renderUser(u, c.who.users()), nil
}

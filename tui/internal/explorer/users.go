package explorer

import (
	"errors"
	"fmt"
	"net/http"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// users lists the workspace's people and bots. Without the "read user
// information" capability it says so in place of the list and offers the
// guided fix.
type users struct {
	all  []notionapi.User
	list userRows
}

func newUsersPane(c *ui.Common) pane {
	p := newListPane[notionapi.User](c, &users{}, listKeys{
		Open:    keymap.None(),
		Find:    keymap.Filter.Key(),
		Done:    keymap.Join("enter", "done", keymap.Submit, keymap.Next, keymap.Previous),
		Clear:   keymap.Back.Key("clear filter"),
		Copy:    keymap.Copy.Key("copy user ID"),
		Refresh: keymap.Refresh.Key(),
		Fix:     keymap.Open.Key("how to fix it"),
	}, "/ ", "part of a name, an e-mail or a type")
	p.fixable = true
	return p
}

func (l *users) name() string   { return "Users" }
func (l *users) find() findMode { return findNarrow }

func (l *users) cached(c *ui.Common) ([]notionapi.User, bool) { return ui.Users.Get(c.Cache) }

func (l *users) load(c *ui.Common, req int64, _ string) tea.Cmd {
	read := c.ReadUsers(c.Ctx, req)
	return func() tea.Msg {
		m := read().(ui.UsersMsg)
		return listMsg[notionapi.User]{req: m.Req, items: m.Users, err: m.Err}
	}
}

func (l *users) loaded(c *ui.Common, _ int64, us []notionapi.User) tea.Cmd {
	ui.Users.Put(c.Cache, us)
	return nil
}

func (l *users) uncache(c *ui.Common)            { ui.Users.Drop(c.Cache) }
func (l *users) reset()                          {}
func (l *users) update(*ui.Common, tea.Msg) bool { return false }

// failed: without the capability (a 403) the tab explains it in place.
func (l *users) failed(err error) bool { return noCapability(err) }

func (l *users) show(c *ui.Common, us []notionapi.User, q string) {
	l.all = us
	l.list = userRows{users: make([]notionapi.User, 0, len(us))}
	l.narrow(q)
	if s := c.Conn; s != nil && s.Me != nil {
		l.list.me = s.Me.ID
	}
}

func (l *users) rows() widgets.TableData { return l.list }
func (l *users) selectable(int) bool     { return true }

func (l *users) columns(int) ([]widgets.Column, []int) {
	return []widgets.Column{{Title: "Name"}, {Title: "Type"}, {Title: "Email"}, {Title: "ID", Whole: true}}, []int{32, 24, 36, 36}
}

func (l *users) tableLines() int { return 2 }

func (l *users) open(*ui.Common, int) {}

func (l *users) copyID(_ *ui.Common, row int) (string, string) {
	u := l.list.users[row]
	return u.ID, "the user ID of " + orUnnamed(u.Name)
}

// noCapability reports a 403: the integration may not read users.
func noCapability(err error) bool {
	var ae *notionapi.APIError
	return errors.As(err, &ae) && ae.Status == http.StatusForbidden
}

func (l *users) view(p *listState, table string) string {
	st := p.c.Styles
	switch {
	case p.loading && !p.loaded:
		return p.spin + " Listing users with GET /v1/users…"
	case p.err != nil && noCapability(p.err):
		return l.noCapabilityView(p)
	case p.err != nil:
		return st.Error.Render("Could not list the users.") + st.Muted.Render(" enter shows what to do; r tries again.")
	case len(l.all) == 0:
		return st.Muted.Render("The workspace lists no users.")
	}
	people, bots := l.list.counts()
	summary := st.Muted.Render(widgets.JoinFit([]string{fmt.Sprintf("%s and %s", textutil.Plural(people, "person", "people"), textutil.Plural(bots, "bot", "bots")),
		"/ filters", "GET /v1/users (guests are not listed)"}, " · ", p.w))
	if p.typing || p.inputValue != "" {
		summary = p.input
	}
	if len(l.list.users) == 0 {
		return st.Muted.Render("No user matches “"+p.inputValue+"”.") + "\n\n" + summary
	}
	return table + "\n\n" + widgets.Truncate(summary, p.w)
}

func (l *users) noCapabilityView(p *listState) string {
	st := p.c.Styles
	wrap := func(s string) string { return widgets.WrapText(s, min(p.w, 90)) }
	if s := p.c.Conn; s != nil && s.Kind() == notionapi.TokenKindPersonal {
		// Not a capability: no setting lets such a token list users.
		return st.Warning.Render("Listing users is not available to personal access tokens") + "\n\n" +
			wrap(guide.PersonalTokensListNoUsers) + "\n\n" +
			wrap("Databases, queries and pages work without it; people in rows still show by name.") + "\n\n" +
			st.Key.Render("enter") + " shows what to do instead · " + st.Key.Render("r") + " tries again"
	}
	name := "this integration"
	if s := p.c.Conn; s != nil && s.BotName != "" {
		name = "“" + s.BotName + "”"
	}
	return st.Warning.Render("Users are hidden from "+name) + "\n\n" +
		wrap("Listing users needs the “"+guide.Capability(http.MethodGet, "/v1/users")+"” capability (“including email addresses” for the Email column). Notion answered 403 to GET /v1/users.") + "\n\n" +
		wrap("Databases, queries and pages work without it; people in rows still show by name.") + "\n\n" +
		st.Key.Render("enter") + " shows the guided fix (where to turn the capability on) · " + st.Key.Render("r") + " tries again"
}

// userRows is the users table.
type userRows struct {
	users []notionapi.User
	me    string
}

func (d userRows) Len() int { return len(d.users) }

func (d userRows) Cell(row, col int) string {
	u := &d.users[row]
	switch col {
	case 0:
		return orUnnamed(u.Name)
	case 1:
		t := u.Type
		if u.ID == d.me {
			t += " · this integration"
		} else if u.Bot != nil && u.Bot.WorkspaceName != "" {
			t += " · " + u.Bot.WorkspaceName
		}
		return t
	case 2:
		if u.Type == "person" && u.Email() == "" {
			return "(hidden)"
		}
		return u.Email()
	case 3:
		return u.ID
	}
	return ""
}

func (d userRows) counts() (people, bots int) {
	for _, u := range d.users {
		if u.Type == "bot" {
			bots++
		} else {
			people++
		}
	}
	return people, bots
}

func orUnnamed(s string) string {
	if s == "" {
		return "(unnamed)"
	}
	return s
}

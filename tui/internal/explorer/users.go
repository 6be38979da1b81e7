package explorer

import (
	"errors"
	"fmt"
	"net/http"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// usersPane lists the workspace's people and bots. Without the "read user
// information" capability it says so in place of the list and offers the
// guided fix.
type usersPane struct {
	c       *ui.Common
	id      int64
	table   *widgets.Table
	users   userRows
	loading bool
	loaded  bool
	err     error
	spin    spinner.Model
	w, h    int
	keys    usersKeys
}

type usersKeys struct {
	Copy, Refresh, Fix key.Binding
}

func newUsersPane(c *ui.Common) *usersPane {
	p := &usersPane{
		c: c, id: c.NextID(), table: widgets.NewTable(c.Styles, 1),
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent)),
		keys: usersKeys{
			Copy:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy user ID")),
			Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
			Fix:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "guided fix")),
		},
	}
	p.keys.Fix.SetEnabled(false)
	return p
}

func (p *usersPane) Name() string    { return "Users" }
func (p *usersPane) Capturing() bool { return false }

func (p *usersPane) Init() tea.Cmd {
	if p.loaded || p.loading {
		return nil
	}
	if us, ok := ui.Users.Get(p.c.Cache); ok {
		p.show(us)
		return nil
	}
	return p.load()
}

func (p *usersPane) load() tea.Cmd {
	p.loading, p.err = true, nil
	p.keys.Fix.SetEnabled(false)
	return tea.Batch(p.spin.Tick, p.c.LoadUsers(p.c.Ctx, p.id))
}

func (p *usersPane) show(us []notionapi.User) {
	p.users = userRows{users: us}
	if s := p.c.Conn; s != nil && s.Me != nil {
		p.users.me = s.Me.ID
	}
	p.loaded = true
	p.table.SetData(p.users)
	p.layout()
}

func (p *usersPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ui.UsersMsg:
		if msg.Req != p.id {
			return nil
		}
		p.loading = false
		if msg.Err != nil {
			p.err = msg.Err
			p.keys.Fix.SetEnabled(true)
			if noCapability(msg.Err) {
				return nil // explained in place
			}
			return ui.ReportError(msg.Err, ui.Reload(p.id))
		}
		ui.Users.Put(p.c.Cache, msg.Users)
		p.show(msg.Users)
		return nil
	case ui.ReloadMsg:
		if msg.ID == p.id {
			return p.load()
		}
	case ui.ConnectionChangedMsg:
		p.loaded = false
		return p.load()
	case spinner.TickMsg:
		return ui.SpinWhile(&p.spin, msg, p.loading)
	case tea.KeyPressMsg:
		return p.key(msg)
	case tea.MouseMsg:
		p.table.Update(msg)
	}
	return nil
}

func (p *usersPane) key(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case p.table.Update(msg):
	case key.Matches(msg, p.keys.Refresh):
		ui.Users.Drop(p.c.Cache)
		return p.load()
	case key.Matches(msg, p.keys.Fix):
		return ui.ReportError(p.err, ui.Reload(p.id))
	case key.Matches(msg, p.keys.Copy):
		if i := p.table.Cursor(); i >= 0 {
			u := p.users.users[i]
			return ui.CopyText(u.ID, "the user ID of "+orUnnamed(u.Name))
		}
	}
	return nil
}

// noCapability reports a 403: the integration may not read users.
func noCapability(err error) bool {
	var ae *notionapi.APIError
	return errors.As(err, &ae) && ae.Status == http.StatusForbidden
}

func (p *usersPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.layout()
}

func (p *usersPane) layout() {
	cols := []widgets.Column{{Title: "Name"}, {Title: "Type"}, {Title: "Email"}, {Title: "ID"}}
	widgets.FitColumns(p.users, cols, []int{32, 24, 36, 36}, len(p.users.users), p.w)
	p.table.SetColumns(cols)
	p.table.SetSize(p.w, max(1, p.h-2))
}

func (p *usersPane) KeyMap() help.KeyMap {
	if p.err != nil {
		return ui.KeyMapOf([]key.Binding{p.keys.Fix, p.keys.Refresh})
	}
	tk := p.table.Keys
	return ui.KeyMapOf([]key.Binding{tk.Up, tk.Down, p.keys.Copy, p.keys.Refresh},
		[]key.Binding{p.keys.Copy, p.keys.Refresh}, tk.MoveKeys())
}

func (p *usersPane) View() string {
	st := p.c.Styles
	p.table.SetStyles(st)
	switch {
	case p.loading && !p.loaded:
		return p.spin.View() + " Listing users with GET /v1/users…"
	case p.err != nil && noCapability(p.err):
		return p.noCapabilityView()
	case p.err != nil:
		return st.Error.Render("Could not list the users.") + st.Muted.Render(" f shows what to do; r tries again.")
	case len(p.users.users) == 0:
		return st.Muted.Render("The workspace lists no users.")
	}
	people, bots := p.users.counts()
	summary := st.Muted.Render(fmt.Sprintf("%s and %s · GET /v1/users (guests are not listed)", textutil.Plural(people, "person", "people"), textutil.Plural(bots, "bot", "bots")))
	return p.table.View() + "\n\n" + widgets.Truncate(summary, p.w)
}

func (p *usersPane) noCapabilityView() string {
	st := p.c.Styles
	wrap := func(s string) string { return widgets.WrapText(s, min(p.w, 90)) }
	name := "this integration"
	if s := p.c.Conn; s != nil && s.BotName != "" {
		name = "“" + s.BotName + "”"
	}
	return st.Warning.Render("Users are hidden from "+name) + "\n\n" +
		wrap("Listing users needs the “"+guide.Capability(http.MethodGet, "/v1/users")+"” capability (“including email addresses” for the Email column). Notion answered 403 to GET /v1/users.") + "\n\n" +
		wrap("Databases, queries and pages work without it; people in rows still show by name.") + "\n\n" +
		st.Key.Render("f") + " shows the guided fix (where to turn the capability on) · " + st.Key.Render("r") + " tries again"
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

package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
)

// sessionTitles is the session's cache of page titles (relation cells,
// links, the jump box). It belongs to the connection's client, so it goes
// with the cache when the connection changes.
var sessionTitles = NewEntry[*notionapi.Titles]("titles")

// Titles returns the session's titles of pages: those learnt from rows and
// pages already read, and those read for relation cells and links. It is
// nil before a token is set.
func (c *Common) Titles() *notionapi.Titles {
	client := c.Client()
	if client == nil {
		return nil
	}
	if t, ok := sessionTitles.Get(c.Cache); ok {
		return t
	}
	t := notionapi.NewTitles(client)
	sessionTitles.Put(c.Cache, t)
	return t
}

// TitlesMsg says that the titles of some pages became known (or that
// reading one failed: Err). Every screen gets it; those that show one of
// the pages draw it again.
type TitlesMsg struct {
	IDs []string
	Err error
}

// FetchTitles returns a command that reads the titles of the pages of ids
// not known yet: one request per page, through the client's pacing, each
// answered by its own TitlesMsg so that a table fills in as they arrive
// and stays usable meanwhile. A page already being read is not asked for
// again. Nil when every title is known.
func (c *Common) FetchTitles(ids []string) tea.Cmd { return c.FetchTitlesIn("", ids) }

// FetchTitlesIn is FetchTitles for pages known to be rows of one data
// source (a relation's target): when many are unknown, they are read from
// the data source a hundred a request (notionapi.Titles.ReadFrom), in one
// command, and those not found there are asked for one by one afterwards.
func (c *Common) FetchTitlesIn(dataSource string, ids []string) tea.Cmd {
	t := c.Titles()
	if t == nil {
		return nil
	}
	todo := t.Unknown(ids...)
	if len(todo) == 0 {
		return nil
	}
	ctx := c.Ctx
	if dataSource != "" && len(todo) >= notionapi.BulkTitles {
		return func() tea.Msg {
			_, err := t.ReadFrom(ctx, dataSource, todo)
			return TitlesMsg{IDs: todo, Err: err}
		}
	}
	cmds := make([]tea.Cmd, len(todo))
	for i, id := range todo {
		cmds[i] = func() tea.Msg {
			_, err := t.Fetch(ctx, id)
			return TitlesMsg{IDs: []string{id}, Err: err}
		}
	}
	return tea.Batch(cmds...)
}

// TitleText is what a related page shows as: its title when known, "…"
// while it is being read, "(no access)" when Notion does not show it to
// the connection.
func (c *Common) TitleText(id string) string {
	t := c.Titles()
	if t == nil {
		return id
	}
	pt, ok := t.Lookup(id)
	switch {
	case !ok:
		return "…"
	case pt.Unreadable:
		return "(no access)"
	}
	return pt.Text()
}

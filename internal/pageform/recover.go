package pageform

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Ambiguous reports whether a failed create may have created the page
// anyway: Notion failed after receiving it (5xx), the connection broke
// after it was sent, or no answer came in time. Such a create must not be
// sent again before FindCreated has looked for the page.
func Ambiguous(err error) bool { return notionapi.Ambiguous(err) }

// Failure says in a few words how a request failed: "Notion answered
// 500 internal_server_error", "the connection was closed before an answer
// arrived", "no answer within 1m0s".
func Failure(err error) string { return notionapi.FailureText(err) }

// CheckSlack is how far before the send FindCreated looks when the
// server's clock is unknown (no answer carried a Date header): Notion keeps
// created_time to the minute, and the two clocks may differ a little.
const CheckSlack = time.Minute

// skewMargin is added to the measured uncertainty of the server's clock,
// for a local clock set by a little between the measure and the send.
const skewMargin = 5 * time.Second

// CreatedSince is the earliest created_time, on Notion's clock and in
// whole minutes as Notion keeps it, that a page created by a request sent
// at sentAt (local clock) can have. It allows for the offset of Notion's
// clock as measured from the Date headers of its answers
// (notionapi.Client.ClockSkew), so that a local clock minutes fast or slow
// neither misses the page nor widens the search to others; without a
// measure, it looks CheckSlack back.
func CreatedSince(c *notionapi.Client, sentAt time.Time) time.Time {
	from := sentAt.Add(-CheckSlack)
	if s, ok := c.ClockSkew(); ok {
		from = s.Earliest(sentAt).Add(-skewMargin)
	}
	return from.UTC().Truncate(time.Minute)
}

// FindCreated looks in ds for a page titled title that was created by a
// request sent at sentAt (local clock) or later (see CreatedSince), newest
// first. It returns nil and no error when there is none.
func FindCreated(ctx context.Context, c *notionapi.Client, ds *notionapi.DataSource, title string, sentAt time.Time) (*notionapi.Page, error) {
	tp, ok := ds.Properties.Title()
	if !ok {
		return nil, fmt.Errorf("%s has no title property to search by", ds.Title.Plain())
	}
	from := CreatedSince(c, sentAt)
	filter := map[string]any{"and": []any{
		map[string]any{"property": tp.Name, "title": map[string]any{"equals": title}},
		map[string]any{"timestamp": notionapi.CreatedTime, "created_time": map[string]any{"on_or_after": from.Format(time.RFC3339)}},
	}}
	l, err := c.Query(ctx, ds.ID, notionapi.QueryParams{
		Filter:   filter,
		Sorts:    []notionapi.Sort{{Timestamp: notionapi.CreatedTime, Direction: notionapi.Descending}},
		PageSize: 10,
	})
	if err != nil {
		return nil, err
	}
	if len(l.Results) == 0 {
		return nil, nil
	}
	return &l.Results[0], nil
}

// ErrSavedWithoutID is CheckCreated's answer when Notion said the create
// was saved but not which page it made: the page exists, so the create
// must not be sent again, and only looking in Notion finds it.
var ErrSavedWithoutID = errors.New("the page was saved, but Notion did not say which page it is; it was not sent again")

// CheckCreated finds out whether a create that failed with createErr
// (Ambiguous) made the page anyway. When Notion said it saved the page
// (notionapi.Saved), nothing is searched: the page it names is read back,
// and when it cannot be read (a connection without "Read content", a
// second failure) the page is returned with only its ID and address. A
// saved create that names no page is ErrSavedWithoutID. Otherwise it is
// FindCreated: the page, or nil when none was made.
func CheckCreated(ctx context.Context, c *notionapi.Client, ds *notionapi.DataSource, title string, sentAt time.Time, createErr error) (*notionapi.Page, error) {
	id, saved := notionapi.Saved(createErr)
	switch {
	case !saved:
		return FindCreated(ctx, c, ds, title, sentAt)
	case id == "":
		return nil, ErrSavedWithoutID
	}
	if pg, err := c.GetPage(ctx, id); err == nil && pg.ID != "" {
		if pg.URL == "" {
			pg.URL = PageURL(pg.ID)
		}
		return pg, nil
	}
	return &notionapi.Page{Object: "page", ID: id, URL: PageURL(id)}, nil
}

// PageURL is the address of a page by its ID, which opens it in Notion for
// anyone who may see it.
func PageURL(id string) string { return "https://www.notion.so/" + notionapi.CompactID(id) }

// SearchRelated lists up to limit pages of the data source that relation
// property p points to, whose title contains query (every page when query
// is empty), most recently edited first.
func SearchRelated(ctx context.Context, c *notionapi.Client, p notionapi.PropertySchema, query string, limit int) ([]notionapi.Page, error) {
	target, err := RelationTarget(p, c.Version())
	if err != nil {
		return nil, err
	}
	params := notionapi.QueryParams{
		Sorts:    []notionapi.Sort{{Timestamp: notionapi.LastEditedTime, Direction: notionapi.Descending}},
		PageSize: limit,
	}
	if query != "" {
		// The title property's ID is always "title".
		params.Filter = map[string]any{"property": "title", "title": map[string]any{"contains": query}}
	}
	l, err := c.Query(ctx, target, params)
	if err != nil {
		return nil, err
	}
	return l.Results, nil
}

// RelationTarget returns what a relation's pages are queried through: its
// data source from 2025-09-03 on, its database before.
func RelationTarget(p notionapi.PropertySchema, version string) (string, error) {
	r := p.Relation
	switch {
	case r == nil:
		return "", fmt.Errorf("%s is not a relation", p.Name)
	case notionapi.UsesDataSources(version) && r.DataSourceID != "":
		return r.DataSourceID, nil
	case !notionapi.UsesDataSources(version) && r.DatabaseID != "":
		return r.DatabaseID, nil
	}
	return "", fmt.Errorf("the schema of %s does not say which database it relates to", p.Name)
}

// FindPagesWith returns an Env.FindPages that searches through c.
func FindPagesWith(ctx context.Context, c *notionapi.Client) func(notionapi.PropertySchema, string) ([]notionapi.Page, error) {
	return func(p notionapi.PropertySchema, title string) ([]notionapi.Page, error) {
		return SearchRelated(ctx, c, p, title, MaxItems)
	}
}

// LoadUsers reads the workspace's users list.
func LoadUsers(ctx context.Context, c *notionapi.Client) ([]notionapi.User, error) {
	users := []notionapi.User{}
	for u, err := range c.ListUsersAll(ctx) {
		if err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, nil
}

package pageform

import (
	"context"
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

// CheckSlack is how far before the send FindCreated looks: Notion keeps
// created_time to the minute, and the two clocks may differ a little.
const CheckSlack = time.Minute

// FindCreated looks in ds for a page titled title that was created at or
// after sentAt (less CheckSlack), newest first. It returns nil and no
// error when there is none.
func FindCreated(ctx context.Context, c *notionapi.Client, ds *notionapi.DataSource, title string, sentAt time.Time) (*notionapi.Page, error) {
	tp, ok := ds.Properties.Title()
	if !ok {
		return nil, fmt.Errorf("%s has no title property to search by", ds.Title.Plain())
	}
	from := sentAt.Add(-CheckSlack).Truncate(time.Minute).UTC()
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

package guide

import (
	"context"
	"errors"
	"net/http"

	"github.com/notion-tui/notion-tui/notionapi"
)

// NotEitherKindError is TryOtherKind's answer when the ID is found neither
// as a database nor as a data source: then it is truly not shared (or not
// visible), or wrong.
type NotEitherKindError struct {
	ID string
	// Err is Notion's answer for the database reading.
	Err error
}

func (e *NotEitherKindError) Error() string {
	return "notion: " + e.ID + " is neither a database nor a data source that can be read: " + e.Err.Error()
}

func (e *NotEitherKindError) Unwrap() error { return e.Err }

// TryOtherKind is ActTryOtherKind: it reads f.ObjectID as a database or a
// data source, whichever it is, and returns the data source to use (a
// database's only one). A database with several answers a
// *notionapi.MultipleDataSourcesError listing them; an ID found as
// neither, a *NotEitherKindError, whose fix offers no other kind to try.
func TryOtherKind(ctx context.Context, c *notionapi.Client, f Fix) (*notionapi.DataSource, error) {
	if f.ObjectID == "" {
		return nil, errors.New("guide: the fix names no ID to try as another kind")
	}
	ds, err := c.ResolveDataSource(ctx, f.ObjectID)
	if notionapi.StatusOf(err) == http.StatusNotFound {
		// ResolveDataSource asked both kinds: its 404 says so
		// (APIError.BothKinds), and its fix offers no other kind.
		return nil, &NotEitherKindError{ID: f.ObjectID, Err: err}
	}
	return ds, err
}

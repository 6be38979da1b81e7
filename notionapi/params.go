package notionapi

import "encoding/json"

// Sort orders query results by a property or a timestamp.
type Sort struct {
	Property  string `json:"property,omitempty"`
	Timestamp string `json:"timestamp,omitempty"` // "created_time" or "last_edited_time"
	Direction string `json:"direction"`           // "ascending" or "descending"
}

// Sort directions and timestamps.
const (
	Ascending      = "ascending"
	Descending     = "descending"
	CreatedTime    = "created_time"
	LastEditedTime = "last_edited_time"
)

// QueryParams are the parameters of a data source (or, before 2025-09-03,
// database) query.
type QueryParams struct {
	// Filter is a Notion filter object: a json.RawMessage, a map, or any
	// value that encodes to one. Nil means every row.
	Filter any `json:"filter,omitempty"`
	// Sorts order the rows; earlier entries take precedence.
	Sorts []Sort `json:"sorts,omitempty"`
	// StartCursor continues from an earlier page's NextCursor.
	StartCursor string `json:"start_cursor,omitempty"`
	// PageSize is the number of rows per page, at most 100 (the default).
	PageSize int `json:"page_size,omitempty"`
	// FilterProperties limits the properties returned to these IDs.
	FilterProperties []string `json:"-"`
}

// SearchParams are the parameters of a search.
type SearchParams struct {
	Query string `json:"query,omitempty"`
	// Object limits results to "page", or to "data_source" (2025-09-03
	// and later) / "database" (before). Use ObjectDataSource to get the
	// right value for the client's version.
	Object      string `json:"-"`
	Sort        *Sort  `json:"sort,omitempty"`
	StartCursor string `json:"start_cursor,omitempty"`
	PageSize    int    `json:"page_size,omitempty"`
}

// ObjectDataSource asks Search for data sources, or for databases under
// versions before 2025-09-03.
const ObjectDataSource = "data_source"

// ObjectPage asks Search for pages.
const ObjectPage = "page"

// ListParams are the parameters of a paginated GET (users, block children,
// property items).
type ListParams struct {
	StartCursor string
	PageSize    int
}

// CreatePageParams is the body of a page create.
type CreatePageParams struct {
	Parent     Parent                   `json:"parent"`
	Properties map[string]PropertyValue `json:"properties,omitempty"`
	Children   []Block                  `json:"children,omitempty"`
	Icon       *Icon                    `json:"icon,omitempty"`
	Cover      *Icon                    `json:"cover,omitempty"`
}

// rawOrValue marshals a filter given as raw JSON, a string or a value.
func rawOrValue(v any) (json.RawMessage, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case json.RawMessage:
		return x, nil
	case []byte:
		return json.RawMessage(x), nil
	case string:
		return json.RawMessage(x), nil
	}
	return json.Marshal(v)
}

package notionapi

import (
	"bytes"
	"encoding/json"
	"time"
)

// List is the envelope of every paginated answer.
type List[T any] struct {
	Object        string         `json:"object"`
	Results       []T            `json:"results"`
	NextCursor    *string        `json:"next_cursor"`
	HasMore       bool           `json:"has_more"`
	Type          string         `json:"type,omitempty"`
	RequestStatus *RequestStatus `json:"request_status,omitempty"`
	RequestID     string         `json:"request_id,omitempty"`
	// Other holds, as they came, results of another kind than the list's
	// rows: the data sources a wiki data source lists beside its pages
	// when a server answers a query with them. Iterators skip them.
	Other []json.RawMessage `json:"-"`
}

// Cursor returns the cursor of the next page, or "" when there is none.
func (l *List[T]) Cursor() string {
	if l == nil || !l.HasMore || l.NextCursor == nil {
		return ""
	}
	return *l.NextCursor
}

// Incomplete reports whether the server stopped early, for instance at the
// 10,000-results-per-query cap.
func (l *List[T]) Incomplete() bool {
	return l != nil && l.RequestStatus != nil && l.RequestStatus.Type == "incomplete"
}

// IncompleteQueryResultLimit is the incomplete_reason of a query stopped
// at the 10,000-result cap.
const IncompleteQueryResultLimit = "query_result_limit_reached"

// RequestStatus tells whether a query returned everything it matched.
type RequestStatus struct {
	Type             string `json:"type"`
	IncompleteReason string `json:"incomplete_reason,omitempty"`
}

// User is a person or a bot.
type User struct {
	Object    string  `json:"object"`
	ID        string  `json:"id"`
	Type      string  `json:"type,omitempty"` // "person" or "bot"; empty on partial users
	Name      string  `json:"name,omitempty"`
	AvatarURL *string `json:"avatar_url,omitempty"`
	Person    *Person `json:"person,omitempty"`
	Bot       *Bot    `json:"bot,omitempty"`
}

// Person holds the fields of a person user.
type Person struct {
	Email string `json:"email,omitempty"`
}

// Bot holds the fields of a bot user. Bots listed among other users may
// have none of them set.
type Bot struct {
	Owner           *Owner           `json:"owner,omitempty"`
	WorkspaceName   string           `json:"workspace_name,omitempty"`
	WorkspaceID     string           `json:"workspace_id,omitempty"`
	WorkspaceLimits *WorkspaceLimits `json:"workspace_limits,omitempty"`
}

// WorkspaceLimits are the limits of the bot's workspace.
type WorkspaceLimits struct {
	MaxFileUploadSizeInBytes int64 `json:"max_file_upload_size_in_bytes,omitempty"`
}

// Owner says who owns a bot: the workspace or a user.
type Owner struct {
	Type      string `json:"type"` // "workspace" or "user"
	Workspace bool   `json:"workspace,omitempty"`
	User      *User  `json:"user,omitempty"`
}

// Email returns the person's email, or "" when it is not shared.
func (u *User) Email() string {
	if u == nil || u.Person == nil {
		return ""
	}
	return u.Person.Email
}

// Parent locates an object: a page, database, data source, block or the
// workspace.
type Parent struct {
	Type         string `json:"type,omitempty"`
	PageID       string `json:"page_id,omitempty"`
	DatabaseID   string `json:"database_id,omitempty"`
	DataSourceID string `json:"data_source_id,omitempty"`
	BlockID      string `json:"block_id,omitempty"`
	Workspace    bool   `json:"workspace,omitempty"`
}

// Icon is an emoji or an image.
type Icon struct {
	Type     string     `json:"type"`
	Emoji    string     `json:"emoji,omitempty"`
	External *FileURL   `json:"external,omitempty"`
	File     *FileURL   `json:"file,omitempty"`
	Custom   *CustomRef `json:"custom_emoji,omitempty"`
}

// CustomRef names a custom emoji.
type CustomRef struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}

// FileURL is the location of an external or Notion-hosted file.
type FileURL struct {
	URL        string `json:"url"`
	ExpiryTime string `json:"expiry_time,omitempty"`
}

// DataSourceRef names a data source of a database.
type DataSourceRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Database is a database. Under 2025-09-03 and later it is a container of
// data sources (DataSources set, Properties empty); under 2022-06-28 it is a
// single table with its schema in Properties.
type Database struct {
	Object         string          `json:"object"`
	ID             string          `json:"id"`
	Title          RichTexts       `json:"title"`
	Description    RichTexts       `json:"description"`
	Parent         Parent          `json:"parent"`
	IsInline       bool            `json:"is_inline"`
	IsLocked       bool            `json:"is_locked,omitempty"`
	InTrash        bool            `json:"in_trash"`
	Archived       *bool           `json:"archived,omitempty"`
	CreatedTime    time.Time       `json:"created_time"`
	LastEditedTime time.Time       `json:"last_edited_time"`
	CreatedBy      *User           `json:"created_by,omitempty"`
	LastEditedBy   *User           `json:"last_edited_by,omitempty"`
	DataSources    []DataSourceRef `json:"data_sources,omitempty"`
	Properties     Schema          `json:"properties,omitempty"`
	Icon           *Icon           `json:"icon"`
	Cover          *Icon           `json:"cover"`
	URL            string          `json:"url"`
	PublicURL      *string         `json:"public_url"`
}

// DataSource is a table of a database (2025-09-03 and later): it holds the
// schema and the rows.
type DataSource struct {
	Object         string    `json:"object"`
	ID             string    `json:"id"`
	Title          RichTexts `json:"title"`
	Description    RichTexts `json:"description"`
	Parent         Parent    `json:"parent"`
	DatabaseParent *Parent   `json:"database_parent,omitempty"`
	IsInline       bool      `json:"is_inline"`
	InTrash        bool      `json:"in_trash"`
	Archived       *bool     `json:"archived,omitempty"`
	CreatedTime    time.Time `json:"created_time"`
	LastEditedTime time.Time `json:"last_edited_time"`
	CreatedBy      *User     `json:"created_by,omitempty"`
	LastEditedBy   *User     `json:"last_edited_by,omitempty"`
	Properties     Schema    `json:"properties"`
	Icon           *Icon     `json:"icon"`
	Cover          *Icon     `json:"cover"`
	URL            string    `json:"url"`
	PublicURL      *string   `json:"public_url"`
}

// DatabaseID returns the ID of the database that holds the data source.
func (d *DataSource) DatabaseID() string {
	if d.Parent.DatabaseID != "" {
		return d.Parent.DatabaseID
	}
	return ""
}

// AsDataSource presents a 2022-06-28 database (one table with its schema) as
// a data source, so that callers can treat both versions alike. The data
// source takes the database's ID, as 2022-06-28 queries address databases.
func (d *Database) AsDataSource() *DataSource {
	return &DataSource{
		Object: "data_source", ID: d.ID, Title: d.Title, Description: d.Description,
		Parent: Parent{Type: "database_id", DatabaseID: d.ID}, DatabaseParent: &d.Parent,
		IsInline: d.IsInline, InTrash: d.InTrash, Archived: d.Archived,
		CreatedTime: d.CreatedTime, LastEditedTime: d.LastEditedTime,
		CreatedBy: d.CreatedBy, LastEditedBy: d.LastEditedBy,
		Properties: d.Properties, Icon: d.Icon, Cover: d.Cover, URL: d.URL, PublicURL: d.PublicURL,
	}
}

// Page is a page, standalone or a row of a data source.
type Page struct {
	Object         string    `json:"object"`
	ID             string    `json:"id"`
	CreatedTime    time.Time `json:"created_time"`
	LastEditedTime time.Time `json:"last_edited_time"`
	CreatedBy      *User     `json:"created_by,omitempty"`
	LastEditedBy   *User     `json:"last_edited_by,omitempty"`
	InTrash        bool      `json:"in_trash"`
	Archived       *bool     `json:"archived,omitempty"`
	// IsArchived is the archive flag of newer answers, apart from the
	// trash (InTrash); Archived is the older name for the trash.
	IsArchived bool                     `json:"is_archived,omitempty"`
	IsLocked   bool                     `json:"is_locked,omitempty"`
	URL        string                   `json:"url"`
	PublicURL  *string                  `json:"public_url"`
	Parent     Parent                   `json:"parent"`
	Icon       *Icon                    `json:"icon"`
	Cover      *Icon                    `json:"cover"`
	Properties map[string]PropertyValue `json:"properties"`
}

// Title returns the plain text of the page's title property.
func (p *Page) Title() string {
	for _, v := range p.Properties {
		if v.Type == PropTitle {
			return v.Title.Plain()
		}
	}
	return ""
}

// SearchResult is one result of a search: a page, a data source (2025-09-03
// and later) or a database (2022-06-28). Exactly one pointer is set,
// matching Object.
type SearchResult struct {
	Object     string
	Page       *Page
	DataSource *DataSource
	Database   *Database
	// Raw keeps a result of an unknown object type.
	Raw json.RawMessage
}

// Title returns the result's title as plain text: a page's, a data
// source's or a database's; "" for a result of an unknown type.
func (r SearchResult) Title() string {
	switch {
	case r.Page != nil:
		return r.Page.Title()
	case r.DataSource != nil:
		return r.DataSource.Title.Plain()
	case r.Database != nil:
		return r.Database.Title.Plain()
	}
	return ""
}

// ID returns the ID of the result.
func (r SearchResult) ID() string {
	switch {
	case r.Page != nil:
		return r.Page.ID
	case r.DataSource != nil:
		return r.DataSource.ID
	case r.Database != nil:
		return r.Database.ID
	}
	var head struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(r.Raw, &head)
	return head.ID
}

// UnmarshalJSON decodes a search result by its "object" field.
func (r *SearchResult) UnmarshalJSON(b []byte) error {
	object, err := objectOf(b)
	if err != nil {
		return err
	}
	*r = SearchResult{Object: object}
	switch object {
	case "page":
		r.Page = new(Page)
		return decodePage(b, r.Page)
	case "data_source":
		r.DataSource = new(DataSource)
		return json.Unmarshal(b, r.DataSource)
	case "database":
		r.Database = new(Database)
		return json.Unmarshal(b, r.Database)
	}
	r.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// objectOf returns the "object" member of the JSON object b, reading b
// only as far as that member: Notion writes it first, so the rest is read
// once, by the decoding of the kind it names. b is valid JSON (an answer
// encoding/json has read); what members cannot read as it stands is
// decoded in full.
func objectOf(b []byte) (string, error) {
	const first = `{"object":"`
	if rest, ok := bytes.CutPrefix(b, []byte(first)); ok {
		if end := bytes.IndexAny(rest, `"\\`); end >= 0 && rest[end] == '"' {
			return string(rest[:end]), nil
		}
	}
	var object []byte
	found := false
	walked := members(b, func(key, value []byte) bool {
		if string(key) != "object" {
			return true
		}
		object, found = plainValue(value)
		return false
	})
	if walked && found {
		return string(object), nil
	}
	var head struct {
		Object string `json:"object"`
	}
	err := json.Unmarshal(b, &head)
	return head.Object, err
}

// AsDataSource returns the table a result names, under every version: a
// data source as it is, a database (2022-06-28) as a data source (see
// Database.AsDataSource); nil for a page or an unknown kind.
func (r SearchResult) AsDataSource() *DataSource {
	switch {
	case r.DataSource != nil:
		return r.DataSource
	case r.Database != nil:
		return r.Database.AsDataSource()
	}
	return nil
}

// MarshalJSON encodes the result as the object it holds.
func (r SearchResult) MarshalJSON() ([]byte, error) {
	switch {
	case r.Page != nil:
		return json.Marshal(r.Page)
	case r.DataSource != nil:
		return json.Marshal(r.DataSource)
	case r.Database != nil:
		return json.Marshal(r.Database)
	case r.Raw != nil:
		return r.Raw, nil
	}
	return []byte("null"), nil
}

// PropertyItem is one element of a page property read through the
// property-item endpoint. For paginated types (title, rich_text, people,
// relation, rollup) the endpoint returns a list of items, each holding one
// element; other types return a single item.
type PropertyItem struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	PropertyValue
}

// UnmarshalJSON decodes an item; its value uses the same field names as a
// property value, except that title and rich_text hold one rich text object
// and people one user.
func (it *PropertyItem) UnmarshalJSON(b []byte) error {
	var head struct {
		Object   string          `json:"object"`
		ID       string          `json:"id"`
		Type     PropertyType    `json:"type"`
		Title    json.RawMessage `json:"title"`
		RichText json.RawMessage `json:"rich_text"`
		People   json.RawMessage `json:"people"`
		Relation json.RawMessage `json:"relation"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return err
	}
	it.Object, it.ID = head.Object, head.ID
	single := func(raw json.RawMessage) json.RawMessage {
		if len(raw) > 0 && raw[0] == '{' {
			return json.RawMessage("[" + string(raw) + "]")
		}
		return raw
	}
	switch head.Type {
	case PropTitle, PropRichText, PropPeople, PropRelation:
		// Rewrite the single element as a one-element array so that the
		// value decodes like a page property value.
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return err
		}
		key := string(head.Type)
		m[key] = single(m[key])
		nb, err := json.Marshal(m)
		if err != nil {
			return err
		}
		return json.Unmarshal(nb, &it.PropertyValue)
	}
	return json.Unmarshal(b, &it.PropertyValue)
}

// PropertyItemList is the answer of the property-item endpoint for paginated
// property types.
type PropertyItemList struct {
	List[PropertyItem]
	PropertyItem *struct {
		ID      string          `json:"id"`
		Type    PropertyType    `json:"type"`
		NextURL *string         `json:"next_url"`
		Rollup  json.RawMessage `json:"rollup,omitempty"`
	} `json:"property_item,omitempty"`
}

// TokenResponse is the answer of the OAuth token endpoint.
type TokenResponse struct {
	AccessToken          string  `json:"access_token"`
	TokenType            string  `json:"token_type"`
	RefreshToken         string  `json:"refresh_token,omitempty"`
	BotID                string  `json:"bot_id"`
	WorkspaceID          string  `json:"workspace_id"`
	WorkspaceName        string  `json:"workspace_name,omitempty"`
	WorkspaceIcon        string  `json:"workspace_icon,omitempty"`
	Owner                *Owner  `json:"owner,omitempty"`
	DuplicatedTemplateID *string `json:"duplicated_template_id,omitempty"`
	RequestID            string  `json:"request_id,omitempty"`
}

// IntrospectResponse is the answer of the OAuth introspect endpoint.
type IntrospectResponse struct {
	Active    bool   `json:"active"`
	Scope     string `json:"scope,omitempty"`
	IssuedAt  int64  `json:"iat,omitempty"`
	RequestID string `json:"request_id,omitempty"`
}

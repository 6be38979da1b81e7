package notionapi

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"time"
)

// Comment is a comment on a page or a block (SDK-T:comments
// CommentObjectResponse). A connection that may add comments but not read
// them gets back only Object and ID.
type Comment struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// Parent is the page (page_id) or block (block_id) commented on.
	Parent         Parent    `json:"parent"`
	DiscussionID   string    `json:"discussion_id"`
	CreatedTime    time.Time `json:"created_time"`
	LastEditedTime time.Time `json:"last_edited_time"`
	CreatedBy      *User     `json:"created_by,omitempty"`
	RichText       RichTexts `json:"rich_text"`
	// DisplayName is the name the comment is shown under: the user's, the
	// integration's, or a custom one.
	DisplayName *CommentDisplayName `json:"display_name,omitempty"`
}

// CommentDisplayName is how a comment's author is shown.
type CommentDisplayName struct {
	Type         string  `json:"type"` // "user", "integration" or "custom"
	ResolvedName *string `json:"resolved_name"`
}

// Author names who wrote the comment, as well as the answer allows: the
// display name, else the author's name, else "".
func (c *Comment) Author() string {
	if c.DisplayName != nil && c.DisplayName.ResolvedName != nil && *c.DisplayName.ResolvedName != "" {
		return *c.DisplayName.ResolvedName
	}
	if c.CreatedBy != nil {
		return userName(*c.CreatedBy)
	}
	return ""
}

// ListComments returns one page of the comments on a page or a block,
// oldest first. It needs the "read comments" capability.
func (c *Client) ListComments(ctx context.Context, blockID string, p ListParams) (*List[Comment], error) {
	blockID, err := pathID("page or block", blockID)
	if err != nil {
		return nil, err
	}
	q := listQuery(p)
	q.Set("block_id", blockID)
	var l List[Comment]
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/comments", query: q}, &l); err != nil {
		return nil, err
	}
	return &l, nil
}

// ListCommentsAll iterates over every comment on a page or a block.
func (c *Client) ListCommentsAll(ctx context.Context, blockID string) iter.Seq2[Comment, error] {
	return paginateOp("GET /v1/comments?block_id="+url.QueryEscape(blockID), func(cursor string) (*List[Comment], error) {
		return c.ListComments(ctx, blockID, ListParams{StartCursor: cursor, PageSize: MaxPageSize})
	})
}

// GetComment returns a comment by ID.
func (c *Client) GetComment(ctx context.Context, id string) (*Comment, error) {
	id, err := pathID("comment", id)
	if err != nil {
		return nil, err
	}
	var cm Comment
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/comments/" + id}, &cm); err != nil {
		return nil, err
	}
	return &cm, nil
}

// CreateCommentParams is the body of a new comment: on a page or a block
// (Parent), starting a discussion, or a reply in DiscussionID. Exactly one
// of Parent and DiscussionID is set, and one of RichText and Markdown.
type CreateCommentParams struct {
	Parent       *Parent   `json:"parent,omitempty"`
	DiscussionID string    `json:"discussion_id,omitempty"`
	RichText     RichTexts `json:"rich_text,omitempty"`
	Markdown     string    `json:"markdown,omitempty"`
}

// CommentOnPage returns the parameters of a new discussion on a page, in plain
// text.
func CommentOnPage(pageID, text string) CreateCommentParams {
	return CreateCommentParams{Parent: &Parent{PageID: pageID}, RichText: PlainText(text)}
}

// CreateComment adds a comment. It needs the "insert comments"
// capability. Like every write it is never retried after a server error
// or a broken connection, since the comment may have been saved: see
// APIError.Ambiguous and NetworkError.Dropped.
func (c *Client) CreateComment(ctx context.Context, p CreateCommentParams) (*Comment, error) {
	switch {
	case (p.Parent == nil) == (p.DiscussionID == ""):
		return nil, errors.New("notionapi: a comment needs a parent or a discussion ID, not both")
	case (len(p.RichText) == 0) == (p.Markdown == ""):
		return nil, errors.New("notionapi: a comment needs its text, as rich text or as Markdown")
	}
	if p.Parent != nil {
		parent := *p.Parent
		var err error
		switch {
		case parent.PageID != "":
			parent.PageID, err = pathID("page", parent.PageID)
		case parent.BlockID != "":
			parent.BlockID, err = pathID("block", parent.BlockID)
		default:
			err = errors.New("notionapi: a comment's parent is a page or a block")
		}
		if err != nil {
			return nil, err
		}
		p.Parent = &parent
	}
	var cm Comment
	if err := c.do(ctx, request{method: http.MethodPost, path: "/v1/comments", body: p}, &cm); err != nil {
		return nil, err
	}
	return &cm, nil
}

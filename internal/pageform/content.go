package pageform

import (
	"context"
	"errors"
	"fmt"

	"github.com/notion-tui/notion-tui/notionapi"
)

// ContentError is content that was not all added to a page that exists:
// an append failed after the create. It says what the page holds; nothing
// was sent twice.
type ContentError struct {
	PageID, URL string
	// Added counts the top-level blocks known to be on the page, Total
	// those of the content; the failed batch held the blocks Added+1 to
	// Added+Batch.
	Added, Total, Batch int
	Err                 error
	// Unsure is set when the failed batch may have been added all the
	// same: Notion's answer was lost and reading the page back did not
	// settle it (or was interrupted).
	Unsure bool
	// Found is the number of top-level blocks the page was found to hold
	// when it was read back after a lost answer; -1 when it was not read.
	Found int
}

func (e *ContentError) Error() string {
	where := e.URL
	if where == "" {
		where = e.PageID
	}
	from, to := e.Added+1, e.Added+e.Batch
	var what string
	switch {
	case errors.Is(e.Err, context.Canceled):
		what = fmt.Sprintf("adding blocks %d to %d was interrupted: they may have been added", from, to)
	case e.Unsure && e.Found >= 0:
		what = fmt.Sprintf("adding blocks %d to %d failed (%s), and the page was found to hold %d top-level blocks, which does not say which were added", from, to, Failure(e.Err), e.Found)
	case e.Unsure:
		what = fmt.Sprintf("adding blocks %d to %d failed (%s), and whether they were added could not be checked", from, to, Failure(e.Err))
	case e.Found >= 0:
		what = fmt.Sprintf("adding blocks %d to %d failed (%s); reading the page back shows they were not added", from, to, Failure(e.Err))
	default:
		what = fmt.Sprintf("adding blocks %d to %d failed: %v", from, to, e.Err)
	}
	return fmt.Sprintf("the page was created with the first %d of its %d top-level blocks, but %s. Nothing was sent twice. "+
		"The page is at %s: add the rest of the content there, or delete the page and create it again.", e.Added, e.Total, what, where)
}

func (e *ContentError) Unwrap() error { return e.Err }

// AppendContent adds to a page just created the content its create
// request could not carry (Page.Rest), batch after batch. sent is the
// number of top-level blocks the create carried. progress, when not nil,
// is told how many top-level blocks are on the page after each batch.
//
// A batch answered with an error that may hide a success (a lost answer,
// a 5xx) is never sent again: a 503 that says what it saved is taken at
// its word, and otherwise the page's blocks are counted to see whether the
// batch was added. When it was, the next batch follows; when it was not,
// or when that cannot be told, AppendContent stops with a *ContentError
// that says what the page holds.
func AppendContent(ctx context.Context, c *notionapi.Client, page *notionapi.Page, sent int, rest [][]notionapi.Block, progress func(added, total int)) error {
	total := sent
	for _, b := range rest {
		total += len(b)
	}
	added := sent
	for _, batch := range rest {
		_, err := c.AppendBlockChildren(ctx, page.ID, batch)
		if err == nil || savedAll(err, len(batch)) {
			added += len(batch)
			if progress != nil {
				progress(added, total)
			}
			continue
		}
		ce := &ContentError{PageID: page.ID, URL: page.URL, Added: added, Total: total, Batch: len(batch), Err: err, Found: -1}
		if ctx.Err() != nil || !Ambiguous(err) {
			return ce
		}
		// The answer was lost: count what the page holds.
		n, cerr := countChildren(ctx, c, page.ID)
		switch {
		case cerr != nil:
			ce.Unsure = true
		case n == added+len(batch):
			added = n
			if progress != nil {
				progress(added, total)
			}
			continue
		case n == added:
			ce.Found = n
		default:
			ce.Found, ce.Unsure = n, true
		}
		return ce
	}
	return nil
}

// savedAll reports whether err is a 503 after which Notion says it saved
// the whole batch (committed_child_ids).
func savedAll(err error, n int) bool {
	var apiErr *notionapi.APIError
	return errors.As(err, &apiErr) && apiErr.Committed() && len(apiErr.CommittedChildIDs()) == n
}

// countChildren counts the top-level blocks of a page.
func countChildren(ctx context.Context, c *notionapi.Client, pageID string) (int, error) {
	n := 0
	for _, err := range c.ListBlockChildrenAll(ctx, pageID) {
		if err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

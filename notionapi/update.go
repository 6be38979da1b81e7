package notionapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// UpdatePageParams is a change to a page: the properties to set, by name
// or ID (the others keep their values), and whether the page goes to the
// trash or leaves it.
type UpdatePageParams struct {
	// Properties are the new values. An empty value clears a property:
	// a nil Number, Select or Date, an empty list, empty text.
	Properties map[string]PropertyValue
	// InTrash moves the page to the trash (true) or restores it (false);
	// nil leaves it where it is. It is sent as in_trash from 2026-03-11
	// on and as archived before (see TrashField).
	InTrash *bool
}

// TrashField is the name of the trash flag in page updates under version
// v: "archived" before 2026-03-11, which drops it, "in_trash" from then
// on (an empty or unparsable version is taken as the newest).
func TrashField(v string) string {
	if len(v) == len("2006-01-02") && v < Version20260311 {
		return "archived"
	}
	return "in_trash"
}

// body is the PATCH body under version v.
func (p UpdatePageParams) body(v string) map[string]any {
	b := map[string]any{}
	if len(p.Properties) > 0 {
		b["properties"] = p.Properties
	}
	if p.InTrash != nil {
		b[TrashField(v)] = *p.InTrash
	}
	return b
}

// ErrNothingToUpdate is the error of an update that changes nothing.
var ErrNothingToUpdate = errors.New("notionapi: the update sets no property and does not move the page to or from the trash")

// UpdatePage changes a page's properties, or moves it to or from the
// trash (see TrashPage and RestorePage), and returns the page as saved.
// Notion refuses any change to a page in the trash but its restoring.
//
// An update is never sent twice. When its answer is lost (a 5xx, a
// connection broken after the request was sent, a timeout), the page is
// read back instead, and the error is an *UnconfirmedUpdateError that
// says whether the page holds what was sent (UpdateApplied), does not
// (UpdateNotApplied), or could not be read (UpdateUnknown); with the
// first two, the page as read is returned beside the error. A cancelled
// context ends the call without reading back.
func (c *Client) UpdatePage(ctx context.Context, id string, p UpdatePageParams) (*Page, error) {
	id, err := pathID("page", id)
	if err != nil {
		return nil, err
	}
	if len(p.Properties) == 0 && p.InTrash == nil {
		return nil, ErrNothingToUpdate
	}
	var pg Page
	err = c.do(ctx, request{method: http.MethodPatch, path: "/v1/pages/" + id, body: p.body(c.Version())}, &pg)
	switch {
	case err == nil:
		return &pg, nil
	case ctx.Err() != nil || !Ambiguous(err):
		return nil, err
	}
	return c.confirmUpdate(ctx, id, p, err)
}

// TrashPage moves a page to the trash. Trashing a page already there
// succeeds.
func (c *Client) TrashPage(ctx context.Context, id string) (*Page, error) {
	t := true
	return c.UpdatePage(ctx, id, UpdatePageParams{InTrash: &t})
}

// RestorePage takes a page out of the trash. Restoring a page that is not
// there succeeds.
func (c *Client) RestorePage(ctx context.Context, id string) (*Page, error) {
	f := false
	return c.UpdatePage(ctx, id, UpdatePageParams{InTrash: &f})
}

// Ambiguous reports whether a failed write may have been applied all the
// same, so that it must not be sent again before the object is read:
// Notion failed after receiving it (a 5xx other than 529, including a
// write it says it saved), the connection broke after it was sent, or no
// answer came in time.
func Ambiguous(err error) bool {
	var (
		apiErr *APIError
		netErr *NetworkError
		tmoErr *TimeoutError
	)
	switch {
	case errors.As(err, &apiErr):
		return apiErr.Ambiguous()
	case errors.As(err, &netErr):
		return netErr.Dropped()
	}
	return errors.As(err, &tmoErr)
}

// UpdateState is what reading a page back says of an update whose answer
// was lost.
type UpdateState int

const (
	// UpdateUnknown: the page could not be read back.
	UpdateUnknown UpdateState = iota
	// UpdateApplied: the page holds every value sent (the update was
	// saved, or someone made the same change).
	UpdateApplied
	// UpdateNotApplied: the page does not hold what was sent.
	UpdateNotApplied
)

func (s UpdateState) String() string {
	switch s {
	case UpdateApplied:
		return "applied"
	case UpdateNotApplied:
		return "not applied"
	}
	return "unknown"
}

// UnconfirmedUpdateError is an update whose answer was lost, resolved by
// reading the page back rather than by sending the update again. It
// unwraps to the failure (an *APIError, *NetworkError or *TimeoutError).
type UnconfirmedUpdateError struct {
	PageID string
	// Err is how the update failed.
	Err error
	// State says whether the page holds what was sent.
	State UpdateState
	// Page is the page as read back; nil when State is UpdateUnknown.
	Page *Page
	// ReadErr is why the page could not be read back.
	ReadErr error
	// Differs names what the page does not hold: property names (as the
	// update gave them) and "in_trash".
	Differs []string
}

func (e *UnconfirmedUpdateError) Error() string {
	head := fmt.Sprintf("notion: updating page %s: the answer was lost (%s)", e.PageID, FailureText(e.Err))
	switch e.State {
	case UpdateApplied:
		return head + ", but the page read back holds the values sent: the update was saved; it was not sent again"
	case UpdateNotApplied:
		return head + fmt.Sprintf("; the page read back does not hold what was sent for %s: the update was not saved; it was not sent again",
			strings.Join(e.Differs, ", "))
	}
	return head + fmt.Sprintf(", and reading the page back failed (%s): whether the update was saved is unknown; it was not sent again",
		FailureText(e.ReadErr))
}

func (e *UnconfirmedUpdateError) Unwrap() error { return e.Err }

// FailureText says in a few words how a request failed: "Notion answered
// 500 internal_server_error", "the connection was closed before an answer
// arrived", "no answer within 1m0s".
func FailureText(err error) string {
	var (
		apiErr *APIError
		netErr *NetworkError
		tmoErr *TimeoutError
	)
	switch {
	case err == nil:
		return "no error"
	case errors.As(err, &apiErr):
		code := apiErr.Code
		if code == "" {
			code = http.StatusText(apiErr.Status)
		}
		return fmt.Sprintf("Notion answered %d %s", apiErr.Status, code)
	case errors.As(err, &netErr):
		return netErr.Reason()
	case errors.As(err, &tmoErr):
		return fmt.Sprintf("no answer within %s", tmoErr.After)
	}
	return err.Error()
}

// confirmUpdate reads the page after an update whose answer was lost and
// says whether it holds what was sent.
func (c *Client) confirmUpdate(ctx context.Context, id string, p UpdatePageParams, failure error) (*Page, error) {
	e := &UnconfirmedUpdateError{PageID: id, Err: failure}
	pg, err := c.GetPage(ctx, id)
	if err != nil {
		e.ReadErr = err
		return nil, e
	}
	e.Page = pg
	if e.Differs, err = c.Differences(ctx, pg, p); err != nil {
		e.Page, e.ReadErr = nil, err
		return nil, e
	}
	e.State = UpdateApplied
	if len(e.Differs) > 0 {
		e.State = UpdateNotApplied
	}
	return pg, e
}

// refCap is how many references a page answer holds per property.
const refCap = 25

// Differences lists what pg does not hold of the update p: the property
// keys of p (sorted) whose values differ (SameValue), and "in_trash" when
// the page is not where p moves it. A relation or people list that the
// page answer may have cut at 25 references is read in full first.
func (c *Client) Differences(ctx context.Context, pg *Page, p UpdatePageParams) ([]string, error) {
	var out []string
	for key, want := range p.Properties {
		_, got, ok := pg.PropertyOf(key)
		if !ok {
			out = append(out, key)
			continue
		}
		if got.HasMore || (got.Type == PropRelation || got.Type == PropPeople) && (len(want.Relation) > refCap || len(want.People) > refCap) {
			full, err := c.GetPropertyValue(ctx, pg.ID, got.ID)
			if err != nil {
				return nil, err
			}
			full.Type = got.Type
			got = full
		}
		if !SameValue(want, got) {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	if p.InTrash != nil && pg.Trashed() != *p.InTrash {
		out = append(out, "in_trash")
	}
	return out, nil
}

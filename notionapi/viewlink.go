package notionapi

import (
	"net/url"
	"strings"
)

// NotionLink is what a Notion link or ID names. A database link may carry a
// view (…/Tasks-<database>?v=<view>, where v= is a view ID, not a data
// source) and a page open beside it (&p=<page>).
type NotionLink struct {
	// ID is the object of the link's path, or the ID itself when the
	// input is an ID: for a database link, the database.
	ID string
	// ViewID is the v= of a database link, "" when there is none.
	ViewID string
	// PageID is a page peeked in the link (p=), "" when there is none.
	PageID string
	// URL says the input was a link rather than a bare ID: the ID of a
	// database's link is the database's, not a data source's.
	URL bool
}

// ParseLink reads an ID or a Notion link, keeping the view (v=) and the
// peeked page (p=) that ParseID leaves out. ID follows ParseID's rules
// except that a peeked page does not replace the path's object.
func ParseLink(s string) (NotionLink, error) {
	trimmed := strings.Trim(strings.TrimSpace(s), "\"'`<>")
	if id, query, ok := strings.Cut(trimmed, "?"); ok && !looksLikeURL(trimmed) && (reHex32().MatchString(id) || reDashed().MatchString(id)) {
		// An ID with a link's query: <database>?v=<view>.
		trimmed = "https://www.notion.so/" + CompactID(id) + "?" + query
	}
	if !looksLikeURL(trimmed) {
		id, err := ParseID(s)
		return NotionLink{ID: id}, err
	}
	raw := trimmed
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return NotionLink{}, &IDError{Input: s, Reason: "the link cannot be parsed"}
	}
	l := NotionLink{URL: true}
	q := u.Query()
	if v := q.Get("v"); v != "" {
		if id, err := ParseID(v); err == nil && !strings.Contains(v, "/") {
			l.ViewID = id
		}
	}
	if p := q.Get("p"); p != "" {
		if id, err := ParseID(p); err == nil && !strings.Contains(p, "/") {
			l.PageID = id
		}
	}
	// The object of the path: ParseID without the peeked page.
	q.Del("p")
	u.RawQuery = q.Encode()
	if l.ID, err = idFromURL(s, u.String()); err != nil {
		if l.PageID == "" {
			return NotionLink{}, err
		}
		l.ID = l.PageID
	}
	return l, nil
}

// ViewLink returns the link of a view of a database: the database's link
// (or, without one, notion.so/<database>) with ?v=<view>.
func ViewLink(databaseURL, databaseID, viewID string) string {
	base := databaseURL
	if base == "" {
		base = "https://www.notion.so/" + CompactID(databaseID)
	}
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	q.Set("v", CompactID(viewID))
	u.RawQuery = q.Encode()
	return u.String()
}

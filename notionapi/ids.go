package notionapi

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// IDError says why a string is not a Notion ID or URL.
type IDError struct {
	Input  string
	Reason string
}

func (e *IDError) Error() string {
	in := e.Input
	if len(in) > 80 {
		in = in[:77] + "..."
	}
	return fmt.Sprintf("%q is not a Notion ID or URL: %s (expected a UUID such as 1c2d3e4f-5a6b-7c8d-9e0f-a1b2c3d4e5f6, the same without dashes, or a notion.so / notion.site link)", in, e.Reason)
}

var (
	reDashed = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	})
	reHex32  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-fA-F]{32}$`) })
	reHexRun = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[^0-9a-fA-F-])([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:$|[^0-9a-fA-F-])`)
	})
	reSegment = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[-/])([0-9a-fA-F]{32})$`) })
)

// ParseID accepts an object ID with or without dashes, or a Notion URL
// that carries one, and returns the dashed, lower-case form the API uses.
//
// For URLs a peeked page (?p=…) comes first, then the ID in the path (a
// view ID in ?v=… is never taken), then page_id=, database_id= or
// data_source_id= query parameters, then a block anchor (#…). Surrounding whitespace, quotes and angle brackets are ignored.
func ParseID(s string) (string, error) {
	in := s
	s = strings.Trim(strings.TrimSpace(s), "\"'`<>")
	if s == "" {
		return "", &IDError{Input: in, Reason: "it is empty"}
	}
	if reDashed().MatchString(s) {
		return strings.ToLower(s), nil
	}
	if reHex32().MatchString(s) {
		return dashed(s), nil
	}
	if looksLikeURL(s) {
		return idFromURL(in, s)
	}
	if m := reHexRun().FindStringSubmatch(s); m != nil {
		return dashed(strings.ReplaceAll(m[1], "-", "")), nil
	}
	reason := "it has no 32-character hexadecimal ID"
	if h := strings.ReplaceAll(s, "-", ""); len(h) > 0 && len(h) != 32 && isHex(h) {
		reason = fmt.Sprintf("it has %d hexadecimal digits, not 32", len(h))
	}
	return "", &IDError{Input: in, Reason: reason}
}

func looksLikeURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") ||
		strings.HasPrefix(l, "www.notion.so/") || strings.HasPrefix(l, "notion.so/") ||
		strings.Contains(l, ".notion.site/")
}

func idFromURL(in, s string) (string, error) {
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", &IDError{Input: in, Reason: "the link cannot be parsed"}
	}
	// 1. A peeked page (?p=<id>) is what the link shows, not the database
	// in the path.
	q := u.Query()
	if v := q.Get("p"); v != "" {
		if id, err := ParseID(v); err == nil {
			return id, nil
		}
	}
	// 2. The last path segment that ends with an ID: /Title-<hex> or /<hex>.
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	for i := len(segs) - 1; i >= 0; i-- {
		seg := segs[i]
		if reDashed().MatchString(seg) {
			return strings.ToLower(seg), nil
		}
		if m := reSegment().FindStringSubmatch(seg); m != nil {
			return dashed(m[1]), nil
		}
	}
	// 3. Query parameters that name the object.
	for _, k := range []string{"page_id", "database_id", "data_source_id"} {
		if v := q.Get(k); v != "" {
			if id, err := ParseID(v); err == nil {
				return id, nil
			}
		}
	}
	// 4. A block anchor: #<hex> or #block-<hex>.
	if f := strings.TrimPrefix(u.Fragment, "block-"); f != "" {
		if id, err := ParseID(f); err == nil {
			return id, nil
		}
	}
	return "", &IDError{Input: in, Reason: "the link has no page or database ID in it"}
}

func dashed(h string) string {
	h = strings.ToLower(h)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func isHex(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// CompactID returns an ID without dashes, the form Notion uses in URLs.
func CompactID(id string) string { return strings.ReplaceAll(id, "-", "") }

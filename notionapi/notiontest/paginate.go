package notiontest

import (
	"encoding/json"
	"math"
	"strconv"
)

// Page sizes and the per-query result cap.
const (
	defaultPageSize = 100
	maxPageSize     = 100
	queryResultCap  = 10000
)

// pageRequest is the start_cursor and page_size of a list request.
type pageRequest struct {
	cursor  string
	size    int
	section string // "body" or "query", for messages
}

// queryPaging reads start_cursor and page_size from the URL query.
func (c *call) queryPaging() (pageRequest, error) {
	q := c.r.URL.Query()
	pr := pageRequest{cursor: q.Get("start_cursor"), size: defaultPageSize, section: "query"}
	if raw := q.Get("page_size"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil {
			return pr, errShouldBe("query.page_size", "a number", raw)
		}
		pr.size = n
	}
	return pr, checkPageSize(pr, pr.size)
}

// bodyPaging reads start_cursor and page_size from the JSON body.
func (c *call) bodyPaging() (pageRequest, error) {
	pr := pageRequest{size: defaultPageSize, section: "body"}
	switch v := c.json["start_cursor"].(type) {
	case nil:
	case string:
		pr.cursor = v
	default:
		return pr, errShouldBe("body.start_cursor", "a string or `undefined`", v)
	}
	if v, ok := c.json["page_size"]; ok && v != nil {
		n, ok := v.(json.Number)
		if !ok {
			return pr, errShouldBe("body.page_size", "a number or `undefined`", v)
		}
		f, err := n.Float64()
		if err != nil || f != math.Trunc(f) {
			return pr, errShouldBe("body.page_size", "an integer", v)
		}
		pr.size = int(max(min(f, math.MaxInt32), math.MinInt32))
		return pr, checkPageSize(pr, v)
	}
	return pr, nil
}

// checkPageSize checks the size; got is the value as sent.
func checkPageSize(pr pageRequest, got any) error {
	path := pr.section + ".page_size"
	if pr.size > maxPageSize {
		return errShouldBe(path, "≤ `100`", got)
	}
	if pr.size < 1 {
		return errShouldBe(path, "≥ `1`", got)
	}
	return nil
}

// cursorInfo says where a list continues.
type cursorInfo struct {
	next       string
	more       bool
	incomplete bool // the result is capped: more results match than the chain reaches
}

// window is one page of a list.
type window[T any] struct {
	items []T
	cursorInfo
}

// paginate cuts one page out of all. The cursor is the ID of the first
// item of the page. limit caps how far a cursor chain reaches (0: no cap);
// every page of a capped result says so, and the last one has no more
// (D:reference/query-a-data-source).
func paginate[T any](all []T, id func(T) string, pr pageRequest, limit int) (window[T], error) {
	var w window[T]
	start := 0
	if pr.cursor != "" {
		start = -1
		for i, x := range all {
			if id(x) == pr.cursor {
				start = i
				break
			}
		}
		if start < 0 {
			return w, errValidation("The start_cursor provided is invalid: %s", pr.cursor)
		}
	}
	reach := len(all)
	if limit > 0 && reach > limit {
		reach = limit
		w.incomplete = true
	}
	start = min(start, reach)
	end := min(start+pr.size, reach)
	w.items = all[start:end]
	if end < reach {
		w.more = true
		w.next = id(all[end])
	}
	return w, nil
}

// list renders Notion's list envelope. request_status appears only on the
// pages of a capped result, as in Notion's answers, where an ordinary
// page has none (notion-api.md 2026 F).
func (c *call) list(typ string, results []any, ci cursorInfo) obj {
	if results == nil {
		results = []any{}
	}
	o := obj{
		{"object", "list"},
		{"results", results},
		{"next_cursor", nullable(ci.next)},
		{"has_more", ci.more},
		{"type", typ},
		{typ, obj{}},
	}
	if ci.incomplete {
		o = o.with("request_status", obj{{"type", "incomplete"}, {"incomplete_reason", "query_result_limit_reached"}})
	}
	return o.with("request_id", c.requestID)
}

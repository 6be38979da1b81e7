// Package seqread is the plain sequential read that the benchmarks
// measure notionapi.ReadAll against (go test -bench in notionapi, and
// go run ./bench): the official SDK's algorithm, paced like ReadAll.
package seqread

import (
	"context"
	"iter"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Rows reads every row of data source id that p's filter selects, one
// cursor at a time, in created_time order. When the result cap ends a
// chain, the next query starts at the last row's created_time, skipping
// the rows already seen at that instant; when a whole chain shares that
// instant it ends with notionapi.ErrResultLimit.
func Rows(ctx context.Context, c *notionapi.Client, id string, p notionapi.QueryParams) iter.Seq2[notionapi.Page, error] {
	return func(yield func(notionapi.Page, error) bool) {
		var from time.Time
		seenAtFrom := map[string]bool{}
		for {
			q := p
			q.PageSize = notionapi.MaxPageSize
			q.Sorts = []notionapi.Sort{{Timestamp: notionapi.CreatedTime, Direction: notionapi.Ascending}}
			if !from.IsZero() {
				bound := map[string]any{"timestamp": "created_time", "created_time": map[string]string{"on_or_after": from.UTC().Format(time.RFC3339Nano)}}
				if p.Filter == nil {
					q.Filter = bound
				} else {
					q.Filter = map[string]any{"and": []any{p.Filter, bound}}
				}
			}
			last, atLast := from, map[string]bool{}
			capped := false
			for {
				l, err := c.Query(ctx, id, q)
				if err != nil {
					yield(notionapi.Page{}, err)
					return
				}
				for _, r := range l.Results {
					if r.CreatedTime.After(last) {
						last, atLast = r.CreatedTime, map[string]bool{}
					}
					atLast[r.ID] = true
					if r.CreatedTime.Equal(from) && seenAtFrom[r.ID] {
						continue
					}
					if !yield(r, nil) {
						return
					}
				}
				capped = capped || l.Incomplete()
				if q.StartCursor = l.Cursor(); q.StartCursor == "" {
					break
				}
			}
			if !capped {
				return
			}
			if last.Equal(from) {
				yield(notionapi.Page{}, notionapi.ErrResultLimit)
				return
			}
			from, seenAtFrom = last, atLast
		}
	}
}

package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
)

// rawList is one page of a paginated answer, its results kept as JSON.
type rawList struct {
	Object        string                   `json:"object"`
	Results       []json.RawMessage        `json:"results"`
	NextCursor    *string                  `json:"next_cursor"`
	HasMore       bool                     `json:"has_more"`
	Type          string                   `json:"type,omitempty"`
	RequestStatus *notionapi.RequestStatus `json:"request_status,omitempty"`
	RequestID     string                   `json:"request_id,omitempty"`
}

func (l *rawList) cursor() string {
	if !l.HasMore || l.NextCursor == nil {
		return ""
	}
	return *l.NextCursor
}

// listRequest is a paginated endpoint: GET takes the cursor as a query
// parameter, POST in the body.
type listRequest struct {
	method string
	path   string
	query  url.Values
	body   map[string]any // POST body without start_cursor; nil for none
}

// fetch reads the page at cursor ("" for the first).
func (r listRequest) fetch(ctx context.Context, c *notionapi.Client, cursor string) (json.RawMessage, error) {
	if r.method == "GET" {
		q := url.Values{}
		for k, v := range r.query {
			q[k] = v
		}
		if cursor != "" {
			q.Set("start_cursor", cursor)
		}
		return c.Do(ctx, "GET", r.path, q, nil)
	}
	body := map[string]any{}
	for k, v := range r.body {
		body[k] = v
	}
	if cursor != "" {
		body["start_cursor"] = cursor
	}
	var raw json.RawMessage
	if len(body) > 0 {
		raw = mustJSON(body)
	}
	return c.Do(ctx, r.method, r.path, r.query, raw)
}

// pages follows a list's cursors, leaving out results already sent. It
// stops with an error, rather than loop, when a server repeats a cursor,
// sends only rows it already sent, or sends empty pages that claim more.
func pages(ctx context.Context, c *notionapi.Client, r listRequest) iter.Seq2[*rawList, error] {
	return func(yield func(*rawList, error) bool) {
		g := newLoopGuard()
		cursor := ""
		for {
			raw, err := r.fetch(ctx, c, cursor)
			if err != nil {
				yield(nil, err)
				return
			}
			var l rawList
			if err := json.Unmarshal(raw, &l); err != nil {
				yield(nil, fmt.Errorf("the answer of %s %s is not a list: %w", r.method, r.path, err))
				return
			}
			fresh, err := g.page(l.Results, l.cursor())
			if err != nil {
				yield(nil, err)
				return
			}
			kept := l.Results[:0]
			for i, r := range l.Results {
				if fresh[i] {
					kept = append(kept, r)
				}
			}
			l.Results = kept
			if !yield(&l, nil) {
				return
			}
			if cursor = l.cursor(); cursor == "" {
				return
			}
		}
	}
}

// maxEmptyPages is how many empty pages in a row that claim more results
// end a read.
const maxEmptyPages = 20

// loopGuard notices a server that would keep a read going forever: the
// same cursor twice, a page of rows that were all sent already, or empty
// pages that keep claiming more. Notion does none of these; a broken proxy
// or a hostile server might.
type loopGuard struct {
	cursors map[string]bool
	ids     map[string]bool
	empty   int
	rows    int
}

func newLoopGuard() *loopGuard {
	return &loopGuard{cursors: map[string]bool{}, ids: map[string]bool{}}
}

// loopError ends a read that would not end.
type loopError struct {
	what string
	rows int
}

func (e *loopError) Error() string {
	return fmt.Sprintf("the server %s, so the read was stopped after %s rather than go on forever. "+
		"Notion does not do this: a proxy or a server other than Notion's is likely at fault (check --base-url and NOTION_BASE_URL)",
		e.what, textutil.Plural(e.rows, "result", "results"))
}

// page checks a page's results (rows with an "id", except property items,
// which share their property's) and the cursor it points to next. It
// returns which results are new: a row already sent is not new.
func (g *loopGuard) page(results []json.RawMessage, next string) ([]bool, error) {
	fresh := make([]bool, len(results))
	n := 0
	for i, r := range results {
		var head struct {
			Object string `json:"object"`
			ID     string `json:"id"`
		}
		if json.Unmarshal(r, &head) != nil || head.ID == "" || head.Object == "property_item" {
			fresh[i] = true
		} else if !g.ids[head.ID] {
			g.ids[head.ID] = true
			fresh[i] = true
		}
		if fresh[i] {
			n++
		}
	}
	sent := g.rows
	g.rows += n
	switch {
	case len(results) > 0 && n == 0:
		return fresh, &loopError{what: "sent a page of results it had already sent", rows: sent}
	case next == "":
		return fresh, nil
	case g.cursors[next]:
		return fresh, &loopError{what: "sent the same next_cursor twice (" + strconv.Quote(shorten(next, 24)) + ")", rows: g.rows}
	}
	g.cursors[next] = true
	if len(results) == 0 {
		if g.empty++; g.empty >= maxEmptyPages {
			return fresh, &loopError{what: fmt.Sprintf("sent %d empty pages in a row, each saying more results follow", g.empty), rows: g.rows}
		}
	} else {
		g.empty = 0
	}
	return fresh, nil
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// progress reports a long read on stderr, on one line that it redraws and
// clears at the end. It is silent unless stderr is a terminal and nothing
// else draws on that screen meanwhile: stdout prints nothing until the
// read ends (quietStdout), or it streams to a file. Rows streaming to the
// terminal, or into a pipe whose reader may draw there (less, head), get
// no progress line, which would be drawn over them.
type progress struct {
	w     io.Writer
	on    bool
	what  string
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func (a *app) newProgress(what string, quietStdout bool) *progress {
	toFile := !a.env.stdoutIsTerminal() && !a.env.StdoutIsPipe()
	return &progress{w: a.env.Stderr, on: a.env.StderrIsTerminal() && (quietStdout || toFile), what: what}
}

// update shows n, at most ten times a second.
func (p *progress) update(n int) {
	if p == nil || !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond {
		p.last = now
		p.shown = true
		fmt.Fprintf(p.w, "\r\x1b[K%s… %s", p.what, commas(n))
	}
}

// done clears the line.
func (p *progress) done() {
	if p == nil || !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// commas writes n with thousands separators: 12,000.
func commas(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + commas(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

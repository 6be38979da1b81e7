package notionapi

import (
	"bytes"
	"context"
	"encoding/json"
	"time"
)

// A chain read alone asks for its next page as soon as the page it has
// arrives, before decoding it: the server then prepares the next page
// while the client decodes this one, which is most of a page's time on a
// fast connection. The cursor is taken from the end of the answer, where
// Notion writes next_cursor after the results; once the page is decoded,
// a next page asked for with another cursor than the page's own is
// dropped unread, and the read asks for no more pages early: an answer
// laid out otherwise costs one request, never a row.

// prefetch is a chain's next page, asked for before the page before it
// was decoded.
type prefetch struct {
	cursor string
	cancel context.CancelFunc
	done   chan fetched // buffered: the request never waits for the chain
}

// fetched is a page's answer as it came, and its round trip.
type fetched struct {
	a   answer
	rtt time.Duration
	err error
}

// prefetchLocked asks for the page after the one s's worker has just
// received (body), when the chain is read alone, ends only where the
// server ends it, and has room for another page.
func (r *reader[T]) prefetchLocked(s *segment[T], body []byte) {
	if r.maxW < 2 || r.guessedWrong || r.closed || r.err != nil || s.desc || s.partner != nil || s.tail || !s.stop.Equal(s.hi) {
		return
	}
	cursor, ok := tailCursor(body)
	if !ok || cursor == "" || s.cursors[cursor] {
		return
	}
	i := r.indexLocked(s)
	if i < 0 || r.widthLocked() > 1 || !r.roomLocked(i) {
		return
	}
	q := s.params
	q.StartCursor = cursor
	ctx, cancel := context.WithCancel(r.ctx)
	p := &prefetch{cursor: cursor, cancel: cancel, done: make(chan fetched, 1)}
	s.ahead = p
	r.reserved += MaxPageSize
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		p.done <- r.fetch(ctx, q)
	}()
}

// dropAheadLocked forgets the chain's next page asked for early.
func (r *reader[T]) dropAheadLocked(s *segment[T]) {
	if s.ahead == nil {
		return
	}
	s.ahead.cancel()
	s.ahead = nil
	r.reserved -= MaxPageSize
}

// tailCursor finds next_cursor in the last bytes of a list answer, where
// Notion writes it after the results. ok is false when it is not there,
// or not a plain string or null; the guess is checked against the decoded
// answer before its page is used.
func tailCursor(body []byte) (cursor string, ok bool) {
	const key, tail = `"next_cursor"`, 1024
	b := bytes.TrimRight(body, " \t\r\n")
	b = b[max(0, len(b)-tail):]
	k := bytes.LastIndex(b, []byte(key))
	if k < 0 {
		return "", false
	}
	b = bytes.TrimLeft(b[k+len(key):], " \t\r\n")
	if len(b) == 0 || b[0] != ':' {
		return "", false
	}
	b = bytes.TrimLeft(b[1:], " \t\r\n")
	if bytes.HasPrefix(b, []byte("null")) {
		return "", true
	}
	if len(b) == 0 || b[0] != '"' {
		return "", false
	}
	end := bytes.IndexByte(b[1:], '"')
	if end < 0 || bytes.IndexByte(b[1:1+end], '\\') >= 0 {
		return "", false
	}
	if err := json.Unmarshal(b[:end+2], &cursor); err != nil {
		return "", false
	}
	return cursor, true
}

package apptest

import (
	"strings"
	"sync"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Gate holds the app's API calls at a known point: the first After calls
// that match pass, the next ones wait until Release. A test uses it to
// keep a stream going while it checks what happens meanwhile, or to
// cancel work before its next request is answered, without timing.
//
//	g := apptest.NewGate(apptest.IsQuery, 1)
//	ta := apptest.Start(t, srv, apptest.Config{OnRequest: g.OnRequest, ...})
//	<-g.Held() // the second query waits
//	... check the screen while the stream cannot end ...
//	g.Release()
type Gate struct {
	match func(notionapi.RequestInfo) bool
	after int

	mu       sync.Mutex
	n        int
	held     chan struct{} // closed when a call first waits
	heldOnce sync.Once
	open     chan struct{} // closed by Release
	openOnce sync.Once
}

// NewGate holds the calls that match after the first after of them.
func NewGate(match func(notionapi.RequestInfo) bool, after int) *Gate {
	return &Gate{match: match, after: after, held: make(chan struct{}), open: make(chan struct{})}
}

// OnRequest is the Config.OnRequest hook of the gate.
func (g *Gate) OnRequest(ri notionapi.RequestInfo) {
	if !g.match(ri) {
		return
	}
	g.mu.Lock()
	g.n++
	wait := g.n > g.after
	g.mu.Unlock()
	if !wait {
		return
	}
	g.heldOnce.Do(func() { close(g.held) })
	<-g.open
}

// Held is closed once a call waits at the gate.
func (g *Gate) Held() <-chan struct{} { return g.held }

// Release lets every waiting call, and every later one, through.
func (g *Gate) Release() { g.openOnce.Do(func() { close(g.open) }) }

// IsQuery matches the queries of a data source or database.
func IsQuery(ri notionapi.RequestInfo) bool {
	return ri.Method == "POST" && strings.HasSuffix(pathOnly(ri.Path), "/query")
}

func pathOnly(p string) string {
	path, _, _ := strings.Cut(p, "?")
	return path
}

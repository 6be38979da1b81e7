package cli

import (
	"context"
	"sync"
	"time"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// writeRecorder keeps what a command's writes showed about the token's
// capabilities (guide.EvidenceOf: a page created, a page changed) and
// records the latest in the profile when the command ends, as the app
// does, so that `doctor` and `auth status` show "granted (seen DATE)"
// after a `create` or an `update`.
type writeRecorder struct {
	store   *keystore.Store
	profile string
	kind    notionapi.TokenKind
	now     func() time.Time

	mu     sync.Mutex
	latest map[string]guide.Probe
}

// observe is the client's OnRequest hook: it runs on request goroutines
// and only notes the answer.
func (r *writeRecorder) observe(ri notionapi.RequestInfo) {
	p, ok := guide.EvidenceOf(ri.Method, ri.Path, ri.Body, r.kind, ri.Err)
	if !ok {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.latest == nil {
		r.latest = map[string]guide.Probe{}
	}
	r.latest[p.Capability] = p
}

// flush records what was noted. A store that cannot be written loses
// only the note: the command's own answer is what matters.
func (r *writeRecorder) flush() {
	r.mu.Lock()
	latest := r.latest
	r.latest = nil
	r.mu.Unlock()
	if len(latest) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for capability, p := range latest {
		if ev, ok := p.Record(r.now()); ok {
			_, _ = r.store.RecordEvidence(ctx, r.profile, capability, ev)
		}
	}
}

package ui

import (
	"context"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
)

// maxLogEntries bounds the request log.
const maxLogEntries = 2000

// Activity records the session's requests (for the request log and the
// status bar's spinner) from the client's hooks, which run on request
// goroutines, and wakes the app when something changed.
type Activity struct {
	mu       sync.Mutex
	entries  []notionapi.RequestInfo
	dropped  int
	inFlight int
	retry    *notionapi.RetryInfo
	notify   chan struct{}
	// evidenceAt is how many requests RecordEvidence has looked at.
	evidenceMu sync.Mutex
	evidenceAt int
}

// NewActivity returns an empty log.
func NewActivity() *Activity { return &Activity{notify: make(chan struct{}, 1)} }

// Hooks returns the client hooks that feed the log.
func (a *Activity) Hooks() notionapi.Hooks {
	return notionapi.Hooks{
		OnStart: func(notionapi.RequestInfo) {
			a.mu.Lock()
			a.inFlight++
			a.mu.Unlock()
			a.wake()
		},
		OnRequest: func(ri notionapi.RequestInfo) {
			a.mu.Lock()
			a.inFlight = max(0, a.inFlight-1)
			a.entries = append(a.entries, ri)
			if len(a.entries) > maxLogEntries {
				n := len(a.entries) - maxLogEntries
				a.entries = append(a.entries[:0:0], a.entries[n:]...)
				a.dropped += n
			}
			if a.retry != nil && a.retry.Method == ri.Method && a.retry.Path == ri.Path {
				a.retry = nil
			}
			a.mu.Unlock()
			a.wake()
		},
		OnRetry: func(ri notionapi.RetryInfo) {
			a.mu.Lock()
			a.retry = &ri
			a.mu.Unlock()
			a.wake()
		},
	}
}

// NoteMethod marks a note in the request log: a line that says what the
// app decided (how a view's rows are read), not a request.
const NoteMethod = "NOTE"

// Note adds a note to the request log. A nil Activity drops it.
func (a *Activity) Note(text string) {
	if a == nil {
		return
	}
	a.mu.Lock()
	a.entries = append(a.entries, notionapi.RequestInfo{Method: NoteMethod, Path: text, Start: time.Now()})
	if len(a.entries) > maxLogEntries {
		n := len(a.entries) - maxLogEntries
		a.entries = append(a.entries[:0:0], a.entries[n:]...)
		a.dropped += n
	}
	a.mu.Unlock()
	a.wake()
}

func (a *Activity) wake() {
	select {
	case a.notify <- struct{}{}:
	default:
	}
}

// Entries returns a copy of the log, oldest first, and how many older
// entries were dropped.
func (a *Activity) Entries() ([]notionapi.RequestInfo, int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]notionapi.RequestInfo(nil), a.entries...), a.dropped
}

// Len returns the number of logged requests.
func (a *Activity) Len() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.entries) + a.dropped
}

// InFlight returns the requests under way and the pending retry wait, if
// one has not passed yet.
func (a *Activity) InFlight(now time.Time) (int, *notionapi.RetryInfo) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.retry != nil && !now.Before(a.retry.Until) {
		a.retry = nil
	}
	if a.retry == nil {
		return a.inFlight, nil
	}
	r := *a.retry
	return a.inFlight, &r
}

// ActivityMsg says the request log or the requests in flight changed.
type ActivityMsg struct{}

// Wait returns a command that delivers ActivityMsg on the next change,
// or nothing once ctx ends.
func (a *Activity) Wait(ctx context.Context) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-a.notify:
			return ActivityMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}

package uitest

import (
	"sync"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Now is the fixed start of the test clock.
var Now = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)

// Clock is a clock that moves only when the test advances it.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at Now.
func NewClock() *Clock { return &Clock{t: Now} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// NewClient builds a client for the sandbox as the app's tests use it: no
// pacing and no automatic retries, so that every error reaches the screen
// at once.
func NewClient(t testing.TB, baseURL, token, version string, hooks notionapi.Hooks) *notionapi.Client {
	t.Helper()
	c, err := notionapi.NewClient(token, notionapi.WithBaseURL(baseURL), notionapi.WithVersion(version),
		notionapi.WithRate(0, 0), notionapi.WithMaxRetries(0), notionapi.WithHooks(hooks))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

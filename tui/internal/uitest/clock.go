package uitest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/notion-tui/notion-tui/keystore"
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

// Keyring is an in-memory keystore.Keyring. With Fail set, every call
// fails the way an absent Secret Service does; with FailSet, only writes
// fail (a keyring that answers but refuses to store).
type Keyring struct {
	mu      sync.Mutex
	items   map[string]string
	Fail    error
	FailSet error
}

// NewKeyring returns an empty keyring that works.
func NewKeyring() *Keyring { return &Keyring{items: map[string]string{}} }

// Get implements keystore.Keyring.
func (k *Keyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.Fail != nil {
		return "", k.Fail
	}
	v, ok := k.items[service+"/"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

// Set implements keystore.Keyring.
func (k *Keyring) Set(service, user, password string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.Fail != nil {
		return k.Fail
	}
	if k.FailSet != nil {
		return k.FailSet
	}
	k.items[service+"/"+user] = password
	return nil
}

// Delete implements keystore.Keyring.
func (k *Keyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.Fail != nil {
		return k.Fail
	}
	if _, ok := k.items[service+"/"+user]; !ok {
		return keyring.ErrNotFound
	}
	delete(k.items, service+"/"+user)
	return nil
}

// Has reports whether the keyring holds a secret for a profile.
func (k *Keyring) Has(user string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	_, ok := k.items[keystore.DefaultService+"/"+user]
	return ok
}

// ErrNoSecretService is how go-keyring fails on a machine without a
// Secret Service.
var ErrNoSecretService = errors.New(`exec: "dbus-launch": executable file not found in $PATH`)

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

// Package keyringtest is an in-memory keystore.Keyring for the tests of
// the app and the command line, so that no test reaches the OS keyring.
package keyringtest

import (
	"errors"
	"sync"

	"github.com/zalando/go-keyring"

	"github.com/notion-tui/notion-tui/keystore"
)

// Keyring is an in-memory, goroutine-safe keystore.Keyring. With Fail
// set, every call fails the way an absent Secret Service does; with
// FailSet, only writes fail (a keyring that answers but refuses to
// store). Set them before the keyring is shared, or with SetFail.
type Keyring struct {
	mu      sync.Mutex
	items   map[string]string
	Fail    error
	FailSet error
}

// New returns an empty keyring that works.
func New() *Keyring { return &Keyring{items: map[string]string{}} }

// ErrNoSecretService is how go-keyring fails on a machine without a
// Secret Service.
var ErrNoSecretService = errors.New(`exec: "dbus-launch": executable file not found in $PATH`)

func key(service, user string) string { return service + "\x00" + user }

// Get implements keystore.Keyring.
func (k *Keyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.Fail != nil {
		return "", k.Fail
	}
	v, ok := k.items[key(service, user)]
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
	k.items[key(service, user)] = password
	return nil
}

// Delete implements keystore.Keyring.
func (k *Keyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.Fail != nil {
		return k.Fail
	}
	if _, ok := k.items[key(service, user)]; !ok {
		return keyring.ErrNotFound
	}
	delete(k.items, key(service, user))
	return nil
}

// SetFail makes every later call fail with err (nil: work again), while
// the keyring may be in use.
func (k *Keyring) SetFail(err error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.Fail = err
}

// Has reports whether the keyring holds a secret for a profile.
func (k *Keyring) Has(user string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	_, ok := k.items[key(keystore.DefaultService, user)]
	return ok
}

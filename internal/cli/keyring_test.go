package cli

import (
	"errors"
	"sync"

	"github.com/zalando/go-keyring"
)

var errOSKeyring = errors.New("a test reached the OS keyring: give its Env a keyring")

// memKeyring is an in-memory, goroutine-safe keystore.Keyring; with fail
// set, every call fails as on a machine without a Secret Service.
type memKeyring struct {
	mu    sync.Mutex
	items map[string]string
	fail  error
}

func newMemKeyring() *memKeyring { return &memKeyring{items: map[string]string{}} }

func (k *memKeyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fail != nil {
		return "", k.fail
	}
	v, ok := k.items[service+"\x00"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (k *memKeyring) Set(service, user, password string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fail != nil {
		return k.fail
	}
	k.items[service+"\x00"+user] = password
	return nil
}

func (k *memKeyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fail != nil {
		return k.fail
	}
	if _, ok := k.items[service+"\x00"+user]; !ok {
		return keyring.ErrNotFound
	}
	delete(k.items, service+"\x00"+user)
	return nil
}

// setFail makes every later call fail with err (nil: work again).
func (k *memKeyring) setFail(err error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.fail = err
}

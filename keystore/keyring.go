package keystore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/zalando/go-keyring"
)

// DefaultService is the keyring service name secrets are stored under.
const DefaultService = "notion-tui"

// DefaultKeyringTimeout bounds every keyring call. A Secret Service that is
// being activated, or waiting for an unlock prompt, can otherwise block for
// minutes.
const DefaultKeyringTimeout = 3 * time.Second

// Keyring is the subset of github.com/zalando/go-keyring the store uses.
// Get and Delete must return keyring.ErrNotFound (from go-keyring) when no
// entry exists.
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

// SystemKeyring is the OS keyring through go-keyring's package functions
// (Secret Service on Linux and BSD, Keychain on macOS, Credential Manager on
// Windows). go-keyring's MockInit replaces it with an in-memory store.
type SystemKeyring struct{}

// Get returns the secret stored for service and user.
func (SystemKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }

// Set stores password for service and user.
func (SystemKeyring) Set(service, user, password string) error {
	return keyring.Set(service, user, password)
}

// Delete removes the secret stored for service and user.
func (SystemKeyring) Delete(service, user string) error { return keyring.Delete(service, user) }

// KeyringError reports that the keyring could not be used: it is absent,
// locked, refused the call, or did not answer in time. A missing entry is
// never a KeyringError.
type KeyringError struct {
	// Op is the keyring operation: "get", "set" or "delete".
	Op string
	// Cause is the error from the keyring, or context.DeadlineExceeded on a
	// timeout. It never contains a secret.
	Cause error
	// Timeout is true when the keyring did not answer within the timeout.
	Timeout bool
	// Hint tells the user what is missing and how to fix it.
	Hint string
}

// Error returns a one-line description without the hint (show Hint on its own
// line).
func (e *KeyringError) Error() string {
	return fmt.Sprintf("keyring %s failed: %v", e.Op, e.Cause)
}

// Unwrap returns the cause.
func (e *KeyringError) Unwrap() error { return e.Cause }

// Hints for the ways a Secret Service fails (TestHintFor lists the errors).
const (
	hintFallback = "or choose plain-text file storage (--insecure-storage), readable only by you"
	hintHeadless = "on a headless box run the app under `dbus-run-session` with " +
		"`gnome-keyring-daemon --unlock` (password on stdin), " + hintFallback
	hintNoBus = "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset): " +
		"run inside a desktop session; " + hintHeadless
	hintDeadBus = "the D-Bus session bus in DBUS_SESSION_BUS_ADDRESS is not reachable (stale address?): " +
		"log in again to a desktop session; " + hintHeadless
	hintNoProvider = "no Secret Service provider on the session bus: " +
		"install and start gnome-keyring (or KWallet); " + hintHeadless
	hintLocked = "the keyring is locked and no unlock prompt could be shown: " +
		"unlock it (log in to the desktop, or `gnome-keyring-daemon --unlock` with your password on stdin), " + hintFallback
	hintTimeout = "the keyring did not answer in time: it may be waiting for you to unlock it " +
		"in a desktop prompt, or its service is failing to start; unlock it and retry, " + hintFallback
	hintTooBig = "the secret is too large for this keyring, " + hintFallback
)

// hintFor explains to the user why the keyring on goos failed with cause.
// The D-Bus cases only apply where go-keyring talks to a Secret Service.
func hintFor(cause error, goos string) string {
	if errors.Is(cause, keyring.ErrSetDataTooBig) {
		return hintTooBig
	}
	switch goos {
	case "darwin":
		return "check that the login Keychain is unlocked and allows notion-tui, " + hintFallback
	case "windows":
		return "check that Windows Credential Manager is available, " + hintFallback
	}
	// godbus errors are matched by text: importing godbus for its types
	// would break builds on platforms go-keyring supports without it.
	var execErr *exec.Error
	var netErr *net.OpError
	switch msg := cause.Error(); {
	case errors.As(cause, &execErr):
		return hintNoBus
	case errors.As(cause, &netErr):
		return hintDeadBus
	case strings.Contains(msg, "org.freedesktop.secrets was not provided"):
		return hintNoProvider
	case strings.Contains(msg, "failed to unlock"):
		return hintLocked
	}
	return "install and unlock gnome-keyring (or KWallet), or run inside a desktop session; " + hintHeadless
}

// timedKeyring runs every call of a Keyring in a goroutine bounded by a
// timeout. A call that times out keeps running in its goroutine until the
// keyring answers; its result is dropped.
type timedKeyring struct {
	kr      Keyring
	timeout time.Duration
}

// get returns the secret, keyring.ErrNotFound, or a *KeyringError.
func (t timedKeyring) get(service, user string) (string, error) {
	return withTimeout(t.timeout, "get", func() (string, error) { return t.kr.Get(service, user) })
}

// set stores a secret or returns a *KeyringError.
func (t timedKeyring) set(service, user, value string) error {
	_, err := withTimeout(t.timeout, "set", func() (struct{}, error) {
		return struct{}{}, t.kr.Set(service, user, value)
	})
	return err
}

// delete removes a secret; a missing one is not an error.
func (t timedKeyring) delete(service, user string) error {
	_, err := withTimeout(t.timeout, "delete", func() (struct{}, error) {
		return struct{}{}, t.kr.Delete(service, user)
	})
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}

// withTimeout runs call in a goroutine and waits at most timeout. It passes
// keyring.ErrNotFound through and wraps every other failure in a
// *KeyringError.
func withTimeout[T any](timeout time.Duration, op string, call func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1) // buffered: a late answer must not block the goroutine
	go func() {
		v, err := call()
		done <- result{v, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()

	var zero T
	select {
	case r := <-done:
		switch {
		case r.err == nil:
			return r.v, nil
		case errors.Is(r.err, keyring.ErrNotFound):
			return zero, keyring.ErrNotFound
		}
		return zero, &KeyringError{Op: op, Cause: r.err, Hint: hintFor(r.err, runtime.GOOS)}
	case <-timer.C:
		return zero, &KeyringError{
			Op:      op,
			Cause:   fmt.Errorf("no answer within %v: %w", timeout, context.DeadlineExceeded),
			Timeout: true,
			Hint:    hintTimeout,
		}
	}
}

package keystore

import (
	"context"
	"errors"
	"net"
	"os/exec"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

// TestHintFor covers each way go-keyring fails without a usable Secret
// Service, with the errors it really returns.
func TestHintFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		cause error
		goos  string
		want  string
	}{
		{"no session bus, no dbus-launch",
			&exec.Error{Name: "dbus-launch", Err: exec.ErrNotFound}, "linux", hintNoBus},
		{"dead bus socket",
			&net.OpError{Op: "dial", Net: "unix", Addr: &net.UnixAddr{Name: "/run/user/1000/bus"}, Err: syscall.ENOENT}, "linux", hintDeadBus},
		{"no secrets provider",
			errors.New("The name org.freedesktop.secrets was not provided by any .service files"), "linux", hintNoProvider},
		{"locked keyring",
			errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), "freebsd", hintLocked},
		{"too big", keyring.ErrSetDataTooBig, "linux", hintTooBig},
		{"too big on macOS", keyring.ErrSetDataTooBig, "darwin", hintTooBig},
		{"unknown on linux", errors.New("org.freedesktop.DBus.Error.NoReply"), "linux",
			"install and unlock gnome-keyring (or KWallet), or run inside a desktop session; " + hintHeadless},
		{"macOS", &exec.Error{Name: "security", Err: exec.ErrNotFound}, "darwin",
			"check that the login Keychain is unlocked and allows notion-tui, " + hintFallback},
		{"windows", errors.New("Element not found."), "windows",
			"check that Windows Credential Manager is available, " + hintFallback},
	}
	for _, tt := range tests {
		if got := hintFor(tt.cause, tt.goos); got != tt.want {
			t.Errorf("%s: hint = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestKeyringErrorsAreTyped(t *testing.T) {
	t.Parallel()
	cause := &exec.Error{Name: "dbus-launch", Err: exec.ErrNotFound}
	kr := newFakeKeyring()
	kr.err = cause
	tk := timedKeyring{kr: kr, timeout: time.Second}

	errs := map[string]error{"set": tk.set("svc", "u", "v"), "delete": tk.delete("svc", "u")}
	_, errs["get"] = tk.get("svc", "u")
	for op, err := range errs {
		var ke *KeyringError
		if !errors.As(err, &ke) {
			t.Fatalf("%s: err = %v, want *KeyringError", op, err)
		}
		if ke.Op != op || ke.Timeout || !errors.Is(err, exec.ErrNotFound) {
			t.Errorf("%s: got %+v", op, ke)
		}
		if runtime.GOOS == "linux" && ke.Hint != hintNoBus {
			t.Errorf("%s: hint = %q", op, ke.Hint)
		}
	}
}

func TestKeyringNotFoundIsNotAnError(t *testing.T) {
	t.Parallel()
	tk := timedKeyring{kr: newFakeKeyring(), timeout: time.Second}
	if _, err := tk.get("svc", "nobody"); err != keyring.ErrNotFound {
		t.Errorf("get of a missing entry = %v, want keyring.ErrNotFound itself", err)
	}
	if err := tk.delete("svc", "nobody"); err != nil {
		t.Errorf("delete of a missing entry = %v, want nil", err)
	}
}

func TestKeyringTimeout(t *testing.T) {
	t.Parallel()
	const timeout = 100 * time.Millisecond
	kr := newFakeKeyring()
	kr.block = make(chan struct{})
	t.Cleanup(func() { close(kr.block) }) // lets the abandoned calls finish
	tk := timedKeyring{kr: kr, timeout: timeout}

	calls := map[string]func() error{
		"get":    func() error { _, err := tk.get("svc", "u"); return err },
		"set":    func() error { return tk.set("svc", "u", "v") },
		"delete": func() error { return tk.delete("svc", "u") },
	}
	for op, call := range calls {
		start := time.Now()
		err := call()
		took := time.Since(start)
		var ke *KeyringError
		if !errors.As(err, &ke) || !ke.Timeout || ke.Op != op || ke.Hint != hintTimeout {
			t.Fatalf("%s: err = %#v, want a timeout *KeyringError", op, err)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: timeout error does not match context.DeadlineExceeded", op)
		}
		// The fake never answers, so returning at all shows the timeout
		// works; it must not have fired early.
		if took < timeout {
			t.Errorf("%s returned after %v, before the %v timeout", op, took, timeout)
		}
	}
}

// TestGoKeyringMock runs the store against go-keyring's own mock provider
// through SystemKeyring (TestMain installs it).
func TestGoKeyringMock(t *testing.T) {
	keyring.MockInit()
	s, err := Open(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
	raw, err := keyring.Get(DefaultService, "dev")
	if err != nil {
		t.Fatalf("the token is not in the keyring under %s/dev: %v", DefaultService, err)
	}
	if raw != `{"token":"`+ntnToken+`"}` {
		t.Errorf("keyring value = %q, want a small JSON object", raw)
	}
	got, err := s.Secret("dev")
	if err != nil || got.Token != ntnToken {
		t.Fatalf("Secret = %v, %v", got, err)
	}
	if err := s.Delete("dev"); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.Get(DefaultService, "dev"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("after Delete the keyring still answers %v", err)
	}
}

func TestGoKeyringMockWithError(t *testing.T) {
	cause := errors.New("The name org.freedesktop.secrets was not provided by any .service files")
	keyring.MockInitWithError(cause)
	t.Cleanup(keyring.MockInit)
	s, err := Open(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}

	err = s.Save(Profile{Name: "dev"}, Secret{Token: ntnToken})
	var notSaved *NotSavedError
	var ke *KeyringError
	if !errors.As(err, &notSaved) || !errors.As(err, &ke) || !errors.Is(err, cause) {
		t.Fatalf("Save = %v, want *NotSavedError wrapping *KeyringError", err)
	}
	if runtime.GOOS == "linux" && ke.Hint != hintNoProvider {
		t.Errorf("hint = %q", ke.Hint)
	}
	if profiles, _, _ := s.Profiles(); len(profiles) != 0 {
		t.Errorf("a failed save left profiles %+v", profiles)
	}
	if _, err := s.Resolve(func(string) string { return "" }, ""); !errors.Is(err, ErrNoToken) {
		t.Errorf("Resolve = %v, want ErrNoToken", err)
	}
}

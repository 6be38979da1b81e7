package keystore

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/testmain"
	"github.com/zalando/go-keyring"
)

func TestMain(m *testing.M) {
	if dir := os.Getenv(writerEnv); dir != "" {
		os.Exit(runWriterProcess(dir))
	}
	if path := os.Getenv(holderEnv); path != "" {
		os.Exit(runHolderProcess(path))
	}
	// No unit test may reach the real OS keyring: tests that use
	// SystemKeyring get go-keyring's in-memory provider.
	keyring.MockInit()
	testmain.Run(m)
}

// childEnv is the environment of a re-executed test binary: the test's,
// extra, and no one-second sleep before a race-enabled child exits
// (GORACE atexit_sleep_ms), which only made the tests wait.
func childEnv(extra ...string) []string {
	race := "GORACE=" + strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0")
	return append(append(os.Environ(), race), extra...)
}

// fakeKeyring is an in-memory, goroutine-safe Keyring whose calls can fail,
// hang, or run a hook.
type fakeKeyring struct {
	mu    sync.Mutex
	items map[string]string
	err   error         // returned by every call when set
	block chan struct{} // when set, every call waits until it is closed
	onSet func()        // runs inside Set, before storing
}

func newFakeKeyring() *fakeKeyring { return &fakeKeyring{items: map[string]string{}} }

func fakeKey(service, user string) string { return service + "\x00" + user }

func (f *fakeKeyring) enter() error {
	if f.block != nil {
		<-f.block
	}
	return f.err
}

func (f *fakeKeyring) Get(service, user string) (string, error) {
	if err := f.enter(); err != nil {
		return "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.items[fakeKey(service, user)]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (f *fakeKeyring) Set(service, user, password string) error {
	if err := f.enter(); err != nil {
		return err
	}
	if f.onSet != nil {
		f.onSet()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items[fakeKey(service, user)] = password
	return nil
}

func (f *fakeKeyring) Delete(service, user string) error {
	if err := f.enter(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	k := fakeKey(service, user)
	if _, ok := f.items[k]; !ok {
		return keyring.ErrNotFound
	}
	delete(f.items, k)
	return nil
}

// has reports whether the fake holds a secret for user under the default
// service.
func (f *fakeKeyring) has(user string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.items[fakeKey(DefaultService, user)]
	return ok
}

// newTestStore opens a store in a fresh folder with kr.
func newTestStore(t testing.TB, kr Keyring) *Store {
	t.Helper()
	s, err := Open(Options{Dir: t.TempDir(), Keyring: kr, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// testToken returns a realistic-looking, distinct token for n.
func testToken(n int) string {
	return fmt.Sprintf("ntn_%011d%s", n, strings.Repeat("x", 31)+strconv.Itoa(1000+n%9000))
}

func mustSave(t testing.TB, s *Store, p Profile, sec Secret) {
	t.Helper()
	if err := s.Save(p, sec); err != nil {
		t.Fatalf("Save(%q): %v", p.Name, err)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

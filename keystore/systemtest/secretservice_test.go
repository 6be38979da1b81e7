package systemtest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/notion-tui/notion-tui/keystore"
)

// requireEnv makes a missing Secret Service a failure instead of a skip.
const requireEnv = "NOTION_TUI_REQUIRE_SECRET_SERVICE"

const probeService = "notion-tui-test-probe"

var (
	probeOnce sync.Once
	probeErr  error
)

// probeSecretService checks for a usable Secret Service with a bounded
// Set/Get/Delete round trip. It never calls go-keyring without a session bus
// address, so it cannot auto-launch a bus.
func probeSecretService() error {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return errors.New("DBUS_SESSION_BUS_ADDRESS is not set")
	}
	done := make(chan error, 1)
	go func() {
		user := fmt.Sprintf("probe-%d", os.Getpid())
		err := keyring.Set(probeService, user, "probe")
		if err == nil {
			var got string
			if got, err = keyring.Get(probeService, user); err == nil && got != "probe" {
				err = fmt.Errorf("read back %q", got)
			}
		}
		done <- errors.Join(err, keyring.Delete(probeService, user))
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(keystore.DefaultKeyringTimeout):
		return errors.New("the Secret Service did not answer in time")
	}
}

// requireSecretService skips t when no Secret Service runs, or fails it when
// one is required.
func requireSecretService(t *testing.T) {
	t.Helper()
	probeOnce.Do(func() { probeErr = probeSecretService() })
	if probeErr == nil {
		return
	}
	msg := fmt.Sprintf("no Secret Service on the session bus: run via .ci/secret-service.sh (%v)", probeErr)
	if os.Getenv(requireEnv) == "1" {
		t.Fatalf("%s=1 but %s", requireEnv, msg)
	}
	t.Skip(msg)
}

// openRealStore opens a store on the real keyring under a service name of
// its own, removed when t ends.
func openRealStore(t *testing.T) (*keystore.Store, string) {
	t.Helper()
	service := fmt.Sprintf("notion-tui-test-%d-%d", os.Getpid(), time.Now().UnixNano())
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	s, err := keystore.Open(keystore.Options{Dir: t.TempDir(), Service: service})
	if err != nil {
		t.Fatal(err)
	}
	return s, service
}

const (
	tokenA = "ntn_12345678901abcdefghijklmnopqrstuvwxyzABCDEFGHIa1B2"
	tokenB = "ntn_98765432109zyxwvutsrqponmlkjihgfedcbaZYXWVUTSRc3D4"
)

func TestSecretServiceRoundTrip(t *testing.T) {
	t.Parallel()
	requireSecretService(t)
	s, service := openRealStore(t)
	sec := keystore.Secret{Token: tokenA, RefreshToken: "nrt_refresh", ClientSecret: "client-secret"}
	if err := s.Save(keystore.Profile{Name: "prod", Kind: keystore.KindOAuth, WorkspaceName: "Acme"}, sec); err != nil {
		t.Fatal(err)
	}

	raw, err := keyring.Get(service, "prod")
	if err != nil {
		t.Fatalf("the secret is not in the Secret Service: %v", err)
	}
	if want := `{"token":"` + tokenA + `","refresh_token":"nrt_refresh","client_secret":"client-secret"}`; raw != want {
		t.Errorf("stored value = %q, want %q", raw, want)
	}
	config, err := os.ReadFile(filepath.Join(s.Dir(), "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(config), tokenA) || strings.Contains(string(config), "client-secret") {
		t.Errorf("config.json holds a secret:\n%s", config)
	}

	r, err := s.Resolve(func(string) string { return "" }, "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Secret != sec || r.Source != "token from keyring profile prod" {
		t.Errorf("Resolve = %v (%s)", r, r.Source)
	}

	if err := s.UpdateSecret("prod", keystore.Secret{Token: tokenB}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Secret("prod"); err != nil || got.Token != tokenB {
		t.Errorf("after UpdateSecret: %v, %v", got, err)
	}

	if err := s.Delete("prod"); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.Get(service, "prod"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("after Delete the Secret Service answers %v, want ErrNotFound", err)
	}
	if _, err := s.Resolve(func(string) string { return "" }, ""); !errors.Is(err, keystore.ErrNoToken) {
		t.Errorf("Resolve after Delete = %v, want ErrNoToken", err)
	}
}

func TestSecretServiceMissingEntryIsNoToken(t *testing.T) {
	t.Parallel()
	requireSecretService(t)
	s, service := openRealStore(t)
	if err := s.Save(keystore.Profile{Name: "dev"}, keystore.Secret{Token: tokenA}); err != nil {
		t.Fatal(err)
	}
	if err := keyring.Delete(service, "dev"); err != nil { // removed behind the app's back
		t.Fatal(err)
	}
	_, err := s.Secret("dev")
	var ke *keystore.KeyringError
	if !errors.Is(err, keystore.ErrNoToken) || errors.As(err, &ke) {
		t.Errorf("Secret = %v, want ErrNoToken, not a keyring failure", err)
	}
}

func TestSecretServiceConcurrentSaves(t *testing.T) {
	t.Parallel()
	requireSecretService(t)
	s, _ := openRealStore(t)
	const workers, each = 4, 5
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				name := fmt.Sprintf("p%d-%d", w, i)
				errs <- s.Save(keystore.Profile{Name: name}, keystore.Secret{Token: tokenA + name})
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	profiles, _, err := s.Profiles()
	if err != nil || len(profiles) != workers*each {
		t.Fatalf("%d profiles, %v; want %d", len(profiles), err, workers*each)
	}
	for _, p := range profiles {
		if got, err := s.Secret(p.Name); err != nil || got.Token != tokenA+p.Name {
			t.Errorf("secret of %s: %v", p.Name, err)
		}
	}
}

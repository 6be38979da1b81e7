package keystore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSecretNeverShowsValues(t *testing.T) {
	t.Parallel()
	sec := Secret{Token: ntnToken, RefreshToken: "nrt_refreshrefreshrefreshrefresh9876", ClientSecret: secretToken}
	res := Resolved{Token: ntnToken, Source: "token from keyring profile dev", Secret: sec}

	var logged bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logged, nil))
	logger.Info("resolved", "secret", sec, "resolved", res)
	jsonOut, err := json.Marshal(struct {
		S Secret
		R *Resolved
	}{sec, &res})
	if err != nil {
		t.Fatal(err)
	}

	outputs := map[string]string{
		"slog": logged.String(),
		"json": string(jsonOut),
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v"} {
		outputs["Secret "+verb] = fmt.Sprintf(verb, sec)
		outputs["*Secret "+verb] = fmt.Sprintf(verb, &sec)
		outputs["Resolved "+verb] = fmt.Sprintf(verb, res)
		outputs["[]Secret "+verb] = fmt.Sprintf(verb, []Secret{sec})
	}
	secrets := []string{sec.Token, sec.RefreshToken, sec.ClientSecret}
	for what, out := range outputs {
		for _, s := range secrets {
			if strings.Contains(out, s) || strings.Contains(out, s[8:20]) {
				t.Errorf("%s output shows a secret: %s", what, out)
			}
		}
	}
	if want := "ntn_…a1B2"; !strings.Contains(outputs["Secret %v"], want) || !strings.Contains(outputs["slog"], want) {
		t.Errorf("redacted forms should keep %q: %q, %q", want, outputs["Secret %v"], outputs["slog"])
	}
	if got := fmt.Sprintf("%#v", sec); !strings.HasPrefix(got, "keystore.Secret{") {
		t.Errorf("%%#v = %q, want the GoString form", got)
	}
}

func TestSecretStringShowsEmptyFields(t *testing.T) {
	t.Parallel()
	got := Secret{Token: ntnToken}.String()
	want := "{Token:ntn_…a1B2 RefreshToken: ClientSecret:}"
	if got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestValidateProfileName(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"default", "dev", "prod-eu", "test_2", "a", "A.b", strings.Repeat("x", 64)} {
		if err := ValidateProfileName(name); err != nil {
			t.Errorf("ValidateProfileName(%q) = %v, want nil", name, err)
		}
	}
	for _, name := range []string{"", "-dev", ".hidden", "has space", "a/b", "über", strings.Repeat("x", 65), "dev\n"} {
		if err := ValidateProfileName(name); err == nil {
			t.Errorf("ValidateProfileName(%q) = nil, want an error", name)
		}
	}
}

func TestProfileDefaults(t *testing.T) {
	t.Parallel()
	p, err := Profile{}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != DefaultProfile || p.Kind != KindInternal || p.Storage != StorageKeyring {
		t.Errorf("defaults = %+v", p)
	}
	for _, bad := range []Profile{{Kind: "pat"}, {Storage: "cloud"}, {Name: "no way"}} {
		if _, err := bad.withDefaults(); err == nil {
			t.Errorf("withDefaults(%+v) accepted an invalid profile", bad)
		}
	}
}

// TestProfileFormatStaysReadable checks both directions of compatibility:
// a config.json written before the token's kind and dates were recorded
// reads as before, and a profile with them keeps the fields an older
// notion-tui knows (kind "internal", format version 1), so that it still
// reads the file.
func TestProfileFormatStaysReadable(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	old := `{"version":1,"default_profile":"dev","profiles":{"dev":{"kind":"internal","storage":"file","workspace_name":"Acme","bot_name":"Bot","verified_at":"2026-01-02T03:04:05Z"}}}`
	if err := os.WriteFile(filepath.Join(s.Dir(), configFileName), []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := s.Profile("dev")
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != KindInternal || p.WorkspaceName != "Acme" || p.TokenKind != "" || !p.TokenCreated.IsZero() || p.TokenLifetime != "" {
		t.Errorf("old profile read as %+v", p)
	}

	created := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	mustSave(t, s, Profile{Name: "me", Storage: StorageFile, TokenKind: "personal", TokenCreated: created, TokenLifetime: "90d"}, Secret{Token: testToken(1)})
	got, err := s.Profile("me")
	if err != nil {
		t.Fatal(err)
	}
	if got.TokenKind != "personal" || !got.TokenCreated.Equal(created) || got.TokenLifetime != "90d" || got.Kind != KindInternal {
		t.Errorf("round trip: %+v", got)
	}
	// What an older notion-tui decodes: the fields it knows, with the
	// values it accepts.
	var file struct {
		Version  int `json:"version"`
		Profiles map[string]struct {
			Kind    string `json:"kind"`
			Storage string `json:"storage"`
		} `json:"profiles"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(s.Dir(), configFileName)), &file); err != nil {
		t.Fatal(err)
	}
	if file.Version != 1 || file.Profiles["me"].Kind != "internal" || file.Profiles["me"].Storage != "file" {
		t.Errorf("as an older version reads it: %+v", file)
	}
}

func TestCheckKeyring(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	s := newTestStore(t, kr)
	if err := s.CheckKeyring(); err != nil {
		t.Fatalf("a working keyring: %v", err)
	}
	if len(kr.items) != 0 {
		t.Errorf("the check stored something: %v", kr.items)
	}
	kr.err = errors.New(`exec: "dbus-launch": executable file not found in $PATH`)
	var ke *KeyringError
	if err := s.CheckKeyring(); !errors.As(err, &ke) || ke.Hint == "" {
		t.Errorf("a missing keyring: %v", err)
	}

	hung := newFakeKeyring()
	hung.block = make(chan struct{})
	defer close(hung.block)
	h, err := Open(Options{Dir: t.TempDir(), Keyring: hung, Timeout: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.CheckKeyring(); !errors.As(err, &ke) || !ke.Timeout {
		t.Errorf("a keyring that does not answer: %v", err)
	}
}

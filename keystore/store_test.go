package keystore

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSaveAndReadBack(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	s := newTestStore(t, kr)
	verified := time.Date(2026, 3, 11, 9, 30, 0, 0, time.UTC)
	want := Profile{
		Name: "prod", Kind: KindOAuth, Storage: StorageKeyring,
		WorkspaceName: "Acme", WorkspaceID: "ws-1", BotName: "Explorer", BotID: "bot-1", OwnerName: "Ada",
		NotionVersion: "2025-09-03", BaseURL: "https://api.notion.com", OAuthClientID: "client-1",
		VerifiedAt: verified,
	}
	sec := Secret{Token: ntnToken, RefreshToken: "nrt_refresh", ClientSecret: "oauth-client-secret"}
	mustSave(t, s, want, sec)

	got, err := s.Profile("prod")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Profile = %+v\nwant      %+v", got, want)
	}
	gotSec, err := s.Secret("prod")
	if err != nil || gotSec != sec {
		t.Errorf("Secret = %v, %v", gotSec, err)
	}
	config := string(readFile(t, filepath.Join(s.Dir(), configFileName)))
	for _, secret := range []string{sec.Token, sec.RefreshToken, sec.ClientSecret} {
		if strings.Contains(config, secret) {
			t.Errorf("config.json holds a secret:\n%s", config)
		}
	}
	if !strings.Contains(config, `"workspace_name": "Acme"`) {
		t.Errorf("config.json lacks the profile settings:\n%s", config)
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), secretsFileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a keyring profile created secrets.json (%v)", err)
	}
}

func TestSaveDefaults(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	mustSave(t, s, Profile{}, Secret{Token: ntnToken})
	p, err := s.Profile(DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != KindInternal || p.Storage != StorageKeyring {
		t.Errorf("saved profile = %+v, want internal kind in the keyring", p)
	}
}

func TestSaveRejectsBadInput(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	tests := []struct {
		p   Profile
		sec Secret
	}{
		{Profile{Name: "dev"}, Secret{}},
		{Profile{Name: "dev"}, Secret{Token: "ntn_abc\ndef"}},
		{Profile{Name: "bad name"}, Secret{Token: ntnToken}},
		{Profile{Name: "dev", Storage: "cloud"}, Secret{Token: ntnToken}},
	}
	for _, tt := range tests {
		err := s.Save(tt.p, tt.sec)
		var notSaved *NotSavedError
		if !errors.As(err, &notSaved) {
			t.Errorf("Save(%+v) = %v, want *NotSavedError", tt.p, err)
		}
	}
	if entries, err := os.ReadDir(s.Dir()); err != nil || len(entries) != 0 {
		t.Errorf("rejected saves touched the disk: %v, %v", entries, err)
	}
}

func TestDefaultProfile(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	for i, name := range []string{"prod", "dev", "test"} {
		mustSave(t, s, Profile{Name: name}, Secret{Token: testToken(i)})
	}
	profiles, def, err := s.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	if def != "prod" {
		t.Errorf("default = %q, want the first saved profile", def)
	}
	var names []string
	for _, p := range profiles {
		names = append(names, p.Name)
	}
	if !reflect.DeepEqual(names, []string{"dev", "prod", "test"}) {
		t.Errorf("profiles = %v, want sorted names", names)
	}

	if err := s.SetDefault("test"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDefault("staging"); !errors.Is(err, ErrProfileNotFound) || !strings.Contains(err.Error(), "dev, prod, test") {
		t.Errorf("SetDefault(unknown) = %v, want ErrProfileNotFound listing the profiles", err)
	}
	steps := []struct{ remove, wantDefault string }{
		{"dev", "test"},  // not the default: unchanged
		{"test", "prod"}, // the default: moves to the first remaining
		{"prod", ""},     // the last: cleared
	}
	for _, step := range steps {
		if err := s.Delete(step.remove); err != nil {
			t.Fatal(err)
		}
		if _, def, _ := s.Profiles(); def != step.wantDefault {
			t.Errorf("after deleting %s the default is %q, want %q", step.remove, def, step.wantDefault)
		}
	}
	if err := s.Delete("prod"); !errors.Is(err, ErrProfileNotFound) {
		t.Errorf("Delete(deleted) = %v, want ErrProfileNotFound", err)
	}
}

func TestDeleteRemovesSecret(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	s := newTestStore(t, kr)
	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
	mustSave(t, s, Profile{Name: "plain", Storage: StorageFile}, Secret{Token: secretToken})
	for _, name := range []string{"dev", "plain"} {
		if err := s.Delete(name); err != nil {
			t.Fatal(err)
		}
	}
	if kr.has("dev") {
		t.Error("Delete left the token in the keyring")
	}
	if secrets := string(readFile(t, filepath.Join(s.Dir(), secretsFileName))); strings.Contains(secrets, secretToken) {
		t.Errorf("Delete left the token in secrets.json:\n%s", secrets)
	}
}

func TestDeleteKeepsProfileWhenKeyringFails(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	s := newTestStore(t, kr)
	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
	kr.err = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")

	err := s.Delete("dev")
	var ke *KeyringError
	if !errors.As(err, &ke) {
		t.Fatalf("Delete = %v, want *KeyringError", err)
	}
	if _, err := s.Profile("dev"); err != nil {
		t.Errorf("the profile is gone although its token stayed in the keyring: %v", err)
	}
}

func TestUpdateSecret(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	s := newTestStore(t, kr)
	mustSave(t, s, Profile{Name: "oauth", Kind: KindOAuth}, Secret{Token: "old-access", RefreshToken: "old-refresh", ClientSecret: "cs"})
	mustSave(t, s, Profile{Name: "plain", Storage: StorageFile}, Secret{Token: "old-plain"})
	updates := map[string]Secret{
		"oauth": {Token: "new-access", RefreshToken: "new-refresh", ClientSecret: "cs"},
		"plain": {Token: "new-plain"},
	}
	for name, sec := range updates {
		if err := s.UpdateSecret(name, sec); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Secret(name); err != nil || got != sec {
			t.Errorf("%s: Secret = %v, %v; want %v", name, got, err, sec)
		}
	}
	if p, _ := s.Profile("plain"); p.Storage != StorageFile {
		t.Errorf("UpdateSecret changed the storage to %q", p.Storage)
	}

	var notSaved *NotSavedError
	if err := s.UpdateSecret("ghost", Secret{Token: "x"}); !errors.As(err, &notSaved) || !errors.Is(err, ErrProfileNotFound) {
		t.Errorf("UpdateSecret(unknown) = %v", err)
	}
	if err := s.UpdateSecret("oauth", Secret{}); !errors.Is(err, ErrEmptyToken) {
		t.Errorf("UpdateSecret(empty) = %v", err)
	}
	kr.err = errors.New("keyring gone")
	err := s.UpdateSecret("oauth", Secret{Token: "newer"})
	if !errors.As(err, &notSaved) || notSaved.Storage != StorageKeyring {
		t.Errorf("UpdateSecret with a failing keyring = %v, want *NotSavedError for the keyring", err)
	}
}

func TestSaveMovesSecretBetweenStorages(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	s := newTestStore(t, kr)
	secretsPath := filepath.Join(s.Dir(), secretsFileName)

	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
	mustSave(t, s, Profile{Name: "dev", Storage: StorageFile}, Secret{Token: secretToken})
	if kr.has("dev") {
		t.Error("moving to file storage left the old token in the keyring")
	}
	if got, err := s.Secret("dev"); err != nil || got.Token != secretToken {
		t.Errorf("Secret after the move = %v, %v", got, err)
	}

	mustSave(t, s, Profile{Name: "dev", Storage: StorageKeyring}, Secret{Token: ntnToken})
	if strings.Contains(string(readFile(t, secretsPath)), secretToken) {
		t.Error("moving back to the keyring left the token in secrets.json")
	}
	if got, err := s.Secret("dev"); err != nil || got.Token != ntnToken {
		t.Errorf("Secret after moving back = %v, %v", got, err)
	}
}

// TestFailedSaveLeavesNothing checks that a save failing at each step
// leaves no profile that points at a missing secret, nor a stray secret.
func TestFailedSaveLeavesNothing(t *testing.T) {
	t.Parallel()
	t.Run("keyring refuses", func(t *testing.T) {
		t.Parallel()
		kr := newFakeKeyring()
		kr.err = errors.New("failed to unlock correct collection")
		s := newTestStore(t, kr)
		err := s.Save(Profile{Name: "dev"}, Secret{Token: ntnToken})
		var notSaved *NotSavedError
		if !errors.As(err, &notSaved) || notSaved.Profile != "dev" || notSaved.Storage != StorageKeyring {
			t.Fatalf("Save = %#v, want *NotSavedError for dev in the keyring", err)
		}
		if want := `token for profile "dev" was not saved in the keyring: keyring set failed: failed to unlock`; !strings.HasPrefix(err.Error(), want) {
			t.Errorf("error = %q, want it to start with %q", err, want)
		}
		if strings.Contains(err.Error(), ntnToken) {
			t.Error("the error shows the token")
		}
		if _, err := s.Profile("dev"); !errors.Is(err, ErrProfileNotFound) {
			t.Errorf("a profile was written for an unsaved secret: %v", err)
		}
	})
	t.Run("config cannot be written", func(t *testing.T) {
		t.Parallel()
		kr := newFakeKeyring()
		s := newTestStore(t, kr)
		mustSave(t, s, Profile{Name: "keep"}, Secret{Token: secretToken})
		configPath := filepath.Join(s.Dir(), configFileName)
		before := readFile(t, configPath)
		// Once the secret is stored, put a folder where config.json goes so
		// that the rename fails.
		kr.onSet = func() {
			if err := os.Remove(configPath); err != nil {
				t.Error(err)
			}
			if err := os.Mkdir(configPath, 0o700); err != nil {
				t.Error(err)
			}
		}
		var notSaved *NotSavedError
		if err := s.Save(Profile{Name: "dev"}, Secret{Token: ntnToken}); !errors.As(err, &notSaved) {
			t.Fatalf("Save = %v, want *NotSavedError", err)
		}
		if kr.has("dev") {
			t.Error("the secret of the unsaved profile stayed in the keyring")
		}
		kr.onSet = nil
		if err := os.Remove(configPath); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(configPath, before, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Secret("keep"); err != nil {
			t.Errorf("the other profile was damaged: %v", err)
		}
	})
}

func TestSecretMissingFromStorage(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	s := newTestStore(t, kr)
	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
	if err := kr.Delete(DefaultService, "dev"); err != nil {
		t.Fatal(err)
	}
	_, err := s.Secret("dev")
	if !errors.Is(err, ErrNoToken) || !strings.Contains(err.Error(), `profile "dev"`) {
		t.Errorf("Secret with the keyring entry gone = %v, want ErrNoToken naming the profile", err)
	}
}

func TestForeignKeyringEntry(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	s := newTestStore(t, kr)
	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
	if err := kr.Set(DefaultService, "dev", ntnToken); err != nil { // a bare token, not JSON
		t.Fatal(err)
	}
	_, err := s.Secret("dev")
	if err == nil || !strings.Contains(err.Error(), "not notion-tui data") {
		t.Fatalf("Secret = %v, want an error about the entry", err)
	}
	if strings.Contains(err.Error(), ntnToken[:8]) {
		t.Errorf("error shows the stored value: %v", err)
	}
}

func TestOpenDefaults(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	s, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(base, "notion-tui"); s.Dir() != want {
		t.Errorf("Dir = %q, want %q", s.Dir(), want)
	}
	if s.service != DefaultService || s.keyring.timeout != DefaultKeyringTimeout {
		t.Errorf("defaults: service %q, timeout %v", s.service, s.keyring.timeout)
	}
	if _, err := Open(Options{Timeout: -time.Second}); err == nil {
		t.Error("Open accepted a negative timeout")
	}
}

// TestRecordEvidence keeps what real writes showed in the profile, writes
// only when the state or the day changes, and a new token saved in the
// profile forgets it.
func TestRecordEvidence(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t, newFakeKeyring())
	if err := s.Save(Profile{Name: "work"}, Secret{Token: ntnToken}); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 12, 6, 9, 0, 0, 0, time.Local)
	granted := Evidence{State: EvidenceGranted, Seen: day, Detail: "a page was created"}
	if changed, err := s.RecordEvidence(ctx, "work", "Insert content", granted); err != nil || !changed {
		t.Fatalf("RecordEvidence = %v, %v; want a change", changed, err)
	}
	later := granted
	later.Seen = day.Add(time.Hour)
	if changed, err := s.RecordEvidence(ctx, "work", "Insert content", later); err != nil || changed {
		t.Fatalf("the same state the same day: RecordEvidence = %v, %v; want no write", changed, err)
	}
	refused := Evidence{State: EvidenceRefused, Seen: day.Add(2 * time.Hour)}
	if changed, err := s.RecordEvidence(ctx, "work", "Update content", refused); err != nil || !changed {
		t.Fatalf("RecordEvidence(update) = %v, %v", changed, err)
	}
	p, err := s.Profile("work")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := p.Writes.Get(CapInsertContent); got.State != EvidenceGranted || !got.Seen.Equal(day) || got.Detail != "a page was created" {
		t.Errorf("insert evidence = %+v", got)
	}
	if got, _ := p.Writes.Get(CapUpdateContent); got.State != EvidenceRefused {
		t.Errorf("update evidence = %+v", got)
	}
	if sec, err := s.Secret("work"); err != nil || sec.Token != ntnToken {
		t.Errorf("the secret changed: %v", err)
	}
	if _, err := s.RecordEvidence(ctx, "gone", "Insert content", granted); !errors.Is(err, ErrProfileNotFound) {
		t.Errorf("RecordEvidence(missing profile) = %v, want ErrProfileNotFound", err)
	}
	// The same token saved again (here moved to the plain file) keeps
	// it; another token starts without.
	if err := s.Save(Profile{Name: "work", Storage: StorageFile}, Secret{Token: ntnToken}); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Profile("work"); p.Writes.InsertContent.State != EvidenceGranted {
		t.Errorf("the same token lost its evidence: %+v", p.Writes)
	}
	if err := s.Save(Profile{Name: "work"}, Secret{Token: testToken(7)}); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Profile("work"); p.Writes != (Writes{}) {
		t.Errorf("a new token kept the old token's evidence: %+v", p.Writes)
	}
	if _, err := s.RecordEvidence(ctx, "work", "Read comments", granted); err == nil {
		t.Error("evidence for a capability Writes does not keep was accepted")
	}
}

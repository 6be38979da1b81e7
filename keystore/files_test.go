package keystore

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	for _, content := range []string{"first", "second, longer content"} {
		if err := WriteFileAtomic(path, []byte(content), 0o640); err != nil {
			t.Fatal(err)
		}
		if got := string(readFile(t, path)); got != content {
			t.Errorf("content = %q, want %q", got, content)
		}
	}
	if runtime.GOOS != "windows" {
		if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
			t.Errorf("mode = %04o, want 0640", info.Mode().Perm())
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}

	missing := filepath.Join(dir, "no-such-folder", "x")
	if err := WriteFileAtomic(missing, []byte("x"), 0o600); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("WriteFileAtomic into a missing folder = %v, want an error naming the path", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "occupied"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "occupied"), []byte("x"), 0o600); err == nil {
		t.Error("WriteFileAtomic replaced a folder")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("a failed write left files behind: %v", entries)
	}
}

func TestCorruptFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, content, reason string
		storage                     Storage
	}{
		{"config syntax", configFileName, `{"profiles": {`, "invalid JSON at byte 14", StorageKeyring},
		{"config garbage", configFileName, "profiles = dev", "invalid JSON at byte 1", StorageKeyring},
		{"config type", configFileName, `{"profiles": []}`, `"profiles" should be a JSON map`, StorageKeyring},
		{"secrets syntax", secretsFileName, `{"secrets": {"dev": {"token": "ntn_SECRET` + "\x00" + `"}}}`, "invalid JSON at byte", StorageFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newTestStore(t, newFakeKeyring())
			if tt.file == secretsFileName {
				mustSave(t, s, Profile{Name: "dev", Storage: StorageFile}, Secret{Token: ntnToken})
			}
			path := filepath.Join(s.Dir(), tt.file)
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}

			_, err := s.Secret("dev")
			if tt.file == configFileName {
				_, _, err = s.Profiles()
			}
			var corrupt *CorruptFileError
			if !errors.As(err, &corrupt) || corrupt.Path != path || !strings.Contains(err.Error(), path) {
				t.Fatalf("read = %v, want *CorruptFileError naming %s", err, path)
			}
			if !strings.Contains(corrupt.Reason, tt.reason) {
				t.Errorf("reason = %q, want %q", corrupt.Reason, tt.reason)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("error quotes the file: %v", err)
			}

			if err := s.Save(Profile{Name: "dev", Storage: tt.storage}, Secret{Token: ntnToken}); !errors.As(err, &corrupt) {
				t.Errorf("Save over a damaged file = %v, want *CorruptFileError", err)
			}
			if got := readFile(t, path); !bytes.Equal(got, []byte(tt.content)) {
				t.Errorf("the damaged file was overwritten with %q", got)
			}
		})
	}
}

func TestEmptyConfigFileIsEmptyConfig(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	if err := os.WriteFile(filepath.Join(s.Dir(), configFileName), []byte(" \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if profiles, def, err := s.Profiles(); err != nil || len(profiles) != 0 || def != "" {
		t.Fatalf("Profiles = %v, %q, %v", profiles, def, err)
	}
	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
}

func TestNewerFormatIsRefused(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	path := filepath.Join(s.Dir(), configFileName)
	content := []byte(`{"version": 2, "profiles": {}, "teams": {}}`)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Profiles(); err == nil || !strings.Contains(err.Error(), "upgrade notion-tui") {
		t.Errorf("Profiles = %v, want an upgrade message", err)
	}
	if err := s.Save(Profile{Name: "dev"}, Secret{Token: ntnToken}); err == nil {
		t.Error("Save rewrote a newer file")
	}
	if !bytes.Equal(readFile(t, path), content) {
		t.Error("the newer file was overwritten")
	}
}

func TestFileModes(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no unix modes on Windows")
	}
	dir := filepath.Join(t.TempDir(), "config", "notion-tui")
	s, err := Open(Options{Dir: dir, Keyring: newFakeKeyring()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open created the folder (%v)", err)
	}
	mustSave(t, s, Profile{Name: "dev", Storage: StorageFile}, Secret{Token: ntnToken})
	wantModes := map[string]fs.FileMode{
		dir:                                 0o700,
		filepath.Join(dir, configFileName):  0o600,
		filepath.Join(dir, secretsFileName): 0o600,
		filepath.Join(dir, lockFileName):    0o600,
	}
	for path, want := range wantModes {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s has mode %04o, want %04o", path, got, want)
		}
	}
	if w := s.Warnings(); len(w) != 0 {
		t.Errorf("Warnings = %q, want none", w)
	}
}

func TestLoosePermissionsAreReportedAndFixed(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no unix modes on Windows")
	}
	s := newTestStore(t, newFakeKeyring())
	mustSave(t, s, Profile{Name: "dev", Storage: StorageFile}, Secret{Token: ntnToken})
	config := filepath.Join(s.Dir(), configFileName)
	secrets := filepath.Join(s.Dir(), secretsFileName)
	for path, mode := range map[string]fs.FileMode{s.Dir(): 0o755, config: 0o644, secrets: 0o604} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
	}

	warnings := s.Warnings()
	if len(warnings) != 3 {
		t.Fatalf("Warnings = %q, want one for the folder and each file", warnings)
	}
	for _, want := range []string{s.Dir() + " is open to other users (mode 0755)", config, secrets + " is open to other users (mode 0604)"} {
		if !strings.Contains(strings.Join(warnings, "\n"), want) {
			t.Errorf("Warnings = %q, want one mentioning %q", warnings, want)
		}
	}

	// A save that writes only config.json fixes the secrets file too.
	if err := s.SetDefault("dev"); err != nil {
		t.Fatal(err)
	}
	if w := s.Warnings(); len(w) != 0 {
		t.Errorf("after a save Warnings = %q, want none", w)
	}
	for path, want := range map[string]fs.FileMode{s.Dir(): 0o700, config: 0o600, secrets: 0o600} {
		if info, _ := os.Stat(path); info.Mode().Perm() != want {
			t.Errorf("%s has mode %04o, want %04o", path, info.Mode().Perm(), want)
		}
	}
}

// FuzzConfigFile feeds arbitrary bytes as config.json: reading never panics,
// a failure names the file, and a save never overwrites a file it could not
// read.
func FuzzConfigFile(f *testing.F) {
	for _, seed := range []string{
		"", "{}", "null", "[]", `{"version":1,"default_profile":"dev","profiles":{"dev":{"kind":"internal","storage":"keyring"}}}`,
		`{"profiles":{"dev":{"storage":"file","verified_at":"not a time"}}}`, `{"version":99}`, `{"profiles":{"":{}}}`, "\xff",
	} {
		f.Add([]byte(seed))
	}
	kr := newFakeKeyring()
	f.Fuzz(func(t *testing.T, content []byte) {
		s := newTestStore(t, kr)
		path := filepath.Join(s.Dir(), configFileName)
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		profiles, _, err := s.Profiles()
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error %q does not name the file", err)
			}
			if s.Save(Profile{Name: "fuzz"}, Secret{Token: ntnToken}) == nil {
				t.Fatal("Save succeeded over a file that cannot be read")
			}
			if !bytes.Equal(readFile(t, path), content) {
				t.Fatal("Save overwrote a file that cannot be read")
			}
			return
		}
		for _, p := range profiles {
			_, _ = s.Secret(p.Name) // must not panic whatever the storage says
		}
		_, _ = s.Resolve(func(string) string { return "" }, "")
	})
}

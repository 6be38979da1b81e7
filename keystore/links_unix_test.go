//go:build unix

package keystore

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// outsideFile is a file of the user's outside the store, with mode 0644,
// that a link in the store points at.
func outsideFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}
	return path
}

// assertUntouched checks that path still has its content and mode 0644.
func assertUntouched(t *testing.T, path, content string) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o644 {
		t.Errorf("%s was changed through a link: mode %04o, want 0644", path, info.Mode().Perm())
	}
	if got := readFile(t, path); !bytes.Equal(got, []byte(content)) {
		t.Errorf("%s was written through a link: %q", path, got)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), dirPerm); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func TestSymlinkedSecretsFileIsRefused(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	mustSave(t, s, Profile{Name: "dev", Storage: StorageFile}, Secret{Token: ntnToken})
	const planted = `{"version":1,"secrets":{"dev":{"token":"ntn_someone_elses_token_0000000000000000000"}}}`
	target := outsideFile(t, planted)
	secrets := filepath.Join(s.Dir(), secretsFileName)
	if err := os.Remove(secrets); err != nil {
		t.Fatal(err)
	}
	symlink(t, target, secrets)

	var link *LinkError
	if _, err := s.Secret("dev"); !errors.As(err, &link) || link.Path != secrets || link.Target != target {
		t.Fatalf("Secret through a linked secrets.json = %v, want a *LinkError naming both ends", err)
	}
	if _, err := s.Resolve(func(string) string { return "" }, "dev"); !errors.As(err, &link) {
		t.Errorf("Resolve through a linked secrets.json = %v, want a *LinkError", err)
	}
	if err := s.Save(Profile{Name: "ci", Storage: StorageFile}, Secret{Token: ntnToken}); !errors.As(err, &link) {
		t.Errorf("Save into a linked secrets.json = %v, want a *LinkError", err)
	}
	if !strings.Contains(strings.Join(s.Warnings(), "\n"), secrets+" is a symbolic link") {
		t.Errorf("Warnings = %q, want the link named", s.Warnings())
	}
	assertUntouched(t, target, planted)
	if info, err := os.Lstat(secrets); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link itself was replaced (%v)", err)
	}
}

func TestSymlinkedLockFileIsRefused(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	target := outsideFile(t, "someone's notes\n")
	symlink(t, target, filepath.Join(s.Dir(), lockFileName))

	var link *LinkError
	if err := s.Save(Profile{Name: "dev"}, Secret{Token: ntnToken}); !errors.As(err, &link) {
		t.Fatalf("Save with a linked config.lock = %v, want a *LinkError", err)
	}
	assertUntouched(t, target, "someone's notes\n")

	// A link to a file that does not exist yet is not created either.
	dangling := filepath.Join(t.TempDir(), "created-through-the-link")
	s2 := newTestStore(t, newFakeKeyring())
	symlink(t, dangling, filepath.Join(s2.Dir(), lockFileName))
	if err := s2.Save(Profile{Name: "dev"}, Secret{Token: ntnToken}); !errors.As(err, &link) {
		t.Errorf("Save with a dangling config.lock link = %v, want a *LinkError", err)
	}
	if _, err := os.Lstat(dangling); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the lock was created through a link (%v)", err)
	}
}

func TestSymlinkedConfigFileKeepsItsTargetsMode(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	const content = `{"version":1,"profiles":{}}`
	target := outsideFile(t, content)
	config := filepath.Join(s.Dir(), configFileName)
	symlink(t, target, config)

	if w := strings.Join(s.Warnings(), "\n"); !strings.Contains(w, config+" is a symbolic link (to "+target+")") {
		t.Errorf("Warnings = %q, want the link named", w)
	}
	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
	assertUntouched(t, target, content)
	info, err := os.Lstat(config)
	if err != nil || !info.Mode().IsRegular() || info.Mode().Perm() != filePerm {
		t.Errorf("after a save config.json is %v (%v), want a regular file of mode 0600", info.Mode(), err)
	}
}

func TestSymlinkedFolderKeepsItsTargetsMode(t *testing.T) {
	t.Parallel()
	target := filepath.Join(t.TempDir(), "dotfiles")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(target, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "notion-tui")
	symlink(t, target, dir)
	s, err := Open(Options{Dir: dir, Keyring: newFakeKeyring()})
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
	if info, _ := os.Stat(target); info.Mode().Perm() != 0o755 {
		t.Errorf("the linked folder's target was changed to %04o", info.Mode().Perm())
	}
	if w := strings.Join(s.Warnings(), "\n"); !strings.Contains(w, dir+" is a symbolic link to a folder open to other users (mode 0755)") {
		t.Errorf("Warnings = %q, want the open linked folder named", w)
	}
	if _, err := s.Secret("dev"); err != nil {
		t.Errorf("the store does not work in a linked folder: %v", err)
	}
}

func TestOtherUsersFilesAreLeftAlone(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file to another user")
	}
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
	secrets := filepath.Join(s.Dir(), secretsFileName)
	if err := os.WriteFile(secrets, []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(secrets, 0o644); err != nil {
		t.Fatal(err)
	}
	const stranger = 54321
	if err := os.Chown(secrets, stranger, stranger); err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(s.Warnings(), "\n"); !strings.Contains(w, secrets+" belongs to another user (uid 54321)") {
		t.Errorf("Warnings = %q, want the stranger's file named", w)
	}
	if err := s.SetDefault("dev"); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(secrets)
	if err != nil {
		t.Fatal(err)
	}
	if st := info.Sys().(*syscall.Stat_t); info.Mode().Perm() != 0o644 || st.Uid != stranger {
		t.Errorf("another user's file was changed: mode %04o uid %d", info.Mode().Perm(), st.Uid)
	}
}

func TestNamedPipeIsNotASecretsFile(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	mustSave(t, s, Profile{Name: "dev", Storage: StorageFile}, Secret{Token: ntnToken})
	secrets := filepath.Join(s.Dir(), secretsFileName)
	if err := os.Remove(secrets); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(secrets, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	// Opening a pipe with no writer would block: the store must not try.
	if _, err := s.Secret("dev"); !errors.Is(err, errNotRegular) {
		t.Fatalf("Secret from a named pipe = %v, want it refused as not a regular file", err)
	}
}

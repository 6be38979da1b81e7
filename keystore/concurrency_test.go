package keystore

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
)

// Environment of a re-executed test binary that acts as a writer process.
const (
	writerEnv   = "KEYSTORE_TEST_WRITER_DIR"
	writerIDEnv = "KEYSTORE_TEST_WRITER_ID"
)

const updatesPerWriter = 25

// writerProfile names the i-th profile saved by writer id.
func writerProfile(id, i int) string { return fmt.Sprintf("w%d-%02d", id, i) }

// writerToken is the token writer id saves for its i-th profile.
func writerToken(id, i int) string { return testToken(id*1000 + i) }

// writeProfiles saves updatesPerWriter profiles for writer id, alternating
// storages when kr is not nil, and makes each the default on the way so
// writers also contend on one field.
func writeProfiles(s *Store, id int, keyringToo bool) error {
	for i := range updatesPerWriter {
		p := Profile{Name: writerProfile(id, i), Storage: StorageFile, WorkspaceName: "ws" + strconv.Itoa(id)}
		if keyringToo && i%2 == 0 {
			p.Storage = StorageKeyring
		}
		if err := s.Save(p, Secret{Token: writerToken(id, i)}); err != nil {
			return err
		}
		if err := s.SetDefault(p.Name); err != nil {
			return err
		}
	}
	return nil
}

// runWriterProcess is the body of a writer process started by
// TestConcurrentProcesses. It returns the exit code.
func runWriterProcess(dir string) int {
	id, err := strconv.Atoi(os.Getenv(writerIDEnv))
	if err == nil {
		var s *Store
		if s, err = Open(Options{Dir: dir, Keyring: newFakeKeyring()}); err == nil {
			err = writeProfiles(s, id, false)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "writer:", err)
		return 1
	}
	return 0
}

// checkAllProfiles verifies that every writer's every profile and secret
// survived.
func checkAllProfiles(t *testing.T, s *Store, writers int) {
	t.Helper()
	profiles, def, err := s.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	if want := writers * updatesPerWriter; len(profiles) != want {
		t.Fatalf("%d profiles, want %d: updates were lost", len(profiles), want)
	}
	if _, err := s.Profile(def); err != nil {
		t.Errorf("default profile %q: %v", def, err)
	}
	for id := range writers {
		for i := range updatesPerWriter {
			sec, err := s.Secret(writerProfile(id, i))
			if err != nil {
				t.Fatalf("secret of %s: %v", writerProfile(id, i), err)
			}
			if sec.Token != writerToken(id, i) {
				t.Fatalf("secret of %s is another writer's", writerProfile(id, i))
			}
		}
	}
}

func TestConcurrentGoroutines(t *testing.T) {
	t.Parallel()
	const writers = 8
	s := newTestStore(t, newFakeKeyring())
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for id := range writers {
		wg.Go(func() { errs <- writeProfiles(s, id, true) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	checkAllProfiles(t, s, writers)
}

func TestConcurrentProcesses(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts processes")
	}
	const writers = 2
	dir := t.TempDir()
	cmds := make([]*exec.Cmd, writers)
	for id := range writers {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = childEnv(writerEnv+"="+dir, writerIDEnv+"="+strconv.Itoa(id))
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds[id] = cmd
	}
	for id, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("writer %d: %v", id, err)
		}
	}
	s, err := Open(Options{Dir: dir, Keyring: newFakeKeyring()})
	if err != nil {
		t.Fatal(err)
	}
	checkAllProfiles(t, s, writers)
}

package keystore

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// holderEnv makes a re-executed test binary a process that holds the lock
// file it names until its stdin closes.
const holderEnv = "KEYSTORE_TEST_HOLD_LOCK"

// runHolderProcess takes the lock, says "locked" on stdout, and releases it
// when stdin reaches its end.
func runHolderProcess(path string) int {
	l, err := acquireLock(context.Background(), path, time.Minute, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "holder:", err)
		return 1
	}
	fmt.Println("locked")
	_, _ = io.Copy(io.Discard, os.Stdin)
	l.release()
	return 0
}

// holdLockInChild starts a process holding s's lock and returns it once
// the lock is held, with the function that lets it go.
func holdLockInChild(t *testing.T, s *Store) (pid int, release func()) {
	t.Helper()
	if err := os.MkdirAll(s.Dir(), dirPerm); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = childEnv(holderEnv + "=" + filepath.Join(s.Dir(), lockFileName))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	released := false
	release = func() {
		if released {
			return
		}
		released = true
		_ = stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Errorf("lock holder: %v", err)
		}
	}
	t.Cleanup(release)
	if line, err := bufio.NewReader(stdout).ReadString('\n'); line != "locked\n" {
		t.Fatalf("lock holder said %q, %v", line, err)
	}
	return cmd.Process.Pid, release
}

func TestLockHeldByAnotherProcessTimesOutAndNamesIt(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	t.Parallel()
	kr := newFakeKeyring()
	s, err := Open(Options{Dir: t.TempDir(), Keyring: kr, LockTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	pid, release := holdLockInChild(t, s)

	err = s.Save(Profile{Name: "dev"}, Secret{Token: ntnToken})
	var locked *LockedError
	var notSaved *NotSavedError
	if !errors.As(err, &locked) || !errors.As(err, &notSaved) {
		t.Fatalf("Save with the lock held elsewhere = %v, want a *NotSavedError wrapping a *LockedError", err)
	}
	if locked.PID != pid || locked.Program != filepath.Base(os.Args[0]) {
		t.Errorf("holder = %d %q, want %d %q", locked.PID, locked.Program, pid, filepath.Base(os.Args[0]))
	}
	wantMsg := fmt.Sprintf("%s is held by %s (process %d)", filepath.Join(s.Dir(), lockFileName), filepath.Base(os.Args[0]), pid)
	if !strings.Contains(err.Error(), wantMsg) || locked.Waited < 50*time.Millisecond {
		t.Errorf("error = %q (waited %v), want it to say %q", err, locked.Waited, wantMsg)
	}
	for _, update := range map[string]error{
		"SetDefault":   s.SetDefault("dev"),
		"Delete":       s.Delete("dev"),
		"UpdateSecret": s.UpdateSecret("dev", Secret{Token: ntnToken}),
	} {
		if !errors.As(update, &locked) {
			t.Errorf("an update with the lock held elsewhere = %v, want a *LockedError", update)
		}
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), configFileName)); !errors.Is(err, fs.ErrNotExist) || kr.has("dev") {
		t.Fatalf("a save that gave up changed the store (config.json: %v)", err)
	}

	release()
	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
}

// holdLock takes s's file lock as another process would: through a file
// of its own, bypassing the queue of this process's goroutines.
func holdLock(t *testing.T, s *Store) *lockedFile {
	t.Helper()
	if err := os.MkdirAll(s.Dir(), dirPerm); err != nil {
		t.Fatal(err)
	}
	l, err := lockFileWithin(context.Background(), filepath.Join(s.Dir(), lockFileName), time.NewTimer(time.Second), time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	writeHolder(l.f)
	return l
}

func TestInterruptWhileWaitingForTheLockChangesNothing(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	s := newTestStore(t, kr)
	s.lockTimeout = time.Hour // only the interrupt may end the wait
	held := holdLock(t, s)
	waiting := make(chan struct{})
	s.lockBusy = func() { close(waiting) }

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.SaveContext(ctx, Profile{Name: "dev"}, Secret{Token: ntnToken}) }()
	<-waiting
	cancel()
	held.release() // the lock comes free: the interrupted save must not use it
	err := <-done

	var notSaved *NotSavedError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &notSaved) {
		t.Fatalf("interrupted Save = %v, want a *NotSavedError wrapping context.Canceled", err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), configFileName)); !errors.Is(err, fs.ErrNotExist) || kr.has("dev") {
		t.Fatalf("the interrupted save changed the store (config.json: %v)", err)
	}

	// An update whose context has already ended does not even wait.
	for name, err := range map[string]error{
		"SaveContext":         s.SaveContext(ctx, Profile{Name: "dev"}, Secret{Token: ntnToken}),
		"SetDefaultContext":   s.SetDefaultContext(ctx, "dev"),
		"DeleteContext":       s.DeleteContext(ctx, "dev"),
		"UpdateSecretContext": s.UpdateSecretContext(ctx, "dev", Secret{Token: ntnToken}),
	} {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s after an interrupt = %v, want context.Canceled", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), configFileName)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("an interrupted update changed the store (config.json: %v)", err)
	}
}

func TestUpdateWaitsForAShortHolder(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	held := holdLock(t, s)
	s.lockBusy = held.release // the holder finishes while the save waits
	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
	if got, err := s.Secret("dev"); err != nil || got.Token != ntnToken {
		t.Fatalf("Secret after waiting = %v, %v", got, err)
	}
}

func TestLockFileRecordsItsHolder(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, newFakeKeyring())
	path := filepath.Join(s.Dir(), lockFileName)
	l := holdLock(t, s)
	want := strconv.Itoa(os.Getpid()) + " " + filepath.Base(os.Args[0]) + "\n"
	if got := string(readFile(t, path)); got != want {
		t.Errorf("lock file holds %q, want %q", got, want)
	}
	l.release()
	if got := readFile(t, path); len(got) != 0 {
		t.Errorf("a released lock file still names a holder: %q", got)
	}
}

func TestReadHolder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		content, program string
		pid              int
	}{
		{"4242 notion-tui\n", "notion-tui", 4242},
		{"4242\n", "", 4242},
		{"", "", 0},
		{"notion-tui 4242\n", "", 0},
		{"-1 x\n", "", 0},
		{"77 evil\x1b]0;title\x07name\n", "evil]0;titlename", 77},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), lockFileName)
		if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		pid, program := readHolder(f)
		f.Close()
		if pid != tt.pid || program != tt.program {
			t.Errorf("readHolder(%q) = %d %q, want %d %q", tt.content, pid, program, tt.pid, tt.program)
		}
	}
}

func TestLockedErrorWithoutAKnownHolder(t *testing.T) {
	t.Parallel()
	e := &LockedError{Path: "/cfg/config.lock", Waited: 10 * time.Second}
	if want := "/cfg/config.lock is held by another process; gave up after 10s"; !strings.HasPrefix(e.Error(), want) {
		t.Errorf("Error() = %q, want it to start with %q", e.Error(), want)
	}
	if _, err := Open(Options{LockTimeout: -time.Second}); err == nil {
		t.Error("Open accepted a negative lock timeout")
	}
}

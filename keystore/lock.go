package keystore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultLockTimeout bounds the wait for config.lock. A notion-tui holds it
// only for one read-modify-write, whose keyring calls are each bounded by
// the keyring timeout, so a longer wait means the holder is stuck.
const DefaultLockTimeout = 10 * time.Second

// Polling bounds for a lock held by another process: the first retries are
// quick (a writer usually finishes in milliseconds), later ones back off.
const (
	lockPollMin = 500 * time.Microsecond
	lockPollMax = 10 * time.Millisecond
)

// inProcess queues the goroutines of this process that want the same lock
// file, so that they wait on a channel (woken at once, in turn) and only a
// wait for another process polls the file lock.
var inProcess struct {
	sync.Mutex
	slots map[string]chan struct{}
}

// slot returns the one-place queue for the lock file at path.
func slot(path string) chan struct{} {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	inProcess.Lock()
	defer inProcess.Unlock()
	if inProcess.slots == nil {
		inProcess.slots = map[string]chan struct{}{}
	}
	c, ok := inProcess.slots[path]
	if !ok {
		c = make(chan struct{}, 1)
		inProcess.slots[path] = c
	}
	return c
}

// LockedError reports that config.lock stayed held by another process for
// the whole lock timeout. Nothing was changed.
type LockedError struct {
	// Path is the lock file.
	Path string
	// PID is the holder's process id, 0 when unknown (a notion-tui older
	// than this one does not record itself).
	PID int
	// Program is the holder's program name, "" when unknown.
	Program string
	// Waited is how long the wait lasted.
	Waited time.Duration
}

func (e *LockedError) Error() string {
	holder := "another process"
	switch {
	case e.PID != 0 && e.Program != "":
		holder = fmt.Sprintf("%s (process %d)", e.Program, e.PID)
	case e.PID != 0:
		holder = fmt.Sprintf("process %d", e.PID)
	}
	return fmt.Sprintf("%s is held by %s; gave up after %v: finish or end that process, then try again",
		e.Path, holder, e.Waited.Round(time.Millisecond))
}

// lockedFile is a held store lock.
type lockedFile struct {
	f    *os.File
	slot chan struct{}
}

// acquireLock takes the exclusive lock on path, waiting at most timeout and
// giving up as soon as ctx ends. The holder writes its process id and
// program name into the file, so a process kept waiting can say who holds
// it. The file must be a regular file: a symbolic link is refused, never
// followed.
//
// busy, when set, is called once when the lock is found held (tests use it
// to act while the caller waits).
func acquireLock(ctx context.Context, path string, timeout time.Duration, busy func()) (*lockedFile, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	start := time.Now()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()

	// First the other goroutines of this process.
	queue := slot(path)
	select {
	case queue <- struct{}{}:
	default:
		if busy != nil {
			busy()
			busy = nil
		}
		select {
		case queue <- struct{}{}:
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for %s: %w", path, ctx.Err())
		case <-deadline.C:
			return nil, &LockedError{Path: path, PID: os.Getpid(), Program: programName(), Waited: time.Since(start)}
		}
	}
	l, err := lockFileWithin(ctx, path, deadline, start, busy)
	if err != nil {
		<-queue
		return nil, err
	}
	l.slot = queue
	// An interrupt that came while waiting wins over the lock: the change
	// the user gave up on must not happen.
	if err := ctx.Err(); err != nil {
		l.release()
		return nil, fmt.Errorf("waiting for %s: %w", path, err)
	}
	writeHolder(l.f)
	return l, nil
}

// lockFileWithin takes the file lock, polling while another process holds
// it, until ctx ends or deadline fires.
func lockFileWithin(ctx context.Context, path string, deadline *time.Timer, start time.Time, busy func()) (*lockedFile, error) {
	f, err := openRegular(path, os.O_RDWR|os.O_CREATE, filePerm)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	var poll *time.Timer
	delay := lockPollMin
	for {
		ok, err := tryLock(f)
		if err != nil {
			_ = f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if ok {
			return &lockedFile{f: f}, nil
		}
		if poll == nil {
			poll = time.NewTimer(delay)
			defer poll.Stop()
			if busy != nil {
				busy()
			}
		} else {
			poll.Reset(delay)
		}
		select {
		case <-ctx.Done():
			_ = f.Close()
			return nil, fmt.Errorf("waiting for %s: %w", path, ctx.Err())
		case <-deadline.C:
			pid, program := readHolder(f)
			_ = f.Close()
			return nil, &LockedError{Path: path, PID: pid, Program: program, Waited: time.Since(start)}
		case <-poll.C:
		}
		delay = min(2*delay, lockPollMax)
	}
}

// programName is this program's name as the lock file records it.
func programName() string {
	return strings.Map(printableOnly, filepath.Base(os.Args[0]))
}

// release clears the holder record and releases the lock.
func (l *lockedFile) release() {
	_ = l.f.Truncate(0)
	unlockFile(l.f)
	_ = l.f.Close()
	if l.slot != nil {
		<-l.slot
	}
}

// writeHolder records "PID PROGRAM" in the lock file. It is best effort: a
// lock that cannot say who holds it still excludes.
func writeHolder(f *os.File) {
	record := strconv.Itoa(os.Getpid()) + " " + programName() + "\n"
	if f.Truncate(0) == nil {
		_, _ = f.WriteAt([]byte(record), 0)
	}
}

// readHolder returns the process id and program name recorded in the lock
// file, or zero values when it holds none.
func readHolder(f *os.File) (pid int, program string) {
	buf := make([]byte, 256)
	n, _ := f.ReadAt(buf, 0)
	line, _, _ := strings.Cut(string(buf[:n]), "\n")
	first, rest, _ := strings.Cut(line, " ")
	pid, err := strconv.Atoi(first)
	if err != nil || pid <= 0 {
		return 0, ""
	}
	return pid, strings.Map(printableOnly, strings.TrimSpace(rest))
}

// printableOnly drops control characters, so a program name read from a
// file cannot reach a terminal as an escape sequence.
func printableOnly(r rune) rune {
	if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
		return -1
	}
	return r
}

// errNotRegular is a store file that is something other than a regular
// file (a folder, a device, a named pipe).
var errNotRegular = errors.New("not a regular file")

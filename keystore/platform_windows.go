//go:build windows

package keystore

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/windows"
)

// oNoFollow is not available: openRegular's checks before and after the
// open refuse links instead.
const oNoFollow = 0

// lockOffset is where the one locked byte lies, far past the holder record
// at the start of the file: Windows locks are mandatory, and a lock over
// the record would keep a waiting process from reading who holds it.
const lockOffset = 1 << 30

// tryLock takes an exclusive lock (LockFileEx) on f without waiting and
// reports whether it got it. The lock belongs to the file handle, so
// goroutines of one process exclude each other too.
func tryLock(f *os.File) (bool, error) {
	ol := windows.Overlapped{Offset: lockOffset}
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return false, nil
	}
	return false, err
}

// fileOwner is not checked on Windows, which has no unix modes.
func fileOwner(fs.FileInfo) (uid int, ok bool) { return 0, false }

// unlockFile does nothing: closing the handle releases the lock.
func unlockFile(*os.File) {}

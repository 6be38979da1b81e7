//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package keystore

import (
	"os"
	"sync"
)

// storeLock serialises updates within this process. Platforms without
// flock or LockFileEx here (js, wasip1, plan9, solaris, illumos, aix) are
// not locked against other processes.
var storeLock sync.Mutex

// tryLock takes the process-wide lock without waiting; f is not used.
func tryLock(*os.File) (bool, error) { return storeLock.TryLock(), nil }

// unlockFile releases the process-wide lock.
func unlockFile(*os.File) { storeLock.Unlock() }

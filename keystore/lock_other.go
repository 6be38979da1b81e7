//go:build !unix && !windows

package keystore

import "sync"

// fileLocks serialises updates within this process. Platforms without unix
// or Windows file locking (js, wasip1, plan9) run a single process at a time
// in practice, so nothing more is attempted there.
var fileLocks sync.Mutex

// lockFile takes the process-wide lock; path is not used.
func lockFile(string) (unlock func(), err error) {
	fileLocks.Lock()
	return fileLocks.Unlock, nil
}

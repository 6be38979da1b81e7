package keystore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes data to path so that readers see either the old
// file or the new one, never a mix: it writes a temporary file in the same
// folder, syncs it, gives it perm and renames it over path. The folder must
// exist. Concurrent writers of the same path do not merge: the last rename
// wins.
//
// Other packages use it to keep their own files in Store.Dir.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if err := writeAndSync(f, data, perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// writeAndSync sets the mode of f, writes data, flushes it to disk and closes
// f.
func writeAndSync(f *os.File, data []byte, perm os.FileMode) error {
	_, err := f.Write(data)
	err = errors.Join(err, f.Chmod(perm), f.Sync())
	return errors.Join(err, f.Close())
}

// syncDir makes a completed rename durable. Some platforms cannot sync a
// folder (Windows cannot open one for it), so a failure is ignored: the
// rename itself is already atomic.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

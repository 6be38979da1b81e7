//go:build !unix && !windows

package keystore

import "io/fs"

// oNoFollow is not available: openRegular's checks before and after the
// open refuse links instead.
const oNoFollow = 0

// fileOwner is not checked where there are no unix modes.
func fileOwner(fs.FileInfo) (uid int, ok bool) { return 0, false }

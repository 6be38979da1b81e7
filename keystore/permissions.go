package keystore

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// permissionProblems lists the store's folder and files that other users
// can access, and those the store will not touch: symbolic links and files
// of another user. It never follows a link to judge a file, except to say
// how open a linked folder's target is. Windows has no such mode bits, so
// it reports nothing there.
func permissionProblems(dir string) []permissionProblem {
	if runtime.GOOS == "windows" {
		return nil
	}
	var out []permissionProblem
	if p, ok := checkPath(dir, dirPerm, true); ok {
		out = append(out, p)
	}
	for _, name := range []string{configFileName, secretsFileName, lockFileName} {
		if p, ok := checkPath(filepath.Join(dir, name), filePerm, false); ok {
			out = append(out, p)
		}
	}
	return out
}

// checkPath returns the problem with path, if any.
func checkPath(path string, want fs.FileMode, isDir bool) (permissionProblem, bool) {
	info, err := os.Lstat(path)
	if err != nil {
		return permissionProblem{}, false
	}
	p := permissionProblem{path: path, have: info.Mode().Perm(), want: want}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		target, _ := os.Readlink(path)
		p.link = target
		if isDir {
			// The folder may well be a link (dotfiles); it is only a
			// problem when what it points at is open to others.
			t, err := os.Stat(path)
			if err != nil || t.Mode().Perm()&0o077 == 0 {
				return permissionProblem{}, false
			}
			p.have = t.Mode().Perm()
		}
		return p, true
	case info.Mode().Perm()&0o077 == 0:
		return permissionProblem{}, false
	}
	if uid, ok := fileOwner(info); ok && uid != os.Geteuid() {
		p.otherOwner = uid
		return p, true
	}
	p.fixable = true
	return p, true
}

// permissionProblem is a path whose mode lets other users in, or one the
// store leaves alone.
type permissionProblem struct {
	path       string
	have, want fs.FileMode
	// link is the target when path is a symbolic link.
	link string
	// otherOwner is the owner's uid when another user owns path.
	otherOwner int
	// fixable is a regular file or folder of this user, restricted on the
	// next save.
	fixable bool
}

func (p permissionProblem) String() string {
	switch {
	case p.fixable:
		return fmt.Sprintf("%s is open to other users (mode %04o); it will be restricted to %04o on the next save", p.path, p.have, p.want)
	case p.link != "" && filepath.Base(p.path) == configFileName:
		return fmt.Sprintf("%s is a symbolic link (to %s): notion-tui does not change permissions through links; the next save replaces the link with a regular file", p.path, p.link)
	case p.link != "" && p.want == dirPerm:
		return fmt.Sprintf("%s is a symbolic link to a folder open to other users (mode %04o): notion-tui does not change permissions through links; restrict it yourself (chmod 700 %s)", p.path, p.have, p.link)
	case p.link != "":
		return (&LinkError{Path: p.path, Target: p.link}).Error()
	}
	return fmt.Sprintf("%s belongs to another user (uid %d) and is open to other users (mode %04o): notion-tui leaves it alone; check who put it there", p.path, p.otherOwner, p.have)
}

// fix restricts a fixable path to its wanted mode, through the opened file
// rather than the name, so a path swapped for a link meanwhile is left
// alone.
func (p permissionProblem) fix() error {
	if !p.fixable {
		return nil
	}
	var f *os.File
	var err error
	if p.want == dirPerm {
		f, err = openDir(p.path)
	} else {
		f, err = openRegular(p.path, os.O_RDONLY, 0)
	}
	if err == nil {
		err = f.Chmod(p.want)
		_ = f.Close()
	}
	if err != nil {
		return fmt.Errorf("restrict permissions: %w", err)
	}
	return nil
}

// openDir opens the folder at path, refusing a link.
func openDir(path string) (*os.File, error) {
	before, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !before.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", path)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|oNoFollow, 0)
	if err != nil {
		return nil, err
	}
	if after, err := f.Stat(); err != nil || !os.SameFile(before, after) {
		_ = f.Close()
		return nil, fmt.Errorf("%s was replaced while being opened", path)
	}
	return f, nil
}

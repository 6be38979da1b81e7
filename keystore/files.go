package keystore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Files in the store's folder.
const (
	configFileName  = "config.json"
	secretsFileName = "secrets.json"
	lockFileName    = "config.lock"
)

// formatVersion is the version of config.json and secrets.json this package
// writes; it refuses files of a later version rather than drop their data.
const formatVersion = 1

// Modes the store's folder and files are kept at.
const (
	dirPerm  fs.FileMode = 0o700
	filePerm fs.FileMode = 0o600
)

// fileHeader starts both files.
type fileHeader struct {
	Version int `json:"version"`
}

func (h fileHeader) version() int { return h.Version }

// configFile is config.json: no secrets.
type configFile struct {
	fileHeader
	DefaultProfile string             `json:"default_profile,omitempty"`
	Profiles       map[string]Profile `json:"profiles"`
}

// secretsFile is secrets.json, used only for profiles with StorageFile.
type secretsFile struct {
	fileHeader
	Secrets map[string]secretRecord `json:"secrets"`
}

// secretRecord is how a Secret is encoded, in the keyring and in
// secrets.json. (Secret itself marshals to its redacted form.)
type secretRecord struct {
	Token        string `json:"token"`
	RefreshToken string `json:"refresh_token,omitempty"`
	ClientSecret string `json:"client_secret,omitempty"`
}

// recordOf converts s; the conversion keeps the two types' fields in step.
func recordOf(s Secret) secretRecord { return secretRecord(s) }

func (r secretRecord) secret() Secret { return Secret(r) }

// CorruptFileError reports a store file that cannot be decoded. The store
// never overwrites such a file: the user decides whether to repair or remove
// it.
type CorruptFileError struct {
	// Path is the file's path.
	Path string
	// Reason says what is wrong without quoting the content (it may hold
	// secrets).
	Reason string
}

func (e *CorruptFileError) Error() string {
	return fmt.Sprintf("%s is damaged (%s): repair it or move it aside; notion-tui will not overwrite it", e.Path, e.Reason)
}

// versioned is a decoded store file.
type versioned interface{ version() int }

// readJSONFile decodes path into v. A missing or empty file leaves v as it
// is and is not an error. With regularOnly, a symbolic link (or anything but
// a regular file) is refused instead of followed.
func readJSONFile(path string, v versioned, regularOnly bool) error {
	read := os.ReadFile
	if regularOnly {
		read = readRegular
	}
	data, err := read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var link *LinkError
	if errors.As(err, &link) {
		return err // it names the file
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return &CorruptFileError{Path: path, Reason: describeJSONError(err)}
	}
	if n := v.version(); n > formatVersion {
		return fmt.Errorf("%s has format version %d, newer than this notion-tui understands (%d): upgrade notion-tui", path, n, formatVersion)
	}
	return nil
}

// describeJSONError explains a decoding error without quoting the input.
func describeJSONError(err error) string {
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("invalid JSON at byte %d", syntaxErr.Offset)
	case errors.As(err, &typeErr):
		return fmt.Sprintf("%q should be a JSON %s", typeErr.Field, typeErr.Type.Kind())
	}
	return "invalid JSON"
}

// writeJSONFile encodes v and writes it atomically with mode 0600.
func writeJSONFile(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	return WriteFileAtomic(path, append(data, '\n'), filePerm)
}

// LinkError reports a store file that is a symbolic link where the store
// needs a regular file of its own (secrets.json, config.lock). The store
// never reads, writes or changes the mode of a file through a link.
type LinkError struct {
	// Path is the link.
	Path string
	// Target is where it points ("" if it cannot be read).
	Target string
}

func (e *LinkError) Error() string {
	to := ""
	if e.Target != "" {
		to = " (to " + e.Target + ")"
	}
	return fmt.Sprintf("%s is a symbolic link%s: notion-tui keeps this file only as a regular file in its folder and will not use a link; remove the link (or put the file itself in its place)", e.Path, to)
}

// openRegular opens path with flag (creating it with perm when flag has
// O_CREATE), refusing a symbolic link and anything else that is not a
// regular file. The link check happens before opening and, where the
// platform can (O_NOFOLLOW), in the open itself; the opened file is then
// checked to be the one examined, so a swap in between is refused too.
func openRegular(path string, flag int, perm fs.FileMode) (*os.File, error) {
	before, err := os.Lstat(path)
	switch {
	case err == nil:
		if err := requireRegular(path, before); err != nil {
			return nil, err
		}
	case errors.Is(err, fs.ErrNotExist) && flag&os.O_CREATE != 0:
		before = nil
	default:
		return nil, err
	}
	f, err := os.OpenFile(path, flag|oNoFollow, perm)
	if err != nil {
		return nil, err
	}
	after, err := f.Stat()
	switch {
	case err != nil:
	case !after.Mode().IsRegular():
		err = fmt.Errorf("%s: %w", path, errNotRegular)
	case before != nil && !os.SameFile(before, after):
		err = fmt.Errorf("%s was replaced while being opened", path)
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

// requireRegular refuses a link or a non-regular file at path.
func requireRegular(path string, info fs.FileInfo) error {
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		target, _ := os.Readlink(path)
		return &LinkError{Path: path, Target: target}
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s: %w", path, errNotRegular)
	}
	return nil
}

// readRegular reads a regular file without following a link.
func readRegular(path string) ([]byte, error) {
	f, err := openRegular(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

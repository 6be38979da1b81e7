package keystore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
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

func recordOf(s Secret) secretRecord {
	return secretRecord{Token: s.Token, RefreshToken: s.RefreshToken, ClientSecret: s.ClientSecret}
}

func (r secretRecord) secret() Secret {
	return Secret{Token: r.Token, RefreshToken: r.RefreshToken, ClientSecret: r.ClientSecret}
}

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
// is and is not an error.
func readJSONFile(path string, v versioned) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
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

// permissionProblems lists the store's folder and files that other users can
// access. Windows has no such mode bits, so it reports nothing there.
func permissionProblems(dir string) []permissionProblem {
	if runtime.GOOS == "windows" {
		return nil
	}
	var out []permissionProblem
	check := func(path string, want fs.FileMode) {
		info, err := os.Stat(path)
		if err == nil && info.Mode().Perm()&0o077 != 0 {
			out = append(out, permissionProblem{path: path, have: info.Mode().Perm(), want: want})
		}
	}
	check(dir, dirPerm)
	for _, name := range []string{configFileName, secretsFileName, lockFileName} {
		check(filepath.Join(dir, name), filePerm)
	}
	return out
}

// permissionProblem is a path whose mode lets other users in.
type permissionProblem struct {
	path       string
	have, want fs.FileMode
}

func (p permissionProblem) String() string {
	return fmt.Sprintf("%s is open to other users (mode %04o); it will be restricted to %04o on the next save", p.path, p.have, p.want)
}

// fix restricts the path to its wanted mode.
func (p permissionProblem) fix() error {
	if err := os.Chmod(p.path, p.want); err != nil {
		return fmt.Errorf("restrict permissions: %w", err)
	}
	return nil
}

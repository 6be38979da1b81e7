package keystore

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/zalando/go-keyring"
)

// Errors callers branch on.
var (
	// ErrNoToken means no token is configured where Resolve or Secret looked:
	// the app starts the setup wizard.
	ErrNoToken = errors.New("no Notion token configured")
	// ErrProfileNotFound means the named profile does not exist.
	ErrProfileNotFound = errors.New("profile not found")
)

// errNoSecret is a profile whose secret is missing from its storage.
var errNoSecret = errors.New("secret not found")

// NotSavedError is returned by Save and UpdateSecret: nothing was stored
// (no profile entry points at a missing secret), but the caller may still use
// the token for this session.
type NotSavedError struct {
	// Profile is the profile name.
	Profile string
	// Storage is where the secret was to go.
	Storage Storage
	// Err is the cause, often a *KeyringError.
	Err error
}

func (e *NotSavedError) Error() string {
	where := ""
	switch e.Storage {
	case StorageKeyring:
		where = " in the keyring"
	case StorageFile:
		where = " in " + secretsFileName
	}
	return fmt.Sprintf("token for profile %q was not saved%s: %v", e.Profile, where, e.Err)
}

// Unwrap returns the cause.
func (e *NotSavedError) Unwrap() error { return e.Err }

// Options configure Open. The zero value uses the OS keyring and the user's
// config folder.
type Options struct {
	// Dir is the store's folder; empty means os.UserConfigDir()/notion-tui.
	// The store owns it: its mode is set to 0700.
	Dir string
	// Keyring stores secrets; nil means SystemKeyring.
	Keyring Keyring
	// Timeout bounds each keyring call; zero means DefaultKeyringTimeout.
	Timeout time.Duration
	// Service is the keyring service name; empty means DefaultService.
	Service string
	// LockTimeout bounds the wait for another process's update to finish;
	// zero means DefaultLockTimeout.
	LockTimeout time.Duration
}

// Store keeps profiles in config.json and their secrets in the keyring (or,
// on request, secrets.json). It is safe for concurrent use by goroutines and
// processes.
type Store struct {
	dir         string
	service     string
	keyring     timedKeyring
	lockTimeout time.Duration
	// lockBusy, when set, runs when an update finds the lock held (tests).
	lockBusy func()
}

// Open returns a store for opts. It touches nothing on disk: the folder is
// created on the first save.
func Open(opts Options) (*Store, error) {
	dir := opts.Dir
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return nil, fmt.Errorf("find the config folder: %w", err)
		}
		dir = filepath.Join(base, "notion-tui")
	}
	if opts.Timeout < 0 {
		return nil, fmt.Errorf("keyring timeout must be positive, got %v", opts.Timeout)
	}
	if opts.LockTimeout < 0 {
		return nil, fmt.Errorf("lock timeout must be positive, got %v", opts.LockTimeout)
	}
	return &Store{
		dir:         dir,
		service:     cmp.Or(opts.Service, DefaultService),
		lockTimeout: cmp.Or(opts.LockTimeout, DefaultLockTimeout),
		keyring: timedKeyring{
			kr:      cmp.Or[Keyring](opts.Keyring, SystemKeyring{}),
			timeout: cmp.Or(opts.Timeout, DefaultKeyringTimeout),
		},
	}, nil
}

// Dir returns the store's folder, where other packages may keep their own
// files (written with WriteFileAtomic).
func (s *Store) Dir() string { return s.dir }

// Warnings lists store files and the folder that other users can read; the
// next save restricts them. Show them to the user.
func (s *Store) Warnings() []string {
	var out []string
	for _, p := range permissionProblems(s.dir) {
		out = append(out, p.String())
	}
	return out
}

// keyringCheckUser is the keyring entry CheckKeyring reads. Nothing is
// ever stored under it, and no profile can have its name (profile names
// have no spaces).
const keyringCheckUser = "notion-tui keyring check"

// CheckKeyring reports whether the OS keyring can be used, by reading an
// entry that does not exist: nil when the keyring answers ("not found" is
// an answer), a *KeyringError with a hint when it is absent, locked, or
// does not answer within the store's timeout. Ask it before offering the
// keyring, so that the user chooses where to keep a token knowing whether
// the keyring works. It writes nothing.
func (s *Store) CheckKeyring() error {
	_, err := s.keyring.get(s.service, keyringCheckUser)
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}

// Profiles returns every profile sorted by name, and the default profile's
// name ("" when there are none).
func (s *Store) Profiles() (profiles []Profile, defaultName string, err error) {
	cfg, err := s.loadConfig()
	if err != nil {
		return nil, "", err
	}
	for _, name := range slices.Sorted(maps.Keys(cfg.Profiles)) {
		profiles = append(profiles, cfg.Profiles[name])
	}
	return profiles, cfg.DefaultProfile, nil
}

// Profile returns the named profile, or an error matching ErrProfileNotFound.
func (s *Store) Profile(name string) (Profile, error) {
	cfg, err := s.loadConfig()
	if err != nil {
		return Profile{}, err
	}
	return cfg.profile(name)
}

// Save is SaveContext without a way to interrupt the wait for the lock.
func (s *Store) Save(p Profile, sec Secret) error {
	return s.SaveContext(context.Background(), p, sec)
}

// SaveContext stores p and its secret in p.Storage (empty means the
// keyring), replacing a profile of the same name. The first profile saved
// becomes the default. Every error is a *NotSavedError, and no profile is
// ever left pointing at a secret that was not stored.
//
// Like every update, it waits for another process's update to finish, at
// most the lock timeout (then the error wraps a *LockedError) and only as
// long as ctx lasts (then it wraps ctx's error). Nothing is changed after
// ctx ends while waiting.
func (s *Store) SaveContext(ctx context.Context, p Profile, sec Secret) error {
	p, err := p.withDefaults()
	if err == nil {
		err = checkSecret(sec)
	}
	if err == nil {
		err = s.locked(ctx, func() error { return s.save(p, sec) })
	}
	if err != nil {
		return &NotSavedError{Profile: p.Name, Storage: p.Storage, Err: err}
	}
	return nil
}

// checkSecret refuses a secret whose token could not be sent in a header.
func checkSecret(sec Secret) error {
	if sec.Token == "" {
		return ErrEmptyToken
	}
	return checkTokenChars(sec.Token)
}

// save writes the secret, then the profile that points at it. When the
// profile cannot be written, a secret that nothing points at is removed
// again; a secret moved to another storage is removed from the old one.
// Called with the lock held.
func (s *Store) save(p Profile, sec Secret) error {
	cfg, err := s.loadConfig()
	if err != nil {
		return err
	}
	old, existed := cfg.Profiles[p.Name]
	if existed && p.Writes == (Writes{}) && old.Writes != (Writes{}) {
		// The same token saved again (moved to another storage, or
		// re-entered) keeps what its writes showed; a new token starts
		// without.
		if prev, err := s.readSecret(old.Storage, p.Name); err == nil && prev.Token == sec.Token {
			p.Writes = old.Writes
		}
	}
	if err := s.putSecret(p.Storage, p.Name, sec); err != nil {
		return err
	}
	cfg.Profiles[p.Name] = p
	if cfg.DefaultProfile == "" {
		cfg.DefaultProfile = p.Name
	}
	if err := s.writeConfig(cfg); err != nil {
		if !existed || old.Storage != p.Storage {
			_ = s.removeSecret(p.Storage, p.Name) // best effort: the profile was never written
		}
		return err
	}
	if existed && old.Storage != p.Storage {
		// Best effort: the profile is saved; a stale copy left in a keyring
		// that stopped answering is overwritten by the next save there.
		_ = s.removeSecret(old.Storage, p.Name)
	}
	return nil
}

// RecordEvidence records in the named profile what a real write showed
// about one of its token's capabilities (CapInsertContent or
// CapUpdateContent), replacing what was recorded
// before. Nothing is written when the same state was already recorded the
// same day (changed is then false), so that every write of a session does
// not rewrite the file. It waits for the lock as SaveContext does; a
// profile that no longer exists is an error matching ErrProfileNotFound.
func (s *Store) RecordEvidence(ctx context.Context, name, capability string, ev Evidence) (changed bool, err error) {
	err = s.locked(ctx, func() error {
		cfg, err := s.loadConfig()
		if err != nil {
			return err
		}
		p, err := cfg.profile(name)
		if err != nil {
			return err
		}
		if old, ok := p.Writes.Get(capability); ok && old.State == ev.State && sameDay(old.Seen, ev.Seen) {
			return nil
		}
		if !p.Writes.set(capability, ev) {
			return fmt.Errorf("keystore: no evidence is kept for %q", capability)
		}
		cfg.Profiles[name] = p
		changed = true
		return s.writeConfig(cfg)
	})
	return changed && err == nil, err
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Local().Date()
	by, bm, bd := b.Local().Date()
	return ay == by && am == bm && ad == bd
}

// UpdateSecret is UpdateSecretContext without a way to interrupt the wait
// for the lock.
func (s *Store) UpdateSecret(name string, sec Secret) error {
	return s.UpdateSecretContext(context.Background(), name, sec)
}

// UpdateSecretContext replaces the secret of an existing profile, in the
// storage the profile uses (for example after an OAuth refresh). Pass every
// field: empty ones are stored empty. Errors are *NotSavedError. It waits
// for the lock as SaveContext does.
func (s *Store) UpdateSecretContext(ctx context.Context, name string, sec Secret) error {
	var p Profile
	err := checkSecret(sec)
	if err == nil {
		err = s.locked(ctx, func() error {
			var err error
			if p, err = s.Profile(name); err != nil {
				return err
			}
			return s.putSecret(p.Storage, name, sec)
		})
	}
	if err != nil {
		return &NotSavedError{Profile: name, Storage: p.Storage, Err: err}
	}
	return nil
}

// Secret returns the named profile's secret. A profile whose secret is gone
// from its storage yields an error matching ErrNoToken; an unusable keyring
// a *KeyringError.
func (s *Store) Secret(name string) (Secret, error) {
	p, err := s.Profile(name)
	if err != nil {
		return Secret{}, err
	}
	return s.secretOf(p)
}

// secretOf reads p's secret from its storage.
func (s *Store) secretOf(p Profile) (Secret, error) {
	sec, err := s.readSecret(p.Storage, p.Name)
	if errors.Is(err, errNoSecret) || (err == nil && sec.Token == "") {
		return Secret{}, fmt.Errorf("profile %q has no token in its %s storage (removed outside notion-tui?): %w",
			p.Name, p.Storage, ErrNoToken)
	}
	if err != nil {
		return Secret{}, fmt.Errorf("profile %q: %w", p.Name, err)
	}
	return sec, nil
}

// Delete is DeleteContext without a way to interrupt the wait for the lock.
func (s *Store) Delete(name string) error {
	return s.DeleteContext(context.Background(), name)
}

// DeleteContext removes the named profile and its secret. When it was the
// default, the first remaining profile by name becomes the default. If the
// secret cannot be removed (keyring unavailable) nothing changes. It waits
// for the lock as SaveContext does.
func (s *Store) DeleteContext(ctx context.Context, name string) error {
	return s.locked(ctx, func() error {
		cfg, err := s.loadConfig()
		if err != nil {
			return err
		}
		p, err := cfg.profile(name)
		if err != nil {
			return err
		}
		if err := s.removeSecret(p.Storage, name); err != nil {
			return fmt.Errorf("profile %q kept: its secret could not be removed: %w", name, err)
		}
		delete(cfg.Profiles, name)
		if cfg.DefaultProfile == name {
			cfg.DefaultProfile = ""
			if len(cfg.Profiles) > 0 {
				cfg.DefaultProfile = slices.Min(slices.Collect(maps.Keys(cfg.Profiles)))
			}
		}
		return s.writeConfig(cfg)
	})
}

// SetDefault is SetDefaultContext without a way to interrupt the wait for
// the lock.
func (s *Store) SetDefault(name string) error {
	return s.SetDefaultContext(context.Background(), name)
}

// SetDefaultContext makes the named profile the default. It waits for the
// lock as SaveContext does.
func (s *Store) SetDefaultContext(ctx context.Context, name string) error {
	return s.locked(ctx, func() error {
		cfg, err := s.loadConfig()
		if err != nil {
			return err
		}
		if _, err := cfg.profile(name); err != nil {
			return err
		}
		cfg.DefaultProfile = name
		return s.writeConfig(cfg)
	})
}

// locked runs fn holding the store's exclusive lock, creating the folder
// first and restricting the permissions of the folder and files it owns.
// Once the lock is held fn runs to the end, even if ctx ends meanwhile: its
// keyring calls are bounded, and half a change is worse than a late one.
func (s *Store) locked(ctx context.Context, fn func() error) error {
	if err := os.MkdirAll(s.dir, dirPerm); err != nil {
		return fmt.Errorf("create config folder: %w", err)
	}
	l, err := acquireLock(ctx, filepath.Join(s.dir, lockFileName), s.lockTimeout, s.lockBusy)
	if err != nil {
		return err
	}
	defer l.release()
	for _, p := range permissionProblems(s.dir) {
		if err := p.fix(); err != nil {
			return err
		}
	}
	return fn()
}

func (s *Store) path(name string) string { return filepath.Join(s.dir, name) }

// loadConfig reads config.json; a missing file is an empty configuration.
func (s *Store) loadConfig() (configFile, error) {
	var cfg configFile
	if err := readJSONFile(s.path(configFileName), &cfg, false); err != nil {
		return configFile{}, err
	}
	if cfg.Profiles == nil {
		cfg.Profiles = map[string]Profile{}
	}
	for name, p := range cfg.Profiles {
		p.Name = name
		cfg.Profiles[name] = p
	}
	return cfg, nil
}

func (s *Store) writeConfig(cfg configFile) error {
	cfg.Version = formatVersion
	return writeJSONFile(s.path(configFileName), cfg)
}

// profile returns the named profile or an error matching ErrProfileNotFound
// that lists the known names.
func (c configFile) profile(name string) (Profile, error) {
	if p, ok := c.Profiles[name]; ok {
		return p, nil
	}
	return Profile{}, &ProfileNotFoundError{Name: name, Saved: slices.Sorted(maps.Keys(c.Profiles)), Default: c.DefaultProfile}
}

// ProfileNotFoundError is the error for a named profile that does not
// exist; it matches ErrProfileNotFound and names the saved profiles, so
// that the user can pick one rather than start over.
type ProfileNotFoundError struct {
	Name string
	// Saved are the saved profiles' names, sorted; Default is the
	// default one ("" when none).
	Saved   []string
	Default string
}

func (e *ProfileNotFoundError) Error() string {
	if len(e.Saved) == 0 {
		return fmt.Sprintf("%s: %q (no profiles saved yet)", ErrProfileNotFound, e.Name)
	}
	return fmt.Sprintf("%s: %q (saved profiles: %s)", ErrProfileNotFound, e.Name, strings.Join(e.Saved, ", "))
}

// Is makes the error match ErrProfileNotFound.
func (e *ProfileNotFoundError) Is(target error) bool { return target == ErrProfileNotFound }

// putSecret stores sec for the profile in storage st.
func (s *Store) putSecret(st Storage, name string, sec Secret) error {
	if st == StorageFile {
		return s.updateSecretsFile(func(m map[string]secretRecord) { m[name] = recordOf(sec) })
	}
	value, err := json.Marshal(recordOf(sec))
	if err != nil {
		return err
	}
	return s.keyring.set(s.service, name, string(value))
}

// removeSecret deletes the profile's secret from storage st; a missing one
// is not an error.
func (s *Store) removeSecret(st Storage, name string) error {
	if st == StorageFile {
		return s.updateSecretsFile(func(m map[string]secretRecord) { delete(m, name) })
	}
	return s.keyring.delete(s.service, name)
}

// readSecret returns the profile's secret from storage st, or errNoSecret.
func (s *Store) readSecret(st Storage, name string) (Secret, error) {
	if err := st.validate(name); err != nil {
		return Secret{}, err
	}
	if st == StorageFile {
		secrets, err := s.loadSecretsFile()
		if err != nil {
			return Secret{}, err
		}
		rec, ok := secrets.Secrets[name]
		if !ok {
			return Secret{}, errNoSecret
		}
		return rec.secret(), nil
	}
	value, err := s.keyring.get(s.service, name)
	if errors.Is(err, keyring.ErrNotFound) {
		return Secret{}, errNoSecret
	}
	if err != nil {
		return Secret{}, err
	}
	var rec secretRecord
	if err := json.Unmarshal([]byte(value), &rec); err != nil {
		return Secret{}, fmt.Errorf("keyring entry %s/%s is not notion-tui data (%s): save the profile again",
			s.service, name, describeJSONError(err))
	}
	return rec.secret(), nil
}

func (s *Store) loadSecretsFile() (secretsFile, error) {
	var f secretsFile
	if err := readJSONFile(s.path(secretsFileName), &f, true); err != nil {
		return secretsFile{}, err
	}
	if f.Secrets == nil {
		f.Secrets = map[string]secretRecord{}
	}
	return f, nil
}

// updateSecretsFile applies edit to secrets.json. Called with the lock held.
func (s *Store) updateSecretsFile(edit func(map[string]secretRecord)) error {
	f, err := s.loadSecretsFile()
	if err != nil {
		return err
	}
	edit(f.Secrets)
	f.Version = formatVersion
	return writeJSONFile(s.path(secretsFileName), f)
}

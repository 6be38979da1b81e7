// Package keystore keeps Notion tokens for named profiles (dev, prod, test…)
// so users paste a token once and never find it in plain text on disk.
//
// Secrets (the token, an OAuth refresh token and client secret) live in the OS
// keyring through github.com/zalando/go-keyring, under the service
// "notion-tui" with the profile name as the user. Everything else about a
// profile (kind, workspace and bot learned at verification, Notion-Version,
// base URL, which profile is the default) lives in config.json in the
// store's folder, by default os.UserConfigDir()/notion-tui.
//
// Only when the caller passes StorageFile (the user's explicit choice, after
// a warning) do secrets go to secrets.json in the same folder instead; the
// profile then records it, so status lines can say "stored in plain text".
//
// Files are written atomically (temporary file, fsync, rename) with mode 0600
// in a folder of mode 0700, and every read-modify-write runs under an
// exclusive lock on config.lock, so goroutines and separate processes never
// lose each other's updates. The wait for the lock is bounded (a
// *LockedError names the process holding it, which records its id in the
// lock file) and ends with the caller's context: an update interrupted while
// waiting changes nothing. A corrupted file is reported with its path and
// never overwritten.
//
// The store never works through a symbolic link where it needs a file of
// its own: a linked secrets.json or config.lock is refused (*LinkError), and
// permissions are restricted only on regular files and folders the user
// owns, through the opened file rather than its name. Warnings lists what
// it leaves alone.
//
// Every keyring call runs with a timeout. A keyring that is absent, locked or
// hanging yields a *KeyringError with a hint for the user; a missing entry is
// "no token" (ErrNoToken), never "keyring unavailable".
//
// Resolve is the one place that decides which token the app uses:
// NOTION_TOKEN, then the profile named by --profile or NOTION_PROFILE, then
// the default profile.
//
// Nothing in this package prints, logs or returns a token inside an error;
// Secret and Resolved redact themselves when formatted, logged or marshalled.
package keystore

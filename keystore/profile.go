package keystore

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"regexp"
	"sync"
	"time"
)

// DefaultProfile is the profile name used when none is given.
const DefaultProfile = "default"

// Kind says what sort of token a profile holds.
type Kind string

// Kinds of token.
const (
	// KindInternal is an internal integration token (ntn_… or secret_…).
	KindInternal Kind = "internal"
	// KindOAuth is a public integration's OAuth access token, which may come
	// with a refresh token and needs the OAuth client id and secret to renew.
	KindOAuth Kind = "oauth"
)

// Storage says where a profile's secret is kept.
type Storage string

// Storages.
const (
	// StorageKeyring keeps secrets in the OS keyring (the default).
	StorageKeyring Storage = "keyring"
	// StorageFile keeps secrets in plain text in secrets.json (mode 0600),
	// only on the user's explicit choice.
	StorageFile Storage = "file"
)

// Profile is everything about a named token except its secrets. It is stored
// in config.json.
type Profile struct {
	// Name identifies the profile (--profile, NOTION_PROFILE); it is the
	// keyring user name. Empty means DefaultProfile when saving.
	Name string `json:"-"`
	// Kind is the token kind; empty means KindInternal when saving.
	Kind Kind `json:"kind"`
	// Storage is where the secret lives; empty means StorageKeyring when
	// saving.
	Storage Storage `json:"storage"`

	// Learned from GET /v1/users/me (or the OAuth token response) at
	// verification.
	WorkspaceName string `json:"workspace_name,omitempty"`
	WorkspaceID   string `json:"workspace_id,omitempty"`
	BotName       string `json:"bot_name,omitempty"`
	BotID         string `json:"bot_id,omitempty"`
	OwnerName     string `json:"owner_name,omitempty"`

	// NotionVersion and BaseURL are the API settings the token was verified
	// with; empty means the client's defaults.
	NotionVersion string `json:"notion_version,omitempty"`
	BaseURL       string `json:"base_url,omitempty"`

	// OAuthClientID is the public integration's client id (not a secret; the
	// client secret is in Secret).
	OAuthClientID string `json:"oauth_client_id,omitempty"`

	// VerifiedAt is when the token last passed verification; zero if never.
	VerifiedAt time.Time `json:"verified_at,omitzero"`

	// TokenKind is what the token is, as /v1/users/me showed it when it
	// was verified: "personal" (a personal access token), "internal" or
	// "public" (a connection's), the values of notionapi.TokenKind. Kind
	// stays "internal" for a personal access token, which is stored and
	// sent the same way, so that an older notion-tui still reads the
	// profile. Empty in profiles saved before the kind was recorded.
	TokenKind string `json:"token_kind,omitempty"`
	// TokenCreated is the day the token was made, as the user said when
	// it was stored (the day it was stored, unless told otherwise), and
	// TokenLifetime the lifetime chosen when a personal access token was
	// made ("7d", "30d", "90d", "180d" or "1y"); both empty when not
	// recorded. They let status lines warn before the token expires.
	TokenCreated  time.Time `json:"token_created,omitzero"`
	TokenLifetime string    `json:"token_lifetime,omitempty"`

	// Writes is what real writes showed about the capabilities no probe
	// can prove. A new token starts without any: saving another token in
	// the profile forgets it (the same token saved again keeps it).
	Writes Writes `json:"writes,omitzero"`
}

// Capabilities Writes records, as a connection's Configuration tab spells
// them.
const (
	CapInsertContent = "Insert content"
	CapUpdateContent = "Update content"
)

// Writes is what the answers to real writes showed about the token's
// "Insert content" and "Update content" (empty until one answered). It is
// a plain struct so that profiles stay comparable.
type Writes struct {
	InsertContent Evidence `json:"insert_content,omitzero"`
	UpdateContent Evidence `json:"update_content,omitzero"`
}

// Get returns what was recorded for a capability (CapInsertContent or
// CapUpdateContent); ok is false when nothing was.
func (w Writes) Get(capability string) (ev Evidence, ok bool) {
	switch capability {
	case CapInsertContent:
		ev = w.InsertContent
	case CapUpdateContent:
		ev = w.UpdateContent
	}
	return ev, ev.State != ""
}

// set records ev for a capability; false for one Writes does not keep.
func (w *Writes) set(capability string, ev Evidence) bool {
	switch capability {
	case CapInsertContent:
		w.InsertContent = ev
	case CapUpdateContent:
		w.UpdateContent = ev
	default:
		return false
	}
	return true
}

// Evidence is what the answer to a real write showed about one
// capability of a profile's token.
type Evidence struct {
	// State is EvidenceGranted, EvidenceRefused or EvidenceBlockLimit.
	State string `json:"state"`
	// Seen is when the answer came.
	Seen time.Time `json:"seen"`
	// Detail says what was seen, in words ("a page was created").
	Detail string `json:"detail,omitempty"`
}

// States of Evidence.
const (
	EvidenceGranted    = "granted"
	EvidenceRefused    = "refused"
	EvidenceBlockLimit = "block_limit"
)

// PlainText reports whether the profile's secret is stored unencrypted on
// disk, for status lines that must say so.
func (p Profile) PlainText() bool { return p.Storage == StorageFile }

// profileNameRE keeps names usable as a flag value, a keyring user and a
// file-system-safe word.
var profileNameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`) })

// ValidateProfileName returns a clear error when name cannot name a profile.
func ValidateProfileName(name string) error {
	if !profileNameRE().MatchString(name) {
		return fmt.Errorf("invalid profile name %q: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", name)
	}
	return nil
}

// withDefaults fills the empty fields Save gives defaults to and checks the
// result.
func (p Profile) withDefaults() (Profile, error) {
	if p.Name == "" {
		p.Name = DefaultProfile
	}
	if p.Kind == "" {
		p.Kind = KindInternal
	}
	if p.Storage == "" {
		p.Storage = StorageKeyring
	}
	if err := ValidateProfileName(p.Name); err != nil {
		return p, err
	}
	switch p.Kind {
	case KindInternal, KindOAuth:
	default:
		return p, fmt.Errorf("profile %q: unknown token kind %q (want %q or %q)", p.Name, p.Kind, KindInternal, KindOAuth)
	}
	return p, p.Storage.validate(p.Name)
}

func (s Storage) validate(profile string) error {
	switch s {
	case StorageKeyring, StorageFile:
		return nil
	}
	return fmt.Errorf("profile %q: unknown storage %q (want %q or %q)", profile, s, StorageKeyring, StorageFile)
}

// Secret holds a profile's secret values. It never shows them: fmt verbs,
// slog and encoding/json all see the redacted form.
type Secret struct {
	// Token is the bearer token sent to the API.
	Token string
	// RefreshToken renews an OAuth access token; empty for internal tokens.
	RefreshToken string
	// ClientSecret is the OAuth client secret of a public integration.
	ClientSecret string
}

// String returns the redacted form, for example
// {Token:ntn_…a1B2 RefreshToken: ClientSecret:…}.
func (s Secret) String() string {
	return fmt.Sprintf("{Token:%s RefreshToken:%s ClientSecret:%s}",
		redactSet(s.Token), redactSet(s.RefreshToken), redactSet(s.ClientSecret))
}

// GoString returns the redacted form for %#v.
func (s Secret) GoString() string { return "keystore.Secret" + s.String() }

// Format prints the redacted form for every verb, so even %d or %x cannot
// reveal a secret.
func (s Secret) Format(f fmt.State, verb rune) { formatRedacted(f, verb, s) }

// LogValue makes slog record the redacted form.
func (s Secret) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("token", redactSet(s.Token)),
		slog.String("refresh_token", redactSet(s.RefreshToken)),
		slog.String("client_secret", redactSet(s.ClientSecret)),
	)
}

// MarshalJSON writes the redacted form, so a Secret dumped into a debug log
// or a JSON export stays safe. The store encodes secrets separately.
func (s Secret) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{
		"token":         redactSet(s.Token),
		"refresh_token": redactSet(s.RefreshToken),
		"client_secret": redactSet(s.ClientSecret),
	})
}

// redactSet redacts a value but keeps "empty" visible, which is useful and
// reveals nothing.
func redactSet(v string) string {
	if v == "" {
		return ""
	}
	return Redact(v)
}

// redactedValue is a value that can print itself without secrets.
type redactedValue interface {
	fmt.Stringer
	fmt.GoStringer
}

// formatRedacted implements fmt.Formatter for redacted values: %#v gets the
// GoString form, every other verb the String form.
func formatRedacted(f fmt.State, verb rune, v redactedValue) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, v.GoString())
		return
	}
	fmt.Fprint(f, v.String())
}

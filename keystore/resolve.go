package keystore

import (
	"fmt"
	"log/slog"
	"os"
)

// Environment variables Resolve reads.
const (
	// EnvToken holds a token that overrides every profile.
	EnvToken = "NOTION_TOKEN"
	// EnvProfile names the profile to use when --profile is not given.
	EnvProfile = "NOTION_PROFILE"
)

// Resolved is the token the app will use and where it came from.
type Resolved struct {
	// Token is the bearer token (the same as Secret.Token). It is left out
	// of JSON, where Secret shows its redacted form.
	Token string `json:"-"`
	// Source tells the user where the token came from, for example
	// "token from keyring profile prod".
	Source string
	// Profile is the profile the token belongs to; nil for NOTION_TOKEN.
	Profile *Profile
	// Secret is the profile's full secret (only Token for NOTION_TOKEN).
	Secret Secret
}

// String describes r with its token redacted.
func (r Resolved) String() string {
	return fmt.Sprintf("{Token:%s Source:%q}", redactSet(r.Token), r.Source)
}

// GoString describes r with its token redacted, for %#v.
func (r Resolved) GoString() string { return "keystore.Resolved" + r.String() }

// Format prints the redacted form for every verb.
func (r Resolved) Format(f fmt.State, verb rune) { formatRedacted(f, verb, r) }

// LogValue makes slog record the redacted form.
func (r Resolved) LogValue() slog.Value {
	return slog.GroupValue(slog.String("token", redactSet(r.Token)), slog.String("source", r.Source))
}

// Resolve finds the token to use, in this order: the NOTION_TOKEN environment
// variable; the profile named by profileFlag (--profile) or else by
// NOTION_PROFILE; the default profile. getenv reads the environment (nil means
// os.Getenv).
//
// When no token is configured the error matches ErrNoToken (and
// ErrProfileNotFound when a named profile does not exist): start the setup
// wizard. A keyring that cannot be used gives a *KeyringError instead.
func (s *Store) Resolve(getenv func(string) string, profileFlag string) (Resolved, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if raw := getenv(EnvToken); raw != "" {
		token, _, err := CleanToken(raw)
		if err != nil {
			return Resolved{}, fmt.Errorf("%s: %w", EnvToken, err)
		}
		return Resolved{Token: token, Source: "token from " + EnvToken, Secret: Secret{Token: token}}, nil
	}
	p, err := s.chooseProfile(profileFlag, getenv(EnvProfile))
	if err != nil {
		return Resolved{}, err
	}
	sec, err := s.secretOf(p)
	if err != nil {
		return Resolved{}, err
	}
	return Resolved{Token: sec.Token, Source: sourceOf(p), Profile: &p, Secret: sec}, nil
}

// chooseProfile returns the profile named by the flag, else by the
// environment, else the default one.
func (s *Store) chooseProfile(flag, env string) (Profile, error) {
	cfg, err := s.loadConfig()
	if err != nil {
		return Profile{}, err
	}
	name, origin := flag, "--profile"
	switch {
	case flag != "":
	case env != "":
		name, origin = env, EnvProfile
	case cfg.DefaultProfile != "":
		name, origin = cfg.DefaultProfile, "default profile"
	default:
		return Profile{}, ErrNoToken
	}
	p, err := cfg.profile(name)
	if err != nil {
		return Profile{}, fmt.Errorf("%s: %w: %w", origin, ErrNoToken, err)
	}
	return p, nil
}

// sourceOf describes where p keeps its token, for the user.
func sourceOf(p Profile) string {
	if p.PlainText() {
		return fmt.Sprintf("token from file profile %s (stored in plain text)", p.Name)
	}
	return fmt.Sprintf("token from keyring profile %s", p.Name)
}

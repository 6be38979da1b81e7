package keystore

import (
	"errors"
	"strings"
	"testing"
)

// env returns a getenv over vars.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestResolve(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	s := newTestStore(t, kr)
	mustSave(t, s, Profile{Name: "prod", WorkspaceName: "Acme"}, Secret{Token: ntnToken})
	mustSave(t, s, Profile{Name: "dev", Storage: StorageFile}, Secret{Token: secretToken})
	mustSave(t, s, Profile{Name: "test", Kind: KindOAuth}, Secret{Token: oauthToken, RefreshToken: "nrt_x"})

	tests := []struct {
		name        string
		env         map[string]string
		flag        string
		wantToken   string
		wantSource  string
		wantProfile string // "" means no profile
	}{
		{name: "default profile", wantToken: ntnToken, wantSource: "token from keyring profile prod", wantProfile: "prod"},
		{name: "flag", flag: "dev", wantToken: secretToken,
			wantSource: "token from file profile dev (stored in plain text)", wantProfile: "dev"},
		{name: "NOTION_PROFILE", env: map[string]string{EnvProfile: "test"}, wantToken: oauthToken,
			wantSource: "token from keyring profile test", wantProfile: "test"},
		{name: "flag beats NOTION_PROFILE", env: map[string]string{EnvProfile: "test"}, flag: "dev",
			wantToken: secretToken, wantSource: "token from file profile dev (stored in plain text)", wantProfile: "dev"},
		{name: "NOTION_TOKEN beats everything", env: map[string]string{EnvToken: "other-token-from-env-123456", EnvProfile: "test"}, flag: "dev",
			wantToken: "other-token-from-env-123456", wantSource: "token from NOTION_TOKEN"},
		{name: "NOTION_TOKEN is cleaned", env: map[string]string{EnvToken: " 'Bearer " + ntnToken + "'\n"},
			wantToken: ntnToken, wantSource: "token from NOTION_TOKEN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := s.Resolve(env(tt.env), tt.flag)
			if err != nil {
				t.Fatal(err)
			}
			if r.Token != tt.wantToken || r.Secret.Token != tt.wantToken {
				t.Errorf("token = %s (secret %s), want %s", Redact(r.Token), Redact(r.Secret.Token), Redact(tt.wantToken))
			}
			if r.Source != tt.wantSource {
				t.Errorf("source = %q, want %q", r.Source, tt.wantSource)
			}
			switch {
			case tt.wantProfile == "" && r.Profile != nil:
				t.Errorf("profile = %+v, want none", r.Profile)
			case tt.wantProfile != "" && (r.Profile == nil || r.Profile.Name != tt.wantProfile):
				t.Errorf("profile = %+v, want %s", r.Profile, tt.wantProfile)
			}
		})
	}

	r, err := s.Resolve(env(nil), "test")
	if err != nil || r.Secret.RefreshToken != "nrt_x" || r.Profile.Kind != KindOAuth {
		t.Errorf("Resolve(test) = %v, %v; want the whole OAuth secret and profile", r, err)
	}
}

func TestResolveWithoutToken(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	empty := newTestStore(t, kr)
	s := newTestStore(t, kr)
	mustSave(t, s, Profile{Name: "prod"}, Secret{Token: ntnToken})
	gone := newTestStore(t, kr)
	mustSave(t, gone, Profile{Name: "gone", Storage: StorageFile}, Secret{Token: ntnToken})
	if err := gone.removeSecret(StorageFile, "gone"); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name            string
		store           *Store
		env             map[string]string
		flag            string
		profileNotFound bool
		mention         string
	}{
		{name: "nothing saved", store: empty},
		{name: "unknown flag profile", store: s, flag: "staging", profileNotFound: true, mention: `--profile: no Notion token configured: profile not found: "staging" (saved profiles: prod)`},
		{name: "unknown NOTION_PROFILE", store: s, env: map[string]string{EnvProfile: "qa"}, profileNotFound: true, mention: "NOTION_PROFILE"},
		{name: "secret gone from its file", store: gone, mention: `profile "gone" has no token in its file storage`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := tt.store.Resolve(env(tt.env), tt.flag)
			if !errors.Is(err, ErrNoToken) {
				t.Fatalf("Resolve = %v, %v; want ErrNoToken", r, err)
			}
			if errors.Is(err, ErrProfileNotFound) != tt.profileNotFound {
				t.Errorf("errors.Is(err, ErrProfileNotFound) = %v, want %v (%v)", !tt.profileNotFound, tt.profileNotFound, err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %q", err, tt.mention)
			}
		})
	}
}

func TestResolveBadInput(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	s := newTestStore(t, kr)
	mustSave(t, s, Profile{Name: "prod"}, Secret{Token: ntnToken})

	_, err := s.Resolve(env(map[string]string{EnvToken: "ntn_abc def"}), "")
	if err == nil || !strings.Contains(err.Error(), "NOTION_TOKEN: token contains white space") || errors.Is(err, ErrNoToken) {
		t.Errorf("Resolve with a broken NOTION_TOKEN = %v", err)
	}

	kr.err = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")
	_, err = s.Resolve(env(nil), "")
	var ke *KeyringError
	if !errors.As(err, &ke) || errors.Is(err, ErrNoToken) {
		t.Errorf("Resolve with a locked keyring = %v, want *KeyringError and not ErrNoToken", err)
	}
}

func TestResolveUsesOSEnvironmentByDefault(t *testing.T) {
	t.Setenv(EnvToken, ntnToken)
	s := newTestStore(t, newFakeKeyring())
	r, err := s.Resolve(nil, "")
	if err != nil || r.Token != ntnToken || r.Source != "token from NOTION_TOKEN" {
		t.Errorf("Resolve(nil) = %v, %v", r, err)
	}
}

// TestProfileNotFoundNamesTheSavedProfiles: a profile that does not exist
// is told apart from "no token at all", with the saved ones to pick from.
func TestProfileNotFoundNamesTheSavedProfiles(t *testing.T) {
	t.Parallel()
	kr := newFakeKeyring()
	s := newTestStore(t, kr)
	mustSave(t, s, Profile{Name: "prod"}, Secret{Token: ntnToken})
	mustSave(t, s, Profile{Name: "dev"}, Secret{Token: ntnToken})
	_, err := s.Resolve(env(nil), "nope")
	var nf *ProfileNotFoundError
	if !errors.As(err, &nf) || !errors.Is(err, ErrProfileNotFound) || !errors.Is(err, ErrNoToken) {
		t.Fatalf("Resolve(nope) = %v; want a *ProfileNotFoundError matching ErrProfileNotFound and ErrNoToken", err)
	}
	if nf.Name != "nope" || strings.Join(nf.Saved, ",") != "dev,prod" || nf.Default != "prod" {
		t.Errorf("error = %+v; want nope, saved dev,prod, default prod", nf)
	}
	_, err = newTestStore(t, kr).Resolve(env(nil), "nope")
	if !errors.As(err, &nf) || len(nf.Saved) != 0 || !strings.Contains(err.Error(), "no profiles saved yet") {
		t.Errorf("Resolve(nope) in an empty store = %v; want no saved profiles", err)
	}
}

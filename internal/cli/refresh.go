package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// oauthRefresher renews the access token of an OAuth profile for one
// client (notionapi.WithTokenRefresher) and saves the new tokens in the
// profile.
//
// The store is read again at each refresh: when the stored token already
// differs from the client's, another process renewed it, and its token is
// used instead of spending the refresh token (which rotates) a second
// time.
type oauthRefresher struct {
	store *keystore.Store
	// oauth calls the OAuth endpoints (the same base URL and version as
	// the client renewed).
	oauth *notionapi.Client
	// warn tells the user that a renewed token could not be saved; nil
	// drops the message.
	warn func(string)
	// owners remembers which profile a token belongs to, across the
	// clients of one app; nil when profile is always known.
	owners *tokenOwners

	mu sync.Mutex
	// profile is the OAuth profile; "" means "look it up by current".
	profile string
	// current is the access token the client holds.
	current string
}

// refresh is the notionapi.TokenRefresher.
func (r *oauthRefresher) refresh(ctx context.Context) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	p, sec, err := r.find()
	if err != nil {
		return "", err
	}
	if sec.Token != r.current {
		return r.use(p.Name, sec.Token), nil
	}
	if sec.RefreshToken == "" {
		return "", fmt.Errorf("profile %q holds no refresh token: %w", p.Name, notionapi.ErrNotRenewable)
	}
	creds := notionapi.OAuthCredentials{ClientID: p.OAuthClientID, ClientSecret: sec.ClientSecret}
	tok, err := r.oauth.RefreshToken(ctx, creds, sec.RefreshToken)
	if err != nil {
		// Another process may have renewed it since the read above.
		if again, aerr := r.store.Secret(p.Name); aerr == nil && again.Token != r.current {
			return r.use(p.Name, again.Token), nil
		}
		return "", err
	}
	next := keystore.Secret{Token: tok.AccessToken, RefreshToken: cmp.Or(tok.RefreshToken, sec.RefreshToken), ClientSecret: sec.ClientSecret}
	if err := r.store.UpdateSecretContext(ctx, p.Name, next); err != nil && r.warn != nil {
		r.warn(fmt.Sprintf("The renewed OAuth token of profile %s works for now but was not saved (%v); "+
			"next time, sign in again with `notion-tui auth login --oauth --profile %s`.", p.Name, err, p.Name))
	}
	return r.use(p.Name, tok.AccessToken), nil
}

// use records token as the client's and returns it.
func (r *oauthRefresher) use(profile, token string) string {
	r.owners.add(r.current, profile)
	r.owners.add(token, profile)
	r.profile, r.current = profile, token
	return token
}

// find returns the OAuth profile the client's token belongs to, with its
// stored secret.
func (r *oauthRefresher) find() (keystore.Profile, keystore.Secret, error) {
	name := cmp.Or(r.profile, r.owners.of(r.current))
	if name != "" {
		p, err := r.store.Profile(name)
		if err != nil {
			return p, keystore.Secret{}, err
		}
		if p.Kind != keystore.KindOAuth {
			return p, keystore.Secret{}, fmt.Errorf("profile %q is not an OAuth profile: %w", name, notionapi.ErrNotRenewable)
		}
		sec, err := r.store.Secret(name)
		return p, sec, err
	}
	profiles, _, err := r.store.Profiles()
	if err != nil {
		return keystore.Profile{}, keystore.Secret{}, err
	}
	for _, p := range profiles {
		if p.Kind != keystore.KindOAuth {
			continue
		}
		if sec, err := r.store.Secret(p.Name); err == nil && sec.Token == r.current {
			return p, sec, nil
		}
	}
	return keystore.Profile{}, keystore.Secret{}, errors.Join(errors.New("the token is not a stored OAuth profile's"), notionapi.ErrNotRenewable)
}

// tokenOwners maps access tokens to the OAuth profile they belong to, so
// that a client built later with a token that has since been renewed
// still finds its profile. The nil *tokenOwners knows nothing.
type tokenOwners struct {
	mu sync.Mutex
	m  map[string]string
}

func newTokenOwners() *tokenOwners { return &tokenOwners{m: map[string]string{}} }

func (o *tokenOwners) add(token, profile string) {
	if o == nil {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.m[token] = profile
}

func (o *tokenOwners) of(token string) string {
	if o == nil {
		return ""
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.m[token]
}

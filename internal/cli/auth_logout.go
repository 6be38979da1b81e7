package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

func authLogoutCommand() *command {
	return &command{
		name:    "logout",
		summary: "delete a profile and its token (an OAuth token is revoked at Notion first)",
		setup: func(fs *flag.FlagSet, g *Globals, env *Env) func(context.Context, []string) error {
			force := fs.Bool("force", false, "delete the profile even when its OAuth token cannot be revoked at Notion")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("auth logout takes no arguments (use --profile NAME)")
				}
				return authLogout(ctx, g, env, *force)
			}
		},
	}
}

func authLogout(ctx context.Context, g *Globals, env *Env, force bool) error {
	store, err := openStore(env)
	if err != nil {
		return err
	}
	_, def, err := store.Profiles()
	if err != nil {
		return err
	}
	name := g.Profile
	if name == "" {
		name = def
	}
	if name == "" {
		return &exitError{code: 1, msg: "notion-tui: no profile is stored, so there is nothing to log out of."}
	}
	p, err := store.Profile(name)
	if err != nil {
		return withProfileNames(err, store)
	}
	revoked := false
	if p.Kind == keystore.KindOAuth {
		err := revokeProfile(ctx, g, env, store, p)
		switch {
		case errors.Is(err, context.Canceled):
			return err
		case err != nil:
			if !force {
				if err := confirmLocalDelete(ctx, env, p.Name, err); err != nil {
					return err
				}
			}
			fmt.Fprintf(env.Stderr, "The token of profile %s was not revoked at Notion; it stays valid until the connection is removed in Notion (Settings → Connections).\n", p.Name)
		default:
			revoked = true
		}
	}
	if err := store.Delete(name); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Logged out of profile %s: %s.\n", name, logoutText(p, revoked))
	_, newDef, err := store.Profiles()
	switch {
	case err != nil:
	case newDef == "":
		fmt.Fprintln(env.Stdout, "No profiles are left.")
	case def == name:
		fmt.Fprintf(env.Stdout, "Profile %s is now the default.\n", newDef)
	}
	return nil
}

// revokeProfile revokes an OAuth profile's access token at Notion, then
// its refresh token (a failure there is only reported). A token already
// gone from the store has nothing to revoke.
func revokeProfile(ctx context.Context, g *Globals, env *Env, store *keystore.Store, p keystore.Profile) error {
	sec, err := store.Secret(p.Name)
	switch {
	case errors.Is(err, keystore.ErrNoToken):
		return nil
	case err != nil:
		return err
	}
	s := &Session{Profile: &p}
	if err := s.connect(g, env); err != nil {
		return err
	}
	defer s.Close()
	creds := notionapi.OAuthCredentials{ClientID: p.OAuthClientID, ClientSecret: sec.ClientSecret}
	if err := s.Client.Revoke(ctx, creds, sec.Token); err != nil {
		return err
	}
	if sec.RefreshToken != "" {
		if err := s.Client.Revoke(ctx, creds, sec.RefreshToken); err != nil {
			fmt.Fprintf(env.Stderr, "warning: the access token was revoked, but revoking the refresh token failed: %v\n", err)
		}
	}
	return nil
}

// confirmLocalDelete decides about a profile whose token could not be
// revoked: on a terminal it asks, elsewhere it keeps the profile. A nil
// error means "delete it anyway".
func confirmLocalDelete(ctx context.Context, env *Env, name string, cause error) error {
	why := fmt.Sprintf("The OAuth token of profile %s could not be revoked at Notion.\n%s", name, guide.Diagnose(cause, guide.Context{}).Text())
	kept := "To delete it here anyway: `notion-tui auth logout --profile " + name + " --force`, " +
		"then remove the connection in Notion (Settings → Connections) so the token stops working."
	if !env.StdinIsTerminal() {
		return &exitError{code: 1, msg: "notion-tui: " + why + "\nThe profile is kept. " + kept}
	}
	fmt.Fprintln(env.Stderr, why)
	fmt.Fprint(env.Stderr, "Delete the profile here anyway? The token stays valid until the connection is removed in Notion. [y/N] ")
	answer, err := newPrompter(env).line(ctx)
	if errors.Is(err, context.Canceled) {
		return err
	}
	if a := strings.ToLower(strings.TrimSpace(answer)); a == "y" || a == "yes" {
		return nil
	}
	return &exitError{code: 1, msg: "notion-tui: the profile is kept. " + kept}
}

// logoutText says what happened to the token.
func logoutText(p keystore.Profile, revoked bool) string {
	where := "removed from the OS keyring"
	if p.PlainText() {
		where = "removed from the plain-text file"
	}
	switch {
	case revoked:
		return "token revoked at Notion and " + where
	case p.Kind == keystore.KindOAuth:
		return "token " + where + " (not revoked at Notion)"
	}
	return "token " + where + ". The token itself stays valid: regenerate it in the integration's settings (" + guide.IntegrationsURL + ") if it may have leaked"
}

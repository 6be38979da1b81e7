package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

func (a *app) authLogoutCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "logout [profile]",
		Short: "Delete a profile and its token",
		Long: "Delete a stored profile and its token. Without a profile name, the only stored profile is deleted; with " +
			"several, a terminal asks which one, and elsewhere the command refuses and names them. An OAuth token is " +
			"revoked at Notion first; when that fails, the profile is kept unless you confirm or pass --force. A personal " +
			"access token or an internal connection's token stays valid: revoke the first at " + guide.TokensURL +
			", regenerate the second on the connection's Configuration tab.",
		Example: `
notion-tui auth logout dev
notion-tui auth logout acme --force`,
		Args:              maxArgs(1, "one profile name"),
		ValidArgsFunction: a.completeProfiles,
	}
	cmd.Flags().BoolVar(&force, "force", false, "delete even if Notion cannot revoke the token")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		name, err := a.profileArg(cmd, args)
		if err != nil {
			return err
		}
		return authLogout(cmd.Context(), a.g, a.env, name, force)
	}
	return cmd
}

func authLogout(ctx context.Context, g *Globals, env *Env, name string, force bool) error {
	store, err := openStore(env)
	if err != nil {
		return err
	}
	profiles, def, err := store.Profiles()
	if err != nil {
		return err
	}
	if name == "" {
		if name, err = chooseProfile(ctx, env, profiles, def); err != nil {
			return err
		}
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
	if err := store.DeleteContext(ctx, name); err != nil {
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

// chooseProfile is the profile to log out of when none was named: the
// only one stored; with several, the one the user picks on a terminal
// (never the default by itself), else an error naming them.
func chooseProfile(ctx context.Context, env *Env, profiles []keystore.Profile, def string) (string, error) {
	switch len(profiles) {
	case 0:
		return "", &exitError{code: 1, msg: "notion-tui: no profile is stored, so there is nothing to log out of."}
	case 1:
		return profiles[0].Name, nil
	}
	names := make([]string, len(profiles))
	for i, p := range profiles {
		names[i] = p.Name
	}
	if !env.StdinIsTerminal() {
		return "", &usageError{msg: fmt.Sprintf("%d profiles are stored (%s): name the one to log out of, for example `notion-tui auth logout %s`",
			len(names), strings.Join(names, ", "), names[0])}
	}
	w := env.Stderr
	fmt.Fprintln(w, "Which profile do you want to log out of?")
	for i, p := range profiles {
		mark := ""
		if p.Name == def {
			mark = " (default)"
		}
		fmt.Fprintf(w, "  %d. %s%s: %s\n", i+1, p.Name, mark, whoText(p))
	}
	ask := newPrompter(env)
	for {
		fmt.Fprintf(w, "Number or name (enter cancels): ")
		answer, err := ask.line(ctx)
		if errors.Is(err, context.Canceled) {
			return "", err
		}
		answer = strings.TrimSpace(answer)
		if answer == "" {
			return "", &exitError{code: 1, msg: "notion-tui: nothing was deleted."}
		}
		if n, convErr := strconv.Atoi(answer); convErr == nil && n >= 1 && n <= len(names) {
			return names[n-1], nil
		}
		if slices.Contains(names, answer) {
			return answer, nil
		}
		if err != nil { // end of input
			return "", &exitError{code: 1, msg: "notion-tui: no profile was chosen; nothing was deleted."}
		}
		fmt.Fprintf(w, "  %q is neither a number from 1 to %d nor a stored profile.\n", answer, len(names))
	}
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
	if err := s.Client.RevokeToken(ctx, creds, sec.Token); err != nil {
		return err
	}
	if sec.RefreshToken != "" {
		if err := s.Client.RevokeToken(ctx, creds, sec.RefreshToken); err != nil {
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
	kept := "To delete it here anyway: `notion-tui auth logout " + name + " --force`, " +
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
	case guide.RecordOf(&p).Kind == notionapi.TokenKindPersonal:
		return "token " + where + ". The personal access token itself stays valid until it expires: revoke it at " + guide.TokensURL + " if it may have leaked"
	}
	return "token " + where + ". The token itself stays valid: if it may have leaked, regenerate it on the connection's Configuration tab (" + guide.ConnectionsURL + ")"
}

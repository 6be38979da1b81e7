package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// statusTimeout bounds the live checks of auth status.
const statusTimeout = 15 * time.Second

// Results of a profile's live check.
const (
	checkValid        = "valid"
	checkRevoked      = "revoked"  // 401 for an internal token
	checkInactive     = "inactive" // an OAuth token introspected as not active
	checkNetwork      = "network error"
	checkNoToken      = "no token"
	checkKeyringError = "keyring error"
	checkError        = "error"
)

// profileStatus is one line of auth status. It never holds a secret.
type profileStatus struct {
	Name      string        `json:"name"`
	Default   bool          `json:"default"`
	Kind      keystore.Kind `json:"kind"`
	Storage   string        `json:"storage"` // "keyring" or "file"
	PlainText bool          `json:"plain_text"`
	Workspace string        `json:"workspace,omitempty"`
	Bot       string        `json:"bot,omitempty"`
	BaseURL   string        `json:"base_url,omitempty"`
	Status    string        `json:"status"`
	Detail    string        `json:"detail,omitempty"`
}

func (a *app) authStatusCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "status [profile]",
		Short: "List stored profiles with a live check of each token",
		Long: "List the stored profiles (or one) with a live check of each token: GET /v1/users/me for an internal " +
			"integration, introspection for OAuth. Exit status 1 unless every token checked is valid.",
		Example: `
notion-tui auth status
notion-tui auth status prod --json`,
		Args:              maxArgs(1, "one profile name"),
		ValidArgsFunction: a.completeProfiles,
	}
	out := addOutputFlags(cmd, dataFormats...)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		format, err := out.get(cmd)
		if err != nil {
			return err
		}
		name, err := a.profileArg(cmd, args)
		if err != nil {
			return err
		}
		return a.authStatus(cmd.Context(), name, format)
	}
	return cmd
}

func (a *app) authStatus(ctx context.Context, name, format string) error {
	g, env := a.g, a.env
	store, err := openStore(env)
	if err != nil {
		return err
	}
	profiles, def, err := store.Profiles()
	if err != nil {
		return err
	}
	if name != "" {
		p, err := store.Profile(name)
		if err != nil {
			return withProfileNames(err, store)
		}
		profiles = []keystore.Profile{p}
	}
	// One debug log for every check.
	base := &Session{}
	if err := base.connect(g, env); err != nil {
		return err
	}
	defer base.Close()
	ctx, cancel := context.WithTimeout(ctx, statusTimeout)
	defer cancel()
	results := make([]profileStatus, len(profiles))
	var wg sync.WaitGroup
	for i, p := range profiles {
		wg.Go(func() {
			results[i] = checkProfile(ctx, g, env, store, base.Logger, p)
			results[i].Default = p.Name == def
		})
	}
	wg.Wait()
	var showErr error
	switch format {
	case formatJSON:
		showErr = writeJSON(env.Stdout, results)
	case formatTable:
		showErr = a.printStatus(store, results)
	default:
		w := a.newRecordWriter(format, statusColumns)
		for _, r := range results {
			if showErr = w.Row(statusCells(r, store), mustJSON(r)); showErr != nil {
				break
			}
		}
		showErr = closeAfter(w, showErr)
	}
	if showErr != nil {
		return showErr
	}
	for _, r := range results {
		if r.Status != checkValid {
			return &exitError{code: 1}
		}
	}
	if len(results) == 0 {
		return &exitError{code: 1}
	}
	return nil
}

// checkProfile checks a profile's token against Notion: GET /v1/users/me
// for an internal token, introspection for an OAuth one.
func checkProfile(ctx context.Context, g *Globals, env *Env, store *keystore.Store, logger *slog.Logger, p keystore.Profile) profileStatus {
	st := profileStatus{
		Name: p.Name, Kind: p.Kind, Storage: string(p.Storage), PlainText: p.PlainText(),
		Workspace: p.WorkspaceName, Bot: p.BotName, BaseURL: p.BaseURL,
	}
	sec, err := store.Secret(p.Name)
	if err != nil {
		st.Status, st.Detail = secretProblem(err)
		return st
	}
	s := &Session{Token: sec.Token, Profile: &p, Logger: logger}
	if err := s.connect(g, env); err != nil {
		st.Status, st.Detail = checkError, err.Error()
		return st
	}
	if p.Kind == keystore.KindOAuth {
		st.Status, st.Detail = introspect(ctx, s.Client, p, sec)
		return st
	}
	me, err := s.Client.GetMe(ctx)
	if err != nil {
		st.Status, st.Detail = failedCheck(err)
		return st
	}
	st.Status = checkValid
	if me.Name != "" {
		st.Bot = me.Name
	}
	if me.Bot != nil && me.Bot.WorkspaceName != "" {
		st.Workspace = me.Bot.WorkspaceName
	}
	return st
}

// introspect asks Notion whether an OAuth access token is active.
func introspect(ctx context.Context, c *notionapi.Client, p keystore.Profile, sec keystore.Secret) (status, detail string) {
	r, err := c.IntrospectToken(ctx, notionapi.OAuthCredentials{ClientID: p.OAuthClientID, ClientSecret: sec.ClientSecret}, sec.Token)
	switch {
	case err != nil:
		return failedCheck(err)
	case r.Active:
		return checkValid, "active OAuth token"
	case sec.RefreshToken != "":
		return checkInactive, "expired or revoked; a refresh token is stored, and the next command tries to renew it"
	}
	return checkInactive, "expired or revoked: sign in again with `notion-tui auth login --oauth --profile " + p.Name + "`"
}

// secretProblem describes a secret that could not be read.
func secretProblem(err error) (status, detail string) {
	var kr *keystore.KeyringError
	switch {
	case errors.Is(err, keystore.ErrNoToken):
		return checkNoToken, "the token is missing from its storage: log in again"
	case errors.As(err, &kr):
		return checkKeyringError, kr.Error() + ": " + kr.Hint
	}
	return checkError, err.Error()
}

// failedCheck classifies a failed live check.
func failedCheck(err error) (status, detail string) {
	var (
		netErr *notionapi.NetworkError
		tmoErr *notionapi.TimeoutError
	)
	switch {
	case notionapi.StatusOf(err) == http.StatusUnauthorized && !notionapi.IsCode(err, notionapi.CodeInvalidClient):
		return checkRevoked, "Notion refused the token (401): revoked, regenerated or mistyped"
	case errors.As(err, &netErr):
		return checkNetwork, netErr.Reason()
	case errors.As(err, &tmoErr), errors.Is(err, context.DeadlineExceeded):
		return checkNetwork, "no answer within " + statusTimeout.String()
	}
	return checkError, guide.Diagnose(err, guide.Context{}).Title
}

// statusColumns are the columns of auth status.
var statusColumns = []column{{name: "Default"}, {name: "Profile"}, {name: "Workspace"}, {name: "Bot"}, {name: "Kind"}, {name: "Token stored in"}, {name: "Status"}}

func statusCells(r profileStatus, store *keystore.Store) []string {
	mark := ""
	if r.Default {
		mark = "*"
	}
	return []string{mark, r.Name, r.Workspace, r.Bot, string(r.Kind), storageText(r, store), statusText(r)}
}

// printStatus prints the profiles as a table, then what overrides them.
func (a *app) printStatus(store *keystore.Store, results []profileStatus) error {
	env := a.env
	if len(results) == 0 {
		if _, err := fmt.Fprintln(env.Stdout, "No stored profiles. Run `notion-tui auth login` (or `notion-tui auth login --oauth`)."); err != nil {
			return err
		}
	} else {
		cols := slices.Clone(statusColumns)
		cols[0].name = ""
		w := a.newRecordWriter(formatTable, cols)
		for _, r := range results {
			if err := w.Row(statusCells(r, store), nil); err != nil {
				return err
			}
		}
		if err := w.Close(); err != nil {
			return err
		}
		if env.stdoutIsTerminal() {
			fmt.Fprintln(env.Stdout, "* default profile")
		}
	}
	if env.getenv(keystore.EnvToken) != "" {
		fmt.Fprintf(env.Stderr, "%s is set in this shell: commands use it instead of any stored profile.\n", keystore.EnvToken)
	}
	if p := env.getenv(keystore.EnvProfile); p != "" {
		fmt.Fprintf(env.Stderr, "%s=%s selects that profile instead of the default.\n", keystore.EnvProfile, p)
	}
	return nil
}

func storageText(r profileStatus, store *keystore.Store) string {
	if r.PlainText {
		return "plain text file (" + store.Dir() + ")"
	}
	return "OS keyring"
}

func statusText(r profileStatus) string {
	mark := "✗ "
	if r.Status == checkValid {
		mark = "✓ "
	}
	if r.Detail == "" {
		return mark + r.Status
	}
	return mark + r.Status + ": " + r.Detail
}

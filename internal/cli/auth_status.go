package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
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
	Name    string `json:"name"`
	Default bool   `json:"default"`
	// InUse marks the token commands use now: NOTION_TOKEN when set,
	// else the profile --profile or NOTION_PROFILE names, else the
	// default.
	InUse bool `json:"in_use"`
	// Source is "profile", or "environment" for NOTION_TOKEN.
	Source string `json:"source"`
	// Kind is how the profile stores its token ("internal" for a static
	// token, "oauth"); TokenKind what the token is ("personal",
	// "internal" or "public"), as Notion showed it or as recorded.
	Kind      keystore.Kind `json:"kind,omitempty"`
	TokenKind string        `json:"token_kind,omitempty"`
	Storage   string        `json:"storage"` // "keyring", "file" or "environment"
	PlainText bool          `json:"plain_text"`
	Workspace string        `json:"workspace,omitempty"`
	// Bot is who the token acts as: the connection's bot, or the person
	// of a personal access token.
	Bot     string `json:"bot,omitempty"`
	BaseURL string `json:"base_url"`
	// Expires is when a personal access token expires, from the day it
	// was made and its lifetime as recorded at login.
	Expires time.Time `json:"expires,omitzero"`
	Status  string    `json:"status"`
	Detail  string    `json:"detail,omitempty"`
	// Writes are the capabilities no probe can show (inserting and
	// updating content), as the profile recorded them from the first
	// real create and edit; absent for NOTION_TOKEN.
	Writes []writeStatus `json:"writes,omitempty"`
	// warning is said on stderr after the table (an expiry close by).
	warning string
}

func (a *app) authStatusCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "status [profile]",
		Short: "Check the token in use and list stored profiles",
		Long: "Check the token commands use now (NOTION_TOKEN when set, else the profile --profile or NOTION_PROFILE " +
			"names, else the default) and every stored profile, or only the one named: GET /v1/users/me for a personal " +
			"access token or an internal connection, introspection for OAuth. Each line shows the workspace, who the " +
			"token acts as, its kind, the base URL and where the token is stored; a personal access token warns before " +
			"it expires, by the day it was made and the lifetime recorded at login (lifetimes from Notion's guide: " +
			guide.PersonalTokensDocURL + ").\n\n" +
			"Exit status 1 when the token in use (or the profile named) fails, as `gh auth status` does; another " +
			"profile's failure is shown but does not change the status.",
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
		name := ""
		if len(args) > 0 || cmd.Flags().Changed("profile") {
			if name, err = a.profileArg(cmd, args); err != nil {
				return err
			}
		}
		return a.authStatus(cmd.Context(), name, format)
	}
	return cmd
}

// envSource marks NOTION_TOKEN's line.
const envSource = "environment"

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
	// The token in use, as every command resolves it.
	inUse, envToken, resolveErr := "", "", error(nil)
	if raw := env.getenv(keystore.EnvToken); raw != "" {
		inUse = keystore.EnvToken
		envToken, _, resolveErr = keystore.CleanToken(raw)
	} else if res, err := store.Resolve(env.getenv, g.Profile); err == nil && res.Profile != nil {
		inUse = res.Profile.Name
	} else if !errors.Is(err, keystore.ErrNoToken) || errors.Is(err, keystore.ErrProfileNotFound) {
		resolveErr = err
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
			results[i].InUse = p.Name == inUse
		})
	}
	if inUse == keystore.EnvToken && name == "" {
		st := profileStatus{Name: keystore.EnvToken, Source: envSource, Storage: envSource, InUse: true, BaseURL: base.BaseURL}
		if resolveErr != nil {
			st.Status, st.Detail = checkError, resolveErr.Error()
		} else {
			wg.Go(func() { checkToken(ctx, g, env, base.Logger, envToken, nil, &st) })
		}
		wg.Wait()
		results = append([]profileStatus{st}, results...)
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
		if r.warning != "" {
			fmt.Fprintln(env.Stderr, "warning: "+r.warning)
		}
	}
	// The verdict is the token in use's (or the named profile's).
	if name != "" {
		if results[len(results)-1].Status != checkValid {
			return &exitError{code: 1}
		}
		return nil
	}
	for _, r := range results {
		if r.InUse {
			if r.Status != checkValid {
				return &exitError{code: 1}
			}
			return nil
		}
	}
	switch {
	case resolveErr != nil:
		return &exitError{code: 1, msg: "notion-tui: no token is in use: " + resolveErr.Error()}
	case len(results) > 0:
		return &exitError{code: 1, msg: "notion-tui: no token is in use: no default profile; choose one with `notion-tui auth switch NAME`"}
	}
	return &exitError{code: 1}
}

// writeStatus is what the profile recorded about a write capability.
type writeStatus struct {
	Capability string `json:"capability"`
	// Status is "granted", "refused", "warning" (the block limit), or
	// "not checked" until a real write answers.
	Status string    `json:"status"`
	Detail string    `json:"detail"`
	Seen   time.Time `json:"seen,omitzero"`
}

// writesOf is what the profile recorded from real writes, one entry per
// capability no probe can show; never "granted" without evidence.
func writesOf(p keystore.Profile, kind notionapi.TokenKind) []writeStatus {
	var out []writeStatus
	for _, capability := range []string{guide.CapInsertContent, guide.CapUpdateContent} {
		ws := writeStatus{Capability: capability, Status: "not checked", Detail: guide.NotProbed(capability).Detail}
		if ev, ok := p.Writes.Get(capability); ok {
			if r, ok := guide.Recorded(capability, ev, kind); ok {
				ws.Detail, ws.Seen = r.Detail, ev.Seen
				switch r.State {
				case guide.StateOK:
					ws.Status = "granted"
				case guide.StateFailed:
					ws.Status = "refused"
				default:
					ws.Status = "warning"
				}
			}
		}
		out = append(out, ws)
	}
	return out
}

// checkProfile checks a profile's token against Notion: GET /v1/users/me
// for a personal access token or an internal connection's, introspection
// for an OAuth one.
func checkProfile(ctx context.Context, g *Globals, env *Env, store *keystore.Store, logger *slog.Logger, p keystore.Profile) profileStatus {
	rec := guide.RecordOf(&p)
	st := profileStatus{
		Name: p.Name, Source: "profile", Kind: p.Kind, TokenKind: string(rec.Kind), Storage: string(p.Storage), PlainText: p.PlainText(),
		Workspace: p.WorkspaceName, Bot: p.BotName, BaseURL: cmp.Or(p.BaseURL, notionapi.DefaultBaseURL),
	}
	if g.BaseURL != "" {
		st.BaseURL = g.BaseURL // --base-url and NOTION_BASE_URL win over the profile's
	}
	sec, err := store.Secret(p.Name)
	if err != nil {
		st.Status, st.Detail = secretProblem(err)
		return st
	}
	if p.Kind == keystore.KindOAuth {
		s := &Session{Token: sec.Token, Profile: &p, Logger: logger}
		if err := s.connect(g, env, notionapi.WithMaxRetryWait(checkMaxWait)); err != nil {
			st.Status, st.Detail = checkError, err.Error()
			return st
		}
		defer s.Close()
		st.TokenKind = string(notionapi.TokenKindPublic)
		st.Status, st.Detail = introspect(ctx, s.Client, p, sec)
		st.Writes = writesOf(p, notionapi.TokenKindPublic)
		return st
	}
	checkToken(ctx, g, env, logger, sec.Token, &p, &st)
	kind, _ := notionapi.ParseTokenKind(st.TokenKind)
	st.Writes = writesOf(p, kind)
	return st
}

// checkToken asks /v1/users/me who a token is (p is its profile, nil for
// NOTION_TOKEN), and fills st: the verdict, who it acts as, its kind and,
// for a personal access token, its expiry.
func checkToken(ctx context.Context, g *Globals, env *Env, logger *slog.Logger, token string, p *keystore.Profile, st *profileStatus) {
	s := &Session{Token: token, Profile: p, Logger: logger}
	if err := s.connect(g, env, notionapi.WithMaxRetryWait(checkMaxWait)); err != nil {
		st.Status, st.Detail = checkError, err.Error()
		return
	}
	defer s.Close()
	st.BaseURL = s.BaseURL
	tc := guide.CheckToken(ctx, s.Client, guide.RecordOf(p), guide.Context{}, env.Now())
	if tc.Err != nil {
		st.Status, st.Detail = failedCheck(tc.Err)
		if tc.Expiry != nil && tc.Expiry.Expired() && st.Status == checkRevoked {
			st.Detail = "Notion refused the personal access token (401): it " + tc.Expiry.Text()
		}
		return
	}
	st.Status = checkValid
	id := tc.Identity
	st.TokenKind = string(id.Kind)
	if id.Name != "" {
		st.Bot = id.Name
	}
	if id.Workspace != "" {
		st.Workspace = id.Workspace
	}
	if e := tc.Expiry; e != nil {
		st.Expires = e.At
		st.Detail = e.Text()
		if e.Expired() {
			st.Detail = "Notion still accepts it, though the recorded lifetime ended on " + e.At.Local().Format("2006-01-02")
		}
	}
	if tc.State == guide.StateWarning && tc.Fix != nil {
		who := "profile " + st.Name
		if p == nil {
			who = keystore.EnvToken
		}
		st.warning = "the personal access token of " + who + " " + tc.Expiry.Text() + " (made on " +
			tc.Expiry.Created.Local().Format("2006-01-02") + " to last " + tc.Expiry.Lifetime.String() +
			", as recorded at login). Make a new one at " + guide.TokensURL + " and store it with `notion-tui auth login" + profileFlag(st.Name) + "`."
		if p == nil {
			st.warning = strings.TrimSuffix(st.warning, " and store it with `notion-tui auth login`.") + "."
		}
	}
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
		return checkRevoked, "Notion refused the token (401): revoked, regenerated, expired or mistyped"
	case errors.As(err, &netErr):
		return checkNetwork, netErr.Reason()
	case errors.As(err, &tmoErr), errors.Is(err, context.DeadlineExceeded):
		return checkNetwork, "no answer within " + statusTimeout.String()
	}
	return checkError, guide.Diagnose(err, guide.Context{}).Title
}

// statusColumns are the columns of auth status.
var statusColumns = []column{{name: "Default"}, {name: "Profile"}, {name: "Workspace"}, {name: "Acts as"}, {name: "Kind"}, {name: "Base URL"}, {name: "Token stored in"}, {name: "Status"}}

func statusCells(r profileStatus, store *keystore.Store) []string {
	mark := ""
	switch {
	case r.InUse && r.Default:
		mark = "*>"
	case r.InUse:
		mark = ">"
	case r.Default:
		mark = "*"
	}
	kind := string(r.Kind)
	if k, err := notionapi.ParseTokenKind(r.TokenKind); err == nil && k != notionapi.TokenKindUnknown {
		kind = k.String()
	}
	return []string{mark, r.Name, r.Workspace, r.Bot, kind, strings.TrimPrefix(r.BaseURL, "https://"), storageText(r, store), statusText(r)}
}

// printStatus prints the profiles as a table, then what overrides them.
func (a *app) printStatus(store *keystore.Store, results []profileStatus) error {
	env := a.env
	stored := 0
	for _, r := range results {
		if r.Source != envSource {
			stored++
		}
	}
	if stored == 0 {
		width, _ := env.TermWidth() // 0 when piped: one line
		if _, err := fmt.Fprint(env.Stdout, wrapLines("No stored profiles. Run `notion-tui auth login` (or `notion-tui auth login --oauth`).", width)); err != nil {
			return err
		}
	}
	if len(results) > 0 {
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
			fmt.Fprintln(env.Stdout, "* default profile   > the token in use")
		}
		if err := printWrites(env.Stdout, results); err != nil {
			return err
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
	switch {
	case r.Source == envSource:
		return "environment"
	case r.PlainText:
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

// printWrites says, under the table, what each profile recorded from real
// writes: "default: Insert content granted (seen 2026-12-05); Update
// content checked on the first edit".
func printWrites(w io.Writer, results []profileStatus) error {
	first := true
	for _, r := range results {
		if len(r.Writes) == 0 {
			continue
		}
		if first {
			if _, err := fmt.Fprintln(w, "\nWrites (shown by the first real create and edit):"); err != nil {
				return err
			}
			first = false
		}
		parts := make([]string, len(r.Writes))
		for i, ws := range r.Writes {
			parts[i] = ws.Capability + " " + ws.Detail
		}
		if _, err := fmt.Fprintf(w, "  %s: %s\n", r.Name, strings.Join(parts, "; ")); err != nil {
			return err
		}
	}
	return nil
}

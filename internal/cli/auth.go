package cli

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/oauthflow"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// Environment variables of the OAuth sign-in. The client secret is read
// from the environment or typed, never taken from a flag.
const (
	envOAuthClientID     = "NOTION_OAUTH_CLIENT_ID"
	envOAuthClientSecret = "NOTION_OAUTH_CLIENT_SECRET"
)

// maxTokenInput bounds what --with-token reads from stdin.
const maxTokenInput = 64 << 10

func (a *app) authCommand() *cobra.Command {
	cmd := group(&cobra.Command{
		Use:   "auth",
		Short: "Sign in and manage stored profiles",
		Long: "Sign in and manage stored profiles. A profile is a token (in the OS keyring) with the workspace it belongs " +
			"to and, when it was verified with them, a base URL and Notion-Version. Every auth command takes the profile " +
			"as its argument or as --profile; NOTION_TOKEN, when set, wins over every stored profile.",
		Example: `
notion-tui auth login prod
notion-tui auth status
notion-tui auth switch prod
notion-tui auth logout dev`,
	})
	cmd.AddCommand(a.authLoginCommand(), a.authStatusCommand(), a.authLogoutCommand(), a.authSwitchCommand())
	return cmd
}

// profileArg is the profile an auth command acts on: its argument or
// --profile (both may be given only if they agree); "" when neither is.
func (a *app) profileArg(cmd *cobra.Command, args []string) (string, error) {
	if len(args) == 0 {
		return a.g.Profile, nil
	}
	if cmd.Flags().Changed("profile") && a.g.Profile != args[0] {
		return "", &usageError{msg: fmt.Sprintf("profile %q and --profile %q disagree; give one", args[0], a.g.Profile), cmd: cmd}
	}
	return args[0], nil
}

// refusedFlag is a flag that is declared only to refuse it with an
// explanation. It never keeps the value, which may be a secret.
type refusedFlag struct{ set bool }

func (f *refusedFlag) String() string   { return "" }
func (f *refusedFlag) Set(string) error { f.set = true; return nil }
func (f *refusedFlag) Type() string     { return "string" }

func (a *app) authLoginCommand() *cobra.Command {
	var (
		withToken, oauth bool
		clientID         string
		port             int
		timeout          time.Duration
		secret           refusedFlag
		lifetime         string
		created          string
	)
	cmd := &cobra.Command{
		Use:   "login [profile]",
		Short: "Verify a token and store it in a profile",
		Long: "Verify a token with Notion and store it in a profile (default: “default”): typed without echo on a " +
			"terminal, or piped with --with-token. Two kinds of token are pasted: a personal access token (the fastest: " +
			"it acts as you and sees what you see, with nothing to share; make one at " + guide.TokensURL + ") or an " +
			"internal connection's API token (a bot that sees the pages shared with it; on its Configuration tab at " +
			guide.ConnectionsURL + "). --oauth signs in with a public connection through the browser instead.\n\n" +
			"Notion tells the kinds apart (GET /v1/users/me); the profile records the kind and the day the token was made " +
			"(today unless --created says otherwise) and, for a personal access token, the lifetime chosen when it was " +
			"made (--lifetime, asked on a terminal), so that auth status and doctor warn before it expires.\n\n" +
			"Nothing is stored unless Notion accepts the token. When the OS keyring cannot be used, a terminal asks " +
			"whether to store the token in a plain file readable only by you (--insecure-storage chooses it at once).",
		Example: `
notion-tui auth login
notion-tui auth login prod --lifetime 90d
echo "$TOKEN" | notion-tui auth login ci --with-token --lifetime 30d
export NOTION_OAUTH_CLIENT_SECRET=...
notion-tui auth login acme --oauth --client-id <client-id>`,
		Args:              maxArgs(1, "one profile name"),
		ValidArgsFunction: a.completeProfiles,
	}
	f := cmd.Flags()
	f.BoolVar(&withToken, "with-token", false, "read the token from stdin (scripts, CI)")
	f.BoolVar(&oauth, "oauth", false, "sign in through the browser (public connection)")
	f.StringVar(&clientID, "client-id", "", "the OAuth client ID (env "+envOAuthClientID+")")
	f.IntVar(&port, "redirect-port", oauthflow.DefaultPort, "port of http://localhost:PORT/callback; 0: any")
	f.DurationVar(&timeout, "timeout", oauthflow.DefaultTimeout, "how long to wait for the browser")
	f.StringVar(&lifetime, "lifetime", "", "the token's lifetime: 7d, 30d, 90d, 180d or 1y")
	f.StringVar(&created, "created", "", "the day the token was made, YYYY-MM-DD (default: today)")
	f.Var(&secret, "client-secret", "not accepted: a secret on the command line lands in shell history; set "+envOAuthClientSecret+" or type it when asked")
	_ = f.MarkHidden("client-secret") // declared only to refuse it with an explanation
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		name, err := a.profileArg(cmd, args)
		if err != nil {
			return err
		}
		switch {
		case secret.set:
			return usagef("--client-secret is not accepted: a secret on the command line is saved in your shell history. " +
				"Set " + envOAuthClientSecret + " or type the secret when asked. If you already ran it, consider regenerating the secret in the integration's settings.")
		case oauth && withToken:
			return usagef("--oauth and --with-token exclude each other")
		case timeout <= 0:
			return usagef("--timeout must be positive")
		}
		l, err := newLogin(a.g, a.env, name)
		if err != nil {
			return err
		}
		if l.lifetime, err = guide.ParseLifetime(lifetime); err != nil {
			return usagef("--lifetime: %v", err)
		}
		l.lifetimeSet = lifetime != ""
		if l.created, err = parseDay(created, a.env.Now()); err != nil {
			return usagef("--created: %v", err)
		}
		if oauth {
			return l.oauth(cmd.Context(), clientID, port, timeout)
		}
		return l.internal(cmd.Context(), withToken)
	}
	return cmd
}

// login stores a verified token in a profile.
type login struct {
	g       *Globals
	env     *Env
	store   *keystore.Store
	profile string
	ask     *prompter
	// created is the day the token was made (today unless told), and
	// lifetime the lifetime of a personal access token ("" when not
	// told; lifetimeSet when --lifetime gave it).
	created     time.Time
	lifetime    guide.Lifetime
	lifetimeSet bool
}

// parseDay reads a day as YYYY-MM-DD in the local zone; "" is today. A day
// after today is refused: a token is not made in the future.
func parseDay(s string, now time.Time) (time.Time, error) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	if s == "" {
		return today, nil
	}
	d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), now.Location())
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a day as YYYY-MM-DD", s)
	}
	if d.After(today) {
		return time.Time{}, fmt.Errorf("%s is after today", s)
	}
	return d, nil
}

func newLogin(g *Globals, env *Env, profile string) (*login, error) {
	name := cmp.Or(profile, keystore.DefaultProfile)
	if err := keystore.ValidateProfileName(name); err != nil {
		return nil, usagef("%v", err)
	}
	store, err := openStore(env)
	if err != nil {
		return nil, err
	}
	return &login{g: g, env: env, store: store, profile: name, ask: newPrompter(env)}, nil
}

// internal logs in with an internal integration token.
func (l *login) internal(ctx context.Context, withToken bool) error {
	raw, err := l.readToken(ctx, withToken)
	if err != nil {
		return err
	}
	token, warnings, err := keystore.CleanToken(raw)
	if err != nil {
		return &exitError{code: 1, msg: "notion-tui: " + err.Error() + "\nNothing was stored."}
	}
	for _, w := range warnings {
		fmt.Fprintln(l.env.Stderr, "warning: "+w)
	}
	s := &Session{Token: token}
	if err := s.connect(l.g, l.env); err != nil {
		return err
	}
	defer s.Close()
	me, err := s.Client.GetMe(ctx)
	if err != nil {
		return notVerified(err, s)
	}
	p := keystore.Profile{Name: l.profile, Kind: keystore.KindInternal, BotName: me.Name, BotID: me.ID}
	if me.Bot != nil {
		p.WorkspaceName, p.WorkspaceID = me.Bot.WorkspaceName, me.Bot.WorkspaceID
		if o := me.Bot.Owner; o != nil && o.User != nil {
			p.OwnerName = o.User.Name
		}
	}
	id := guide.Identify(me, notionapi.TokenKindUnknown)
	rec := guide.TokenRecord{Kind: id.Kind, Created: l.created}
	if id.Kind == notionapi.TokenKindPersonal {
		if rec.Lifetime, err = l.askLifetime(ctx); err != nil {
			return err
		}
	}
	rec.Apply(&p)
	return l.save(ctx, p, keystore.Secret{Token: token}, s)
}

// askLifetime is the lifetime of a personal access token: --lifetime, or
// asked on a terminal (enter keeps Notion's default), or not recorded.
func (l *login) askLifetime(ctx context.Context) (guide.Lifetime, error) {
	if l.lifetimeSet || !l.env.StdinIsTerminal() {
		return l.lifetime, nil
	}
	w := l.env.Stderr
	fmt.Fprintln(w, "This is a personal access token. How long did you make it last? Notion offers 7, 30, 90 or 180 days, or 1 year.")
	for {
		fmt.Fprint(w, "Lifetime [1 year]: ")
		answer, err := l.ask.line(ctx)
		if err != nil && !errors.Is(err, io.EOF) {
			return "", err
		}
		if strings.TrimSpace(answer) == "" {
			return guide.DefaultLifetime, nil
		}
		lt, perr := guide.ParseLifetime(answer)
		if perr == nil {
			return lt, nil
		}
		if err != nil { // end of input
			return "", nil
		}
		fmt.Fprintln(w, "  "+perr.Error())
	}
}

// readToken reads the token from stdin (--with-token) or from the
// terminal without echo.
func (l *login) readToken(ctx context.Context, withToken bool) (string, error) {
	if withToken {
		return l.ask.all(ctx)
	}
	if !l.env.StdinIsTerminal() {
		return "", usagef("stdin is not a terminal: pipe the token in with `notion-tui auth login --with-token`")
	}
	fmt.Fprintf(l.env.Stderr, "Logging in to profile %s. Paste either:\n"+
		"  - a personal access token (the fastest: it acts as you, nothing to share), made at %s\n"+
		"  - an internal connection's API token, from its Configuration tab at %s\n"+
		"To sign in with a public connection instead, run `notion-tui auth login --oauth`.\n",
		l.profile, guide.TokensURL, guide.ConnectionsURL)
	return l.ask.hidden(ctx, "Paste the token (input hidden): ")
}

// prompter reads answers from stdin. Every read ends at once when ctx
// does: Ctrl+C arrives as a signal while a read is blocked. The abandoned
// read goes on until the process ends, so a prompter is not used again
// after a cancelled read.
type prompter struct {
	env *Env
	in  *bufio.Reader
}

func newPrompter(env *Env) *prompter { return &prompter{env: env, in: bufio.NewReader(env.Stdin)} }

// line reads one line, without its line ending.
func (p *prompter) line(ctx context.Context) (string, error) {
	return await(ctx, nil, func() (string, error) {
		line, err := p.in.ReadString('\n')
		if errors.Is(err, io.EOF) && line != "" {
			err = nil
		}
		return strings.TrimRight(line, "\r\n"), err
	})
}

// all reads stdin to its end (at most maxTokenInput bytes).
func (p *prompter) all(ctx context.Context) (string, error) {
	return await(ctx, nil, func() (string, error) {
		b, err := io.ReadAll(io.LimitReader(p.in, maxTokenInput))
		if err != nil {
			return "", fmt.Errorf("reading stdin: %w", err)
		}
		return string(b), nil
	})
}

// hidden prompts on stderr and reads a line without echo from a terminal
// (from other input, a plain line).
func (p *prompter) hidden(ctx context.Context, prompt string) (string, error) {
	fmt.Fprint(p.env.Stderr, prompt)
	defer fmt.Fprintln(p.env.Stderr)
	f, ok := p.env.Stdin.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return p.line(ctx)
	}
	state, err := term.GetState(f.Fd())
	if err != nil {
		return "", err
	}
	// An abandoned read would leave the terminal without echo.
	restore := func() { _ = term.Restore(f.Fd(), state) }
	return await(ctx, restore, func() (string, error) {
		b, err := term.ReadPassword(f.Fd())
		return string(b), err
	})
}

// await runs read in a goroutine and returns its answer, or ctx's error
// as soon as ctx ends; then undo (if any) repairs what the abandoned read
// leaves behind. The read itself ends with the process.
func await(ctx context.Context, undo func(), read func() (string, error)) (string, error) {
	type answer struct {
		s   string
		err error
	}
	done := make(chan answer, 1)
	go func() {
		s, err := read()
		done <- answer{s, err}
	}()
	select {
	case a := <-done:
		return a.s, a.err
	case <-ctx.Done():
		if undo != nil {
			undo()
		}
		return "", ctx.Err()
	}
}

// notVerified explains a token Notion did not accept; nothing is stored.
func notVerified(err error, s *Session) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	fix := guide.Diagnose(err, guide.Context{Version: s.Version, VersionSource: s.VersionSource, BaseURL: s.BaseURL})
	return &exitError{code: 1, msg: "notion-tui: the token could not be verified, so nothing was stored.\n" + fix.Text()}
}

// save stores the verified profile with the session's API settings and
// reports where the token went.
func (l *login) save(ctx context.Context, p keystore.Profile, sec keystore.Secret, s *Session) error {
	p.Storage, p.VerifiedAt = keystore.StorageKeyring, l.env.Now()
	if l.g.InsecureStorage {
		p.Storage = keystore.StorageFile
	}
	if s.VersionSource != "default" {
		p.NotionVersion = s.Version
	}
	if s.BaseURL != notionapi.DefaultBaseURL {
		p.BaseURL = s.BaseURL
	}
	_, lookErr := l.store.Profile(p.Name)
	existed := lookErr == nil
	err := l.store.SaveContext(ctx, p, sec)
	var kr *keystore.KeyringError
	if errors.As(err, &kr) && p.Storage == keystore.StorageKeyring && l.env.StdinIsTerminal() {
		// A verified token is not thrown away for want of a keyring: the
		// user may choose the plain file.
		ok, askErr := l.offerPlainFile(ctx, p, kr)
		if askErr != nil {
			return askErr
		}
		if ok {
			p.Storage = keystore.StorageFile
			err = l.store.SaveContext(ctx, p, sec)
		}
	}
	if err != nil {
		return notSaved(err, p)
	}
	note := ""
	if existed {
		note = ", replacing its previous token"
	}
	if err := writeText(l.env.Stdout, fmt.Sprintf("Logged in %s (profile %s, %s%s).\n", whoText(p), p.Name, storedWhere(p, l.store), note)); err != nil {
		return err
	}
	if rec := guide.RecordOf(&p); rec.Kind == notionapi.TokenKindPersonal {
		e, _ := guide.ExpiryOf(rec.Created, rec.Lifetime, l.env.Now())
		fmt.Fprintf(l.env.Stderr, "Recorded: made on %s; it %s. `notion-tui auth status` and `doctor` warn before then.\n",
			e.Created.Format("2006-01-02"), e.Text())
		if e.Assumed {
			fmt.Fprintln(l.env.Stderr, "If you chose another lifetime, log in again with --lifetime (7d, 30d, 90d, 180d or 1y).")
		}
	}
	warnOverrides(l.env, p.Name)
	return nil
}

// whoText says who a saved profile's token acts as: "to Acme Labs as
// notion-tui Demo, an internal connection", "as Maya Chen with a personal
// access token".
func whoText(p keystore.Profile) string {
	s := "to " + orUnknown(p.WorkspaceName) + " as " + orUnknown(p.BotName)
	switch guide.RecordOf(&p).Kind {
	case notionapi.TokenKindPersonal:
		return "as " + orUnknown(p.BotName) + " with a personal access token"
	case notionapi.TokenKindInternal:
		s += ", an internal connection"
	case notionapi.TokenKindPublic:
		s += ", a public connection"
	}
	return s
}

// offerPlainFile asks whether to store a verified token in the plain file
// when the keyring failed; the answer defaults to no.
func (l *login) offerPlainFile(ctx context.Context, p keystore.Profile, kr *keystore.KeyringError) (bool, error) {
	w := l.env.Stderr
	fmt.Fprintf(w, "The token works, but the OS keyring cannot be used (%v).\n", kr)
	if kr.Hint != "" {
		fmt.Fprintln(w, sentence(kr.Hint))
	}
	fmt.Fprintf(w, "Store it unencrypted in %s instead? Anyone who can read your files (backups, programs running as you) can read it. [y/N] ",
		filepath.Join(l.store.Dir(), "secrets.json"))
	answer, err := l.ask.line(ctx)
	if errors.Is(err, context.Canceled) {
		return false, err
	}
	a := strings.ToLower(strings.TrimSpace(answer))
	return a == "y" || a == "yes", nil
}

// notSaved explains a verified token that could not be stored. A command
// has no session to keep it for, so it ends with an error.
func notSaved(err error, p keystore.Profile) error {
	var b strings.Builder
	fmt.Fprintf(&b, "notion-tui: the token works (%s) but was NOT saved in profile %s.\n", strings.TrimPrefix(whoText(p), "to "), p.Name)
	b.WriteString(guide.Diagnose(err, guide.Context{}).Text())
	var kr *keystore.KeyringError
	if p.Storage == keystore.StorageKeyring && !errors.As(err, &kr) {
		b.WriteString("\nTo use it anyway: set NOTION_TOKEN in this shell, or run again with --insecure-storage to keep it in a plain file readable only by you.")
	}
	return &exitError{code: 1, msg: b.String()}
}

// storedWhere says where a profile's token lives.
func storedWhere(p keystore.Profile, store *keystore.Store) string {
	if p.PlainText() {
		return "token stored in plain text in " + store.Dir()
	}
	return "token stored in the OS keyring"
}

// warnOverrides tells the user when the environment will keep the app
// from using profile name.
func warnOverrides(env *Env, name string) {
	if env.getenv(keystore.EnvToken) != "" {
		fmt.Fprintf(env.Stderr, "Note: %s is set in this shell and wins over every stored profile; unset it to use profile %s.\n", keystore.EnvToken, name)
	}
	if p := env.getenv(keystore.EnvProfile); p != "" && p != name {
		fmt.Fprintf(env.Stderr, "Note: %s=%s is set in this shell and selects that profile instead.\n", keystore.EnvProfile, p)
	}
}

func orUnknown(s string) string { return cmp.Or(s, "(unknown)") }

// oauth signs in with a public integration through the browser.
func (l *login) oauth(ctx context.Context, clientIDFlag string, port int, timeout time.Duration) error {
	creds, err := l.oauthCredentials(ctx, clientIDFlag)
	if err != nil {
		return err
	}
	base := &Session{}
	if err := base.connect(l.g, l.env); err != nil {
		return err
	}
	defer base.Close()
	flow, err := oauthflow.Start(oauthflow.Config{Client: base.Client, Credentials: creds, Port: port, Timeout: timeout, Open: l.env.OpenURL, Log: base.Logger})
	if err != nil {
		return signInFailed(err, base)
	}
	defer flow.Close()
	l.announce(flow)
	tok, err := flow.Wait(ctx)
	if err != nil {
		return signInFailed(err, base)
	}
	s := &Session{Token: tok.AccessToken, Logger: base.Logger}
	if err := s.connect(l.g, l.env); err != nil {
		return err
	}
	me, err := s.Client.GetMe(ctx)
	if err != nil {
		return notVerified(err, s)
	}
	_ = writeText(l.env.Stderr, fmt.Sprintf("Authorized by %s for workspace %s.\n", oauthflow.Owner(tok), orUnknown(tok.WorkspaceName)))
	p := oauthflow.Profile(l.profile, tok, me, creds.ClientID)
	guide.TokenRecord{Kind: notionapi.TokenKindPublic, Created: l.created}.Apply(&p)
	return l.save(ctx, p, oauthflow.Secret(tok, creds.ClientSecret), s)
}

// oauthCredentials takes the client ID from the flag, the environment or
// a prompt, and the secret from the environment or a hidden prompt.
func (l *login) oauthCredentials(ctx context.Context, clientIDFlag string) (notionapi.OAuthCredentials, error) {
	c := notionapi.OAuthCredentials{
		ClientID:     strings.TrimSpace(cmp.Or(clientIDFlag, l.env.getenv(envOAuthClientID))),
		ClientSecret: strings.TrimSpace(l.env.getenv(envOAuthClientSecret)),
	}
	interactive := l.env.StdinIsTerminal()
	if c.ClientID == "" && interactive {
		fmt.Fprint(l.env.Stderr, "OAuth client ID (from the integration's settings): ")
		id, err := l.ask.line(ctx)
		if err != nil {
			return c, fmt.Errorf("reading the client ID: %w", err)
		}
		c.ClientID = strings.TrimSpace(id)
	}
	if c.ClientID == "" {
		return c, usagef("no OAuth client ID: pass --client-id or set %s (it is on the public connection's Configuration tab at %s)", envOAuthClientID, guide.ConnectionsURL)
	}
	if c.ClientSecret == "" && interactive {
		secret, err := l.ask.hidden(ctx, "OAuth client secret (input hidden): ")
		if err != nil {
			return c, fmt.Errorf("reading the client secret: %w", err)
		}
		c.ClientSecret = strings.TrimSpace(secret)
	}
	if c.ClientSecret == "" {
		return c, usagef("no OAuth client secret: set %s (it is never taken from a flag, which would land in shell history)", envOAuthClientSecret)
	}
	return c, nil
}

// announce tells the user what to register and where to go.
func (l *login) announce(f *oauthflow.Flow) {
	w := l.env.Stderr
	fmt.Fprintf(w, "Redirect URI (register it exactly in the integration's OAuth settings): %s\n", f.RedirectURI())
	if err := f.OpenBrowser(); err != nil {
		fmt.Fprintf(w, "Could not open a browser (%v). Open this link in one:\n", err)
	} else {
		fmt.Fprintln(w, "Opened Notion's consent page in your browser. If it did not open, visit this link:")
	}
	fmt.Fprintf(w, "  %s\n", f.AuthorizeURL())
	fmt.Fprintf(w, "(For a browser on another machine, forward the port first: ssh -L %d:localhost:%d HOST)\n", f.Port(), f.Port())
	fmt.Fprintf(w, "Waiting up to %s for Notion to send the browser back (Ctrl+C cancels)…\n", f.Timeout())
}

// signInFailed explains a sign-in that ended without a token.
func signInFailed(err error, s *Session) error {
	if errors.Is(err, oauthflow.ErrCancelled) {
		return err // Main reports the interruption
	}
	fix := guide.Diagnose(err, guide.Context{Version: s.Version, VersionSource: s.VersionSource, BaseURL: s.BaseURL})
	return &exitError{code: 1, msg: "notion-tui: the sign-in did not complete, so nothing was stored.\n" + fix.Text()}
}

func (a *app) authSwitchCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:               "switch <profile>",
		Short:             "Make a stored profile the default",
		Example:           "\nnotion-tui auth switch prod",
		Args:              maxArgs(1, "one profile name"),
		ValidArgsFunction: a.completeProfiles,
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		name, err := a.profileArg(cmd, args)
		if err != nil {
			return err
		}
		if len(args) == 0 && !cmd.Flags().Changed("profile") {
			// NOTION_PROFILE names the profile in use, not the one to switch to.
			return &usageError{msg: "needs a profile name, for example `notion-tui auth switch prod`", cmd: cmd}
		}
		store, err := openStore(a.env)
		if err != nil {
			return err
		}
		if err := store.SetDefaultContext(cmd.Context(), name); err != nil {
			return withProfileNames(err, store)
		}
		p, err := store.Profile(name)
		if err != nil {
			return err
		}
		if err := writeText(a.env.Stdout, fmt.Sprintf("Default profile is now %s (%s, bot %s).\n", name, orUnknown(p.WorkspaceName), orUnknown(p.BotName))); err != nil {
			return err
		}
		warnOverrides(a.env, name)
		return nil
	}
	return cmd
}

// withProfileNames adds the stored profile names to a "profile not found"
// error.
func withProfileNames(err error, store *keystore.Store) error {
	if !errors.Is(err, keystore.ErrProfileNotFound) {
		return err
	}
	profiles, _, perr := store.Profiles()
	if perr != nil || len(profiles) == 0 {
		return &exitError{code: 1, msg: "notion-tui: " + err.Error() + "; no profiles are stored: run `notion-tui auth login`."}
	}
	names := make([]string, len(profiles))
	for i, p := range profiles {
		names[i] = p.Name
	}
	return &exitError{code: 1, msg: "notion-tui: " + err.Error() + "; stored profiles: " + strings.Join(names, ", ")}
}

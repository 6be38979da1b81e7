package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/version"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// Globals are the flags every command accepts, before or after its name.
type Globals struct {
	BaseURL         string
	Version         string
	Profile         string
	Rate            float64
	DebugLog        string
	Demo            bool
	InsecureStorage bool

	// Where each setting came from, for messages such as "Notion-Version
	// 2021-01-01 (from NOTION_VERSION)".
	BaseURLSource string
	VersionSource string
	RateSource    string
	versionSet    bool
}

// bind declares the global flags on the root's persistent flags.
func (g *Globals) bind(fs *pflag.FlagSet) {
	fs.StringVar(&g.BaseURL, "base-url", "", "the API's address (env NOTION_BASE_URL)")
	fs.StringVar(&g.Version, "notion-version", "", "Notion-Version header (env NOTION_VERSION)")
	fs.StringVar(&g.Profile, "profile", "", "stored profile to use (env NOTION_PROFILE)")
	fs.Float64Var(&g.Rate, "rate", 0, "requests per second, 3 (env NOTION_RATE)")
	fs.StringVar(&g.DebugLog, "debug-log", "", "log requests to this file, never the token")
	fs.BoolVar(&g.Demo, "demo", false, "use the built-in demo workspace, no token")
	fs.BoolVar(&g.InsecureStorage, "insecure-storage", false, "keep tokens in a 0600 file if no keyring")
}

// fromFlags fills the settings not given as flags from the environment
// and checks them.
func (g *Globals) fromFlags(fs *pflag.FlagSet, env *Env) error {
	set := func(name string) bool { return fs.Changed(name) }
	switch {
	case set("base-url"):
		g.BaseURLSource = "flag --base-url"
	case env.getenv("NOTION_BASE_URL") != "":
		g.BaseURL, g.BaseURLSource = env.getenv("NOTION_BASE_URL"), "NOTION_BASE_URL"
	}
	switch {
	case set("notion-version"):
		g.versionSet, g.VersionSource = true, "flag --notion-version"
	default:
		if v, ok := env.LookupEnv("NOTION_VERSION"); ok {
			g.Version, g.versionSet, g.VersionSource = v, true, "NOTION_VERSION"
		}
	}
	if !set("profile") {
		g.Profile = env.getenv("NOTION_PROFILE")
	}
	switch {
	case set("rate"):
		g.RateSource = "flag --rate"
	case env.getenv("NOTION_RATE") != "":
		r, err := strconv.ParseFloat(strings.TrimSpace(env.getenv("NOTION_RATE")), 64)
		if err != nil {
			return usagef("NOTION_RATE=%q is not a number of requests per second", env.getenv("NOTION_RATE"))
		}
		g.Rate, g.RateSource = r, "NOTION_RATE"
	default:
		g.Rate, g.RateSource = notionapi.DefaultRate, "default"
	}
	if g.Rate < 0 || math.IsNaN(g.Rate) || math.IsInf(g.Rate, 0) {
		return usagef("--rate must be a positive number of requests per second, got %v", g.Rate)
	}
	if g.Rate == 0 {
		return usagef("--rate 0 would send no request at all; give a positive number of requests per second")
	}
	return nil
}

// Session is what a command needs to talk to Notion, and where each part
// came from.
type Session struct {
	Client        *notionapi.Client
	Token         string
	TokenSource   string
	Profile       *keystore.Profile
	Version       string
	VersionSource string
	BaseURL       string
	Logger        *slog.Logger
	closeLog      func()
	stopDemo      func()
	// held keeps the debug log and a demo sandbox past Close, until the
	// app releases the session after explaining the command's error.
	held bool
	// refresher renews an OAuth profile's expired token; nil otherwise.
	refresher *oauthRefresher
	// writes records what the command's writes showed in the profile;
	// nil without one.
	writes *writeRecorder
}

// Close records what the command's writes showed, and releases the debug
// log and stops a demo sandbox unless the app holds the session until its
// error is explained (held).
func (s *Session) Close() {
	if s == nil {
		return
	}
	if s.writes != nil {
		s.writes.flush()
	}
	if !s.held {
		s.release()
	}
}

// release closes the debug log and stops a demo sandbox, once.
func (s *Session) release() {
	if s.closeLog != nil {
		s.closeLog()
		s.closeLog = nil
	}
	if s.stopDemo != nil {
		s.stopDemo()
		s.stopDemo = nil
	}
}

// kindFor asks Notion what kind of token the session's is, for an error
// whose guided fix reads differently for each kind (a 403 or a 404: a
// personal access token has nothing to share, and some requests are not
// served to it), when no profile recorded it: one GET /v1/users/me,
// bounded in time. TokenKindUnknown when it cannot tell.
func (s *Session) kindFor(err error) notionapi.TokenKind {
	var ae *notionapi.APIError
	if s == nil || s.Client == nil || !errors.As(err, &ae) || ae.Status != http.StatusForbidden && ae.Status != http.StatusNotFound {
		return notionapi.TokenKindUnknown
	}
	ctx, cancel := context.WithTimeout(context.Background(), kindTimeout)
	defer cancel()
	me, err := s.Client.GetMe(ctx)
	if err != nil {
		return notionapi.TokenKindUnknown
	}
	return notionapi.KindOf(me)
}

// kindTimeout bounds the question of kindFor: the failure is reported
// either way.
const kindTimeout = 5 * time.Second

// openStore opens the profile store.
func openStore(env *Env) (*keystore.Store, error) {
	return keystore.Open(keystore.Options{Dir: env.ConfigDir, Keyring: env.keyring})
}

// newSession resolves the token and builds a client with the global
// settings; error messages then speak of its settings.
func (a *app) newSession(extra ...notionapi.Option) (*Session, error) {
	s, err := newSession(a.g, a.env, extra...)
	if s != nil {
		s.held = true
		a.sessions = append(a.sessions, s)
		a.session = s
		if err != nil {
			s.Close()
		}
	}
	return s, err
}

// newSession resolves the token and builds a client with the global
// settings. Extra options (hooks) come last.
func newSession(g *Globals, env *Env, extra ...notionapi.Option) (*Session, error) {
	s := &Session{}
	if g.Demo {
		// The scripting commands on the demo workspace: a sandbox for the
		// life of the command.
		stop, err := startDemo(g)
		if err != nil {
			return nil, err
		}
		s.stopDemo = stop
		s.Token, s.TokenSource = demoToken(env)
		return s, s.connect(g, env, extra...)
	}
	store, err := openStore(env)
	if err != nil {
		return nil, err
	}
	res, err := store.Resolve(env.getenv, g.Profile)
	if err != nil {
		return nil, err
	}
	s.Token, s.TokenSource, s.Profile = res.Token, res.Source, res.Profile
	if p := res.Profile; p != nil && p.Kind == keystore.KindOAuth && res.Secret.RefreshToken != "" {
		s.refresher = &oauthRefresher{store: store, profile: p.Name, current: res.Token, warn: func(msg string) { fmt.Fprintln(env.Stderr, "notion-tui: "+msg) }}
	}
	if p := res.Profile; p != nil {
		// Before the caller's options: a command's own hooks replace it.
		s.writes = &writeRecorder{store: store, profile: p.Name, kind: guide.RecordOf(p).Kind, now: env.Now}
		extra = append([]notionapi.Option{notionapi.WithHooks(notionapi.Hooks{OnRequest: s.writes.observe})}, extra...)
	}
	return s, s.connect(g, env, extra...)
}

// startDemo serves the demo workspace for the life of the command and
// points the settings at it.
func startDemo(g *Globals) (stop func(), err error) {
	if g.RateSource == "default" {
		g.Rate = demoRate
	}
	url, stop, err := startDemoSandbox(g.Rate)
	if err != nil {
		return nil, err
	}
	g.BaseURL, g.BaseURLSource = url, "demo sandbox"
	return stop, nil
}

// demoToken is the token for the demo workspace: full access, or one of
// the sandbox's scenario tokens from NOTION_TOKEN (a revoked token, no
// user information…), to see their errors. Any other NOTION_TOKEN is not
// sent to the sandbox.
func demoToken(env *Env) (token, source string) {
	if t := strings.TrimSpace(env.getenv(keystore.EnvToken)); strings.HasPrefix(t, "ntn_sandbox_") {
		return t, "token from " + keystore.EnvToken + " (a sandbox scenario)"
	}
	return notiontest.TokenFull, "token from the demo sandbox"
}

// connect builds the client for the session's token.
func (s *Session) connect(g *Globals, env *Env, extra ...notionapi.Option) error {
	s.BaseURL, s.Version, s.VersionSource = notionapi.DefaultBaseURL, notionapi.DefaultVersion, "default"
	if s.Profile != nil && s.Profile.BaseURL != "" {
		s.BaseURL = s.Profile.BaseURL
	}
	if g.BaseURL != "" {
		s.BaseURL = g.BaseURL
	}
	switch {
	case g.versionSet:
		s.Version, s.VersionSource = g.Version, g.VersionSource
	case s.Profile != nil && s.Profile.NotionVersion != "":
		s.Version, s.VersionSource = s.Profile.NotionVersion, "profile "+s.Profile.Name
	}
	opts := []notionapi.Option{
		notionapi.WithBaseURL(s.BaseURL),
		notionapi.WithVersion(s.Version),
		notionapi.WithRate(g.Rate, 0),
		notionapi.WithUserAgent("notion-tui/" + version.String()),
	}
	if g.DebugLog != "" && s.Logger == nil {
		f, err := os.OpenFile(g.DebugLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return fmt.Errorf("opening the debug log: %w", err)
		}
		s.Logger = slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug}))
		s.closeLog = func() { f.Close() }
	}
	if s.Logger != nil {
		opts = append(opts, notionapi.WithLogger(s.Logger))
	}
	extra = slices.Concat(extra, env.clientOptions)
	if s.refresher != nil {
		oauth, err := notionapi.NewClient("", append(opts, extra...)...)
		if err != nil {
			return err
		}
		s.refresher.oauth = oauth
		opts = append(opts, notionapi.WithTokenRefresher(s.refresher.refresh))
	}
	c, err := notionapi.NewClient(s.Token, append(opts, extra...)...)
	if err != nil {
		return err
	}
	s.Client = c
	return nil
}

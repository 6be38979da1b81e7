package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/oauthflow"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
	"github.com/notion-tui/notion-tui/tui"
)

// demoRate and demoLatency make the demo sandbox feel like a Business
// workspace over a real network.
const (
	demoRate    = 10
	demoLatency = 30 * time.Millisecond
)

// runTUI starts the interactive app: on the demo sandbox, with the
// resolved token, or with the setup wizard when there is none.
func runTUI(ctx context.Context, g *Globals, env *Env) error {
	opts := tui.Options{
		Demo:            g.Demo,
		InsecureStorage: g.InsecureStorage,
		ConfigDir:       env.ConfigDir,
		Now:             env.Now,
		NoColor:         env.getenv("NO_COLOR") != "",
		Dark:            true,
		OpenURL:         env.OpenURL,
		OAuth: tui.OAuthSettings{
			ClientID:     env.getenv(envOAuthClientID),
			ClientSecret: env.getenv(envOAuthClientSecret),
			Port:         oauthflow.DefaultPort,
		},
	}
	store, err := openStore(env)
	if err != nil {
		opts.StoreErr = err
	} else {
		opts.Store = store
		if opts.ConfigDir == "" {
			opts.ConfigDir = store.Dir()
		}
	}
	// The token and the profile it belongs to: a profile carries the base
	// URL and Notion-Version it was verified with (flags and environment
	// still win).
	var profile *keystore.Profile
	switch {
	case g.Demo:
		opts.Connection = &tui.Connection{Token: notiontest.TokenFull, TokenSource: "token from the demo sandbox"}
	default:
		res, err := resolveForTUI(store, g, env)
		var notFound *keystore.ProfileNotFoundError
		switch {
		case errors.As(err, &notFound) && len(notFound.Saved) > 0:
			// A name that matches none of the saved profiles is a typo or
			// a new profile, not a first run: say so and name the saved
			// ones, rather than open the setup wizard as if all was lost.
			return err
		case errors.Is(err, keystore.ErrNoToken):
			// No token: the setup wizard starts.
		case err != nil:
			opts.StartErr = err
		default:
			profile = res.Profile
			opts.Connection = &tui.Connection{Token: res.Token, TokenSource: res.Source, OAuth: profile != nil && profile.Kind == keystore.KindOAuth}
			if profile != nil {
				opts.Connection.Profile = profile.Name
			}
		}
	}
	// Nothing starts (the demo sandbox, the debug log) where the app could
	// not run; an unknown profile is named first, all the same.
	var progOpts []tea.ProgramOption
	tty, err := needTerminal(env)
	if err != nil {
		return err
	}
	if tty != nil {
		defer tty.Close()
		progOpts = append(progOpts, tea.WithInput(tty))
	}
	if g.Demo {
		stop, err := startDemo(g)
		if err != nil {
			return err
		}
		defer stop()
		opts.OAuth = tui.OAuthSettings{ClientID: notiontest.OAuthClientID, ClientSecret: notiontest.OAuthClientSecret}
	}
	// One session holds the settings and the debug log for every client
	// the app builds (after a re-entered token or a picked version).
	base := &Session{Profile: profile}
	if err := base.connect(g, env); err != nil {
		return err
	}
	defer base.Close()
	opts.Version, opts.VersionSource = base.Version, base.VersionSource
	// OAuth tokens renew themselves; owners finds a renewed token's
	// profile for clients built later with the old one.
	owners := newTokenOwners()
	opts.NewClient = func(token, version string, hooks notionapi.Hooks) (*notionapi.Client, error) {
		s := &Session{Token: token, Logger: base.Logger, Profile: profile}
		if store != nil && !g.Demo && token != "" {
			s.refresher = &oauthRefresher{store: store, owners: owners, current: token, warn: logWarning(base.Logger)}
		}
		gg := *g
		gg.Version, gg.versionSet = version, true
		if err := s.connect(&gg, env, notionapi.WithHooks(hooks)); err != nil {
			return nil, err
		}
		return s.Client, nil
	}
	if s := opts.Connection; s != nil {
		// The app builds the session's client, with its request log.
		s.Version, s.VersionSource, s.BaseURL = base.Version, base.VersionSource, base.BaseURL
	}
	if err := tui.Run(ctx, opts, progOpts...); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("the app stopped: %w", err)
	}
	return nil
}

// needTerminal refuses to start the app where it could neither draw nor
// read keys: stdout is not a terminal (the screen would go into a file or
// a pipe), or stdin is not one and the process has no terminal to read
// keys from (a cron job, CI). When stdin is redirected it returns the
// terminal it opened for keys, which the app reads instead.
func needTerminal(env *Env) (*os.File, error) {
	const scripts = " In a script, use the commands: `notion-tui --help` lists them."
	if !env.stdoutIsTerminal() {
		return nil, &exitError{code: exitFailure, msg: "notion-tui: the app draws on a terminal, and stdout is not one." + scripts}
	}
	if env.StdinIsTerminal() {
		return nil, nil
	}
	in, out, err := tea.OpenTTY()
	if err != nil {
		return nil, &exitError{code: exitFailure, msg: "notion-tui: the app reads keys from a terminal, and this process has none." + scripts}
	}
	if out != in {
		out.Close() // the app draws on stdout (on Unix, out is in)
	}
	return in, nil
}

// logWarning sends a warning to the debug log, since nothing may be
// printed over the app's screen.
func logWarning(l *slog.Logger) func(string) {
	return func(msg string) {
		if l != nil {
			l.Warn(msg)
		}
	}
}

func resolveForTUI(store *keystore.Store, g *Globals, env *Env) (keystore.Resolved, error) {
	if store == nil {
		if tok := env.getenv(keystore.EnvToken); tok != "" {
			t, _, err := keystore.CleanToken(tok)
			return keystore.Resolved{Token: t, Source: "token from " + keystore.EnvToken}, err
		}
		return keystore.Resolved{}, keystore.ErrNoToken
	}
	return store.Resolve(env.getenv, g.Profile)
}

// startDemoSandbox serves the sandbox on a loopback port for the app's
// lifetime, so the demo talks real HTTP (and the request log's curl
// commands work against it while the app runs). The port is open at once;
// the workspace is built in the background (tens of milliseconds), and
// requests that arrive before it is ready wait for it, so the first frame
// of the app does not.
func startDemoSandbox(rate float64) (url string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("starting the demo sandbox: %w", err)
	}
	h := newLazyHandler(func() http.Handler {
		return notiontest.New(notiontest.Options{Rate: rate, Latency: demoLatency})
	})
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln) //nolint:errcheck // ends with Close
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// lazyHandler serves with a handler built in the background; requests
// wait until it is ready (or until their client gives up).
type lazyHandler struct {
	ready chan struct{}
	h     http.Handler
}

func newLazyHandler(build func() http.Handler) *lazyHandler {
	l := &lazyHandler{ready: make(chan struct{})}
	go func() {
		l.h = build()
		close(l.ready)
	}()
	return l
}

func (l *lazyHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	select {
	case <-l.ready:
		l.h.ServeHTTP(w, r)
	case <-r.Context().Done():
	}
}

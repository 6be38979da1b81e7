// Package cli is notion-tui's command line: a cobra command tree styled by
// fang, the scripting commands with one output contract, and the start of
// the TUI.
//
// Exit status: 0 on success; 1 when a command fails or its output is
// incomplete (a read that failed half-way, a check that failed); 2 for a
// mistake in the command line, found before any request is sent; 128+n
// when interrupted by signal n (130 for Ctrl-C).
package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/notion-tui/notion-tui/internal/browser"
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// Env is what a command runs against: its streams, environment and clock.
// Tests replace any of them.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// LookupEnv reads the environment; it tells an empty variable from an
	// absent one (NOTION_VERSION="" sends no Notion-Version header).
	LookupEnv func(string) (string, bool)
	Now       func() time.Time
	// ConfigDir overrides the config folder (tests).
	ConfigDir string
	// TermWidth reports whether stdout is a terminal, and its width.
	TermWidth func() (int, bool)
	// StdinIsTerminal reports whether stdin is a terminal.
	StdinIsTerminal func() bool
	// StderrIsTerminal reports whether stderr is a terminal (progress and
	// styled errors go there only then).
	StderrIsTerminal func() bool
	// StdoutIsPipe reports whether stdout is a pipe or a socket: the
	// program reading it (less, head) may draw on the terminal stderr
	// shares, so a progress line is not drawn while rows stream into it.
	StdoutIsPipe func() bool
	// OpenURL opens a link in the browser (the OAuth sign-in).
	OpenURL func(url string) error

	// keyring, when set, holds the secrets instead of the OS keyring
	// (tests, which run side by side, each with a keyring of its own).
	keyring keystore.Keyring
	// clientOptions come last on every client a command builds (tests:
	// retries that do not wait).
	clientOptions []notionapi.Option
}

// Main runs notion-tui with args (without the program name) and returns
// the exit status.
func Main(args []string, env *Env) int {
	env.fillDefaults()
	if _, wrapped := env.Stderr.(*wrapWriter); env.StderrIsTerminal() && !wrapped {
		env.Stderr = &wrapWriter{w: env.Stderr, width: env.stderrWidth()}
	}
	ctx, stop := interruptible(context.Background())
	defer stop()
	a := newApp(env)
	err := a.execute(ctx, args)
	return a.exitStatus(ctx, err)
}

// interruptible returns a context that SIGINT and SIGTERM cancel, with
// the signal as its cause. After the first signal the default handling
// comes back, so a second Ctrl-C ends the program at once.
func interruptible(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigc := make(chan os.Signal, 1)
	signal.Notify(sigc, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigc:
			signal.Stop(sigc)
			cancel(&signalError{s})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigc)
		close(done)
		cancel(nil)
	}
}

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e *signalError) Error() string { return "interrupted by " + e.sig.String() }

// interruptStatus is the exit status after an interruption: 128 plus the
// signal's number, 130 when the cause is unknown (a test cancelling).
func interruptStatus(ctx context.Context) int {
	var se *signalError
	if errors.As(context.Cause(ctx), &se) {
		if n, ok := se.sig.(syscall.Signal); ok {
			return 128 + int(n)
		}
	}
	return 130
}

func (env *Env) fillDefaults() {
	if env.Stdin == nil {
		env.Stdin = os.Stdin
	}
	if env.Stdout == nil {
		env.Stdout = os.Stdout
	}
	if env.Stderr == nil {
		env.Stderr = os.Stderr
	}
	if env.LookupEnv == nil {
		env.LookupEnv = os.LookupEnv
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.TermWidth == nil {
		env.TermWidth = stdoutWidth
	}
	if env.StdinIsTerminal == nil {
		env.StdinIsTerminal = stdinIsTerminal
	}
	if env.StderrIsTerminal == nil {
		env.StderrIsTerminal = func() bool { return false }
		if env.Stderr == os.Stderr {
			env.StderrIsTerminal = stderrIsTerminal
		}
	}
	if env.StdoutIsPipe == nil {
		env.StdoutIsPipe = func() bool { return false }
		if env.Stdout == os.Stdout {
			env.StdoutIsPipe = stdoutIsPipe
		}
	}
	if env.OpenURL == nil {
		env.OpenURL = browser.Open
	}
}

func (env *Env) getenv(name string) string {
	v, _ := env.LookupEnv(name)
	return v
}

// stderrWidth is the width of the terminal stderr is, 0 when unknown:
// stdout's when that is a terminal too (the same one, as a rule).
func (env *Env) stderrWidth() int {
	if w, ok := env.TermWidth(); ok {
		return w
	}
	if env.Stderr == os.Stderr {
		if w, _, err := term.GetSize(os.Stderr.Fd()); err == nil {
			return w
		}
	}
	return 0
}

// stdoutIsTerminal reports whether stdout is a terminal.
func (env *Env) stdoutIsTerminal() bool {
	_, ok := env.TermWidth()
	return ok
}

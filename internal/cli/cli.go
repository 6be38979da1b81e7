// Package cli is notion-tui's command line: global flags, the scripting
// commands, and the start of the TUI.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/notion-tui/notion-tui/tui"
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
	// IsTerminal reports whether stdout is a terminal, and its width.
	TermWidth func() (int, bool)
	// StdinIsTerminal reports whether stdin is a terminal.
	StdinIsTerminal func() bool
	// OpenURL opens a link in the browser (the OAuth sign-in).
	OpenURL func(url string) error
}

// usageError is a mistake in the command line; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// command is a subcommand.
type command struct {
	name    string
	args    string // usage of positional arguments
	summary string
	// setup declares the command's flags and returns its body.
	setup func(fs *flag.FlagSet, g *Globals, env *Env) func(ctx context.Context, args []string) error
	sub   []*command
}

// Main runs notion-tui with args (without the program name) and returns
// the exit status.
func Main(args []string, env *Env) int {
	env.fillDefaults()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, args, env)
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "notion-tui: %s\nRun 'notion-tui --help' for usage.\n", ue.msg)
		return 2
	}
	var ex *exitError
	if errors.As(err, &ex) {
		if ex.msg != "" {
			fmt.Fprintln(env.Stderr, ex.msg)
		}
		return ex.code
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(env.Stderr, "notion-tui: interrupted.")
		return 130
	}
	fmt.Fprintln(env.Stderr, explain(err))
	return 1
}

// exitError ends a command with a given status and message (already
// formatted for the user).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

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
	if env.OpenURL == nil {
		env.OpenURL = tui.OpenBrowser
	}
}

func (env *Env) getenv(name string) string {
	v, _ := env.LookupEnv(name)
	return v
}

func commands() []*command {
	return []*command{
		authCommand(),
		doctorCommand(),
		sandboxCommand(),
		usersCommand(),
		databasesCommand(),
		queryCommand(),
		createCommand(),
		versionCommand(),
	}
}

func run(ctx context.Context, args []string, env *Env) error {
	g := &Globals{}
	gfs := g.flagSet(env)
	globalArgs, rest, err := splitGlobal(gfs, args)
	if err != nil {
		return err
	}
	if err := gfs.Parse(globalArgs); err != nil {
		return usagef("%v", err)
	}
	if err := g.fromEnv(gfs, env); err != nil {
		return err
	}
	cmds := commands()
	if len(rest) > 0 && rest[0] == "help" {
		rest, g.help = rest[1:], true
	}
	if len(rest) == 0 {
		if g.help {
			printUsage(env.Stdout, gfs, cmds)
			return nil
		}
		return runTUI(ctx, g, env)
	}
	if strings.HasPrefix(rest[0], "-") {
		return usagef("unknown flag %s", rest[0])
	}
	return dispatch(ctx, cmds, rest, g, gfs, env, "notion-tui")
}

func dispatch(ctx context.Context, cmds []*command, rest []string, g *Globals, gfs *flag.FlagSet, env *Env, prefix string) error {
	name := rest[0]
	var c *command
	for _, x := range cmds {
		if x.name == name {
			c = x
		}
	}
	if c == nil {
		return usagef("unknown command %q%s", name, suggest(name, cmds))
	}
	full := prefix + " " + c.name
	if len(c.sub) > 0 {
		if len(rest) < 2 || rest[1] == "help" {
			printGroupUsage(env.Stdout, full, c, gfs)
			if len(rest) < 2 && !g.help {
				return usagef("%s needs a subcommand", full)
			}
			return nil
		}
		return dispatch(ctx, c.sub, rest[1:], g, gfs, env, full)
	}
	fs := flag.NewFlagSet(full, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	body := c.setup(fs, g, env)
	fs.Usage = func() { printCommandUsage(env.Stdout, full, c, fs, gfs) }
	if g.help {
		fs.Usage()
		return nil
	}
	if err := fs.Parse(interleave(fs, rest[1:])); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.Usage()
			return nil
		}
		return usagef("%s: %v", full, err)
	}
	return body(ctx, fs.Args())
}

// splitGlobal takes the global flags out of args, wherever they stand
// (before or after the subcommand), as users of gh and kubectl expect.
// Everything after "--" is left alone.
func splitGlobal(gfs *flag.FlagSet, args []string) (global, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, hasValue := flagName(a)
		f := gfs.Lookup(name)
		if name == "" || f == nil {
			rest = append(rest, a)
			continue
		}
		global = append(global, a)
		if hasValue || isBoolFlag(f) {
			continue
		}
		if i+1 >= len(args) {
			return nil, nil, usagef("flag --%s needs a value", name)
		}
		i++
		global = append(global, args[i])
	}
	return global, rest, nil
}

// interleave moves a command's flags ahead of its positional arguments,
// so that `query ID --all` works like `query --all ID`.
func interleave(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		name, hasValue := flagName(a)
		f := fs.Lookup(name)
		if name == "" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		if f == nil || hasValue || isBoolFlag(f) {
			continue
		}
		if i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return append(flags, pos...)
}

func flagName(a string) (name string, hasValue bool) {
	if len(a) < 2 || a[0] != '-' || a == "-" {
		return "", false
	}
	a = strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
	name, _, hasValue = strings.Cut(a, "=")
	return name, hasValue
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func suggest(name string, cmds []*command) string {
	var names []string
	best, bestDist := "", 3 // suggest only close names: at most two edits
	for _, c := range cmds {
		names = append(names, c.name)
		d := editDistance(name, c.name)
		if strings.HasPrefix(c.name, name) {
			d = min(d, 1)
		}
		if d < bestDist {
			best, bestDist = c.name, d
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	sort.Strings(names)
	return " (commands: " + strings.Join(names, ", ") + ")"
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func printUsage(w io.Writer, gfs *flag.FlagSet, cmds []*command) {
	fmt.Fprint(w, `notion-tui: a terminal app for the Notion API

Usage:
  notion-tui [flags]                 start the app (setup wizard on first run)
  notion-tui --demo                  explore the built-in sandbox workspace, no token needed
  notion-tui <command> [flags] [args]

Commands:
`)
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
		for _, s := range c.sub {
			fmt.Fprintf(w, "    %-10s %s\n", s.name, s.summary)
		}
	}
	fmt.Fprint(w, "\nGlobal flags (before or after the command):\n")
	printFlags(w, gfs)
	fmt.Fprint(w, `
Environment:
  NOTION_TOKEN     integration token (wins over stored profiles)
  NOTION_PROFILE   stored profile to use
  NOTION_VERSION   Notion-Version header
  NOTION_BASE_URL  API address (https, or http on loopback only)
  NOTION_RATE      requests per second

Run 'notion-tui <command> --help' for a command's flags.
`)
}

func printGroupUsage(w io.Writer, full string, c *command, gfs *flag.FlagSet) {
	fmt.Fprintf(w, "%s\n\nUsage:\n  %s <command> [flags]\n\nCommands:\n", c.summary, full)
	for _, s := range c.sub {
		fmt.Fprintf(w, "  %-10s %s\n", s.name, s.summary)
	}
	fmt.Fprint(w, "\nGlobal flags:\n")
	printFlags(w, gfs)
}

func printCommandUsage(w io.Writer, full string, c *command, fs, gfs *flag.FlagSet) {
	fmt.Fprintf(w, "%s\n\nUsage:\n  %s [flags] %s\n", c.summary, full, c.args)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprint(w, "\nFlags:\n")
		printFlags(w, fs)
	}
	fmt.Fprint(w, "\nGlobal flags:\n")
	printFlags(w, gfs)
}

func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name == "h" {
			return // shown with --help
		}
		name, usage := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if f.Name == "help" {
			left = "-h, --help"
		}
		if name != "" {
			left += " " + name
		}
		def := ""
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			def = fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "  %-26s %s%s\n", left, usage, def)
	})
}

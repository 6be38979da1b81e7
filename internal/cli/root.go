package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/internal/textwrap"
	"github.com/notion-tui/notion-tui/internal/version"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// app is one run of the command line: the environment, the global
// settings, and what an error message needs to know.
type app struct {
	env  *Env
	g    *Globals
	root *cobra.Command
	// current is the command that runs, whose usage a usage error shows.
	current *cobra.Command
	// session is the last session opened, whose settings make error
	// messages concrete (where the token and the version came from).
	session *Session
	// sessions are every session opened, released once the command's
	// error (if any) is printed.
	sessions []*Session
}

func newApp(env *Env) *app {
	a := &app{env: env, g: &Globals{}}
	a.root = a.newRoot()
	return a
}

// guideContext is what the guided fixes may say about the settings.
func (a *app) guideContext() guide.Context {
	s := a.session
	if s == nil {
		return guide.Context{BaseURL: a.g.BaseURL, Profile: a.g.Profile}
	}
	gc := guide.Context{TokenSource: s.TokenSource, Version: s.Version, VersionSource: s.VersionSource, BaseURL: s.BaseURL, Profile: a.g.Profile}
	if s.Profile != nil {
		// The kind recorded at login decides between "not shared with the
		// connection" and "not visible to you", among others.
		gc.Profile, gc.Kind = s.Profile.Name, guide.RecordOf(s.Profile).Kind
	}
	return gc
}

// execute runs the command tree under fang, which styles the help and
// adds version and completions; errors are printed by printError.
func (a *app) execute(ctx context.Context, args []string) error {
	a.root.SetArgs(args)
	if !a.env.stdoutIsTerminal() {
		// fang lays help out 120 columns wide when stdout is not a
		// terminal, padding every line with spaces: piped into less or
		// head in a narrower terminal, each line wrapped into a blank
		// one. Only fang and cobra write to the command's stdout (help,
		// --version, completion scripts); the commands write to env.Stdout.
		a.root.SetOut(&trimTrailingSpaces{w: a.env.Stdout})
	}
	defer func() {
		for _, s := range a.sessions {
			s.release()
		}
	}()
	return fang.Execute(ctx, a.root,
		fang.WithVersion(version.String()),
		fang.WithoutManpage(), // man writes to the command's stdout, see manCommand
		fang.WithErrorHandler(a.printError),
		fang.WithColorSchemeFunc(helpColors),
	)
}

// Demo IDs used in examples, without dashes to keep the lines short:
// every example runs against --demo.
var (
	demoReadingList   = notionapi.CompactID(notiontest.DatabaseReadingList)
	demoTasks         = notionapi.CompactID(notiontest.DatabaseTasks)
	demoEventLog      = notionapi.CompactID(notiontest.DatabaseEventLog)
	demoReadingListDS = notionapi.CompactID(notiontest.DataSourceReadingList)
	demoPage          = notionapi.CompactID(notiontest.PageGettingStarted)
	demoViewLink      = "https://www.notion.so/Tasks-" + demoTasks + "?v=" + notionapi.CompactID(notiontest.ViewTasksOpen)
)

func (a *app) newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "notion-tui",
		Short: "A terminal app for the Notion API",
		Long: "A terminal app for the Notion API: a setup wizard, a workspace explorer, page creation, " +
			"guided fixes for API errors, an offline sandbox, and commands for scripts.\n\n" +
			"Without a command it starts the app (the setup wizard on first run). Global flags work before or after the command.\n\n" +
			"Environment: NOTION_TOKEN (wins over stored profiles), NOTION_PROFILE, NOTION_VERSION, NOTION_BASE_URL, NOTION_RATE, NO_COLOR.\n" +
			"Exit status: 0 success; 1 failure or incomplete output; 2 a mistake in the command line; 130 interrupted (Ctrl-C).",
		Example: `
# Explore the built-in sandbox workspace, no token needed
notion-tui --demo

# Scripting commands work on the demo workspace too
notion-tui --demo databases
notion-tui --demo query ` + demoReadingList + ` --limit 5`,
		Args:          a.rootArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			a.current = cmd
			return a.g.fromFlags(cmd.Flags(), a.env)
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd.Context(), a.g, a.env)
		},
	}
	root.SetIn(a.env.Stdin)
	root.SetOut(a.env.Stdout)
	root.SetErr(a.env.Stderr)
	a.g.bind(root.PersistentFlags())
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageError{msg: flagErrorText(cmd, err), cmd: cmd}
	})
	root.CompletionOptions.HiddenDefaultCmd = false
	root.AddGroup(
		&cobra.Group{ID: "data", Title: "data commands"},
		&cobra.Group{ID: "setup", Title: "setup commands"},
	)
	for _, c := range []*cobra.Command{a.usersCommand(), a.databasesCommand(), a.queryCommand(), a.viewsCommand(), a.searchCommand(), a.pageCommand(), a.commentsCommand(), a.createCommand(), a.updateCommand(), a.trashCommand(), a.restoreCommand(), a.apiCommand()} {
		c.GroupID = "data"
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{a.authCommand(), a.doctorCommand(), a.sandboxCommand(), a.versionCommand(), a.manCommand()} {
		if !c.Hidden {
			c.GroupID = "setup"
		}
		root.AddCommand(c)
	}
	root.SetCompletionCommandGroupID("setup")
	root.SetHelpCommandGroupID("setup")
	// cobra adds these when it runs; adding them now puts them in the walk
	// below, the goldens and the man page. (The completion commands keep
	// the output stream set above.)
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Short = "Print a shell completion script" // cobra's is too long for an 80-column list
		}
	}
	walk(root, func(c *cobra.Command) {
		// Help is wrapped here for the terminal; the man page takes the
		// paragraphs as they were written.
		if c.Annotations == nil {
			c.Annotations = map[string]string{}
		}
		c.Annotations[longAnnotation] = c.Long
		c.Long = textwrap.Words(c.Long, helpWidth)
		c.Flags().SortFlags = false
		c.PersistentFlags().SortFlags = false
		c.SilenceUsage, c.SilenceErrors = true, true
		c.DisableFlagsInUseLine = false
	})
	return root
}

// longAnnotation keeps a command's description before wrapping.
const longAnnotation = "notion-tui/long"

// helpWidth is the width help text is written for: it fits an 80-column
// terminal inside fang's margins.
const helpWidth = 76

// walk calls f on c and every command below it.
func walk(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, sub := range c.Commands() {
		walk(sub, f)
	}
}

// rootArgs refuses an unknown command (with a suggestion) instead of
// starting the app with it.
func (a *app) rootArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return unknownCommand(cmd, args[0])
}

func unknownCommand(cmd *cobra.Command, name string) error {
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	hint := textutil.DidYouMean(name, names)
	if hint == "" {
		hint = " (commands: " + strings.Join(names, ", ") + ")"
	}
	return &usageError{msg: fmt.Sprintf("unknown command %q%s", name, hint), cmd: cmd}
}

// group makes a command that only holds subcommands: alone it is a usage
// error that lists them, as is an unknown subcommand.
func group(c *cobra.Command) *cobra.Command {
	c.Args = cobra.ArbitraryArgs
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return unknownCommand(cmd, args[0])
		}
		var names []string
		for _, s := range cmd.Commands() {
			if s.IsAvailableCommand() {
				names = append(names, s.Name())
			}
		}
		return &usageError{msg: "needs a command: " + textutil.Join(names, "or"), cmd: cmd}
	}
	return c
}

// Argument checks that say what is missing in words.

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < n:
			return &usageError{msg: "needs " + what, cmd: cmd}
		case len(args) > n:
			return &usageError{msg: fmt.Sprintf("takes %s, not %s (quote a value that holds spaces)", what, textutil.QuoteList(args, 4)), cmd: cmd}
		}
		return nil
	}
}

func noArgs(hint string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			msg := "takes no arguments, got " + textutil.QuoteList(args, 4)
			if hint != "" {
				msg += "; " + hint
			}
			return &usageError{msg: msg, cmd: cmd}
		}
		return nil
	}
}

func maxArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return &usageError{msg: fmt.Sprintf("takes at most %s, not %s (quote a value that holds spaces)", what, textutil.QuoteList(args, 4)), cmd: cmd}
		}
		return nil
	}
}

// flagErrorText rewords pflag's errors a little: "unknown flag: --x" and
// "invalid argument "x" for "--limit" flag: …" read well already.
func flagErrorText(cmd *cobra.Command, err error) string {
	s := err.Error()
	if name, ok := strings.CutPrefix(s, "unknown flag: "); ok {
		return "unknown flag " + name + flagSuggestion(cmd, name)
	}
	if name, ok := strings.CutPrefix(s, "unknown shorthand flag: "); ok {
		return "unknown flag " + name
	}
	return s
}

// flagSuggestion is ` (did you mean "--limit"?)` for a mistyped flag of
// cmd, or "".
func flagSuggestion(cmd *cobra.Command, flag string) string {
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	if c := textutil.Closest(strings.TrimLeft(flag, "-"), names, 1); len(c) == 1 {
		return fmt.Sprintf(" (did you mean %q?)", "--"+c[0])
	}
	return ""
}

// completeProfiles completes stored profile names.
func (a *app) completeProfiles(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	store, err := openStore(a.env)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	profiles, _, err := store.Profiles()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var names []string
	for _, p := range profiles {
		names = append(names, p.Name+"\t"+p.WorkspaceName)
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}

// writeText prints s (our words around workspace text) with the control
// characters of the workspace text taken out.
func writeText(w io.Writer, s string) error {
	_, err := io.WriteString(w, textutil.SafeText(s))
	return err
}

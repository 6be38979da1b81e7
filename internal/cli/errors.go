package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
)

// usageError is a mistake in the command line; it exits with status 2
// after the command's usage line.
type usageError struct {
	msg string
	cmd *cobra.Command // the command whose usage to show; nil for the root
}

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{msg: fmt.Sprintf(format, a...)} }

// exitError ends a command with a given status and a message already
// written for the user ("" prints nothing).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// interruptedError is an interruption that needs more said than
// "interrupted", such as a page create whose outcome is unknown.
type interruptedError struct{ msg string }

func (e *interruptedError) Error() string { return e.msg }
func (e *interruptedError) Unwrap() error { return context.Canceled }

// exitStatus maps the outcome of a run to the exit status; the message
// was printed by printError.
func (a *app) exitStatus(ctx context.Context, err error) int {
	var (
		ue *usageError
		ex *exitError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case errors.As(err, &ex):
		return ex.code
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return interruptStatus(ctx)
	}
	return exitFailure
}

// printError writes what went wrong to stderr: for a usage error one line
// and the command's usage, for anything else the guided fix written for a
// command line. Text from the workspace or the network (a title, Notion's
// message) has its control characters taken out.
func (a *app) printError(w io.Writer, styles fang.Styles, err error) {
	var (
		ue *usageError
		ex *exitError
		ie *interruptedError
		pe *partialError
	)
	var text string
	switch {
	case errors.As(err, &ie):
		text = ie.msg
	case errors.Is(err, context.Canceled) && errors.As(err, &pe):
		text = "notion-tui: interrupted; the output is incomplete: " + textutil.Plural(pe.rows, "row was", "rows were") + " printed."
	case errors.As(err, &ue):
		cmd := ue.cmd
		if cmd == nil {
			cmd = a.current
		}
		if cmd == nil {
			cmd = a.root
		}
		text = fmt.Sprintf("%s: %s\n%s", cmd.CommandPath(), ue.msg, usageHint(cmd))
	case errors.As(err, &ex):
		text = ex.msg
	case errors.Is(err, context.Canceled):
		text = "notion-tui: interrupted."
	case errors.As(err, &pe):
		text = "notion-tui: " + a.explain(pe.err) + "\nThe output is incomplete: " +
			textutil.Plural(pe.rows, "row was", "rows were") + " printed before the failure."
	default:
		text = "notion-tui: " + a.explain(err)
	}
	if text == "" {
		return
	}
	text = textutil.SafeText(strings.TrimRight(text, "\n"))
	if a.env.StderrIsTerminal() && a.env.getenv("NO_COLOR") == "" {
		// fang's layout: a badge, then the message indented under it.
		fmt.Fprintln(w, styles.ErrorHeader.String())
		fmt.Fprintln(w, indent(strings.TrimPrefix(text, "notion-tui: "), "  "))
		fmt.Fprintln(w)
		return
	}
	fmt.Fprintln(w, text)
}

// usageHint is the usage line of a command and where to read more.
func usageHint(cmd *cobra.Command) string {
	return fmt.Sprintf("Usage: %s\nRun '%s --help' for its flags and examples.", usageLine(cmd), cmd.CommandPath())
}

// usageLine is "notion-tui query <database> [flags]".
func usageLine(cmd *cobra.Command) string {
	line := cmd.UseLine()
	if cmd.HasAvailableSubCommands() && !strings.Contains(line, "<command>") {
		line = cmd.CommandPath() + " <command> [flags]"
	}
	return line
}

// explain renders an error as the guided fix, worded for a command line.
func (a *app) explain(err error) string {
	gc := a.guideContext()
	if gc.Kind == notionapi.TokenKindUnknown {
		gc.Kind = a.session.kindFor(err)
	}
	fix := guide.Diagnose(err, gc)
	if fix.Title == "Something went wrong" && fix.Message == err.Error() {
		return err.Error() // our own words already
	}
	return fix.Text()
}

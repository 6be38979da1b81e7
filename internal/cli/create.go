package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
)

func (a *app) createCommand() *cobra.Command {
	o := &createOpts{}
	cmd := &cobra.Command{
		Use:   "create <database>",
		Short: "Create a database row from --set values",
		Long: "Create a page in a data source from --set NAME=VALUE values, checked against its schema before anything " +
			"is sent: every mistake is reported at once, and nothing is sent until all values are valid. Values are " +
			"written as in the app's form: options by name, multi-select values separated by commas, dates such as " +
			"2026-12-01, 2026-12-01 14:30 or tomorrow, people by name or email, relations by title or link.\n\n" +
			"--content is Markdown; content of more than 100 blocks is added after the create, 100 blocks a request.\n\n" +
			"After an ambiguous failure (a timeout, a broken connection, a 5xx), the page is not sent again: notion-tui " +
			"looks for it and says whether it exists. A batch of content is never sent twice either: when adding one " +
			"fails, notion-tui reads the page back, says what it holds and exits with status 1.",
		Example: `
notion-tui --demo create ` + demoTasks + ` \
  --set "Task=Call the bank" --set "Priority=P1 High" --set Due=tomorrow
notion-tui --demo create ` + demoReadingList + ` --dry-run \
  --set Name=Dune --set "Tags=fiction, classic"
echo "## Notes" | notion-tui --demo create \
  ` + demoTasks + ` \
  --set "Task=Write notes" --content - --json`,
		Args:              exactArgs(1, "one database or data source ID or link"),
		ValidArgsFunction: a.completeWorkspace(notionapi.ObjectDataSource, false),
	}
	f := cmd.Flags()
	f.Var(&o.sets, "set", "a value as Name=value (repeat for each property)")
	_ = cmd.RegisterFlagCompletionFunc("set", a.completeProperties(propertyValue))
	f.StringVar(&o.content, "content", "", "page content: a Markdown file, or - for stdin")
	f.BoolVar(&o.dryRun, "dry-run", false, "check and print the request body; send nothing")
	out := addOutputFlags(cmd, formatText, formatJSON)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		format, err := out.get(cmd)
		if err != nil {
			return err
		}
		o.json = format == formatJSON
		return a.runCreate(cmd.Context(), args[0], o)
	}
	return cmd
}

type createOpts struct {
	sets    repeatedFlag
	content string
	json    bool
	dryRun  bool
}

// assignment is one --set NAME=VALUE.
type assignment struct{ name, value string }

func (o *createOpts) assignments() ([]assignment, error) {
	out := make([]assignment, 0, len(o.sets))
	for _, s := range o.sets {
		name, value, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, usagef("--set %q: expected NAME=VALUE, like --set \"Name=Buy milk\"", s)
		}
		out = append(out, assignment{strings.TrimSpace(name), value})
	}
	return out, nil
}

// readContent reads the --content file ("-" for stdin).
func (o *createOpts) readContent(env *Env) (string, error) {
	var b []byte
	var err error
	switch o.content {
	case "":
		return "", nil
	case "-":
		b, err = io.ReadAll(env.Stdin)
	default:
		b, err = os.ReadFile(o.content)
	}
	if err != nil {
		return "", usagef("--content: %v", err)
	}
	return string(b), nil
}

func (a *app) runCreate(ctx context.Context, target string, o *createOpts) error {
	env := a.env
	if _, err := notionapi.ParseID(target); err != nil {
		return usagef("%v", err)
	}
	sets, err := o.assignments()
	if err != nil {
		return err
	}
	content, err := o.readContent(env)
	if err != nil {
		return err
	}
	s, err := a.newSession()
	if err != nil {
		return err
	}
	defer s.Close()
	ds, err := s.Client.ResolveDataSource(ctx, target)
	if err != nil {
		return err
	}
	page, err := buildPage(ctx, s.Client, a.guideContext().Kind, ds, sets, content, env.Now())
	if err != nil {
		return err
	}
	rest := page.Rest()
	if o.dryRun {
		if err := writeJSON(env.Stdout, page.Params(s.Client, ds)); err != nil {
			return err
		}
		if len(rest) > 0 {
			n := 0
			for _, b := range rest {
				n += len(b)
			}
			fmt.Fprintf(env.Stderr, "notion-tui: the other %s of the content would follow in %s (PATCH /v1/blocks/{page}/children).\n",
				textutil.Plural(n, "block", "blocks"), textutil.Plural(len(rest), "append", "appends"))
		}
		return nil
	}
	created, err := send(ctx, s.Client, ds, page, env)
	if err != nil {
		return err
	}
	var appendErr error
	if len(rest) > 0 {
		prog := a.newProgress("Adding the content, blocks", false)
		appendErr = pageform.AppendContent(ctx, s.Client, created, len(page.Params(s.Client, ds).Children), rest, func(added, _ int) { prog.update(added) })
		prog.done()
	}
	// The page exists: it is printed even when its content is not whole.
	if o.json {
		err = writeJSON(env.Stdout, created)
	} else {
		err = writeText(env.Stdout, fmt.Sprintf("Created %s\n%s\n%s\n", textutil.SafeLine(orText(created.Title(), page.Title)), created.URL, created.ID))
	}
	if appendErr != nil {
		msg := "notion-tui: " + appendErr.Error()
		if errors.Is(appendErr, context.Canceled) {
			return &interruptedError{msg: msg}
		}
		return &exitError{code: exitFailure, msg: msg}
	}
	return err
}

// buildPage parses and checks every --set value and the content against
// the schema, and reports every problem at once.
func buildPage(ctx context.Context, c *notionapi.Client, kind notionapi.TokenKind, ds *notionapi.DataSource, sets []assignment, content string, now time.Time) (*pageform.Page, error) {
	values, errs := namedValues(ds.Properties, sets)
	env := pageform.Env{Now: now, FindPages: pageform.FindPagesWith(ctx, c)}
	if setsPeople(ds.Properties, values) {
		env.Users, env.UsersErr = loadUsers(ctx, c, kind)
	}
	page, err := pageform.Build(ds.Properties, pageform.Input{Values: values, Content: content, LongContent: true}, env)
	var buildErrs pageform.Errors
	if errors.As(err, &buildErrs) {
		errs = append(errs, buildErrs...)
	} else if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, invalidValues(ds, errs)
	}
	return page, nil
}

// send creates the page. After a lost answer it looks for the page rather
// than sending it again.
func send(ctx context.Context, c *notionapi.Client, ds *notionapi.DataSource, page *pageform.Page, env *Env) (*notionapi.Page, error) {
	sentAt := env.Now()
	created, err := c.CreatePage(ctx, page.Params(c, ds))
	switch {
	case err == nil:
		return created, nil
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return nil, interruptedCreate(ds, page.Title)
	case !pageform.Ambiguous(err):
		return nil, refused(ds, err)
	}
	found, checkErr := checkCreated(ctx, c, ds, page.Title, sentAt, err)
	if checkErr != nil {
		return nil, checkErr
	}
	if _, saved := notionapi.Saved(err); saved {
		fmt.Fprintf(env.Stderr, "notion-tui: %s, but said it saved the page; it was not sent again.\n", pageform.Failure(err))
	} else {
		fmt.Fprintf(env.Stderr, "notion-tui: Notion's answer was lost (%s), but the page was created; it was not sent again.\n", pageform.Failure(err))
	}
	return found, nil
}

// interruptedCreate explains a create interrupted after it started: the
// body may have reached Notion, so the page may exist; it says how to look
// before creating it again.
func interruptedCreate(ds *notionapi.DataSource, title string) error {
	msg := fmt.Sprintf("notion-tui: interrupted while creating %q: the request may have reached Notion, so the page may exist.\n", title)
	if tp, ok := ds.Properties.Title(); ok && title != "" {
		check := fmt.Sprintf("notion-tui query %s --filter %s --sort created_time:desc --limit 5",
			ds.ID, textutil.ShellQuote(filterName(tp.Name)+" = "+filterQuote(title)))
		msg += "Look for it before running the command again, so that it is not created twice:\n  " + check
	} else {
		msg += "Look in " + orText(ds.URL, ds.Title.Plain()) + " before running the command again, so that it is not created twice."
	}
	return &interruptedError{msg: msg}
}

// filterName writes a property name for the filter language: bare when it
// is one plain word, quoted otherwise.
func filterName(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			plain = false
		}
	}
	switch strings.ToLower(s) {
	case "and", "or", "not", "in", "is", "any", "every", "none":
		plain = false
	}
	if plain {
		return s
	}
	return filterQuote(s)
}

// filterQuote quotes a name or value for the filter language.
func filterQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// namedValues matches each --set name with a property and refuses a
// property set twice; every problem is returned.
func namedValues(schema notionapi.Schema, sets []assignment) (map[string]string, pageform.Errors) {
	values := map[string]string{}
	var errs pageform.Errors
	for _, a := range sets {
		p, err := pageform.Property(schema, a.name)
		switch _, dup := values[p.Name]; {
		case err != nil:
			errs = append(errs, &pageform.FieldError{Property: a.name, Err: err})
		case dup:
			errs = append(errs, &pageform.FieldError{Property: p.Name, Err: fmt.Errorf("set more than once; give one --set %s=… (separate several values with commas)", p.Name)})
		default:
			values[p.Name] = a.value
		}
	}
	return values, errs
}

func setsPeople(schema notionapi.Schema, values map[string]string) bool {
	for name, v := range values {
		if p, _ := schema.Get(name); p.Type == notionapi.PropPeople && strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// loadUsers reads the users list; when it cannot, people are taken by ID
// and the reason, worded for the kind of token (unknown unless a profile
// recorded it), goes with any name that cannot be found.
func loadUsers(ctx context.Context, c *notionapi.Client, kind notionapi.TokenKind) ([]notionapi.User, error) {
	if err := guide.UsersListable(kind); err != nil {
		return nil, err // refused to every personal access token: not asked
	}
	users, err := pageform.LoadUsers(ctx, c)
	if notionapi.StatusOf(err) == 403 {
		return nil, errors.New(guide.UsersRefused(kind))
	}
	return users, err
}

// invalidValues reports every problem at once, before anything is sent.
func invalidValues(ds *notionapi.DataSource, errs pageform.Errors) error {
	var b strings.Builder
	fmt.Fprintf(&b, "notion-tui: %s not valid for %s; nothing was sent:\n", textutil.Plural(len(errs), "value is", "values are"), ds.Title.Plain())
	for _, e := range errs {
		name := e.Property
		if name == "" {
			name = "--content"
		}
		fmt.Fprintf(&b, "  %s: %v\n", name, e.Err)
	}
	return &exitError{code: 2, msg: strings.TrimRight(b.String(), "\n")}
}

// refused names the property a validation error from Notion is about.
func refused(ds *notionapi.DataSource, err error) error {
	name, ok := pageform.APIErrorField(ds.Properties, err)
	var apiErr *notionapi.APIError
	if !ok || !errors.As(err, &apiErr) {
		return err
	}
	what := "the value of " + name
	if name == "" {
		what = "the --content"
	}
	return &exitError{code: 1, msg: fmt.Sprintf("notion-tui: Notion refused %s: %s (%d %s)", what, apiErr.Message, apiErr.Status, apiErr.Code)}
}

// checkCreated finds out whether a create whose answer was lost or
// failed made the page (pageform.CheckCreated: a page Notion says it
// saved is read back by its ID, with no search). It never sends the
// create again: it returns the page when it exists, and otherwise an error
// that says what happened and what to do.
func checkCreated(ctx context.Context, c *notionapi.Client, ds *notionapi.DataSource, title string, sentAt time.Time, createErr error) (*notionapi.Page, error) {
	found, err := pageform.CheckCreated(ctx, c, ds, title, sentAt, createErr)
	switch {
	case errors.Is(err, pageform.ErrSavedWithoutID):
		return nil, &exitError{code: 1, msg: fmt.Sprintf(
			"notion-tui: %s, but said it saved the page %q without saying which page it made.\n"+
				"It was not sent again. Find it in %s rather than running the command again.",
			pageform.Failure(createErr), title, orText(ds.URL, ds.Title.Plain()))}
	case err != nil:
		return nil, &exitError{code: 1, msg: fmt.Sprintf(
			"notion-tui: creating %q failed (%s), and checking whether the page was made anyway failed too (%s).\n"+
				"It was not sent again. Look in %s before running the command again, so that the page is not created twice.",
			title, pageform.Failure(createErr), pageform.Failure(err), orText(ds.URL, ds.Title.Plain()))}
	case found == nil:
		return nil, &exitError{code: 1, msg: fmt.Sprintf(
			"notion-tui: the page %q was not created (%s): %s has no page with that title created since %s.\n"+
				"It was not sent again; run the same command to try again.",
			title, pageform.Failure(createErr), ds.Title.Plain(), pageform.CreatedSince(c, sentAt).In(sentAt.Location()).Format("15:04"))}
	}
	return found, nil
}

func orText(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

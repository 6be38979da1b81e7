package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/pageedit"
	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/filter"
)

func (a *app) updateCommand() *cobra.Command {
	o := &updateOpts{}
	cmd := &cobra.Command{
		Use:   "update <page|database>",
		Short: "Change a page, or every row a filter picks",
		Long: "Change the properties of a page, given by ID or link, from --set NAME=VALUE values written as for " +
			"`create` (options by name, dates such as tomorrow, people by name, relations by title); an empty value " +
			"(--set Due=) empties the property. Every value is checked against the schema before anything is sent, " +
			"and a page that already holds the values is not sent at all.\n\n" +
			"With --filter (or --filter-json), the argument is a database or data source and every row the filter " +
			"selects is changed, paced at the request budget. --dry-run lists the rows and the changes, sending " +
			"nothing. Above one row, the command asks first on a terminal, and without a terminal refuses unless " +
			"--yes is given. Before each batch it reads again the rows edited since they were selected: a row whose " +
			"property someone else changed meanwhile, or that no longer matches the filter, is left alone and listed. " +
			"Each row's result is printed; progress goes to stderr on a terminal.\n\n" +
			"An update whose answer was lost (a timeout, a broken connection, a 5xx) is never sent again: the page " +
			"is read back and the command says whether it holds the values. Running the same command again is safe: " +
			"what already holds the values is skipped.\n\n" +
			"Exit status 1 when any row failed, was changed by someone else, or may not have been saved.",
		Example: `
notion-tui --demo update ` + demoPage + ` \
  --set "title=Getting started (read me)"
notion-tui --demo update ` + demoTasks + ` \
  --filter 'Status = Blocked' --set "Status=In progress" --dry-run
notion-tui --demo update ` + demoTasks + ` \
  --filter 'Done = false and Due < today' \
  --set Priority="P1 High" --set Due="" --yes --json`,
		Args:              exactArgs(1, "one page, or with --filter one database or data source (ID or link)"),
		ValidArgsFunction: a.completeWorkspace("", false),
	}
	f := cmd.Flags()
	f.Var(&o.sets, "set", "a value as Name=value; Name= empties it (repeatable)")
	_ = cmd.RegisterFlagCompletionFunc("set", a.completeProperties(propertyValue))
	f.StringVar(&o.filterExpr, "filter", "", "change the rows it selects: 'Status = Blocked'")
	f.StringVar(&o.filterJSON, "filter-json", "", "a Notion filter object: JSON, @file or - (stdin)")
	f.BoolVar(&o.dryRun, "dry-run", false, "list what would change; send nothing")
	f.BoolVar(&o.yes, "yes", false, "change more than one row without asking")
	o.out = addOutputFlags(cmd, formatText, formatJSON)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		return a.runUpdate(cmd, args[0], o)
	}
	return cmd
}

type updateOpts struct {
	sets       repeatedFlag
	filterExpr string
	filterJSON string
	dryRun     bool
	yes        bool
	out        *outputFlags
	format     string
	filter     json.RawMessage
}

func (a *app) runUpdate(cmd *cobra.Command, target string, o *updateOpts) error {
	var err error
	if o.format, err = o.out.get(cmd); err != nil {
		return err
	}
	if _, err := notionapi.ParseID(target); err != nil {
		return usagef("%v", err)
	}
	sets, err := (&createOpts{sets: o.sets}).assignments()
	if err != nil {
		return err
	}
	if len(sets) == 0 {
		return usagef("nothing to change: give at least one --set NAME=VALUE")
	}
	switch {
	case o.filterExpr != "" && o.filterJSON != "":
		return usagef("--filter and --filter-json exclude each other")
	case o.filterExpr != "":
		if err := filter.Check(o.filterExpr); err != nil {
			return filterError(o.filterExpr, err)
		}
	case o.filterJSON != "":
		if o.filter, err = readJSONArg("--filter-json", o.filterJSON, a.env); err != nil {
			return err
		}
	case o.yes:
		return usagef("--yes confirms changing the rows a --filter selects; without --filter one page is changed")
	}
	ctx := cmd.Context()
	s, err := a.newSession()
	if err != nil {
		return err
	}
	defer s.Close()
	if o.filterExpr == "" && o.filter == nil {
		return a.updatePage(ctx, s.Client, target, sets, o)
	}
	return a.updateRows(ctx, s.Client, target, sets, o)
}

// isDatabaseAnswer reports whether Notion refused a page read because the
// ID is a database's.
func isDatabaseAnswer(err error) bool {
	var e *notionapi.APIError
	return errors.As(err, &e) && e.Status == http.StatusBadRequest && strings.Contains(e.Message, "is a database")
}

// pageSchema returns the schema a page's properties follow: its data
// source's, or for a page outside databases its title alone. name is what
// messages call the page's home.
func pageSchema(ctx context.Context, c *notionapi.Client, pg *notionapi.Page) (schema notionapi.Schema, name string, err error) {
	table := pg.Parent.DataSourceID
	if !notionapi.UsesDataSources(c.Version()) || table == "" {
		table = pg.Parent.DatabaseID
	}
	if table == "" {
		title := pg.TitleName()
		if title == "" {
			title = "title"
		}
		return notionapi.Schema{{ID: "title", Name: title, Type: notionapi.PropTitle}}, orText(pg.Title(), pg.ID), nil
	}
	ds, err := c.GetDataSource(ctx, table)
	if err != nil {
		return nil, "", err
	}
	return ds.Properties, ds.Title.Plain(), nil
}

// parseEdits reads every --set value as an edit of a property of schema
// (an empty value empties it) and reports every problem at once.
func parseEdits(ctx context.Context, c *notionapi.Client, kind notionapi.TokenKind, schema notionapi.Schema, sets []assignment, now time.Time, where string) (map[string]notionapi.PropertyValue, []notionapi.User, error) {
	values, errs := namedValues(schema, sets)
	env := pageform.Env{Now: now, FindPages: pageform.FindPagesWith(ctx, c)}
	if setsPeople(schema, values) {
		env.Users, env.UsersErr = loadUsers(ctx, c, kind)
	}
	out := map[string]notionapi.PropertyValue{}
	for _, p := range schema.Ordered() {
		text, ok := values[p.Name]
		if !ok {
			continue
		}
		v, err := pageform.ParseEdit(p, text, env)
		if err != nil {
			errs = append(errs, &pageform.FieldError{Property: p.Name, Err: err})
			continue
		}
		out[p.Name] = v
	}
	if len(errs) > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "notion-tui: %s not valid for %s; nothing was sent:\n", textutil.Plural(len(errs), "value is", "values are"), where)
		for _, e := range errs {
			fmt.Fprintf(&b, "  %s: %v\n", e.Property, e.Err)
		}
		return nil, nil, &exitError{code: exitUsage, msg: strings.TrimRight(b.String(), "\n")}
	}
	return out, env.Users, nil
}

// updatePage changes one page.
func (a *app) updatePage(ctx context.Context, c *notionapi.Client, target string, sets []assignment, o *updateOpts) error {
	env := a.env
	pg, err := c.GetPage(ctx, target)
	if isDatabaseAnswer(err) {
		return usagef("%s is a database: to change its rows, select them with --filter (such as --filter 'Status = Blocked')", target)
	}
	if err != nil {
		return err
	}
	schema, _, err := pageSchema(ctx, c, pg)
	if err != nil {
		return err
	}
	title := textutil.SafeLine(orText(pg.Title(), pg.ID))
	set, users, err := parseEdits(ctx, c, a.guideContext().Kind, schema, sets, env.Now(), fmt.Sprintf("%q", title))
	if err != nil {
		return err
	}
	e := pageedit.FromPage(pg, set)
	if o.dryRun {
		if o.format == formatJSON {
			return writeJSON(env.Stdout, e.Params().Properties)
		}
		verb := "Would update"
		if e.HeldWhenRead() {
			verb = "Already set:"
		}
		return writeText(env.Stdout, verb+" "+title+"\n"+changeLines(e, nil, users)+"Nothing was sent (--dry-run).\n")
	}
	if pg.Trashed() {
		return &exitError{code: exitFailure, msg: fmt.Sprintf("notion-tui: %q is in the trash, where Notion changes nothing; restore it first:\n  notion-tui restore %s", title, pg.ID)}
	}
	if e.HeldWhenRead() {
		fmt.Fprintf(env.Stderr, "notion-tui: %q already holds these values; nothing was sent.\n", title)
		if o.format == formatJSON {
			return writeJSON(env.Stdout, pg)
		}
		return writeText(env.Stdout, "Unchanged "+title+"\n"+pg.URL+"\n")
	}
	saved, err := c.UpdatePage(ctx, pg.ID, e.Params())
	var u *notionapi.UnconfirmedUpdateError
	switch {
	case err == nil:
	case errors.As(err, &u) && u.State == notionapi.UpdateApplied:
		fmt.Fprintf(env.Stderr, "notion-tui: Notion's answer was lost (%s), but the page read back holds the new values; it was not sent again.\n", notionapi.FailureText(u.Err))
	case errors.As(err, &u):
		return &exitError{code: exitFailure, msg: unconfirmedText(title, u) + "\nRunning the same command again is safe: it sends nothing if the page already holds the values."}
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return &interruptedError{msg: fmt.Sprintf("notion-tui: interrupted while updating %q: the change may have been saved.\nRunning the same command again is safe: it sends nothing if the page already holds the values.", title)}
	default:
		return refusedEdit(schema, err)
	}
	if o.format == formatJSON {
		return writeJSON(env.Stdout, saved)
	}
	return writeText(env.Stdout, "Updated "+orText(textutil.SafeLine(saved.Title()), title)+"\n"+changeLines(e, saved, users)+orText(saved.URL, pg.URL)+"\n")
}

// unconfirmedText says what reading the page back told of an update whose
// answer was lost.
func unconfirmedText(title string, u *notionapi.UnconfirmedUpdateError) string {
	why := notionapi.FailureText(u.Err)
	if u.State == notionapi.UpdateNotApplied {
		return fmt.Sprintf("notion-tui: updating %q failed (%s): the page read back does not hold the new values of %s, so the change was not saved. It was not sent again.",
			title, why, textutil.Join(u.Differs, "and"))
	}
	return fmt.Sprintf("notion-tui: updating %q failed (%s), and reading the page back failed too (%s): whether the change was saved is unknown. It was not sent again.",
		title, why, notionapi.FailureText(u.ReadErr))
}

// refusedEdit names the property a validation error from Notion is about.
func refusedEdit(schema notionapi.Schema, err error) error {
	var apiErr *notionapi.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != notionapi.CodeValidationError {
		return err
	}
	what := "the update"
	if name, ok := pageform.APIErrorField(schema, err); ok && name != "" {
		what = "the value of " + name
	}
	return &exitError{code: exitFailure, msg: fmt.Sprintf("notion-tui: Notion refused %s: %s (%d %s); nothing was changed.", what, apiErr.Message, apiErr.Status, apiErr.Code)}
}

// changeLines lists "  Name: old → new" for each property of the edit;
// the new values come from saved when there is one.
func changeLines(e pageedit.Edit, saved *notionapi.Page, users []notionapi.User) string {
	var b strings.Builder
	for _, name := range e.Names() {
		after := e.Set[name]
		if saved != nil {
			if v, ok := saved.Properties[name]; ok {
				after = v
			}
		}
		fmt.Fprintf(&b, "  %s: %s → %s\n", name, cellText(e.Before[name], users), cellText(after, users))
	}
	return b.String()
}

// cellText is a value as one line for people, "(empty)" when there is
// none, checkboxes as checked or unchecked.
func cellText(v notionapi.PropertyValue, users []notionapi.User) string {
	s := plainCell(v, users)
	if v.Type == notionapi.PropCheckbox {
		s = map[bool]string{true: "checked", false: "unchecked"}[v.Checkbox]
	}
	if s == "" {
		return "(empty)"
	}
	return s
}

// plainCell is a value as one line, as query prints it; people sent by ID
// are named from users when it has them.
func plainCell(v notionapi.PropertyValue, users []notionapi.User) string {
	if v.Type == notionapi.PropPeople {
		v.People = slices.Clone(v.People)
		for i, p := range v.People {
			for _, u := range users {
				if p.Name == "" && u.ID == p.ID {
					v.People[i] = u
				}
			}
		}
	}
	return textutil.SafeLine(notionapi.Cell(v))
}

// updateRows changes every row a filter selects.
func (a *app) updateRows(ctx context.Context, c *notionapi.Client, target string, sets []assignment, o *updateOpts) error {
	env := a.env
	ds, err := c.ResolveDataSource(ctx, target)
	if err != nil {
		return err
	}
	name := textutil.SafeLine(ds.Title.Plain())
	filterObj := o.filter
	if o.filterExpr != "" {
		if filterObj, err = compileFilter(ctx, c, o.filterExpr, ds.Properties, env.Now); err != nil {
			return err
		}
	}
	set, users, err := parseEdits(ctx, c, a.guideContext().Kind, ds.Properties, sets, env.Now(), name)
	if err != nil {
		return err
	}
	selectedAt := env.Now()
	var edits []pageedit.Edit
	for pg, err := range c.QueryAll(ctx, ds.ID, notionapi.QueryParams{Filter: filterObj, Sorts: []notionapi.Sort{{Timestamp: notionapi.CreatedTime, Direction: notionapi.Ascending}}}) {
		if errors.Is(err, notionapi.ErrResultLimit) {
			return &exitError{code: exitFailure, msg: fmt.Sprintf("notion-tui: the filter selects more than %s rows of %s, more than one query returns; narrow it. Nothing was sent.", commas(resultCap), name)}
		}
		if err != nil {
			return err
		}
		edits = append(edits, pageedit.FromPage(&pg, set))
	}
	changing := 0
	for _, e := range edits {
		if !e.HeldWhenRead() {
			changing++
		}
	}
	w := a.newRecordWriter(o.format, resultColumns)
	if o.dryRun {
		for _, e := range edits {
			r := pageedit.Result{Edit: e, Status: pageedit.Unchanged}
			if !e.HeldWhenRead() {
				r.Status = wouldUpdate
			}
			if err := writeResult(w, r, users); err != nil {
				return closeAfter(w, err)
			}
		}
		fmt.Fprintf(env.Stderr, "notion-tui: %s of %s selected; %s would change. Nothing was sent (--dry-run).\n",
			textutil.Plural(len(edits), "row", "rows"), name, commas(changing))
		return closeAfter(w, nil)
	}
	if changing > 1 && !o.yes {
		if err := a.confirmRows(changing, len(edits), name, set, users); err != nil {
			return err
		}
	}
	progress := a.progress("updating", "rows")
	var writeErr error
	counts, runErr := pageedit.Run(ctx, c, edits, pageedit.Options{
		Selection:  &pageedit.Selection{Table: ds.ID, Filter: filterObj, At: selectedAt},
		Now:        env.Now,
		OnProgress: progress.update,
		OnResult: func(r pageedit.Result) {
			if writeErr == nil {
				writeErr = writeResult(w, r, users)
			}
		},
	})
	progress.done()
	err = closeAfter(w, writeErr)
	if err != nil {
		return err
	}
	return a.runSummary(ctx, counts, runErr, runTerms{total: len(edits), where: name, plural: "rows", singular: "row", done: "updated",
		again: "what already holds the values is skipped"})
}

// runTerms are the words of a run's summary.
type runTerms struct {
	total            int
	where            string // the database, or "" for pages given one by one
	plural, singular string
	done             string // "updated", "trashed"
	again            string // why running the command again is safe
}

// runSummary tells on stderr how a run went and decides the exit status.
func (a *app) runSummary(ctx context.Context, counts map[pageedit.Status]int, runErr error, t runTerms) error {
	var parts []string
	add := func(n int, text string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s %s", commas(n), text))
		}
	}
	add(counts[pageedit.Updated], t.done)
	add(counts[pageedit.Unchanged], "already held the values")
	add(counts[pageedit.LeftSelection], "no longer matched the filter (not sent)")
	add(counts[pageedit.Conflicted], "changed by someone else since they were read (not sent)")
	add(counts[pageedit.Failed], "failed")
	add(counts[pageedit.Unconfirmed], "may or may not have been saved")
	add(counts[pageedit.NotSent], "not sent")
	noun := t.plural
	if t.total == 1 {
		noun = t.singular
	}
	of := ""
	if t.where != "" {
		of = " of " + t.where
	}
	summary := fmt.Sprintf("notion-tui: %s %s%s: %s.", commas(t.total), noun, of, strings.Join(parts, ", "))
	if t.total == 0 {
		summary = fmt.Sprintf("notion-tui: no %s%s selected; nothing was sent.", t.plural, of)
	}
	again := "\nRunning the same command again is safe: " + t.again + "."
	switch {
	case errors.Is(runErr, context.Canceled) || ctx.Err() != nil:
		return &interruptedError{msg: "notion-tui: interrupted. " + strings.TrimPrefix(summary, "notion-tui: ") + again}
	case runErr != nil:
		return &exitError{code: exitFailure, msg: summary + "\nReading the rows again for changes failed, so the rest was not sent: " + a.explain(runErr) + again}
	case counts[pageedit.Failed]+counts[pageedit.Unconfirmed]+counts[pageedit.Conflicted]+counts[pageedit.NotSent] > 0:
		return &exitError{code: exitFailure, msg: summary + again}
	}
	fmt.Fprintln(a.env.Stderr, summary)
	return nil
}

// confirmRows asks before changing several rows: on a terminal it asks,
// elsewhere it refuses.
func (a *app) confirmRows(changing, selected int, where string, set map[string]notionapi.PropertyValue, users []notionapi.User) error {
	var what []string
	for _, name := range sortedNames(set) {
		what = append(what, name+" → "+cellText(set[name], users))
	}
	question := fmt.Sprintf("Change %s of %s (%s of %s selected): %s?", textutil.Plural(changing, "row", "rows"), where, commas(changing), commas(selected), strings.Join(what, ", "))
	if !a.env.StdinIsTerminal() {
		return &exitError{code: exitUsage, msg: "notion-tui: " + question + "\nThis would change more than one row; nothing was sent. Add --yes to confirm, or --dry-run to list the rows."}
	}
	fmt.Fprintf(a.env.Stderr, "%s [y/N] ", question)
	line, _ := bufio.NewReader(a.env.Stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	return &exitError{code: exitFailure, msg: "notion-tui: not confirmed; nothing was sent."}
}

func sortedNames(m map[string]notionapi.PropertyValue) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// resultColumns are the columns of a run's results.
var resultColumns = []column{{"ID", colID}, {"Title", colText}, {"Result", colText}, {"Detail", colText}}

// resultJSON is one result for --json.
type resultJSON struct {
	ID      string                `json:"id"`
	Title   string                `json:"title"`
	URL     string                `json:"url,omitempty"`
	Result  string                `json:"result"`
	Changes map[string]changeJSON `json:"changes,omitempty"`
	Error   string                `json:"error,omitempty"`
}

type changeJSON struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Now is what the page held when it was not sent because someone else
	// had changed it.
	Now string `json:"now,omitempty"`
}

// wouldUpdate is the status of a row a dry run would change.
const wouldUpdate pageedit.Status = -1

// resultWord names a status for scripts.
func resultWord(s pageedit.Status) string {
	switch s {
	case wouldUpdate:
		return "would_update"
	case pageedit.Updated:
		return "updated"
	case pageedit.Unchanged:
		return "unchanged"
	case pageedit.Conflicted:
		return "conflict"
	case pageedit.LeftSelection:
		return "left_selection"
	case pageedit.Failed:
		return "failed"
	case pageedit.Unconfirmed:
		return "unconfirmed"
	}
	return "not_sent"
}

// writeResult prints one result: a row of the table, or a JSON object.
func writeResult(w recordWriter, r pageedit.Result, users []notionapi.User) error {
	e := r.Edit
	title, url := e.Title, e.URL
	if r.Page != nil {
		title, url = orText(r.Page.Title(), title), orText(r.Page.URL, url)
	}
	j := resultJSON{ID: e.PageID, Title: title, URL: url, Result: resultWord(r.Status)}
	var detail []string
	if e.Trash != nil {
		j.Result = map[bool]string{true: "trashed", false: "restored"}[*e.Trash]
		if !r.Status.Done() {
			j.Result = resultWord(r.Status)
		}
	}
	if len(e.Set) > 0 && (r.Status == pageedit.Updated || r.Status == wouldUpdate || r.Status == pageedit.Conflicted) {
		j.Changes = map[string]changeJSON{}
		for _, name := range e.Names() {
			after := e.Set[name]
			if r.Page != nil && r.Status == pageedit.Updated {
				if v, ok := r.Page.Properties[name]; ok {
					after = v
				}
			}
			if e.Read && notionapi.SameValue(e.Before[name], after) {
				continue
			}
			j.Changes[name] = changeJSON{From: plainCell(e.Before[name], users), To: plainCell(after, users)}
			detail = append(detail, fmt.Sprintf("%s: %s → %s", name, cellText(e.Before[name], users), cellText(after, users)))
		}
	}
	switch {
	case r.Status == pageedit.Conflicted:
		detail = detail[:0]
		for _, cf := range r.Conflicts {
			ch := j.Changes[cf.Property]
			ch.Now = plainCell(cf.Now, users)
			j.Changes[cf.Property] = ch
			detail = append(detail, fmt.Sprintf("%s is now %s (was %s); not set to %s", cf.Property,
				cellText(cf.Now, users), cellText(cf.Before, users), cellText(cf.Mine, users)))
		}
	case r.Status == pageedit.LeftSelection:
		detail = []string{"edited since it was selected and no longer matches the filter"}
	case r.Err != nil:
		msg := r.Err.Error()
		var apiErr *notionapi.APIError
		var u *notionapi.UnconfirmedUpdateError
		switch {
		case errors.As(r.Err, &u):
			msg = unconfirmedText(title, u)
		case errors.Is(r.Err, context.Canceled) && r.Status == pageedit.Unconfirmed:
			msg = "interrupted while it was under way: it may have been saved"
		case errors.Is(r.Err, context.Canceled):
			msg = "interrupted before it was sent"
		case errors.As(r.Err, &apiErr) && apiErr.Code != "":
			msg = fmt.Sprintf("%s (%d %s)", apiErr.Message, apiErr.Status, apiErr.Code)
		}
		j.Error = strings.TrimPrefix(msg, "notion-tui: ")
		detail = []string{j.Error}
	case r.Lost != nil:
		detail = append(detail, "(Notion's answer was lost ("+notionapi.FailureText(r.Lost)+"); the page read back holds the change)")
	}
	return w.Row([]string{e.PageID, title, strings.ReplaceAll(j.Result, "_", " "), strings.Join(detail, "; ")}, mustJSON(j))
}

// progress writes "updating: 37 of 200 rows" on stderr, in place, when
// stderr is a terminal.
type progressLine struct {
	a          *app
	verb, noun string
	shown      bool
	last       time.Time
}

func (a *app) progress(verb, noun string) *progressLine {
	return &progressLine{a: a, verb: verb, noun: noun}
}

func (p *progressLine) update(done, total int) {
	if !p.a.env.StderrIsTerminal() || total < 2 {
		return
	}
	if now := time.Now(); done < total && now.Sub(p.last) < 100*time.Millisecond {
		return
	} else {
		p.last = now
	}
	p.shown = true
	fmt.Fprintf(p.a.env.Stderr, "\r\x1b[K%s: %s of %s %s", p.verb, commas(done), commas(total), p.noun)
}

func (p *progressLine) done() {
	if p.shown {
		fmt.Fprint(p.a.env.Stderr, "\r\x1b[K")
	}
}

// trashCommand and restoreCommand move pages to and from the trash.
func (a *app) trashCommand() *cobra.Command   { return a.trashOrRestore(true) }
func (a *app) restoreCommand() *cobra.Command { return a.trashOrRestore(false) }

func (a *app) trashOrRestore(trash bool) *cobra.Command {
	use, short, long := "trash <page>...", "Move pages to the trash",
		"Move pages, given by ID or link, to Notion's trash, from where `notion-tui restore` (or Notion) takes them back. "+
			"Trashing a page already in the trash succeeds."
	example := "notion-tui --demo trash " + demoPage
	if !trash {
		use, short, long = "restore <page>...", "Take pages out of the trash",
			"Take pages, given by ID or link, out of Notion's trash, back where they were. Restoring a page that is not in the trash succeeds."
		example = "notion-tui --demo trash " + demoPage + "\nnotion-tui --demo restore " + demoPage
	}
	long += "\n\nEach page's result is printed; after a lost answer the page is read back, never sent again. " +
		"Exit status 1 when any page failed."
	o := struct{ out *outputFlags }{}
	cmd := &cobra.Command{
		Use: use, Short: short, Long: long, Example: "\n" + example,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &usageError{msg: "needs one or more page IDs or links", cmd: cmd}
			}
			return nil
		},
	}
	o.out = addOutputFlags(cmd, formatText, formatJSON)
	// Search finds no page in the trash: restore completes nothing.
	cmd.ValidArgsFunction = cobra.NoFileCompletions
	if trash {
		cmd.ValidArgsFunction = a.completeWorkspace(notionapi.ObjectPage, true)
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		format, err := o.out.get(cmd)
		if err != nil {
			return err
		}
		return a.runTrash(cmd.Context(), args, trash, format)
	}
	return cmd
}

func (a *app) runTrash(ctx context.Context, args []string, trash bool, format string) error {
	var edits []pageedit.Edit
	seen := map[string]bool{}
	for _, arg := range args {
		id, err := notionapi.ParseID(arg)
		if err != nil {
			return usagef("%v", err)
		}
		if !seen[id] {
			seen[id] = true
			edits = append(edits, pageedit.Edit{PageID: id, Trash: &trash})
		}
	}
	s, err := a.newSession()
	if err != nil {
		return err
	}
	defer s.Close()
	w := a.newRecordWriter(format, resultColumns)
	verb := map[bool]string{true: "trashing", false: "restoring"}[trash]
	progress := a.progress(verb, "pages")
	var writeErr error
	counts, runErr := pageedit.Run(ctx, s.Client, edits, pageedit.Options{
		OnProgress: progress.update,
		OnResult: func(r pageedit.Result) {
			if writeErr == nil {
				writeErr = writeResult(w, r, nil)
			}
		},
	})
	progress.done()
	if err := closeAfter(w, writeErr); err != nil {
		return err
	}
	terms := runTerms{total: len(edits), plural: "pages", singular: "page", done: "trashed", again: "trashing a page already in the trash changes nothing"}
	if !trash {
		terms.done, terms.again = "restored", "restoring a page that is not in the trash changes nothing"
	}
	return a.runSummary(ctx, counts, runErr, terms)
}

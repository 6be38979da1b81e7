package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/internal/viewprefs"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/filter"
)

func (a *app) viewsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "views <database>",
		Short: "List a database's views",
		Long: "List the views of a database (or of one of its data sources), given by ID or by any Notion link to it: " +
			"name, type, filter, sorts, the columns shown, ID and link; then the views saved in the app (type saved), which are the only ones " +
			"under Notion-Versions before 2025-09-03.\n\n" +
			"The filter is written in the language of `query --filter` where it can be, else as JSON; sorts as --sort " +
			"takes them. Read a view's rows with `notion-tui query <view link>` or `query <database> --view NAME`. " +
			"--format json prints the view objects as the API returns them (a saved view as {\"object\":\"saved_view\", …}). " +
			"Notion's views need Notion-Version 2025-09-03 or later.",
		Example: `
notion-tui --demo views ` + demoTasks + `
notion-tui --demo views ` + demoTasks + ` --format json \
  | jq -r '.[].name'`,
		Args:              exactArgs(1, "one database ID or link"),
		ValidArgsFunction: a.completeWorkspace(notionapi.ObjectDataSource, false),
	}
	out := addOutputFlags(cmd, dataFormats...)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		format, err := out.get(cmd)
		if err != nil {
			return err
		}
		link, err := notionapi.ParseLink(args[0])
		if err != nil {
			return usagef("%v", err)
		}
		s, err := a.newSession()
		if err != nil {
			return err
		}
		defer s.Close()
		ctx := cmd.Context()
		var views []notionapi.View
		if notionapi.UsesDataSources(s.Version) {
			if views, err = viewsOf(ctx, s.Client, link.ID); err != nil {
				return err
			}
		}
		cols := []column{{name: "Name"}, {name: "Type"}, {name: "Filter"}, {name: "Sorts"}, {name: "Columns"}, {name: "ID", kind: colID}, {name: "Link", kind: colFixed}}
		w := a.newRecordWriter(format, cols)
		schemas := map[string]*notionapi.DataSource{}
		var order []string // data sources in the order met
		for i := range views {
			v := &views[i]
			var ds *notionapi.DataSource
			if v.HasRows() {
				if ds = schemas[v.DataSourceID]; ds == nil {
					if ds, err = s.Client.GetDataSource(ctx, v.DataSourceID); err != nil {
						return closeAfter(w, err)
					}
					schemas[v.DataSourceID] = ds
					order = append(order, v.DataSourceID)
				}
			}
			if err := w.Row(viewCells(v, ds), v.Raw); err != nil {
				return closeAfter(w, err)
			}
		}
		// The user's own saved views, after Notion's.
		if len(order) == 0 {
			ds, err := s.Client.ResolveLink(ctx, link)
			if err != nil {
				return closeAfter(w, err)
			}
			schemas[ds.ID], order = ds, []string{ds.ID}
		}
		n := len(views)
		done := map[string]bool{}
		for _, id := range order {
			key := viewprefs.Key(schemas[id])
			if done[key] {
				continue
			}
			done[key] = true
			prefs, err := viewprefs.Load(a.configDir(), key)
			if err != nil {
				return closeAfter(w, err)
			}
			for _, sv := range prefs.Views {
				ds := schemas[id]
				if other := schemas[sv.DataSourceID]; other != nil {
					ds = other
				}
				raw, _ := json.Marshal(struct {
					Object string `json:"object"`
					viewprefs.SavedView
				}{"saved_view", sv})
				if err := w.Row(savedViewCells(sv, ds), raw); err != nil {
					return closeAfter(w, err)
				}
				n++
			}
		}
		if err := closeAfter(w, nil); err != nil {
			return err
		}
		if n == 0 && !notionapi.UsesDataSources(s.Version) {
			fmt.Fprintf(a.env.Stderr, "notion-tui: no saved views: Notion-Version %s has no views API (use --notion-version %s for Notion's views); save your own in the app.\n",
				s.Version, notionapi.Version20250903)
		}
		return nil
	}
	return cmd
}

// savedViewCells describes a saved view like a Notion view, of type
// "saved" ("saved board" for a board).
func savedViewCells(sv viewprefs.SavedView, ds *notionapi.DataSource) []string {
	typ := "saved"
	if sv.Board() {
		typ = "saved board"
	}
	filterText := sv.Filter
	if len(sv.FilterJSON) > 0 {
		filterText = compactJSON(sv.FilterJSON)
	}
	columns := "every"
	if len(sv.Columns) > 0 {
		shown, _, _ := viewprefs.Resolve(sv.Columns, ds.Properties)
		columns = fmt.Sprintf("%d of %d", len(shown), len(ds.Properties))
	}
	return []string{sv.Name, typ, filterText, sortsText(sv.Sorts), columns, "", ""}
}

// needViews refuses, before any request, a session whose Notion-Version
// has no views.
func needViews(s *Session) error {
	if notionapi.UsesDataSources(s.Version) {
		return nil
	}
	return fmt.Errorf("views need Notion-Version %s or later; this command sends %s (%s). Use --notion-version %s",
		notionapi.Version20250903, s.Version, s.VersionSource, notionapi.Version20250903)
}

// viewsOf reads every view of a database, or of a data source when id
// names one.
func viewsOf(ctx context.Context, c *notionapi.Client, id string) ([]notionapi.View, error) {
	views, err := c.GetViews(ctx, notionapi.ListViewsParams{DatabaseID: id})
	if st := notionapi.StatusOf(err); err != nil && (st == http.StatusNotFound || st == http.StatusBadRequest) {
		// Perhaps a data source ID: Notion answers 404 for the wrong kind.
		if dsViews, dsErr := c.GetViews(ctx, notionapi.ListViewsParams{DataSourceID: id}); dsErr == nil {
			return dsViews, nil
		}
	}
	return views, err
}

// viewCells describes a view: name, type, filter, sorts, columns, ID and
// link.
func viewCells(v *notionapi.View, ds *notionapi.DataSource) []string {
	var filterText, columns string
	if ds != nil {
		filterText = viewFilterText(v, ds.Properties)
		l := v.Layout(ds.Properties)
		columns = fmt.Sprintf("%d of %d", len(l.Columns), len(ds.Properties))
	} else if len(v.Filter) > 0 {
		filterText = compactJSON(v.Filter)
	}
	return []string{v.Name, v.Type, filterText, sortsText(v.Sorts), columns, v.ID, v.URL}
}

// viewFilterText writes a view's filter in the filter language, or as
// compact JSON when the language cannot say it.
func viewFilterText(v *notionapi.View, schema notionapi.Schema) string {
	if len(v.Filter) == 0 {
		return ""
	}
	if expr, ok := filter.Format(v.Filter, schema, filter.Options{}); ok {
		return expr
	}
	return compactJSON(v.Filter)
}

func compactJSON(raw []byte) string {
	var b strings.Builder
	if err := compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}

// sortsText writes sorts as --sort takes them: Name, Name:desc.
func sortsText(sorts []notionapi.Sort) string {
	parts := make([]string, 0, len(sorts))
	for _, s := range sorts {
		name := s.Property
		if name == "" {
			name = s.Timestamp
		}
		if s.Direction == notionapi.Descending {
			name += ":desc"
		}
		parts = append(parts, name)
	}
	return strings.Join(parts, ", ")
}

// findView picks the view of a database that --view names: by ID, then
// by name, exactly or (when only one matches) without regard to case.
func findView(ctx context.Context, c *notionapi.Client, dbID, want string) (*notionapi.View, error) {
	if id, err := notionapi.ParseID(want); err == nil {
		v, err := c.GetView(ctx, id)
		if err == nil {
			return v, nil
		}
		if notionapi.StatusOf(err) != http.StatusNotFound {
			return nil, err
		}
	}
	views, err := viewsOf(ctx, c, dbID)
	if err != nil {
		return nil, err
	}
	var names []string
	var folded []*notionapi.View
	for i := range views {
		if views[i].Name == want {
			return &views[i], nil
		}
		if strings.EqualFold(views[i].Name, want) {
			folded = append(folded, &views[i])
		}
		names = append(names, views[i].Name)
	}
	if len(folded) == 1 {
		return folded[0], nil
	}
	if len(views) == 0 {
		return nil, usagef("--view %q: the database has no views", want)
	}
	return nil, usagef("--view %q: no such view%s; the views are %s (notion-tui views %s lists them)",
		want, textutil.DidYouMean(want, names), textutil.QuoteList(names, 12), notionapi.CompactID(dbID))
}

// resolveView finds the view a query reads: Notion's view of a link's
// v=, or the view --view names among Notion's views of the database and
// then the user's saved views (the only ones under Notion-Versions before
// 2025-09-03). A saved view comes back as a savedViewRead, with its filter
// put in o.
func (a *app) resolveView(ctx context.Context, s *Session, link notionapi.NotionLink, o *queryOpts) (*notionapi.View, *savedViewRead, error) {
	c := s.Client
	if o.view == "" {
		if err := needViews(s); err != nil {
			return nil, nil, err
		}
		v, err := c.GetView(ctx, link.ViewID)
		return v, nil, err
	}
	var notionErr error
	if notionapi.UsesDataSources(s.Version) {
		v, err := findView(ctx, c, link.ID, o.view)
		if err == nil {
			if link.ViewID == "" && v.DatabaseID() != "" && v.DatabaseID() != link.ID && v.DataSourceID != link.ID {
				return nil, nil, usagef("--view %q belongs to another database (%s)", o.view, v.DatabaseID())
			}
			return v, nil, nil
		}
		var ue *usageError
		if !errors.As(err, &ue) {
			return nil, nil, err
		}
		notionErr = err
	}
	ds, err := c.ResolveLink(ctx, link)
	if err != nil {
		return nil, nil, err
	}
	prefs, err := viewprefs.Load(a.configDir(), viewprefs.Key(ds))
	if err != nil {
		return nil, nil, err
	}
	sv, ok := prefs.View(o.view)
	if !ok {
		if notionErr != nil {
			return nil, nil, notionErr
		}
		var names []string
		for _, v := range prefs.Views {
			names = append(names, v.Name)
		}
		if len(names) == 0 {
			return nil, nil, usagef("--view %q: Notion-Version %s has no views, and no saved view of this database exists (save one in the app)", o.view, s.Version)
		}
		return nil, nil, usagef("--view %q: no saved view of that name%s; the saved views are %s", o.view, textutil.DidYouMean(o.view, names), textutil.QuoteList(names, 12))
	}
	o.filterExpr, o.filter = sv.Filter, nil
	if len(sv.FilterJSON) > 0 {
		o.filter = sv.FilterJSON
	}
	if sv.Board() {
		fmt.Fprintf(a.env.Stderr, "notion-tui: the saved view %q is a board; its rows are printed as a table.\n", sv.Name)
	}
	return nil, &savedViewRead{view: sv, ds: ds}, nil
}

// configDir is the folder of the app's own files: saved views, drafts.
func (a *app) configDir() string {
	if a.env.ConfigDir != "" {
		return a.env.ConfigDir
	}
	if st, err := openStore(a.env); err == nil {
		return st.Dir()
	}
	return ""
}

// savedViewRead is a saved view being read.
type savedViewRead struct {
	view viewprefs.SavedView
	ds   *notionapi.DataSource
}

// sorts checks the saved sorts against the schema, which may have changed
// since they were saved.
func (r *savedViewRead) sorts() ([]notionapi.Sort, error) {
	var out []notionapi.Sort
	for _, so := range r.view.Sorts {
		if so.Property != "" {
			p, ok := r.ds.Properties.Get(so.Property)
			if !ok {
				return nil, fmt.Errorf("the saved view %q sorts by %q, which the data source no longer has; save it again in the app", r.view.Name, so.Property)
			}
			so.Property = p.Name
		}
		out = append(out, so)
	}
	return out, nil
}

// columns are the saved view's columns and the property IDs to ask for
// (nil for every property).
func (r *savedViewRead) columns() (notionapi.Schema, []string) {
	if len(r.view.Columns) == 0 {
		return r.ds.Properties.Ordered(), nil
	}
	shown, _, _ := viewprefs.Resolve(r.view.Columns, r.ds.Properties)
	var ids []string
	for _, p := range shown {
		ids = append(ids, p.ID)
	}
	for _, so := range r.view.Sorts {
		if p, ok := r.ds.Properties.Get(so.Property); ok && !slices.Contains(ids, p.ID) {
			ids = append(ids, p.ID)
		}
	}
	if len(ids) >= len(r.ds.Properties) {
		ids = nil
	}
	return shown, ids
}

// runViewQuery prints the rows of a view: its filter, its sorts, its
// visible columns in its order. See notionapi.PlanView for the path the
// read takes.
func (a *app) runViewQuery(ctx context.Context, s *Session, v *notionapi.View, o *queryOpts) error {
	c := s.Client
	var err error
	if !v.HasRows() {
		return fmt.Errorf("view %q is a %s, which holds other views rather than rows", v.Name, v.Type)
	}
	plan, err := c.PlanView(ctx, v, nil, notionapi.ViewPlanOptions{Limit: o.limit})
	if err != nil {
		return err
	}
	if s.Logger != nil {
		s.Logger.Info("view read", "view", v.ID, "name", v.Name, "path", string(plan.Path), "count", plan.Count,
			"capped", plan.Capped, "sorted_here", plan.SortsLocally(), "why", plan.Why)
	}
	if plan.SortsLocally() {
		fmt.Fprintf(a.env.Stderr, "notion-tui: view %s holds more than %s rows, more than one query returns: every row is read "+
			"in created_time windows and sorted here by its sorts (%s), with the rules the README gives.\n",
			textutil.SafeLine(fmt.Sprintf("%q", v.Name)), commas(plan.Count), textutil.SafeLine(sortsText(plan.Params.Sorts)))
	}
	for _, m := range plan.Layout.Missing {
		fmt.Fprintf(a.env.Stderr, "notion-tui: view %q shows a property %q the data source no longer has; it is left out.\n", v.Name, m)
	}
	schema := plan.Layout.Schema()
	r := &rowPrinter{ctx: ctx, w: a.newRecordWriter(o.format, schemaColumns(schema)), schema: schema, cells: o.needsColumns(), limit: o.limit}
	if r.cells && o.titles {
		r.rel = newRelations(c, schema)
	}
	p := plan.Params
	switch {
	case plan.SortsLocally():
		err = a.readSorted(ctx, c, plan.DataSource, p, r)
	case plan.Windowed():
		err = a.readWindows(ctx, c, plan.DataSource.ID, p, r)
	default:
		if o.limit > 0 && o.limit < notionapi.MaxPageSize {
			p.PageSize = o.limit
		}
		err = a.readPages(ctx, c, plan.DataSource.ID, p, r)
	}
	return a.finishRead(r, err)
}

// errViewFlags refuses the flags a view read cannot honour.
var errViewFlags = errors.New("a view brings its own filter and sorts: --filter, --filter-json and --sort cannot be combined with a view (query the database without the view to choose them)")

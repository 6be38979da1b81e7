package dbview

import (
	"encoding/json"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/internal/board"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/filter"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// query is what a database view asks for: a filter written in the
// expression language or as raw JSON, and sorts.
type query struct {
	Expr  string           `json:"expr,omitempty"`
	Raw   string           `json:"raw,omitempty"`
	Sorts []notionapi.Sort `json:"sorts,omitempty"`
	// filter is the compiled (or raw) filter sent to Notion.
	filter json.RawMessage
	// fields are the properties the rows are read with (filter_properties,
	// by ID): the columns shown, so that hidden ones are not downloaded;
	// nil reads every property.
	fields []string
	// view is the Notion view the query is, unchanged: its rows are
	// counted first, so that a view larger than one sorted query returns
	// is read whole (see rowReader.readView).
	view *notionapi.View
	// group is the board's grouping: rows are read with their columns.
	group *board.Grouper
	// whole reads every row of a sorted query: past the 10,000 cap, the
	// rows are read again in windows and sorted here (a view's rows).
	whole bool
}

// empty reports whether the query has neither filter nor sorts.
func (q query) empty() bool { return q.Expr == "" && q.Raw == "" && len(q.Sorts) == 0 }

// rowParams are params for the rows shown: only the properties of the
// columns.
func (q query) rowParams() notionapi.QueryParams {
	p := q.params()
	p.FilterProperties = q.fields
	return p
}

// params returns the query parameters for a first page, every property.
func (q query) params() notionapi.QueryParams {
	p := notionapi.QueryParams{Sorts: q.Sorts, PageSize: notionapi.MaxPageSize}
	if len(q.filter) > 0 {
		p.Filter = q.filter
	}
	return p
}

func (v *dbView) openFilter(expr string) tea.Cmd {
	var recall []string
	if v.hist != nil {
		for _, e := range v.hist.entries(v.ds.ID) {
			if e.Expr != "" {
				recall = append(recall, e.Expr)
			}
		}
	}
	v.line = newFilterLine(v.c.Styles, v.ds.Properties.Ordered(), v.filterOptions(), expr, recall)
	v.line.setWidth(v.w)
	v.setMode(modeFilter)
	return v.line.focus()
}

func (v *dbView) filterOptions() filter.Options {
	return filter.Options{Now: v.c.Now, Users: v.users, TitleWords: true, FindPage: v.findRelated}
}

// rawStart is the raw editor's first text: the raw filter, or the
// compiled expression to start from.
func (v *dbView) rawStart() string {
	if v.q.Raw != "" {
		return v.q.Raw
	}
	if len(v.q.filter) > 0 {
		return widgets.PrettyJSON(v.q.filter)
	}
	return ""
}

func (v *dbView) openHistory() tea.Cmd {
	if v.hist == nil || len(v.hist.entries(v.ds.ID)) == 0 {
		return ui.Flash("No earlier queries of " + v.Title() + " yet")
	}
	var items, notes []string
	for _, e := range v.hist.entries(v.ds.ID) {
		items = append(items, describeQuery(e.query))
		notes = append(notes, e.At.Local().Format("Jan 2 15:04"))
	}
	v.pick = widgets.NewPickList(v.c.Styles, items, notes, max(3, v.h-10))
	v.setMode(modeHistory)
	return v.pick.Focus()
}

// describeQuery is a one-line summary of a query.
func describeQuery(q query) string {
	var parts []string
	switch {
	case q.Expr != "":
		parts = append(parts, q.Expr)
	case q.Raw != "":
		parts = append(parts, "JSON "+compactJSON(q.Raw))
	}
	if len(q.Sorts) > 0 {
		parts = append(parts, "sort "+sortsText(q.Sorts))
	}
	if len(parts) == 0 {
		return "all rows"
	}
	return strings.Join(parts, " · ")
}

func compactJSON(s string) string {
	var b strings.Builder
	for _, f := range strings.Fields(s) {
		b.WriteString(f)
	}
	return b.String()
}

// recall runs a query from the history, compiled against today's schema;
// an expression that no longer compiles opens in the filter line.
func (v *dbView) recall(q query) tea.Cmd {
	switch {
	case q.Expr != "":
		out, err := filter.Compile(q.Expr, v.ds.Properties, v.filterOptions())
		if err != nil {
			return v.openFilter(q.Expr)
		}
		q.filter = out
	case q.Raw != "":
		q.filter = json.RawMessage(q.Raw)
	}
	return v.apply(q)
}

// apply runs q and records it in the history. A view's query changed here
// is no longer the view's.
func (v *dbView) apply(q query) tea.Cmd {
	v.markChanged(&q)
	q.fields = v.fieldsFor(v.cols, q.Sorts, q.group)
	run := v.run(q)
	return tea.Batch(run, v.ranQuery(q))
}

// finish ends an editor (filter line, sorts, raw JSON): a cancel returns
// to the table, an apply runs the current query changed by edit.
func (v *dbView) finish(act lineAction, edit func(*query)) tea.Cmd {
	if act == lineCancel || act == lineApply {
		v.setMode(modeTable)
	}
	if act != lineApply {
		return nil
	}
	q := v.q
	edit(&q)
	return v.apply(q)
}

// The editors' changes to the query.

func (v *dbView) filterEdit(q *query) {
	q.Expr, q.Raw, q.filter = v.line.value(), "", v.line.compiled
}

func (v *dbView) sortsEdit(q *query) { q.Sorts = v.sorts.sorts }

func (v *dbView) rawEdit(q *query) {
	q.Expr, q.Raw, q.filter = "", v.raw.value(), nil
	if q.Raw != "" {
		q.filter = json.RawMessage(q.Raw)
	}
}

func (v *dbView) panelInput(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, v.keys.Back), key.Matches(k, v.keys.Schema) && v.mode == modeSchema,
		key.Matches(k, v.keys.JSON) && v.mode == modeJSON:
		v.setMode(modeTable)
	case key.Matches(k, v.keys.PanelUp):
		v.panel.Scroll(-1)
	case key.Matches(k, v.keys.PanelDown):
		v.panel.Scroll(1)
	case key.Matches(k, v.keys.PanelCopy) && v.mode == modeJSON:
		return ui.CopyText(string(v.requestBody()), "the query body JSON")
	}
	return nil
}

// requestBody is the JSON body the query sends for its first page.
func (v *dbView) requestBody() []byte {
	body := struct {
		Filter   json.RawMessage  `json:"filter,omitempty"`
		Sorts    []notionapi.Sort `json:"sorts,omitempty"`
		PageSize int              `json:"page_size"`
	}{v.q.filter, v.q.Sorts, notionapi.MaxPageSize}
	b, _ := json.MarshalIndent(body, "", "  ")
	return b
}

func (v *dbView) requestLines() []string {
	path := "/v1/data_sources/" + v.ds.ID + "/query"
	if !notionapi.UsesDataSources(v.c.Client().Version()) {
		path = "/v1/databases/" + v.ds.ID + "/query"
	}
	lines := []string{v.c.Styles.Bold.Render("POST " + path)}
	lines = append(lines, strings.Split(string(v.requestBody()), "\n")...)
	if v.q.Expr != "" {
		lines = append(lines, "", v.c.Styles.Muted.Render("compiled from: "+v.q.Expr))
	}
	if len(v.q.Sorts) == 0 {
		lines = append(lines, v.c.Styles.Muted.Render("Without sorts, every row is read in created_time windows (past the 10,000-row cap)."))
	}
	return lines
}

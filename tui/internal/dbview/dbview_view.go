package dbview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// layoutColumns sizes the columns (see fitColumns) within a cap by type;
// the title column takes at most 40% of the width and the others a
// quarter, so that narrow terminals still show a few columns.
func (v *dbView) layoutColumns() {
	if v.w == 0 {
		return
	}
	cols := make([]widgets.Column, len(v.cols))
	for i, p := range v.cols {
		cols[i] = widgets.Column{
			Title: p.Name + sortMark(v.q.Sorts, p.Name), Right: widgets.RightAligned(p), Check: p.Type == notionapi.PropCheckbox,
			Color: optionColoring(v.c.Styles, p), Multi: p.Type == notionapi.PropMultiSelect, Whole: wholeValues(p.Type),
		}
	}
	caps := make([]int, len(v.cols))
	for i, p := range v.cols {
		caps[i] = min(widthCap(p.Type), max(10, v.w/4))
		if i == 0 {
			caps[i] = min(widthCap(p.Type), max(12, v.w*2/5))
		}
		if i < len(v.caps) && v.caps[i] > 0 {
			caps[i] = min(caps[i], v.caps[i])
		}
	}
	widgets.FitColumns(v.rows, cols, caps, 200, v.w)
	for i := range cols {
		if i < len(v.widths) && v.widths[i] > 0 {
			cols[i].Width = v.widths[i]
		}
	}
	v.table.SetColumns(cols)
	v.table.SetSize(v.w, v.tableHeight())
}

// wholeValues reports whether a type's values mean nothing in part: such
// a column is not drawn cut at the table's edge.
func wholeValues(t notionapi.PropertyType) bool {
	switch t {
	case notionapi.PropDate, notionapi.PropCreatedTime, notionapi.PropLastEditedTime, notionapi.PropNumber, notionapi.PropUniqueID:
		return true
	}
	return false
}

// widthCap is the widest a column of a type grows.
func widthCap(t notionapi.PropertyType) int {
	switch t {
	case notionapi.PropTitle:
		return 40
	case notionapi.PropRichText:
		return 36
	case notionapi.PropNumber, notionapi.PropUniqueID:
		return 14
	case notionapi.PropCheckbox:
		return 12
	case notionapi.PropSelect, notionapi.PropStatus:
		return 18
	case notionapi.PropMultiSelect:
		return 28
	case notionapi.PropDate:
		return 23
	case notionapi.PropCreatedTime, notionapi.PropLastEditedTime:
		return 16
	case notionapi.PropURL, notionapi.PropEmail:
		return 30
	}
	return 24
}

// optionColoring returns the colouring of a select, status or multi-select
// property's options: the SGR sequence of each option's colour (nil
// without options or colour).
func optionColoring(st *styles.Styles, p notionapi.PropertySchema) func(string) string {
	opts := p.Options()
	if len(opts) == 0 || st.NoColor {
		return nil
	}
	m := make(map[string]string, len(opts))
	for _, o := range opts {
		m[o.Name] = widgets.SGR(st.OptionStyle(o.Color))
	}
	return func(name string) string { return m[name] }
}

func (v *dbView) Title() string {
	if t := v.ds.Title.Plain(); t != "" {
		return t
	}
	return "Untitled"
}

func (v *dbView) KeyMap() help.KeyMap {
	k := v.keys
	if km := v.editKeyMap(); km != nil {
		return km
	}
	switch v.mode {
	case modeFilter:
		return ui.KeyMapOf(v.line.bindings())
	case modeSorts:
		return ui.KeyMapOf(v.sorts.bindings())
	case modeRaw:
		return ui.KeyMapOf(v.raw.bindings())
	case modeHistory:
		return ui.KeyMapOf(v.pick.Bindings())
	case modeSchema, modeJSON:
		// The scroll keys only when the panel leaves lines out.
		var ks []key.Binding
		if v.panel.Scrollable() {
			ks = append(ks, k.PanelUp, k.PanelDown)
		}
		if v.mode == modeJSON {
			ks = append(ks, k.PanelCopy)
		}
		return ui.KeyMapOf(append(ks, k.Back))
	case modeViews:
		return ui.KeyMapOf(v.picker.bindings())
	case modeColumns:
		ck := v.chooser.keys
		return ui.KeyMapOf(v.chooser.bindings(), []key.Binding{ck.Up, ck.Down, ck.Top, ck.Bottom, ck.Toggle, ck.MoveUp, ck.MoveDown},
			[]key.Binding{ck.Narrow, ck.Widen, ck.Fit, ck.Wrap, ck.Reset, ck.Apply, ck.Cancel})
	case modeFind, modeFollow, modeCopy:
		return v.browseKeyMap()
	}
	bk := v.bk
	back := v.backKey()
	if b := v.brd; b != nil {
		bk := b.keys
		return ui.KeyMapOf(
			[]key.Binding{bk.Open, bk.New, bk.Table, k.Views, k.Filter, back},
			[]key.Binding{bk.Left, bk.Right, bk.Up, bk.Down, bk.Top, bk.Bottom, bk.PageUp, bk.PageDown},
			// Cells are edited and rows marked in the table: the board
			// moves, trashes and undoes.
			[]key.Binding{bk.Open, bk.New, bk.Copy, bk.MoveLeft, bk.MoveRight, bk.Trash, bk.Undo, bk.Empty, bk.Group, bk.Table, k.Back},
			[]key.Binding{v.bk.Follow, v.bk.Web, v.bk.CopyURL, v.bk.Yank},
			[]key.Binding{k.Views, k.Columns, k.Filter, k.Sort, k.Raw, k.History, k.Refresh, k.Export},
		)
	}
	tk := v.table.Keys
	ek := v.ed.keys
	short := []key.Binding{k.Open, ek.Edit, k.Filter, k.Sort, k.Views, bk.Follow, bk.Yank, k.New, back}
	if len(v.find.matches) > 0 {
		short = []key.Binding{bk.Next, bk.Prev, k.Open, k.Filter, back}
	}
	return ui.KeyMapOf(short,
		[]key.Binding{k.Open, k.Copy, k.New, k.Export, k.Refresh, k.Back},
		v.editBindings(),
		[]key.Binding{bk.Follow, bk.Web, bk.CopyURL, bk.Yank},
		[]key.Binding{k.Filter, bk.Find, bk.Next, bk.Prev, k.Sort, k.Raw, k.History, k.JSON, k.Schema},
		[]key.Binding{k.Views, k.Columns, k.Board},
		append(tk.MoveKeys(), tk.ScrollKeys()...),
	)
}

// View draws the title line, the query line, the table and the footer.
func (v *dbView) View() string {
	st := v.c.Styles
	v.table.SetStyles(st)
	var b strings.Builder
	b.WriteString(v.titleLine())
	b.WriteByte('\n')
	switch v.mode {
	case modeFilter:
		b.WriteString(v.line.view(v.w))
	case modeFind:
		v.find.input.SetWidth(max(10, v.w-10))
		b.WriteString(v.find.input.View() + "\n" + widgets.Truncate(v.findNote(), v.w))
	default:
		b.WriteString(v.queryLine())
	}
	b.WriteByte('\n')
	body := v.bodyView()
	if p := v.editPanel(); p != "" {
		body = widgets.Overlay(body, p, v.w, v.tableHeight())
	} else if p := v.panelView(); p != "" {
		body = widgets.Overlay(body, p, v.w, v.tableHeight())
	}
	b.WriteString(body)
	b.WriteByte('\n')
	b.WriteString(v.footer())
	return b.String()
}

func (v *dbView) titleLine() string {
	st := v.c.Styles
	icon := widgets.IconText(v.ds.Icon)
	left := st.Title.Render(icon + v.Title())
	if v.active != nil {
		left += st.Muted.Render("  view ") + st.Accent.Render(v.active.name()) + st.Muted.Render(" · "+v.active.kind())
		if v.changed {
			left += st.Warning.Render(" · changed here")
		}
		return widgets.Spread(left, st.Muted.Render("v views"), v.w)
	}
	// What does not fit whole is left out, the ID first.
	right := st.Muted.Render("v views · i schema")
	props := textutil.Plural(len(v.ds.Properties), "property", "properties")
	left = widgets.Longest(v.w-widgets.TextWidth(right)-1,
		left+st.Muted.Render(fmt.Sprintf("  %s · %s", props, v.c.TableNoun()+" "+widgets.ShortID(v.ds.ID))),
		left+st.Muted.Render("  "+props), left)
	return widgets.Spread(left, right, v.w)
}

func (v *dbView) queryLine() string {
	st := v.c.Styles
	var parts []string
	switch {
	case v.q.Expr != "":
		parts = append(parts, st.Accent.Render("filter ")+v.q.Expr)
	case v.q.Raw != "":
		parts = append(parts, st.Accent.Render("filter ")+"JSON "+compactJSON(v.q.Raw))
	}
	if len(v.q.Sorts) > 0 {
		parts = append(parts, st.Accent.Render("sort ")+sortsText(v.q.Sorts))
	}
	if v.brd != nil {
		parts = append(parts, st.Accent.Render("board by ")+v.brd.group.Property().Name)
	}
	if len(parts) == 0 {
		return st.Muted.Render(widgets.JoinFit([]string{"No filter, no sort", "/ filter", "s sort", "v views", "C columns", "B board"}, " · ", v.w))
	}
	return ansi.Truncate(strings.Join(parts, st.Faint.Render("  ·  ")), v.w, "…")
}

// bodyView is the table or what stands in for it.
func (v *dbView) bodyView() string {
	st := v.c.Styles
	h := v.tableHeight()
	var msg string
	switch {
	case v.loadingSchema && len(v.cols) == 0:
		msg = v.spin.View() + " Reading the schema of " + v.Title() + "…"
	case v.pendingView != "":
		msg = v.spin.View() + " Opening the view of the link…"
	case v.reading > 0 && v.loading:
		msg = v.spin.View() + " " + widgets.FormatCount(v.reading) + " rows read, to be sorted here when all are in…"
	case len(v.rows) > 0 && v.brd != nil:
		return v.boardView()
	case len(v.rows) > 0:
		return v.table.View()
	case v.loading:
		msg = v.spin.View() + " Querying " + v.Title() + "…"
	case v.err != nil:
		msg = st.Error.Render("The query failed.") + st.Muted.Render(" r tries again; L shows the request.")
	case v.q.Expr != "" || v.q.Raw != "":
		msg = st.Muted.Render("No rows match this filter. Press / to change it.")
	default:
		msg = st.Muted.Render("No rows yet in " + v.Title() + ". Press n to create the first page.")
	}
	lines := v.table.View()
	if len(v.cols) == 0 {
		lines = ""
	}
	head, _, _ := strings.Cut(lines, "\n")
	return head + "\n\n" + msg + strings.Repeat("\n", max(0, h-3))
}

func (v *dbView) panelView() string {
	st := v.c.Styles
	w := widgets.PanelWidth(v.w)
	inner := w - 4
	h := v.tableHeight() - 2
	var content string
	switch v.mode {
	case modeSorts:
		content = v.sorts.view(inner)
	case modeRaw:
		content = v.raw.view(inner)
	case modeHistory:
		content = st.PanelTitle.Render("Earlier queries of "+v.Title()) + "\n" + v.pick.View(inner)
	case modeSchema, modeJSON:
		content = v.panel.View(st) // at the size sizeEditors gives it
	case modeViews:
		content = v.pickerView(inner, h-2)
	case modeColumns:
		content = v.chooserView(inner, h-2)
	case modeFollow:
		content = st.PanelTitle.Render("Follow "+v.followName) + "\n" + v.followPick.View(inner)
	case modeCopy:
		return v.menu.View(st)
	default:
		return ""
	}
	return st.PanelFocus.Width(w).Render(widgets.ClipLines(content, h))
}

// footer says how many rows are loaded, whether more are coming, and which
// columns are shown.
func (v *dbView) footer() string {
	st := v.c.Styles
	n := widgets.FormatCount(len(v.rows))
	var left string
	// While rows arrive the note shortens, whole words only, on a narrow
	// screen; the count always shows.
	avail := v.w - widgets.TextWidth(v.table.ColumnsHint()) - 1
	switch {
	case v.loading && v.reading > 0:
		count := v.spin.View() + " " + st.Accent.Render(widgets.FormatCount(v.reading)+" rows read"+v.ofTotal(v.reading))
		left = widgets.Longest(avail, count+st.Muted.Render(" · sorted here once all are in"), count)
	case v.loading:
		count := v.spin.View() + " " + st.Accent.Render(n+v.ofTotal(len(v.rows))+" rows loaded")
		left = widgets.Longest(avail, count+st.Muted.Render(" · more coming (keys work meanwhile)"),
			count+st.Muted.Render(" · more coming"), count)
	case v.capped:
		left = st.Warning.Render(n + " rows: the API stops a sorted query at 10,000 — remove the sort to read every row")
	case v.err != nil:
		left = st.Error.Render(n+" rows, then an error") + st.Muted.Render(" · r retries")
	case v.q.Expr == "" && v.q.Raw == "" && len(v.q.Sorts) == 0:
		left = st.Muted.Render(n + " rows · all loaded · oldest first")
	default:
		left = st.Muted.Render(n + " rows · all loaded" + pathNote(v.readPath))
	}
	if !v.loading && !v.capped && v.err == nil {
		// On a narrow screen the count alone, rather than a cut note.
		right := v.table.ColumnsHint()
		if v.brd != nil {
			right = v.boardFooter()
		}
		left = widgets.Longest(v.w-widgets.TextWidth(right)-1, left, st.Muted.Render(n+" rows"))
	}
	if v.brd != nil {
		return widgets.Spread(left, v.boardFooter(), v.w)
	}
	// Each part after the first shows whole or not at all.
	parts := []string{left}
	if i := v.table.Cursor(); i >= 0 && len(v.rows) > 0 {
		parts = append(parts, st.Faint.Render(fmt.Sprintf(" · row %s", widgets.FormatCount(i+1))))
	}
	if s := v.editStatus(); s != "" {
		parts = []string{s}
	}
	if n := len(v.find.matches); n > 0 && v.mode != modeFind {
		parts = append(parts, st.Faint.Render(fmt.Sprintf(" · match %d of %d", v.find.at+1, n)))
	}
	if note := v.accessNote(); note != "" {
		parts = append(parts, st.Warning.Render(" · "+note))
	}
	right := st.Muted.Render(v.table.ColumnsHint())
	return widgets.Spread(widgets.JoinFit(parts, "", v.w-widgets.TextWidth(right)-1), right, v.w)
}

// pathNote is how a view's rows were read, for the footer.
func pathNote(path string) string {
	switch {
	case strings.Contains(path, "sorted here"):
		return " · read in windows, sorted here"
	case strings.Contains(path, "one sorted query"):
		return " · one sorted query"
	}
	return ""
}

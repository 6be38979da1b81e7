package explorer

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// openByID asks for a Notion link or ID and opens what it names: a
// database or data source in the database view, a page in the preview.
// It reaches what search does not list (a page deep in the workspace, a
// link a colleague sent) and says plainly when it is not shared.
type openByID struct {
	c      *ui.Common
	input  textinput.Model
	spin   spinner.Model
	keys   openKeys
	req    int64
	busy   bool
	err    string // why the input is not an ID, shown under it
	cancel context.CancelFunc
	// pick offers the data sources of a database that has several, and
	// multi is what Notion said of it.
	pick  *widgets.PickList
	multi *notionapi.MultipleDataSourcesError
	w, h  int
	// auto opens the link given at once; database tries it as a database
	// first.
	auto, database bool
}

type openKeys struct{ Open, Back key.Binding }

// openedMsg is what the link named.
type openedMsg struct {
	req  int64
	ds   *notionapi.DataSource
	page *notionapi.Page
	err  error
	// viewID is a database link's view (v=), which the table opens in.
	viewID string
}

func newOpenByID(c *ui.Common) *openByID {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = "https://www.notion.so/… or a 32-character ID"
	in.CharLimit = 2000
	in.Focus()
	return &openByID{
		c:     c,
		input: in,
		spin:  spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Accent)),
		keys: openKeys{
			Open: keymap.Submit.Key("open"),
			Back: keymap.Cancel.Key("back"),
		},
	}
}

func (o *openByID) Init() tea.Cmd {
	if o.auto {
		return o.open()
	}
	return textinput.Blink
}

// Resume blinks the field's cursor again.
func (o *openByID) Resume() tea.Cmd { return textinput.Blink }

func (o *openByID) Capturing() bool { return !o.busy }

func (o *openByID) Close() {
	if o.cancel != nil {
		o.cancel()
	}
}

func (o *openByID) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case openedMsg:
		if msg.req != o.req {
			return o, nil
		}
		o.busy = false
		var multi *notionapi.MultipleDataSourcesError
		switch {
		case errors.As(msg.err, &multi) && multi.MinimumVersion == "" && len(multi.DataSources) > 0:
			return o, o.offer(multi)
		case msg.err != nil:
			input := o.input.Value()
			return o, func() tea.Msg { return ui.ErrorMsg{Err: msg.err, Input: input} }
		case msg.ds != nil:
			o.c.Replace(ui.DatabaseView{DataSource: msg.ds, ViewID: msg.viewID})
			return o, nil
		}
		o.c.Replace(ui.PagePreview{ID: msg.page.ID, Page: msg.page})
		return o, nil
	case spinner.TickMsg:
		return o, ui.SpinWhile(&o.spin, msg, o.busy)
	case tea.KeyPressMsg, tea.PasteMsg:
		if o.pick != nil {
			return o, o.picked(msg)
		}
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, o.keys.Back):
			o.Close()
			o.c.Back()
			return o, nil
		case o.busy:
			return o, nil
		case key.Matches(msg, o.keys.Open):
			return o, o.open()
		}
	}
	if o.busy {
		return o, nil
	}
	var cmd tea.Cmd
	before := o.input.Value()
	o.input, cmd = o.input.Update(msg)
	if o.input.Value() != before {
		o.err = ""
	}
	return o, cmd
}

// open checks the input and asks Notion what it names.
func (o *openByID) open() tea.Cmd {
	raw := strings.TrimSpace(o.input.Value())
	id, err := notionapi.ParseID(raw)
	if err != nil {
		var ie *notionapi.IDError
		if errors.As(err, &ie) {
			o.err = "Not a Notion link or ID: " + ie.Reason + "."
		} else {
			o.err = err.Error()
		}
		return nil
	}
	client := o.c.Client()
	if client == nil {
		o.err = "No session: set up a token first."
		return nil
	}
	o.Close()
	ctx, cancel := context.WithCancel(o.c.Ctx)
	o.cancel, o.busy, o.req = cancel, true, o.c.NextID()
	link, _ := notionapi.ParseLink(raw)
	req, databaseLink := o.req, o.database || link.ViewID != ""
	return tea.Batch(o.spin.Tick, func() tea.Msg {
		m := resolveLink(ctx, client, req, notionapi.NotionLink{ID: id, URL: link.URL, ViewID: link.ViewID}, databaseLink)
		if m.ds != nil {
			m.viewID = link.ViewID
		}
		return m
	})
}

// resolveLink finds what an ID names. A database link (it carries ?v=, a
// view) is asked as a database or data source first, anything else as a
// page first, so that the usual case costs one request. When neither is
// visible, the error is the one of the kind tried first, so that the
// guided fix names the right kind of object to share. (A link's ID is
// asked as a database before a data source, a bare ID the other way.)
func resolveLink(ctx context.Context, c *notionapi.Client, req int64, link notionapi.NotionLink, databaseLink bool) openedMsg {
	id := link.ID
	asTable := func() openedMsg {
		ds, err := c.ResolveLink(ctx, link)
		return openedMsg{req: req, ds: ds, err: err}
	}
	asPage := func() openedMsg {
		page, err := c.GetPage(ctx, id)
		return openedMsg{req: req, page: page, err: err}
	}
	first, second := asPage, asTable
	if databaseLink {
		first, second = asTable, asPage
	}
	m := first()
	var multi *notionapi.MultipleDataSourcesError
	if m.err == nil || errors.As(m.err, &multi) || !notFound(m.err) {
		return m
	}
	if m2 := second(); m2.err == nil || !notFound(m2.err) {
		return m2
	}
	return m
}

// notFound reports a 404, or the 400 Notion gives for an ID of another
// kind of object.
func notFound(err error) bool {
	st := notionapi.StatusOf(err)
	return st == http.StatusNotFound || st == http.StatusBadRequest
}

// offer lists a database's data sources to open one of them, instead of
// an error: the link is right, it only names more than one table.
func (o *openByID) offer(e *notionapi.MultipleDataSourcesError) tea.Cmd {
	names := make([]string, len(e.DataSources))
	ids := make([]string, len(e.DataSources))
	for i, d := range e.DataSources {
		names[i] = widgets.OrUntitled(d.Name)
		ids[i] = "data source " + widgets.ShortID(d.ID)
	}
	o.multi = e
	o.pick = widgets.NewPickList(o.c.Styles, names, ids, max(3, o.h-6))
	return o.pick.Focus()
}

// picked gives a key to the data source list: enter opens the data
// source, esc goes back to the link.
func (o *openByID) picked(msg tea.Msg) tea.Cmd {
	i, cancel, cmd := o.pick.Update(msg)
	switch {
	case cancel:
		o.pick, o.multi = nil, nil
		return textinput.Blink
	case i >= 0:
		d := o.multi.DataSources[i]
		o.c.Replace(ui.DatabaseView{DataSource: &notionapi.DataSource{ID: d.ID, Title: notionapi.PlainText(d.Name)}})
	}
	return cmd
}

func (o *openByID) View() string {
	st := o.c.Styles
	var b strings.Builder
	if o.pick != nil {
		b.WriteString(st.Title.Render("This database has "+strconv.Itoa(len(o.multi.DataSources))+" data sources") + "\n")
		b.WriteString(st.Muted.Render(widgets.Truncate("Pick the one to open; esc goes back to the link.", o.w)) + "\n\n")
		b.WriteString(o.pick.View(max(20, o.w)))
		return b.String()
	}
	b.WriteString(st.Title.Render("Open a page or database") + "\n")
	// The intro shortens on a narrow screen rather than being cut.
	intro := widgets.Longest(o.w, "Paste a Notion link (••• → Copy link) or an ID, with or without dashes.",
		"Paste a Notion link or an ID, with or without dashes.", "Paste a Notion link or an ID.")
	b.WriteString(st.Muted.Render(widgets.TruncateWords(intro, o.w)) + "\n\n")
	field := st.InputFocus
	if o.busy {
		field = st.Input
	}
	b.WriteString(field.Width(o.boxWidth()).Render(o.input.View()) + "\n")
	switch {
	case o.busy:
		b.WriteString(o.spin.View() + " Asking Notion what this is…")
	case o.err != "":
		b.WriteString(st.Error.Render(widgets.WrapText(o.err, max(20, o.w))))
	default:
		b.WriteString(st.Faint.Render("A database opens in the table; a page in the preview."))
	}
	return b.String()
}

// boxWidth is the width of the field's box, border and padding included.
func (o *openByID) boxWidth() int { return min(100, max(20, o.w-2)) }

func (o *openByID) SetSize(w, h int) {
	o.w, o.h = w, h
	// The box's border and padding take 4 cells, the prompt 2, the cursor 1.
	o.input.SetWidth(o.boxWidth() - 7)
}

func (o *openByID) Title() string { return "Open" }

func (o *openByID) KeyMap() help.KeyMap {
	if o.pick != nil {
		return ui.KeyMapOf(o.pick.Bindings())
	}
	return ui.KeyMapOf([]key.Binding{o.keys.Open, o.keys.Back})
}

// NewOpenByLink opens what a Notion link or ID names; without one it asks
// for it.
func NewOpenByLink(c *ui.Common, r ui.OpenByLink) ui.Screen {
	o := newOpenByID(c)
	if r.Link != "" {
		o.input.SetValue(r.Link)
		o.auto, o.database = true, r.Database
	}
	return o
}

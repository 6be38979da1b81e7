package requestlog

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/keymap"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// Log lists every API request of the session: method, path,
// status, latency, request ID and retries. A key copies an entry as a
// curl command that reads the token from $NOTION_TOKEN.
type Log struct {
	c       *ui.Common
	entries logRows
	dropped int
	table   *widgets.Table
	detail  *widgets.TextPanel
	// errorsOnly lists only the requests that failed; all counts every
	// entry, shown or not.
	errorsOnly bool
	all        int
	w, h       int
	keys       logKeys
}

type logKeys struct {
	Details, Curl, Errors, Back, Up, Down key.Binding
}

func New(c *ui.Common) ui.Screen {
	l := &Log{
		c: c, table: widgets.NewTable(c.Styles, 0),
		keys: logKeys{
			Details: keymap.Open.Key("details"),
			Curl:    keymap.Copy.Key("copy as curl"),
			Errors:  keymap.ErrorsOnly.Key(),
			Back:    ui.BackKey,
			Up:      keymap.Up.Key("scroll up"),
			Down:    keymap.Down.Key("scroll down"),
		},
	}
	l.reload()
	l.table.SetCursor(l.entries.Len() - 1)
	return l
}

func (l *Log) Init() tea.Cmd { return nil }

// reload takes the log's entries, following the newest when the newest
// was selected.
func (l *Log) reload() {
	atEnd := l.table.Cursor() >= l.entries.Len()-1
	entries, dropped := l.c.Activity.Entries()
	l.all = len(entries)
	if l.errorsOnly {
		entries = slices.DeleteFunc(entries, func(e notionapi.RequestInfo) bool { return !failed(&e) })
	}
	l.entries, l.dropped = logRows(entries), dropped
	l.table.SetData(l.entries)
	if atEnd {
		l.table.SetCursor(l.entries.Len() - 1)
	}
	l.layout()
}

func (l *Log) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case ui.ActivityMsg:
		l.reload()
	case tea.KeyPressMsg:
		return l, l.key(msg)
	case tea.MouseMsg:
		if l.detail == nil {
			l.table.Update(msg)
		}
	}
	return l, nil
}

func (l *Log) key(msg tea.KeyPressMsg) tea.Cmd {
	k := l.keys
	if l.detail != nil {
		switch {
		case key.Matches(msg, k.Back), key.Matches(msg, k.Details):
			l.detail = nil
		case key.Matches(msg, k.Up):
			l.detail.Scroll(-1)
		case key.Matches(msg, k.Down):
			l.detail.Scroll(1)
		case key.Matches(msg, k.Curl):
			return l.copyCurl()
		}
		return nil
	}
	switch {
	case l.table.Update(msg):
	case key.Matches(msg, k.Back):
		l.c.Back()
		return nil
	case key.Matches(msg, k.Details):
		if e := l.selected(); e != nil && e.Method != ui.NoteMethod {
			l.detail = widgets.NewTextPanel(e.Method+" "+e.Path, detailLines(l.c.Styles, e, l.c.Demo))
			l.detail.Wrap = true
			l.sizeDetail()
		}
	case key.Matches(msg, k.Curl):
		return l.copyCurl()
	case key.Matches(msg, k.Errors):
		l.errorsOnly = !l.errorsOnly
		l.table.SetCursor(l.entries.Len() - 1) // follow the newest
		l.reload()
	}
	return nil
}

// failed reports whether a request ended in an error: an error status,
// no answer, or an error of the client.
func failed(e *notionapi.RequestInfo) bool {
	return e.Method != ui.NoteMethod && (e.Err != nil || e.Status == 0 || e.Status >= 400)
}

func (l *Log) selected() *notionapi.RequestInfo {
	i := l.table.Cursor()
	if i < 0 {
		return nil
	}
	return &l.entries[i]
}

// copyCurl copies the selected request as a curl command; the command
// names $NOTION_TOKEN and never holds the token.
func (l *Log) copyCurl() tea.Cmd {
	e := l.selected()
	if e == nil {
		return ui.Flash("No request selected")
	}
	if e.Method == ui.NoteMethod {
		return ui.Flash("A note, not a request: nothing to copy as curl")
	}
	note := " (it reads $NOTION_TOKEN)"
	if l.c.Demo {
		note = " (it points at the demo sandbox, which stops with the app)"
	}
	return ui.CopyText(e.Curl(), "curl for "+e.Method+" "+pathOnly(e.Path)+note)
}

// reUUID matches the IDs in a request path.
var reUUID = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`([0-9a-f]{8})-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}`)
})

// shortPath shortens the IDs of a path to their first block, for the
// table; the details and the curl command keep them whole.
func shortPath(p string) string { return reUUID().ReplaceAllString(p, "${1}…") }

func pathOnly(p string) string {
	path, _, _ := strings.Cut(p, "?")
	return path
}

// detailLines describes one request in full: its facts, its body, the
// whole error with what Notion answered, and the curl command. The panel
// wraps the long lines.
func detailLines(st *styles.Styles, e *notionapi.RequestInfo, demo bool) []string {
	fact := func(name, value string) string { return st.Muted.Render(fmt.Sprintf("%-12s", name)) + value }
	lines := []string{
		fact("Status", statusText(e.Status)),
		fact("Request ID", orNone(e.RequestID)),
		fact("Started", e.Start.Format("15:04:05.000")),
		fact("Latency", latencyText(e.Latency)),
		fact("Retries", strconv.Itoa(e.Retries)),
		fact("Version", orNone(e.Version)),
		fact("Base URL", e.BaseURL),
	}
	if e.Err != nil {
		lines = append(lines, fact("Error", st.Error.Render(e.Err.Error())))
	}
	if len(e.Body) > 0 {
		lines = append(lines, "", st.Bold.Render("Body"))
		lines = append(lines, strings.Split(widgets.PrettyJSON(json.RawMessage(e.Body)), "\n")...)
	}
	lines = append(lines, answerLines(st, e.Err)...)
	curlNote := "  (c copies it; it reads the token from $NOTION_TOKEN)"
	if demo {
		curlNote = "  (c copies it; it points at the demo sandbox, which stops with the app)"
	}
	lines = append(lines, "", st.Bold.Render("As curl")+st.Muted.Render(curlNote))
	lines = append(lines, strings.Split(e.Curl(), "\n")...)
	return lines
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func statusText(code int) string {
	if code == 0 {
		return "no answer"
	}
	return strconv.Itoa(code)
}

func latencyText(d time.Duration) string {
	if d < time.Second {
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + " s"
}

func (l *Log) SetSize(w, h int) {
	l.w, l.h = w, h
	l.layout()
	l.sizeDetail()
}

// sizeDetail gives the details panel the size it is drawn in, so that
// scrolling it is clamped by what it shows.
func (l *Log) sizeDetail() {
	if l.detail != nil {
		l.detail.SetSize(widgets.PanelWidth(l.w)-4, max(3, l.h-6))
	}
}

func (l *Log) layout() {
	cols := []widgets.Column{
		{Title: "Time"}, {Title: "Method"}, {Title: "Path"},
		{Title: "Status", Right: true, Color: statusColor(l.c.Styles)},
		{Title: "Latency", Right: true}, {Title: "Request ID"}, {Title: "Retries", Right: true},
	}
	// The path takes what the fixed-width columns leave, so that every
	// column fits at 120 columns; narrower screens scroll by column.
	const others = 8 + 6 + 9 + 8 + 36 + 7 + 6*widgets.ColGap
	widgets.FitColumns(l.entries, cols, []int{8, 6, max(32, min(48, l.w-others)), 9, 8, 36, 7}, 500, l.w)
	l.table.SetColumns(cols)
	l.table.SetSize(l.w, max(1, l.h-2))
}

// statusColor colours statuses by class: 2xx green, 4xx amber, 5xx and
// no answer red.
func statusColor(st *styles.Styles) func(string) string {
	ok, warn, bad := widgets.SGR(st.Success), widgets.SGR(st.Warning), widgets.SGR(st.Error)
	return func(s string) string {
		switch {
		case strings.HasPrefix(s, "2"):
			return ok
		case strings.HasPrefix(s, "4"):
			return warn
		}
		return bad
	}
}

func (l *Log) Title() string { return "Request log" }

func (l *Log) KeyMap() help.KeyMap {
	k := l.keys
	if l.detail != nil {
		if !l.detail.Scrollable() {
			return ui.KeyMapOf([]key.Binding{k.Curl, k.Back})
		}
		return ui.KeyMapOf([]key.Binding{k.Up, k.Down, k.Curl, k.Back})
	}
	tk := l.table.Keys
	errs := k.Errors
	if l.errorsOnly {
		errs = keymap.ErrorsOnly.Key("all requests")
	}
	return ui.KeyMapOf([]key.Binding{tk.Up, tk.Down, k.Details, k.Curl, errs, k.Back},
		[]key.Binding{k.Details, k.Curl, errs, k.Back}, append(tk.MoveKeys(), tk.ScrollKeys()...))
}

func (l *Log) View() string {
	st := l.c.Styles
	l.table.SetStyles(st)
	if l.entries.Len() == 0 && l.errorsOnly {
		return st.Muted.Render(widgets.WrapText(fmt.Sprintf("No request failed this session (%s). E shows them all.", textutil.Plural(l.all+l.dropped, "request", "requests")), l.w))
	}
	if l.entries.Len() == 0 {
		return st.Muted.Render(widgets.WrapText("No requests yet. Every call to the Notion API appears here as it finishes.", l.w))
	}
	summary := fmt.Sprintf("%s this session", textutil.Plural(l.all+l.dropped, "request", "requests"))
	if l.errorsOnly {
		summary = fmt.Sprintf("%s failed of %s", textutil.Plural(l.entries.Len(), "request", "requests"), summary)
	}
	if l.dropped > 0 {
		summary += fmt.Sprintf(" (the oldest %d not kept)", l.dropped)
	}
	body := l.table.View()
	if l.detail != nil {
		w := widgets.PanelWidth(l.w)
		body = widgets.Overlay(body, st.PanelFocus.Width(w).Render(l.detail.View(st)), l.w, max(1, l.h-2)) // at sizeDetail's size
	}
	hint := l.table.ColumnsHint()
	// Each note after the count shows whole or not at all.
	avail := l.w - lipgloss.Width(hint) - 2
	line := widgets.JoinFit([]string{widgets.TruncateWords(summary, avail), " · enter shows one", " · c copies it as curl",
		" (the token stays in $NOTION_TOKEN)"}, "", avail)
	return body + "\n\n" + widgets.Spread(st.Muted.Render(line), st.Muted.Render(hint), l.w)
}

// logRows is the request log as table data.
type logRows []notionapi.RequestInfo

func (d logRows) Len() int { return len(d) }

func (d logRows) Cell(row, col int) string {
	e := &d[row]
	switch col {
	case 0:
		return e.Start.Format("15:04:05")
	case 1:
		return e.Method
	case 2:
		return shortPath(e.Path)
	case 3:
		if e.Method == ui.NoteMethod {
			return ""
		}
		return statusText(e.Status)
	case 4:
		if e.Method == ui.NoteMethod {
			return ""
		}
		return latencyText(e.Latency)
	case 5:
		return e.RequestID
	case 6:
		return strconv.Itoa(e.Retries)
	}
	return ""
}

// answerLines show what Notion answered to a request that failed: the
// error object's code, message and additional_data, or the start of a
// body that was not one.
func answerLines(st *styles.Styles, err error) []string {
	var ae *notionapi.APIError
	if !errors.As(err, &ae) {
		return nil
	}
	lines := []string{"", st.Bold.Render("Answer")}
	if ae.Code != "" || ae.Message != "" {
		obj := map[string]any{"object": "error", "status": ae.Status, "code": ae.Code, "message": ae.Message}
		if ae.RequestID != "" {
			obj["request_id"] = ae.RequestID
		}
		if len(ae.AdditionalData) > 0 {
			obj["additional_data"] = ae.AdditionalData
		}
		if b, err := json.MarshalIndent(obj, "", "  "); err == nil {
			lines = append(lines, strings.Split(string(b), "\n")...)
		}
	}
	if ae.Body != "" {
		ct := ae.ContentType
		if ct == "" {
			ct = "no content type"
		}
		lines = append(lines, st.Muted.Render("not a Notion error object ("+ct+"); it began:"))
		lines = append(lines, strings.Split(textutil.SafeText(ae.Body), "\n")...)
	}
	return lines
}

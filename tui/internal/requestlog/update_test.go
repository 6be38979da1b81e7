package requestlog

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/ui"
	"github.com/notion-tui/notion-tui/tui/internal/uitest"
)

// longMessage is a validation error as long as Notion writes them.
const longMessage = "body failed validation. Fix one: body.filter.or should be defined, instead was `undefined`. " +
	"body.filter.and should be defined, instead was `undefined`. body.filter.property should be defined, instead was `undefined`."

func testLog(t *testing.T, demo bool) *Log {
	t.Helper()
	act := ui.NewActivity()
	h := act.Hooks()
	start := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	h.OnRequest(notionapi.RequestInfo{Method: "GET", Path: "/v1/users/me", BaseURL: "http://127.0.0.1:1", Status: 200, Start: start})
	h.OnRequest(notionapi.RequestInfo{Method: "POST", Path: "/v1/data_sources/22bb1f02-eea9-43d3-abc8-43433edc4219/query", BaseURL: "http://127.0.0.1:1",
		Status: 400, Start: start, Body: []byte(`{"filter":{"nope":1}}`),
		Err: &notionapi.APIError{Status: 400, Code: "validation_error", Message: longMessage, RequestID: "req-1",
			AdditionalData: map[string]any{"hint": "every-word-kept"}}})
	h.OnRequest(notionapi.RequestInfo{Method: "GET", Path: "/v1/pages/x", BaseURL: "http://127.0.0.1:1", Status: http.StatusOK, Start: start})
	h.OnRequest(notionapi.RequestInfo{Method: "GET", Path: "/v1/search", BaseURL: "http://127.0.0.1:1", Start: start, Err: errDropped{}})
	c := &ui.Common{Styles: styles.New(true, false), Activity: act, Cache: ui.NewCache(), Demo: demo, Now: time.Now}
	l := New(c).(*Log)
	l.SetSize(80, 20)
	return l
}

type errDropped struct{}

func (errDropped) Error() string { return "the connection was closed before an answer arrived" }

// TestErrorsOnly: E lists only the requests that failed, and back.
func TestErrorsOnly(t *testing.T) {
	t.Parallel()
	l := testLog(t, false)
	l.Update(uitest.Key("E"))
	if l.entries.Len() != 2 || l.entries[0].Status != 400 || l.entries[1].Status != 0 {
		t.Fatalf("errors only lists %d entries: %+v", l.entries.Len(), l.entries)
	}
	if v := ansi.Strip(l.View()); !strings.Contains(v, "2 requests failed of 4 requests this session") {
		t.Errorf("the summary does not say the list is narrowed:\n%s", v)
	}
	l.Update(uitest.Key("E"))
	if l.entries.Len() != 4 {
		t.Errorf("E again lists %d entries", l.entries.Len())
	}
}

// TestDetailsShowTheWholeError: the details of a failed request show
// Notion's whole message and its additional data, wrapped to the panel,
// not cut at its edge.
func TestDetailsShowTheWholeError(t *testing.T) {
	t.Parallel()
	l := testLog(t, false)
	l.Update(uitest.Key("E"))
	l.table.SetCursor(0)
	l.Update(uitest.Key("enter"))
	if l.detail == nil {
		t.Fatal("enter opened no details")
	}
	var seen strings.Builder
	for range 40 {
		for _, line := range strings.Split(ansi.Strip(l.View()), "\n") {
			if ansi.StringWidth(line) > 80 {
				t.Fatalf("a line is wider than the screen: %q", line)
			}
		}
		seen.WriteString(ansi.Strip(l.View()) + "\n")
		l.Update(uitest.Key("down"))
	}
	text := strings.Join(strings.Fields(seen.String()), " ")
	for _, want := range []string{"instead was `undefined`.", "validation_error", "every-word-kept", "req-1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the details lack %q", want)
		}
	}
	for _, w := range strings.Fields(longMessage) {
		if !strings.Contains(text, w) {
			t.Errorf("the message lost the word %q", w)
		}
	}
}

// TestDemoCurlSaysWhereItPoints: in --demo, the curl command points at
// the sandbox, which stops with the app, and the details say so.
func TestDemoCurlSaysWhereItPoints(t *testing.T) {
	t.Parallel()
	for _, demo := range []bool{false, true} {
		l := testLog(t, demo)
		l.Update(uitest.Key("enter"))
		var all strings.Builder
		for range 30 {
			all.WriteString(ansi.Strip(l.View()))
			l.Update(uitest.Key("down"))
		}
		if got := strings.Contains(all.String(), "demo sandbox"); got != demo {
			t.Errorf("demo %v: the details mention the demo sandbox: %v", demo, got)
		}
	}
}

// TestNoFailuresFitsTheWidth: the note that no request failed wraps at
// 60 columns instead of running off the screen.
func TestNoFailuresFitsTheWidth(t *testing.T) {
	t.Parallel()
	act := ui.NewActivity()
	act.Hooks().OnRequest(notionapi.RequestInfo{Method: "GET", Path: "/v1/users/me", Status: 200, Start: time.Now()})
	l := New(&ui.Common{Styles: styles.New(true, false), Activity: act, Cache: ui.NewCache(), Now: time.Now}).(*Log)
	l.SetSize(40, 12)
	l.Update(uitest.Key("E"))
	v := ansi.Strip(l.View())
	for _, line := range strings.Split(v, "\n") {
		if ansi.StringWidth(line) > 40 {
			t.Errorf("a line is wider than the screen: %q", line)
		}
	}
	if !strings.Contains(strings.Join(strings.Fields(v), " "), "E shows them all.") {
		t.Errorf("the note is cut:\n%s", v)
	}
}

// TestSummaryIsNotCutAt60Columns: the notes after the count show whole or
// not at all.
func TestSummaryIsNotCutAt60Columns(t *testing.T) {
	t.Parallel()
	l := testLog(t, false)
	for _, w := range []int{60, 80, 120} {
		l.SetSize(w, 15)
		lines := strings.Split(ansi.Strip(l.View()), "\n")
		last := lines[len(lines)-1]
		if !strings.HasPrefix(last, "4 requests this session") || strings.Contains(last, "…") {
			t.Errorf("at %d columns the summary is %q", w, last)
		}
		if w >= 80 && !strings.Contains(last, "enter shows one") {
			t.Errorf("at %d columns the summary lost a note that fits: %q", w, last)
		}
	}
}

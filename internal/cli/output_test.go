package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// runTerminal runs notion-tui as if stdout were a terminal of width
// columns (0: a pipe), on the sandbox at url.
func runTerminal(t *testing.T, width int, url string, args ...string) queryRun {
	t.Helper()
	vars := map[string]string{"NOTION_TOKEN": notiontest.TokenFull, "NOTION_BASE_URL": url, "NOTION_RATE": "1000"}
	return terminalRun(t, vars, terminal{width: width}, args...)
}

// TestTablesGoldens holds tables at 80 and 200 columns: IDs, times and
// numbers whole, text shortened, columns hidden from the right and named
// on stderr.
func TestTablesGoldens(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 40})
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"databases", []string{"databases"}},
		{"users", []string{"users"}},
		{"query", []string{"query", notiontest.DataSourceReadingList, "--limit", "8", "--sort", "Pages:desc"}},
		{"search", []string{"search", "--limit", "6"}},
		{"views", []string{"views", notiontest.DatabaseTasks}},
		{"view", []string{"query", demoViewLink, "--limit", "8"}},
	} {
		for _, width := range []int{80, 200} {
			t.Run(fmt.Sprintf("%s_%d", tc.name, width), func(t *testing.T) {
				t.Parallel()
				r := runTerminal(t, width, srv.URL(), tc.args...)
				if r.code != 0 {
					t.Fatalf("exit %d: %s", r.code, r.stderr)
				}
				for i, line := range strings.Split(strings.TrimRight(r.stdout, "\n"), "\n") {
					if w := ansi.StringWidth(line); w > width {
						t.Errorf("line %d is %d columns wide, more than %d: %q", i+1, w, width, line)
					}
				}
				golden.RequireEqual(t, "stdout:\n"+r.stdout+"stderr:\n"+r.stderr)
			})
		}
	}
}

// TestTablesKeepIDsWhole: at 80 columns every ID a user must copy is
// printed whole.
func TestTablesKeepIDsWhole(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	for _, tc := range []struct {
		args []string
		ids  []string
	}{
		{[]string{"databases"}, []string{notiontest.DataSourceReadingList, notiontest.DataSourceTasks, notiontest.DataSourceEventLog}},
		{[]string{"users"}, []string{notiontest.UserMayaChen, notiontest.UserSofiaRossi}},
		{[]string{"search", "Reading"}, []string{notiontest.DataSourceReadingList}},
	} {
		for _, width := range []int{60, 80} {
			r := runTerminal(t, width, srv.URL(), tc.args...)
			for _, id := range tc.ids {
				if !strings.Contains(r.stdout, id) {
					t.Errorf("%v at %d columns: %s is missing or cut:\n%s", tc.args, width, id, r.stdout)
				}
			}
		}
	}
}

// TestPipedTablesAreTabSeparated: in a pipe, a table is one record per
// line, tab-separated, without header, padding or notes.
func TestPipedTablesAreTabSeparated(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	r := runTerminal(t, 0, srv.URL(), "users")
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	if len(lines) != 11 || r.stderr != "" {
		t.Fatalf("%d lines, stderr %q:\n%s", len(lines), r.stderr, r.stdout)
	}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 4 || f[0] == "Name" || strings.HasSuffix(f[0], " ") || len(f[3]) != 36 {
			t.Errorf("not a tab-separated record: %q", l)
		}
	}
	r = runTerminal(t, 0, srv.URL(), "query", notiontest.DataSourceReadingList, "--limit", "3")
	if strings.Contains(r.stdout, "───") || strings.Count(r.stdout, "\n") != 3 {
		t.Errorf("piped query table:\n%s", r.stdout)
	}
}

func TestFitColumns(t *testing.T) {
	t.Parallel()
	cols := []column{{name: "Title"}, {name: "ID", kind: colID}, {name: "Notes"}, {name: "Count", kind: colNumber}}
	rows := [][]string{{strings.Repeat("t", 50), strings.Repeat("i", 36), strings.Repeat("n", 30), "1234567"}}
	for _, tc := range []struct {
		total  int
		want   []int
		hidden []string
	}{
		{0, []int{50, 36, 30, 7}, nil},
		{200, []int{50, 36, 30, 7}, nil},
		{100, []int{26, 36, 25, 7}, nil},                      // text shares what is left, narrowest first
		{70, []int{15, 36, 15, 0}, []string{"Count"}},         // floors do not fit: the rightmost goes
		{60, []int{22, 36, 0, 0}, []string{"Notes", "Count"}}, // then the next, but not the ID
		{40, []int{40, 0, 0, 0}, []string{"ID", "Notes", "Count"}},
	} {
		got, hidden := fitColumns(cols, rows, tc.total)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) || fmt.Sprint(hidden) != fmt.Sprint(tc.hidden) {
			t.Errorf("total %d: widths %v hidden %v; want %v %v", tc.total, got, hidden, tc.want, tc.hidden)
		}
	}
}

// TestTerminalOutputHasNoControlCharacters: titles and messages from a
// hostile workspace or server reach a terminal without the escapes that
// would set the clipboard, the title or links; JSON and CSV keep them as
// data.
func TestTerminalOutputHasNoControlCharacters(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10, Now: sandboxNow})
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := c.GetDataSource(context.Background(), notiontest.DataSourceReadingList)
	if err != nil {
		t.Fatal(err)
	}
	evil := "Evil" + escapes
	pg, err := c.CreatePage(context.Background(), notionapi.CreatePageParams{
		Parent:     c.DataSourceParent(ds),
		Properties: map[string]notionapi.PropertyValue{"Name": notionapi.TitleValue(evil), "Notes": notionapi.RichTextValue("note" + escapes)},
		Children:   []notionapi.Block{notionapi.NewTextBlock(notionapi.BlockParagraph, "body"+escapes)},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		width int
		args  []string
	}{
		{120, []string{"query", notiontest.DataSourceReadingList, "--all"}},
		{0, []string{"query", notiontest.DataSourceReadingList, "--all"}},
		{120, []string{"search", "Evil"}},
		{0, []string{"search", "Evil"}},
		{0, []string{"page", pg.ID}},
		{0, []string{"page", pg.ID, "--format", "markdown"}},
	} {
		r := runTerminal(t, tc.width, srv.URL(), tc.args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Evil") {
			t.Fatalf("%v: exit %d\n%s%s", tc.args, r.code, r.stdout, r.stderr)
		}
		if hasControl(r.stdout) || hasControl(r.stderr) {
			t.Errorf("%v at width %d printed control characters:\n%q", tc.args, tc.width, r.stdout)
		}
	}
	// Data formats keep the data.
	r := runTerminal(t, 0, srv.URL(), "query", notiontest.DataSourceReadingList, "--all", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || !strings.Contains(r.stdout, evil) {
		t.Errorf("CSV lost the title as it is (%v)", err)
	}
	_ = recs
	r = runTerminal(t, 120, srv.URL(), "page", pg.ID, "--json")
	var doc struct {
		Page notionapi.Page `json:"page"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || doc.Page.Title() != evil {
		t.Errorf("JSON lost the title as it is: %q (%v)", doc.Page.Title(), err)
	}
	// Created pages and error messages.
	r = runTerminal(t, 120, srv.URL(), "create", notiontest.DataSourceReadingList, "--set", "Name=Second"+escapes)
	if r.code != 0 || hasControl(r.stdout) || !strings.Contains(r.stdout, "Created Second") {
		t.Errorf("create: exit %d, %q %s", r.code, r.stdout, r.stderr)
	}
	url, _ := wrapped(t, notiontest.Options{Rows: 10}, hostileMessage("/v1/users"))
	r = runTerminal(t, 120, url, "users")
	if r.code != 1 || hasControl(r.stderr) || !strings.Contains(r.stderr, "bad") {
		t.Errorf("error message: exit %d, %q", r.code, r.stderr)
	}
	r = runTerminal(t, 120, url, "api", "users")
	if r.code != 1 || !json.Valid([]byte(r.stdout)) || hasControl(r.stderr) {
		t.Errorf("api error: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestErrorsSpeakToACommandLine: the guided fixes, written for the app,
// reach the command line without "here", keys or forms.
func TestErrorsSpeakToACommandLine(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	for _, tc := range []struct {
		token string
		args  []string
		want  string
	}{
		{notiontest.TokenRevoked, []string{"users"}, "notion-tui auth login"},
		{notiontest.TokenFull, []string{"query", notiontest.DatabaseUnshared}, "Run the command again."},
		{notiontest.TokenFull, []string{"api", "PATCH", "pages/" + notiontest.PageHome, "--data", `{"properties":{"Nope":{"number":1}}}`}, "Correct the command and run it again."},
	} {
		r := queryCLI(t, srv, tc.token, tc.args...)
		if r.code != 1 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr lacks %q:\n%s", tc.args, r.code, tc.want, r.stderr)
		}
		for _, tui := range []string{" here", "is kept", "values are kept", "press "} {
			if strings.Contains(r.stderr, tui) {
				t.Errorf("%v: stderr speaks of the app (%q):\n%s", tc.args, tui, r.stderr)
			}
		}
	}
}

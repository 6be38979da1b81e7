package cli

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// completions asks cobra's completion entry point what a shell would get:
// the candidates, and the directive's line.
func completions(t *testing.T, vars map[string]string, args ...string) (candidates []string, directive string) {
	t.Helper()
	r := runWith(t, vars, append([]string{"__complete"}, args...)...)
	if r.code != 0 {
		t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	return lines[:len(lines)-1], lines[len(lines)-1]
}

// noFiles is cobra's directive line for "no file names, keep the order".
const noFiles = ":36"

func TestIDArgumentsCompleteFromTheWorkspace(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	vars := map[string]string{"NOTION_TOKEN": notiontest.TokenFull, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"}
	tasks := strings.ReplaceAll(notiontest.DataSourceTasks, "-", "")

	got, dir := completions(t, vars, "query", "")
	if dir != noFiles || !slices.Contains(got, tasks+"\tTasks") {
		t.Fatalf("query: %q %s, want %s with its title and no file names", got, dir, tasks)
	}
	for _, c := range got {
		if id, _, ok := strings.Cut(c, "\t"); !ok || len(id) != 32 {
			t.Errorf("query: candidate %q is not an ID with a title", c)
		}
	}
	// Only IDs that begin as typed, in the form begun.
	got, _ = completions(t, vars, "views", tasks[:6])
	if len(got) != 1 || got[0] != tasks+"\tTasks" {
		t.Errorf("views %s: %q", tasks[:6], got)
	}
	got, _ = completions(t, vars, "create", notiontest.DataSourceTasks[:9])
	if len(got) != 1 || got[0] != notiontest.DataSourceTasks+"\tTasks" {
		t.Errorf("create %s: %q", notiontest.DataSourceTasks[:9], got)
	}
	// Pages for page; one argument only.
	pages, dir := completions(t, vars, "page", "")
	if dir != noFiles || len(pages) == 0 || slices.Contains(pages, tasks+"\tTasks") {
		t.Fatalf("page: %d candidates %s, Tasks among them: %v", len(pages), dir, slices.Contains(pages, tasks+"\tTasks"))
	}
	if got, dir := completions(t, vars, "page", "x", ""); len(got) != 0 || dir != noFiles {
		t.Errorf("page's second argument: %q %s", got, dir)
	}
	// trash takes several pages, each offered once.
	first, _, _ := strings.Cut(pages[0], "\t")
	if got, _ := completions(t, vars, "trash", first, ""); len(got) != len(pages)-1 || slices.Contains(got, pages[0]) {
		t.Errorf("trash after %s: %d candidates, want %d without it", first, len(got), len(pages)-1)
	}
	// Search finds no trashed page: restore offers nothing, nor files.
	if got, dir := completions(t, vars, "restore", ""); len(got) != 0 || dir != ":4" {
		t.Errorf("restore: %q %s", got, dir)
	}
	if n := len(srv.Requests()); n != 5 {
		t.Errorf("%d requests for the 5 completions that need the workspace", n)
	}
}

func TestViewCompletesTheDatabasesViews(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	vars := map[string]string{"NOTION_TOKEN": notiontest.TokenFull, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"}
	got, dir := completions(t, vars, "query", notiontest.DataSourceTasks, "--view", "")
	if dir != noFiles || !slices.Contains(got, "Board\tboard") || !slices.Contains(got, "Table\ttable") {
		t.Fatalf("--view: %q %s", got, dir)
	}
	if got, _ := completions(t, vars, "query", notiontest.DataSourceTasks, "--view", "bo"); !slices.Equal(got, []string{"Board\tboard"}) {
		t.Errorf("--view bo: %q", got)
	}
	// Without the database, or under a version without views: nothing.
	vars["NOTION_VERSION"] = "2022-06-28"
	before := len(srv.Requests())
	for _, args := range [][]string{{"query", "--view", ""}, {"query", notiontest.DataSourceTasks, "--view", ""}} {
		if got, dir := completions(t, vars, args...); len(got) != 0 || dir != noFiles {
			t.Errorf("%v: %q %s", args, got, dir)
		}
	}
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("%d requests where no view can be completed", n)
	}
}

func TestPropertyFlagsCompleteTheSchema(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	vars := map[string]string{"NOTION_TOKEN": notiontest.TokenFull, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"}
	tasks := notiontest.DataSourceTasks
	// NoSpace as well: a value or another name follows.
	const noFilesNoSpace = ":38"

	got, dir := completions(t, vars, "query", tasks, "--sort", "")
	if dir != noFiles || !slices.Contains(got, "Status\tstatus") || !slices.Contains(got, "Due\tdate") {
		t.Errorf("--sort: %q %s", got, dir)
	}
	got, dir = completions(t, vars, "query", tasks, "--properties", "Task,St")
	if dir != noFilesNoSpace || !slices.Equal(got, []string{"Task,Status\tstatus"}) {
		t.Errorf("--properties Task,St: %q %s", got, dir)
	}
	if got, _ = completions(t, vars, "query", tasks, "--properties", "Task,"); slices.Contains(got, "Task,Task\ttitle") || !slices.Contains(got, "Task,Due\tdate") {
		t.Errorf("--properties Task,: %q", got)
	}
	// Names given in another --properties are left out too (bash, which
	// escapes a comma, completes a list that way).
	if got, _ = completions(t, vars, "query", tasks, "--properties", "Task", "--properties", ""); slices.Contains(got, "Task\ttitle") || !slices.Contains(got, "Status\tstatus") {
		t.Errorf("--properties Task --properties: %q", got)
	}
	// --set offers what a value can be given, not what Notion sets.
	got, dir = completions(t, vars, "create", tasks, "--set", "")
	if dir != noFilesNoSpace || !slices.Contains(got, "Due=\tdate") || !slices.Contains(got, "Assignee=\tpeople") {
		t.Errorf("create --set: %q %s", got, dir)
	}
	for _, c := range got {
		if strings.HasPrefix(c, "ID=") || strings.HasPrefix(c, "Created") {
			t.Errorf("create --set offers %q, which Notion sets", c)
		}
	}
	// update takes a page, or with --filter a database.
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := c.Query(context.Background(), tasks, notionapi.QueryParams{PageSize: 1})
	if err != nil || len(rows.Results) != 1 {
		t.Fatalf("a task: %v", err)
	}
	page := rows.Results[0].ID
	if got, _ = completions(t, vars, "update", page, "--set", "Pr"); !slices.Equal(got, []string{"Priority=\tselect", "Project=\trelation"}) {
		t.Errorf("update PAGE --set Pr: %q", got)
	}
	if got, _ = completions(t, vars, "update", tasks, "--filter", "Done = false", "--set", "Pr"); !slices.Equal(got, []string{"Priority=\tselect", "Project=\trelation"}) {
		t.Errorf("update DATABASE --filter … --set Pr: %q", got)
	}
}

func TestACompletionThatFailsOffersNothing(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	for name, vars := range map[string]map[string]string{
		"revoked token": {"NOTION_TOKEN": notiontest.TokenRevoked, "NOTION_BASE_URL": srv.URL(), "NOTION_RATE": "1000"},
		"no token":      {"NOTION_BASE_URL": srv.URL()},
	} {
		got, dir := completions(t, vars, "query", "")
		if len(got) != 0 || dir != noFiles {
			t.Errorf("%s: %q %s, want nothing and no file names", name, got, dir)
		}
	}
}

func TestACompletionsTitleIsOneSafeLine(t *testing.T) {
	t.Parallel()
	for title, want := range map[string]string{
		"Tasks":                        "id\tTasks",
		"":                             "id\tUntitled",
		"Q3\tplan\nnext":               "id\tQ3 plan next",
		"\x1b]52;c;aGVsbG8=\x07Budget": "id\t\uFFFD]52;c;aGVsbG8=\uFFFDBudget",
	} {
		if got := completionCandidate("id", title); got != want {
			t.Errorf("completionCandidate(%q) = %q, want %q", title, got, want)
		}
	}
}

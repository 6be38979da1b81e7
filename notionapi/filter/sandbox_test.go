package filter_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/filter"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// sandbox is a notiontest server with a client, the users and the schemas
// of its data sources.
type sandbox struct {
	client  *notionapi.Client
	opts    filter.Options
	schemas map[string]notionapi.Schema
}

var sandboxSources = []string{
	notiontest.DataSourceTasks, notiontest.DataSourceProjects, notiontest.DataSourceEventLog,
	notiontest.DataSourceReadingList, notiontest.DataSourceEngineering,
}

func startSandbox(t *testing.T) *sandbox {
	t.Helper()
	now := func() time.Time { return time.Date(2026, 11, 15, 12, 0, 0, 0, time.UTC) }
	srv := notiontest.Start(t, notiontest.Options{Rows: 60, Now: now})
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(10000, 1000))
	if err != nil {
		t.Fatal(err)
	}
	sb := &sandbox{client: c, opts: filter.Options{Now: now}, schemas: map[string]notionapi.Schema{}}
	for u, err := range c.ListUsersAll(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		sb.opts.Users = append(sb.opts.Users, u)
	}
	for _, id := range sandboxSources {
		ds, err := c.GetDataSource(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		sb.schemas[id] = ds.Properties
	}
	return sb
}

// count compiles src for a data source and counts the rows it matches.
func (sb *sandbox) count(t *testing.T, dsID, src string) int {
	t.Helper()
	f, err := filter.Compile(src, sb.schemas[dsID], sb.opts)
	if err != nil {
		t.Fatalf("Compile(%q): %v", src, err)
	}
	n := 0
	for _, err := range sb.client.QueryAll(context.Background(), dsID, notionapi.QueryParams{Filter: f}) {
		if err != nil {
			t.Fatalf("query %q, filter %s: %v", src, f, err)
		}
		n++
	}
	return n
}

// TestSandboxAcceptsEveryOperator sends a filter for every operator of
// every property of the sandbox's data sources, and expects 200 answers.
func TestSandboxAcceptsEveryOperator(t *testing.T) {
	t.Parallel()
	sb := startSandbox(t)
	sent := 0
	defer func() { t.Logf("sent %d filters", sent) }()
	for _, id := range sandboxSources {
		for _, p := range sb.schemas[id] {
			if p.Type == notionapi.PropFormula || p.Type == notionapi.PropRollup {
				continue // covered by TestSandboxFormulasAndRollups
			}
			for _, op := range filter.Operators(p.Type) {
				src := strconv.Quote(p.Name) + " " + op + operand(op, p)
				f, err := filter.Compile(src, sb.schemas[id], sb.opts)
				if err != nil {
					t.Errorf("Compile(%q): %v", src, err)
					continue
				}
				if _, err := sb.client.Query(t.Context(), id, notionapi.QueryParams{Filter: f, PageSize: 1}); err != nil {
					t.Errorf("%q, filter %s: %v", src, f, err)
				}
				sent++
			}
		}
	}
	if sent < 200 {
		t.Errorf("sent %d filters; the sandbox's schemas should give more", sent)
	}
}

// operand returns what follows op in a sample comparison on p.
func operand(op string, p notionapi.PropertySchema) string {
	switch op {
	case "is empty", "is not empty", "this week", "past week", "past month", "past year", "next week", "next month", "next year":
		return ""
	}
	var v string
	switch p.Type {
	case notionapi.PropNumber, notionapi.PropUniqueID:
		v = "3"
	case notionapi.PropCheckbox:
		v = "true"
	case notionapi.PropDate, notionapi.PropCreatedTime, notionapi.PropLastEditedTime:
		v = "2026-11-01"
	case notionapi.PropPeople, notionapi.PropCreatedBy, notionapi.PropLastEditedBy:
		v = "me"
	case notionapi.PropRelation:
		v = notiontest.PageHome
	case notionapi.PropSelect, notionapi.PropStatus, notionapi.PropMultiSelect:
		v = strconv.Quote(p.Options()[0].Name)
	default:
		v = "a"
	}
	if op == "in" {
		return " (" + v + ", " + v + ")"
	}
	return " " + v
}

func TestSandboxFormulasAndRollups(t *testing.T) {
	t.Parallel()
	sb := startSandbox(t)
	for _, tc := range []struct{ ds, src string }{
		{notiontest.DataSourceTasks, `Overdue:checkbox`},
		{notiontest.DataSourceTasks, `not Overdue:checkbox and Done`},
		{notiontest.DataSourceTasks, `Follow-up after 2026-11-01`},
		{notiontest.DataSourceTasks, `Follow-up:date is not empty`},
		{notiontest.DataSourceProjects, `Progress > 0.5`},
		{notiontest.DataSourceProjects, `Hours >= 10 or Next due before 2027-01-01`},
		{notiontest.DataSourceProjects, `Next due this week`},
		{notiontest.DataSourceProjects, `Team any has me`},
		{notiontest.DataSourceProjects, `Team:people none has ` + notiontest.UserMayaChen},
		{notiontest.DataSourceProjects, `Summary contains tasks`},
		{notiontest.DataSourceReadingList, `"Pages per day":number > 10`},
	} {
		sb.count(t, tc.ds, tc.src)
	}
}

// TestSandboxSemantics checks that compiled filters select what they say,
// on the sandbox's rows.
func TestSandboxSemantics(t *testing.T) {
	t.Parallel()
	sb := startSandbox(t)
	tasks, log := notiontest.DataSourceTasks, notiontest.DataSourceEventLog
	total := sb.count(t, tasks, `created_time is not empty`)
	if total == 0 {
		t.Fatal("the sandbox has no tasks")
	}

	// Emptiness splits the rows in two, for every property that has it.
	for _, p := range sb.schemas[tasks] {
		if !slices.Contains(filter.Operators(p.Type), "is empty") || p.Type == notionapi.PropFormula {
			continue
		}
		name := strconv.Quote(p.Name)
		if e, ne := sb.count(t, tasks, name+" is empty"), sb.count(t, tasks, name+" is not empty"); e+ne != total {
			t.Errorf("%s: %d empty + %d not empty != %d rows", p.Name, e, ne, total)
		}
	}

	// A negated group selects the rest (checkboxes are never empty).
	done := sb.count(t, tasks, `Done`)
	if notDone := sb.count(t, tasks, `not Done`); done+notDone != total || done == 0 || notDone == 0 {
		t.Errorf("Done: %d, not Done: %d, rows: %d", done, notDone, total)
	}
	either := sb.count(t, tasks, `Done or Overdue:checkbox`)
	if neither := sb.count(t, tasks, `not (Done or Overdue:checkbox)`); either+neither != total {
		t.Errorf("%d rows match Done or Overdue and %d neither, of %d", either, neither, total)
	}

	// in is the union of its equalities.
	var opts []string
	for _, o := range mustGet(t, sb.schemas[log], "Level").Options() {
		opts = append(opts, o.Name)
	}
	a, b := sb.count(t, log, `Level = `+strconv.Quote(opts[0])), sb.count(t, log, `Level = `+strconv.Quote(opts[1]))
	if in := sb.count(t, log, `Level in (`+strconv.Quote(opts[0])+`, `+strconv.Quote(opts[1])+`)`); in != a+b || in == 0 {
		t.Errorf("Level in (%s, %s) matched %d rows, want %d + %d", opts[0], opts[1], in, a, b)
	}

	// Numbers compare.
	above, atMost := sb.count(t, log, `"Latency ms" > 200`), sb.count(t, log, `not "Latency ms" > 200`)
	if all := sb.count(t, log, `"Latency ms" is not empty`); above+atMost != all || above == 0 || atMost == 0 {
		t.Errorf("Latency ms: %d > 200, %d <= 200, %d with a value", above, atMost, all)
	}
}

func mustGet(t *testing.T, s notionapi.Schema, name string) notionapi.PropertySchema {
	t.Helper()
	p, ok := s.Get(name)
	if !ok {
		t.Fatalf("no property %q in the sandbox schema", name)
	}
	return p
}

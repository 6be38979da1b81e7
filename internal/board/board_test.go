package board

import (
	"context"
	"slices"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// tasks reads the demo's Tasks: its schema and every row.
func tasks(t *testing.T) (*notionapi.DataSource, []notionapi.Page) {
	t.Helper()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ds, err := c.GetDataSource(ctx, notiontest.DataSourceTasks)
	if err != nil {
		t.Fatal(err)
	}
	var rows []notionapi.Page
	for p, err := range c.QueryAll(ctx, ds.ID, notionapi.QueryParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, p)
	}
	return ds, rows
}

func build(t *testing.T, g *Grouper, rows []notionapi.Page) ([]Column, [][]string) {
	t.Helper()
	keys := make([][]string, len(rows))
	names := map[string]string{}
	for i := range rows {
		v := rows[i].Properties[g.Property().Name]
		keys[i] = g.Keys(v)
		PersonNames(v, names)
	}
	return g.Build(keys, names), keys
}

func labels(cols []Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Label
	}
	return out
}

func count(cols []Column) int {
	n := 0
	for _, c := range cols {
		n += len(c.Rows)
	}
	return n
}

func TestStatusBoardsByGroupAndByOption(t *testing.T) {
	t.Parallel()
	ds, rows := tasks(t)
	status, _ := ds.Properties.Get("Status")
	g, err := New(status, nil)
	if err != nil {
		t.Fatal(err)
	}
	cols, keys := build(t, g, rows)
	if want := []string{"To-do", "In progress", "Complete"}; !slices.Equal(labels(cols), want) {
		t.Fatalf("columns %v, want %v", labels(cols), want)
	}
	if count(cols) != len(rows) {
		t.Errorf("%d cards on the board, %d rows", count(cols), len(rows))
	}
	for _, r := range cols[2].Rows {
		if s := rows[r].Properties["Status"].Status.Name; s != "Done" && s != "Abandoned" {
			t.Errorf("a %q card in Complete", s)
		}
	}
	// Moving to a group sets its first option; a status is never emptied.
	card := cols[0].Rows[0]
	v, err := g.Move(keys[card], cols[0].Key, cols[1].Key, cols)
	if err != nil || v.Type != notionapi.PropStatus || v.Status.Name != "In progress" {
		t.Errorf("move to In progress: %+v, %v", v, err)
	}
	if _, err := g.Move(keys[card], cols[0].Key, NoValue, cols); err == nil {
		t.Error("a status was emptied")
	}
	if p, ok := g.PresetText(cols[2].Key, cols); !ok || p != "Done" {
		t.Errorf("preset in Complete: %q %v", p, ok)
	}

	byOption, _ := New(status, &notionapi.GroupBy{Type: "status", GroupBy: "option"})
	cols, _ = build(t, byOption, rows)
	if want := []string{"Not started", "In progress", "In review", "Blocked", "Done"}; !slices.Equal(labels(cols)[:5], want) {
		t.Errorf("by option: %v", labels(cols))
	}
}

func TestSelectCheckboxAndPeopleBoards(t *testing.T) {
	t.Parallel()
	ds, rows := tasks(t)
	prio, _ := ds.Properties.Get("Priority")
	g, _ := New(prio, nil)
	cols, keys := build(t, g, rows)
	if want := []string{"No Priority", "P0 Critical", "P1 High", "P2 Medium", "P3 Low"}; !slices.Equal(labels(cols), want) {
		t.Errorf("priority columns %v", labels(cols))
	}
	card := cols[1].Rows[0]
	if v, err := g.Move(keys[card], cols[1].Key, NoValue, cols); err != nil || v.Type != notionapi.PropSelect || v.Select != nil {
		t.Errorf("to No Priority: %+v, %v", v, err)
	}
	if v, _ := g.Move(keys[card], cols[1].Key, cols[4].Key, cols); v.Select == nil || v.Select.Name != "P3 Low" {
		t.Errorf("to P3 Low: %+v", v)
	}
	// Sorted groups: by name.
	desc, _ := New(prio, &notionapi.GroupBy{Type: "select", Sort: &notionapi.GroupSort{Type: "descending"}})
	if cols, _ := build(t, desc, rows); labels(cols)[1] != "P3 Low" {
		t.Errorf("descending: %v", labels(cols))
	}

	done, _ := ds.Properties.Get("Done")
	g, _ = New(done, nil)
	cols, keys = build(t, g, rows)
	if !slices.Equal(labels(cols), []string{"Unchecked", "Checked"}) || count(cols) != len(rows) {
		t.Errorf("checkbox columns %v, %d cards", labels(cols), count(cols))
	}
	if v, _ := g.Move(keys[cols[0].Rows[0]], "false", "true", cols); v.Type != notionapi.PropCheckbox || !v.Checkbox {
		t.Errorf("check: %+v", v)
	}

	who, _ := ds.Properties.Get("Assignee")
	g, _ = New(who, nil)
	cols, keys = build(t, g, rows)
	if cols[0].Label != "No Assignee" || len(cols) < 3 {
		t.Fatalf("people columns %v", labels(cols))
	}
	rest := labels(cols)[1:]
	if !slices.IsSorted(rest) {
		t.Errorf("people columns not by name: %v", rest)
	}
	card = cols[1].Rows[0]
	v, _ := g.Move(keys[card], cols[1].Key, cols[2].Key, cols)
	if v.Type != notionapi.PropPeople || len(v.People) != 1 || v.People[0].ID != cols[2].Key {
		t.Errorf("reassign: %+v", v)
	}
}

func TestMultiSelectCardsSitInEachOption(t *testing.T) {
	t.Parallel()
	prop := notionapi.PropertySchema{Name: "Tags", Type: notionapi.PropMultiSelect, MultiSelect: &notionapi.OptionsConfig{Options: []notionapi.SelectOption{{ID: "a", Name: "go"}, {ID: "b", Name: "rust"}}}}
	g, err := New(prop, nil)
	if err != nil {
		t.Fatal(err)
	}
	keys := [][]string{
		g.Keys(notionapi.MultiSelectValue("go", "rust")),
		g.Keys(notionapi.PropertyValue{Type: notionapi.PropMultiSelect}),
		g.Keys(notionapi.MultiSelectValue("zig")), // added since the schema was read
	}
	cols := g.Build(keys, nil)
	if !slices.Equal(labels(cols), []string{"No Tags", "go", "rust", "zig"}) || count(cols) != 4 {
		t.Fatalf("columns %v %v", labels(cols), cols)
	}
	v, _ := g.Move(keys[0], cols[1].Key, NoValue, cols)
	if got := notionapi.Cell(v); got != "rust" {
		t.Errorf("go removed: %q", got)
	}
	v, _ = g.Move(keys[0], cols[1].Key, cols[3].Key, cols)
	if got := notionapi.Cell(v); got != "rust, zig" {
		t.Errorf("go → zig: %q", got)
	}
}

func TestNotGroupable(t *testing.T) {
	t.Parallel()
	if _, err := New(notionapi.PropertySchema{Name: "Due", Type: notionapi.PropDate}, nil); err == nil {
		t.Error("a date board")
	}
}

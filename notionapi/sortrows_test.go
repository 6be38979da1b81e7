package notionapi

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// readIDs reads every row of a query, in the server's order; with only
// the title property (filter_properties) when titleOnly is set, for a
// read that needs only the order.
func readIDs(t *testing.T, c *Client, id string, sorts []Sort, titleOnly bool) []Page {
	t.Helper()
	p := QueryParams{Sorts: sorts}
	if titleOnly {
		p.FilterProperties = []string{"title"}
	}
	var pages []Page
	for pg, err := range c.QueryAll(context.Background(), id, p) {
		if err != nil {
			t.Fatalf("query sorted by %+v: %v", sorts, err)
		}
		pages = append(pages, pg)
	}
	return pages
}

func ids(pages []Page) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = p.ID
	}
	return out
}

// TestSortPagesAgreesWithTheSandbox sorts every data source of the sandbox
// by each of its properties, both ways, and by two sorts at once, locally
// and on the server, and expects the same order.
func TestSortPagesAgreesWithTheSandbox(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 60})
	c := rawClient(t, srv)
	ctx := context.Background()
	for name, dsID := range map[string]string{"Reading List": notiontest.DataSourceReadingList, "Tasks": notiontest.DataSourceTasks,
		"Projects": notiontest.DataSourceProjects, "Event Log": notiontest.DataSourceEventLog, "Engineering": notiontest.DataSourceEngineering} {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // the sandbox and the client serve several at once
			ds, err := c.GetDataSource(ctx, dsID)
			if err != nil {
				t.Fatal(err)
			}
			unsorted := readIDs(t, c, dsID, nil, false)
			var cases [][]Sort
			for _, p := range ds.Properties {
				cases = append(cases,
					[]Sort{{Property: p.Name, Direction: Ascending}},
					[]Sort{{Property: p.Name, Direction: Descending}})
			}
			if len(ds.Properties) > 2 {
				cases = append(cases, []Sort{{Property: ds.Properties[1].Name, Direction: Descending}, {Property: ds.Properties[2].Name, Direction: Ascending}})
			}
			cases = append(cases, []Sort{{Timestamp: LastEditedTime, Direction: Ascending}}, []Sort{{Timestamp: CreatedTime, Direction: Descending}})
			for _, sorts := range cases {
				want := ids(readIDs(t, c, dsID, sorts, true))
				got := slices.Clone(unsorted)
				if err := SortPages(got, ds.Properties, sorts); err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(ids(got), want) {
					t.Errorf("%s sorted by %+v (%s): local order differs from the server's", ds.Title.Plain(), sorts, ds.Properties.Ordered()[0].Type)
				}
			}
		})
	}
}

func TestRowSorterRules(t *testing.T) {
	t.Parallel()
	num := func(f float64) *float64 { return &f }
	schema := Schema{
		{Name: "Name", Type: PropTitle},
		{Name: "Pages", Type: PropNumber},
		{Name: "Status", Type: PropStatus, Status: &StatusConfig{Options: []SelectOption{{ID: "z", Name: "Not started"}, {ID: "a", Name: "Done"}}}},
		{Name: "Due", Type: PropDate},
	}
	row := func(id, name string, pages *float64, status, due string) Page {
		p := Page{ID: id, Properties: map[string]PropertyValue{
			"Name":  {Type: PropTitle, Title: PlainText(name)},
			"Pages": {Type: PropNumber, Number: pages},
			"Due":   {Type: PropDate},
		}}
		if status != "" {
			p.Properties["Status"] = PropertyValue{Type: PropStatus, Status: &SelectOption{Name: status}}
		}
		if due != "" {
			p.Properties["Due"] = PropertyValue{Type: PropDate, Date: &DateValue{Start: due}}
		}
		return p
	}
	rows := []Page{
		row("1", "banana", num(10), "Done", "2026-12-02"),
		row("2", "Apple", nil, "", "2026-12-01T23:30:00-02:00"),
		row("3", "cherry", num(-2), "Not started", ""),
		row("4", "", num(3), "Done", "2026-12-01"),
	}
	for _, tc := range []struct {
		sort Sort
		want string
	}{
		{Sort{Property: "Name", Direction: Ascending}, "2 1 3 4"},  // case ignored; empty last
		{Sort{Property: "Name", Direction: Descending}, "3 1 2 4"}, // empty still last
		{Sort{Property: "Pages", Direction: Ascending}, "3 4 1 2"},
		{Sort{Property: "Pages", Direction: Descending}, "1 4 3 2"},
		{Sort{Property: "Status", Direction: Ascending}, "3 1 4 2"}, // option order, not name order
		{Sort{Property: "Due", Direction: Ascending}, "4 1 2 3"},    // 12-01T23:30-02:00 is 12-02T01:30Z, after 12-02 (midnight UTC)
	} {
		got := slices.Clone(rows)
		if err := SortPages(got, schema, []Sort{tc.sort}); err != nil {
			t.Fatal(err)
		}
		if s := strings.Join(ids(got), " "); s != tc.want {
			t.Errorf("sorted by %+v: %s, want %s", tc.sort, s, tc.want)
		}
	}
	if _, err := NewRowSorter(schema, []Sort{{Property: "Nope", Direction: Ascending}}); err == nil {
		t.Error("a sort on an unknown property was accepted")
	}
	if _, err := NewRowSorter(schema, []Sort{{Property: "Name", Direction: "up"}}); err == nil {
		t.Error("a sort without a valid direction was accepted")
	}
}

package notionapi_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

const demoViewLink = "https://www.notion.so/Tasks-8726b5e925014b8c93e8619e8d929943?v=6b0d549b6f03475a9600a35a099950d8"

func TestParseLinkKeepsTheView(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in             string
		id, view, page string
	}{
		{in: demoViewLink, id: notiontest.DatabaseTasks, view: notiontest.ViewTasksOpen},
		{in: "<" + demoViewLink + ">", id: notiontest.DatabaseTasks, view: notiontest.ViewTasksOpen},
		{in: "notion.so/acme/8726b5e925014b8c93e8619e8d929943?v=6b0d549b6f03475a9600a35a099950d8&pvs=4", id: notiontest.DatabaseTasks, view: notiontest.ViewTasksOpen},
		// A peeked page leaves the database as the link's object.
		{in: demoViewLink + "&p=" + notionapi.CompactID(notiontest.PageGettingStarted) + "&pm=s", id: notiontest.DatabaseTasks, view: notiontest.ViewTasksOpen, page: notiontest.PageGettingStarted},
		{in: "https://www.notion.so/Tasks-8726b5e925014b8c93e8619e8d929943", id: notiontest.DatabaseTasks},
		{in: notiontest.DatabaseTasks, id: notiontest.DatabaseTasks},
		{in: "8726b5e925014b8c93e8619e8d929943?v=6b0d549b6f03475a9600a35a099950d8", id: notiontest.DatabaseTasks, view: notiontest.ViewTasksOpen},
		{in: notiontest.DatabaseTasks + "?v=" + notiontest.ViewTasksOpen, id: notiontest.DatabaseTasks, view: notiontest.ViewTasksOpen},
		{in: notionapi.CompactID(notiontest.DatabaseTasks), id: notiontest.DatabaseTasks},
		// A v= that is not an ID is not a view.
		{in: "https://www.notion.so/Tasks-8726b5e925014b8c93e8619e8d929943?v=board", id: notiontest.DatabaseTasks},
	} {
		l, err := notionapi.ParseLink(tc.in)
		if err != nil {
			t.Errorf("ParseLink(%q): %v", tc.in, err)
			continue
		}
		if l.ID != tc.id || l.ViewID != tc.view || l.PageID != tc.page {
			t.Errorf("ParseLink(%q) = %+v, want id %s view %s page %s", tc.in, l, tc.id, tc.view, tc.page)
		}
	}
	for _, bad := range []string{"", "https://www.notion.so/no-id-here?v=6b0d549b6f03475a9600a35a099950d8", "view"} {
		if l, err := notionapi.ParseLink(bad); err == nil {
			t.Errorf("ParseLink(%q) = %+v, want an error", bad, l)
		}
	}
	if got := notionapi.ViewLink("https://www.notion.so/Tasks-8726b5e925014b8c93e8619e8d929943", notiontest.DatabaseTasks, notiontest.ViewTasksOpen); got != demoViewLink {
		t.Errorf("ViewLink = %s", got)
	}
}

func TestViewsListAndLayout(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 50})
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	views, err := c.GetViews(ctx, notionapi.ListViewsParams{DatabaseID: notionapi.CompactID(notiontest.DatabaseTasks)})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, v := range views {
		names = append(names, v.Name+":"+v.Type)
	}
	if want := []string{"Table:table", "Open work:table", "Board:board"}; !slices.Equal(names, want) {
		t.Fatalf("views %v, want %v", names, want)
	}
	ds, err := c.GetDataSource(ctx, notiontest.DataSourceTasks)
	if err != nil {
		t.Fatal(err)
	}

	open := views[1]
	if open.URL != demoViewLink || open.DatabaseID() != notiontest.DatabaseTasks || open.DataSourceID != notiontest.DataSourceTasks || len(open.Sorts) != 2 || len(open.Filter) == 0 {
		t.Errorf("Open work: %+v", open)
	}
	l := open.Layout(ds.Properties)
	if want := []string{"Task", "Status", "Priority", "Assignee", "Due", "Project", "ID"}; !slices.Equal(l.Names(), want) {
		t.Errorf("columns %v, want %v", l.Names(), want)
	}
	if l.Frozen != 1 || l.WrapCells || len(l.Hidden) != len(ds.Properties)-7 || len(l.Missing) != 0 {
		t.Errorf("layout: frozen %d wrap %v hidden %d missing %v", l.Frozen, l.WrapCells, len(l.Hidden), l.Missing)
	}
	ids := l.PropertyIDs(ds.Properties, open.Sorts)
	if len(ids) != 7 {
		t.Errorf("filter_properties %v: want the 7 visible columns", ids)
	}
	if est, _ := ds.Properties.Get("Estimate"); slices.Contains(ids, est.ID) {
		t.Errorf("filter_properties %v holds the hidden Estimate", ids)
	}
	// A local sort needs its properties even when they are hidden.
	withSort := l.PropertyIDs(ds.Properties, []notionapi.Sort{{Property: "Estimate", Direction: notionapi.Ascending}})
	if est, _ := ds.Properties.Get("Estimate"); !slices.Contains(withSort, est.ID) {
		t.Errorf("filter_properties %v lacks the sort's Estimate", withSort)
	}

	board := views[2].Layout(ds.Properties)
	if board.GroupBy == nil || board.GroupBy.Name != "Status" || board.Group.GroupBy != "group" || board.Group.Sort == nil || board.Group.Sort.Type != "manual" {
		t.Errorf("board group %+v %+v", board.GroupBy, board.Group)
	}
	if want := []string{"Task", "Assignee", "Priority", "Due"}; !slices.Equal(board.Names(), want) {
		t.Errorf("board cards %v, want %v", board.Names(), want)
	}
	// The table of every row shows every property.
	if all := views[0].Layout(ds.Properties); len(all.Columns) != len(ds.Properties) || all.PropertyIDs(ds.Properties, nil) != nil {
		t.Errorf("Table shows %d of %d properties", len(all.Columns), len(ds.Properties))
	}
}

func TestViewLayoutWithoutConfiguration(t *testing.T) {
	t.Parallel()
	schema := notionapi.Schema{
		{ID: "title", Name: "Name", Type: notionapi.PropTitle},
		{ID: "a%3D", Name: "Score", Type: notionapi.PropNumber},
	}
	v := &notionapi.View{Name: "bare", Type: notionapi.ViewTable}
	if l := v.Layout(schema); len(l.Columns) != 2 || l.Frozen != 0 || l.GroupBy != nil {
		t.Errorf("layout %+v", l)
	}
	hidden := false
	last := 9
	v.Configuration = &notionapi.ViewConfig{Type: "table", FrozenColumnIndex: &last, Properties: []notionapi.ViewProperty{
		{PropertyID: "a%3D", Width: 120},
		{PropertyID: "gone", PropertyName: "Deleted"},
		{PropertyID: "title", Visible: &hidden},
	}}
	l := v.Layout(schema)
	if !slices.Equal(l.Names(), []string{"Name", "Score"}) || l.Columns[1].Width != 120 || l.Frozen != 2 ||
		len(l.Hidden) != 0 || !slices.Equal(l.Missing, []string{"Deleted"}) {
		t.Errorf("layout %+v", l)
	}
	if ids := l.PropertyIDs(schema, nil); !slices.Equal(ids, nil) {
		t.Errorf("every property is shown, so none need be named: %v", ids)
	}
}

// The data source read with the view's filter and sorts returns what the
// view query returns, in its order.
func TestReadViewMatchesTheViewQuery(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 50})
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	var want []string
	for ref, err := range c.ViewQueryAll(ctx, notiontest.ViewTasksOpen) {
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, ref.ID)
	}
	if len(want) < 3 {
		t.Fatalf("the view query returned %d rows", len(want))
	}
	deleted := false
	for _, r := range srv.Requests() {
		deleted = deleted || r.Method == "DELETE" && strings.Contains(r.Path, "/queries/") && r.Status == 200
	}
	if !deleted {
		t.Error("ViewQueryAll left its view query behind")
	}

	srv.ResetRequests()
	plan, err := c.PlanViewRead(ctx, notiontest.ViewTasksOpen, notionapi.ViewPlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Path != notionapi.ViewReadQuery || plan.Count != len(want) || plan.Capped {
		t.Errorf("plan %s: %s", plan.Path, plan.Describe())
	}
	var got []string
	for pg, err := range c.ReadView(ctx, plan, 0, notionapi.ReadAllOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, pg.ID)
		if _, ok := pg.Properties["Estimate"]; ok {
			t.Fatalf("row %s carries the hidden Estimate", pg.ID)
		}
		if _, ok := pg.Properties["Task"]; !ok {
			t.Fatalf("row %s lacks the title", pg.ID)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows read %v\nwant (view query) %v", got, want)
	}
	var queries []string
	for _, r := range srv.Requests() {
		queries = append(queries, r.Method+" "+r.Path)
	}
	if !slices.Contains(queries, "POST /v1/views/"+notiontest.ViewTasksOpen+"/queries") {
		t.Errorf("no view query counted the rows: %v", queries)
	}

	// A limited read asks no view query.
	srv.ResetRequests()
	plan, err = c.PlanViewRead(ctx, notiontest.ViewTasksOpen, notionapi.ViewPlanOptions{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "/queries") {
			t.Errorf("a limited read sent %s %s", r.Method, r.Path)
		}
	}
	got = got[:0]
	for pg, err := range c.ReadView(ctx, plan, 2, notionapi.ReadAllOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, pg.ID)
	}
	if !slices.Equal(got, want[:2]) || plan.Count != -1 {
		t.Errorf("limited read %v (count %d), want %v", got, plan.Count, want[:2])
	}
}

// Past the cap the view query stops; the windowed read returns every row,
// sorted here in the order Notion sorts the first 10,000.
func TestReadViewPastTheCap(t *testing.T) {
	t.Parallel()
	const rows, limit = 600, 20
	srv := notiontest.Start(t, notiontest.Options{Rows: rows, ResultCap: limit, ImportBatch: 20})
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()

	var capped []string
	var capErr error
	for ref, err := range c.ViewQueryAll(ctx, notiontest.ViewEventLogErrors) {
		if err != nil {
			capErr = err
			break
		}
		capped = append(capped, ref.ID)
	}
	errorRows := 0
	for _, err := range c.ReadAll(ctx, notiontest.DataSourceEventLog, notionapi.QueryParams{Filter: `{"property":"Level","select":{"equals":"error"}}`}, notionapi.ReadAllOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		errorRows++
	}
	if errorRows <= limit {
		// Not past the cap: raise rows until it is.
		t.Fatalf("only %d error rows; the test needs more than %d", errorRows, limit)
	}
	if !errors.Is(capErr, notionapi.ErrResultLimit) || len(capped) != limit {
		t.Fatalf("view query: %d rows, %v; want %d and the result limit", len(capped), capErr, limit)
	}

	plan, err := c.PlanViewRead(ctx, notiontest.ViewEventLogErrors, notionapi.ViewPlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Path != notionapi.ViewReadWindowed || !plan.Capped || plan.Count != limit || !plan.SortsLocally() {
		t.Fatalf("plan %s: %s", plan.Path, plan.Describe())
	}
	if d := plan.Describe(); !strings.Contains(d, "windowed read, sorted here") || !strings.Contains(d, fmt.Sprintf("more than %d rows", limit)) {
		t.Errorf("Describe: %s", d)
	}
	var got []string
	seen := map[string]bool{}
	for pg, err := range c.ReadView(ctx, plan, 0, notionapi.ReadAllOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		if seen[pg.ID] {
			t.Fatalf("row %s twice", pg.ID)
		}
		seen[pg.ID] = true
		got = append(got, pg.ID)
	}
	if len(got) != errorRows {
		t.Fatalf("read %d rows, want %d", len(got), errorRows)
	}
	if !slices.Equal(got[:limit], capped) {
		t.Errorf("the local sort disagrees with Notion's order on the first %d rows", limit)
	}

	// Every row of a view without sorts: the windowed read, oldest first.
	plan, err = c.PlanViewRead(ctx, notiontest.ViewEventLogAll, notionapi.ViewPlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Path != notionapi.ViewReadWindowed || plan.SortsLocally() {
		t.Errorf("plan %s: %s", plan.Path, plan.Describe())
	}
	n := 0
	for _, err := range c.ReadView(ctx, plan, 0, notionapi.ReadAllOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != rows {
		t.Errorf("read %d of %d rows", n, rows)
	}
}

func TestViewsNeedTheDataSourceVersions(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	c := newClient(t, srv, notiontest.TokenFull, notionapi.WithVersion(notionapi.Version20220628))
	ctx := context.Background()
	if _, err := c.GetView(ctx, notiontest.ViewTasksOpen); !errors.Is(err, notionapi.ErrNoViews) {
		t.Errorf("GetView: %v", err)
	}
	if _, err := c.PlanViewRead(ctx, notiontest.ViewTasksOpen, notionapi.ViewPlanOptions{}); !errors.Is(err, notionapi.ErrNoViews) {
		t.Errorf("PlanViewRead: %v", err)
	}
	if len(srv.Requests()) != 0 {
		t.Errorf("%d requests sent for calls that cannot work", len(srv.Requests()))
	}
}

func TestViewErrors(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	if _, err := c.GetView(ctx, notiontest.PageHome); notionapi.StatusOf(err) != 404 {
		t.Errorf("unknown view: %v", err)
	}
	if _, err := c.GetView(ctx, "board"); err == nil || !strings.Contains(err.Error(), "view") {
		t.Errorf("malformed view ID: %v", err)
	}
	if _, err := c.ListViews(ctx, notionapi.ListViewsParams{}); err == nil {
		t.Error("listing views of nothing was sent")
	}
	q, err := c.CreateViewQuery(ctx, notiontest.ViewTasksBoard, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Results) != 2 || q.Cursor() == "" || q.TotalCount < 3 || q.ExpiresAt.IsZero() {
		t.Errorf("view query %+v", q)
	}
	page, err := c.ListViewQueryResults(ctx, notiontest.ViewTasksBoard, q.ID, notionapi.ListParams{StartCursor: q.Cursor(), PageSize: 2})
	if err != nil || len(page.Results) != 2 || page.Results[0].Object != "page" {
		t.Errorf("results %+v, %v", page, err)
	}
	if err := c.DeleteViewQuery(ctx, notiontest.ViewTasksBoard, q.ID); err != nil {
		t.Error(err)
	}
	if err := c.DeleteViewQuery(ctx, notiontest.ViewTasksBoard, q.ID); err != nil {
		t.Errorf("a second delete: %v", err)
	}
	if _, err := c.ListViewQueryResults(ctx, notiontest.ViewTasksBoard, q.ID, notionapi.ListParams{}); notionapi.StatusOf(err) != 404 {
		t.Errorf("results of a deleted query: %v", err)
	}
}

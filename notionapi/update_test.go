package notionapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// firstTask returns a row of the Tasks data source that is not done.
func firstTask(t *testing.T, c *notionapi.Client) notionapi.Page {
	t.Helper()
	table := notiontest.DataSourceTasks
	if !notionapi.UsesDataSources(c.Version()) {
		table = notiontest.DatabaseTasks
	}
	l, err := c.Query(context.Background(), table, notionapi.QueryParams{
		Filter:   map[string]any{"property": "Done", "checkbox": map[string]any{"equals": false}},
		PageSize: 1,
	})
	if err != nil || len(l.Results) == 0 {
		t.Fatalf("no open task: %v", err)
	}
	return l.Results[0]
}

// methods lists the method and path of every request the sandbox saw.
func methods(srv *notiontest.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

func TestUpdatePageSetsAndClearsProperties(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	task := firstTask(t, c)
	srv.ResetRequests()

	pg, err := c.UpdatePage(ctx, task.ID, notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{
		"Status":   notionapi.StatusValue("Done"),
		"Done":     notionapi.CheckboxValue(true),
		"Estimate": {Type: notionapi.PropNumber}, // cleared
		"Due":      notionapi.DateValueOf("2026-12-24", ""),
		"Assignee": notionapi.PeopleValue(notiontest.UserSofiaRossi),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got := methods(srv); !slices.Equal(got, []string{"PATCH /v1/pages/" + task.ID}) {
		t.Fatalf("requests %v", got)
	}
	for name, want := range map[string]string{"Status": "Done", "Done": "true", "Estimate": "", "Due": "2026-12-24", "Assignee": "Sofia Rossi"} {
		if got := notionapi.Cell(pg.Properties[name]); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal(srv.Requests()[0].Body, &body); err != nil {
		t.Fatal(err)
	}
	if _, ok := body["in_trash"]; ok || len(body) != 1 {
		t.Errorf("body %s", srv.Requests()[0].Body)
	}

	if _, err := c.UpdatePage(ctx, task.ID, notionapi.UpdatePageParams{}); !errors.Is(err, notionapi.ErrNothingToUpdate) {
		t.Errorf("empty update: %v", err)
	}
	if _, err := c.UpdatePage(ctx, "nope", notionapi.UpdatePageParams{InTrash: new(bool)}); err == nil {
		t.Error("a malformed ID was sent")
	}
}

// TestTrashAndRestoreFollowTheVersion: in_trash from 2026-03-11 on,
// archived before; Trashed reads both.
func TestTrashAndRestoreFollowTheVersion(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	ctx := context.Background()
	for _, tt := range []struct{ version, field string }{
		{notionapi.Version20260311, "in_trash"},
		{notionapi.Version20250903, "archived"},
		{notionapi.Version20220628, "archived"},
	} {
		c := newClient(t, srv, notiontest.TokenFull, notionapi.WithVersion(tt.version))
		task := firstTask(t, c)
		srv.ResetRequests()
		pg, err := c.TrashPage(ctx, task.ID)
		if err != nil {
			t.Fatalf("%s: %v", tt.version, err)
		}
		if !pg.Trashed() {
			t.Errorf("%s: not trashed: %+v", tt.version, pg)
		}
		if body := string(srv.Requests()[0].Body); body != `{"`+tt.field+`":true}` {
			t.Errorf("%s: body %s", tt.version, body)
		}
		// A trashed page takes no edit.
		_, err = c.UpdatePage(ctx, task.ID, notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{"Done": notionapi.CheckboxValue(true)}})
		if !notionapi.IsCode(err, notionapi.CodeValidationError) {
			t.Errorf("%s: edit of a trashed page: %v", tt.version, err)
		}
		pg, err = c.RestorePage(ctx, task.ID)
		if err != nil || pg.Trashed() {
			t.Fatalf("%s: restore: %v %+v", tt.version, err, pg)
		}
	}
}

// TestAnAmbiguousUpdateIsReadBackNeverResent: after a lost answer the
// page is read, and the error says what it holds; the PATCH goes once.
func TestAnAmbiguousUpdateIsReadBackNeverResent(t *testing.T) {
	t.Parallel()
	change := notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{
		"Status": notionapi.StatusValue("Blocked"),
		"Task":   notionapi.TitleValue("Renamed while the network failed"),
	}}
	for _, tt := range []struct {
		name    string
		faults  []notiontest.Fault
		timeout time.Duration
		token   string
		state   notionapi.UpdateState
		differs []string
	}{
		{name: "502 after saving", faults: []notiontest.Fault{{Method: "PATCH", Status: 502, AfterCommit: true}}, state: notionapi.UpdateApplied},
		{name: "500 before saving", faults: []notiontest.Fault{{Method: "PATCH", Status: 500}}, state: notionapi.UpdateNotApplied, differs: []string{"Status", "Task"}},
		{name: "503 that Notion says was saved", token: notiontest.TokenCommitThen503, state: notionapi.UpdateApplied},
		{name: "dropped after saving", faults: []notiontest.Fault{{Method: "PATCH", Drop: true, AfterCommit: true}}, state: notionapi.UpdateApplied},
		{name: "dropped before saving", faults: []notiontest.Fault{{Method: "PATCH", Drop: true}}, state: notionapi.UpdateNotApplied, differs: []string{"Status", "Task"}},
		{name: "timeout after saving", faults: []notiontest.Fault{{Method: "PATCH", AfterCommit: true, Delay: time.Minute}}, timeout: 300 * time.Millisecond, state: notionapi.UpdateApplied},
		{name: "read back fails too", faults: []notiontest.Fault{{Method: "PATCH", Status: 504}, {Method: "GET", Path: "/v1/pages/", Status: 500, Times: 10}}, state: notionapi.UpdateUnknown},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := notiontest.Start(t, notiontest.Options{Rows: 20})
			task := firstTask(t, newClient(t, srv, notiontest.TokenFull))
			token := notiontest.TokenFull
			if tt.token != "" {
				token = tt.token
			}
			var opts []notionapi.Option
			if tt.timeout > 0 {
				opts = append(opts, notionapi.WithTimeout(tt.timeout))
			}
			c := instant(newClient(t, srv, token, opts...))
			for _, f := range tt.faults {
				srv.InjectFault(f)
			}
			srv.ResetRequests()
			pg, err := c.UpdatePage(context.Background(), task.ID, change)
			var u *notionapi.UnconfirmedUpdateError
			if !errors.As(err, &u) {
				t.Fatalf("error %v (%T), want *UnconfirmedUpdateError", err, err)
			}
			if u.State != tt.state || !slices.Equal(u.Differs, tt.differs) {
				t.Errorf("state %v, differs %v; want %v, %v (%v)", u.State, u.Differs, tt.state, tt.differs, err)
			}
			if !notionapi.Ambiguous(u.Err) || !errors.Is(err, u.Err) {
				t.Errorf("the failure %v is not kept", u.Err)
			}
			patches := func() int {
				n := 0
				for _, m := range methods(srv) {
					if m == "PATCH /v1/pages/"+task.ID {
						n++
					}
				}
				return n
			}
			// A PATCH whose answer the client stopped waiting for is
			// recorded when the sandbox sees the client go away, which
			// may come after the read-back's answer: wait for it. A
			// second PATCH would have been sent before UpdatePage
			// returned.
			tick := time.NewTicker(5 * time.Millisecond)
			defer tick.Stop()
			for deadline := time.Now().Add(10 * time.Second); patches() == 0 && time.Now().Before(deadline); {
				<-tick.C
			}
			if patches := patches(); patches != 1 {
				t.Errorf("the update was sent %d times: %v", patches, methods(srv))
			}
			switch tt.state {
			case notionapi.UpdateUnknown:
				if pg != nil || u.Page != nil || u.ReadErr == nil {
					t.Errorf("unknown state with page %v, read error %v", pg, u.ReadErr)
				}
			default:
				if pg == nil || pg != u.Page || pg.ID != task.ID {
					t.Errorf("page read back: %+v", pg)
				}
			}
			t.Log(err)
		})
	}
}

// TestARefusedUpdateIsNotReadBack: a 4xx is an answer: no read-back.
func TestARefusedUpdateIsNotReadBack(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	c := newClient(t, srv, notiontest.TokenFull)
	task := firstTask(t, c)
	srv.ResetRequests()
	_, err := c.UpdatePage(context.Background(), task.ID, notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{
		"Status": notionapi.StatusValue("Someday"),
	}})
	var u *notionapi.UnconfirmedUpdateError
	if !notionapi.IsCode(err, notionapi.CodeValidationError) || errors.As(err, &u) {
		t.Fatalf("error %v", err)
	}
	if got := methods(srv); len(got) != 1 {
		t.Errorf("requests %v", got)
	}
	// Without the update capability: 403, no read-back either.
	srv.ResetRequests()
	_, err = newClient(t, srv, notiontest.TokenReadOnly).TrashPage(context.Background(), task.ID)
	if notionapi.StatusOf(err) != http.StatusForbidden || len(srv.Requests()) != 1 {
		t.Fatalf("read-only trash: %v, %d requests", err, len(srv.Requests()))
	}
}

// TestAnUpdateCancelledIsNotReadBack: the caller's cancellation ends the
// call at once.
func TestAnUpdateCancelledIsNotReadBack(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	task := firstTask(t, newClient(t, srv, notiontest.TokenFull))
	srv.InjectFault(notiontest.Fault{Method: "PATCH", Delay: time.Minute})
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	c := newClient(t, srv, notiontest.TokenFull, notionapi.WithHooks(notionapi.Hooks{OnStart: func(notionapi.RequestInfo) { close(started) }}))
	go func() { <-started; cancel() }()
	_, err := c.TrashPage(ctx, task.ID)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v", err)
	}
	for _, m := range methods(srv) {
		if m == "GET /v1/pages/"+task.ID {
			t.Errorf("read back after a cancel: %v", methods(srv))
		}
	}
}

// TestDifferencesReadsACutRelationInFull: a relation over 25 pages is
// compared in full, through the property-item endpoint.
func TestDifferencesReadsACutRelationInFull(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	var ids []string
	for pg, err := range c.QueryAll(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) < 30 {
			ids = append(ids, pg.ID)
		}
	}
	l, err := c.Query(ctx, notiontest.DataSourceProjects, notionapi.QueryParams{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	project := l.Results[0]
	change := notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{"Tasks": notionapi.RelationValue(ids...)}}
	pg, err := c.UpdatePage(ctx, project.ID, change)
	if err != nil {
		t.Fatal(err)
	}
	if rel := pg.Properties["Tasks"]; !rel.HasMore || len(rel.Relation) != 25 {
		t.Fatalf("the answer holds %d references, has_more %v", len(rel.Relation), rel.HasMore)
	}
	diff, err := c.Differences(ctx, pg, change)
	if err != nil || len(diff) != 0 {
		t.Fatalf("differences %v, %v", diff, err)
	}
	change.Properties["Tasks"] = notionapi.RelationValue(ids[1:]...)
	if diff, err := c.Differences(ctx, pg, change); err != nil || !slices.Equal(diff, []string{"Tasks"}) {
		t.Fatalf("differences %v, %v", diff, err)
	}
}

// TestWritableValuePutsEveryValueBack: every value read from a row,
// made writable, is taken by the update and reads back the same: an undo
// puts back what was there.
func TestWritableValuePutsEveryValueBack(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	for _, ds := range []string{notiontest.DataSourceTasks, notiontest.DataSourceReadingList, notiontest.DataSourceProjects} {
		l, err := c.Query(ctx, ds, notionapi.QueryParams{PageSize: 3})
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range l.Results {
			before := map[string]notionapi.PropertyValue{}
			for name, v := range row.Properties {
				if w, ok := notionapi.WritableValue(v); ok {
					before[name] = w
				}
			}
			// Change each property to something else first where that is
			// easy, then put the old values back.
			if _, err := c.UpdatePage(ctx, row.ID, notionapi.UpdatePageParams{Properties: map[string]notionapi.PropertyValue{
				row.TitleName(): notionapi.TitleValue("changed"),
			}}); err != nil {
				t.Fatal(err)
			}
			back, err := c.UpdatePage(ctx, row.ID, notionapi.UpdatePageParams{Properties: before})
			if err != nil {
				t.Fatalf("%s: putting back %d values: %v", row.ID, len(before), err)
			}
			for name, v := range row.Properties {
				if _, ok := before[name]; ok && !notionapi.SameValue(v, back.Properties[name]) {
					t.Errorf("%s: %s was %q, reads back %q", row.Title(), name, notionapi.Cell(v), notionapi.Cell(back.Properties[name]))
				}
			}
		}
	}
	if _, ok := notionapi.WritableValue(notionapi.PropertyValue{Type: notionapi.PropFormula}); ok {
		t.Error("a formula is writable")
	}
}

// TestCancelledBeforeSendingSaysSo: a call cancelled while it waits for
// the pacer never left, and its error says so.
func TestCancelledBeforeSendingSaysSo(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 20})
	task := firstTask(t, newClient(t, srv, notiontest.TokenFull))
	waiting := make(chan struct{}, 2)
	c := newClient(t, srv, notiontest.TokenFull, notionapi.WithRate(0.01, 1), notionapi.WithHooks(notionapi.Hooks{OnStart: func(notionapi.RequestInfo) {
		select {
		case waiting <- struct{}{}:
		default:
		}
	}}))
	if _, err := c.GetPage(context.Background(), task.ID); err != nil { // spends the burst
		t.Fatal(err)
	}
	<-waiting
	srv.ResetRequests()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := c.TrashPage(ctx, task.ID); done <- err }()
	<-waiting
	cancel()
	err := <-done
	var ns *notionapi.NotSentError
	if !errors.As(err, &ns) || !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v (%T)", err, err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

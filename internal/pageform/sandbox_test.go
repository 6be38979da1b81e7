package pageform

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// sandbox starts the demo workspace with the test clock and returns a
// client for token.
func sandbox(t *testing.T, token string) (*notiontest.Server, *notionapi.Client) {
	t.Helper()
	srv := notiontest.Start(t, notiontest.Options{Rows: 50, Now: func() time.Time { return testNow }})
	c, err := notionapi.NewClient(token, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0), notionapi.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func dataSource(t *testing.T, c *notionapi.Client, id string) *notionapi.DataSource {
	t.Helper()
	ds, err := c.GetDataSource(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestCreateAndReadBack types a value for every writable property of the
// Reading List and Tasks data sources, creates the page in the sandbox,
// reads it back and compares each property with what was typed.
func TestCreateAndReadBack(t *testing.T) {
	ctx := context.Background()
	_, c := sandbox(t, notiontest.TokenFull)
	users, err := LoadUsers(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	env := Env{Now: testNow, Users: users, FindPages: FindPagesWith(ctx, c)}
	tests := []struct {
		ds    string
		typed map[string]string
		want  map[string]string // notionapi.Cell of the value read back
	}{{
		ds: notiontest.DataSourceReadingList,
		typed: map[string]string{
			"Name": "Working in Public", "Author": "Nadia Eghbal", "Status": "reading", "Pages": "1,024",
			"Rating": "★★★★", "Tags": "career, history", "Started": "yesterday", "Finished": "2026-12-01 → 2026-12-05",
			"Recommended": "yes", "Link": "openlibrary.org/works/OL1", "Owner": "Priya", "Notes": "Line one\nline two",
			"Cover": "https://covers.example/a/wip.jpg",
		},
		want: map[string]string{
			"Name": "Working in Public", "Author": "Nadia Eghbal", "Status": "Reading", "Pages": "1024",
			"Rating": "★★★★", "Tags": "career, history", "Started": "2026-11-20", "Finished": "2026-12-01 → 2026-12-05",
			"Recommended": "true", "Link": "https://openlibrary.org/works/OL1", "Owner": "Priya Raman", "Notes": "Line one\nline two",
			"Cover": "wip.jpg",
		},
	}, {
		ds: notiontest.DataSourceTasks,
		typed: map[string]string{
			"Task": "Write the form", "Status": "In review", "Priority": "p1 high", "Assignee": "maya.chen@acmelabs.example, Jonas",
			"Due": "2026-12-01 14:30 → 16:00", "Done": "no", "Estimate": "2.5", "Project": "billing v2",
			"Contact": "ops@northwind.example", "Phone": "+1 415 555 0100",
		},
		want: map[string]string{
			"Task": "Write the form", "Status": "In review", "Priority": "P1 High", "Assignee": "Maya Chen, Jonas Weber",
			"Due": "2026-12-01 14:30 +01:00 → 2026-12-01 16:00 +01:00", "Done": "false", "Estimate": "2.5",
			"Contact": "ops@northwind.example", "Phone": "+1 415 555 0100",
		},
	}}
	for _, tt := range tests {
		ds := dataSource(t, c, tt.ds)
		page, err := Build(ds.Properties, Input{Values: tt.typed, Content: "# Notes\n- [ ] read it"}, env)
		if err != nil {
			t.Fatalf("%s: %v", ds.Title.Plain(), err)
		}
		created, err := c.CreatePage(ctx, page.Params(c, ds))
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.GetPage(ctx, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		for name, want := range tt.want {
			if cell := notionapi.Cell(got.Properties[name]); cell != want {
				t.Errorf("%s.%s: typed %q, read back %q, want %q", ds.Title.Plain(), name, tt.typed[name], cell, want)
			}
		}
		if rel, ok := tt.typed["Project"]; ok {
			title := relatedTitle(t, c, got.Properties["Project"])
			if !strings.EqualFold(title, rel) {
				t.Errorf("Project: typed %q, related page is %q", rel, title)
			}
		}
		var kinds []string
		for b, err := range c.ListBlockChildrenAll(ctx, created.ID) {
			if err != nil {
				t.Fatal(err)
			}
			kinds = append(kinds, b.Type+":"+b.Text().RichText.Plain())
		}
		if strings.Join(kinds, "|") != "heading_1:Notes|to_do:read it" {
			t.Errorf("content read back: %q", kinds)
		}
	}
}

func relatedTitle(t *testing.T, c *notionapi.Client, v notionapi.PropertyValue) string {
	t.Helper()
	if len(v.Relation) != 1 {
		t.Fatalf("relation %+v, want one page", v.Relation)
	}
	pg, err := c.GetPage(context.Background(), v.Relation[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return pg.Title()
}

func TestAmbiguousAndFindCreated(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		fault     notiontest.Fault
		ambiguous bool
		created   bool
	}{
		{"500 after saving", notiontest.Fault{Method: "POST", Path: "/v1/pages", Status: 500, AfterCommit: true}, true, true},
		{"connection dropped after saving", notiontest.Fault{Method: "POST", Path: "/v1/pages", Drop: true, AfterCommit: true}, true, true},
		{"502 before saving", notiontest.Fault{Method: "POST", Path: "/v1/pages", Status: 502}, true, false},
		{"dropped before saving", notiontest.Fault{Method: "POST", Path: "/v1/pages", Drop: true}, true, false},
		{"409 conflict", notiontest.Fault{Method: "POST", Path: "/v1/pages", Status: 409}, false, false},
		{"429 rate limited", notiontest.Fault{Method: "POST", Path: "/v1/pages", Status: 429}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := sandbox(t, notiontest.TokenFull)
			ds := dataSource(t, c, notiontest.DataSourceTasks)
			before := srv.PageCount(ds.ID)
			page, err := Build(ds.Properties, Input{Values: map[string]string{"Task": "Call the bank"}}, Env{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			srv.InjectFault(tt.fault)
			_, err = c.CreatePage(ctx, page.Params(c, ds))
			if err == nil {
				t.Fatal("the fault did not fail the create")
			}
			if Ambiguous(err) != tt.ambiguous {
				t.Fatalf("Ambiguous(%v) = %v", err, !tt.ambiguous)
			}
			found, err := FindCreated(ctx, c, ds, page.Title, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if (found != nil) != tt.created || srv.PageCount(ds.ID) != before+btoi(tt.created) {
				t.Fatalf("found %v, pages %d → %d; want created=%v", found, before, srv.PageCount(ds.ID), tt.created)
			}
			if found != nil && found.Title() != "Call the bank" {
				t.Errorf("found %q", found.Title())
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestFindCreatedIgnoresOlderPages(t *testing.T) {
	ctx := context.Background()
	_, c := sandbox(t, notiontest.TokenFull)
	ds := dataSource(t, c, notiontest.DataSourceTasks)
	// A seeded task has this title but was created months ago.
	old := "Write login flow"
	if got, err := FindCreated(ctx, c, ds, old, testNow); err != nil || got != nil {
		t.Fatalf("FindCreated(%q) = %v, %v; want nothing", old, got, err)
	}
	if _, err := c.CreatePage(ctx, notionapi.CreatePageParams{Parent: c.DataSourceParent(ds), Properties: map[string]notionapi.PropertyValue{"Task": notionapi.TitleValue(old)}}); err != nil {
		t.Fatal(err)
	}
	got, err := FindCreated(ctx, c, ds, old, testNow.Add(30*time.Second))
	if err != nil || got == nil || !got.CreatedTime.Equal(testNow.Truncate(time.Minute)) { // Notion rounds down to the minute
		t.Fatalf("FindCreated after the create = %+v, %v", got, err)
	}
}

func TestSearchRelated(t *testing.T) {
	ctx := context.Background()
	_, c := sandbox(t, notiontest.TokenFull)
	ds := dataSource(t, c, notiontest.DataSourceTasks)
	rel, _ := ds.Properties.Get("Project")
	pages, err := SearchRelated(ctx, c, rel, "billing", 10)
	if err != nil || len(pages) != 1 || pages[0].Title() != "Billing v2" {
		t.Fatalf("SearchRelated(billing) = %d pages, %v", len(pages), err)
	}
	all, err := SearchRelated(ctx, c, rel, "", 5)
	if err != nil || len(all) != 5 {
		t.Fatalf("SearchRelated(\"\", 5) = %d pages, %v", len(all), err)
	}
	title, _ := ds.Properties.Get("Task")
	if _, err := SearchRelated(ctx, c, title, "x", 5); err == nil {
		t.Error("SearchRelated on a title property did not fail")
	}
}

func TestRelationTargetByVersion(t *testing.T) {
	p := notionapi.PropertySchema{Name: "Project", Type: notionapi.PropRelation, Relation: &notionapi.RelationConfig{DatabaseID: "db", DataSourceID: "ds"}}
	for v, want := range map[string]string{notionapi.Version20220628: "db", notionapi.Version20250903: "ds", notionapi.Version20260311: "ds"} {
		if got, err := RelationTarget(p, v); err != nil || got != want {
			t.Errorf("RelationTarget(%s) = %q, %v; want %q", v, got, err, want)
		}
	}
}

func TestLoadUsersForbidden(t *testing.T) {
	_, c := sandbox(t, notiontest.TokenNoUserInfo)
	_, err := LoadUsers(context.Background(), c)
	var apiErr *notionapi.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 403 {
		t.Fatalf("LoadUsers with no user information capability: %v", err)
	}
}

// TestOldVersion creates, finds and relates pages under 2022-06-28, where
// rows belong to databases and relations are queried through them.
func TestOldVersion(t *testing.T) {
	ctx := context.Background()
	srv := notiontest.Start(t, notiontest.Options{Rows: 50, Now: func() time.Time { return testNow }})
	c, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()), notionapi.WithRate(0, 0),
		notionapi.WithVersion(notionapi.Version20220628))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := c.ResolveDataSource(ctx, notiontest.DatabaseTasks)
	if err != nil {
		t.Fatal(err)
	}
	page, err := Build(ds.Properties, Input{Values: map[string]string{"Task": "Old API", "Project": "search revamp"}},
		Env{Now: testNow, FindPages: FindPagesWith(ctx, c)})
	if err != nil {
		t.Fatal(err)
	}
	params := page.Params(c, ds)
	if params.Parent.DatabaseID != notiontest.DatabaseTasks || params.Parent.DataSourceID != "" {
		t.Fatalf("parent %+v", params.Parent)
	}
	srv.InjectFault(notiontest.Fault{Method: "POST", Path: "/v1/pages", Status: 504, AfterCommit: true})
	if _, err := c.CreatePage(ctx, params); !Ambiguous(err) {
		t.Fatalf("create: %v", err)
	}
	found, err := FindCreated(ctx, c, ds, "Old API", testNow)
	if err != nil || found == nil {
		t.Fatalf("FindCreated = %v, %v", found, err)
	}
	if rel := found.Properties["Project"].Relation; len(rel) != 1 {
		t.Errorf("Project = %+v", rel)
	}
}

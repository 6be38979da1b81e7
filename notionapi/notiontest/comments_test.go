package notiontest

import (
	"testing"
	"time"
)

func commentText(s string) []any {
	return []any{map[string]any{"text": map[string]any{"content": s}}}
}

func TestComments(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{Now: func() time.Time { return testNow.Add(90 * time.Second) }})
	list := func(id string) []map[string]any {
		return a.do("GET", "/v1/comments?block_id="+id, nil).ok(t).results()
	}
	seeded := list(PageGettingStarted)
	if len(seeded) != 2 || seeded[0]["discussion_id"] != seeded[1]["discussion_id"] ||
		seeded[0]["created_time"].(string) >= seeded[1]["created_time"].(string) {
		t.Fatalf("seeded page comments (one discussion, oldest first): %v", seeded)
	}
	first := seeded[0]
	if first["object"] != "comment" || first["parent"].(map[string]any)["page_id"] != PageGettingStarted ||
		first["display_name"].(map[string]any)["resolved_name"] != "Jonas Weber" || len(first["created_by"].(map[string]any)) != 2 {
		t.Errorf("comment %v", first)
	}
	heading := seedID("block/"+PageGettingStarted, 3)
	if inline := list(heading); len(inline) != 1 || inline[0]["parent"].(map[string]any)["block_id"] != heading {
		t.Errorf("block comments %v", inline)
	}

	added := a.do("POST", "/v1/comments", map[string]any{
		"parent": map[string]any{"page_id": PageGettingStarted}, "rich_text": commentText("A new thread"),
	}).ok(t).body
	if added["created_time"] != "2026-11-21T12:01:00.000Z" || added["display_name"].(map[string]any)["resolved_name"] != IntegrationName ||
		added["discussion_id"] == first["discussion_id"] {
		t.Errorf("new comment %v", added)
	}
	reply := a.do("POST", "/v1/comments", map[string]any{
		"discussion_id": first["discussion_id"], "markdown": "Replying **here**",
		"display_name": map[string]any{"type": "custom", "custom": map[string]any{"name": "Release bot"}},
	}).ok(t).body
	if reply["discussion_id"] != first["discussion_id"] || reply["display_name"].(map[string]any)["resolved_name"] != "Release bot" {
		t.Errorf("reply %v", reply)
	}
	if got := list(PageGettingStarted); len(got) != 4 || got[3]["id"] != reply["id"] {
		t.Errorf("after two comments: %v", ids(got))
	}
	a.do("GET", "/v1/comments/"+reply["id"].(string), nil).ok(t)

	// Paging, and the errors.
	paged := a.do("GET", "/v1/comments?block_id="+PageGettingStarted+"&page_size=3", nil).ok(t)
	if len(paged.results()) != 3 || paged.body["has_more"] != true || paged.body["type"] != "comment" {
		t.Errorf("page of 3: %v", paged.body)
	}
	runChecks(t, a, []check{
		{"block_id is required", "", "", "GET", "/v1/comments", nil, 400, "validation_error",
			"query failed validation: query.block_id should be defined, instead was `undefined`."},
		{"unshared page", "", "", "GET", "/v1/comments?block_id=" + PageUnshared, nil, 404, "object_not_found",
			"Could not find block with ID: " + PageUnshared + `. Make sure the relevant pages and databases are shared with your integration "notion-tui Demo".`},
		{"parent or discussion", "", "", "POST", "/v1/comments", map[string]any{"rich_text": commentText("x")}, 400, "validation_error",
			"body failed validation. Fix one:\nbody.parent should be defined, instead was `undefined`.\nbody.discussion_id should be defined, instead was `undefined`."},
		{"unknown discussion", "", "", "POST", "/v1/comments", map[string]any{"discussion_id": PageHome, "rich_text": commentText("x")}, 404, "object_not_found",
			"Could not find discussion with ID: " + PageHome + `. Make sure the relevant pages and databases are shared with your integration "notion-tui Demo".`},
		{"text is required", "", "", "POST", "/v1/comments", map[string]any{"parent": map[string]any{"page_id": PageHome}}, 400, "validation_error",
			"body failed validation. Fix one:\nbody.rich_text should be defined, instead was `undefined`.\nbody.markdown should be defined, instead was `undefined`."},
		{"read-only cannot comment", TokenReadOnly, "", "POST", "/v1/comments", map[string]any{"parent": map[string]any{"page_id": PageHome}, "rich_text": commentText("x")}, 403, "restricted_resource",
			"Insufficient permissions for this endpoint."},
	})
}

func TestCommentsOfAPersonalAccessToken(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{}).as(TokenPersonal, "")
	c := a.do("POST", "/v1/comments", map[string]any{"parent": map[string]any{"page_id": PageUnshared}, "rich_text": commentText("Mine")}).ok(t).body
	if c["created_by"].(map[string]any)["id"] != UserMayaChen || c["display_name"].(map[string]any)["type"] != "user" {
		t.Errorf("comment of a personal access token: %v", c)
	}
}

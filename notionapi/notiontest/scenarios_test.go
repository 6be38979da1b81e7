package notiontest

import (
	"slices"
	"strconv"
	"testing"
	"time"
)

func TestScenariosListEveryToken(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, sc := range Scenarios() {
		if sc.Token == "" || sc.Name == "" || sc.Description == "" || seen[sc.Token] {
			t.Errorf("scenario %+v is incomplete or repeated", sc)
		}
		seen[sc.Token] = true
		if _, ok := staticTokens[sc.Token]; !ok && sc.Token != TokenRevoked {
			t.Errorf("scenario %q has no principal", sc.Name)
		}
	}
	for token := range staticTokens {
		if !seen[token] {
			t.Errorf("token %s is not listed by Scenarios", token)
		}
	}
	if Scenarios()[0].Token != TokenFull {
		t.Error("the full-access token is not listed first")
	}
}

// TestCapabilitiesPerEndpoint: Notion judges each endpoint by the
// capability it needs, not the token by a bundle.
func TestCapabilitiesPerEndpoint(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	row := seedID(DataSourceTasks, 2)
	tests := []struct {
		token        string
		method, path string
		body         any
		status       int
	}{
		{TokenInsertOnly, "POST", "/v1/pages", inTasks(map[string]any{"Task": title("Inserted")}), 200},
		{TokenInsertOnly, "PATCH", "/v1/blocks/" + PageGettingStarted + "/children", map[string]any{"children": paragraphs(1)}, 200},
		{TokenInsertOnly, "GET", "/v1/pages/" + row, nil, 403},
		{TokenInsertOnly, "PATCH", "/v1/pages/" + row, map[string]any{"properties": map[string]any{"Done": map[string]any{"checkbox": true}}}, 403},
		{TokenInsertOnly, "POST", "/v1/data_sources/" + DataSourceTasks + "/query", nil, 403},
		{TokenInsertOnly, "POST", "/v1/search", nil, 403},
		{TokenUpdateOnly, "PATCH", "/v1/pages/" + row, map[string]any{"properties": map[string]any{"Done": map[string]any{"checkbox": true}}}, 200},
		{TokenUpdateOnly, "POST", "/v1/pages", inTasks(map[string]any{"Task": title("Not inserted")}), 403},
		{TokenUpdateOnly, "GET", "/v1/pages/" + row, nil, 403},
		{TokenUpdateOnly, "GET", "/v1/blocks/" + row + "/children", nil, 403},
		{TokenReadOnly, "PATCH", "/v1/pages/" + row, map[string]any{"in_trash": true}, 403},
		{TokenReadOnly, "POST", "/v1/pages", inTasks(map[string]any{"Task": title("Not inserted")}), 403},
		{TokenNoContent, "GET", "/v1/users", nil, 200},
		{TokenNoUserInfo, "GET", "/v1/users/" + UserMayaChen, nil, 403},
	}
	for _, tt := range tests {
		r := a.as(tt.token, "").do(tt.method, tt.path, tt.body)
		if r.status != tt.status {
			t.Errorf("%s %s %s: status %d, want %d: %s", tt.token, tt.method, tt.path, r.status, tt.status, r.raw)
			continue
		}
		if tt.status == 403 && r.body["message"] != "Insufficient permissions for this endpoint." {
			t.Errorf("%s %s %s: message %q", tt.token, tt.method, tt.path, r.body["message"])
		}
	}
}

// TestPartialAnswersWithoutReadContent: a write without read content
// answers {object, id}: no url, no properties.
func TestPartialAnswersWithoutReadContent(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	created := a.as(TokenInsertOnly, "").do("POST", "/v1/pages", inTasks(map[string]any{"Task": title("Inserted blind")})).ok(t).body
	if len(created) != 2 || created["object"] != "page" || !uuidPattern.MatchString(created["id"].(string)) {
		t.Fatalf("insert-only create answered %v", created)
	}
	back := a.do("GET", "/v1/pages/"+created["id"].(string), nil).ok(t).body
	if plain(back, "Task") != "Inserted blind" || back["created_by"].(map[string]any)["id"] != BotID {
		t.Errorf("the page created blind reads back as %v", back)
	}
	updated := a.as(TokenUpdateOnly, "").do("PATCH", "/v1/pages/"+created["id"].(string), map[string]any{
		"properties": map[string]any{"Estimate": map[string]any{"number": 5}},
	}).ok(t).body
	if len(updated) != 2 || updated["id"] != created["id"] {
		t.Errorf("update-only answered %v", updated)
	}
	if n := propOf(a.do("GET", "/v1/pages/"+created["id"].(string), nil).ok(t).body, "Estimate")["number"]; n != 5.0 {
		t.Errorf("Estimate after the blind update: %v", n)
	}
	blocks := a.as(TokenInsertOnly, "").do("PATCH", "/v1/blocks/"+created["id"].(string)+"/children", map[string]any{"children": paragraphs(2)}).ok(t).results()
	if len(blocks) != 2 || len(blocks[0]) != 2 || blocks[0]["object"] != "block" {
		t.Errorf("insert-only append answered %v", blocks)
	}
}

func TestPersonalAccessToken(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	pat := a.as(TokenPersonal, "")
	me := pat.do("GET", "/v1/users/me", nil).ok(t).body
	if me["id"] != UserMayaChen || me["type"] != "person" || me["person"].(map[string]any)["email"] == nil {
		t.Errorf("users/me of a personal access token: %v", me)
	}
	if msg := pat.do("GET", "/v1/users", nil).wantError(t, 403, "restricted_resource"); msg != "Insufficient permissions for this endpoint." {
		t.Errorf("listing users: %q", msg)
	}
	pat.do("GET", "/v1/users/"+UserMayaChen, nil).ok(t)
	// It sees what is not shared with the integration.
	pat.do("GET", "/v1/databases/"+DatabaseUnshared, nil).ok(t)
	pat.do("GET", "/v1/pages/"+PageUnshared, nil).ok(t)
	rows, _ := pat.queryAll(DataSourceUnshared, map[string]any{})
	if len(rows) != 5 {
		t.Errorf("%d contracts, want 5", len(rows))
	}
	found := pat.do("POST", "/v1/search", map[string]any{"query": "contracts"}).ok(t).results()
	if !slices.ContainsFunc(found, func(r map[string]any) bool { return r["id"] == DataSourceUnshared }) {
		t.Errorf("search by a personal access token misses Customer Contracts: %v", ids(found))
	}
	if hidden := a.do("POST", "/v1/search", map[string]any{"query": "contracts"}).ok(t).results(); len(hidden) != 0 {
		t.Errorf("the integration finds %v", ids(hidden))
	}
	// Its writes are the person's, and "me" is the person.
	created := pat.do("POST", "/v1/pages", inTasks(map[string]any{
		"Task": title("Mine"), "Assignee": map[string]any{"people": []any{map[string]any{"id": UserMayaChen}}},
	})).ok(t).body
	if created["created_by"].(map[string]any)["id"] != UserMayaChen || created["last_edited_by"].(map[string]any)["id"] != UserMayaChen {
		t.Errorf("created by %v", created["created_by"])
	}
	mine, _ := pat.queryAll(DataSourceTasks, map[string]any{"filter": map[string]any{"property": "Assignee", "people": map[string]any{"contains": "me"}}})
	if !slices.Contains(ids(mine), created["id"].(string)) {
		t.Error(`"me" is not the token's person`)
	}
}

func TestNoCommentCapabilities(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	nc := a.as(TokenNoComments, "")
	nc.do("GET", "/v1/pages/"+PageGettingStarted, nil).ok(t)
	nc.do("GET", "/v1/comments?block_id="+PageGettingStarted, nil).wantError(t, 403, "restricted_resource")
	nc.do("POST", "/v1/comments", map[string]any{
		"parent": map[string]any{"page_id": PageGettingStarted}, "rich_text": []any{map[string]any{"text": map[string]any{"content": "hi"}}},
	}).wantError(t, 403, "restricted_resource")
	a.as(TokenReadOnly, "").do("GET", "/v1/comments?block_id="+PageGettingStarted, nil).ok(t)
}

func TestFreePlanBlockLimit(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	bl := a.as(TokenBlockLimit, "")
	before := a.s.PageCount(DataSourceTasks)
	r := bl.do("POST", "/v1/pages", inTasks(map[string]any{"Task": title("Over the limit")}))
	r.wantError(t, 403, "restricted_resource")
	if extra, _ := r.body["additional_data"].(map[string]any); extra["block_limit"] != "block_creation" {
		t.Errorf("additional_data %v", r.body["additional_data"])
	}
	if a.s.PageCount(DataSourceTasks) != before {
		t.Error("the refused page was created")
	}
	bl.do("PATCH", "/v1/blocks/"+PageGettingStarted+"/children", map[string]any{"children": paragraphs(1)}).wantError(t, 403, "restricted_resource")
	// Property edits and reads still work.
	row := seedID(DataSourceTasks, 1)
	bl.do("PATCH", "/v1/pages/"+row, map[string]any{"properties": map[string]any{"Done": map[string]any{"checkbox": true}}}).ok(t)
	bl.do("POST", "/v1/data_sources/"+DataSourceTasks+"/query", map[string]any{"page_size": 1}).ok(t)
}

// TestWriteSavedThen503: the write is saved, and the answer says so.
func TestWriteSavedThen503(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	w := a.as(TokenCommitThen503, "")
	before := a.s.PageCount(DataSourceTasks)
	r := w.do("POST", "/v1/pages", inTasks(map[string]any{"Task": title("Saved, then 503")}))
	r.wantError(t, 503, "service_unavailable")
	extra := r.body["additional_data"].(map[string]any)
	id, _ := extra["committed_resource_id"].(string)
	guidance, _ := extra["retry_guidance"].([]any)
	if len(guidance) != 2 || extra["deadline_ms"] == nil || extra["elapsed_ms"] == nil {
		t.Errorf("additional_data %v", extra)
	}
	if a.s.PageCount(DataSourceTasks) != before+1 {
		t.Fatal("the write was not saved")
	}
	if back := a.do("GET", "/v1/pages/"+id, nil).ok(t).body; plain(back, "Task") != "Saved, then 503" {
		t.Errorf("committed_resource_id %q reads back as %v", id, back)
	}
	// An update omits the ID; an append names the parent and the children.
	up := w.do("PATCH", "/v1/pages/"+id, map[string]any{"properties": map[string]any{"Estimate": map[string]any{"number": 8}}})
	up.wantError(t, 503, "service_unavailable")
	if _, has := up.body["additional_data"].(map[string]any)["committed_resource_id"]; has {
		t.Error("an update names a committed resource")
	}
	if n := propOf(a.do("GET", "/v1/pages/"+id, nil).ok(t).body, "Estimate")["number"]; n != 8.0 {
		t.Errorf("Estimate %v: the update was not saved", n)
	}
	app := w.do("PATCH", "/v1/blocks/"+id+"/children", map[string]any{"children": paragraphs(3)})
	app.wantError(t, 503, "service_unavailable")
	add := app.body["additional_data"].(map[string]any)
	children := a.do("GET", "/v1/blocks/"+id+"/children", nil).ok(t).results()
	if add["committed_resource_id"] != id || len(add["committed_child_ids"].([]any)) != 3 || len(children) != 3 ||
		add["committed_child_ids"].([]any)[0] != children[0]["id"] {
		t.Errorf("append: additional_data %v, children %v", add, ids(children))
	}
	// Reads are answered normally; invalid writes are refused as usual.
	w.do("GET", "/v1/pages/"+id, nil).ok(t)
	w.do("POST", "/v1/pages", inTasks(map[string]any{"Nope": title("x")})).wantError(t, 400, "validation_error")
}

func TestRateWindowPerConnection(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{WindowBudget: 3})
	for range 3 {
		a.do("GET", "/v1/users/me", nil).ok(t)
	}
	r := a.do("GET", "/v1/users/me", nil)
	r.wantError(t, 429, "rate_limited")
	secs, err := strconv.Atoi(r.header.Get("Retry-After"))
	if err != nil || secs < 1 || secs > 60 {
		t.Errorf("Retry-After %q, want the seconds left in the window", r.header.Get("Retry-After"))
	}
	if reason := r.body["additional_data"].(map[string]any)["rate_limit_reason"]; reason != "public_api_request_rate_limit" {
		t.Errorf("rate_limit_reason %v", reason)
	}
	// Another connection has its own window.
	a.as(TokenReadOnly, "").do("GET", "/v1/users/me", nil).ok(t)
	a.s.SetWindowBudget(0)
	a.do("GET", "/v1/users/me", nil).ok(t)

	b := newAPI(t, Options{}).as(TokenRateWindow, "")
	for i := range notionBudget {
		if r := b.do("GET", "/v1/users/me", nil); r.status != 200 {
			t.Fatalf("request %d of Notion's 180: %d", i+1, r.status)
		}
	}
	b.do("GET", "/v1/users/me", nil).wantError(t, 429, "rate_limited")
}

func TestWorkspaceRateLimit(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{}).as(TokenWorkspaceLimited, "")
	r := a.do("GET", "/v1/users/me", nil)
	r.wantError(t, 429, "rate_limited")
	secs, _ := strconv.Atoi(r.header.Get("Retry-After"))
	extra := r.body["additional_data"].(map[string]any)
	if secs <= 60 || extra["rate_limit_reason"] != "public_api_space_request_rate_limit" || extra["retry_after"] != r.header.Get("Retry-After") {
		t.Errorf("Retry-After %q, additional_data %v: want over a minute, for the workspace", r.header.Get("Retry-After"), extra)
	}
}

func TestRateWindowAndWorkspaceClocks(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(5000, 0)
	var w rateWindow
	for i := range 2 {
		if ok, _ := w.take(2, t0.Add(time.Duration(i)*time.Second)); !ok {
			t.Fatalf("request %d refused", i+1)
		}
	}
	if ok, wait := w.take(2, t0.Add(15*time.Second)); ok || wait != 45*time.Second {
		t.Errorf("third request: ok %v, wait %v; want a refusal for 45s", ok, wait)
	}
	if ok, _ := w.take(2, t0.Add(60*time.Second)); !ok {
		t.Error("the window did not reset after 60s")
	}

	var ws workspaceLimit
	if ok, wait := ws.take(t0); ok || wait != 90*time.Second {
		t.Errorf("first request: ok %v, wait %v", ok, wait)
	}
	if ok, wait := ws.take(t0.Add(30 * time.Second)); ok || wait != 60*time.Second {
		t.Errorf("during the block: ok %v, wait %v", ok, wait)
	}
	if ok, _ := ws.take(t0.Add(95 * time.Second)); !ok {
		t.Error("refused after the block")
	}
	if ok, _ := ws.take(t0.Add(151 * time.Second)); ok {
		t.Error("no new block after the open minute")
	}
}

func TestAllSevenVersionsAreAccepted(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	for _, v := range acceptedVersions {
		a.as("", v).do("GET", "/v1/users/me", nil).ok(t)
		a.as("", v).do("GET", "/v1/pages/"+PageGettingStarted, nil).ok(t)
	}
}

func TestMultipleDataSourcesUnder20220628(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{}).as("", "2022-06-28")
	for _, r := range []*response{
		a.do("GET", "/v1/databases/"+DatabaseTeamDirectory, nil),
		a.do("POST", "/v1/databases/"+DatabaseTeamDirectory+"/query", nil),
		a.do("POST", "/v1/pages", map[string]any{"parent": map[string]any{"database_id": DatabaseTeamDirectory}, "properties": map[string]any{}}),
	} {
		msg := r.wantError(t, 400, "validation_error")
		extra, _ := r.body["additional_data"].(map[string]any)
		sources, _ := extra["child_data_source_ids"].([]any)
		if msg != "Databases with multiple data sources are not supported in this API version." ||
			extra["error_type"] != "multiple_data_sources_for_database" || extra["database_id"] != DatabaseTeamDirectory ||
			extra["minimum_api_version"] != "2025-09-03" || len(sources) != 2 || sources[0] != DataSourceEngineering {
			t.Errorf("message %q, additional_data %v", msg, extra)
		}
	}
}

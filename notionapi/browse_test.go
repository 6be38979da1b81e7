package notionapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// small is a sandbox with a short Event Log, for tests that do not read it.
func small(t *testing.T) *notiontest.Server {
	return notiontest.Start(t, notiontest.Options{Rows: 50})
}

// pageTitled finds a row of a data source by its title.
func pageTitled(t *testing.T, c *notionapi.Client, ds, title string) notionapi.Page {
	t.Helper()
	for p, err := range c.QueryAll(context.Background(), ds, notionapi.QueryParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		if p.Title() == title {
			return p
		}
	}
	t.Fatalf("no page %q in %s", title, ds)
	return notionapi.Page{}
}

func TestReadPageMarkdownFollowsTheBlocksLeftOut(t *testing.T) {
	t.Parallel()
	srv := small(t)
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	handbook := pageTitled(t, c, notiontest.DataSourceWiki, "On-call handbook")

	first, err := c.GetPageMarkdown(ctx, handbook.ID, notionapi.MarkdownParams{})
	if err != nil {
		t.Fatal(err)
	}
	if !first.Truncated || len(first.UnknownBlockIDs) == 0 {
		t.Fatalf("the handbook fits one answer (truncated %v); the test needs a longer page", first.Truncated)
	}
	srv.ResetRequests()
	full, err := c.ReadPageMarkdown(ctx, handbook.ID, notionapi.MarkdownParams{})
	if err != nil {
		t.Fatal(err)
	}
	if full.Truncated || len(full.UnknownBlockIDs) != 0 || strings.Contains(full.Markdown, "<unknown") {
		t.Fatalf("still truncated: %v %v", full.Truncated, full.UnknownBlockIDs)
	}
	if got, want := len(srv.Requests()), 1+len(first.UnknownBlockIDs); got != want {
		t.Errorf("%d requests, want %d (one per block left out)", got, want)
	}
	// Every step once, in the page's order: the subtrees took the places
	// of their tags.
	var steps []string
	for _, line := range strings.Split(full.Markdown, "\n") {
		if i := strings.Index(line, "Step "); i >= 0 {
			steps = append(steps, strings.Fields(line[i:])[1])
		}
	}
	if len(steps) != 64 {
		t.Fatalf("%d steps, want 64", len(steps))
	}
	for i := 1; i < len(steps); i++ {
		if steps[i-1] >= steps[i] && len(steps[i-1]) == len(steps[i]) {
			t.Fatalf("steps out of order at %d: %s then %s", i, steps[i-1], steps[i])
		}
	}
}

// markdownServer answers page Markdown from a table; other IDs are 404.
func markdownServer(t *testing.T, answers map[string]notionapi.PageMarkdown) (*notionapi.Client, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		id := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/v1/pages/"), "/markdown")
		a, ok := answers[id]
		w.Header().Set("Content-Type", "application/json")
		if !ok {
			w.WriteHeader(404)
			fmt.Fprintf(w, `{"object":"error","status":404,"code":"object_not_found","message":"Could not find block with ID: %s."}`, id)
			return
		}
		a.Object, a.ID = "page_markdown", id
		_ = json.NewEncoder(w).Encode(a)
	}))
	t.Cleanup(srv.Close)
	c, err := notionapi.NewClient("ntn_test", notionapi.WithBaseURL(srv.URL), notionapi.WithRate(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return c, &n
}

func TestReadPageMarkdownSplicesAndKeepsWhatCannotBeRead(t *testing.T) {
	t.Parallel()
	const (
		page    = "11111111-1111-4111-8111-111111111111"
		nested  = "22222222-2222-4222-8222-222222222222"
		private = "33333333-3333-4333-8333-333333333333"
		deeper  = "44444444-4444-4444-8444-444444444444"
		tagless = "55555555-5555-4555-8555-555555555555"
	)
	tag := func(id string) string {
		return `<unknown url="https://www.notion.so/` + notionapi.CompactID(page) + "#" + notionapi.CompactID(id) + `" alt="toggle"/>`
	}
	c, requests := markdownServer(t, map[string]notionapi.PageMarkdown{
		page: {Markdown: "# Title\n- list\n\t" + tag(nested) + "\n" + tag(private) + "\nend", Truncated: true,
			UnknownBlockIDs: []string{nested, private, tagless}},
		nested:  {Markdown: "<details>\n<summary>More</summary>\n\t" + tag(deeper) + "\n</details>", Truncated: true, UnknownBlockIDs: []string{deeper, nested}},
		deeper:  {Markdown: "deep text", UnknownBlockIDs: []string{}},
		tagless: {Markdown: "at the end", UnknownBlockIDs: []string{}},
	})
	got, err := c.ReadPageMarkdown(context.Background(), page, notionapi.MarkdownParams{})
	if err != nil {
		t.Fatal(err)
	}
	want := "# Title\n- list\n\t<details>\n\t<summary>More</summary>\n\t\tdeep text\n\t</details>\n" + tag(private) + "\nend\nat the end"
	if got.Markdown != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", got.Markdown, want)
	}
	if !got.Truncated || !slices.Equal(got.UnknownBlockIDs, []string{private}) {
		t.Errorf("truncated %v, unknown %v; want the unreadable block only", got.Truncated, got.UnknownBlockIDs)
	}
	// The page, nested, private (404), tagless, deeper; nested named twice
	// is asked for once.
	if n := requests.Load(); n != 5 {
		t.Errorf("%d requests, want 5", n)
	}
}

func TestPageMarkdownNeedsANewerVersion(t *testing.T) {
	t.Parallel()
	srv := small(t)
	c := newClient(t, srv, notiontest.TokenFull, notionapi.WithVersion(notionapi.Version20220628))
	_, err := c.ReadPageMarkdown(context.Background(), notiontest.PageGettingStarted, notionapi.MarkdownParams{})
	if !errors.Is(err, notionapi.ErrMarkdownVersion) || !notionapi.MarkdownUnavailable(err) {
		t.Fatalf("error %v", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
	// A server without the route answers invalid_request_url: also "use the blocks".
	if !notionapi.MarkdownUnavailable(&notionapi.APIError{Status: 400, Code: notionapi.CodeInvalidRequestURL}) {
		t.Error("invalid_request_url is not taken as unavailable")
	}
	if notionapi.MarkdownUnavailable(&notionapi.APIError{Status: 403, Code: notionapi.CodeRestrictedResource}) {
		t.Error("a missing capability is taken as unavailable")
	}
}

func TestComments(t *testing.T) {
	t.Parallel()
	srv := small(t)
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	list := func() []notionapi.Comment {
		t.Helper()
		var out []notionapi.Comment
		for cm, err := range c.ListCommentsAll(ctx, notiontest.PageGettingStarted) {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, cm)
		}
		return out
	}
	before := list()
	if len(before) == 0 || before[0].Author() == "" || before[0].RichText.Plain() == "" || before[0].DiscussionID == "" {
		t.Fatalf("seeded comments: %+v", before)
	}
	created, err := c.CreateComment(ctx, notionapi.CommentOnPage(notiontest.PageGettingStarted, "Looks good"))
	if err != nil {
		t.Fatal(err)
	}
	reply, err := c.CreateComment(ctx, notionapi.CreateCommentParams{DiscussionID: created.DiscussionID, Markdown: "Thanks"})
	if err != nil {
		t.Fatal(err)
	}
	after := list()
	if len(after) != len(before)+2 || after[len(after)-1].ID != reply.ID || after[len(after)-2].RichText.Plain() != "Looks good" {
		t.Fatalf("%d comments after adding two to %d", len(after), len(before))
	}
	if got, err := c.GetComment(ctx, reply.ID); err != nil || got.RichText.Plain() != "Thanks" || got.Author() != notiontest.IntegrationName {
		t.Fatalf("retrieved %+v, %v", got, err)
	}
	if _, err := c.CreateComment(ctx, notionapi.CreateCommentParams{RichText: notionapi.PlainText("x")}); err == nil {
		t.Error("a comment without a parent was sent")
	}
	no := newClient(t, srv, notiontest.TokenNoComments)
	if _, err := no.ListComments(ctx, notiontest.PageGettingStarted, notionapi.ListParams{}); apiError(t, err).Code != notionapi.CodeRestrictedResource {
		t.Fatalf("no comment capabilities: %v", err)
	}
}

func TestTitlesReadEachPageOnce(t *testing.T) {
	t.Parallel()
	srv := small(t)
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	var tasks []notionapi.Page
	for p, err := range c.QueryAll(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: 30}) {
		if err != nil {
			t.Fatal(err)
		}
		if tasks = append(tasks, p); len(tasks) == 30 {
			break
		}
	}
	var related []string
	for _, p := range tasks {
		for _, r := range p.Properties["Project"].Relation {
			related = append(related, r.ID)
		}
	}
	distinct := map[string]bool{}
	for _, id := range related {
		distinct[id] = true
	}
	if len(distinct) < 2 || len(related) <= len(distinct) {
		t.Fatalf("%d relations to %d projects: the test needs repeats", len(related), len(distinct))
	}
	titles := notionapi.NewTitles(c)
	// One project is known already, from rows loaded elsewhere.
	known := pageTitled(t, c, notiontest.DataSourceProjects, "Platform Reliability")
	titles.Learn(known)
	srv.ResetRequests()
	if err := titles.Resolve(ctx, related, 0); err != nil {
		t.Fatal(err)
	}
	want := len(distinct)
	if distinct[known.ID] {
		want--
	}
	if got := len(srv.Requests()); got != want || titles.Reads() != int64(want) {
		t.Fatalf("%d requests (%d reads) for %d related pages not known", got, titles.Reads(), want)
	}
	for _, r := range srv.Requests() {
		if r.RawQuery != "filter_properties=title" {
			t.Errorf("%s?%s reads more than the title", r.Path, r.RawQuery)
		}
	}
	for id := range distinct {
		if title, ok := titles.Title(id); !ok || title == "" || title == id {
			t.Errorf("%s: title %q, %v", id, title, ok)
		}
	}
	// Asked again: nothing is sent.
	if err := titles.Resolve(ctx, related, 0); err != nil || len(srv.Requests()) != want {
		t.Fatalf("a second Resolve sent %d requests (%v)", len(srv.Requests())-want, err)
	}
	cell := notionapi.CellWith(tasks[0].Properties["Project"], titles.Title)
	if len(tasks[0].Properties["Project"].Relation) > 0 && (cell == "" || strings.Contains(cell, "-")) {
		t.Errorf("cell %q", cell)
	}
}

func TestTitlesOfUnreadablePagesAndConcurrentAsks(t *testing.T) {
	t.Parallel()
	srv := small(t)
	release := make(chan struct{})
	arrived := make(chan struct{}, 8)
	var sent atomic.Int64
	pool := transportOfTest(t)
	hold := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent.Add(1)
		arrived <- struct{}{}
		<-release
		return pool.RoundTrip(r)
	})
	c := newClient(t, srv, notiontest.TokenFull, notionapi.WithHTTPClient(&http.Client{Transport: hold}))
	titles := notionapi.NewTitles(c)
	ctx := context.Background()
	var wg sync.WaitGroup
	results := make([]notionapi.PageTitle, 3)
	wg.Add(1)
	go func() {
		defer wg.Done()
		results[0], _ = titles.Fetch(ctx, notiontest.PageGettingStarted)
	}()
	<-arrived // the first read is on its way: the page is in flight
	if u := titles.Unknown(notiontest.PageGettingStarted, notiontest.PageUnshared); len(u) != 1 || u[0] != notiontest.PageUnshared {
		t.Fatalf("unknown %v: a page in flight is not unknown", u)
	}
	for i := 1; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], _ = titles.Fetch(ctx, notiontest.PageGettingStarted)
		}()
	}
	close(release)
	wg.Wait()
	if sent.Load() != 1 {
		t.Fatalf("%d requests for one page asked three times at once", sent.Load())
	}
	for _, r := range results {
		if r.Text() != "Getting started with notion-tui" || r.Emoji == "" {
			t.Fatalf("titles %+v", results)
		}
	}
	pt, err := titles.Fetch(ctx, notiontest.PageUnshared)
	if err != nil || !pt.Unreadable || pt.Text() != "" {
		t.Fatalf("unshared page: %+v, %v", pt, err)
	}
	if _, ok := titles.Title(notiontest.PageUnshared); ok {
		t.Error("an unreadable page has a title")
	}
	n := sent.Load()
	if _, err := titles.Fetch(ctx, notiontest.PageUnshared); err != nil || sent.Load() != n {
		t.Error("an unreadable page was read again")
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRelationIDsPastTwentyFive(t *testing.T) {
	t.Parallel()
	srv := small(t)
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	platform := pageTitled(t, c, notiontest.DataSourceProjects, "Platform Reliability")
	v := platform.Properties["Tasks"]
	if !v.HasMore || len(v.Relation) != 25 {
		t.Fatalf("Tasks: %d references, has_more %v; the test needs more than 25", len(v.Relation), v.HasMore)
	}
	ids, err := c.RelationIDs(ctx, platform.ID, v)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for p, err := range c.QueryAll(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{Filter: map[string]any{
		"property": "Project", "relation": map[string]any{"contains": platform.ID}}}) {
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(ids, p.ID) {
			t.Errorf("task %s is missing", p.ID)
		}
		n++
	}
	if len(ids) != n || n <= 25 {
		t.Fatalf("%d IDs read, %d tasks relate", len(ids), n)
	}
}

func TestRelationToAnUnsharedDatabaseIsEmpty(t *testing.T) {
	t.Parallel()
	srv := small(t)
	ctx := context.Background()
	bot := newClient(t, srv, notiontest.TokenFull)
	person := newClient(t, srv, notiontest.TokenPersonal)
	ds, err := bot.GetDataSource(ctx, notiontest.DataSourceProjects)
	if err != nil {
		t.Fatal(err)
	}
	contract, ok := ds.Properties.Get("Contract")
	if !ok || contract.Relation == nil || contract.Relation.DataSourceID != notiontest.DataSourceUnshared {
		t.Fatalf("Contract: %+v", contract)
	}
	seen := 0
	for _, c := range []*notionapi.Client{bot, person} {
		p := pageTitled(t, c, notiontest.DataSourceProjects, "Billing v2")
		seen += len(p.Properties["Contract"].Relation)
		full, err := c.RelationIDs(ctx, p.ID, notionapi.PropertyValue{ID: contract.ID, Type: notionapi.PropRelation, HasMore: true})
		if err != nil {
			t.Fatal(err)
		}
		seen += len(full)
	}
	if seen != 2 {
		t.Fatalf("%d contract references seen; want the personal token's only, in the page and the property items", seen)
	}
}

func TestBlockBatches(t *testing.T) {
	t.Parallel()
	blocks := make([]notionapi.Block, 250)
	for i := range blocks {
		blocks[i] = notionapi.NewTextBlock(notionapi.BlockParagraph, fmt.Sprint(i))
	}
	var sizes []int
	for _, b := range notionapi.BlockBatches(blocks) {
		sizes = append(sizes, len(b))
	}
	if !slices.Equal(sizes, []int{100, 100, 50}) {
		t.Fatalf("batches %v", sizes)
	}
	// Nested blocks count toward the 1,000 elements of one request.
	big := make([]notionapi.Block, 30)
	for i := range big {
		big[i] = notionapi.NewTextBlock(notionapi.BlockBulletedListItem, "item")
		big[i].Children = make([]notionapi.Block, 99)
		for j := range big[i].Children {
			big[i].Children[j] = notionapi.NewTextBlock(notionapi.BlockBulletedListItem, "sub")
		}
	}
	sizes = nil
	for _, b := range notionapi.BlockBatches(big) {
		sizes = append(sizes, len(b))
		if n := notionapi.CountBlocks(b); n > notionapi.MaxBlockElements {
			t.Fatalf("a batch of %d elements", n)
		}
	}
	if !slices.Equal(sizes, []int{10, 10, 10}) {
		t.Fatalf("batches %v", sizes)
	}
}

func TestAppendBlockChildren(t *testing.T) {
	t.Parallel()
	srv := small(t)
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	ds, err := c.GetDataSource(ctx, notiontest.DataSourceReadingList)
	if err != nil {
		t.Fatal(err)
	}
	title, _ := ds.Properties.Title()
	page, err := c.CreatePage(ctx, notionapi.CreatePageParams{Parent: c.DataSourceParent(ds), Properties: map[string]notionapi.PropertyValue{title.Name: notionapi.TitleValue("Long notes")}})
	if err != nil {
		t.Fatal(err)
	}
	added, err := c.AppendBlockChildren(ctx, page.ID, []notionapi.Block{notionapi.NewTextBlock(notionapi.BlockParagraph, "one"), notionapi.NewDivider()})
	if err != nil {
		t.Fatal(err)
	}
	if len(added.Results) != 2 || added.Results[0].ID == "" {
		t.Fatalf("appended %+v", added.Results)
	}
	if _, err := c.AppendBlockChildren(ctx, page.ID, make([]notionapi.Block, 101)); err == nil {
		t.Error("101 blocks were sent in one request")
	}
}

// TestResolveInReadsManyTitlesFromTheirDataSource: 150 related tasks are
// read from the Tasks data source a hundred a request; a few are read one
// by one.
func TestResolveInReadsManyTitlesFromTheirDataSource(t *testing.T) {
	t.Parallel()
	srv := small(t)
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	var ids []string
	for p, err := range c.QueryAll(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	titles := notionapi.NewTitles(c)
	srv.ResetRequests()
	if err := titles.ResolveIn(ctx, notiontest.DataSourceTasks, ids, 0); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Requests()); n > (len(ids)+99)/100 {
		t.Fatalf("%d requests for %d titles", n, len(ids))
	}
	for _, id := range ids {
		if _, ok := titles.Title(id); !ok {
			t.Fatalf("%s unknown", id)
		}
	}
	// Below BulkTitles, the pages are read one by one.
	few := notionapi.NewTitles(c)
	srv.ResetRequests()
	if err := few.ResolveIn(ctx, notiontest.DataSourceTasks, ids[:5], 0); err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			t.Fatalf("%s %s for five titles", r.Method, r.Path)
		}
	}
	if len(srv.Requests()) != 5 {
		t.Fatalf("%d requests for five titles", len(srv.Requests()))
	}
	// A data source that cannot be read: the pages one by one.
	unreadable := notionapi.NewTitles(c)
	srv.ResetRequests()
	if err := unreadable.ResolveIn(ctx, notiontest.DataSourceUnshared, ids[:notionapi.BulkTitles], 0); err != nil {
		t.Fatal(err)
	}
	if got := len(srv.Requests()); got != notionapi.BulkTitles+1 {
		t.Fatalf("%d requests", got)
	}
}

// TestReadFromStopsWhenRowsDoNotPay: pages that are not in the data
// source read cost one request, not a read of the whole data source;
// its rows are learnt on the way (Known).
func TestReadFromStopsWhenRowsDoNotPay(t *testing.T) {
	t.Parallel()
	srv := small(t)
	c := newClient(t, srv, notiontest.TokenFull)
	ctx := context.Background()
	var tasks []string
	for p, err := range c.QueryAll(ctx, notiontest.DataSourceTasks, notionapi.QueryParams{PageSize: notionapi.MaxPageSize}) {
		if err != nil {
			t.Fatal(err)
		}
		tasks = append(tasks, p.ID)
	}
	titles := notionapi.NewTitles(c)
	srv.ResetRequests()
	found, err := titles.ReadFrom(ctx, notiontest.DataSourceProjects, tasks[:notionapi.BulkTitles*3])
	if err != nil || found != 0 {
		t.Fatalf("found %d, %v", found, err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests for pages the data source does not hold", n)
	}
	if len(titles.Known()) == 0 || titles.Len() != len(titles.Known()) {
		t.Errorf("the projects read were not learnt: %d known, Len %d", len(titles.Known()), titles.Len())
	}
	// The tasks are still unknown, to be read one by one.
	if u := titles.Unknown(tasks[:3]...); len(u) != 3 {
		t.Errorf("unknown after ReadFrom: %v", u)
	}
}

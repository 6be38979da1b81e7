package notionapi

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
)

// PageTitle is what a relation cell, a mention or a link shows for a page:
// its title, icon and link, as far as the connection can read them.
type PageTitle struct {
	ID    string
	Title string
	Emoji string
	URL   string
	// DataSource is the data source (database, before 2025-09-03) the page
	// is a row of; "" for a page that is not a row.
	DataSource string
	// Unreadable is set when Notion answered 404: the page is not shared
	// with the connection, or was deleted.
	Unreadable bool
	InTrash    bool
}

// Text is the title to show: the page's title, "Untitled" for a page
// without one, or "" when the page could not be read.
func (t PageTitle) Text() string {
	switch {
	case t.Unreadable:
		return ""
	case strings.TrimSpace(t.Title) == "":
		return "Untitled"
	}
	return t.Title
}

// TitleOf returns what a page shows as its title, from a page already
// read.
func TitleOf(p *Page) PageTitle {
	t := PageTitle{ID: p.ID, Title: p.Title(), URL: p.URL, InTrash: p.InTrash}
	if p.Icon != nil {
		t.Emoji = p.Icon.Emoji
	}
	t.DataSource = p.Parent.DataSourceID
	if t.DataSource == "" {
		t.DataSource = p.Parent.DatabaseID
	}
	return t
}

// Titles finds the titles of pages by ID, for relation cells and links,
// and keeps them for the session. It reads nothing it already knows:
// titles come first from pages the caller has loaded anyway (Learn), and
// each other page is read once (GET /v1/pages/{id}, limited to its title),
// through the client and so its pacing, however many callers ask at once.
// A page Notion does not show the connection (404) is remembered as
// unreadable. Titles is safe for concurrent use.
type Titles struct {
	c        *Client
	mu       sync.Mutex
	known    map[string]PageTitle     // by titleKey
	inflight map[string]chan struct{} // closed when the read ends
	reads    atomic.Int64
}

// NewTitles returns an empty title cache that reads through c.
func NewTitles(c *Client) *Titles {
	return &Titles{c: c, known: map[string]PageTitle{}, inflight: map[string]chan struct{}{}}
}

// titleKey is the form IDs are kept under: 32 lower-case hex digits.
func titleKey(id string) string { return strings.ToLower(CompactID(id)) }

// Learn keeps the titles of pages already read (rows of a table, search
// results): they cost no request later.
func (t *Titles) Learn(pages ...Page) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i := range pages {
		if pages[i].ID != "" && pages[i].Properties != nil {
			t.known[titleKey(pages[i].ID)] = TitleOf(&pages[i])
		}
	}
}

// LearnTitle keeps one title known from elsewhere, such as a child page
// block or a search result.
func (t *Titles) LearnTitle(pt PageTitle) {
	if pt.ID == "" {
		return
	}
	t.mu.Lock()
	t.known[titleKey(pt.ID)] = pt
	t.mu.Unlock()
}

// Lookup returns a title already known, without any request.
func (t *Titles) Lookup(id string) (PageTitle, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	pt, ok := t.known[titleKey(id)]
	return pt, ok
}

// Unknown returns the IDs, each once and in their order, whose titles are
// neither known nor being read.
func (t *Titles) Unknown(ids ...string) []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		k := titleKey(id)
		if seen[k] || id == "" {
			continue
		}
		seen[k] = true
		if _, ok := t.known[k]; ok {
			continue
		}
		if _, ok := t.inflight[k]; ok {
			continue
		}
		out = append(out, id)
	}
	return out
}

// Reads counts the requests Titles has sent.
func (t *Titles) Reads() int64 { return t.reads.Load() }

// Fetch returns the title of one page: the known one, or the one another
// caller is reading (it waits for it), or else it reads the page. A 404
// gives a PageTitle with Unreadable set and no error; another failure is
// returned and not remembered, so a later call tries again.
func (t *Titles) Fetch(ctx context.Context, id string) (PageTitle, error) {
	k := titleKey(id)
	for {
		t.mu.Lock()
		if pt, ok := t.known[k]; ok {
			t.mu.Unlock()
			return pt, nil
		}
		wait, busy := t.inflight[k]
		if !busy {
			done := make(chan struct{})
			t.inflight[k] = done
			t.mu.Unlock()
			pt, err := t.read(ctx, id)
			t.mu.Lock()
			if err == nil {
				t.known[k] = pt
			}
			delete(t.inflight, k)
			close(done)
			t.mu.Unlock()
			return pt, err
		}
		t.mu.Unlock()
		select {
		case <-wait:
			// Known now, or the other read failed: look again.
		case <-ctx.Done():
			return PageTitle{ID: id}, ctx.Err()
		}
	}
}

// read reads one page, limited to its title.
func (t *Titles) read(ctx context.Context, id string) (PageTitle, error) {
	pid, err := pathID("page", id)
	if err != nil {
		return PageTitle{}, err
	}
	t.reads.Add(1)
	var pg Page
	// The title property's ID is always "title".
	q := url.Values{"filter_properties": {"title"}}
	err = t.c.do(ctx, request{method: http.MethodGet, path: "/v1/pages/" + pid, query: q}, &pg)
	if StatusOf(err) == http.StatusNotFound {
		return PageTitle{ID: pid, Unreadable: true}, nil
	}
	if err != nil {
		return PageTitle{}, err
	}
	return TitleOf(&pg), nil
}

// DefaultTitleReaders is how many pages Resolve reads at once. The
// client's pacing sets the rate; this overlaps the round trips.
const DefaultTitleReaders = 4

// Resolve makes every title of ids known, reading at most readers pages at
// once (DefaultTitleReaders when readers < 1). It returns the first error;
// the titles read before it stay known.
func (t *Titles) Resolve(ctx context.Context, ids []string, readers int) error {
	todo := t.Unknown(ids...)
	// Titles being read by another caller are waited for too.
	for _, id := range ids {
		if _, ok := t.Lookup(id); !ok && !containsID(todo, id) {
			todo = append(todo, id)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	if readers < 1 {
		readers = DefaultTitleReaders
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan string)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	for range min(readers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				if _, err := t.Fetch(ctx, id); err != nil {
					once.Do(func() { firstErr = err; cancel() })
				}
			}
		}()
	}
	for _, id := range todo {
		select {
		case jobs <- id:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		// The caller's context ended.
		return ctx.Err()
	}
	return firstErr
}

// BulkTitles is how many unknown pages of one data source make
// ResolveIn read the data source's titles a hundred rows a request rather
// than the pages one by one.
const BulkTitles = 20

// ResolveIn is Resolve for pages that are rows of one data source (a
// relation's target; "" when not known): when at least BulkTitles of them
// are unknown, ReadFrom reads them from the data source first, and the
// pages not found there are read one by one.
func (t *Titles) ResolveIn(ctx context.Context, dataSource string, ids []string, readers int) error {
	if todo := t.Unknown(ids...); dataSource != "" && len(todo) >= BulkTitles {
		if _, err := t.ReadFrom(ctx, dataSource, todo); ctx.Err() != nil {
			return err
		}
	}
	return t.Resolve(ctx, ids, readers)
}

// ReadFrom reads the titles of pages known to be rows of a data source
// from the data source itself, limited to the title property, a hundred
// rows a request, learning every row it reads. It stops once every page
// of ids is found, after one request per BulkTitles pages asked for, or
// as soon as the requests cost more than the pages they found (so that a
// data source where the pages are far down costs at most one request more
// than reading them one by one). Meanwhile those pages count as being
// read: Unknown leaves them out and Fetch waits for them. It returns how
// many of ids it found; a failure of the read is returned, and the pages
// not found are left to Fetch.
func (t *Titles) ReadFrom(ctx context.Context, dataSource string, ids []string) (int, error) {
	t.mu.Lock()
	want := map[string]bool{}
	var mine []string
	for _, id := range ids {
		k := titleKey(id)
		if _, known := t.known[k]; known || want[k] {
			continue
		}
		if _, busy := t.inflight[k]; busy {
			continue
		}
		want[k] = true
		mine = append(mine, k)
		t.inflight[k] = make(chan struct{})
	}
	t.mu.Unlock()
	defer func() {
		t.mu.Lock()
		for _, k := range mine {
			close(t.inflight[k])
			delete(t.inflight, k)
		}
		t.mu.Unlock()
	}()
	if len(mine) == 0 {
		return 0, nil
	}
	budget := max(1, len(mine)/BulkTitles)
	found, requests, read := 0, 0, 0
	p := QueryParams{PageSize: MaxPageSize, FilterProperties: []string{"title"}}
	for pg, err := range t.c.QueryAll(ctx, dataSource, p) {
		if read%MaxPageSize == 0 {
			requests++
			t.reads.Add(1)
		}
		if err != nil {
			return found, err
		}
		read++
		t.Learn(pg)
		if k := titleKey(pg.ID); want[k] {
			delete(want, k)
			found++
		}
		if len(want) == 0 {
			break
		}
		if read%MaxPageSize == 0 && (requests >= budget || found < requests) {
			break // the next page would not pay for itself
		}
	}
	return found, nil
}

func containsID(ids []string, id string) bool {
	k := titleKey(id)
	for _, x := range ids {
		if titleKey(x) == k {
			return true
		}
	}
	return false
}

// RelationIDs returns the IDs of the pages a relation value holds, read in
// full through the property-item endpoint when the page answer cut it at
// 25 (HasMore). pageID is the page the value belongs to.
func (c *Client) RelationIDs(ctx context.Context, pageID string, v PropertyValue) ([]string, error) {
	if v.Type != PropRelation {
		return nil, nil
	}
	if v.HasMore && v.ID != "" {
		full, err := c.GetPropertyValue(ctx, pageID, v.ID)
		if err != nil {
			return nil, err
		}
		v = full
	}
	ids := make([]string, len(v.Relation))
	for i, r := range v.Relation {
		ids[i] = r.ID
	}
	return ids, nil
}

// Title is a TitleFunc over the titles already known (it sends nothing):
// a page not read yet, or unreadable, is not known.
func (t *Titles) Title(id string) (string, bool) {
	pt, ok := t.Lookup(id)
	if !ok || pt.Unreadable {
		return "", false
	}
	return pt.Text(), true
}

// Known returns every title known so far (read or learnt, unreadable
// pages left out), in no particular order: what a jump box can offer
// without a request.
func (t *Titles) Known() []PageTitle {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]PageTitle, 0, len(t.known))
	for _, pt := range t.known {
		if !pt.Unreadable {
			out = append(out, pt)
		}
	}
	return out
}

// Len is the number of titles known, unreadable pages included.
func (t *Titles) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.known)
}

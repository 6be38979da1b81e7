package pageform

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// longNotes is Markdown of n paragraphs, "Paragraph 1" to "Paragraph n".
func longNotes(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "Paragraph %d\n\n", i)
	}
	return b.String()
}

// createLong builds a Reading List page with n paragraphs and creates it
// with its first batch.
func createLong(t *testing.T, c *notionapi.Client, n int) (*Page, *notionapi.Page) {
	t.Helper()
	ds := dataSource(t, c, notiontest.DataSourceReadingList)
	in := Input{Values: map[string]string{"Name": "Long notes"}, Content: longNotes(n)}
	if _, err := Build(ds.Properties, in, Env{Now: testNow}); err == nil {
		t.Fatalf("%d blocks were accepted without LongContent", n)
	}
	in.LongContent = true
	page, err := Build(ds.Properties, in, Env{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	params := page.Params(c, ds)
	if len(params.Children) != MaxBlocks || len(page.Children) != n {
		t.Fatalf("create carries %d of %d blocks", len(params.Children), len(page.Children))
	}
	created, err := c.CreatePage(context.Background(), params)
	if err != nil {
		t.Fatal(err)
	}
	return page, created
}

// paragraphs reads back the page's content as its paragraphs' text.
func paragraphs(t *testing.T, c *notionapi.Client, id string) []string {
	t.Helper()
	var out []string
	for b, err := range c.ListBlockChildrenAll(context.Background(), id) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b.Text().RichText.Plain())
	}
	return out
}

func patches(srv *notiontest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPatch {
			n++
		}
	}
	return n
}

func TestLongContentIsAppendedInBatches(t *testing.T) {
	t.Parallel()
	srv, c := sandbox(t, notiontest.TokenFull)
	page, created := createLong(t, c, 350)
	var steps []int
	if err := AppendContent(context.Background(), c, created, MaxBlocks, page.Rest(), func(added, total int) {
		if total != 350 {
			t.Errorf("total %d", total)
		}
		steps = append(steps, added)
	}); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(steps) != "[200 300 350]" {
		t.Errorf("progress %v", steps)
	}
	got := paragraphs(t, c, created.ID)
	if len(got) != 350 || got[0] != "Paragraph 1" || got[349] != "Paragraph 350" || got[200] != "Paragraph 201" {
		t.Fatalf("%d blocks read back", len(got))
	}
	if n := patches(srv); n != 3 {
		t.Errorf("%d appends", n)
	}
}

// TestALostAppendIsCheckedNotResent: a batch answered 502 is not sent
// again; reading the page back tells whether it was added.
func TestALostAppendIsCheckedNotResent(t *testing.T) {
	t.Parallel()
	for _, saved := range []bool{false, true} {
		t.Run(fmt.Sprintf("saved=%v", saved), func(t *testing.T) {
			t.Parallel()
			srv, c := sandbox(t, notiontest.TokenFull)
			page, created := createLong(t, c, 350)
			err := AppendContent(context.Background(), c, created, MaxBlocks, page.Rest(), func(added, _ int) {
				if added == 200 { // the second append fails
					srv.InjectFault(notiontest.Fault{Method: http.MethodPatch, Path: "/v1/blocks/", Status: 502, AfterCommit: saved})
				}
			})
			got := paragraphs(t, c, created.ID)
			if saved {
				if err != nil || len(got) != 350 || patches(srv) != 3 {
					t.Fatalf("error %v; %d blocks, %d appends", err, len(got), patches(srv))
				}
				return
			}
			var ce *ContentError
			if !errors.As(err, &ce) || ce.Added != 200 || ce.Found != 200 || ce.Unsure || ce.Total != 350 {
				t.Fatalf("error %#v", err)
			}
			for _, want := range []string{"first 200 of its 350", "blocks 201 to 300 failed (Notion answered 502 bad_gateway)", "were not added", "Nothing was sent twice", created.URL} {
				if !strings.Contains(ce.Error(), want) {
					t.Errorf("message lacks %q:\n%s", want, ce.Error())
				}
			}
			if len(got) != 200 || patches(srv) != 2 {
				t.Fatalf("%d blocks on the page, %d appends sent", len(got), patches(srv))
			}
		})
	}
}

func TestARefusedAppendSaysWhatExists(t *testing.T) {
	t.Parallel()
	srv, c := sandbox(t, notiontest.TokenFull)
	page, created := createLong(t, c, 150)
	srv.InjectFault(notiontest.Fault{Method: http.MethodPatch, Path: "/v1/blocks/", Status: 400})
	err := AppendContent(context.Background(), c, created, MaxBlocks, page.Rest(), nil)
	var ce *ContentError
	if !errors.As(err, &ce) || ce.Added != 100 || ce.Found != -1 || !strings.Contains(ce.Error(), "first 100 of its 150") {
		t.Fatalf("error %v", err)
	}
	if n := len(paragraphs(t, c, created.ID)); n != 100 {
		t.Fatalf("%d blocks", n)
	}
}

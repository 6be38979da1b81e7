package notiontest

import (
	"strings"
	"testing"
)

func TestPageMarkdown(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	r := a.do("GET", "/v1/pages/"+PageGettingStarted+"/markdown", nil).ok(t).body
	md, _ := r["markdown"].(string)
	if r["object"] != "page_markdown" || r["id"] != PageGettingStarted || r["truncated"] != false || len(r["unknown_block_ids"].([]any)) != 0 {
		t.Fatalf("answer %v", r)
	}
	for _, want := range []string{
		"::: callout {icon=\"💡\"}\nThis page is part of the **Acme Labs** demo workspace.",
		"<table_of_contents/>",
		"\n# Getting started with notion-tui\n",
		"It works with *any* integration token, and with `--demo` it runs against this sandbox. See the [Notion API reference](https://developers.notion.com/reference/intro)",
		"```go\npackage main\n",
		"- Open a data source to query it.\n\t- Filters and sorts are built from the schema.\n",
		"1. Create a personal access token at notion.so/developers/tokens, or a connection at notion.so/developers/connections.\n2. For a connection, share the pages and databases it should read with it.\n3. Paste",
		"- [x] Run notion-tui --demo\n- [ ] Connect your own workspace",
		"> *The best way to learn an API is to explore it.*",
		"<details>\n<summary>Keyboard shortcuts</summary>\n\t- j / k: move\n",
		"<synced_block>\n\tThis block is synced",
		"Questions? Ask <mention-user url=\"user://" + UserMayaChen + "\"/> or write <span color=\"blue\">#notion-tui</span> in chat.",
		"---",
		// Bookmarks are not in Notion's Markdown yet: a tag, not a block left out.
		`alt="bookmark"/>`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if home := a.do("GET", "/v1/pages/"+PageHome+"/markdown", nil).ok(t).body["markdown"].(string); !strings.Contains(home, `<database url="https://www.notion.so/Tasks-`+compactID(DatabaseTasks)+`">Tasks</database>`) {
		t.Errorf("home markdown:\n%s", home)
	}
	if esc := escapeMarkdown("a*b [c] <d> {e} |f| ^g $h ~i `j` \\k"); esc != "a\\*b \\[c\\] \\<d\\> \\{e\\} \\|f\\| \\^g \\$h \\~i \\`j\\` \\\\k" {
		t.Errorf("escaped %q", esc)
	}
}

// TestPageMarkdownTruncated: a long page's answer stops at the block
// limit and names the subtrees it left out; asking for them gives the
// rest, every block once.
func TestPageMarkdownTruncated(t *testing.T) {
	t.Parallel()
	a := newAPI(t, Options{})
	handbook := seedID(DataSourceWiki, 3)
	r := a.do("GET", "/v1/pages/"+handbook+"/markdown", nil).ok(t).body
	unknown := r["unknown_block_ids"].([]any)
	if r["truncated"] != true || len(unknown) == 0 {
		t.Fatalf("long page: truncated %v, unknown %d", r["truncated"], len(unknown))
	}
	all := r["markdown"].(string)
	for _, id := range unknown {
		tag := `<unknown url="https://www.notion.so/` + compactID(handbook) + "#" + compactID(id.(string)) + `" alt=`
		if !strings.Contains(all, tag) {
			t.Errorf("no tag %s… holds the place of %v", tag, id)
		}
		more := a.do("GET", "/v1/pages/"+id.(string)+"/markdown", nil).ok(t).body
		if more["truncated"] != false || more["id"] != id {
			t.Errorf("subtree %v: %v", id, more)
		}
		all += "\n" + more["markdown"].(string)
	}
	if n := strings.Count(all, "Step "); n != 64 {
		t.Errorf("%d steps across the answers, want 64", n)
	}
	if n := strings.Count(all, "Because the last incident"); n != 8 {
		t.Errorf("%d toggle bodies, want 8", n)
	}
	runChecks(t, a, []check{
		{"unshared page", "", "", "GET", "/v1/pages/" + PageUnshared + "/markdown", nil, 404, "object_not_found",
			"Could not find page with ID: " + PageUnshared + `. Make sure the relevant pages and databases are shared with your integration "notion-tui Demo".`},
		{"no read content", TokenInsertOnly, "", "GET", "/v1/pages/" + PageHome + "/markdown", nil, 403, "restricted_resource", "Insufficient permissions for this endpoint."},
		{"include_transcript is a boolean", "", "", "GET", "/v1/pages/" + PageHome + "/markdown?include_transcript=yes", nil, 400, "validation_error",
			"query failed validation: query.include_transcript should be a boolean, instead was `\"yes\"`."},
	})
}

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/pagetext"
	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/notionapi"
)

// maxBlockDepth bounds how deep nested blocks are read.
const maxBlockDepth = 32

func (a *app) pageCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "page <page>",
		Short: "Print a page's properties and content",
		Long: "Print a page's properties and its whole content: every block, at every level of nesting, " +
			"past the 100 blocks of one answer. Child pages and databases are named, not entered. Related pages " +
			"show by title (--relations ids for their IDs), read in full past the 25 of one answer.\n\n" +
			"--format text is for reading; markdown puts the title and properties in YAML front matter, then the " +
			"content as Notion's own Markdown (Notion-Version 2025-09-03 and later; the blocks left out of a long " +
			"page are read and put in place), or, with --markdown simple or under older versions, rendered from the " +
			"blocks in the plain Markdown that create --content reads back; json prints the page and its blocks as " +
			"the API returns them, in " +
			"{\"page\": {...}, \"blocks\": [...]}, each block's children under \"children\".",
		Example: `
notion-tui --demo page ` + demoPage + `
notion-tui --demo page ` + demoPage + ` \
  --format markdown > getting-started.md
notion-tui --demo page ` + demoPage + ` --json \
  | jq -r .page.url`,
		Args:              exactArgs(1, "one page ID or link"),
		ValidArgsFunction: a.completeWorkspace(notionapi.ObjectPage, false),
	}
	var rel, flavor string
	cmd.Flags().StringVar(&flavor, "markdown", markdownNotion, "with --format markdown: notion or simple")
	_ = cmd.RegisterFlagCompletionFunc("markdown", cobra.FixedCompletions([]string{markdownNotion, markdownSimple}, cobra.ShellCompDirectiveNoFileComp))
	addRelationsFlag(cmd, &rel)
	out := addOutputFlags(cmd, formatText, formatMarkdown, formatJSON)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		format, err := out.get(cmd)
		if err != nil {
			return err
		}
		titles, err := checkRelationsFlag(cmd, rel)
		if err != nil {
			return err
		}
		switch flavor = strings.ToLower(strings.TrimSpace(flavor)); {
		case flavor != markdownNotion && flavor != markdownSimple:
			return &usageError{msg: fmt.Sprintf("--markdown must be notion or simple, not %q", flavor), cmd: cmd}
		case cmd.Flags().Changed("markdown") && format != formatMarkdown:
			return &usageError{msg: "--markdown goes with --format markdown", cmd: cmd}
		}
		id, err := notionapi.ParseID(args[0])
		if err != nil {
			return usagef("%v", err)
		}
		s, err := a.newSession()
		if err != nil {
			return err
		}
		defer s.Close()
		return a.printPage(cmd.Context(), s.Client, id, format, flavor, titles)
	}
	return cmd
}

// The flavours of --format markdown.
const (
	markdownNotion = "notion" // Notion's enhanced Markdown, GET /v1/pages/{id}/markdown
	markdownSimple = "simple" // rendered from the blocks; create --content reads it
)

func (a *app) printPage(ctx context.Context, c *notionapi.Client, id, format, flavor string, titles bool) error {
	raw, err := c.Do(ctx, "GET", "/v1/pages/"+id, nil, nil)
	if err != nil {
		return err
	}
	var page notionapi.Page
	if err := json.Unmarshal(raw, &page); err != nil {
		return fmt.Errorf("the page's answer could not be read: %w", err)
	}
	if format == formatMarkdown && flavor == markdownNotion && notionapi.SupportsPageMarkdown(c.Version()) {
		md, err := c.ReadPageMarkdown(ctx, page.ID, notionapi.MarkdownParams{})
		switch {
		case err == nil:
			doc, rel, err := a.pageDoc(ctx, c, &page, titles)
			if err != nil {
				return err
			}
			doc.Markdown = md.Markdown
			if _, err := io.WriteString(a.env.Stdout, pagetext.Markdown(doc)); err != nil {
				return err
			}
			rel.note(ctx, a.env.Stderr, 1)
			if n := len(md.UnknownBlockIDs); n > 0 {
				fmt.Fprintf(a.env.Stderr, "notion-tui: %s of the page could not be read (not shared with the connection); %s.\n",
					textutil.Plural(n, "part", "parts"), map[bool]string{true: "an <unknown/> tag holds its place", false: "<unknown/> tags hold their places"}[n == 1])
			}
			return nil
		case !notionapi.MarkdownUnavailable(err):
			return err
		}
		// Notion does not serve Markdown under this version: render the blocks.
	}
	r := &blockReader{c: c, seen: map[string]bool{id: true}, prog: a.newProgress("Reading blocks", true)}
	nodes, rawBlocks, err := r.read(ctx, page.ID, 0)
	r.prog.done()
	if err != nil {
		return err
	}
	if r.tooDeep {
		fmt.Fprintf(a.env.Stderr, "notion-tui: blocks nested more than %d levels deep are left out.\n", maxBlockDepth)
	}
	if format == formatJSON {
		return writeRawJSON(a.env.Stdout, json.RawMessage(fmt.Sprintf(`{"page":%s,"blocks":%s}`, raw, jsonArray(rawBlocks))))
	}
	doc, rel, err := a.pageDoc(ctx, c, &page, titles)
	if err != nil {
		return err
	}
	doc.Blocks = nodes
	if w, ok := a.env.TermWidth(); ok {
		doc.Width = w // a terminal would cut a paragraph mid-word
	}
	text := pagetext.Text(doc)
	if format == formatMarkdown {
		text = pagetext.Markdown(doc)
	}
	if _, err = io.WriteString(a.env.Stdout, text); err != nil {
		return err
	}
	rel.note(ctx, a.env.Stderr, 1)
	return nil
}

// pageDoc is what is printed of a page besides its content: the
// properties in schema order, relations read in full (past 25) and, with
// titles, the related pages' titles.
func (a *app) pageDoc(ctx context.Context, c *notionapi.Client, p *notionapi.Page, titles bool) (pagetext.Doc, *relations, error) {
	doc := pagetext.Doc{Page: p}
	var schema notionapi.Schema
	if ds := a.pageSchema(ctx, c, p); ds != nil {
		schema = ds.Properties
		doc.Order = ds.Properties.Ordered().Names()
	} else {
		// Not a row, or its schema cannot be read: the relations it holds.
		for name, v := range p.Properties {
			if v.Type == notionapi.PropRelation {
				schema = append(schema, notionapi.PropertySchema{Name: name, ID: v.ID, Type: notionapi.PropRelation})
			}
		}
	}
	rel := newRelations(c, schema)
	if rel == nil {
		return doc, nil, nil
	}
	if !titles {
		// IDs, but every one of them.
		for name, v := range p.Properties {
			if v.Type == notionapi.PropRelation && v.HasMore {
				ids, err := c.RelationIDs(ctx, p.ID, v)
				if err != nil {
					return doc, nil, fmt.Errorf("reading the %s of the page in full: %w", name, err)
				}
				v.Relation, v.HasMore = nil, false
				for _, id := range ids {
					v.Relation = append(v.Relation, notionapi.ObjectRef{ID: id})
				}
				p.Properties[name] = v
			}
		}
		return doc, nil, nil
	}
	if err := rel.prepare(ctx, []*notionapi.Page{p}); err != nil {
		return doc, nil, err
	}
	doc.Title = rel.title
	return doc, rel, nil
}

// pageSchema is the data source a page is a row of; nil for a page that
// is not a row, or when the schema cannot be read.
func (a *app) pageSchema(ctx context.Context, c *notionapi.Client, p *notionapi.Page) *notionapi.DataSource {
	parent := p.Parent.DataSourceID
	if parent == "" {
		parent = p.Parent.DatabaseID
	}
	if parent == "" {
		return nil
	}
	ds, err := c.ResolveDataSource(ctx, parent)
	if err != nil {
		return nil
	}
	return ds
}

// blockReader reads a block tree depth first.
type blockReader struct {
	c       *notionapi.Client
	seen    map[string]bool // blocks entered, against cycles
	prog    *progress
	n       int
	tooDeep bool
}

// read returns the children of id, each with its own children, both
// decoded and as the API's JSON (with a "children" array added).
func (r *blockReader) read(ctx context.Context, id string, depth int) ([]pagetext.Node, []json.RawMessage, error) {
	var (
		nodes []pagetext.Node
		raws  []json.RawMessage
	)
	req := listRequest{method: "GET", path: "/v1/blocks/" + id + "/children", query: url.Values{"page_size": {"100"}}}
	for l, err := range pages(ctx, r.c, req) {
		if err != nil {
			return nil, nil, err
		}
		for _, raw := range l.Results {
			var b notionapi.Block
			if err := json.Unmarshal(raw, &b); err != nil {
				return nil, nil, fmt.Errorf("a block of %s could not be read: %w", id, err)
			}
			r.n++
			r.prog.update(r.n)
			node := pagetext.Node{Block: b}
			enter := b.HasChildren && b.ID != "" && b.Type != notionapi.BlockChildPage && b.Type != notionapi.BlockChildDatabase && !r.seen[b.ID]
			if enter && depth+1 >= maxBlockDepth {
				r.tooDeep, enter = true, false
			}
			if enter {
				r.seen[b.ID] = true
				kids, kidsRaw, err := r.read(ctx, b.ID, depth+1)
				if err != nil {
					return nil, nil, err
				}
				node.Children = kids
				raw = withChildren(raw, kidsRaw)
			}
			nodes = append(nodes, node)
			raws = append(raws, raw)
		}
	}
	return nodes, raws, nil
}

// withChildren adds "children": [...] to a JSON object, keeping its bytes.
func withChildren(obj json.RawMessage, kids []json.RawMessage) json.RawMessage {
	t := bytes.TrimSpace(obj)
	if len(t) < 2 || t[0] != '{' || t[len(t)-1] != '}' {
		return obj
	}
	var b bytes.Buffer
	b.Write(t[:len(t)-1])
	if len(bytes.TrimSpace(t[1:len(t)-1])) > 0 {
		b.WriteByte(',')
	}
	b.WriteString(`"children":`)
	b.Write(jsonArray(kids))
	b.WriteByte('}')
	return b.Bytes()
}

func jsonArray(items []json.RawMessage) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, it := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(it)
	}
	b.WriteByte(']')
	return b.Bytes()
}

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"

	"github.com/spf13/cobra"

	"github.com/notion-tui/notion-tui/internal/pagetext"
	"github.com/notion-tui/notion-tui/notionapi"
)

// maxBlockDepth bounds how deep nested blocks are read.
const maxBlockDepth = 32

func (a *app) pageCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "page <page-id-or-link>",
		Short: "Print a page: its properties and its content",
		Long: "Print a page's properties and its whole content: every block, at every level of nesting, " +
			"past the 100 blocks of one answer. Child pages and databases are named, not entered.\n\n" +
			"--format text is for reading; markdown puts the title and properties in YAML front matter " +
			"(create --content reads the content back); json prints the page and its blocks as the API returns " +
			"them, in {\"page\": {...}, \"blocks\": [...]}, each block's children under \"children\".",
		Example: `
notion-tui --demo page ` + demoPage + `
notion-tui --demo page ` + demoPage + ` \
  --format markdown > getting-started.md
notion-tui --demo page ` + demoPage + ` --json \
  | jq -r .page.url`,
		Args: exactArgs(1, "one page ID or link"),
	}
	out := addOutputFlags(cmd, formatText, formatMarkdown, formatJSON)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		format, err := out.get(cmd)
		if err != nil {
			return err
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
		return a.printPage(cmd.Context(), s.Client, id, format)
	}
	return cmd
}

func (a *app) printPage(ctx context.Context, c *notionapi.Client, id, format string) error {
	raw, err := c.Do(ctx, "GET", "/v1/pages/"+id, nil, nil)
	if err != nil {
		return err
	}
	var page notionapi.Page
	if err := json.Unmarshal(raw, &page); err != nil {
		return fmt.Errorf("the page's answer could not be read: %w", err)
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
	a.completeProperties(ctx, c, &page)
	doc := pagetext.Doc{Page: &page, Order: a.propertyOrder(ctx, c, &page), Blocks: nodes}
	text := pagetext.Text(doc)
	if format == formatMarkdown {
		text = pagetext.Markdown(doc)
	}
	_, err = io.WriteString(a.env.Stdout, text)
	return err
}

// completeProperties reads in full the relations cut at 25 references.
func (a *app) completeProperties(ctx context.Context, c *notionapi.Client, p *notionapi.Page) {
	for name, v := range p.Properties {
		if v.Type == notionapi.PropRelation && v.HasMore && v.ID != "" {
			if full, err := c.PropertyValue(ctx, p.ID, v.ID); err == nil {
				p.Properties[name] = full
			}
		}
	}
}

// propertyOrder is the schema order of a database row's properties; nil
// for a page that is not a row, or when the schema cannot be read.
func (a *app) propertyOrder(ctx context.Context, c *notionapi.Client, p *notionapi.Page) []string {
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
	return ds.Properties.Ordered().Names()
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

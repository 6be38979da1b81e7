package notiontest

// Spans with one annotation.
func bold(s string) span       { return span{kind: "text", text: s, ann: annotations{bold: true}} }
func italic(s string) span     { return span{kind: "text", text: s, ann: annotations{italic: true}} }
func code(s string) span       { return span{kind: "text", text: s, ann: annotations{code: true}} }
func linked(s, u string) span  { return span{kind: "text", text: s, link: u} }
func colored(s, c string) span { return span{kind: "text", text: s, ann: annotations{color: c}} }

// blockMaker makes the seeded blocks of one page, with stable IDs.
type blockMaker struct {
	pg *page
	n  int
}

func newBlockMaker(pg *page) *blockMaker { return &blockMaker{pg: pg} }

// make returns a block of typ with content and children.
func (bm *blockMaker) make(typ string, content obj, children ...*block) *block {
	bm.n++
	return bm.withID(seedID("block/"+bm.pg.id, bm.n), typ, content, children...)
}

func (bm *blockMaker) withID(id, typ string, content obj, children ...*block) *block {
	return &block{
		id: id, typ: typ, content: content, children: children,
		created: bm.pg.created, edited: bm.pg.created, createdBy: bm.pg.createdBy,
	}
}

// textBlock makes a block whose content is rich text and a color.
func (bm *blockMaker) textBlock(typ string, spans []span, children ...*block) *block {
	return bm.make(typ, obj{{"rich_text", renderRichText(spans)}, {"color", "default"}}, children...)
}

func (bm *blockMaker) paragraph(spans ...span) *block { return bm.textBlock("paragraph", spans) }

func (bm *blockMaker) heading(level int, s string) *block {
	typ := [...]string{"heading_1", "heading_2", "heading_3"}[level-1]
	return bm.make(typ, obj{{"rich_text", renderRichText([]span{text(s)})}, {"is_toggleable", false}, {"color", "default"}})
}

func (bm *blockMaker) bullet(s string, children ...*block) *block {
	return bm.textBlock("bulleted_list_item", []span{text(s)}, children...)
}

func (bm *blockMaker) numbered(s string) *block {
	return bm.textBlock("numbered_list_item", []span{text(s)})
}

func (bm *blockMaker) todo(s string, checked bool) *block {
	return bm.make("to_do", obj{{"rich_text", renderRichText([]span{text(s)})}, {"checked", checked}, {"color", "default"}})
}

func (bm *blockMaker) toggle(s string, children ...*block) *block {
	return bm.textBlock("toggle", []span{text(s)}, children...)
}

func (bm *blockMaker) quote(spans ...span) *block { return bm.textBlock("quote", spans) }

func (bm *blockMaker) callout(emoji string, spans ...span) *block {
	return bm.make("callout", obj{
		{"rich_text", renderRichText(spans)},
		{"icon", emojiIcon(emoji)},
		{"color", "gray_background"},
	})
}

func (bm *blockMaker) code(language, source string) *block {
	return bm.make("code", obj{{"caption", []any{}}, {"rich_text", renderRichText([]span{text(source)})}, {"language", language}})
}

func (bm *blockMaker) divider() *block { return bm.make("divider", obj{}) }

// childDatabase is the block of a database inside a page; as on Notion,
// its ID is the database's.
func (bm *blockMaker) childDatabase(db *database) *block {
	return bm.withID(db.id, "child_database", obj{{"title", db.title}})
}

// adopt sets the parents of a block tree under a page.
func adopt(pageID string, blocks []*block) {
	for _, b := range blocks {
		b.parentPage = pageID
		adoptChildren(b)
	}
}

func adoptChildren(parent *block) {
	for _, c := range parent.children {
		c.parentBlock = parent.id
		adoptChildren(c)
	}
}

// seedGettingStarted adds the standalone page with one block of most
// kinds, including two that clients may not know (table_of_contents and
// synced_block).
func (st *store) seedGettingStarted() {
	pg := st.standalonePage(PageGettingStarted, "Getting started with notion-tui", "👋", "", daysAgo(200, 3), UserMayaChen, true)
	bm := newBlockMaker(pg)
	maya := st.userByID[UserMayaChen]
	pg.blocks = []*block{
		bm.callout("💡", text("This page is part of the "), bold("Acme Labs"), text(" demo workspace. Nothing you do here leaves your machine.")),
		bm.make("table_of_contents", obj{{"color", "default"}}),
		bm.heading(1, "Getting started with notion-tui"),
		bm.paragraph(
			text("notion-tui is a "), bold("terminal app"), text(" for exploring a Notion workspace: users, data sources, queries and pages. It works with "),
			italic("any"), text(" integration token, and with "), code("--demo"), text(" it runs against this sandbox. See the "),
			linked("Notion API reference", "https://developers.notion.com/reference/intro"), text(" for what happens underneath."),
		),
		bm.heading(2, "Install"),
		bm.code("shell", "go install github.com/notion-tui/notion-tui@latest"),
		bm.paragraph(text("Or use the client package on its own:")),
		bm.code("go", "package main\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\t\"os\"\n\n\t\"github.com/notion-tui/notion-tui/notionapi\"\n)\n\nfunc main() {\n\tc, err := notionapi.NewClient(os.Getenv(\"NOTION_TOKEN\"))\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tme, err := c.GetMe(context.Background())\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tfmt.Println(\"Hello from\", me.Name)\n}\n"),
		bm.heading(2, "Explore"),
		bm.bullet("Press / to filter a list (on Pages, to search titles), or : to jump to a page, a database or a link."),
		bm.bullet("Open a data source to query it.", bm.bullet("Filters and sorts are built from the schema.")),
		bm.bullet("Press n to create a page from a form."),
		bm.heading(2, "Connect your workspace"),
		bm.numbered("Create a personal access token at notion.so/developers/tokens, or a connection at notion.so/developers/connections."),
		bm.numbered("For a connection, share the pages and databases it should read with it."),
		bm.numbered("Paste the token into the setup wizard."),
		bm.heading(3, "Checklist"),
		bm.todo("Run notion-tui --demo", true),
		bm.todo("Connect your own workspace", false),
		bm.todo("Export a query to CSV", false),
		bm.quote(italic("The best way to learn an API is to explore it.")),
		bm.toggle("Keyboard shortcuts",
			bm.bullet("j / k: move"),
			bm.bullet("enter: open"),
			bm.bullet("esc: back, q: quit, ?: every key"),
		),
		bm.divider(),
		bm.make("synced_block", obj{{"synced_from", nil}},
			bm.paragraph(text("This block is synced: edit it once, and every copy follows.")),
		),
		bm.paragraph(text("Questions? Ask "), mentionUser(maya), text(" or write "), colored("#notion-tui", "blue"), text(" in chat.")),
		bm.make("bookmark", obj{{"caption", []any{}}, {"url", "https://developers.notion.com/reference/intro"}}),
	}
	adopt(pg.id, pg.blocks)
	st.addBlocks(pg.blocks)
}

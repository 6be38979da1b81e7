package preview

import (
	"context"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// blockNode is a block with its children.
type blockNode struct {
	b        notionapi.Block
	children []blockNode
	err      error // reading the children failed
}

// maxBlockDepth bounds how deep nested children are read.
const maxBlockDepth = 4

// fetchBlocks reads a block's children and, for those that have some
// (toggles, list items, synced blocks), theirs. Child pages and databases
// are not entered. A nested failure is kept on its block; only a failure
// at the top is returned.
func fetchBlocks(ctx context.Context, client *notionapi.Client, id string, depth int) ([]blockNode, error) {
	var out []blockNode
	for b, err := range client.ListBlockChildrenAll(ctx, id) {
		if err != nil {
			return out, err
		}
		n := blockNode{b: b}
		if b.HasChildren && depth < maxBlockDepth && b.Type != notionapi.BlockChildPage && b.Type != notionapi.BlockChildDatabase {
			n.children, n.err = fetchBlocks(ctx, client, b.ID, depth+1)
			if ctx.Err() != nil {
				return out, ctx.Err()
			}
		}
		out = append(out, n)
	}
	return out, nil
}

// contentRenderer draws blocks as styled, wrapped lines.
type contentRenderer struct {
	st    *styles.Styles
	lines []string
}

// renderBlocks draws blocks w cells wide.
func renderBlocks(st *styles.Styles, nodes []blockNode, w int) []string {
	r := &contentRenderer{st: st}
	r.blocks(nodes, "", max(20, w))
	for len(r.lines) > 0 && r.lines[0] == "" {
		r.lines = r.lines[1:]
	}
	return r.lines
}

func (r *contentRenderer) add(s ...string) { r.lines = append(r.lines, s...) }

// wrap adds text wrapped to w with first before the first line and indent
// before the others.
func (r *contentRenderer) wrap(text, first, indent string, w int) {
	inner := max(10, w-lipgloss.Width(first))
	for i, l := range strings.Split(lipgloss.Wrap(text, inner, ""), "\n") {
		if i == 0 {
			r.add(first + l)
		} else {
			r.add(indent + l)
		}
	}
}

func (r *contentRenderer) blocks(nodes []blockNode, indent string, w int) {
	number := 0
	for _, n := range nodes {
		if n.b.Type == notionapi.BlockNumberedListItem {
			number++
		} else {
			number = 0
		}
		r.block(n, indent, w, number)
	}
}

func (r *contentRenderer) block(n blockNode, indent string, w int, number int) {
	st := r.st
	b := &n.b
	inner := w - widgets.TextWidth(indent)
	text := func() string { return richText(st, b.Text().RichText) }
	childIndent := indent + "  "
	switch {
	case b.Type == notionapi.BlockParagraph && b.Paragraph != nil:
		if len(b.Paragraph.RichText) == 0 {
			r.add("")
		} else {
			r.wrap(text(), indent, indent, inner+widgets.TextWidth(indent))
		}
	case b.Type == notionapi.BlockHeading1 && b.Heading1 != nil:
		r.add("")
		r.wrap(st.Title.Render(strings.ToUpper(b.Heading1.RichText.Plain())), indent, indent, w)
	case b.Type == notionapi.BlockHeading2 && b.Heading2 != nil:
		r.add("")
		r.wrap(st.Accent.Render(b.Heading2.RichText.Plain()), indent, indent, w)
	case b.Type == notionapi.BlockHeading3 && b.Heading3 != nil:
		r.wrap(st.Bold.Render(b.Heading3.RichText.Plain()), indent, indent, w)
	case b.Type == notionapi.BlockBulletedListItem && b.BulletedListItem != nil:
		r.wrap(text(), indent+"• ", childIndent, w)
	case b.Type == notionapi.BlockNumberedListItem && b.NumberedListItem != nil:
		mark := strconv.Itoa(number) + ". "
		r.wrap(text(), indent+mark, indent+widgets.Spaces(len(mark)), w)
	case b.Type == notionapi.BlockToDo && b.ToDo != nil:
		if b.ToDo.Checked != nil && *b.ToDo.Checked {
			r.wrap(st.Muted.Strikethrough(true).Render(b.ToDo.RichText.Plain()), indent+st.Success.Render("☑ "), childIndent, w)
		} else {
			r.wrap(text(), indent+"☐ ", childIndent, w)
		}
	case b.Type == notionapi.BlockToggle && b.Toggle != nil:
		r.wrap(text(), indent+st.Accent.Render("▾ "), childIndent, w)
	case b.Type == notionapi.BlockQuote && b.Quote != nil:
		bar := st.Accent.Render("│ ")
		r.wrap(lipgloss.NewStyle().Italic(true).Render(text()), indent+bar, indent+bar, w)
	case b.Type == notionapi.BlockCallout && b.Callout != nil:
		icon := strings.TrimSpace(widgets.IconText(b.Callout.Icon))
		if icon == "" {
			icon = "ℹ"
		}
		box := st.Panel.Width(max(20, inner)).Render(lipgloss.Wrap(icon+"  "+text(), max(10, inner-4), ""))
		r.indented(box, indent)
	case b.Type == notionapi.BlockCode && b.Code != nil:
		r.code(b.Code, indent, inner)
	case b.Type == notionapi.BlockDivider:
		r.add(indent + st.Faint.Render(strings.Repeat("─", max(1, inner))))
	case b.Type == notionapi.BlockChildPage && b.ChildPage != nil:
		r.add(indent + "📄 " + st.Bold.Render(b.ChildPage.Title) + st.Muted.Render("  (sub-page)"))
	case b.Type == notionapi.BlockChildDatabase && b.ChildDatabase != nil:
		r.add(indent + "🗃  " + st.Bold.Render(b.ChildDatabase.Title) + st.Muted.Render("  (database)"))
	case b.Type == notionapi.BlockEquation && b.Equation != nil:
		r.add(indent + st.Code.Render(b.Equation.Expression))
	case b.Type == notionapi.BlockBookmark && b.Bookmark != nil:
		r.wrap(link(st, b.Bookmark.URL, b.Bookmark.URL), indent+"🔖 ", childIndent, w)
	case b.Type == notionapi.BlockImage && b.Image != nil:
		r.wrap(st.Muted.Render("image ")+mediaText(st, b.Image), indent+"🖼  ", childIndent, w)
	case len(n.children) > 0:
		// A block drawn only through its children (a synced block, columns,
		// a table): its name, then what it holds.
		r.add(indent + st.Muted.Render("⟨"+strings.ReplaceAll(b.Type, "_", " ")+"⟩"))
	default:
		r.add(indent + st.Muted.Render("⟨"+strings.ReplaceAll(b.Type, "_", " ")+" — not shown here⟩"))
	}
	if n.err != nil {
		r.add(childIndent + st.Error.Render(widgets.Truncate("could not read the children: "+n.err.Error(), max(10, inner-2))))
	}
	if len(n.children) > 0 {
		r.blocks(n.children, childIndent, w)
	}
}

// indented adds each line of a drawn box after indent.
func (r *contentRenderer) indented(box, indent string) {
	for _, l := range strings.Split(box, "\n") {
		r.add(indent + l)
	}
}

// code draws a code block in a box labelled with its language; long lines
// are wrapped, not cut.
func (r *contentRenderer) code(c *notionapi.BlockText, indent string, w int) {
	st := r.st
	src := strings.TrimRight(c.RichText.Plain(), "\n")
	src = strings.ReplaceAll(src, "\t", "    ")
	body := lipgloss.Wrap(st.Code.Render(src), max(10, w-4), "")
	lang := c.Language
	if lang == "" {
		lang = "code"
	}
	box := strings.Split(st.Panel.Width(max(20, w)).Render(body), "\n")
	box[0] = labelledTop(st, lang, max(20, w))
	r.indented(strings.Join(box, "\n"), indent)
	if cap := c.Caption.Plain(); cap != "" {
		r.add(indent + st.Muted.Render(cap))
	}
}

// labelledTop is a panel's top border with a label in it: ╭─ go ───╮.
func labelledTop(st *styles.Styles, label string, w int) string {
	label = widgets.Truncate(label, max(1, w-6))
	border := lipgloss.NewStyle()
	if !st.NoColor {
		border = border.Foreground(st.Theme.Border)
	}
	rest := max(0, w-5-widgets.TextWidth(label))
	return border.Render("╭─ ") + st.Muted.Render(label) + border.Render(" "+strings.Repeat("─", rest)+"╮")
}

func mediaText(st *styles.Styles, m *notionapi.BlockMedia) string {
	url := m.URL
	switch {
	case m.External != nil:
		url = m.External.URL
	case m.File != nil:
		url = m.File.URL
	}
	s := link(st, url, url)
	if c := m.Caption.Plain(); c != "" {
		s = c + " " + s
	}
	return s
}

// richText draws rich text with its annotations: bold, italic, strike,
// underline, code, colours, links and mentions.
func richText(st *styles.Styles, rt notionapi.RichTexts) string {
	var b strings.Builder
	for _, t := range rt {
		text := t.PlainText
		if text == "" && t.Text != nil {
			text = t.Text.Content
		}
		s := lipgloss.NewStyle()
		if a := t.Annotations; a != nil {
			s = s.Bold(a.Bold).Italic(a.Italic).Strikethrough(a.Strikethrough).Underline(a.Underline)
			if a.Color != "" && a.Color != "default" && !strings.HasSuffix(a.Color, "_background") {
				s = s.Foreground(st.OptionStyle(a.Color).GetForeground())
			}
			if a.Code {
				s = s.Inherit(st.Code)
			}
		}
		switch {
		case t.Mention != nil && t.Mention.Type == "user":
			b.WriteString(st.Accent.Render(text))
		case t.Mention != nil:
			b.WriteString(st.Info.Render("↗ " + strings.TrimPrefix(text, "↗ ")))
		case t.Href != nil && *t.Href != "":
			b.WriteString(link(st, text, *t.Href))
		default:
			b.WriteString(s.Render(text))
		}
	}
	return b.String()
}

// link draws linked text (clickable where the terminal supports OSC 8)
// with the address after it when the text is not the address.
func link(st *styles.Styles, text, url string) string {
	s := st.Info.Underline(true).Hyperlink(url).Render(text)
	if text != url {
		s += st.Faint.Render(" (" + url + ")")
	}
	return s
}

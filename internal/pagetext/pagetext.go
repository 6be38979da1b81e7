// Package pagetext renders a Notion page, its properties and its block
// tree, as plain text for a terminal or as Markdown with the properties
// as YAML front matter. It does not read anything: the caller hands it the
// page, the property order and the blocks.
package pagetext

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/notion-tui/notion-tui/internal/textutil"
	"github.com/notion-tui/notion-tui/internal/textwrap"
	"github.com/notion-tui/notion-tui/notionapi"
)

// Node is a block with its children (read separately from the API).
type Node struct {
	Block    notionapi.Block
	Children []Node
}

// Doc is what is rendered.
type Doc struct {
	Page *notionapi.Page
	// Order names the properties in display order (a data source's schema
	// order); properties it leaves out follow by name. The title comes
	// first either way.
	Order  []string
	Blocks []Node
	// Title shows related pages by title (nil: by ID).
	Title notionapi.TitleFunc
	// Markdown, when set, is the content as Notion's own Markdown
	// (GET /v1/pages/{id}/markdown), which Markdown writes instead of
	// rendering Blocks.
	Markdown string
	// Width, when set, is the terminal's width: Text wraps prose and
	// property values at spaces to fit it, each under its own text (code
	// is left as it is). Without it a paragraph is one line.
	Width int
}

// props returns the page's properties in display order, the title first.
func (d *Doc) props() []string {
	var names []string
	seen := map[string]bool{}
	add := func(n string) {
		if _, ok := d.Page.Properties[n]; ok && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for n, v := range d.Page.Properties {
		if v.Type == notionapi.PropTitle {
			add(n)
		}
	}
	for _, n := range d.Order {
		add(n)
	}
	var rest []string
	for n := range d.Page.Properties {
		if !seen[n] {
			rest = append(rest, n)
		}
	}
	slices.Sort(rest)
	for _, n := range rest {
		add(n)
	}
	return names
}

// Text renders the page for a terminal: the title, the properties one per
// line, then the content, indented by nesting. Control characters from
// the workspace are taken out (textutil.SafeText).
func Text(d Doc) string {
	var b strings.Builder
	title := d.Page.Title()
	if title == "" {
		title = "Untitled"
	}
	b.WriteString(title + "\n")
	props := d.props()
	wide := 0
	for _, n := range props {
		wide = max(wide, len([]rune(n)))
	}
	t := &textRenderer{b: &b, width: d.Width}
	for _, n := range props {
		v := d.Page.Properties[n]
		if v.Type == notionapi.PropTitle {
			continue
		}
		lead := "  " + n + strings.Repeat(" ", wide-len([]rune(n))) + "  "
		t.line(lead, strings.Repeat(" ", textwrap.Width(lead)), oneLine(notionapi.CellWith(v, d.Title)))
	}
	fmt.Fprintf(&b, "  %s%s  %s\n", "URL", strings.Repeat(" ", max(0, wide-3)), d.Page.URL)
	if len(d.Blocks) > 0 {
		b.WriteString("\n")
		t.blocks(d.Blocks, "")
	}
	return textutil.SafeText(strings.TrimRight(b.String(), "\n") + "\n")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

type textRenderer struct {
	b     *strings.Builder
	width int // the terminal's; 0: no wrapping
}

// line writes lead and s, its later lines (s's own, and those wrapping
// makes in a terminal) starting with indent.
func (t *textRenderer) line(lead, indent, s string) {
	t.b.WriteString(textwrap.Hang(lead, indent, s, t.width))
}

func (t *textRenderer) blocks(nodes []Node, indent string) {
	number := 0
	for i, n := range nodes {
		if n.Block.Type == notionapi.BlockNumberedListItem {
			number++
		} else {
			number = 0
		}
		if i > 0 && spaced(nodes[i-1].Block.Type, n.Block.Type) {
			t.b.WriteString("\n")
		}
		t.block(n, indent, number)
	}
}

// spaced reports whether a blank line separates two blocks: not between
// items of a list.
func spaced(prev, cur string) bool {
	return !(isItem(prev) && isItem(cur))
}

func isItem(typ string) bool {
	switch typ {
	case notionapi.BlockBulletedListItem, notionapi.BlockNumberedListItem, notionapi.BlockToDo, notionapi.BlockToggle:
		return true
	}
	return false
}

func (t *textRenderer) block(n Node, indent string, number int) {
	b := &n.Block
	text := func() string {
		if bt := b.Text(); bt != nil {
			return bt.RichText.Plain()
		}
		return ""
	}
	child := indent + "  "
	switch b.Type {
	case notionapi.BlockParagraph:
		t.line(indent, indent, text())
	case notionapi.BlockHeading1, notionapi.BlockHeading2:
		h := text()
		rule := "═"
		if b.Type == notionapi.BlockHeading2 {
			rule = "─"
		}
		t.b.WriteString(indent + h + "\n" + indent + strings.Repeat(rule, max(3, len([]rune(h)))) + "\n")
	case notionapi.BlockHeading3:
		t.b.WriteString(indent + text() + "\n")
	case notionapi.BlockBulletedListItem:
		t.line(indent+"• ", child, text())
	case notionapi.BlockNumberedListItem:
		mark := strconv.Itoa(number) + ". "
		child = indent + strings.Repeat(" ", len(mark))
		t.line(indent+mark, child, text())
	case notionapi.BlockToDo:
		mark := "[ ] "
		if b.ToDo != nil && b.ToDo.Checked != nil && *b.ToDo.Checked {
			mark = "[x] "
		}
		child = indent + "    "
		t.line(indent+mark, child, text())
	case notionapi.BlockToggle:
		t.line(indent+"▸ ", child, text())
	case notionapi.BlockQuote:
		t.line(indent+"│ ", indent+"│ ", text())
		child = indent + "│ "
	case notionapi.BlockCallout:
		icon := "ℹ"
		if b.Callout != nil && b.Callout.Icon != nil && b.Callout.Icon.Emoji != "" {
			icon = b.Callout.Icon.Emoji
		}
		t.line(indent+icon+" ", child, text())
	case notionapi.BlockCode:
		lang := ""
		if b.Code != nil {
			lang = b.Code.Language
		}
		if lang != "" {
			t.b.WriteString(indent + "(" + lang + ")\n")
		}
		for _, l := range strings.Split(strings.TrimRight(text(), "\n"), "\n") {
			t.b.WriteString(indent + "    " + l + "\n")
		}
	case notionapi.BlockDivider:
		t.b.WriteString(indent + strings.Repeat("─", 40) + "\n")
	case notionapi.BlockChildPage:
		t.b.WriteString(indent + "📄 " + blockTitle(b.ChildPage) + " (page " + b.ID + ")\n")
	case notionapi.BlockChildDatabase:
		t.b.WriteString(indent + "🗃 " + blockTitle(b.ChildDatabase) + " (database " + b.ID + ")\n")
	case notionapi.BlockEquation:
		if b.Equation != nil {
			t.b.WriteString(indent + b.Equation.Expression + "\n")
		}
	case notionapi.BlockBookmark, notionapi.BlockImage:
		m := b.Bookmark
		kind := "bookmark"
		if b.Type == notionapi.BlockImage {
			m, kind = b.Image, "image"
		}
		url, caption := media(m)
		t.b.WriteString(indent + "[" + kind + "] " + strings.TrimSpace(caption+" "+url) + "\n")
	default:
		t.b.WriteString(indent + "[" + strings.ReplaceAll(b.Type, "_", " ") + "]\n")
	}
	if len(n.Children) > 0 {
		if !isItem(b.Type) {
			t.b.WriteString(strings.TrimRight(child, " ") + "\n")
		}
		t.blocks(n.Children, child)
	}
}

func blockTitle(t *notionapi.BlockTitle) string {
	if t == nil || t.Title == "" {
		return "Untitled"
	}
	return t.Title
}

func media(m *notionapi.BlockMedia) (url, caption string) {
	if m == nil {
		return "", ""
	}
	url = m.URL
	switch {
	case m.External != nil:
		url = m.External.URL
	case m.File != nil:
		url = m.File.URL
	}
	return url, m.Caption.Plain()
}

// Markdown renders the page as Markdown: the title and properties as YAML
// front matter (numbers, checkboxes and lists keep their types), then the
// content, which notion-tui create --content reads back. Control characters are taken out of the text, as Markdown
// is read by people.
func Markdown(d Doc) string {
	var b strings.Builder
	p := d.Page
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlString(p.Title()))
	fmt.Fprintf(&b, "id: %s\n", p.ID)
	if p.URL != "" {
		fmt.Fprintf(&b, "url: %s\n", yamlString(p.URL))
	}
	if !p.CreatedTime.IsZero() {
		fmt.Fprintf(&b, "created_time: %s\n", p.CreatedTime.UTC().Format("2006-01-02T15:04:05Z"))
	}
	if !p.LastEditedTime.IsZero() {
		fmt.Fprintf(&b, "last_edited_time: %s\n", p.LastEditedTime.UTC().Format("2006-01-02T15:04:05Z"))
	}
	if props := d.props(); len(props) > 0 {
		b.WriteString("properties:\n")
		for _, n := range props {
			fmt.Fprintf(&b, "  %s: %s\n", yamlString(n), yamlValue(p.Properties[n], d.Title))
		}
	}
	b.WriteString("---\n")
	switch {
	case d.Markdown != "":
		b.WriteString("\n" + d.Markdown + "\n")
	case len(d.Blocks) > 0:
		b.WriteString("\n")
		m := &mdRenderer{b: &b}
		m.blocks(d.Blocks, "")
	}
	return textutil.SafeText(strings.TrimRight(b.String(), "\n") + "\n")
}

// yamlString quotes s as a YAML double-quoted scalar (JSON's escapes are
// YAML's).
func yamlString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimRight(b.String(), "\n")
}

// yamlValue is a property value as YAML: numbers and checkboxes as such,
// lists as flow sequences, anything else as a string; empty is null.
func yamlValue(v notionapi.PropertyValue, title notionapi.TitleFunc) string {
	switch v.Type {
	case notionapi.PropNumber:
		if v.Number == nil {
			return "null"
		}
		return strconv.FormatFloat(*v.Number, 'f', -1, 64)
	case notionapi.PropCheckbox:
		return strconv.FormatBool(v.Checkbox)
	case notionapi.PropMultiSelect:
		items := make([]string, len(v.MultiSelect))
		for i, o := range v.MultiSelect {
			items[i] = o.Name
		}
		return yamlList(items)
	case notionapi.PropPeople:
		items := make([]string, len(v.People))
		for i, u := range v.People {
			items[i] = u.Name
			if items[i] == "" {
				items[i] = u.ID
			}
		}
		return yamlList(items)
	case notionapi.PropRelation:
		items := make([]string, len(v.Relation))
		for i, r := range v.Relation {
			items[i] = r.ID
			if title != nil {
				if t, ok := title(r.ID); ok {
					items[i] = t
				}
			}
		}
		return yamlList(items)
	}
	s := notionapi.CellWith(v, title)
	if s == "" {
		return "null"
	}
	return yamlString(s)
}

func yamlList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = yamlString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

type mdRenderer struct{ b *strings.Builder }

func (m *mdRenderer) blocks(nodes []Node, indent string) {
	number := 0
	for i, n := range nodes {
		if n.Block.Type == notionapi.BlockNumberedListItem {
			number++
		} else {
			number = 0
		}
		if i > 0 && spaced(nodes[i-1].Block.Type, n.Block.Type) {
			m.b.WriteString(strings.TrimRight(indent, " ") + "\n")
		}
		m.block(n, indent, number)
	}
}

// lines writes s with every line after the first indented.
func (m *mdRenderer) lines(indent, s string) {
	for i, l := range strings.Split(s, "\n") {
		if i > 0 {
			m.b.WriteString(indent)
		}
		m.b.WriteString(l + "\n")
	}
}

func (m *mdRenderer) block(n Node, indent string, number int) {
	b := &n.Block
	text := func() string {
		if bt := b.Text(); bt != nil {
			return RichMarkdown(bt.RichText)
		}
		return ""
	}
	child := indent
	switch b.Type {
	case notionapi.BlockParagraph:
		m.b.WriteString(indent)
		m.lines(indent, text())
	case notionapi.BlockHeading1:
		m.b.WriteString(indent + "# " + text() + "\n")
	case notionapi.BlockHeading2:
		m.b.WriteString(indent + "## " + text() + "\n")
	case notionapi.BlockHeading3:
		m.b.WriteString(indent + "### " + text() + "\n")
	case notionapi.BlockBulletedListItem, notionapi.BlockToggle:
		child = indent + "  "
		m.b.WriteString(indent + "- ")
		m.lines(child, text())
	case notionapi.BlockNumberedListItem:
		mark := strconv.Itoa(number) + ". "
		child = indent + strings.Repeat(" ", len(mark))
		m.b.WriteString(indent + mark)
		m.lines(child, text())
	case notionapi.BlockToDo:
		mark := "- [ ] "
		if b.ToDo != nil && b.ToDo.Checked != nil && *b.ToDo.Checked {
			mark = "- [x] "
		}
		child = indent + "  "
		m.b.WriteString(indent + mark)
		m.lines(child, text())
	case notionapi.BlockQuote, notionapi.BlockCallout:
		prefix := ""
		if b.Type == notionapi.BlockCallout && b.Callout != nil && b.Callout.Icon != nil && b.Callout.Icon.Emoji != "" {
			prefix = b.Callout.Icon.Emoji + " "
		}
		child = indent + "> "
		m.b.WriteString(child + prefix)
		m.lines(child, text())
	case notionapi.BlockCode:
		lang := ""
		if b.Code != nil {
			lang = b.Code.Language
			if lang == "plain text" {
				lang = ""
			}
		}
		src := ""
		if b.Code != nil {
			src = strings.TrimRight(b.Code.RichText.Plain(), "\n")
		}
		fence := "```"
		for strings.Contains(src, fence) {
			fence += "`"
		}
		m.b.WriteString(indent + fence + lang + "\n")
		for _, l := range strings.Split(src, "\n") {
			m.b.WriteString(indent + l + "\n")
		}
		m.b.WriteString(indent + fence + "\n")
	case notionapi.BlockDivider:
		m.b.WriteString(indent + "---\n")
	case notionapi.BlockChildPage:
		m.b.WriteString(indent + "[" + blockTitle(b.ChildPage) + "](" + notionURL(b.ID) + ")\n")
	case notionapi.BlockChildDatabase:
		m.b.WriteString(indent + "[" + blockTitle(b.ChildDatabase) + "](" + notionURL(b.ID) + ") (database)\n")
	case notionapi.BlockEquation:
		if b.Equation != nil {
			m.b.WriteString(indent + "$$\n" + indent + b.Equation.Expression + "\n" + indent + "$$\n")
		}
	case notionapi.BlockImage:
		url, caption := media(b.Image)
		m.b.WriteString(indent + "![" + caption + "](" + url + ")\n")
	case notionapi.BlockBookmark:
		url, caption := media(b.Bookmark)
		if caption == "" {
			m.b.WriteString(indent + "<" + url + ">\n")
		} else {
			m.b.WriteString(indent + "[" + caption + "](" + url + ")\n")
		}
	default:
		m.b.WriteString(indent + "<!-- " + b.Type + " block " + b.ID + " -->\n")
	}
	if len(n.Children) > 0 {
		if !isItem(b.Type) {
			m.b.WriteString(strings.TrimRight(child, " ") + "\n")
		}
		m.blocks(n.Children, child)
	}
}

func notionURL(id string) string { return "https://www.notion.so/" + notionapi.CompactID(id) }

// RichMarkdown renders rich text as Markdown: bold, italic, strikethrough,
// inline code and links.
func RichMarkdown(rt notionapi.RichTexts) string {
	var b strings.Builder
	for _, t := range rt {
		text := t.PlainText
		if text == "" && t.Text != nil {
			text = t.Text.Content
		}
		if text == "" {
			continue
		}
		// Markers must hug the text: spaces stay outside them.
		lead := text[:len(text)-len(strings.TrimLeft(text, " "))]
		trail := text[len(strings.TrimRight(text, " ")):]
		core := strings.TrimSpace(text)
		if core == "" {
			b.WriteString(text)
			continue
		}
		if a := t.Annotations; a != nil {
			if a.Code {
				core = "`" + core + "`"
			}
			if a.Strikethrough {
				core = "~~" + core + "~~"
			}
			if a.Italic {
				core = "*" + core + "*"
			}
			if a.Bold {
				core = "**" + core + "**"
			}
		}
		if t.Href != nil && *t.Href != "" {
			core = "[" + core + "](" + *t.Href + ")"
		}
		b.WriteString(lead + core + trail)
	}
	return b.String()
}

package pagetext

import (
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
)

func TestRichMarkdown(t *testing.T) {
	t.Parallel()
	link := "https://example.com"
	rt := notionapi.RichTexts{
		{PlainText: "plain "},
		{PlainText: "bold ", Annotations: &notionapi.Annotations{Bold: true}},
		{PlainText: "both", Annotations: &notionapi.Annotations{Bold: true, Italic: true}},
		{PlainText: " and "},
		{PlainText: "code", Annotations: &notionapi.Annotations{Code: true}},
		{PlainText: " a "},
		{PlainText: "link", Href: &link},
	}
	if got, want := RichMarkdown(rt), "plain **bold** ***both*** and `code` a [link](https://example.com)"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestMarkdownFrontMatterKeepsTypes(t *testing.T) {
	t.Parallel()
	n := 3.5
	page := &notionapi.Page{ID: "p1", Properties: map[string]notionapi.PropertyValue{
		"Name":  notionapi.TitleValue(`A "quoted" title`),
		"Score": {Type: notionapi.PropNumber, Number: &n},
		"Done":  {Type: notionapi.PropCheckbox, Checkbox: true},
		"Tags":  {Type: notionapi.PropMultiSelect, MultiSelect: []notionapi.SelectOption{{Name: "a"}, {Name: "b: c"}}},
		"Empty": {Type: notionapi.PropRichText},
	}}
	md := Markdown(Doc{Page: page, Order: []string{"Score", "Tags"}})
	for _, want := range []string{
		"title: \"A \\\"quoted\\\" title\"\n",
		"properties:\n  \"Name\": \"A \\\"quoted\\\" title\"\n  \"Score\": 3.5\n  \"Tags\": [\"a\", \"b: c\"]\n  \"Done\": true\n  \"Empty\": null\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestTextTakesOutControlCharacters(t *testing.T) {
	t.Parallel()
	page := &notionapi.Page{Properties: map[string]notionapi.PropertyValue{"Name": notionapi.TitleValue("x\x1b]0;owned\x07")}}
	doc := Doc{Page: page, Blocks: []Node{{Block: notionapi.NewTextBlock(notionapi.BlockParagraph, "y\x1b[2J")}}}
	for _, out := range []string{Text(doc), Markdown(doc)} {
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("control characters left in %q", out)
		}
	}
}

func TestTextWrapsProseToTheWidth(t *testing.T) {
	t.Parallel()
	long := "Every word of this paragraph stays whole while the lines wrap at spaces to the width of the terminal."
	page := &notionapi.Page{Properties: map[string]notionapi.PropertyValue{
		"Name":  notionapi.TitleValue("Wrapping"),
		"Notes": {Type: notionapi.PropRichText, RichText: notionapi.PlainText(long)},
	}}
	code := notionapi.NewTextBlock(notionapi.BlockCode, "x := \"a line of code longer than the forty columns of this test\"")
	doc := Doc{Page: page, Order: []string{"Notes"}, Width: 40, Blocks: []Node{
		{Block: notionapi.NewTextBlock(notionapi.BlockParagraph, long)},
		{Block: notionapi.NewTextBlock(notionapi.BlockBulletedListItem, long)},
		{Block: code},
	}}
	got := Text(doc)
	for _, line := range strings.Split(got, "\n") {
		if w := len([]rune(line)); w > 40 && !strings.Contains(line, "a line of code") {
			t.Errorf("a line of %d columns: %q", w, line)
		}
	}
	for _, want := range []string{
		"  Notes  Every word of this paragraph\n         stays whole while",
		"\nEvery word of this paragraph stays whole\nwhile the lines",
		"\n• Every word of this paragraph stays\n  whole while",
		"    x := \"a line of code longer than the forty columns of this test\"\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	doc.Width = 0
	if unwrapped := Text(doc); !strings.Contains(unwrapped, "\n"+long+"\n") {
		t.Errorf("without a width a paragraph is one line:\n%s", unwrapped)
	}
}

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

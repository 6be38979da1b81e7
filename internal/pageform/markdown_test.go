package pageform

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/notion-tui/notion-tui/notionapi"
)

// outline describes blocks compactly: type, checked state or language,
// plain text, and children indented.
func outline(blocks []notionapi.Block, indent string) string {
	var b strings.Builder
	for _, blk := range blocks {
		fmt.Fprintf(&b, "%s%s", indent, blk.Type)
		if t := blk.Text(); t != nil {
			if t.Checked != nil {
				fmt.Fprintf(&b, "[%v]", *t.Checked)
			}
			if t.Language != "" {
				fmt.Fprintf(&b, "(%s)", t.Language)
			}
			fmt.Fprintf(&b, " %q", t.RichText.Plain())
		}
		b.WriteString("\n")
		b.WriteString(outline(blk.Children, indent+"  "))
	}
	return b.String()
}

func TestBlocks(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"\n\n  \n", ""},
		{"Hello", `paragraph "Hello"` + "\n"},
		{"one\ntwo\n\nthree", "paragraph \"one\\ntwo\"\nparagraph \"three\"\n"},
		{"# Title\n## Sub\n### Third\n#### Deep ##", "heading_1 \"Title\"\nheading_2 \"Sub\"\nheading_3 \"Third\"\nheading_3 \"Deep\"\n"},
		{"#hashtag", "paragraph \"#hashtag\"\n"},
		{"- a\n* b\n+ c", "bulleted_list_item \"a\"\nbulleted_list_item \"b\"\nbulleted_list_item \"c\"\n"},
		{"1. a\n2) b", "numbered_list_item \"a\"\nnumbered_list_item \"b\"\n"},
		{"- [ ] buy\n- [x] done\n* [X] also", "to_do[false] \"buy\"\nto_do[true] \"done\"\nto_do[true] \"also\"\n"},
		{"> a\n> b\nafter", "quote \"a\\nb\"\nparagraph \"after\"\n"},
		{"text\n> quoted", "paragraph \"text\"\nquote \"quoted\"\n"},
		{"```go\nfunc main() {\n\n}\n```\nafter", "code(go) \"func main() {\\n\\n}\"\nparagraph \"after\"\n"},
		{"~~~py\nx = 1\n~~~", "code(python) \"x = 1\"\n"},
		{"```\nno end", "code(plain text) \"no end\"\n"},
		{"```brainfuck\n+\n```", "code(plain text) \"+\"\n"},
		{"---\n***", "divider\ndivider\n"},
		{"- a\n  - a1\n    - a2\n- b\n\n  - c", "bulleted_list_item \"a\"\n  bulleted_list_item \"a1\"\n  bulleted_list_item \"a2\"\nbulleted_list_item \"b\"\n  bulleted_list_item \"c\"\n"},
		{"- a\n\npara\n  - b", "bulleted_list_item \"a\"\nparagraph \"para\"\nbulleted_list_item \"b\"\n"},
		{"para\n  - indented", "paragraph \"para\"\nbulleted_list_item \"indented\"\n"},
		{"- a\n  1. x\n  - [ ] y", "bulleted_list_item \"a\"\n  numbered_list_item \"x\"\n  to_do[false] \"y\"\n"},
	}
	for _, tt := range tests {
		blocks, err := Blocks(tt.in)
		if err != nil {
			t.Errorf("Blocks(%q): %v", tt.in, err)
			continue
		}
		if got := outline(blocks, ""); got != tt.want {
			t.Errorf("Blocks(%q):\n%s\nwant:\n%s", tt.in, got, tt.want)
		}
	}
}

func TestBlocksJSON(t *testing.T) {
	blocks, err := Blocks("- [x] **Ship** it\n  - see [docs](https://x.example)")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(blocks)
	want := `[{"object":"block","type":"to_do","to_do":{"rich_text":[` +
		`{"type":"text","text":{"content":"Ship"},"annotations":{"bold":true,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"}},` +
		`{"type":"text","text":{"content":" it"}}],"checked":true,"children":[` +
		`{"object":"block","type":"bulleted_list_item","bulleted_list_item":{"rich_text":[{"type":"text","text":{"content":"see "}},` +
		`{"type":"text","text":{"content":"docs","link":{"url":"https://x.example"}}}]}}]}}]`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

func TestBlocksLimits(t *testing.T) {
	if _, err := Blocks(strings.Repeat("- item\n", 101)); err == nil || !strings.Contains(err.Error(), "makes 101 blocks; a page can be created with at most 100") {
		t.Errorf("101 blocks: %v", err)
	}
	if _, err := Blocks(strings.Repeat("- item\n", 100)); err != nil {
		t.Errorf("100 blocks: %v", err)
	}
	if _, err := Blocks("- a\n" + strings.Repeat("  - b\n", 101)); err == nil || !strings.Contains(err.Error(), "101 items under it") {
		t.Errorf("101 children: %v", err)
	}
	huge := strings.Repeat("x", 100*MaxTextLength+1)
	if _, err := Blocks("intro\n\n" + huge); err == nil || !strings.Contains(err.Error(), "the paragraph ending at line 3 is too long") {
		t.Errorf("huge paragraph: %v", err)
	}
	blocks, err := Blocks("```\n" + strings.Repeat("é😀", 1500) + "\n```")
	if err != nil {
		t.Fatal(err)
	}
	runs := blocks[0].Code.RichText
	if len(runs) != 3 || runs.Plain() != strings.Repeat("é😀", 1500) {
		t.Fatalf("4,500 UTF-16 units in %d runs, text kept: %v", len(runs), runs.Plain() == strings.Repeat("é😀", 1500))
	}
	for _, r := range runs {
		if n := len(utf16.Encode([]rune(r.Text.Content))); n > MaxTextLength {
			t.Errorf("a run of %d UTF-16 units", n)
		}
	}
}

// runsText renders runs as text with markers for their styles.
func runsText(rt notionapi.RichTexts) string {
	var b strings.Builder
	for _, r := range rt {
		marks := ""
		if a := r.Annotations; a != nil {
			for _, m := range []struct {
				on   bool
				mark string
			}{{a.Bold, "B"}, {a.Italic, "I"}, {a.Strikethrough, "S"}, {a.Code, "C"}} {
				if m.on {
					marks += m.mark
				}
			}
		}
		if r.Text.Link != nil {
			marks += "→" + r.Text.Link.URL
		}
		fmt.Fprintf(&b, "[%s|%s]", marks, r.Text.Content)
	}
	return b.String()
}

func TestInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "[|plain]"},
		{"**bold** and *it*", "[B|bold][| and ][I|it]"},
		{"__bold__ _it_", "[B|bold][| ][I|it]"},
		{"~~gone~~ `x*y*z`", "[S|gone][| ][C|x*y*z]"},
		{"**bold *both***", "[B|bold ][BI|both]"},
		{"[docs](https://x.example/a) end", "[→https://x.example/a|docs][| end]"},
		{"[**b**](https://x.example)", "[B→https://x.example|b]"},
		{"[js](javascript:alert(1))", "[|[js](javascript:alert(1))]"},
		{"snake_case_name and 2*3*4", "[|snake_case_name and 2][I|3][|4]"},
		{"a * b * c", "[|a * b * c]"},
		{"**not closed", "[|**not closed]"},
		{`\*literal\* and \\`, `[|*literal* and \]`},
		{"`unclosed", "[|`unclosed]"},
		{"``", "[|``]"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := runsText(Inline(tt.in)); got != tt.want {
			t.Errorf("Inline(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzBlocks checks that any content either fails with a message or gives
// blocks the API takes: at most 100, runs of at most 2,000 UTF-16 units,
// code in one of Notion's languages, and no text invented: a line without
// markup keeps its text.
func FuzzBlocks(f *testing.F) {
	for _, s := range []string{"# a\n- b\n  - c\n> d\n```go\ne\n```", "**x** _y_ [z](https://q)", "1. a\n2. b\n- [ ] c", "\\*a\\*", "~~~\n~~~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		blocks, err := Blocks(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if len(blocks) > MaxBlocks {
			t.Fatalf("%d blocks", len(blocks))
		}
		checkBlocks(t, blocks, 0)
		if !strings.ContainsAny(s, "#-*+>`~_[\\0123456789\n\r") && strings.TrimSpace(s) != "" {
			if len(blocks) != 1 || blocks[0].Paragraph == nil || blocks[0].Paragraph.RichText.Plain() != strings.TrimSpace(s) {
				t.Fatalf("plain text %q became %s", s, outline(blocks, ""))
			}
		}
	})
}

func checkBlocks(t *testing.T, blocks []notionapi.Block, depth int) {
	t.Helper()
	for _, blk := range blocks {
		if depth > 1 {
			t.Fatalf("blocks nested %d levels deep", depth+1)
		}
		if _, err := json.Marshal(blk); err != nil {
			t.Fatalf("block does not encode: %v", err)
		}
		if txt := blk.Text(); txt != nil {
			if len(txt.RichText) > maxRuns {
				t.Fatalf("%d runs", len(txt.RichText))
			}
			for _, r := range txt.RichText {
				if n := utf16Len(r.Text.Content); n > MaxTextLength || n == 0 {
					t.Fatalf("a run of %d UTF-16 units", n)
				}
			}
			if blk.Type == notionapi.BlockCode && !codeLanguages[txt.Language] {
				t.Fatalf("code language %q", txt.Language)
			}
		}
		checkBlocks(t, blk.Children, depth+1)
	}
}

// BenchmarkBlocks measures a typical page body and inputs that would be
// quadratic for a naive delimiter search.
func BenchmarkBlocks(b *testing.B) {
	for name, s := range map[string]string{
		"notes":      strings.Repeat("## Agenda\n- [ ] review **budget**\n- see [docs](https://x.example)\n\nSome *notes* with `code`.\n\n", 20),
		"unclosed_*": strings.Repeat("** ", 20000),
		"unclosed__": strings.Repeat("_a ", 20000),
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				if _, err := Blocks(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

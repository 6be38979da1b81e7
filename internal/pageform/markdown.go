package pageform

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/notion-tui/notion-tui/notionapi"
)

// MaxBlocks is how many blocks a page can be created with in one request;
// Page.Rest holds the blocks past it.
const MaxBlocks = notionapi.MaxPageSize

// maxRuns is how many rich text runs one block holds.
const maxRuns = 100

var (
	reHeading  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`) })
	reToDo     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[-*+]\s+\[([ xX])\]\s*(.*)$`) })
	reBullet   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[-*+]\s+(.*)$`) })
	reNumbered = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{1,9}[.)]\s+(.*)$`) })
	reQuote    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^>\s?(.*)$`) })
	reDivider  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:-{3,}|\*{3,}|_{3,})$`) })
	reFence    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("^(`{3,}|~{3,})\\s*([^`\\s]*)") })
)

// Blocks turns markdown typed as a page's content into blocks:
//
//	# ## ###          headings (deeper levels become ###)
//	- * +             bulleted list items
//	1. or 1)          numbered list items
//	- [ ] / - [x]     to-dos
//	> text            a quote (consecutive lines make one quote)
//	```lang … ```     a code block in that language
//	---               a divider
//
// List items indented under another item become its children (one level,
// as the API takes in one request). Other lines make paragraphs, separated
// by blank lines; line breaks inside a paragraph are kept. Within text,
// **bold**, *italic*, ~~strike~~, `code` and [links](https://…) are
// styled. Text is cut into runs of at most 2,000 characters, the API's
// limit; more than MaxBlocks blocks is an error (AllBlocks takes any
// number).
func Blocks(markdown string) ([]notionapi.Block, error) {
	out, err := AllBlocks(markdown)
	switch {
	case err != nil:
		return nil, err
	case len(out) > MaxBlocks:
		return nil, fmt.Errorf("the content makes %d blocks; a page can be created with at most %d (one per paragraph, heading or list item)", len(out), MaxBlocks)
	case len(notionapi.BlockBatches(out)) > 1:
		return nil, fmt.Errorf("the content makes %d blocks with the nested ones; a page can be created with at most %d", notionapi.CountBlocks(out), notionapi.MaxBlockElements)
	}
	return out, nil
}

// AllBlocks is Blocks without the limit of one request: the first MaxBlocks
// go with the create request, the others in the appends of AppendContent.
func AllBlocks(markdown string) ([]notionapi.Block, error) {
	b := &blockBuilder{lines: strings.Split(strings.ReplaceAll(markdown, "\r\n", "\n"), "\n"), listIndent: -1}
	for b.i < len(b.lines) {
		b.next()
	}
	b.flush()
	if b.err != nil {
		return nil, b.err
	}
	for _, blk := range b.out {
		if len(blk.Children) > MaxBlocks {
			return nil, fmt.Errorf("a list item has %d items under it; at most %d are allowed", len(blk.Children), MaxBlocks)
		}
	}
	return b.out, nil
}

// blockBuilder reads markdown line by line.
type blockBuilder struct {
	lines []string
	i     int
	out   []notionapi.Block
	para  []string // lines of the paragraph being read
	quote []string // lines of the quote being read
	// listIndent is the indentation of the last top-level list item, or
	// -1 when the last block is not a list item.
	listIndent int
	err        error // the first block that is too long
}

// next reads one line (or a whole code block).
func (b *blockBuilder) next() {
	raw := b.lines[b.i]
	b.i++
	line := strings.TrimSpace(raw)
	if m := reQuote().FindStringSubmatch(line); m != nil {
		if len(b.para) > 0 {
			b.flush()
		}
		b.quote = append(b.quote, m[1])
		return
	}
	if line == "" || len(b.quote) > 0 {
		b.flush()
	}
	if line == "" {
		return
	}
	if m := reFence().FindStringSubmatch(line); m != nil {
		b.flush()
		b.code(m[1], m[2])
		return
	}
	blk, isItem, ok := lineBlock(line)
	if !ok {
		b.para = append(b.para, line)
		return
	}
	b.flush()
	b.add(blk, isItem, len(raw)-len(strings.TrimLeft(raw, " \t")))
}

// add appends a block, or nests a list item indented under the last one.
func (b *blockBuilder) add(blk notionapi.Block, isItem bool, indent int) {
	b.checkRuns(blk)
	if isItem && b.listIndent >= 0 && indent > b.listIndent {
		parent := &b.out[len(b.out)-1]
		parent.Children = append(parent.Children, blk)
		return
	}
	b.out = append(b.out, blk)
	b.listIndent = -1
	if isItem {
		b.listIndent = indent
	}
}

// lineBlock reads a line that makes a block of its own.
func lineBlock(line string) (blk notionapi.Block, isItem, ok bool) {
	if reDivider().MatchString(line) {
		return notionapi.NewDivider(), false, true
	}
	if m := reHeading().FindStringSubmatch(line); m != nil {
		typ := []string{notionapi.BlockHeading1, notionapi.BlockHeading2, notionapi.BlockHeading3}[min(len(m[1]), 3)-1]
		return textBlock(typ, m[2]), false, true
	}
	if m := reToDo().FindStringSubmatch(line); m != nil {
		blk := textBlock(notionapi.BlockToDo, m[2])
		checked := m[1] != " "
		blk.ToDo.Checked = &checked
		return blk, true, true
	}
	if m := reBullet().FindStringSubmatch(line); m != nil {
		return textBlock(notionapi.BlockBulletedListItem, m[1]), true, true
	}
	if m := reNumbered().FindStringSubmatch(line); m != nil {
		return textBlock(notionapi.BlockNumberedListItem, m[1]), true, true
	}
	return notionapi.Block{}, false, false
}

// textBlock makes a text block of markdown-styled text.
func textBlock(typ, text string) notionapi.Block {
	blk := notionapi.NewTextBlock(typ, "")
	blk.Text().RichText = Inline(text)
	return blk
}

// code reads a fenced code block up to its closing fence (or the end).
func (b *blockBuilder) code(fence, lang string) {
	var body []string
	for b.i < len(b.lines) {
		line := b.lines[b.i]
		b.i++
		if t := strings.TrimSpace(line); strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
			break
		}
		body = append(body, line)
	}
	blk := notionapi.NewCode("", CodeLanguage(lang))
	blk.Code.RichText = splitRuns(strings.Join(body, "\n"), nil, "")
	b.add(blk, false, 0)
}

// flush ends the paragraph or the quote being read (never both are).
func (b *blockBuilder) flush() {
	if len(b.para) > 0 {
		b.add(textBlock(notionapi.BlockParagraph, strings.Join(b.para, "\n")), false, 0)
		b.para = nil
	}
	if len(b.quote) > 0 {
		b.add(textBlock(notionapi.BlockQuote, strings.Join(b.quote, "\n")), false, 0)
		b.quote = nil
	}
}

// checkRuns notes a block whose text needs more runs than the API takes.
func (b *blockBuilder) checkRuns(blk notionapi.Block) {
	if t := blk.Text(); t != nil && len(t.RichText) > maxRuns && b.err == nil {
		b.err = fmt.Errorf("the %s ending at line %d is too long: about %s characters, at most %s fit in one block",
			strings.ReplaceAll(blk.Type, "_", " "), b.i, thousands(utf16Len(t.RichText.Plain())), thousands(maxRuns*MaxTextLength))
	}
}

// codeLanguages are the languages Notion's code blocks take.
var codeLanguages = map[string]bool{}

func init() {
	for _, l := range strings.Split("abap,abc,agda,arduino,ascii art,assembly,bash,basic,bnf,c,c#,c++,clojure,coffeescript,coq,css,dart,dhall,diff,docker,ebnf,elixir,elm,erlang,f#,flow,fortran,gherkin,glsl,go,graphql,groovy,haskell,hcl,html,idris,java,javascript,json,julia,kotlin,latex,less,lisp,livescript,llvm ir,lua,makefile,markdown,markup,matlab,mathematica,mermaid,nix,notion formula,objective-c,ocaml,pascal,perl,php,plain text,powershell,prolog,protobuf,purescript,python,r,racket,reason,ruby,rust,sass,scala,scheme,scss,shell,smalltalk,solidity,sql,swift,toml,typescript,vb.net,verilog,vhdl,visual basic,webassembly,xml,yaml,java/c/c++/c#", ",") {
		codeLanguages[l] = true
	}
}

// languageAliases map common fence names to Notion's language names.
var languageAliases = map[string]string{
	"golang": "go", "js": "javascript", "jsx": "javascript", "ts": "typescript", "tsx": "typescript",
	"py": "python", "python3": "python", "rb": "ruby", "rs": "rust", "sh": "shell", "zsh": "shell",
	"console": "shell", "yml": "yaml", "cpp": "c++", "cc": "c++", "cs": "c#", "csharp": "c#",
	"fsharp": "f#", "kt": "kotlin", "dockerfile": "docker", "make": "makefile", "md": "markdown",
	"text": "plain text", "txt": "plain text", "plaintext": "plain text", "objc": "objective-c",
	"tex": "latex", "ps1": "powershell", "pwsh": "powershell", "proto": "protobuf", "hs": "haskell",
	"ex": "elixir", "exs": "elixir", "erl": "erlang", "ml": "ocaml", "pl": "perl", "wasm": "webassembly",
	"vb": "visual basic", "tf": "hcl", "terraform": "hcl",
}

// CodeLanguage maps a fence's language to one of Notion's code block
// languages ("plain text" when unknown).
func CodeLanguage(lang string) string {
	l := strings.ToLower(strings.TrimSpace(lang))
	if codeLanguages[l] {
		return l
	}
	if a, ok := languageAliases[l]; ok {
		return a
	}
	return "plain text"
}

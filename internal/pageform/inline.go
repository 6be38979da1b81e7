package pageform

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/notion-tui/notion-tui/notionapi"
)

// style is the look of a piece of text.
type style struct {
	bold, italic, strike, code bool
	link                       string
}

func (s style) annotations() *notionapi.Annotations {
	if !s.bold && !s.italic && !s.strike && !s.code {
		return nil
	}
	return &notionapi.Annotations{Bold: s.bold, Italic: s.italic, Strikethrough: s.strike, Code: s.code, Color: "default"}
}

// span is a piece of text in one style.
type span struct {
	text string
	st   style
}

// splitRuns cuts text into runs of at most MaxTextLength UTF-16 units,
// never inside a character.
func splitRuns(text string, ann *notionapi.Annotations, link string) notionapi.RichTexts {
	out := notionapi.RichTexts{}
	for text != "" {
		n, cut := 0, len(text)
		for i, r := range text {
			if n += utf16.RuneLen(r); n > MaxTextLength {
				cut = i
				break
			}
		}
		t := &notionapi.Text{Content: text[:cut]}
		if link != "" {
			t.Link = &notionapi.Link{URL: link}
		}
		out = append(out, notionapi.RichText{Type: "text", Text: t, Annotations: ann})
		text = text[cut:]
	}
	return out
}

// delimiters of styles, longest first.
var delimiters = []delimiter{
	{"**", func(s *style) { s.bold = true }},
	{"__", func(s *style) { s.bold = true }},
	{"~~", func(s *style) { s.strike = true }},
	{"*", func(s *style) { s.italic = true }},
	{"_", func(s *style) { s.italic = true }},
}

type delimiter struct {
	mark  string
	apply func(*style)
}

// maxNesting bounds styles inside styles; deeper markup stays as typed.
const maxNesting = 8

// inlineText is a string being parsed, with the positions where each
// delimiter may close, found once so that parsing stays linear.
type inlineText struct {
	s       string
	closers [][]int // per delimiter, ascending
	lastMid int     // the last "](" of a link, or -1
}

func newInlineText(s string) *inlineText {
	t := &inlineText{s: s, closers: make([][]int, len(delimiters)), lastMid: strings.LastIndex(s, "](")}
	for di, d := range delimiters {
		for k := strings.Index(s, d.mark); k >= 0; {
			if t.closes(d.mark, k) {
				t.closers[di] = append(t.closers[di], k)
			}
			next := strings.Index(s[k+1:], d.mark)
			if next < 0 {
				break
			}
			k += 1 + next
		}
	}
	return t
}

// closes reports whether the delimiter at k can close a style: it follows
// text that does not end with a space, and ends its run of marks (so
// "***" closes "**" with its last two). A closing _ must end a word.
func (t *inlineText) closes(mark string, k int) bool {
	s, c, after := t.s, mark[0], k+len(mark)
	if k == 0 || unicode.IsSpace(lastRune(s[:k])) || after < len(s) && s[after] == c {
		return false
	}
	if len(mark) == 1 && s[k-1] == c {
		return false
	}
	return c != '_' || after == len(s) || !isWordByte(s[after])
}

// opens reports whether the delimiter at i can open a style: text that
// does not start with a space follows, and an opening _ starts a word.
func (t *inlineText) opens(mark string, i int) bool {
	s, from := t.s, i+len(mark)
	if from >= len(s) || unicode.IsSpace(firstRune(s[from:])) || len(mark) == 1 && s[from] == mark[0] {
		return false
	}
	return mark[0] != '_' || i == 0 || !isWordByte(s[i-1])
}

// Inline turns a line of markdown into rich text: **bold** (or __bold__),
// *italic* (or _italic_), ~~strike~~, `code`, [text](https://link), and
// backslash escapes. Markup that does not close stays as typed. Runs hold
// at most 2,000 characters.
func Inline(s string) notionapi.RichTexts {
	var spans []span
	parseInline(s, style{}, &spans, 0)
	out := notionapi.RichTexts{}
	for i := 0; i < len(spans); {
		// Join neighbours of the same style before cutting into runs.
		var b strings.Builder
		st := spans[i].st
		for ; i < len(spans) && spans[i].st == st; i++ {
			b.WriteString(spans[i].text)
		}
		out = append(out, splitRuns(b.String(), st.annotations(), st.link)...)
	}
	return out
}

// parseInline appends the spans of s, styled on top of st.
func parseInline(s string, st style, out *[]span, depth int) {
	if depth > maxNesting {
		*out = append(*out, span{s, st})
		return
	}
	t := newInlineText(s)
	var plain strings.Builder
	flush := func() {
		if plain.Len() > 0 {
			*out = append(*out, span{plain.String(), st})
			plain.Reset()
		}
	}
	for i := 0; i < len(s); {
		if end, ok := escape(s, i); ok {
			plain.WriteString(s[i+1 : end])
			i = end
			continue
		}
		if code, end, ok := codeSpan(s, i); ok {
			flush()
			cst := st
			cst.code = true
			*out = append(*out, span{code, cst})
			i = end
			continue
		}
		if text, url, end, ok := t.link(i); ok {
			flush()
			lst := st
			lst.link = url
			parseInline(text, lst, out, depth+1)
			i = end
			continue
		}
		if inner, apply, end, ok := t.emphasis(i); ok {
			flush()
			est := st
			apply(&est)
			parseInline(inner, est, out, depth+1)
			i = end
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		plain.WriteString(s[i : i+size])
		i += size
	}
	flush()
}

// escape reads \* and the like: a backslash before ASCII punctuation.
func escape(s string, i int) (end int, ok bool) {
	if s[i] != '\\' || i+1 >= len(s) {
		return 0, false
	}
	c := rune(s[i+1])
	if c < utf8.RuneSelf && (unicode.IsPunct(c) || unicode.IsSymbol(c)) {
		return i + 2, true
	}
	return 0, false
}

// codeSpan reads `code`.
func codeSpan(s string, i int) (code string, end int, ok bool) {
	if s[i] != '`' {
		return "", 0, false
	}
	j := strings.IndexByte(s[i+1:], '`')
	if j <= 0 {
		return "", 0, false
	}
	return s[i+1 : i+1+j], i + 2 + j, true
}

// link reads [text](url) with an http(s) or mailto URL.
func (t *inlineText) link(i int) (text, url string, end int, ok bool) {
	s := t.s
	if s[i] != '[' || i >= t.lastMid {
		return "", "", 0, false
	}
	mid := strings.Index(s[i:], "](")
	if mid <= 1 {
		return "", "", 0, false
	}
	mid += i
	closing := strings.IndexByte(s[mid+2:], ')')
	if closing < 0 {
		return "", "", 0, false
	}
	url = s[mid+2 : mid+2+closing]
	lower := strings.ToLower(url)
	if strings.ContainsAny(url, " \t") || !(strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "mailto:")) {
		return "", "", 0, false
	}
	return s[i+1 : mid], url, mid + 3 + closing, true
}

// emphasis reads **bold**, *italic* and the like at s[i], closed by the
// first delimiter after it that can close.
func (t *inlineText) emphasis(i int) (inner string, apply func(*style), end int, ok bool) {
	for di, d := range delimiters {
		if !strings.HasPrefix(t.s[i:], d.mark) || !t.opens(d.mark, i) {
			continue
		}
		from := i + len(d.mark)
		cs := t.closers[di]
		if n := sort.SearchInts(cs, from+1); n < len(cs) {
			return t.s[from:cs[n]], d.apply, cs[n] + len(d.mark), true
		}
		if len(d.mark) == 1 {
			break
		}
	}
	return "", nil, 0, false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isWordByte(c byte) bool {
	return c >= utf8.RuneSelf || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

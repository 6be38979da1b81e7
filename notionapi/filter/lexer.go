package filter

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokenKind uint8

const (
	tokEOF    tokenKind = iota
	tokWord             // a bare word: Status, Done, 2026-12-01, -3.5, ada@example.com
	tokString           // a quoted string: "Latency ms", 'Due date'
	tokPunct            // ( ) , : and the operator symbols
	tokError            // a lexical error, in err
)

// token is a lexical unit of the source.
type token struct {
	kind tokenKind
	text string // the source text, quotes included
	val  string // the value: unescaped for strings, the text otherwise
	pos  int    // byte offset of text in the source
	err  *Error // for tokError
}

func (t token) end() int { return t.pos + len(t.text) }

// isWord reports whether t is the bare word w, ignoring case. Quoted
// strings are never keywords.
func (t token) isWord(w string) bool { return t.kind == tokWord && strings.EqualFold(t.val, w) }

func (t token) isPunct(p string) bool { return t.kind == tokPunct && t.text == p }

// quoted returns the token as messages show it.
func (t token) quoted() string {
	if t.kind == tokString {
		return shorten(t.text)
	}
	return strconv.Quote(shorten(t.text))
}

// describe names the token for "found …" in messages.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of input"
	case tokString:
		return "the string " + t.quoted()
	}
	return t.quoted()
}

// shorten keeps long tokens from flooding a message.
func shorten(s string) string {
	const maxRunes = 40
	if utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	return string([]rune(s)[:maxRunes-1]) + "…"
}

// symbols are the punctuation tokens, longest first.
var symbols = []string{"==", "!=", "<>", "<=", ">=", "&&", "||", "!~", "=", "<", ">", "!", "~", "(", ")", ",", ":"}

// lex splits src into tokens. The last token is tokEOF, or tokError at the
// first lexical mistake.
func lex(src string) []token {
	toks := make([]token, 0, len(src)/4+1)
	if !utf8.ValidString(src) {
		pos := invalidUTF8At(src)
		return append(toks, errorToken(newError(src, pos, nil, "invalid UTF-8 at byte %d", pos)))
	}
	for i := 0; ; {
		for i < len(src) && isSpace(src[i:]) {
			_, size := utf8.DecodeRuneInString(src[i:])
			i += size
		}
		if i == len(src) {
			return append(toks, token{kind: tokEOF, pos: i})
		}
		t := lexToken(src, i)
		toks = append(toks, t)
		if t.kind == tokError {
			return toks
		}
		i = t.end()
	}
}

func lexToken(src string, i int) token {
	switch {
	case src[i] == '"' || src[i] == '\'':
		return lexString(src, i)
	case src[i] == '&' && !strings.HasPrefix(src[i:], "&&"):
		return errorToken(newError(src, i, nil, `unexpected "&"; write && or and`))
	case src[i] == '|' && !strings.HasPrefix(src[i:], "||"):
		return errorToken(newError(src, i, nil, `unexpected "|"; write || or or`))
	}
	for _, s := range symbols {
		if strings.HasPrefix(src[i:], s) {
			return token{kind: tokPunct, text: s, val: s, pos: i}
		}
	}
	r, _ := utf8.DecodeRuneInString(src[i:])
	if !isWordRune(r) {
		return errorToken(newError(src, i, nil, "unexpected character %q; quote values and names that contain it", r))
	}
	return lexWord(src, i)
}

// lexWord reads a bare word. A word that starts with a digit may also hold
// ':' and '+' before a digit, so date-times such as 2026-06-01T09:30+02:00
// need no quotes.
func lexWord(src string, start int) token {
	digitLed := isDigit(src[start])
	i := start
	for i < len(src) {
		r, size := utf8.DecodeRuneInString(src[i:])
		if isWordRune(r) || digitLed && (r == ':' || r == '+') && i+1 < len(src) && isDigit(src[i+1]) {
			i += size
			continue
		}
		break
	}
	text := src[start:i]
	return token{kind: tokWord, text: text, val: text, pos: start}
}

// lexString reads a string quoted with " or ', in which \", \' and \\
// stand for the quote and the backslash.
func lexString(src string, start int) token {
	q := src[start]
	var b strings.Builder
	for i := start + 1; i < len(src); i++ {
		c := src[i]
		switch {
		case c == q:
			return token{kind: tokString, text: src[start : i+1], val: b.String(), pos: start}
		case c != '\\':
			b.WriteByte(c)
		case i+1 == len(src):
			// A backslash at the very end: the string is unclosed.
		case src[i+1] == '"' || src[i+1] == '\'' || src[i+1] == '\\':
			b.WriteByte(src[i+1])
			i++
		default:
			r, _ := utf8.DecodeRuneInString(src[i+1:])
			return errorToken(newError(src, i, nil, `unknown escape "\%c" in a string; only \", \' and \\ are escapes`, r))
		}
	}
	return errorToken(newError(src, start, nil, "unclosed string: no closing %c before end of input", q))
}

func errorToken(err *Error) token { return token{kind: tokError, pos: err.Pos, err: err} }

// isWordRune reports whether r may appear in a bare word: ASCII letters and
// digits, _ - . @, and every non-ASCII character except spaces (letters of
// any script, marks, emoji).
func isWordRune(r rune) bool {
	if r >= utf8.RuneSelf {
		return !unicode.IsSpace(r)
	}
	return r == '_' || r == '-' || r == '.' || r == '@' || isDigit(byte(r)) ||
		'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func invalidUTF8At(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return len(s)
}

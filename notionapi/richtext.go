package notionapi

import (
	"encoding/json"
	"strings"
	"unicode/utf16"
)

// RichText is one run of rich text: text, a mention or an equation.
type RichText struct {
	Type        string       `json:"type,omitempty"` // "text", "mention" or "equation"
	Text        *Text        `json:"text,omitempty"`
	Mention     *Mention     `json:"mention,omitempty"`
	Equation    *Equation    `json:"equation,omitempty"`
	Annotations *Annotations `json:"annotations,omitempty"`
	PlainText   string       `json:"plain_text,omitempty"`
	Href        *string      `json:"href,omitempty"`
}

// Text is the content of a text run.
type Text struct {
	Content string `json:"content"`
	Link    *Link  `json:"link,omitempty"`
}

// Link is the target of a linked text run.
type Link struct {
	URL string `json:"url"`
}

// Equation is a KaTeX expression.
type Equation struct {
	Expression string `json:"expression"`
}

// Mention is an inline reference to a user, page, database, data source,
// date or link. An unknown mention type is kept in Raw.
type Mention struct {
	Type        string          `json:"type"`
	User        *User           `json:"user,omitempty"`
	Page        *ObjectRef      `json:"page,omitempty"`
	Database    *ObjectRef      `json:"database,omitempty"`
	DataSource  *ObjectRef      `json:"data_source,omitempty"`
	Date        *DateValue      `json:"date,omitempty"`
	LinkPreview *Link           `json:"link_preview,omitempty"`
	LinkMention *Link           `json:"link_mention,omitempty"`
	Raw         json.RawMessage `json:"-"`
}

// ObjectRef refers to an object by its ID.
type ObjectRef struct {
	ID string `json:"id"`
}

// Annotations are the styles of a rich text run.
type Annotations struct {
	Bold          bool   `json:"bold"`
	Italic        bool   `json:"italic"`
	Strikethrough bool   `json:"strikethrough"`
	Underline     bool   `json:"underline"`
	Code          bool   `json:"code"`
	Color         string `json:"color,omitempty"`
}

// RichTexts is a rich text array, as found in titles, rich text properties
// and blocks.
type RichTexts []RichText

// Plain joins the plain text of every run. For runs built locally (no
// plain_text yet) it falls back to their content.
func (rt RichTexts) Plain() string {
	switch len(rt) {
	case 0:
		return ""
	case 1:
		return rt[0].plain()
	}
	var b strings.Builder
	for _, r := range rt {
		b.WriteString(r.plain())
	}
	return b.String()
}

func (r RichText) plain() string {
	if r.PlainText != "" {
		return r.PlainText
	}
	switch {
	case r.Text != nil:
		return r.Text.Content
	case r.Equation != nil:
		return r.Equation.Expression
	}
	return ""
}

// MarshalJSON writes an empty array rather than null, as the API expects.
func (rt RichTexts) MarshalJSON() ([]byte, error) {
	if rt == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]RichText(rt))
}

// MaxTextLength is the longest text.content Notion accepts in one rich
// text run: 2,000 "characters" counted as JavaScript does, in UTF-16 code
// units (an emoji outside the Basic Multilingual Plane counts two).
const MaxTextLength = 2000

// PlainText builds rich text for a request from plain text, splitting it
// into runs of at most MaxTextLength UTF-16 code units, never inside a
// character. TitleValue, RichTextValue and NewTextBlock build on it.
func PlainText(s string) RichTexts {
	if s == "" {
		return RichTexts{}
	}
	var out RichTexts
	for s != "" {
		n := splitUTF16(s, MaxTextLength)
		out = append(out, RichText{Type: "text", Text: &Text{Content: s[:n]}})
		s = s[n:]
	}
	return out
}

// splitUTF16 returns the byte length of the longest prefix of s that
// holds at most max UTF-16 code units and ends on a character boundary.
func splitUTF16(s string, max int) int {
	units := 0
	for i, r := range s {
		w := utf16.RuneLen(r)
		if w < 0 { // invalid UTF-8 is sent as U+FFFD, one unit
			w = 1
		}
		if units+w > max {
			return i
		}
		units += w
	}
	return len(s)
}

// UTF16Len returns the length of s as Notion counts it: in UTF-16 code
// units.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		if w := utf16.RuneLen(r); w > 0 {
			n += w
		} else {
			n++
		}
	}
	return n
}

// UnmarshalJSON keeps the payload of an unknown mention type.
func (m *Mention) UnmarshalJSON(b []byte) error {
	type plain Mention
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*m = Mention(p)
	switch m.Type {
	case "user", "page", "database", "data_source", "date", "link_preview", "link_mention":
		return nil
	}
	m.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// MarshalJSON writes an unknown mention back as it came.
func (m Mention) MarshalJSON() ([]byte, error) {
	if m.Raw != nil {
		return m.Raw, nil
	}
	type plain Mention
	return json.Marshal(plain(m))
}

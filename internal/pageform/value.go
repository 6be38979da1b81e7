package pageform

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Limits of a property value in one request, as Notion sets them.
const (
	MaxTextLength  = 2000 // characters of a title or text value
	MaxURLLength   = 2000
	MaxEmailLength = 200
	MaxPhoneLength = 200
	MaxItems       = 100 // options, people, pages or files in one value
)

// Env is what parsing needs besides the typed text.
type Env struct {
	// Now is the current time in the user's zone (see ParseDate).
	Now time.Time
	// Users is the workspace's users list, to find people by name or
	// e-mail. Nil when it is not available; UsersErr then says why.
	Users    []notionapi.User
	UsersErr error
	// FindPages lists the pages of a relation's data source whose title
	// contains title. Nil means relations take page IDs and links only.
	FindPages func(p notionapi.PropertySchema, title string) ([]notionapi.Page, error)
}

// ParseValue reads the text typed for property p. Empty text means the
// property is left unset: ok is false and nothing is to be sent.
func ParseValue(p notionapi.PropertySchema, text string, env Env) (v notionapi.PropertyValue, ok bool, err error) {
	if strings.TrimSpace(text) == "" {
		return notionapi.PropertyValue{}, false, nil
	}
	if !Editable(p) {
		return notionapi.PropertyValue{}, false, errors.New(ReadOnlyReason(p))
	}
	v, err = parsers[p.Type](p, text, env)
	return v, err == nil, err
}

type parser func(p notionapi.PropertySchema, text string, env Env) (notionapi.PropertyValue, error)

// parsers hold a parser for every property type a page can be created
// with.
var parsers = map[notionapi.PropertyType]parser{
	notionapi.PropTitle:       parseTitle,
	notionapi.PropRichText:    parseRichText,
	notionapi.PropNumber:      parseNumberValue,
	notionapi.PropSelect:      parseSelect,
	notionapi.PropStatus:      parseSelect,
	notionapi.PropMultiSelect: parseMultiSelect,
	notionapi.PropDate:        parseDateValue,
	notionapi.PropCheckbox:    parseCheckbox,
	notionapi.PropURL:         stringParser(ParseURL, notionapi.URLValue),
	notionapi.PropEmail:       stringParser(ParseEmail, notionapi.EmailValue),
	notionapi.PropPhoneNumber: stringParser(ParsePhone, notionapi.PhoneValue),
	notionapi.PropPeople:      parsePeople,
	notionapi.PropRelation:    parseRelation,
	notionapi.PropFiles:       parseFiles,
}

// stringParser makes a parser of a checked string value.
func stringParser(check func(string) (string, error), build func(string) notionapi.PropertyValue) parser {
	return func(_ notionapi.PropertySchema, s string, _ Env) (notionapi.PropertyValue, error) {
		v, err := check(s)
		if err != nil {
			return notionapi.PropertyValue{}, err
		}
		return build(v), nil
	}
}

// Editable reports whether a page can be created with a value for p.
// Computed types (formula, rollup, timestamps, unique ID, button), and
// types this form does not write (verification, place, unknown types),
// are not.
func Editable(p notionapi.PropertySchema) bool {
	_, ok := parsers[p.Type]
	return ok
}

// ReadOnlyReason says why a property cannot be given a value.
func ReadOnlyReason(p notionapi.PropertySchema) string {
	switch p.Type {
	case notionapi.PropCreatedTime, notionapi.PropCreatedBy, notionapi.PropLastEditedTime, notionapi.PropLastEditedBy:
		return "set by Notion when the page is saved"
	case notionapi.PropUniqueID:
		return "numbered by Notion"
	case notionapi.PropFormula, notionapi.PropRollup:
		return "computed by Notion"
	case notionapi.PropButton:
		return "a button; nothing to fill in"
	}
	return "cannot be set from here (" + string(p.Type) + ")"
}

// utf16Len counts characters as Notion does (UTF-16 code units).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func checkLength(s string, limit int, what string) error {
	if n := utf16Len(s); n > limit {
		return fmt.Errorf("%s is %d characters long; Notion takes at most %s", what, n, thousands(limit))
	}
	return nil
}

func thousands(n int) string { return notionapi.FormatNumber(float64(n), "number_with_commas") }

func parseTitle(_ notionapi.PropertySchema, s string, _ Env) (notionapi.PropertyValue, error) {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\r\n") {
		return notionapi.PropertyValue{}, errors.New("a title is one line; put longer text in the page's content")
	}
	if err := checkLength(s, MaxTextLength, "the title"); err != nil {
		return notionapi.PropertyValue{}, err
	}
	return notionapi.TitleValue(s), nil
}

func parseRichText(_ notionapi.PropertySchema, s string, _ Env) (notionapi.PropertyValue, error) {
	s = strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), " \n")
	if err := checkLength(s, MaxTextLength, "the text"); err != nil {
		return notionapi.PropertyValue{}, err
	}
	return notionapi.RichTextValue(s), nil
}

func parseNumberValue(p notionapi.PropertySchema, s string, _ Env) (notionapi.PropertyValue, error) {
	n, err := ParseNumber(s, numberFormat(p))
	if err != nil {
		return notionapi.PropertyValue{}, err
	}
	return notionapi.NumberValue(n), nil
}

// numberFormat returns the schema's number format ("number" by default).
func numberFormat(p notionapi.PropertySchema) string {
	if p.Number == nil || p.Number.Format == "" {
		return "number"
	}
	return p.Number.Format
}

func parseDateValue(_ notionapi.PropertySchema, s string, env Env) (notionapi.PropertyValue, error) {
	d, err := ParseDate(s, env.now())
	if err != nil {
		return notionapi.PropertyValue{}, err
	}
	return notionapi.PropertyValue{Type: notionapi.PropDate, Date: &d}, nil
}

func (e Env) now() time.Time {
	if e.Now.IsZero() {
		return time.Now()
	}
	return e.Now
}

// ParseCheckbox reads yes/no, true/false, y/n, x, on/off, 1/0.
func ParseCheckbox(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "t", "x", "[x]", "on", "1", "checked", "✓", "✔":
		return true, nil
	case "no", "n", "false", "f", "", "[ ]", "off", "0", "unchecked":
		return false, nil
	}
	return false, fmt.Errorf("expected yes or no (true/false, x, 1/0), not %q", s)
}

func parseCheckbox(_ notionapi.PropertySchema, s string, _ Env) (notionapi.PropertyValue, error) {
	b, err := ParseCheckbox(s)
	if err != nil {
		return notionapi.PropertyValue{}, err
	}
	return notionapi.CheckboxValue(b), nil
}

var reHost = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(:[0-9]+)?([/?#].*)?$`)
})

// ParseURL checks a link. A bare host such as example.com/page gets
// https:// in front.
func ParseURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, " \t\r\n") {
		return "", fmt.Errorf("a link has no spaces; expected something like https://example.com/page")
	}
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "mailto:"), strings.HasPrefix(lower, "tel:"):
	case strings.Contains(s, "://"):
		u, err := url.Parse(s)
		if err != nil || u.Host == "" || u.Scheme == "" {
			return "", fmt.Errorf("%q is not a link; expected something like https://example.com/page", s)
		}
	case reHost().MatchString(s):
		s = "https://" + s
	default:
		return "", fmt.Errorf("%q is not a link; expected something like https://example.com/page", s)
	}
	return s, checkLength(s, MaxURLLength, "the link")
}

var reEmail = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[^\s@"<>()]+@[^\s@"<>()]+\.[^\s@"<>().]{2,}$`) })

// ParseEmail checks an e-mail address.
func ParseEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if !reEmail().MatchString(s) {
		return "", fmt.Errorf("%q is not an e-mail address; expected something like ada@example.com", s)
	}
	return s, checkLength(s, MaxEmailLength, "the e-mail address")
}

var rePhone = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\+?[0-9 ().\-/]*[0-9][0-9 ().\-/]*( ?(x|ext\.?) ?[0-9]+)?$`)
})

// ParsePhone checks a phone number: digits with spaces, dashes, dots,
// brackets, a leading + and an extension (x12, ext. 12).
func ParsePhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if !rePhone().MatchString(strings.ToLower(s)) {
		return "", fmt.Errorf("%q is not a phone number; expected something like +1 415 555 0100", s)
	}
	return s, checkLength(s, MaxPhoneLength, "the phone number")
}

func parseFiles(_ notionapi.PropertySchema, s string, _ Env) (notionapi.PropertyValue, error) {
	items, err := listOf(s)
	if err != nil {
		return notionapi.PropertyValue{}, err
	}
	urls := make([]string, len(items))
	for i, it := range items {
		if urls[i], err = ParseURL(it); err != nil {
			return notionapi.PropertyValue{}, err
		}
	}
	return notionapi.ExternalFilesValue(urls...), nil
}

// listOf splits a list and checks its length.
func listOf(s string) ([]string, error) {
	items, err := SplitList(s)
	if err != nil {
		return nil, err
	}
	if len(items) > MaxItems {
		return nil, fmt.Errorf("%d items; Notion takes at most %d in one value", len(items), MaxItems)
	}
	return items, nil
}

package pageform

import (
	"strings"

	"github.com/notion-tui/notion-tui/notionapi"
)

// TypeLabel names a property's type for a person: "text", "multi-select",
// "phone".
func TypeLabel(p notionapi.PropertySchema) string {
	switch p.Type {
	case notionapi.PropRichText:
		return "text"
	case notionapi.PropMultiSelect:
		return "multi-select"
	case notionapi.PropPhoneNumber:
		return "phone"
	case notionapi.PropURL:
		return "URL"
	case notionapi.PropEmail:
		return "e-mail"
	case notionapi.PropUniqueID:
		return "unique ID"
	case notionapi.PropCreatedTime, notionapi.PropLastEditedTime:
		return "timestamp"
	case notionapi.PropCreatedBy, notionapi.PropLastEditedBy:
		return "user"
	}
	return strings.ReplaceAll(string(p.Type), "_", " ")
}

// Hint says what a property accepts, for a form or a usage message.
func Hint(p notionapi.PropertySchema) string {
	switch p.Type {
	case notionapi.PropTitle:
		return "required, one line, up to 2,000 characters"
	case notionapi.PropRichText:
		return "text, up to 2,000 characters"
	case notionapi.PropNumber:
		return NumberHint(numberFormat(p))
	case notionapi.PropSelect, notionapi.PropStatus, notionapi.PropMultiSelect:
		return OptionHint(p)
	case notionapi.PropDate:
		return DateHint
	case notionapi.PropCheckbox:
		return "yes or no"
	case notionapi.PropURL:
		return "a link: https://example.com/page"
	case notionapi.PropEmail:
		return "an e-mail address: ada@example.com"
	case notionapi.PropPhoneNumber:
		return "a phone number: +1 415 555 0100"
	case notionapi.PropPeople:
		return "names, e-mails or user IDs, comma-separated"
	case notionapi.PropRelation:
		return "page titles, IDs or links, comma-separated"
	case notionapi.PropFiles:
		return "links to files, comma-separated"
	}
	return ReadOnlyReason(p)
}

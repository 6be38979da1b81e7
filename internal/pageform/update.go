package pageform

import (
	"errors"
	"fmt"
	"strings"

	"github.com/notion-tui/notion-tui/notionapi"
)

// ErrTitleCleared is the error of a title edited to nothing.
var ErrTitleCleared = errors.New("a title cannot be emptied; give the new title")

// ParseEdit reads the text typed to change property p of an existing
// page, as ParseValue reads it for a new one, except that empty text
// clears the property (see ClearValue): an edit always has a value to
// send.
func ParseEdit(p notionapi.PropertySchema, text string, env Env) (notionapi.PropertyValue, error) {
	if !Editable(p) {
		return notionapi.PropertyValue{}, errors.New(ReadOnlyReason(p))
	}
	if strings.TrimSpace(text) == "" {
		return ClearValue(p)
	}
	v, _, err := ParseValue(p, text, env)
	return v, err
}

// ClearValue returns the value that empties property p: no number,
// option or date, empty lists and text, an unchecked checkbox. A title
// cannot be emptied.
func ClearValue(p notionapi.PropertySchema) (notionapi.PropertyValue, error) {
	if !Editable(p) {
		return notionapi.PropertyValue{}, errors.New(ReadOnlyReason(p))
	}
	v := notionapi.PropertyValue{Type: p.Type}
	switch p.Type {
	case notionapi.PropTitle:
		return notionapi.PropertyValue{}, ErrTitleCleared
	case notionapi.PropRichText:
		v.RichText = notionapi.RichTexts{}
	}
	return v, nil
}

// MaxOptionLength is the longest option name Notion takes.
const MaxOptionLength = 100

// NewOption returns the value of a select or multi-select property that
// adds option name to its schema, as Notion does when a write names an
// option it does not have ("if the integration also has write access to
// the parent database"); status options cannot be made this way. For a
// multi-select, the option joins current, the options already chosen.
func NewOption(p notionapi.PropertySchema, name string, current []notionapi.SelectOption) (notionapi.PropertyValue, error) {
	name = strings.TrimSpace(name)
	switch {
	case p.Type == notionapi.PropStatus:
		return notionapi.PropertyValue{}, fmt.Errorf("%s is a status: Notion does not let a connection add status options; add %q in Notion first", p.Name, name)
	case p.Type != notionapi.PropSelect && p.Type != notionapi.PropMultiSelect:
		return notionapi.PropertyValue{}, fmt.Errorf("%s has no options", p.Name)
	case name == "":
		return notionapi.PropertyValue{}, errors.New("an option needs a name")
	case strings.Contains(name, ","):
		return notionapi.PropertyValue{}, fmt.Errorf("option names cannot hold commas: %q", name)
	case utf16Len(name) > MaxOptionLength:
		return notionapi.PropertyValue{}, fmt.Errorf("an option name is at most %d characters; %q has %d", MaxOptionLength, name, utf16Len(name))
	}
	if o, err := MatchOption(p, name); err == nil {
		name = o.Name // it exists after all
	}
	if p.Type == notionapi.PropSelect {
		return notionapi.SelectValue(name), nil
	}
	names := make([]string, 0, len(current)+1)
	for _, o := range current {
		if o.Name != name {
			names = append(names, o.Name)
		}
	}
	if len(names) >= MaxItems {
		return notionapi.PropertyValue{}, fmt.Errorf("%d options; Notion takes at most %d in one value", len(names)+1, MaxItems)
	}
	return notionapi.MultiSelectValue(append(names, name)...), nil
}

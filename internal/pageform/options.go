package pageform

import (
	"fmt"
	"strings"

	"github.com/notion-tui/notion-tui/internal/textutil"

	"github.com/notion-tui/notion-tui/notionapi"
)

// maxListed is how many options, people or pages an error message lists
// before "…"; properties are always listed in full.
const maxListed = 12

func parseSelect(p notionapi.PropertySchema, s string, _ Env) (notionapi.PropertyValue, error) {
	o, err := MatchOption(p, s)
	if err != nil {
		return notionapi.PropertyValue{}, err
	}
	if p.Type == notionapi.PropStatus {
		return notionapi.StatusValue(o.Name), nil
	}
	return notionapi.SelectValue(o.Name), nil
}

func parseMultiSelect(p notionapi.PropertySchema, s string, _ Env) (notionapi.PropertyValue, error) {
	items, err := listOf(s)
	if err != nil {
		return notionapi.PropertyValue{}, err
	}
	var names []string
	for _, it := range items {
		o, err := MatchOption(p, it)
		if err != nil {
			return notionapi.PropertyValue{}, err
		}
		if !contains(names, o.Name) {
			names = append(names, o.Name)
		}
	}
	return notionapi.MultiSelectValue(names...), nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// MatchOption finds the option of a select, multi-select or status
// property named s: exactly, or else ignoring case and surrounding spaces.
// An unknown name is an error that lists the options and suggests the
// closest.
func MatchOption(p notionapi.PropertySchema, s string) (notionapi.SelectOption, error) {
	opts := p.Options()
	for _, o := range opts {
		if o.Name == s {
			return o, nil
		}
	}
	want := strings.ToLower(strings.TrimSpace(s))
	for _, o := range opts {
		if strings.ToLower(strings.TrimSpace(o.Name)) == want {
			return o, nil
		}
	}
	if len(opts) == 0 {
		return notionapi.SelectOption{}, fmt.Errorf("%s has no options yet; add them in Notion first", p.Name)
	}
	names := make([]string, len(opts))
	for i, o := range opts {
		names[i] = o.Name
	}
	msg := fmt.Sprintf("no option %q", s)
	msg += textutil.DidYouMean(want, names)
	return notionapi.SelectOption{}, fmt.Errorf("%s; options are %s", msg, textutil.QuoteList(names, maxListed))
}

// OptionHint describes what a select, multi-select or status property
// accepts, for a form.
func OptionHint(p notionapi.PropertySchema) string {
	names := make([]string, 0, len(p.Options()))
	for _, o := range p.Options() {
		names = append(names, o.Name)
	}
	if p.Type == notionapi.PropMultiSelect {
		return "comma-separated: " + FormatList(names)
	}
	return "one of: " + FormatList(names)
}

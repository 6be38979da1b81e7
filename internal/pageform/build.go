package pageform

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/notion-tui/notion-tui/internal/textutil"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/notionapi"
)

// Input is what was typed for a new page: text per property name, and the
// page's content as markdown.
type Input struct {
	Values  map[string]string
	Content string
	// LongContent lets the content have more blocks than one request
	// takes: Params then carries the first batch, and the caller adds
	// Rest with AppendContent. Without it, that is an error.
	LongContent bool
}

// Page is a parsed and checked new page, ready to send.
type Page struct {
	Title      string
	Properties map[string]notionapi.PropertyValue
	// Children is the whole content; Params carries its first batch.
	Children []notionapi.Block
}

// Params returns the create request for a row of ds, with the first batch
// of the content (all of it when it fits one request).
func (p *Page) Params(c *notionapi.Client, ds *notionapi.DataSource) notionapi.CreatePageParams {
	var first []notionapi.Block
	if batches := notionapi.BlockBatches(p.Children); len(batches) > 0 {
		first = batches[0]
	}
	return notionapi.CreatePageParams{Parent: c.DataSourceParent(ds), Properties: p.Properties, Children: first}
}

// Rest is the content the create request does not carry, in the batches
// of the append requests that add it (AppendContent); nil when it all fits.
func (p *Page) Rest() [][]notionapi.Block {
	batches := notionapi.BlockBatches(p.Children)
	if len(batches) < 2 {
		return nil
	}
	return batches[1:]
}

// FieldError is a problem with one property's value, or with the content
// when Property is "".
type FieldError struct {
	Property string
	Err      error
}

func (e *FieldError) Error() string {
	if e.Property == "" {
		return "content: " + e.Err.Error()
	}
	return e.Property + ": " + e.Err.Error()
}

func (e *FieldError) Unwrap() error { return e.Err }

// Errors are every problem found in an Input, in schema order, the
// content last.
type Errors []*FieldError

func (e Errors) Error() string {
	parts := make([]string, len(e))
	for i, fe := range e {
		parts[i] = fe.Error()
	}
	return strings.Join(parts, "\n")
}

// For returns the problem with a property ("" for the content), or nil.
func (e Errors) For(property string) error {
	for _, fe := range e {
		if fe.Property == property {
			return fe.Err
		}
	}
	return nil
}

// ErrTitleRequired is the error of an empty title.
var ErrTitleRequired = errors.New("a title is required")

// Build parses and checks every value and the content. It returns every
// problem at once, as Errors.
func Build(schema notionapi.Schema, in Input, env Env) (*Page, error) {
	var errs Errors
	page := &Page{Properties: map[string]notionapi.PropertyValue{}}
	for _, name := range slices.Sorted(maps.Keys(in.Values)) { // in a stable order
		if _, ok := schema.Get(name); !ok {
			errs = append(errs, &FieldError{name, unknownProperty(schema, name)})
		}
	}
	for _, p := range schema.Ordered() {
		text := in.Values[p.Name]
		v, ok, err := ParseValue(p, text, env)
		switch {
		case err != nil:
			errs = append(errs, &FieldError{p.Name, err})
		case ok:
			page.Properties[p.Name] = v
			if p.Type == notionapi.PropTitle {
				page.Title = v.Title.Plain()
			}
		case p.Type == notionapi.PropTitle:
			errs = append(errs, &FieldError{p.Name, ErrTitleRequired})
		}
	}
	blocks := Blocks
	if in.LongContent {
		blocks = AllBlocks
	}
	children, err := blocks(in.Content)
	if err != nil {
		errs = append(errs, &FieldError{"", err})
	}
	page.Children = children
	if len(errs) > 0 {
		return nil, errs
	}
	return page, nil
}

// Property finds a property by the name a person typed: exactly, or else
// ignoring case, or by its ID. An unknown name is an error listing the
// properties.
func Property(schema notionapi.Schema, name string) (notionapi.PropertySchema, error) {
	if p, ok := schema.Get(name); ok {
		return p, nil
	}
	want := strings.ToLower(strings.TrimSpace(name))
	for _, p := range schema {
		if strings.ToLower(p.Name) == want {
			return p, nil
		}
	}
	return notionapi.PropertySchema{}, unknownProperty(schema, name)
}

// unknownProperty says that schema has no property name, with the close
// one and the list.
func unknownProperty(schema notionapi.Schema, name string) error {
	names := schema.Names()
	return fmt.Errorf("no property %q%s; properties are %s", name, textutil.DidYouMean(name, names), textutil.QuoteList(names, 0))
}

var reQuoted = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`["“]([^"”]+)["”]`) })

// APIErrorField finds the field a validation_error from Notion is about:
// the property's name, or "" for the page's content. ok is false when the
// message names neither.
func APIErrorField(schema notionapi.Schema, err error) (property string, ok bool) {
	var apiErr *notionapi.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != notionapi.CodeValidationError {
		return "", false
	}
	field := guide.FieldOf(apiErr.Message)
	if strings.HasPrefix(field, "children") {
		return "", true
	}
	if p, found := schema.Get(strings.TrimPrefix(field, "properties.")); found && field != "" {
		return p.Name, true
	}
	// Messages such as `Status option "X" does not exist for property
	// "Status".` quote the property.
	for _, m := range reQuoted().FindAllStringSubmatch(apiErr.Message, -1) {
		if p, found := schema.Get(m[1]); found {
			return p.Name, true
		}
	}
	return "", false
}

package notiontest

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Length limits of property values, as on Notion.
const (
	maxURLLength   = 2000
	maxEmailLength = 200
	maxPhoneLength = 200
)

// readOnlyTypes are computed by Notion and cannot be written.
var readOnlyTypes = []string{"formula", "rollup", "created_time", "created_by", "last_edited_time", "last_edited_by", "unique_id", "button"}

// optionColors are given in turn to options created by writes.
var optionColors = []string{"default", "gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red"}

// writer parses the property values of a page create or update. New
// select options are held back until the write commits.
type writer struct {
	st      *store
	pending []pendingOption
}

type pendingOption struct {
	prop *prop
	opt  *option
}

// commit adds the options the write created to their schemas.
func (w *writer) commit() {
	for _, p := range w.pending {
		p.opt.rank = len(p.prop.options)
		p.prop.options = append(p.prop.options, p.opt)
	}
}

// parseProperties reads body.properties for a row of ds: property key
// (name or ID) to parsed value.
func (w *writer) parseProperties(ds *dataSource, raw any) (map[*prop]any, error) {
	if raw == nil {
		return nil, nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, errShouldBe("body.properties", "an object", raw)
	}
	out := make(map[*prop]any, len(m))
	for _, key := range sortedKeys(m) {
		p := ds.lookup(key)
		if p == nil {
			return nil, errValidation("%s is not a property that exists.", key)
		}
		v, err := w.parseValue(p, m[key], "body.properties."+key)
		if err != nil {
			return nil, err
		}
		out[p] = v
	}
	return out, nil
}

// parseTitleOnly reads body.properties of a page outside databases, whose
// only property is its title.
func (w *writer) parseTitleOnly(raw any) ([]span, bool, error) {
	if raw == nil {
		return nil, false, nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, false, errShouldBe("body.properties", "an object", raw)
	}
	for _, key := range sortedKeys(m) {
		if key != "title" {
			return nil, false, errValidation("%s is not a property that exists.", key)
		}
	}
	v, ok := m["title"]
	if !ok {
		return nil, false, nil
	}
	if arr, isArray := v.([]any); isArray { // the legacy form: "title": [rich text]
		v = map[string]any{"title": arr}
	}
	spans, err := w.parseValue(titleOnly, v, "body.properties.title")
	if err != nil {
		return nil, false, err
	}
	s, _ := spans.([]span)
	return s, true, nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// parseValue reads one property value object, such as {"number": 42}.
func (w *writer) parseValue(p *prop, raw any, path string) (any, error) {
	if slices.Contains(readOnlyTypes, p.typ) {
		return nil, errValidation("%s is a %s property, which Notion computes; it cannot be set.", p.name, p.typ)
	}
	m, ok := raw.(map[string]any)
	expected := errValidation("%s is expected to be %s.", p.name, p.typ)
	if !ok {
		return nil, expected
	}
	if t, ok := m["type"]; ok && t != p.typ {
		return nil, expected
	}
	v, ok := m[p.typ]
	if !ok {
		return nil, expected
	}
	path += "." + p.typ
	switch p.typ {
	case "title", "rich_text":
		return w.st.parseRichText(v, path)
	case "number":
		return parseNumber(v, path)
	case "checkbox":
		b, ok := v.(bool)
		if !ok {
			return nil, errShouldBe(path, "a boolean", v)
		}
		return b, nil
	case "url":
		return parseString(v, path, maxURLLength)
	case "email":
		return parseString(v, path, maxEmailLength)
	case "phone_number":
		return parseString(v, path, maxPhoneLength)
	case "select", "status":
		if v == nil {
			return nil, nil
		}
		return w.parseOption(p, v, path)
	case "multi_select":
		return w.parseOptions(p, v, path)
	case "date":
		if v == nil {
			return nil, nil
		}
		return parseDateValue(v, path)
	case "people":
		return w.parsePeople(v, path)
	case "relation":
		return w.parseRelation(p, v, path)
	case "files":
		return parseFiles(v, path)
	}
	return nil, errValidation("%s properties cannot be written in this sandbox.", p.typ)
}

func parseNumber(v any, path string) (any, error) {
	if v == nil {
		return nil, nil
	}
	n, ok := v.(json.Number)
	f, err := n.Float64()
	if !ok || err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, errShouldBe(path, "a number or `null`", v)
	}
	return f, nil
}

// parseString reads a url, email or phone_number; "" is stored as empty.
func parseString(v any, path string, limit int) (any, error) {
	if v == nil {
		return nil, nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, errShouldBe(path, "a string or `null`", v)
	}
	if n := jsLength(s); n > limit {
		return nil, errShouldBe(path+".length", fmt.Sprintf("≤ `%d`", limit), n)
	}
	if s == "" {
		return nil, nil
	}
	return s, nil
}

// parseOption finds a select or status option by id or name. An unknown
// select name creates an option; an unknown status name is an error.
func (w *writer) parseOption(p *prop, v any, path string) (*option, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errShouldBe(path, "an object or `null`", v)
	}
	if id, ok := m["id"].(string); ok {
		if o := p.optionByID(id); o != nil {
			return o, nil
		}
		return nil, errValidation("Invalid %s option id %q for property %q.", p.typ, id, p.name)
	}
	name, ok := m["name"].(string)
	if !ok {
		return nil, errShouldBe(path+".name", "a string", valueOrUndefined(m, "name"))
	}
	if o := p.optionByName(name); o != nil {
		return o, nil
	}
	if p.typ == "status" {
		return nil, errValidation("Invalid status option. Status option %q does not exist for property %q.", name, p.name)
	}
	return w.newOption(p, name, m["color"], path)
}

// newOption holds back a new option until the write commits.
func (w *writer) newOption(p *prop, name string, color any, path string) (*option, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return nil, errShouldBe(path+".name", "a non-empty string", name)
	case strings.Contains(name, ","):
		return nil, errValidation("Option names cannot contain commas: %q.", name)
	case jsLength(name) > 100:
		return nil, errShouldBe(path+".name.length", "≤ `100`", jsLength(name))
	}
	for _, po := range w.pending {
		if po.prop == p && po.opt.name == name {
			return po.opt, nil
		}
	}
	c := optionColors[(len(p.options)+len(w.pending))%len(optionColors)]
	if color != nil {
		s, _ := color.(string)
		if !slices.Contains(optionColors, s) {
			return nil, errShouldBe(path+".color", "a valid select color", color)
		}
		c = s
	}
	o := &option{id: newID(), name: name, color: c}
	w.pending = append(w.pending, pendingOption{p, o})
	return o, nil
}

func (w *writer) parseOptions(p *prop, v any, path string) (any, error) {
	items, ok := v.([]any)
	if !ok {
		return nil, errShouldBe(path, "an array", v)
	}
	if len(items) > maxArrayLength {
		return nil, errShouldBe(path+".length", "≤ `100`", len(items))
	}
	var out []*option
	for i, it := range items {
		o, err := w.parseOption(p, it, fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out, nil
}

// parseIDs reads an array of {"id": ...} objects.
func parseIDs(v any, path string) ([]string, error) {
	items, ok := v.([]any)
	if !ok {
		return nil, errShouldBe(path, "an array", v)
	}
	if len(items) > maxArrayLength {
		return nil, errShouldBe(path+".length", "≤ `100`", len(items))
	}
	ids := make([]string, 0, len(items))
	for i, it := range items {
		id, err := idField(it, fmt.Sprintf("%s[%d].id", path, i))
		if err != nil {
			return nil, err
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// parsePeople reads people; each must be a user of the workspace.
func (w *writer) parsePeople(v any, path string) (any, error) {
	ids, err := parseIDs(v, path)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, ok := w.st.userByID[id]; !ok {
			return nil, errValidation("Could not find user with ID: %s.", id)
		}
	}
	return ids, nil
}

// parseRelation reads a relation; each page must be a live row of the
// related data source.
func (w *writer) parseRelation(p *prop, v any, path string) (any, error) {
	ids, err := parseIDs(v, path)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if pg, ok := w.st.pages[id]; !ok || pg.ds != p.target || pg.trashed {
			return nil, errValidation("Relation %q can only point to pages of %q; %s is not one of them.", p.name, p.target.title, id)
		}
	}
	return ids, nil
}

// parseFiles reads external files; uploads are not part of the sandbox.
func parseFiles(v any, path string) (any, error) {
	items, ok := v.([]any)
	if !ok {
		return nil, errShouldBe(path, "an array", v)
	}
	if len(items) > maxArrayLength {
		return nil, errShouldBe(path+".length", "≤ `100`", len(items))
	}
	files := make([]fileRef, 0, len(items))
	for i, it := range items {
		at := fmt.Sprintf("%s[%d]", path, i)
		m, _ := it.(map[string]any)
		ext, _ := m["external"].(map[string]any)
		u, ok := ext["url"].(string)
		if !ok {
			return nil, errShouldBe(at+".external.url", "a string", undefined)
		}
		if n := jsLength(u); n > maxURLLength {
			return nil, errShouldBe(at+".external.url.length", "≤ `2000`", n)
		}
		name, _ := m["name"].(string)
		if name == "" {
			name = u[strings.LastIndex(u, "/")+1:]
		}
		files = append(files, fileRef{name: name, url: u})
	}
	return files, nil
}

package notiontest

import (
	"net/url"
	"strings"
	"time"
)

// user is a person or a bot of the workspace.
type user struct {
	id     string
	name   string
	email  string // persons only
	avatar string // "" renders as null
	bot    bool
	guest  bool
	// owner is the person who owns a bot; "" means the workspace.
	owner string
}

// database is a container of data sources (a table before 2025-09-03).
type database struct {
	id          string
	title       string
	description string
	icon        string // emoji
	parentPage  string
	parentDB    string // a database kept inside a wiki: the wiki's database
	shared      bool
	created     time.Time
	edited      time.Time
	createdBy   string
	sources     []*dataSource
}

// dataSource holds a schema and rows.
type dataSource struct {
	id      string
	db      *database
	title   string
	props   []*prop
	byID    map[string]*prop // IDs as answered (URL-encoded)
	byRawID map[string]*prop // IDs decoded, as they arrive in URLs
	byName  map[string]*prop
	rows    []*page // in creation order, trashed rows included
	// wikiChildren stand for the data sources of the databases inside a
	// wiki, which its queries answer beside its pages.
	wikiChildren []*page
	created      time.Time
	edited       time.Time
	createdBy    string
}

// titleProp returns the schema's title property.
func (ds *dataSource) titleProp() *prop {
	for _, p := range ds.props {
		if p.typ == "title" {
			return p
		}
	}
	return nil
}

// lookup finds a property by ID (encoded or not) or name.
func (ds *dataSource) lookup(key string) *prop {
	if p, ok := ds.byID[key]; ok {
		return p
	}
	if p, ok := ds.byRawID[key]; ok {
		return p
	}
	return ds.byName[key]
}

// addProp appends a property to the schema.
func (ds *dataSource) addProp(p *prop) *prop {
	p.idx = len(ds.props)
	ds.props = append(ds.props, p)
	if ds.byID == nil {
		ds.byID, ds.byRawID, ds.byName = map[string]*prop{}, map[string]*prop{}, map[string]*prop{}
	}
	ds.byID[p.id] = p
	if raw, err := url.QueryUnescape(p.id); err == nil {
		ds.byRawID[raw] = p
	}
	ds.byName[p.name] = p
	return p
}

// liveRows counts the rows not in the trash.
func (ds *dataSource) liveRows() int {
	n := 0
	for _, r := range ds.rows {
		if !r.trashed {
			n++
		}
	}
	return n
}

// prop is one property of a schema.
type prop struct {
	idx         int
	id          string
	name        string
	typ         string
	description string

	numberFormat string        // number
	options      []*option     // select, multi_select, status
	groups       []statusGroup // status
	prefix       string        // unique_id
	expression   string        // formula
	formulaType  string        // formula result: string, number, boolean, date
	formula      func(*env, *page) any
	target       *dataSource // relation
	synced       *prop       // relation: the other side of a dual relation
	rollup       *rollupConf // rollup
}

// option is a select, multi_select or status option.
type option struct {
	id          string
	name        string
	color       string
	description string
	rank        int // position in the schema, for sorting
}

// optionByName finds an option of p.
func (p *prop) optionByName(name string) *option {
	for _, o := range p.options {
		if o.name == name {
			return o
		}
	}
	return nil
}

// optionByID finds an option of p.
func (p *prop) optionByID(id string) *option {
	for _, o := range p.options {
		if o.id == id {
			return o
		}
	}
	return nil
}

// statusGroup is a status group (To-do, In progress, Complete).
type statusGroup struct {
	id, name, color string
	options         []*option
}

// rollupConf computes a rollup from a relation.
type rollupConf struct {
	via      *prop // relation property of the same schema
	of       *prop // property of the related schema
	function string
}

// page is a page: a database row when ds is set, otherwise a standalone
// page whose only property is its title.
type page struct {
	id         string
	ds         *dataSource
	parentPage string // standalone pages; "" with parentWS means the workspace
	title      []span // standalone pages
	vals       []any  // database rows: one value per schema property
	icon       any    // rendered icon object, or nil
	cover      any    // rendered cover object, or nil
	created    time.Time
	edited     time.Time
	createdBy  string
	editedBy   string
	trashed    bool
	locked     bool
	shared     bool
	blocks     []*block
	titleLower string // plain title in lowercase, for search
	// wikiRef marks a stand-in for a data source inside a wiki, among the
	// results of the wiki's query: it has no property values.
	wikiRef *dataSource
}

// plainTitle returns the page's title as plain text.
func (p *page) plainTitle() string {
	if p.ds == nil {
		return plainText(p.title)
	}
	if tp := p.ds.titleProp(); tp != nil {
		spans, _ := p.vals[tp.idx].([]span)
		return plainText(spans)
	}
	return ""
}

// refreshTitle recomputes the cached lowercase title.
func (p *page) refreshTitle() { p.titleLower = strings.ToLower(p.plainTitle()) }

// block is a content block of a page or of another block.
type block struct {
	id          string
	typ         string
	content     obj // the type's object, children excluded
	children    []*block
	parentPage  string // set when the parent is a page
	parentBlock string // set when the parent is a block
	created     time.Time
	edited      time.Time
	createdBy   string
}

// span is one rich text item.
type span struct {
	kind    string // text, mention, equation
	text    string // content, expression, or the mention's plain text
	link    string
	ann     annotations
	mention obj // mention object, for kind "mention"
}

// annotations style a span.
type annotations struct {
	bold, italic, strikethrough, underline, code bool
	color                                        string
}

func plainText(spans []span) string {
	if len(spans) == 1 {
		return spans[0].text
	}
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.text)
	}
	return b.String()
}

// text makes a plain text span.
func text(s string) span { return span{kind: "text", text: s} }

// dateValue is a date property value.
type dateValue struct {
	start, end      string // as rendered
	timeZone        string
	startAt, endAt  time.Time
	hasTime, hasEnd bool
}

// fileRef is one entry of a files value.
type fileRef struct {
	name, url string
}

// env is what computed values (formulas, rollups, relative dates) read.
type env struct {
	st  *store
	now time.Time
	me  string // user ID "me" stands for in filters
	// sees says whether the connection sees an object shared (or not)
	// with it; nil sees everything.
	sees func(shared bool) bool
}

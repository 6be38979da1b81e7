package notiontest

import (
	"net/http"
	"net/url"
)

// titleOnly is the title property of pages outside databases.
var titleOnly = &prop{id: "title", name: "title", typ: "title"}

// getPropertyItem answers GET /v1/pages/{id}/properties/{property_id}:
// a list of items for title, rich_text, people, relation and rollup, a
// single item for the other types.
func (c *call) getPropertyItem() (any, error) {
	pr, err := c.queryPaging()
	if err != nil {
		return nil, err
	}
	st := c.s.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	pg, err := c.pageFor(c.args[0])
	if err != nil {
		return nil, err
	}
	key := c.args[1]
	p := titleOnly
	if pg.ds != nil {
		p = pg.ds.lookup(key)
	} else if key != "title" {
		p = nil
	}
	if p == nil {
		return nil, &apiError{status: http.StatusNotFound, code: codeNotFound, message: "Could not find property with ID: " + key + "."}
	}
	vw := c.view()
	var v any
	if pg.ds == nil {
		v = pg.title
	} else {
		v = vw.env.value(p, pg)
	}
	items, summary, paginated := vw.propertyItems(p, pg, v)
	if !paginated {
		return propertyItem(p, p.typ, vw.renderValue(p, v, 0)), nil
	}
	return c.propertyItemList(pg, p, items, summary, pr)
}

// propertyItem is one property_item object.
func propertyItem(p *prop, typ string, val any) obj {
	return obj{{"object", "property_item"}, {"id", p.id}, {"type", typ}, {typ, val}}
}

// propertyItems splits a paginated value into its items (one rich text,
// user or relation each; for rollups, one rolled-up value per related
// row) and gives the summary of property_item ({} or the rollup's value).
func (vw *view) propertyItems(p *prop, pg *page, v any) ([]obj, any, bool) {
	var items []obj
	switch p.typ {
	case "title", "rich_text":
		spans, _ := v.([]span)
		for _, s := range spans {
			items = append(items, propertyItem(p, p.typ, renderSpan(s)))
		}
		return items, obj{}, true
	case "people":
		ids, _ := v.([]string)
		for _, id := range ids {
			items = append(items, propertyItem(p, "people", renderUser(vw.env.st.userByID[id], vw.users)))
		}
		return items, obj{}, true
	case "relation":
		for _, id := range vw.related(p, v) {
			items = append(items, propertyItem(p, "relation", obj{{"id", id}}))
		}
		return items, obj{}, true
	case "rollup":
		rv := v.(rollupValue)
		of := p.rollup.of
		for _, it := range vw.env.rolledUp(p.rollup, pg) {
			items = append(items, propertyItem(of, of.typ, vw.renderValue(of, it, 0)))
		}
		summary := vw.renderRollup(p, rv)
		if rv.kind == "array" {
			summary = obj{{"type", "array"}, {"array", []any{}}, {"function", p.rollup.function}}
		}
		return items, summary, true
	}
	return nil, nil, false
}

// propertyItemList renders one page of property items.
func (c *call) propertyItemList(pg *page, p *prop, items []obj, summary any, pr pageRequest) (any, error) {
	type indexed struct {
		cursor string
		item   obj
	}
	all := make([]indexed, len(items))
	for i, it := range items {
		all[i] = indexed{seedID(pg.id+"/"+p.id, i), it}
	}
	win, err := paginate(all, func(x indexed) string { return x.cursor }, pr, 0)
	if err != nil {
		return nil, err
	}
	results := make([]any, len(win.items))
	for i, x := range win.items {
		results[i] = x.item
	}
	var nextURL any
	if win.more {
		scheme := "http"
		if c.r.TLS != nil {
			scheme = "https"
		}
		nextURL = scheme + "://" + c.r.Host + c.r.URL.EscapedPath() + "?start_cursor=" + url.QueryEscape(win.next)
	}
	o := obj{
		{"object", "list"},
		{"results", results},
		{"next_cursor", nullable(win.next)},
		{"has_more", win.more},
		{"type", "property_item"},
		{"property_item", obj{{"id", p.id}, {"next_url", nextURL}, {"type", p.typ}, {p.typ, summary}}},
	}
	return o.with("request_id", c.requestID), nil
}

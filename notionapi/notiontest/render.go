package notiontest

import (
	"strings"
	"unicode"
)

// maxReferences is how many people or related pages a page answer lists
// per property; the property item endpoint has them all.
const maxReferences = 25

// view renders objects for one request: its version, how much of users
// may be shown, and which properties were asked for.
type view struct {
	v     apiVersion
	users userInfo
	only  map[*prop]bool // filter_properties; nil means every property
	env   *env
}

// related is a relation value's page IDs (env.value hides those the
// connection may not see).
func (vw *view) related(_ *prop, v any) []string {
	ids, _ := v.([]string)
	return ids
}

// view makes the view of a request; the store lock is held.
func (c *call) view() *view {
	return &view{v: c.version, users: c.who.users(), env: c.env()}
}

// partial is the {object, id} answer a connection without read content
// gets for what it created or updated (SDK-T:common PartialPageObjectResponse).
func partial(object, id string) obj { return obj{{"object", object}, {"id", id}} }

// env makes the evaluation environment of a request.
func (c *call) env() *env { return &env{st: c.s.st, now: c.now, me: c.who.me, sees: c.who.sees} }

func emojiIcon(emoji string) any {
	if emoji == "" {
		return nil
	}
	return obj{{"type", "emoji"}, {"emoji", emoji}}
}

// pageURL is the notion.so address of a page: its title as a slug and
// its ID without dashes.
func pageURL(title, id string) string {
	var slug strings.Builder
	for _, word := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		slug.WriteString(word)
		slug.WriteByte('-')
	}
	return "https://www.notion.so/" + slug.String() + compactID(id)
}

// trashFlags appends in_trash, and archived before 2026-03-11.
func (vw *view) trashFlags(o obj, trashed bool) obj {
	if vw.v.archived() {
		o = o.with("archived", trashed)
	}
	return o.with("in_trash", trashed)
}

// pageJSON renders a page object, taking its JSON from the store's cache
// when the whole page is asked for; the store is read-locked.
func (vw *view) pageJSON(pg *page) any {
	if vw.only != nil {
		return vw.renderPage(pg)
	}
	st := vw.env.st
	key := jsonCacheKey{v: vw.v, users: vw.users, seeAll: vw.env.sees == nil || vw.env.sees(false), day: vw.env.today().Unix()}
	if b, ok := st.pageJSON.get(st.gen, key, pg); ok {
		return rawJSON(b)
	}
	b := appendJSON(nil, vw.renderPage(pg))
	st.pageJSON.put(st.gen, key, pg, b)
	return rawJSON(b)
}

// renderPage renders a page object.
func (vw *view) renderPage(pg *page) obj {
	o := obj{
		{"object", "page"},
		{"id", pg.id},
		{"created_time", timestamp(pg.created)},
		{"last_edited_time", timestamp(pg.edited)},
		{"created_by", partialUser(pg.createdBy)},
		{"last_edited_by", partialUser(pg.editedBy)},
		{"cover", pg.cover},
		{"icon", pg.icon},
		{"parent", vw.pageParent(pg)},
	}
	o = vw.trashFlags(o, pg.trashed)
	return o.with("is_archived", false).
		with("is_locked", pg.locked).
		with("properties", vw.pageProperties(pg)).
		with("url", pageURL(pg.plainTitle(), pg.id)).
		with("public_url", nil)
}

func (vw *view) pageParent(pg *page) obj {
	switch {
	case pg.ds == nil && pg.parentPage == "":
		return obj{{"type", "workspace"}, {"workspace", true}}
	case pg.ds == nil:
		return obj{{"type", "page_id"}, {"page_id", pg.parentPage}}
	case !vw.v.dataSources():
		return obj{{"type", "database_id"}, {"database_id", pg.ds.db.id}}
	}
	return obj{{"type", "data_source_id"}, {"data_source_id", pg.ds.id}, {"database_id", pg.ds.db.id}}
}

func (vw *view) pageProperties(pg *page) obj {
	if pg.ds == nil {
		return obj{{"title", obj{{"id", "title"}, {"type", "title"}, {"title", renderRichText(pg.title)}}}}
	}
	props := make(obj, 0, len(pg.ds.props))
	for _, p := range pg.ds.props {
		if vw.only != nil && !vw.only[p] {
			continue
		}
		v := vw.env.value(p, pg)
		o := obj{{"id", p.id}, {"type", p.typ}, {p.typ, vw.renderValue(p, v, maxReferences)}}
		if p.typ == "relation" {
			o = o.with("has_more", len(vw.related(p, v)) > maxReferences)
		}
		props = append(props, field{p.name, o})
	}
	return props
}

// renderValue renders a property value; people and relations list at
// most limit entries (0: all).
func (vw *view) renderValue(p *prop, v any, limit int) any {
	switch p.typ {
	case "title", "rich_text":
		spans, _ := v.([]span)
		return renderRichText(spans)
	case "checkbox":
		return v == true
	case "url", "email", "phone_number", "number":
		return v
	case "select", "status":
		if o, ok := v.(*option); ok {
			return partialOption(o)
		}
		return nil
	case "multi_select":
		opts, _ := v.([]*option)
		out := make([]any, len(opts))
		for i, o := range opts {
			out[i] = partialOption(o)
		}
		return out
	case "date":
		if d, ok := v.(*dateValue); ok {
			return renderDateValue(d)
		}
		return nil
	case "people":
		ids, _ := v.([]string)
		out := make([]any, 0, len(ids))
		for _, id := range capped(ids, limit) {
			out = append(out, renderUser(vw.env.st.userByID[id], vw.users))
		}
		return out
	case "relation":
		ids := vw.related(p, v)
		out := make([]any, 0, len(ids))
		for _, id := range capped(ids, limit) {
			out = append(out, obj{{"id", id}})
		}
		return out
	case "files":
		files, _ := v.([]fileRef)
		out := make([]any, len(files))
		for i, f := range files {
			out[i] = obj{{"name", f.name}, {"type", "external"}, {"external", obj{{"url", f.url}}}}
		}
		return out
	case "unique_id":
		n, _ := v.(int)
		return obj{{"prefix", nullable(p.prefix)}, {"number", n}}
	case "created_time", "last_edited_time":
		return timestampOf(v)
	case "created_by", "last_edited_by":
		id, _ := v.(string)
		return renderUser(vw.env.st.userByID[id], vw.users)
	case "formula":
		return vw.renderFormula(p, v)
	case "rollup":
		return vw.renderRollup(p, v.(rollupValue))
	}
	return nil
}

func capped(ids []string, limit int) []string {
	if limit > 0 && len(ids) > limit {
		return ids[:limit]
	}
	return ids
}

func partialOption(o *option) obj {
	return obj{{"id", o.id}, {"name", o.name}, {"color", o.color}}
}

func (vw *view) renderFormula(p *prop, v any) obj {
	var val any
	switch x := v.(type) {
	case *dateValue:
		val = renderDateValue(x)
	case nil:
		if p.formulaType == "boolean" {
			val = false
		}
	default:
		val = x
	}
	return obj{{"type", p.formulaType}, {p.formulaType, val}}
}

func (vw *view) renderRollup(p *prop, rv rollupValue) obj {
	o := obj{{"type", rv.kind}}
	switch rv.kind {
	case "number":
		o = o.with("number", rv.num)
	case "date":
		var d any
		if rv.date != nil {
			d = renderDateValue(rv.date)
		}
		o = o.with("date", d)
	case "array":
		of := p.rollup.of
		items := make([]any, len(rv.items))
		for i, it := range rv.items {
			items[i] = obj{{"type", of.typ}, {of.typ, vw.renderValue(of, it, 0)}}
		}
		o = o.with("array", items)
	}
	return o.with("function", p.rollup.function)
}

// richTitle is a plain string as a rich text array.
func richTitle(s string) []any {
	if s == "" {
		return []any{}
	}
	return renderRichText([]span{text(s)})
}

// renderDatabase renders a database: a container of data sources from
// 2025-09-03, a table with its schema before.
func (vw *view) renderDatabase(db *database) obj {
	o := obj{
		{"object", "database"},
		{"id", db.id},
		{"cover", nil},
		{"icon", emojiIcon(db.icon)},
		{"created_time", timestamp(db.created)},
	}
	if !vw.v.dataSources() {
		o = o.with("created_by", partialUser(db.createdBy)).with("last_edited_by", partialUser(db.createdBy))
	}
	o = o.with("last_edited_time", timestamp(db.edited)).
		with("title", richTitle(db.title)).
		with("description", richTitle(db.description)).
		with("is_inline", false)
	if !vw.v.dataSources() {
		o = o.with("properties", renderSchema(db.sources[0]))
	}
	o = o.with("parent", databaseParent(db))
	o = vw.trashFlags(o, false).with("is_locked", false)
	if vw.v.dataSources() {
		refs := make([]any, len(db.sources))
		for i, ds := range db.sources {
			refs[i] = obj{{"id", ds.id}, {"name", ds.title}}
		}
		o = o.with("data_sources", refs)
	}
	return o.with("url", "https://www.notion.so/"+compactID(db.id)).with("public_url", nil)
}

// databaseParent is where a database lives: a page, or the wiki it is
// kept in (SDK-T:common ParentOfDatabaseResponse).
func databaseParent(db *database) obj {
	if db.parentDB != "" {
		return obj{{"type", "database_id"}, {"database_id", db.parentDB}}
	}
	return obj{{"type", "page_id"}, {"page_id", db.parentPage}}
}

// renderDataSource renders a data source with its schema.
func (vw *view) renderDataSource(ds *dataSource) obj {
	o := obj{
		{"object", "data_source"},
		{"id", ds.id},
		{"cover", nil},
		{"icon", emojiIcon(ds.db.icon)},
		{"created_time", timestamp(ds.created)},
		{"created_by", partialUser(ds.createdBy)},
		{"last_edited_by", partialUser(ds.createdBy)},
		{"last_edited_time", timestamp(ds.edited)},
		{"title", richTitle(ds.title)},
		{"description", richTitle(ds.db.description)},
		{"properties", renderSchema(ds)},
		{"parent", obj{{"type", "database_id"}, {"database_id", ds.db.id}}},
		{"database_parent", databaseParent(ds.db)},
		{"is_inline", false},
	}
	o = vw.trashFlags(o, false)
	return o.with("url", "https://www.notion.so/"+compactID(ds.db.id)).with("public_url", nil)
}

// renderSchema renders the properties of a data source.
func renderSchema(ds *dataSource) obj {
	out := make(obj, 0, len(ds.props))
	for _, p := range ds.props {
		out = append(out, field{p.name, obj{
			{"id", p.id},
			{"name", p.name},
			{"description", nullable(p.description)},
			{"type", p.typ},
			{p.typ, propConfig(p)},
		}})
	}
	return out
}

func propConfig(p *prop) obj {
	switch p.typ {
	case "number":
		return obj{{"format", p.numberFormat}}
	case "select", "multi_select":
		return obj{{"options", renderOptions(p.options)}}
	case "status":
		groups := make([]any, len(p.groups))
		for i, g := range p.groups {
			ids := make([]string, len(g.options))
			for j, o := range g.options {
				ids[j] = o.id
			}
			groups[i] = obj{{"id", g.id}, {"name", g.name}, {"color", g.color}, {"option_ids", ids}}
		}
		return obj{{"options", renderOptions(p.options)}, {"groups", groups}}
	case "formula":
		return obj{{"expression", p.expression}}
	case "relation":
		o := obj{{"database_id", p.target.db.id}, {"data_source_id", p.target.id}}
		if p.synced == nil {
			return o.with("type", "single_property").with("single_property", obj{})
		}
		return o.with("type", "dual_property").with("dual_property", obj{
			{"synced_property_id", p.synced.id},
			{"synced_property_name", p.synced.name},
		})
	case "rollup":
		return obj{
			{"function", p.rollup.function},
			{"relation_property_name", p.rollup.via.name},
			{"relation_property_id", p.rollup.via.id},
			{"rollup_property_name", p.rollup.of.name},
			{"rollup_property_id", p.rollup.of.id},
		}
	case "unique_id":
		return obj{{"prefix", nullable(p.prefix)}}
	}
	return obj{}
}

func renderOptions(opts []*option) []any {
	out := make([]any, len(opts))
	for i, o := range opts {
		out[i] = obj{{"id", o.id}, {"name", o.name}, {"color", o.color}, {"description", nullable(o.description)}}
	}
	return out
}

package notiontest

import (
	"slices"
)

// parentOf is where a new page goes: a data source or a page.
type parentOf struct {
	ds   *dataSource
	page *page
}

// createPage answers POST /v1/pages.
func (c *call) createPage() (any, error) {
	st := c.s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	parent, err := c.parseParent()
	if err != nil {
		return nil, err
	}
	pg := &page{
		id: newID(), created: c.stamp, edited: c.stamp,
		createdBy: c.who.botID, editedBy: c.who.botID, shared: true,
	}
	w := &writer{st: st}
	var values map[*prop]any
	if parent.ds != nil {
		pg.ds = parent.ds
		pg.vals = make([]any, len(parent.ds.props))
		if values, err = w.parseProperties(parent.ds, c.json["properties"]); err != nil {
			return nil, err
		}
	} else {
		pg.parentPage = parent.page.id
		if pg.title, _, err = w.parseTitleOnly(c.json["properties"]); err != nil {
			return nil, err
		}
	}
	if _, err := c.trashFlag(); err != nil {
		return nil, err
	}
	l, err := c.parseLooks(looks{})
	if err != nil {
		return nil, err
	}
	pg.icon, pg.cover, pg.locked = l.icon, l.cover, l.locked
	if children, ok := c.json["children"]; ok {
		if pg.blocks, err = c.parseBlocks(children, "body.children", 0); err != nil {
			return nil, err
		}
		adopt(pg.id, pg.blocks)
	}
	vw := c.view()
	if vw.only, err = c.filterProperties(pg.ds); err != nil {
		return nil, err
	}
	if err := c.checkBlockLimit(); err != nil {
		return nil, err
	}

	w.commit()
	if pg.ds != nil {
		c.setDefaults(pg)
		c.applyValues(pg, values)
	}
	st.addPage(pg)
	if parent.page != nil {
		c.addChildPage(parent.page, pg)
	}
	st.changed()
	c.committed = &commitment{created: pg.id}
	if !c.canRead() {
		return partial("page", pg.id), nil
	}
	return vw.renderPage(pg), nil
}

// canRead reports whether the request may see what it wrote: without
// read content, writes answer partial objects (notion-api.md 2026 C).
func (c *call) canRead() bool { return c.who.caps&capReadContent != 0 }

// checkBlockLimit refuses a write that creates blocks in a Free
// workspace past its block limit; personal access tokens are exempt
// (D:reference/workspace-block-limits).
func (c *call) checkBlockLimit() error {
	if c.who.blockLimit && !c.who.personal {
		return errBlockLimit()
	}
	return nil
}

// parseParent reads body.parent.
func (c *call) parseParent() (parentOf, error) {
	raw, ok := c.json["parent"]
	if !ok {
		return parentOf{}, errShouldBe("body.parent", "defined", undefined)
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return parentOf{}, errShouldBe("body.parent", "an object", raw)
	}
	for _, key := range []string{"data_source_id", "database_id", "page_id"} {
		v, ok := m[key]
		if !ok {
			continue
		}
		s, _ := v.(string)
		id, ok := parseID(s)
		if !ok {
			return parentOf{}, errShouldBe("body.parent."+key, "a valid uuid", v)
		}
		switch key {
		case "data_source_id":
			ds, err := c.dataSourceFor(id)
			return parentOf{ds: ds}, err
		case "database_id":
			db, err := c.databaseFor(id)
			if err != nil {
				return parentOf{}, err
			}
			if len(db.sources) > 1 {
				return parentOf{}, errValidation("Database %s has %d data sources; create the page with parent.data_source_id set to one of them.", id, len(db.sources))
			}
			return parentOf{ds: db.sources[0]}, nil
		}
		pg, err := c.pageFor(id)
		return parentOf{page: pg}, err
	}
	if m["workspace"] == true {
		return parentOf{}, errValidation("Internal integrations cannot create workspace-level pages; use a page_id or data_source_id parent.")
	}
	return parentOf{}, errShouldBe("body.parent", "an object with one of `data_source_id`, `database_id`, `page_id`", raw)
}

// looks are the page fields besides properties that a write may set.
type looks struct {
	icon, cover any
	locked      bool
}

// parseLooks reads icon, cover and is_locked over the current looks.
func (c *call) parseLooks(l looks) (looks, error) {
	if v, ok := c.json["icon"]; ok {
		icon, err := parseIcon(v, "body.icon")
		if err != nil {
			return l, err
		}
		l.icon = icon
	}
	if v, ok := c.json["cover"]; ok {
		l.cover = nil
		if v != nil {
			u, err := externalURL(v, "body.cover")
			if err != nil {
				return l, err
			}
			l.cover = obj{{"type", "external"}, {"external", obj{{"url", u}}}}
		}
	}
	if v, ok := c.json["is_locked"]; ok {
		b, ok := v.(bool)
		if !ok {
			return l, errShouldBe("body.is_locked", "a boolean", v)
		}
		l.locked = b
	}
	return l, nil
}

// parseIcon reads an emoji or external icon.
func parseIcon(v any, path string) (any, error) {
	if v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errShouldBe(path, "an object or `null`", v)
	}
	if e, ok := m["emoji"].(string); ok && e != "" {
		return emojiIcon(e), nil
	}
	u, err := externalURL(v, path)
	if err != nil {
		return nil, err
	}
	return obj{{"type", "external"}, {"external", obj{{"url", u}}}}, nil
}

func externalURL(v any, path string) (string, error) {
	m, _ := v.(map[string]any)
	ext, _ := m["external"].(map[string]any)
	u, ok := ext["url"].(string)
	if !ok || u == "" {
		return "", errShouldBe(path+".external.url", "a string", valueOrUndefined(ext, "url"))
	}
	return u, nil
}

// setDefaults gives a new row the values Notion fills in: the default
// status and the next unique ID.
func (c *call) setDefaults(pg *page) {
	for _, p := range pg.ds.props {
		switch p.typ {
		case "status":
			if len(p.groups) > 0 && len(p.groups[0].options) > 0 {
				pg.vals[p.idx] = p.groups[0].options[0]
			}
		case "unique_id":
			next := 1
			for _, r := range pg.ds.rows {
				if n, ok := r.vals[p.idx].(int); ok && n >= next {
					next = n + 1
				}
			}
			pg.vals[p.idx] = next
		}
	}
}

// applyValues stores parsed values in a row and keeps the other side of
// dual relations in step.
func (c *call) applyValues(pg *page, values map[*prop]any) {
	for p, v := range values {
		if p.typ == "relation" && p.synced != nil {
			old, _ := pg.vals[p.idx].([]string)
			now, _ := v.([]string)
			c.syncRelation(pg, p.synced, old, now)
		}
		pg.vals[p.idx] = v
	}
	pg.refreshTitle()
}

// syncRelation updates the back-references of a dual relation after a
// row's relation changed from old to now.
func (c *call) syncRelation(pg *page, back *prop, old, now []string) {
	st := c.s.st
	for _, id := range old {
		if !slices.Contains(now, id) {
			other := st.pages[id]
			ids, _ := other.vals[back.idx].([]string)
			other.vals[back.idx] = slices.DeleteFunc(slices.Clone(ids), func(x string) bool { return x == pg.id })
			c.touch(other)
		}
	}
	for _, id := range now {
		if !slices.Contains(old, id) {
			other := st.pages[id]
			ids, _ := other.vals[back.idx].([]string)
			if !slices.Contains(ids, pg.id) {
				other.vals[back.idx] = append(slices.Clone(ids), pg.id)
				c.touch(other)
			}
		}
	}
}

// touch records an edit of a page by the request's bot.
func (c *call) touch(pg *page) {
	pg.edited, pg.editedBy = c.stamp, c.who.botID
}

// addChildPage adds the child_page block of a new page to its parent.
func (c *call) addChildPage(parent, child *page) {
	b := &block{
		id: child.id, typ: "child_page", content: obj{{"title", child.plainTitle()}},
		parentPage: parent.id, created: c.stamp, edited: c.stamp, createdBy: c.who.botID,
	}
	parent.blocks = append(parent.blocks, b)
	c.s.st.blocks[b.id] = b
	c.touch(parent)
}

// updatePage answers PATCH /v1/pages/{page_id}: properties, in_trash (or
// the deprecated archived before 2026-03-11), icon, cover and is_locked.
// A page in the trash takes no edit but its restoring, which may come
// with edits.
func (c *call) updatePage() (any, error) {
	st := c.s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	pg, err := c.pageFor(c.args[0])
	if err != nil {
		return nil, err
	}
	trash, err := c.trashFlag()
	if err != nil {
		return nil, err
	}
	edits := false
	for _, key := range []string{"properties", "icon", "cover", "is_locked"} {
		if _, ok := c.json[key]; ok {
			edits = true
		}
	}
	if pg.trashed && edits && (trash == nil || *trash) {
		return nil, errValidation("Can't edit block that is archived. You must unarchive the block before editing.")
	}
	w := &writer{st: st}
	var values map[*prop]any
	var title []span
	var hasTitle bool
	if pg.ds != nil {
		values, err = w.parseProperties(pg.ds, c.json["properties"])
	} else {
		title, hasTitle, err = w.parseTitleOnly(c.json["properties"])
	}
	if err != nil {
		return nil, err
	}
	l, err := c.parseLooks(looks{pg.icon, pg.cover, pg.locked})
	if err != nil {
		return nil, err
	}
	vw := c.view()
	if vw.only, err = c.filterProperties(pg.ds); err != nil {
		return nil, err
	}

	w.commit()
	pg.icon, pg.cover, pg.locked = l.icon, l.cover, l.locked
	if trash != nil {
		pg.trashed = *trash
	}
	if hasTitle {
		pg.title = title
		pg.refreshTitle()
	}
	c.applyValues(pg, values)
	c.touch(pg)
	st.changed()
	c.committed = &commitment{}
	if !c.canRead() {
		return partial("page", pg.id), nil
	}
	return vw.renderPage(pg), nil
}

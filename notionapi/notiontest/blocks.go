package notiontest

// renderBlock renders a block object.
func (vw *view) renderBlock(b *block) obj {
	parent := obj{{"type", "page_id"}, {"page_id", b.parentPage}}
	if b.parentBlock != "" {
		parent = obj{{"type", "block_id"}, {"block_id", b.parentBlock}}
	}
	o := obj{
		{"object", "block"},
		{"id", b.id},
		{"parent", parent},
		{"created_time", timestamp(b.created)},
		{"last_edited_time", timestamp(b.edited)},
		{"created_by", partialUser(b.createdBy)},
		{"last_edited_by", partialUser(b.createdBy)},
		{"has_children", len(b.children) > 0},
	}
	o = vw.trashFlags(o, false)
	content := b.content
	if key := vw.v.textKey(); key != "rich_text" {
		content = make(obj, len(b.content))
		for i, f := range b.content {
			if f.key == "rich_text" {
				f.key = key
			}
			content[i] = f
		}
	}
	return o.with("type", b.typ).with(b.typ, content)
}

// childrenOf finds the live children of a page or block by ID; the store
// is read-locked.
func (c *call) childrenOf(id string) (*[]*block, *page, error) {
	st := c.s.st
	if pg, ok := st.pages[id]; ok {
		if !c.who.sees(pg.shared) {
			return nil, nil, errNotFound("block", id)
		}
		return &pg.blocks, pg, nil
	}
	b, ok := st.blocks[id]
	if !ok {
		return nil, nil, errNotFound("block", id)
	}
	owner := st.blockOwner(b)
	if owner == nil || !c.who.sees(owner.shared) {
		return nil, nil, errNotFound("block", id)
	}
	return &b.children, owner, nil
}

// listBlockChildren answers GET /v1/blocks/{id}/children.
func (c *call) listBlockChildren() (any, error) {
	pr, err := c.queryPaging()
	if err != nil {
		return nil, err
	}
	st := c.s.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	children, _, err := c.childrenOf(c.args[0])
	if err != nil {
		return nil, err
	}
	win, err := paginate(*children, func(b *block) string { return b.id }, pr, 0)
	if err != nil {
		return nil, err
	}
	vw := c.view()
	results := make([]any, len(win.items))
	for i, b := range win.items {
		results[i] = vw.renderBlock(b)
	}
	return c.list("block", results, win.cursorInfo), nil
}

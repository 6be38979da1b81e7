package notiontest

import (
	"time"
)

// comment is a comment on a page or a block.
type comment struct {
	id         string
	discussion string
	parentPage string // set for a comment on a page
	parentBlk  string // set for a comment on a block
	created    time.Time
	createdBy  string
	text       []span
	// display is display_name.type: "user", "integration" or "custom";
	// custom names the comment for "custom".
	display, custom string
}

// parentID is the page or block the comment is on.
func (cm *comment) parentID() string {
	if cm.parentBlk != "" {
		return cm.parentBlk
	}
	return cm.parentPage
}

// renderComment renders a comment object (SDK-T:comments
// CommentObjectResponse).
func (vw *view) renderComment(cm *comment) obj {
	parent := obj{{"type", "page_id"}, {"page_id", cm.parentPage}}
	if cm.parentBlk != "" {
		parent = obj{{"type", "block_id"}, {"block_id", cm.parentBlk}}
	}
	resolved := cm.custom
	switch cm.display {
	case "user", "integration":
		if u := vw.env.st.userByID[cm.createdBy]; u != nil {
			resolved = u.name
		}
	}
	return obj{
		{"object", "comment"},
		{"id", cm.id},
		{"parent", parent},
		{"discussion_id", cm.discussion},
		{"created_time", timestamp(cm.created)},
		{"last_edited_time", timestamp(cm.created)},
		{"created_by", partialUser(cm.createdBy)},
		{"rich_text", renderRichText(cm.text)},
		{"display_name", obj{{"type", cm.display}, {"resolved_name", nullable(resolved)}}},
	}
}

// commentTarget finds the page or block comments are listed for or added
// to; the store is locked.
func (c *call) commentTarget(id string) (page, block string, err error) {
	st := c.s.st
	if pg, ok := st.pages[id]; ok && c.who.sees(pg.shared) {
		return pg.id, "", nil
	}
	if b, ok := st.blocks[id]; ok {
		if owner := st.blockOwner(b); owner != nil && c.who.sees(owner.shared) {
			return owner.id, b.id, nil
		}
	}
	return "", "", errNotFound("block", id)
}

// listComments answers GET /v1/comments?block_id=: the comments on a page
// or block, oldest first (D:reference/comment-object).
func (c *call) listComments() (any, error) {
	q := c.r.URL.Query()
	raw, ok := q["block_id"]
	if !ok {
		return nil, errShouldBe("query.block_id", "defined", undefined)
	}
	id, valid := parseID(raw[0])
	if !valid {
		return nil, errShouldBe("query.block_id", "a valid uuid", raw[0])
	}
	pr, err := c.queryPaging()
	if err != nil {
		return nil, err
	}
	st := c.s.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	if _, _, err := c.commentTarget(id); err != nil {
		return nil, err
	}
	var on []*comment
	for _, cm := range st.comments {
		if cm.parentID() == id {
			on = append(on, cm)
		}
	}
	win, err := paginate(on, func(cm *comment) string { return cm.id }, pr, 0)
	if err != nil {
		return nil, err
	}
	vw := c.view()
	results := make([]any, len(win.items))
	for i, cm := range win.items {
		results[i] = vw.renderComment(cm)
	}
	return c.list("comment", results, win.cursorInfo), nil
}

// getComment answers GET /v1/comments/{comment_id}.
func (c *call) getComment() (any, error) {
	st := c.s.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	for _, cm := range st.comments {
		if cm.id == c.args[0] {
			if _, _, err := c.commentTarget(cm.parentID()); err == nil {
				return c.view().renderComment(cm), nil
			}
		}
	}
	return nil, errNotFound("comment", c.args[0])
}

// createComment answers POST /v1/comments: a new discussion on a page or
// block (parent), or a reply (discussion_id); the text as rich_text or
// markdown (kept as plain text).
func (c *call) createComment() (any, error) {
	st := c.s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	cm := &comment{id: newID(), created: c.stamp, createdBy: c.who.botID, display: "integration"}
	if !st.userByID[c.who.botID].bot {
		cm.display = "user"
	}
	parent, hasParent := c.json["parent"]
	disc, hasDisc := c.json["discussion_id"]
	switch {
	case hasParent == hasDisc:
		return nil, errValidation("body failed validation. Fix one:\nbody.parent should be defined, instead was `undefined`.\nbody.discussion_id should be defined, instead was `undefined`.")
	case hasParent:
		m, _ := parent.(map[string]any)
		key := "page_id"
		if _, ok := m["block_id"]; ok {
			key = "block_id"
		}
		raw, _ := m[key].(string)
		id, ok := parseID(raw)
		if !ok {
			return nil, errShouldBe("body.parent."+key, "a valid uuid", valueOrUndefined(m, key))
		}
		pg, blk, err := c.commentTarget(id)
		if err != nil {
			return nil, err
		}
		cm.parentPage, cm.parentBlk, cm.discussion = pg, blk, newID()
	default:
		raw, _ := disc.(string)
		id, ok := parseID(raw)
		if !ok {
			return nil, errShouldBe("body.discussion_id", "a valid uuid", disc)
		}
		var first *comment
		for _, other := range st.comments {
			if other.discussion == id {
				first = other
				break
			}
		}
		if first == nil {
			return nil, errNotFound("discussion", id)
		}
		if _, _, err := c.commentTarget(first.parentID()); err != nil {
			return nil, errNotFound("discussion", id)
		}
		cm.parentPage, cm.parentBlk, cm.discussion = first.parentPage, first.parentBlk, id
	}
	rt, hasRT := c.json["rich_text"]
	md, hasMD := c.json["markdown"]
	switch {
	case hasRT == hasMD:
		return nil, errValidation("body failed validation. Fix one:\nbody.rich_text should be defined, instead was `undefined`.\nbody.markdown should be defined, instead was `undefined`.")
	case hasRT:
		spans, err := st.parseRichText(rt, "body.rich_text")
		if err != nil {
			return nil, err
		}
		cm.text = spans
	default:
		s, ok := md.(string)
		if !ok {
			return nil, errShouldBe("body.markdown", "a string", md)
		}
		cm.text = []span{text(s)}
	}
	if err := c.parseDisplayName(cm); err != nil {
		return nil, err
	}
	if v, ok := c.json["attachments"]; ok {
		if items, _ := v.([]any); len(items) > 0 {
			return nil, errValidation("File uploads are not part of the sandbox; send comments without attachments.")
		}
	}
	st.comments = append(st.comments, cm)
	st.changed()
	c.committed = &commitment{created: cm.id}
	if c.who.caps&capReadComments == 0 {
		return partial("comment", cm.id), nil
	}
	return c.view().renderComment(cm), nil
}

// parseDisplayName reads display_name: {type: "integration" | "user"} or
// {type: "custom", custom: {name}}.
func (c *call) parseDisplayName(cm *comment) error {
	v, ok := c.json["display_name"]
	if !ok || v == nil {
		return nil
	}
	m, _ := v.(map[string]any)
	switch m["type"] {
	case "integration", "user":
		cm.display = m["type"].(string)
	case "custom":
		custom, _ := m["custom"].(map[string]any)
		name, ok := custom["name"].(string)
		if !ok || name == "" {
			return errShouldBe("body.display_name.custom.name", "a non-empty string", valueOrUndefined(custom, "name"))
		}
		cm.display, cm.custom = "custom", name
	default:
		return errShouldBe("body.display_name.type", "`integration`, `user` or `custom`", valueOrUndefined(m, "type"))
	}
	return nil
}

// seedComments adds discussions to the Getting started page and a task.
func (st *store) seedComments() {
	gs := st.pages[PageGettingStarted]
	at := func(days, hours int) time.Time { return minute(daysAgo(days, hours)) }
	add := func(n int, page, block, discussion, by string, when time.Time, spans ...span) {
		st.comments = append(st.comments, &comment{
			id: seedID("comment", n), discussion: discussion, parentPage: page, parentBlk: block,
			created: when, createdBy: by, text: spans, display: "user",
		})
	}
	d1 := seedID("discussion", 1)
	add(1, gs.id, "", d1, UserJonasWeber, at(150, 2), text("Should we mention "), code("--demo"), text(" in the first paragraph?"))
	add(2, gs.id, "", d1, UserMayaChen, at(149, 5), text("Done, thanks!"))
	d2 := seedID("discussion", 2)
	add(3, gs.id, gs.blocks[2].id, d2, UserPriyaRaman, at(120, 1), text("This heading repeats the title."))
	task := st.pages[seedID(DataSourceTasks, 0)]
	d3 := seedID("discussion", 3)
	add(4, task.id, "", d3, UserDiegoAlvarez, at(30, 4), text("Blocked on the billing webhook; see "), mentionUser(st.userByID[UserLukasNovak]), text("."))
}

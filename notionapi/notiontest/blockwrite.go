package notiontest

import (
	"fmt"
	"maps"
	"slices"
)

// maxBlockDepth is how many levels of children one request may nest:
// children, and their children.
const maxBlockDepth = 2

// blockKind says what a writable block type holds.
type blockKind struct {
	text     bool // rich_text is required
	children bool // may have children
}

// blockKinds are the block types a request may create.
var blockKinds = map[string]blockKind{
	"paragraph": {true, true}, "heading_1": {true, true}, "heading_2": {true, true}, "heading_3": {true, true},
	"bulleted_list_item": {true, true}, "numbered_list_item": {true, true}, "to_do": {true, true},
	"toggle": {true, true}, "quote": {true, true}, "callout": {true, true}, "code": {true, false},
	"divider": {}, "table_of_contents": {}, "bookmark": {}, "equation": {}, "breadcrumb": {}, "embed": {},
}

// appendBlockChildren answers PATCH /v1/blocks/{id}/children: it adds
// blocks at the end, after a given block, or at the start, and answers
// the new first-level blocks.
func (c *call) appendBlockChildren() (any, error) {
	raw, ok := c.json["children"]
	if !ok {
		return nil, errShouldBe("body.children", "defined", undefined)
	}
	st := c.s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	children, owner, err := c.childrenOf(c.args[0])
	if err != nil {
		return nil, err
	}
	if b, ok := st.blocks[c.args[0]]; ok && st.pages[c.args[0]] == nil && !blockKinds[b.typ].children {
		return nil, errValidation("Block %s of type %s cannot have children.", b.id, b.typ)
	}
	added, err := c.parseBlocks(raw, "body.children", 0)
	if err != nil {
		return nil, err
	}
	at, err := c.insertPosition(*children)
	if err != nil {
		return nil, err
	}
	if err := c.checkBlockLimit(); err != nil {
		return nil, err
	}
	for _, b := range added {
		if owner.id == c.args[0] {
			b.parentPage = owner.id
		} else {
			b.parentBlock = c.args[0]
		}
		adoptChildren(b)
	}
	*children = slices.Insert(*children, at, added...)
	st.addBlocks(added)
	c.touch(owner)
	st.changed()
	c.committed = &commitment{parent: c.args[0]}
	vw := c.view()
	results := make([]any, len(added))
	for i, b := range added {
		c.committed.children = append(c.committed.children, b.id)
		if c.canRead() {
			results[i] = vw.renderBlock(b)
		} else {
			results[i] = partial("block", b.id)
		}
	}
	return c.list("block", results, cursorInfo{}), nil
}

// insertPosition reads where appended blocks go: "after" (a block ID,
// before 2026-03-11) or "position" ({"type": "end" | "start" |
// "after_block", "after_block": {"id"}}).
func (c *call) insertPosition(children []*block) (int, error) {
	after := ""
	if v, ok := c.json["after"]; ok {
		if !c.version.archived() {
			return 0, errShouldBe("body.after", "not present", v)
		}
		s, _ := v.(string)
		id, ok := parseID(s)
		if !ok {
			return 0, errShouldBe("body.after", "a valid uuid", v)
		}
		after = id
	}
	if v, ok := c.json["position"]; ok {
		m, _ := v.(map[string]any)
		switch m["type"] {
		case "start":
			return 0, nil
		case "end", nil:
		case "after_block":
			id, err := idField(m["after_block"], "body.position.after_block.id")
			if err != nil {
				return 0, err
			}
			after = id
		default:
			return 0, errShouldBe("body.position.type", "`start`, `end` or `after_block`", valueOrUndefined(m, "type"))
		}
	}
	if after == "" {
		return len(children), nil
	}
	i := slices.IndexFunc(children, func(b *block) bool { return b.id == after })
	if i < 0 {
		return 0, errValidation("Block %s is not a child of %s.", after, c.args[0])
	}
	return i + 1, nil
}

// parseBlocks reads an array of block objects of a request.
func (c *call) parseBlocks(v any, path string, depth int) ([]*block, error) {
	items, ok := v.([]any)
	if !ok {
		return nil, errShouldBe(path, "an array", v)
	}
	if len(items) > maxArrayLength {
		return nil, errShouldBe(path+".length", "≤ `100`", len(items))
	}
	out := make([]*block, 0, len(items))
	for i, it := range items {
		b, err := c.parseBlock(it, fmt.Sprintf("%s[%d]", path, i), depth)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

func (c *call) parseBlock(v any, path string, depth int) (*block, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errShouldBe(path, "an object", v)
	}
	typ, _ := m["type"].(string)
	if typ == "" {
		for k := range m {
			if _, known := blockKinds[k]; known {
				typ = k
			}
		}
	}
	kind, known := blockKinds[typ]
	if !known {
		return nil, errShouldBe(path+".type", "a supported block type", valueOrUndefined(m, "type"))
	}
	body, ok := m[typ].(map[string]any)
	if !ok {
		return nil, errShouldBe(path+"."+typ, "an object", valueOrUndefined(m, typ))
	}
	b := &block{id: newID(), typ: typ, created: c.stamp, edited: c.stamp, createdBy: c.who.botID}
	content, err := c.blockContent(typ, kind, body, path+"."+typ)
	if err != nil {
		return nil, err
	}
	b.content = content
	if kids, ok := body["children"]; ok {
		if !kind.children || depth+1 >= maxBlockDepth {
			return nil, errShouldBe(path+"."+typ+".children", "not present", kids)
		}
		if b.children, err = c.parseBlocks(kids, path+"."+typ+".children", depth+1); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// blockContent normalizes the type object of a block: rich text becomes
// its answer form, and defaults are filled in.
func (c *call) blockContent(typ string, kind blockKind, body map[string]any, path string) (obj, error) {
	if key := c.version.textKey(); key != "rich_text" {
		if v, ok := body[key]; ok {
			body = maps.Clone(body)
			delete(body, key)
			body["rich_text"] = v
		}
	}
	content := obj{}
	for _, key := range []string{"rich_text", "caption"} {
		v, ok := body[key]
		if !ok {
			if key == "rich_text" && kind.text {
				return nil, errShouldBe(path+".rich_text", "defined", undefined)
			}
			continue
		}
		spans, err := c.s.st.parseRichText(v, path+"."+key)
		if err != nil {
			return nil, err
		}
		content = content.with(key, renderRichText(spans))
	}
	for _, key := range sortedKeys(body) {
		switch key {
		case "rich_text", "caption", "children":
			continue
		case "color":
			if s, _ := body[key].(string); !slices.Contains(colors, s) {
				return nil, errShouldBe(path+".color", "a valid color", body[key])
			}
		case "checked", "is_toggleable":
			if _, ok := body[key].(bool); !ok {
				return nil, errShouldBe(path+"."+key, "a boolean", body[key])
			}
		}
		content = content.with(key, body[key])
	}
	return withBlockDefaults(typ, content), nil
}

// withBlockDefaults adds the fields Notion always answers for a type.
func withBlockDefaults(typ string, content obj) obj {
	defaults := obj{}
	switch typ {
	case "paragraph", "bulleted_list_item", "numbered_list_item", "toggle", "quote", "table_of_contents":
		defaults = obj{{"color", "default"}}
	case "heading_1", "heading_2", "heading_3":
		defaults = obj{{"is_toggleable", false}, {"color", "default"}}
	case "to_do":
		defaults = obj{{"checked", false}, {"color", "default"}}
	case "callout":
		defaults = obj{{"icon", nil}, {"color", "default"}}
	case "code":
		defaults = obj{{"caption", []any{}}, {"language", "plain text"}}
	case "bookmark", "embed":
		defaults = obj{{"caption", []any{}}, {"url", ""}}
	}
	for _, d := range defaults {
		if _, ok := content.get(d.key); !ok {
			content = content.with(d.key, d.val)
		}
	}
	return content
}

package notiontest

import (
	"fmt"
	"slices"
	"time"
)

// Size limits of rich text, as on Notion.
const (
	maxTextLength     = 2000
	maxLinkLength     = 2000
	maxEquationLength = 1000
	maxArrayLength    = 100
)

// colors are the colors of text and blocks.
var colors = []string{
	"default", "gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red",
	"default_background", "gray_background", "brown_background", "orange_background", "yellow_background",
	"green_background", "blue_background", "purple_background", "pink_background", "red_background",
}

// renderRichText renders spans as a rich text array.
func renderRichText(spans []span) []any {
	out := make([]any, len(spans))
	for i, s := range spans {
		out[i] = renderSpan(s)
	}
	return out
}

func renderSpan(s span) obj {
	o := obj{{"type", s.kind}}
	switch s.kind {
	case "text":
		var link any
		if s.link != "" {
			link = obj{{"url", s.link}}
		}
		o = o.with("text", obj{{"content", s.text}, {"link", link}})
	case "mention":
		o = o.with("mention", s.mention)
	case "equation":
		o = o.with("equation", obj{{"expression", s.text}})
	}
	return o.with("annotations", renderAnnotations(s.ann)).with("plain_text", s.text).with("href", nullable(s.link))
}

// plainAnnotations is the (shared, never modified) rendering of text
// without annotations, by far the most common.
var plainAnnotations = buildAnnotations(annotations{})

func renderAnnotations(a annotations) obj {
	if a == (annotations{}) {
		return plainAnnotations
	}
	return buildAnnotations(a)
}

func buildAnnotations(a annotations) obj {
	color := a.color
	if color == "" {
		color = "default"
	}
	return obj{
		{"bold", a.bold},
		{"italic", a.italic},
		{"strikethrough", a.strikethrough},
		{"underline", a.underline},
		{"code", a.code},
		{"color", color},
	}
}

// jsLength is the length JavaScript gives a string (UTF-16 code units),
// which is what Notion's limits count.
func jsLength(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// parseRichText reads a rich text array of a request; path names it in
// messages (such as "body.properties.Notes.rich_text").
func (st *store) parseRichText(v any, path string) ([]span, error) {
	items, ok := v.([]any)
	if !ok {
		return nil, errShouldBe(path, "an array", v)
	}
	if len(items) > maxArrayLength {
		return nil, errShouldBe(path+".length", "≤ `100`", len(items))
	}
	spans := make([]span, 0, len(items))
	for i, it := range items {
		s, err := st.parseSpan(it, fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			return nil, err
		}
		spans = append(spans, s)
	}
	return spans, nil
}

func (st *store) parseSpan(v any, path string) (span, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return span{}, errShouldBe(path, "an object", v)
	}
	kind, _ := m["type"].(string)
	if kind == "" {
		for _, k := range []string{"text", "mention", "equation"} {
			if _, ok := m[k]; ok {
				kind = k
			}
		}
	}
	var s span
	var err error
	switch kind {
	case "text":
		s, err = parseTextSpan(m["text"], path+".text")
	case "mention":
		s, err = st.parseMention(m["mention"], path+".mention")
	case "equation":
		s, err = parseEquation(m["equation"], path+".equation")
	default:
		return span{}, errShouldBe(path+".text", "defined", undefined)
	}
	if err != nil {
		return span{}, err
	}
	s.ann, err = parseAnnotations(m["annotations"], path+".annotations")
	return s, err
}

func parseTextSpan(v any, path string) (span, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return span{}, errShouldBe(path, "an object", valueOr(v))
	}
	content, ok := m["content"].(string)
	if !ok {
		return span{}, errShouldBe(path+".content", "a string", valueOrUndefined(m, "content"))
	}
	if n := jsLength(content); n > maxTextLength {
		return span{}, errShouldBe(path+".content.length", "≤ `2000`", n)
	}
	s := span{kind: "text", text: content}
	switch link := m["link"].(type) {
	case nil:
	case map[string]any:
		u, ok := link["url"].(string)
		if !ok {
			return span{}, errShouldBe(path+".link.url", "a string", valueOrUndefined(link, "url"))
		}
		if n := jsLength(u); n > maxLinkLength {
			return span{}, errShouldBe(path+".link.url.length", "≤ `2000`", n)
		}
		s.link = u
	default:
		return span{}, errShouldBe(path+".link", "an object or `null`", link)
	}
	return s, nil
}

func parseEquation(v any, path string) (span, error) {
	m, _ := v.(map[string]any)
	expr, ok := m["expression"].(string)
	if !ok {
		return span{}, errShouldBe(path+".expression", "a string", valueOrUndefined(m, "expression"))
	}
	if n := jsLength(expr); n > maxEquationLength {
		return span{}, errShouldBe(path+".expression.length", "≤ `1000`", n)
	}
	return span{kind: "equation", text: expr}, nil
}

// parseMention reads a user, page or date mention.
func (st *store) parseMention(v any, path string) (span, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return span{}, errShouldBe(path, "an object", valueOr(v))
	}
	switch {
	case m["user"] != nil:
		id, err := idField(m["user"], path+".user.id")
		if err != nil {
			return span{}, err
		}
		u, ok := st.userByID[id]
		if !ok {
			return span{}, errValidation("Could not find user with ID: %s.", id)
		}
		return mentionUser(u), nil
	case m["page"] != nil:
		id, err := idField(m["page"], path+".page.id")
		if err != nil {
			return span{}, err
		}
		title := "Untitled"
		if p, ok := st.pages[id]; ok && p.shared {
			title = p.plainTitle()
		}
		return mentionPage(id, title), nil
	case m["date"] != nil:
		d, err := parseDateValue(m["date"], path+".date")
		if err != nil {
			return span{}, err
		}
		return mentionDate(d), nil
	}
	return span{}, errShouldBe(path+".user", "defined", undefined)
}

// idField reads {"id": "<uuid>"} and returns the dashed ID.
func idField(v any, path string) (string, error) {
	m, _ := v.(map[string]any)
	raw, _ := m["id"].(string)
	id, ok := parseID(raw)
	if !ok {
		return "", errShouldBe(path, "a valid uuid", valueOrUndefined(m, "id"))
	}
	return id, nil
}

func parseAnnotations(v any, path string) (annotations, error) {
	var a annotations
	if v == nil {
		return a, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return a, errShouldBe(path, "an object", v)
	}
	flags := []struct {
		key string
		dst *bool
	}{
		{"bold", &a.bold}, {"italic", &a.italic}, {"strikethrough", &a.strikethrough},
		{"underline", &a.underline}, {"code", &a.code},
	}
	for _, f := range flags {
		switch b := m[f.key].(type) {
		case nil:
		case bool:
			*f.dst = b
		default:
			return a, errShouldBe(path+"."+f.key, "a boolean", b)
		}
	}
	if c, ok := m["color"]; ok {
		name, _ := c.(string)
		if !slices.Contains(colors, name) {
			return a, errShouldBe(path+".color", "a valid color", c)
		}
		a.color = name
	}
	return a, nil
}

// valueOr turns a missing value (nil from a failed lookup) into undefined.
func valueOr(v any) any {
	if v == nil {
		return undefined
	}
	return v
}

func mentionUser(u *user) span {
	return span{kind: "mention", text: "@" + u.name, mention: obj{{"type", "user"}, {"user", partialUser(u.id)}}}
}

func mentionPage(id, title string) span {
	return span{
		kind:    "mention",
		text:    title,
		link:    "https://www.notion.so/" + compactID(id),
		mention: obj{{"type", "page"}, {"page", obj{{"id", id}}}},
	}
}

func mentionDate(d *dateValue) span {
	label := d.start
	if d.hasEnd {
		label += " → " + d.end
	}
	return span{kind: "mention", text: label, mention: obj{{"type", "date"}, {"date", renderDateValue(d)}}}
}

// renderDateValue renders {start, end, time_zone}.
func renderDateValue(d *dateValue) obj {
	return obj{{"start", d.start}, {"end", nullable(d.end)}, {"time_zone", nullable(d.timeZone)}}
}

// parseDateValue reads {start, end?, time_zone?} of a request.
func parseDateValue(v any, path string) (*dateValue, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errShouldBe(path, "an object or `null`", v)
	}
	loc, tz := time.UTC, ""
	if raw, ok := m["time_zone"]; ok && raw != nil {
		name, _ := raw.(string)
		l, err := time.LoadLocation(name)
		if name == "" || err != nil {
			return nil, errShouldBe(path+".time_zone", "a valid IANA time zone", raw)
		}
		loc, tz = l, name
	}
	start, ok := m["start"].(string)
	if !ok {
		return nil, errShouldBe(path+".start", "a string", valueOrUndefined(m, "start"))
	}
	d := &dateValue{timeZone: tz}
	at, hasTime, hasOffset, ok := parseDate(start, loc)
	if !ok || (tz != "" && (hasOffset || !hasTime)) {
		return nil, errShouldBe(path+".start", "a valid ISO 8601 date string", start)
	}
	d.startAt, d.hasTime, d.start = at, hasTime, renderDate(at, hasTime, tz)
	switch end := m["end"].(type) {
	case nil:
	case string:
		endAt, endTime, endOffset, ok := parseDate(end, loc)
		if !ok || (tz != "" && (endOffset || !endTime)) {
			return nil, errShouldBe(path+".end", "a valid ISO 8601 date string", end)
		}
		if endAt.Before(at) {
			return nil, errShouldBe(path+".end", "on or after `"+showValue(start)+"`", end)
		}
		d.endAt, d.hasEnd, d.end = endAt, true, renderDate(endAt, endTime, tz)
	default:
		return nil, errShouldBe(path+".end", "a string or `null`", end)
	}
	return d, nil
}

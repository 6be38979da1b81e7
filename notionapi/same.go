package notionapi

import (
	"bytes"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"time"
)

// SameValue reports whether two values of a property say the same thing
// as Notion keeps it, so that a value built for a request and the value
// read back after Notion saved it compare equal, and two reads of an
// unchanged property too:
//
//   - text by its runs' text, styles and links (plain_text, default
//     annotations and how runs are split do not count); mentions by what
//     they point to;
//   - options by ID when both sides have one, else by name; multi-select,
//     people and relations as sets;
//   - dates by their start and end, date-times as instants (an offset or
//     a time_zone, ".000" or not), and their time_zone;
//   - files by name, and by link for external ones (the signed links of
//     files kept by Notion change on every read);
//   - URL, e-mail and phone: nil and "" are the same.
//
// A relation cut at 25 references (HasMore) is never the same as
// anything: read the whole value (GetPropertyValue) to compare it.
func SameValue(a, b PropertyValue) bool {
	t := a.Type
	switch {
	case t == "":
		t = b.Type
	case b.Type != "" && b.Type != t:
		return false
	}
	switch t {
	case PropTitle:
		return sameRuns(a.Title, b.Title)
	case PropRichText:
		return sameRuns(a.RichText, b.RichText)
	case PropNumber:
		return a.Number == nil && b.Number == nil || a.Number != nil && b.Number != nil && *a.Number == *b.Number
	case PropSelect:
		return sameOption(a.Select, b.Select)
	case PropStatus:
		return sameOption(a.Status, b.Status)
	case PropMultiSelect:
		return sameSet(a.MultiSelect, b.MultiSelect, func(x, y SelectOption) bool { return sameOption(&x, &y) })
	case PropDate:
		return SameDate(a.Date, b.Date)
	case PropCheckbox:
		return a.Checkbox == b.Checkbox
	case PropURL:
		return deref(a.URL) == deref(b.URL)
	case PropEmail:
		return deref(a.Email) == deref(b.Email)
	case PropPhoneNumber:
		return deref(a.PhoneNumber) == deref(b.PhoneNumber)
	case PropPeople:
		return sameSet(a.People, b.People, func(x, y User) bool { return sameID(x.ID, y.ID) })
	case PropRelation:
		if a.HasMore || b.HasMore {
			return false
		}
		return sameSet(a.Relation, b.Relation, func(x, y ObjectRef) bool { return sameID(x.ID, y.ID) })
	case PropFiles:
		return slices.EqualFunc(a.Files, b.Files, func(x, y File) bool { return fileKey(x) == fileKey(y) })
	}
	// Computed and other values: the same JSON, the property's ID aside.
	a.ID, b.ID = "", ""
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

func sameOption(a, b *SelectOption) bool {
	switch {
	case a == nil || b == nil:
		return a == nil && b == nil
	case a.ID != "" && b.ID != "":
		return a.ID == b.ID
	}
	return a.Name == b.Name
}

// sameSet reports whether every element of a is in b and every element of
// b in a, by same; order and repeats do not count.
func sameSet[T any](a, b []T, same func(x, y T) bool) bool {
	in := func(x T, ys []T) bool {
		return slices.ContainsFunc(ys, func(y T) bool { return same(x, y) })
	}
	for _, x := range a {
		if !in(x, b) {
			return false
		}
	}
	for _, y := range b {
		if !in(y, a) {
			return false
		}
	}
	return true
}

// sameID compares IDs with or without dashes, in any case.
func sameID(a, b string) bool {
	return strings.EqualFold(strings.ReplaceAll(a, "-", ""), strings.ReplaceAll(b, "-", ""))
}

func fileKey(f File) string {
	if f.External != nil {
		return f.Name + "\x00" + f.External.URL
	}
	return f.Name
}

// run is one normalised run of rich text.
type run struct {
	text    string
	style   Annotations
	href    string
	mention string // what a mention points to; "" for text
	formula bool   // an equation
}

func runsOf(rt RichTexts) []run {
	var out []run
	for _, r := range rt {
		x := run{text: r.plain()}
		if r.Annotations != nil {
			x.style = *r.Annotations
		}
		if x.style.Color == "default" {
			x.style.Color = ""
		}
		switch {
		case r.Href != nil:
			x.href = *r.Href
		case r.Text != nil && r.Text.Link != nil:
			x.href = r.Text.Link.URL
		}
		switch {
		case r.Mention != nil:
			x.text, x.mention, x.href = "", mentionKey(r.Mention), ""
		case r.Equation != nil:
			x.text, x.formula = r.Equation.Expression, true
		}
		if x.text == "" && x.mention == "" {
			continue
		}
		if n := len(out); n > 0 && x.mention == "" && !x.formula && out[n-1].mention == "" && !out[n-1].formula &&
			out[n-1].style == x.style && out[n-1].href == x.href {
			out[n-1].text += x.text
			continue
		}
		out = append(out, x)
	}
	return out
}

func mentionKey(m *Mention) string {
	ref := func(r *ObjectRef) string {
		if r == nil {
			return ""
		}
		return strings.ReplaceAll(strings.ToLower(r.ID), "-", "")
	}
	switch m.Type {
	case "user":
		if m.User != nil {
			return "user:" + strings.ReplaceAll(strings.ToLower(m.User.ID), "-", "")
		}
	case "page":
		return "page:" + ref(m.Page)
	case "database":
		return "database:" + ref(m.Database)
	case "data_source":
		return "data_source:" + ref(m.DataSource)
	case "date":
		if m.Date != nil {
			return "date:" + m.Date.Start + "→" + deref(m.Date.End)
		}
	case "link_preview":
		if m.LinkPreview != nil {
			return "link_preview:" + m.LinkPreview.URL
		}
	case "link_mention":
		if m.LinkMention != nil {
			return "link_mention:" + m.LinkMention.URL
		}
	}
	return m.Type + ":" + string(m.Raw)
}

func sameRuns(a, b RichTexts) bool { return slices.Equal(runsOf(a), runsOf(b)) }

// SameDate reports whether two date values are the same: both empty, or
// the same start, end and time zone, date-times compared as instants.
func SameDate(a, b *DateValue) bool {
	if a == nil || a.Start == "" || b == nil || b.Start == "" {
		return (a == nil || a.Start == "") && (b == nil || b.Start == "")
	}
	za, zb := deref(a.TimeZone), deref(b.TimeZone)
	if za != zb {
		return false
	}
	return samePoint(a.Start, b.Start, za) && samePoint(deref(a.End), deref(b.End), za)
}

// dateLayouts are the forms of a date-time Notion takes and answers.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
}

// samePoint compares two ends of a date: days as written, date-times as
// instants. A date-time without an offset is read in zone (a time_zone
// name), else in UTC.
func samePoint(a, b, zone string) bool {
	if a == b {
		return true
	}
	if a == "" || b == "" || len(a) == len(time.DateOnly) || len(b) == len(time.DateOnly) {
		return false
	}
	loc := time.UTC
	if zone != "" {
		if l, err := time.LoadLocation(zone); err == nil {
			loc = l
		}
	}
	ta, okA := parsePoint(a, loc)
	tb, okB := parsePoint(b, loc)
	return okA && okB && ta.Equal(tb)
}

func parsePoint(s string, loc *time.Location) (time.Time, bool) {
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// PropertyOf finds a page's value by property name or ID (as written in
// a request: an ID may be URL-encoded or not). The key it is kept under
// is returned too.
func (p *Page) PropertyOf(nameOrID string) (name string, v PropertyValue, ok bool) {
	if v, ok := p.Properties[nameOrID]; ok {
		return nameOrID, v, true
	}
	want := nameOrID
	if dec, err := url.PathUnescape(nameOrID); err == nil {
		want = dec
	}
	for name, v := range p.Properties {
		id := v.ID
		if dec, err := url.PathUnescape(id); err == nil {
			id = dec
		}
		if v.ID != "" && id == want {
			return name, v, true
		}
	}
	return "", PropertyValue{}, false
}

// Trashed reports whether the page is in the trash: in_trash, or archived
// in the answers of versions before 2026-03-11 that predate in_trash.
// (is_archived, the archive of newer answers, is another thing.)
func (p *Page) Trashed() bool {
	return p.InTrash || p.Archived != nil && *p.Archived
}

// TitleName returns the name of the page's title property, or "".
func (p *Page) TitleName() string {
	for name, v := range p.Properties {
		if v.Type == PropTitle {
			return name
		}
	}
	return ""
}

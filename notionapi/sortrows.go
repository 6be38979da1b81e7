package notionapi

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// RowSorter orders rows the way a query with the same sorts returns them,
// for rows read without sorts (ReadAll reads in created_time windows, past
// the 10,000-results cap that a sorted query stops at) or held by a UI.
//
// The ordering rules, per sort, earlier sorts first:
//
//   - Empty values come after every non-empty value, in both directions.
//     A checkbox is never empty (false sorts before true).
//   - Text (title, rich text, URL, email, phone, a formula's string, a
//     file's name) compares without regard to case, by code point.
//   - Numbers (number, unique ID, a formula's or rollup's number) compare
//     by value.
//   - Dates compare by their start instant; a date without a time is
//     midnight UTC. created_time, last_edited_time (properties and
//     timestamps) compare as instants.
//   - Select and status compare by the position of the option in the
//     property's option list, not by name; multi-select by its first
//     option. An option the schema does not list comes after those it does.
//   - People (people, created by, last edited by) compare by the first
//     person's name, or ID when the name is not shared.
//   - Relations compare by the number of related pages, rollups over an
//     array by the number of items.
//   - Other types (button, place, verification, unknown types) are empty.
//   - Rows equal on every sort keep Notion's default order: the newest
//     created first, then by ID, so the order is total.
//
// Notion documents none of these rules for the API (whether empties come
// first or last, option order or name order); they are the choices of the
// notiontest sandbox, whose server-side sorting the tests hold this type
// to, so a locally sorted read and a sorted query agree there.
type RowSorter struct {
	sorts []rowSort
}

// rowSort is one sort, resolved against the schema.
type rowSort struct {
	prop      *PropertySchema // nil for a timestamp sort
	timestamp string
	desc      bool
	ranks     map[string]int // option ID and name → position
}

// NewRowSorter checks sorts against the schema: each names a property of
// it (by name or ID) or a timestamp, with a direction.
func NewRowSorter(schema Schema, sorts []Sort) (*RowSorter, error) {
	s := &RowSorter{sorts: make([]rowSort, 0, len(sorts))}
	for _, so := range sorts {
		var r rowSort
		switch so.Direction {
		case Ascending:
		case Descending:
			r.desc = true
		default:
			return nil, fmt.Errorf("notionapi: sort direction %q: want %q or %q", so.Direction, Ascending, Descending)
		}
		switch {
		case so.Property != "":
			p, ok := schema.Get(so.Property)
			if !ok {
				return nil, fmt.Errorf("notionapi: no property %q to sort by", so.Property)
			}
			r.prop = &p
			if opts := p.Options(); len(opts) > 0 {
				r.ranks = make(map[string]int, 2*len(opts))
				for i, o := range opts {
					if o.ID != "" {
						r.ranks["id:"+o.ID] = i
					}
					r.ranks["name:"+o.Name] = i
				}
			}
		case so.Timestamp == CreatedTime || so.Timestamp == LastEditedTime:
			r.timestamp = so.Timestamp
		default:
			return nil, fmt.Errorf("notionapi: a sort needs a property or the timestamp created_time or last_edited_time, not %q", so.Timestamp)
		}
		s.sorts = append(s.sorts, r)
	}
	return s, nil
}

// SortPages sorts pages in place as a query with sorts would return them.
func SortPages(pages []Page, schema Schema, sorts []Sort) error {
	s, err := NewRowSorter(schema, sorts)
	if err != nil {
		return err
	}
	keys := make([]RowKey, len(pages))
	for i := range pages {
		keys[i] = s.Key(&pages[i])
	}
	order := make([]int, len(pages))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return s.Compare(keys[a], keys[b]) })
	sorted := make([]Page, len(pages))
	for i, k := range order {
		sorted[i] = pages[k]
	}
	copy(pages, sorted)
	return nil
}

// RowKey holds what a row is compared by, computed once per row; it does
// not keep the page.
type RowKey struct {
	vals    []sortValue
	created time.Time
	id      string
}

// sortValue is a row's value for one sort.
type sortValue struct {
	empty bool
	num   float64
	str   string
}

// Key computes the row's key for the sorter's sorts.
func (s *RowSorter) Key(p *Page) RowKey {
	k := RowKey{vals: make([]sortValue, len(s.sorts)), created: p.CreatedTime, id: p.ID}
	for i, so := range s.sorts {
		switch {
		case so.prop == nil && so.timestamp == LastEditedTime:
			k.vals[i] = timeValue(p.LastEditedTime)
		case so.prop == nil:
			k.vals[i] = timeValue(p.CreatedTime)
		default:
			k.vals[i] = so.value(p.Properties[so.prop.Name])
		}
	}
	return k
}

// Compare orders two keys: negative when a comes first.
func (s *RowSorter) Compare(a, b RowKey) int {
	for i, so := range s.sorts {
		if c := compareValues(a.vals[i], b.vals[i], so.desc); c != 0 {
			return c
		}
	}
	if c := b.created.Compare(a.created); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

func compareValues(a, b sortValue, desc bool) int {
	if a.empty != b.empty {
		if a.empty {
			return 1
		}
		return -1
	}
	c := cmp.Compare(a.num, b.num)
	if c == 0 {
		c = strings.Compare(a.str, b.str)
	}
	if desc {
		return -c
	}
	return c
}

func timeValue(t time.Time) sortValue {
	if t.IsZero() {
		return sortValue{empty: true}
	}
	return sortValue{num: float64(t.UnixMilli())}
}

func textValue(s string) sortValue { return sortValue{empty: s == "", str: strings.ToLower(s)} }

func numberValue(n *float64) sortValue {
	if n == nil {
		return sortValue{empty: true}
	}
	return sortValue{num: *n}
}

// dateValue is the start instant of a date; a date alone is midnight UTC.
func dateValue(d *DateValue) sortValue {
	if d == nil || d.Start == "" {
		return sortValue{empty: true}
	}
	return timeValue(parseInstant(d.Start))
}

func parseInstant(s string) time.Time {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t
	}
	return time.Time{}
}

func personValue(u *User) sortValue { return textValue(cmp.Or(u.Name, u.ID)) }

// rank is an option's position; one the schema does not list comes after
// the others, ordered by name.
func (so *rowSort) rank(o SelectOption) sortValue {
	if i, ok := so.ranks["id:"+o.ID]; ok && o.ID != "" {
		return sortValue{num: float64(i)}
	}
	if i, ok := so.ranks["name:"+o.Name]; ok {
		return sortValue{num: float64(i)}
	}
	return sortValue{num: float64(len(so.ranks)), str: strings.ToLower(o.Name)}
}

func (so *rowSort) value(v PropertyValue) sortValue {
	typ := v.Type
	if typ == "" {
		typ = so.prop.Type
	}
	switch typ {
	case PropTitle:
		return textValue(v.Title.Plain())
	case PropRichText:
		return textValue(v.RichText.Plain())
	case PropURL:
		return textValue(deref(v.URL))
	case PropEmail:
		return textValue(deref(v.Email))
	case PropPhoneNumber:
		return textValue(deref(v.PhoneNumber))
	case PropNumber:
		return numberValue(v.Number)
	case PropUniqueID:
		if v.UniqueID == nil || v.UniqueID.Number == nil {
			return sortValue{empty: true}
		}
		return sortValue{num: float64(*v.UniqueID.Number)}
	case PropCheckbox:
		if v.Checkbox {
			return sortValue{num: 1}
		}
		return sortValue{}
	case PropSelect, PropStatus:
		o := v.Select
		if typ == PropStatus {
			o = v.Status
		}
		if o == nil {
			return sortValue{empty: true}
		}
		return so.rank(*o)
	case PropMultiSelect:
		if len(v.MultiSelect) == 0 {
			return sortValue{empty: true}
		}
		return so.rank(v.MultiSelect[0])
	case PropDate:
		return dateValue(v.Date)
	case PropCreatedTime:
		return timeValue(parseInstant(v.CreatedTime))
	case PropLastEditedTime:
		return timeValue(parseInstant(v.LastEditedTime))
	case PropPeople:
		if len(v.People) == 0 {
			return sortValue{empty: true}
		}
		return personValue(&v.People[0])
	case PropCreatedBy, PropLastEditedBy:
		u := v.CreatedBy
		if typ == PropLastEditedBy {
			u = v.LastEditedBy
		}
		if u == nil {
			return sortValue{empty: true}
		}
		return personValue(u)
	case PropRelation:
		if len(v.Relation) == 0 {
			return sortValue{empty: true}
		}
		return sortValue{num: float64(len(v.Relation))}
	case PropFiles:
		if len(v.Files) == 0 {
			return sortValue{empty: true}
		}
		return textValue(cmp.Or(v.Files[0].Name, v.Files[0].URL()))
	case PropFormula:
		return formulaValue(v.Formula)
	case PropRollup:
		return rollupValue(v.Rollup)
	}
	return sortValue{empty: true}
}

func formulaValue(f *Formula) sortValue {
	if f == nil {
		return sortValue{empty: true}
	}
	switch f.Type {
	case "string":
		return textValue(deref(f.String))
	case "number":
		return numberValue(f.Number)
	case "boolean":
		if f.Boolean != nil && *f.Boolean {
			return sortValue{num: 1}
		}
		return sortValue{}
	case "date":
		return dateValue(f.Date)
	}
	return sortValue{empty: true}
}

func rollupValue(r *Rollup) sortValue {
	if r == nil {
		return sortValue{empty: true}
	}
	switch r.Type {
	case "number":
		return numberValue(r.Number)
	case "date":
		return dateValue(r.Date)
	case "array":
		return sortValue{empty: len(r.Array) == 0, num: float64(len(r.Array))}
	}
	return sortValue{empty: true}
}

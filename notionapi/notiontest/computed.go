package notiontest

import (
	"time"
)

// Values of row properties, as stored in page.vals and returned by
// env.value:
//
//	title, rich_text            []span
//	number                      float64, or nil
//	url, email, phone_number    string, or nil
//	checkbox                    bool (nil is false)
//	select, status              *option, or nil
//	multi_select                []*option
//	date                        *dateValue, or nil
//	people, relation            []string (user or page IDs)
//	files                       []fileRef
//	unique_id                   int
//	created_time, last_edited_time   time.Time (computed)
//	created_by, last_edited_by       string user ID (computed)
//	formula                     string, float64, bool, *dateValue or nil (computed)
//	rollup                      rollupValue (computed)

// rollupValue is the result of a rollup.
type rollupValue struct {
	kind  string // number, date or array
	num   any    // float64 or nil, for kind number
	date  *dateValue
	items []any // for kind array: one value of the rolled-up property per related row
}

// value returns a row's value of p, computing what Notion computes.
func (e *env) value(p *prop, pg *page) any {
	if pg.wikiRef != nil {
		switch p.typ {
		case "created_time", "last_edited_time", "created_by", "last_edited_by":
		default:
			return nil
		}
	}
	switch p.typ {
	case "relation":
		// Empty when the related database is not shared with the
		// connection ("Why are relation page property values empty? Double
		// check to see that your integration has been shared with the
		// database the relation property points to", D:FAQ;
		// I:makenotion/notion-sdk-js#514 shows relation [] and has_more
		// false). Filters, sorts and rollups see it empty too (a choice).
		if e.sees != nil && p.target != nil && !e.sees(p.target.db.shared) {
			return nil
		}
	case "created_time":
		return pg.created
	case "last_edited_time":
		return pg.edited
	case "created_by":
		return pg.createdBy
	case "last_edited_by":
		return pg.editedBy
	case "formula":
		return p.formula(e, pg)
	case "rollup":
		return e.rollup(p.rollup, pg)
	}
	return pg.vals[p.idx]
}

// named returns a row's value of the property called name.
func (e *env) named(pg *page, name string) any { return e.value(pg.ds.byName[name], pg) }

// rolledUp returns the values of the rolled-up property of the live rows
// a relation points at.
func (e *env) rolledUp(rc *rollupConf, pg *page) []any {
	ids, _ := pg.vals[rc.via.idx].([]string)
	vals := make([]any, 0, len(ids))
	for _, id := range ids {
		if rp, ok := e.st.pages[id]; ok && !rp.trashed {
			vals = append(vals, e.value(rc.of, rp))
		}
	}
	return vals
}

// rollup computes a rollup.
func (e *env) rollup(rc *rollupConf, pg *page) rollupValue {
	vals := e.rolledUp(rc, pg)
	switch rc.function {
	case "show_original":
		return rollupValue{kind: "array", items: vals}
	case "count":
		return rollupValue{kind: "number", num: float64(len(vals))}
	case "sum":
		sum := 0.0
		for _, v := range vals {
			if f, ok := v.(float64); ok {
				sum += f
			}
		}
		return rollupValue{kind: "number", num: sum}
	case "percent_checked":
		if len(vals) == 0 {
			return rollupValue{kind: "number", num: 0.0}
		}
		checked := 0
		for _, v := range vals {
			if v == true {
				checked++
			}
		}
		return rollupValue{kind: "number", num: float64(checked) / float64(len(vals))}
	case "earliest_date":
		var first *dateValue
		for _, v := range vals {
			if d, ok := v.(*dateValue); ok && (first == nil || d.startAt.Before(first.startAt)) {
				first = d
			}
		}
		if first == nil {
			return rollupValue{kind: "date"}
		}
		return rollupValue{kind: "date", date: &dateValue{start: first.start, startAt: first.startAt, hasTime: first.hasTime}}
	}
	return rollupValue{kind: "number"}
}

// today is the UTC day of the data clock.
func (e *env) today() time.Time { return day(e.now) }

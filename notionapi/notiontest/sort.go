package notiontest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// sortSpec is one entry of a query's sorts.
type sortSpec struct {
	prop      *prop  // nil for a timestamp sort
	timestamp string // created_time or last_edited_time
	desc      bool
}

// defaultSorts is the order of a query without sorts: newest first.
var defaultSorts = []sortSpec{{timestamp: "created_time", desc: true}}

// parseSorts reads body.sorts against a schema.
func parseSorts(v any, ds *dataSource) ([]sortSpec, error) {
	if v == nil {
		return defaultSorts, nil
	}
	items, ok := v.([]any)
	if !ok {
		return nil, errShouldBe("body.sorts", "an array", v)
	}
	if len(items) > maxArrayLength {
		return nil, errShouldBe("body.sorts.length", "≤ `100`", len(items))
	}
	specs := make([]sortSpec, 0, len(items))
	for i, it := range items {
		path := fmt.Sprintf("body.sorts[%d]", i)
		m, ok := it.(map[string]any)
		if !ok {
			return nil, errShouldBe(path, "an object", it)
		}
		var s sortSpec
		switch dir := m["direction"]; dir {
		case "ascending":
		case "descending":
			s.desc = true
		default:
			return nil, errShouldBe(path+".direction", "`ascending` or `descending`", valueOrUndefined(m, "direction"))
		}
		name, isProp := m["property"]
		ts, isTS := m["timestamp"]
		switch {
		case isProp && isTS:
			return nil, errShouldBe(path+".timestamp", "not present", ts)
		case isProp:
			key, _ := name.(string)
			if s.prop = ds.lookup(key); s.prop == nil {
				return nil, errValidation("Could not find sort property with name or id: %s", key)
			}
		case ts == "created_time" || ts == "last_edited_time":
			s.timestamp = ts.(string)
		default:
			return nil, errShouldBe(path+".property", "defined", undefined)
		}
		specs = append(specs, s)
	}
	return specs, nil
}

// sortKey is a row's comparable value for one sort; empty values sort
// last in both directions.
type sortKey struct {
	empty bool
	num   float64
	str   string
}

// sortKeyOf computes the key of a row for a sort.
func (e *env) sortKeyOf(s sortSpec, pg *page) sortKey {
	if s.prop == nil {
		if s.timestamp == "last_edited_time" {
			return sortKey{num: float64(pg.edited.UnixMilli())}
		}
		return sortKey{num: float64(pg.created.UnixMilli())}
	}
	return e.valueKey(s.prop, e.value(s.prop, pg))
}

// valueKey is the sort key of a property value.
func (e *env) valueKey(p *prop, v any) sortKey {
	switch x := v.(type) {
	case nil:
		if p.typ == "checkbox" {
			return sortKey{}
		}
		return sortKey{empty: true}
	case []span:
		s := plainText(x)
		return sortKey{empty: s == "", str: strings.ToLower(s)}
	case string:
		if family(p.typ) == "people" {
			return e.valueKey(p, []string{x})
		}
		return sortKey{empty: x == "", str: strings.ToLower(x)}
	case float64:
		return sortKey{num: x}
	case int:
		return sortKey{num: float64(x)}
	case bool:
		if x {
			return sortKey{num: 1}
		}
		return sortKey{}
	case *option:
		return sortKey{num: float64(x.rank)}
	case []*option:
		if len(x) == 0 {
			return sortKey{empty: true}
		}
		return sortKey{num: float64(x[0].rank)}
	case *dateValue:
		return sortKey{num: float64(x.startAt.UnixMilli())}
	case []string:
		if len(x) == 0 {
			return sortKey{empty: true}
		}
		if p.typ == "relation" {
			return sortKey{num: float64(len(x))}
		}
		return sortKey{str: strings.ToLower(e.st.userByID[x[0]].name)}
	case time.Time:
		return sortKey{num: float64(x.UnixMilli())}
	case []fileRef:
		if len(x) == 0 {
			return sortKey{empty: true}
		}
		return sortKey{str: strings.ToLower(x[0].name)}
	case rollupValue:
		switch x.kind {
		case "date":
			if x.date == nil {
				return sortKey{empty: true}
			}
			return e.valueKey(p, x.date)
		case "array":
			return sortKey{empty: len(x.items) == 0, num: float64(len(x.items))}
		}
		return e.valueKey(p, x.num)
	}
	return sortKey{empty: true}
}

func compareKeys(a, b sortKey, desc bool) int {
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

// sortRows returns rows in the order of specs; ties fall back to newest
// first, then ID, so the order (and every cursor) is stable.
func (e *env) sortRows(rows []*page, specs []sortSpec) []*page {
	n := len(specs)
	keys := make([]sortKey, len(rows)*n)
	for i, pg := range rows {
		for j, s := range specs {
			keys[i*n+j] = e.sortKeyOf(s, pg)
		}
	}
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		for j, s := range specs {
			if c := compareKeys(keys[a*n+j], keys[b*n+j], s.desc); c != 0 {
				return c
			}
		}
		if c := rows[b].created.Compare(rows[a].created); c != 0 {
			return c
		}
		return strings.Compare(rows[a].id, rows[b].id)
	})
	out := make([]*page, len(rows))
	for i, k := range order {
		out[i] = rows[k]
	}
	return out
}

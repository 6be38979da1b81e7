package widgets

import (
	"math"
	"strconv"
	"strings"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// CellText is the text of a value in a table: Cell, with numbers in the
// property's number format, a rollup's number as its function gives it
// (a percentage, a rounded average), no empty entries in a rollup's list,
// booleans of formulas and rollups drawn as a checkbox column draws them
// (☑ ☐), and related pages by the first block of their IDs.
func CellText(prop notionapi.PropertySchema, v notionapi.PropertyValue) string {
	return CellTextWith(prop, v, nil)
}

// CellTextWith is CellText that draws related pages by what title says of
// each (nil: their short IDs).
func CellTextWith(prop notionapi.PropertySchema, v notionapi.PropertyValue, title func(id string) string) string {
	switch {
	case v.Type == notionapi.PropNumber && v.Number != nil && prop.Number != nil:
		return notionapi.FormatNumber(*v.Number, prop.Number.Format)
	case v.Type == notionapi.PropRollup && v.Rollup != nil:
		return rollupCell(prop, v.Rollup, title)
	case v.Type == notionapi.PropFormula && v.Formula != nil && v.Formula.Type == "boolean" && v.Formula.Boolean != nil:
		return CheckText(*v.Formula.Boolean)
	case v.Type == notionapi.PropRelation && len(v.Relation) > 0:
		return RelationText(v.Relation, v.HasMore, title)
	}
	return notionapi.Cell(v)
}

// RelationText draws related pages by what title says of each (nil: their
// short IDs), with "…" after a list Notion cut at 25.
func RelationText(refs []notionapi.ObjectRef, more bool, title func(id string) string) string {
	parts := make([]string, len(refs), len(refs)+1)
	for i, r := range refs {
		if title != nil {
			parts[i] = title(r.ID)
		} else {
			parts[i] = ShortID(r.ID)
		}
	}
	if more {
		parts = append(parts, "…")
	}
	return strings.Join(parts, ", ")
}

// CheckText is how a boolean is drawn everywhere: a checkbox, checked or
// not.
func CheckText(b bool) string {
	if b {
		return "☑"
	}
	return "☐"
}

// rollupCell draws a rollup's value: a number as its function gives it, a
// list without its empty entries.
func rollupCell(prop notionapi.PropertySchema, r *notionapi.Rollup, title func(id string) string) string {
	switch r.Type {
	case "number":
		if r.Number == nil {
			return ""
		}
		fn := r.Function
		if prop.Rollup != nil && prop.Rollup.Function != "" {
			fn = prop.Rollup.Function
		}
		return RollupNumber(*r.Number, fn)
	case "array":
		parts := make([]string, 0, len(r.Array))
		for _, el := range r.Array {
			if el.Type == notionapi.PropCheckbox {
				parts = append(parts, CheckText(el.Checkbox))
				continue
			}
			if s := CellTextWith(notionapi.PropertySchema{Type: el.Type}, el, title); strings.TrimSpace(s) != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return notionapi.Cell(notionapi.PropertyValue{Type: notionapi.PropRollup, Rollup: r})
}

// RollupNumber formats a rollup's number by its function: the percent_*
// functions as a percentage, whole counts as they are, other numbers
// (an average, a median) to two decimals at most.
func RollupNumber(n float64, function string) string {
	round := func(x float64, places int) string {
		p := math.Pow(10, float64(places))
		return strconv.FormatFloat(math.Round(x*p)/p, 'f', -1, 64)
	}
	if strings.HasPrefix(function, "percent_") {
		return round(n*100, 1) + "%"
	}
	return round(n, 2)
}

// RightAligned reports whether a column of prop holds numbers, drawn
// right-aligned: numbers, unique IDs, and rollups whose function makes a
// number.
func RightAligned(prop notionapi.PropertySchema) bool {
	switch prop.Type {
	case notionapi.PropNumber, notionapi.PropUniqueID:
		return true
	case notionapi.PropRollup:
		if prop.Rollup == nil {
			return false
		}
		switch prop.Rollup.Function {
		case "show_original", "show_unique", "earliest_date", "latest_date", "":
			return false
		}
		return true
	}
	return false
}

// OptionChips draws options in their Notion colours, separated by spaces.
func OptionChips(st *styles.Styles, opts []notionapi.SelectOption) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		parts[i] = st.OptionStyle(o.Color).Render(o.Name)
	}
	return strings.Join(parts, st.Faint.Render(" · "))
}

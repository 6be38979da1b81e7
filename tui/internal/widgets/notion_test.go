package widgets

import (
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
)

// TestRollupCells: a rollup's number is shown as its function makes it,
// not as a float's every digit; its list has no empty entries; booleans
// are checkboxes, as in a checkbox column.
func TestRollupCells(t *testing.T) {
	t.Parallel()
	num := func(n float64) *float64 { return &n }
	rollup := func(fn string) notionapi.PropertySchema {
		return notionapi.PropertySchema{Name: "R", Type: notionapi.PropRollup, Rollup: &notionapi.RollupConfig{Function: fn}}
	}
	yes := true
	for _, tt := range []struct {
		name string
		prop notionapi.PropertySchema
		v    notionapi.PropertyValue
		want string
	}{
		{"percent checked", rollup("percent_checked"), notionapi.PropertyValue{Type: notionapi.PropRollup, Rollup: &notionapi.Rollup{Type: "number", Number: num(0.4642857142857143)}}, "46.4%"},
		{"average", rollup("average"), notionapi.PropertyValue{Type: notionapi.PropRollup, Rollup: &notionapi.Rollup{Type: "number", Number: num(352.6666666666667)}}, "352.67"},
		{"count", rollup("count"), notionapi.PropertyValue{Type: notionapi.PropRollup, Rollup: &notionapi.Rollup{Type: "number", Number: num(12)}}, "12"},
		{"list without empty entries", rollup("show_original"), notionapi.PropertyValue{Type: notionapi.PropRollup, Rollup: &notionapi.Rollup{Type: "array", Array: []notionapi.PropertyValue{
			notionapi.TitleValue("Alpha"), notionapi.TitleValue(""), notionapi.TitleValue("Beta"),
		}}}, "Alpha, Beta"},
		{"checkboxes", rollup("show_original"), notionapi.PropertyValue{Type: notionapi.PropRollup, Rollup: &notionapi.Rollup{Type: "array", Array: []notionapi.PropertyValue{
			{Type: notionapi.PropCheckbox, Checkbox: true}, {Type: notionapi.PropCheckbox},
		}}}, "☑, ☐"},
		{"formula boolean", notionapi.PropertySchema{Name: "F", Type: notionapi.PropFormula}, notionapi.PropertyValue{Type: notionapi.PropFormula, Formula: &notionapi.Formula{Type: "boolean", Boolean: &yes}}, "☑"},
	} {
		if got := CellText(tt.prop, tt.v); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	if !RightAligned(rollup("percent_checked")) || !RightAligned(rollup("sum")) || RightAligned(rollup("show_original")) {
		t.Error("a rollup's column is aligned as its function's result is not")
	}
}

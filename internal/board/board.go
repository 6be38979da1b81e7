// Package board groups the rows of a data source into the columns of a
// board, as Notion's board view does, and turns a card's move between
// columns into the property value to write.
//
// A board groups by a status (by its groups To-do, In progress, Complete,
// or by option), a select, a multi-select, a checkbox or a people
// property. Columns come in Notion's order: a status's groups or options
// and a select's options in the schema's order (or by name, when the
// view sorts its groups), the "No <property>" column first. A card that
// holds several options or people is in each of their columns.
//
// Choices made without evidence: a checkbox board shows Unchecked before
// Checked; people columns come in the order of their names, since the
// schema lists no people; moving a card to a status group sets the
// group's first option.
package board

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Column is one column of a board.
type Column struct {
	// Key identifies the column: an option's or a person's ID, "true" or
	// "false", or "" for the cards without a value.
	Key   string
	Label string
	// Color is the option's color ("" when it has none).
	Color string
	// Rows are the cards' indexes in the rows given to Build, in order.
	Rows []int
}

// NoValue is the key of the column of cards without a value.
const NoValue = ""

// Grouper sorts rows into the columns of one property.
type Grouper struct {
	prop    notionapi.PropertySchema
	byGroup bool // a status by its groups
	sort    string
	// fixed are the columns the schema lists, in order; index maps an
	// option's ID and name, or a status option to its group, to one.
	fixed []Column
	index map[string]int
}

// Groupable reports whether a board can group by a property of type t.
func Groupable(t notionapi.PropertyType) bool {
	switch t {
	case notionapi.PropStatus, notionapi.PropSelect, notionapi.PropMultiSelect, notionapi.PropCheckbox, notionapi.PropPeople:
		return true
	}
	return false
}

// New makes the grouper of a property. g is the view's grouping (nil for
// a board the user chose: a status then groups by its groups). A Grouper
// does not change once made: its methods may be called from several
// goroutines.
func New(prop notionapi.PropertySchema, g *notionapi.GroupBy) (*Grouper, error) {
	if !Groupable(prop.Type) {
		return nil, fmt.Errorf("a board cannot group by %q, a %s property; it groups by a status, select, multi-select, checkbox or people property", prop.Name, prop.Type)
	}
	gr := &Grouper{prop: prop, byGroup: prop.Type == notionapi.PropStatus, index: map[string]int{}}
	if g != nil {
		if prop.Type == notionapi.PropStatus {
			gr.byGroup = g.GroupBy != "option"
		}
		if g.Sort != nil {
			gr.sort = g.Sort.Type
		}
	}
	if prop.Type != notionapi.PropStatus {
		// A status always holds a value in Notion; its empty column shows
		// only when a card has none.
		gr.fixed = append(gr.fixed, Column{Key: NoValue, Label: "No " + prop.Name})
	}
	switch {
	case prop.Type == notionapi.PropStatus && gr.byGroup && prop.Status != nil:
		for _, grp := range prop.Status.Groups {
			i := gr.add(Column{Key: cmp.Or(grp.ID, grp.Name), Label: grp.Name, Color: grp.Color})
			for _, oid := range grp.OptionIDs {
				gr.index["id:"+oid] = i
			}
			for _, o := range prop.Status.Options {
				if slices.Contains(grp.OptionIDs, o.ID) {
					gr.index["name:"+o.Name] = i
				}
			}
		}
	case prop.Type == notionapi.PropCheckbox:
		gr.fixed = []Column{{Key: "false", Label: "Unchecked"}, {Key: "true", Label: "Checked"}}
		gr.index["false"], gr.index["true"] = 0, 1
	default:
		opts := prop.Options()
		if gr.sort == "ascending" || gr.sort == "descending" {
			opts = slices.Clone(opts)
			slices.SortStableFunc(opts, func(a, b notionapi.SelectOption) int {
				c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
				if gr.sort == "descending" {
					return -c
				}
				return c
			})
		}
		for _, o := range opts {
			i := gr.add(Column{Key: cmp.Or(o.ID, o.Name), Label: o.Name, Color: o.Color})
			gr.index["id:"+o.ID] = i
			gr.index["name:"+o.Name] = i
		}
	}
	return gr, nil
}

func (gr *Grouper) add(c Column) int {
	gr.fixed = append(gr.fixed, c)
	return len(gr.fixed) - 1
}

// Property is the property the board groups by.
func (gr *Grouper) Property() notionapi.PropertySchema { return gr.prop }

// ByStatusGroup reports whether a status board groups by status groups.
func (gr *Grouper) ByStatusGroup() bool { return gr.byGroup }

// Keys returns the keys of the columns a value belongs in: one for most
// values, one per option or person for multi-selects and people, the
// NoValue key when it is empty.
func (gr *Grouper) Keys(v notionapi.PropertyValue) []string {
	var keys []string
	switch gr.prop.Type {
	case notionapi.PropCheckbox:
		if v.Checkbox {
			return []string{"true"}
		}
		return []string{"false"}
	case notionapi.PropStatus:
		if v.Status != nil {
			keys = append(keys, gr.optionKey(*v.Status))
		}
	case notionapi.PropSelect:
		if v.Select != nil {
			keys = append(keys, gr.optionKey(*v.Select))
		}
	case notionapi.PropMultiSelect:
		for _, o := range v.MultiSelect {
			keys = append(keys, gr.optionKey(o))
		}
	case notionapi.PropPeople:
		for _, u := range v.People {
			if !slices.Contains(keys, u.ID) {
				keys = append(keys, u.ID)
			}
		}
	}
	if len(keys) == 0 {
		return []string{NoValue}
	}
	return keys
}

// optionKey is the key of an option's column: its fixed column's key
// when the schema lists it (or its status group's), else its own.
func (gr *Grouper) optionKey(o notionapi.SelectOption) string {
	if i, ok := gr.index["id:"+o.ID]; ok && o.ID != "" {
		return gr.fixed[i].Key
	}
	if i, ok := gr.index["name:"+o.Name]; ok {
		return gr.fixed[i].Key
	}
	return "name:" + o.Name
}

// PersonNames adds the names a people value carries to names (ID →
// name), for the labels of people columns.
func PersonNames(v notionapi.PropertyValue, names map[string]string) {
	for _, u := range v.People {
		if u.Name != "" {
			names[u.ID] = u.Name
		}
	}
}

// Build makes the columns for rows whose keys are keys[i] (from Keys):
// the fixed columns, empty ones too, then columns for values the schema
// does not list (people, options added since), in the order of their
// labels. names labels people columns (ID → name); a person without one
// shows their ID.
func (gr *Grouper) Build(keys [][]string, names map[string]string) []Column {
	cols := make([]Column, len(gr.fixed))
	copy(cols, gr.fixed)
	at := make(map[string]int, len(cols))
	for i, c := range cols {
		at[c.Key] = i
	}
	var extra []Column
	extraAt := map[string]int{}
	for row, ks := range keys {
		for _, k := range ks {
			if i, ok := at[k]; ok {
				cols[i].Rows = append(cols[i].Rows, row)
				continue
			}
			if k == NoValue {
				cols = append([]Column{{Key: NoValue, Label: "No " + gr.prop.Name}}, cols...)
				for key, i := range at {
					at[key] = i + 1
				}
				at[NoValue] = 0
				cols[0].Rows = append(cols[0].Rows, row)
				continue
			}
			i, ok := extraAt[k]
			if !ok {
				extra = append(extra, Column{Key: k, Label: gr.label(k, names)})
				i = len(extra) - 1
				extraAt[k] = i
			}
			extra[i].Rows = append(extra[i].Rows, row)
		}
	}
	slices.SortStableFunc(extra, func(a, b Column) int {
		return cmp.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label))
	})
	return append(cols, extra...)
}

// label names a column the schema does not list.
func (gr *Grouper) label(key string, names map[string]string) string {
	if name, ok := strings.CutPrefix(key, "name:"); ok {
		return name
	}
	if n := names[key]; gr.prop.Type == notionapi.PropPeople && n != "" {
		return n
	}
	return key
}

// Move returns the value to write when a card whose keys are from (as
// Keys gave them) moves from the column fromKey to the column toKey. It
// refuses a move Notion cannot make: a status cleared, a status group
// with no options.
func (gr *Grouper) Move(from []string, fromKey, toKey string, cols []Column) (notionapi.PropertyValue, error) {
	if fromKey == toKey {
		return notionapi.PropertyValue{}, fmt.Errorf("the card is already in that column")
	}
	target, ok := columnByKey(cols, toKey)
	if !ok {
		return notionapi.PropertyValue{}, fmt.Errorf("no column %q", toKey)
	}
	switch gr.prop.Type {
	case notionapi.PropCheckbox:
		return notionapi.CheckboxValue(toKey == "true"), nil
	case notionapi.PropStatus:
		if toKey == NoValue {
			return notionapi.PropertyValue{}, fmt.Errorf("a status cannot be emptied; move the card to another status")
		}
		if !gr.byGroup {
			return notionapi.StatusValue(target.Label), nil
		}
		name, ok := gr.firstOption(toKey)
		if !ok {
			return notionapi.PropertyValue{}, fmt.Errorf("the status group %q has no options", target.Label)
		}
		return notionapi.StatusValue(name), nil
	case notionapi.PropSelect:
		if toKey == NoValue {
			return notionapi.PropertyValue{Type: notionapi.PropSelect}, nil
		}
		return notionapi.SelectValue(target.Label), nil
	case notionapi.PropMultiSelect:
		var names []string
		for _, k := range from {
			if k == fromKey || k == NoValue || k == toKey {
				continue
			}
			if c, ok := columnByKey(cols, k); ok {
				names = append(names, c.Label)
			}
		}
		if toKey != NoValue {
			names = append(names, target.Label)
		}
		return notionapi.MultiSelectValue(names...), nil
	case notionapi.PropPeople:
		var ids []string
		for _, k := range from {
			if k != fromKey && k != NoValue && k != toKey {
				ids = append(ids, k)
			}
		}
		if toKey != NoValue {
			ids = append(ids, toKey)
		}
		return notionapi.PeopleValue(ids...), nil
	}
	return notionapi.PropertyValue{}, fmt.Errorf("cannot move cards of a %s board", gr.prop.Type)
}

// Preset is the value of a card created in a column: the column's value
// (for a status group, its first option); false for no value.
func (gr *Grouper) Preset(key string, cols []Column) (notionapi.PropertyValue, bool) {
	if key == NoValue {
		return notionapi.PropertyValue{}, false
	}
	c, ok := columnByKey(cols, key)
	if !ok {
		return notionapi.PropertyValue{}, false
	}
	switch gr.prop.Type {
	case notionapi.PropCheckbox:
		return notionapi.CheckboxValue(key == "true"), true
	case notionapi.PropStatus:
		if gr.byGroup {
			name, ok := gr.firstOption(key)
			return notionapi.StatusValue(name), ok
		}
		return notionapi.StatusValue(c.Label), true
	case notionapi.PropSelect:
		return notionapi.SelectValue(c.Label), true
	case notionapi.PropMultiSelect:
		return notionapi.MultiSelectValue(c.Label), true
	case notionapi.PropPeople:
		return notionapi.PeopleValue(key), true
	}
	return notionapi.PropertyValue{}, false
}

// PresetText is Preset as the text a form field holds: the option's
// name, true/false, a person's ID.
func (gr *Grouper) PresetText(key string, cols []Column) (string, bool) {
	v, ok := gr.Preset(key, cols)
	if !ok {
		return "", false
	}
	switch v.Type {
	case notionapi.PropCheckbox:
		return fmt.Sprint(v.Checkbox), true
	case notionapi.PropPeople:
		return key, true
	}
	return notionapi.Cell(v), true
}

// firstOption is the name of the first option of a status group.
func (gr *Grouper) firstOption(groupKey string) (string, bool) {
	if gr.prop.Status == nil {
		return "", false
	}
	for _, g := range gr.prop.Status.Groups {
		if cmp.Or(g.ID, g.Name) != groupKey || len(g.OptionIDs) == 0 {
			continue
		}
		for _, o := range gr.prop.Status.Options {
			if o.ID == g.OptionIDs[0] {
				return o.Name, true
			}
		}
	}
	return "", false
}

func columnByKey(cols []Column, key string) (Column, bool) {
	for _, c := range cols {
		if c.Key == key {
			return c, true
		}
	}
	return Column{}, false
}

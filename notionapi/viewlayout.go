package notionapi

import "slices"

// ViewLayout is a view's columns resolved against its data source's
// schema: what a table shows, in which order, how wide, and what a board
// groups by.
type ViewLayout struct {
	// Columns are the visible properties, in the view's order: a table's
	// columns, a board's or gallery's card properties.
	Columns []ViewColumn
	// Hidden are the other properties of the schema, in schema order.
	Hidden []PropertySchema
	// Frozen is the number of leading columns that stay in place when a
	// table scrolls sideways: frozen_column_index is the index of the
	// last of them.
	Frozen int
	// WrapCells says that a table wraps its cells' text.
	WrapCells bool
	// GroupBy is the property a board (or a grouped table) groups by,
	// nil when none; Group holds the rest of the grouping.
	GroupBy *PropertySchema
	Group   *GroupBy
	// Missing names the properties the view lists that the schema does
	// not have (deleted since, or not shared).
	Missing []string
}

// ViewColumn is one visible property of a view.
type ViewColumn struct {
	Property PropertySchema
	// Width is the column's width in pixels on Notion's screen, 0 when
	// the view does not say.
	Width int
	// Wrap says that the column wraps its text.
	Wrap bool
}

// Layout resolves the view's configuration against schema. Properties
// are matched by ID, then by name. A view that lists no properties shows
// every one, in schema order (as a table with no configuration does); a
// view that lists some shows those marked visible, in its order, and
// hides the rest, except the title, which always shows (first, when the
// view does not place it).
func (v *View) Layout(schema Schema) ViewLayout {
	var l ViewLayout
	cfg := v.Configuration
	if cfg == nil || len(cfg.Properties) == 0 {
		for _, p := range schema.Ordered() {
			l.Columns = append(l.Columns, ViewColumn{Property: p})
		}
	} else {
		shown := map[string]bool{}
		for _, vp := range cfg.Properties {
			p, ok := resolveViewProperty(schema, vp.PropertyID, vp.PropertyName)
			if !ok {
				l.Missing = append(l.Missing, cmpOr(vp.PropertyName, vp.PropertyID))
				continue
			}
			if shown[p.ID+"\x00"+p.Name] {
				continue
			}
			if !vp.Shown() {
				continue
			}
			shown[p.ID+"\x00"+p.Name] = true
			l.Columns = append(l.Columns, ViewColumn{Property: p, Width: vp.Width, Wrap: vp.Wrap != nil && *vp.Wrap})
		}
		// The title always shows: cards are named by it, and a table
		// cannot hide it.
		if t, ok := schema.Title(); ok && !shown[t.ID+"\x00"+t.Name] {
			shown[t.ID+"\x00"+t.Name] = true
			l.Columns = append([]ViewColumn{{Property: t}}, l.Columns...)
		}
		for _, p := range schema.Ordered() {
			if !shown[p.ID+"\x00"+p.Name] {
				l.Hidden = append(l.Hidden, p)
			}
		}
	}
	if cfg != nil {
		l.WrapCells = cfg.WrapCells
		if cfg.FrozenColumnIndex != nil {
			l.Frozen = min(max(*cfg.FrozenColumnIndex+1, 0), len(l.Columns))
		}
		if g := cfg.GroupBy; g != nil {
			if p, ok := resolveViewProperty(schema, g.PropertyID, g.PropertyName); ok {
				l.GroupBy, l.Group = &p, g
			} else {
				l.Missing = append(l.Missing, cmpOr(g.PropertyName, g.PropertyID))
			}
		}
	}
	return l
}

// resolveViewProperty finds a property by ID, then by name.
func resolveViewProperty(schema Schema, id, name string) (PropertySchema, bool) {
	if id != "" {
		for _, p := range schema {
			if p.ID == id {
				return p, true
			}
		}
	}
	for _, n := range []string{name, id} {
		if n == "" {
			continue
		}
		for _, p := range schema {
			if p.Name == n {
				return p, true
			}
		}
	}
	return PropertySchema{}, false
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Names returns the names of the visible columns, in order.
func (l ViewLayout) Names() []string {
	out := make([]string, len(l.Columns))
	for i, c := range l.Columns {
		out[i] = c.Property.Name
	}
	return out
}

// Schema returns the visible columns as a schema, in the view's order.
func (l ViewLayout) Schema() Schema {
	out := make(Schema, len(l.Columns))
	for i, c := range l.Columns {
		out[i] = c.Property
	}
	return out
}

// PropertyIDs returns the IDs to ask for with filter_properties so that
// rows carry what the view shows and nothing else: the title (a row's
// name, shown or not), the visible columns, the grouping property, and
// the properties of sorts, which a local sort needs. It returns nil when
// every property is visible, since then there is nothing to leave out.
func (l ViewLayout) PropertyIDs(schema Schema, sorts []Sort) []string {
	if len(l.Hidden) == 0 {
		return nil
	}
	var ids []string
	add := func(p PropertySchema) {
		if p.ID != "" && !slices.Contains(ids, p.ID) {
			ids = append(ids, p.ID)
		}
	}
	if t, ok := schema.Title(); ok {
		add(t)
	}
	for _, c := range l.Columns {
		add(c.Property)
	}
	if l.GroupBy != nil {
		add(*l.GroupBy)
	}
	for _, s := range sorts {
		if s.Property == "" {
			continue
		}
		if p, ok := schema.Get(s.Property); ok {
			add(p)
		}
	}
	if len(ids) >= len(schema) {
		return nil
	}
	return ids
}

package widgets

import (
	"strings"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/styles"
)

// CellText is the text of a value in a table: Cell, with numbers in the
// property's number format and related pages by the first block of their
// IDs.
func CellText(prop notionapi.PropertySchema, v notionapi.PropertyValue) string {
	return CellTextWith(prop, v, nil)
}

// CellTextWith is CellText that draws related pages by what title says of
// each (nil: their short IDs).
func CellTextWith(prop notionapi.PropertySchema, v notionapi.PropertyValue, title func(id string) string) string {
	switch {
	case v.Type == notionapi.PropNumber && v.Number != nil && prop.Number != nil:
		return notionapi.FormatNumber(*v.Number, prop.Number.Format)
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

// OptionChips draws options in their Notion colours, separated by spaces.
func OptionChips(st *styles.Styles, opts []notionapi.SelectOption) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		parts[i] = st.OptionStyle(o.Color).Render(o.Name)
	}
	return strings.Join(parts, st.Faint.Render(" · "))
}

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
	switch {
	case v.Type == notionapi.PropNumber && v.Number != nil && prop.Number != nil:
		return notionapi.FormatNumber(*v.Number, prop.Number.Format)
	case v.Type == notionapi.PropRelation && len(v.Relation) > 0:
		ids := make([]string, len(v.Relation))
		for i, r := range v.Relation {
			ids[i] = ShortID(r.ID)
		}
		if v.HasMore {
			ids = append(ids, "…")
		}
		return strings.Join(ids, ", ")
	}
	return notionapi.Cell(v)
}

// OptionChips draws options in their Notion colours, separated by spaces.
func OptionChips(st *styles.Styles, opts []notionapi.SelectOption) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		parts[i] = st.OptionStyle(o.Color).Render(o.Name)
	}
	return strings.Join(parts, st.Faint.Render(" · "))
}

package notiontest

import (
	"fmt"
	"time"
)

// wideRows is the number of rows of the Inventory database.
const wideRows = 1000

// wideTypes are the property types of the Inventory's columns, in turn.
var wideTypes = []string{"rich_text", "number", "select", "date", "checkbox", "url", "email", "multi_select"}

// seedWide adds the Inventory database (Options.Wide): a title and n-1
// columns of mixed types, wideRows rows with every value set, a table of
// every column and the view "Narrow", which shows the title and five
// columns. It serves measurements of column selection (filter_properties).
func (st *store) seedWide(n int) {
	db, ds := singleSource(DatabaseWide, DataSourceWide, "Inventory", "📦", true, daysAgo(90, 0), UserMayaChen)
	db.description = "A wide table: many columns, every value set."
	title := newProp(ds, "Item", "title")
	props := []*prop{}
	for i := 1; i < n; i++ {
		typ := wideTypes[(i-1)%len(wideTypes)]
		p := newProp(ds, fmt.Sprintf("%s %d", wideLabel(typ), i), typ)
		if typ == "select" || typ == "multi_select" {
			p.withOptions("alpha", "blue", "beta", "green", "gamma", "orange", "delta", "red")
		}
		props = append(props, p)
	}
	st.addDatabase(db)
	start := daysAgo(90, 0)
	ds.rows = make([]*page, 0, wideRows)
	for i := range wideRows {
		row := newRow(ds, seedID(ds.id, i), start.Add(time.Duration(i)*time.Hour), UserMayaChen)
		row.vals[title.idx] = []span{text(fmt.Sprintf("Item %04d", i))}
		for j, p := range props {
			h := mix(uint64(i*len(props) + j))
			switch p.typ {
			case "rich_text":
				row.vals[p.idx] = []span{text(fmt.Sprintf("Note %d for item %d: checked, counted and shelved", h%1000, i))}
			case "number":
				row.vals[p.idx] = float64(h % 100000)
			case "select":
				row.vals[p.idx] = pick(p.options, h)
			case "date":
				row.vals[p.idx] = dateOnly(start.Add(time.Duration(h%2000) * time.Hour))
			case "checkbox":
				row.vals[p.idx] = h%2 == 0
			case "url":
				row.vals[p.idx] = fmt.Sprintf("https://inventory.example/items/%d/%d", i, h%100)
			case "email":
				row.vals[p.idx] = pick(eventUsers, h)
			case "multi_select":
				row.vals[p.idx] = []*option{p.options[h%2], p.options[2+h>>8%2]}
			}
		}
		st.addPage(row)
	}
	st.addView(ds, viewSpec{id: ViewWideAll, name: "Table", typ: "table"})
	narrow := []string{"Item"}
	for _, p := range props[:min(5, len(props))] {
		narrow = append(narrow, p.name)
	}
	st.addView(ds, viewSpec{id: ViewWideNarrow, name: "Narrow", typ: "table", columns: narrow, frozen: 1})
}

func wideLabel(typ string) string {
	switch typ {
	case "rich_text":
		return "Note"
	case "number":
		return "Count"
	case "select":
		return "Grade"
	case "date":
		return "Checked"
	case "checkbox":
		return "Counted"
	case "url":
		return "Link"
	case "email":
		return "Contact"
	}
	return "Tags"
}

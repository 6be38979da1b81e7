package notiontest

import (
	"hash/fnv"
	"net/url"
	"time"
)

// seedBase is the moment the seeded workspace describes; every seeded
// timestamp is derived from it, so answers are the same in every run.
var seedBase = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// daysAgo returns seedBase minus d days and h hours.
func daysAgo(d, h int) time.Time {
	return seedBase.Add(-time.Duration(d)*24*time.Hour - time.Duration(h)*time.Hour)
}

// pick returns one of xs chosen by h.
func pick[T any](xs []T, h uint64) T { return xs[h%uint64(len(xs))] }

// seedContent adds the pages and databases of the demo workspace.
func (st *store) seedContent(eventRows, importBatch int) {
	home := st.standalonePage(PageHome, "Acme Labs HQ", "🏢", "", daysAgo(300, 0), UserMayaChen, true)
	finance := st.standalonePage(PageUnshared, "Finance", "💶", "", daysAgo(280, 0), UserMayaChen, false)
	dbs := []*database{
		st.seedReadingList(),
	}
	dbs = append(dbs, st.seedProjectsAndTasks()...)
	dbs = append(dbs, st.seedEventLog(eventRows, importBatch), st.seedTeamDirectory())
	dbs = append(dbs, st.seedWiki()...)
	contracts := st.seedContracts()
	st.seedContractLinks(contracts)
	st.seedGettingStarted()
	st.seedComments()
	st.seedViews()

	bm := newBlockMaker(home)
	home.blocks = []*block{
		bm.paragraph(text("Welcome to "), bold("Acme Labs HQ"), text(". Everything the team tracks lives in the databases below.")),
		bm.divider(),
	}
	for _, db := range dbs {
		home.blocks = append(home.blocks, bm.childDatabase(db))
	}
	adopt(home.id, home.blocks)
	st.addBlocks(home.blocks)
	fm := newBlockMaker(finance)
	finance.blocks = []*block{fm.childDatabase(contracts)}
	adopt(finance.id, finance.blocks)
	st.addBlocks(finance.blocks)
}

// standalonePage adds a page outside databases, under parent ("" for the
// workspace).
func (st *store) standalonePage(id, title, icon, parent string, created time.Time, by string, shared bool) *page {
	created = minute(created)
	pg := &page{
		id:         id,
		parentPage: parent,
		title:      []span{text(title)},
		icon:       emojiIcon(icon),
		created:    created,
		edited:     created,
		createdBy:  by,
		editedBy:   by,
		shared:     shared,
	}
	st.addPage(pg)
	return pg
}

// newDatabase makes a database with one data source per title.
func newDatabase(id, title, icon, parent string, shared bool, created time.Time, by string, sources map[string]string, order ...string) *database {
	created = minute(created)
	db := &database{
		id: id, title: title, icon: icon, parentPage: parent, shared: shared,
		created: created, edited: created, createdBy: by,
	}
	for _, dsTitle := range order {
		db.sources = append(db.sources, &dataSource{
			id: sources[dsTitle], db: db, title: dsTitle, created: created, edited: created, createdBy: by,
		})
	}
	return db
}

// singleSource makes a database with one data source of the same title.
func singleSource(id, dsID, title, icon string, shared bool, created time.Time, by string) (*database, *dataSource) {
	parent := PageHome
	if !shared {
		parent = PageUnshared
	}
	db := newDatabase(id, title, icon, parent, shared, created, by, map[string]string{title: dsID}, title)
	return db, db.sources[0]
}

// propIDChars are the characters of property IDs; Notion's IDs are short
// and URL-encoded, so some of these come out as %XX.
const propIDChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:;<=>?@[]^`{|}"

// newProp adds a property to a schema, with a stable ID ("title" for the
// title property, as on Notion).
func newProp(ds *dataSource, name, typ string) *prop {
	id := "title"
	if typ != "title" {
		h := fnv.New64a()
		h.Write([]byte(ds.id + "/" + name))
		x := h.Sum64()
		raw := make([]byte, 4)
		for i := range raw {
			raw[i] = propIDChars[x%uint64(len(propIDChars))]
			x /= uint64(len(propIDChars))
		}
		id = url.QueryEscape(string(raw))
	}
	return ds.addProp(&prop{id: id, name: name, typ: typ})
}

// withOptions adds options of one color each, in order.
func (p *prop) withOptions(namesAndColors ...string) *prop {
	for i := 0; i+1 < len(namesAndColors); i += 2 {
		p.addOption(namesAndColors[i], namesAndColors[i+1])
	}
	return p
}

// addOption appends an option to a select, multi_select or status.
func (p *prop) addOption(name, color string) *option {
	o := &option{id: seedID(p.id+"/option/"+name, 0), name: name, color: color, rank: len(p.options)}
	p.options = append(p.options, o)
	return o
}

// statusProp adds a status property with Notion's three groups.
func statusProp(ds *dataSource, name string, todo, doing, done []string) *prop {
	p := newProp(ds, name, "status")
	colors := map[string]string{"To-do": "gray", "In progress": "blue", "Complete": "green"}
	for _, g := range []struct {
		name  string
		names []string
	}{{"To-do", todo}, {"In progress", doing}, {"Complete", done}} {
		grp := statusGroup{id: seedID(p.id+"/group/"+g.name, 0), name: g.name, color: colors[g.name]}
		for _, n := range g.names {
			grp.options = append(grp.options, p.addOption(n, statusColor(g.name, n)))
		}
		p.groups = append(p.groups, grp)
	}
	return p
}

func statusColor(group, name string) string {
	switch {
	case name == "Abandoned" || name == "Blocked":
		return "red"
	case group == "To-do":
		return "default"
	case group == "In progress":
		return "blue"
	}
	return "green"
}

// relate adds a dual relation between two schemas.
func relate(a *dataSource, aName string, b *dataSource, bName string) (*prop, *prop) {
	pa, pb := newProp(a, aName, "relation"), newProp(b, bName, "relation")
	pa.target, pa.synced = b, pb
	pb.target, pb.synced = a, pa
	return pa, pb
}

// rollupProp adds a rollup over a relation.
func rollupProp(ds *dataSource, name string, via *prop, of, function string) *prop {
	p := newProp(ds, name, "rollup")
	p.rollup = &rollupConf{via: via, of: via.target.byName[of], function: function}
	return p
}

// formulaProp adds a formula computed by fn.
func formulaProp(ds *dataSource, name, resultType, expression string, fn func(*env, *page) any) *prop {
	p := newProp(ds, name, "formula")
	p.formulaType, p.expression, p.formula = resultType, expression, fn
	return p
}

// newRow makes a row of ds (not yet added to the store).
func newRow(ds *dataSource, id string, created time.Time, by string) *page {
	created = minute(created)
	return &page{
		id: id, ds: ds, vals: make([]any, len(ds.props)),
		created: created, edited: created, createdBy: by, editedBy: by, shared: ds.db.shared,
	}
}

// set stores a value by property name.
func (p *page) set(name string, v any) *page {
	p.vals[p.ds.byName[name].idx] = v
	return p
}

// link adds a to the relation prop of row from, and the reverse on the
// synced property.
func link(from *page, rel *prop, to *page) {
	ids, _ := from.vals[rel.idx].([]string)
	from.vals[rel.idx] = append(ids, to.id)
	back, _ := to.vals[rel.synced.idx].([]string)
	to.vals[rel.synced.idx] = append(back, from.id)
}

func num(f float64) any { return f }

func options(p *prop, names ...string) []*option {
	out := make([]*option, 0, len(names))
	for _, n := range names {
		out = append(out, p.optionByName(n))
	}
	return out
}

// relateOneWay adds a one-way (single_property) relation from ds to
// target after ds's rows were made, growing each row by the new value.
func relateOneWay(ds *dataSource, name string, target *dataSource) *prop {
	p := newProp(ds, name, "relation")
	p.target = target
	for _, row := range ds.rows {
		for len(row.vals) < len(ds.props) {
			row.vals = append(row.vals, nil)
		}
	}
	return p
}

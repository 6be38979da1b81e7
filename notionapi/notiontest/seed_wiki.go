package notiontest

import (
	"fmt"
	"strings"
)

// seedWiki adds the Engineering Wiki, a wiki database whose data source
// query answers, beside its pages, the data source of the Runbooks
// database kept inside it (D:reference/query-a-data-source, wiki data
// sources).
func (st *store) seedWiki() []*database {
	wdb, wds := singleSource(DatabaseWiki, DataSourceWiki, "Engineering Wiki", "🧭", true, daysAgo(210, 0), UserMayaChen)
	wdb.description = "How the engineering team works."
	newProp(wds, "Page", "title")
	newProp(wds, "Owner", "people")
	tags := newProp(wds, "Tags", "multi_select").withOptions("Process", "blue", "Onboarding", "green", "Architecture", "purple", "On-call", "red")
	newProp(wds, "Last reviewed", "date")

	rdb, rds := singleSource(DatabaseRunbooks, DataSourceRunbooks, "Runbooks", "🛠️", true, daysAgo(190, 0), UserLukasNovak)
	rdb.description = "What to do when something breaks."
	rdb.parentPage, rdb.parentDB = "", wdb.id
	newProp(rds, "Runbook", "title")
	sev := newProp(rds, "Severity", "select").withOptions("SEV1", "red", "SEV2", "orange", "SEV3", "yellow")
	newProp(rds, "Owner", "people")
	st.addDatabase(wdb)
	st.addDatabase(rdb)
	wds.wikiChildren = []*page{{id: rds.id, wikiRef: rds, created: rds.created, edited: rds.edited, createdBy: rds.createdBy, editedBy: rds.createdBy, shared: true}}

	for i, w := range []struct {
		title, owner string
		tags         []string
		days         int
	}{
		{"Onboarding guide", UserMayaChen, []string{"Onboarding"}, 205},
		{"How we review code", UserJonasWeber, []string{"Process"}, 200},
		{"Architecture overview", UserPriyaRaman, []string{"Architecture"}, 180},
		{"On-call handbook", UserLukasNovak, []string{"On-call", "Process"}, 170},
		{"Release process", UserDiegoAlvarez, []string{"Process"}, 120},
		{"Glossary", UserSofiaRossi, nil, 60},
	} {
		row := newRow(wds, seedID(wds.id, i), daysAgo(w.days, i), w.owner)
		row.set("Page", []span{text(w.title)}).
			set("Owner", []string{w.owner}).
			set("Tags", options(tags, w.tags...)).
			set("Last reviewed", dateOnly(daysAgo(w.days/3, 0)))
		if w.title == "On-call handbook" {
			row.blocks = onCallHandbook(newBlockMaker(row))
			adopt(row.id, row.blocks)
		}
		st.addPage(row)
	}
	for i, r := range []struct{ title, sev, owner string }{
		{"Database failover", "SEV1", UserLukasNovak},
		{"Payment provider outage", "SEV1", UserDiegoAlvarez},
		{"Search index rebuild", "SEV2", UserJonasWeber},
		{"Certificate renewal", "SEV3", UserLukasNovak},
	} {
		row := newRow(rds, seedID(rds.id, i), daysAgo(185-i*20, i), r.owner)
		row.set("Runbook", []span{text(r.title)}).
			set("Severity", sev.optionByName(r.sev)).
			set("Owner", []string{r.owner})
		st.addPage(row)
	}
	return []*database{wdb}
}

// onCallHandbook is a long page: its markdown is more than one answer
// holds, so GET /v1/pages/{id}/markdown truncates it.
func onCallHandbook(bm *blockMaker) []*block {
	sections := []string{"Before your shift", "Paging", "Triage", "Escalation", "Communication", "Mitigation", "Handover", "After an incident"}
	var out []*block
	out = append(out, bm.callout("🚨", text("If a SEV1 is open, stop reading and join "), code("#incident"), text(".")))
	for i, sec := range sections {
		out = append(out, bm.heading(2, fmt.Sprintf("%d. %s", i+1, sec)))
		out = append(out, bm.paragraph(text("What to do during "), bold(strings.ToLower(sec)), text(", in order.")))
		for j := range 8 {
			out = append(out, bm.bullet(fmt.Sprintf("Step %d.%d: check the dashboard, then the runbook.", i+1, j+1)))
		}
		out = append(out, bm.toggle("Why", bm.paragraph(text("Because the last incident taught us.")), bm.quote(italic("Write it down."))))
	}
	return out
}

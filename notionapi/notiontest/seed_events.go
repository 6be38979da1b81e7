package notiontest

import (
	"time"
)

// eventKinds are the Event Log's events by level.
var eventKinds = map[string][]string{
	"info": {
		"Request served", "User signed in", "Cache warmed", "Deploy finished", "Cron job completed",
		"Webhook delivered", "Invoice generated", "Search index refreshed", "Session refreshed", "Export ready",
	},
	"warn": {
		"Slow query", "Retrying webhook delivery", "Rate limit close to quota", "Cache miss storm", "Certificate expires soon",
	},
	"error": {
		"Payment provider timeout", "Failed to send email", "Database connection reset", "Worker crashed", "Upstream returned 502",
	},
}

var eventUsers = []string{
	"olivia@northwind.example", "liam@contoso.example", "emma@globex.example", "noah@initech.example",
	"ava@umbrella.example", "mia@hooli.example", "lucas@piedpiper.example", "zoe@stark.example",
}

// importBatches splits n rows into the Event Log's import batches: batch
// sizes of size each, or, for size 0, of 20 to 119 rows.
func importBatches(n, size int) []int {
	var batches []int
	for k := 0; n > 0; k++ {
		b := size
		if b <= 0 {
			b = 20 + int(mix(uint64(k)^0xba7c4)%100)
		}
		b = min(b, n)
		batches = append(batches, b)
		n -= b
	}
	return batches
}

// seedEventLog adds the Event Log: n rows imported in batches spread
// evenly over the year before seedBase. The rows of a batch share one
// created_time minute, as a bulk import's rows do on Notion; each keeps
// the moment of its event, to the millisecond, in Timestamp. A third of
// the rows were edited later, so last_edited_time tells more of them
// apart than created_time.
func (st *store) seedEventLog(n, batchSize int) *database {
	db, ds := singleSource(DatabaseEventLog, DataSourceEventLog, "Event Log", "📈", true, daysAgo(370, 0), BotGitHubSync)
	db.description = "Application events, imported in batches."
	title := newProp(ds, "Event", "title")
	level := newProp(ds, "Level", "select").withOptions("info", "green", "warn", "yellow", "error", "red")
	service := newProp(ds, "Service", "select").withOptions("api", "blue", "auth", "purple", "billing", "orange", "search", "pink", "worker", "brown", "web", "gray")
	latency := newProp(ds, "Latency ms", "number")
	latency.numberFormat = "number_with_commas"
	stamp := newProp(ds, "Timestamp", "date")
	email := newProp(ds, "User", "email")
	tags := newProp(ds, "Tags", "multi_select").withOptions("deploy", "blue", "retry", "orange", "timeout", "red", "cache", "green", "db", "purple", "webhook", "pink", "cron", "gray")
	st.addDatabase(db)

	titles := map[string][]span{}
	start := seedBase.AddDate(-1, 0, 0)
	batches := importBatches(n, batchSize)
	slot := seedBase.Sub(start) / time.Duration(len(batches))
	levels := []*option{level.options[0], level.options[1], level.options[2]}
	ds.rows = make([]*page, 0, n)
	i := 0
	for k, size := range batches {
		imported := minute(start.Add(time.Duration(k)*slot + time.Duration(mix(uint64(k))%uint64(max(slot/2, 1)))))
		for range size {
			h := mix(uint64(i))
			lv := levels[0]
			switch p := h % 100; {
			case p >= 95:
				lv = levels[2]
			case p >= 80:
				lv = levels[1]
			}
			kind := pick(eventKinds[lv.name], h>>8)
			spans, ok := titles[kind]
			if !ok {
				spans = []span{text(kind)}
				titles[kind] = spans
			}
			row := newRow(ds, seedID(ds.id, i), imported, BotGitHubSync)
			if h>>12%3 == 0 {
				row.edited = imported.Add(time.Duration(1+h>>14%600) * time.Minute)
				if row.edited.After(seedBase) {
					row.edited = seedBase
				}
			}
			happened := imported.Add(-time.Duration(1+h>>16%uint64(max(slot.Milliseconds(), 1))) * time.Millisecond)
			row.vals[title.idx] = spans
			row.vals[level.idx] = lv
			row.vals[service.idx] = pick(service.options, h>>24)
			row.vals[stamp.idx] = dateTime(happened)
			if kind != "Cron job completed" {
				row.vals[latency.idx] = float64(eventLatency(lv.name, h>>40))
			}
			if h>>48%3 != 0 {
				row.vals[email.idx] = pick(eventUsers, h>>50)
			}
			switch h >> 56 % 4 {
			case 1:
				row.vals[tags.idx] = []*option{pick(tags.options, h>>58)}
			case 2:
				row.vals[tags.idx] = []*option{tags.options[h>>58%3], tags.options[3+h>>60%4]}
			}
			st.addPage(row)
			i++
		}
	}
	return db
}

// eventLatency is a plausible latency in milliseconds for a level.
func eventLatency(level string, h uint64) uint64 {
	switch level {
	case "warn":
		return 300 + h%1700
	case "error":
		return 1000 + h%9000
	}
	return 20 + h%280
}

// seedTeamDirectory adds one database with two data sources.
func (st *store) seedTeamDirectory() *database {
	db := newDatabase(DatabaseTeamDirectory, "Team Directory", "👥", PageHome, true, daysAgo(230, 0), UserMayaChen,
		map[string]string{"Engineering": DataSourceEngineering, "Design": DataSourceDesign}, "Engineering", "Design")
	db.description = "Who is who, by team."
	eng, design := db.sources[0], db.sources[1]

	newProp(eng, "Name", "title")
	newProp(eng, "Role", "select").withOptions("Engineering Manager", "purple", "Staff Engineer", "blue", "Senior Engineer", "green", "Engineer", "default", "SRE", "orange")
	newProp(eng, "Person", "people")
	newProp(eng, "Email", "email")
	newProp(eng, "Phone", "phone_number")
	newProp(eng, "Location", "select").withOptions("Berlin", "yellow", "Lisbon", "orange", "Toronto", "red", "Remote", "gray")
	newProp(eng, "Start date", "date")
	newProp(eng, "On call", "checkbox")

	newProp(design, "Name", "title")
	newProp(design, "Role", "select").withOptions("Design Lead", "pink", "Product Designer", "purple", "UX Researcher", "blue", "Contractor", "gray")
	newProp(design, "Person", "people")
	newProp(design, "Email", "email")
	focus := newProp(design, "Focus", "multi_select").withOptions("Mobile", "blue", "Web", "green", "Design System", "purple", "Research", "yellow", "Illustration", "pink")
	newProp(design, "Start date", "date")
	newProp(design, "Portfolio", "url")
	st.addDatabase(db)

	engineers := []struct {
		user, role, location, phone string
		years                       int
		onCall                      bool
	}{
		{UserMayaChen, "Engineering Manager", "Berlin", "+49 30 5550 1001", 6, false},
		{UserJonasWeber, "Staff Engineer", "Berlin", "+49 30 5550 1002", 5, true},
		{UserDiegoAlvarez, "Senior Engineer", "Lisbon", "+351 21 555 0103", 3, false},
		{UserLukasNovak, "SRE", "Remote", "+420 2 5550 0104", 2, true},
		{UserPriyaRaman, "Engineer", "Toronto", "+1 416 555 0105", 1, false},
	}
	for i, e := range engineers {
		u := st.userByID[e.user]
		row := newRow(eng, seedID(eng.id, i), daysAgo(225-i*3, i), UserMayaChen)
		row.set("Name", []span{text(u.name)}).
			set("Role", eng.byName["Role"].optionByName(e.role)).
			set("Person", []string{u.id}).
			set("Email", u.email).
			set("Phone", e.phone).
			set("Location", eng.byName["Location"].optionByName(e.location)).
			set("Start date", dateOnly(seedBase.AddDate(-e.years, -i, 0))).
			set("On call", e.onCall)
		st.addPage(row)
	}
	designers := []struct {
		user, role, portfolio string
		focus                 []string
		years                 int
	}{
		{UserAmaraOkafor, "Design Lead", "https://amara.design.example", []string{"Design System", "Web"}, 4},
		{UserSofiaRossi, "Product Designer", "https://sofiarossi.example", []string{"Mobile", "Illustration"}, 2},
		{UserTomBecker, "Contractor", "", []string{"Research"}, 0},
	}
	for i, d := range designers {
		u := st.userByID[d.user]
		row := newRow(design, seedID(design.id, i), daysAgo(220-i*5, i), UserAmaraOkafor)
		row.set("Name", []span{text(u.name)}).
			set("Role", design.byName["Role"].optionByName(d.role)).
			set("Person", []string{u.id}).
			set("Email", u.email).
			set("Focus", options(focus, d.focus...)).
			set("Start date", dateOnly(seedBase.AddDate(-d.years, -2*i, 0)))
		if d.portfolio != "" {
			row.set("Portfolio", d.portfolio)
		}
		st.addPage(row)
	}
	return db
}

// seedContracts adds Customer Contracts, which is not shared with the
// integration.
func (st *store) seedContracts() *database {
	db, ds := singleSource(DatabaseUnshared, DataSourceUnshared, "Customer Contracts", "📄", false, daysAgo(275, 0), UserMayaChen)
	newProp(ds, "Name", "title")
	newProp(ds, "Customer", "rich_text")
	newProp(ds, "Value", "number").numberFormat = "dollar"
	newProp(ds, "Signed", "date")
	newProp(ds, "Owner", "people")
	st.addDatabase(db)
	for i, c := range []struct {
		name, customer string
		value          float64
	}{
		{"Northwind annual plan", "Northwind Traders", 48000},
		{"Contoso enterprise", "Contoso Ltd", 125000},
		{"Globex pilot", "Globex Corporation", 9500},
		{"Initech renewal", "Initech", 36000},
		{"Umbrella support add-on", "Umbrella Corp", 12000},
	} {
		row := newRow(ds, seedID(ds.id, i), daysAgo(270-i*30, 0), UserMayaChen)
		row.set("Name", []span{text(c.name)}).
			set("Customer", []span{text(c.customer)}).
			set("Value", num(c.value)).
			set("Signed", dateOnly(daysAgo(265-i*30, 0))).
			set("Owner", []string{UserMayaChen})
		st.addPage(row)
	}
	return db
}

// seedContractLinks gives Projects a one-way relation, Contract, to
// Customer Contracts, which is not shared with the integration: the
// connection sees the property in the schema, and its values empty.
func (st *store) seedContractLinks(contracts *database) {
	projects := st.dss[DataSourceProjects]
	rel := relateOneWay(projects, "Contract", contracts.sources[0])
	for project, contract := range map[int]int{1: 0, 6: 1, 9: 2} {
		row := st.pages[seedID(DataSourceProjects, project)]
		row.vals[rel.idx] = []string{seedID(DataSourceUnshared, contract)}
	}
}

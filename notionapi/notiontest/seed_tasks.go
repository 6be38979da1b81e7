package notiontest

import (
	"fmt"
	"strings"
	"time"
)

type project struct {
	name, stage, website string
	lead                 string
	budget               float64
	startDay, days       int // timeline: starts startDay days before seedBase
}

var projectSeeds = []project{
	{"Platform Reliability", "Building", "https://status.acmelabs.example", UserLukasNovak, 180000, 120, 200},
	{"Billing v2", "Building", "https://acmelabs.example/billing", UserDiegoAlvarez, 95000, 90, 150},
	{"Mobile App Redesign", "Planning", "https://acmelabs.example/mobile", UserAmaraOkafor, 120000, 30, 180},
	{"Search Revamp", "Building", "", UserJonasWeber, 60000, 75, 120},
	{"Onboarding Flow", "Launched", "https://acmelabs.example/start", UserSofiaRossi, 40000, 200, 90},
	{"Data Warehouse Migration", "Discovery", "", UserPriyaRaman, 150000, 10, 240},
	{"Customer Portal", "Building", "https://portal.acmelabs.example", UserDiegoAlvarez, 110000, 60, 160},
	{"Security Audit 2026", "Planning", "", UserLukasNovak, 45000, 20, 60},
	{"Design System", "Launched", "https://design.acmelabs.example", UserAmaraOkafor, 70000, 240, 150},
	{"API v3", "Discovery", "https://developers.acmelabs.example", UserJonasWeber, 85000, 5, 200},
	{"Analytics Dashboard", "Paused", "", UserPriyaRaman, 55000, 150, 100},
	{"Internationalization", "Planning", "", UserSofiaRossi, 65000, 15, 120},
}

var (
	taskVerbs   = []string{"Write", "Review", "Fix", "Design", "Implement", "Test", "Document", "Migrate", "Benchmark", "Refactor"}
	taskObjects = []string{
		"login flow", "billing webhook", "search index", "onboarding emails", "CSV export",
		"rate limiter", "dark mode", "audit log", "API pagination", "retry policy",
		"mobile layout", "release notes", "SSO settings", "usage dashboard", "backup job",
	}
	contacts = []string{
		"ops@northwind.example", "it@contoso.example", "cto@globex.example", "support@initech.example", "dev@umbrella.example",
	}
)

// seedProjectsAndTasks adds the Projects and Tasks databases, related to
// each other both ways.
func (st *store) seedProjectsAndTasks() []*database {
	pdb, pds := singleSource(DatabaseProjects, DataSourceProjects, "Projects", "🚀", true, daysAgo(280, 0), UserMayaChen)
	pdb.description = "What the company is building this year."
	tdb, tds := singleSource(DatabaseTasks, DataSourceTasks, "Tasks", "✅", true, daysAgo(270, 0), UserMayaChen)
	tdb.description = "Work items of every project."

	newProp(pds, "Name", "title")
	newProp(pds, "Lead", "people")
	newProp(pds, "Timeline", "date")
	newProp(pds, "Budget", "number").numberFormat = "dollar"
	stage := newProp(pds, "Stage", "select").withOptions("Discovery", "purple", "Planning", "yellow", "Building", "blue", "Launched", "green", "Paused", "gray")
	newProp(pds, "Website", "url")

	newProp(tds, "Task", "title")
	status := statusProp(tds, "Status", []string{"Not started"}, []string{"In progress", "In review", "Blocked"}, []string{"Done"})
	priority := newProp(tds, "Priority", "select").withOptions("P0 Critical", "red", "P1 High", "orange", "P2 Medium", "yellow", "P3 Low", "gray")
	newProp(tds, "Assignee", "people")
	newProp(tds, "Due", "date")
	newProp(tds, "Done", "checkbox")
	newProp(tds, "Estimate", "number").numberFormat = "number"
	projectRel, tasksRel := relate(tds, "Project", pds, "Tasks")
	newProp(tds, "ID", "unique_id").prefix = "TASK"
	newProp(tds, "Created", "created_time")
	newProp(tds, "Created by", "created_by")
	newProp(tds, "Last edited time", "last_edited_time")
	newProp(tds, "Last edited by", "last_edited_by")
	newProp(tds, "Contact", "email")
	newProp(tds, "Phone", "phone_number")
	formulaProp(tds, "Overdue", "boolean", `and(not(prop("Done")), not(empty(prop("Due"))), prop("Due") < today())`, overdue)
	formulaProp(tds, "Follow-up", "date", `dateAdd(prop("Due"), 7, "days")`, followUp)

	rollupProp(pds, "Progress", tasksRel, "Done", "percent_checked")
	rollupProp(pds, "Hours", tasksRel, "Estimate", "sum")
	rollupProp(pds, "Next due", tasksRel, "Due", "earliest_date")
	rollupProp(pds, "Team", tasksRel, "Assignee", "show_original")
	formulaProp(pds, "Summary", "string", `prop("Stage") + " · " + format(length(prop("Tasks"))) + " tasks"`, projectSummary)
	st.addDatabase(pdb)
	st.addDatabase(tdb)

	projects := make([]*page, len(projectSeeds))
	for i, p := range projectSeeds {
		start := daysAgo(p.startDay, 0)
		row := newRow(pds, seedID(pds.id, i), daysAgo(270-i*9, i%7), p.lead)
		row.set("Name", []span{text(p.name)}).
			set("Lead", []string{p.lead}).
			set("Timeline", dateOnly(start).until(start.Add(time.Duration(p.days)*24*time.Hour))).
			set("Budget", num(p.budget)).
			set("Stage", stage.optionByName(p.stage))
		if p.website != "" {
			row.set("Website", p.website)
		}
		row.edited = row.created.Add(72 * time.Hour)
		projects[i] = row
	}

	people := []string{UserJonasWeber, UserPriyaRaman, UserDiegoAlvarez, UserAmaraOkafor, UserLukasNovak, UserSofiaRossi, UserMayaChen}
	var tasks []*page
	for i := range len(taskVerbs) * len(taskObjects) {
		h := mix(uint64(i) + 5000)
		title := taskVerbs[i%len(taskVerbs)] + " " + taskObjects[(i/len(taskVerbs)+7*(i%len(taskVerbs)))%len(taskObjects)]
		assignee := people[h%uint64(len(people))]
		created := daysAgo(240-i*3/2, int(h>>4%10))
		row := newRow(tds, seedID(tds.id, i), created, pick(people, h>>12))
		state := pick([]string{"Done", "Done", "Done", "In progress", "Not started", "Not started", "In review", "Blocked", "Done", "In progress"}, h>>20)
		row.set("Task", []span{text(title)}).
			set("Status", status.optionByName(state)).
			set("Done", state == "Done").
			set("Priority", pick(priority.options, h>>28)).
			set("ID", i+1).
			set("Estimate", num(float64(1+h>>32%16)/2))
		if h>>40%11 != 0 {
			row.set("Assignee", []string{assignee})
		}
		if h>>44%4 != 0 {
			row.set("Due", taskDue(h))
		}
		if h>>48%3 == 0 {
			row.set("Contact", pick(contacts, h>>50))
			row.set("Phone", fmt.Sprintf("+1 415 555 %04d", h>>52%10000))
		}
		switch {
		case i%17 == 3:
			// No project: a loose task.
		case i%5 == 0:
			link(row, projectRel, projects[0])
		default:
			link(row, projectRel, projects[1+int(h>>56%uint64(len(projects)-1))])
		}
		row.edited = created.Add(time.Duration(h>>36%300) * time.Hour)
		row.editedBy = pick(people, h>>8)
		tasks = append(tasks, row)
	}
	for i, row := range projects {
		row.blocks = projectBlocks(st, row, projectSeeds[i])
		st.addPage(row)
	}
	for _, row := range tasks {
		st.addPage(row)
	}
	return []*database{pdb, tdb}
}

// taskDue is a due date around seedBase: a day, a day and time, or a range.
func taskDue(h uint64) *dateValue {
	at := daysAgo(int(h%60)-25, 0)
	switch h >> 16 % 4 {
	case 0:
		return dateTime(at.Add(time.Duration(h>>20%9) * time.Hour))
	case 1:
		return dateOnly(at).until(at.Add(time.Duration(2+h>>24%5) * 24 * time.Hour))
	}
	return dateOnly(at)
}

// overdue is the Overdue formula: not done and due before today.
func overdue(e *env, pg *page) any {
	due, ok := e.named(pg, "Due").(*dateValue)
	return e.named(pg, "Done") != true && ok && day(due.startAt).Before(e.today())
}

// followUp is the Follow-up formula: a week after Due.
func followUp(e *env, pg *page) any {
	due, ok := e.named(pg, "Due").(*dateValue)
	if !ok {
		return nil
	}
	if due.hasTime {
		return dateTime(due.startAt.AddDate(0, 0, 7))
	}
	return dateOnly(due.startAt.AddDate(0, 0, 7))
}

// projectSummary is the Summary formula: stage and number of tasks.
func projectSummary(e *env, pg *page) any {
	stage := ""
	if o, ok := e.named(pg, "Stage").(*option); ok {
		stage = o.name
	}
	tasks, _ := e.named(pg, "Tasks").([]string)
	return fmt.Sprintf("%s · %d tasks", stage, len(tasks))
}

func projectBlocks(st *store, row *page, p project) []*block {
	bm := newBlockMaker(row)
	lead := st.userByID[p.lead]
	goal := fmt.Sprintf("Ship %s by the end of the timeline, within a budget of $%s.", strings.ToLower(p.name[:1])+p.name[1:], commas(int(p.budget)))
	blocks := []*block{
		bm.callout("📌", text("Lead: "), mentionUser(lead)),
		bm.heading(2, "Goal"),
		bm.paragraph(text(goal)),
		bm.heading(2, "Milestones"),
		bm.todo("Kick-off and scope", true),
		bm.todo("First internal release", p.stage == "Launched" || p.stage == "Building"),
		bm.todo("General availability", p.stage == "Launched"),
	}
	adopt(row.id, blocks)
	return blocks
}

// commas writes n with thousands separators.
func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

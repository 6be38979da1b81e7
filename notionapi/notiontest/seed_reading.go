package notiontest

import (
	"math"
	"net/url"
	"strings"
	"time"
)

type book struct {
	title, author string
	pages         int
	tags          []string
}

var books = []book{
	{"The Go Programming Language", "Alan A. A. Donovan, Brian W. Kernighan", 380, []string{"go"}},
	{"Designing Data-Intensive Applications", "Martin Kleppmann", 616, []string{"databases", "distributed systems"}},
	{"The Rust Programming Language", "Steve Klabnik, Carol Nichols", 560, []string{"rust"}},
	{"Programming Rust", "Jim Blandy, Jason Orendorff, Leonora F. S. Tindall", 738, []string{"rust"}},
	{"Database Internals", "Alex Petrov", 370, []string{"databases", "distributed systems"}},
	{"Concurrency in Go", "Katherine Cox-Buday", 238, []string{"go"}},
	{"100 Go Mistakes and How to Avoid Them", "Teiva Harsanyi", 384, []string{"go"}},
	{"Learning Go", "Jon Bodner", 375, []string{"go"}},
	{"The Design of Everyday Things", "Don Norman", 368, []string{"design"}},
	{"Refactoring UI", "Adam Wathan, Steve Schoger", 218, []string{"design"}},
	{"Thinking in Systems", "Donella H. Meadows", 240, []string{"science"}},
	{"The Pragmatic Programmer", "David Thomas, Andrew Hunt", 352, []string{"career"}},
	{"A Philosophy of Software Design", "John Ousterhout", 190, []string{"design"}},
	{"Site Reliability Engineering", "Betsy Beyer, Chris Jones, Jennifer Petoff, Niall Richard Murphy", 552, []string{"distributed systems"}},
	{"Understanding Distributed Systems", "Roberto Vitillo", 374, []string{"distributed systems"}},
	{"Crafting Interpreters", "Robert Nystrom", 640, []string{"compilers"}},
	{"Structure and Interpretation of Computer Programs", "Harold Abelson, Gerald Jay Sussman", 657, []string{"compilers", "math"}},
	{"The Mythical Man-Month", "Frederick P. Brooks Jr.", 336, []string{"management", "history"}},
	{"Peopleware", "Tom DeMarco, Timothy Lister", 272, []string{"management"}},
	{"An Elegant Puzzle", "Will Larson", 288, []string{"management"}},
	{"The Manager's Path", "Camille Fournier", 244, []string{"management", "career"}},
	{"Accelerate", "Nicole Forsgren, Jez Humble, Gene Kim", 288, []string{"management"}},
	{"Sapiens", "Yuval Noah Harari", 464, []string{"history"}},
	{"The Soul of a New Machine", "Tracy Kidder", 293, []string{"history"}},
	{"Hackers: Heroes of the Computer Revolution", "Steven Levy", 520, []string{"history"}},
	{"The Dream Machine", "M. Mitchell Waldrop", 528, []string{"history"}},
	{"Gödel, Escher, Bach", "Douglas Hofstadter", 777, []string{"math", "science"}},
	{"The Code Book", "Simon Singh", 432, []string{"security", "history"}},
	{"Cryptography Engineering", "Niels Ferguson, Bruce Schneier, Tadayoshi Kohno", 384, []string{"security"}},
	{"Security Engineering", "Ross Anderson", 1232, []string{"security"}},
	{"The Art of Computer Programming, Vol. 1", "Donald E. Knuth", 672, []string{"math"}},
	{"Introduction to Algorithms", "Thomas H. Cormen, Charles E. Leiserson, Ronald L. Rivest, Clifford Stein", 1312, []string{"math"}},
	{"Project Hail Mary", "Andy Weir", 496, []string{"fiction"}},
	{"The Three-Body Problem", "Liu Cixin", 400, []string{"fiction"}},
	{"Snow Crash", "Neal Stephenson", 480, []string{"fiction"}},
	{"Neuromancer", "William Gibson", 271, []string{"fiction"}},
	{"Dune", "Frank Herbert", 688, []string{"fiction"}},
	{"The Left Hand of Darkness", "Ursula K. Le Guin", 304, []string{"fiction"}},
	{"Klara and the Sun", "Kazuo Ishiguro", 320, []string{"fiction"}},
	{"Cryptonomicon", "Neal Stephenson", 918, []string{"fiction", "security"}},
	{"Domain-Driven Design", "Eric Evans", 560, []string{"design"}},
	{"Working Effectively with Legacy Code", "Michael Feathers", 456, []string{"career"}},
	{"Clean Architecture", "Robert C. Martin", 432, []string{"design"}},
	{"Release It!", "Michael T. Nygard", 376, []string{"distributed systems"}},
	{"Building Microservices", "Sam Newman", 616, []string{"distributed systems"}},
	{"Staff Engineer", "Will Larson", 330, []string{"career", "management"}},
	{"The Phoenix Project", "Gene Kim, Kevin Behr, George Spafford", 432, []string{"management", "fiction"}},
	{"Shape Up", "Ryan Singer", 180, []string{"management", "design"}},
	{"Inspired", "Marty Cagan", 368, []string{"management"}},
	{"The Innovators", "Walter Isaacson", 560, []string{"history"}},
	{"Thinking, Fast and Slow", "Daniel Kahneman", 499, []string{"science"}},
	{"The Structure of Scientific Revolutions", "Thomas S. Kuhn", 264, []string{"science", "history"}},
	{"How to Solve It", "George Pólya", 288, []string{"math"}},
	{"Programming Pearls", "Jon Bentley", 256, []string{"math"}},
	{"Hands-On Rust", "Herbert Wolverson", 342, []string{"rust"}},
	{"Rust for Rustaceans", "Jon Gjengset", 280, []string{"rust"}},
	{"Writing An Interpreter In Go", "Thorsten Ball", 264, []string{"go", "compilers"}},
	{"Distributed Services with Go", "Travis Jeffery", 258, []string{"go", "distributed systems"}},
	{"Readings in Database Systems", "Peter Bailis, Joseph M. Hellerstein, Michael Stonebraker", 250, []string{"databases"}},
	{"Hacker's Delight", "Henry S. Warren Jr.", 512, []string{"math"}},
}

var bookNotes = []string{
	"Worth a second read.",
	"Dense, but the chapter summaries help.",
	"Recommended by the platform team.",
	"Good for the reading group.",
	"",
	"Great examples; skim the middle chapters.",
	"",
	"Lent to Jonas; ask for it back.",
}

// seedReadingList adds the Reading List database.
func (st *store) seedReadingList() *database {
	db, ds := singleSource(DatabaseReadingList, DataSourceReadingList, "Reading List", "📚", true, daysAgo(260, 0), UserMayaChen)
	db.description = "Books the team is reading, has read, or gave up on."
	newProp(ds, "Name", "title")
	newProp(ds, "Author", "rich_text")
	status := statusProp(ds, "Status", []string{"Not started"}, []string{"Reading"}, []string{"Finished", "Abandoned"})
	newProp(ds, "Pages", "number").numberFormat = "number"
	rating := newProp(ds, "Rating", "select").withOptions("★", "gray", "★★", "brown", "★★★", "yellow", "★★★★", "orange", "★★★★★", "red")
	tags := newProp(ds, "Tags", "multi_select").withOptions(
		"go", "blue", "rust", "orange", "databases", "green", "distributed systems", "purple", "design", "pink",
		"history", "brown", "science", "yellow", "fiction", "red", "management", "gray", "security", "default",
		"career", "green", "math", "blue", "compilers", "purple")
	newProp(ds, "Started", "date")
	newProp(ds, "Finished", "date")
	newProp(ds, "Recommended", "checkbox")
	newProp(ds, "Link", "url")
	newProp(ds, "Owner", "people")
	newProp(ds, "Notes", "rich_text")
	newProp(ds, "Cover", "files")
	formulaProp(ds, "Pages per day", "number",
		`if(empty(prop("Finished")), toNumber(""), round(prop("Pages") / max(dateBetween(prop("Finished"), prop("Started"), "days"), 1)))`,
		pagesPerDay)
	st.addDatabase(db)

	people := []string{UserMayaChen, UserJonasWeber, UserPriyaRaman, UserDiegoAlvarez, UserAmaraOkafor, UserLukasNovak, UserSofiaRossi}
	for i, b := range books {
		h := mix(uint64(i) + 1000)
		created := daysAgo(250-i*4, int(h%9))
		owner := people[i%len(people)]
		row := newRow(ds, seedID(ds.id, i), created, owner)
		row.set("Name", []span{text(b.title)}).
			set("Author", []span{text(b.author)}).
			set("Pages", num(float64(b.pages))).
			set("Tags", options(tags, b.tags...)).
			set("Link", "https://openlibrary.org/search?q="+url.QueryEscape(b.title)).
			set("Owner", []string{owner}).
			set("Cover", []fileRef{{name: "cover.jpg", url: "https://covers.acmelabs.example/" + slugify(b.title) + ".jpg"}})
		if note := bookNotes[i%len(bookNotes)]; note != "" {
			row.set("Notes", []span{text(note)})
		}
		state := []string{"Finished", "Finished", "Finished", "Reading", "Finished", "Not started", "Reading", "Finished", "Not started", "Abandoned"}[i%10]
		row.set("Status", status.optionByName(state))
		started := created.Add(time.Duration(1+h%6) * 24 * time.Hour)
		if state != "Not started" {
			row.set("Started", dateOnly(started))
		}
		if state == "Finished" || state == "Abandoned" {
			stars := 1 + int(h>>8%5)
			if state == "Finished" {
				stars = 3 + int(h>>8%3)
			}
			row.set("Rating", rating.options[stars-1])
			row.set("Recommended", stars >= 4)
		}
		if state == "Finished" {
			days := max(3, b.pages/(20+int(h>>16%40)))
			row.set("Finished", dateOnly(started.Add(time.Duration(days)*24*time.Hour)))
		}
		row.edited = created.Add(time.Duration(h>>24%200) * time.Hour)
		row.editedBy = owner
		row.blocks = bookBlocks(st, row, b)
		st.addPage(row)
	}
	return db
}

// pagesPerDay is the Pages per day formula.
func pagesPerDay(e *env, pg *page) any {
	pages, ok := e.named(pg, "Pages").(float64)
	started, ok1 := e.named(pg, "Started").(*dateValue)
	finished, ok2 := e.named(pg, "Finished").(*dateValue)
	if !ok || !ok1 || !ok2 {
		return nil
	}
	days := math.Max(math.Floor(finished.startAt.Sub(started.startAt).Hours()/24), 1)
	return math.Round(pages / days)
}

func bookBlocks(st *store, row *page, b book) []*block {
	bm := newBlockMaker(row)
	owner := st.userByID[row.createdBy]
	blocks := []*block{
		bm.heading(2, "Why read it"),
		bm.paragraph(italic(b.title), text(" by "+b.author+", "+strings.Join(b.tags, " and ")+".")),
		bm.heading(3, "Takeaways"),
		bm.bullet("Read the first three chapters before the reading group."),
		bm.bullet("Note one idea to try at work."),
		bm.paragraph(text("Suggested by "), mentionUser(owner), text(".")),
	}
	adopt(row.id, blocks)
	return blocks
}

// slugify turns a title into a lowercase, dash-separated file name.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

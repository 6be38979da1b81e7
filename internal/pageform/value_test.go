package pageform

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
)

// testSchema has one property of every type, as a data source lists them.
const testSchema = `{
  "Name": {"id": "title", "name": "Name", "type": "title", "title": {}},
  "Notes": {"id": "n", "name": "Notes", "type": "rich_text", "rich_text": {}},
  "Budget": {"id": "b", "name": "Budget", "type": "number", "number": {"format": "dollar"}},
  "Done %": {"id": "pc", "name": "Done %", "type": "number", "number": {"format": "percent"}},
  "Priority": {"id": "p", "name": "Priority", "type": "select", "select": {"options": [
    {"id": "p0", "name": "P0 Critical", "color": "red"}, {"id": "p1", "name": "P1 High", "color": "orange"}]}},
  "Status": {"id": "s", "name": "Status", "type": "status", "status": {
    "options": [{"id": "s1", "name": "Not started"}, {"id": "s2", "name": "In progress"}, {"id": "s3", "name": "Done"}],
    "groups": [{"name": "To-do", "option_ids": ["s1"]}, {"name": "In progress", "option_ids": ["s2"]}, {"name": "Complete", "option_ids": ["s3"]}]}},
  "Tags": {"id": "t", "name": "Tags", "type": "multi_select", "multi_select": {"options": [
    {"name": "home"}, {"name": "urgent"}, {"name": "a, b"}]}},
  "Due": {"id": "d", "name": "Due", "type": "date", "date": {}},
  "Done": {"id": "c", "name": "Done", "type": "checkbox", "checkbox": {}},
  "Link": {"id": "u", "name": "Link", "type": "url", "url": {}},
  "Contact": {"id": "e", "name": "Contact", "type": "email", "email": {}},
  "Phone": {"id": "ph", "name": "Phone", "type": "phone_number", "phone_number": {}},
  "Owner": {"id": "o", "name": "Owner", "type": "people", "people": {}},
  "Project": {"id": "r", "name": "Project", "type": "relation", "relation": {"data_source_id": "a8cd822c-3426-483f-b47c-e8970514f529", "database_id": "c2b2702c-eedf-4f6f-aed4-991b92b84567", "type": "single_property", "single_property": {}}},
  "Files": {"id": "f", "name": "Files", "type": "files", "files": {}},
  "Overdue": {"id": "fo", "name": "Overdue", "type": "formula", "formula": {"expression": "true"}},
  "Created": {"id": "ct", "name": "Created", "type": "created_time", "created_time": {}},
  "Checked": {"id": "v", "name": "Checked", "type": "verification", "verification": {}}
}`

func schema(t testing.TB) notionapi.Schema {
	t.Helper()
	var s notionapi.Schema
	if err := json.Unmarshal([]byte(testSchema), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

const (
	idMaya  = "7922e5cf-09fa-41c6-8096-33ec0ecfcd4c"
	idMayaB = "743bcff7-03d1-4e01-a3a9-d52afd52c092"
	idPriya = "c8096678-85f3-431e-8b04-2aa606a57a1b"
	idPage  = "0123abcd-0123-4567-89ab-0123456789ab"
)

func testEnv() Env {
	user := func(id, name, email, typ string) notionapi.User {
		u := notionapi.User{Object: "user", ID: id, Name: name, Type: typ}
		if email != "" {
			u.Person = &notionapi.Person{Email: email}
		}
		return u
	}
	pages := []notionapi.Page{
		{ID: "11111111-1111-1111-1111-111111111111", Properties: map[string]notionapi.PropertyValue{"Name": notionapi.TitleValue("Billing v2")}},
		{ID: "22222222-2222-2222-2222-222222222222", Properties: map[string]notionapi.PropertyValue{"Name": notionapi.TitleValue("Billing v2 follow-up")}},
		{ID: "33333333-3333-3333-3333-333333333333", Properties: map[string]notionapi.PropertyValue{"Name": notionapi.TitleValue("Search Revamp")}},
	}
	return Env{
		Now: testNow,
		Users: []notionapi.User{
			user(idMaya, "Maya Chen", "maya@acme.example", "person"),
			user(idMayaB, "Maya Becker", "mb@acme.example", "person"),
			user(idPriya, "Priya Raman", "priya@acme.example", "person"),
			user("75ff58d7-b25a-4f51-8436-9319f043841c", "Priya's Bot", "", "bot"),
		},
		FindPages: func(_ notionapi.PropertySchema, title string) ([]notionapi.Page, error) {
			var out []notionapi.Page
			for _, p := range pages {
				if strings.Contains(strings.ToLower(p.Title()), strings.ToLower(title)) {
					out = append(out, p)
				}
			}
			return out, nil
		},
	}
}

func TestParseValue(t *testing.T) {
	s := schema(t)
	tests := []struct {
		prop, in string
		want     string // the value's JSON as sent
	}{
		{"Name", "  Buy milk ", `{"type":"title","title":[{"type":"text","text":{"content":"Buy milk"}}]}`},
		{"Notes", "line one\r\nline two\n\n", `{"type":"rich_text","rich_text":[{"type":"text","text":{"content":"line one\nline two"}}]}`},
		{"Budget", "$1,200.50", `{"type":"number","number":1200.5}`},
		{"Done %", "40%", `{"type":"number","number":0.4}`},
		{"Priority", "p1 high", `{"type":"select","select":{"name":"P1 High"}}`},
		{"Status", "In progress", `{"type":"status","status":{"name":"In progress"}}`},
		{"Tags", `home, URGENT, "a, b", home`, `{"type":"multi_select","multi_select":[{"name":"home"},{"name":"urgent"},{"name":"a, b"}]}`},
		{"Due", "2026-12-01 → 2026-12-05", `{"type":"date","date":{"start":"2026-12-01","end":"2026-12-05","time_zone":null}}`},
		{"Due", "tomorrow 9:30", `{"type":"date","date":{"start":"2026-11-22T09:30:00+01:00","end":null,"time_zone":null}}`},
		{"Done", "yes", `{"type":"checkbox","checkbox":true}`},
		{"Done", "no", `{"type":"checkbox","checkbox":false}`},
		{"Link", "https://example.com/a?b=c", `{"type":"url","url":"https://example.com/a?b=c"}`},
		{"Link", "example.com/page", `{"type":"url","url":"https://example.com/page"}`},
		{"Contact", "ada@example.com", `{"type":"email","email":"ada@example.com"}`},
		{"Phone", "+1 (415) 555-0100 ext. 12", `{"type":"phone_number","phone_number":"+1 (415) 555-0100 ext. 12"}`},
		{"Owner", "Maya Chen, priya@acme.example", `{"type":"people","people":[{"object":"user","id":"` + idMaya + `"},{"object":"user","id":"` + idPriya + `"}]}`},
		{"Owner", "raman", `{"type":"people","people":[{"object":"user","id":"` + idPriya + `"}]}`},
		{"Owner", strings.ReplaceAll(idMaya, "-", ""), `{"type":"people","people":[{"object":"user","id":"` + idMaya + `"}]}`},
		{"Project", "billing v2", `{"type":"relation","relation":[{"id":"11111111-1111-1111-1111-111111111111"}]}`},
		{"Project", "revamp, https://www.notion.so/acme/Page-0123abcd0123456789ab0123456789ab", `{"type":"relation","relation":[{"id":"33333333-3333-3333-3333-333333333333"},{"id":"` + idPage + `"}]}`},
		{"Files", "https://x.example/a/spec.pdf", `{"type":"files","files":[{"name":"spec.pdf","type":"external","external":{"url":"https://x.example/a/spec.pdf"}}]}`},
	}
	for _, tt := range tests {
		p, _ := s.Get(tt.prop)
		v, ok, err := ParseValue(p, tt.in, testEnv())
		if err != nil || !ok {
			t.Errorf("%s %q: ok=%v err=%v", tt.prop, tt.in, ok, err)
			continue
		}
		b, err := json.Marshal(v)
		if err != nil || string(b) != tt.want {
			t.Errorf("%s %q:\n got  %s (%v)\n want %s", tt.prop, tt.in, b, err, tt.want)
		}
	}
}

func TestParseValueEmptyIsUnset(t *testing.T) {
	for _, p := range schema(t) {
		if _, ok, err := ParseValue(p, "  \n ", testEnv()); ok || err != nil {
			t.Errorf("%s (%s): blank text gave ok=%v err=%v, want nothing to send", p.Name, p.Type, ok, err)
		}
	}
}

func TestParseValueErrors(t *testing.T) {
	s := schema(t)
	long := strings.Repeat("ab", 1000) + "c"
	tests := []struct {
		prop, in, want string
		env            func(*Env)
	}{
		{"Name", "two\nlines", "a title is one line", nil},
		{"Name", long, "2001 characters long; Notion takes at most 2,000", nil},
		{"Notes", strings.Repeat("😀", 1001), "2002 characters long", nil}, // emoji count twice, as in JavaScript
		{"Budget", "lots", "expected a number like 42 or 3.5, or $1,234.50", nil},
		{"Priority", "P3", `no option "P3"`, nil},
		{"Priority", "p1 hgh", `(did you mean "P1 High"?)`, nil},
		{"Status", "Blocked", `options are "Not started", "In progress", "Done"`, nil},
		{"Tags", "home, hme", `no option "hme" (did you mean "home"?)`, nil},
		{"Tags", `"home`, "a quote is not closed", nil},
		{"Tags", strings.Repeat("home,", 101), "101 items; Notion takes at most 100", nil},
		{"Due", "soon", "expected a date like 2026-12-01", nil},
		{"Done", "maybe", "expected yes or no", nil},
		{"Link", "not a link", "a link has no spaces", nil},
		{"Link", "localhost", "is not a link", nil},
		{"Link", "https://", "is not a link", nil},
		{"Link", "https://x.example/" + strings.Repeat("a", 2000), "Notion takes at most 2,000", nil},
		{"Contact", "ada@", "is not an e-mail address", nil},
		{"Contact", "ada example.com", "is not an e-mail address", nil},
		{"Phone", "call me", "is not a phone number", nil},
		{"Owner", "Maya", `"Maya" matches 2 people: Maya Chen <maya@acme.example>, Maya Becker <mb@acme.example>`, nil},
		{"Owner", "Nobody", `no one in the workspace is named "Nobody"`, nil},
		{"Owner", "Maya Chn", `no one in the workspace is named "Maya Chn" (did you mean "Maya Chen"?)`, nil},
		{"Owner", "bot", `no one in the workspace is named "bot"`, nil}, // bots are not people
		{"Owner", "x@acme.example", "no one in the workspace has the e-mail address", nil},
		{"Owner", "Maya Chen", "(the integration cannot read users); give the person's user ID", func(e *Env) {
			e.Users, e.UsersErr = nil, errors.New("the integration cannot read users")
		}},
		{"Owner", "Maya Chen", "(the users list is not loaded)", func(e *Env) { e.Users = nil }},
		{"Project", "Billing", `"Billing" matches 2 pages: "Billing v2" (11111111-`, func(e *Env) {
			e.FindPages = func(notionapi.PropertySchema, string) ([]notionapi.Page, error) { return twoBillingPages(), nil }
		}},
		{"Project", "Nothing", `no page titled "Nothing"`, nil},
		{"Project", "Billing v2", `"Billing v2" is not a page ID or link`, func(e *Env) { e.FindPages = nil }},
		{"Project", "x", "searching for \"x\": offline", func(e *Env) {
			e.FindPages = func(notionapi.PropertySchema, string) ([]notionapi.Page, error) { return nil, errors.New("offline") }
		}},
		{"Files", "https://ok.example/a, nope", `"nope" is not a link`, nil},
		{"Overdue", "true", "computed by Notion", nil},
		{"Created", "today", "set by Notion when the page is saved", nil},
		{"Checked", "yes", "cannot be set from here (verification)", nil},
	}
	for _, tt := range tests {
		p, ok := s.Get(tt.prop)
		if !ok {
			t.Fatalf("no property %s", tt.prop)
		}
		env := testEnv()
		if tt.env != nil {
			tt.env(&env)
		}
		_, _, err := ParseValue(p, tt.in, env)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %.40q: error = %v\n want it to mention %q", tt.prop, tt.in, err, tt.want)
		}
	}
}

// twoBillingPages are two pages that contain "Billing", neither titled
// exactly so.
func twoBillingPages() []notionapi.Page {
	return []notionapi.Page{
		{ID: "11111111-1111-1111-1111-111111111111", Properties: map[string]notionapi.PropertyValue{"Name": notionapi.TitleValue("Billing v2")}},
		{ID: "22222222-2222-2222-2222-222222222222", Properties: map[string]notionapi.PropertyValue{"Name": notionapi.TitleValue("Billing v3")}},
	}
}

func TestEditableAndHints(t *testing.T) {
	s := schema(t)
	for _, p := range s {
		want := !(p.Type == notionapi.PropFormula || p.Type == notionapi.PropCreatedTime || p.Type == notionapi.PropVerification)
		if Editable(p) != want {
			t.Errorf("Editable(%s) = %v, want %v", p.Type, !want, want)
		}
		if Hint(p) == "" || TypeLabel(p) == "" {
			t.Errorf("%s: empty hint or label", p.Type)
		}
	}
	budget, _ := s.Get("Budget")
	tags, _ := s.Get("Tags")
	for p, want := range map[string][2]string{
		"Budget": {Hint(budget), "dollar: $1,234.50 or 1234.5"},
		"Tags":   {Hint(tags), `comma-separated: home, urgent, "a, b"`},
	} {
		if p == "" || want[0] != want[1] {
			t.Errorf("Hint(%s) = %q, want %q", p, want[0], want[1])
		}
	}
}

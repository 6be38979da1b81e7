package notionapi_test

import (
	"encoding/json"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
)

// stored decodes a value as the API answers it.
func stored(t *testing.T, js string) notionapi.PropertyValue {
	t.Helper()
	var v notionapi.PropertyValue
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func TestSameValue(t *testing.T) {
	t.Parallel()
	tz := "Europe/Berlin"
	sent := func(v notionapi.PropertyValue) notionapi.PropertyValue { return v }
	for _, tt := range []struct {
		name string
		a    notionapi.PropertyValue
		b    string // as read
		same bool
	}{
		{"title as sent and as read", notionapi.TitleValue("Buy milk"),
			`{"id":"title","type":"title","title":[{"type":"text","text":{"content":"Buy ","link":null},"annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"Buy ","href":null},{"type":"text","text":{"content":"milk"},"plain_text":"milk"}]}`, true},
		{"title differs", notionapi.TitleValue("Buy milk"), `{"type":"title","title":[{"plain_text":"Buy oat milk"}]}`, false},
		{"bold is a change", notionapi.TitleValue("Buy milk"), `{"type":"title","title":[{"plain_text":"Buy milk","annotations":{"bold":true,"color":"default"}}]}`, false},
		{"a link is a change", notionapi.RichTextValue("docs"), `{"type":"rich_text","rich_text":[{"plain_text":"docs","href":"https://example.com"}]}`, false},
		{"empty text", notionapi.RichTextValue(""), `{"type":"rich_text","rich_text":[]}`, true},
		{"mention by target", sent(notionapi.PropertyValue{Type: notionapi.PropRichText, RichText: notionapi.RichTexts{{Type: "mention", Mention: &notionapi.Mention{Type: "page", Page: &notionapi.ObjectRef{ID: "0123456789abcdef0123456789abcdef"}}}}}),
			`{"type":"rich_text","rich_text":[{"type":"mention","mention":{"type":"page","page":{"id":"01234567-89ab-cdef-0123-456789abcdef"}},"plain_text":"Renamed page"}]}`, true},
		{"number", notionapi.NumberValue(2.5), `{"type":"number","number":2.5}`, true},
		{"number cleared", notionapi.PropertyValue{Type: notionapi.PropNumber}, `{"type":"number","number":null}`, true},
		{"number zero is not empty", notionapi.NumberValue(0), `{"type":"number","number":null}`, false},
		{"select by name", notionapi.SelectValue("P1 High"), `{"type":"select","select":{"id":"a1","name":"P1 High","color":"orange"}}`, true},
		{"select other name", notionapi.SelectValue("P2"), `{"type":"select","select":{"id":"a1","name":"P1 High"}}`, false},
		{"select cleared", notionapi.PropertyValue{Type: notionapi.PropSelect}, `{"type":"select","select":null}`, true},
		{"status", notionapi.StatusValue("Done"), `{"type":"status","status":{"id":"x","name":"Done","color":"green"}}`, true},
		{"multi-select as a set", notionapi.MultiSelectValue("go", "tui"), `{"type":"multi_select","multi_select":[{"id":"2","name":"tui"},{"id":"1","name":"go"}]}`, true},
		{"multi-select one more", notionapi.MultiSelectValue("go"), `{"type":"multi_select","multi_select":[{"name":"tui"},{"name":"go"}]}`, false},
		{"multi-select cleared", notionapi.PropertyValue{Type: notionapi.PropMultiSelect}, `{"type":"multi_select","multi_select":[]}`, true},
		{"date", notionapi.DateValueOf("2026-12-24", ""), `{"type":"date","date":{"start":"2026-12-24","end":null,"time_zone":null}}`, true},
		{"date-time with an offset, as an instant", notionapi.DateValueOf("2026-11-22T09:30:00+01:00", ""), `{"type":"date","date":{"start":"2026-11-22T08:30:00.000+00:00","end":null}}`, true},
		{"date-time an hour off", notionapi.DateValueOf("2026-11-22T09:30:00+01:00", ""), `{"type":"date","date":{"start":"2026-11-22T09:30:00.000+00:00"}}`, false},
		{"a day is not its midnight", notionapi.DateValueOf("2026-11-22", ""), `{"type":"date","date":{"start":"2026-11-22T00:00:00.000+00:00"}}`, false},
		{"time zone", notionapi.PropertyValue{Type: notionapi.PropDate, Date: &notionapi.DateValue{Start: "2026-12-24T09:30:00", TimeZone: &tz}},
			`{"type":"date","date":{"start":"2026-12-24T09:30:00.000","end":null,"time_zone":"Europe/Berlin"}}`, true},
		{"range end", notionapi.DateValueOf("2026-12-01", "2026-12-05"), `{"type":"date","date":{"start":"2026-12-01","end":"2026-12-06"}}`, false},
		{"date cleared", notionapi.PropertyValue{Type: notionapi.PropDate}, `{"type":"date","date":null}`, true},
		{"checkbox", notionapi.CheckboxValue(false), `{"type":"checkbox","checkbox":false}`, true},
		{"checkbox differs", notionapi.CheckboxValue(true), `{"type":"checkbox","checkbox":false}`, false},
		{"url", notionapi.URLValue("https://example.com"), `{"type":"url","url":"https://example.com"}`, true},
		{"url cleared", notionapi.PropertyValue{Type: notionapi.PropURL}, `{"type":"url","url":null}`, true},
		{"email", notionapi.EmailValue("a@b.example"), `{"type":"email","email":"c@b.example"}`, false},
		{"people by ID", notionapi.PeopleValue("7922e5cf09fa41c6809633ec0ecfcd4c"), `{"type":"people","people":[{"object":"user","id":"7922e5cf-09fa-41c6-8096-33ec0ecfcd4c","name":"Maya Chen"}]}`, true},
		{"people one less", notionapi.PeopleValue(), `{"type":"people","people":[{"object":"user","id":"7922e5cf-09fa-41c6-8096-33ec0ecfcd4c"}]}`, false},
		{"relation", notionapi.RelationValue("a", "b"), `{"type":"relation","relation":[{"id":"b"},{"id":"a"}],"has_more":false}`, true},
		{"relation cut at 25 is never the same", notionapi.RelationValue("a"), `{"type":"relation","relation":[{"id":"a"}],"has_more":true}`, false},
		{"external file", notionapi.ExternalFilesValue("https://example.com/a.pdf"), `{"type":"files","files":[{"name":"a.pdf","type":"external","external":{"url":"https://example.com/a.pdf"}}]}`, true},
		{"another type", notionapi.CheckboxValue(true), `{"type":"number","number":1}`, false},
		{"formula", stored(t, `{"id":"a","type":"formula","formula":{"type":"boolean","boolean":true}}`), `{"id":"b","type":"formula","formula":{"type":"boolean","boolean":true}}`, true},
	} {
		b := stored(t, tt.b)
		if got := notionapi.SameValue(tt.a, b); got != tt.same {
			t.Errorf("%s: SameValue = %v, want %v", tt.name, got, tt.same)
		}
		if got := notionapi.SameValue(b, tt.a); got != tt.same {
			t.Errorf("%s: not symmetric", tt.name)
		}
	}
}

// TestSameValueIgnoresSignedLinks: a Notion-hosted file's link changes
// on every read; two reads of the same file are the same value.
func TestSameValueIgnoresSignedLinks(t *testing.T) {
	t.Parallel()
	a := stored(t, `{"type":"files","files":[{"name":"spec.pdf","type":"file","file":{"url":"https://s3.example/spec.pdf?sig=1","expiry_time":"2026-11-21T13:00:00.000Z"}}]}`)
	b := stored(t, `{"type":"files","files":[{"name":"spec.pdf","type":"file","file":{"url":"https://s3.example/spec.pdf?sig=2","expiry_time":"2026-11-21T14:00:00.000Z"}}]}`)
	if !notionapi.SameValue(a, b) {
		t.Error("two reads of one hosted file differ")
	}
	b.Files[0].Name = "spec v2.pdf"
	if notionapi.SameValue(a, b) {
		t.Error("a renamed file is the same")
	}
}

func TestPropertyOfByNameOrID(t *testing.T) {
	t.Parallel()
	var pg notionapi.Page
	if err := json.Unmarshal([]byte(`{"object":"page","id":"p","properties":{"Due date":{"id":"a%5EB","type":"date","date":null},"Name":{"id":"title","type":"title","title":[]}}}`), &pg); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"Due date", "a%5EB", "a^B"} {
		if name, _, ok := pg.PropertyOf(key); !ok || name != "Due date" {
			t.Errorf("%q: %q %v", key, name, ok)
		}
	}
	if _, _, ok := pg.PropertyOf("Nope"); ok {
		t.Error("found a property that does not exist")
	}
}

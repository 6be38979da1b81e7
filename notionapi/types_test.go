package notionapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestSchemaKeepsServerOrder(t *testing.T) {
	t.Parallel()
	in := `{"Zeta":{"id":"z","name":"Zeta","type":"number","number":{"format":"dollar"}},
	        "Alpha":{"id":"a","name":"Alpha","type":"select","select":{"options":[{"id":"1","name":"One","color":"red"}]}},
	        "Name":{"id":"title","name":"Name","type":"title","title":{}},
	        "Shape":{"id":"s","name":"Shape","type":"place_v2","place_v2":{"precision":3}}}`
	var s Schema
	if err := json.Unmarshal([]byte(in), &s); err != nil {
		t.Fatal(err)
	}
	if got := s.Names(); !reflect.DeepEqual(got, []string{"Zeta", "Alpha", "Name", "Shape"}) {
		t.Fatalf("order = %v", got)
	}
	if got := s.Ordered().Names(); !reflect.DeepEqual(got, []string{"Name", "Zeta", "Alpha", "Shape"}) {
		t.Fatalf("Ordered = %v", got)
	}
	if p, _ := s.Get("a"); p.Name != "Alpha" || p.Select.Options[0].Name != "One" {
		t.Fatalf("Get by id = %+v", p)
	}
	if p, _ := s.Get("Zeta"); p.Number.Format != "dollar" {
		t.Fatalf("number format = %+v", p.Number)
	}
	unknown, _ := s.Get("Shape")
	if string(unknown.Raw) != `{"precision":3}` {
		t.Fatalf("unknown type config = %s", unknown.Raw)
	}
	// Round trip keeps order and the unknown configuration.
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Schema
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Names(), s.Names()) || string(back[3].Raw) != `{"precision":3}` {
		t.Fatalf("round trip = %s", out)
	}
	if !strings.Contains(string(out), `"title":{}`) {
		t.Fatalf("title config should be {}: %s", out)
	}
}

func TestPropertyValueWriteShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    PropertyValue
		want string
	}{
		{TitleValue("Buy milk"), `{"type":"title","title":[{"type":"text","text":{"content":"Buy milk"}}]}`},
		{TitleValue(""), `{"type":"title","title":[]}`},
		{NumberValue(42.5), `{"type":"number","number":42.5}`},
		{PropertyValue{Type: PropNumber}, `{"type":"number","number":null}`},
		{SelectValue("High"), `{"type":"select","select":{"name":"High"}}`},
		{PropertyValue{Type: PropSelect}, `{"type":"select","select":null}`},
		{MultiSelectValue(), `{"type":"multi_select","multi_select":[]}`},
		{MultiSelectValue("a", "b"), `{"type":"multi_select","multi_select":[{"name":"a"},{"name":"b"}]}`},
		{DateValueOf("2026-12-01", ""), `{"type":"date","date":{"start":"2026-12-01","end":null,"time_zone":null}}`},
		{DateValueOf("2026-12-01", "2026-12-05"), `{"type":"date","date":{"start":"2026-12-01","end":"2026-12-05","time_zone":null}}`},
		{CheckboxValue(false), `{"type":"checkbox","checkbox":false}`},
		{URLValue("https://go.dev"), `{"type":"url","url":"https://go.dev"}`},
		{PeopleValue("u1"), `{"type":"people","people":[{"object":"user","id":"u1"}]}`},
		{RelationValue(), `{"type":"relation","relation":[]}`},
		{ExternalFilesValue("https://x.example/spec.pdf"), `{"type":"files","files":[{"name":"spec.pdf","type":"external","external":{"url":"https://x.example/spec.pdf"}}]}`},
		{StatusValue("Done"), `{"type":"status","status":{"name":"Done"}}`},
	}
	for _, tc := range tests {
		got, err := json.Marshal(tc.v)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("Marshal(%s)\n got %s\nwant %s", tc.v.Type, got, tc.want)
		}
	}
	if _, err := json.Marshal(PropertyValue{}); err == nil {
		t.Error("a value without a type must not encode")
	}
}

func TestPropertyValueKeepsUnknownTypes(t *testing.T) {
	t.Parallel()
	in := `{"id":"x%3A","type":"location","location":{"lat":1.5,"lon":2}}`
	var v PropertyValue
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if v.Type != "location" || string(v.Raw) != `{"lat":1.5,"lon":2}` {
		t.Fatalf("decoded %+v", v)
	}
	out, _ := json.Marshal(v)
	if string(out) != in {
		t.Fatalf("round trip\n got %s\nwant %s", out, in)
	}
	if got := Cell(v); got != "<location>" {
		t.Fatalf("Cell = %q", got)
	}
}

func TestBlocksKeepUnknownTypesAndNestChildren(t *testing.T) {
	t.Parallel()
	var b Block
	if err := json.Unmarshal([]byte(`{"object":"block","id":"b1","type":"table_of_contents","table_of_contents":{"color":"gray"},"has_children":false}`), &b); err != nil {
		t.Fatal(err)
	}
	if b.Type != "table_of_contents" || string(b.Raw) != `{"color":"gray"}` {
		t.Fatalf("decoded %+v", b)
	}
	toggle := NewTextBlock(BlockToggle, "More")
	toggle.Children = []Block{NewToDo("write tests", true), NewDivider()}
	got, err := json.Marshal(toggle)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"object":"block","type":"toggle","toggle":{"rich_text":[{"type":"text","text":{"content":"More"}}],"children":[{"object":"block","type":"to_do","to_do":{"rich_text":[{"type":"text","text":{"content":"write tests"}}],"checked":true}},{"object":"block","type":"divider","divider":{}}]}}`
	if string(got) != want {
		t.Fatalf("toggle\n got %s\nwant %s", got, want)
	}
}

func TestPlainTextSplitsInUTF16Units(t *testing.T) {
	t.Parallel()
	for name, s := range map[string]string{
		"1,500 emoji":           strings.Repeat("😀", 1500),
		"emoji across a border": strings.Repeat("a", 1999) + "😀" + strings.Repeat("b", 10),
		"mixed":                 strings.Repeat("é😀字\u200d", 700),
		"invalid UTF-8":         strings.Repeat("\xff", 2500),
	} {
		for _, build := range []struct {
			name string
			rt   RichTexts
		}{
			{"PlainText", PlainText(s)},
			{"TitleValue", TitleValue(s).Title},
			{"RichTextValue", RichTextValue(s).RichText},
			{"NewTextBlock", NewTextBlock(BlockParagraph, s).Paragraph.RichText},
		} {
			var joined strings.Builder
			for i, r := range build.rt {
				c := r.Text.Content
				if n := UTF16Len(c); n > MaxTextLength || n == 0 {
					t.Errorf("%s, %s: run %d holds %d UTF-16 units", name, build.name, i, n)
				}
				if c != strings.ToValidUTF8(c, "\uFFFD") && s != strings.Repeat("\xff", 2500) {
					t.Errorf("%s, %s: run %d splits a character", name, build.name, i)
				}
				joined.WriteString(c)
			}
			if joined.String() != s {
				t.Errorf("%s, %s: the runs do not join back to the input", name, build.name)
			}
		}
	}
	if n := len(PlainText(strings.Repeat("😀", 1500))); n != 2 {
		t.Errorf("1,500 emoji (3,000 units) in %d runs, want 2", n)
	}
}

func TestPlainTextSplitsLongRuns(t *testing.T) {
	t.Parallel()
	s := strings.Repeat("é", 4500)
	rt := PlainText(s)
	if len(rt) != 3 || len([]rune(rt[0].Text.Content)) != 2000 || len([]rune(rt[2].Text.Content)) != 500 {
		t.Fatalf("runs = %d", len(rt))
	}
	if rt.Plain() != s {
		t.Fatal("runs do not join back to the input")
	}
}

func TestPropertyItemDecodesSingleElements(t *testing.T) {
	t.Parallel()
	var it PropertyItem
	if err := json.Unmarshal([]byte(`{"object":"property_item","id":"title","type":"title","title":{"type":"text","text":{"content":"Hi"},"plain_text":"Hi"}}`), &it); err != nil {
		t.Fatal(err)
	}
	if it.Type != PropTitle || it.Title.Plain() != "Hi" {
		t.Fatalf("decoded %+v", it)
	}
	if err := json.Unmarshal([]byte(`{"object":"property_item","id":"n","type":"number","number":3}`), &it); err != nil || *it.Number != 3 {
		t.Fatalf("number item: %+v %v", it, err)
	}
}

func TestSearchResultDecodesByObject(t *testing.T) {
	t.Parallel()
	var rs []SearchResult
	in := `[{"object":"page","id":"p","properties":{"Name":{"id":"title","type":"title","title":[{"type":"text","plain_text":"Plan"}]}}},` +
		`{"object":"data_source","id":"d","title":[{"type":"text","plain_text":"Tasks"}],"properties":{"Name":{"id":"title","type":"title","title":{}}}},` +
		`{"object":"database","id":"db","title":[{"type":"text","plain_text":"Team"}]},{"object":"view","id":"v"}]`
	if err := json.Unmarshal([]byte(in), &rs); err != nil {
		t.Fatal(err)
	}
	if rs[0].Page == nil || rs[1].DataSource == nil || rs[2].Database == nil || rs[3].Raw == nil {
		t.Fatalf("decoded %+v", rs)
	}
	for i, want := range []string{"p", "d", "db", "v"} {
		if rs[i].ID() != want {
			t.Errorf("result %d ID = %q", i, rs[i].ID())
		}
	}
	for i, want := range []string{"Plan", "Tasks", "Team", ""} {
		if rs[i].Title() != want {
			t.Errorf("result %d Title = %q, want %q", i, rs[i].Title(), want)
		}
	}
	if n := rs[1].DataSource.Properties.Names(); len(n) != 1 || n[0] != "Name" {
		t.Errorf("schema name from key: %v", n)
	}
}

// TestSearchResultObjectAnywhere: "object" is read at once where Notion
// writes it (first), and found anywhere else too, escaped or spaced.
func TestSearchResultObjectAnywhere(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, object, id string }{
		{`{"object":"page","id":"a","properties":{}}`, "page", "a"},
		{` {"id":"b", "properties":{"x":{"id":"t","type":"title","title":[]}}, "object" : "page"}`, "page", "b"},
		{`{"object":"data_\u0073ource","id":"c","properties":{}}`, "data_source", "c"},
		{`{"id":"d","object":"view"}`, "view", ""},
		{`{"id":"e"}`, "", ""},
	} {
		var r SearchResult
		if err := json.Unmarshal([]byte(tc.in), &r); err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if r.Object != tc.object || (tc.id != "" && r.ID() != tc.id) {
			t.Errorf("%s: object %q, ID %q", tc.in, r.Object, r.ID())
		}
	}
	for _, in := range []string{`[1]`, `"page"`, `{"object":3}`} {
		var r SearchResult
		if err := json.Unmarshal([]byte(in), &r); err == nil {
			t.Errorf("%s decoded as %+v", in, r)
		}
	}
}

func TestRelationQueryTarget(t *testing.T) {
	t.Parallel()
	r := &RelationConfig{DatabaseID: "db", DataSourceID: "ds"}
	if r.QueryTarget(Version20220628) != "db" || r.QueryTarget(Version20250903) != "ds" || r.QueryTarget(Version20260311) != "ds" {
		t.Errorf("targets %q %q", r.QueryTarget(Version20220628), r.QueryTarget(Version20250903))
	}
	var none *RelationConfig
	if none.QueryTarget(Version20250903) != "" {
		t.Error("a missing relation has a target")
	}
}

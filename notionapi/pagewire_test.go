package notionapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestPageWireMirrorsPage holds pageWire to Page: the same fields in the
// same order, with the same types and tags, but for the property values'
// type. A field added to Page alone would be dropped by every query.
func TestPageWireMirrorsPage(t *testing.T) {
	t.Parallel()
	pt, wt := reflect.TypeFor[Page](), reflect.TypeFor[pageWire]()
	if pt.NumField() != wt.NumField() {
		t.Fatalf("Page has %d fields, pageWire %d", pt.NumField(), wt.NumField())
	}
	for i := range pt.NumField() {
		pf, wf := pt.Field(i), wt.Field(i)
		if pf.Name != wf.Name || pf.Tag != wf.Tag {
			t.Errorf("field %d: Page has %s `%s`, pageWire %s `%s`", i, pf.Name, pf.Tag, wf.Name, wf.Tag)
		}
		if pf.Name == "Properties" {
			if wf.Type != reflect.TypeFor[map[string]propertyValueFields]() {
				t.Errorf("pageWire.Properties is %s", wf.Type)
			}
			continue
		}
		if pf.Type != wf.Type {
			t.Errorf("field %s: Page has %s, pageWire %s", pf.Name, pf.Type, wf.Type)
		}
	}
}

// pageJSON is a page with one property of every kind the fast path must
// give back as PropertyValue's own decoding does.
const pageJSON = `{"object":"page","id":"p1","created_time":"2026-11-01T09:00:00.000Z",
"last_edited_time":"2026-11-02T10:30:00.000Z","created_by":{"object":"user","id":"u1"},
"in_trash":false,"archived":false,"is_locked":true,"url":"https://www.notion.so/p1","public_url":null,
"parent":{"type":"data_source_id","data_source_id":"ds1","database_id":"db1"},
"icon":{"type":"emoji","emoji":"📄"},"cover":null,
"properties":{
 "Name":{"id":"title","type":"title","title":[{"type":"text","text":{"content":"Hello","link":null},"plain_text":"Hello",
   "annotations":{"bold":true,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"}},
   {"type":"mention","mention":{"type":"user","user":{"object":"user","id":"u2"}},"plain_text":"@Maya"}]},
 "Score":{"id":"a%3Fb","type":"number","number":4.5},
 "Empty":{"id":"e","type":"number","number":null},
 "Tags":{"id":"t","type":"multi_select","multi_select":[{"id":"o1","name":"x","color":"red"}]},
 "Done":{"id":"d","type":"checkbox","checkbox":true},
 "When":{"id":"w","type":"date","date":{"start":"2026-11-01","end":null,"time_zone":null}},
 "Links":{"id":"l","type":"relation","relation":[{"id":"p2"}],"has_more":true},
 "Sum":{"id":"s","type":"formula","formula":{"type":"number","number":3}},
 "Odd":null
}}`

func TestFastPageDecodingAgreesWithPropertyValues(t *testing.T) {
	t.Parallel()
	var want Page
	if err := json.Unmarshal([]byte(pageJSON), &want); err != nil {
		t.Fatal(err)
	}
	var got Page
	if err := decodePage([]byte(pageJSON), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decodePage:\n%+v\nencoding/json:\n%+v", got, want)
	}
	if got.Properties["Score"].Number == nil || *got.Properties["Score"].Number != 4.5 || !got.Properties["Links"].HasMore {
		t.Fatalf("values lost: %+v", got.Properties)
	}
	answer := `{"object":"list","results":[` + pageJSON + `,` + pageJSON + `],"next_cursor":"c2","has_more":true,"type":"page_or_data_source","request_id":"r1"}`
	var l rowList[Page]
	if err := l.decodeBody([]byte(answer), "application/json"); err != nil {
		t.Fatal(err)
	}
	if len(l.Results) != 2 || l.Cursor() != "c2" || !l.HasMore || l.RequestID != "r1" || l.Type != "page_or_data_source" {
		t.Fatalf("list: %d results, cursor %q, has_more %v, request %q, type %q", len(l.Results), l.Cursor(), l.HasMore, l.RequestID, l.Type)
	}
	if !reflect.DeepEqual(l.Results[1], want) {
		t.Fatalf("a query's page differs from encoding/json's:\n%+v", l.Results[1])
	}
}

// A property type this package does not know keeps its payload, however
// the page comes: a query, a search, a row kept as JSON.
func TestFastPageDecodingKeepsUnknownTypes(t *testing.T) {
	t.Parallel()
	page := strings.Replace(pageJSON, `"Odd":null`, `"Odd":{"id":"o","type":"hologram","hologram":{"depth":3}}`, 1)
	check := func(how string, p Page) {
		t.Helper()
		odd := p.Properties["Odd"]
		if odd.Type != "hologram" || string(odd.Raw) != `{"depth":3}` {
			t.Errorf("%s: Odd = %+v", how, odd)
		}
		if p.Properties["Name"].Title.Plain() != "Hello@Maya" {
			t.Errorf("%s: title %q", how, p.Properties["Name"].Title.Plain())
		}
	}
	var l rowList[Page]
	if err := l.decodeBody([]byte(`{"object":"list","results":[`+page+`],"has_more":false}`), "application/json"); err != nil {
		t.Fatal(err)
	}
	if len(l.Results) != 1 {
		t.Fatalf("%d results", len(l.Results))
	}
	check("query", l.Results[0])
	var r SearchResult
	if err := json.Unmarshal([]byte(page), &r); err != nil || r.Page == nil {
		t.Fatalf("search result: %v, %+v", err, r)
	}
	check("search", *r.Page)
	p, err := DecodePage([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	check("a kept row", p)
}

// A wiki's answer lists data sources beside its pages: the pages still
// decode, the others are kept apart.
func TestFastPageDecodingOfAMixedAnswer(t *testing.T) {
	t.Parallel()
	answer := `{"object":"list","results":[` + pageJSON + `,{"object":"data_source","id":"ds9"}],"has_more":false}`
	var l rowList[Page]
	if err := l.decodeBody([]byte(answer), "application/json"); err != nil {
		t.Fatal(err)
	}
	if len(l.Results) != 1 || l.Results[0].ID != "p1" || len(l.Other) != 1 {
		t.Fatalf("%d pages, %d others", len(l.Results), len(l.Other))
	}
	if l.Results[0].Properties["Score"].Number == nil {
		t.Fatal("the page lost its values")
	}
}

// A value of the wrong shape fails the answer with encoding/json's error,
// as before.
func TestFastPageDecodingReportsBadValues(t *testing.T) {
	t.Parallel()
	bad := strings.Replace(pageJSON, `"number":4.5`, `"number":"four"`, 1)
	var l rowList[Page]
	err := l.decodeBody([]byte(`{"object":"list","results":[`+bad+`],"has_more":false}`), "application/json")
	var want Page
	wantErr := json.Unmarshal([]byte(bad), &want)
	if err == nil || wantErr == nil || err.Error() != wantErr.Error() {
		t.Fatalf("error %v, want %v", err, wantErr)
	}
}

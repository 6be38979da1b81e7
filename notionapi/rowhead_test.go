package notionapi

import (
	"encoding/json"
	"testing"
	"time"
)

// headByDecoding is what rowHead must agree with: encoding/json.
func headByDecoding(b []byte) (id string, created, edited time.Time, err error) {
	var head struct {
		ID             string    `json:"id"`
		CreatedTime    time.Time `json:"created_time"`
		LastEditedTime time.Time `json:"last_edited_time"`
	}
	err = json.Unmarshal(b, &head)
	return head.ID, head.CreatedTime, head.LastEditedTime, err
}

var rowHeadCases = []struct {
	name string
	json string
	ok   bool // read by the scan, not left to the full decode
}{
	{"notion's order", `{"object":"page","id":"a1","created_time":"2026-01-08T06:00:00.000Z","last_edited_time":"2026-01-08T12:55:00.000Z","properties":{"Name":{"title":[{"plain_text":"x"}]}}}`, true},
	{"keys after the properties", `{"properties":{"id":{"id":"q"},"s":"}{]["},"last_edited_time":"2026-01-08T12:55:00Z","created_time":"2026-01-08T06:00:00Z","id":"a2"}`, true},
	{"whitespace", " {\n \"id\" : \"a3\" ,\t\"created_time\":\"2026-01-08T06:00:00Z\", \"last_edited_time\" :\"2026-01-08T06:00:00+02:00\", \"n\": -1.5e3 , \"t\": true, \"z\": null, \"a\": [1, {\"b\": [\"\\\"]\"]}] }\n", true},
	{"a repeated key keeps the last", `{"id":"first","created_time":"2026-01-08T06:00:00Z","last_edited_time":"2026-01-08T06:00:00Z","id":"last"}`, true},
	{"escapes in a skipped value", `{"id":"a4","note":"a \"quoted\" \\ \u00e9 }","created_time":"2026-01-08T06:00:00Z","last_edited_time":"2026-01-08T06:00:00Z"}`, true},
	{"an escape in the id", `{"id":"a\u0035","created_time":"2026-01-08T06:00:00Z","last_edited_time":"2026-01-08T06:00:00Z"}`, false},
	{"a key in another case", `{"ID":"a6","created_time":"2026-01-08T06:00:00Z","last_edited_time":"2026-01-08T06:00:00Z"}`, false},
	{"a byte outside ASCII", "{\"id\":\"\xb7\",\"created_time\":\"2026-01-08T06:00:00Z\",\"last_edited_time\":\"2026-01-08T06:00:00Z\"}", false},
	{"an escaped key", `{"\u0069d":"a7","created_time":"2026-01-08T06:00:00Z","last_edited_time":"2026-01-08T06:00:00Z"}`, false},
	{"a null id", `{"id":null,"created_time":"2026-01-08T06:00:00Z","last_edited_time":"2026-01-08T06:00:00Z"}`, false},
	{"no timestamps", `{"object":"page","id":"a8"}`, false},
	{"no time zone", `{"id":"a9","created_time":"2026-01-08T06:00:00","last_edited_time":"2026-01-08T06:00:00Z"}`, false},
	{"not an object", `["id","a10"]`, false},
	{"empty", `{}`, false},
}

// TestRowHeadAgreesWithEncodingJSON: what the scan reads is what a full
// decode reads; what it cannot read exactly, it leaves to the decode.
func TestRowHeadAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, c := range rowHeadCases {
		id, created, edited, ok := rowHead([]byte(c.json))
		if ok != c.ok {
			t.Errorf("%s: scanned %v, want %v", c.name, ok, c.ok)
		}
		wid, wc, we, err := headByDecoding([]byte(c.json))
		if ok && (err != nil || id != wid || !created.Equal(wc) || !edited.Equal(we) || created.Location().String() != wc.Location().String()) {
			t.Errorf("%s: scanned %q %v %v; encoding/json: %q %v %v (%v)", c.name, id, created, edited, wid, wc, we, err)
		}
		// RawRow reads the same either way.
		var r RawRow
		if rerr := json.Unmarshal([]byte(c.json), &r); (rerr == nil) != (err == nil) || err == nil && (r.ID != wid || !r.CreatedTime.Equal(wc) || !r.LastEditedTime.Equal(we) || string(r.JSON) != trimmed(c.json)) {
			t.Errorf("%s: RawRow %+v (%v); encoding/json: %q %v %v (%v)", c.name, r, rerr, wid, wc, we, err)
		}
	}
}

// TestIDOfAgreesWithEncodingJSON: the id read alone is encoding/json's,
// on the same cases; a row without timestamps still has its id read.
func TestIDOfAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, c := range rowHeadCases {
		id, ok := idOf([]byte(c.json))
		var head struct {
			ID string `json:"id"`
		}
		err := json.Unmarshal([]byte(c.json), &head)
		if ok && (err != nil || id != head.ID) {
			t.Errorf("%s: scanned %q; encoding/json: %q (%v)", c.name, id, head.ID, err)
		}
		if _, _, _, headOK := rowHead([]byte(c.json)); headOK && !ok {
			t.Errorf("%s: rowHead reads it, idOf does not", c.name)
		}
	}
	if id, ok := idOf([]byte(`{"object":"page","id":"a8"}`)); !ok || id != "a8" {
		t.Errorf("no timestamps: %q %v", id, ok)
	}
}

func trimmed(s string) string {
	var v json.RawMessage
	if json.Unmarshal([]byte(s), &v) != nil {
		return ""
	}
	return string(v)
}

// FuzzRowHead: whenever the scan answers, encoding/json decodes the same
// id and timestamps from the same bytes. The input is valid JSON, as it
// always is when encoding/json calls an UnmarshalJSON.
func FuzzRowHead(f *testing.F) {
	for _, c := range rowHeadCases {
		f.Add([]byte(c.json))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !json.Valid(b) {
			return
		}
		id, created, edited, ok := rowHead(b)
		if !ok {
			return
		}
		wid, wc, we, err := headByDecoding(b)
		if err != nil || id != wid || !created.Equal(wc) || !edited.Equal(we) {
			t.Fatalf("%q: scanned %q %v %v; encoding/json: %q %v %v (%v)", b, id, created, edited, wid, wc, we, err)
		}
	})
}

// TestObjectOfAgreesWithEncodingJSON: "object" is read first from the
// front, else by walking the members, else by a full decode.
func TestObjectOfAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, c := range []string{
		`{"object":"page","id":"a"}`,
		` {"id":"a","parent":{"object":"x"},"object":"data_source"}`,
		`{"id":"a","object":"d\u0061tabase"}`,
		`{"id":"a"}`,
		`{}`,
	} {
		var head struct {
			Object string `json:"object"`
		}
		want := json.Unmarshal([]byte(c), &head)
		got, err := objectOf([]byte(c))
		if got != head.Object || (err == nil) != (want == nil) {
			t.Errorf("%s: %q, %v; encoding/json: %q, %v", c, got, err, head.Object, want)
		}
	}
	if _, err := objectOf([]byte(`["object"]`)); err == nil {
		t.Error("an array read as an object")
	}
}

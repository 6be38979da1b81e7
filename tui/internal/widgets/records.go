package widgets

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
)

// Records are rows of a table as data to copy: a header and the rows'
// cells (values as plain text, as a table shows them), with each row's ID
// and link when it has them.
type Records struct {
	Header []string
	Rows   [][]string
	IDs    []string
	URLs   []string
}

// RecordsOf takes rows of table data with the columns' titles as the
// header.
func RecordsOf(d TableData, cols []Column, rows []int) Records {
	r := Records{Header: make([]string, len(cols))}
	for i, c := range cols {
		r.Header[i] = c.Title
	}
	for _, row := range rows {
		cells := make([]string, len(cols))
		for i := range cols {
			cells[i] = d.Cell(row, i)
		}
		r.Rows = append(r.Rows, cells)
	}
	return r
}

// CSV writes the header and the rows as CSV.
func (r Records) CSV() string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(r.withLinks(r.Header, "ID", "URL"))
	for i, row := range r.Rows {
		_ = w.Write(r.withLinks(row, r.at(r.IDs, i), r.at(r.URLs, i)))
	}
	w.Flush()
	return b.String()
}

// JSON writes the rows as JSON objects keyed by the header (one object
// for one row, else an array), with "id" and "url" when known.
func (r Records) JSON() string {
	objs := make([]json.RawMessage, len(r.Rows))
	for i, row := range r.Rows {
		var b bytes.Buffer
		b.WriteByte('{')
		n := 0
		field := func(k, v string) {
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			kb, _ := json.Marshal(k)
			vb, _ := json.Marshal(v)
			b.Write(kb)
			b.WriteByte(':')
			b.Write(vb)
		}
		if id := r.at(r.IDs, i); id != "" {
			field("id", id)
		}
		if u := r.at(r.URLs, i); u != "" {
			field("url", u)
		}
		for j, h := range r.Header {
			field(h, row[j])
		}
		b.WriteByte('}')
		objs[i] = b.Bytes()
	}
	var out []byte
	if len(objs) == 1 {
		out, _ = json.MarshalIndent(objs[0], "", "  ")
	} else {
		out, _ = json.MarshalIndent(objs, "", "  ")
	}
	return string(out) + "\n"
}

// Markdown writes the rows as a Markdown table (pipes and newlines in
// cells escaped).
func (r Records) Markdown() string {
	var b strings.Builder
	row := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			c = strings.NewReplacer("|", `\|`, "\n", " ", "\r", "").Replace(c)
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
	header := r.Header
	if len(r.URLs) > 0 {
		header = append(append([]string(nil), header...), "URL")
	}
	row(header)
	seps := make([]string, len(header))
	for i := range seps {
		seps[i] = "---"
	}
	row(seps)
	for i, cells := range r.Rows {
		if len(r.URLs) > 0 {
			cells = append(append([]string(nil), cells...), r.at(r.URLs, i))
		}
		row(cells)
	}
	return b.String()
}

func (r Records) at(xs []string, i int) string {
	if i < len(xs) {
		return xs[i]
	}
	return ""
}

// withLinks adds the ID and URL columns when the records have them.
func (r Records) withLinks(cells []string, id, url string) []string {
	out := append([]string(nil), cells...)
	if len(r.IDs) > 0 {
		out = append(out, id)
	}
	if len(r.URLs) > 0 {
		out = append(out, url)
	}
	return out
}

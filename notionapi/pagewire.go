package notionapi

import (
	"encoding/json"
	"time"
)

// pageWire is a Page as an answer carries it, with its property values
// decoded by encoding/json's own rules instead of PropertyValue's
// UnmarshalJSON. That method exists for one rare case, a property type
// this package does not know (its payload is kept in Raw), and it costs
// every value two more scans: encoding/json finds the end of a value
// before handing it to an UnmarshalJSON method, which decodes it again
// with json.Unmarshal, which validates it again. For the pages of a query
// answer that was a third of their decoding (BenchmarkDecodeQueryPage).
//
// The fields are Page's, in the same order, with the same tags
// (TestPageWireMirrorsPage holds them together).
type pageWire struct {
	Object         string                         `json:"object"`
	ID             string                         `json:"id"`
	CreatedTime    time.Time                      `json:"created_time"`
	LastEditedTime time.Time                      `json:"last_edited_time"`
	CreatedBy      *User                          `json:"created_by,omitempty"`
	LastEditedBy   *User                          `json:"last_edited_by,omitempty"`
	InTrash        bool                           `json:"in_trash"`
	Archived       *bool                          `json:"archived,omitempty"`
	IsArchived     bool                           `json:"is_archived,omitempty"`
	IsLocked       bool                           `json:"is_locked,omitempty"`
	URL            string                         `json:"url"`
	PublicURL      *string                        `json:"public_url"`
	Parent         Parent                         `json:"parent"`
	Icon           *Icon                          `json:"icon"`
	Cover          *Icon                          `json:"cover"`
	Properties     map[string]propertyValueFields `json:"properties"`
}

// page returns w as a Page, and false when a property's type is one this
// package does not know: that page must be decoded by PropertyValue's
// rules, which keep the unknown payload.
func (w *pageWire) page() (Page, bool) {
	p := Page{
		Object: w.Object, ID: w.ID, CreatedTime: w.CreatedTime, LastEditedTime: w.LastEditedTime,
		CreatedBy: w.CreatedBy, LastEditedBy: w.LastEditedBy, InTrash: w.InTrash, Archived: w.Archived,
		IsArchived: w.IsArchived, IsLocked: w.IsLocked, URL: w.URL, PublicURL: w.PublicURL,
		Parent: w.Parent, Icon: w.Icon, Cover: w.Cover,
	}
	if w.Properties != nil {
		p.Properties = make(map[string]PropertyValue, len(w.Properties))
		for name, v := range w.Properties {
			if v.Type != "" && !v.Type.Known() {
				return Page{}, false
			}
			p.Properties[name] = PropertyValue(v)
		}
	}
	return p, true
}

// DecodePage decodes a page's JSON (a row that ReadAllRaw or QueryRaw
// kept, a page answer) as the client decodes the pages of its answers:
// the same Page as json.Unmarshal gives, for less work.
func DecodePage(b []byte) (Page, error) {
	var p Page
	err := decodePage(b, &p)
	return p, err
}

// decodePage decodes one page: by pageWire, or by Page's own rules when
// a property's type is unknown or the page fails to decode (so that the
// error names Page's fields).
func decodePage(b []byte, p *Page) error {
	var w pageWire
	if json.Unmarshal(b, &w) == nil {
		if page, ok := w.page(); ok {
			*p = page
			return nil
		}
	}
	*p = Page{}
	return json.Unmarshal(b, p)
}

// decodePageList decodes a list answer of pages into l, and reports false
// (l unchanged) when it did not: an answer that fails to decode, a result
// of another kind, or a property of an unknown type, for which the caller
// decodes the answer again by the general rules.
func decodePageList(b []byte, l *List[Page]) bool {
	var w List[pageWire]
	if json.Unmarshal(b, &w) != nil {
		return false
	}
	pages := make([]Page, len(w.Results))
	for i := range w.Results {
		if obj := w.Results[i].Object; obj != "" && obj != ObjectPage {
			return false
		}
		var ok bool
		if pages[i], ok = w.Results[i].page(); !ok {
			return false
		}
	}
	*l = relist(w, pages)
	return true
}

// relist returns l's cursor and other members with results instead of
// l's.
func relist[T, U any](l List[U], results []T) List[T] {
	return List[T]{
		Object: l.Object, Results: results, NextCursor: l.NextCursor, HasMore: l.HasMore,
		Type: l.Type, RequestStatus: l.RequestStatus, RequestID: l.RequestID,
	}
}

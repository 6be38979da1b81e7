package dbview

import (
	"slices"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

// The columns a CSV export adds after the properties: what finds the row
// again in Notion or through the API.
const (
	csvPageID  = "Page ID"
	csvPageURL = "Page URL"
)

// csvHeader is the properties' names, then the page's ID and URL (named
// apart from a property of the same name).
func csvHeader(cols notionapi.Schema) []string {
	names := cols.Names()
	extra := func(name string) string {
		for slices.Contains(names, name) {
			name += " (page)"
		}
		return name
	}
	return append(names, extra(csvPageID), extra(csvPageURL))
}

// csvRecord is a page's values as CSV cells: each property as plain text
// (dates and times as ISO 8601 with their offset, which a spreadsheet reads
// without guessing the time zone), then its ID and URL.
func csvRecord(pg *notionapi.Page, cols notionapi.Schema, title notionapi.TitleFunc) []string {
	rec := make([]string, 0, len(cols)+2)
	for _, p := range cols {
		v := pg.Properties[p.Name]
		switch v.Type {
		case notionapi.PropDate:
			rec = append(rec, isoDate(v.Date))
		case notionapi.PropCreatedTime:
			rec = append(rec, v.CreatedTime)
		case notionapi.PropLastEditedTime:
			rec = append(rec, v.LastEditedTime)
		default:
			rec = append(rec, notionapi.CellWith(v, title))
		}
	}
	return append(rec, pg.ID, pg.URL)
}

// isoDate writes a date or a range as ISO 8601 ("start/end"). A date-time
// of a named time zone (Notion sends it without an offset) gets the
// zone's offset; one whose zone is unknown here keeps the zone's name.
func isoDate(d *notionapi.DateValue) string {
	if d == nil || d.Start == "" {
		return ""
	}
	tz := ""
	if d.TimeZone != nil {
		tz = *d.TimeZone
	}
	s := isoTime(d.Start, tz)
	if d.End != nil && *d.End != "" {
		s += "/" + isoTime(*d.End, tz)
	}
	return s
}

func isoTime(s, tz string) string {
	if len(s) <= len("2006-01-02") {
		return s // a date without a time has no zone
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.Format(time.RFC3339)
	}
	if tz == "" {
		return s
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return s + " " + tz
	}
	for _, layout := range []string{"2006-01-02T15:04:05.000", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.Format(time.RFC3339)
		}
	}
	return s + " " + tz
}

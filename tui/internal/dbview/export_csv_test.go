package dbview

import (
	"slices"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

// TestCSVRecordHasIDURLAndZonedDates: a CSV row ends with the page's ID
// and URL, and its dates say their time zone.
func TestCSVRecordHasIDURLAndZonedDates(t *testing.T) {
	t.Parallel()
	str := func(s string) *string { return &s }
	cols := notionapi.Schema{
		{Name: "Name", Type: notionapi.PropTitle},
		{Name: "Due", Type: notionapi.PropDate},
		{Name: "Meeting", Type: notionapi.PropDate},
		{Name: "Span", Type: notionapi.PropDate},
		{Name: "Created", Type: notionapi.PropCreatedTime},
		{Name: "Page ID", Type: notionapi.PropRichText},
	}
	pg := &notionapi.Page{ID: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", URL: "https://www.notion.so/Call-0f1e2d3c4b5a49788695a4b3c2d1e0f9",
		Properties: map[string]notionapi.PropertyValue{
			"Name":    notionapi.TitleValue("Call"),
			"Due":     {Type: notionapi.PropDate, Date: &notionapi.DateValue{Start: "2026-03-01T14:30:00.000Z"}},
			"Meeting": {Type: notionapi.PropDate, Date: &notionapi.DateValue{Start: "2026-03-01T09:00:00.000", TimeZone: str("Europe/Berlin")}},
			"Span":    {Type: notionapi.PropDate, Date: &notionapi.DateValue{Start: "2026-03-01", End: str("2026-03-04")}},
			"Created": {Type: notionapi.PropCreatedTime, CreatedTime: "2026-02-01T08:00:00.000Z"},
		}}
	head := csvHeader(cols)
	if want := []string{"Name", "Due", "Meeting", "Span", "Created", "Page ID", "Page ID (page)", "Page URL"}; !slices.Equal(head, want) {
		t.Errorf("header %q, want %q", head, want)
	}
	rec := csvRecord(pg, cols, nil)
	berlin := "2026-03-01T09:00:00+01:00"
	if _, err := time.LoadLocation("Europe/Berlin"); err != nil {
		berlin = "2026-03-01T09:00:00.000 Europe/Berlin" // no time zone database here
	}
	want := []string{"Call", "2026-03-01T14:30:00Z", berlin, "2026-03-01/2026-03-04", "2026-02-01T08:00:00.000Z", "", pg.ID, pg.URL}
	if !slices.Equal(rec, want) {
		t.Errorf("record\n%q\nwant\n%q", rec, want)
	}
}

package pageform

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin for the daylight saving case, on any machine

	"github.com/notion-tui/notion-tui/notionapi"
)

// testNow is Saturday 21 November 2026, 14:02:30 in a UTC+1 zone.
var testNow = time.Date(2026, 11, 21, 14, 2, 30, 0, time.FixedZone("CET", 3600))

func TestParseDate(t *testing.T) {
	tests := []struct {
		in         string
		start, end string
	}{
		{"2026-12-01", "2026-12-01", ""},
		{"  2026-12-1 ", "2026-12-01", ""},
		{"2026-12-01 14:30", "2026-12-01T14:30:00+01:00", ""},
		{"2026-12-01T14:30", "2026-12-01T14:30:00+01:00", ""},
		{"2026-12-01 14:30:15", "2026-12-01T14:30:15+01:00", ""},
		{"2026-12-01 2:30pm", "2026-12-01T14:30:00+01:00", ""},
		{"2026-12-01 at 2 PM", "2026-12-01T14:00:00+01:00", ""},
		{"2026-12-01 12am", "2026-12-01T00:00:00+01:00", ""},
		{"2026-12-01T14:30:00Z", "2026-12-01T14:30:00Z", ""},
		{"2026-12-01T14:30:00.250+05:30", "2026-12-01T14:30:00+05:30", ""},
		{"2026-12-01 09:00 -0800", "2026-12-01T09:00:00-08:00", ""},
		{"today", "2026-11-21", ""},
		{"Tomorrow", "2026-11-22", ""},
		{"yesterday", "2026-11-20", ""},
		{"tomorrow 9:00", "2026-11-22T09:00:00+01:00", ""},
		{"tomorrow at 9am", "2026-11-22T09:00:00+01:00", ""},
		{"next monday", "2026-11-23", ""},
		{"friday", "2026-11-27", ""},
		{"saturday", "2026-11-28", ""}, // today is a Saturday: the next one
		{"next sun 18:00", "2026-11-22T18:00:00+01:00", ""},
		{"in 3 days", "2026-11-24", ""},
		{"in 2 weeks", "2026-12-05", ""},
		{"now", "2026-11-21T14:02:00+01:00", ""},
		{"2026-12-01 → 2026-12-05", "2026-12-01", "2026-12-05"},
		{"2026-12-01→2026-12-05", "2026-12-01", "2026-12-05"},
		{"2026-12-01 -> 2026-12-05", "2026-12-01", "2026-12-05"},
		{"2026-12-01..2026-12-05", "2026-12-01", "2026-12-05"},
		{"2026-12-01 to 2026-12-05", "2026-12-01", "2026-12-05"},
		{"2026-12-01 14:00 → 16:30", "2026-12-01T14:00:00+01:00", "2026-12-01T16:30:00+01:00"},
		{"2026-12-01 14:00 to 2026-12-02 09:00", "2026-12-01T14:00:00+01:00", "2026-12-02T09:00:00+01:00"},
		{"today to in 3 days", "2026-11-21", "2026-11-24"},
		{"2026-12-01 → 2026-12-01", "2026-12-01", "2026-12-01"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in, testNow)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		end := ""
		if d.End != nil {
			end = *d.End
		}
		if d.Start != tt.start || end != tt.end || d.TimeZone != nil {
			t.Errorf("ParseDate(%q) = %q → %q, want %q → %q", tt.in, d.Start, end, tt.start, tt.end)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "expected a date like 2026-12-01"},
		{"someday", "expected a date like 2026-12-01"},
		{"12/01/2026", "expected a date like 2026-12-01"},
		{"2026-13-01", "2026-13-01 is not a calendar date"},
		{"2026-02-30", "2026-02-30 is not a calendar date"},
		{"0000-01-01", "not a calendar date"},
		{"14:30", "is a time without a day"},
		{"2026-12-01 25:00", "hours go to 23"},
		{"2026-12-01 14:60", "minutes and seconds to 59"},
		{"2026-12-01 13pm", "the hour goes from 1 to 12"},
		{"2026-12-01 14", `"14" needs minutes, like 14:00`},
		{"2026-12-01 9", "like 9:00 or 9pm"},
		{"2026-12-01 quarter past", "is not a time of day"},
		{"2026-12-01 14:00+15:00", "is not a UTC offset"},
		{"2026-12-05 → 2026-12-01", "ends (2026-12-01) before it starts (2026-12-05)"},
		{"2026-12-01 16:00 → 14:00", "before it starts"},
		{"2026-12-01 14:00 → 2026-12-05", "a time for both ends"},
		{"2026-12-01 → 2026-12-05 10:00", "a time for both ends"},
		{"2026-12-01 →", "the range has no end"},
		{"2026-12-01 → 16:00", "a time without a day"},
	}
	for _, tt := range tests {
		_, err := ParseDate(tt.in, testNow)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseDate(%q) error = %v, want it to mention %q", tt.in, err, tt.want)
		}
	}
}

func TestParseDateDaylightSaving(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 27, 10, 0, 0, 0, berlin)
	for in, want := range map[string]string{
		"2026-03-28 12:00": "2026-03-28T12:00:00+01:00",
		"2026-03-29 12:00": "2026-03-29T12:00:00+02:00", // summer time began that night
		"in 2 days 12:00":  "2026-03-29T12:00:00+02:00",
		"tomorrow":         "2026-03-28",
	} {
		d, err := ParseDate(in, now)
		if err != nil || d.Start != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, d.Start, err, want)
		}
	}
}

func TestDescribeDate(t *testing.T) {
	str := func(s string) *string { return &s }
	tests := []struct {
		d    notionapi.DateValue
		want string
	}{
		{notionapi.DateValue{Start: "2026-12-01"}, "Tue 1 Dec 2026"},
		{notionapi.DateValue{Start: "2026-12-01", End: str("2026-12-05")}, "Tue 1 Dec → Sat 5 Dec 2026"},
		{notionapi.DateValue{Start: "2026-12-30", End: str("2027-01-02")}, "Wed 30 Dec 2026 → Sat 2 Jan 2027"},
		{notionapi.DateValue{Start: "2026-12-01T14:30:00+01:00"}, "Tue 1 Dec 2026 14:30 +01:00"},
		{notionapi.DateValue{Start: "2026-12-01T14:00:00+01:00", End: str("2026-12-01T16:30:00+01:00")}, "Tue 1 Dec 2026 14:00 → 16:30 +01:00"},
		{notionapi.DateValue{Start: "2026-12-01T14:00:00+01:00", End: str("2026-12-02T09:00:00+01:00")}, "Tue 1 Dec 2026 14:00 +01:00 → Wed 2 Dec 2026 09:00 +01:00"},
		{notionapi.DateValue{Start: "soon"}, "soon"},
	}
	for _, tt := range tests {
		if got := DescribeDate(tt.d); got != tt.want {
			t.Errorf("DescribeDate(%+v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// FuzzParseDate checks that any input either fails with a message or
// gives a value Notion takes, whose ends are in order, and which reads
// back to itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-12-01", "2026-12-01 14:30", "tomorrow 9am", "next fri", "in 10 weeks",
		"2026-12-01 → 2026-12-05", "2026-12-01T10:00:00.5-03:30..2026-12-01 23:59", "now to in 1 day", "9999-12-31 23:59:59 +14:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, testNow)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseDate(%q): empty error message", s)
			}
			return
		}
		start := mustInstant(t, d.Start)
		text := d.Start
		if d.End != nil {
			if end := mustInstant(t, *d.End); end.Before(start) {
				t.Fatalf("ParseDate(%q): end %s before start %s", s, *d.End, d.Start)
			}
			if (len(*d.End) == len(time.DateOnly)) != (len(d.Start) == len(time.DateOnly)) {
				t.Fatalf("ParseDate(%q): a date and a date-time mixed: %s → %s", s, d.Start, *d.End)
			}
			text += " → " + *d.End
		}
		again, err := ParseDate(text, testNow)
		if err != nil || again.Start != d.Start || (d.End == nil) != (again.End == nil) || d.End != nil && *again.End != *d.End {
			t.Fatalf("ParseDate(%q) = %q, which reads back as %+v, %v", s, text, again, err)
		}
	})
}

func mustInstant(t *testing.T, s string) time.Time {
	t.Helper()
	if x, err := time.Parse(time.DateOnly, s); err == nil {
		return x
	}
	x, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("%q is neither a date nor an RFC 3339 date-time", s)
	}
	return x
}

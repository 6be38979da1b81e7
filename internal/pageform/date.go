package pageform

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/notion-tui/notion-tui/notionapi"
)

// DateHint lists the date forms ParseDate accepts.
const DateHint = "2026-12-01 · 2026-12-01 14:30 · tomorrow · next monday · 2026-12-01 → 2026-12-05"

var errDate = errors.New("expected a date like 2026-12-01, 2026-12-01 14:30, today, tomorrow or next monday, or a range like 2026-12-01 → 2026-12-05")

// rangeSeparators split a range into its start and end.
var rangeSeparators = []string{"→", "->", "..", " to "}

var (
	reISODate = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[t ](?:at )?(.+))?$`)
	})
	reKeyword = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(today|tomorrow|yesterday)(?: (?:at )?(.+))?$`) })
	reWeekday = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:next )?(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:at )?(.+))?$`)
	})
	reIn = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^in ([0-9]{1,4}) (day|days|week|weeks)(?: (?:at )?(.+))?$`)
	})
	reTime = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([0-9]{1,2})(?::([0-9]{2}))?(?::([0-9]{2})(?:\.[0-9]+)?)? ?(am|pm)? ?(z|[+-][0-9]{2}(?::?[0-9]{2})?)?$`)
	})
	reOnlyAt = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:at )?(.+)$`) })
)

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// point is one end of a date value.
type point struct {
	t       time.Time
	hasTime bool
}

// String writes the point as Notion takes it: 2026-12-01, or an RFC 3339
// date-time with the offset of its zone.
func (p point) String() string {
	if !p.hasTime {
		return p.t.Format(time.DateOnly)
	}
	return p.t.Format(time.RFC3339)
}

// ParseDate reads a date or a range typed for a date property:
//
//	2026-12-01            a day
//	2026-12-01 14:30      a day and time (also 2:30pm, 14:30:05, ISO 8601 with T)
//	2026-12-01T14:30Z     a date-time with its own offset (Z, +02:00)
//	today, tomorrow, yesterday, next monday, friday, in 3 days, in 2 weeks
//	                      (each may be followed by a time: tomorrow 9:00)
//	A → B, A -> B, A..B, A to B   a range; B may be a time alone (same day)
//
// now is the current time in the user's zone: relative days count from its
// date, and times without an offset are in its zone and sent with that
// zone's offset. Weekdays name the next such day after today.
func ParseDate(s string, now time.Time) (notionapi.DateValue, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if t == "" {
		return notionapi.DateValue{}, errDate
	}
	startText, endText, isRange := splitRange(t)
	start, err := parsePoint(startText, now)
	if err != nil {
		return notionapi.DateValue{}, err
	}
	d := notionapi.DateValue{Start: start.String()}
	if !isRange {
		return d, nil
	}
	end, err := parseEnd(endText, start, now)
	if err != nil {
		return notionapi.DateValue{}, err
	}
	switch {
	case start.hasTime != end.hasTime:
		return notionapi.DateValue{}, errors.New("give a time for both ends of the range, or for neither")
	case end.t.Before(start.t):
		return notionapi.DateValue{}, fmt.Errorf("the range ends (%s) before it starts (%s)", end, start)
	}
	e := end.String()
	d.End = &e
	return d, nil
}

func splitRange(t string) (start, end string, ok bool) {
	for _, sep := range rangeSeparators {
		if a, b, found := strings.Cut(t, sep); found {
			return strings.TrimSpace(a), strings.TrimSpace(b), true
		}
	}
	return t, "", false
}

// parseEnd reads the end of a range: a point, or a time alone on the
// start's day.
func parseEnd(t string, start point, now time.Time) (point, error) {
	if t == "" {
		return point{}, errors.New("the range has no end; write it like 2026-12-01 → 2026-12-05")
	}
	if m := reOnlyAt().FindStringSubmatch(t); m != nil && reTime().MatchString(m[1]) && start.hasTime {
		return atTime(start.t, m[1])
	}
	return parsePoint(t, now)
}

// parsePoint reads one date, with an optional time.
func parsePoint(t string, now time.Time) (point, error) {
	loc := now.Location()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	var day time.Time
	var clock string
	switch {
	case reISODate().MatchString(t):
		m := reISODate().FindStringSubmatch(t)
		var err error
		if day, err = calendarDay(m[1], m[2], m[3], loc); err != nil {
			return point{}, err
		}
		clock = m[4]
	case reKeyword().MatchString(t):
		m := reKeyword().FindStringSubmatch(t)
		day = today.AddDate(0, 0, map[string]int{"today": 0, "tomorrow": 1, "yesterday": -1}[m[1]])
		clock = m[2]
	case reWeekday().MatchString(t):
		m := reWeekday().FindStringSubmatch(t)
		want := weekdays[m[1][:3]]
		ahead := (int(want)-int(today.Weekday())+6)%7 + 1
		day = today.AddDate(0, 0, ahead)
		clock = m[2]
	case reIn().MatchString(t):
		m := reIn().FindStringSubmatch(t)
		n, _ := strconv.Atoi(m[1])
		if strings.HasPrefix(m[2], "week") {
			n *= 7
		}
		day = today.AddDate(0, 0, n)
		clock = m[3]
	case t == "now":
		return point{t: now.Truncate(time.Minute), hasTime: true}, nil
	default:
		if reTime().MatchString(t) {
			return point{}, fmt.Errorf("%q is a time without a day; write it like today %s or 2026-12-01 %s", t, t, t)
		}
		return point{}, errDate
	}
	if clock == "" {
		return point{t: day}, nil
	}
	return atTime(day, clock)
}

// calendarDay checks and builds a date from its numbers.
func calendarDay(y, m, d string, loc *time.Location) (time.Time, error) {
	year, _ := strconv.Atoi(y)
	month, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	t := time.Date(year, time.Month(month), dd, 0, 0, 0, 0, loc)
	if year < 1 || t.Year() != year || int(t.Month()) != month || t.Day() != dd {
		return time.Time{}, fmt.Errorf("%s-%s-%s is not a calendar date (year-month-day)", y, m, d)
	}
	return t, nil
}

// atTime sets the time of day (and maybe the offset) of day.
func atTime(day time.Time, clock string) (point, error) {
	m := reTime().FindStringSubmatch(clock)
	if m == nil {
		return point{}, fmt.Errorf("%q is not a time of day; write it like 14:30 or 2:30pm", clock)
	}
	hour, _ := strconv.Atoi(m[1])
	if m[2] == "" && m[4] == "" {
		msg := fmt.Sprintf("%q needs minutes, like %s:00", clock, m[1])
		if hour >= 1 && hour <= 12 {
			msg += " or " + m[1] + "pm"
		}
		return point{}, errors.New(msg)
	}
	minute, _ := strconv.Atoi(m[2])
	sec, _ := strconv.Atoi(m[3])
	switch m[4] {
	case "am", "pm":
		if hour < 1 || hour > 12 {
			return point{}, fmt.Errorf("%q: with am or pm the hour goes from 1 to 12", clock)
		}
		hour %= 12
		if m[4] == "pm" {
			hour += 12
		}
	}
	if hour > 23 || minute > 59 || sec > 59 {
		return point{}, fmt.Errorf("%q is not a time of day; hours go to 23, minutes and seconds to 59", clock)
	}
	loc := day.Location()
	if m[5] != "" {
		var err error
		if loc, err = offsetZone(m[5]); err != nil {
			return point{}, err
		}
	}
	t := time.Date(day.Year(), day.Month(), day.Day(), hour, minute, sec, 0, loc)
	return point{t: t, hasTime: true}, nil
}

// offsetZone reads z, +02, +0200 or +02:00.
func offsetZone(s string) (*time.Location, error) {
	if s == "z" {
		return time.UTC, nil
	}
	digits := strings.ReplaceAll(s[1:], ":", "")
	h, _ := strconv.Atoi(digits[:2])
	mins := 0
	if len(digits) == 4 {
		mins, _ = strconv.Atoi(digits[2:])
	}
	if h > 14 || mins > 59 || len(digits) == 3 {
		return nil, fmt.Errorf("%q is not a UTC offset; write it like +02:00", s)
	}
	off := (h*60 + mins) * 60
	if s[0] == '-' {
		off = -off
	}
	return time.FixedZone("", off), nil
}

// DescribeDate renders a date value for a person: "Tue 1 Dec 2026",
// "Tue 1 Dec 2026 14:30 +01:00", "Tue 1 Dec → Sat 5 Dec 2026", "Tue 1 Dec
// 2026 14:00 → 16:30 +01:00".
func DescribeDate(d notionapi.DateValue) string {
	start, startTime := parsePointText(d.Start)
	if d.End == nil || *d.End == "" {
		return describePoint(start, startTime, d.Start)
	}
	end, endTime := parsePointText(*d.End)
	switch {
	case start.IsZero() || end.IsZero():
		return describePoint(start, startTime, d.Start) + " → " + describePoint(end, endTime, *d.End)
	case startTime && endTime && sameDay(start, end) && start.Format("-07:00") == end.Format("-07:00"):
		return start.Format("Mon 2 Jan 2006 15:04") + " → " + end.Format("15:04 -07:00")
	case !startTime && !endTime && start.Year() == end.Year():
		return start.Format("Mon 2 Jan") + " → " + end.Format("Mon 2 Jan 2006")
	}
	return describePoint(start, startTime, d.Start) + " → " + describePoint(end, endTime, *d.End)
}

// parsePointText reads a date or an RFC 3339 date-time; the zero time
// when it is neither.
func parsePointText(s string) (t time.Time, hasTime bool) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, false
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

func describePoint(t time.Time, hasTime bool, raw string) string {
	switch {
	case t.IsZero():
		return raw
	case hasTime:
		return t.Format("Mon 2 Jan 2006 15:04 -07:00")
	}
	return t.Format("Mon 2 Jan 2006")
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

package notiontest

import "time"

// Time layouts of Notion answers and of the inputs it accepts.
const (
	timestampLayout = "2006-01-02T15:04:05.000Z07:00" // created_time and friends, in UTC ("...Z")
	dateLayout      = "2006-01-02"
	dateTimeLayout  = "2006-01-02T15:04:05.000-07:00" // date values with a time
	localLayout     = "2006-01-02T15:04:05.000"       // date values with a time_zone
)

// minute rounds t down to the minute, as Notion stores the created_time
// and last_edited_time of pages, databases and blocks (notion-api.md 2026 A).
func minute(t time.Time) time.Time { return t.UTC().Truncate(time.Minute) }

// timestamp renders an object timestamp.
func timestamp(t time.Time) string { return t.UTC().Format(timestampLayout) }

// day truncates t to its UTC calendar day.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// dateOnly is a date value without a time.
func dateOnly(t time.Time) *dateValue {
	d := day(t)
	return &dateValue{start: d.Format(dateLayout), startAt: d}
}

// dateTime is a date value with a time, in UTC.
func dateTime(t time.Time) *dateValue {
	t = t.UTC().Truncate(time.Millisecond)
	return &dateValue{start: t.Format(dateTimeLayout), startAt: t, hasTime: true}
}

// until makes d a range ending at end (of the same kind as the start).
func (d *dateValue) until(end time.Time) *dateValue {
	r := *d
	r.hasEnd = true
	if d.hasTime {
		r.endAt = end.UTC().Truncate(time.Millisecond)
		r.end = r.endAt.Format(dateTimeLayout)
	} else {
		r.endAt = day(end)
		r.end = r.endAt.Format(dateLayout)
	}
	return &r
}

// parseDate reads an ISO 8601 date or date-time. In loc (a page's
// time_zone, or UTC) for times without an offset. It returns the
// instant, whether a time was given, whether an offset was given, and the
// rendered form.
func parseDate(s string, loc *time.Location) (at time.Time, hasTime, hasOffset bool, ok bool) {
	if t, err := time.ParseInLocation(dateLayout, s, time.UTC); err == nil {
		return t, false, false, true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true, true, true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true, false, true
		}
	}
	return time.Time{}, false, false, false
}

// renderDate is the answer form of a parsed date: a day, a time with its
// offset, or a local time when the value has a time_zone.
func renderDate(at time.Time, hasTime bool, timeZone string) string {
	switch {
	case !hasTime:
		return at.Format(dateLayout)
	case timeZone != "":
		return at.Format(localLayout)
	}
	return at.Format(dateTimeLayout)
}

// timestampOf renders a time.Time value as a timestamp, anything else as
// null.
func timestampOf(v any) any {
	if t, ok := v.(time.Time); ok {
		return timestamp(t)
	}
	return nil
}

package notionapi

import (
	"strconv"
	"strings"
	"time"
)

// Cell renders any property value as short plain text for a table cell or
// a CSV field: text as is, numbers without trailing zeros, options by name,
// lists joined with ", ", dates as "start → end", checkboxes as true/false,
// people by name, relations by page ID. A value of an unknown type renders
// as its type in angle brackets, so it is visible rather than blank.
func Cell(v PropertyValue) string { return CellWith(v, nil) }

// TitleFunc returns the title to show for a related page, and false when
// it is not known (the page's ID is shown then).
type TitleFunc func(id string) (string, bool)

// CellWith is Cell that shows related pages (in relations and in rollups
// of relations) by the titles title knows; nil shows IDs, as Cell does.
func CellWith(v PropertyValue, title TitleFunc) string {
	switch v.Type {
	case PropTitle:
		return v.Title.Plain()
	case PropRichText:
		return v.RichText.Plain()
	case PropNumber:
		return numberText(v.Number)
	case PropSelect:
		return optionName(v.Select)
	case PropStatus:
		return optionName(v.Status)
	case PropMultiSelect:
		return join(v.MultiSelect, func(o SelectOption) string { return o.Name })
	case PropDate:
		return DateText(v.Date)
	case PropCheckbox:
		return strconv.FormatBool(v.Checkbox)
	case PropURL:
		return deref(v.URL)
	case PropEmail:
		return deref(v.Email)
	case PropPhoneNumber:
		return deref(v.PhoneNumber)
	case PropPeople:
		return join(v.People, userName)
	case PropRelation:
		s := join(v.Relation, func(r ObjectRef) string {
			if title != nil {
				if t, ok := title(r.ID); ok {
					return t
				}
			}
			return r.ID
		})
		if v.HasMore {
			s += ", …"
		}
		return s
	case PropFiles:
		return join(v.Files, func(f File) string {
			if f.Name != "" {
				return f.Name
			}
			return f.URL()
		})
	case PropFormula:
		return formulaText(v.Formula)
	case PropRollup:
		return rollupText(v.Rollup, title)
	case PropCreatedTime:
		return timestampText(v.CreatedTime)
	case PropLastEditedTime:
		return timestampText(v.LastEditedTime)
	case PropCreatedBy:
		return userName(deref(v.CreatedBy))
	case PropLastEditedBy:
		return userName(deref(v.LastEditedBy))
	case PropUniqueID:
		if v.UniqueID == nil {
			return ""
		}
		return v.UniqueID.String()
	case PropVerification:
		if v.Verification == nil {
			return ""
		}
		return v.Verification.State
	case PropPlace:
		if v.Place == nil {
			return ""
		}
		if v.Place.Name != nil && *v.Place.Name != "" {
			return *v.Place.Name
		}
		return strconv.FormatFloat(v.Place.Lat, 'f', -1, 64) + ", " + strconv.FormatFloat(v.Place.Lon, 'f', -1, 64)
	case PropButton:
		return ""
	case "":
		return ""
	}
	return "<" + string(v.Type) + ">"
}

func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

func join[T any](xs []T, f func(T) string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return f(xs[0])
	}
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = f(x)
	}
	return strings.Join(parts, ", ")
}

func optionName(o *SelectOption) string {
	if o == nil {
		return ""
	}
	return o.Name
}

func userName(u User) string {
	switch {
	case u.Name != "":
		return u.Name
	case u.Email() != "":
		return u.Email()
	case u.ID != "":
		return "user " + shortID(u.ID)
	}
	return ""
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

func numberText(n *float64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatFloat(*n, 'f', -1, 64)
}

// DateText renders a date or range: "2026-12-01", "2026-12-01 14:30",
// "2026-12-01 → 2026-12-05". Date-times keep their own offset.
func DateText(d *DateValue) string {
	if d == nil || d.Start == "" {
		return ""
	}
	s := dateOrTime(d.Start)
	if d.End != nil && *d.End != "" {
		s += " → " + dateOrTime(*d.End)
	}
	if d.TimeZone != nil && *d.TimeZone != "" {
		s += " (" + *d.TimeZone + ")"
	}
	return s
}

func dateOrTime(s string) string {
	if len(s) <= len("2006-01-02") {
		return s
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			out := t.Format("2006-01-02 15:04")
			if _, off := t.Zone(); off != 0 {
				out += t.Format(" -07:00")
			}
			return out
		}
	}
	return s
}

func timestampText(s string) string {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC().Format("2006-01-02 15:04")
	}
	return s
}

func formulaText(f *Formula) string {
	if f == nil {
		return ""
	}
	switch f.Type {
	case "string":
		return deref(f.String)
	case "number":
		return numberText(f.Number)
	case "boolean":
		if f.Boolean == nil {
			return ""
		}
		return strconv.FormatBool(*f.Boolean)
	case "date":
		return DateText(f.Date)
	}
	return ""
}

func rollupText(r *Rollup, title TitleFunc) string {
	if r == nil {
		return ""
	}
	switch r.Type {
	case "number":
		return numberText(r.Number)
	case "date":
		return DateText(r.Date)
	case "array":
		return join(r.Array, func(v PropertyValue) string { return CellWith(v, title) })
	}
	return ""
}

// FormatNumber renders a number in a schema's number format: percent,
// currencies and thousands separators. Unknown formats fall back to the
// plain number.
func FormatNumber(n float64, format string) string {
	plain := strconv.FormatFloat(n, 'f', -1, 64)
	switch format {
	case "number_with_commas":
		return withCommas(plain)
	case "percent":
		return strconv.FormatFloat(n*100, 'f', -1, 64) + "%"
	}
	if sym, ok := currencySymbols[format]; ok {
		s := withCommas(strconv.FormatFloat(n, 'f', 2, 64))
		if strings.HasPrefix(s, "-") {
			return "-" + sym + s[1:]
		}
		return sym + s
	}
	return plain
}

var currencySymbols = map[string]string{
	"dollar": "$", "canadian_dollar": "CA$", "australian_dollar": "A$", "euro": "€", "pound": "£",
	"yen": "¥", "yuan": "CN¥", "rupee": "₹", "won": "₩", "franc": "CHF ", "real": "R$",
	"ruble": "₽", "lira": "₺", "peso": "$", "krona": "kr ", "rand": "R ", "hong_kong_dollar": "HK$",
	"new_zealand_dollar": "NZ$", "singapore_dollar": "S$", "mexican_peso": "MX$",
}

func withCommas(s string) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

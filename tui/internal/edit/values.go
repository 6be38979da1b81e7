package edit

import (
	"strconv"
	"strings"
	"time"

	"github.com/notion-tui/notion-tui/internal/pageform"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/tui/internal/fields"
	"github.com/notion-tui/notion-tui/tui/internal/widgets"
)

// ReadOnly says why a value cannot be edited here, or "" when it can:
// computed properties (Notion's reason), relations cut at 25 references,
// files kept by Notion, types the editors do not write.
func ReadOnly(prop notionapi.PropertySchema, v notionapi.PropertyValue) string {
	if !pageform.Editable(prop) {
		return pageform.ReadOnlyReason(prop)
	}
	switch {
	case prop.Type == notionapi.PropRelation && v.HasMore:
		return "relates to more than 25 pages; edit it in Notion"
	case prop.Type == notionapi.PropFiles:
		for _, f := range v.Files {
			if f.External == nil {
				return "holds files uploaded to Notion, which cannot be sent back from here; edit it in Notion"
			}
		}
	}
	return ""
}

// Fill puts a value in a field's editor, as the user would have typed it:
// parsing the text gives the value back.
func Fill(f *fields.Field, v notionapi.PropertyValue, users []notionapi.User) {
	switch f.Kind {
	case fields.KindCheck:
		f.On = v.Checkbox
		return
	case fields.KindChoice:
		f.Picked = nil
		switch v.Type {
		case notionapi.PropSelect:
			if v.Select != nil {
				f.Picked = []string{v.Select.Name}
			}
		case notionapi.PropStatus:
			if v.Status != nil {
				f.Picked = []string{v.Status.Name}
			}
		case notionapi.PropMultiSelect:
			for _, o := range v.MultiSelect {
				f.Picked = append(f.Picked, o.Name)
			}
		}
		return
	case fields.KindPeople:
		f.Picked = nil
		for _, p := range v.People {
			f.Picked = append(f.Picked, p.ID)
			f.Labels[p.ID] = widgets.OrText(p.Name, widgets.ShortID(p.ID))
			for _, u := range users {
				if u.ID == p.ID && u.Name != "" {
					f.Labels[p.ID] = u.Name
				}
			}
		}
		return
	case fields.KindRelation:
		f.Picked = nil
		for _, r := range v.Relation {
			f.Picked = append(f.Picked, r.ID)
			if _, ok := f.Labels[r.ID]; !ok {
				f.Labels[r.ID] = widgets.ShortID(r.ID)
			}
		}
		return
	}
	f.SetText(Text(f.Prop, v), nil)
}

// Text writes a value as the text its editor takes: numbers exactly (in
// the property's format), dates with their offset, lists separated by
// commas.
func Text(prop notionapi.PropertySchema, v notionapi.PropertyValue) string {
	switch v.Type {
	case notionapi.PropTitle:
		return v.Title.Plain()
	case notionapi.PropRichText:
		return v.RichText.Plain()
	case notionapi.PropNumber:
		if v.Number == nil {
			return ""
		}
		format := ""
		if prop.Number != nil {
			format = prop.Number.Format
		}
		return NumberText(*v.Number, format)
	case notionapi.PropDate:
		return DateText(v.Date)
	case notionapi.PropFiles:
		urls := make([]string, 0, len(v.Files))
		for _, f := range v.Files {
			urls = append(urls, f.URL())
		}
		return strings.Join(urls, ", ")
	case notionapi.PropPeople:
		ids := make([]string, len(v.People))
		for i, p := range v.People {
			ids[i] = p.ID
		}
		return strings.Join(ids, ", ")
	case notionapi.PropCheckbox:
		if v.Checkbox {
			return "yes"
		}
		return "no"
	}
	return notionapi.Cell(v)
}

// NumberText writes n so that pageform.ParseNumber reads it back exactly:
// all its digits, with the format's percent sign or currency symbol.
func NumberText(n float64, format string) string {
	plain := strconv.FormatFloat(n, 'f', -1, 64)
	switch {
	case format == "percent":
		return shiftPoint(plain, 2) + "%"
	case pageform.CurrencySymbol(format) != "":
		sym := pageform.CurrencySymbol(format)
		if strings.HasPrefix(plain, "-") {
			return "-" + sym + plain[1:]
		}
		return sym + plain
	}
	return plain
}

// shiftPoint moves the decimal point of a plain decimal number right by n
// places, as text, so that nothing is lost to floating point.
func shiftPoint(s string, n int) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	for len(frac) < n {
		frac += "0"
	}
	whole, frac = whole+frac[:n], frac[n:]
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	out := whole
	if frac = strings.TrimRight(frac, "0"); frac != "" {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}

// DateText writes a date as pageform.ParseDate reads it: "2026-12-01",
// "2026-12-01 14:30 +01:00" (the offset always written, Z for UTC), a
// range with " → "; a date in a named time zone is written with that
// zone's offset.
func DateText(d *notionapi.DateValue) string {
	if d == nil || d.Start == "" {
		return ""
	}
	zone := time.UTC
	if d.TimeZone != nil && *d.TimeZone != "" {
		if l, err := time.LoadLocation(*d.TimeZone); err == nil {
			zone = l
		}
	}
	s := pointText(d.Start, zone)
	if d.End != nil && *d.End != "" {
		s += " → " + pointText(*d.End, zone)
	}
	return s
}

func pointText(s string, zone *time.Location) string {
	if len(s) <= len(time.DateOnly) {
		return s
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return stamp(t)
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, zone); err == nil {
			return stamp(t)
		}
	}
	return s
}

func stamp(t time.Time) string {
	layout := "2006-01-02 15:04"
	if t.Second() != 0 {
		layout = "2006-01-02 15:04:05"
	}
	if _, off := t.Zone(); off == 0 {
		return t.Format(layout) + " Z"
	}
	return t.Format(layout + " -07:00")
}

// Value reads what a field holds as the value to send: what was typed,
// as `notion-tui update` reads it (empty text empties the property), or
// the options picked, a new one included where Notion adds it.
func Value(f *fields.Field, env pageform.Env) (notionapi.PropertyValue, error) {
	switch f.Kind {
	case fields.KindCheck:
		return notionapi.CheckboxValue(f.On), nil
	case fields.KindChoice:
		if len(f.Picked) == 0 {
			return pageform.ClearValue(f.Prop)
		}
		switch f.Prop.Type {
		case notionapi.PropStatus:
			o, err := pageform.MatchOption(f.Prop, f.Picked[0])
			if err != nil {
				return notionapi.PropertyValue{}, err
			}
			return notionapi.StatusValue(o.Name), nil
		case notionapi.PropSelect:
			if o, err := pageform.MatchOption(f.Prop, f.Picked[0]); err == nil {
				return notionapi.SelectValue(o.Name), nil
			}
			return pageform.NewOption(f.Prop, f.Picked[0], nil)
		}
		names := make([]string, 0, len(f.Picked))
		for _, n := range f.Picked {
			if o, err := pageform.MatchOption(f.Prop, n); err == nil {
				n = o.Name
			} else if _, err := pageform.NewOption(f.Prop, n, nil); err != nil {
				return notionapi.PropertyValue{}, err
			}
			names = append(names, n)
		}
		return notionapi.MultiSelectValue(names...), nil
	case fields.KindRelation:
		return notionapi.RelationValue(f.Picked...), nil
	case fields.KindPeople:
		return notionapi.PeopleValue(f.Picked...), nil
	}
	return pageform.ParseEdit(f.Prop, f.Text(), env)
}

// Named fills in the names and colours of a value's options from the
// schema: a value written back by an undo names its options by ID only.
func Named(prop notionapi.PropertySchema, v notionapi.PropertyValue) notionapi.PropertyValue {
	opts := prop.Options()
	if len(opts) == 0 {
		return v
	}
	name := func(o notionapi.SelectOption) notionapi.SelectOption {
		if o.Name != "" || o.ID == "" {
			return o
		}
		for _, s := range opts {
			if s.ID == o.ID {
				return s
			}
		}
		return o
	}
	if v.Select != nil {
		o := name(*v.Select)
		v.Select = &o
	}
	if v.Status != nil {
		o := name(*v.Status)
		v.Status = &o
	}
	if len(v.MultiSelect) > 0 {
		ms := make([]notionapi.SelectOption, len(v.MultiSelect))
		for i, o := range v.MultiSelect {
			ms[i] = name(o)
		}
		v.MultiSelect = ms
	}
	return v
}

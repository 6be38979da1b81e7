package notionapi

// WritableValue turns a value read from a page into one a page create or
// update takes, so that an earlier value can be put back (an undo): rich
// text keeps its text, styles, links and mentions but not the fields only
// answers carry (plain_text, href); options are named by ID when they
// have one (a renamed option stays the same); people and relations keep
// their IDs only; files keep their name and link. ok is false for the
// types Notion computes (formula, rollup, timestamps, unique ID, button)
// and for a relation cut at 25 references, which cannot be written back
// whole.
func WritableValue(v PropertyValue) (PropertyValue, bool) {
	if v.Type.ReadOnly() || v.Type == PropRelation && v.HasMore {
		return PropertyValue{}, false
	}
	out := PropertyValue{Type: v.Type}
	switch v.Type {
	case PropTitle:
		out.Title = writableRuns(v.Title)
	case PropRichText:
		out.RichText = writableRuns(v.RichText)
	case PropNumber:
		out.Number = v.Number
	case PropSelect:
		out.Select = writableOption(v.Select)
	case PropStatus:
		out.Status = writableOption(v.Status)
	case PropMultiSelect:
		out.MultiSelect = []SelectOption{}
		for _, o := range v.MultiSelect {
			out.MultiSelect = append(out.MultiSelect, *writableOption(&o))
		}
	case PropDate:
		out.Date = v.Date
	case PropCheckbox:
		out.Checkbox = v.Checkbox
	case PropURL:
		out.URL = v.URL
	case PropEmail:
		out.Email = v.Email
	case PropPhoneNumber:
		out.PhoneNumber = v.PhoneNumber
	case PropPeople:
		out.People = []User{}
		for _, u := range v.People {
			out.People = append(out.People, User{Object: "user", ID: u.ID})
		}
	case PropRelation:
		out.Relation = []ObjectRef{}
		for _, r := range v.Relation {
			out.Relation = append(out.Relation, ObjectRef{ID: r.ID})
		}
	case PropFiles:
		out.Files = []File{}
		for _, f := range v.Files {
			w := File{Name: f.Name, Type: f.Type, External: f.External, FileUpload: f.FileUpload}
			if f.File != nil {
				w.File = &FileURL{URL: f.File.URL}
			}
			out.Files = append(out.Files, w)
		}
	case PropVerification:
		if v.Verification != nil {
			out.Verification = &Verification{State: v.Verification.State, Date: v.Verification.Date}
		}
	case PropPlace:
		out.Place = v.Place
	default:
		out.Raw = v.Raw
	}
	return out, true
}

func writableOption(o *SelectOption) *SelectOption {
	if o == nil {
		return nil
	}
	if o.ID != "" {
		return &SelectOption{ID: o.ID}
	}
	return &SelectOption{Name: o.Name}
}

func writableRuns(rt RichTexts) RichTexts {
	out := RichTexts{}
	for _, r := range rt {
		w := RichText{Type: r.Type, Equation: r.Equation, Annotations: r.Annotations}
		switch {
		case r.Mention != nil:
			m := *r.Mention
			if m.User != nil {
				m.User = &User{Object: "user", ID: m.User.ID}
			}
			w.Type, w.Mention = "mention", &m
		case r.Equation != nil:
			w.Type = "equation"
		default:
			w.Type = "text"
			t := Text{Content: r.plain()}
			if r.Text != nil {
				t.Link = r.Text.Link
			}
			if t.Link == nil && r.Href != nil && *r.Href != "" {
				t.Link = &Link{URL: *r.Href}
			}
			w.Text = &t
		}
		out = append(out, w)
	}
	return out
}

package filter

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/notion-tui/notion-tui/internal/textutil"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Value readers, one per family. Each turns a value token into the JSON of
// a condition's operand, or returns an error positioned at the token.

func (c *compiler) textValue(_ *target, v token) (json.RawMessage, error) {
	return jsonString(v.val), nil
}

func (c *compiler) numberValue(t *target, v token) (json.RawMessage, error) {
	if !isNumber(v.val) {
		return nil, c.errAt(v.pos, nil, "bad number %s for %s; write a number such as 42, -3 or 2.5", v.quoted(), strconv.Quote(t.name()))
	}
	f, err := strconv.ParseFloat(v.val, 64)
	if err != nil {
		return nil, c.errAt(v.pos, nil, "number %s for %s is out of range", v.quoted(), strconv.Quote(t.name()))
	}
	return json.Marshal(f)
}

// uniqueIDValue reads a unique ID number, bare (12) or with the property's
// prefix (TASK-12).
func (c *compiler) uniqueIDValue(t *target, v token) (json.RawMessage, error) {
	num := v.val
	if i := strings.LastIndexByte(num, '-'); i > 0 {
		prefix := num[:i]
		num = num[i+1:]
		if want := uniqueIDPrefix(t.prop); want != "" && !strings.EqualFold(prefix, want) {
			return nil, c.errAt(v.pos, nil, "%s does not match %s, whose IDs look like %s-12", v.quoted(), strconv.Quote(t.name()), want)
		}
	}
	n, err := strconv.ParseUint(num, 10, 53)
	if err != nil {
		example := "TASK-12"
		if p := uniqueIDPrefix(t.prop); p != "" {
			example = p + "-12"
		}
		return nil, c.errAt(v.pos, nil, "bad ID %s for %s; write its number, such as 12 or %s", v.quoted(), strconv.Quote(t.name()), example)
	}
	return strconv.AppendUint(nil, n, 10), nil
}

func uniqueIDPrefix(p *notionapi.PropertySchema) string {
	if p == nil || p.UniqueID == nil || p.UniqueID.Prefix == nil {
		return ""
	}
	return *p.UniqueID.Prefix
}

func (c *compiler) checkboxValue(t *target, v token) (json.RawMessage, error) {
	switch {
	case strings.EqualFold(v.val, "true"):
		return json.RawMessage("true"), nil
	case strings.EqualFold(v.val, "false"):
		return json.RawMessage("false"), nil
	}
	return nil, c.errAt(v.pos, checkboxWords, "expected true or false for %s, found %s", strconv.Quote(t.name()), v.quoted())
}

// optionValue checks a select, multi-select or status value against the
// property's options, fixing its case. Without a known option list (a
// rollup of options) the value is taken as written.
func (c *compiler) optionValue(t *target, v token) (json.RawMessage, error) {
	names := c.optionNames(t)
	if names == nil {
		return jsonString(v.val), nil
	}
	i, ambiguous := resolveName(v.val, names)
	switch {
	case i >= 0:
		return jsonString(names[i]), nil
	case len(ambiguous) > 0:
		return nil, c.errAt(v.pos, ambiguous, "%s matches several options of %s when case is ignored (%s); write it with its exact case",
			v.quoted(), strconv.Quote(t.name()), quotedList(ambiguous))
	case len(names) == 0:
		return nil, c.errAt(v.pos, nil, "%s has no options", strconv.Quote(t.name()))
	}
	return nil, c.errAt(v.pos, names, "unknown option %s for %s%s", v.quoted(), strconv.Quote(t.name()), suggest(v.val, names))
}

// optionNames returns the option names of a select, multi-select or status
// property, or nil when the schema does not list them.
func (c *compiler) optionNames(t *target) []string {
	p := t.prop
	if p == nil || p.Select == nil && p.MultiSelect == nil && p.Status == nil {
		return nil
	}
	opts := p.Options()
	names := make([]string, len(opts))
	for i, o := range opts {
		names[i] = o.Name
	}
	return names
}

// dateValue reads a date, a date-time or a relative day.
func (c *compiler) dateValue(_ *target, v token) (json.RawMessage, error) {
	if d, ok := c.relativeDate(v.val); ok {
		return jsonString(d), nil
	}
	d, err := normalizeDate(v.val)
	if err != nil {
		return nil, c.errAt(v.pos, dateWords,
			"bad date %s (%v); write YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|±hh:mm], today, tomorrow or yesterday", v.quoted(), err)
	}
	return jsonString(d), nil
}

// relativeDate resolves today, tomorrow and yesterday to dates, and now to
// a date-time, with the injected clock.
func (c *compiler) relativeDate(s string) (string, bool) {
	days := map[string]int{"yesterday": -1, "today": 0, "tomorrow": 1}
	if n, ok := days[strings.ToLower(s)]; ok {
		return c.now().AddDate(0, 0, n).Format(time.DateOnly), true
	}
	if strings.EqualFold(s, "now") {
		return c.now().Format(time.RFC3339), true
	}
	return "", false
}

// normalizeDate checks an ISO 8601 date or date-time and returns it in the
// form Notion documents: 2026-12-01, 2026-12-01T09:30:00 or
// 2026-12-01T09:30:00+02:00. A space may stand for the T.
func normalizeDate(s string) (string, error) {
	if len(s) > len(time.DateOnly) && s[len(time.DateOnly)] == ' ' {
		s = s[:len(time.DateOnly)] + "T" + s[len(time.DateOnly)+1:]
	}
	_, clock, hasClock := strings.Cut(s, "T")
	in, out := time.DateOnly, time.DateOnly
	if hasClock {
		in, out = "2006-01-02T15:04", "2006-01-02T15:04:05.999999999"
		zone := strings.IndexAny(clock, "Z+-")
		hm := clock
		if zone >= 0 {
			hm = clock[:zone]
		}
		if strings.Count(hm, ":") >= 2 {
			in += ":05"
		}
		if zone >= 0 {
			in += "Z07:00"
			out += "Z07:00"
		}
	}
	d, err := time.Parse(in, s)
	if err != nil {
		var pe *time.ParseError
		if errors.As(err, &pe) && pe.Message != "" {
			return "", errors.New(strings.TrimPrefix(pe.Message, ": "))
		}
		return "", errors.New("not a date in a known form")
	}
	return d.Format(out), nil
}

// looksLikeDate reports whether s reads as a date (for type inference):
// a relative day or something starting with YYYY-MM-DD.
func looksLikeDate(s string) bool {
	switch strings.ToLower(s) {
	case "today", "tomorrow", "yesterday", "now":
		return true
	}
	if len(s) < len(time.DateOnly) {
		return false
	}
	for i, c := range []byte(s[:len(time.DateOnly)]) {
		if (i == 4 || i == 7) != (c == '-') || c != '-' && !isDigit(c) {
			return false
		}
	}
	return true
}

// userValue reads a person: me, a user ID, or the name or email of one of
// Options.Users.
func (c *compiler) userValue(_ *target, v token) (json.RawMessage, error) {
	if v.isWord("me") {
		return jsonString("me"), nil
	}
	if id, err := notionapi.ParseID(v.val); err == nil {
		return jsonString(id), nil
	}
	for _, same := range []func(u *notionapi.User) bool{
		func(u *notionapi.User) bool { return u.Name == v.val },
		func(u *notionapi.User) bool { return strings.EqualFold(u.Name, v.val) },
		func(u *notionapi.User) bool { return u.Email() != "" && strings.EqualFold(u.Email(), v.val) },
	} {
		var found []*notionapi.User
		for i := range c.opts.Users {
			if same(&c.opts.Users[i]) {
				found = append(found, &c.opts.Users[i])
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return jsonString(found[0].ID), nil
		}
		return nil, c.errAt(v.pos, nil, "%s matches %d users (%s); write an email or a user ID", v.quoted(), len(found), describeUsers(found))
	}
	names := c.userNames(nil)
	if len(names) == 0 {
		return nil, c.errAt(v.pos, []string{"me"}, "unknown user %s; write me or a user ID (no user list is loaded to match names against)", v.quoted())
	}
	return nil, c.errAt(v.pos, append([]string{"me"}, names...), "unknown user %s%s", v.quoted(), suggest(v.val, names))
}

func describeUsers(users []*notionapi.User) string {
	parts := make([]string, len(users))
	for i, u := range users {
		parts[i] = u.ID
		if e := u.Email(); e != "" {
			parts[i] = e
		}
	}
	return strings.Join(parts, ", ")
}

// userNames returns the names of the known users.
func (c *compiler) userNames(*target) []string {
	var names []string
	for _, u := range c.opts.Users {
		if u.Name != "" {
			names = append(names, u.Name)
		}
	}
	return names
}

// pageValue reads a page ID in any form notionapi.ParseID takes: dashed,
// 32 hex digits, or a Notion link.
func (c *compiler) pageValue(t *target, v token) (json.RawMessage, error) {
	id, err := notionapi.ParseID(v.val)
	if err != nil && c.opts.FindPage != nil && t.prop != nil && t.prop.Type == notionapi.PropRelation {
		found, ferr := c.opts.FindPage(*t.prop, strings.TrimSpace(v.val))
		if ferr != nil {
			return nil, c.errAt(v.pos, nil, "%s: %v", strconv.Quote(t.name()), ferr)
		}
		return jsonString(found), nil
	}
	if err != nil {
		reason := err.Error()
		var ie *notionapi.IDError
		if errors.As(err, &ie) {
			reason = ie.Reason
		}
		return nil, c.errAt(v.pos, nil, "bad page ID %s for %s (%s); write a page UUID, with or without dashes, or a Notion page link",
			v.quoted(), strconv.Quote(t.name()), reason)
	}
	return jsonString(id), nil
}

// Values suggested for the families that have a fixed vocabulary.
var (
	checkboxWords      = []string{"true", "false"}
	dateWords          = []string{"today", "tomorrow", "yesterday", "now"}
	verificationStates = []string{"verified", "expired", "none"}
)

func (c *compiler) verificationValue(t *target, v token) (json.RawMessage, error) {
	for _, s := range verificationStates {
		if strings.EqualFold(v.val, s) {
			return jsonString(s), nil
		}
	}
	return nil, c.errAt(v.pos, verificationStates, "expected %s for %s, found %s", textutil.Join(verificationStates, "or"), strconv.Quote(t.name()), v.quoted())
}

// isNumber reports whether s is a decimal number: an optional minus,
// digits with an optional fraction, and an optional exponent. It rejects
// what strconv.ParseFloat would also take: hex, underscores, Inf and NaN.
func isNumber(s string) bool {
	mant, exp, hasExp := strings.Cut(strings.ToLower(strings.TrimPrefix(s, "-")), "e")
	whole, frac, _ := strings.Cut(mant, ".")
	if whole == "" && frac == "" || !allDigits(whole) || !allDigits(frac) {
		return false
	}
	if hasExp {
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			exp = exp[1:]
		}
		return exp != "" && allDigits(exp)
	}
	return true
}

func allDigits(s string) bool {
	for i := range len(s) {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// jsonString encodes s as a JSON string, leaving <, > and & as they are
// so the filter reads well where it is shown.
func jsonString(s string) json.RawMessage {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

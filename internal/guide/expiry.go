package guide

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Lifetime is how long a personal access token lasts, chosen when it is
// made. Notion offers 7, 30, 90 or 180 days, or 1 year, the default; an
// expired token answers 401 unauthorized. Source: notion-api.md, 2026
// section G, from Notion's guide to personal access tokens
// (PersonalTokensDocURL); a third-party guide says simply "expire one year
// after creation".
type Lifetime string

// Lifetimes Notion offers.
const (
	Lifetime7Days   Lifetime = "7d"
	Lifetime30Days  Lifetime = "30d"
	Lifetime90Days  Lifetime = "90d"
	Lifetime180Days Lifetime = "180d"
	Lifetime1Year   Lifetime = "1y"
	// DefaultLifetime is the one Notion picks unless told otherwise.
	DefaultLifetime = Lifetime1Year
)

// Lifetimes lists the lifetimes Notion offers, shortest first.
var Lifetimes = []Lifetime{Lifetime7Days, Lifetime30Days, Lifetime90Days, Lifetime180Days, Lifetime1Year}

// ParseLifetime reads a lifetime as stored in a profile or typed: "7d",
// "30 days", "90", "1y", "1 year", "365d". "" is no lifetime recorded
// (ExpiryOf then assumes DefaultLifetime).
func ParseLifetime(s string) (Lifetime, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	switch s {
	case "1y", "1 year", "one year", "year", "12 months", "365d", "365", "365 days":
		return Lifetime1Year, nil
	}
	digits := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(s, "days"), "day"), "d"))
	if n, err := strconv.Atoi(digits); err == nil {
		for _, l := range Lifetimes {
			if l != Lifetime1Year && l.days() == n {
				return l, nil
			}
		}
	}
	return "", fmt.Errorf("%q is not a lifetime Notion offers for personal access tokens (7, 30, 90 or 180 days, or 1 year)", s)
}

func (l Lifetime) days() int {
	n, _ := strconv.Atoi(strings.TrimSuffix(string(l), "d"))
	return n
}

// String names the lifetime: "7 days", "1 year".
func (l Lifetime) String() string {
	switch {
	case l == Lifetime1Year:
		return "1 year"
	case l == "":
		return "not recorded"
	}
	return fmt.Sprintf("%d days", l.days())
}

// ExpiresAt is when a token made at created with this lifetime stops
// working ("" counts as DefaultLifetime).
func (l Lifetime) ExpiresAt(created time.Time) time.Time {
	if l == "" || l == Lifetime1Year {
		return created.AddDate(1, 0, 0)
	}
	return created.AddDate(0, 0, l.days())
}

// warnBefore is how long before the end ExpiryOf calls it soon: a quarter
// of the lifetime, at most two weeks.
func (l Lifetime) warnBefore(created time.Time) time.Duration {
	return min(l.ExpiresAt(created).Sub(created)/4, 14*24*time.Hour)
}

// Expiry is when a personal access token stops working, from the creation
// date and lifetime recorded when it was set up.
type Expiry struct {
	Created  time.Time
	Lifetime Lifetime
	// Assumed is set when no lifetime was recorded: Notion's default of
	// one year is assumed.
	Assumed bool
	At      time.Time
	// Left is the time left at the moment ExpiryOf was asked; negative
	// once expired.
	Left time.Duration
}

// ExpiryOf tells when a personal access token made at created with
// lifetime l ("" when not recorded) expires, seen at now. ok is false when
// no creation date was recorded.
func ExpiryOf(created time.Time, l Lifetime, now time.Time) (e Expiry, ok bool) {
	if created.IsZero() {
		return Expiry{}, false
	}
	e = Expiry{Created: created, Lifetime: l}
	if l == "" {
		e.Lifetime, e.Assumed = DefaultLifetime, true
	}
	e.At = e.Lifetime.ExpiresAt(created)
	e.Left = e.At.Sub(now)
	return e, true
}

// Expired reports whether the token has expired.
func (e Expiry) Expired() bool { return e.Left <= 0 }

// Soon reports whether the token expires within a quarter of its lifetime
// (two weeks at most): time to make the next one.
func (e Expiry) Soon() bool { return !e.Expired() && e.Left <= e.Lifetime.warnBefore(e.Created) }

// Text says when the token expires, for a status line: "expires on
// 2027-11-21 (in 12 days)", "expired on 2026-11-28".
func (e Expiry) Text() string {
	day := e.At.Local().Format("2006-01-02")
	if e.Expired() {
		return "expired on " + day
	}
	s := "expires on " + day + " (in " + daysText(e.Left) + ")"
	if e.Assumed {
		s += ", assuming Notion's default lifetime of 1 year"
	}
	return s
}

func daysText(d time.Duration) string {
	switch days := int(d.Hours() / 24); {
	case d < 24*time.Hour:
		return "less than a day"
	case days == 1:
		return "1 day"
	default:
		return fmt.Sprintf("%d days", days)
	}
}

// Fix is the warning for a token that expired or expires soon; ok is
// false while it has time left.
func (e Expiry) Fix(c Context) (f Fix, ok bool) {
	if !e.Expired() && !e.Soon() {
		return Fix{}, false
	}
	f = Fix{Reason: ReasonTokenExpiring, Actions: []Action{ActReenterToken}}
	f.Title = "The personal access token " + e.Text()
	f.Summary = "Personal access tokens last what was chosen when they were made: 7, 30, 90 or 180 days, or 1 year, Notion's default (Notion's guide to personal access tokens: " + PersonalTokensDocURL + ")."
	how := "it was made on " + e.Created.Local().Format("2006-01-02") + " to last " + e.Lifetime.String()
	if e.Assumed {
		how = "it was made on " + e.Created.Local().Format("2006-01-02") + "; its lifetime was not recorded, so Notion's default of 1 year is assumed"
	}
	f.Causes = []string{how}
	f.Steps = []string{
		"Make a new personal access token at " + TokensURL + c.press(ActOpenLink) + ".",
		c.enterTokenStep(c.Kind),
	}
	if e.Expired() {
		f.Title = "The personal access token " + e.Text() + " and no longer works"
	}
	f.addLink("personal access tokens", TokensURL)
	return f, true
}

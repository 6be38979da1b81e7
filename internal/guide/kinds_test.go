package guide

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// oauthToken signs in through the sandbox's OAuth flow.
func oauthToken(t *testing.T, srv *notiontest.Server) string {
	t.Helper()
	const redirect = "http://127.0.0.1:53682/callback"
	c := sandboxClient(t, srv, "")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(c.AuthorizeURL(notiontest.OAuthClientID, redirect, "s"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	tok, err := c.ExchangeCode(context.Background(), notionapi.OAuthCredentials{ClientID: notiontest.OAuthClientID, ClientSecret: notiontest.OAuthClientSecret}, loc.Query().Get("code"), redirect)
	if err != nil {
		t.Fatal(err)
	}
	return tok.AccessToken
}

// TestIdentifyEachKindAndExplainAMismatch: what the user said they pasted
// is compared with /v1/users/me; a mismatch is information.
func TestIdentifyEachKindAndExplainAMismatch(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	tokens := map[notionapi.TokenKind]string{
		notionapi.TokenKindPersonal: notiontest.TokenPersonal,
		notionapi.TokenKindInternal: notiontest.TokenFull,
		notionapi.TokenKindPublic:   oauthToken(t, srv),
	}
	summaries := map[notionapi.TokenKind]string{
		notionapi.TokenKindPersonal: "personal access token of Maya Chen",
		notionapi.TokenKindInternal: "internal connection “notion-tui Demo” in Acme Labs",
		notionapi.TokenKindPublic:   "public connection “notion-tui OAuth Demo” in Acme Labs, authorized by Maya Chen",
	}
	for kind, token := range tokens {
		me, err := sandboxClient(t, srv, token).GetMe(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, claimed := range append(notionapi.TokenKinds, notionapi.TokenKindUnknown) {
			id := Identify(me, claimed)
			if id.Kind != kind || id.Claimed != claimed {
				t.Errorf("%s claimed %s: kind %s", kind, claimed, id.Kind)
			}
			if (id.Mismatch != "") != (claimed != notionapi.TokenKindUnknown && claimed != kind) {
				t.Errorf("%s claimed %s: mismatch %q", kind, claimed, id.Mismatch)
			}
			if strings.Contains(id.Mismatch, token) {
				t.Error("the mismatch quotes the token")
			}
		}
		if got := Identify(me, "").Summary(); !strings.HasPrefix(got, summaries[kind][:20]) {
			t.Errorf("summary %q, want %q", got, summaries[kind])
		}
	}
	me, _ := sandboxClient(t, srv, notiontest.TokenPersonal).GetMe(context.Background())
	if m := Identify(me, notionapi.TokenKindInternal).Mismatch; !strings.Contains(m, "acts as Maya Chen") || !strings.Contains(m, "nothing to share") {
		t.Errorf("personal token pasted as a connection's: %q", m)
	}
	bot, _ := sandboxClient(t, srv, notiontest.TokenFull).GetMe(context.Background())
	if m := Identify(bot, notionapi.TokenKindPersonal).Mismatch; !strings.Contains(m, "“notion-tui Demo”") || !strings.Contains(m, "Add connections") {
		t.Errorf("connection token pasted as personal: %q", m)
	}
	// A partial answer cannot tell: the claim stands.
	if id := Identify(&notionapi.User{Object: "user", ID: "x"}, notionapi.TokenKindPublic); id.Kind != notionapi.TokenKindPublic || id.Mismatch != "" {
		t.Errorf("partial answer: %+v", id)
	}
}

func TestHowToGetEachKind(t *testing.T) {
	t.Parallel()
	for _, kind := range notionapi.TokenKinds {
		for _, audience := range []Audience{CLI, TUI} {
			g := HowToGet(kind, Context{Audience: audience, Profile: "work"})
			text := strings.Join(append(g.Steps, g.Notes...), "\n")
			if g.Kind != kind || g.Title == "" || g.Blurb == "" || g.Link.URL == "" || len(g.Steps) < 3 {
				t.Errorf("%s/%s: %+v", kind, audience, g)
			}
			if !strings.Contains(text, g.Link.URL) {
				t.Errorf("%s/%s: the steps do not give %s", kind, audience, g.Link.URL)
			}
			if audience == TUI && tuiOnly.MatchString(text) {
				t.Errorf("%s in the app names a command:\n%s", kind, text)
			}
			if audience == CLI && (!strings.Contains(text, "--profile work") || cliOnly.MatchString(text)) {
				t.Errorf("%s on the command line:\n%s", kind, text)
			}
			switch kind {
			case notionapi.TokenKindPersonal:
				if strings.Contains(text, "Add connections") && !strings.Contains(text, "no sharing") || !strings.Contains(text, "Business and Enterprise") || g.Link.URL != TokensURL {
					t.Errorf("personal:\n%s", text)
				}
			case notionapi.TokenKindInternal:
				if !strings.Contains(text, "Configuration tab") || !strings.Contains(text, "Add connections") || g.Link.URL != ConnectionsURL {
					t.Errorf("internal:\n%s", text)
				}
			}
		}
	}
	if HowToGet(notionapi.TokenKindUnknown, Context{}).Kind != notionapi.TokenKindPersonal {
		t.Error("an unknown kind does not default to the fastest")
	}
}

func TestPersonalTokenExpiry(t *testing.T) {
	t.Parallel()
	created := time.Date(2026, 1, 15, 10, 0, 0, 0, time.Local)
	for _, tc := range []struct {
		life           Lifetime
		now            time.Time
		at             time.Time
		soon, expired  bool
		assumed        bool
		title, noTitle string
	}{
		{Lifetime1Year, created.AddDate(0, 6, 0), time.Date(2027, 1, 15, 10, 0, 0, 0, time.Local), false, false, false, "", ""},
		{Lifetime1Year, time.Date(2027, 1, 5, 10, 0, 0, 0, time.Local), time.Date(2027, 1, 15, 10, 0, 0, 0, time.Local), true, false, false, "expires on 2027-01-15 (in 10 days)", ""},
		{"", time.Date(2027, 1, 10, 10, 0, 0, 0, time.Local), time.Date(2027, 1, 15, 10, 0, 0, 0, time.Local), true, false, true, "assuming Notion's default lifetime of 1 year", ""},
		{Lifetime7Days, created.Add(5 * 24 * time.Hour), created.AddDate(0, 0, 7), false, false, false, "", ""},
		{Lifetime7Days, created.Add(6 * 24 * time.Hour), created.AddDate(0, 0, 7), true, false, false, "(in 1 day)", ""},
		{Lifetime30Days, created.AddDate(0, 0, 31), created.AddDate(0, 0, 30), false, true, false, "expired on 2026-02-14 and no longer works", "(in"},
	} {
		e, ok := ExpiryOf(created, tc.life, tc.now)
		if !ok || !e.At.Equal(tc.at) || e.Soon() != tc.soon || e.Expired() != tc.expired || e.Assumed != tc.assumed {
			t.Errorf("%q at %s: %+v (soon %v, expired %v)", tc.life, tc.now, e, e.Soon(), e.Expired())
			continue
		}
		f, warn := e.Fix(Context{Kind: notionapi.TokenKindPersonal, Profile: "work"})
		if warn != (tc.soon || tc.expired) {
			t.Errorf("%q at %s: warning %v", tc.life, tc.now, warn)
		}
		if !warn {
			continue
		}
		text := f.Text()
		if !strings.Contains(text, tc.title) || tc.noTitle != "" && strings.Contains(f.Title, tc.noTitle) {
			t.Errorf("%q at %s:\n%s", tc.life, tc.now, text)
		}
		// The figures say where they come from.
		if !strings.Contains(text, PersonalTokensDocURL) || !strings.Contains(text, "7, 30, 90 or 180 days, or 1 year") || !strings.Contains(text, TokensURL) ||
			!strings.Contains(text, "`notion-tui auth login --profile work`") {
			t.Errorf("%q at %s: the fix does not say where the figures come from or what to do:\n%s", tc.life, tc.now, text)
		}
	}
	if _, ok := ExpiryOf(time.Time{}, Lifetime7Days, created); ok {
		t.Error("an expiry without a creation date")
	}
}

func TestParseLifetime(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Lifetime{
		"7d": Lifetime7Days, "30 days": Lifetime30Days, "90": Lifetime90Days, "180d": Lifetime180Days,
		"1y": Lifetime1Year, "1 year": Lifetime1Year, "365d": Lifetime1Year, " 7 Days ": Lifetime7Days, "": "",
	} {
		if got, err := ParseLifetime(in); err != nil || got != want {
			t.Errorf("ParseLifetime(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"14d", "2y", "forever", "-7"} {
		if _, err := ParseLifetime(bad); err == nil {
			t.Errorf("ParseLifetime(%q) did not fail", bad)
		}
	}
	for _, l := range Lifetimes {
		if got, err := ParseLifetime(string(l)); err != nil || got != l {
			t.Errorf("%q does not round-trip", l)
		}
		if got, err := ParseLifetime(l.String()); err != nil || got != l {
			t.Errorf("%q does not round-trip through %q", l, l.String())
		}
	}
}

func TestCheckTokenForAuthStatusAndDoctor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.Local)
	made := func(daysAgo int) time.Time { return now.AddDate(0, 0, -daysAgo) }
	tests := []struct {
		name   string
		token  string
		rec    TokenRecord
		state  State
		kind   notionapi.TokenKind
		expiry bool
		inFix  string
	}{
		{"connection", notiontest.TokenFull, TokenRecord{Kind: notionapi.TokenKindInternal}, StateOK, notionapi.TokenKindInternal, false, ""},
		{"personal, months left", notiontest.TokenPersonal, TokenRecord{Kind: notionapi.TokenKindPersonal, Created: made(30), Lifetime: Lifetime1Year}, StateOK, notionapi.TokenKindPersonal, true, ""},
		{"personal, expires soon", notiontest.TokenPersonal, TokenRecord{Kind: notionapi.TokenKindPersonal, Created: made(25), Lifetime: Lifetime30Days}, StateWarning, notionapi.TokenKindPersonal, true, "expires on 2026-12-11"},
		{"personal, recorded as expired but works", notiontest.TokenPersonal, TokenRecord{Kind: notionapi.TokenKindPersonal, Created: made(40), Lifetime: Lifetime30Days}, StateOK, notionapi.TokenKindPersonal, true, ""},
		{"personal, kind not recorded", notiontest.TokenPersonal, TokenRecord{}, StateOK, notionapi.TokenKindPersonal, false, ""},
		{"connection recorded as personal", notiontest.TokenFull, TokenRecord{Kind: notionapi.TokenKindPersonal, Created: made(360)}, StateOK, notionapi.TokenKindInternal, false, ""},
		{"revoked", notiontest.TokenRevoked, TokenRecord{Kind: notionapi.TokenKindInternal}, StateFailed, "", false, "Configuration tab"},
		{"expired personal", notiontest.TokenRevoked, TokenRecord{Kind: notionapi.TokenKindPersonal, Created: made(8), Lifetime: Lifetime7Days}, StateFailed, "", true, "expired on 2026-12-05 (401 unauthorized)"},
	}
	for _, tc := range tests {
		got := CheckToken(ctx, sandboxClient(t, srv, tc.token), tc.rec, Context{}, now)
		if got.State != tc.state || got.Identity.Kind != tc.kind || (got.Expiry != nil) != tc.expiry {
			t.Errorf("%s: state %v, kind %q, expiry %v", tc.name, got.State, got.Identity.Kind, got.Expiry)
		}
		if tc.inFix != "" && (got.Fix == nil || !strings.Contains(got.Fix.Text(), tc.inFix)) {
			t.Errorf("%s: fix %+v lacks %q", tc.name, got.Fix, tc.inFix)
		}
		if tc.inFix == "" && got.Fix != nil {
			t.Errorf("%s: a fix: %s", tc.name, got.Fix.Text())
		}
		if got.Fix != nil && strings.Contains(got.Fix.Text(), tc.token) {
			t.Errorf("%s: the fix quotes the token", tc.name)
		}
	}
	offline, err := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL("http://127.0.0.1:1"), notionapi.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	if got := CheckToken(ctx, offline, TokenRecord{}, Context{}, now); got.State != StateUnknown || got.Fix == nil || got.Fix.Reason != ReasonNetwork {
		t.Errorf("unreachable: %+v", got)
	}
	if got := CheckToken(ctx, sandboxClient(t, srv, notiontest.TokenFull), TokenRecord{Kind: notionapi.TokenKindPersonal}, Context{}, now); got.Identity.Mismatch == "" {
		t.Error("a connection's token recorded as personal: no mismatch note")
	}
}

func TestTokenRecordInAProfile(t *testing.T) {
	t.Parallel()
	made := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var p keystore.Profile
	TokenRecord{Kind: notionapi.TokenKindPersonal, Created: made, Lifetime: Lifetime90Days}.Apply(&p)
	if got := RecordOf(&p); got.Kind != notionapi.TokenKindPersonal || !got.Created.Equal(made) || got.Lifetime != Lifetime90Days {
		t.Errorf("personal round trip: %+v from %+v", got, p)
	}
	TokenRecord{Kind: notionapi.TokenKindInternal, Created: made, Lifetime: Lifetime90Days}.Apply(&p)
	if p.TokenLifetime != "" || p.TokenKind != "internal" {
		t.Errorf("a connection's token has no lifetime: %+v", p)
	}
	if got := RecordOf(&keystore.Profile{Kind: keystore.KindOAuth}); got.Kind != notionapi.TokenKindPublic {
		t.Errorf("an older OAuth profile: %+v", got)
	}
	if got := RecordOf(&keystore.Profile{Kind: keystore.KindInternal, TokenLifetime: "forever"}); got.Kind != notionapi.TokenKindUnknown || got.Lifetime != "" {
		t.Errorf("an older internal profile: %+v", got)
	}
	if got := RecordOf(nil); got != (TokenRecord{}) {
		t.Errorf("no profile: %+v", got)
	}
}

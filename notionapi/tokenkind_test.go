package notionapi_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/notion-tui/notion-tui/notionapi"
	"github.com/notion-tui/notion-tui/notionapi/notiontest"
)

// oauthToken signs in through the sandbox's OAuth flow and returns the
// access token of the public connection.
func oauthToken(t *testing.T, srv *notiontest.Server) string {
	t.Helper()
	const redirect = "http://127.0.0.1:53682/callback"
	c := newClient(t, srv, "")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(c.AuthorizeURL(notiontest.OAuthClientID, redirect, "s"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" {
		t.Fatalf("consent answered %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	creds := notionapi.OAuthCredentials{ClientID: notiontest.OAuthClientID, ClientSecret: notiontest.OAuthClientSecret}
	tok, err := c.ExchangeCode(context.Background(), creds, loc.Query().Get("code"), redirect)
	if err != nil {
		t.Fatal(err)
	}
	return tok.AccessToken
}

func TestKindOfTellsTokensApartByUsersMe(t *testing.T) {
	t.Parallel()
	srv := notiontest.Start(t, notiontest.Options{Rows: 10})
	for token, want := range map[string]notionapi.TokenKind{
		notiontest.TokenFull:       notionapi.TokenKindInternal,
		notiontest.TokenPersonal:   notionapi.TokenKindPersonal,
		notiontest.TokenNoUserInfo: notionapi.TokenKindInternal,
		oauthToken(t, srv):         notionapi.TokenKindPublic,
	} {
		me, err := newClient(t, srv, token).GetMe(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got := notionapi.KindOf(me); got != want {
			t.Errorf("KindOf(%s %q) = %q, want %q", me.Type, me.Name, got, want)
		}
	}
}

func TestKindOfPartialAnswers(t *testing.T) {
	t.Parallel()
	for _, me := range []*notionapi.User{nil, {Object: "user", ID: "x"}, {Type: "bot"}, {Type: "bot", Bot: &notionapi.Bot{}}} {
		if got := notionapi.KindOf(me); got != notionapi.TokenKindUnknown {
			t.Errorf("KindOf(%+v) = %q, want unknown", me, got)
		}
	}
}

func TestParseTokenKindRoundTrips(t *testing.T) {
	t.Parallel()
	for _, k := range append(notionapi.TokenKinds, notionapi.TokenKindUnknown) {
		for _, s := range []string{string(k), k.String()} {
			if k == notionapi.TokenKindUnknown && s != "" {
				continue
			}
			if got, err := notionapi.ParseTokenKind(s); err != nil || got != k {
				t.Errorf("ParseTokenKind(%q) = %q, %v; want %q", s, got, err, k)
			}
		}
	}
	if _, err := notionapi.ParseTokenKind("bot"); err == nil {
		t.Error("ParseTokenKind(bot) did not fail")
	}
	if !notionapi.TokenKindPublic.Connection() || notionapi.TokenKindPersonal.Connection() {
		t.Error("Connection() is wrong")
	}
}

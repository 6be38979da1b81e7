package guide

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// TokenRecord is what a profile recorded about its token when it was set
// up: the kind the user chose (or /v1/users/me showed), and for a personal
// access token the day it was made and the lifetime chosen.
type TokenRecord struct {
	Kind     notionapi.TokenKind
	Created  time.Time
	Lifetime Lifetime
}

// RecordOf reads what a profile recorded about its token; nil (a token
// from NOTION_TOKEN) records nothing. A profile saved before kinds were
// recorded is known as public when it holds an OAuth token, and
// otherwise of unknown kind (an internal connection's or a personal
// access token). A lifetime that cannot be read counts as not recorded.
func RecordOf(p *keystore.Profile) TokenRecord {
	if p == nil {
		return TokenRecord{}
	}
	rec := TokenRecord{Created: p.TokenCreated}
	rec.Kind, _ = notionapi.ParseTokenKind(p.TokenKind)
	if rec.Kind == notionapi.TokenKindUnknown && p.Kind == keystore.KindOAuth {
		rec.Kind = notionapi.TokenKindPublic
	}
	rec.Lifetime, _ = ParseLifetime(p.TokenLifetime)
	return rec
}

// Apply writes the record into a profile about to be saved. A lifetime
// is kept for personal access tokens only: connections' tokens do not
// expire by a date.
func (rec TokenRecord) Apply(p *keystore.Profile) {
	p.TokenKind = string(rec.Kind)
	p.TokenCreated = rec.Created
	p.TokenLifetime = ""
	if rec.Kind == notionapi.TokenKindPersonal {
		p.TokenLifetime = string(rec.Lifetime)
	}
}

// TokenCheck is what `auth status` and `doctor` say about the token in
// use: who it acts as, whether it works, and when it expires.
type TokenCheck struct {
	// State is OK when /v1/users/me answered, Warning when the token
	// works but expires soon, Failed when Notion refused it (401, 403),
	// Unknown when the check could not tell (network, server).
	State State
	// Identity is who the token acts as (when it works); its Mismatch is
	// a note, not a failure.
	Identity Identity
	// Me is the /v1/users/me answer, when it came.
	Me *notionapi.User
	// Expiry is set for a personal access token whose creation date was
	// recorded.
	Expiry *Expiry
	// Err is the failure, and Fix explains the failure or the coming
	// expiry.
	Err error
	Fix *Fix
}

// CheckToken asks Notion who the token of c is, and judges it with what
// the profile recorded (rec may be zero). now is the time the expiry is
// judged at.
func CheckToken(ctx context.Context, c *notionapi.Client, rec TokenRecord, gc Context, now time.Time) TokenCheck {
	gc.Kind = rec.Kind
	var tc TokenCheck
	if e, ok := ExpiryOf(rec.Created, rec.Lifetime, now); ok && rec.Kind == notionapi.TokenKindPersonal {
		tc.Expiry = &e
	}
	me, err := c.GetMe(ctx)
	if err != nil {
		tc.Err = err
		f := Diagnose(err, gc)
		var apiErr *notionapi.APIError
		switch {
		case errors.As(err, &apiErr) && (apiErr.Status == http.StatusUnauthorized || apiErr.Status == http.StatusForbidden):
			tc.State = StateFailed
			if tc.Expiry != nil && tc.Expiry.Expired() && apiErr.Status == http.StatusUnauthorized {
				f.Title = "The personal access token " + tc.Expiry.Text() + " (401 unauthorized)"
				f.Causes = append([]string{"it " + tc.Expiry.Text() + ": it was made on " + tc.Expiry.Created.Local().Format("2006-01-02") + " to last " + tc.Expiry.Lifetime.String()}, f.Causes...)
			}
		default:
			tc.State = StateUnknown // could not tell
		}
		tc.Fix = &f
		return tc
	}
	tc.Me, tc.State = me, StateOK
	tc.Identity = Identify(me, rec.Kind)
	switch {
	case tc.Expiry == nil:
	case tc.Identity.Kind != notionapi.TokenKindPersonal:
		tc.Expiry = nil // recorded as personal, but it is a connection's
	case tc.Expiry.Expired():
		// It works, so the recorded lifetime was wrong: nothing to warn of.
	default:
		gc.Kind = tc.Identity.Kind
		if f, ok := tc.Expiry.Fix(gc); ok {
			tc.State, tc.Fix = StateWarning, &f
		}
	}
	return tc
}

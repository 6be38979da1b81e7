package oauthflow

import (
	"errors"
	"fmt"
	"time"

	"github.com/notion-tui/notion-tui/internal/textutil"
)

// Kinds of failed sign-in; match them with errors.Is.
var (
	// ErrDenied: the user declined access on Notion's consent page.
	ErrDenied = errors.New("access was not granted on Notion's consent page")
	// ErrStateMismatch: a redirect came back without this sign-in's state
	// (from an older sign-in, or forged) and was ignored. It never ends a
	// sign-in by itself: a timeout after such a redirect matches both
	// ErrTimeout and ErrStateMismatch.
	ErrStateMismatch = errors.New("the sign-in redirect did not carry this sign-in's state")
	// ErrTimeout: the browser did not come back in time.
	ErrTimeout = errors.New("the browser did not come back from Notion in time")
	// ErrCancelled: the sign-in was cancelled (Ctrl+C, esc).
	ErrCancelled = errors.New("the sign-in was cancelled")
	// ErrAuthorize: the redirect reported another OAuth error.
	ErrAuthorize = errors.New("the consent page at Notion reported an error")
)

// Error is a sign-in that ended before the token exchange.
type Error struct {
	// Kind is one of ErrDenied, ErrStateMismatch, ErrTimeout, ErrCancelled
	// and ErrAuthorize.
	Kind error
	// RedirectURI is the sign-in's redirect URI, for fixes that ask to
	// register it.
	RedirectURI string
	// Code and Description are the redirect's error and
	// error_description parameters, if any.
	Code        string
	Description string
	// After is the timeout that passed (ErrTimeout).
	After time.Duration
	// Refused is how many redirects without this sign-in's state were
	// ignored before the timeout (ErrTimeout).
	Refused int
	// Cause is the context's error (ErrCancelled).
	Cause error
}

func (e *Error) Error() string {
	msg := "OAuth sign-in: " + e.Kind.Error()
	switch {
	case e.After > 0 && e.Refused > 0:
		msg += fmt.Sprintf(" (waited %s; ignored %s without this sign-in's state, from an older sign-in or another page)",
			e.After, textutil.Plural(e.Refused, "redirect", "redirects"))
	case e.After > 0:
		msg += fmt.Sprintf(" (waited %s)", e.After)
	case e.Code != "" && e.Description != "":
		msg += fmt.Sprintf(" (%s: %s)", e.Code, e.Description)
	case e.Code != "":
		msg += " (" + e.Code + ")"
	case e.Description != "":
		msg += " (" + e.Description + ")"
	}
	return msg
}

// Unwrap returns the kind; for a cancellation also the context's error,
// so that errors.Is(err, context.Canceled) holds too; for a timeout after
// refused redirects also ErrStateMismatch, the likelier explanation.
func (e *Error) Unwrap() []error {
	errs := []error{e.Kind}
	if e.Cause != nil {
		errs = append(errs, e.Cause)
	}
	if e.Refused > 0 && e.Kind != ErrStateMismatch {
		errs = append(errs, ErrStateMismatch)
	}
	return errs
}

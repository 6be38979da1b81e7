package oauthflow

import (
	"errors"
	"fmt"
	"time"
)

// Kinds of failed sign-in; match them with errors.Is.
var (
	// ErrDenied: the user declined access on Notion's consent page.
	ErrDenied = errors.New("access was not granted on Notion's consent page")
	// ErrStateMismatch: the redirect's state is not the one this sign-in
	// sent, so it did not come from this sign-in (a forged or stale link).
	ErrStateMismatch = errors.New("the sign-in redirect did not carry this sign-in's state")
	// ErrTimeout: the browser did not come back in time.
	ErrTimeout = errors.New("the browser did not come back from Notion in time")
	// ErrCancelled: the sign-in was cancelled (Ctrl+C, esc).
	ErrCancelled = errors.New("the sign-in was cancelled")
	// ErrAuthorize: the redirect reported another OAuth error.
	ErrAuthorize = errors.New("Notion's consent page reported an error")
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
	// Cause is the context's error (ErrCancelled).
	Cause error
}

func (e *Error) Error() string {
	msg := "OAuth sign-in: " + e.Kind.Error()
	switch {
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

// Unwrap returns the kind and, for a cancellation, the context's error,
// so that errors.Is(err, context.Canceled) holds too.
func (e *Error) Unwrap() []error {
	if e.Cause != nil {
		return []error{e.Kind, e.Cause}
	}
	return []error{e.Kind}
}

package guide

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/notion-tui/notion-tui/internal/oauthflow"
	"github.com/notion-tui/notion-tui/notionapi"
)

func TestDiagnoseOAuthErrors(t *testing.T) {
	const uri = "http://localhost:8976/callback"
	unauthorized := &notionapi.APIError{Status: 401, Code: "unauthorized", Method: "GET", Path: "/v1/users/me", Message: "API token is invalid."}
	tests := []struct {
		name    string
		err     error
		title   string
		action  Action
		inText  []string
		notText string
	}{
		{"denied", &oauthflow.Error{Kind: oauthflow.ErrDenied, RedirectURI: uri, Code: "access_denied"}, "not granted", ActRetry, []string{"Allow access"}, ""},
		{"state", fmt.Errorf("sign-in: %w", &oauthflow.Error{Kind: oauthflow.ErrStateMismatch, RedirectURI: uri}), "state mismatch", ActRetry, []string{"older sign-in", "forgery"}, ""},
		{"timeout", &oauthflow.Error{Kind: oauthflow.ErrTimeout, RedirectURI: uri, After: 5 * time.Minute}, "waited 5m0s", ActOpenSettings, []string{"Register exactly " + uri, "ssh -L 8976:localhost:8976"}, ""},
		{"cancelled", &oauthflow.Error{Kind: oauthflow.ErrCancelled, RedirectURI: uri, Cause: context.Canceled}, "cancelled", ActRetry, []string{"again"}, ""},
		{"authorize error", &oauthflow.Error{Kind: oauthflow.ErrAuthorize, RedirectURI: uri, Code: "invalid_request"}, "invalid_request", ActOpenSettings, []string{"client ID", uri}, ""},
		{"port", &oauthflow.PortError{Port: 8976, Err: syscall.EADDRINUSE}, "port 8976", ActRetry, []string{"--redirect-port 8977", "http://localhost:8977/callback"}, ""},
		{"redirect mismatch", fmt.Errorf("exchanging the authorization code: %w", &notionapi.APIError{Status: 400, Code: "invalid_grant", Method: "POST", Path: "/v1/oauth/token",
			Message: "Invalid redirect_uri: it does not match the redirect_uri of the authorization request."}), "redirect URI does not match", ActOpenSettings, []string{"exactly"}, ""},
		{"expired code", &notionapi.APIError{Status: 400, Code: "invalid_grant", Method: "POST", Path: "/v1/oauth/token", Message: "Invalid code: this code has expired."},
			"OAuth grant", ActReenterToken, []string{"Sign in again"}, "does not match"},
		{"refresh revoked", &notionapi.RefreshError{Unauthorized: unauthorized, Err: &notionapi.APIError{Status: 400, Code: "invalid_grant", Method: "POST", Path: "/v1/oauth/token", Message: "Invalid refresh token."}},
			"could not be renewed", ActReenterToken, []string{"auth login --oauth", "Connections"}, ""},
		{"refresh offline", &notionapi.RefreshError{Unauthorized: unauthorized, Err: &notionapi.NetworkError{Method: "POST", URL: "https://api.notion.com/v1/oauth/token", Err: syscall.ECONNREFUSED}},
			"connection refused", ActRetry, nil, ""},
		{"refresh not possible", &notionapi.RefreshError{Unauthorized: unauthorized, Err: errors.New("the profile has no refresh token")},
			"401", ActReenterToken, []string{"no refresh token"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := Diagnose(tc.err, Context{})
			if !strings.Contains(f.Title, tc.title) {
				t.Errorf("title %q does not mention %q", f.Title, tc.title)
			}
			if !f.Has(tc.action) {
				t.Errorf("actions %v lack %s", f.Actions, tc.action)
			}
			text := f.Text()
			for _, want := range tc.inText {
				if !strings.Contains(text, want) {
					t.Errorf("text does not mention %q:\n%s", want, text)
				}
			}
			if tc.notText != "" && strings.Contains(text, tc.notText) {
				t.Errorf("text mentions %q:\n%s", tc.notText, text)
			}
			if len(f.Steps) == 0 {
				t.Error("no steps")
			}
		})
	}
}

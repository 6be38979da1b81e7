package oauthflow

import (
	"github.com/notion-tui/notion-tui/keystore"
	"github.com/notion-tui/notion-tui/notionapi"
)

// Profile describes a completed sign-in as a profile to save: the
// workspace, bot and owner it connects, and the client ID that renews its
// token. bot is the token's /v1/users/me answer (nil if unknown). The
// caller sets Storage, the API settings and VerifiedAt.
func Profile(name string, tok *notionapi.TokenResponse, bot *notionapi.User, clientID string) keystore.Profile {
	p := keystore.Profile{
		Name:          name,
		Kind:          keystore.KindOAuth,
		WorkspaceName: tok.WorkspaceName,
		WorkspaceID:   tok.WorkspaceID,
		BotID:         tok.BotID,
		OwnerName:     ownerName(tok.Owner),
		OAuthClientID: clientID,
	}
	if bot != nil {
		p.BotName = bot.Name
	}
	return p
}

// Secret is what a sign-in stores in the keyring: the access token, the
// refresh token if any, and the client secret that renews it.
func Secret(tok *notionapi.TokenResponse, clientSecret string) keystore.Secret {
	return keystore.Secret{Token: tok.AccessToken, RefreshToken: tok.RefreshToken, ClientSecret: clientSecret}
}

// Owner describes who authorised the connection: "Maya Chen
// <maya@acme.test>", or "the workspace" for a workspace-level token.
func Owner(tok *notionapi.TokenResponse) string {
	o := tok.Owner
	switch {
	case o == nil:
		return "unknown"
	case o.User != nil:
		if email := o.User.Email(); email != "" {
			return ownerName(o) + " <" + email + ">"
		}
		return ownerName(o)
	}
	return "the workspace"
}

func ownerName(o *notionapi.Owner) string {
	if o == nil || o.User == nil {
		return ""
	}
	if o.User.Name == "" {
		return o.User.ID
	}
	return o.User.Name
}

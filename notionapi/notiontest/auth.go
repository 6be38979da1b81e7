package notiontest

import (
	"strings"
	"time"
)

// capability is one of an integration's capabilities.
type capability uint8

const (
	capReadContent capability = 1 << iota
	capUpdateContent
	capInsertContent
	capReadUsers
	capUserEmails

	capAll = capReadContent | capUpdateContent | capInsertContent | capReadUsers | capUserEmails
)

// principal is who a request acts as.
type principal struct {
	caps  capability
	botID string // the user /v1/users/me answers with
	// me is the user "me" means in people filters: the bot for internal
	// integrations, the authorizing person for OAuth connections.
	me string
}

// emails reports whether people values may show e-mail addresses.
func (p *principal) emails() bool { return p.caps&capUserEmails != 0 }

var staticTokens = map[string]*principal{
	TokenFull:       {caps: capAll, botID: BotID, me: BotID},
	TokenNoUserInfo: {caps: capReadContent | capUpdateContent | capInsertContent, botID: BotID, me: BotID},
	TokenReadOnly:   {caps: capReadContent | capReadUsers | capUserEmails, botID: BotID, me: BotID},
	TokenNoContent:  {caps: capReadUsers | capUserEmails, botID: BotID, me: BotID},
}

// oauthPrincipal is what an OAuth access token acts as.
var oauthPrincipal = &principal{caps: capAll, botID: OAuthBotID, me: UserMayaChen}

// authenticate checks a bearer Authorization header.
func (s *Server) authenticate(header string, now time.Time) (*principal, error) {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return nil, errUnauthorized()
	}
	if p, ok := staticTokens[token]; ok {
		return p, nil
	}
	if s.oauth.validAccess(token, now) {
		return oauthPrincipal, nil
	}
	return nil, errUnauthorized()
}

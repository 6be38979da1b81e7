package notiontest

import (
	"strings"
	"time"
)

// capability is one of a connection's capabilities (D:reference/capabilities).
type capability uint16

const (
	capReadContent capability = 1 << iota
	capUpdateContent
	capInsertContent
	capReadComments
	capInsertComments
	capReadUsers  // user information without e-mail addresses
	capUserEmails // user information including e-mail addresses

	capContent  = capReadContent | capUpdateContent | capInsertContent
	capComments = capReadComments | capInsertComments
	capUsers    = capReadUsers | capUserEmails
	capAll      = capContent | capComments | capUsers
)

// userInfo is how much of a user object a connection may see.
type userInfo uint8

const (
	usersIDOnly     userInfo = iota // {object, id}: no user information capability
	usersNoEmail                    // name and avatar, no e-mail address
	usersWithEmails                 // everything
)

// principal is who a request acts as.
type principal struct {
	caps capability
	// botID is the user /v1/users/me answers with and the author of the
	// token's writes: the integration's bot, or the person of a personal
	// access token.
	botID string
	// me is the user "me" means in people filters: the bot for internal
	// integrations, the authorizing person for OAuth connections and the
	// owner of a personal access token.
	me string
	// personal marks a personal access token: it sees every page its
	// person sees without sharing, cannot list users, and is exempt from
	// the Free plan's block limit.
	personal bool
	// blockLimit marks a Free workspace past its block limit: writes that
	// create blocks answer 403 with additional_data.block_limit.
	blockLimit bool
	// commitThen503 saves every write and then answers 503 with
	// additional_data.retry_guidance, as a write that outlives its deadline.
	commitThen503 bool
	// workspaceLimited hits the per-workspace rate limit, whose
	// Retry-After is over a minute.
	workspaceLimited bool
	// budget is the connection's requests per 60-second window; 0 takes
	// Options.WindowBudget.
	budget int
}

// users is the user information the principal may see.
func (p *principal) users() userInfo {
	switch {
	case p.caps&capUserEmails != 0:
		return usersWithEmails
	case p.caps&capReadUsers != 0:
		return usersNoEmail
	}
	return usersIDOnly
}

// sees reports whether the principal can reach an object shared (or not)
// with the integration.
func (p *principal) sees(shared bool) bool { return shared || p.personal }

// Scenario is a bearer token of the sandbox and what it plays.
type Scenario struct {
	Token string
	// Name is a short label, such as "insert only".
	Name string
	// Description says in one line what the token may do and what it is
	// answered.
	Description string
}

// Bearer tokens of the sandbox, one per scenario. Any other bearer token,
// and a missing or malformed Authorization header, gets 401 unauthorized.
const (
	// TokenFull may read, insert and update content, read and insert
	// comments, and read users with their e-mail addresses.
	TokenFull = "ntn_sandbox_full_access_demo_token"
	// TokenRevoked is answered 401 unauthorized everywhere.
	TokenRevoked = "ntn_sandbox_revoked_token"
	// TokenNoUserInfo has every content and comment capability but no user
	// information: listing or retrieving users answers 403 and people
	// values, created_by and friends are {object, id} only.
	TokenNoUserInfo = "ntn_sandbox_no_user_information"
	// TokenReadOnly reads content, comments and users; creating or
	// updating answers 403.
	TokenReadOnly = "ntn_sandbox_read_only_token"
	// TokenNoContent reads users but no content: search, queries and
	// retrieving or writing pages, databases and blocks answer 403.
	TokenNoContent = "ntn_sandbox_no_read_content"
	// TokenPersonal is a personal access token of Maya Chen, the
	// workspace owner: it acts as her (/v1/users/me answers a person, the
	// pages it creates are hers), sees every page she sees without
	// sharing (Customer Contracts included), and cannot list users.
	TokenPersonal = "ntn_sandbox_personal_access_token"
	// TokenInsertOnly may only insert content: creating a page answers
	// the partial page {object, id}, without url; reading answers 403.
	TokenInsertOnly = "ntn_sandbox_insert_content_only"
	// TokenUpdateOnly may only update content: PATCH /v1/pages answers
	// the partial page; reading and creating answer 403.
	TokenUpdateOnly = "ntn_sandbox_update_content_only"
	// TokenNoComments has every capability but the comment ones: listing
	// and creating comments answer 403.
	TokenNoComments = "ntn_sandbox_no_comment_capabilities"
	// TokenBlockLimit belongs to a Free workspace past its block limit:
	// creating pages and appending blocks answer 403 restricted_resource
	// with additional_data.block_limit; reads and property edits work.
	TokenBlockLimit = "ntn_sandbox_free_plan_block_limit"
	// TokenCommitThen503 saves every write, then answers 503
	// service_unavailable with additional_data.retry_guidance (and
	// committed_resource_id for creates): the write must be read back,
	// not repeated.
	TokenCommitThen503 = "ntn_sandbox_write_saved_then_503"
	// TokenWorkspaceLimited hits the per-workspace rate limit: its first
	// request is answered 429 with a Retry-After of 90 seconds, and so is
	// every request for 90 seconds after; then 60 seconds pass freely and
	// the cycle starts again.
	TokenWorkspaceLimited = "ntn_sandbox_workspace_rate_limited"
	// TokenRateWindow has Notion's per-connection limit of 180 requests
	// per 60-second window (most plans); past it, 429 until the window
	// resets, Retry-After at most 60 seconds.
	TokenRateWindow = "ntn_sandbox_per_connection_rate_limit"
)

// notionBudget is Notion's per-connection budget on most plans: 180
// requests per 60-second window (D:reference/request-limits).
const notionBudget = 180

var staticTokens = map[string]*principal{
	TokenFull:             {caps: capAll, botID: BotID, me: BotID},
	TokenNoUserInfo:       {caps: capContent | capComments, botID: BotID, me: BotID},
	TokenReadOnly:         {caps: capReadContent | capReadComments | capUsers, botID: BotID, me: BotID},
	TokenNoContent:        {caps: capUsers, botID: BotID, me: BotID},
	TokenPersonal:         {caps: capAll, botID: UserMayaChen, me: UserMayaChen, personal: true},
	TokenInsertOnly:       {caps: capInsertContent, botID: BotID, me: BotID},
	TokenUpdateOnly:       {caps: capUpdateContent, botID: BotID, me: BotID},
	TokenNoComments:       {caps: capContent | capUsers, botID: BotID, me: BotID},
	TokenBlockLimit:       {caps: capAll, botID: BotID, me: BotID, blockLimit: true},
	TokenCommitThen503:    {caps: capAll, botID: BotID, me: BotID, commitThen503: true},
	TokenWorkspaceLimited: {caps: capAll, botID: BotID, me: BotID, workspaceLimited: true},
	TokenRateWindow:       {caps: capAll, botID: BotID, me: BotID, budget: notionBudget},
}

// Scenarios lists the sandbox's tokens in the order a listing should
// show them, the full-access token first.
func Scenarios() []Scenario {
	return []Scenario{
		{TokenFull, "full access", "reads and writes content and comments, reads users with e-mails"},
		{TokenRevoked, "revoked", "401 unauthorized everywhere"},
		{TokenNoUserInfo, "no user information", "403 on users; people are {object, id} only"},
		{TokenReadOnly, "read only", "403 on creating and updating"},
		{TokenNoContent, "no read content", "403 on search, queries, pages and blocks"},
		{TokenPersonal, "personal access token", "acts as Maya Chen, sees every page, 403 on listing users"},
		{TokenInsertOnly, "insert only", "creates pages (partial answer, no url); 403 on reading and updating"},
		{TokenUpdateOnly, "update only", "updates pages (partial answer); 403 on reading and creating"},
		{TokenNoComments, "no comments", "403 on listing and adding comments"},
		{TokenBlockLimit, "Free plan block limit", "403 with additional_data.block_limit on writes that add blocks"},
		{TokenCommitThen503, "write saved, then 503", "every write is saved, then answered 503 with retry_guidance"},
		{TokenWorkspaceLimited, "workspace rate limit", "429 with Retry-After: 90 (over a minute)"},
		{TokenRateWindow, "Notion's per-connection limit", "180 requests per 60-second window, then 429"},
	}
}

// oauthPrincipal is what an OAuth access token acts as.
var oauthPrincipal = &principal{caps: capAll, botID: OAuthBotID, me: UserMayaChen}

// authenticate checks a bearer Authorization header and returns who the
// request acts as and the key of its connection (the token).
func (s *Server) authenticate(header string, now time.Time) (*principal, string, error) {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return nil, "", errUnauthorized()
	}
	if p, ok := staticTokens[token]; ok {
		return p, token, nil
	}
	if s.oauth.validAccess(token, now) {
		return oauthPrincipal, token, nil
	}
	return nil, "", errUnauthorized()
}

// Package notiontest is an in-memory server that speaks the Notion REST API.
//
// It answers the endpoints a database browser uses (users, search,
// databases, data sources, queries, pages, property items, block children
// and the OAuth endpoints) closely enough that the official JavaScript SDK
// works against it unchanged. It keeps its own JSON shapes rather than
// sharing the notionapi client's types, so tests against it check the
// client instead of repeating its assumptions.
//
//	srv := notiontest.Start(t, notiontest.Options{Rows: 500})
//	client, _ := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()))
//
// # Workspace
//
// New seeds the "Acme Labs" workspace deterministically (fixed IDs, a fixed
// base date of 2026-11-01T09:00:00Z for every seeded timestamp): seven
// people and a guest, three bots, and the databases Reading List, Tasks,
// Projects (related to Tasks both ways), Event Log (Options.Rows rows),
// Team Directory (one database with the data sources Engineering and
// Design) and Customer Contracts, which is not shared with the
// integration and so answers 404 everywhere. The standalone page "Getting
// started with notion-tui" holds one block of most kinds, including a
// table_of_contents and a synced_block. The IDs below are stable and may be
// written into golden files.
//
// # Tokens
//
// The Token constants play integrations with different capabilities; any
// other bearer token, and a missing or malformed Authorization header,
// gets 401 unauthorized. TokenNoUserInfo also hides e-mail addresses in
// people values. TokenNoContent has no content capability at all (it
// cannot read, insert or update). Tokens issued by the OAuth flow act like
// TokenFull, but /v1/users/me answers with the OAuth bot owned by the
// authorizing user.
//
// # Checks and their order
//
// Each request is checked as Notion does: the Notion-Version header, then
// the token, then the rate limit, then the route (an unknown path, a wrong
// method, a malformed ID in the path, or a path the version does not have
// answer 400 invalid_request_url), then the token's capabilities (403
// restricted_resource), then the body (400 invalid_json, then
// validation_error) and the objects it names (404 object_not_found when
// absent or not shared). Every answer carries x-notion-request-id; error
// and list bodies also carry request_id.
//
// # Choices where Notion's behaviour is undocumented
//
//   - POST /v1/databases/{id}/query exists only before 2025-09-03; later
//     versions answer 400 invalid_request_url, as /v1/data_sources does
//     before 2025-09-03.
//   - Without sorts, a query returns rows by created_time, newest first;
//     ties are broken by ID so cursors stay stable.
//   - Empty values sort after non-empty ones in both directions. Select and
//     status sort by the schema's option order, people by name.
//   - Text filters equals/does_not_equal compare exactly; contains,
//     does_not_contain, starts_with and ends_with ignore case.
//   - Date filters compare a value's start. A filter value with a time
//     compares instants to the millisecond; a date alone compares UTC
//     calendar days. Relative values (today, one_week_ago, ...) and
//     this_week, past_week ... next_year are computed from Options.Now in
//     UTC; weeks start on Monday; past_* ranges end today and next_*
//     ranges start today, both inclusive.
//   - Writing a select or multi_select option name that does not exist
//     creates the option; an unknown status name is a validation_error.
//   - A query or a search returns at most 10,000 results per cursor chain;
//     the page that reaches the cap says has_more false, next_cursor null
//     and request_status {"type":"incomplete","incomplete_reason":
//     "query_result_limit_reached"}. Complete query pages carry
//     request_status {"type":"complete"}.
//   - Query body in_trash:true returns only the rows in the trash.
//   - Search matches a data source by its database's title, as Notion's
//     2025-09-03 upgrade guide says, and pages by their title.
//   - Under 2022-06-28 a database with more than one data source cannot be
//     retrieved, queried or used as a parent (400 validation_error), and
//     search leaves it out.
//   - An OAuth refresh rotates the refresh token; the previous access token
//     stays valid until it expires (see SetOAuthTokenTTL) or is revoked.
package notiontest

// The public integration used by the OAuth flow (/v1/oauth/authorize,
// /token, /introspect, /revoke). Any redirect URI of the form
// http://localhost:PORT/callback or http://127.0.0.1:PORT/callback is
// registered for it.
const (
	OAuthClientID     = "bb5d85fc-82b0-4ebd-bff4-0281e2164c46"
	OAuthClientSecret = "secret_sandbox_oauth_client_secret_demo"
)

// Names of the workspace and of the integration's bot.
const (
	IntegrationName = "notion-tui Demo"
	WorkspaceName   = "Acme Labs"
	WorkspaceID     = "a1e28591-ac57-4d8c-8505-6cddea049be4"
)

// Bot users.
const (
	// BotID is the internal integration's bot, answered by /v1/users/me.
	BotID = "75ff58d7-b25a-4f51-8436-9319f043841c"
	// OAuthBotID is the bot of the public integration's OAuth connection.
	OAuthBotID       = "c73c6727-631f-4891-873f-8ee8660a1c2c"
	BotGitHubSync    = "1201d848-0b8c-468f-9596-99f3fd7dec6e"
	BotSlackNotifier = "79990935-aa46-43df-8217-2d77b7cfbc66"
)

// People of the workspace. UserMayaChen owns the workspace and is the user
// who approves the OAuth flow. UserTomBecker is a guest: retrievable, but
// left out of the users list.
const (
	UserMayaChen     = "7922e5cf-09fa-41c6-8096-33ec0ecfcd4c"
	UserJonasWeber   = "743bcff7-03d1-4e01-a3a9-d52afd52c092"
	UserPriyaRaman   = "c8096678-85f3-431e-8b04-2aa606a57a1b"
	UserDiegoAlvarez = "7819b2f9-11d6-4447-8115-b45eb2250abc"
	UserAmaraOkafor  = "8044afac-c9c9-42b3-9520-8818c04652d9"
	UserLukasNovak   = "056e09f5-e9c1-426d-bb5f-8feeb308a77a"
	UserSofiaRossi   = "b66e7002-7737-4717-a2c2-f72b659e2a7f"
	UserTomBecker    = "f7aabbcb-e7aa-4f4b-9199-e239539707b0"
)

// Pages, databases and data sources of the seeded workspace.
const (
	// PageHome ("Acme Labs HQ") is the workspace-level page that holds
	// the shared databases.
	PageHome = "878ecd39-b0b3-4d93-8c28-7d22b5546713"
	// PageGettingStarted is "Getting started with notion-tui".
	PageGettingStarted = "6cb78235-19e1-4d89-8ad8-1c5f02f9a9fd"

	DatabaseReadingList   = "1066159a-6720-4648-aaa2-3682cc9b2dcf"
	DataSourceReadingList = "22bb1f02-eea9-43d3-abc8-43433edc4219"
	DatabaseTasks         = "8726b5e9-2501-4b8c-93e8-619e8d929943"
	DataSourceTasks       = "7ba72c8a-0d34-49ef-99df-b8a513918aa1"
	DatabaseProjects      = "c2b2702c-eedf-4f6f-aed4-991b92b84567"
	DataSourceProjects    = "a8cd822c-3426-483f-b47c-e8970514f529"
	DatabaseEventLog      = "bcd25187-2ae8-453f-a9a9-4e91d1d212a0"
	DataSourceEventLog    = "5335dfc9-9567-4538-9c7c-d82c5ae4f434"
	// DatabaseTeamDirectory has two data sources.
	DatabaseTeamDirectory = "0d4d87a2-e8c0-4716-bfa1-036cc1c4150e"
	DataSourceEngineering = "53b4df09-c1d7-4466-832c-4c0031b7c1d0"
	DataSourceDesign      = "dd064997-264a-4f36-8f0d-98abc68fd944"
	// DatabaseUnshared ("Customer Contracts") and its data source exist but
	// are not shared with the integration.
	DatabaseUnshared   = "8a13bf4d-c189-4370-99b4-76ace6bbd98a"
	DataSourceUnshared = "0d7a014b-100a-472e-9d38-f70c3eaa1994"
	// DatabaseWiki ("Engineering Wiki") is a wiki: a query of its data
	// source answers its pages and, unless result_type is "page", the data
	// source of DatabaseRunbooks, a database kept inside the wiki.
	DatabaseWiki       = "6513270e-269e-4d37-b2a7-4de452e6b438"
	DataSourceWiki     = "d23f0824-128b-4f33-8c5c-7fd0a6a3a450"
	DatabaseRunbooks   = "9531985d-5d9d-49f8-9818-e811892f902b"
	DataSourceRunbooks = "36f675cc-81e7-4ef5-a8e2-5d940ed90475"
	// PageUnshared ("Finance") holds DatabaseUnshared; also not shared.
	PageUnshared = "bc8dbe08-e0bb-4efc-9cd2-a2a18d82174e"
)

// Views of the seeded databases (2025-09-03 and later). Every data source
// has a "Table" view of all its rows; ViewTasksOpen is a filtered, sorted
// table with hidden columns and a frozen column; the boards group by
// status. A view's link is its database's link with ?v=<view ID>, such as
// https://www.notion.so/Tasks-8726b5e925014b8c93e8619e8d929943?v=6b0d549b6f03475a9600a35a099950d8.
const (
	ViewTasksAll         = "2f8bc1a3-7d55-4e0f-9a1c-5be0a6c3d4e1"
	ViewTasksOpen        = "6b0d549b-6f03-475a-9600-a35a099950d8"
	ViewTasksBoard       = "8d116ece-1738-47d9-bd9c-172411e20b8f"
	ViewReadingListAll   = "90c192cf-d3ac-44af-8f21-ddb66cad4a26"
	ViewReadingListShelf = "4c1e7b2d-93f0-4a6e-b8d2-0f5a1c9e7b34"
	ViewEventLogAll      = "a57d3e90-1c4b-4f2a-8e6d-3b9c0f1a2d45"
	ViewEventLogErrors   = "e3b9a0c4-5d17-4b8e-9f26-7a1c8d0e4b56"
)

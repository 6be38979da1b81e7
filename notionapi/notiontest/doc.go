// Package notiontest is an in-memory server that speaks the Notion REST API.
//
// It answers the endpoints a Notion client uses closely enough that the
// official JavaScript SDK (@notionhq/client 5.26) works against it
// unchanged, and it is as strict as the evidence about Notion allows. It
// keeps its own JSON shapes rather than sharing the notionapi client's
// types, so tests against it check the client instead of repeating its
// assumptions. A test that passes against the sandbox proves nothing
// about a behaviour the sandbox invented: the behaviours are listed below
// with their evidence, and the guesses apart. Evidence tags are those of
// notion-api.md: D: Notion's documentation, SDK-T: the SDK's types, L:
// captured live answers, I: an issue thread.
//
//	srv := notiontest.Start(t, notiontest.Options{Rows: 500})
//	client, _ := notionapi.NewClient(notiontest.TokenFull, notionapi.WithBaseURL(srv.URL()))
//
// The package notiontest/hostile serves the same API with deliberate
// faults (redirects, endless pagination, echoed tokens, broken bodies).
//
// # Endpoints
//
// Users (me, list, retrieve), search, databases and data sources
// (retrieve, query; POST /v1/databases/{id}/query before 2025-09-03),
// pages (create, retrieve, update, property items, markdown), block
// children (list, append), comments (list, create, retrieve), views
// (list, retrieve; view queries create, results, delete) and OAuth
// (authorize, token, introspect, revoke).
//
// # Workspace
//
// New seeds the "Acme Labs" workspace deterministically (fixed IDs, a fixed
// base date of 2026-11-01T09:00:00Z for every seeded timestamp): seven
// people and a guest, three bots, and the databases Reading List, Tasks,
// Projects (related to Tasks both ways, and one way to Customer
// Contracts), Event Log (Options.Rows rows,
// imported in batches), Team Directory (one database with the data
// sources Engineering and Design), Engineering Wiki (a wiki holding the
// Runbooks database) and Customer Contracts, which is not shared with the
// integration and so answers 404 everywhere. The standalone page "Getting
// started with notion-tui" holds one block of most kinds, including a
// table_of_contents and a synced_block, and two discussions. Every data
// source has a table view; Tasks also has a filtered, sorted table with
// hidden columns and a frozen column and a board grouped by status. The
// IDs below are stable and may be written into golden files.
// Options.Wide adds Inventory, a wide table for measurements.
//
// # Tokens
//
// The Token constants play connections with different capabilities and
// situations; Scenarios lists them with a one-line description, for
// listings. Any other bearer token, and a missing or malformed
// Authorization header, gets 401 unauthorized. Tokens issued by the OAuth
// flow act like TokenFull, but /v1/users/me answers with the OAuth bot
// owned by the authorizing user.
//
// # Checks and their order
//
// Each request is checked in this order: the Notion-Version header, the
// token, the rate limits, the route (a path that matches no route of the
// version, or a wrong method: 400 invalid_request_url; a malformed ID in
// a route's path: 400 validation_error), the token's capabilities (403
// restricted_resource), the body (400 invalid_json, then
// validation_error) and the objects it names (404 object_not_found when
// absent or not shared). Every answer carries x-notion-request-id; error
// and list bodies also carry request_id.
//
// # Behaviours and their evidence
//
//   - created_time and last_edited_time of pages, databases and blocks are
//     rounded down to the minute; bulk imports put many rows in one minute
//     (D:changelog, L; notion-api.md 2026 A). The Event Log's batches share
//     a minute; Options.ImportBatch sets their size.
//   - List answers write their members in the order of Notion's
//     examples: object, results, next_cursor, has_more, type, the type's
//     object, request_id (D:reference/intro; notion-api.md 5.1). ReadAll
//     takes the next cursor from the end of a query answer to ask for the
//     next page early, and checks it against the decoded answer: a
//     server that writes them in another order costs it at most one
//     request, and no row (TestReadAllDropsAPageAskedForWithTheWrongCursor).
//   - A malformed ID in a path: 400 validation_error "path failed
//     validation: path.page_id should be a valid uuid, instead was
//     `"abc"`." (I:makenotion/notion-sdk-js#153, L). The parameter is named
//     after the route (path.data_source_id, path.block_id, ...): likely.
//     invalid_request_url only for paths that match no route, such as an
//     ID containing "/", /v1/data_sources before 2025-09-03 or /v1/views
//     before 2025-09-03 (I:makenotion/notion-mcp-server#178, D:guides
//     working-with-views).
//   - A data source ID sent to /v1/databases/{id}, or a database ID to
//     /v1/data_sources/{id}: 404 object_not_found in the wording of the kind
//     asked for (L, likely). A database ID sent to /v1/pages/{id}: 400
//     "Provided ID ... is a database, not a page. ..." (third-party code
//     quoting Notion).
//   - A capability refusal: 403 restricted_resource "Insufficient
//     permissions for this endpoint." (I:makenotion/notion-sdk-js#494, L).
//   - Capabilities are judged per endpoint (D:reference/capabilities):
//     insert content creates pages and appends blocks, update content
//     updates pages, read content reads; a write without read content
//     answers the partial object {object, id}, without url
//     (I:dvanoni/notero#197; SDK-T PartialPageObjectResponse). Without user
//     information every user object is {object, id}; without e-mail
//     addresses, persons have no email. Comments need their own read and
//     insert capabilities (D:guides/working-with-comments).
//   - Under 2022-06-28, a database with several data sources cannot be
//     retrieved, queried or used as a parent: 400 validation_error
//     "Databases with multiple data sources are not supported in this API
//     version." with additional_data error_type, database_id,
//     child_data_source_ids and minimum_api_version (D:guides upgrade-faqs,
//     L). Search leaves it out (a choice).
//   - request_status is absent on ordinary pages of queries and searches;
//     every page of a capped result carries {"type":"incomplete",
//     "incomplete_reason":"query_result_limit_reached"}, the last with
//     has_more false (D:reference/query-a-data-source, L). The cap is
//     10,000 results per query (filter and sorts); Options.ResultCap lowers
//     it for tests.
//   - A wiki's data source query answers the data sources of the databases
//     inside it beside its pages, unless result_type is "page" or
//     "data_source" (D:reference/query-a-data-source; SDK-T, SDK-H).
//   - Rate limits: Notion's per-connection budget per fixed 60-second
//     window, Retry-After the time until the window resets
//     (D:reference/request-limits): Options.WindowBudget, or
//     TokenRateWindow at 180. The workspace limit's Retry-After can exceed
//     a minute (same page): TokenWorkspaceLimited answers 90. 429 bodies
//     carry additional_data.rate_limit_reason and retry_after.
//     Options.Rate is a token bucket for benchmarks, not Notion's model.
//   - All seven versions are accepted, 2021-05-11 to 2026-03-11 (L, the
//     web app's bundle); an unknown one is answered with Notion's message.
//     The 2021 versions call a block's rich text "text" (L, likely);
//     2026-03-11 drops archived (D:upgrade-guide-2026-03-11).
//   - A personal access token acts as its person: /v1/users/me answers the
//     person, its writes are the person's, "me" is the person, it sees
//     every page without sharing, it cannot list users, and the block limit
//     does not apply (D:guides/personal-access-tokens,
//     D:reference/workspace-block-limits).
//   - The Free plan's block limit: 403 restricted_resource with Notion's
//     message and additional_data.block_limit "block_creation" on writes
//     that create blocks (page create, append); property edits and reads
//     still work (D:reference/workspace-block-limits).
//   - A write saved but answered 503 service_unavailable: Notion's message,
//     additional_data retry_guidance, elapsed_ms, deadline_ms, and
//     committed_resource_id (creates; the parent block and
//     committed_child_ids for appends; none for updates)
//     (D:reference/request-limits).
//   - PATCH /v1/pages validates every writable type as create does, refuses
//     computed types naming the property, and refuses any edit of a page in
//     the trash but its restoring ("Can't edit block that is archived. You
//     must unarchive the block before editing.", L); it updates
//     last_edited_time and last_edited_by.
//   - Views (2025-09-03 and later; D:reference/view, D:guides/working-with-
//     views, SDK-T:views): list answers {object, id} references; a view's
//     url is its database's link with ?v=<view ID> (D:guides upgrade-faqs);
//     a view query runs the view's filter and sorts, keeps the result up to
//     the cap for 15 minutes (404 after), total_count is the truncated size,
//     request_status on every page of a capped result, and deleting is
//     idempotent (D:reference/create-view-query, get-view-query-results,
//     delete-view-query). Shapes follow SDK-T:views (5.26, whose source
//     map keeps Notion's field comments): a view's configuration lists
//     properties as {property_id, property_name, visible, width?}
//     ("Property ID (stable identifier)", "property_name (convenience
//     field)"); frozen_column_index is "Index of the last frozen column.
//     Columns up to and including this index are frozen", so one frozen
//     column is index 0; a status group_by carries group_by "group" or
//     "option"; a list of views has type "view" and view {}; a view query
//     has no request_status unless it was capped.
//   - GET /v1/pages/{id}/markdown answers {object:"page_markdown", id,
//     markdown, truncated, unknown_block_ids}; the IDs of left-out subtrees
//     may be asked for at the same endpoint, which answers the subtree
//     rooted at the block; read content is needed
//     (D:reference/retrieve-page-markdown). A block left out keeps its
//     place as an <unknown url="…" alt="<type>"/> tag ("Blocks that could
//     not be loaded appear as <unknown> tags in the markdown"; "The url
//     links to the block in Notion, and alt indicates the original block
//     type", D:guides/data-apis/working-with-markdown-content). Bookmarks
//     and embeds, which Notion's Markdown does not render yet, are such
//     tags too, without being listed as left out (same pages). The
//     markdown follows the enhanced markdown guide for the block types
//     seeded.
//   - A relation whose related database is not shared with the connection
//     is empty ([] and has_more false) in pages, queries and property
//     items; its schema entry still names the related data source ("Why
//     are relation page property values empty? Double check to see that
//     your integration has been shared with the database the relation
//     property points to", D:FAQ; I:makenotion/notion-sdk-js#514). A
//     personal access token sees it. Projects' Contract relates to the
//     unshared Customer Contracts.
//   - Comments are listed oldest first (D:reference/comment-object).
//
// # Choices made without evidence
//
//   - Text filters: equals and does_not_equal compare exactly; contains,
//     does_not_contain, starts_with and ends_with ignore case.
//   - Negated conditions (does_not_equal, does_not_contain) match rows whose
//     value is empty; ordered comparisons (greater_than, before, ...) never
//     match an empty value.
//   - Empty values sort after non-empty ones in both directions. Select and
//     status sort by the schema's option order, people by name.
//   - Weeks start on Monday (this_week). Date filters compare a value's
//     start; a filter value with a time compares instants to the
//     millisecond, a date alone UTC calendar days; relative values and
//     past_* / next_* ranges are computed from Options.Now in UTC, both
//     ends included.
//   - page_size above 100 or below 1 is 400 validation_error, not clamped.
//   - Without sorts, a query returns rows newest first; ties (same
//     created_time minute) are broken by ID, so cursors stay stable.
//   - The capability check comes before the body is read; a malformed path
//     ID is refused before the capability check.
//   - POST /v1/databases/{id}/query exists only before 2025-09-03; later
//     versions answer invalid_request_url.
//   - Writing an unknown select or multi_select option name creates it;
//     an unknown status name is a validation_error (its message is made
//     up). Messages of the sandbox's own validation errors (a computed
//     property set, a relation to the wrong data source, ...) are its own.
//   - Query body in_trash:true returns only the rows in the trash.
//   - Search matches a data source by its database's title (as the
//     2025-09-03 upgrade guide says) and pages by their title; it has the
//     query cap too.
//   - Listing users with a personal access token: 403 restricted_resource
//     (Notion documents only that it is not available). Retrieving any
//     user works.
//   - The block-limit check comes after the body is validated.
//   - The 503 of a saved write: additional_data.from is "public_api";
//     comments created count as creates (committed_resource_id).
//   - The workspace limit of TokenWorkspaceLimited: 90 seconds refused,
//     then 60 seconds free, in turn.
//   - A wiki's data sources: property filters never match them, timestamp
//     filters do; they sort last under property sorts; before 2025-09-03 a
//     wiki's query answers pages only.
//   - Views: only views of data sources shared with the connection are
//     reachable; created_time of views is whole minutes; a view query's
//     page_size is that of its first page; unknown views and expired
//     queries are 404 object_not_found "Could not find view ..." /
//     "... view_query ...". A view's filter and sorts name properties by
//     name, as the seeded requests were written (SDK-T:views says only
//     "same shape as data source query filter"); a table view lists every
//     property, the hidden ones with visible false after the visible
//     ones; a board lists only its card properties. quick_filters is
//     always null.
//   - Markdown: available from 2025-09-03 (Notion's OpenAPI file says
//     2026-03-11, its guide sends 2025-09-03); an answer renders at most 60
//     blocks before it is truncated (Notion: about 20,000); the url of an
//     <unknown/> tag is the page's link with #<block ID>; the syntax of
//     synced blocks and mentions is approximate.
//   - Filters, sorts and rollups see a relation to a database not shared
//     with the connection as empty, as its value shows.
//   - Comments: listing a page lists the comments on the page, not those
//     on its blocks; resolved comments do not exist in the sandbox; a reply
//     to an unknown discussion is 404; attachments are refused; the answer
//     of a connection that can insert but not read comments is {object,
//     id}; comment timestamps are whole minutes (Notion's examples are).
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

// The Inventory database, seeded only with Options.Wide: a wide table for
// measurements of column selection, with a table of every column and the
// view "Narrow" of the title and five columns.
const (
	DatabaseWide   = "4fbb2db6-d8ee-4023-891e-386186dd2de5"
	DataSourceWide = "029a062b-4f3b-4842-92af-b38fbdaedfe6"
	ViewWideAll    = "d4ac7f69-0567-43d6-a17d-1e90acdfcef1"
	ViewWideNarrow = "d649cf19-a5a9-4ad2-b8f1-8b522cc98b93"
)

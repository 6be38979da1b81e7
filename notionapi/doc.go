// Package notionapi is a client for the Notion REST API.
//
// It covers the endpoints a database browser needs (users, search,
// databases, data sources, queries, views and view queries, pages and
// their updates, property items, block children and the OAuth token
// endpoints) and is meant to be imported on its own:
//
//	c, err := notionapi.NewClient(os.Getenv("NOTION_TOKEN"), notionapi.WithUserAgent("my-app/1.0"))
//	if err != nil { ... }
//	me, err := c.GetMe(ctx)
//
// # Names
//
// Calls that read one object are Get… (GetPage, GetDataSource); calls that
// read one page of a list are List… for GET endpoints and Search and Query
// for the POST ones, and return a *List; the iterator over every page of
// such a call has the same name followed by All (SearchAll, QueryAll) and
// stops at the first error. ReadAll reads a whole data source past the
// 10,000-results-per-query cap. A name ending in Raw (QueryRaw, SearchRaw,
// SearchAllRaw, ReadAllRaw) keeps each result as the JSON the API returned,
// for a caller that needs few of its members.
//
// # Views
//
// A view (2025-09-03 and later) is a saved filter, sorts and layout of a
// data source; ParseLink keeps the view of a database link (?v=), and
// View.Layout resolves a view's columns against the schema. A view's rows
// are read from its data source with its filter and sorts (PlanViewRead,
// ReadView): Notion's view queries return page references only and stop
// at 10,000 rows without a way to split them, so past that the rows are
// read in created_time windows and sorted locally (RowSorter), and the
// plan says which path it took.
//
// # Pacing and retries
//
// Every call takes a context. Requests are paced by a token bucket shared
// by all goroutines that use the client (3 requests/s by default, the
// documented average budget per connection), and rate-limit and overload
// answers are retried after the server's Retry-After: the client waits up
// to DefaultMaxRetryWait (5 minutes, for a workspace's limit, which can
// ask for more than a minute), announcing each wait through Hooks.OnRetry
// so that a display can count it down; cancelling the context ends a wait
// at once, and a longer wait ends the call with a *WaitTooLongError. A
// Retry-After that is not a number of seconds or a date in the future
// (NaN, Inf, an exponent, a negative number) falls back to exponential
// back-off. Server errors are retried only for requests that cannot have
// changed anything or can be repeated (GET, DELETE, search and queries),
// so a page create is never sent twice without the caller knowing; a
// write that Notion says it saved (APIError.Committed, Saved) is never
// sent again.
//
// # Writes that lost their answer
//
// A write whose answer was lost (a 5xx, a connection broken after the
// request left, a timeout) may have been saved: Ambiguous says so. A page
// create is returned with its error, for the caller to look for the page.
// A page update (UpdatePage, TrashPage, RestorePage) reads the page back
// instead of sending the update again and returns an
// *UnconfirmedUpdateError that says whether the page holds what was sent;
// SameValue compares a value sent with the value read back.
//
// # Errors
//
// Errors are typed: *APIError for answers from Notion (use errors.As to
// read the status, code, request ID and additional_data, through readers
// such as CommittedResourceID and RateLimitReason), *NetworkError for
// failures to reach the server, *TimeoutError when a request ran out of
// time, *DecodeError when a successful answer could not be decoded,
// *RedirectError for an answer that redirected, *PaginationError for a
// server that never ends a list, *IncompleteError for a query the server
// stopped early (it matches ErrResultLimit for the result cap), and
// *MultipleDataSourcesError for a database whose data source must be
// chosen, and *UnconfirmedUpdateError for an update whose answer was lost.
//
// # Safety
//
// The token is sent only to the base URL, over https (plain http only on
// a loopback address). Notion's API never redirects, so the client never
// follows a redirect: neither the token nor a request body goes anywhere
// else. The client's own token and OAuth credentials are replaced by
// [REDACTED] in every error, log line and request-log entry it produces,
// even when a proxy quotes them back. Error answers are read to 64 KB at
// most.
//
// # Versions
//
// The Notion-Version in use decides the shapes: data sources
// (/v1/data_sources/{id}) from 2025-09-03 on, databases before. The client
// bridges the two so that callers need not: GetDataSource reads a
// 2022-06-28 database as a data source, SearchResult.AsDataSource gives
// the table a search result names, QueryPath and DataSourceParent follow
// the version, and DataSourceNoun names a table for it.
package notionapi

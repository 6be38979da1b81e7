// Package notionapi is a client for the Notion REST API.
//
// It covers the endpoints a database browser needs (users, search,
// databases, data sources, queries, pages, property items, block children
// and the OAuth token endpoints) and is meant to be imported on its own:
//
//	c, err := notionapi.NewClient(os.Getenv("NOTION_TOKEN"))
//	if err != nil { ... }
//	me, err := c.Me(ctx)
//
// Every call takes a context. Requests are paced by a token bucket shared by
// all goroutines that use the client (3 requests/s by default, the
// documented per-connection budget), and rate-limit and overload answers are
// retried after the server's Retry-After. Server errors are retried only for
// GET and DELETE, so a page create is never sent twice without the caller
// knowing.
//
// Errors are typed: *APIError for answers from Notion (use errors.As to read
// the status, code and request ID), *NetworkError for failures to reach the
// server, *TimeoutError when a request or the whole call ran out of time,
// and *DecodeError when a successful answer could not be decoded.
//
// The query path follows the Notion-Version in use: data sources
// (/v1/data_sources/{id}/query) from 2025-09-03 on, databases
// (/v1/databases/{id}/query) before. ReadAll reads a whole data source past
// the 10,000-results-per-query cap by splitting on created_time windows.
package notionapi

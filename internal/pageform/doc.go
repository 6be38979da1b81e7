// Package pageform turns what a person types for a new database row into
// the Notion request that creates it, and checks it first.
//
// Every property type has a parser from text to a notionapi.PropertyValue,
// validated against the data source's schema: numbers in the schema's
// format ("1,234.5", "12%", "$3"), dates in plain words ("2026-12-01
// 14:30", "tomorrow", "2026-12-01 → 2026-12-05") read in the user's zone,
// options by name, people by name, e-mail or ID, relations by page ID,
// link or title. Markdown typed as the page's content becomes blocks.
//
// The TUI form and `notion-tui create` share this code, so a value that the
// form accepts is accepted by the command line and means the same.
//
// A create whose answer was lost (a 5xx, a dropped connection, a timeout)
// may still have created the page. Ambiguous says when that is the case and
// CheckCreated finds out, so that callers never send it twice blindly: a
// create Notion says it saved is read back by the ID Notion gave, with no
// search; otherwise FindCreated looks for the page from the time it was
// sent, on Notion's clock as measured from its Date headers.
package pageform

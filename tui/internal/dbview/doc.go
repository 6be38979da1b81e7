// Package dbview is a data source's rows in a table (a database under
// 2022-06-28): rows stream in behind a usable table, and the query is
// edited in place with the filter line, the sorts editor and the raw JSON
// filter, recalled from the query history, and exported to CSV or JSON.
package dbview

// Package requestlog lists every API request of the session (method,
// path, status, latency, request ID, retries) and copies one as a curl
// command that reads the token from $NOTION_TOKEN.
package requestlog

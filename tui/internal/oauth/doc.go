// Package oauth signs in with a public connection: the client ID and
// secret, Notion's consent page in the browser, a loopback redirect, then
// the profile is saved.
package oauth

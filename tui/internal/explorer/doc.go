// Package explorer is the home screen after login, with the Databases,
// Pages and Users tabs, and the box that opens a page or database by
// link or ID.
package explorer

// Package savestep is the form that saves a verified token in a profile,
// shared by the setup wizard and the OAuth sign-in: one way to save a
// token, whatever its kind.
package savestep

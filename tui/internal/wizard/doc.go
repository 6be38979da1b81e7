// Package wizard is how a session starts: the startup screen that
// verifies a token, and the setup wizard that takes a new one (welcome,
// token, verify, capabilities, save), first run or re-entry.
package wizard

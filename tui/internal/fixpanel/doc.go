// Package fixpanel is the guided-fix overlay: what went wrong, the likely
// causes, the steps, and keys that act on it (retry, re-enter the token,
// pick a Notion-Version, open the settings page), drawn by the root over
// the current screen.
package fixpanel

// Package app is the root of the interactive app: a small router that owns
// the screen stack, the global keys (? q L ctrl+c), the header, help line
// and status bar, the help overlay and the guided-fix panel. It builds the
// screen each ui.Route names, applies the navigation screens ask for, and
// routes messages: key presses to the top screen, everything else to
// every screen (each drops what is not its own, by ID and generation).
package app

// Package ui is what every screen of the app shares and nothing more: the
// Common state handed to each screen (the connection, styles, request log,
// cache, settings and the navigation it asks for), the Screen interface,
// the routes that name screens, the messages screens and the root
// exchange, and the session's typed cache.
//
// Screens import ui, styles and widgets, never each other: a screen asks
// for another by its Route (c.Open(ui.PagePreview{ID: id})), and the root
// router builds it.
package ui

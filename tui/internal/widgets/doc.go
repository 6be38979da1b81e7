// Package widgets holds the building blocks screens draw with: a
// virtualized table, a pick list, a scrollable text panel, one-line
// inputs in the app's styles, and layout helpers that measure in terminal
// cells (truncate, pad, spread, overlay, wrap).
package widgets

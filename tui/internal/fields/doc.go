// Package fields holds the editors of a page's values, one per property
// type, shared by the new-page form and editing in place (a table's cell,
// a preview's property, a board's card): a line for text, numbers, dates
// and links, an area for rich text, a checkbox, and lists to pick
// options (status options under their groups), people and related pages
// (searched by title). What is typed is read by pageform, as `notion-tui
// create` and `update` read it.
package fields

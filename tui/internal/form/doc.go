// Package form is the new-page form of a data source: one field per
// property, checked as typed (pageform, the same code as the create
// command), kept as a draft while typing, and never sent twice after a
// lost answer.
package form

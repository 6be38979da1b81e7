// Package pageedit changes existing pages the way notion-tui promises:
// nothing someone else changed is overwritten silently, nothing is sent
// twice, and every outcome is told.
//
// An Edit carries the values a person saw (Before) beside the ones to set;
// Conflicts compares it with the page as it is now, since Notion has no
// conditional update; Holds tells an edit that would change nothing.
// notionapi sends each update once and reads the page back when an answer
// is lost. Run sends many edits at the client's pace, in order, and before
// each batch reads again the rows edited since they were selected, so a
// bulk change skips the rows someone else changed meanwhile. The command
// line and the app's edit machinery both build on it.
package pageedit

import (
	"maps"
	"slices"

	"github.com/notion-tui/notion-tui/notionapi"
)

// Edit is a change to one page.
type Edit struct {
	PageID string
	// Title and URL name the page in messages.
	Title string
	URL   string
	// Set holds the new values by property name.
	Set map[string]notionapi.PropertyValue
	// Trash moves the page to the trash (true) or out of it (false).
	Trash *bool
	// Before holds the values of Set's properties as they were when the
	// page was read, to find what changed since; a property missing here
	// is not checked.
	Before map[string]notionapi.PropertyValue
	// WasTrashed is whether the page was in the trash when read.
	WasTrashed bool
	// Read says that the page was read: Before and WasTrashed are known.
	// An edit of a page not read (a trash by ID) is always sent.
	Read bool
}

// FromPage returns the edit that sets values on pg, with pg's current
// values as Before.
func FromPage(pg *notionapi.Page, set map[string]notionapi.PropertyValue) Edit {
	e := Edit{PageID: pg.ID, Title: pg.Title(), URL: pg.URL, Set: set, Before: map[string]notionapi.PropertyValue{}, WasTrashed: pg.Trashed(), Read: true}
	for name := range set {
		if v, ok := pg.Properties[name]; ok {
			e.Before[name] = v
		}
	}
	return e
}

// TrashEdit returns the edit that moves pg to the trash (trash true) or
// out of it.
func TrashEdit(pg *notionapi.Page, trash bool) Edit {
	return Edit{PageID: pg.ID, Title: pg.Title(), URL: pg.URL, Trash: &trash, WasTrashed: pg.Trashed(), Read: true}
}

// Params is the update that makes the edit.
func (e Edit) Params() notionapi.UpdatePageParams {
	return notionapi.UpdatePageParams{Properties: e.Set, InTrash: e.Trash}
}

// Names returns the properties the edit sets, sorted.
func (e Edit) Names() []string { return slices.Sorted(maps.Keys(e.Set)) }

// Holds reports whether pg already holds everything the edit sets, so
// that sending it would change nothing.
func (e Edit) Holds(pg *notionapi.Page) bool {
	if e.Trash != nil && pg.Trashed() != *e.Trash {
		return false
	}
	for name, v := range e.Set {
		if cur, ok := pg.Properties[name]; !ok || !notionapi.SameValue(v, cur) {
			return false
		}
	}
	return true
}

// HeldWhenRead reports whether the page, as it was read, already held
// everything the edit sets.
func (e Edit) HeldWhenRead() bool {
	if !e.Read {
		return false
	}
	if e.Trash != nil && *e.Trash != e.WasTrashed {
		return false
	}
	for name, v := range e.Set {
		if before, ok := e.Before[name]; !ok || !notionapi.SameValue(v, before) {
			return false
		}
	}
	return true
}

// Conflict is a property someone else changed since the page was read.
type Conflict struct {
	Property string
	// Before is the value that was read, Now the value the page holds,
	// Mine the value the edit sets.
	Before, Now, Mine notionapi.PropertyValue
}

// Conflicts lists the properties of the edit that now, the page as it is,
// holds with other values than Before, in name order. A property someone
// changed to the very value the edit sets is no conflict.
func (e Edit) Conflicts(now *notionapi.Page) []Conflict {
	var out []Conflict
	for _, name := range e.Names() {
		before, checked := e.Before[name]
		cur, ok := now.Properties[name]
		if !checked || !ok || notionapi.SameValue(before, cur) || notionapi.SameValue(e.Set[name], cur) {
			continue
		}
		out = append(out, Conflict{Property: name, Before: before, Now: cur, Mine: e.Set[name]})
	}
	return out
}

// Undo returns the edit that puts back what this one changed, given the
// page as this edit saved it (after): the values of Before, made
// writable, and the trash as it was. ok is false when a value cannot be
// written back (a relation cut at 25 references).
func (e Edit) Undo(after *notionapi.Page) (Edit, bool) {
	u := Edit{PageID: e.PageID, Title: e.Title, URL: e.URL, WasTrashed: e.Trash != nil && *e.Trash}
	if after != nil {
		u.Title, u.URL, u.WasTrashed, u.Read = after.Title(), orString(after.URL, e.URL), after.Trashed(), true
	}
	if e.Trash != nil {
		back := e.WasTrashed
		u.Trash = &back
	}
	if len(e.Set) > 0 {
		u.Set, u.Before = map[string]notionapi.PropertyValue{}, map[string]notionapi.PropertyValue{}
		for name, mine := range e.Set {
			before, ok := e.Before[name]
			if !ok {
				return Edit{}, false
			}
			w, ok := notionapi.WritableValue(before)
			if !ok {
				return Edit{}, false
			}
			u.Set[name] = w
			u.Before[name] = mine
			if after != nil {
				if v, ok := after.Properties[name]; ok {
					u.Before[name] = v
				}
			}
		}
	}
	return u, true
}

func orString(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

package ui

import "testing"

func TestCacheEntriesAreTypedAndApart(t *testing.T) {
	t.Parallel()
	c := NewCache()
	a, b := NewEntry[[]string]("a"), NewEntry[[]string]("a") // same name, two entries
	a.Put(c, []string{"x"})
	if _, ok := b.Get(c); ok {
		t.Error("two entries with the same name share a value")
	}
	rows := NewTable[string, int]("rows")
	rows.Put(c, "ds1", 3)
	if n, ok := rows.Get(c, "ds1"); !ok || n != 3 {
		t.Errorf("rows of ds1: %d, %v", n, ok)
	}
	if _, ok := rows.Get(c, "ds2"); ok {
		t.Error("a key never put has a value")
	}
	rows.Drop(c, "ds1")
	if _, ok := rows.Get(c, "ds1"); ok {
		t.Error("a dropped key keeps its value")
	}
	c.Clear()
	if _, ok := a.Get(c); ok {
		t.Error("Clear kept an entry")
	}
}

func TestNavigationIsAppliedInOrderOnce(t *testing.T) {
	t.Parallel()
	c := &Common{}
	c.Open(PagePreview{ID: "p"})
	c.Back()
	c.Reset(Explorer{})
	nav := c.TakeNav()
	if len(nav) != 3 || nav[0].Kind != NavOpen || nav[1].Kind != NavBack || nav[2].Kind != NavReset {
		t.Fatalf("navigation %+v", nav)
	}
	if r, ok := nav[0].Route.(PagePreview); !ok || r.ID != "p" {
		t.Errorf("the first route is %#v", nav[0].Route)
	}
	if again := c.TakeNav(); len(again) != 0 {
		t.Errorf("navigation taken twice: %+v", again)
	}
}

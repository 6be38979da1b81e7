package ui

import (
	"sync"

	"github.com/notion-tui/notion-tui/internal/guide"
	"github.com/notion-tui/notion-tui/notionapi"
)

// Cache keeps what was loaded in this session, so that going back to a
// screen is instant; r on a screen refreshes its entry, and the whole
// cache is cleared when the connection changes. Each kind of data has a
// typed entry (Entry) or table of entries by ID (Table), declared once by
// the package that owns the data.
type Cache struct {
	mu sync.Mutex
	m  map[any]any
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{m: map[any]any{}} }

// Clear forgets everything (after a token or version change).
func (c *Cache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = map[any]any{}
}

func (c *Cache) get(k any) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *Cache) put(k, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
}

func (c *Cache) drop(k any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, k)
}

// Entry is one value of type T in the cache. The entry itself is the key,
// so two entries never collide and a value always has the entry's type.
type Entry[T any] struct{ name string }

// NewEntry declares an entry; name is for reading code and debugging.
func NewEntry[T any](name string) *Entry[T] { return &Entry[T]{name: name} }

// Get returns the entry's value, if any.
func (e *Entry[T]) Get(c *Cache) (T, bool) {
	v, ok := c.get(e)
	if !ok {
		var zero T
		return zero, false
	}
	return v.(T), true
}

// Put stores the entry's value.
func (e *Entry[T]) Put(c *Cache, v T) { c.put(e, v) }

// Drop forgets the entry's value.
func (e *Entry[T]) Drop(c *Cache) { c.drop(e) }

// Table is values of type V by key (a data source's rows by its ID).
type Table[K comparable, V any] struct{ name string }

// NewTable declares a table of entries.
func NewTable[K comparable, V any](name string) *Table[K, V] { return &Table[K, V]{name: name} }

type tableKey[K comparable, V any] struct {
	t *Table[K, V]
	k K
}

// Get returns the value under k, if any.
func (t *Table[K, V]) Get(c *Cache, k K) (V, bool) {
	v, ok := c.get(tableKey[K, V]{t, k})
	if !ok {
		var zero V
		return zero, false
	}
	return v.(V), true
}

// Put stores a value under k.
func (t *Table[K, V]) Put(c *Cache, k K, v V) { c.put(tableKey[K, V]{t, k}, v) }

// Drop forgets the value under k.
func (t *Table[K, V]) Drop(c *Cache, k K) { c.drop(tableKey[K, V]{t, k}) }

// The entries several screens share.
var (
	// Users is the workspace's users (GET /v1/users).
	Users = NewEntry[[]notionapi.User]("users")
	// SharedDataSources is the search for data sources (databases under
	// 2022-06-28) shared with the integration, most recently edited first.
	SharedDataSources = NewEntry[[]*notionapi.DataSource]("shared data sources")
	// Names maps the IDs of parent pages and databases to their titles.
	Names = NewEntry[map[string]string]("names")
	// InsertProbe is whether the integration may insert content.
	InsertProbe = NewEntry[guide.Probe]("probe: insert content")
)

package tui

import "sync"

// Cache keeps data loaded in this session, so that going back to a screen
// is instant. Keys are strings such as "users" or "ds:<id>"; r on a screen
// refreshes its entry.
type Cache struct {
	mu sync.Mutex
	m  map[string]any
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{m: map[string]any{}} }

// Get returns the value stored under key, if any, as a T.
func Get[T any](c *Cache, key string) (T, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key].(T)
	return v, ok
}

// Put stores a value.
func (c *Cache) Put(key string, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = v
}

// Drop forgets a key.
func (c *Cache) Drop(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, key)
}

// Clear forgets everything (after a token or version change).
func (c *Cache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = map[string]any{}
}

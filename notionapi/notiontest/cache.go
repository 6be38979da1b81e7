package notiontest

import "sync"

// cacheSize bounds the entries of a cache.
const cacheSize = 64

// cache keeps sorted and filtered results between the pages of a cursor
// chain, so that each page costs little more than rendering it. Entries
// belong to one store generation: a write makes them all stale.
type cache[K comparable, T any] struct {
	mu      sync.Mutex
	gen     uint64
	entries map[K]T
}

func (c *cache[K, T]) get(gen uint64, key K) (T, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero T
	if c.gen != gen || c.entries == nil {
		return zero, false
	}
	v, ok := c.entries[key]
	return v, ok
}

func (c *cache[K, T]) put(gen uint64, key K, v T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || c.gen != gen || len(c.entries) >= cacheSize {
		c.gen, c.entries = gen, map[K]T{}
	}
	c.entries[key] = v
}

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

// jsonCacheKey is what a page's JSON depends on besides the page: the
// version, how much of users shows, whether unshared objects show
// (relations to them), and the day (formulas read today).
type jsonCacheKey struct {
	v      apiVersion
	users  userInfo
	seeAll bool
	day    int64
}

// jsonCacheKeys bounds the renderings kept at once.
const jsonCacheKeys = 4

// jsonCache keeps the JSON of pages as queries answer them, so the pages
// of a cursor chain (and repeated reads) copy bytes instead of rebuilding
// them. Entries belong to one store generation, like cache.
type jsonCache struct {
	mu      sync.Mutex
	gen     uint64
	entries map[jsonCacheKey]map[*page][]byte
	off     bool // for the benchmark's baseline
}

func (c *jsonCache) get(gen uint64, key jsonCacheKey, pg *page) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.off || c.gen != gen {
		return nil, false
	}
	b, ok := c.entries[key][pg]
	return b, ok
}

func (c *jsonCache) put(gen uint64, key jsonCacheKey, pg *page, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.off {
		return
	}
	if c.entries == nil || c.gen != gen {
		c.gen, c.entries = gen, map[jsonCacheKey]map[*page][]byte{}
	}
	m := c.entries[key]
	if m == nil {
		if len(c.entries) >= jsonCacheKeys {
			clear(c.entries)
		}
		m = map[*page][]byte{}
		c.entries[key] = m
	}
	m[pg] = b
}

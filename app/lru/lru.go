// Package lru keeps the most recently used values within a budget of
// bytes: the reader's rendered pages and the library list's covers.
package lru

import (
	"container/list"
	"sync"
)

// Cache maps keys to values, least recently used out first once the sizes
// of its values add up to more than its budget, or once it holds more
// values than its limit (when it has one, see Limit). The newest value stays even
// when it alone is over the budget: a page bigger than the whole cache is
// still shown. A Cache is safe for concurrent use; the values in it are
// shared, never copied, so callers must not change them.
type Cache[K comparable, V any] struct {
	mu    sync.Mutex
	max   int64
	limit int // the most values held; 0: no limit
	used  int64
	size  func(V) int64
	order *list.List // of K, most recent first
	items map[K]*entry[V]
}

type entry[V any] struct {
	value V
	size  int64
	el    *list.Element
}

// New returns a cache of at most maxBytes, as size counts a value's bytes.
func New[K comparable, V any](maxBytes int64, size func(V) int64) *Cache[K, V] {
	return &Cache[K, V]{max: maxBytes, size: size, order: list.New(), items: map[K]*entry[V]{}}
}

// Limit makes c hold at most n values besides its budget in bytes (n <= 0:
// no limit) and returns it. Call it before the cache is shared.
func (c *Cache[K, V]) Limit(n int) *Cache[K, V] {
	c.limit = max(n, 0)
	return c
}

// Get returns the value of k, which becomes the most recently used.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(e.el)
	return e.value, true
}

// Put adds a value unless k has one already (which stays), then removes
// the least recently used values until the cache is within its budget.
func (c *Cache[K, V]) Put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[k]; ok {
		return
	}
	e := &entry[V]{value: v, size: c.size(v), el: c.order.PushFront(k)}
	c.items[k] = e
	c.used += e.size
	for (c.used > c.max || c.limit > 0 && c.order.Len() > c.limit) && c.order.Len() > 1 {
		old := c.order.Remove(c.order.Back()).(K)
		c.used -= c.items[old].size
		delete(c.items, old)
	}
}

// Keys returns the keys held, most recently used first.
func (c *Cache[K, V]) Keys() []K {
	c.mu.Lock()
	defer c.mu.Unlock()
	keys := make([]K, 0, c.order.Len())
	for el := c.order.Front(); el != nil; el = el.Next() {
		keys = append(keys, el.Value.(K))
	}
	return keys
}

// Bytes returns the size of the values held.
func (c *Cache[K, V]) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}

// Max returns the cache's budget in bytes.
func (c *Cache[K, V]) Max() int64 { return c.max }

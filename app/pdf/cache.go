package pdf

import (
	"bufio"
	"container/list"
	"image"
	"os"
	"strconv"
	"strings"
	"sync"
)

// CacheKey names a rendered page: the document (its file's SHA-256, or
// its path), the page and how it was drawn.
type CacheKey struct {
	Doc     string
	Page    int
	Options RenderOptions
}

// Cache keeps rendered pages, least recently used out first, within a
// bound in bytes. It is safe for concurrent use. Images in it are never
// written: callers share them.
type Cache struct {
	mu     sync.Mutex
	max    int64
	used   int64
	order  *list.List // of *cacheEntry, most recent first
	items  map[CacheKey]*list.Element
	hits   int
	misses int
}

type cacheEntry struct {
	key CacheKey
	img *image.RGBA
}

// NewCache returns a cache of at most maxBytes of pixels.
func NewCache(maxBytes int64) *Cache {
	return &Cache{max: maxBytes, order: list.New(), items: map[CacheKey]*list.Element{}}
}

// Get returns a cached page.
func (c *Cache) Get(k CacheKey) (*image.RGBA, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		c.misses++
		return nil, false
	}
	c.hits++
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).img, true
}

// Put adds a page, evicting the least recently used ones to make room. A
// page larger than the whole cache is not kept.
func (c *Cache) Put(k CacheKey, img *image.RGBA) {
	size := int64(len(img.Pix))
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		c.remove(el)
	}
	if size > c.max {
		return
	}
	for c.used+size > c.max {
		c.remove(c.order.Back())
	}
	c.items[k] = c.order.PushFront(&cacheEntry{key: k, img: img})
	c.used += size
}

func (c *Cache) remove(el *list.Element) {
	e := c.order.Remove(el).(*cacheEntry)
	delete(c.items, e.key)
	c.used -= int64(len(e.img.Pix))
}

// Has reports whether a page is cached, without touching its recency.
func (c *Cache) Has(k CacheKey) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.items[k]
	return ok
}

// CacheStats are a cache's counters.
type CacheStats struct {
	Hits, Misses, Pages int
	Bytes, Max          int64
}

// Stats returns the cache's counters.
func (c *Cache) Stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Hits: c.hits, Misses: c.misses, Pages: len(c.items), Bytes: c.used, Max: c.max}
}

// DefaultCacheBytes is 40% of the memory available, within 16 to 512 MiB
// (as KOReader does); 64 MiB when it cannot tell.
func DefaultCacheBytes() int64 {
	avail := memAvailable()
	if avail <= 0 {
		return 64 << 20
	}
	return min(max(avail*2/5, 16<<20), 512<<20)
}

// memAvailable reads MemAvailable from /proc/meminfo, in bytes; 0 if
// unknown.
func memAvailable() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "MemAvailable:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

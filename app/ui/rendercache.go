package ui

import (
	"container/list"
	"context"
	"image"
	"sync"
	"sync/atomic"
)

// pageKey identifies one rendered page.
type pageKey struct {
	page, w, h int
	night      bool
}

// pageCache keeps the most recently rendered pages, bounded in bytes. It is
// safe for concurrent use.
type pageCache struct {
	mu    sync.Mutex
	max   int64
	bytes int64
	order *list.List // of pageKey, most recent first
	items map[pageKey]*cacheEntry
}

type cacheEntry struct {
	img *image.RGBA
	el  *list.Element
}

// defaultCacheBytes holds a dozen full-screen pages: the budget when the
// application does not set Config.RenderCacheBytes.
const defaultCacheBytes = 96 << 20

// renderCacheBytes is the byte budget of the render cache of the reader
// opened next. New sets it from Config.RenderCacheBytes: the reader builds
// its renderer from the page source alone, and one process shows one
// window, so a process-wide budget is what the setting means anyway.
var renderCacheBytes atomic.Int64

func init() { renderCacheBytes.Store(defaultCacheBytes) }

// setRenderCacheBytes sets the render cache budget; n <= 0 means the
// default.
func setRenderCacheBytes(n int64) {
	if n <= 0 {
		n = defaultCacheBytes
	}
	renderCacheBytes.Store(n)
}

func newPageCache(max int64) *pageCache {
	return &pageCache{max: max, order: list.New(), items: map[pageKey]*cacheEntry{}}
}

func (c *pageCache) get(k pageKey) *image.RGBA {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return nil
	}
	c.order.MoveToFront(e.el)
	return e.img
}

func (c *pageCache) put(k pageKey, img *image.RGBA) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[k]; ok {
		return
	}
	c.items[k] = &cacheEntry{img: img, el: c.order.PushFront(k)}
	c.bytes += int64(len(img.Pix))
	for c.bytes > c.max && c.order.Len() > 1 {
		old := c.order.Remove(c.order.Back()).(pageKey)
		c.bytes -= int64(len(c.items[old].img.Pix))
		delete(c.items, old)
	}
}

// renderer renders pages one at a time (the page source is not asked to
// render concurrently), through the cache. Prefetches run under their own
// context, which a newer page turn cancels.
type renderer struct {
	src   PageSource
	cache *pageCache
	mu    sync.Mutex       // serialises calls into src
	sizes map[int]pageDims // guarded by cache.mu
}

func newRenderer(src PageSource) *renderer {
	return &renderer{src: src, cache: newPageCache(renderCacheBytes.Load())}
}

// render returns the page at k's size, from the cache or freshly drawn.
func (r *renderer) render(ctx context.Context, k pageKey) (*image.RGBA, error) {
	if img := r.cache.get(k); img != nil {
		return img, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if img := r.cache.get(k); img != nil {
		return img, nil // a prefetch drew it while we waited
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	img, err := r.src.Render(ctx, k.page, k.w, k.h)
	if err != nil {
		return nil, err
	}
	if k.night {
		img = inverted(img)
	}
	r.cache.put(k, img)
	return img, nil
}

// inverted returns a negative of img (night mode), keeping alpha.
func inverted(img *image.RGBA) *image.RGBA {
	out := image.NewRGBA(img.Rect)
	for i := 0; i+3 < len(img.Pix); i += 4 {
		out.Pix[i] = 255 - img.Pix[i]
		out.Pix[i+1] = 255 - img.Pix[i+1]
		out.Pix[i+2] = 255 - img.Pix[i+2]
		out.Pix[i+3] = img.Pix[i+3]
	}
	return out
}

// pageDims is a page's size in points.
type pageDims struct{ w, h float64 }

// dims returns a page's size, asking the source once. Call it off the UI
// goroutine.
func (r *renderer) dims(page int) (pageDims, error) {
	if d, ok := r.knownDims(page); ok {
		return d, nil
	}
	r.mu.Lock()
	w, h, err := r.src.PageSize(page)
	r.mu.Unlock()
	if err != nil {
		return pageDims{}, err
	}
	d := pageDims{w, h}
	r.cache.mu.Lock()
	if r.sizes == nil {
		r.sizes = map[int]pageDims{}
	}
	r.sizes[page] = d
	r.cache.mu.Unlock()
	return d, nil
}

// knownDims returns a page's size if it was asked for before; it never
// blocks on the source, so the UI goroutine may call it.
func (r *renderer) knownDims(page int) (pageDims, bool) {
	r.cache.mu.Lock()
	defer r.cache.mu.Unlock()
	d, ok := r.sizes[page]
	return d, ok
}

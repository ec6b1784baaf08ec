package ui

import (
	"bufio"
	"context"
	"image"
	"os"
	"strconv"
	"strings"
	"sync"

	"fieldshelf/app/lru"
)

// pageKey identifies one rendered page.
type pageKey struct {
	page, w, h int
	night      bool
}

// pageCache keeps the most recently rendered pages, bounded in bytes and
// in pages.
type pageCache = lru.Cache[pageKey, *image.RGBA]

// newPageCache returns a cache of at most max bytes and, when pages > 0,
// at most that many pages.
func newPageCache(max int64, pages int) *pageCache {
	return lru.New[pageKey](max, func(img *image.RGBA) int64 { return int64(len(img.Pix)) }).Limit(pages)
}

// The reader's cache follows what a desktop reader needs: the pages of a
// few screens ahead and behind (the page shown, its prefetched neighbours,
// the pages just read and, in the scrolling mode, the pages in view and
// one more above and below), not a share of the computer's memory. A page
// that fills a 1366x768 screen's width is 4 to 6 MiB of pixels, so the
// eight pages fit in the bytes; zoomed-in pages are bigger and fewer of
// them stay.
const (
	// DefaultCachePages is how many rendered pages the reader keeps.
	DefaultCachePages = 8
	// DefaultCacheBytes bounds the reader's rendered pages in bytes.
	DefaultCacheBytes = 64 << 20
)

// MemoryCacheBytes is the render cache budget Fieldshelf used before the
// budget followed the pages a reader needs: 40% of the memory available,
// within 16 to 512 MiB; 64 MiB when it cannot tell. The memory benchmark's
// baseline runs with it.
func MemoryCacheBytes() int64 {
	avail := memAvailable()
	if avail <= 0 {
		return 64 << 20
	}
	return min(max(avail*2/5, 16<<20), 512<<20)
}

// memAvailable reads MemAvailable from /proc/meminfo, in bytes; 0 where
// there is no such file.
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

// renderer renders pages one at a time (the page source is not asked to
// render concurrently), through the cache. Prefetches run under their own
// context, which a newer page turn cancels.
type renderer struct {
	src    PageSource
	cache  *pageCache
	mu     sync.Mutex // serialises calls into src
	sizeMu sync.Mutex
	sizes  map[int]pageDims // guarded by sizeMu
}

func newRenderer(src PageSource, cacheBytes int64, cachePages int) *renderer {
	return &renderer{src: src, cache: newPageCache(cacheBytes, cachePages), sizes: map[int]pageDims{}}
}

// cached returns the page at k's size when the cache holds it, else nil.
func (r *renderer) cached(k pageKey) *image.RGBA {
	img, _ := r.cache.Get(k)
	return img
}

// render returns the page at k's size, from the cache or freshly drawn.
func (r *renderer) render(ctx context.Context, k pageKey) (*image.RGBA, error) {
	if img, ok := r.cache.Get(k); ok {
		return img, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if img, ok := r.cache.Get(k); ok {
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
	r.cache.Put(k, img)
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
	r.sizeMu.Lock()
	r.sizes[page] = d
	r.sizeMu.Unlock()
	return d, nil
}

// knownDims returns a page's size if it was asked for before; it never
// blocks on the source, so the UI goroutine may call it.
func (r *renderer) knownDims(page int) (pageDims, bool) {
	r.sizeMu.Lock()
	defer r.sizeMu.Unlock()
	d, ok := r.sizes[page]
	return d, ok
}

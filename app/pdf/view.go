package pdf

import (
	"context"
	"image"
	"sync"
)

// View shows a document's pages through a Cache: after a page is shown it
// prefetches the pages before and after it at the same size, in the
// background; showing another page supersedes the prefetches still
// queued. It is safe for concurrent use.
type View struct {
	doc   *Doc
	cache *Cache
	key   string

	ctx    context.Context // of the prefetches; ended by Close
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu       sync.Mutex
	inflight map[CacheKey]*flight
}

// flight is a render in progress that others may wait for.
type flight struct {
	done chan struct{}
	img  *image.RGBA
	err  error
}

// NewView returns a view of doc; key names the document in the cache
// (its file's SHA-256, or its path).
func NewView(doc *Doc, cache *Cache, key string) *View {
	ctx, cancel := context.WithCancel(context.Background())
	return &View{doc: doc, cache: cache, key: key, ctx: ctx, cancel: cancel, inflight: map[CacheKey]*flight{}}
}

// Page returns a page, from the cache or drawn now, and starts
// prefetching its neighbours.
func (v *View) Page(ctx context.Context, page int, o RenderOptions) (*image.RGBA, error) {
	k := CacheKey{Doc: v.key, Page: page, Options: o}
	img, ok := v.cache.Get(k)
	if !ok {
		var err error
		if img, err = v.show(ctx, k); err != nil {
			return nil, err
		}
	}
	gen := v.doc.gen.Load()
	for _, p := range []int{page + 1, page - 1} {
		if p >= 1 && p <= v.doc.NumPages() {
			v.prefetch(CacheKey{Doc: v.key, Page: p, Options: o}, gen)
		}
	}
	return img, nil
}

// show draws a page in the foreground, or waits for its prefetch.
func (v *View) show(ctx context.Context, k CacheKey) (*image.RGBA, error) {
	v.mu.Lock()
	f := v.inflight[k]
	v.mu.Unlock()
	if f != nil {
		select {
		case <-f.done:
			if f.err == nil {
				return f.img, nil
			}
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	img, err := v.doc.Render(ctx, k.Page, k.Options)
	if err != nil {
		return nil, err
	}
	v.cache.Put(k, img)
	return img, nil
}

// prefetch draws a page in the background unless it is cached or on its
// way.
func (v *View) prefetch(k CacheKey, gen uint64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.inflight[k] != nil || v.cache.Has(k) || v.ctx.Err() != nil {
		return
	}
	f := &flight{done: make(chan struct{})}
	v.inflight[k] = f
	v.wg.Add(1)
	go func() {
		defer v.wg.Done()
		f.img, f.err = v.doc.render(v.ctx, k.Page, k.Options, true, gen)
		if f.err == nil {
			v.cache.Put(k, f.img)
		}
		v.mu.Lock()
		delete(v.inflight, k)
		v.mu.Unlock()
		close(f.done)
	}()
}

// Wait waits for the prefetches in flight; tests and benchmarks use it.
func (v *View) Wait() { v.wg.Wait() }

// Close stops the prefetches and waits for them. It does not close the
// document.
func (v *View) Close() error {
	v.cancel()
	v.wg.Wait()
	return nil
}

package ui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestRenderCacheBudgetComesFromConfig(t *testing.T) {
	a := test.NewTempApp(t)
	u := New(a, a.NewWindow("x"), Config{Library: nil, Threads: Inline(), RenderCacheBytes: 3 << 20})
	t.Cleanup(u.Close)
	r := newRenderer(nil, u.renderBytes, u.renderPages)
	if r.cache.Max() != 3<<20 {
		t.Fatalf("cache budget=%d, want %d", r.cache.Max(), 3<<20)
	}
	page := func() *image.RGBA { return image.NewRGBA(image.Rect(0, 0, 512, 512)) } // 1 MiB
	for i := 1; i <= 5; i++ {
		r.cache.Put(pageKey{page: i, w: 512, h: 512}, page())
	}
	if r.cache.Bytes() > 3<<20 || r.cached(pageKey{page: 5, w: 512, h: 512}) == nil {
		t.Fatalf("cache holds %d bytes after five 1 MiB pages, want at most 3 MiB with the newest kept", r.cache.Bytes())
	}
	d := New(a, a.NewWindow("y"), Config{Threads: Inline()})
	t.Cleanup(d.Close)
	if got := newRenderer(nil, d.renderBytes, d.renderPages).cache.Max(); got != DefaultCacheBytes {
		t.Fatalf("default budget=%d, want %d", got, DefaultCacheBytes)
	}
}

func TestRenderCacheKeepsItsDefaultNumberOfPages(t *testing.T) {
	a := test.NewTempApp(t)
	u := New(a, a.NewWindow("x"), Config{Threads: Inline()})
	t.Cleanup(u.Close)
	r := newRenderer(nil, u.renderBytes, u.renderPages)
	page := func() *image.RGBA { return image.NewRGBA(image.Rect(0, 0, 256, 256)) } // 256 KiB: the bytes allow many more
	for i := 1; i <= 30; i++ {
		r.cache.Put(pageKey{page: i, w: 256, h: 256}, page())
	}
	keys := r.cache.Keys()
	if len(keys) != DefaultCachePages || keys[0].page != 30 || keys[len(keys)-1].page != 30-DefaultCachePages+1 {
		t.Fatalf("the cache holds pages %v after 30 small pages, want the last %d", keys, DefaultCachePages)
	}
	// Without a limit in pages (RenderCachePages < 0) only the bytes count.
	v := New(a, a.NewWindow("y"), Config{Threads: Inline(), RenderCachePages: -1})
	t.Cleanup(v.Close)
	r = newRenderer(nil, v.renderBytes, v.renderPages)
	for i := 1; i <= 30; i++ {
		r.cache.Put(pageKey{page: i, w: 256, h: 256}, page())
	}
	if n := len(r.cache.Keys()); n != 30 {
		t.Fatalf("the cache without a page limit holds %d of 30 small pages, want all", n)
	}
}

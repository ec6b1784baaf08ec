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
	r := newRenderer(nil, u.renderBytes)
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
	if got := newRenderer(nil, d.renderBytes).cache.Max(); got != defaultCacheBytes {
		t.Fatalf("default budget=%d, want %d", got, defaultCacheBytes)
	}
}

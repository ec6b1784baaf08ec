package ui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestRenderCacheBudgetComesFromConfig(t *testing.T) {
	a := test.NewTempApp(t)
	u := New(a, a.NewWindow("x"), Config{Library: nil, Threads: Inline(), RenderCacheBytes: 3 << 20})
	t.Cleanup(func() { u.Close(); setRenderCacheBytes(0) })
	r := newRenderer(nil)
	if r.cache.max != 3<<20 {
		t.Fatalf("cache budget=%d, want %d", r.cache.max, 3<<20)
	}
	page := func() *image.RGBA { return image.NewRGBA(image.Rect(0, 0, 512, 512)) } // 1 MiB
	for i := 1; i <= 5; i++ {
		r.cache.put(pageKey{page: i, w: 512, h: 512}, page())
	}
	if r.cache.bytes > 3<<20 || r.cache.get(pageKey{page: 5, w: 512, h: 512}) == nil {
		t.Fatalf("cache holds %d bytes after five 1 MiB pages, want at most 3 MiB with the newest kept", r.cache.bytes)
	}
	setRenderCacheBytes(0)
	if got := newRenderer(nil).cache.max; got != defaultCacheBytes {
		t.Fatalf("default budget=%d, want %d", got, defaultCacheBytes)
	}
}

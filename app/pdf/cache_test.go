package pdf

import (
	"image"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fieldshelf/app/pdf/pdftest"
)

func TestCacheEvictsByBytes(t *testing.T) {
	c := NewCache(3 * 400) // three 10x10 RGBA pages
	img := func() *image.RGBA { return image.NewRGBA(image.Rect(0, 0, 10, 10)) }
	for p := 1; p <= 4; p++ {
		c.Put(CacheKey{Doc: "a", Page: p}, img())
	}
	if c.Has(CacheKey{Doc: "a", Page: 1}) {
		t.Error("page 1 still cached, want it evicted first")
	}
	c.Get(CacheKey{Doc: "a", Page: 2}) // 2 becomes the most recent
	c.Put(CacheKey{Doc: "a", Page: 5}, img())
	if !c.Has(CacheKey{Doc: "a", Page: 2}) || c.Has(CacheKey{Doc: "a", Page: 3}) {
		t.Error("want page 3 evicted, page 2 kept")
	}
	c.Put(CacheKey{Doc: "a", Page: 9}, image.NewRGBA(image.Rect(0, 0, 100, 100)))
	if s := c.Stats(); s.Bytes > s.Max || s.Pages != 3 {
		t.Errorf("Stats=%+v, want 3 pages within the bound", s)
	}
	if d := DefaultCacheBytes(); d < 16<<20 || d > 512<<20 {
		t.Errorf("DefaultCacheBytes=%d, want 16 to 512 MiB", d)
	}
}

func TestViewCachesAndPrefetches(t *testing.T) {
	e := newEngine(t, Timeouts{})
	d, err := e.Open(testCtx(t), pdftest.WriteFile(t, "pages.pdf", pdftest.Pages(10)), "")
	if err != nil {
		t.Fatal(err)
	}
	c := NewCache(64 << 20)
	v := NewView(d, c, "pages")
	defer v.Close()
	o := RenderOptions{Width: 200}
	first, err := v.Page(testCtx(t), 5, o)
	if err != nil {
		t.Fatal(err)
	}
	v.Wait()
	for _, p := range []int{4, 5, 6} {
		if !c.Has(CacheKey{Doc: "pages", Page: p, Options: o}) {
			t.Errorf("page %d not cached after showing page 5", p)
		}
	}
	again, err := v.Page(testCtx(t), 5, o)
	if err != nil || again != first {
		t.Errorf("second show of page 5: %p, %v; want the cached image %p", again, err, first)
	}
	start := time.Now()
	if _, err := v.Page(testCtx(t), 6, o); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 16*time.Millisecond {
		t.Logf("prefetched page turn took %v (slow machine?)", el)
	}
	if s := c.Stats(); s.Hits < 2 {
		t.Errorf("Stats=%+v, want 2 hits", s)
	}
}

func TestThumbnailOnDisk(t *testing.T) {
	e := newEngine(t, Timeouts{})
	d := openSample(t, e)
	path := ThumbPath(t.TempDir(), 7, "abcdef0123456789", 1, 120)
	img, err := Thumbnail(testCtx(t), d, path, 1, 120)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 120 {
		t.Errorf("width %d, want 120", img.Bounds().Dx())
	}
	if filepath.Base(path) != "7-abcdef012345-1-120.png" {
		t.Errorf("path %s", path)
	}
	d.Close()
	again, err := Thumbnail(testCtx(t), d, path, 1, 120) // the doc is closed: must come from disk
	if err != nil || again.Bounds() != img.Bounds() {
		t.Fatalf("from disk: %v, %v", again, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}

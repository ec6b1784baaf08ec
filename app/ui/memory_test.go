package ui_test

import (
	"testing"

	"fieldshelf/app/ui"
)

// A page that leaves the continuous column's view lets go of its pixels,
// so that the driver deletes its texture at once rather than a minute
// later (a page's worth of memory each).
func TestContinuousLetsGoOfPagesOutOfView(t *testing.T) {
	u, _ := openReader(t, 1300, newFakeNotes(), nil)
	rs := u.Reader()
	rs.SetContinuous(true)
	rs.GoTo(2)
	img := rs.StripImage(2)
	if img == nil || img.Image == nil {
		t.Fatal("page 2 in view has no image")
	}
	rs.GoTo(700)
	if rs.StripImage(2) != nil || img.Image != nil {
		t.Fatalf("page 2 out of view: slot %v, still holding its image %v", rs.StripImage(2) != nil, img.Image != nil)
	}
	if shown := rs.StripImage(700); shown == nil || shown.Image == nil {
		t.Fatal("page 700 in view has no image")
	}
}

// Turning through a long document keeps the reader's cache at its limit
// in pages.
func TestReaderCacheHoldsAFewScreens(t *testing.T) {
	u, _ := openReader(t, 100, newFakeNotes(), nil)
	rs := u.Reader()
	for p := 2; p <= 40; p++ {
		rs.GoTo(p)
	}
	if n := rs.CachedPages(); n != ui.DefaultCachePages {
		t.Fatalf("the cache holds %d pages after 40 turns, want %d", n, ui.DefaultCachePages)
	}
}

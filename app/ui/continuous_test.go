package ui_test

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestContinuousRendersOnlyPagesNearTheView(t *testing.T) {
	notes := newFakeNotes()
	u, src := openReader(t, 1300, notes, nil)
	rs := u.Reader()
	if rs.Continuous() {
		t.Fatal("continuous on by default")
	}
	before := src.renders
	u.TypeKey(fyne.KeyRight) // page 2, single page mode
	rs.SetContinuous(true)
	if rs.Page() != 2 || !rs.Continuous() {
		t.Fatalf("after switching: page %d, continuous %v", rs.Page(), rs.Continuous())
	}
	pages, images := rs.StripSlots()
	if pages < 2 || pages > 5 || images != pages {
		t.Fatalf("slots=%d images=%d, want the pages in view and one either side, rendered", pages, images)
	}
	if got := src.renders - before; got > 8 {
		t.Fatalf("%d renders for a 1,300-page document, want a handful", got)
	}
	if _, w, h, _ := rs.Shown(); w == 0 || h != w*3/2 {
		t.Fatalf("shown %dx%d, want exact 2:3 pixels", w, h)
	}

	rs.GoTo(700)
	if rs.Page() != 700 || !rs.StripHasSlot(700) || rs.StripHasSlot(2) || rs.StripHasSlot(1) {
		t.Fatalf("go to 700: page %d, slot 700 %v, slot 2 %v", rs.Page(), rs.StripHasSlot(700), rs.StripHasSlot(2))
	}
	if off, top := rs.StripOffset(), rs.PageTop(700); off > top || top-off > 20 {
		t.Fatalf("offset %v, page 700 at %v", off, top)
	}
	if notes.pos[1].Page != 700 {
		t.Fatalf("saved position %+v", notes.pos[1])
	}

	// Scroll most of a page down: the next page is now the most visible.
	h := rs.PageTop(701) - rs.PageTop(700)
	rs.ScrollStrip(h * 0.8)
	if rs.Page() != 701 || rs.PageEntry().Text != "701" || notes.pos[1].Page != 701 {
		t.Fatalf("after scrolling: page %d, entry %q, saved %d", rs.Page(), rs.PageEntry().Text, notes.pos[1].Page)
	}
	if pages, images := rs.StripSlots(); pages > 5 || images != pages {
		t.Fatalf("after scrolling: %d slots, %d images", pages, images)
	}

	u.TypeKey(fyne.KeyEnd)
	if rs.Page() != 1300 || !rs.StripHasSlot(1300) {
		t.Fatalf("End: page %d", rs.Page())
	}
	u.TypeKey(fyne.KeyPageUp)
	if rs.Page() != 1299 {
		t.Fatalf("PgUp: page %d", rs.Page())
	}
	u.TypeKey(fyne.KeyHome)
	if rs.Page() != 1 || rs.StripOffset() != 0 {
		t.Fatalf("Home: page %d, offset %v", rs.Page(), rs.StripOffset())
	}
	u.TypeKey(fyne.KeyDown)
	if rs.StripOffset() <= 0 || rs.Page() != 1 {
		t.Fatalf("Down: offset %v, page %d", rs.StripOffset(), rs.Page())
	}
	rs.PageEntry().OnSubmitted("42")
	if rs.Page() != 42 || !rs.StripHasSlot(42) {
		t.Fatalf("entry 42: page %d", rs.Page())
	}

	// Zooming keeps the page and renders at the new size.
	_, w0, _, _ := rs.Shown()
	rs.ZoomIn()
	if _, w1, _, _ := rs.Shown(); rs.Page() != 42 || w1 <= w0 {
		t.Fatalf("zoom in: page %d, width %d was %d", rs.Page(), w1, w0)
	}

	// The mode is remembered for the next document.
	u.TypeKey(fyne.KeyEscape)
	u.OpenFirst()
	if !u.Reader().Continuous() {
		t.Fatal("continuous mode not remembered")
	}
	rs = u.Reader()
	rs.SetContinuous(false)
	if rs.Continuous() || rs.StripHasSlot(rs.Page()) {
		t.Fatalf("single page mode kept the column: continuous %v, page %d has a slot %v",
			rs.Continuous(), rs.Page(), rs.StripHasSlot(rs.Page()))
	}
}

func TestContinuousShowsFindHits(t *testing.T) {
	u, _ := openReader(t, 10, nil, nil)
	rs := u.Reader()
	rs.SetContinuous(true)
	rs.Find("needle")
	if rs.Page() != 3 || rs.StripMarks(3) != 1 {
		t.Fatalf("find: page %d, marks on page 3: %d", rs.Page(), rs.StripMarks(3))
	}
}

func TestContinuousLaysOutPagesOfOtherSizes(t *testing.T) {
	u, src := openReader(t, 10, nil, nil)
	src.wide = map[int]bool{3: true}
	rs := u.Reader()
	rs.SetContinuous(true)
	rs.GoTo(3)
	if _, w, h, _ := rs.Shown(); rs.Page() != 3 || h != w*2/3 {
		t.Fatalf("page %d shown at %dx%d, want landscape 3:2", rs.Page(), w, h)
	}
	if gap3, gap4 := rs.PageTop(4)-rs.PageTop(3), rs.PageTop(3)-rs.PageTop(2); gap3 >= gap4 {
		t.Fatalf("page 3 takes %v, page 2 %v: the landscape page should be shorter", gap3, gap4)
	}
	if off, top := rs.StripOffset(), rs.PageTop(3); off > top || top-off > 20 {
		t.Fatalf("after the relayout: offset %v, page 3 at %v", off, top)
	}
}

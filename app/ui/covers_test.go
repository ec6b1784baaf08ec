package ui_test

import (
	"context"
	"errors"
	"image"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

// fakeCovers draws a distinct image per document and counts the calls.
type fakeCovers struct {
	mu     sync.Mutex
	imgs   map[int64]image.Image
	calls  map[int64]int
	widths []int
	fail   map[int64]bool
}

func newFakeCovers() *fakeCovers {
	return &fakeCovers{imgs: map[int64]image.Image{}, calls: map[int64]int{}, fail: map[int64]bool{}}
}

func (c *fakeCovers) Cover(_ context.Context, d app.Document, w int) (image.Image, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[d.ID]++
	c.widths = append(c.widths, w)
	if c.fail[d.ID] {
		return nil, errors.New("fake: broken file")
	}
	if c.imgs[d.ID] == nil {
		c.imgs[d.ID] = image.NewRGBA(image.Rect(0, 0, w, w*4/3))
	}
	return c.imgs[d.ID], nil
}

// heldThreads run background work only when told to (run), so a test can
// see what a row shows while its cover is being drawn; UI updates run
// inline.
type heldThreads struct {
	hold  bool
	queue []func()
}

func (h *heldThreads) threads() ui.Threads {
	th := ui.Inline()
	now := time.Unix(0, 0)
	th.Now = func() time.Time { now = now.Add(time.Second); return now }
	th.Go = func(f func()) {
		if h.hold {
			h.queue = append(h.queue, f)
			return
		}
		f()
	}
	return th
}

// run runs the held work in order.
func (h *heldThreads) run() {
	q := h.queue
	h.queue = nil
	for _, f := range q {
		f()
	}
}

// Rows 150 to 159 (documents 151 to 160) are loaded but off screen: the
// tests bind them to rows themselves.
const offScreen = 150

// newCoversUI is a library of 300 documents, those in offline with a
// file, drawn by covers, with background work held on demand. The page
// holding the rows from offScreen is loaded.
func newCoversUI(t *testing.T, offline []int64, covers ui.Covers) (*ui.UI, *heldThreads) {
	t.Helper()
	lib := newFakeLib(300)
	for _, id := range offline {
		lib.setFile(id, &app.File{Path: "files/x.pdf", Size: 10, SHA256: "abc123"})
	}
	h := &heldThreads{}
	a := test.NewTempApp(t)
	w := a.NewWindow("Fieldshelf")
	w.Resize(fyne.NewSize(1100, 700))
	u := ui.New(a, w, ui.Config{Library: lib, Threads: h.threads(), Covers: covers})
	w.Show()
	u.Start()
	t.Cleanup(u.Close)
	u.Library().List().ScrollTo(offScreen - 40) // loads the page, showing rows above offScreen
	u.Library().List().ScrollToTop()
	if !u.Library().PageLoaded(offScreen) {
		t.Fatal("the rows from offScreen are not loaded")
	}
	return u, h
}

func TestRowShowsCoverOnceDrawn(t *testing.T) {
	covers := newFakeCovers()
	u, h := newCoversUI(t, []int64{151}, covers)
	s := u.Library()
	row := s.NewRow()
	h.hold = true
	s.BindRow(offScreen, row)
	if ui.RowCover(row) != nil {
		t.Fatal("row shows a cover before it is drawn")
	}
	h.run()
	if got := ui.RowCover(row); got == nil || got != covers.imgs[151] {
		t.Fatalf("row cover=%v, want document 1's", got)
	}
	// Refreshing the row (download progress, say) neither redraws nor
	// flickers; binding another row to it comes from memory.
	s.BindRow(offScreen, row)
	other := s.NewRow()
	s.BindRow(offScreen, other)
	if len(h.queue) != 0 || covers.calls[151] != 1 || ui.RowCover(row) == nil || ui.RowCover(other) != covers.imgs[151] {
		t.Fatalf("after rebinding: %d held, %d draws; want the cover kept and drawn once", len(h.queue), covers.calls[151])
	}
	// A document without a file keeps the placeholder, drawing nothing.
	s.BindRow(offScreen+1, row)
	if ui.RowCover(row) != nil || len(h.queue) != 0 || covers.calls[152] != 0 {
		t.Fatalf("a document with no file: cover %v, %d queued, %d drawn; want no cover asked for",
			ui.RowCover(row) != nil, len(h.queue), covers.calls[152])
	}
}

func TestRecycledRowShowsNoStaleCover(t *testing.T) {
	covers := newFakeCovers()
	u, h := newCoversUI(t, []int64{151, 152}, covers)
	s := u.Library()
	row := s.NewRow()
	h.hold = true
	s.BindRow(offScreen, row)   // document 1 scrolls into view...
	s.BindRow(offScreen+1, row) // ...and out: the list reuses the row for document 2
	h.run()
	if got := ui.RowCover(row); got != covers.imgs[152] {
		t.Fatalf("recycled row shows %v, want document 2's cover", got)
	}
	if covers.calls[151] != 0 {
		t.Fatalf("document 1's cover drawn %d times after its row moved on, want 0", covers.calls[151])
	}
	// Reused while the first cover is being drawn: the late result is
	// dropped.
	row2 := s.NewRow()
	s.BindRow(offScreen, row2)
	work := h.queue
	h.queue = nil
	s.BindRow(offScreen+2, row2) // document 3 has no file
	for _, f := range work {
		f()
	}
	if ui.RowCover(row2) != nil {
		t.Fatal("a row reused for a document without a file shows the previous document's cover")
	}
}

func TestFailedCoverKeepsPlaceholder(t *testing.T) {
	covers := newFakeCovers()
	covers.fail[151] = true
	u, h := newCoversUI(t, []int64{151}, covers)
	s := u.Library()
	row := s.NewRow()
	s.BindRow(offScreen, row)
	h.run()
	s.BindRow(offScreen+1, row)
	s.BindRow(offScreen, row)
	if ui.RowCover(row) != nil || covers.calls[151] != 1 {
		t.Fatalf("cover=%v after %d draws; want the placeholder and no retry", ui.RowCover(row), covers.calls[151])
	}
	if u.SyncBar().Error() != "" {
		t.Fatalf("a missing cover is reported as an error: %q", u.SyncBar().Error())
	}
}

func TestDetailPaneShowsLargerCover(t *testing.T) {
	covers := newFakeCovers()
	u, _ := newCoversUI(t, []int64{1}, covers)
	s := u.Library()
	s.Select(0)
	d := s.Detail()
	if d.CoverImage() == nil {
		t.Fatal("detail pane shows no cover for an offline document")
	}
	if w := covers.widths[len(covers.widths)-1]; w < 100 {
		t.Fatalf("detail cover drawn %d px wide, want a larger one than the rows'", w)
	}
	s.Select(1)
	if d.CoverImage() != nil {
		t.Fatal("detail pane keeps a cover for a document with no file")
	}
}

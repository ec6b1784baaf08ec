package ui

import (
	"context"
	"image"
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// stripView lays every page of a document out in one column, for the
// continuous mode. Only the pages near the view have canvas objects (a
// slot): the others are empty space sized from the page sizes known so
// far, so a 1,300-page document costs a few images and a slice of sizes.
type stripView struct {
	widget.BaseWidget
	scroll *container.Scroll
	dims   []pageDims  // each page's size in points, as laid out (index page-1)
	sizes  []fyne.Size // each page's logical size
	tops   []float32   // the y of each page's top
	width  float32     // of the widest page
	height float32     // of the whole column
	slots  map[int]*pageSlot
	back   *canvas.Rectangle                                  // the grey behind the pages, which shows between them
	wheel  func(ev *fyne.ScrollEvent, page int, x, y float64) // see readerLayout.wheel
	resize func(fyne.Size)

	drag      dragTrack
	onDrag    func(pageLocator, *dragTrack, *fyne.DragEvent)
	onDragEnd func(*dragTrack)
	onTap     func(pageLocator, fyne.Position)
	onMenu    func(l pageLocator, pos, abs fyne.Position) // a right click
	onHover   func(l pageLocator, pos fyne.Position) bool // whether pos is on a link
	pointer   bool                                        // the mouse is on a link
}

// pageSlot is a page near the view: a placeholder, its image once
// rendered, and its marks.
type pageSlot struct {
	key    pageKey
	bg     *canvas.Rectangle
	img    *canvas.Image
	marks  markSet
	cancel context.CancelFunc // of its render
}

func newStripView() *stripView {
	s := &stripView{slots: map[int]*pageSlot{}, back: canvas.NewRectangle(backdrop)}
	s.ExtendBaseWidget(s)
	s.scroll = container.NewScroll(s)
	return s
}

// setSizes lays the pages out at the given logical sizes.
func (s *stripView) setSizes(dims []pageDims, sizes []fyne.Size) {
	s.dims, s.sizes = dims, sizes
	if cap(s.tops) < len(sizes) {
		s.tops = make([]float32, len(sizes))
	}
	s.tops = s.tops[:len(sizes)]
	y, w := float32(pageGap), float32(0)
	for i, sz := range sizes {
		s.tops[i] = y
		y += sz.Height + pageGap
		w = max(w, sz.Width)
	}
	s.width, s.height = w, y
	view := s.scroll.Size()
	s.Resize(fyne.NewSize(max(view.Width, w+2*pageGap), max(view.Height, y)))
	s.scroll.Refresh()
}

// visible returns the first and last pages in the view (0, 0 when none).
func (s *stripView) visible() (first, last int) {
	if len(s.tops) == 0 {
		return 0, 0
	}
	y0 := s.scroll.Offset.Y
	y1 := y0 + max(s.scroll.Size().Height, 1)
	i := sort.Search(len(s.tops), func(i int) bool { return s.tops[i]+s.sizes[i].Height >= y0 })
	i = min(i, len(s.tops)-1)
	j := i
	for j+1 < len(s.tops) && s.tops[j+1] < y1 {
		j++
	}
	return i + 1, j + 1
}

// mostVisible returns the page that fills most of the view.
func (s *stripView) mostVisible() int {
	first, last := s.visible()
	y0 := s.scroll.Offset.Y
	y1 := y0 + s.scroll.Size().Height
	best, most := first, float32(-1)
	for p := first; p >= 1 && p <= last; p++ {
		top := s.tops[p-1]
		if h := min(top+s.sizes[p-1].Height, y1) - max(top, y0); h > most {
			best, most = p, h
		}
	}
	return best
}

// scrollTo puts the top of page n (from 1) at the top of the view, or
// frac of its height above it.
func (s *stripView) scrollTo(n int, frac float32) {
	if n < 1 || n > len(s.tops) {
		return
	}
	y := s.tops[n-1] - pageGap + frac*s.sizes[n-1].Height
	maxY := max(s.height-s.scroll.Size().Height, 0)
	s.scroll.ScrollToOffset(fyne.NewPos(s.scroll.Offset.X, min(max(y, 0), maxY)))
}

// position returns the page at the top of the view and how far into it
// the view starts, as a fraction of its height.
func (s *stripView) position() (int, float32) {
	first, _ := s.visible()
	if first == 0 {
		return 0, 0
	}
	return first, (s.scroll.Offset.Y + pageGap - s.tops[first-1]) / max(s.sizes[first-1].Height, 1)
}

// slot returns page p's slot for a render of size k, making a new one
// (its placeholder shown) when there is none or its size changed; fresh
// reports that it has no image yet.
func (s *stripView) slot(p int, k pageKey, night bool) (sl *pageSlot, fresh bool) {
	if sl = s.slots[p]; sl != nil && sl.key == k {
		return sl, false
	}
	if sl != nil {
		sl.cancel()
	}
	bg := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	if night {
		bg = color.NRGBA{0x20, 0x20, 0x20, 0xff}
	}
	img := canvas.NewImageFromImage(nil)
	img.ScaleMode = canvas.ImageScaleFastest
	img.FillMode = canvas.ImageFillStretch
	sl = &pageSlot{key: k, bg: canvas.NewRectangle(bg), img: img, cancel: func() {}}
	sl.bg.StrokeColor = color.NRGBA{0, 0, 0, 40}
	sl.bg.StrokeWidth = 1
	s.slots[p] = sl
	return sl, true
}

// setImage shows a page's rendered image.
func (sl *pageSlot) setImage(img *image.RGBA) {
	sl.img.Image = img
	sl.img.Refresh()
}

// release drops the slots of the pages outside first..last, and their
// textures at once.
func (s *stripView) release(first, last int) {
	for p, sl := range s.slots {
		if p < first || p > last {
			sl.cancel()
			sl.free()
			delete(s.slots, p)
		}
	}
}

// free lets go of the slot's image and its texture: the driver deletes the
// texture of an image refreshed, while one that merely leaves the canvas
// keeps its texture (a page's worth of pixels) for a minute.
func (sl *pageSlot) free() {
	if sl.img.Image == nil {
		return
	}
	sl.img.Image = nil
	canvas.Refresh(sl.img)
}

// perPoint returns page p's logical pixels per point.
func (s *stripView) perPoint(p int) float32 {
	if p < 1 || p > len(s.dims) || s.dims[p-1].w <= 0 {
		return 1
	}
	return s.sizes[p-1].Width / float32(s.dims[p-1].w)
}

// origin returns the top left corner of page p in the column.
func (s *stripView) origin(p int) fyne.Position {
	return fyne.NewPos(max((s.Size().Width-s.sizes[p-1].Width)/2, pageGap), s.tops[p-1])
}

// pageAt returns the page under pos; 0 in the margins.
func (s *stripView) pageAt(pos fyne.Position) int {
	i := sort.Search(len(s.tops), func(i int) bool { return s.tops[i]+s.sizes[i].Height >= pos.Y })
	if i == len(s.tops) || pos.Y < s.tops[i] {
		return 0
	}
	if o := s.origin(i + 1); pos.X < o.X || pos.X > o.X+s.sizes[i].Width {
		return 0
	}
	return i + 1
}

// toPage converts a position in the column to points on page p.
func (s *stripView) toPage(pos fyne.Position, p int) (x, y float64) {
	d := pos.Subtract(s.origin(p))
	f := float64(s.perPoint(p))
	return float64(d.X) / f, float64(d.Y) / f
}

// Dragged draws a selection box when the reader is selecting.
func (s *stripView) Dragged(ev *fyne.DragEvent) {
	if s.onDrag != nil {
		s.onDrag(s, &s.drag, ev)
	}
}

// DragEnd ends the selection box.
func (s *stripView) DragEnd() {
	if s.onDragEnd != nil {
		s.onDragEnd(&s.drag)
	}
}

// Tapped opens the highlight under the mouse.
func (s *stripView) Tapped(ev *fyne.PointEvent) {
	if s.onTap != nil {
		s.onTap(s, ev.Position)
	}
}

// Scrolled scrolls three lines a notch, or zooms around the mouse with
// Ctrl held.
func (s *stripView) Scrolled(ev *fyne.ScrollEvent) {
	if s.wheel == nil {
		s.scroll.Scrolled(ev)
		return
	}
	var x, y float64
	page := s.pageAt(ev.Position)
	if page > 0 {
		x, y = s.toPage(ev.Position, page)
	}
	s.wheel(ev, page, x, y)
}

// TappedSecondary shows the right-click menu.
func (s *stripView) TappedSecondary(ev *fyne.PointEvent) {
	if s.onMenu != nil {
		s.onMenu(s, ev.Position, ev.AbsolutePosition)
	}
}

// MouseIn follows the mouse for the pointer over links.
func (s *stripView) MouseIn(ev *desktop.MouseEvent) { s.MouseMoved(ev) }

// MouseMoved notes whether the mouse is on a link.
func (s *stripView) MouseMoved(ev *desktop.MouseEvent) {
	s.pointer = s.onHover != nil && s.onHover(s, ev.Position)
}

// MouseOut forgets the link under the mouse.
func (s *stripView) MouseOut() { s.pointer = false }

// Cursor is a pointing hand on links and the file's notes.
func (s *stripView) Cursor() desktop.Cursor {
	if s.pointer {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// CreateRenderer draws the slots, each page centred across the column.
func (s *stripView) CreateRenderer() fyne.WidgetRenderer { return &stripRenderer{s: s} }

type stripRenderer struct {
	s        *stripView
	lastView fyne.Size
}

func (r *stripRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.s.width+2*pageGap, r.s.height)
}

func (r *stripRenderer) Layout(sz fyne.Size) {
	s := r.s
	s.back.Resize(sz)
	for p, sl := range s.slots {
		if p > len(s.tops) {
			continue
		}
		size := s.sizes[p-1]
		at := fyne.NewPos(max((sz.Width-size.Width)/2, pageGap), s.tops[p-1]) // as origin(p)
		sl.bg.Move(at)
		sl.bg.Resize(size)
		sl.img.Move(at)
		sl.img.Resize(size)
		sl.marks.place(at)
	}
	if view := s.scroll.Size(); view != r.lastView && s.resize != nil {
		r.lastView = view
		s.resize(view)
	}
}

func (r *stripRenderer) Objects() []fyne.CanvasObject {
	pages := make([]int, 0, len(r.s.slots))
	for p := range r.s.slots {
		pages = append(pages, p)
	}
	sort.Ints(pages)
	out := []fyne.CanvasObject{r.s.back}
	for _, p := range pages {
		sl := r.s.slots[p]
		out = append(out, sl.bg, sl.img)
		out = append(out, sl.marks.objs...)
	}
	return out
}

func (r *stripRenderer) Refresh() {
	r.Layout(r.s.Size())
	canvas.Refresh(r.s)
}

func (r *stripRenderer) Destroy() {}

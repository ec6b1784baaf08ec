package ui

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// pageGap is the margin around a page, and the gap between pages in the
// continuous mode.
const pageGap = 12

// backdrop is the grey behind pages, in both themes: it sets white pages
// apart from each other and from a light window.
var backdrop = color.NRGBA{0x80, 0x80, 0x80, 0x48}

// pageView shows one rendered page, centred, with highlighted find hits
// over it. It fills the scroll area, so Ctrl+wheel anywhere zooms; a plain
// wheel scrolls.
type pageView struct {
	widget.BaseWidget
	img       *canvas.Image
	shadow    *canvas.Rectangle
	back      *canvas.Rectangle
	marks     markSet
	page      int           // the page shown
	perPoint  float32       // logical pixels per point
	origin    fyne.Position // of the page in the view
	drag      dragTrack
	onDrag    func(pageLocator, *dragTrack, *fyne.DragEvent)
	onDragEnd func(*dragTrack)
	onTap     func(pageLocator, fyne.Position)
	onMenu    func(l pageLocator, pos, abs fyne.Position) // a right click
	onHover   func(l pageLocator, pos fyne.Position) bool // whether pos is on a link
	pointer   bool                                        // the mouse is on a link
	size      fyne.Size                                   // the page's logical size
	scroll    *container.Scroll
	wheel     func(ev *fyne.ScrollEvent, page int, x, y float64) // see readerLayout.wheel
	resize    func(fyne.Size)
}

func newPageView() *pageView {
	v := &pageView{img: canvas.NewImageFromImage(nil), shadow: canvas.NewRectangle(color.NRGBA{0, 0, 0, 40}),
		back: canvas.NewRectangle(backdrop)}
	v.img.ScaleMode = canvas.ImageScaleFastest
	v.img.FillMode = canvas.ImageFillStretch
	v.ExtendBaseWidget(v)
	v.scroll = container.NewScroll(v)
	return v
}

// setPage shows img at the logical size sz, with marks over it.
func (v *pageView) setPage(img *image.RGBA, sz fyne.Size, marks []pageMark, perPoint float32) {
	v.img.Image = img
	v.size = sz
	v.marks.set(marks, perPoint)
	v.perPoint = perPoint
	v.Refresh()
	v.img.Refresh() // a new image needs a new texture: refreshing the widget keeps the old one
	v.scroll.Refresh()
}

// Scrolled scrolls three lines a notch, or zooms around the mouse with
// Ctrl held.
func (v *pageView) Scrolled(ev *fyne.ScrollEvent) {
	if v.wheel == nil {
		v.scroll.Scrolled(ev)
		return
	}
	page := v.pageAt(ev.Position)
	x, y := v.toPage(ev.Position, page)
	v.wheel(ev, page, x, y)
}

// pageAt returns the page shown when pos is on it.
func (v *pageView) pageAt(pos fyne.Position) int {
	p := pos.Subtract(v.origin)
	if v.page == 0 || p.X < 0 || p.Y < 0 || p.X > v.size.Width || p.Y > v.size.Height {
		return 0
	}
	return v.page
}

// toPage converts a position in the view to points on the page shown.
func (v *pageView) toPage(pos fyne.Position, _ int) (x, y float64) {
	p := pos.Subtract(v.origin)
	f := float64(max(v.perPoint, 0.01))
	return float64(p.X) / f, float64(p.Y) / f
}

// Dragged draws a selection box when the reader is selecting.
func (v *pageView) Dragged(ev *fyne.DragEvent) {
	if v.onDrag != nil {
		v.onDrag(v, &v.drag, ev)
	}
}

// DragEnd ends the selection box.
func (v *pageView) DragEnd() {
	if v.onDragEnd != nil {
		v.onDragEnd(&v.drag)
	}
}

// Tapped opens the highlight under the mouse.
func (v *pageView) Tapped(ev *fyne.PointEvent) {
	if v.onTap != nil {
		v.onTap(v, ev.Position)
	}
}

// TappedSecondary shows the right-click menu.
func (v *pageView) TappedSecondary(ev *fyne.PointEvent) {
	if v.onMenu != nil {
		v.onMenu(v, ev.Position, ev.AbsolutePosition)
	}
}

// MouseIn follows the mouse for the pointer over links.
func (v *pageView) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }

// MouseMoved notes whether the mouse is on a link.
func (v *pageView) MouseMoved(ev *desktop.MouseEvent) {
	v.pointer = v.onHover != nil && v.onHover(v, ev.Position)
}

// MouseOut forgets the link under the mouse.
func (v *pageView) MouseOut() { v.pointer = false }

// Cursor is a pointing hand on links and the file's notes.
func (v *pageView) Cursor() desktop.Cursor {
	if v.pointer {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// CreateRenderer draws the page centred in the view.
func (v *pageView) CreateRenderer() fyne.WidgetRenderer {
	return &pageRenderer{v: v}
}

type pageRenderer struct {
	v        *pageView
	lastView fyne.Size
}

func (r *pageRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.v.size.Width+2*pageGap, r.v.size.Height+2*pageGap)
}

func (r *pageRenderer) Layout(sz fyne.Size) {
	r.v.back.Resize(sz)
	x := max((sz.Width-r.v.size.Width)/2, pageGap)
	y := max((sz.Height-r.v.size.Height)/2, pageGap)
	r.v.img.Move(fyne.NewPos(x, y))
	r.v.img.Resize(r.v.size)
	r.v.shadow.Move(fyne.NewPos(x+2, y+2))
	r.v.shadow.Resize(r.v.size)
	r.v.marks.place(fyne.NewPos(x, y))
	r.v.origin = fyne.NewPos(x, y)
	if view := r.v.scroll.Size(); view != r.lastView && r.v.resize != nil {
		r.lastView = view
		r.v.resize(view)
	}
}

func (r *pageRenderer) Objects() []fyne.CanvasObject {
	return append([]fyne.CanvasObject{r.v.back, r.v.shadow, r.v.img}, r.v.marks.objs...)
}

func (r *pageRenderer) Refresh() {
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}

func (r *pageRenderer) Destroy() {}

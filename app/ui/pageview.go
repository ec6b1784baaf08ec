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

// pageGap is the margin around a page.
const pageGap = 12

// pageView shows one rendered page, centred, with highlighted find hits
// over it. It fills the scroll area, so Ctrl+wheel anywhere zooms; a plain
// wheel scrolls.
type pageView struct {
	widget.BaseWidget
	img       *canvas.Image
	shadow    *canvas.Rectangle
	marks     markSet
	page      int           // the page shown
	perPoint  float32       // logical pixels per point
	origin    fyne.Position // of the page in the view
	drag      dragTrack
	onDrag    func(pageLocator, *dragTrack, *fyne.DragEvent)
	onDragEnd func(*dragTrack)
	onTap     func(pageLocator, fyne.Position)
	size      fyne.Size // the page's logical size
	scroll    *container.Scroll
	zoom      func(in bool)
	resize    func(fyne.Size)
}

func newPageView() *pageView {
	v := &pageView{img: canvas.NewImageFromImage(nil), shadow: canvas.NewRectangle(color.NRGBA{0, 0, 0, 40})}
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

// Scrolled zooms with Ctrl held and scrolls otherwise.
func (v *pageView) Scrolled(ev *fyne.ScrollEvent) {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok && d.CurrentKeyModifiers()&fyne.KeyModifierControl != 0 {
		if v.zoom != nil && ev.Scrolled.DY != 0 {
			v.zoom(ev.Scrolled.DY > 0)
		}
		return
	}
	v.scroll.Scrolled(ev)
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
	return append([]fyne.CanvasObject{r.v.shadow, r.v.img}, r.v.marks.objs...)
}

func (r *pageRenderer) Refresh() {
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}

func (r *pageRenderer) Destroy() {}

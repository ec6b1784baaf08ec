package ui

import (
	"image"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"fieldshelf/app"
)

// zoomMode is how the page size follows the window.
type zoomMode int

const (
	zoomFitWidth zoomMode = iota
	zoomFitPage
	zoomFixed
)

// Zoom limits and step, in logical pixels per point.
const (
	zoomMin  = 0.25
	zoomMax  = 6
	zoomStep = 1.2
)

// readerLayout is how the reader lays pages out: the zoom (fit the width,
// fit the page or a fixed factor), night mode, and one page at a time
// (view) or every page in a scrolling column (strip, see readercont.go).
type readerLayout struct {
	rs      *ReaderScreen
	mode    zoomMode
	factor  float32 // logical pixels per point of the page shown
	night   bool
	shown   pageKey // the current page as last displayed
	view    *pageView
	strip   *stripView // the continuous mode's column of pages
	cont    bool       // pages scroll in one column
	jumping bool       // the column is being scrolled to a page
	want    *spot      // where to bring the view once the page is shown
}

func newReaderLayout(rs *ReaderScreen) *readerLayout {
	l := &readerLayout{rs: rs, factor: 1, view: newPageView(), strip: newStripView()}
	l.cont = rs.u.app.Preferences().Bool(prefContinuous)
	l.view.wheel, l.strip.wheel = l.wheel, l.wheel
	l.view.resize = func(fyne.Size) {
		if !l.cont {
			l.relayout()
		}
	}
	l.strip.resize = func(fyne.Size) {
		if l.cont {
			l.relayout()
		}
	}
	l.strip.scroll.OnScrolled = func(fyne.Position) { l.onStripScroll() }
	return l
}

// content places the toolbar over the side panel and the page.
func (l *readerLayout) content(bar, side fyne.CanvasObject, message fyne.CanvasObject) fyne.CanvasObject {
	hl := l.rs.hl
	l.view.onDrag, l.view.onDragEnd, l.view.onTap, l.view.onMenu = hl.onDrag, hl.onDragEnd, l.rs.onTap, hl.menu
	l.strip.onDrag, l.strip.onDragEnd, l.strip.onTap, l.strip.onMenu = hl.onDrag, hl.onDragEnd, l.rs.onTap, hl.menu
	l.view.onHover, l.strip.onHover = l.rs.onLink, l.rs.onLink
	if l.cont {
		l.view.scroll.Hide()
	} else {
		l.strip.scroll.Hide()
	}
	msg := container.NewGridWrap(fyne.NewSize(460, 240), message)
	page := container.NewStack(l.view.scroll, l.strip.scroll, container.NewCenter(msg))
	split := container.NewHSplit(side, page)
	split.Offset = 0.24
	return container.NewBorder(bar, nil, nil, nil, split)
}

// restore takes the zoom of a saved reading position.
func (l *readerLayout) restore(zoom float64) {
	switch {
	case zoom == app.ZoomFitPage:
		l.mode = zoomFitPage
	case zoom > 0:
		l.mode, l.factor = zoomFixed, float32(zoom)
	}
}

// savedZoom is the zoom a reading position keeps.
func (l *readerLayout) savedZoom() float64 {
	switch l.mode {
	case zoomFitPage:
		return app.ZoomFitPage
	case zoomFixed:
		return float64(l.factor)
	}
	return 0
}

func (l *readerLayout) setZoom(f float32) {
	l.mode, l.factor = zoomFixed, min(max(f, zoomMin), zoomMax)
	l.refit()
}

func (l *readerLayout) setMode(m zoomMode) { l.mode = m; l.refit() }

func (l *readerLayout) refit() {
	if l.rs.src == nil {
		return
	}
	l.rs.showPage()
	l.rs.savePosition()
}

// step zooms in or out one step.
func (l *readerLayout) step(in bool) {
	if in {
		l.setZoom(l.factor * zoomStep)
	} else {
		l.setZoom(l.factor / zoomStep)
	}
}

func (l *readerLayout) setNight(on bool) {
	l.night = on
	if l.rs.src != nil {
		l.rs.showPage()
	}
}

// relayout renders again when the view's size changes a fitted zoom; in
// the continuous mode it also brings the pages newly in view.
func (l *readerLayout) relayout() {
	switch {
	case l.rs.src == nil:
	case l.cont && l.mode != zoomFixed:
		l.showStrip(false)
	case l.cont:
		l.updateStrip()
	case l.mode != zoomFixed:
		l.rs.showPage()
	}
}

// zoomState is what the size of a rendered page depends on, snapshot on
// the UI goroutine so background renders need no widget.
type zoomState struct {
	mode   zoomMode
	factor float32
	view   fyne.Size
	scale  float32
	night  bool
}

func (l *readerLayout) state() zoomState {
	view := l.view.scroll.Size()
	if l.cont {
		view = l.strip.scroll.Size()
	}
	return zoomState{mode: l.mode, factor: l.factor, view: view, scale: l.rs.u.win.Canvas().Scale(), night: l.night}
}

// key computes the pixel size of page n and the zoom factor it is shown at.
func (z zoomState) key(n int, d pageDims) (pageKey, float32) {
	f := z.factor
	if z.mode != zoomFixed && z.view.Width > 4*pageGap && d.w > 0 {
		f = (z.view.Width - 2*pageGap - 8) / float32(d.w)
		if z.mode == zoomFitPage {
			f = min(f, (z.view.Height-2*pageGap)/float32(d.h))
		}
	}
	w := int(math.Round(float64(float32(d.w) * f * z.scale)))
	h := int(math.Round(float64(float32(d.h) * f * z.scale)))
	return pageKey{page: n, w: max(w, 1), h: max(h, 1), night: z.night}, f
}

// display puts a rendered page on screen with its marks.
func (l *readerLayout) display(k pageKey, f float32, img *image.RGBA) {
	l.shown = k
	if l.mode != zoomFixed {
		l.factor = f
	}
	scale := l.rs.u.win.Canvas().Scale()
	sz := fyne.NewSize(float32(k.w)/scale, float32(k.h)/scale)
	l.view.page = k.page
	l.view.setPage(img, sz, l.rs.marksOn(k.page), f)
	l.place()
	l.rs.links.load(k.page, nil)
	l.rs.bar.showZoom()
}

// refreshMarks redraws the marks of the pages shown.
func (l *readerLayout) refreshMarks() {
	if l.cont {
		for p, sl := range l.strip.slots {
			sl.marks.set(l.rs.marksOn(p), l.strip.perPoint(p))
		}
		l.strip.Refresh()
		return
	}
	if l.view.page > 0 {
		l.view.marks.set(l.rs.marksOn(l.view.page), l.view.perPoint)
		l.view.Refresh()
	}
}

// ZoomIn enlarges the page one step.
func (rs *ReaderScreen) ZoomIn() { rs.lay.step(true) }

// ZoomOut shrinks the page one step.
func (rs *ReaderScreen) ZoomOut() { rs.lay.step(false) }

// FitWidth fits the page's width to the view.
func (rs *ReaderScreen) FitWidth() { rs.lay.setMode(zoomFitWidth) }

// FitPage fits the whole page in the view.
func (rs *ReaderScreen) FitPage() { rs.lay.setMode(zoomFitPage) }

// SetNight turns night mode (an inverted page) on or off.
func (rs *ReaderScreen) SetNight(on bool) { rs.lay.setNight(on) }

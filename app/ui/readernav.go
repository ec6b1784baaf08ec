package ui

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
)

// spot is the place on a page the view is brought to when the page is
// shown: its top (the zero spot), its bottom, a place y points down the
// page (an outline entry, a link's target, a find hit), or a point kept
// under the mouse while zooming.
type spot struct {
	y      float64 // points from the page's top, put near the view's top
	bottom bool    // the page's bottom at the view's bottom
	keep   bool    // the point (x, y) of the page stays at view position at
	x      float64
	at     fyne.Position
	ifOut  bool // only when the place is not in view already
	third  bool // the place a third down the view (a find hit, with the lines before it)
}

// spotMargin is the room left above a place the view is brought to, in
// logical pixels, so that the line above it shows too.
const spotMargin = 24

// wheelLines is how many lines of text a notch of the mouse wheel scrolls
// (Adobe Reader and most desktop readers scroll three), and lineHeight the
// logical height of a line.
const (
	wheelLines = 3
	lineHeight = 18
)

// wheelNotch is the distance Fyne reports for one notch of the wheel on
// this system.
func wheelNotch() float32 {
	if runtime.GOOS == "darwin" {
		return 10
	}
	return 25
}

// wheelDistance turns a wheel event's distance into the distance to
// scroll: three lines a notch.
func wheelDistance(dy float32) float32 { return dy / wheelNotch() * wheelLines * lineHeight }

// heldModifiers returns the modifier keys held down, from the desktop
// driver; none where there is no keyboard.
func heldModifiers() fyne.KeyModifier {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()
	}
	return 0
}

// goTo shows page n (from 1), clamped to the document, with the view at
// sp on it (jump also keeps the place left, for Back).
func (rs *ReaderScreen) goTo(n int, sp spot) {
	if rs.src == nil || rs.pages == 0 {
		return
	}
	rs.page = min(max(n, 1), rs.pages)
	rs.bar.showPage()
	rs.side.showPage()
	rs.lay.want = &sp
	if rs.lay.cont {
		rs.lay.showStrip(true)
	} else {
		rs.showPage()
	}
	rs.savePosition()
}

// PageDown scrolls one screen down, and turns to the top of the next page
// from the bottom of a page (Space, Page Down).
func (rs *ReaderScreen) PageDown() { rs.lay.screenBy(1) }

// PageUp scrolls one screen up, and turns back to the bottom of the page
// before from the top of a page (Shift+Space, Page Up).
func (rs *ReaderScreen) PageUp() { rs.lay.screenBy(-1) }

// screenOverlap is how much of the last screen a screenful down keeps in
// view, so that the eye finds its line again.
const screenOverlap = 2 * lineHeight

// screenBy scrolls a screenful in direction dir (1 down, -1 up).
func (l *readerLayout) screenBy(dir float32) {
	s := l.scroll()
	l.scrollBy(dir * max(s.Size().Height-screenOverlap, lineHeight))
}

// scroll returns the scroll container showing pages.
func (l *readerLayout) scroll() *container.Scroll {
	if l.cont {
		return l.strip.scroll
	}
	return l.view.scroll
}

// scrollBy scrolls the page view by dy; from the bottom (top) of the page
// it turns to the top of the next page (the bottom of the one before). In
// the continuous mode it scrolls the column.
func (l *readerLayout) scrollBy(dy float32) {
	s := l.scroll()
	maxY := max(s.Content.Size().Height-s.Size().Height, 0)
	switch {
	case l.cont:
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, min(max(s.Offset.Y+dy, 0), maxY)))
		l.onStripScroll() // a set offset does not call OnScrolled
	case dy > 0 && s.Offset.Y >= maxY-1:
		if l.rs.page < l.rs.pages {
			l.rs.goTo(l.rs.page+1, spot{})
		}
	case dy < 0 && s.Offset.Y <= 0:
		if l.rs.page > 1 {
			l.rs.goTo(l.rs.page-1, spot{bottom: true})
		}
	default:
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, min(max(s.Offset.Y+dy, 0), maxY)))
	}
}

// wheel scrolls for a turn of the mouse wheel, three lines a notch; with
// Ctrl held it zooms around the mouse instead. (x, y) is the point of
// page under the mouse, in points (page 0: between pages).
func (l *readerLayout) wheel(ev *fyne.ScrollEvent, page int, x, y float64) {
	if l.rs.u.mods()&fyne.KeyModifierControl != 0 {
		if ev.Scrolled.DY != 0 {
			at := ev.Position.Subtract(l.scroll().Offset)
			l.zoomAround(ev.Scrolled.DY > 0, page, x, y, at)
		}
		return
	}
	if ev.Scrolled.DY == 0 {
		l.scroll().Scrolled(ev) // sideways
		return
	}
	dy := -wheelDistance(ev.Scrolled.DY)
	if !l.cont && abs32(ev.Scrolled.DY) < wheelNotch()/2 {
		// A touchpad's small steps scroll within the page only, so that
		// a swipe's momentum does not run through pages.
		s := l.scroll()
		clampOffset(s, fyne.NewPos(s.Offset.X, s.Offset.Y+dy))
		return
	}
	l.scrollBy(dy)
}

func abs32(f float32) float32 { return max(f, -f) }

// zoomAround zooms one step keeping the point (x, y) of page under the
// view position at.
func (l *readerLayout) zoomAround(in bool, page int, x, y float64, at fyne.Position) {
	if page > 0 {
		l.want = &spot{keep: true, x: x, y: y, at: at}
		if page != l.rs.page {
			l.rs.page = page
			l.rs.bar.showPage()
		}
	}
	l.step(in)
}

// place scrolls the single page view to the spot wanted, if any, once the
// page is laid out at its new size.
func (l *readerLayout) place() {
	sp := l.want
	l.want = nil
	if sp == nil {
		return
	}
	v, s := l.view, l.view.scroll
	s.Refresh() // lays the page out at its new size: origin follows
	f := float64(v.perPoint)
	off := s.Offset
	switch {
	case sp.bottom:
		off.Y = s.Content.Size().Height
	case sp.keep:
		off = fyne.NewPos(v.origin.X+float32(sp.x*f)-sp.at.X, v.origin.Y+float32(sp.y*f)-sp.at.Y)
	case sp.ifOut && inView(v.origin.Y+float32(sp.y*f), s.Offset.Y, s.Size().Height):
	case sp.y == 0:
		off.Y = 0
	default:
		off.Y = v.origin.Y + float32(sp.y*f) - sp.above(s.Size().Height)
	}
	clampOffset(s, off)
}

// above is the room left above the spot's place in a view h high.
func (sp spot) above(h float32) float32 {
	if sp.third {
		return h / 3
	}
	return spotMargin
}

// inView reports whether y lies in the upper two thirds of a view from
// top, h high.
func inView(y, top, h float32) bool { return y >= top && y <= top+h*2/3 }

// clampOffset scrolls s to off, within its content.
func clampOffset(s *container.Scroll, off fyne.Position) {
	c, v := s.Content.Size(), s.Size()
	off.X = min(max(off.X, 0), max(c.Width-v.Width, 0))
	off.Y = min(max(off.Y, 0), max(c.Height-v.Height, 0))
	s.ScrollToOffset(off)
}

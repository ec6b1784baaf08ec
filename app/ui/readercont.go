package ui

import (
	"context"
	"image"

	"fyne.io/fyne/v2"
)

// prefContinuous is the preference that keeps the continuous mode on
// between documents and runs.
const prefContinuous = "reader.continuous"

// Continuous reports whether the pages scroll in one column.
func (rs *ReaderScreen) Continuous() bool { return rs.lay.cont }

// SetContinuous switches between one page at a time and all pages in a
// scrolling column (Ctrl+L), keeping the page, and remembers the choice.
func (rs *ReaderScreen) SetContinuous(on bool) {
	l := rs.lay
	if l.cont == on {
		return
	}
	l.cont = on
	rs.u.app.Preferences().SetBool(prefContinuous, on)
	rs.bar.cont.SetChecked(on)
	rs.cancel()
	if on {
		l.view.scroll.Hide()
		l.strip.scroll.Show()
	} else {
		l.strip.release(1, 0)
		l.strip.scroll.Hide()
		l.view.scroll.Show()
	}
	if rs.src != nil {
		rs.GoTo(rs.page)
	}
}

// showStrip lays the column out for the current zoom and scrolls to the
// current page: to its top when jump is set, else keeping the view where
// it was in its page (after a zoom or a resize).
func (l *readerLayout) showStrip(jump bool) {
	rs := l.rs
	if _, ok := rs.r.knownDims(1); !ok {
		// The first page's size stands in for unknown pages: get it first.
		rs.u.background(func() { _, _ = rs.r.dims(1) }, func() {
			if _, ok := rs.r.knownDims(1); ok && l.cont && rs.ctx.Err() == nil {
				l.showStrip(jump)
			}
		})
		return
	}
	page, frac := rs.page, float32(0)
	if !jump {
		if p, f := l.strip.position(); p > 0 {
			page, frac = p, f
		}
	}
	l.layoutStrip()
	l.jumping = true
	if sp := l.want; sp != nil {
		l.want = nil
		l.placeStrip(rs.page, *sp)
	} else {
		l.strip.scrollTo(page, frac)
	}
	l.jumping = false
	l.updateStrip()
}

// layoutStrip sizes every page for the current zoom: a page whose size is
// not known yet takes the size of the page before it.
func (l *readerLayout) layoutStrip() {
	rs := l.rs
	z := l.state()
	dims := make([]pageDims, rs.pages)
	sizes := make([]fyne.Size, rs.pages)
	prev, _ := rs.r.knownDims(1)
	for i := range dims {
		d, ok := rs.r.knownDims(i + 1)
		if !ok {
			d = prev
		}
		prev = d
		k, f := z.key(i+1, d)
		dims[i], sizes[i] = d, fyne.NewSize(float32(k.w)/z.scale, float32(k.h)/z.scale)
		if i+1 == rs.page && l.mode != zoomFixed {
			l.factor = f
		}
	}
	l.strip.setSizes(dims, sizes)
	rs.bar.showZoom()
}

// onStripScroll follows the scrolling: the page most in view becomes the
// current page, and the pages near the view are rendered.
func (l *readerLayout) onStripScroll() {
	rs := l.rs
	if !l.cont || rs.src == nil || l.jumping {
		return
	}
	if p := l.strip.mostVisible(); p > 0 && p != rs.page {
		rs.page = p
		rs.bar.showPage()
		rs.side.showPage()
		rs.savePosition()
	}
	l.updateStrip()
}

// updateStrip gives the pages in view, and one more above and below, a
// slot with their image, and releases the others.
func (l *readerLayout) updateStrip() {
	s := l.strip
	first, last := s.visible()
	if first == 0 {
		return
	}
	first, last = max(first-1, 1), min(last+1, l.rs.pages)
	s.release(first, last)
	z := l.state()
	for p := first; p <= last; p++ {
		l.fillSlot(p, z)
	}
	s.Refresh()
}

// fillSlot shows page p from the cache, or renders it in the background.
// When the page turns out to have another size than the one it was laid
// out with, the column is laid out again.
func (l *readerLayout) fillSlot(p int, z zoomState) {
	rs, s := l.rs, l.strip
	assumed := s.dims[p-1]
	k, _ := z.key(p, assumed)
	sl, fresh := s.slot(p, k, z.night)
	sl.marks.set(rs.marksOn(p), s.perPoint(p))
	if !fresh {
		return
	}
	if img := rs.r.cached(k); img != nil {
		l.stripShown(p, sl, img)
		return
	}
	ctx, cancel := context.WithCancel(rs.ctx)
	sl.cancel = cancel
	var img *image.RGBA
	var d pageDims
	var err error
	rs.u.background(func() {
		if d, err = rs.r.dims(p); err != nil || d != assumed {
			return
		}
		img, err = rs.r.render(ctx, k)
	}, func() {
		switch {
		case ctx.Err() != nil || s.slots[p] != sl:
			// superseded: the page left the view or the zoom changed
		case err != nil:
			rs.fail(err)
		case d != assumed:
			l.showStrip(false)
		default:
			l.stripShown(p, sl, img)
			s.Refresh()
		}
	})
}

// stripShown puts a rendered page in its slot.
func (l *readerLayout) stripShown(p int, sl *pageSlot, img *image.RGBA) {
	sl.setImage(img)
	l.rs.links.load(p, nil)
	if p == l.rs.page {
		l.shown = sl.key
	}
}

// stripSlots returns the pages that have a slot, for tests.
func (l *readerLayout) stripSlots() (pages, images int) {
	for _, sl := range l.strip.slots {
		pages++
		if sl.img.Image != nil {
			images++
		}
	}
	return pages, images
}

// placeStrip scrolls the column to the spot sp on page p.
func (l *readerLayout) placeStrip(p int, sp spot) {
	s := l.strip
	if p < 1 || p > len(s.tops) {
		return
	}
	o, f := s.origin(p), float64(s.perPoint(p))
	view := s.scroll.Size()
	off := s.scroll.Offset
	switch {
	case sp.bottom:
		off.Y = o.Y + s.sizes[p-1].Height + pageGap - view.Height
	case sp.keep:
		off = fyne.NewPos(o.X+float32(sp.x*f)-sp.at.X, o.Y+float32(sp.y*f)-sp.at.Y)
	case sp.ifOut && inView(o.Y+float32(sp.y*f), off.Y, view.Height):
	case sp.y == 0:
		off.Y = o.Y - pageGap
	default:
		off.Y = o.Y + float32(sp.y*f) - sp.above(view.Height)
	}
	clampOffset(s.scroll, off)
}

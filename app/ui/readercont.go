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
func (rs *ReaderScreen) Continuous() bool { return rs.cont }

// SetContinuous switches between one page at a time and all pages in a
// scrolling column (Ctrl+L), keeping the page, and remembers the choice.
func (rs *ReaderScreen) SetContinuous(on bool) {
	if rs.cont == on {
		return
	}
	rs.cont = on
	rs.u.app.Preferences().SetBool(prefContinuous, on)
	rs.bar.cont.SetChecked(on)
	rs.cancel()
	if on {
		rs.view.scroll.Hide()
		rs.strip.scroll.Show()
	} else {
		rs.strip.release(1, 0)
		rs.strip.scroll.Hide()
		rs.view.scroll.Show()
	}
	if rs.src != nil {
		rs.GoTo(rs.page)
	}
}

// showStrip lays the column out for the current zoom and scrolls to the
// current page: to its top when jump is set, else keeping the view where
// it was in its page (after a zoom or a resize).
func (rs *ReaderScreen) showStrip(jump bool) {
	if _, ok := rs.r.knownDims(1); !ok {
		// The first page's size stands in for unknown pages: get it first.
		rs.u.background(func() { _, _ = rs.r.dims(1) }, func() {
			if _, ok := rs.r.knownDims(1); ok && rs.cont && rs.ctx.Err() == nil {
				rs.showStrip(jump)
			}
		})
		return
	}
	page, frac := rs.page, float32(0)
	if !jump {
		if p, f := rs.strip.position(); p > 0 {
			page, frac = p, f
		}
	}
	rs.layoutStrip()
	rs.jumping = true
	rs.strip.scrollTo(page, frac)
	rs.jumping = false
	rs.updateStrip()
}

// layoutStrip sizes every page for the current zoom: a page whose size is
// not known yet takes the size of the page before it.
func (rs *ReaderScreen) layoutStrip() {
	z := rs.zoomState()
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
		if i+1 == rs.page && rs.mode != zoomFixed {
			rs.factor = f
		}
	}
	rs.strip.setSizes(dims, sizes)
	rs.bar.showZoom()
}

// onStripScroll follows the scrolling: the page most in view becomes the
// current page, and the pages near the view are rendered.
func (rs *ReaderScreen) onStripScroll() {
	if !rs.cont || rs.src == nil || rs.jumping {
		return
	}
	if p := rs.strip.mostVisible(); p > 0 && p != rs.page {
		rs.page = p
		rs.bar.showPage()
		rs.side.showPage()
		rs.savePosition()
	}
	rs.updateStrip()
}

// updateStrip gives the pages in view, and one more above and below, a
// slot with their image, and releases the others.
func (rs *ReaderScreen) updateStrip() {
	s := rs.strip
	first, last := s.visible()
	if first == 0 {
		return
	}
	first, last = max(first-1, 1), min(last+1, rs.pages)
	s.release(first, last)
	z := rs.zoomState()
	for p := first; p <= last; p++ {
		rs.fillSlot(p, z)
	}
	s.Refresh()
}

// fillSlot shows page p from the cache, or renders it in the background.
// When the page turns out to have another size than the one it was laid
// out with, the column is laid out again.
func (rs *ReaderScreen) fillSlot(p int, z zoomState) {
	s := rs.strip
	assumed := s.dims[p-1]
	k, _ := z.key(p, assumed)
	sl, fresh := s.slot(p, k, z.night)
	sl.marks.set(rs.marksOn(p), s.perPoint(p))
	if !fresh {
		return
	}
	if img := rs.r.cache.get(k); img != nil {
		rs.stripShown(p, sl, img)
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
			rs.showStrip(false)
		default:
			rs.stripShown(p, sl, img)
			s.Refresh()
		}
	})
}

// stripShown puts a rendered page in its slot.
func (rs *ReaderScreen) stripShown(p int, sl *pageSlot, img *image.RGBA) {
	sl.setImage(img)
	if p == rs.page {
		rs.shown = sl.key
	}
}

// stripSlots returns the pages that have a slot, for tests.
func (rs *ReaderScreen) stripSlots() (pages, images int) {
	for _, sl := range rs.strip.slots {
		pages++
		if sl.img.Image != nil {
			images++
		}
	}
	return pages, images
}

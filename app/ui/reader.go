package ui

import (
	"context"
	"errors"
	"image"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

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

// ReaderScreen shows an open document: the page, a toolbar, and a side
// panel with the outline, thumbnails and annotations.
type ReaderScreen struct {
	u       *UI
	doc     app.Document
	src     PageSource
	r       *renderer
	page    int
	pages   int
	mode    zoomMode
	factor  float32 // logical pixels per point of the page shown
	night   bool
	shown   pageKey
	view    *pageView
	strip   *stripView // the continuous mode's column of pages
	cont    bool       // pages scroll in one column
	jumping bool       // the column is being scrolled to a page

	highlight bool          // a drag draws a highlight (the Highlight toggle)
	sel       *selection    // the highlight being drawn
	hlDialog  dialog.Dialog // asking for the selection's colour and note
	lastColor string        // the colour chosen last
	bar       *readerBar
	side      *readerSide
	message   *widget.Label
	content   fyne.CanvasObject
	find      finder
	cancel    context.CancelFunc // of the page being rendered and its prefetches
	ctx       context.Context
	stop      context.CancelFunc
}

// openReader opens a document at page (0: where the reader left off).
func (u *UI) openReader(d app.Document, page int) {
	if u.read != nil {
		u.closeReader()
	}
	rs := newReaderScreen(u, d)
	u.read = rs
	u.root.Add(rs.content)
	u.shelf.content.Hide()
	u.bindReaderKeys(rs)
	u.win.Canvas().Unfocus() // keys now turn pages
	rs.open("", page)
}

// closeReader goes back to the library, saving the position.
func (u *UI) closeReader() {
	if u.read == nil {
		return
	}
	u.read.close()
	u.root.Remove(u.read.content)
	u.read = nil
	u.shelf.content.Show()
	u.bindLibraryKeys()
	u.shelf.refreshDoc(u.shelf.detail.doc.ID)
}

func newReaderScreen(u *UI, d app.Document) *ReaderScreen {
	ctx, stop := context.WithCancel(u.ctx)
	rs := &ReaderScreen{u: u, doc: d, page: 1, factor: 1, ctx: ctx, stop: stop, cancel: func() {}}
	rs.view = newPageView()
	rs.view.zoom = rs.onWheelZoom
	rs.view.resize = func(fyne.Size) {
		if !rs.cont {
			rs.relayout()
		}
	}
	rs.strip = newStripView()
	rs.strip.zoom = rs.onWheelZoom
	rs.strip.resize = func(fyne.Size) {
		if rs.cont {
			rs.relayout()
		}
	}
	rs.strip.scroll.OnScrolled = func(fyne.Position) { rs.onStripScroll() }
	rs.cont = u.app.Preferences().Bool(prefContinuous)
	rs.lastColor = highlightColorNames[0]
	rs.view.onDrag, rs.view.onDragEnd, rs.view.onTap = rs.onDrag, rs.onDragEnd, rs.onTap
	rs.strip.onDrag, rs.strip.onDragEnd, rs.strip.onTap = rs.onDrag, rs.onDragEnd, rs.onTap
	rs.message = widget.NewLabel("Opening…")
	rs.message.Wrapping = fyne.TextWrapWord
	rs.message.Alignment = fyne.TextAlignCenter
	rs.bar = newReaderBar(rs)
	rs.side = newReaderSide(rs)
	rs.content = rs.layout()
	if rs.cont {
		rs.view.scroll.Hide()
	} else {
		rs.strip.scroll.Hide()
	}
	return rs
}

// open opens the document's pages in the background, asking for a password
// when it is protected.
func (rs *ReaderScreen) open(password string, page int) {
	u := rs.u
	if u.cfg.Opener == nil {
		rs.fail(errors.New("this build of Fieldshelf has no PDF engine"))
		return
	}
	if rs.doc.File == nil {
		rs.fail(errors.New("the file is not downloaded: download it first"))
		return
	}
	var src PageSource
	var pos Position
	var err error
	u.background(func() {
		if src, err = u.cfg.Opener(rs.ctx, rs.doc, password); err != nil {
			return
		}
		pos, _ = u.positions().Position(rs.ctx, rs.doc.ID)
		_ = u.lib.Opened(rs.ctx, rs.doc.ID)
	}, func() {
		switch {
		case errors.Is(err, ErrPassword):
			rs.askPassword(password != "", page)
		case err != nil:
			rs.fail(err)
		case rs.ctx.Err() != nil:
			src.Close() // the reader was closed meanwhile
		default:
			rs.ready(src, pos, page)
		}
	})
}

// ready shows the first page once the document is open.
func (rs *ReaderScreen) ready(src PageSource, pos Position, page int) {
	rs.src, rs.r, rs.pages = src, newRenderer(src), src.NumPages()
	if page <= 0 {
		page = pos.Page
	}
	switch {
	case pos.Zoom < 0:
		rs.mode = zoomFitPage
	case pos.Zoom > 0:
		rs.mode, rs.factor = zoomFixed, float32(pos.Zoom)
	}
	rs.message.Hide()
	rs.side.load()
	rs.GoTo(max(page, 1))
}

// fail shows why the document cannot be read.
func (rs *ReaderScreen) fail(err error) {
	rs.message.SetText("This document could not be opened.\n\n" + oneLine(err))
	rs.message.Show()
}

// GoTo shows page n (from 1), clamped to the document.
func (rs *ReaderScreen) GoTo(n int) {
	if rs.src == nil || rs.pages == 0 {
		return
	}
	rs.page = min(max(n, 1), rs.pages)
	rs.bar.showPage()
	rs.side.showPage()
	if rs.cont {
		rs.showStrip(true)
	} else {
		rs.showPage()
	}
	rs.savePosition()
}

// Page returns the page shown.
func (rs *ReaderScreen) Page() int { return rs.page }

// Next and Prev turn a page.
func (rs *ReaderScreen) Next() { rs.GoTo(rs.page + 1) }

// Prev goes back a page.
func (rs *ReaderScreen) Prev() { rs.GoTo(rs.page - 1) }

// relayout renders again when the view's size changes a fitted zoom; in
// the continuous mode it also brings the pages newly in view.
func (rs *ReaderScreen) relayout() {
	switch {
	case rs.src == nil:
	case rs.cont && rs.mode != zoomFixed:
		rs.showStrip(false)
	case rs.cont:
		rs.updateStrip()
	case rs.mode != zoomFixed:
		rs.showPage()
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

func (rs *ReaderScreen) zoomState() zoomState {
	view := rs.view.scroll.Size()
	if rs.cont {
		view = rs.strip.scroll.Size()
	}
	return zoomState{mode: rs.mode, factor: rs.factor, view: view,
		scale: rs.u.win.Canvas().Scale(), night: rs.night}
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

// showPage displays the current page: at once when it is cached, else
// after a background render. Then it prefetches the neighbours. In the
// continuous mode it lays the column out again instead.
func (rs *ReaderScreen) showPage() {
	if rs.cont {
		rs.showStrip(false)
		return
	}
	rs.cancel()
	ctx, cancel := context.WithCancel(rs.ctx)
	rs.cancel = cancel
	n, z := rs.page, rs.zoomState()
	if d, ok := rs.r.knownDims(n); ok {
		k, f := z.key(n, d)
		if img := rs.r.cache.get(k); img != nil {
			rs.display(k, f, img)
			rs.prefetch(ctx, n)
			return
		}
	}
	var img *image.RGBA
	var k pageKey
	var f float32
	var err error
	rs.u.background(func() {
		var d pageDims
		if d, err = rs.r.dims(n); err != nil {
			return
		}
		k, f = z.key(n, d)
		img, err = rs.r.render(ctx, k)
	}, func() {
		if ctx.Err() != nil || n != rs.page {
			return // superseded
		}
		if err != nil {
			rs.fail(err)
			return
		}
		rs.display(k, f, img)
		rs.prefetch(ctx, n)
	})
}

// display puts a rendered page on screen with its find hits.
func (rs *ReaderScreen) display(k pageKey, f float32, img *image.RGBA) {
	rs.shown = k
	if rs.mode != zoomFixed {
		rs.factor = f
	}
	scale := rs.u.win.Canvas().Scale()
	sz := fyne.NewSize(float32(k.w)/scale, float32(k.h)/scale)
	rs.view.page = k.page
	rs.view.setPage(img, sz, rs.marksOn(k.page), f)
	rs.bar.showZoom()
}

// prefetch renders the next and previous pages at the same zoom, under
// ctx, which the next page turn cancels.
func (rs *ReaderScreen) prefetch(ctx context.Context, n int) {
	z := rs.zoomState()
	for _, p := range []int{n + 1, n - 1} {
		if p < 1 || p > rs.pages {
			continue
		}
		rs.u.th.Go(func() {
			if d, err := rs.r.dims(p); err == nil && ctx.Err() == nil {
				k, _ := z.key(p, d)
				_, _ = rs.r.render(ctx, k)
			}
		})
	}
}

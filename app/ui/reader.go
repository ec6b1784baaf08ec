package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// ReaderScreen shows an open document: the page, a toolbar, and a side
// panel with the outline, thumbnails and annotations. Its parts are small
// structs of their own: the layout (zoom, night mode, one page or a
// scrolling column), the highlighter (drawing highlights over the page),
// the finder (search in the document), the toolbar and the side panel.
type ReaderScreen struct {
	u       *UI
	doc     app.Document
	src     PageSource
	r       *renderer
	page    int
	pages   int
	lay     *readerLayout
	hl      *highlighter
	find    *finder
	bar     *readerBar
	side    *readerSide
	notice  *readerNotice
	content fyne.CanvasObject
	cancel  context.CancelFunc // of the page being rendered and its prefetches
	query   string             // a library search to find once open (see openReader)
	ctx     context.Context
	stop    context.CancelFunc

	links      *linkSet              // the links of the pages shown, Back and Forward
	linkDialog *dialog.ConfirmDialog // asks whether to open a link's address
	fileDialog *dialog.CustomDialog  // shows a sticky note or form field of the file
}

// openReader opens a document at page (0: where the reader left off).
// query, when set with a page, is the library search that found the page:
// the reader finds it in the document so that its words are marked.
func (u *UI) openReader(d app.Document, page int, query string) {
	if u.read != nil {
		u.closeReader()
	}
	rs := newReaderScreen(u, d)
	if page > 0 {
		rs.query = query
	}
	u.read = rs
	u.root.Add(rs.content)
	u.shelf.content.Hide()
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
	u.shelf.refreshDoc(u.shelf.detail.doc.ID)
}

func newReaderScreen(u *UI, d app.Document) *ReaderScreen {
	ctx, stop := context.WithCancel(u.ctx)
	rs := &ReaderScreen{u: u, doc: d, page: 1, ctx: ctx, stop: stop, cancel: func() {}}
	rs.lay = newReaderLayout(rs)
	rs.hl = newHighlighter(rs)
	rs.find = &finder{rs: rs}
	rs.links = newLinkSet(rs)
	rs.notice = newReaderNotice(rs)
	rs.bar = newReaderBar(rs)
	rs.side = newReaderSide(rs)
	rs.content = rs.lay.content(rs.bar.content, rs.side.content, rs.notice.content)
	return rs
}

// open opens the document's pages in the background, asking for a password
// when it is protected.
func (rs *ReaderScreen) open(password string, page int) {
	u := rs.u
	if rs.doc.File == nil {
		rs.notice.say(lang.L("This publication is not downloaded yet: download it first."))
		return
	}
	var src PageSource
	var pos app.ReadingPosition
	var err error
	u.background(func() {
		if src, err = u.cfg.Opener(rs.ctx, rs.doc, password); err != nil {
			return
		}
		pos, _ = u.lib.ReadingPosition(rs.ctx, rs.doc.ID)
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
func (rs *ReaderScreen) ready(src PageSource, pos app.ReadingPosition, page int) {
	rs.src, rs.r, rs.pages = src, newRenderer(src, rs.u.renderBytes, rs.u.renderPages), src.NumPages()
	if page <= 0 {
		page = pos.Page
	}
	rs.lay.restore(pos.Zoom)
	rs.notice.hide()
	rs.side.load()
	rs.GoTo(max(page, 1))
	if rs.query != "" {
		rs.bar.find.SetText(rs.query)
		rs.find.searchFrom(rs.query, rs.page)
	}
}

// fail shows why the document cannot be read, and what can be done.
func (rs *ReaderScreen) fail(err error) { rs.notice.fail(err) }

// GoTo shows the top of page n (from 1), clamped to the document.
func (rs *ReaderScreen) GoTo(n int) { rs.goTo(n, spot{}) }

// Page returns the page shown.
func (rs *ReaderScreen) Page() int { return rs.page }

// Next turns to the next page.
func (rs *ReaderScreen) Next() { rs.GoTo(rs.page + 1) }

// Prev goes back a page.
func (rs *ReaderScreen) Prev() { rs.GoTo(rs.page - 1) }

// showPage displays the current page: at once when it is cached, else
// after a background render. Then it prefetches the neighbours. In the
// continuous mode it lays the column out again instead.
func (rs *ReaderScreen) showPage() {
	if rs.lay.cont {
		rs.lay.showStrip(false)
		return
	}
	rs.cancel()
	ctx, cancel := context.WithCancel(rs.ctx)
	rs.cancel = cancel
	n, z := rs.page, rs.lay.state()
	if d, ok := rs.r.knownDims(n); ok {
		k, f := z.key(n, d)
		if img := rs.r.cached(k); img != nil {
			rs.lay.display(k, f, img)
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
		rs.lay.display(k, f, img)
		rs.prefetch(ctx, n)
	})
}

// prefetch renders the next and previous pages at the same zoom, under
// ctx, which the next page turn cancels.
func (rs *ReaderScreen) prefetch(ctx context.Context, n int) {
	z := rs.lay.state()
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

// savePosition records the page and zoom in the background.
func (rs *ReaderScreen) savePosition() {
	page, zoom := rs.page, rs.lay.savedZoom()
	id, u := rs.doc.ID, rs.u
	u.th.Go(func() { _ = u.lib.SetReadingPosition(context.WithoutCancel(u.ctx), id, page, zoom) })
}

// close stops rendering and releases the document.
func (rs *ReaderScreen) close() {
	rs.cancel()
	rs.find.cancel()
	rs.stop()
	if src := rs.src; src != nil {
		rs.u.th.Go(func() { src.Close() })
	}
}

// refreshMarks redraws the marks of the pages shown.
func (rs *ReaderScreen) refreshMarks() { rs.lay.refreshMarks() }

// askPassword asks for the password of a protected document.
func (rs *ReaderScreen) askPassword(wrong bool, page int) {
	pw := newDialogPassword(rs.u)
	msg := lang.L("This document is password-protected. Enter its password to read it.")
	if wrong {
		msg = lang.L("That password did not open the document. Try again.")
	}
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	rs.notice.say(lang.L("This document is password-protected."))
	d := dialog.NewForm(lang.L("Password"), lang.L("Open"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem("", label), widget.NewFormItem(lang.L("Password"), pw)},
		func(ok bool) {
			if ok {
				rs.open(pw.Text, page)
			}
		}, rs.u.win)
	d.Resize(fyne.NewSize(420, 220))
	rs.u.showModal(d, d.Submit)
	rs.u.win.Canvas().Focus(pw)
}

// askPage asks for a page number (Ctrl+G).
func (rs *ReaderScreen) askPage() {
	e := newDialogEntry(rs.u, false)
	e.SetPlaceHolder(fmt.Sprintf("1 – %d", rs.pages))
	d := dialog.NewForm(lang.L("Go to page"), lang.L("Go"), lang.L("Cancel"), []*widget.FormItem{widget.NewFormItem(lang.L("Page"), e)},
		func(ok bool) {
			if n, err := strconv.Atoi(e.Text); ok && err == nil {
				rs.GoTo(n)
			}
		}, rs.u.win)
	rs.u.showModal(d, d.Submit)
	rs.u.win.Canvas().Focus(e)
}

package ui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// readerBar is the reader's toolbar.
type readerBar struct {
	rs      *ReaderScreen
	page    *widget.Entry
	total   *widget.Label
	zoom    *widget.Label
	night   *widget.Check
	cont    *widget.Check
	mark    *widget.Check
	find    *widget.Entry
	found   *widget.Label
	title   *widget.Label
	content fyne.CanvasObject
}

func newReaderBar(rs *ReaderScreen) *readerBar {
	b := &readerBar{rs: rs, page: widget.NewEntry(), total: widget.NewLabel("/ –"), zoom: widget.NewLabel("")}
	b.page.OnSubmitted = func(s string) {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			rs.GoTo(n)
		} else {
			b.showPage()
		}
	}
	b.night = widget.NewCheck("Night", rs.SetNight)
	b.cont = widget.NewCheck("Scroll", rs.SetContinuous)
	b.cont.Checked = rs.lay.cont
	b.mark = widget.NewCheck("Highlight", func(on bool) { rs.hl.on = on })
	b.find = widget.NewEntry()
	b.find.SetPlaceHolder("Find in document (Ctrl+F)")
	b.find.OnSubmitted = rs.find.search
	b.found = widget.NewLabel("")
	b.title = widget.NewLabelWithStyle(rs.doc.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.title.Truncation = fyne.TextTruncateEllipsis
	btn := func(icon fyne.Resource, tip string, f func()) *widget.Button {
		bt := widget.NewButtonWithIcon("", icon, f)
		bt.Importance = widget.LowImportance
		return bt
	}
	back := widget.NewButtonWithIcon("Library", theme.NavigateBackIcon(), rs.u.closeReader)
	nav := container.NewHBox(
		btn(theme.MediaSkipPreviousIcon(), "first", func() { rs.GoTo(1) }),
		btn(theme.NavigateBackIcon(), "previous", rs.Prev),
		sized(b.page, 64), b.total,
		btn(theme.NavigateNextIcon(), "next", rs.Next),
		btn(theme.MediaSkipNextIcon(), "last", func() { rs.GoTo(rs.pages) }),
		widget.NewSeparator(),
		btn(theme.ZoomOutIcon(), "zoom out", rs.ZoomOut), b.zoom,
		btn(theme.ZoomInIcon(), "zoom in", rs.ZoomIn),
		widget.NewButton("Width", rs.FitWidth), widget.NewButton("Page", rs.FitPage),
		b.cont, b.night, b.mark, widget.NewSeparator(),
		widget.NewButtonWithIcon("Bookmark", theme.ContentAddIcon(), rs.AddBookmark),
	)
	findBox := container.NewBorder(nil, nil, nil, b.found, b.find)
	top := container.NewBorder(nil, nil, back, nil, b.title)
	b.content = container.NewVBox(top, container.NewBorder(nil, nil, nav, nil, findBox), widget.NewSeparator())
	return b
}

// showPage writes the page number and count.
func (b *readerBar) showPage() {
	b.page.SetText(strconv.Itoa(b.rs.page))
	b.total.SetText(fmt.Sprintf("/ %d", b.rs.pages))
}

// showZoom writes the zoom as a percentage of 100% = 1 pixel per point at 96 DPI.
func (b *readerBar) showZoom() {
	b.zoom.SetText(fmt.Sprintf("%d%%", int(b.rs.lay.factor*100+0.5)))
}

// finder searches the open document (the toolbar's find field) and holds
// the hits, which are drawn over their pages.
type finder struct {
	rs    *ReaderScreen
	query string
	hits  []FindHit
	cur   int
}

// rectsOn returns the rectangles to highlight on a page.
func (f *finder) rectsOn(page int) []app.Rect {
	var out []app.Rect
	for _, h := range f.hits {
		if h.Page == page {
			out = append(out, h.Rects...)
		}
	}
	return out
}

// search searches the document, or goes to the next hit when the query
// did not change.
func (f *finder) search(q string) { f.searchFrom(q, 0) }

// searchFrom searches the document for q and marks the hits; with a page
// (from 1), it stays on that page, the current hit being its first, and
// the next search goes on from there; without, it goes to the first hit.
func (f *finder) searchFrom(q string, page int) {
	rs := f.rs
	q = strings.TrimSpace(q)
	if rs.src == nil || q == "" {
		return
	}
	if q == f.query && len(f.hits) > 0 {
		f.cur = (f.cur + 1) % len(f.hits)
		f.showHit()
		return
	}
	var hits []FindHit
	var err error
	src := rs.src
	rs.bar.found.SetText("Searching…")
	rs.u.background(func() { hits, err = src.Find(rs.ctx, q) }, func() {
		if err != nil {
			rs.bar.found.SetText("Search failed")
			rs.u.showError("search the document", err)
			return
		}
		f.query, f.hits, f.cur = q, hits, 0
		switch {
		case len(hits) == 0:
			rs.bar.found.SetText("No matches")
			rs.showPage()
		case page > 0:
			f.stayOn(page)
		default:
			f.showHit()
		}
	})
}

// stayOn makes the first hit on or after page the current one without
// leaving page: when it lies on a later page, the next search goes there.
func (f *finder) stayOn(page int) {
	i := sort.Search(len(f.hits), func(i int) bool { return f.hits[i].Page >= page })
	if i < len(f.hits) && f.hits[i].Page == page {
		f.cur = i
		f.showHit()
		return
	}
	f.cur = i - 1 // Enter goes to hit i, or wraps to the first
	f.rs.bar.found.SetText(fmt.Sprintf("%d matches", len(f.hits)))
	f.rs.showPage()
}

func (f *finder) showHit() {
	h := f.hits[f.cur]
	f.rs.bar.found.SetText(fmt.Sprintf("%d of %d", f.cur+1, len(f.hits)))
	f.rs.GoTo(h.Page)
}

// Find runs an in-document search, as typing in the find field would.
func (rs *ReaderScreen) Find(q string) {
	rs.bar.find.SetText(q)
	rs.find.search(q)
}

// FindStatus returns "2 of 5", "No matches" or "".
func (rs *ReaderScreen) FindStatus() string { return rs.bar.found.Text }

// Message returns the message shown instead of a page ("" when none).
func (rs *ReaderScreen) Message() string {
	return rs.notice.shown()
}

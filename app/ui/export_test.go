package ui

import (
	"fieldshelf/app"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Test hooks: widgets the black-box tests tap and read.

func (s *LibraryScreen) SearchEntry() *keyEntry      { return s.search }
func (s *LibraryScreen) OfflineCheck() *widget.Check { return s.offline }
func (s *LibraryScreen) TagSelect() *widget.Select   { return s.tag }
func (s *LibraryScreen) List() *docList              { return s.list }
func (s *LibraryScreen) Detail() *DetailPane         { return s.detail }
func (s *LibraryScreen) Loaded() int                 { return len(s.data.pages) }

func (p *DetailPane) ReadButton() *widget.Button     { return p.read }
func (p *DetailPane) DownloadButton() *widget.Button { return p.download }
func (p *DetailPane) CancelButton() *widget.Button   { return p.cancel }
func (p *DetailPane) RemoveButton() *widget.Button   { return p.remove }
func (p *DetailPane) PinCheck() *widget.Check        { return p.pin }
func (p *DetailPane) FileText() string               { return p.file.Text }
func (p *DetailPane) Title() string                  { return p.title.Text }
func (p *DetailPane) Progress() float64              { return p.progress.Value }
func (p *DetailPane) Content() any                   { return p.content }

func (b *SyncBar) SyncButton() *widget.Button { return b.syncBtn }
func (b *SyncBar) Online() string {
	if !b.online.Visible() {
		return ""
	}
	return b.online.Text
}

func (rs *ReaderScreen) Shown() (page, w, h int, night bool) {
	return rs.lay.shown.page, rs.lay.shown.w, rs.lay.shown.h, rs.lay.shown.night
}
func (rs *ReaderScreen) PageEntry() *widget.Entry { return rs.bar.page }
func (rs *ReaderScreen) Marks() int               { return len(rs.lay.view.marks.objs) }
func (rs *ReaderScreen) Factor() float32          { return rs.lay.factor }
func (rs *ReaderScreen) Cached(n int) bool {
	for _, k := range rs.r.cache.Keys() {
		if k.page == n && k.w == rs.lay.shown.w {
			return true
		}
	}
	return false
}
func (rs *ReaderScreen) OutlineTree() *widget.Tree { return rs.side.tree }

func (u *UI) TypeKey(name fyne.KeyName) { u.onKey(&fyne.KeyEvent{Name: name}) }

func (rs *ReaderScreen) DeleteAnnotation(i int) {
	rs.side.notes.list.Select(i)
	rs.side.notes.onDelete()
}
func (rs *ReaderScreen) Undo() { rs.side.notes.onUndo() }
func (rs *ReaderScreen) OpenWithPassword(pw string) {
	rs.open(pw, 0)
}

// StripSlots returns how many pages of the continuous column have canvas
// objects and how many of those have their image.
func (rs *ReaderScreen) StripSlots() (pages, images int) { return rs.lay.stripSlots() }

// StripHasSlot reports whether page p of the column has canvas objects.
func (rs *ReaderScreen) StripHasSlot(p int) bool { return rs.lay.strip.slots[p] != nil }

// ScrollStrip scrolls the continuous column by dy, as the wheel does.
func (rs *ReaderScreen) ScrollStrip(dy float32) {
	rs.lay.strip.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -dy}})
}

// StripOffset returns the column's scroll offset and the page at the top.
func (rs *ReaderScreen) StripOffset() float32 { return rs.lay.strip.scroll.Offset.Y }

// PageTop returns the y of page p's top in the column.
func (rs *ReaderScreen) PageTop(p int) float32 { return rs.lay.strip.tops[p-1] }

// StripMarks returns how many marks page p of the column shows.
func (rs *ReaderScreen) StripMarks(p int) int {
	if sl := rs.lay.strip.slots[p]; sl != nil {
		return len(sl.marks.objs)
	}
	return -1
}

// OpenFirst reads the library's selected document again.
func (u *UI) OpenFirst() { test.Tap(u.shelf.detail.read) }

// SetHighlightMode turns the Highlight toggle on or off.
func (rs *ReaderScreen) SetHighlightMode(on bool) { rs.bar.mark.SetChecked(on) }

// DragOnPage drags the mouse over the current page from point (x0, y0)
// to (x1, y1), in page points, with the events the desktop driver sends:
// each has the mouse position and the move since the last one.
func (rs *ReaderScreen) DragOnPage(x0, y0, x1, y1 float32) {
	var obj fyne.Draggable = rs.lay.view
	origin, f := rs.lay.view.origin, rs.lay.view.perPoint
	if rs.lay.cont {
		obj, origin, f = rs.lay.strip, rs.lay.strip.origin(rs.page), rs.lay.strip.perPoint(rs.page)
	}
	at := func(x, y float32) fyne.Position { return origin.Add(fyne.NewPos(x*f, y*f)) }
	prev := at(x0, y0)
	for _, k := range []float32{0.1, 0.6, 1} {
		p := at(x0+(x1-x0)*k, y0+(y1-y0)*k)
		obj.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.NewDelta(p.X-prev.X, p.Y-prev.Y)})
		prev = p
	}
	obj.DragEnd()
}

// HighlightAsked reports whether the colour and note popup is showing.
func (rs *ReaderScreen) HighlightAsked() bool { return rs.hl.dialog != nil }

// SaveHighlight answers the popup: Save with a colour and a note.
func (rs *ReaderScreen) SaveHighlight(color, note string) {
	d := rs.hl.dialog
	rs.hl.finish(rs.hl.sel, true, color, note)
	d.Hide()
}

// CancelHighlight answers the popup with Cancel.
func (rs *ReaderScreen) CancelHighlight() {
	rs.hl.dialog.Hide() // its callback answers Cancel
}

// TapOnPage taps the current page at point (x, y).
func (rs *ReaderScreen) TapOnPage(x, y float32) {
	if rs.lay.cont {
		o, f := rs.lay.strip.origin(rs.page), rs.lay.strip.perPoint(rs.page)
		test.TapAt(rs.lay.strip, o.Add(fyne.NewPos(x*f, y*f)))
		return
	}
	test.TapAt(rs.lay.view, rs.lay.view.origin.Add(fyne.NewPos(x*rs.lay.view.perPoint, y*rs.lay.view.perPoint)))
}

// Dialogs returns how many dialogs are showing.
func (u *UI) Dialogs() int { return len(u.win.Canvas().Overlays().List()) }

// RowTexts fills a row for item i as the list does and returns its title,
// meta line and third line (tags or snippet).
func (s *LibraryScreen) RowTexts(i int) (title, meta, line string) {
	r := newDocRow(s.u.th)
	s.updateRow(i, r)
	return r.title.Text, r.meta.Text, r.line.String()
}

// CountText returns the count under the list.
func (s *LibraryScreen) CountText() string { return s.count.Text }

// Matches returns the heading of the detail pane's matches and their rows.
func (p *DetailPane) Matches() (string, []fyne.Tappable) {
	if !p.matches.content.Visible() {
		return "", nil
	}
	var rows []fyne.Tappable
	for _, o := range p.matches.box.Objects {
		rows = append(rows, o.(fyne.Tappable))
	}
	return p.matches.heading.Text, rows
}

// OpenSettings opens the settings dialog, as the gear button does.
func (u *UI) OpenSettings() { u.showSettings() }

// Shortcut sends the window a shortcut, as the driver does when no field
// keeps it.
func (u *UI) Shortcut(s fyne.Shortcut) { u.win.Canvas().(fyne.Shortcutable).TypedShortcut(s) }

// Window returns the window.
func (u *UI) Window() fyne.Window { return u.win }

// ErrorDetail returns the technical text behind the error shown.
func (b *SyncBar) ErrorDetail() string { return b.errs.detail.Text }

// Speed returns the download's size, speed and time left as shown.
func (p *DetailPane) Speed() string { return p.speed.Text }

// ButtonX returns the x of a button in the window.
func (u *UI) ButtonX(b *widget.Button) float32 {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(b).X
}

// CatalogueForm is the form that adds a catalogue, as tests use it.
type CatalogueForm struct {
	URL, Password *keyEntry
	Add           *widget.Button
	f             *sourceForm
}

// Status returns what the form says of the address.
func (c CatalogueForm) Status() string { return c.f.status.String() }

// AddCatalogue opens the form that adds a catalogue.
func (u *UI) AddCatalogue() CatalogueForm {
	f := newSourcesPanel(u).showForm(app.Source{})
	return CatalogueForm{URL: f.url, Password: f.pw, Add: f.save, f: f}
}

// SaveState keeps the window's state, as closing the window does.
func (u *UI) SaveState() { u.saveState() }

// SortSelect returns the sort menu.
func (s *LibraryScreen) SortSelect() *widget.Select { return s.sort }

// FiltersFolded reports whether the filters are folded into their button.
func (s *LibraryScreen) FiltersFolded() bool { return s.filters.compact }

// Parts returns the detail pane's visible parts, top to bottom.
func (p *DetailPane) Parts() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range p.body.Objects {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

// PaneWidth returns the width the detail pane has.
func (p *DetailPane) PaneWidth() float32 { return p.content.(fyne.CanvasObject).Size().Width }

// NoticeButtons returns the Download again and Remove buttons of a reader
// that could not open its document.
func (rs *ReaderScreen) NoticeButtons() (again, remove *widget.Button) {
	return rs.notice.again, rs.notice.remove
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Test hooks: widgets the black-box tests tap and read.

func (s *LibraryScreen) SearchEntry() *widget.Entry  { return s.search }
func (s *LibraryScreen) OfflineCheck() *widget.Check { return s.offline }
func (s *LibraryScreen) TagSelect() *widget.Select   { return s.tag }
func (s *LibraryScreen) List() *widget.List          { return s.list }
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
func (b *SyncBar) Online() string             { return b.online.Text }

func (rs *ReaderScreen) Shown() (page, w, h int, night bool) {
	return rs.shown.page, rs.shown.w, rs.shown.h, rs.shown.night
}
func (rs *ReaderScreen) PageEntry() *widget.Entry { return rs.bar.page }
func (rs *ReaderScreen) Marks() int               { return len(rs.view.marks.objs) }
func (rs *ReaderScreen) Factor() float32          { return rs.factor }
func (rs *ReaderScreen) Cached(n int) bool {
	for k := range rs.r.cache.items {
		if k.page == n && k.w == rs.shown.w {
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
func (rs *ReaderScreen) StripSlots() (pages, images int) { return rs.stripSlots() }

// StripHasSlot reports whether page p of the column has canvas objects.
func (rs *ReaderScreen) StripHasSlot(p int) bool { return rs.strip.slots[p] != nil }

// ScrollStrip scrolls the continuous column by dy, as the wheel does.
func (rs *ReaderScreen) ScrollStrip(dy float32) {
	rs.strip.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -dy}})
}

// StripOffset returns the column's scroll offset and the page at the top.
func (rs *ReaderScreen) StripOffset() float32 { return rs.strip.scroll.Offset.Y }

// PageTop returns the y of page p's top in the column.
func (rs *ReaderScreen) PageTop(p int) float32 { return rs.strip.tops[p-1] }

// StripMarks returns how many marks page p of the column shows.
func (rs *ReaderScreen) StripMarks(p int) int {
	if sl := rs.strip.slots[p]; sl != nil {
		return len(sl.marks.objs)
	}
	return -1
}

// OpenFirst reads the library's selected document again.
func (u *UI) OpenFirst() { test.Tap(u.shelf.detail.read) }

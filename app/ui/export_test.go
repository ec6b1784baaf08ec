package ui

import (
	"fyne.io/fyne/v2"
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
func (rs *ReaderScreen) Marks() int               { return len(rs.view.marks) }
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

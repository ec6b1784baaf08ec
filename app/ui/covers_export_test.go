package ui

import (
	"image"

	"fyne.io/fyne/v2"
)

// Test hooks for cover thumbnails.

// NewRow makes a list row, as the list does.
func (s *LibraryScreen) NewRow() fyne.CanvasObject { return newDocRow(s.u.th) }

// BindRow shows row i in o, as the list does when o scrolls into view.
func (s *LibraryScreen) BindRow(i int, o fyne.CanvasObject) { s.updateRow(i, o) }

// RowCover returns the cover a row shows, nil for the placeholder.
func RowCover(o fyne.CanvasObject) image.Image {
	r := o.(*docRow)
	if !r.img.Visible() {
		return nil
	}
	return r.img.Image
}

// CoverImage returns the cover the detail pane shows, nil when none.
func (p *DetailPane) CoverImage() image.Image {
	if !p.cover.Visible() {
		return nil
	}
	return p.cover.Image
}

// PageLoaded reports whether the listing holds row i.
func (s *LibraryScreen) PageLoaded(i int) bool { _, ok, _ := s.data.row(i); return ok }

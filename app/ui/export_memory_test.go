package ui

import "fyne.io/fyne/v2/canvas"

// StripImage returns the image of page p in the continuous column, nil
// when the page has no slot.
func (rs *ReaderScreen) StripImage(p int) *canvas.Image {
	if sl := rs.lay.strip.slots[p]; sl != nil {
		return sl.img
	}
	return nil
}

// CachedPages returns how many rendered pages the reader's cache holds.
func (rs *ReaderScreen) CachedPages() int { return len(rs.r.cache.Keys()) }

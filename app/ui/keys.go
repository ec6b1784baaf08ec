package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// bindKeys registers the window's shortcuts once; each one acts on the
// screen that is showing.
func (u *UI) bindKeys() {
	c := u.win.Canvas()
	ctrl := func(k fyne.KeyName, f func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { f() })
	}
	ctrl(fyne.KeyF, u.onFindKey)
	ctrl(fyne.KeyB, func() { u.inReader((*ReaderScreen).AddBookmark) })
	ctrl(fyne.KeyG, func() { u.inReader((*ReaderScreen).askPage) })
	ctrl(fyne.KeyEqual, func() { u.inReader((*ReaderScreen).ZoomIn) })
	ctrl(fyne.KeyMinus, func() { u.inReader((*ReaderScreen).ZoomOut) })
	ctrl(fyne.Key0, func() { u.inReader((*ReaderScreen).FitWidth) })
	ctrl(fyne.KeyN, func() { u.inReader((*ReaderScreen).addPageNote) })
	ctrl(fyne.KeyL, func() { u.inReader(func(rs *ReaderScreen) { rs.SetContinuous(!rs.lay.cont) }) })
	ctrl(fyne.KeyO, u.openSelected)
	c.SetOnTypedKey(u.onKey)
}

// bindLibraryKeys and bindReaderKeys exist for symmetry: the shortcuts are
// bound once and dispatch on the screen shown.
func (u *UI) bindLibraryKeys() {
	if !u.keysBound {
		u.keysBound = true
		u.bindKeys()
	}
}

func (u *UI) bindReaderKeys(*ReaderScreen) { u.bindLibraryKeys() }

func (u *UI) inReader(f func(*ReaderScreen)) {
	if u.read != nil {
		f(u.read)
	}
}

func (u *UI) onFindKey() {
	if u.read != nil {
		u.win.Canvas().Focus(u.read.bar.find)
		return
	}
	u.win.Canvas().Focus(u.shelf.search)
}

// onKey handles keys typed while no field has the focus.
func (u *UI) onKey(ev *fyne.KeyEvent) {
	rs := u.read
	if rs == nil {
		u.onLibraryKey(ev)
		return
	}
	switch ev.Name {
	case fyne.KeyRight, fyne.KeyPageDown, fyne.KeySpace:
		rs.Next()
	case fyne.KeyLeft, fyne.KeyPageUp, fyne.KeyBackspace:
		rs.Prev()
	case fyne.KeyDown:
		rs.lay.scrollBy(48)
	case fyne.KeyUp:
		rs.lay.scrollBy(-48)
	case fyne.KeyHome:
		rs.GoTo(1)
	case fyne.KeyEnd:
		rs.GoTo(rs.pages)
	case fyne.KeyEscape:
		u.closeReader()
	}
}

// openSelected reads the selected document (Ctrl+O in the library).
func (u *UI) openSelected() {
	if d := u.shelf.detail.doc; u.read == nil && d.ID != 0 && d.File != nil {
		u.openReader(d, u.shelf.detail.page, u.shelf.detail.query)
	}
}

// onLibraryKey moves the selection with the arrows and opens it with Enter.
func (u *UI) onLibraryKey(ev *fyne.KeyEvent) {
	s := u.shelf
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		u.openSelected()
	case fyne.KeyDown:
		s.moveSelection(1)
	case fyne.KeyUp:
		s.moveSelection(-1)
	}
}
